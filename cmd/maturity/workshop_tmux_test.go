package main

import (
	"context"
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

// TestWorkshop_TmuxSSH runs a workshop as people do: the facilitator's
// terminal runs workshop serve, three terminals connect with the ssh
// client, everyone answers every question, the facilitator opens the
// discussion, puts the widest disagreement to a re-vote, notes the
// decision and closes; the database and the report hold all of it.
func TestWorkshop_TmuxSSH(t *testing.T) {
	term := newTerminals(t)
	needTool(t, "ssh", "openssh-client")
	pdftotext := needTool(t, "pdftotext", "poppler-utils")
	bin, dir := binary(t), t.TempDir()
	db := filepath.Join(dir, "m.db")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()

	term.open("fac", 110, 50, fmt.Sprintf("exec env MATURITY_DB=%s XDG_DATA_HOME=%s %s --lang en workshop serve --department Wijkteams --listen 127.0.0.1:%s --code 314159", db, dir, bin, port))
	term.wait("fac", "Code: 314159")
	// Each answers the first question apart (levels 1, 5, 3), the rest alike.
	people := []struct{ name, first, rest, revote string }{{"anna", "1", "2", "3"}, {"bert", "5", "4", "4"}, {"cees", "3", "3", "3"}}
	for _, p := range people {
		term.open(p.name, 90, 30, fmt.Sprintf("exec ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=%s -o LogLevel=ERROR -p %s 127.0.0.1", filepath.Join(dir, "known_hosts"), port))
		term.wait(p.name, "workshop code")
		term.keys(p.name, "314159", "Enter")
		term.wait(p.name, "pseudonym")
		term.keys(p.name, p.name, "Enter")
		term.wait(p.name, "question 1/48")
		term.keys(p.name, p.first)
		term.wait(p.name, "question 2/48")
		term.keys(p.name, strings.Repeat(p.rest, 47)) // one burst of keys, one answer each
		term.wait(p.name, "Result — Wijkteams")
	}
	s := term.waitUntil("fac", "three participants done", func(s string) bool { return strings.Count(s, "48/48") == 3 })
	// A silent vote: the beamer shows progress and which questions
	// diverge, never a figure.
	if !strings.Contains(s, "Scores appear once answering closes") || strings.Contains(s, "▏4") || strings.Contains(s, "spread") {
		t.Errorf("the dashboard shows figures while voting:\n%s", s)
	}

	term.keys("fac", "n")
	term.wait("fac", "Phase: discussion")
	term.wait("fac", "(spread 4)")
	term.wait("anna", "(3 respondents)") // the group's result, once answering closed
	term.keys("fac", "Space")
	term.wait("fac", "› ↺ How does the department report")
	term.keys("fac", "r")
	term.wait("fac", "Re-vote on one question opened.")
	for _, p := range people {
		s := term.wait(p.name, "question 1/1")
		if !strings.Contains(s, "Re-vote:") || !strings.Contains(s, "↺ "+p.first) {
			t.Errorf("%s's re-vote screen lacks the notice or the first vote:\n%s", p.name, s)
		}
		term.keys(p.name, p.revote)
	}
	// Progress counts the re-vote's one question; its answers stay hidden.
	s = term.waitUntil("fac", "three re-votes", func(s string) bool { return strings.Count(s, " 1/1") == 3 })
	if strings.Contains(s, "re-vote 1:") || strings.Contains(s, "▏4") {
		t.Errorf("the re-vote's answers were shown while voting:\n%s", s)
	}
	term.keys("fac", "n")
	term.wait("fac", "(spread 4 → 1)")
	term.keys("fac", "e")
	term.wait("fac", "Decision and reason")
	term.keys("fac", "Level 2: the monthly report is not discussed yet.", "Escape")
	term.wait("fac", "Decision on desc-reporting kept.")
	term.keys("fac", "n")
	term.wait("fac", "Phase: closed")
	term.keys("fac", "q")
	for _, p := range people {
		term.keys(p.name, "q")
	}

	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.LatestAssessment(context.Background(), "Wijkteams")
	if err != nil {
		t.Fatal(err)
	}
	data, err := st.LoadAssessment(context.Background(), a.ID)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	second := 0
	for _, x := range data.Answers {
		if x.Vote == 2 {
			second++
		}
	}
	if a.Open() || a.Mode != store.ModeWorkshop || a.Answers != 144 || second != 3 || len(data.FirstVotes) != 3 || len(data.Notes) != 1 {
		t.Errorf("stored: open %v, mode %s, %d first votes, %d second votes, %d first votes kept of the re-vote, notes %+v",
			a.Open(), a.Mode, a.Answers, second, len(data.FirstVotes), data.Notes)
	}
	pdf := filepath.Join(dir, "r.pdf")
	if out, err := exec.Command(bin, "--db", db, "--lang", "en", "report", "--department", "Wijkteams", "-o", pdf).CombinedOutput(); err != nil {
		t.Fatalf("report: %v\n%s", err, out)
	}
	out, err := exec.Command(pdftotext, pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"Respondents 3", "Re-vote after the discussion", "Level 2: the monthly report is not discussed yet."} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}
