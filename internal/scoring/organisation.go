package scoring

// Summary aggregates the results of many departments: how many are at each
// level and stage, what blocks them, and each dimension's mean over the
// departments that scored it.
type Summary struct {
	// Departments counts the results summarised; Scored those with a score.
	Departments, Scored int
	// Levels counts the departments per maturity level (index 1–5).
	Levels [6]int
	// Stages counts the departments per reached stage ("" for none);
	// Blockers per blocking stage.
	Stages, Blockers map[string]int
	// Capped counts the departments whose level the foundations lowered.
	Capped int
	// DimensionMeans is each dimension's mean score over the departments
	// with a score on it; DimensionCounts how many those are.
	DimensionMeans  map[string]float64
	DimensionCounts map[string]int
}

// Summarise aggregates results of one questionnaire's dimensions.
func Summarise(results []Result) Summary {
	s := Summary{Departments: len(results), Stages: map[string]int{}, Blockers: map[string]int{}, DimensionMeans: map[string]float64{}, DimensionCounts: map[string]int{}}
	sums := map[string]float64{}
	for _, r := range results {
		if r.Overall.Score == nil {
			continue
		}
		s.Scored++
		s.Levels[r.Overall.Level]++
		if r.Overall.Capped {
			s.Capped++
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
			}
		}
	}
	for id, total := range sums {
		s.DimensionMeans[id] = total / float64(s.DimensionCounts[id])
	}
	return s
}
