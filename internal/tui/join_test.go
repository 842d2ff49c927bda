package tui_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/tui"
)

// phasedGate is a workshop whose phase, timer and end the test moves on;
// each move is announced by closing the channel participants wait on. It
// knows one pseudonym before the test starts: "merel", resume code K7PM.
type phasedGate struct {
	t        testing.TB
	mu       sync.Mutex
	status   tui.SeatStatus
	changed  chan struct{}
	backend  *fakeBackend
	joins    []string
	held     map[string]bool
	removed  map[string]bool
	claims   []string
	codes    []string
	newCodes int
}

func newGate(t testing.TB) *phasedGate {
	return &phasedGate{t: t, changed: make(chan struct{}), held: map[string]bool{}, removed: map[string]bool{}}
}

func (g *phasedGate) CheckCode(code string) (bool, bool) {
	g.mu.Lock()
	g.codes = append(g.codes, code)
	g.mu.Unlock()
	return code == "424242", false
}

func (g *phasedGate) Claim(pseudonym, resume string) (tui.Seat, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	key := strings.ToLower(pseudonym)
	g.claims = append(g.claims, pseudonym+"/"+resume)
	switch {
	case g.held[key]:
		return nil, tui.ErrInUse
	case key == "merel" && resume == "":
		return nil, tui.ErrResumeNeeded
	case key == "merel" && strings.ToUpper(resume) != "K7PM":
		return nil, tui.ErrResumeWrong
	case key == "kapot":
		return nil, errors.New("database is locked: /srv/maturity/m.db")
	}
	g.held[key] = true
	s := &gateSeat{g: g, name: pseudonym, code: strings.ToUpper(resume)}
	if key != "merel" {
		g.newCodes++
		s.code, s.fresh = "ABCD", true
	}
	return s, nil
}

type gateSeat struct {
	g     *phasedGate
	name  string
	code  string
	fresh bool
}

func (s *gateSeat) New() bool          { return s.fresh }
func (s *gateSeat) ResumeCode() string { return s.code }
func (s *gateSeat) Changed() <-chan struct{} {
	s.g.mu.Lock()
	defer s.g.mu.Unlock()
	return s.g.changed
}
func (s *gateSeat) Leave() {
	s.g.mu.Lock()
	defer s.g.mu.Unlock()
	delete(s.g.held, strings.ToLower(s.name))
}
func (s *gateSeat) Status() tui.SeatStatus {
	s.g.mu.Lock()
	defer s.g.mu.Unlock()
	st := s.g.status
	st.Removed = s.g.removed[strings.ToLower(s.name)]
	return st
}

func (s *gateSeat) Open() (tui.Session, error) {
	g := s.g
	g.mu.Lock()
	defer g.mu.Unlock()
	sess, b := session(g.t, small, nil)
	if g.backend == nil {
		g.backend = b
	}
	sess.Backend, sess.Respondent = g.backend, s.name
	sess.Answers = map[string]scoring.Value{}
	switch g.status.Phase {
	case tui.PhaseDiscussion:
		sess.Closed, sess.Scope = true, tui.ScopeGroup
	case tui.PhaseRevote:
		sess.Only, sess.Earlier, sess.Notice = []string{"b"}, map[string]scoring.Value{"b": 1}, "Re-vote: answer the discussed questions again."
		sess.Scope = tui.ScopeOwn
	default:
		sess.Scope = tui.ScopeOwn
	}
	g.joins = append(g.joins, s.name)
	return sess, nil
}

// move changes the workshop and tells every screen.
func (g *phasedGate) move(change func(*tui.SeatStatus)) {
	g.mu.Lock()
	defer g.mu.Unlock()
	change(&g.status)
	close(g.changed)
	g.changed = make(chan struct{})
}

func (g *phasedGate) remove(name string) {
	g.mu.Lock()
	g.removed[name] = true
	g.mu.Unlock()
	g.move(func(*tui.SeatStatus) {})
}

func (g *phasedGate) heldNow(name string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.held[name]
}

func startJoin(t *testing.T, g tui.Gate, w, h int) *teatest.TestModel {
	t.Helper()
	return teatest.NewTestModel(t, tui.NewJoin(g, "en", tui.DefaultStyles()), teatest.WithInitialTermSize(w, h))
}

// enterAs passes the code and a new pseudonym, and begins.
func enterAs(t *testing.T, tm *teatest.TestModel, who string) {
	t.Helper()
	tm.Type("424242")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "pseudonym")
	tm.Type(who)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "A B C D")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "Question A?")
}

// TestJoin_FollowsPhase: a connected participant's screen follows the
// workshop: to the results when answering closes, to the re-vote's
// questions (their first vote marked) when it opens.
func TestJoin_FollowsPhase(t *testing.T) {
	g := newGate(t)
	tm := startJoin(t, g, 80, 30)
	enterAs(t, tm, "anna")
	tm.Type("4")
	waitFor(t, tm, "Question B?")

	g.move(func(s *tui.SeatStatus) { s.Phase = tui.PhaseDiscussion })
	waitFor(t, tm, "This is the result of the whole group.")

	g.move(func(s *tui.SeatStatus) { s.Phase = tui.PhaseRevote })
	var screen string
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		screen += string(b)
		return strings.Contains(screen, "Re-vote: answer the discussed questions again.") && strings.Contains(screen, "Question B?") &&
			strings.Contains(screen, "↺ 1  b1") && strings.Contains(screen, "› ↺ 1  b1")
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	tm.Type("3")
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if got := g.backend.log(); got != "a=4 b=3" {
		t.Errorf("saves = %q; want a=4, then b=3 in the re-vote", got)
	}
	if strings.Join(g.joins, ",") != "anna,anna,anna" {
		t.Errorf("joins = %v; want anna's session opened once per phase", g.joins)
	}
	if g.heldNow("anna") {
		t.Error("anna's pseudonym is still held after she left")
	}
}

// TestJoin_Resume: an existing pseudonym asks for its resume code, in any
// case; a wrong one is refused and may be tried again; esc goes back to
// choosing a pseudonym; one in use is refused by name.
func TestJoin_Resume(t *testing.T) {
	g := newGate(t)
	g.held["bert"] = true
	tm := startJoin(t, g, 80, 24)
	tm.Type("424242")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "pseudonym")
	tm.Type("Bert")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "Bert is connected now: choose another pseudonym.")
	for i := 0; i < 4; i++ {
		tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	tm.Type("Merel")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "Merel exists in this round already. Type your resume code")
	tm.Type("ZZZZ")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "That resume code is not right.")
	tm.Type("k7pm")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "Question A?")
	tm.Type("?")
	waitFor(t, tm, "Pseudonym Merel · resume code K7PM")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if got := strings.Join(g.claims, " "); got != "Bert/ Merel/ Merel/ZZZZ Merel/k7pm" {
		t.Errorf("claims = %q", got)
	}
	if g.newCodes != 0 {
		t.Errorf("%d new resume codes made; want none for a rejoin", g.newCodes)
	}
}

// TestJoin_Refusals: what the server gets wrong reaches the participant as
// a failure, never with the server's details; a removed participant and
// the end of the workshop end the screen, saying so.
func TestJoin_Refusals(t *testing.T) {
	g := newGate(t)
	tm := startJoin(t, g, 80, 24)
	tm.Type("424242")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "pseudonym")
	tm.Type("kapot")
	var screen string
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		screen += string(b)
		return strings.Contains(screen, "That did not work on the server.")
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	if strings.Contains(screen, "/srv/maturity") || strings.Contains(screen, "locked") {
		t.Errorf("the participant saw the server's error:\n%s", screen)
	}
	for i := 0; i < 5; i++ {
		tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	tm.Type("cees")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "A B C D")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "Question A?")
	g.remove("cees")
	waitFor(t, tm, "The facilitator removed you from the workshop; your answers are deleted.")
	tm.Type("x")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if g.heldNow("cees") {
		t.Error("a removed participant's pseudonym is still held")
	}
}

// TestJoin_Timer: the phase timer counts down on the participant's screen
// and says when time is up; it changes nothing else.
func TestJoin_Timer(t *testing.T) {
	g := newGate(t)
	tm := startJoin(t, g, 80, 24)
	enterAs(t, tm, "anna")
	g.move(func(s *tui.SeatStatus) { s.Deadline = time.Now().Add(90*time.Second + 500*time.Millisecond) })
	waitFor(t, tm, "⏱ 1:31 · question 1/4")
	g.move(func(s *tui.SeatStatus) { s.Deadline = time.Now().Add(1500 * time.Millisecond) })
	waitFor(t, tm, "⏱ time is up · question 1/4")
	tm.Type("2")
	waitFor(t, tm, "Question B?")
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if got := g.backend.log(); got != "a=2" {
		t.Errorf("saves = %q; the timer must not stop answering", got)
	}
}

// TestJoin_LeaveMsg: when the server stops, the reason and the resume code
// are printed where they stay after the program is gone.
func TestJoin_LeaveMsg(t *testing.T) {
	g := newGate(t)
	tm := startJoin(t, g, 80, 24)
	enterAs(t, tm, "anna")
	tm.Send(tui.LeaveMsg{Reason: tui.LeaveShutdown})
	waitFor(t, tm, "The facilitator ended the workshop. Everything you gave is saved. To continue later: pseudonym anna, resume code ABCD.")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
