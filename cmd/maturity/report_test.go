package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReport: the PDF carries the figures results --json gives, passes
// qpdf --check, and is byte-identical when written twice.
func TestReport(t *testing.T) {
	pdftotext := needTool(t, "pdftotext", "poppler-utils")
	vars := withDB(t)
	mustRun(t, vars, "import", "../../examples/burgerzaken.csv")
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")
	out := mustRun(t, vars, "report", "--department", "Burgerzaken", "--lang", "en", "-o", a)
	if !strings.Contains(out, "wrote "+a+" (Burgerzaken, round 2026-11") {
		t.Errorf("report said: %s", out)
	}
	mustRun(t, vars, "report", "--department", "burgerzaken", "--lang", "en", "-o", b)
	pa, _ := os.ReadFile(a)
	pb, _ := os.ReadFile(b)
	if !bytes.Equal(pa, pb) || len(pa) < 10000 {
		t.Errorf("two reports of the same data differ (%d and %d bytes)", len(pa), len(pb))
	}
	text, err := exec.Command(pdftotext, "-layout", a, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Overall struct {
			Score     float64
			LevelName string `json:"level_name"`
		}
		Dimensions []struct {
			Name  string
			Score *float64
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, vars, "results", "--department", "Burgerzaken", "--lang", "en", "--json")), &doc); err != nil {
		t.Fatal(err)
	}
	want := []string{fmt.Sprintf("%s (score %.2f)", doc.Overall.LevelName, doc.Overall.Score)}
	for _, d := range doc.Dimensions {
		want = append(want, d.Name, fmt.Sprintf("%.2f", *d.Score))
	}
	for _, w := range want {
		if !strings.Contains(string(text), w) {
			t.Errorf("the report lacks %q", w)
		}
	}
	if qpdf := needTool(t, "qpdf", "qpdf"); qpdf != "" {
		if out, err := exec.Command(qpdf, "--check", a).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
	}
	r := maturity(t, vars, "report", "--department", "Burgerzaken")
	if r.code != 2 || !strings.Contains(r.stderr, "report needs -o FILE.pdf") {
		t.Errorf("report without -o: exit %d, %s", r.code, r.stderr)
	}
}

// TestReport_Organisation writes the organisation report over departments
// in a hierarchy, with one that was never assessed.
func TestReport_Organisation(t *testing.T) {
	pdftotext := needTool(t, "pdftotext", "poppler-utils")
	vars := withDB(t)
	mustRun(t, vars, "department", "add", "Dienstverlening")
	mustRun(t, vars, "import", "../../examples/burgerzaken.csv")
	mustRun(t, vars, "department", "move", "Burgerzaken", "--parent", "Dienstverlening")
	mustRun(t, vars, "department", "add", "Klantcontact", "--parent", "Dienstverlening")
	out := filepath.Join(t.TempDir(), "org.pdf")
	if got := mustRun(t, vars, "report", "--organisation", "--lang", "en", "-o", out); !strings.Contains(got, "(3 departments,") {
		t.Errorf("report said: %s", got)
	}
	text, err := exec.Command(pdftotext, "-layout", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Data maturity of the organisation", "3 departments, 1 of them assessed", "Burgerzaken", "Klantcontact", "never assessed", "Departments ranked"} {
		if !strings.Contains(string(text), w) {
			t.Errorf("the organisation report lacks %q", w)
		}
	}
	empty := withDB(t)
	r := maturity(t, empty, "report", "--organisation", "-o", filepath.Join(t.TempDir(), "x.pdf"))
	if r.code != 2 || !strings.Contains(r.stderr, "there are no departments yet") {
		t.Errorf("an empty database: exit %d, %s", r.code, r.stderr)
	}
}

// TestReport_BadUse: mistakes a user can make with report and export exit 2
// and change nothing.
func TestReport_BadUse(t *testing.T) {
	vars := withDB(t)
	mustRun(t, vars, "import", "../../examples/burgerzaken.csv")
	mustRun(t, vars, "department", "add", "Wmo")
	before := fileState(t, vars["MATURITY_DB"])
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "--department", "Burgerzaken", "-o", vars["MATURITY_DB"]}, "is the database itself"},
		{[]string{"export", "-o", vars["MATURITY_DB"]}, "is the database itself"},
		{[]string{"report", "--department", "Burgerzaken", "-o", filepath.Join(dir, "x.docx")}, "cannot tell the format"},
		{[]string{"report", "--department", "Wmo", "--assessment", "1", "-o", filepath.Join(dir, "x.pdf")}, "assessment 1 belongs to Burgerzaken, not to Wmo"},
		{[]string{"report", "--organisation", "--department", "Wmo", "-o", filepath.Join(dir, "x.pdf")}, "if any flags in the group"},
		{[]string{"results", "--department", "Wmo", "--assessment", "1"}, "if any flags in the group"},
	} {
		r := maturity(t, vars, c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, %s; want exit 2 and %q", strings.Join(c.args, " "), r.code, r.stderr, c.want)
		}
	}
	if after := fileState(t, vars["MATURITY_DB"]); after != before {
		t.Error("a refused command changed the database")
	}
}
