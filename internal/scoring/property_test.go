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
				v = scoring.Value(1 + rng.IntN(5))
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

// withMinimums returns q with legal minimums declared on every seventh
// question, at levels 2–4, so that the properties cover the minimum cap on
// models that declare none of their own.
func withMinimums(q *questionnaire.Questionnaire) *questionnaire.Questionnaire {
	for i, x := range q.Questions() {
		if i%7 == 3 {
			x.Minimum = &questionnaire.Minimum{Level: 2 + i%3, Basis: questionnaire.Text{"en": "law"}, Action: questionnaire.Text{"en": "act"}}
		}
	}
	return q
}

// models are the questionnaires the properties run over: the shipped
// default and a five-level model written elsewhere, each also with legal
// minimums added.
func models(t *testing.T) map[string]func() *questionnaire.Questionnaire {
	t.Helper()
	out := map[string]func() *questionnaire.Questionnaire{
		"default":               func() *questionnaire.Questionnaire { return defaultQuestionnaire(t) },
		"default with minimums": func() *questionnaire.Questionnaire { return withMinimums(defaultQuestionnaire(t)) },
	}
	if externalAvailable() {
		out["uk-dma"] = func() *questionnaire.Questionnaire { return externalQuestionnaire(t) }
		out["uk-dma with minimums"] = func() *questionnaire.Questionnaire { return withMinimums(externalQuestionnaire(t)) }
	}
	return out
}

// TestProperty_RaisingAnAnswerNeverLowersAnything raises one scored answer
// by one level, many times over random answer sets, and checks that no
// score, level or stage goes down and no gap goes up.
func TestProperty_RaisingAnAnswerNeverLowersAnything(t *testing.T) {
	for name, model := range models(t) {
		t.Run(name, func(t *testing.T) { raisingNeverLowers(t, model()) })
	}
}

func raisingNeverLowers(t *testing.T, q *questionnaire.Questionnaire) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 400; trial++ {
		as := randomAnswers(rng, q, 1+rng.IntN(8))
		var raisable []int
		for i, a := range as {
			if a.Value.Scored() && a.Value < 5 {
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
// to the reached one reaches the stage level and that the blocker does not.
func TestProperty_StageIsGated(t *testing.T) {
	q := defaultQuestionnaire(t)
	rng := rand.New(rand.NewPCG(3, 4))
	reachedCounts := map[int]int{}
	for trial := 0; trial < 500; trial++ {
		r := scoring.Score(q, scoring.Input{Answers: randomAnswers(rng, q, 1+rng.IntN(6))})
		st := r.Stage
		reachedCounts[st.ReachedIndex]++
		for i, step := range st.Steps {
			if i < st.ReachedIndex && (!step.Met || step.Score == nil || *step.Score < st.StageLevel-1e-9) {
				t.Fatalf("trial %d: stage %s counted as reached under the stage level: %+v", trial, step.Dimension, st)
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
	// Uniform random answers hover around 3.0, so the ladder must have been
	// seen both blocked at the start and climbed past it.
	if reachedCounts[0] == 0 || reachedCounts[0] == 500 {
		t.Errorf("random answers never exercised both sides of the first stage: %v", reachedCounts)
	}
}

// TestProperty_Contract checks the scoring contract's invariants on random
// answer sets of every model: the maturity level is the lowest of the
// overall level and the caps, every interval holds its score within 1–5,
// confidence follows its rule, figures are visible only by the anonymity
// rule, and what to do first keeps its order.
func TestProperty_Contract(t *testing.T) {
	for name, model := range models(t) {
		t.Run(name, func(t *testing.T) {
			q := model()
			rng := rand.New(rand.NewPCG(5, 6))
			seen := map[scoring.RecommendationKind]int{}
			for trial := 0; trial < 300; trial++ {
				r := scoring.Score(q, scoring.Input{Answers: randomAnswers(rng, q, 1+rng.IntN(12))})
				what := fmt.Sprintf("trial %d", trial)
				checkContract(t, what, q, r)
				for _, rec := range r.Recommendations {
					seen[rec.Kind]++
				}
			}
			if q.StageGroup() != nil && (seen[scoring.FromStage] == 0 || seen[scoring.FromGap] == 0) {
				t.Errorf("random answers never gave a stage or gap step: %v", seen)
			}
			if len(q.Minimums()) > 0 && seen[scoring.FromMinimum] == 0 {
				t.Errorf("random answers never left a minimum unmet: %v", seen)
			}
		})
	}
}

func checkContract(t *testing.T, what string, q *questionnaire.Questionnaire, r scoring.Result) {
	t.Helper()
	o := r.Overall
	if o.Score == nil {
		return
	}
	want := scoring.Level(*o.Score)
	if o.Cap > 0 {
		want = min(want, o.Cap)
	}
	if o.MinimumCap > 0 {
		want = min(want, o.MinimumCap)
	}
	if o.Level != want || o.UncappedLevel != scoring.Level(*o.Score) {
		t.Fatalf("%s: level %d (uncapped %d) from score %v, caps %d and %d; want %d", what, o.Level, o.UncappedLevel, *o.Score, o.Cap, o.MinimumCap, want)
	}
	unmet := 0
	for _, m := range r.Minimums {
		qs := r.Questions[index(q, m.Question)].Score
		switch {
		case qs == nil && m.Status != scoring.MinimumUnknown,
			qs != nil && *qs < float64(m.Level)-1e-9 && m.Status != scoring.MinimumUnmet,
			qs != nil && *qs >= float64(m.Level)-1e-9 && m.Status != scoring.MinimumMet:
			t.Fatalf("%s: minimum %+v with score %v", what, m, qs)
		}
		if m.Status == scoring.MinimumUnmet {
			unmet++
		}
	}
	if (unmet > 0 && q.Rules.MinimumCap > 0) != (o.MinimumCap > 0) {
		t.Fatalf("%s: %d unmet minimums, minimum cap %d", what, unmet, o.MinimumCap)
	}
	estimates := []scoring.Estimate{o.Estimate}
	scores := []*float64{o.Score}
	for _, d := range r.Dimensions {
		estimates, scores = append(estimates, d.Estimate), append(scores, d.Score)
	}
	for i, e := range estimates {
		s := scores[i]
		if e.Interval != nil && (s == nil || e.Interval.Low > *s+1e-9 || e.Interval.High < *s-1e-9 || e.Interval.Low < 1 || e.Interval.High > 5) {
			t.Fatalf("%s: interval %+v around %v", what, e.Interval, s)
		}
		if (e.HalfWidth != nil) != (s != nil && e.Respondents >= 2) {
			t.Fatalf("%s: half-width %v with %d respondents", what, e.HalfWidth, e.Respondents)
		}
		if e.Confidence != scoring.ConfidenceOf(s != nil, e.Respondents, e.HalfWidth, e.DontKnowShare) {
			t.Fatalf("%s: confidence %s", what, e.Confidence)
		}
	}
	for _, x := range r.Questions {
		if x.Visible != (x.N >= q.Rules.AnonymityThreshold || (r.Respondents == 1 && x.N > 0)) {
			t.Fatalf("%s: question %s with %d answers of %d respondents visible = %v", what, x.ID, x.N, r.Respondents, x.Visible)
		}
	}
	// What to do first: the unmet minimums first, in questionnaire order;
	// then no dimension twice; the last step by falling gap × weight.
	i := 0
	for ; i < len(r.Recommendations) && r.Recommendations[i].Kind == scoring.FromMinimum; i++ {
	}
	if i != unmet {
		t.Fatalf("%s: %d minimum steps first, %d unmet", what, i, unmet)
	}
	dims := map[string]bool{}
	last := -1.0
	for _, rec := range r.Recommendations[i:] {
		if rec.Kind == scoring.FromMinimum || dims[rec.Dimension] || rec.Gap <= 0 {
			t.Fatalf("%s: recommendations %+v", what, r.Recommendations)
		}
		dims[rec.Dimension] = true
		if rec.Kind == scoring.FromGap {
			if last >= 0 && rec.Priority > last {
				t.Fatalf("%s: gap steps out of order: %+v", what, r.Recommendations)
			}
			last = rec.Priority
		} else if last >= 0 {
			t.Fatalf("%s: a %s step after the gap steps: %+v", what, rec.Kind, r.Recommendations)
		}
		if rec.Kind == scoring.FromStage && rec.Dimension != r.Stage.BlockedBy {
			t.Fatalf("%s: stage step %s, blocker %s", what, rec.Dimension, r.Stage.BlockedBy)
		}
	}
	for _, d := range r.Dimensions {
		if d.Gap > 0 && !dims[d.ID] {
			t.Fatalf("%s: %s has gap %d and no step", what, d.ID, d.Gap)
		}
	}
}

func index(q *questionnaire.Questionnaire, question string) int {
	for i, x := range q.Questions() {
		if x.ID == question {
			return i
		}
	}
	return -1
}
