package store_test

import (
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/store"
)

func TestStore_SetRoundFacts(t *testing.T) {
	s := openStore(t)
	rows := []store.Row{
		{Department: "Wijkteams", Assessment: "2025-03", Respondent: "Vos", Question: "desc-reporting", Level: "2"},
		{Department: "Wijkteams", Assessment: "2025-10", Respondent: "Vos", Question: "desc-reporting", Level: "3"},
	}
	if _, err := s.ImportRows(ctx, defaultFile(t), rows); err != nil {
		t.Fatal(err)
	}
	workshopDay := time.Date(2025, 10, 14, 15, 30, 0, 0, time.UTC)

	t.Run("mode and closing time", func(t *testing.T) {
		err := s.SetRoundFacts(ctx, []store.RoundFacts{
			{Department: "wijkteams", Round: "2025-10", Mode: store.ModeWorkshop, ClosedAt: workshopDay},
			{Department: "Wijkteams", Round: "2025-03", Mode: store.ModeSelf},
		})
		if err != nil {
			t.Fatal(err)
		}
		all, err := s.Assessments(ctx, "Wijkteams")
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 2 {
			t.Fatalf("%d rounds; want 2", len(all))
		}
		first, second := all[0], all[1]
		// The zero ClosedAt keeps the import's: the label's date.
		if first.Mode != store.ModeSelf || !first.ClosedAt.Equal(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("round 2025-03: mode %s, closed %s; want self, closed 2025-03-01", first.Mode, first.ClosedAt)
		}
		if second.Mode != store.ModeWorkshop || !second.ClosedAt.Equal(workshopDay) ||
			!second.CreatedAt.Equal(time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("round 2025-10: mode %s, created %s, closed %s; want workshop, created 2025-10-01, closed %s",
				second.Mode, second.CreatedAt, second.ClosedAt, workshopDay)
		}
	})

	t.Run("a workshop's re-vote", func(t *testing.T) {
		err := s.SetRoundFacts(ctx, []store.RoundFacts{{Department: "Wijkteams", Round: "2025-10", Mode: store.ModeWorkshop,
			SecondVotes: []store.Answer{{Respondent: "Vos", Question: "desc-reporting", Value: "1"}}}})
		if err != nil {
			t.Fatal(err)
		}
		all, _ := s.Assessments(ctx, "Wijkteams")
		d, err := s.LoadAssessment(ctx, all[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		if answersText(d.Answers) != "Vos desc-reporting 1 (2)" || answersText(d.FirstVotes) != "Vos desc-reporting 3 (1)" ||
			len(d.Revote) != 1 || d.Assessment.Phase != store.PhaseDiscussion {
			t.Errorf("answers %s, first votes %s, revote %v, phase %s", answersText(d.Answers), answersText(d.FirstVotes), d.Revote, d.Assessment.Phase)
		}
	})

	t.Run("refused, and nothing changes", func(t *testing.T) {
		if _, err := s.CreateDepartment(ctx, "Burgerzaken", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.StartAssessment(ctx, store.StartOptions{Department: "Burgerzaken", Questionnaire: defaultFile(t), Mode: store.ModeSelf, Round: "2026-11"}); err != nil {
			t.Fatal(err)
		}
		good := store.RoundFacts{Department: "Wijkteams", Round: "2025-03", Mode: store.ModeWorkshop}
		for _, c := range []struct {
			name string
			bad  store.RoundFacts
			code string
			msg  string
		}{
			{"unknown round", store.RoundFacts{Department: "Wijkteams", Round: "2024-01", Mode: store.ModeSelf}, store.ENOTFOUND, `department "Wijkteams" has no round "2024-01"`},
			{"unknown department", store.RoundFacts{Department: "Nergens", Round: "2025-03", Mode: store.ModeSelf}, store.ENOTFOUND, "Nergens"},
			{"open round", store.RoundFacts{Department: "Burgerzaken", Round: "2026-11", Mode: store.ModeWorkshop}, store.ECONFLICT, `round "2026-11" of Burgerzaken is open`},
			{"closed before opened", store.RoundFacts{Department: "Wijkteams", Round: "2025-10", Mode: store.ModeSelf, ClosedAt: time.Date(2025, 9, 30, 0, 0, 0, 0, time.UTC)},
				store.EINVALID, "cannot close at 2025-09-30T00:00:00Z, before it opened (2025-10-01T00:00:00Z)"},
			{"unknown mode", store.RoundFacts{Department: "Wijkteams", Round: "2025-10", Mode: "survey"}, store.EINVALID, `mode "survey"`},
			{"a re-vote of a self-assessment", store.RoundFacts{Department: "Wijkteams", Round: "2025-10", Mode: store.ModeSelf,
				SecondVotes: []store.Answer{{Respondent: "Vos", Question: "desc-reporting", Value: "2"}}}, store.EINVALID, "only a workshop votes again"},
			{"a re-vote of a stranger", store.RoundFacts{Department: "Wijkteams", Round: "2025-10", Mode: store.ModeWorkshop,
				SecondVotes: []store.Answer{{Respondent: "Das", Question: "desc-reporting", Value: "2"}}}, store.ENOTFOUND, `no respondent "Das"`},
			{"a re-vote out of range", store.RoundFacts{Department: "Wijkteams", Round: "2025-10", Mode: store.ModeWorkshop,
				SecondVotes: []store.Answer{{Respondent: "Vos", Question: "desc-reporting", Value: "0"}}}, store.EINVALID, `second vote "0" of Vos in round "2025-10" of Wijkteams is not a level 1–5, dk or na`},
		} {
			t.Run(c.name, func(t *testing.T) {
				err := s.SetRoundFacts(ctx, []store.RoundFacts{good, c.bad})
				wantCode(t, err, c.code, c.msg)
				first, err := s.Assessments(ctx, "Wijkteams")
				if err != nil {
					t.Fatal(err)
				}
				if first[0].Mode != store.ModeSelf {
					t.Errorf("a refused batch still set round 2025-03 to %s", first[0].Mode)
				}
			})
		}
	})
}
