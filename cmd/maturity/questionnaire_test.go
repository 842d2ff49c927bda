package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestQuestionnaireShow_Text(t *testing.T) {
	vars := home(t)
	en := maturity(t, vars, "questionnaire", "show", "--lang", "en")
	if en.code != 0 {
		t.Fatalf("exit %d: %s", en.code, en.stderr)
	}
	for _, want := range []string{
		"Data-driven working in the municipality (gemeente-datagedreven, version 2)",
		"Levels: 1 Initial · 2 Ad hoc · 3 Defined · 4 Managed · 5 Continuously improving",
		"1  USE OF DATA ANALYSIS  (stages, in order)",
		"[desc-reporting]",
		"Recommendations (from a level to the next):",
		"4 → 5  ",
	} {
		if !strings.Contains(en.stdout, want) {
			t.Errorf("English listing lacks %q", want)
		}
	}
	nl := maturity(t, vars, "questionnaire", "show")
	if nl.code != 0 || !strings.Contains(nl.stdout, "Niveaus: 1 Beginnend · 2 Ad hoc") || !strings.Contains(nl.stdout, "GEBRUIK VAN DATA-ANALYSE") {
		t.Errorf("the default language is not Dutch:\n%.400s", nl.stdout)
	}
	// Every line fits the default width of 100 columns.
	for _, line := range strings.Split(en.stdout, "\n") {
		if n := len([]rune(line)); n > 100 {
			t.Errorf("line of %d columns: %q", n, line)
		}
	}
}

// TestQuestionnaireShow_JSON: valid JSON in which every question has five
// options in both languages.
func TestQuestionnaireShow_JSON(t *testing.T) {
	r := maturity(t, home(t), "questionnaire", "show", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var doc struct {
		ID        string   `json:"id"`
		Version   int      `json:"version"`
		Languages []string `json:"languages"`
		Rules     struct {
			StageLevel    float64 `json:"stage_level"`
			FoundationCap bool    `json:"foundation_cap"`
			MinimumCap    int     `json:"minimum_cap"`
		} `json:"rules"`
		Levels []map[string]string `json:"levels"`
		Groups []struct {
			ID         string `json:"id"`
			Kind       string `json:"kind"`
			Dimensions []struct {
				ID              string                       `json:"id"`
				Weight          float64                      `json:"weight"`
				Recommendations map[string]map[string]string `json:"recommendations"`
				Questions       []struct {
					ID      string              `json:"id"`
					Text    map[string]string   `json:"text"`
					Weight  float64             `json:"weight"`
					Options []map[string]string `json:"options"`
				} `json:"questions"`
			} `json:"dimensions"`
		} `json:"groups"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if doc.ID != "gemeente-datagedreven" || doc.Version != 2 || doc.Rules.StageLevel != 3 || !doc.Rules.FoundationCap || doc.Rules.MinimumCap != 2 || len(doc.Levels) != 5 {
		t.Errorf("header = %+v", doc)
	}
	questions := 0
	for _, g := range doc.Groups {
		for _, d := range g.Dimensions {
			if d.Weight != 1 || len(d.Recommendations) != 4 {
				t.Errorf("dimension %s: weight %v, %d recommendations", d.ID, d.Weight, len(d.Recommendations))
			}
			for _, q := range d.Questions {
				questions++
				if len(q.Options) != 5 {
					t.Errorf("question %s has %d options", q.ID, len(q.Options))
				}
				for _, o := range append(q.Options, q.Text) {
					if o["nl"] == "" || o["en"] == "" {
						t.Errorf("question %s: a text misses nl or en: %v", q.ID, o)
					}
				}
			}
		}
	}
	if questions < 45 {
		t.Errorf("%d questions in the JSON; want at least 45", questions)
	}
}

func TestQuestionnaireValidate(t *testing.T) {
	vars := home(t)
	files, _ := filepath.Glob("../../internal/questionnaire/testdata/invalid/*.yaml")
	if len(files) < 15 {
		t.Fatalf("found %d malformed files", len(files))
	}
	for _, f := range files {
		r := maturity(t, vars, "questionnaire", "validate", f)
		want, err := os.ReadFile(strings.TrimSuffix(f, ".yaml") + ".want")
		if err != nil {
			t.Fatal(err)
		}
		// The messages name the file as given on the command line.
		wantText := strings.ReplaceAll(string(want), filepath.Base(f)+":", f+":")
		if r.code != 2 || r.stderr != wantText || r.stdout != "" {
			t.Errorf("validate %s: exit %d\nstderr:\n%s\nwant exit 2 and:\n%s", f, r.code, r.stderr, wantText)
		}
	}
	ok := maturity(t, vars, "questionnaire", "validate", "../../questionnaires/gemeente-datagedreven.yaml")
	if ok.code != 0 || !strings.Contains(ok.stdout, "ok: gemeente-datagedreven versie 2: 3 groepen, 16 dimensies, 48 vragen, talen nl, en") {
		t.Errorf("validate the default: exit %d, %s%s", ok.code, ok.stdout, ok.stderr)
	}
	missing := maturity(t, vars, "questionnaire", "validate", "no-such.yaml")
	if missing.code != 2 || !strings.Contains(missing.stderr, "no-such.yaml: no such file") {
		t.Errorf("validate a missing file: exit %d, %s", missing.code, missing.stderr)
	}
}

// TestQuestionnaire_UserFolder: questionnaires in the user's folder are
// listed and shown by id; an invalid one is listed as such.
func TestQuestionnaire_UserFolder(t *testing.T) {
	vars := home(t)
	dir := filepath.Join(vars["XDG_DATA_HOME"], "maturity", "questionnaires")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	own, err := os.ReadFile("../../internal/questionnaire/testdata/valid/dutch-only.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "eigen.yaml"), own, 0o644); err != nil {
		t.Fatal(err)
	}
	list := maturity(t, vars, "questionnaire", "list")
	if list.code != 0 || !strings.Contains(list.stdout, "gemeente-datagedreven") || !strings.Contains(list.stdout, "eigen-meting") || !strings.Contains(list.stdout, filepath.Join(dir, "eigen.yaml")) {
		t.Errorf("list: exit %d\n%s%s", list.code, list.stdout, list.stderr)
	}
	show := maturity(t, vars, "questionnaire", "show", "eigen-meting")
	if show.code != 0 || !strings.Contains(show.stdout, "Onze eigen meting (eigen-meting, versie 3)") {
		t.Errorf("show by id: exit %d\n%s%s", show.code, show.stdout, show.stderr)
	}
	// The Dutch-only questionnaire has no English texts.
	en := maturity(t, vars, "--lang", "en", "questionnaire", "show", "eigen-meting")
	if en.code != 2 || !strings.Contains(en.stderr, `has no texts in "en" (it has: nl)`) {
		t.Errorf("show in a missing language: exit %d, %s", en.code, en.stderr)
	}
	unknown := maturity(t, vars, "questionnaire", "show", "nope")
	if unknown.code != 2 || !strings.Contains(unknown.stderr, `unknown questionnaire "nope" (known: gemeente-datagedreven, eigen-meting`) {
		t.Errorf("show unknown: exit %d, %s", unknown.code, unknown.stderr)
	}
	byFlag := maturity(t, vars, "--questionnaire", "../../internal/questionnaire/testdata/valid/minimal.yaml", "questionnaire", "show", "--lang", "en")
	if byFlag.code != 0 || !strings.HasPrefix(byFlag.stdout, "Mini (mini, version 1)") {
		t.Errorf("show --questionnaire FILE: exit %d\n%s%s", byFlag.code, byFlag.stdout, byFlag.stderr)
	}

	if err := os.WriteFile(filepath.Join(dir, "broken.yml"), []byte("id: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	list = maturity(t, vars, "questionnaire", "list")
	if list.code != 2 || !strings.Contains(list.stdout, "broken.yml (ongeldig") || !strings.Contains(list.stdout, "eigen-meting") {
		t.Errorf("list with an invalid file: exit %d\n%s%s", list.code, list.stdout, list.stderr)
	}
}

// TestQuestionnaire_BadFileInFolder: one hostile file in the user's
// questionnaires folder is reported by list and skipped everywhere else.
func TestQuestionnaire_BadFileInFolder(t *testing.T) {
	vars := home(t)
	dir := filepath.Join(vars["XDG_DATA_HOME"], "maturity", "questionnaires")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "diep.yaml"), []byte(strings.Repeat("[", 200_000)), 0o644); err != nil {
		t.Fatal(err)
	}
	r := maturity(t, vars, "questionnaire", "list")
	if r.code != 2 || !strings.Contains(r.stdout, "diep.yaml (ongeldig: voer maturity questionnaire validate uit)") || !strings.Contains(r.stdout, "gemeente-datagedreven") {
		t.Errorf("list: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, args := range [][]string{{"questionnaire", "show"}, {"--questionnaire", "gemeente-datagedreven", "questionnaire", "show", "--json"}} {
		if r := maturity(t, vars, args...); r.code != 0 {
			t.Errorf("%v beside the bad file: exit %d: %s", args, r.code, r.stderr)
		}
	}
}
