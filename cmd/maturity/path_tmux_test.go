package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDepartmentPath_Tmux is a department's own path from an empty data
// directory, at a keyboard: the home screen starts a round for a new
// department, ten answers, leave; start again and resume where it
// stopped, answer the rest; the results screen writes the PDF and turns a
// recommendation into an action, which is in the database afterwards.
func TestDepartmentPath_Tmux(t *testing.T) {
	term := newTerminals(t)
	bin, dir := binary(t), t.TempDir()
	vars := fmt.Sprintf("HOME=%[1]s XDG_DATA_HOME=%[1]s/data XDG_CONFIG_HOME=%[1]s/config NO_COLOR=1", dir)
	start := func(name string) {
		term.open(name, 100, 30, fmt.Sprintf("cd %s && exec env %s %s", dir, vars, bin))
		term.wait(name, "Meting starten of hervatten")
	}
	questions := func(s string) string { // the question the screen is on, "vraag N/48"
		if i := strings.Index(s, "vraag "); i >= 0 {
			return strings.Fields(s[i:])[1]
		}
		return ""
	}

	start("first")
	term.keys("first", "Enter")
	term.wait("first", "Voor welke afdeling?")
	term.keys("first", "Burgerzaken")
	term.wait("first", "+ nieuwe afdeling: Burgerzaken")
	term.keys("first", "Enter")
	term.wait("first", "onder welke schuilnaam")
	term.keys("first", "Enter")
	s := term.waitUntil("first", "the first question or the choice of questionnaire", func(s string) bool {
		return strings.Contains(s, "vraag 1/48") || strings.Contains(s, "Met welke vragenlijst?")
	})
	if strings.Contains(s, "Met welke vragenlijst?") {
		term.keys("first", "Enter") // the default, listed first
		term.wait("first", "vraag 1/48")
	}
	for i := 1; i <= 10; i++ {
		term.keys("first", "3")
		term.wait("first", fmt.Sprintf("vraag %d/48", i+1))
	}
	term.keys("first", "q")
	term.wait("first", "Meting starten of hervatten")
	term.keys("first", "q")
	term.waitGone("first")

	start("again")
	term.keys("again", "Down", "Enter")
	s = term.wait("again", "10/48")
	if !strings.Contains(s, "Burgerzaken · ronde") {
		t.Errorf("the resume list:\n%s", s)
	}
	term.keys("again", "Enter")
	if s := term.wait("again", "vraag 11/48"); questions(s) != "11/48" {
		t.Errorf("resumed at %s:\n%s", questions(s), s)
	}
	for i := 11; i <= 48; i++ {
		term.keys("again", "3")
		if i < 48 {
			term.wait("again", fmt.Sprintf("vraag %d/48", i+1))
		}
	}
	s = term.wait("again", "Rondes (←/→ kiest")
	if !strings.Contains(s, "VOORLOPIG") || !strings.Contains(s, "Resultaat — Burgerzaken") {
		t.Errorf("the results after the last answer:\n%s", s)
	}

	term.keys("again", "r")
	term.wait("again", "Rapport (pdf): waar komt het?")
	term.keys("again", "Enter")
	s = term.wait("again", "Rapport geschreven:")
	pdfs, _ := filepath.Glob(filepath.Join(dir, "rapport-burgerzaken-*.pdf"))
	if len(pdfs) != 1 {
		t.Fatalf("PDFs in the current folder: %v\n%s", pdfs, s)
	}
	if data, err := os.ReadFile(pdfs[0]); err != nil || !strings.HasPrefix(string(data), "%PDF-") {
		t.Errorf("%s: %v, %d bytes", pdfs[0], err, len(data))
	}
	if !strings.Contains(strings.ReplaceAll(s, "\n", ""), filepath.Base(pdfs[0])) {
		t.Errorf("the screen does not say where the report is:\n%s", s)
	}

	term.keys("again", "a")
	term.wait("again", "Een rol, geen naam van een persoon")
	term.keys("again", "Tab", "teamleider", "Tab", "2027-03-31", "Enter")
	term.wait("again", "Afspraak 1 vastgelegd")
	term.keys("again", "Escape")
	term.wait("again", "Meting starten of hervatten")
	term.keys("again", "q")
	term.waitGone("again")

	list := exec.Command(bin, "actions", "list", "--department", "Burgerzaken", "--json")
	list.Env = append(os.Environ(), "HOME="+dir, "XDG_DATA_HOME="+dir+"/data", "XDG_CONFIG_HOME="+dir+"/config")
	out, err := list.CombinedOutput()
	if err != nil || !strings.Contains(string(out), `"owner": "teamleider"`) || !strings.Contains(string(out), `"due": "2027-03-31"`) ||
		!strings.Contains(string(out), `"status": "planned"`) {
		t.Errorf("actions list: %v\n%s", err, out)
	}
}

// waitGone waits until the program in a terminal has ended and the
// terminal with it; the test fails after 15 s.
func (x *terminals) waitGone(name string) {
	x.t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if exec.Command("tmux", "-S", x.socket, "has-session", "-t", name).Run() != nil {
			return
		}
	}
	x.t.Fatalf("terminal %s is still open:\n%s", name, x.tmux("capture-pane", "-p", "-t", name))
}
