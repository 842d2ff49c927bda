package tui_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/maturity-nl/maturity/questionnaires"
)

// roundsHome is a department with three rounds on the default
// questionnaire, the last still open, each a little further than the one
// before, with four respondents who disagree on some questions.
type roundsHome struct {
	fakeHome
	q      *questionnaire.Questionnaire
	rounds []tui.PastRound
}

func newRoundsHome(t *testing.T) *roundsHome {
	t.Helper()
	q, err := questionnaires.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	h := &roundsHome{fakeHome: fakeHome{t: t, depts: []tui.DepartmentInfo{{Name: "Burgerzaken", Latest: "2026-11", Open: true}}}, q: q}
	var earlier *scoring.Result
	for k, label := range []string{"2025-11", "2026-05", "2026-11"} {
		var in scoring.Input
		for r := 0; r < 4; r++ {
			for j, x := range q.Questions() {
				v := scoring.Value(min(5, 1+k+(j%3+r)%2))
				if j%7 == 0 {
					v = scoring.Value(1 + 3*(r%2)) // the team disagrees
				}
				in.Answers = append(in.Answers, scoring.Answer{Respondent: fmt.Sprintf("r%d", r), Question: x.ID, Value: v})
			}
		}
		res := scoring.Score(q, in)
		if earlier != nil {
			scoring.Compare(&res, *earlier, int64(k), h.rounds[k-1].Label)
		}
		earlier = &res
		h.rounds = append(h.rounds, tui.PastRound{ID: int64(k + 1), Department: "Burgerzaken", Label: label, Open: k == 2, Questionnaire: q, Result: res})
	}
	return h
}

func (h *roundsHome) Past(department string) ([]tui.PastRound, error) { return h.rounds, nil }

// openResults is the home screen at w × h showing the results of
// Burgerzaken, on its latest round.
func openResults(t *testing.T, h *roundsHome, lang string, w, ht int) tea.Model {
	t.Helper()
	var m tea.Model = tui.NewApp(h, lang, tui.DefaultStyles())
	m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: ht})
	return press(t, m, key(tea.KeyDown), key(tea.KeyDown), key(tea.KeyEnter), key(tea.KeyEnter))
}

// TestScreens_ResultsPage: the results screen at every size, on the open
// round (provisional) and on the one before, with the rounds to choose
// from, the trend and the mark of what lies below.
func TestScreens_ResultsPage(t *testing.T) {
	cases := []struct {
		name string
		keys []tea.KeyMsg
		want []string
	}{
		{name: "latest", want: []string{"VOORLOPIG: ronde 2026-11 is nog open", "Rondes (←/→ kiest", "› 2026-11", "meer"}},
		{name: "earlier", keys: []tea.KeyMsg{key(tea.KeyLeft)}, want: []string{"› 2026-05", "verbeterd", "meer"}},
		{name: "scrolled", keys: []tea.KeyMsg{key(tea.KeyTab), key(tea.KeyTab)}, want: []string{"› 3.", "meer"}},
	}
	for _, c := range cases {
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s-%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				m := openResults(t, newRoundsHome(t), "nl", size[0], size[1])
				m = press(t, m, c.keys...)
				if p := m.(tui.App).Page(); p != "results" {
					t.Fatalf("page %s", p)
				}
				screen(t, m, size[0], size[1], c.want...)
			})
		}
	}
}

// TestResultsPage_Keys: ←/→ choose the round and stop at both ends; the
// disagreement shows under the anonymity rule; esc goes home.
func TestResultsPage_Keys(t *testing.T) {
	h := newRoundsHome(t)
	m := openResults(t, h, "en", 200, 200)
	view := m.View()
	for _, want := range []string{"PROVISIONAL: round 2026-11 is still open", "› 2026-11  score", "To discuss: answers span 2 or more levels",
		"levels 1–4, score 2.5, n=4", "Legal minimums", "Do first (tab chooses, a makes it an action)"} {
		if !strings.Contains(view, want) {
			t.Errorf("the results lack %q:\n%s", want, view)
		}
	}
	m = press(t, m, key(tea.KeyLeft), key(tea.KeyLeft), key(tea.KeyLeft))
	if view := m.View(); !strings.Contains(view, "› 2025-11") || strings.Contains(view, "PROVISIONAL") {
		t.Errorf("after ← three times:\n%s", view)
	}
	m = press(t, m, key(tea.KeyRight), key(tea.KeyRight), key(tea.KeyRight))
	if view := m.View(); !strings.Contains(view, "› 2026-11") {
		t.Errorf("after → three times:\n%s", view)
	}
	m = press(t, m, key(tea.KeyEsc))
	if p := m.(tui.App).Page(); p != "menu" {
		t.Errorf("esc: page %s", p)
	}
}

// TestResultsPage_Hidden: with two respondents no question's figures show;
// the screen says how many diverge.
func TestResultsPage_Hidden(t *testing.T) {
	h := newRoundsHome(t)
	var in scoring.Input
	for r := 0; r < 2; r++ {
		for j, x := range h.q.Questions() {
			in.Answers = append(in.Answers, scoring.Answer{Respondent: fmt.Sprint(r), Question: x.ID, Value: scoring.Value(1 + 3*r*(j%2))})
		}
	}
	h.rounds = []tui.PastRound{{ID: 9, Department: "Burgerzaken", Label: "2026-11", Questionnaire: h.q, Result: scoring.Score(h.q, in)}}
	view := openResults(t, h, "en", 200, 200).View()
	if !strings.Contains(view, "24 questions diverge; their details are shown from 3 scored answers on (anonymity).") || strings.Contains(view, "n=2") {
		t.Errorf("the results:\n%s", view)
	}
}

// TestResultsPage_Report: r asks where, with a file in the current folder
// offered; enter writes it and the screen says where. h the same as HTML.
func TestResultsPage_Report(t *testing.T) {
	h := newRoundsHome(t)
	tm := teatest.NewTestModel(t, tui.NewApp(h, "en", tui.DefaultStyles()), teatest.WithInitialTermSize(100, 30))
	waitFor(t, tm, "View results")
	tm.Send(key(tea.KeyDown))
	tm.Send(key(tea.KeyDown))
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "Of which department?")
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "Rounds")
	tm.Type("r")
	waitFor(t, tm, "Report (pdf): where does it go?")
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "Report written: /tmp/rapport.pdf")
	tm.Type("h")
	waitFor(t, tm, "Report (html): where does it go?")
	for range "rapport.html" {
		tm.Send(key(tea.KeyBackspace))
	}
	tm.Type("leiding.html")
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "Report written: /tmp/leiding.html")
	tm.Send(key(tea.KeyEsc))
	waitFor(t, tm, "Start a workshop")
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if got := strings.Join(h.reports, ", "); got != "3 pdf rapport.pdf en, 3 html leiding.html en" {
		t.Errorf("reports written: %s", got)
	}
}

// TestResultsPage_Action: a on the selected recommendation opens a form
// with its text; owner and due date typed, it is agreed after the round
// on screen, for the recommendation's dimension; a bad date keeps the form.
func TestResultsPage_Action(t *testing.T) {
	h := newRoundsHome(t)
	m := openResults(t, h, "en", 100, 40)
	rec := h.rounds[2].Result.Recommendations[1]
	text := rec.Text(h.q).In("en")
	m = press(t, m, key(tea.KeyTab), runes("a"))
	if view := m.View(); !strings.Contains(view, "New action for "+h.q.Dimension(rec.Dimension).Name.In("en")) || !strings.Contains(view, "A role, not a person's name") {
		t.Fatalf("the form:\n%s", view)
	}
	m = press(t, m, key(tea.KeyTab), runes("teamleider"), key(tea.KeyTab), runes("31-3-2027"), key(tea.KeyEnter))
	if view := m.View(); !strings.Contains(view, "due date is not a date") || len(h.actions) != 0 {
		t.Fatalf("a bad date: %d actions,\n%s", len(h.actions), view)
	}
	for range "31-3-2027" {
		m = press(t, m, key(tea.KeyBackspace))
	}
	m = press(t, m, runes("2027-03-31"), key(tea.KeyEnter))
	if view := m.View(); !strings.Contains(view, "Action 1 agreed; l shows the actions.") {
		t.Errorf("after saving:\n%s", view)
	}
	want := tui.Action{ID: 1, Department: "Burgerzaken", Round: "2026-11", Dimension: rec.Dimension, Question: rec.Question, Text: text,
		Owner: "teamleider", Due: "2027-03-31", Status: tui.ActionPlanned}
	if len(h.actions) != 1 || h.actions[0] != want {
		t.Errorf("actions %+v\nwant %+v", h.actions, want)
	}
	// l: the actions screen, and esc back to the results.
	m = press(t, m, runes("l"))
	if view := m.View(); m.(tui.App).Page() != "actions" || !strings.Contains(view, "#1 · planned · teamleider · due 2027-03-31 · after round 2026-11") {
		t.Errorf("the actions screen:\n%s", view)
	}
	if m = press(t, m, key(tea.KeyEsc)); m.(tui.App).Page() != "results" {
		t.Errorf("esc from the actions: %s", m.(tui.App).Page())
	}
}

// TestActionsPage: the actions screen edits an action, moves it to in
// progress, closes one as done with evidence and drops one with a reason;
// done without evidence is not possible from it.
func TestActionsPage(t *testing.T) {
	h := newRoundsHome(t)
	h.actions = []tui.Action{
		{ID: 1, Department: "Burgerzaken", Round: "2026-05", Dimension: "descriptive", Text: "Maandrapportage vastleggen", Owner: "teamleider", Due: "2026-01-31", Status: tui.ActionPlanned, Overdue: true},
		{ID: 2, Department: "Burgerzaken", Round: "2026-05", Dimension: "quality", Text: "Kwaliteitsregels opschrijven", Status: tui.ActionPlanned},
		{ID: 3, Department: "Belastingen", Round: "2026-05", Dimension: "quality", Text: "Niet van Burgerzaken", Status: tui.ActionPlanned},
	}
	var m tea.Model = tui.NewApp(h, "nl", tui.DefaultStyles())
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m = press(t, m, key(tea.KeyDown), key(tea.KeyDown), key(tea.KeyDown), key(tea.KeyDown), key(tea.KeyEnter), key(tea.KeyEnter))
	view := m.View()
	for _, want := range []string{"Afspraken van Burgerzaken", "› #1 · gepland · verlopen · teamleider · uiterlijk 2026-01-31 · na ronde 2026-05 · Beschrijvend",
		"Kwaliteitsregels opschrijven", "d gereed (met bewijs)"} {
		if !strings.Contains(view, want) {
			t.Errorf("the actions screen lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "Niet van Burgerzaken") {
		t.Errorf("another department's action shows:\n%s", view)
	}
	// e: change the owner.
	m = press(t, m, runes("e"), key(tea.KeyTab))
	for range "teamleider" {
		m = press(t, m, key(tea.KeyBackspace))
	}
	m = press(t, m, runes("informatiemanager"), key(tea.KeyEnter), key(tea.KeyEnter))
	// s: in progress; d: done with evidence, on the first.
	m = press(t, m, runes("s"), runes("d"), runes("Vastgesteld in het MT van 12 maart"), key(tea.KeyEnter))
	// x on the second: dropped with a reason; esc on a form changes nothing.
	m = press(t, m, key(tea.KeyDown), runes("x"), runes("Vervalt"), key(tea.KeyEsc))
	if h.actions[1].Status != tui.ActionPlanned || !strings.Contains(m.View(), "Niets veranderd.") {
		t.Fatalf("esc on the form: %+v\n%s", h.actions[1], m.View())
	}
	m = press(t, m, runes("x"), runes("Opgenomen in het programma informatiebeheer"), key(tea.KeyEnter))
	a, b := h.actions[0], h.actions[1]
	if a.Owner != "informatiemanager" || a.Status != tui.ActionDone || a.Evidence != "Vastgesteld in het MT van 12 maart" ||
		b.Status != tui.ActionDropped || b.Reason != "Opgenomen in het programma informatiebeheer" {
		t.Errorf("after the edits: %+v\n%+v", a, b)
	}
	view = m.View()
	for _, want := range []string{"#1 · gereed · informatiemanager", "Bewijs: Vastgesteld in het MT van 12 maart", "#2 · vervallen", "Afspraak 2 bewaard."} {
		if !strings.Contains(view, want) {
			t.Errorf("the actions screen lacks %q:\n%s", want, view)
		}
	}
	if m = press(t, m, key(tea.KeyEsc)); m.(tui.App).Page() != "menu" {
		t.Errorf("esc: page %s", m.(tui.App).Page())
	}
}

// TestAssess_OpenActionsFirst: a respondent starting a round sees the
// department's open actions from earlier rounds first; any key goes on to
// the first question. Those agreed after this round, and closed ones, are
// not shown; a respondent who answered before goes straight on.
func TestAssess_OpenActionsFirst(t *testing.T) {
	h := &fakeHome{t: t, depts: []tui.DepartmentInfo{{Name: "Burgerzaken"}}, actions: []tui.Action{
		{ID: 1, Department: "Burgerzaken", Round: "2026-05", Dimension: "one", Text: "Eerder afgesproken", Owner: "teamleider", Status: tui.ActionInProgress},
		{ID: 2, Department: "Burgerzaken", Round: "2026-05", Dimension: "one", Text: "Al gedaan", Status: tui.ActionDone},
		{ID: 3, Department: "Burgerzaken", Round: "2026-11", Dimension: "one", Text: "Net afgesproken", Status: tui.ActionPlanned},
	}}
	var m tea.Model = tui.NewApp(h, "en", tui.DefaultStyles())
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m = press(t, m, key(tea.KeyEnter), key(tea.KeyEnter), key(tea.KeyEnter))
	view := m.View()
	if !strings.Contains(view, "Burgerzaken: open actions from earlier rounds") || !strings.Contains(view, "#1 · in progress · teamleider · after round 2026-05 · One") ||
		strings.Contains(view, "Al gedaan") || strings.Contains(view, "Net afgesproken") || !strings.Contains(view, "any key: to the first question") {
		t.Fatalf("before the first question:\n%s", view)
	}
	m = press(t, m, runes("3"))
	if view := m.View(); !strings.Contains(view, "Question A?") || h.backend.log() != "" {
		t.Errorf("after a key: saves %q\n%s", h.backend.log(), view)
	}
}

// TestTooSmall: the window-too-small screen says how to leave, and no
// other key acts behind it: enter does not open the department picker.
func TestTooSmall(t *testing.T) {
	h := &fakeHome{t: t, depts: []tui.DepartmentInfo{{Name: "Burgerzaken"}}}
	var m tea.Model = tui.NewApp(h, "nl", tui.DefaultStyles())
	m, _ = m.Update(tea.WindowSizeMsg{Width: 40, Height: 10})
	m = press(t, m, key(tea.KeyEnter), key(tea.KeyDown), key(tea.KeyEnter))
	if view := m.View(); !strings.Contains(view, "q of ctrl+c: stoppen") || m.(tui.App).Page() != "menu" {
		t.Errorf("page %s:\n%s", m.(tui.App).Page(), view)
	}
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if view := m.View(); !strings.Contains(view, "› Meting starten of hervatten") {
		t.Errorf("the cursor moved behind the too-small screen:\n%s", view)
	}
	if _, cmd := m.Update(tea.WindowSizeMsg{Width: 40, Height: 10}); cmd != nil {
		t.Error("a resize gave a command")
	}
	tiny, _ := m.Update(tea.WindowSizeMsg{Width: 40, Height: 10})
	if _, cmd := tiny.Update(runes("q")); cmd == nil || cmd() != tea.Quit() {
		t.Error("q does not quit behind the too-small screen")
	}
	// The answering screens block keys the same way.
	s, b := session(t, small, nil)
	var am tea.Model = tui.New(s, tui.DefaultKeyMap("en"), tui.DefaultStyles())
	am, _ = am.Update(tea.WindowSizeMsg{Width: 40, Height: 10})
	am = press(t, am, runes("3"), key(tea.KeyEnter), runes("d"))
	if b.log() != "" || !strings.Contains(am.View(), "q or ctrl+c: quit") {
		t.Errorf("saves %q behind the too-small screen:\n%s", b.log(), am.View())
	}
}

// TestScreens_EmptyLists: a list with nothing to choose does not offer
// ↑/↓.
func TestScreens_EmptyLists(t *testing.T) {
	h := &fakeHome{t: t}
	var m tea.Model = tui.NewApp(h, "nl", tui.DefaultStyles())
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	picker := press(t, m, key(tea.KeyDown), key(tea.KeyDown), key(tea.KeyEnter))
	if view := picker.View(); !strings.Contains(view, "Geen afdeling gevonden.") || strings.Contains(view, "↑/↓") || !strings.Contains(view, "esc terug") {
		t.Errorf("an empty picker:\n%s", view)
	}
}

// TestWorkshopPage: the home screen shows what a workshop runs and the
// command lines to start one.
func TestWorkshopPage(t *testing.T) {
	h := &fakeHome{t: t, depts: []tui.DepartmentInfo{{Name: "Wijkteams"}}}
	var m tea.Model = tui.NewApp(h, "en", tui.DefaultStyles())
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m = press(t, m, key(tea.KeyDown), key(tea.KeyDown), key(tea.KeyDown), key(tea.KeyDown), key(tea.KeyDown), key(tea.KeyEnter), key(tea.KeyEnter))
	view := m.View()
	for _, want := range []string{"Workshop for Wijkteams", "everyone answers silently", "maturity workshop local --department Wijkteams",
		"maturity workshop serve --department Wijkteams --listen 0.0.0.0:2222", "ssh -p 2222"} {
		if !strings.Contains(view, want) {
			t.Errorf("the workshop page lacks %q:\n%s", want, view)
		}
	}
	if m = press(t, m, key(tea.KeyEsc)); m.(tui.App).Page() != "menu" {
		t.Errorf("esc: page %s", m.(tui.App).Page())
	}
}
