package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
)

// homeOn is the home screen over a real database holding the worked
// example, at 100×40, and the store beside it.
func homeOn(t *testing.T) (*teatest.TestModel, *store.Store, *storeHome) {
	t.Helper()
	vars := withDB(t)
	mustRun(t, vars, "import", "testdata/worked-example.csv", "--questionnaire=testdata/example.yaml")
	ctx := context.Background()
	st, err := store.Open(ctx, vars["MATURITY_DB"])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := env{stdin: strings.NewReader(""), stdout: os.Stdout, stderr: os.Stderr, getenv: func(k string) string { return vars[k] }}
	opts := &globalOptions{}
	q, err := resolveQuestionnaire(e, opts, "")
	if err != nil {
		t.Fatal(err)
	}
	h := &storeHome{ctx: ctx, e: e, opts: opts, st: st, q: q}
	tm := teatest.NewTestModel(t, tui.NewApp(h, "en", tui.DefaultStyles()), teatest.WithInitialTermSize(100, 40))
	return tm, st, h
}

func waitScreen(t *testing.T, tm *teatest.TestModel, s string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), s) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// TestHome_ResultsAction: on the results screen a turns the first
// recommendation into an action, with the owner and due date typed; it is
// in the database after the round on screen. On the actions screen d
// closes it as done with evidence, which the database keeps in its history.
func TestHome_ResultsAction(t *testing.T) {
	tm, st, h := homeOn(t)
	ctx := context.Background()
	waitScreen(t, tm, "View results")
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitScreen(t, tm, "Of which department?")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitScreen(t, tm, "Do first (tab chooses, a makes it an action)")
	tm.Type("a")
	waitScreen(t, tm, "A role, not a person's name")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type("teamleider")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type("2027-03-31")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitScreen(t, tm, "Action 1 agreed")

	rounds, err := h.Past("Example")
	if err != nil || len(rounds) != 1 {
		t.Fatalf("rounds %v, %v", rounds, err)
	}
	r := rounds[0]
	rec := r.Result.Recommendations[0]
	got, err := st.Actions(ctx, store.ActionFilter{Department: "Example"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("%d actions in the database", len(got))
	}
	a := got[0]
	if a.ID != 1 || a.AssessmentID != r.ID || a.Round != "2026-11" || a.Dimension != rec.Dimension || a.Question != rec.Question ||
		a.Text != rec.Text(r.Questionnaire).In("en") || a.Owner != "teamleider" || a.Due != "2027-03-31" || a.Status != store.ActionPlanned {
		t.Errorf("the action in the database: %+v\nthe recommendation: %+v", a, rec)
	}

	tm.Type("l")
	waitScreen(t, tm, "#1 · planned · teamleider · due 2027-03-31 · after round 2026-11")
	tm.Type("d")
	waitScreen(t, tm, "What shows it was done")
	tm.Type("Adopted by the MT on 12 March")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitScreen(t, tm, "Action 1 saved.")
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	waitScreen(t, tm, "Rounds")
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	waitScreen(t, tm, "Start a workshop")
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	done, err := st.Action(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, c := range done.History {
		fields = append(fields, c.Field+"="+c.New)
	}
	if done.Status != store.ActionDone || done.Evidence != "Adopted by the MT on 12 March" ||
		strings.Join(fields, ",") != "created=planned,evidence=Adopted by the MT on 12 March,status=done" {
		t.Errorf("after d: status %s, evidence %q, history %v", done.Status, done.Evidence, fields)
	}
}

// TestHome_Report: the results screen writes the round's PDF where it was
// asked to, and says the full path.
func TestHome_Report(t *testing.T) {
	tm, _, _ := homeOn(t)
	out := filepath.Join(t.TempDir(), "leiding.pdf")
	waitScreen(t, tm, "Write a report")
	for range 3 {
		tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitScreen(t, tm, "Of which department?")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitScreen(t, tm, "Report (pdf): where does it go?")
	for range "rapport-example-2026-11.pdf" {
		tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	tm.Type(out)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitScreen(t, tm, "Report written:")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	data, err := os.ReadFile(out)
	if err != nil || !strings.HasPrefix(string(data), "%PDF-") {
		t.Errorf("the report: %v, %d bytes", err, len(data))
	}
}

// TestShellWord: the workshop's command lines can be pasted into a shell.
func TestShellWord(t *testing.T) {
	for in, want := range map[string]string{"Wijkteams": "Wijkteams", "Sociaal Domein": "'Sociaal Domein'", "Jan's team": `'Jan'\''s team'`, "": "''", "/tmp/m.db": "/tmp/m.db"} {
		if got := shellWord(in); got != want {
			t.Errorf("shellWord(%q) = %s, want %s", in, got, want)
		}
	}
}
