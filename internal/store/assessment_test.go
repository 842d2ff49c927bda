package store_test

import (
	"testing"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/store"
)

func TestAssessmentService(t *testing.T) {
	s := openStore(t)
	if _, err := s.CreateDepartment(ctx, "Burgerzaken", ""); err != nil {
		t.Fatal(err)
	}
	file := defaultFile(t)
	start := func() (store.Assessment, error) {
		return s.StartAssessment(ctx, store.StartOptions{Department: "burgerzaken", Questionnaire: file, Mode: store.ModeSelf})
	}
	a, err := start()
	if err != nil {
		t.Fatal(err)
	}
	if a.Round != "2026-11" || !a.Open() || a.Department != "Burgerzaken" || a.Questionnaire.Key != "gemeente-datagedreven" || a.Questionnaire.Questions != 48 || a.Mode != store.ModeSelf {
		t.Errorf("new round = %+v", a)
	}

	t.Run("resume the open round", func(t *testing.T) {
		again, err := start()
		if err != nil || again.ID != a.ID {
			t.Errorf("second start = %+v, %v; want round %d again", again, err, a.ID)
		}
	})
	t.Run("an open round on another questionnaire file", func(t *testing.T) {
		other := file
		other.Source = append([]byte("# changed\n"), file.Source...)
		other.Digest = "another"
		_, err := s.StartAssessment(ctx, store.StartOptions{Department: "Burgerzaken", Questionnaire: other, Mode: store.ModeSelf})
		wantCode(t, err, store.ECONFLICT, "close it first with: maturity assessment close --department \"Burgerzaken\"")
	})
	t.Run("answers, replaced, and completeness", func(t *testing.T) {
		r, err := s.Respondent(ctx, a.ID, "Vos")
		if err != nil {
			t.Fatal(err)
		}
		if same, _ := s.Respondent(ctx, a.ID, " Vos "); same.ID != r.ID {
			t.Errorf("the same alias made a second respondent")
		}
		q, _ := questionnaire.Parse("q.yaml", file.Source)
		for i, x := range q.Questions() {
			if err := s.SaveAnswer(ctx, r.ID, x.ID, []string{"1", "2", "3", "4", "5", "dk", "na"}[i%7]); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SaveAnswer(ctx, r.ID, "desc-reporting", "5"); err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"0", "6", "DK"} {
			err = s.SaveAnswer(ctx, r.ID, "desc-reporting", bad)
			wantCode(t, err, store.EINVALID, `answer "`+bad+`" is not a level 1–5, dk or na`)
		}
		got, _ := s.Assessment(ctx, a.ID)
		if got.Respondents != 1 || got.Answers != 48 || !got.Complete {
			t.Errorf("after 48 answers: %+v", got)
		}
		answers, _ := s.Answers(ctx, r.ID)
		if answers["desc-reporting"] != "5" {
			t.Errorf("desc-reporting = %q; want the replacing 5", answers["desc-reporting"])
		}
		if _, err := s.Respondent(ctx, a.ID, "Das"); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Assessment(ctx, a.ID); got.Complete {
			t.Errorf("complete with a respondent who answered nothing")
		}
	})
	t.Run("notes", func(t *testing.T) {
		r, _ := s.Respondent(ctx, a.ID, "Vos")
		for _, n := range []store.NoteInput{
			{AssessmentID: a.ID, RespondentID: r.ID, Question: "desc-reporting", Text: "eerste versie"},
			{AssessmentID: a.ID, RespondentID: r.ID, Question: "desc-reporting", Text: "We hebben een maanddashboard."},
			{AssessmentID: a.ID, Dimension: "quality", Text: "Besloten: niveau 2, want geen vaste controles."},
			{AssessmentID: a.ID, Dimension: "quality", Text: "Besloten: niveau 2, want geen vaste controles."},
			{AssessmentID: a.ID, RespondentID: r.ID, Question: "diag-sources", Text: "weg"},
			{AssessmentID: a.ID, RespondentID: r.ID, Question: "diag-sources", Text: ""},
		} {
			if err := s.SaveNote(ctx, n); err != nil {
				t.Fatal(err)
			}
		}
		err := s.SaveNote(ctx, store.NoteInput{AssessmentID: a.ID, Question: "x", Dimension: "y", Text: "t"})
		wantCode(t, err, store.EINVALID, "a question or to a dimension")
		data, err := s.LoadAssessment(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(data.Notes) != 2 || data.Notes[0].Text != "We hebben een maanddashboard." || data.Notes[1].Dimension != "quality" || data.Notes[1].Respondent != "" {
			t.Errorf("notes = %+v; want the edited note and one group note", data.Notes)
		}
		if len(data.Answers) != 48 || string(data.Definition) != string(file.Source) {
			t.Errorf("loaded %d answers, definition of %d bytes", len(data.Answers), len(data.Definition))
		}
	})
	t.Run("targets", func(t *testing.T) {
		if err := s.SetDepartmentTargets(ctx, "Burgerzaken", store.Targets{"quality": 3, "skills": 5}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetAssessmentTargets(ctx, a.ID, store.Targets{"quality": 4}); err != nil {
			t.Fatal(err)
		}
		if err := s.ClearDepartmentTargets(ctx, "Burgerzaken", []string{"skills"}); err != nil {
			t.Fatal(err)
		}
		err := s.SetDepartmentTargets(ctx, "Burgerzaken", store.Targets{"quality": 6})
		wantCode(t, err, store.EINVALID, "not 1–5")
		data, _ := s.LoadAssessment(ctx, a.ID)
		if len(data.DepartmentTargets) != 1 || data.DepartmentTargets["quality"] != 3 || data.AssessmentTargets["quality"] != 4 {
			t.Errorf("targets: department %v, assessment %v", data.DepartmentTargets, data.AssessmentTargets)
		}
	})
	t.Run("close, start the next round, reopen", func(t *testing.T) {
		closed, err := s.CloseAssessment(ctx, "Burgerzaken")
		if err != nil || closed.Open() {
			t.Fatalf("close = %+v, %v", closed, err)
		}
		_, err = s.CloseAssessment(ctx, "Burgerzaken")
		wantCode(t, err, store.ENOTFOUND, "no open round")
		next, err := start()
		if err != nil || next.ID == a.ID || next.Round != "2026-11-2" {
			t.Fatalf("next round = %+v, %v; want a new round 2026-11-2", next, err)
		}
		_, err = s.ReopenAssessment(ctx, a.ID)
		wantCode(t, err, store.ECONFLICT, `has another open round "2026-11-2"`)
		if _, err := s.CloseAssessment(ctx, "Burgerzaken"); err != nil {
			t.Fatal(err)
		}
		re, err := s.ReopenAssessment(ctx, a.ID)
		if err != nil || !re.Open() {
			t.Fatalf("reopen = %+v, %v", re, err)
		}
		_, err = s.ReopenAssessment(ctx, a.ID)
		wantCode(t, err, store.ECONFLICT, "already open")
		_, err = s.ReopenAssessment(ctx, 999)
		wantCode(t, err, store.ENOTFOUND, "unknown assessment 999")
		list, err := s.Assessments(ctx, "Burgerzaken")
		if err != nil || len(list) != 2 || list[0].Round != "2026-11" || list[1].Round != "2026-11-2" {
			t.Errorf("list = %+v, %v", list, err)
		}
		latest, _ := s.LatestAssessment(ctx, "Burgerzaken")
		if latest.Round != "2026-11-2" {
			t.Errorf("latest = %s", latest.Round)
		}
	})
	t.Run("a chosen round label", func(t *testing.T) {
		if _, err := s.CreateDepartment(ctx, "Belastingen", ""); err != nil {
			t.Fatal(err)
		}
		got, err := s.StartAssessment(ctx, store.StartOptions{Department: "Belastingen", Questionnaire: file, Mode: store.ModeWorkshop, Round: "voorjaar 2027"})
		if err != nil || got.Round != "voorjaar 2027" || got.Mode != store.ModeWorkshop {
			t.Errorf("start with a round label = %+v, %v", got, err)
		}
		_, err = s.LatestAssessment(ctx, "Burgerzaken ")
		if err != nil {
			t.Error(err)
		}
	})
}
