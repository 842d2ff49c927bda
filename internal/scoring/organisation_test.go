package scoring_test

import (
	"math"
	"testing"

	"github.com/maturity-nl/maturity/internal/scoring"
)

func TestSummarise(t *testing.T) {
	q := parse(t, exampleYAML)
	// Worked example: level 2 (capped), descriptive reached, blocked by diagnostic.
	a := scoring.Score(q, scoring.Input{Answers: answers(map[string][]scoring.Value{
		"d1": {4, 3, dk}, "d2": {3, 4, 4}, "x1": {1, 3, 2}, "q1": {1, 2, na}, "q2": {2, 1, 1}, "k1": {5, 5, 5},
	})})
	// Everything 5: level 5, every stage reached.
	b := scoring.Score(q, scoring.Input{Answers: answers(map[string][]scoring.Value{
		"d1": {5}, "d2": {5}, "x1": {5}, "q1": {5}, "q2": {5}, "k1": {5},
	})})
	empty := scoring.Score(q, scoring.Input{})
	s := scoring.Summarise([]scoring.Result{a, b, empty})
	if s.Departments != 3 || s.Scored != 2 || s.Levels != [6]int{0, 0, 1, 0, 0, 1} || s.Capped != 1 {
		t.Errorf("summary = %+v", s)
	}
	if s.Stages["descriptive"] != 1 || s.Stages["diagnostic"] != 1 || s.Blockers["diagnostic"] != 1 || len(s.Blockers) != 1 {
		t.Errorf("stages %v, blockers %v", s.Stages, s.Blockers)
	}
	// quality: (13/9 + 5) / 2 = 29/9.
	if got := s.DimensionMeans["quality"]; math.Abs(got-29.0/9) > 1e-9 || s.DimensionCounts["quality"] != 2 {
		t.Errorf("quality mean = %v over %d", got, s.DimensionCounts["quality"])
	}
}
