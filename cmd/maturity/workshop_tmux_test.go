package main

import (
	"context"
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

// codeOnScreen finds the resume code a new participant is shown: K 7 P M.
var codeOnScreen = regexp.MustCompile(`(?m)^\s+([A-Z2-9]) ([A-Z2-9]) ([A-Z2-9]) ([A-Z2-9])\s*$`)

// TestWorkshop_TmuxSSH runs a workshop as people do, every terminal 80×24:
// the facilitator's runs workshop serve, four participants connect with
// OpenSSH's client and answer every question (one leaves halfway and comes
// back with their resume code); a fifth cannot take over a connected
// participant's pseudonym, in any case, joins under their own and is
// removed; the facilitator sets a timer that shows on a participant's
// screen, confirms the move to discussion, shows the presenter view, puts
// the widest disagreement to a re-vote, notes the decision, passes the
// agreements step, closes the round and stops, and the participants are
// told. The database and the report hold all of it, and serve will not
// open a new round unasked.
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
	serve := fmt.Sprintf("env MATURITY_DB=%s XDG_DATA_HOME=%s %s --lang en workshop serve --department Wijkteams --listen 127.0.0.1:%s --code 314159", db, dir, bin, port)
	ssh := fmt.Sprintf("ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=%s -o LogLevel=ERROR -p %s 127.0.0.1; sleep 120", filepath.Join(dir, "known_hosts"), port)

	// The terminals stay open once their program ends, to read its last words.
	term.open("fac", 80, 24, serve+"; sleep 120")
	term.wait("fac", "Code: 314159")
	enter := func(name, who string) string {
		term.open(name, 80, 24, ssh)
		term.wait(name, "workshop code")
		term.keys(name, "314159", "Enter")
		term.wait(name, "pseudonym")
		term.keys(name, who, "Enter")
		s := term.wait(name, "This is your resume code")
		m := codeOnScreen.FindStringSubmatch(s)
		if m == nil {
			t.Fatalf("%s's resume code is not on the screen:\n%s", who, s)
		}
		term.keys(name, "Enter")
		term.wait(name, "question 1/48")
		return strings.Join(m[1:], "")
	}
	// Each answers the first question apart (levels 1, 5, 3, 3), the rest
	// alike: that question alone is discussed.
	people := []struct{ name, first, rest, revote string }{{"anna", "1", "3", "3"}, {"bert", "5", "4", "4"}, {"cees", "3", "3", "3"}, {"daan", "3", "3", "3"}}
	codes := map[string]string{}
	for _, p := range people {
		codes[p.name] = enter(p.name, p.name)
		term.keys(p.name, p.first)
		term.wait(p.name, "question 2/48")
	}
	for _, p := range people[:3] {
		term.keys(p.name, strings.Repeat(p.rest, 47)) // one burst of keys, one answer each
		term.wait(p.name, "Result — Wijkteams")
	}
	// Daan leaves after ten questions and comes back under his pseudonym
	// with his resume code, where he was.
	term.keys("daan", strings.Repeat(people[3].rest, 9))
	term.wait("daan", "question 11/48")
	term.keys("daan", "q")
	term.wait("fac", "○ daan")
	term.open("daan2", 80, 24, ssh)
	term.wait("daan2", "workshop code")
	term.keys("daan2", "314159", "Enter")
	term.wait("daan2", "pseudonym")
	term.keys("daan2", "Daan", "Enter")
	term.wait("daan2", "Daan exists in this round already")
	term.keys("daan2", strings.ToLower(codes["daan"]), "Enter")
	term.wait("daan2", "question 11/48")
	term.keys("daan2", strings.Repeat(people[3].rest, 38))
	term.wait("daan2", "Result — Wijkteams")
	people[3].name = "daan2"

	// A takeover: eve types anna's pseudonym while anna is connected, then
	// ANNA; both refused. She joins as herself.
	term.open("eve", 80, 24, ssh)
	term.wait("eve", "workshop code")
	term.keys("eve", "314159", "Enter")
	term.wait("eve", "pseudonym")
	term.keys("eve", "anna", "Enter")
	term.wait("eve", "anna is connected now: choose another pseudonym.")
	term.keys("eve", "C-u", "ANNA", "Enter")
	term.wait("eve", "ANNA is connected now: choose another pseudonym.")
	term.keys("eve", "C-u", "eve", "Enter")
	term.wait("eve", "This is your resume code")
	term.keys("eve", "Enter")
	term.wait("eve", "question 1/48")
	term.keys("eve", "3")

	// The dashboard redraws on its own beat: wait until it has eve too.
	s := term.waitUntil("fac", "four participants done and eve not", func(s string) bool {
		return strings.Count(s, "48/48") == 4 && strings.Contains(s, "Not finished yet (1): eve")
	})
	// A silent vote: the beamer shows progress, never a figure.
	if strings.Contains(s, "▏4") || strings.Contains(s, "spread") || strings.Contains(s, "disagrees") {
		t.Errorf("the dashboard shows figures while voting, or not who is not done:\n%s", s)
	}

	// The timer shows on every participant's screen.
	term.keys("fac", "t", "5", "Enter")
	term.wait("fac", "Timer runs: 5:00.")
	term.waitUntil("anna", "the timer", func(s string) bool { return strings.Contains(s, "⏱ 5:00") || strings.Contains(s, "⏱ 4:5") })

	// Eve is removed: her answer goes, her screen says so.
	term.keys("fac", "x", "Down", "Down", "Down", "Down")
	term.wait("fac", "› ● eve")
	term.keys("fac", "Enter")
	term.wait("fac", "Remove eve? Their one answer")
	term.keys("fac", "y")
	term.wait("fac", "eve is removed; 1 answer deleted.")
	term.wait("eve", "The facilitator removed you from the workshop; your answers are deleted.")

	// The move to discussion asks first.
	term.keys("fac", "n")
	term.wait("fac", "Move to discussion?")
	term.wait("fac", "Everyone is done.")
	term.keys("fac", "y")
	term.wait("fac", "Phase: discussion")
	term.wait("fac", "(spread 4)")
	term.wait("anna", "This is the result of the whole group.")

	term.keys("fac", "p")
	s = term.wait("fac", "where the group differs · spread 4")
	for _, want := range []string{"How does the department report", "don't know", "not applicable", "esc back to the dashboard"} {
		if !strings.Contains(s, want) {
			t.Errorf("the presenter view lacks %q:\n%s", want, s)
		}
	}
	term.keys("fac", "Escape")
	term.wait("fac", "p presenter")
	term.keys("fac", "Space")
	term.wait("fac", "› ↺ How does the department report")
	term.keys("fac", "r")
	term.wait("fac", "Open a re-vote on one question?")
	term.keys("fac", "y")
	term.wait("fac", "Re-vote on one question opened.")
	for _, p := range people {
		s := term.wait(p.name, "question 1/1")
		if !strings.Contains(s, "Re-vote:") || !strings.Contains(s, "↺ "+p.first) {
			t.Errorf("%s's re-vote screen lacks the notice or the first vote:\n%s", p.name, s)
		}
		term.keys(p.name, p.revote)
	}
	// Progress counts the re-vote's one question; its answers stay hidden.
	s = term.waitUntil("fac", "four re-votes", func(s string) bool { return strings.Count(s, " 1/1") == 4 })
	if strings.Contains(s, "re-vote 1:") || strings.Contains(s, "▏4") {
		t.Errorf("the re-vote's answers were shown while voting:\n%s", s)
	}
	term.keys("fac", "n")
	term.wait("fac", "Close the re-vote and discuss?")
	term.keys("fac", "y")
	term.wait("fac", "(spread 4 → 1)")
	term.keys("fac", "e")
	term.wait("fac", "Decision and reason")
	term.keys("fac", "Level 2: the monthly report is not discussed yet.", "Escape")
	term.wait("fac", "Decision kept on 1. How does the department report")
	term.keys("fac", "n")
	term.wait("fac", "Move to the agreements?")
	term.keys("fac", "y")
	term.wait("fac", "Phase: agreements")
	term.keys("fac", "n")
	term.wait("fac", "Close the round?")
	term.keys("fac", "y")
	term.wait("fac", "Phase: closed")
	term.keys("fac", "q")
	term.wait("fac", "participants are connected and see that the workshop stops")
	term.keys("fac", "y")
	term.waitUntil("fac", "the close said", func(s string) bool {
		return strings.Contains(strings.Join(strings.Fields(s), " "), "is closed: the next workshop of Wijkteams needs --new-round")
	})
	for _, p := range people {
		term.wait(p.name, "The facilitator ended the workshop. Everything you gave is saved.")
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
	if a.Open() || a.Mode != store.ModeWorkshop || a.Respondents != 4 || a.Answers != 4*48 || second != 4 || len(data.FirstVotes) != 4 || len(data.Notes) != 1 {
		t.Errorf("stored: open %v, mode %s, %d respondents, %d first votes, %d second votes, %d first votes kept of the re-vote, notes %+v",
			a.Open(), a.Mode, a.Respondents, a.Answers, second, len(data.FirstVotes), data.Notes)
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
	for _, want := range []string{"Respondents 4", "Re-vote after the discussion", "Level 2: the monthly report is not discussed yet."} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// Serving again does not open a new round unasked.
	again := exec.Command(bin, "--db", db, "workshop", "serve", "--department", "Wijkteams", "--listen", "127.0.0.1:0")
	again.Env = crashEnv(dir, db)
	if out, err := again.CombinedOutput(); err == nil || !strings.Contains(string(out), "--new-round opent een nieuwe ronde") {
		t.Errorf("serve after the close: %v\n%s", err, out)
	}
}

// TestResize_Tmux: a terminal made smaller and larger is drawn anew at
// once, without a key pressed: at 50×15 the keys that fit, ? among them;
// at 120×40 all of them.
func TestResize_Tmux(t *testing.T) {
	term := newTerminals(t)
	bin, dir := binary(t), t.TempDir()
	term.open("m", 80, 24, fmt.Sprintf("cd %s && exec env MATURITY_DB=m.db XDG_DATA_HOME=%s NO_COLOR=1 %s assess --department Burgerzaken --respondent Vos", dir, dir, bin))
	term.wait("m", "vraag 1/48")
	term.tmux("resize-window", "-t", "m", "-x", "50", "-y", "15")
	s := term.wait("m", "1–5 antwoorden en door • ? hulp • q stoppen")
	for i, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if n := len([]rune(strings.TrimRight(l, " "))); n > 50 || i >= 15 {
			t.Errorf("after the resize to 50×15, line %d has %d characters:\n%s", i+1, n, s)
		}
	}
	term.tmux("resize-window", "-t", "m", "-x", "120", "-y", "40")
	term.wait("m", "o overzicht • e notitie • ? hulp • q stoppen")
	term.keys("m", "q")
}
