package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/questionnaires"
)

// v1File is version 1 of the default questionnaire as it shipped before
// version 2 (git show 7c91cbe:questionnaires/gemeente-datagedreven.yaml).
const v1File = "testdata/gemeente-datagedreven-v1.yaml"

// versionResult is the part of `results --json` the v1-beside-v2 check reads.
type versionResult struct {
	Questionnaire struct {
		ID      string `json:"id"`
		Version int    `json:"version"`
	} `json:"questionnaire"`
	Assessment struct {
		ID    int64  `json:"id"`
		Round string `json:"round"`
	} `json:"assessment"`
	Overall struct {
		Score         float64 `json:"score"`
		Level         int     `json:"level"`
		UncappedLevel int     `json:"uncapped_level"`
		MinimumCapped bool    `json:"minimum_capped"`
		LevelName     string  `json:"level_name"`
		Change        *struct {
			Assessment int64   `json:"assessment"`
			Round      string  `json:"round"`
			Earlier    float64 `json:"earlier"`
			Delta      float64 `json:"delta"`
			Direction  string  `json:"direction"`
		} `json:"change"`
	} `json:"overall"`
	Dimensions []struct {
		ID     string  `json:"id"`
		Score  float64 `json:"score"`
		Change *struct {
			Earlier   float64 `json:"earlier"`
			Delta     float64 `json:"delta"`
			Margin    float64 `json:"margin"`
			Direction string  `json:"direction"`
		} `json:"change"`
	} `json:"dimensions"`
	Minimums []struct {
		Question string `json:"question"`
		Status   string `json:"status"`
	} `json:"minimums"`
}

// roundCSV writes one round of three respondents, A, B and C, who answer
// every question of q at level, except where an answer says otherwise.
func roundCSV(t *testing.T, q *questionnaire.Questionnaire, round string, level int, except map[string]string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("department,assessment,respondent,question,level,note\n")
	for _, r := range []string{"A", "B", "C"} {
		for _, x := range q.Questions() {
			v := fmt.Sprint(level)
			if e, ok := except[r+" "+x.ID]; ok {
				v = e
			}
			fmt.Fprintf(&b, "Burgerzaken,%s,%s,%s,%s,\n", round, r, x.ID, v)
		}
	}
	path := filepath.Join(t.TempDir(), round+".csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func readVersionResult(t *testing.T, out string) versionResult {
	t.Helper()
	var r versionResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	return r
}

// TestQuestionnaireV2_BesideV1: a round answered on version 1 of the
// default questionnaire keeps its own snapshot, scores and reports on it,
// and stands beside a later round of the same department on version 2:
// the change between them is matched by dimension id, the v1 round keeps
// its level names and has no legal minimums, the v2 round is capped by the
// one it breaks.
func TestQuestionnaireV2_BesideV1(t *testing.T) {
	v1, err := questionnaire.LoadFile(v1File)
	if err != nil {
		t.Fatal(err)
	}
	v2, err := questionnaires.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	if v1.ID != v2.ID || v1.Version != 1 || v2.Version != 2 || len(v1.Minimums()) != 0 {
		t.Fatalf("v1 %s version %d with %d minimums, v2 %s version %d; want one id, versions 1 and 2, no minimums in v1",
			v1.ID, v1.Version, len(v1.Minimums()), v2.ID, v2.Version)
	}
	vars := home(t)
	db := filepath.Join(t.TempDir(), "m.db")
	// Round 2025-06 on version 1: everyone at level 2, but C answers the
	// first question at 3, so that descriptive has an interval.
	mustRun(t, vars, "import", roundCSV(t, v1, "2025-06", 2, map[string]string{"C desc-reporting": "3"}), "--questionnaire", v1File, "--db", db)
	// Round 2026-06 on version 2: everyone at level 4, but former staff
	// keep their access (sec-access-roles at 1), a legal minimum unmet.
	mustRun(t, vars, "import", roundCSV(t, v2, "2026-06", 4, map[string]string{"A sec-access-roles": "1", "B sec-access-roles": "1", "C sec-access-roles": "1"}), "--db", db)

	latest := readVersionResult(t, mustRun(t, vars, "results", "--department", "Burgerzaken", "--json", "--lang", "en", "--db", db))
	if latest.Questionnaire.Version != 2 || latest.Assessment.Round != "2026-06" {
		t.Fatalf("latest round %s on version %d; want 2026-06 on version 2", latest.Assessment.Round, latest.Questionnaire.Version)
	}
	c := latest.Overall.Change
	if c == nil || c.Round != "2025-06" || c.Direction != "improvement" {
		t.Fatalf("overall change %+v; want an improvement since 2025-06", c)
	}
	earlier := readVersionResult(t, mustRun(t, vars, "results", "--assessment", fmt.Sprint(c.Assessment), "--json", "--lang", "en", "--db", db))
	if earlier.Questionnaire.Version != 1 || earlier.Assessment.Round != "2025-06" {
		t.Fatalf("earlier round %s on version %d; want 2025-06 on version 1", earlier.Assessment.Round, earlier.Questionnaire.Version)
	}

	// Version 1 scores on its own snapshot: its level names are Gartner's
	// and it has no legal minimums. descriptive = (7/3 + 2 + 2) / 3; the
	// other fifteen dimensions are 2.
	const desc1 = 19.0 / 9
	if want := (desc1 + 15*2) / 16; math.Abs(earlier.Overall.Score-want) > 1e-9 || earlier.Overall.Level != 2 || earlier.Overall.LevelName != "Opportunistic" || len(earlier.Minimums) != 0 {
		t.Errorf("v1 round: score %v level %d %q, %d minimums; want %v, level 2 Opportunistic, none", earlier.Overall.Score, earlier.Overall.Level, earlier.Overall.LevelName, len(earlier.Minimums), want)
	}
	// Version 2: information security = (1 + 4 + 4 + 4) / 4, the rest 4;
	// level 3 by its score, capped at 2 by the one unmet minimum of ten.
	if want := (3.25 + 15*4) / 16; math.Abs(latest.Overall.Score-want) > 1e-9 || latest.Overall.UncappedLevel != 3 || latest.Overall.Level != 2 ||
		!latest.Overall.MinimumCapped || latest.Overall.LevelName != "Ad hoc" {
		t.Errorf("v2 round: score %v, level %d of %d %q, minimum capped %v; want %v, level 3 capped to 2 Ad hoc", latest.Overall.Score,
			latest.Overall.Level, latest.Overall.UncappedLevel, latest.Overall.LevelName, latest.Overall.MinimumCapped, want)
	}
	var unmet []string
	for _, m := range latest.Minimums {
		if m.Status == "unmet" {
			unmet = append(unmet, m.Question)
		}
	}
	if len(latest.Minimums) != len(v2.Minimums()) || strings.Join(unmet, ",") != "sec-access-roles" {
		t.Errorf("v2 minimums: %d, unmet %v; want %d, only sec-access-roles", len(latest.Minimums), unmet, len(v2.Minimums()))
	}
	if want := (3.25+15*4)/16 - (desc1+15*2)/16; math.Abs(c.Delta-want) > 1e-9 {
		t.Errorf("overall delta %v; want %v", c.Delta, want)
	}

	// Every dimension is matched by id across the versions, whatever
	// questions it holds in each: descriptive keeps its three questions,
	// privacy-ethics grew from three to six, security-access lost one and
	// gained two.
	want := map[string][2]float64{ // earlier score, delta
		"descriptive":     {desc1, 4 - desc1},
		"privacy-ethics":  {2, 2},
		"security-access": {2, 1.25},
		"collaboration":   {2, 2},
	}
	matched := 0
	for _, d := range latest.Dimensions {
		if d.Change == nil {
			t.Errorf("dimension %s has no change since the v1 round", d.ID)
			continue
		}
		matched++
		if w, ok := want[d.ID]; ok && (math.Abs(d.Change.Earlier-w[0]) > 1e-9 || math.Abs(d.Change.Delta-w[1]) > 1e-9 || d.Change.Direction != "improvement") {
			t.Errorf("%s: change %+v; want from %v by %v, an improvement", d.ID, *d.Change, w[0], w[1])
		}
	}
	if matched != 16 {
		t.Errorf("%d dimensions matched by id; want 16", matched)
	}

	// As a reader sees it: the text result names version 2 and the
	// change since the v1 round; the department report shows both rounds.
	text := mustRun(t, vars, "results", "--department", "Burgerzaken", "--lang", "en", "--db", db)
	for _, w := range []string{"datagedreven version 2", "Maturity: level 2 Ad hoc", "since round 2025-06: +1.9", "✗ unmet  GDPR art. 32"} {
		if !strings.Contains(text, w) {
			t.Errorf("results lack %q:\n%s", w, text)
		}
	}
	html := filepath.Join(t.TempDir(), "report.html")
	mustRun(t, vars, "report", "--department", "Burgerzaken", "--format", "html", "--lang", "en", "-o", html, "--db", db)
	page, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"(version 2)", "Since round 2025-06", `<th scope="row">2025-06</th><td class="num">2.0</td>`, `<th scope="row">2026-06</th><td class="num">3.9</td>`} {
		if !strings.Contains(string(page), w) {
			t.Errorf("the report lacks %q", w)
		}
	}
}
