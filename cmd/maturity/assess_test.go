package main

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

// storedAnswers reads what the database holds for a respondent of the
// department's latest round.
func storedAnswers(t *testing.T, db, department, alias string) map[string]string {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := st.LatestAssessment(context.Background(), department)
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.Respondent(context.Background(), a.ID, alias)
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.Answers(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestAssess_Accessible answers through standard input, as a screen reader
// user or a script would, and resumes in a second run.
func TestAssess_Accessible(t *testing.T) {
	vars := withDB(t)
	run := func(input string, extra ...string) result {
		var out, errb strings.Builder
		args := append([]string{"assess", "--department", "Burgerzaken", "--respondent", "Vos"}, extra...)
		getenv := func(k string) string { return vars[k] }
		err := runWith(args, strings.NewReader(input), &out, &errb, getenv)
		code := exitCode(err, &errb)
		return result{stdout: out.String(), stderr: errb.String(), code: code}
	}
	r := run("3\n2\nd\nq\n", "--accessible")
	if r.code != 0 || !strings.Contains(r.stdout, "Vraag 1 van 48 — Gebruik van data-analyse › Beschrijvend") || !strings.Contains(r.stdout, "Alles is opgeslagen.") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	got := storedAnswers(t, vars["MATURITY_DB"], "Burgerzaken", "Vos")
	if len(got) != 3 || got["desc-reporting"] != "3" || got["desc-definitions"] != "2" || got["desc-timeliness"] != "dk" {
		t.Errorf("stored = %v", got)
	}
	vars["ACCESSIBLE"] = "1"
	r = run("1\n")
	if r.code != 0 || !strings.Contains(r.stdout, "Vraag 4 van 48") || strings.Contains(r.stdout, "Vraag 1 van 48") {
		t.Errorf("second run did not resume at question 4:\n%s", r.stdout)
	}
	if got := storedAnswers(t, vars["MATURITY_DB"], "Burgerzaken", "Vos"); len(got) != 4 {
		t.Errorf("after resuming: %d answers stored", len(got))
	}
	r = run("", "--department", "Burgerzakn", "--accessible")
	if r.code != 2 || !strings.Contains(r.stderr, `did you mean "Burgerzaken"?`) {
		t.Errorf("a misspelt department: exit %d, %s", r.code, r.stderr)
	}
}

// runWith runs one command line in-process with the given streams.
func runWith(args []string, stdin *strings.Reader, stdout, stderr *strings.Builder, getenv func(string) string) error {
	return run(context.Background(), args, env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv})
}

// TestAssess_Tmux drives the real binary in tmux: answer four questions,
// kill the process with SIGKILL, start again, and check that it resumes at
// the fifth question and that the database holds every answer given.
func TestAssess_Tmux(t *testing.T) {
	term := newTerminals(t)
	dir := t.TempDir()
	bin := binary(t)
	db := filepath.Join(dir, "m.db")
	startApp := func() {
		term.open("m", 80, 24, fmt.Sprintf("exec env MATURITY_DB=%s XDG_DATA_HOME=%s %s assess --department Burgerzaken --respondent Vos", db, dir, bin))
	}

	startApp()
	term.wait("m", "vraag 1/48")
	// Keys 1–5 are the levels; the cursor starts at level 1, two down is 3.
	for _, step := range [][2]string{{"3", "vraag 2/48"}, {"2", "vraag 3/48"}, {"Down", "› "}, {"Down", "› "}, {"Enter", "vraag 4/48"}, {"d", "vraag 5/48"}} {
		term.keys("m", step[0])
		term.wait("m", step[1])
	}
	if err := syscall.Kill(term.pid("m"), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	exec.Command("tmux", "-S", term.socket, "kill-session", "-t", "m").Run()

	got := storedAnswers(t, db, "Burgerzaken", "Vos")
	want := map[string]string{"desc-reporting": "3", "desc-definitions": "2", "desc-timeliness": "3", "diag-root-cause": "dk"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after SIGKILL the database holds %v; want %v", got, want)
	}
	startApp()
	s := term.wait("m", "vraag 5/48")
	if !strings.Contains(s, "Diagnostisch  (1/3 in deze dimensie)") || !strings.Contains(s, "4/48 beantwoord") {
		t.Errorf("resumed screen:\n%s", s)
	}
	term.keys("m", "q")
}
