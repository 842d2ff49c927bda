package tui_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/tui"
)

// fakeFacilitator scores the answers given so far.
type fakeFacilitator struct {
	mu        sync.Mutex
	q         *questionnaire.Questionnaire
	answers   []scoring.Answer
	phases    []tui.Phase
	decisions []string
	revote    []string
	first     []scoring.Answer // the first votes on the re-vote's questions
	revoted   map[string]int   // second votes by respondent
}

func (f *fakeFacilitator) Snapshot() (tui.Snapshot, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	count := map[string]int{}
	for _, a := range f.answers {
		count[a.Respondent]++
	}
	var ps []tui.Participant
	for _, name := range []string{"anna", "bert", "cees"} {
		if count[name] > 0 {
			ps = append(ps, tui.Participant{Pseudonym: name, Answered: count[name]})
		}
	}
	for i := range ps {
		ps[i].Revoted = f.revoted[ps[i].Pseudonym]
	}
	in := scoring.Input{Answers: f.answers, Revote: f.revote, FirstVotes: f.first}
	return tui.Snapshot{Participants: ps, Result: scoring.Score(f.q, in), Revote: f.revote}, nil
}

func (f *fakeFacilitator) SetPhase(p tui.Phase) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.phases = append(f.phases, p)
	return nil
}

func (f *fakeFacilitator) StartRevote(qs []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.phases = append(f.phases, tui.PhaseRevote)
	f.revote, f.revoted = qs, map[string]int{}
	for _, a := range f.answers {
		if a.Question == qs[0] {
			f.first = append(f.first, a)
		}
	}
	return nil
}

func (f *fakeFacilitator) SaveDecision(q, text string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.decisions = append(f.decisions, q+"="+text)
	return nil
}

func (f *fakeFacilitator) answer(who string, vs map[string]scoring.Value) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for q, v := range vs {
		f.answers = append(f.answers, scoring.Answer{Respondent: who, Question: q, Value: v})
		if f.revoted != nil {
			f.revoted[who]++
		}
	}
}

func startDashboard(t *testing.T, f *fakeFacilitator) *teatest.TestModel {
	info := tui.DashboardInfo{Questionnaire: f.q, Lang: "en", Department: "Wijkteams", Round: "2026-11", Code: "424242", Connect: "ssh -p 2222 localhost"}
	return teatest.NewTestModel(t, tui.NewDashboard(f, info, tui.DefaultStyles()), teatest.WithInitialTermSize(100, 40))
}

// TestDashboard: live progress; during the vote which questions diverge,
// without any figure (scores, spreads, distributions); the questions below
// the anonymity threshold only counted; in discussion the group scores on
// the level scale and the distributions per level; the decision noted.
func TestDashboard(t *testing.T) {
	s, _ := session(t, small, nil)
	f := &fakeFacilitator{q: s.Questionnaire}
	f.answer("anna", map[string]scoring.Value{"a": 1, "b": 2})
	f.answer("bert", map[string]scoring.Value{"a": 5, "b": 4})
	tm := startDashboard(t, f)
	// Two scored answers per question: below the threshold of three.
	var first string
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		first += string(b)
		return strings.Contains(first, "2 questions hidden: fewer than 3 scored answers (anonymity).")
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	for _, w := range []string{"Code: 424242", "anna", "bert", "2/4", "Scores appear once answering closes"} {
		if !strings.Contains(first, w) {
			t.Errorf("the dashboard lacks %q", w)
		}
	}
	f.answer("cees", map[string]scoring.Value{"a": 3, "b": 2, "c": 4})
	// The next refresh shows cees and the ranking: a spreads 4, b spreads 2.
	var screen string
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		screen += string(b)
		return strings.Contains(screen, "Where the group disagrees (2 questions)") && strings.Contains(screen, "Question B?")
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	if a, b := strings.LastIndex(screen, "Question A?"), strings.LastIndex(screen, "Question B?"); a < 0 || a > b {
		t.Errorf("a (spread 4) is not ranked before b (spread 2)")
	}
	if !strings.Contains(screen, "cees") || !strings.Contains(screen, "3/4") {
		t.Errorf("cees's progress is missing")
	}
	for _, figure := range []string{"1:■", "spread", "2.8", "▏4"} {
		if strings.Contains(screen, figure) {
			t.Errorf("%q shown while answering", figure)
		}
	}
	tm.Type("n")
	// In discussion: the distributions per level 1–5, the spreads and the
	// group scores (one: a 3.0 and b 2.7, so 2.8 at level 2; target 4).
	var discussion string
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		discussion += string(b)
		return strings.Contains(discussion, "1:■  2:  3:■  4:  5:■") && strings.Contains(discussion, "Question A?  (spread 4)")
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	for _, w := range []string{"1     2     3     4     5", "2.8  2 ▏4", "4.0  4 ▏4"} {
		if !strings.Contains(discussion, w) {
			t.Errorf("the discussion lacks %q", w)
		}
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	tm.Type("e")
	waitFor(t, tm, "Decision and reason")
	tm.Type("Level 2: no fixed checks")
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	waitFor(t, tm, "Decision on b kept.")
	tm.Type("n")
	waitFor(t, tm, "closed")
	tm.Type("q")
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(tui.Dashboard)
	if m.Phase() != tui.PhaseClosed || len(f.phases) != 2 || f.phases[0] != tui.PhaseDiscussion {
		t.Errorf("phase %v, phases set %v", m.Phase(), f.phases)
	}
	if len(f.decisions) != 1 || f.decisions[0] != "b=Level 2: no fixed checks" {
		t.Errorf("decisions = %v", f.decisions)
	}
}

// TestDashboard_Revote: in discussion the facilitator marks a question
// and opens a re-vote on it; progress counts the re-vote's questions, its
// answers stay hidden while voting, and back in discussion the question
// shows how far its spread narrowed with both distributions.
func TestDashboard_Revote(t *testing.T) {
	s, _ := session(t, small, nil)
	f := &fakeFacilitator{q: s.Questionnaire}
	f.answer("anna", map[string]scoring.Value{"a": 1, "b": 2})
	f.answer("bert", map[string]scoring.Value{"a": 5, "b": 4})
	f.answer("cees", map[string]scoring.Value{"a": 3, "b": 2})
	tm := startDashboard(t, f)
	waitFor(t, tm, "Where the group disagrees (2 questions)")
	tm.Type("n")
	waitFor(t, tm, "space choose for re-vote")
	tm.Type(" ")
	waitFor(t, tm, "› ↺ Question A?")
	tm.Type("r")
	var opened string
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		opened += string(b)
		return strings.Contains(opened, "Re-vote on one question opened.") && strings.Contains(opened, "0/1")
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	f.answer("anna", map[string]scoring.Value{"a": 3})
	f.answer("bert", map[string]scoring.Value{"a": 4})
	var screen string
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		screen += string(b)
		return strings.Contains(screen, "1/1")
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	if strings.Contains(screen, "re-vote 1:") || strings.Contains(screen, "→") || strings.Contains(screen, "▏4") {
		t.Error("the re-vote's answers or the scores were shown while voting")
	}
	tm.Type("n")
	var after string
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		after += string(b)
		return strings.Contains(after, "Question A?  (spread 4 → 1)") &&
			strings.Contains(after, "1st vote 1:■  2:  3:■  4:  5:■   re-vote 1:  2:  3:■■  4:■  5:")
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	tm.Type("q")
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(tui.Dashboard)
	if m.Phase() != tui.PhaseDiscussion || fmt.Sprint(f.phases) != fmt.Sprint([]tui.Phase{tui.PhaseDiscussion, tui.PhaseRevote, tui.PhaseDiscussion}) || fmt.Sprint(f.revote) != "[a]" {
		t.Errorf("phase %v, phases set %v, re-vote %v", m.Phase(), f.phases, f.revote)
	}
}

// localGate lets everyone in and opens the small questionnaire.
type localGate struct {
	t *testing.T
	f *fakeFacilitator
}

func (localGate) CheckCode(string) (bool, bool) { return true, false }

func (g localGate) Join(pseudonym string) (tui.Session, error) {
	s, b := session(g.t, small, nil)
	s.Respondent = pseudonym
	s.Backend = &facilitatorBackend{fakeBackend: b, f: g.f, who: pseudonym}
	return s, nil
}

// facilitatorBackend hands answers to the fake facilitator too.
type facilitatorBackend struct {
	*fakeBackend
	f   *fakeFacilitator
	who string
}

func (b *facilitatorBackend) SaveAnswer(q string, v scoring.Value) error {
	b.f.answer(b.who, map[string]scoring.Value{q: v})
	return b.fakeBackend.SaveAnswer(q, v)
}

// TestLocal: participants take turns at the dashboard's keyboard.
func TestLocal(t *testing.T) {
	s, _ := session(t, small, nil)
	f := &fakeFacilitator{q: s.Questionnaire}
	info := tui.DashboardInfo{Questionnaire: f.q, Lang: "en", Department: "Wmo", Round: "2026-11", Code: "–", Connect: "–"}
	tm := teatest.NewTestModel(t, tui.NewLocal(f, localGate{t, f}, info, tui.DefaultStyles()), teatest.WithInitialTermSize(100, 40))
	waitFor(t, tm, "a a participant answers")
	for _, who := range []string{"anna", "bert"} {
		tm.Type("a")
		waitFor(t, tm, "Choose a pseudonym")
		tm.Type(who)
		tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
		waitFor(t, tm, "Question A?")
		tm.Type("3")
		tm.Type("q")
		waitFor(t, tm, who)
	}
	tm.Type("q")
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(tui.Local)
	if m.Answering() {
		t.Error("a participant still has the keyboard")
	}
	snap, _ := f.Snapshot()
	if len(snap.Participants) != 2 {
		t.Errorf("participants = %+v", snap.Participants)
	}
}
