package main

import (
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The legacy fixtures were written by the release before the one scale:
// testdata/legacy-v2.db.gz is a database of schema version 2 into which that
// release imported testdata/legacy-answers.csv (options 0–4 in a column
// named answer), and testdata/legacy-v2-results.json is what its
// `results --json` said of that round (scores on 0–4).

// legacyResult is the part of a result the legacy check compares.
type legacyResult struct {
	Overall struct {
		Score *float64 `json:"score"`
		Level int      `json:"level"`
	} `json:"overall"`
	Groups []struct {
		ID    string   `json:"id"`
		Score *float64 `json:"score"`
	} `json:"groups"`
	Dimensions []struct {
		ID    string   `json:"id"`
		Score *float64 `json:"score"`
		Level int      `json:"level"`
	} `json:"dimensions"`
	Questions []struct {
		ID            string   `json:"id"`
		Score         *float64 `json:"score"`
		N             int      `json:"n"`
		DontKnow      int      `json:"dont_know"`
		NotApplicable int      `json:"not_applicable"`
		Counts        [5]int   `json:"counts"`
		Min           *int     `json:"min"`
		Max           *int     `json:"max"`
	} `json:"questions"`
}

func gunzipTo(t *testing.T, src, dst string) {
	t.Helper()
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, zr); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

func readLegacyResult(t *testing.T, b []byte) legacyResult {
	t.Helper()
	var r legacyResult
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("%v in\n%s", err, b)
	}
	return r
}

// TestLegacyDatabase opens a database written before the one scale: every
// answer becomes its level (option + 1), so every score is the old one + 1
// and every distribution the same counts; levels are reached by floor; the
// export writes the levels; and importing the old CSV (column answer) into
// a new database gives the same result as migrating the old database.
func TestLegacyDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "legacy.db")
	gunzipTo(t, filepath.Join("testdata", "legacy-v2.db.gz"), db)
	raw, err := os.ReadFile(filepath.Join("testdata", "legacy-v2-results.json"))
	if err != nil {
		t.Fatal(err)
	}
	old := readLegacyResult(t, raw)

	vars := home(t)
	r := maturity(t, vars, "--db", db, "results", "--department", "Burgerzaken", "--json")
	if r.code != 0 {
		t.Fatalf("results on the legacy database: exit %d\n%s", r.code, r.stderr)
	}
	var format struct {
		Format int `json:"format"`
	}
	_ = json.Unmarshal([]byte(r.stdout), &format)
	if format.Format != 2 {
		t.Errorf("format = %d; want 2", format.Format)
	}
	now := readLegacyResult(t, []byte(r.stdout))
	plusOne := func(what string, before, after *float64) {
		t.Helper()
		switch {
		case before == nil && after == nil:
		case before == nil || after == nil:
			t.Errorf("%s: %v → %v", what, before, after)
		case math.Abs(*after-(*before+1)) > 1e-9:
			t.Errorf("%s = %v; want the old %v + 1", what, *after, *before)
		}
	}
	plusOne("overall", old.Overall.Score, now.Overall.Score)
	// The old overall 1.546 was level 3 by rounding; 2.546 reaches level 2.
	if now.Overall.Level != 2 {
		t.Errorf("overall level = %d; want 2 (score %v)", now.Overall.Level, *now.Overall.Score)
	}
	if len(now.Groups) != len(old.Groups) || len(now.Dimensions) != len(old.Dimensions) || len(now.Questions) != len(old.Questions) {
		t.Fatalf("%d groups, %d dimensions, %d questions; want %d, %d, %d", len(now.Groups), len(now.Dimensions), len(now.Questions), len(old.Groups), len(old.Dimensions), len(old.Questions))
	}
	for i, g := range old.Groups {
		plusOne("group "+g.ID, g.Score, now.Groups[i].Score)
	}
	for i, d := range old.Dimensions {
		n := now.Dimensions[i]
		plusOne("dimension "+d.ID, d.Score, n.Score)
		if n.Score != nil && n.Level != int(math.Floor(*n.Score+1e-9)) {
			t.Errorf("dimension %s: level %d at score %v", d.ID, n.Level, *n.Score)
		}
	}
	for i, q := range old.Questions {
		n := now.Questions[i]
		plusOne("question "+q.ID, q.Score, n.Score)
		if n.ID != q.ID || n.N != q.N || n.DontKnow != q.DontKnow || n.NotApplicable != q.NotApplicable || n.Counts != q.Counts {
			t.Errorf("question %s: %+v; want the counts of %+v", q.ID, n, q)
		}
		if q.Min != nil && (*n.Min != *q.Min+1 || *n.Max != *q.Max+1) {
			t.Errorf("question %s: range %d–%d; want %d–%d", q.ID, *n.Min, *n.Max, *q.Min+1, *q.Max+1)
		}
	}

	// The export writes every answer as its level.
	legacy := readCSV(t, filepath.Join("testdata", "legacy-answers.csv"))
	out := filepath.Join(dir, "export.csv")
	if r := maturity(t, vars, "--db", db, "export", "-o", out); r.code != 0 {
		t.Fatalf("export: exit %d\n%s", r.code, r.stderr)
	}
	exported := readCSV(t, out)
	if got := strings.Join(exported[0], ","); got != "department,assessment,respondent,question,level,note" {
		t.Errorf("export header = %s", got)
	}
	want := map[string]string{}
	for _, row := range legacy[1:] {
		if row[4] == "" {
			continue
		}
		v := row[4]
		if n, err := strconv.Atoi(v); err == nil {
			v = strconv.Itoa(n + 1)
		}
		want[row[2]+"/"+row[3]] = v
	}
	got := map[string]string{}
	for _, row := range exported[1:] {
		if row[4] != "" {
			got[row[2]+"/"+row[3]] = row[4]
		}
	}
	if len(got) != len(want) || len(want) != 240 {
		t.Errorf("exported %d answers; want %d (of 240)", len(got), len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("answer %s exported as %q; want %q", k, got[k], v)
		}
	}

	// The old CSV imported anew reads its answer column as options 0–4. It
	// answers version 1 of the default questionnaire, which it is checked
	// against.
	fresh := filepath.Join(dir, "fresh.db")
	if r := maturity(t, vars, "--db", fresh, "import", filepath.Join("testdata", "legacy-answers.csv"), "--questionnaire", v1File); r.code != 0 {
		t.Fatalf("import of the legacy CSV: exit %d\n%s", r.code, r.stderr)
	}
	r2 := maturity(t, vars, "--db", fresh, "results", "--department", "Burgerzaken", "--json")
	imported := readLegacyResult(t, []byte(r2.stdout))
	a, _ := json.Marshal(imported)
	b, _ := json.Marshal(now)
	if string(a) != string(b) {
		t.Errorf("the legacy CSV imported anew scores\n%s\nthe migrated database\n%s", a, b)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}
