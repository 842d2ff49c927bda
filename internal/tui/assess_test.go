package tui_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/maturity-nl/maturity/questionnaires"
	"github.com/muesli/termenv"
)

func init() {
	// No colour: views compare as plain text.
	lipgloss.SetColorProfile(termenv.Ascii)
}

const small = `
id: small
version: 1
languages: [en]
title: Small
groups:
  - id: ladder
    kind: stages
    name: Ladder
    dimensions:
      - id: one
        name: One
        recommendations: {1: Do one thing., 2: Do two things., 3: Do three things., 4: Do four things.}
        questions:
          - {id: a, text: Question A?, help: About A., options: [a1, a2, a3, a4, a5]}
          - {id: b, text: Question B?, options: [b1, b2, b3, b4, b5]}
      - id: two
        name: Two
        recommendations: {1: Start two., 2: Do two things., 3: Share two., 4: Improve two.}
        questions:
          - {id: c, text: Question C?, options: [c1, c2, c3, c4, c5]}
          - {id: d, text: Question D?, options: [d1, d2, d3, d4, d5]}
`

// fakeBackend records every save in order and scores what it was given.
type fakeBackend struct {
	failures int // saves that fail before they work
	mu       sync.Mutex
	q        *questionnaire.Questionnaire
	saves    []string
	// noteLangs holds the language of each note saved, in order.
	noteLangs []string
	answers   map[string]scoring.Value
	delay     time.Duration
	fail      error
}

func (b *fakeBackend) SaveAnswer(q string, v scoring.Value) error {
	time.Sleep(b.delay)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.fail != nil {
		return b.fail
	}
	if b.failures > 0 {
		b.failures--
		return errors.New("database is locked")
	}
	b.saves = append(b.saves, q+"="+v.String())
	b.answers[q] = v
	return nil
}

func (b *fakeBackend) SaveNote(q, text, lang string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.saves = append(b.saves, "note "+q+"="+text)
	b.noteLangs = append(b.noteLangs, lang)
	return nil
}

func (b *fakeBackend) Result() (scoring.Result, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var as []scoring.Answer
	for q, v := range b.answers {
		as = append(as, scoring.Answer{Respondent: "me", Question: q, Value: v})
	}
	return scoring.Score(b.q, scoring.Input{Answers: as}), nil
}

func (b *fakeBackend) log() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return strings.Join(b.saves, " ")
}

func session(t testing.TB, src string, answers map[string]scoring.Value) (tui.Session, *fakeBackend) {
	t.Helper()
	q, err := questionnaire.Parse("small.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	b := &fakeBackend{q: q, answers: map[string]scoring.Value{}}
	for k, v := range answers {
		b.answers[k] = v
	}
	return tui.Session{Questionnaire: q, Lang: "en", Department: "Burgerzaken", Round: "2026-11", Respondent: "Vos",
		Answers: answers, Notes: map[string]string{}, Backend: b}, b
}

func start(t *testing.T, s tui.Session, w, h int) *teatest.TestModel {
	t.Helper()
	return teatest.NewTestModel(t, tui.New(s, tui.DefaultKeyMap(s.Lang), tui.DefaultStyles()), teatest.WithInitialTermSize(w, h))
}

func final(t *testing.T, tm *teatest.TestModel) tui.Model {
	t.Helper()
	return tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(tui.Model)
}

// waitFor waits until the screen shows s.
func waitFor(t *testing.T, tm *teatest.TestModel, s string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), s) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

func key(t tea.KeyType) tea.KeyMsg { return tea.KeyMsg{Type: t} }

func TestModel_AnswerAndNavigate(t *testing.T) {
	s, b := session(t, small, nil)
	tm := start(t, s, 80, 24)
	waitFor(t, tm, "Question A?")
	tm.Type("3")               // a=3, on to b
	tm.Send(key(tea.KeyDown))  // cursor from level 1 to level 2
	tm.Send(key(tea.KeyDown))  // level 3
	tm.Send(key(tea.KeyEnter)) // b=3, on to c
	tm.Send(key(tea.KeyLeft))  // back to b
	tm.Send(key(tea.KeyLeft))  // back to a
	tm.Type("d")               // a=dk, on to b
	tm.Send(key(tea.KeyTab))   // c
	tm.Type("n")               // c=na, on to d
	tm.Send(key(tea.KeyShiftTab))
	waitFor(t, tm, "Question C?")
	tm.Type("q")
	m := final(t, tm)
	if got := b.log(); got != "a=3 b=3 a=dk c=na" {
		t.Errorf("saves in order = %q", got)
	}
	if m.Question() != 2 || len(m.Answers()) != 3 || m.Answers()["a"] != scoring.DontKnow {
		t.Errorf("final: question %d, answers %v", m.Question(), m.Answers())
	}
}

// TestModel_Resume starts at the first unanswered question and marks the
// answers given before when revisiting.
func TestModel_Resume(t *testing.T) {
	s, _ := session(t, small, map[string]scoring.Value{"a": 5, "b": 1})
	m := tui.New(s, tui.DefaultKeyMap("en"), tui.DefaultStyles())
	if m.Question() != 2 {
		t.Fatalf("resumed at question %d; want 2 (c)", m.Question())
	}
	next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	next, _ = next.Update(key(tea.KeyLeft))
	view := next.View()
	if !strings.Contains(view, "Question B?") || !strings.Contains(view, "› ✓ 1  b1") {
		t.Errorf("revisiting b does not mark its answer 1:\n%s", view)
	}
	golden.RequireEqual(t, []byte(view))
}

func TestModel_Note(t *testing.T) {
	s, b := session(t, small, nil)
	tm := start(t, s, 80, 24)
	waitFor(t, tm, "Question A?")
	tm.Type("e")
	waitFor(t, tm, "Note on this question")
	tm.Type("Monthly dashboard")
	tm.Send(key(tea.KeyEsc))
	waitFor(t, tm, "Note: Monthly dashboard")
	tm.Type("q")
	final(t, tm)
	if got := b.log(); got != "note a=Monthly dashboard" {
		t.Errorf("saves = %q", got)
	}
}

// TestModel_FinishEarly: finishing with open questions asks first and lists
// them; confirming shows the results.
func TestModel_FinishEarly(t *testing.T) {
	s, _ := session(t, small, nil)
	tm := start(t, s, 80, 24)
	waitFor(t, tm, "Question A?")
	tm.Type("4")
	tm.Type("f")
	waitFor(t, tm, "Not answered yet (3):")
	tm.Send(key(tea.KeyEsc)) // back to the first open question
	waitFor(t, tm, "Question B?")
	tm.Type("f")
	waitFor(t, tm, "Finish?")
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "Maturity: level 4 Differentiating")
	tm.Type("q")
	m := final(t, tm)
	if m.Screen() != "results" {
		t.Errorf("screen = %s", m.Screen())
	}
}

// TestModel_AllAnsweredShowsResults: the last answer leads to the results,
// with the ladder, a bar per dimension on the level scale and what to do
// first.
func TestModel_AllAnsweredShowsResults(t *testing.T) {
	s, _ := session(t, small, nil)
	tm := start(t, s, 80, 30)
	waitFor(t, tm, "Question A?")
	tm.Type("5")
	tm.Type("4")
	tm.Type("2")
	tm.Type("2")
	// one = 4.5 (level 4), two = 2.0 (level 2, below the stage level 3):
	// the ladder stops at two; overall 3.25, level 3.
	var screen string
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		screen += string(b)
		return strings.Contains(screen, "1. Next stage: Two (level 2 → 3): Do two things.")
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	for _, want := range []string{"Result — Burgerzaken, round 2026-11 (1 respondent)", "Maturity: level 3 Systematic",
		"score 3.3 (no interval: fewer than two respondents) · confidence low", "One ✓ → Two ✗",
		"what blocks the next one: Two  (a stage counts from score 3)", "1     2     3     4     5",
		"4.5  4 ▏4", "2.0  2 ▏4", "Do first"} {
		if !strings.Contains(screen, want) {
			t.Errorf("results lack %q:\n%s", want, screen)
		}
	}
	tm.Type("q")
	if m := final(t, tm); m.Screen() != "results" || len(m.Answers()) != 4 {
		t.Errorf("final: screen %s, %d answers", m.Screen(), len(m.Answers()))
	}
}

// TestModel_QuitWaitsForSaves: quitting right after an answer still saves it.
func TestModel_QuitWaitsForSaves(t *testing.T) {
	s, b := session(t, small, nil)
	b.delay = 200 * time.Millisecond
	tm := start(t, s, 80, 24)
	waitFor(t, tm, "Question A?")
	tm.Type("2")
	tm.Type("3")
	tm.Type("q")
	final(t, tm)
	if got := b.log(); got != "a=2 b=3" {
		t.Errorf("saves = %q; want both answers before quitting", got)
	}
}

func TestModel_SaveErrorShows(t *testing.T) {
	s, b := session(t, small, nil)
	b.fail = errors.New("disk full")
	tm := start(t, s, 80, 24)
	waitFor(t, tm, "Question A?")
	tm.Type("2")
	waitFor(t, tm, "NOT saved: disk full")
	tm.Type("q")
	if m := final(t, tm); m.Err() == nil {
		t.Error("the failed save is not reported")
	}
}

func TestModel_Resize(t *testing.T) {
	s, _ := session(t, small, nil)
	m := tui.Model(tui.New(s, tui.DefaultKeyMap("en"), tui.DefaultStyles()))
	next, _ := m.Update(tea.WindowSizeMsg{Width: 40, Height: 10})
	if v := next.View(); !strings.Contains(v, "at least 50×15") || !strings.Contains(v, "(now 40×10)") {
		t.Errorf("a tiny window:\n%s", v)
	}
	for _, size := range [][2]int{{50, 15}, {80, 24}, {200, 60}} {
		next, _ = next.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		v := next.View()
		lines := strings.Split(v, "\n")
		if len(lines) > size[1] {
			t.Errorf("%dx%d: %d lines", size[0], size[1], len(lines))
		}
		for _, l := range lines {
			if w := lipgloss.Width(l); w > size[0] {
				t.Errorf("%dx%d: a line of %d columns: %q", size[0], size[1], w, l)
			}
		}
		if !strings.Contains(v, "Question A?") {
			t.Errorf("%dx%d: no question:\n%s", size[0], size[1], v)
		}
	}
}

// TestModel_DefaultQuestionnaire80x24 is the first screen of the default
// questionnaire in Dutch at 80×24, as a golden file.
func TestModel_DefaultQuestionnaire80x24(t *testing.T) {
	q, err := questionnaires.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	s := tui.Session{Questionnaire: q, Lang: "nl", Department: "Burgerzaken", Round: "2026-11", Respondent: "Vos", Backend: &fakeBackend{q: q, answers: map[string]scoring.Value{}}}
	m, _ := tui.New(s, tui.DefaultKeyMap("nl"), tui.DefaultStyles()).Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	golden.RequireEqual(t, []byte(m.View()))
	for i := 0; i < 5; i++ {
		m, _ = m.Update(key(tea.KeyRight))
	}
	if v := m.View(); !strings.Contains(v, "vraag 6/48") {
		t.Errorf("after five steps right:\n%s", v)
	}
}

// reportingBackend also writes reports.
type reportingBackend struct {
	*fakeBackend
	written int
}

func (r *reportingBackend) WriteReport() (string, error) {
	r.written++
	return "/tmp/rapport-burgerzaken-2026-11.pdf", nil
}

// TestModel_WriteReport: on the results screen r writes the report when the
// backend can, and says where.
func TestModel_WriteReport(t *testing.T) {
	s, b := session(t, small, map[string]scoring.Value{"a": 2, "b": 2, "c": 2})
	rb := &reportingBackend{fakeBackend: b}
	s.Backend = rb
	tm := start(t, s, 80, 30)
	waitFor(t, tm, "Question D?")
	tm.Type("3")
	waitFor(t, tm, "r report (PDF)")
	tm.Type("r")
	waitFor(t, tm, "Report written: /tmp/rapport-burgerzaken-2026-11.pdf")
	tm.Type("q")
	final(t, tm)
	if rb.written != 1 {
		t.Errorf("reports written: %d", rb.written)
	}
}

// TestModel_KeyBurst: keys that arrive together, as over a slow SSH
// connection, each answer a question.
func TestModel_KeyBurst(t *testing.T) {
	s, b := session(t, small, nil)
	tm := start(t, s, 80, 24)
	waitFor(t, tm, "Question A?")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("321")})
	waitFor(t, tm, "Question D?")
	tm.Type("q")
	final(t, tm)
	if got := b.log(); got != "a=3 b=2 c=1" {
		t.Errorf("saves = %q", got)
	}
}

// TestModel_RetriesAFailedSave: a save that fails for a moment is tried
// again and lands; the error disappears.
func TestModel_RetriesAFailedSave(t *testing.T) {
	s, b := session(t, small, nil)
	b.failures = 1
	tm := start(t, s, 80, 24)
	waitFor(t, tm, "Question A?")
	tm.Type("2")
	waitFor(t, tm, "NOT saved: database is locked")
	deadline := time.Now().Add(5 * time.Second)
	for b.log() != "a=2" && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	tm.Type("3")
	tm.Type("q")
	m := final(t, tm)
	if got := b.log(); got != "a=2 b=3" || m.Err() != nil {
		t.Errorf("saves = %q, error %v; want both saved and no error", got, m.Err())
	}
}
