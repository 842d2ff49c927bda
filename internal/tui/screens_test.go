package tui_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/maturity-nl/maturity/questionnaires"
)

// The sizes every screen is drawn at: the smallest allowed, the usual
// terminal, and a wide beamer.
var sizes = [][2]int{{50, 15}, {80, 24}, {200, 60}}

// settle runs what a command produces and feeds it back, as the program
// would, leaving out what only comes later (ticks, the cursor's blink).
func settle(t *testing.T, m tea.Model, cmd tea.Cmd) tea.Model {
	t.Helper()
	for depth := 0; cmd != nil && depth < 20; depth++ {
		done := make(chan tea.Msg, 1)
		go func(c tea.Cmd) { done <- c() }(cmd)
		var msg tea.Msg
		select {
		case msg = <-done:
		case <-time.After(100 * time.Millisecond):
			return m
		}
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				if c != nil {
					m = settle(t, m, c)
				}
			}
			return m
		}
		if msg == nil {
			return m
		}
		m, cmd = m.Update(msg)
	}
	return m
}

// press sends keys one by one, each settled.
func press(t *testing.T, m tea.Model, keys ...tea.KeyMsg) tea.Model {
	t.Helper()
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		m = settle(t, m, cmd)
	}
	return m
}

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// screen checks one screen at one size: within the window, showing want,
// and as its golden file.
func screen(t *testing.T, m tea.Model, w, h int, want ...string) {
	t.Helper()
	view := m.View()
	lines := strings.Split(strings.TrimSuffix(view, "\n"), "\n")
	if len(lines) > h {
		t.Errorf("%d lines at %d×%d", len(lines), w, h)
	}
	for _, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("a line of %d columns at %d×%d: %q", lw, w, h, l)
		}
	}
	flat := strings.Join(strings.Fields(view), " ")
	for _, s := range want {
		if !strings.Contains(flat, s) {
			t.Errorf("%d×%d lacks %q:\n%s", w, h, s, view)
		}
	}
	golden.RequireEqual(t, []byte(view))
}

func defaultSession(t *testing.T) (tui.Session, *questionnaire.Questionnaire) {
	t.Helper()
	q, err := questionnaires.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	return tui.Session{Questionnaire: q, Lang: "nl", Department: "Burgerzaken", Round: "2026-11", Respondent: "Vos",
		Notes: map[string]string{}, Backend: &fakeBackend{q: q, answers: map[string]scoring.Value{}}}, q
}

// TestScreens_Answering: every answering screen at every size. On the
// second question, one of the longest, the highlighted option stays in
// view down to "niet van toepassing", with a mark for what is cut.
func TestScreens_Answering(t *testing.T) {
	cases := []struct {
		name  string
		setup func(tui.Session) tui.Session
		keys  []tea.KeyMsg
		want  []string
	}{
		{name: "question", want: []string{"vraag 1/48", "› 1"}},
		{name: "question-last-choice", keys: []tea.KeyMsg{key(tea.KeyRight), key(tea.KeyUp)}, want: []string{"vraag 2/48", "› n niet van toepassing"}},
		{name: "question-note", setup: func(s tui.Session) tui.Session {
			s.Notes[s.Questionnaire.Questions()[0].ID] = "Het maandoverzicht van oktober ontbreekt; zie het verslag van het teamoverleg."
			return s
		}, want: []string{"vraag 1/48"}},
		{name: "overview", keys: []tea.KeyMsg{runes("o")}, want: []string{"› "}},
		{name: "note", keys: []tea.KeyMsg{runes("e")}, want: []string{"esc bewaart"}},
		{name: "help", keys: []tea.KeyMsg{runes("?")}, want: []string{"Hulp bij vraag 1 van 48"}},
		{name: "finish", keys: []tea.KeyMsg{runes("f")}, want: []string{"Afronden?", "Nog niet beantwoord (48):"}},
		{name: "revote", setup: func(s tui.Session) tui.Session {
			qs := s.Questionnaire.Questions()
			s.Only, s.Earlier, s.Notice = []string{qs[1].ID}, map[string]scoring.Value{qs[1].ID: 4}, "Herstemming: beantwoord de besproken vragen opnieuw (↺ is je eerste stem)."
			s.ResumeCode = "K7PM"
			return s
		}, want: []string{"vraag 1/1", "↺ 4"}},
	}
	for _, c := range cases {
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s-%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				s, _ := defaultSession(t)
				if c.setup != nil {
					s = c.setup(s)
				}
				var m tea.Model = tui.New(s, tui.DefaultKeyMap("nl"), tui.DefaultStyles())
				m, _ = m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				m = press(t, m, c.keys...)
				screen(t, m, size[0], size[1], c.want...)
			})
		}
	}
}

// TestScreens_Results: the results screen, as a workshop participant
// sees it while the group votes (their own answers, and it says so).
func TestScreens_Results(t *testing.T) {
	for _, size := range sizes {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			s, q := defaultSession(t)
			b := s.Backend.(*fakeBackend)
			for i, x := range q.Questions() {
				b.answers[x.ID] = scoring.Value(i%4 + 1)
			}
			s.Answers, s.Closed, s.Scope = b.answers, true, tui.ScopeOwn
			var m tea.Model = tui.New(s, tui.DefaultKeyMap("nl"), tui.DefaultStyles())
			m, _ = m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			m = settle(t, m, m.Init())
			screen(t, m, size[0], size[1], "Dit zijn alleen jouw eigen antwoorden")
		})
	}
}

// TestScreens_Join: the participant's gate at every size.
func TestScreens_Join(t *testing.T) {
	enter := key(tea.KeyEnter)
	cases := []struct {
		name string
		keys []tea.KeyMsg
		want []string
	}{
		{name: "code", want: []string{"workshop code"}},
		{name: "code-wrong", keys: []tea.KeyMsg{runes("111111"), enter}, want: []string{"That code is not right."}},
		{name: "pseudonym", keys: []tea.KeyMsg{runes("424242"), enter}, want: []string{"Choose a pseudonym"}},
		{name: "resume", keys: []tea.KeyMsg{runes("424242"), enter, runes("merel"), enter}, want: []string{"merel exists in this round already."}},
		{name: "welcome", keys: []tea.KeyMsg{runes("424242"), enter, runes("anna"), enter}, want: []string{"Welcome, anna. This is your resume code:", "A B C D", "enter: begin"}},
	}
	for _, c := range cases {
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s-%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				var m tea.Model = tui.NewJoin(newGate(t), "en", tui.DefaultStyles())
				m, _ = m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				m = press(t, m, c.keys...)
				screen(t, m, size[0], size[1], c.want...)
			})
		}
	}
}

// workshopFacilitator is five participants on the default questionnaire,
// one of them disconnected, who differ on some questions.
func workshopFacilitator(q *questionnaire.Questionnaire) *fakeFacilitator {
	f := &fakeFacilitator{q: q, disconnected: map[string]bool{"eva": true}, deadline: clock.Add(4*time.Minute + 30*time.Second)}
	names := []string{"anna", "bert", "cees", "daan", "eva"}
	for i, name := range names {
		given := map[string]scoring.Value{}
		for j, x := range q.Questions() {
			if i == 4 && j >= 20 {
				break // eva is not done
			}
			v := scoring.Value(3)
			if j%4 == 0 {
				v = scoring.Value((i+j)%5 + 1)
			}
			if j == 5 && i == 2 {
				v = scoring.DontKnow
			}
			given[x.ID] = v
		}
		f.answer(name, given)
	}
	return f
}

// TestScreens_Dashboard: the facilitator's screens at every size: the
// silent vote, the questions it asks, the timer, choosing whom to remove,
// the help, the discussion with a question selected far down the list, and
// the presenter view.
func TestScreens_Dashboard(t *testing.T) {
	yes := runes("y")
	cases := []struct {
		name string
		keys []tea.KeyMsg
		want []string
	}{
		{name: "answering", want: []string{"Participants (5 · 4 connected)", "⏱ 4:30", "Not finished yet (1): eva"}},
		{name: "confirm", keys: []tea.KeyMsg{runes("n")}, want: []string{"Move to discussion?", "1 of 5 has not finished: eva."}},
		{name: "timer", keys: []tea.KeyMsg{runes("t")}, want: []string{"Timer: minutes"}},
		{name: "remove", keys: []tea.KeyMsg{runes("x"), key(tea.KeyDown)}, want: []string{"› ● bert"}},
		{name: "help", keys: []tea.KeyMsg{runes("?")}, want: []string{"Keys of the dashboard"}},
		{name: "discussion", keys: []tea.KeyMsg{runes("n"), yes, key(tea.KeyDown), key(tea.KeyDown), key(tea.KeyDown), key(tea.KeyDown), key(tea.KeyDown), key(tea.KeyDown)},
			want: []string{"Phase: discussion", "› "}},
		{name: "presenter", keys: []tea.KeyMsg{runes("n"), yes, runes("p")}, want: []string{"Question 1 of", "don't know", "not applicable"}},
		{name: "revote", keys: []tea.KeyMsg{runes("n"), yes, runes(" "), runes("r"), yes}, want: []string{"Phase: re-vote", "0/1"}},
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

// TestScreens_Home: the home screen's pages at every size.
func TestScreens_Home(t *testing.T) {
	enter := key(tea.KeyEnter)
	cases := []struct {
		name string
		keys []tea.KeyMsg
		want []string
	}{
		{name: "menu", want: []string{"› Start or resume an assessment"}},
		{name: "pick", keys: []tea.KeyMsg{enter}, want: []string{"For which department?"}},
		{name: "alias", keys: []tea.KeyMsg{enter, enter}, want: []string{"under which pseudonym"}},
		{name: "unfinished", keys: []tea.KeyMsg{key(tea.KeyDown), enter}, want: []string{"Burgerzaken · round 2026-11 · Das 1/4"}},
	}
	for _, c := range cases {
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s-%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				h := &fakeHome{t: t, depts: []tui.DepartmentInfo{{Name: "Burgerzaken", Latest: "2026-11", Open: true}, {Name: "Belastingen"}}}
				var m tea.Model = tui.NewApp(h, "en", tui.DefaultStyles())
				m, _ = m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				m = press(t, m, c.keys...)
				screen(t, m, size[0], size[1], c.want...)
			})
		}
	}
}
