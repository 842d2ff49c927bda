package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/locale"
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
	// Scores are shown with one decimal, rounded down like a level.
	shown := func(s float64) string { return fmt.Sprintf("%.1f", math.Floor((s+1e-9)*10)/10) }
	want := []string{doc.Overall.LevelName, "Overall score " + shown(doc.Overall.Score)}
	for _, d := range doc.Dimensions {
		want = append(want, d.Name, shown(*d.Score))
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
	// Two actions after Burgerzaken's round, one of them long overdue.
	mustRun(t, vars, "actions", "add", "--department", "Burgerzaken", "--dimension", "quality", "--text", "Meet de datakwaliteit", "--due", "2000-01-01")
	mustRun(t, vars, "actions", "add", "--department", "Burgerzaken", "--dimension", "ownership", "--text", "Wijs eigenaren aan", "--due", "2099-01-01")
	out := filepath.Join(t.TempDir(), "org.pdf")
	// Dienstverlening holds departments and has no round: a cluster, not
	// a department.
	if got := mustRun(t, vars, "report", "--organisation", "--lang", "en", "-o", out); !strings.Contains(got, "(2 departments,") {
		t.Errorf("report said: %s", got)
	}
	text, err := exec.Command(pdftotext, "-layout", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(text)), " ")
	for _, w := range []string{"Data maturity of the organisation", "2 departments in 1 cluster, 1 of them assessed", "Burgerzaken", "Klantcontact", "never assessed", "Departments ranked",
		"The register holds 2 actions: 2 open (1 of them overdue), 0 done, 0 dropped. 0 of the 1 assessed departments agreed nothing after their latest round."} {
		if !strings.Contains(flat, w) {
			t.Errorf("the organisation report lacks %q", w)
		}
	}
	// An empty database: made by an import that is rejected whole.
	empty := withDB(t)
	header := filepath.Join(t.TempDir(), "header.csv")
	if err := os.WriteFile(header, []byte("department,assessment,respondent,question,level,note\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	maturity(t, empty, "import", header)
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

// TestReport_Change: with an earlier round of the same department the
// report says how the overall score moved, with its direction and margin,
// and so does the organisation report.
func TestReport_Change(t *testing.T) {
	pdftotext := needTool(t, "pdftotext", "poppler-utils")
	src, err := os.ReadFile("../../examples/burgerzaken.csv")
	if err != nil {
		t.Fatal(err)
	}
	// The earlier round: the same respondents one level lower (at least 1).
	lines := strings.Split(strings.TrimSpace(string(src)), "\n")
	earlier := []string{lines[0]}
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		f[1] = "2025-11"
		if f[4] > "1" && f[4] <= "5" {
			f[4] = string(f[4][0] - 1)
		}
		earlier = append(earlier, strings.Join(f, ","))
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "earlier.csv")
	if err := os.WriteFile(path, []byte(strings.Join(earlier, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	vars := withDB(t)
	mustRun(t, vars, "import", path)
	mustRun(t, vars, "import", "../../examples/burgerzaken.csv")
	out := filepath.Join(dir, "r.pdf")
	mustRun(t, vars, "report", "--department", "Burgerzaken", "--lang", "en", "-o", out)
	text, err := exec.Command(pdftotext, out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(text)), " ")
	// The report states the change results --json computed, in its words,
	// with the difference of the shown scores and the margin.
	var doc struct {
		Overall struct {
			Score  float64
			Change struct {
				Earlier, Delta float64
				Margin         *float64
				Direction      string
			}
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, vars, "results", "--department", "Burgerzaken", "--json")), &doc); err != nil {
		t.Fatal(err)
	}
	c := doc.Overall.Change
	if c.Margin == nil || c.Direction == "" {
		t.Fatalf("results --json has no change with a margin: %+v", c)
	}
	words := map[string]string{"improvement": "an improvement", "unchanged": "unchanged within the margin", "decline": "a decline"}[c.Direction]
	want := fmt.Sprintf("Since round 2025-11: overall score %s → %s (%s, margin %s). That is %s", locale.Score(&c.Earlier, "en"), locale.Score(&doc.Overall.Score, "en"),
		locale.Delta(c.Earlier, doc.Overall.Score, "en"), locale.Margin(*c.Margin, "en"), words)
	if !strings.Contains(flat, want) {
		t.Errorf("the summary lacks %q:\n%.1500s", want, flat[strings.Index(flat, "Progress"):])
	}
	org := filepath.Join(dir, "org.pdf")
	mustRun(t, vars, "report", "--organisation", "--lang", "en", "-o", org)
	text, err = exec.Command(pdftotext, org, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`\+\d\.\d \(±\d\.\d\) (improvement|unchanged)`).Match(text) {
		t.Error("the organisation report has no change with direction")
	}
}
