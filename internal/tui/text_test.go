package tui_test

import (
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/tui"
)

// answers parses rows of "respondent question level ..." into answers.
func answers(rows ...string) []scoring.Answer {
	var out []scoring.Answer
	for _, row := range rows {
		f := strings.Fields(row)
		for i := 1; i+1 < len(f); i += 2 {
			v, err := scoring.ParseValue(f[i+1])
			if err != nil {
				panic(err)
			}
			out = append(out, scoring.Answer{Respondent: f[0], Question: f[i], Value: v})
		}
	}
	return out
}

// richResult scores testdata/rich.yaml: four respondents; the stage
// ladder blocked at diagnostic (2,5 < 3); the DPIA minimum unmet (2,0 < 3)
// on only two scored answers, so its figures stay hidden; root causes
// spread 1–4, flagged; compared with an earlier round.
func richResult(t *testing.T) (*questionnaire.Questionnaire, scoring.Result) {
	t.Helper()
	src, err := os.ReadFile("testdata/rich.yaml")
	if err != nil {
		t.Fatal(err)
	}
	q, err := questionnaire.Parse("testdata/rich.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	r := scoring.Score(q, scoring.Input{Answers: answers(
		"anna d1 4 d2 4 g1 3 p1 1 p2 3 s1 4",
		"bert d1 5 d2 4 g1 2 p1 3 p2 3 s1 4",
		"cees d1 4 d2 3 g1 4 p1 dk p2 4 s1 5",
		"daan d1 3 d2 4 g1 1 p1 dk p2 dk s1 4",
	)})
	earlier := scoring.Score(q, scoring.Input{Answers: answers(
		"anna d1 3 d2 3 g1 2 p1 2 p2 2 s1 4",
		"bert d1 2 d2 3 g1 2 p1 2 p2 2 s1 3",
		"cees d1 3 d2 2 g1 3 p1 2 p2 3 s1 4",
	)})
	scoring.Compare(&r, earlier, 1, "2026-05")
	return q, r
}

// TestWriteResult is the text of maturity results for the rich round, in
// Dutch (decimal comma) and English, as golden files.
func TestWriteResult(t *testing.T) {
	q, r := richResult(t)
	round := tui.Round{Department: "Burgerzaken", Label: "2026-11", Closed: time.Date(2026, 11, 30, 16, 0, 0, 0, time.UTC)}
	for _, lang := range []string{"nl", "en"} {
		t.Run(lang, func(t *testing.T) {
			var b strings.Builder
			if err := tui.WriteResult(&b, q, r, round, lang, 100); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			golden.RequireEqual(t, []byte(out))
			// The hidden minimum shows its status, never its score; the
			// flagged question that may be seen shows its range.
			if strings.Contains(out, "2,0, vereist") || strings.Contains(out, "2.0, requires") {
				t.Errorf("the DPIA's score is shown below the anonymity threshold:\n%s", out)
			}
		})
	}
}

// TestWriteResult_NoScore: a round without scored answers says so.
func TestWriteResult_NoScore(t *testing.T) {
	q, _ := richResult(t)
	var b strings.Builder
	if err := tui.WriteResult(&b, q, scoring.Score(q, scoring.Input{}), tui.Round{Department: "Wmo", Label: "2026-11", Workshop: true}, "en", 80); err != nil {
		t.Fatal(err)
	}
	want := "Wmo — round 2026-11 (workshop, open) · 0 respondents · rich version 2\n\nMaturity: no answers yet\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestWriteOverview: one line per department, a department without a
// round included.
func TestWriteOverview(t *testing.T) {
	q, r := richResult(t)
	var b strings.Builder
	rows := []tui.OverviewRow{{Department: "Burgerzaken", Round: "2026-11", Questionnaire: q, Result: r}, {Department: "Wmo"}}
	if err := tui.WriteOverview(&b, rows, "nl"); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"AFDELING     RONDE    RESPONDENTEN  SCORE  VOLWASSENHEID                 FASE          ZEKERHEID\n" +
		"Burgerzaken  2026-11  4             3,3    2 Opportunistisch (begrensd)  Beschrijvend  middel\n" +
		"Wmo          –        0             –      nog geen meting               –             –\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// fixedBackend returns one result.
type fixedBackend struct{ r scoring.Result }

func (fixedBackend) SaveAnswer(string, scoring.Value) error { return nil }
func (fixedBackend) SaveNote(string, string, string) error  { return nil }
func (b fixedBackend) Result() (scoring.Result, error)      { return b.r, nil }

// resultsView is the results screen of a closed session at the given size.
func resultsView(t *testing.T, q *questionnaire.Questionnaire, r scoring.Result, lang string, w, h int) string {
	t.Helper()
	s := tui.Session{Questionnaire: q, Lang: lang, Department: "Burgerzaken", Round: "2026-11", Respondent: "Vos", Closed: true,
		Backend: fixedBackend{r}, ReportHint: `maturity report --department "Burgerzaken" -o rapport.pdf`}
	var m tea.Model = tui.New(s, tui.DefaultKeyMap(lang), tui.DefaultStyles())
	m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m, _ = m.Update(m.Init()())
	return m.View()
}

// TestResults80x24 is what a person sees first of the rich round's
// results at 80×24, in Dutch, as a golden file; the whole screen in
// English at 80×60 says every part.
func TestResults80x24(t *testing.T) {
	q, r := richResult(t)
	golden.RequireEqual(t, []byte(resultsView(t, q, r, "nl", 80, 24)))
	all := resultsView(t, q, r, "en", 80, 60)
	for _, want := range []string{
		"Maturity: level 2 Opportunistic",
		"capped by an unmet legal minimum: at most level 2",
		"without the caps level 3",
		"since round 2026-05:",
		"Legal minimums — an unmet one caps the level at 2",
		"✗ unmet  GDPR art. 35: Does the department carry out a DPIA where one is",
		"1. Legal minimum: Does the department carry out a DPIA where one is required?",
		"(requires level 3): Carry out a DPIA for every high-risk processing.",
		"since round 2026-05: ↑ improved · ↓ declined · = unchanged within the margin",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the results lack %q:\n%s", want, all)
		}
	}
	for _, w := range []int{tui.MinWidth, 80, 200} {
		for _, l := range strings.Split(resultsView(t, q, r, "nl", w, 80), "\n") {
			if n := lipgloss.Width(l); n > w {
				t.Errorf("%d wide: a line of %d columns: %q", w, n, l)
			}
		}
	}
}
