package scoring

import "math"

// Compare sets the change of r's overall score and of each of its
// dimensions (matched by id) against an earlier round's result of the same
// questionnaire id, identified by its assessment id and round label.
func Compare(r *Result, earlier Result, assessment int64, round string) {
	r.Overall.Change = change(r.Overall.Score, r.Overall.HalfWidth, earlier.Overall.Score, earlier.Overall.HalfWidth, assessment, round)
	before := map[string]DimensionResult{}
	for _, d := range earlier.Dimensions {
		before[d.ID] = d
	}
	for i := range r.Dimensions {
		d := &r.Dimensions[i]
		if e, ok := before[d.ID]; ok {
			d.Change = change(d.Score, d.HalfWidth, e.Score, e.HalfWidth, assessment, round)
		}
	}
}

// change is Δ = score − earlier with its margin √(h² + h_earlier²): an
// improvement beyond the margin, a decline below minus it, unchanged within
// it, and uncertain when either score has no interval.
func change(score, h *float64, earlier, hEarlier *float64, assessment int64, round string) *Change {
	if score == nil || earlier == nil {
		return nil
	}
	c := &Change{Assessment: assessment, Round: round, Earlier: *earlier, Delta: *score - *earlier, Direction: Uncertain}
	if h == nil || hEarlier == nil {
		return c
	}
	m := math.Sqrt(*h**h + *hEarlier**hEarlier)
	c.Margin = &m
	switch {
	case c.Delta > m:
		c.Direction = Improvement
	case c.Delta < -m:
		c.Direction = Decline
	default:
		c.Direction = Unchanged
	}
	return c
}
