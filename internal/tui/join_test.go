package tui_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/tui"
)

// phasedGate is a workshop whose phase the test moves on; each move is
// announced by closing the channel participants wait on.
type phasedGate struct {
	t       *testing.T
	mu      sync.Mutex
	phase   tui.Phase
	changed chan struct{}
	backend *fakeBackend
	joins   []string
}

func (g *phasedGate) CheckCode(code string) (bool, bool) { return code == "424242", false }

func (g *phasedGate) Join(pseudonym string) (tui.Session, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	s, b := session(g.t, small, nil)
	if g.backend == nil {
		g.backend = b
	}
	s.Backend, s.Respondent = g.backend, pseudonym
	s.Answers = map[string]scoring.Value{}
	switch g.phase {
	case tui.PhaseDiscussion:
		s.Closed = true
	case tui.PhaseRevote:
		s.Only, s.Earlier, s.Notice = []string{"b"}, map[string]scoring.Value{"b": 1}, "Re-vote: answer the discussed questions again."
	}
	g.joins = append(g.joins, pseudonym)
	return s, nil
}

func (g *phasedGate) Changed() <-chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.changed
}

func (g *phasedGate) move(p tui.Phase) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.phase = p
	close(g.changed)
	g.changed = make(chan struct{})
}

// TestJoin_FollowsPhase: a connected participant's screen follows the
// workshop: to the results when answering closes, to the re-vote's
// questions (their first vote marked) when it opens.
func TestJoin_FollowsPhase(t *testing.T) {
	g := &phasedGate{t: t, changed: make(chan struct{})}
	tm := teatest.NewTestModel(t, tui.NewJoin(g, "en", tui.DefaultStyles()), teatest.WithInitialTermSize(80, 30))
	tm.Type("424242")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "pseudonym")
	tm.Type("anna")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "Question A?")
	tm.Type("4")
	waitFor(t, tm, "Question B?")

	g.move(tui.PhaseDiscussion)
	waitFor(t, tm, "Result — Burgerzaken")

	g.move(tui.PhaseRevote)
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
		t.Errorf("joins = %v; want anna joined once per phase", g.joins)
	}
}
