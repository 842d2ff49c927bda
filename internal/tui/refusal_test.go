package tui_test

import (
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/tui"
)

// refusingBackend takes no answer: answering has closed.
type refusingBackend struct {
	*fakeBackend
	mu    sync.Mutex
	tries int
}

func (b *refusingBackend) SaveAnswer(string, scoring.Value) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.tries++
	return &tui.RefusedError{Reason: "Answering is closed: the group discusses the answers."}
}

// TestModel_RefusedAnswer: an answer the backend refuses for good is not
// tried again, and the screen takes it back: no ✓, not counted.
func TestModel_RefusedAnswer(t *testing.T) {
	s, b := session(t, small, map[string]scoring.Value{"b": 2})
	rb := &refusingBackend{fakeBackend: b}
	s.Backend = rb
	s.Answers = map[string]scoring.Value{"b": 2}
	tm := start(t, s, 80, 24)
	waitFor(t, tm, "Question A?")
	tm.Type("4")
	waitFor(t, tm, "NOT saved: Answering is closed")
	tm.Type("3") // b: refused too; its earlier answer 2 stays
	waitFor(t, tm, "Question C?")
	tm.Type("q")
	m := final(t, tm)
	if got := m.Answers(); len(got) != 1 || got["b"] != 2 {
		t.Errorf("answers on screen %v; want only the earlier b=2", got)
	}
	if rb.tries != 2 {
		t.Errorf("%d tries; a refusal is not tried again (want 2, one per answer)", rb.tries)
	}

	// Back on question A: no mark, and only b counts.
	var back tea.Model = tui.New(s, tui.DefaultKeyMap("en"), tui.DefaultStyles())
	back, _ = back.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	back = press(t, back, runes("4"), key(tea.KeyLeft))
	if v := back.View(); !strings.Contains(v, "Question A?") || strings.Contains(v, "✓") || !strings.Contains(v, "1/4 answered") {
		t.Errorf("question A after the refusal:\n%s", v)
	}
}
