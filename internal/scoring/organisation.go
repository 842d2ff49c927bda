package scoring

import "sort"

// Summary aggregates the results of many departments: how many are at each
// level and stage, what blocks and caps them, each dimension's mean over
// the departments that scored it, the legal minimums they leave unmet and
// how they moved since their previous rounds.
type Summary struct {
	// Departments counts the results summarised; Scored those with a score.
	Departments, Scored int
	// Levels counts the departments per maturity level (index 1–5).
	Levels [6]int
	// Stages counts the departments per reached stage ("" for none);
	// Blockers per blocking stage.
	Stages, Blockers map[string]int
	// Capped counts the departments whose level the foundations lowered;
	// CappedBy counts them per group that caused it (a department capped
	// by both groups counts in both).
	Capped   int
	CappedBy map[string]int
	// MinimumCapped counts the departments whose level an unmet legal
	// minimum lowered; MinimumsUnmet counts, per question, the departments
	// where its minimum is unmet; Unmet counts the departments with at
	// least one unmet minimum.
	MinimumCapped, Unmet int
	MinimumsUnmet        map[string]int
	// DimensionMeans is each dimension's mean score over the departments
	// with a score on it; DimensionCounts how many those are, and
	// DimensionGaps how many of them are below their target there.
	DimensionMeans                 map[string]float64
	DimensionCounts, DimensionGaps map[string]int
	// Trend is how the departments with an earlier round moved.
	Trend Trend
}

// Trend is how the overall scores of the departments with a change (see
// Compare) moved since their previous rounds.
type Trend struct {
	// Compared counts the departments whose overall score has a change;
	// Directions counts them per direction.
	Compared   int
	Directions map[Direction]int
	// Earlier and Latest are the mean overall score of those departments
	// in their previous round and in their latest round.
	Earlier, Latest float64
}

// Summarise aggregates results of one questionnaire's dimensions.
func Summarise(results []Result) Summary {
	s := Summary{Departments: len(results), Stages: map[string]int{}, Blockers: map[string]int{}, CappedBy: map[string]int{},
		MinimumsUnmet: map[string]int{}, DimensionMeans: map[string]float64{}, DimensionCounts: map[string]int{}, DimensionGaps: map[string]int{},
		Trend: Trend{Directions: map[Direction]int{}}}
	sums := map[string]float64{}
	var earlier, latest float64
	for _, r := range results {
		if r.Overall.Score == nil {
			continue
		}
		s.Scored++
		s.Levels[r.Overall.Level]++
		if r.Overall.Capped {
			s.Capped++
			for _, g := range r.Overall.CappedBy {
				s.CappedBy[g]++
			}
		}
		if r.Overall.MinimumCapped {
			s.MinimumCapped++
		}
		unmet := false
		for _, m := range r.Minimums {
			if m.Status == MinimumUnmet {
				s.MinimumsUnmet[m.Question]++
				unmet = true
			}
		}
		if unmet {
			s.Unmet++
		}
		if r.Stage.Applicable {
			s.Stages[r.Stage.Reached]++
			if r.Stage.BlockedBy != "" {
				s.Blockers[r.Stage.BlockedBy]++
			}
		}
		for _, d := range r.Dimensions {
			if d.Score != nil {
				sums[d.ID] += *d.Score
				s.DimensionCounts[d.ID]++
				if d.Gap > 0 {
					s.DimensionGaps[d.ID]++
				}
			}
		}
		if c := r.Overall.Change; c != nil {
			s.Trend.Compared++
			s.Trend.Directions[c.Direction]++
			earlier += c.Earlier
			latest += *r.Overall.Score
		}
	}
	for id, total := range sums {
		s.DimensionMeans[id] = total / float64(s.DimensionCounts[id])
	}
	if n := float64(s.Trend.Compared); n > 0 {
		s.Trend.Earlier, s.Trend.Latest = earlier/n, latest/n
	}
	return s
}

// Ranked is one result's place in a ranking by overall score.
type Ranked struct {
	// Index is the result's index in the ranked slice.
	Index int
	// Group numbers the tie groups from 1; First and Last are the first
	// and last position (from 1) of the result's group, equal when the
	// result stands alone.
	Group, First, Last int
}

// Rank orders the results with an overall score by that score, highest
// first (equal scores keep their order; results without a score are left
// out), and groups those a reader cannot tell apart. A result joins the
// group above it when its 90% interval overlaps the interval of the
// group's first result that has one, or when it has no interval (nothing
// then shows it apart); otherwise it starts a new group. Within a group
// the order by score is not a ranking.
func Rank(results []Result) []Ranked {
	var out []Ranked
	for i, r := range results {
		if r.Overall.Score != nil {
			out = append(out, Ranked{Index: i})
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		return *results[out[a].Index].Overall.Score > *results[out[b].Index].Overall.Score
	})
	var anchor *Interval
	start := 0
	seal := func(end int) {
		for k := start; k < end; k++ {
			out[k].First, out[k].Last = start+1, end
		}
	}
	for k := range out {
		iv := results[out[k].Index].Overall.Interval
		switch {
		case k == 0:
			out[k].Group, anchor = 1, iv
		case iv == nil || anchor == nil || iv.High >= anchor.Low:
			out[k].Group = out[k-1].Group
			if anchor == nil {
				anchor = iv
			}
		default:
			seal(k)
			start, anchor = k, iv
			out[k].Group = out[k-1].Group + 1
		}
	}
	seal(len(out))
	return out
}
