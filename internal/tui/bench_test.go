package tui_test

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/maturity-nl/maturity/questionnaires"
)

// largeQuestionnaire has 200 questions in 20 dimensions of 10.
func largeQuestionnaire(b *testing.B) *questionnaire.Questionnaire {
	var s strings.Builder
	s.WriteString("id: large\nversion: 1\nlanguages: [en]\ntitle: Large\ngroups:\n")
	for g := 0; g < 4; g++ {
		fmt.Fprintf(&s, "  - id: g%d\n    name: Group %d\n    dimensions:\n", g, g)
		for d := 0; d < 5; d++ {
			fmt.Fprintf(&s, "      - id: d%d-%d\n        name: Dimension %d of group %d with a longer name\n        questions:\n", g, d, d, g)
			for q := 0; q < 10; q++ {
				fmt.Fprintf(&s, "          - id: q%d-%d-%d\n            text: %s\n            help: %s\n            options: [%s]\n", g, d, q,
					strings.Repeat("How does the department do this particular thing? ", 3),
					strings.Repeat("Some explanation of the terms used. ", 4),
					strings.TrimSuffix(strings.Repeat("\"An option that describes what the department does at this level, concretely.\", ", 5), ", "))
			}
		}
	}
	q, err := questionnaire.Parse("large.yaml", []byte(s.String()))
	if err != nil {
		b.Fatal(err)
	}
	return q
}

type nopBackend struct{}

func (nopBackend) SaveAnswer(string, scoring.Value) error { return nil }
func (nopBackend) SaveNote(string, string, string) error  { return nil }
func (nopBackend) Result() (scoring.Result, error)        { return scoring.Result{}, nil }

// benchmarkKeypress measures one keypress: Update with a navigation key and
// the View that follows, as the program does for every key.
func benchmarkKeypress(b *testing.B, q *questionnaire.Questionnaire) {
	s := tui.Session{Questionnaire: q, Lang: "nl", Department: "Burgerzaken", Round: "2026-11", Respondent: "Vos", Backend: nopBackend{}}
	var m tea.Model = tui.New(s, tui.DefaultKeyMap("nl"), tui.DefaultStyles())
	m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	keys := []tea.KeyMsg{{Type: tea.KeyRight}, {Type: tea.KeyDown}, {Type: tea.KeyDown}, {Type: tea.KeyUp}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m, _ = m.Update(keys[i%len(keys)])
		_ = m.View()
	}
}

func BenchmarkKeypress_Default(b *testing.B) {
	q, err := questionnaires.LoadDefault()
	if err != nil {
		b.Fatal(err)
	}
	benchmarkKeypress(b, q)
}

func BenchmarkKeypress_200Questions(b *testing.B) { benchmarkKeypress(b, largeQuestionnaire(b)) }
