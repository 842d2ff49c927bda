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
