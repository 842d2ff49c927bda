package scoring_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/questionnaires"
)

func defaultQuestionnaire(t testing.TB) *questionnaire.Questionnaire {
	t.Helper()
	q, err := questionnaires.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// randomAnswers gives each of n respondents an answer to most questions,
// with some don't-know and not-applicable among them.
func randomAnswers(rng *rand.Rand, q *questionnaire.Questionnaire, n int) []scoring.Answer {
	var out []scoring.Answer
	for r := 0; r < n; r++ {
		for _, x := range q.Questions() {
			p := rng.IntN(100)
			var v scoring.Value
			switch {
			case p < 8:
				continue // unanswered
			case p < 14:
				v = scoring.DontKnow
			case p < 18:
				v = scoring.NotApplicable
			default:
				v = scoring.Value(rng.IntN(5))
			}
			out = append(out, scoring.Answer{Respondent: fmt.Sprint("r", r), Question: x.ID, Value: v})
		}
	}
	return out
}

// notLower reports whether b is at least a, treating "no score" as lowest.
func notLower(a, b *float64) bool {
	if a == nil {
		return true
	}
	return b != nil && *b >= *a-1e-12
}

// TestProperty_RaisingAnAnswerNeverLowersAnything raises one scored answer
// by one point, many times over random answer sets, and checks that no
// score, level or stage goes down and no gap goes up.
func TestProperty_RaisingAnAnswerNeverLowersAnything(t *testing.T) {
	q := defaultQuestionnaire(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 400; trial++ {
		as := randomAnswers(rng, q, 1+rng.IntN(8))
		var raisable []int
		for i, a := range as {
			if a.Value.Scored() && a.Value < 4 {
				raisable = append(raisable, i)
			}
		}
		if len(raisable) == 0 {
			continue
		}
		before := scoring.Score(q, scoring.Input{Answers: as})
		raised := append([]scoring.Answer(nil), as...)
		i := raisable[rng.IntN(len(raisable))]
		raised[i].Value++
		after := scoring.Score(q, scoring.Input{Answers: raised})
		what := fmt.Sprintf("trial %d, raising %s of %s to %d", trial, raised[i].Question, raised[i].Respondent, raised[i].Value)

		if !notLower(before.Overall.Score, after.Overall.Score) || after.Overall.Level < before.Overall.Level || after.Overall.UncappedLevel < before.Overall.UncappedLevel {
			t.Fatalf("%s: overall went down: %+v → %+v", what, before.Overall, after.Overall)
		}
		if after.Stage.ReachedIndex < before.Stage.ReachedIndex {
			t.Fatalf("%s: stage went down: %d → %d", what, before.Stage.ReachedIndex, after.Stage.ReachedIndex)
		}
		for k := range before.Groups {
			if !notLower(before.Groups[k].Score, after.Groups[k].Score) || after.Groups[k].Level < before.Groups[k].Level {
				t.Fatalf("%s: group %s went down", what, before.Groups[k].ID)
			}
		}
		for k := range before.Dimensions {
			b, a := before.Dimensions[k], after.Dimensions[k]
			if !notLower(b.Score, a.Score) || a.Level < b.Level || a.Gap > b.Gap {
				t.Fatalf("%s: dimension %s went down: %+v → %+v", what, b.ID, b, a)
			}
		}
		for k := range before.Questions {
			b, a := before.Questions[k], after.Questions[k]
			if !notLower(b.Score, a.Score) || !notLower(b.Median, a.Median) {
				t.Fatalf("%s: question %s went down", what, b.ID)
			}
		}
	}
}

// TestProperty_StageIsGated checks on random answer sets that every stage up
// to the reached one meets the threshold and that the blocker does not.
func TestProperty_StageIsGated(t *testing.T) {
	q := defaultQuestionnaire(t)
	rng := rand.New(rand.NewPCG(3, 4))
	reachedCounts := map[int]int{}
	for trial := 0; trial < 500; trial++ {
		r := scoring.Score(q, scoring.Input{Answers: randomAnswers(rng, q, 1+rng.IntN(6))})
		st := r.Stage
		reachedCounts[st.ReachedIndex]++
		for i, step := range st.Steps {
			if i < st.ReachedIndex && (!step.Met || step.Score == nil || *step.Score < st.Threshold-1e-9) {
				t.Fatalf("trial %d: stage %s counted as reached under the threshold: %+v", trial, step.Dimension, st)
			}
			if i == st.ReachedIndex && (step.Met || st.BlockedBy != step.Dimension) {
				t.Fatalf("trial %d: blocker is %q, want %s: %+v", trial, st.BlockedBy, step.Dimension, st)
			}
		}
		if st.ReachedIndex == len(st.Steps) && st.BlockedBy != "" {
			t.Fatalf("trial %d: every stage reached yet blocked by %s", trial, st.BlockedBy)
		}
		if r.Overall.Cap > 0 && r.Overall.Level > r.Overall.Cap {
			t.Fatalf("trial %d: level %d above the cap %d", trial, r.Overall.Level, r.Overall.Cap)
		}
	}
	// Uniform random answers hover around 2.0, so the ladder must have been
	// seen both blocked at the start and climbed past it.
	if reachedCounts[0] == 0 || reachedCounts[0] == 500 {
		t.Errorf("random answers never exercised both sides of the first stage: %v", reachedCounts)
	}
}
