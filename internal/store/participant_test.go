package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/questionnaires"
)

func workshopRound(t *testing.T, mode store.Mode) (*store.Store, store.Assessment) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	q, err := questionnaires.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateDepartment(ctx, "Wijkteams", ""); err != nil {
		t.Fatal(err)
	}
	a, err := st.StartAssessment(ctx, store.StartOptions{Department: "Wijkteams", Mode: mode,
		Questionnaire: store.QuestionnaireFile{Key: q.ID, Version: q.Version, Digest: q.Digest, Questions: len(q.Questions()), Source: q.Source}})
	if err != nil {
		t.Fatal(err)
	}
	return st, a
}

// TestStore_Participants: a pseudonym is one participant whatever its
// case and spacing; the resume code matches in any case; a respondent
// who did not join through the gate has no code.
func TestStore_Participants(t *testing.T) {
	st, a := workshopRound(t, store.ModeWorkshop)
	ctx := context.Background()
	merel, err := st.AddParticipant(ctx, a.ID, "Merel  de Vries", "K7PM")
	if err != nil || merel.Alias != "Merel  de Vries" {
		t.Fatalf("add: %+v, %v", merel, err)
	}
	for _, alias := range []string{"merel de vries", " MEREL DE  VRIES "} {
		if _, err := st.AddParticipant(ctx, a.ID, alias, "AAAA"); store.ErrorCode(err) != store.ECONFLICT || !strings.Contains(err.Error(), "is taken") {
			t.Errorf("adding %q: %v; want a conflict", alias, err)
		}
		p, err := st.FindParticipant(ctx, a.ID, alias)
		if err != nil || p.ID != merel.ID || !p.HasCode {
			t.Errorf("finding %q: %+v, %v; want Merel with a code", alias, p, err)
		}
	}
	for code, want := range map[string]bool{"K7PM": true, "k7pm": true, " k7pm ": true, "K7PN": false, "": false} {
		if ok, err := st.ResumeCodeMatches(ctx, merel.ID, code); err != nil || ok != want {
			t.Errorf("code %q: %v, %v; want %v", code, ok, err, want)
		}
	}
	plain, err := st.Respondent(ctx, a.ID, "anon-1a2b3c")
	if err != nil {
		t.Fatal(err)
	}
	if p, err := st.FindParticipant(ctx, a.ID, "ANON-1A2B3C"); err != nil || p.ID != plain.ID || p.HasCode {
		t.Errorf("an assess respondent: %+v, %v; want found, without a code", p, err)
	}
	if ok, _ := st.ResumeCodeMatches(ctx, plain.ID, ""); ok {
		t.Error("a respondent without a code matched the empty code")
	}
	if _, err := st.FindParticipant(ctx, a.ID, "zoe"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("an unknown pseudonym: %v", err)
	}
	for _, bad := range []string{"", "   ", strings.Repeat("x", store.MaxAliasRunes+1), "bad\x1b[2Jname", "tab\there", "rtl\u202Eeman"} {
		if _, err := st.AddParticipant(ctx, a.ID, bad, "AAAA"); store.ErrorCode(err) != store.EINVALID {
			t.Errorf("pseudonym %q: %v; want refused", bad, err)
		}
	}
	if _, err := st.CloseAssessment(ctx, "Wijkteams"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddParticipant(ctx, a.ID, "zoe", "AAAA"); store.ErrorCode(err) != store.ECONFLICT {
		t.Errorf("joining a closed round: %v", err)
	}
}

// TestStore_RemoveRespondent: removing a respondent takes their answers,
// notes and resume code with them, and nobody else's; a closed round keeps
// its respondents.
func TestStore_RemoveRespondent(t *testing.T) {
	st, a := workshopRound(t, store.ModeWorkshop)
	ctx := context.Background()
	eve, _ := st.AddParticipant(ctx, a.ID, "eve", "EEEE")
	anna, _ := st.AddParticipant(ctx, a.ID, "anna", "AAAA")
	for _, r := range []store.Respondent{eve, anna} {
		for _, q := range []string{"desc-reporting", "desc-definitions", "diag-causes"} {
			if err := st.SaveAnswer(ctx, r.ID, q, "3"); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.SaveNote(ctx, store.NoteInput{AssessmentID: a.ID, RespondentID: r.ID, Question: "desc-reporting", Text: "bewijs"}); err != nil {
			t.Fatal(err)
		}
	}
	n, err := st.RemoveRespondent(ctx, eve.ID)
	if err != nil || n != 3 {
		t.Fatalf("remove: %d answers, %v; want 3", n, err)
	}
	data, err := st.LoadAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(data.Answers) != 3 || data.Answers[0].Respondent != "anna" || len(data.Notes) != 1 || data.Notes[0].Respondent != "anna" {
		t.Errorf("left: answers %+v, notes %+v; want anna's alone", data.Answers, data.Notes)
	}
	if _, err := st.FindParticipant(ctx, a.ID, "eve"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("eve after removal: %v", err)
	}
	if _, err := st.AddParticipant(ctx, a.ID, "Eve", "FFFF"); err != nil {
		t.Errorf("a new Eve after removal: %v", err)
	}
	if _, err := st.RemoveRespondent(ctx, eve.ID); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("removing twice: %v", err)
	}
	if _, err := st.CloseAssessment(ctx, "Wijkteams"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RemoveRespondent(ctx, anna.ID); store.ErrorCode(err) != store.ECONFLICT {
		t.Errorf("removing from a closed round: %v", err)
	}
}

// TestStore_SetMode: an open self-assessment becomes a workshop round; a
// closed round does not change.
func TestStore_SetMode(t *testing.T) {
	st, a := workshopRound(t, store.ModeSelf)
	ctx := context.Background()
	if err := st.SetMode(ctx, a.ID, store.ModeWorkshop); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Assessment(ctx, a.ID); got.Mode != store.ModeWorkshop {
		t.Errorf("mode %s; want workshop", got.Mode)
	}
	if err := st.SetMode(ctx, a.ID, "groep"); store.ErrorCode(err) != store.EINVALID {
		t.Errorf("mode groep: %v", err)
	}
	st.CloseAssessment(ctx, "Wijkteams")
	if err := st.SetMode(ctx, a.ID, store.ModeSelf); store.ErrorCode(err) != store.ECONFLICT {
		t.Errorf("a closed round: %v", err)
	}
}
