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

func TestSummarise_CapsGapsMinimumsTrend(t *testing.T) {
	score := func(x float64) *float64 { return &x }
	margin := 0.2
	rs := []scoring.Result{
		{Overall: scoring.Overall{Score: score(2.5), Level: 2, Capped: true, CappedBy: []string{"governance", "readiness"}, MinimumCapped: true,
			Estimate: scoring.Estimate{Change: &scoring.Change{Earlier: 2.0, Delta: 0.5, Margin: &margin, Direction: scoring.Improvement}}},
			Minimums:   []scoring.MinimumResult{{Question: "dpia", Status: scoring.MinimumUnmet}, {Question: "bio", Status: scoring.MinimumMet}},
			Dimensions: []scoring.DimensionResult{{ID: "quality", Score: score(2.0), Gap: 2}}},
		{Overall: scoring.Overall{Score: score(3.5), Level: 3, Capped: true, CappedBy: []string{"governance"},
			Estimate: scoring.Estimate{Change: &scoring.Change{Earlier: 3.6, Delta: -0.1, Direction: scoring.Uncertain}}},
			Minimums:   []scoring.MinimumResult{{Question: "dpia", Status: scoring.MinimumUnmet}, {Question: "bio", Status: scoring.MinimumUnknown}},
			Dimensions: []scoring.DimensionResult{{ID: "quality", Score: score(4.0), Gap: 0}}},
		{Overall: scoring.Overall{Score: score(4.0), Level: 4}},
	}
	s := scoring.Summarise(rs)
	if s.Capped != 2 || s.CappedBy["governance"] != 2 || s.CappedBy["readiness"] != 1 || len(s.CappedBy) != 2 {
		t.Errorf("capped %d by %v", s.Capped, s.CappedBy)
	}
	if s.MinimumCapped != 1 || s.Unmet != 2 || s.MinimumsUnmet["dpia"] != 2 || len(s.MinimumsUnmet) != 1 {
		t.Errorf("minimum capped %d, unmet %v", s.MinimumCapped, s.MinimumsUnmet)
	}
	if s.DimensionGaps["quality"] != 1 || s.DimensionCounts["quality"] != 2 || s.DimensionMeans["quality"] != 3 {
		t.Errorf("quality: gaps %d of %d, mean %v", s.DimensionGaps["quality"], s.DimensionCounts["quality"], s.DimensionMeans["quality"])
	}
	tr := s.Trend
	if tr.Compared != 2 || tr.Directions[scoring.Improvement] != 1 || tr.Directions[scoring.Uncertain] != 1 || len(tr.Directions) != 2 ||
		math.Abs(tr.Earlier-2.8) > 1e-9 || tr.Latest != 3 {
		t.Errorf("trend = %+v", tr)
	}
	if empty := scoring.Summarise(nil); empty.Trend.Compared != 0 || empty.Trend.Earlier != 0 {
		t.Errorf("empty trend = %+v", empty.Trend)
	}
}

func TestRank(t *testing.T) {
	result := func(s float64, iv *scoring.Interval) scoring.Result {
		return scoring.Result{Overall: scoring.Overall{Score: &s, Estimate: scoring.Estimate{Interval: iv}}}
	}
	iv := func(lo, hi float64) *scoring.Interval { return &scoring.Interval{Low: lo, High: hi} }
	rs := []scoring.Result{
		result(3.0, iv(2.8, 3.2)), // 0: joins 3.5's group: 3.2 ≥ 3.1
		{},                        // 1: no score, left out
		result(3.5, iv(3.1, 3.9)), // 2: first
		result(2.0, iv(1.5, 2.5)), // 3: a group of its own: 2.5 < 3.1
		result(1.9, nil),          // 4: no interval, joins 2.0's group
		result(1.0, iv(1.0, 1.4)), // 5: 1.4 < 1.5, a new group
		result(2.0, iv(1.9, 2.1)), // 6: equal to 3, keeps its order after it
	}
	got := scoring.Rank(rs)
	want := []scoring.Ranked{
		{Index: 2, Group: 1, First: 1, Last: 2},
		{Index: 0, Group: 1, First: 1, Last: 2},
		{Index: 3, Group: 2, First: 3, Last: 5},
		{Index: 6, Group: 2, First: 3, Last: 5},
		{Index: 4, Group: 2, First: 3, Last: 5},
		{Index: 5, Group: 3, First: 6, Last: 6},
	}
	if len(got) != len(want) {
		t.Fatalf("Rank = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("place %d = %+v, want %+v", i+1, got[i], want[i])
		}
	}
	if got := scoring.Rank(nil); len(got) != 0 {
		t.Errorf("Rank(nil) = %v", got)
	}
	// A first result without an interval: the first one with an interval
	// anchors the group.
	got = scoring.Rank([]scoring.Result{result(3, nil), result(2.9, iv(2.8, 3.0)), result(2.7, iv(2.5, 2.79))})
	if got[1].Group != 1 || got[2].Group != 2 || got[0].Last != 2 || got[2].First != 3 {
		t.Errorf("Rank without a first interval = %+v", got)
	}
}
