package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

// withDB is an environment with a fresh data directory and database path.
func withDB(t *testing.T) map[string]string {
	vars := home(t)
	vars["MATURITY_DB"] = filepath.Join(t.TempDir(), "m.db")
	return vars
}

func mustRun(t *testing.T, vars map[string]string, args ...string) string {
	t.Helper()
	r := maturity(t, vars, args...)
	if r.code != 0 {
		t.Fatalf("maturity %s: exit %d\n%s%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

// TestResults_WorkedExample imports the README's worked example and checks
// that results --json gives its figures.
func TestResults_WorkedExample(t *testing.T) {
	vars := withDB(t)
	q := "--questionnaire=testdata/example.yaml"
	out := mustRun(t, vars, "import", "testdata/worked-example.csv", q)
	if !strings.Contains(out, "18 antwoorden en 0 notities in 18 rijen (nieuw: 1 afdeling, 1 ronde, 3 respondenten)") {
		t.Errorf("import said: %s", out)
	}
	mustRun(t, vars, "targets", "--department", "Example", "--set", "quality=3", "--set", "diagnostic=5")
	mustRun(t, vars, "targets", "--department", "Example", "--assessment", "1", "--set", "diagnostic=3")

	var doc struct {
		Format        int
		Department    string
		Respondents   int
		Questionnaire struct{ ID string }
		Overall       struct {
			Score         float64
			Level, Cap    int
			UncappedLevel int    `json:"uncapped_level"`
			LevelName     string `json:"level_name"`
			Capped        bool
			CappedBy      []string `json:"capped_by"`
			MinimumCapped bool     `json:"minimum_capped"`
			Interval      *[2]float64
			Confidence    string
			Change        *struct{}
		}
		Stage struct {
			Reached    string
			BlockedBy  string  `json:"blocked_by"`
			StageLevel float64 `json:"stage_level"`
		}
		Dimensions []struct {
			ID           string
			Score        *float64
			Level        int
			Target       int
			TargetSource string `json:"target_source"`
			Gap          int
			Confidence   string
			Interval     *[2]float64
		}
		Questions []struct {
			ID      string
			Score   float64
			Flagged bool
			Counts  [5]int
			Visible bool
		}
		Minimums        []struct{}
		Recommendations []struct {
			Kind      string
			Dimension string
			Level     int
			Text      string
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, vars, "results", "--department", "example", "--json")), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Format != 2 || doc.Department != "Example" || doc.Respondents != 3 || doc.Questionnaire.ID != "example" || doc.Minimums == nil || len(doc.Minimums) != 0 {
		t.Errorf("header = %+v", doc)
	}
	o := doc.Overall
	h := 2.919986 * 7 / 24 / math.Sqrt(3)
	if math.Abs(o.Score-433.0/144) > 1e-9 || o.Level != 2 || o.UncappedLevel != 3 || o.LevelName != "Opportunistic" || !o.Capped || strings.Join(o.CappedBy, ",") != "governance" || o.MinimumCapped {
		t.Errorf("overall = %+v; want 433/144, level 3 capped to 2 Opportunistic by governance", o)
	}
	if o.Interval == nil || math.Abs(o.Interval[0]-(433.0/144-h)) > 1e-6 || math.Abs(o.Interval[1]-(433.0/144+h)) > 1e-6 || o.Confidence != "medium" || o.Change != nil {
		t.Errorf("overall estimate = %+v; want ±%.6f, medium, no change", o, h)
	}
	if doc.Stage.Reached != "descriptive" || doc.Stage.BlockedBy != "diagnostic" || doc.Stage.StageLevel != 3 {
		t.Errorf("stage = %+v", doc.Stage)
	}
	// Confidence: x1 (1, 3, 2) has h = 2.920 · 1/√3 ≈ 1.69: low; quality's
	// own scores 4/3, 5/3, 1 give h ≈ 0.56: medium; skills all 5: h = 0.
	want := map[string]string{
		"descriptive": "3.583333 3 4 default 1 medium",
		"diagnostic":  "2.000000 2 3 assessment 1 low",
		"quality":     "1.444444 1 3 department 2 medium",
		"skills":      "5.000000 5 4 default 0 medium",
	}
	for _, d := range doc.Dimensions {
		got := fmt.Sprintf("%.6f %d %d %s %d %s", *d.Score, d.Level, d.Target, d.TargetSource, d.Gap, d.Confidence)
		if got != want[d.ID] {
			t.Errorf("dimension %s = %s; want %s", d.ID, got, want[d.ID])
		}
	}
	for _, x := range doc.Questions {
		if x.Flagged != (x.ID == "x1") {
			t.Errorf("question %s flagged = %v", x.ID, x.Flagged)
		}
		if x.ID == "x1" && (x.Counts != [5]int{1, 1, 1, 0, 0} || !x.Visible) {
			t.Errorf("x1 counts %v, visible %v; want [1 1 1 0 0], visible", x.Counts, x.Visible)
		}
		if x.ID == "d1" && x.Visible {
			t.Errorf("d1, with two scored answers, is visible")
		}
	}
	type rec struct{ Kind, Dimension, Text string }
	wantRecs := []rec{
		{"stage", "diagnostic", "Investigate deviations by a fixed method."},
		{"foundation", "quality", "Write down quality rules."},
		{"gap", "descriptive", "Share them across the organisation."},
	}
	if len(doc.Recommendations) != len(wantRecs) {
		t.Fatalf("recommendations = %+v; want %+v", doc.Recommendations, wantRecs)
	}
	for i, w := range wantRecs {
		r := doc.Recommendations[i]
		if (rec{r.Kind, r.Dimension, r.Text}) != w {
			t.Errorf("recommendation %d = %+v; want %+v", i+1, r, w)
		}
	}

	text := mustRun(t, vars, "results", "--department", "Example")
	for _, w := range []string{
		"Example — round 2026-11 (self-assessment, closed ",
		"Maturity: level 2 Opportunistic\n  score 3.0 [2.5–3.5] · confidence medium\n  capped by the foundations: Governance at level 1, so at most level 2\n  without the caps level 3\n",
		"Analytics stage: Descriptive reached · blocked by Diagnostic (a stage counts from score 3)",
		"  Descriptive      3.6    3 Systematic        4       1    [3.1–4.1]  medium      5         1   0\n",
		"  Diagnostic       2.0    2 Opportunistic     3       1    [1.0–3.7]  low         3         0   0\n",
		"1. Next stage: Diagnostic (level 2 → 3): Investigate deviations by a fixed method.",
		"2. Foundation: Quality (level 1 → 2): Write down quality rules.",
		"3. Towards the target: Descriptive (level 3 → 4): Share them across the organisation.",
		"[x1] Root causes?  (levels 1–3, score 2.0, n=3)",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("results text lacks %q:\n%s", w, text)
		}
	}
	overview := mustRun(t, vars, "results", "--lang", "en")
	if !strings.Contains(overview, "Example     2026-11  3            3.0    2 Opportunistic (capped)  Descriptive  medium") {
		t.Errorf("overview:\n%s", overview)
	}
	var all []json.RawMessage
	if err := json.Unmarshal([]byte(mustRun(t, vars, "results", "--json")), &all); err != nil || len(all) != 1 {
		t.Errorf("results --json without a department = %d docs, %v", len(all), err)
	}
}

// fileState is the bytes of the database and its WAL, to check that a
// rejected command changed nothing.
func fileState(t *testing.T, db string) string {
	h := sha256.New()
	for _, p := range []string{db, db + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		h.Write(b)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestImport_RejectedLeavesDatabaseUnchanged: each bad file exits 2 with
// its messages and the database stays byte-for-byte the same.
func TestImport_RejectedLeavesDatabaseUnchanged(t *testing.T) {
	vars := withDB(t)
	mustRun(t, vars, "import", "testdata/example.csv", "--questionnaire=testdata/example.yaml")
	dir := t.TempDir()
	files := map[string]string{
		"bad-level.csv":    "department,assessment,respondent,question,level,note\nExample,2026-12,A,d1,6,\n",
		"bad-legacy.csv":   "department,assessment,respondent,question,answer,note\nExample,2026-12,A,d1,5,\n",
		"both-columns.csv": "department,assessment,respondent,question,answer,level,note\nExample,2026-12,A,d1,1,2,\n",
		"bad-question.csv": "department,assessment,respondent,question,level,note\nExample,2026-12,A,zz,1,\n",
		"duplicate.csv":    "department;assessment;respondent;question;level;note\nExample;2026-12;A;d1;1;\nExample;2026-12;A;d1;2;\n",
		"garbage.csv":      "\x00\x01\x02\xff",
		"empty.csv":        "",
		"bad.json":         `[{"department": "Example", "assessment": "2026-12", "respondent": "A", "question": "d1", "level": 9}]`,
		// Valid rows, but the round exists on another questionnaire file.
		"other-file.csv": "department,assessment,respondent,question,level,note\nExample,2026-11,A,desc-reporting,1,\n",
	}
	before := fileState(t, vars["MATURITY_DB"])
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		r := maturity(t, vars, "import", path)
		if name != "other-file.csv" {
			r = maturity(t, vars, "import", path, "--questionnaire=testdata/example.yaml")
		}
		if r.code != 2 || r.stderr == "" {
			t.Errorf("import %s: exit %d, stderr %q; want exit 2 with a message", name, r.code, r.stderr)
		}
		if !strings.Contains(r.stderr, name) && name != "other-file.csv" {
			t.Errorf("import %s: the message does not name the file: %s", name, r.stderr)
		}
		if after := fileState(t, vars["MATURITY_DB"]); after != before {
			t.Errorf("import %s changed the database", name)
		}
	}
}

func TestExportImport_RoundTrip(t *testing.T) {
	vars := withDB(t)
	mustRun(t, vars, "import", "testdata/example.csv", "--questionnaire=testdata/example.yaml")
	dir := t.TempDir()
	for _, format := range []string{"csv", "json"} {
		first := filepath.Join(dir, "first."+format)
		mustRun(t, vars, "export", "-o", first)
		other := withDB(t)
		mustRun(t, other, "import", first, "--questionnaire=testdata/example.yaml")
		second := filepath.Join(dir, "second."+format)
		mustRun(t, other, "export", "--format", format, "-o", second)
		a, _ := os.ReadFile(first)
		b, _ := os.ReadFile(second)
		if string(a) != string(b) || len(a) < 100 {
			t.Errorf("%s: export → import → export differs:\n%s\n---\n%s", format, a, b)
		}
	}
	stdout := mustRun(t, vars, "export", "--department", "example")
	// testdata/example.csv has the legacy answer column: its 3 is level 4.
	if !strings.HasPrefix(stdout, "department,assessment,respondent,question,level,note\nExample,2026-11,A,d1,4,\n") {
		t.Errorf("export to stdout:\n%s", stdout)
	}
}

// TestDatabaseErrors: a file that is not a database and a database from a
// newer maturity exit 2 with a clear message.
func TestDatabaseErrors(t *testing.T) {
	vars := home(t)
	notDB := filepath.Join(t.TempDir(), "answers.csv")
	os.WriteFile(notDB, []byte(strings.Repeat("department,assessment\n", 300)), 0o644)
	r := maturity(t, vars, "--db", notDB, "results")
	if r.code != 2 || !strings.Contains(r.stderr, "is not a maturity database") {
		t.Errorf("not a database: exit %d, %s", r.code, r.stderr)
	}
	empty := filepath.Join(t.TempDir(), "x.db")
	st, err := store.Open(context.Background(), empty)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	r = maturity(t, vars, "--db", empty, "results", "--department", "Nergens")
	if r.code != 2 || !strings.Contains(r.stderr, `unknown department "Nergens" (there is no department yet)`) {
		t.Errorf("unknown department: exit %d, %s", r.code, r.stderr)
	}
}

// TestDefaultDatabasePath: without --db and MATURITY_DB the database is
// created in the data directory, parent folders included.
func TestDefaultDatabasePath(t *testing.T) {
	vars := home(t)
	mustRun(t, vars, "department", "add", "Burgerzaken")
	want := filepath.Join(vars["XDG_DATA_HOME"], "maturity", "maturity.db")
	if _, err := os.Stat(want); err != nil {
		t.Errorf("no database at %s: %v", want, err)
	}
	if out := mustRun(t, vars, "department", "list"); !strings.Contains(out, "Burgerzaken") {
		t.Errorf("department list:\n%s", out)
	}
}

// TestSQLiteCLI: the real sqlite3 program opens the database and finds it sound.
func TestSQLiteCLI(t *testing.T) {
	sqlite3 := needTool(t, "sqlite3", "sqlite3")
	vars := withDB(t)
	mustRun(t, vars, "import", "testdata/example.csv", "--questionnaire=testdata/example.yaml")
	out, err := exec.Command(sqlite3, vars["MATURITY_DB"], "PRAGMA integrity_check; SELECT count(*), sum(score) FROM answers; SELECT name FROM departments;").CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3: %v\n%s", err, out)
	}
	// 18 answers, stored as levels: the legacy answers 3+2+2+3+3+0+2+1+0+1+1+0+0+4+3+4 = 29
	// of example.csv, each one higher, sum to 29 + 16 = 45 (dk and na have no score).
	if got := string(out); got != "ok\n18|45\nExample\n" {
		t.Errorf("sqlite3 said:\n%s", got)
	}
}

// needTool returns the path of a command-line tool a test drives. CI
// installs every one (.ci/run); elsewhere the test skips without it.
func needTool(t *testing.T, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed; .ci/run installs it", name)
		}
		t.Skipf("%s is not installed (apt-get install %s)", name, debianPackage)
	}
	return path
}
