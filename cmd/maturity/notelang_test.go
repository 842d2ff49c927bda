package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReport_NoteLang: a note typed under assess --lang en is kept as
// English, and the Dutch report marks exactly that note: lang="en" in the
// HTML, /Lang (en-GB) in the PDF.
func TestReport_NoteLang(t *testing.T) {
	vars := withDB(t)
	r := runWithInput(t, vars, "e\nWritten in English by the team.\n"+strings.Repeat("3\n", 48), "assess", "--accessible", "--department", "Burgerzaken", "--respondent", "Uil", "--lang", "en")
	if r.code != 0 {
		t.Fatalf("assess: exit %d, %s", r.code, r.stderr)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "r.html")
	mustRun(t, vars, "report", "--department", "Burgerzaken", "--lang", "nl", "--format", "html", "-o", page)
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	marked := regexp.MustCompile(`<p dir="auto" lang="([a-z]+)">([^<]*)</p>`).FindAllStringSubmatch(string(html), -1)
	if len(marked) != 1 || marked[0][1] != "en" || marked[0][2] != "Written in English by the team." {
		t.Errorf("notes with a lang in the HTML = %q; want the English note alone", marked)
	}
	qpdf := needTool(t, "qpdf", "qpdf")
	if qpdf == "" {
		return
	}
	pdf := filepath.Join(dir, "r.pdf")
	mustRun(t, vars, "report", "--department", "Burgerzaken", "--lang", "nl", "-o", pdf)
	// Uncompressed, every structure element is plain text to search.
	plain, err := exec.Command(qpdf, "--qdf", "--object-streams=disable", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(plain), "/Lang (en-GB)"); n != 1 {
		t.Errorf("%d elements with /Lang (en-GB) in the Dutch PDF; want 1, the English note", n)
	}
}
