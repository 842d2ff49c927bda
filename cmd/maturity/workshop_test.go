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
	anna, _ := join("anna", 5), join("bert", 1)

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

	// A re-vote on the first question: a participant who joins again is
	// asked that question alone, with their first vote marked; every
	// screen waiting for the phase to change hears of it.
	changed := room.Changed()
	first, second := q.Questions()[0].ID, q.Questions()[1].ID
	if err := room.StartRevote([]string{first}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changed:
	default:
		t.Error("starting the re-vote did not announce a phase change")
	}
	anna, err = room.Join("anna")
	if err != nil {
		t.Fatal(err)
	}
	if len(anna.Only) != 1 || anna.Only[0] != first || anna.Earlier[first] != 5 || len(anna.Answers) != 0 || anna.Notice == "" || anna.Closed {
		t.Errorf("re-vote session: only %v, earlier %v, answers %v, notice %q, closed %v", anna.Only, anna.Earlier, anna.Answers, anna.Notice, anna.Closed)
	}
	if err := anna.Backend.SaveAnswer(first, 2); err != nil {
		t.Fatal(err)
	}
	if err := anna.Backend.SaveAnswer(second, 1); err == nil {
		t.Error("an answer to a question outside the re-vote was taken")
	}
	if own, _ := anna.Backend.Result(); own.Respondents != 1 {
		t.Errorf("during the re-vote anna sees %d respondents; want only herself", own.Respondents)
	}
	if snap, _ := room.Snapshot(); len(snap.Revote) != 1 || snap.Participants[0].Revoted != 1 || snap.Participants[1].Revoted != 0 {
		t.Errorf("snapshot during the re-vote: revote %v, participants %+v", snap.Revote, snap.Participants)
	}
	if err := room.SetPhase(tui.PhaseDiscussion); err != nil {
		t.Fatal(err)
	}
	if s, _ := room.Join("bert"); !s.Closed || len(s.Only) != 0 {
		t.Errorf("joining in discussion: closed %v, only %v; want the results", s.Closed, s.Only)
	}
	group, _ = anna.Backend.Result()
	if len(group.Revotes) != 1 || *group.Revotes[0].Before.Spread != 4 || *group.Revotes[0].After.Spread != 1 {
		t.Errorf("after the re-vote: %+v; want spread 4 → 1", group.Revotes)
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
	// Screens that follow the phase join again after closing: they see the
	// closed round's results, and no new round is started for them.
	if s, err := room.Join("anna"); err != nil || !s.Closed || s.Round != a.Round {
		t.Errorf("anna after closing: closed %v, round %q, %v", s.Closed, s.Round, err)
	}
	if _, err := room.Join("zoe"); err == nil || !strings.Contains(err.Error(), "this workshop has ended") {
		t.Errorf("a newcomer after closing: %v", err)
	}
	if latest, err := st.LatestAssessment(ctx, d.Name); err != nil || latest.ID != a.ID {
		t.Errorf("latest round after closing: %d, %v; want the workshop's %d", latest.ID, err, a.ID)
	}
}
