package store_test

import (
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

// TestPhaseService_Revote: discussion closes answering; a re-vote takes
// second votes on its questions alone and keeps the first; scores read the
// latest vote, the export too, and the phase survives reopening the file.
func TestPhaseService_Revote(t *testing.T) {
	s := openStore(t)
	s.CreateDepartment(ctx, "Wijkteams", "")
	a, err := s.StartAssessment(ctx, store.StartOptions{Department: "Wijkteams", Questionnaire: defaultFile(t), Mode: store.ModeWorkshop})
	if err != nil {
		t.Fatal(err)
	}
	anna, _ := s.Respondent(ctx, a.ID, "anna")
	bert, _ := s.Respondent(ctx, a.ID, "bert")
	for _, x := range []struct {
		r    store.Respondent
		q, v string
	}{{anna, "desc-reporting", "1"}, {anna, "desc-timeliness", "4"}, {bert, "desc-reporting", "5"}, {bert, "desc-timeliness", "3"}} {
		if err := s.SaveAnswer(ctx, x.r.ID, x.q, x.v); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("discussion closes answering", func(t *testing.T) {
		if err := s.SetPhase(ctx, a.ID, store.PhaseDiscussion, nil); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.SaveAnswer(ctx, anna.ID, "desc-reporting", "1"), store.ECONFLICT, "closed while the group discusses")
	})
	t.Run("a re-vote needs questions", func(t *testing.T) {
		wantCode(t, s.SetPhase(ctx, a.ID, store.PhaseRevote, nil), store.EINVALID, "needs the questions")
		wantCode(t, s.SetPhase(ctx, a.ID, "vote", nil), store.EINVALID, `unknown phase "vote"`)
	})
	t.Run("second votes on the re-vote's questions only", func(t *testing.T) {
		if err := s.SetPhase(ctx, a.ID, store.PhaseRevote, []string{"desc-reporting"}); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAnswer(ctx, anna.ID, "desc-reporting", "2"); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAnswer(ctx, anna.ID, "desc-reporting", "3"); err != nil { // changed her mind
			t.Fatal(err)
		}
		wantCode(t, s.SaveAnswer(ctx, anna.ID, "desc-timeliness", "1"), store.ECONFLICT, "desc-timeliness is not part of the re-vote")
	})
	t.Run("one re-vote per round", func(t *testing.T) {
		if err := s.SetPhase(ctx, a.ID, store.PhaseDiscussion, nil); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.SetPhase(ctx, a.ID, store.PhaseRevote, []string{"desc-timeliness"}), store.ECONFLICT, "already had a re-vote")
		// Reopening the same re-vote is allowed, with or without its list.
		if err := s.SetPhase(ctx, a.ID, store.PhaseRevote, nil); err != nil {
			t.Fatal(err)
		}
	})

	d, err := s.LoadAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := answersText(d.Answers); got != "anna desc-reporting 3 (2)|anna desc-timeliness 4 (1)|bert desc-reporting 5 (1)|bert desc-timeliness 3 (1)" {
		t.Errorf("answers = %s", got)
	}
	if got := answersText(d.FirstVotes); got != "anna desc-reporting 1 (1)|bert desc-reporting 5 (1)" {
		t.Errorf("first votes = %s", got)
	}
	if strings.Join(d.Revote, ",") != "desc-reporting" || d.Assessment.Phase != store.PhaseRevote || d.Assessment.Answers != 4 {
		t.Errorf("revote %v, phase %s, answers %d; want desc-reporting, revote, 4", d.Revote, d.Assessment.Phase, d.Assessment.Answers)
	}
	rows, err := s.Rows(ctx, "Wijkteams")
	if err != nil {
		t.Fatal(err)
	}
	var exported []string
	for _, r := range rows {
		exported = append(exported, r.Respondent+" "+r.Question+" "+r.Level)
	}
	if got := strings.Join(exported, "|"); got != "anna desc-reporting 3|anna desc-timeliness 4|bert desc-reporting 5|bert desc-timeliness 3" {
		t.Errorf("export = %s; want the latest votes, once each", got)
	}

	t.Run("the phase is kept in the file", func(t *testing.T) {
		again, err := store.Open(ctx, s.Path())
		if err != nil {
			t.Fatal(err)
		}
		defer again.Close()
		b, err := again.Assessment(ctx, a.ID)
		if err != nil || b.Phase != store.PhaseRevote {
			t.Errorf("after reopening: phase %q, %v; want revote", b.Phase, err)
		}
	})
	t.Run("no phase after closing", func(t *testing.T) {
		if _, err := s.CloseAssessment(ctx, "Wijkteams"); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.SetPhase(ctx, a.ID, store.PhaseAnswering, nil), store.ECONFLICT, "has been closed")
		wantCode(t, s.SaveAnswer(ctx, bert.ID, "desc-reporting", "1"), store.ECONFLICT, "has been closed")
	})
}

func answersText(as []store.Answer) string {
	var out []string
	for _, a := range as {
		out = append(out, a.Respondent+" "+a.Question+" "+a.Value+" ("+string(rune('0'+a.Vote))+")")
	}
	return strings.Join(out, "|")
}
