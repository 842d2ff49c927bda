package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestActions runs the register's commands as a user would: agree two
// actions after a round, one overdue, close one with evidence, drop none
// without a reason, and read them back as a table and as JSON.
func TestActions(t *testing.T) {
	vars := withDB(t)
	mustRun(t, vars, "import", "testdata/worked-example.csv", "--questionnaire=testdata/example.yaml")
	if out := mustRun(t, vars, "actions", "add", "--department", "example", "--dimension", "quality", "--text", "Write the quality rules down",
		"--owner", "teamleider", "--due", "2000-01-31"); out != "afspraak 1 vastgelegd voor Example\n" {
		t.Errorf("add said %q", out)
	}
	mustRun(t, vars, "--lang", "en", "actions", "add", "--department", "Example", "--question", "x1", "--text", "Investigate by a fixed method", "--due", "2999-12-31")

	list := mustRun(t, vars, "--lang", "en", "actions", "list")
	for _, want := range []string{
		"1   Example     quality     teamleider  2000-01-31  planned, overdue  2026-11      Write the quality rules down",
		"2   Example     diagnostic  –           2999-12-31  planned           2026-11      Investigate by a fixed method",
	} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %q:\n%s", want, list)
		}
	}
	if out := mustRun(t, vars, "actions", "list", "--overdue"); !strings.Contains(out, "gepland, verlopen") || strings.Contains(out, "Investigate") {
		t.Errorf("--overdue:\n%s", out)
	}
	mustRun(t, vars, "actions", "update", "2", "--status", "Bezig", "--owner", "informatiemanager")
	mustRun(t, vars, "actions", "done", "1", "--evidence", "Rules adopted by the MT on 12 January")

	var docs []struct {
		ID                              int64
		Department, Dimension, Question string
		Text, Owner, Due, Status, Round string
		Overdue                         bool
		Evidence, Reason                string
		History                         []struct{ Field, Old, New string }
	}
	if err := json.Unmarshal([]byte(mustRun(t, vars, "actions", "list", "--json")), &docs); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d actions; want 2", len(docs))
	}
	a, b := docs[0], docs[1]
	if a.Status != "done" || a.Overdue || a.Evidence != "Rules adopted by the MT on 12 January" || a.Round != "2026-11" || len(a.History) != 3 {
		t.Errorf("action 1 = %+v", a)
	}
	if b.Status != "in_progress" || b.Dimension != "diagnostic" || b.Question != "x1" || b.Owner != "informatiemanager" || b.Overdue ||
		len(b.History) != 3 || b.History[1].Field != "owner" || b.History[2].Field != "status" || b.History[2].New != "in_progress" {
		t.Errorf("action 2 = %+v", b)
	}
	// The workbook carries the register on a sheet of its own.
	book := filepath.Join(t.TempDir(), "export.xlsx")
	mustRun(t, vars, "export", "-o", book)
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("actions")
	f.Close()
	if len(rows) != 3 || rows[1][5] != "Write the quality rules down" || rows[1][8] != "done" || rows[2][8] != "in_progress" || rows[2][6] != "informatiemanager" {
		t.Errorf("actions sheet = %v", rows)
	}
	if out := mustRun(t, vars, "actions", "list", "--status", "gereed"); !strings.Contains(out, "Write the quality rules down") || strings.Contains(out, "Investigate") {
		t.Errorf("--status gereed:\n%s", out)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"actions", "add", "--department", "Exampel", "--dimension", "quality", "--text", "x"}, `unknown department "Exampel" (did you mean "Example"?)`},
		{[]string{"actions", "add", "--department", "Example", "--dimension", "qualty", "--text", "x"}, `--dimension "qualty": not a dimension of example version 1 (expected one of: descriptive, diagnostic, quality, skills)`},
		{[]string{"actions", "add", "--department", "Example", "--question", "q9", "--text", "x"}, `--question "q9": not a question of example version 1`},
		{[]string{"actions", "add", "--department", "Example", "--dimension", "quality", "--text", " "}, "an action needs a text"},
		{[]string{"actions", "add", "--department", "Example", "--dimension", "quality", "--text", "x", "--due", "morgen"}, `due date "morgen" is not a date (expected YYYY-MM-DD`},
		{[]string{"actions", "done", "2"}, "actions done 2 needs --evidence TEXT"},
		{[]string{"actions", "drop", "2", "--reason", ""}, "actions drop 2 needs --reason TEXT"},
		{[]string{"actions", "update", "7", "--owner", "x"}, "unknown action 7 (see maturity actions list)"},
		{[]string{"actions", "update", "zeven", "--owner", "x"}, `"zeven" is not an action number`},
		{[]string{"actions", "update", "2"}, "actions update 2: nothing to change"},
		{[]string{"actions", "list", "--status", "klaar"}, `--status "klaar": unknown status (expected gepland, bezig, gereed or vervallen`},
	} {
		r := maturity(t, vars, c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, %s; want exit 2 and %q", c.args, r.code, r.stderr, c.want)
		}
	}
}

// TestReport_Agreements: actions agreed after one round show in the next
// round's report with what became of them; the round itself lists its own.
func TestReport_Agreements(t *testing.T) {
	pdftotext := needTool(t, "pdftotext", "poppler-utils")
	vars := withDB(t)
	q := "--questionnaire=testdata/example.yaml"
	mustRun(t, vars, "import", "testdata/worked-example.csv", q)
	mustRun(t, vars, "actions", "add", "--department", "Example", "--dimension", "quality", "--text", "Write the quality rules down", "--owner", "teamleider", "--due", "2000-01-31")
	mustRun(t, vars, "actions", "add", "--department", "Example", "--dimension", "diagnostic", "--text", "Investigate by a fixed method", "--due", "2000-02-28")
	mustRun(t, vars, "actions", "done", "1", "--evidence", "Adopted by the MT")
	// The next round: the same answers under a later label.
	src, err := os.ReadFile("testdata/worked-example.csv")
	if err != nil {
		t.Fatal(err)
	}
	next := filepath.Join(t.TempDir(), "next.csv")
	if err := os.WriteFile(next, []byte(strings.ReplaceAll(string(src), ",2026-11,", ",2027-05,")), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, vars, "import", next, q)
	mustRun(t, vars, "actions", "add", "--department", "Example", "--dimension", "skills", "--text", "Train the team", "--owner", "teamleider")
	out := filepath.Join(t.TempDir(), "r.pdf")
	mustRun(t, vars, "--lang", "en", "report", "--department", "Example", "-o", out)
	text, err := exec.Command(pdftotext, out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(text)), " ")
	for _, want := range []string{
		"Of the 2 actions agreed after round 2026-11: 1 done, 1 still open (1 of them overdue), 0 dropped.",
		"What became of the actions agreed after round 2026-11", "Adopted by the MT", "Agreed after this round", "Train the team",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// TestActions_ExportImportRoundTrip: the register exported as JSON,
// imported into a fresh database and exported again gives the same bytes;
// importing it twice changes nothing; an action changed since is refused
// unless --replace; a file with one bad action writes nothing.
func TestActions_ExportImportRoundTrip(t *testing.T) {
	q := "--questionnaire=testdata/example.yaml"
	dir := t.TempDir()
	answers, actions := filepath.Join(dir, "answers.json"), filepath.Join(dir, "actions.json")

	// Rounds made out of the order of their departments' names: Example
	// 2026-11, Sport 2026-12, Example 2027-05. The answers export lists
	// them in that order, so that a fresh database numbers them alike.
	example, err := os.ReadFile("testdata/worked-example.csv")
	if err != nil {
		t.Fatal(err)
	}
	sport, later := filepath.Join(dir, "sport.csv"), filepath.Join(dir, "later.csv")
	if err := os.WriteFile(sport, []byte(strings.ReplaceAll(string(example), "Example,2026-11,", "Sport,2026-12,")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(later, []byte(strings.ReplaceAll(string(example), ",2026-11,", ",2027-05,")), 0o644); err != nil {
		t.Fatal(err)
	}
	src := withDB(t)
	mustRun(t, src, "import", "testdata/worked-example.csv", q)
	mustRun(t, src, "department", "add", "Sport")
	mustRun(t, src, "actions", "add", "--department", "Example", "--dimension", "quality", "--text", "Write the \"quality\" rules down", "--owner", "teamleider", "--due", "2000-01-31")
	mustRun(t, src, "actions", "add", "--department", "Example", "--question", "x1", "--text", "Investigate by a fixed method", "--due", "2999-12-31")
	mustRun(t, src, "actions", "add", "--department", "Sport", "--dimension", "skills", "--text", "Train the team", q)
	mustRun(t, src, "import", sport, q)
	mustRun(t, src, "import", later, q)
	mustRun(t, src, "actions", "add", "--department", "Sport", "--dimension", "descriptive", "--text", "Report monthly")
	mustRun(t, src, "actions", "add", "--department", "Example", "--dimension", "skills", "--text", "Train the team too", "--due", "2027-09-30")
	mustRun(t, src, "actions", "update", "2", "--status", "bezig", "--owner", "informatiemanager", "--due", "2999-11-30")
	mustRun(t, src, "actions", "done", "1", "--evidence", "Adopted by the MT")
	mustRun(t, src, "actions", "drop", "3", "--reason", "Part of the organisation's own plan")
	mustRun(t, src, "export", "-o", answers)
	r := maturity(t, src, "export", "--actions", "-o", actions)
	if r.code != 0 || r.stderr != "5 afspraken geschreven naar "+actions+"\n" {
		t.Fatalf("export --actions: exit %d, %s", r.code, r.stderr)
	}
	exported, err := os.ReadFile(actions)
	if err != nil {
		t.Fatal(err)
	}
	if list := mustRun(t, src, "actions", "list", "--json"); list != string(exported) {
		t.Errorf("export --actions differs from actions list --json:\n%s\n%s", exported, list)
	}
	if stdout := mustRun(t, src, "export", "--actions", "--format", "json"); stdout != string(exported) {
		t.Errorf("export --actions to standard output differs:\n%s", stdout)
	}

	for _, want := range []string{`"round": "2026-11",` + "\n    \"assessment\": 1,", `"round": "2026-12",` + "\n    \"assessment\": 2,", `"round": "2027-05",` + "\n    \"assessment\": 3,", `"round": "",` + "\n    \"assessment\": 0,"} {
		if !strings.Contains(string(exported), want) {
			t.Errorf("the export lacks %q:\n%s", want, exported)
		}
	}

	dst := withDB(t)
	mustRun(t, dst, "import", answers, q)
	if out := mustRun(t, dst, "--lang", "en", "import", actions, q); !strings.HasPrefix(out, "imported "+actions+": 5 actions (new: 5, replaced: 0, stored already as they are: 0) into ") {
		t.Errorf("import said %q", out)
	}
	if again := mustRun(t, dst, "export", "--actions"); again != string(exported) {
		t.Errorf("export → import → export changed the actions:\n--- first\n%s\n--- again\n%s", exported, again)
	}
	if out := mustRun(t, dst, "import", actions); !strings.HasPrefix(out, actions+" geïmporteerd: 5 afspraken (nieuw: 0, vervangen: 0, al zo opgeslagen: 5) in ") {
		t.Errorf("second import said %q", out)
	}

	// Changed since: refused whole, unless --replace.
	mustRun(t, dst, "actions", "update", "2", "--text", "Something else")
	r = maturity(t, dst, "import", actions, q)
	if r.code != 2 || !strings.Contains(r.stderr, actions+":38: entry 2: id: 2 is stored already and differs from the file: action 2 (Something else) of Example (to let the file's action replace it, import with --replace)") {
		t.Errorf("conflict: exit %d\n%s", r.code, r.stderr)
	}
	if out := mustRun(t, dst, "--lang", "en", "import", "--replace", actions, q); !strings.Contains(out, ": 5 actions (new: 0, replaced: 1, stored already as they are: 4)") {
		t.Errorf("--replace said %q", out)
	}
	if again := mustRun(t, dst, "export", "--actions"); again != string(exported) {
		t.Errorf("after --replace the actions differ:\n%s", again)
	}

	if again := mustRun(t, dst, "export"); again != mustRun(t, src, "export") {
		t.Errorf("export → import → export changed the answers")
	}

	// One bad action: nothing is written, the good ones neither.
	fresh := withDB(t)
	mustRun(t, fresh, "import", "testdata/worked-example.csv", q)
	r = maturity(t, fresh, "import", actions, q)
	if r.code != 2 || !strings.Contains(r.stderr, `:80: entry 3: round: department "Example" has no round "2027-05" (its rounds: "2026-11";`) ||
		!strings.Contains(r.stderr, `:104: entry 4: department: unknown department "Sport": import the department's answers first`) || !strings.HasSuffix(r.stderr, "rejected: nothing was imported\n") {
		t.Errorf("unknown department: exit %d\n%s", r.code, r.stderr)
	}
	if out := mustRun(t, fresh, "actions", "list"); out != "geen afspraken\n" {
		t.Errorf("a refused file left actions:\n%s", out)
	}
	// --actions writes JSON only.
	if r := maturity(t, src, "export", "--actions", "--format", "csv"); r.code != 2 || !strings.Contains(r.stderr, "--actions writes JSON, not csv") {
		t.Errorf("--actions --format csv: exit %d, %s", r.code, r.stderr)
	}
}
