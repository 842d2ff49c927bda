package tui_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/maturity-nl/maturity/questionnaires"
)

// agreeingFacilitator is three participants on the small questionnaire:
// both dimensions at level 2 below their target 4, so the recommendations
// are the stage blocker One ("Do two things.") and then Two ("Do two
// things." too, its own text for level 2).
func agreeingFacilitator(t *testing.T) *fakeFacilitator {
	s, _ := session(t, small, nil)
	f := &fakeFacilitator{q: s.Questionnaire}
	f.answer("anna", map[string]scoring.Value{"a": 1, "b": 2, "c": 4, "d": 1})
	f.answer("bert", map[string]scoring.Value{"a": 5, "b": 4, "c": 4, "d": 1})
	f.answer("cees", map[string]scoring.Value{"a": 3, "b": 2, "c": 4, "d": 1})
	return f
}

// toAgreements moves a dashboard from answering to the agreements step.
func toAgreements(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	waitFor(t, tm, "Participants (3 · 3 connected)")
	tm.Type("n")
	waitFor(t, tm, "Move to discussion?")
	tm.Type("y")
	waitFor(t, tm, "n agreements")
	tm.Type("n")
	waitAll(t, tm, "Move to the agreements? The group picks from the recommendations what will be done", "Answering stays closed; b goes back to the discussion.")
	tm.Type("y")
	waitAll(t, tm, "Phase: agreements", "Agreements: choose with the group what will be done; answering stays closed.",
		"Recommendations, what first (2)", "› 1. One", "     Do two things.", "2. Two — Do two things.", "+ An own agreement for a dimension…", "Nothing agreed yet.")
}

func enter(tm *teatest.TestModel) { tm.Send(tea.KeyMsg{Type: tea.KeyEnter}) }

// TestAgreements: after the discussion n (asked first) opens the
// agreements step; enter on a recommendation asks its owner and due date
// with its text filled in, an own agreement asks its dimension and text;
// a due date before today asks first, and no goes back to the form with
// what was typed; enter on an agreement changes it, d withdraws it (asked
// first); b goes back to the discussion and n returns; the presenter view
// shows every agreement with its owner and due date; closing says how many
// were agreed.
func TestAgreements(t *testing.T) {
	f := agreeingFacilitator(t)
	tm := startDashboard(t, f)
	toAgreements(t, tm)

	enter(tm)
	waitAll(t, tm, "New agreement — One", "What will be done?", "Do two things.", "Owner: a role, such as team leader or information manager — not a person's name")
	tm.Type("teamleider")
	enter(tm)
	tm.Type("2027-03-31")
	enter(tm)
	waitAll(t, tm, "Agreement 1 saved: teamleider, due 2027-03-31.", "Agreed (1)", "1. Do two things.", "teamleider · due 2027-03-31 · One",
		"1. One — ✓ Do two things.")
	// The same recommendation again is not a second agreement.
	tm.Send(tea.KeyMsg{Type: tea.KeyHome})
	enter(tm)
	waitFor(t, tm, "This recommendation is agreed already: choose the agreement below to change it.")

	tm.Type("o")
	waitAll(t, tm, "Which dimension is the agreement for?", "› Ladder › One")
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	waitFor(t, tm, "› Ladder › Two")
	enter(tm)
	waitFor(t, tm, "New agreement — Two")
	tm.Type("Publish the monthly figures on the intranet")
	enter(tm)
	tm.Type("informatiemanager")
	enter(tm)
	tm.Type("2026-07-01")
	enter(tm)
	waitFor(t, tm, "2026-07-01 is before today: the agreement is overdue at once. Keep this date?")
	tm.Type("n")
	waitFor(t, tm, "Done by (YYYY-MM-DD)")
	enter(tm)
	waitFor(t, tm, "2026-07-01 is before today")
	tm.Type("y")
	waitAll(t, tm, "Agreement 2 saved: informatiemanager, due 2026-07-01.", "Agreed (2)", "informatiemanager · due 2026-07-01 · Two")

	// The first agreement gets another owner: it is changed, not added.
	tm.Send(tea.KeyMsg{Type: tea.KeyEnd})
	tm.Send(tea.KeyMsg{Type: tea.KeyUp})
	enter(tm)
	waitFor(t, tm, "Change agreement 1 — One")
	for range "teamleider" {
		tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	tm.Type("afdelingshoofd")
	enter(tm)
	enter(tm)
	waitAll(t, tm, "Agreement 1 changed.", "afdelingshoofd · due 2027-03-31 · One")

	// The presenter view: both agreements, with owner and due date.
	tm.Type("p")
	waitAll(t, tm, "Agreements — Wijkteams, round 2026-11", "1. Do two things.", "Owner: afdelingshoofd", "Due: 2027-03-31",
		"2. Publish the monthly figures on the intranet", "Owner: informatiemanager", "Due: 2026-07-01", "← questions")
	tm.Send(tea.KeyMsg{Type: tea.KeyLeft})
	waitFor(t, tm, "Question 2 of 2 where the group differs")
	tm.Send(tea.KeyMsg{Type: tea.KeyRight})
	waitFor(t, tm, "Owner: informatiemanager")
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	waitFor(t, tm, "o own agreement")

	// Back to the discussion and on again: the agreements stay.
	tm.Type("b")
	waitAll(t, tm, "Back to the discussion; the agreements are kept.", "Phase: discussion")
	tm.Type("n")
	tm.Type("y")
	waitAll(t, tm, "Phase: agreements", "Agreed (2)")

	// The second is withdrawn, after a question.
	tm.Send(tea.KeyMsg{Type: tea.KeyEnd})
	tm.Type("d")
	waitAll(t, tm, "Withdraw agreement 2? It stays in the register as dropped, with the reason that the workshop", "withdrew it.")
	tm.Type("y")
	waitAll(t, tm, "Agreement 2 withdrawn.", "Agreed (1)")

	tm.Type("n")
	waitAll(t, tm, "Close the round? Nobody can answer or vote again after it; the next workshop needs --new-round. 1", "agreement is saved.")
	tm.Type("y")
	waitAll(t, tm, "The round is closed.", "Phase: closed", "Agreed (1)", "afdelingshoofd · due 2027-03-31 · One")
	tm.Type("q")
	tm.Type("y")
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(tui.Dashboard)

	want := []tui.Agreement{
		{ID: 1, Dimension: "one", Text: "Do two things.", Owner: "afdelingshoofd", Due: "2027-03-31"},
		{ID: 2, Dimension: "two", Text: "Publish the monthly figures on the intranet", Owner: "informatiemanager", Due: "2026-07-01"},
	}
	if fmt.Sprint(f.agreements) != fmt.Sprint(want) {
		t.Errorf("agreed %+v\nwant   %+v", f.agreements, want)
	}
	if fmt.Sprint(f.dropped) != "map[2:withdrawn in the workshop]" {
		t.Errorf("withdrawn %v", f.dropped)
	}
	wantPhases := []tui.Phase{tui.PhaseDiscussion, tui.PhaseAgreements, tui.PhaseDiscussion, tui.PhaseAgreements, tui.PhaseClosed}
	if m.Phase() != tui.PhaseClosed || fmt.Sprint(f.phases) != fmt.Sprint(wantPhases) {
		t.Errorf("phase %v, phases set %v; want %v", m.Phase(), f.phases, wantPhases)
	}
}

// TestAgreements_Refused: what the workshop refuses to save keeps the
// form open with what was typed, and says why.
func TestAgreements_Refused(t *testing.T) {
	f := agreeingFacilitator(t)
	f.refuse = errors.New("database is locked")
	tm := startDashboard(t, f)
	toAgreements(t, tm)
	enter(tm)
	tm.Type("teamleider")
	enter(tm)
	tm.Type("2027-03-31")
	enter(tm)
	waitAll(t, tm, "database is locked", "New agreement — One")
	f.mu.Lock()
	f.refuse = nil
	f.mu.Unlock()
	enter(tm)
	waitFor(t, tm, "Agreement 1 saved: teamleider, due 2027-03-31.")
	tm.Type("q")
	tm.Type("y")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// TestAgreements_BadInput: an agreement the facilitator types wrong is
// not saved: the form stays open at the field at fault, with what to type.
// Text and owner take one character beyond their limit, so that a long
// paste is said to be too long rather than saved cut.
func TestAgreements_BadInput(t *testing.T) {
	long := func(n int) string { return strings.Repeat("x", n) }
	cases := []struct {
		name             string
		own              bool // an own agreement: its text typed
		text, owner, due string
		want             string
	}{
		{name: "no-owner", due: "2027-03-31", want: "Who owns it? Type a role, such as team leader."},
		{name: "owner-long", owner: long(5000), due: "2027-03-31", want: fmt.Sprintf("An owner is a role of at most %d characters, such as team leader.", tui.MaxOwnerRunes)},
		{name: "no-due", owner: "teamleider", want: "When is it done? Type a date such as 2027-03-31."},
		{name: "due-words", owner: "teamleider", due: "next spring", want: "“next spring” is not a date: type YYYY-MM-DD, for example 2027-03-31."},
		{name: "due-dutch-order", owner: "teamleider", due: "31-03-2027", want: "“31-03-2027” is not a date: type YYYY-MM-DD, for example 2027-03-31."},
		{name: "due-no-such-day", owner: "teamleider", due: "2027-02-30", want: "“2027-02-30” is not a date: type YYYY-MM-DD, for example 2027-03-31."},
		{name: "due-far", owner: "teamleider", due: "2099-01-01", want: fmt.Sprintf("2099-01-01 is more than %d years ahead: type a nearer date.", tui.MaxDueYears)},
		{name: "due-long", owner: "teamleider", due: long(500), want: "“" + long(20) + "” is not a date"},
		{name: "own-no-text", own: true, owner: "teamleider", due: "2027-03-31", want: "An agreement needs a text: what will be done."},
		{name: "own-text-long", own: true, text: long(5000), owner: "teamleider", due: "2027-03-31",
			want: fmt.Sprintf("The text is longer than %d characters: make it shorter.", tui.MaxAgreementRunes)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := agreeingFacilitator(t)
			info := tui.DashboardInfo{Questionnaire: f.q, Lang: "en", Department: "Wijkteams", Round: "2026-11", Code: "424242", Connect: "–",
				Phase: tui.PhaseAgreements, Now: func() time.Time { return clock }}
			var m tea.Model = tui.NewDashboard(f, info, tui.DefaultStyles())
			m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 40})
			m = settle(t, m, m.Init())
			if c.own {
				m = press(t, m, runes("o"), key(tea.KeyEnter))
				// A paste arrives as one message.
				m = press(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(c.text), Paste: true}, key(tea.KeyEnter))
			} else {
				m = press(t, m, key(tea.KeyEnter))
			}
			m = press(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(c.owner), Paste: true}, key(tea.KeyEnter))
			m = press(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(c.due), Paste: true}, key(tea.KeyEnter))
			flat := strings.Join(strings.Fields(m.View()), " ")
			if !strings.Contains(flat, c.want) || !strings.Contains(flat, "esc cancel") {
				t.Errorf("the form does not say %q:\n%s", c.want, m.View())
			}
			if len(f.agreements) != 0 {
				t.Errorf("saved %+v", f.agreements)
			}
			// esc leaves the form; nothing is saved.
			m = press(t, m, key(tea.KeyEsc))
			if flat := strings.Join(strings.Fields(m.View()), " "); !strings.Contains(flat, "Nothing changed.") || !strings.Contains(flat, "Nothing agreed yet.") {
				t.Errorf("after esc:\n%s", m.View())
			}
		})
	}
}

// TestScreens_Agreements: the agreements step at every size: the list,
// the form with a recommendation's long text, the choice of a dimension,
// the question about a date in the past, and the presenter view's page of
// agreements, scrolled to its end where it does not fit.
func TestScreens_Agreements(t *testing.T) {
	yes, enterKey := runes("y"), key(tea.KeyEnter)
	toStep := []tea.KeyMsg{runes("n"), yes, runes("n"), yes}
	agreeTwo := append(append([]tea.KeyMsg{}, toStep...), enterKey, runes("teamleider"), enterKey, runes("2027-03-31"), enterKey,
		runes("o"), key(tea.KeyDown), key(tea.KeyDown), enterKey, runes("Publish the monthly figures on the intranet, with the reference date"), enterKey,
		runes("informatiemanager"), enterKey, runes("2027-06-30"), enterKey)
	cases := []struct {
		name string
		keys []tea.KeyMsg
		want []string
	}{
		{name: "list", keys: toStep, want: []string{"Phase: agreements", "› 1."}},
		{name: "form", keys: append(append([]tea.KeyMsg{}, toStep...), enterKey), want: []string{"New agreement —", "Owner: a role"}},
		{name: "dimension", keys: append(append([]tea.KeyMsg{}, toStep...), runes("o")), want: []string{"Which dimension is the agreement for?", "› Use of data analysis › Descriptive"}},
		{name: "past", keys: append(append([]tea.KeyMsg{}, toStep...), enterKey, runes("teamleider"), enterKey, runes("2026-07-01"), enterKey),
			want: []string{"2026-07-01 is before today: the agreement is overdue at once. Keep this date?"}},
		{name: "agreed", keys: agreeTwo, want: []string{"Agreement 2 saved:", "› 2. Publish the monthly figures on the intranet"}},
		{name: "presenter", keys: append(append([]tea.KeyMsg{}, agreeTwo...), runes("p")), want: []string{"Agreements — Wijkteams, round 2026-11", "1. "}},
		{name: "presenter-end", keys: append(append([]tea.KeyMsg{}, agreeTwo...), runes("p"), key(tea.KeyEnd)), want: []string{"Owner: informatiemanager Due: 2027-06-30"}},
		{name: "closed", keys: append(append([]tea.KeyMsg{}, agreeTwo...), runes("n"), yes), want: []string{"Phase: closed"}},
	}
	for _, c := range cases {
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s-%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				q, err := questionnaires.LoadDefault()
				if err != nil {
					t.Fatal(err)
				}
				f := workshopFacilitator(q)
				info := tui.DashboardInfo{Questionnaire: q, Lang: "en", Department: "Wijkteams", Round: "2026-11", Code: "424242", Connect: "ssh -p 2222 192.168.1.20",
					Now: func() time.Time { return clock }}
				var m tea.Model = tui.NewDashboard(f, info, tui.DefaultStyles())
				m, _ = m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				m = settle(t, m, m.Init())
				m = press(t, m, c.keys...)
				screen(t, m, size[0], size[1], c.want...)
			})
		}
	}
}
