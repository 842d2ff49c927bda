package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/report"
)

// axeResult is one page at one width as testdata/axe/run.js reports it.
type axeResult struct {
	File       string `json:"file"`
	Width      int    `json:"width"`
	Violations []struct {
		ID     string   `json:"id"`
		Impact string   `json:"impact"`
		Help   string   `json:"help"`
		Count  int      `json:"count"`
		Nodes  []string `json:"nodes"`
	} `json:"violations"`
	ScrollWidth int  `json:"scrollWidth"`
	Reflow      bool `json:"reflow"`
}

// axeTools finds node, Chromium and the npm modules of testdata/axe, or
// says what is missing.
func axeTools() (node, chromium, missing string) {
	node, err := exec.LookPath("node")
	if err != nil {
		return "", "", "node is not installed (apt-get install -y nodejs npm)"
	}
	chromium = os.Getenv("CHROMIUM")
	for _, c := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if chromium != "" {
			break
		}
		chromium, _ = exec.LookPath(c)
	}
	if chromium == "" {
		return "", "", "Chromium is not installed (apt-get install -y chromium, or set CHROMIUM)"
	}
	for _, m := range []string{"axe-core", "playwright-core"} {
		if _, err := os.Stat(filepath.Join("testdata", "axe", "node_modules", m, "package.json")); err != nil {
			return "", "", "the npm modules are missing (cd internal/report/testdata/axe && npm install)"
		}
	}
	return node, chromium, ""
}

// TestHTML_Axe runs axe-core in Chromium over both HTML reports, the
// department's in Dutch (a provisional round with earlier rounds,
// agreements, notes and legal minimums) and in English, and the
// organisation's at 12 and 300 departments, each at 1280 and at 320 px
// wide: no violation of its rules (WCAG 2.1 A and AA and best practices),
// and at 320 px no sideways scrolling of the page (WCAG 1.4.10 reflow).
// It is skipped when node, Chromium or the npm modules are missing, unless
// MATURITY_AXE=required (testdata/axe/run.sh, for CI).
func TestHTML_Axe(t *testing.T) {
	if testing.Short() {
		t.Skip("axe-core in Chromium takes seconds; not with -short")
	}
	node, chromium, missing := axeTools()
	switch {
	case missing != "" && os.Getenv("MATURITY_AXE") == "required":
		// CI sets this, so that a missing tool fails instead of passing unseen.
		t.Fatal("axe-core check cannot run: " + missing)
	case missing != "":
		t.Skip("axe-core check skipped: " + missing)
	}
	q := defaultQuestionnaire(t)
	dir := t.TempDir()
	var files []string
	write := func(name string, render func(*bytes.Buffer) error) {
		var buf bytes.Buffer
		if err := render(&buf); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	for _, lang := range []string{"nl", "en"} {
		first, prev := department(q, lang, 5, 1).Round, department(q, lang, 4, 2).Round
		first.Label, prev.Label = "2024-11", "2025-11"
		in := withPrevious(department(q, lang, 6, 0), prev)
		in.Previous = []report.Round{first, prev}
		in.Round.Provisional = lang == "nl"
		in.EarlierRound = prev.Label
		in.Earlier = []report.Action{{Dimension: q.Dimensions()[0].ID, Text: "Maandrapport met vaste definities", Owner: "teamleider", Due: "2026-03-01", Status: "done", Evidence: "rapport maart", Closed: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)},
			{Dimension: q.Dimensions()[1].ID, Text: "Oorzaakanalyse bij afwijkingen", Owner: "analist", Due: "2026-06-01", Status: "in_progress", Overdue: true}}
		in.Agreed = []report.Action{{Dimension: q.Dimensions()[2].ID, Text: "Een eerste prognose van de instroom", Owner: "afdelingshoofd", Due: "2027-03-01", Status: "planned"}}
		write("department-"+lang+".html", func(b *bytes.Buffer) error { return report.WriteHTML(b, in) })
	}
	write("organisation-12.html", func(b *bytes.Buffer) error { return report.WriteOrganisationHTML(b, organisation(q, 12, 5)) })
	write("organisation-300.html", func(b *bytes.Buffer) error { return report.WriteOrganisationHTML(b, organisation(q, 300, 3)) })

	cmd := exec.Command(node, append([]string{filepath.Join("testdata", "axe", "run.js")}, files...)...)
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if code := cmd.ProcessState.ExitCode(); code != 0 && code != 1 {
		t.Fatalf("axe could not run (%v): %s", err, stderr.String())
	}
	var results []axeResult
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("axe's output: %v\n%s", err, out)
	}
	if len(results) != 2*len(files) {
		t.Fatalf("%d results; want %d (each file at 1280 and 320 px)", len(results), 2*len(files))
	}
	for _, r := range results {
		for _, v := range r.Violations {
			t.Errorf("%s at %d px: %s (%s, %s), %d elements:\n  %s", r.File, r.Width, v.ID, v.Impact, v.Help, v.Count, strings.Join(v.Nodes, "\n  "))
		}
		if !r.Reflow {
			t.Errorf("%s at %d px: the page scrolls sideways (scrollWidth %d)", r.File, r.Width, r.ScrollWidth)
		}
	}
}
