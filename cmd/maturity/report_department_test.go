package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/locale"
)

// TestReport_SinceFirstAndProvisional: with three rounds the summary gives
// the change since the previous round and since the first, each with its
// direction and margin as results --json computes them; a reopened round
// is marked provisional in the PDF's running header and in the HTML.
func TestReport_SinceFirstAndProvisional(t *testing.T) {
	pdftotext := needTool(t, "pdftotext", "poppler-utils")
	src, err := os.ReadFile("../../examples/burgerzaken.csv")
	if err != nil {
		t.Fatal(err)
	}
	// Two earlier rounds: the same respondents two and one level lower.
	lines := strings.Split(strings.TrimSpace(string(src)), "\n")
	dir := t.TempDir()
	vars := withDB(t)
	for _, r := range []struct {
		label string
		lower byte
	}{{"2024-11", 2}, {"2025-11", 1}} {
		rows := []string{lines[0]}
		for _, l := range lines[1:] {
			f := strings.Split(l, ",")
			f[1] = r.label
			if f[4] >= "1" && f[4] <= "5" {
				f[4] = string(max(f[4][0]-r.lower, '1'))
			}
			rows = append(rows, strings.Join(f, ","))
		}
		path := filepath.Join(dir, r.label+".csv")
		if err := os.WriteFile(path, []byte(strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		mustRun(t, vars, "import", path)
	}
	mustRun(t, vars, "import", "../../examples/burgerzaken.csv")

	type result struct {
		Overall struct {
			Score    float64
			Interval []float64
		}
	}
	score := func(args ...string) result {
		var r result
		if err := json.Unmarshal([]byte(mustRun(t, vars, append([]string{"results", "--json"}, args...)...)), &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	ids := regexp.MustCompile(`(?m)^(\d+)\s+Burgerzaken\s+2024-11`).FindStringSubmatch(mustRun(t, vars, "assessment", "list"))
	if ids == nil {
		t.Fatal("assessment list has no round 2024-11")
	}
	first, now := score("--assessment", ids[1]), score("--department", "Burgerzaken")
	out := filepath.Join(dir, "r.pdf")
	mustRun(t, vars, "report", "--department", "Burgerzaken", "--lang", "en", "-o", out)
	text, err := exec.Command(pdftotext, out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(text)), " ")
	want := fmt.Sprintf("Since the first round, 2024-11: overall score %s → %s (%s, margin ", locale.Score(&first.Overall.Score, "en"), locale.Score(&now.Overall.Score, "en"), locale.Delta(first.Overall.Score, now.Overall.Score, "en"))
	if !strings.Contains(flat, want) || !strings.Contains(flat, "Since round 2025-11: overall score") {
		t.Errorf("the summary lacks %q or the change since round 2025-11:\n%.1500s", want, flat[strings.Index(flat, "Progress"):])
	}
	if strings.Contains(flat, "provisional") {
		t.Error("a closed round is marked provisional")
	}

	latest := regexp.MustCompile(`(?m)^(\d+)\s+Burgerzaken\s+2026-11`).FindStringSubmatch(mustRun(t, vars, "assessment", "list"))
	mustRun(t, vars, "assessment", "reopen", latest[1])
	mustRun(t, vars, "report", "--department", "Burgerzaken", "--lang", "en", "-o", out)
	text, err = exec.Command(pdftotext, "-f", "2", "-l", "2", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), "Burgerzaken · Round 2026-11 (provisional)") {
		t.Errorf("the running header does not mark the open round provisional:\n%.400s", text)
	}
	html := filepath.Join(dir, "r.html")
	mustRun(t, vars, "report", "--department", "Burgerzaken", "--lang", "en", "-o", html)
	page, _ := os.ReadFile(html)
	if !strings.Contains(string(page), `<div class="provisional" role="note"><p><strong>Provisional</strong></p><p>This round is still open`) {
		t.Error("the HTML does not mark the open round provisional")
	}
}
