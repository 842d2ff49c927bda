package store_test

import (
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/store"
)

func statusPtr(s store.ActionStatus) *store.ActionStatus { return &s }
func strPtr(s string) *string                            { return &s }

// TestActionService_Lifecycle: an action is agreed after the department's
// latest round, changes are kept in its history with their times, done
// needs evidence and dropped a reason, and overdue follows the clock.
func TestActionService_Lifecycle(t *testing.T) {
	s := openStore(t)
	if _, err := s.CreateDepartment(ctx, "Burgerzaken", ""); err != nil {
		t.Fatal(err)
	}
	// Before any round an action belongs to no round.
	early, err := s.AddAction(ctx, store.NewAction{Department: "burgerzaken", Dimension: "quality", Text: "Kwaliteitsregels opschrijven"})
	if err != nil {
		t.Fatal(err)
	}
	if early.AssessmentID != 0 || early.Round != "" || early.Department != "Burgerzaken" || early.Status != store.ActionPlanned {
		t.Errorf("action before any round = %+v", early)
	}
	a, err := s.StartAssessment(ctx, store.StartOptions{Department: "Burgerzaken", Questionnaire: defaultFile(t), Mode: store.ModeSelf, Round: "2026-11"})
	if err != nil {
		t.Fatal(err)
	}
	x, err := s.AddAction(ctx, store.NewAction{Department: "Burgerzaken", Dimension: "privacy", Question: "priv-avg-dpia",
		Text: "  DPIA-checklist invoeren  ", Owner: "informatiemanager", Due: "2027-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	if x.AssessmentID != a.ID || x.Round != "2026-11" || x.Text != "DPIA-checklist invoeren" || x.Due != "2027-03-31" || x.Question != "priv-avg-dpia" {
		t.Errorf("action = %+v", x)
	}
	if len(x.History) != 1 || x.History[0].Field != "created" || x.History[0].New != "planned" {
		t.Errorf("history = %+v", x.History)
	}

	// Overdue: open after its due date, by the day of the clock.
	for day, want := range map[string]bool{"2027-03-31": false, "2027-04-01": true} {
		now, _ := time.Parse("2006-01-02", day)
		if got := x.Overdue(now.Add(23 * time.Hour)); got != want {
			t.Errorf("overdue on %s = %v; want %v", day, got, want)
		}
	}

	x, err = s.UpdateAction(ctx, x.ID, store.ActionUpdate{Status: statusPtr(store.ActionInProgress), Owner: strPtr("teamleider")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.UpdateAction(ctx, x.ID, store.ActionUpdate{Status: statusPtr(store.ActionDone)})
	wantCode(t, err, store.EINVALID, "done needs evidence")
	x, err = s.UpdateAction(ctx, x.ID, store.ActionUpdate{Status: statusPtr(store.ActionDone), Evidence: strPtr("Checklist vastgesteld in het MT van 12 maart")})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, c := range x.History {
		got = append(got, c.Field+":"+c.Old+"→"+c.New)
	}
	want := []string{"created:→planned", "owner:informatiemanager→teamleider", "status:planned→in_progress",
		"evidence:→Checklist vastgesteld in het MT van 12 maart", "status:in_progress→done"}
	if len(got) != len(want) {
		t.Fatalf("history = %v; want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("history %d = %s; want %s", i, got[i], want[i])
		}
	}
	if !x.History[4].At.After(x.History[0].At) || x.ClosedAt() != x.History[4].At || x.Overdue(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("times: history %+v, closed %v", x.History, x.ClosedAt())
	}

	_, err = s.UpdateAction(ctx, early.ID, store.ActionUpdate{Status: statusPtr(store.ActionDropped)})
	wantCode(t, err, store.EINVALID, "dropped needs a reason")
	if _, err := s.UpdateAction(ctx, early.ID, store.ActionUpdate{Status: statusPtr(store.ActionDropped), Reason: strPtr("Opgegaan in de DPIA-actie")}); err != nil {
		t.Fatal(err)
	}

	all, err := s.Actions(ctx, store.ActionFilter{Department: "Burgerzaken"})
	if err != nil || len(all) != 2 || all[0].ID != early.ID || all[1].ID != x.ID || len(all[1].History) != 5 {
		t.Fatalf("actions = %+v, %v", all, err)
	}
	open, err := s.Actions(ctx, store.ActionFilter{Status: store.ActionDone})
	if err != nil || len(open) != 1 || open[0].ID != x.ID {
		t.Errorf("done actions = %+v, %v", open, err)
	}
	round, err := s.Actions(ctx, store.ActionFilter{AssessmentID: a.ID})
	if err != nil || len(round) != 1 || round[0].ID != x.ID {
		t.Errorf("actions of the round = %+v, %v", round, err)
	}
}

// TestActionService_BadInput: every refusal names what was expected.
func TestActionService_BadInput(t *testing.T) {
	s := openStore(t)
	if _, err := s.CreateDepartment(ctx, "Burgerzaken", ""); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		n          store.NewAction
		code, want string
	}{
		{store.NewAction{Department: "Burgerzakn", Dimension: "quality", Text: "x"}, store.ENOTFOUND, `unknown department "Burgerzakn" (did you mean "Burgerzaken"?)`},
		{store.NewAction{Department: "Burgerzaken", Dimension: "quality", Text: "  "}, store.EINVALID, "an action needs a text"},
		{store.NewAction{Department: "Burgerzaken", Dimension: "quality", Text: "x", Due: "31-03-2027"}, store.EINVALID, `due date "31-03-2027" is not a date (expected YYYY-MM-DD`},
		{store.NewAction{Department: "Burgerzaken", Dimension: "quality", Text: "x", Due: "2027-02-30"}, store.EINVALID, `due date "2027-02-30" is not a date`},
		{store.NewAction{Department: "Burgerzaken", Dimension: "quality", Text: "x", Owner: "team\x1b[2J"}, store.EINVALID, "the owner contains the control character U+001B"},
		{store.NewAction{Department: "Burgerzaken", Dimension: "quality", Text: "x", AssessmentID: 99}, store.ENOTFOUND, "unknown assessment 99"},
	} {
		_, err := s.AddAction(ctx, c.n)
		wantCode(t, err, c.code, c.want)
	}
	_, err := s.UpdateAction(ctx, 42, store.ActionUpdate{Owner: strPtr("x")})
	wantCode(t, err, store.ENOTFOUND, "unknown action 42 (see maturity actions list)")
	_, err = s.Actions(ctx, store.ActionFilter{Status: "gereed"})
	wantCode(t, err, store.EINVALID, `status "gereed" is not one of planned, in_progress, done, dropped`)
}
