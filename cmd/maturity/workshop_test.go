package main

import (
	"context"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/maturity-nl/maturity/questionnaires"
)

// TestWorkshopRoom: participants join the department's open round; each
// sees their own result until answering closes; closed answering refuses
// answers; decisions become notes; closing closes the round.
func TestWorkshopRoom(t *testing.T) {
	ctx := context.Background()
	vars := withDB(t)
	e := env{stdin: strings.NewReader(""), stdout: &strings.Builder{}, stderr: &strings.Builder{}, getenv: func(k string) string { return vars[k] }}
	opts := &globalOptions{db: vars["MATURITY_DB"]}
	st, err := store.Open(ctx, opts.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	q, err := questionnaires.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	d, _ := st.CreateDepartment(ctx, "Wijkteams", "")
	a, err := st.StartAssessment(ctx, store.StartOptions{Department: d.Name, Questionnaire: storeFile(q), Mode: store.ModeWorkshop})
	if err != nil {
		t.Fatal(err)
	}
	room := &storeRoom{ctx: ctx, e: e, opts: opts, st: st, q: q, lang: "en", department: d.Name, assessment: a.ID, scorer: newScorer(st)}
	var _ tui.Facilitator = room
	join := func(who string, v scoring.Value) tui.Session {
		s, err := room.Join(who)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range q.Questions()[:3] {
			if err := s.Backend.SaveAnswer(x.ID, v); err != nil {
				t.Fatal(err)
			}
		}
		return s
	}
	anna, _ := join("anna", 4), join("bert", 0)

	snap, err := room.Snapshot()
	if err != nil || len(snap.Participants) != 2 || snap.Participants[0].Answered != 3 || snap.Result.Respondents != 2 {
		t.Fatalf("snapshot = %+v, %v", snap.Participants, err)
	}
	own, _ := anna.Backend.Result()
	if own.Respondents != 1 || own.Overall.Level != 5 {
		t.Errorf("while answering anna sees %d respondents, level %d; want only her own (1, level 5)", own.Respondents, own.Overall.Level)
	}

	if err := room.SetPhase(tui.PhaseDiscussion); err != nil {
		t.Fatal(err)
	}
	if err := anna.Backend.SaveAnswer(q.Questions()[5].ID, 2); err == nil || !strings.Contains(err.Error(), "answering is closed") {
		t.Errorf("an answer during discussion: %v", err)
	}
	group, _ := anna.Backend.Result()
	if group.Respondents != 2 {
		t.Errorf("after answering closed anna sees %d respondents; want the group's 2", group.Respondents)
	}
	if err := room.SaveDecision("desc-reporting", "Besloten: niveau 2"); err != nil {
		t.Fatal(err)
	}
	if err := room.SetPhase(tui.PhaseClosed); err != nil {
		t.Fatal(err)
	}
	data, err := st.LoadAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if data.Assessment.Open() || len(data.Notes) != 1 || data.Notes[0].Text != "Besloten: niveau 2" || data.Notes[0].Respondent != "" {
		t.Errorf("after closing: open %v, notes %+v", data.Assessment.Open(), data.Notes)
	}
}
