package main

import (
	"encoding/json"
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRegister_Tmux follows agreements from the workshop to the next
// report, every terminal 80×24: three participants answer over SSH; after
// the discussion the facilitator opens the agreements step, agrees the
// first recommendation (owner teamleider, due in half a year) and an own
// action for Descriptive whose date has passed already (confirmed), shows
// both on the presenter view and closes the round. The department's next
// round, answered with maturity assess, starts with its open actions; the
// register lists both as planned; actions done closes the first with its
// evidence; the report on the new round says one was done and one is
// overdue.
func TestRegister_Tmux(t *testing.T) {
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
	envs := fmt.Sprintf("env MATURITY_DB=%s XDG_DATA_HOME=%s HOME=%s NO_COLOR=1", db, dir, dir)
	term.open("fac", 80, 24, fmt.Sprintf("%s %s --lang en workshop serve --department Wijkteams --listen 127.0.0.1:%s --code 271828; sleep 120", envs, bin, port))
	term.wait("fac", "Code: 271828")
	ssh := fmt.Sprintf("ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=%s -o LogLevel=ERROR -p %s 127.0.0.1; sleep 120", filepath.Join(dir, "known_hosts"), port)
	for _, who := range []string{"anna", "bert", "cees"} {
		term.open(who, 80, 24, ssh)
		term.wait(who, "workshop code")
		term.keys(who, "271828", "Enter")
		term.wait(who, "pseudonym")
		term.keys(who, who, "Enter")
		term.wait(who, "This is your resume code")
		term.keys(who, "Enter")
		term.wait(who, "question 1/48")
		term.keys(who, strings.Repeat("2", 48))
		term.wait(who, "Result — Wijkteams")
	}
	term.waitUntil("fac", "everyone done", func(s string) bool { return strings.Count(s, "48/48") == 3 })
	term.keys("fac", "n")
	term.wait("fac", "Move to discussion?")
	term.keys("fac", "y")
	term.wait("fac", "Phase: discussion")
	term.keys("fac", "n")
	term.wait("fac", "Move to the agreements?")
	term.keys("fac", "y")
	term.wait("fac", "Phase: agreements")
	s := term.wait("fac", "Agreements: what will the group do?")
	if !strings.Contains(s, "› 1. ") {
		t.Errorf("the agreements step has no recommendation chosen:\n%s", s)
	}

	// The first recommendation: its text comes filled in.
	later := time.Now().AddDate(0, 6, 0).Format("2006-01-02")
	passed := time.Now().AddDate(0, -1, 0).Format("2006-01-02")
	term.keys("fac", "Enter")
	term.wait("fac", "Owner: a role, such as team leader or information manager — not a person's name")
	term.keys("fac", "teamleider", "Enter")
	term.wait("fac", "Done by (YYYY-MM-DD)")
	term.keys("fac", later, "Enter")
	term.wait("fac", "saved: teamleider, due "+later)

	// An own action for Descriptive, due a month ago: asked first.
	term.keys("fac", "o")
	term.wait("fac", "› Use of data analysis › Descriptive")
	term.keys("fac", "Enter")
	term.wait("fac", "New agreement — Descriptive")
	term.keys("fac", "Discuss the monthly overview in every team meeting", "Enter")
	term.keys("fac", "informatiemanager", "Enter")
	term.keys("fac", passed, "Enter")
	term.wait("fac", passed+" is before today: the agreement is overdue at once.")
	term.keys("fac", "y")
	term.wait("fac", "saved: informatiemanager, due "+passed)
	term.wait("fac", "Agreed (2)")

	// The presenter view shows both, with owner and due date.
	term.keys("fac", "p")
	s = term.wait("fac", "Agreements — Wijkteams")
	for _, want := range []string{"Owner: teamleider   Due: " + later, "2. Discuss the monthly overview in every team meeting", "Owner: informatiemanager   Due: " + passed} {
		if !strings.Contains(s, want) {
			t.Errorf("the presenter view lacks %q:\n%s", want, s)
		}
	}
	term.keys("fac", "Escape")
	term.wait("fac", "o own agreement")
	term.keys("fac", "n")
	term.waitUntil("fac", "the question to close", func(s string) bool {
		return strings.Contains(strings.Join(strings.Fields(s), " "), "Close the round? Nobody can answer or vote again after it; the next workshop needs --new-round. 2 agreements are saved.")
	})
	term.keys("fac", "y")
	term.wait("fac", "Phase: closed")
	term.keys("fac", "q")
	term.wait("fac", "see that the workshop stops")
	term.keys("fac", "y")
	term.waitUntil("fac", "the close said", func(s string) bool {
		return strings.Contains(strings.Join(strings.Fields(s), " "), "is closed: the next workshop of Wijkteams needs --new-round")
	})

	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"--db", db, "--lang", "en"}, args...)...)
		cmd.Env = crashEnv(dir, db)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("maturity %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	type listed struct {
		ID                                int64
		Dimension, Text, Owner, Due       string
		Status, Round, Evidence, Question string
		Overdue                           bool
	}
	list := func() []listed {
		t.Helper()
		var out []listed
		if err := json.Unmarshal([]byte(run("actions", "list", "--department", "Wijkteams", "--json")), &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	agreed := list()
	if len(agreed) != 2 || agreed[0].Owner != "teamleider" || agreed[0].Due != later || agreed[0].Status != "planned" || agreed[0].Overdue ||
		agreed[1].Dimension != "descriptive" || agreed[1].Text != "Discuss the monthly overview in every team meeting" || agreed[1].Owner != "informatiemanager" ||
		agreed[1].Due != passed || agreed[1].Status != "planned" || !agreed[1].Overdue || agreed[0].Round == "" || agreed[1].Round != agreed[0].Round {
		t.Fatalf("the register after the workshop: %+v", agreed)
	}

	// The next round of Wijkteams starts with what is still open.
	term.open("next", 80, 24, fmt.Sprintf("cd %s && exec %s %s --lang en assess --department Wijkteams --respondent Vos", dir, envs, bin))
	s = term.wait("next", "open actions from earlier rounds")
	flat := strings.Join(strings.Fields(s), " ")
	for _, want := range []string{"Wijkteams: open actions from earlier rounds", "Discuss the monthly overview in every team meeting", "informatiemanager", "teamleider"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the new round's first screen lacks %q:\n%s", want, s)
		}
	}
	term.keys("next", "Enter")
	term.wait("next", "question 1/48")
	term.keys("next", strings.Repeat("3", 48))
	term.wait("next", "Result — Wijkteams")
	term.keys("next", "q")

	out := run("actions", "done", fmt.Sprint(agreed[0].ID), "--evidence", "Work instruction adopted by the management team")
	if !strings.Contains(out, "done") {
		t.Errorf("actions done said:\n%s", out)
	}
	after := list()
	if len(after) != 2 || after[0].Status != "done" || after[0].Evidence != "Work instruction adopted by the management team" || after[1].Status != "planned" || !after[1].Overdue {
		t.Errorf("the register after done: %+v", after)
	}

	pdf := filepath.Join(dir, "r.pdf")
	run("report", "--department", "Wijkteams", "-o", pdf)
	text, err := exec.Command(pdftotext, pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	report := strings.Join(strings.Fields(string(text)), " ")
	for _, want := range []string{
		fmt.Sprintf("Of the 2 actions agreed after round %s: 1 done, 1 still open (1 of them overdue), 0 dropped.", agreed[0].Round),
		"What became of the actions agreed after round " + agreed[0].Round,
		"Work instruction adopted by the management team",
		// Table cells are read row by row: the own action's text starts
		// beside its dimension.
		"Descriptive: Discuss the monthly overview",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
}
