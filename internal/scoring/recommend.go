package scoring

import (
	"sort"

	"github.com/maturity-nl/maturity/internal/questionnaire"
)

// recommendations orders what to do first:
//  1. every unmet legal minimum, in questionnaire order;
//  2. the stage blocker, if it has a gap;
//  3. when the foundation cap applied, for each capping group its
//     dimension with the lowest level (then lowest score, then
//     questionnaire order) that has a gap;
//  4. every other dimension with a gap, by gap × weight, then
//     questionnaire order.
//
// Each dimension appears at most once in steps 2–4.
func recommendations(q *questionnaire.Questionnaire, res Result) []Recommendation {
	out := []Recommendation{}
	for _, m := range res.Minimums {
		if m.Status != MinimumUnmet {
			continue
		}
		level := Level(*m.Score)
		gap := m.Level - level
		out = append(out, Recommendation{Kind: FromMinimum, Dimension: m.Dimension, Question: m.Question, Level: level, Gap: gap,
			Priority: float64(gap) * q.Question(m.Question).Weight})
	}

	byID := map[string]DimensionResult{}
	for _, d := range res.Dimensions {
		byID[d.ID] = d
	}
	used := map[string]bool{}
	add := func(kind RecommendationKind, d DimensionResult) {
		used[d.ID] = true
		out = append(out, Recommendation{Kind: kind, Dimension: d.ID, Level: d.Level, Gap: d.Gap, Priority: float64(d.Gap) * q.Dimension(d.ID).Weight})
	}

	if b, ok := byID[res.Stage.BlockedBy]; ok && b.Gap > 0 {
		add(FromStage, b)
	}
	if res.Overall.Capped {
		for _, gid := range res.Overall.CappedBy {
			var weakest *DimensionResult
			for _, d := range res.Dimensions {
				if d.Group != gid || d.Gap == 0 || used[d.ID] {
					continue
				}
				if weakest == nil || d.Level < weakest.Level || (d.Level == weakest.Level && *d.Score < *weakest.Score) {
					weakest = &d
				}
			}
			if weakest != nil {
				add(FromFoundation, *weakest)
			}
		}
	}
	var rest []Recommendation
	for _, d := range res.Dimensions {
		if d.Gap > 0 && !used[d.ID] {
			rest = append(rest, Recommendation{Kind: FromGap, Dimension: d.ID, Level: d.Level, Gap: d.Gap, Priority: float64(d.Gap) * q.Dimension(d.ID).Weight})
		}
	}
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].Priority > rest[j].Priority })
	return append(out, rest...)
}

// Text is what the recommendation asks, in every language: a minimum's
// action, else the dimension's text for its current level (how to get from
// this level to the next).
func (r Recommendation) Text(q *questionnaire.Questionnaire) questionnaire.Text {
	if r.Kind == FromMinimum {
		if x := q.Question(r.Question); x != nil && x.Minimum != nil {
			return x.Minimum.Action
		}
		return nil
	}
	if d := q.Dimension(r.Dimension); d != nil {
		return d.Recommendations[r.Level]
	}
	return nil
}
