package tui_test

import (
	"fmt"
	"sort"
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
	mu           sync.Mutex
	q            *questionnaire.Questionnaire
	answers      []scoring.Answer
	phases       []tui.Phase
	decisions    []string
	decisionLang []string // the screen's language of each decision
	revote       []string
	first        []scoring.Answer // the first votes on the re-vote's questions
	revoted      map[string]int   // second votes by respondent
	deadline     time.Time
	removed      []string
	ended        bool
	disconnected map[string]bool
	agreements   []tui.Agreement
	dropped      map[int64]string // reasons by id
	refuse       error            // what Agree answers, when set
}

func (f *fakeFacilitator) Snapshot() (tui.Snapshot, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	count, perQuestion := map[string]int{}, map[string]int{}
	var names []string
	for _, a := range f.answers {
		if count[a.Respondent] == 0 {
			names = append(names, a.Respondent)
		}
		count[a.Respondent]++
		if f.revoted == nil {
			perQuestion[a.Question]++
		}
	}
	sort.Strings(names)
	var ps []tui.Participant
	for _, name := range names {
		ps = append(ps, tui.Participant{Pseudonym: name, Answered: count[name], Connected: !f.disconnected[name]})
	}
	for i := range ps {
		ps[i].Revoted = f.revoted[ps[i].Pseudonym]
		if f.revoted != nil {
			perQuestion[f.revote[0]] += f.revoted[ps[i].Pseudonym]
		}
	}
	in := scoring.Input{Answers: f.answers, Revote: f.revote, FirstVotes: f.first}
	var agreed []tui.Agreement
	for _, a := range f.agreements {
		if _, gone := f.dropped[a.ID]; !gone {
			agreed = append(agreed, a)
		}
	}
	return tui.Snapshot{Participants: ps, Result: scoring.Score(f.q, in), Revote: f.revote, Answered: perQuestion, Deadline: f.deadline, Agreements: agreed}, nil
}

func (f *fakeFacilitator) Agree(a tui.Agreement) (tui.Agreement, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.refuse != nil {
		return tui.Agreement{}, f.refuse
	}
	for i := range f.agreements {
		if f.agreements[i].ID == a.ID {
			f.agreements[i] = a
			return a, nil
		}
	}
	a.ID = int64(len(f.agreements) + 1)
	f.agreements = append(f.agreements, a)
	return a, nil
}

func (f *fakeFacilitator) Drop(id int64, reason string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.dropped == nil {
		f.dropped = map[int64]string{}
	}
	f.dropped[id] = reason
	return nil
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

func (f *fakeFacilitator) SaveDecision(q, text, lang string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.decisions = append(f.decisions, q+"="+text)
	f.decisionLang = append(f.decisionLang, lang)
	return nil
}

func (f *fakeFacilitator) SetTimer(d time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.deadline = d
	return nil
}

func (f *fakeFacilitator) Remove(who string) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var kept []scoring.Answer
	n := 0
	for _, a := range f.answers {
		if a.Respondent == who {
			n++
			continue
		}
		kept = append(kept, a)
	}
	f.answers, f.removed = kept, append(f.removed, who)
	return n, nil
}

func (f *fakeFacilitator) End() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ended = true
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

// clock is the dashboard's fixed time in tests.
var clock = time.Date(2026, 11, 4, 10, 0, 0, 0, time.UTC)

func startDashboard(t *testing.T, f *fakeFacilitator) *teatest.TestModel {
	info := tui.DashboardInfo{Questionnaire: f.q, Lang: "en", Department: "Wijkteams", Round: "2026-11", Code: "424242", Connect: "ssh -p 2222 localhost",
		Now: func() time.Time { return clock }}
	return teatest.NewTestModel(t, tui.NewDashboard(f, info, tui.DefaultStyles()), teatest.WithInitialTermSize(100, 40))
}

// waitAll waits until the screen has shown every one of want.
func waitAll(t *testing.T, tm *teatest.TestModel, want ...string) string {
	t.Helper()
	var screen string
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		screen += string(b)
		for _, w := range want {
			if !strings.Contains(screen, w) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	return screen
}

// TestDashboard: while the group votes the dashboard shows each
// participant's progress and connection, who has not finished and how many
// answered each question — no figure of the answers, and not which
// questions diverge; n asks first and says who is not done; in discussion
// the distributions per level and the group scores show; the decision is
// noted and said by the question's text; closing asks first; q asks,
// then tells the participants.
func TestDashboard(t *testing.T) {
	s, _ := session(t, small, nil)
	f := &fakeFacilitator{q: s.Questionnaire, disconnected: map[string]bool{"bert": true}}
	f.answer("anna", map[string]scoring.Value{"a": 1, "b": 2})
	f.answer("bert", map[string]scoring.Value{"a": 5, "b": 4})
	f.answer("cees", map[string]scoring.Value{"a": 3, "b": 2, "c": 4, "d": 1})
	tm := startDashboard(t, f)
	screen := waitAll(t, tm, "Code: 424242", "Participants (3 · 2 connected)", "● anna", "○ bert", "not connected", "2/4", "4/4",
		"Not finished yet (2): anna, bert", "1:3   2:3   3:1   4:1", "Scores appear once answering closes")
	for _, figure := range []string{"1:■", "spread", "2.8", "▏4", "Where the group disagrees", "Question A?"} {
		if strings.Contains(screen, figure) {
			t.Errorf("%q shown while answering", figure)
		}
	}
	tm.Type("n")
	waitAll(t, tm, "Move to discussion? Answering closes for everyone and the distributions show. 2 of 3 have not", "finished: anna, bert.", "y or enter: yes")
	tm.Type("n")
	waitFor(t, tm, "Nothing changed.")
	tm.Type("n")
	waitFor(t, tm, "Move to discussion?")
	tm.Type("y")
	// In discussion: the distributions per level 1–5, the spreads and the
	// group scores (one: a 3.0 and b 2.7, so 2.8 at level 2; target 4).
	waitAll(t, tm, "Answering is closed: the distributions show.", "1:■  2:  3:■  4:  5:■", "› Question A?  (spread 4)",
		"1     2     3     4     5", "2.8  2 ▏4")
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	tm.Type("e")
	waitFor(t, tm, "Decision and reason")
	tm.Type("Level 2: no fixed checks")
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	waitFor(t, tm, "Decision kept on 2. Question B?.")
	tm.Type("n")
	waitFor(t, tm, "Move to the agreements? The group picks from the recommendations what will be done")
	tm.Type("y")
	waitAll(t, tm, "Phase: agreements", "Agreements: what will the group do?")
	tm.Type("n")
	waitAll(t, tm, "Close the round? Nobody can answer or vote again after it; the next workshop needs --new-round.", "Nothing was agreed: the report will then say that the department agreed nothing after this round.")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitAll(t, tm, "The round is closed.", "Phase: closed")
	tm.Type("q")
	waitFor(t, tm, "Stop the workshop? 2 participants are connected and see that the workshop stops.")
	tm.Type("y")
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(tui.Dashboard)
	if m.Phase() != tui.PhaseClosed || fmt.Sprint(f.phases) != fmt.Sprint([]tui.Phase{tui.PhaseDiscussion, tui.PhaseAgreements, tui.PhaseClosed}) {
		t.Errorf("phase %v, phases set %v", m.Phase(), f.phases)
	}
	if len(f.decisions) != 1 || f.decisions[0] != "b=Level 2: no fixed checks" {
		t.Errorf("decisions = %v", f.decisions)
	}
	if fmt.Sprint(f.decisionLang) != "[en]" {
		t.Errorf("decisions written on screens in %v; want [en]", f.decisionLang)
	}
	if !f.ended {
		t.Error("quitting did not tell the participants")
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
	waitFor(t, tm, "Participants (3 · 3 connected)")
	tm.Type("n")
	tm.Type("y")
	waitFor(t, tm, "space choose")
	tm.Type(" ")
	waitFor(t, tm, "› ↺ Question A?")
	tm.Type("r")
	waitFor(t, tm, "Open a re-vote on one question? Participants answer only that one again, silently.")
	tm.Type("y")
	waitAll(t, tm, "Re-vote on one question opened.", "0/1", "1:0")
	f.answer("anna", map[string]scoring.Value{"a": 3})
	f.answer("bert", map[string]scoring.Value{"a": 4})
	screen := waitAll(t, tm, "1/1", "Not finished yet (1): cees", "1:2")
	if strings.Contains(screen, "re-vote 1:") || strings.Contains(screen, "→") || strings.Contains(screen, "▏4") {
		t.Error("the re-vote's answers or the scores were shown while voting")
	}
	tm.Type("n")
	waitFor(t, tm, "Close the re-vote and discuss? The new distributions show. 1 of 3 has not finished: cees.")
	tm.Type("y")
	waitAll(t, tm, "Question A?  (spread 4 → 1)", "1st vote 1:■  2:  3:■  4:  5:■   re-vote 1:  2:  3:■■  4:■  5:")
	tm.Type("q")
	tm.Type("y")
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(tui.Dashboard)
	if m.Phase() != tui.PhaseDiscussion || fmt.Sprint(f.phases) != fmt.Sprint([]tui.Phase{tui.PhaseDiscussion, tui.PhaseRevote, tui.PhaseDiscussion}) || fmt.Sprint(f.revote) != "[a]" {
		t.Errorf("phase %v, phases set %v, re-vote %v", m.Phase(), f.phases, f.revote)
	}
}

// TestDashboard_Timer: t sets the timer in minutes, +2 extends it, 0 stops
// it, and a time that is none is refused with what to type.
func TestDashboard_Timer(t *testing.T) {
	s, _ := session(t, small, nil)
	f := &fakeFacilitator{q: s.Questionnaire}
	f.answer("anna", map[string]scoring.Value{"a": 1})
	tm := startDashboard(t, f)
	waitFor(t, tm, "anna")
	for _, step := range []struct {
		typed, shown string
		want         time.Duration // from the clock; -1: no timer
	}{
		{"5", "Timer runs: 5:00.", 5 * time.Minute},
		{"+2", "Timer runs: 7:00.", 7 * time.Minute},
		{"1:30", "Timer runs: 1:30.", 90 * time.Second},
		{"200", "That is not a time: type minutes (5 or 1:30), +2 or 0, at most 180 minutes.", 90 * time.Second},
		{"0", "Timer stopped.", -1},
	} {
		tm.Type("t")
		tm.Type(step.typed)
		tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
		waitFor(t, tm, step.shown)
		if strings.HasPrefix(step.shown, "That is not") {
			tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
		}
		f.mu.Lock()
		got := f.deadline
		f.mu.Unlock()
		if (step.want < 0 && !got.IsZero()) || (step.want >= 0 && !got.Equal(clock.Add(step.want))) {
			t.Errorf("after %q the timer ends at %v; want %v from %v", step.typed, got, step.want, clock)
		}
	}
	tm.Type("q")
	tm.Type("y")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// TestDashboard_Remove: x chooses a participant, the confirmation says
// how many answers go, and yes removes them.
func TestDashboard_Remove(t *testing.T) {
	s, _ := session(t, small, nil)
	f := &fakeFacilitator{q: s.Questionnaire}
	f.answer("anna", map[string]scoring.Value{"a": 1})
	f.answer("bert", map[string]scoring.Value{"a": 5, "b": 4})
	tm := startDashboard(t, f)
	waitFor(t, tm, "bert")
	tm.Type("x")
	waitAll(t, tm, "Whom do you remove?", "› ● anna")
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	waitFor(t, tm, "› ● bert")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "Remove bert? Their 2 answers and their notes are deleted; this cannot be undone.")
	tm.Type("y")
	waitAll(t, tm, "bert is removed; 2 answers deleted.", "Participants (1 · 1 connected)")
	tm.Type("q")
	tm.Type("y")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if fmt.Sprint(f.removed) != "[bert]" {
		t.Errorf("removed %v; want bert", f.removed)
	}
}

// TestDashboard_Help: ? explains every key, any key goes back.
func TestDashboard_Help(t *testing.T) {
	s, _ := session(t, small, nil)
	f := &fakeFacilitator{q: s.Questionnaire}
	tm := startDashboard(t, f)
	waitFor(t, tm, "Nobody has joined yet.")
	tm.Type("?")
	waitAll(t, tm, "Keys of the dashboard", "the presenter view for the beamer", "remove a participant, with their answers")
	tm.Type("z")
	waitFor(t, tm, "n to discussion · t timer")
	tm.Type("q")
	tm.Type("y")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// TestPresenter: p shows one divergent question large, with the count per
// level, don't know and not applicable; →/← page; e notes the decision on
// the question shown.
func TestPresenter(t *testing.T) {
	s, _ := session(t, small, nil)
	f := &fakeFacilitator{q: s.Questionnaire}
	f.answer("anna", map[string]scoring.Value{"a": 1, "b": 2})
	f.answer("bert", map[string]scoring.Value{"a": 5, "b": 4})
	f.answer("cees", map[string]scoring.Value{"a": 3, "b": 2})
	f.answer("anna", map[string]scoring.Value{"c": scoring.DontKnow})
	tm := startDashboard(t, f)
	waitFor(t, tm, "anna")
	tm.Type("p")
	waitFor(t, tm, "The presenter view shows the distributions once answering closes.")
	tm.Type("n")
	tm.Type("y")
	waitFor(t, tm, "Question A?  (spread 4)")
	tm.Type("p")
	waitAll(t, tm, "Question 1 of 2 where the group differs · spread 4", "Question A?", "a1", "a5", "don't know", "not applicable")
	tm.Send(tea.KeyMsg{Type: tea.KeyRight})
	waitAll(t, tm, "Question 2 of 2 where the group differs · spread 2", "b4")
	tm.Type("e")
	waitFor(t, tm, "Decision and reason")
	tm.Type("Niveau 2")
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	waitFor(t, tm, "Decision kept on 2. Question B?.")
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	waitFor(t, tm, "p presenter")
	tm.Type("q")
	tm.Type("y")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if fmt.Sprint(f.decisions) != "[b=Niveau 2]" {
		t.Errorf("decisions %v", f.decisions)
	}
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

// localGate lets everyone in and opens the small questionnaire.
type localGate struct {
	t *testing.T
	f *fakeFacilitator
}

func (localGate) CheckCode(string) (bool, bool) { return true, false }

func (g localGate) Claim(pseudonym, _ string) (tui.Seat, error) {
	return localSeat{g, pseudonym}, nil
}

type localSeat struct {
	g   localGate
	who string
}

func (localSeat) New() bool                { return false }
func (localSeat) ResumeCode() string       { return "ABCD" }
func (localSeat) Changed() <-chan struct{} { return nil }
func (localSeat) Leave()                   {}
func (localSeat) Status() tui.SeatStatus   { return tui.SeatStatus{} }
func (s localSeat) Open() (tui.Session, error) {
	sess, b := session(s.g.t, small, nil)
	sess.Respondent = s.who
	sess.Backend = &facilitatorBackend{fakeBackend: b, f: s.g.f, who: s.who}
	return sess, nil
}

// TestLocal: participants take turns at the dashboard's keyboard; the
// dashboard between turns shows nothing of anyone's answers.
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
		// Back on the dashboard, which lists them: the questionnaire's
		// own screen shows the pseudonym too, so the name alone does not
		// say the turn has ended, and a key typed before then is theirs.
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			return strings.Contains(string(b), "a a participant answers") && strings.Contains(string(b), who)
		}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	}
	tm.Type("q")
	tm.Type("y")
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(tui.Local)
	if m.Answering() {
		t.Error("a participant still has the keyboard")
	}
	snap, _ := f.Snapshot()
	if len(snap.Participants) != 2 {
		t.Errorf("participants = %+v", snap.Participants)
	}
}
