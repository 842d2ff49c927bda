package scoring

import (
	"math"
	"sort"

	"github.com/maturity-nl/maturity/internal/questionnaire"
)

// Answer is one respondent's answer to one question.
type Answer struct {
	Respondent string
	Question   string
	Value      Value
}

// Input is what a score is computed from: the answers of one assessment and
// the targets set for it and for its department (dimension id → level 1–5).
type Input struct {
	Answers           []Answer
	AssessmentTargets map[string]int
	DepartmentTargets map[string]int
	// Revote lists the questions a workshop voted on again after its
	// discussion, and FirstVotes the first votes on them; Answers then holds
	// each respondent's latest vote, which is what every score uses.
	Revote     []string
	FirstVotes []Answer
}

// epsilon absorbs floating-point error in weighted means, so that a score
// that is 3.0 by hand is never treated as 2.9999999.
const epsilon = 1e-9

// Level returns the level 1–5 a score has reached: ⌊score + 1e-9⌋, so 2.9
// is level 2 ("almost 3") and 3.0 is level 3.
func Level(score float64) int {
	l := int(math.Floor(score + epsilon))
	return min(max(l, questionnaire.MinLevel), questionnaire.MaxLevel)
}

// reaches reports whether a score reaches a level, with the same tolerance
// as Level.
func reaches(score, level float64) bool { return score+epsilon >= level }

// ConfidenceOf grades how far a score can be trusted from the respondents
// behind it (n_r), the half-width h of its interval (nil below two
// respondents) and the share of don't-know answers: high from five
// respondents with h ≤ 0.5 and at most 20% don't know, medium from three
// with h ≤ 1.0 and at most 40%, low otherwise, none without a score.
func ConfidenceOf(hasScore bool, respondents int, halfWidth *float64, dontKnowShare float64) Confidence {
	if !hasScore {
		return ConfidenceNone
	}
	within := func(n int, h, share float64) bool {
		return respondents >= n && halfWidth != nil && *halfWidth <= h+epsilon && dontKnowShare <= share+epsilon
	}
	switch {
	case within(5, 0.5, 0.2):
		return ConfidenceHigh
	case within(3, 1.0, 0.4):
		return ConfidenceMedium
	}
	return ConfidenceLow
}

// Score computes the Result for in against q. Answers to questions that q
// does not have are ignored; a respondent's later answer to the same question
// replaces an earlier one.
func Score(q *questionnaire.Questionnaire, in Input) Result {
	byQuestion := collect(q, in.Answers)
	respondents := map[string]bool{}
	for _, byResp := range byQuestion {
		for r := range byResp {
			respondents[r] = true
		}
	}
	res := Result{Respondents: len(respondents)}
	visible := visibility(q, res.Respondents)

	questionScores := map[string]*float64{}
	for _, qu := range q.Questions() {
		qr := questionResult(qu, byQuestion[qu.ID], q.Rules.ConsensusSpread, visible)
		questionScores[qu.ID] = qr.Score
		res.Questions = append(res.Questions, qr)
	}

	own := respondentScores(q, byQuestion)
	dimScores := map[string]*float64{}
	for _, d := range q.Dimensions() {
		dr := dimensionResult(q, d, byQuestion, questionScores, own[d.ID], in)
		dimScores[d.ID] = dr.Score
		res.Dimensions = append(res.Dimensions, dr)
	}

	var all []weighted
	for _, g := range q.Groups {
		var ws []weighted
		for _, d := range g.Dimensions {
			ws = append(ws, weighted{dimScores[d.ID], d.Weight})
		}
		all = append(all, ws...)
		s := weightedMean(ws)
		res.Groups = append(res.Groups, GroupResult{ID: g.ID, Kind: string(g.Kind), Score: s, Level: levelOf(s)})
	}

	res.Minimums = minimums(q, questionScores)
	res.Overall = overall(q, weightedMean(all), res.Groups, res.Minimums)
	res.Overall.Estimate = overallEstimate(q, res.Overall.Score, own, res.Dimensions)
	res.Stage = stage(q, dimScores)
	res.Recommendations = recommendations(q, res)
	res.Revotes = revotes(q, in, byQuestion, visible)
	return res
}

// visibility is the anonymity rule: people see a question's figures from
// the anonymity threshold of scored answers on, or when the round has
// exactly one respondent (whose answers are then the round's).
func visibility(q *questionnaire.Questionnaire, respondents int) func(n int) bool {
	return func(n int) bool { return n >= q.Rules.AnonymityThreshold || (respondents == 1 && n > 0) }
}

// revotes compares each re-voted question's first vote with the final
// answers, so that a reader sees how far the discussion narrowed the spread.
func revotes(q *questionnaire.Questionnaire, in Input, final map[string]map[string]Value, visible func(int) bool) []RevoteResult {
	if len(in.Revote) == 0 {
		return nil
	}
	first := collect(q, in.FirstVotes)
	var out []RevoteResult
	for _, id := range in.Revote {
		qu := q.Question(id)
		if qu == nil {
			continue
		}
		out = append(out, RevoteResult{
			Question: id,
			Before:   questionResult(qu, first[id], q.Rules.ConsensusSpread, visible),
			After:    questionResult(qu, final[id], q.Rules.ConsensusSpread, visible),
		})
	}
	return out
}

// collect indexes scoreable answers by question and respondent.
func collect(q *questionnaire.Questionnaire, answers []Answer) map[string]map[string]Value {
	out := map[string]map[string]Value{}
	for _, a := range answers {
		if q.Question(a.Question) == nil || !a.Value.Valid() {
			continue
		}
		if out[a.Question] == nil {
			out[a.Question] = map[string]Value{}
		}
		out[a.Question][a.Respondent] = a.Value
	}
	return out
}

func levelOf(s *float64) int {
	if s == nil {
		return 0
	}
	return Level(*s)
}

func questionResult(qu *questionnaire.Question, answers map[string]Value, consensusSpread int, visible func(int) bool) QuestionResult {
	qr := QuestionResult{ID: qu.ID, Dimension: qu.Dimension.ID}
	var scored []int
	for _, v := range answers {
		switch {
		case v == DontKnow:
			qr.DontKnow++
		case v == NotApplicable:
			qr.NotApplicable++
		default:
			scored = append(scored, int(v))
			qr.Counts[v-1]++
		}
	}
	qr.N = len(scored)
	qr.Visible = visible(qr.N)
	if qr.N == 0 {
		return qr
	}
	sort.Ints(scored)
	sum := 0
	for _, v := range scored {
		sum += v
	}
	mean := float64(sum) / float64(qr.N)
	median := float64(scored[qr.N/2])
	if qr.N%2 == 0 {
		median = float64(scored[qr.N/2-1]+scored[qr.N/2]) / 2
	}
	lo, hi := scored[0], scored[qr.N-1]
	spread := hi - lo
	qr.Score, qr.Median, qr.Min, qr.Max, qr.Spread = &mean, &median, &lo, &hi, &spread
	qr.Flagged = qr.N >= 2 && spread >= consensusSpread
	return qr
}

func dimensionResult(q *questionnaire.Questionnaire, d *questionnaire.Dimension, byQuestion map[string]map[string]Value, questionScores map[string]*float64, own map[string]float64, in Input) DimensionResult {
	dr := DimensionResult{ID: d.ID, Group: d.Group.ID}
	var ws []weighted
	for _, qu := range d.Questions {
		ws = append(ws, weighted{questionScores[qu.ID], qu.Weight})
		for _, v := range byQuestion[qu.ID] {
			switch {
			case v == DontKnow:
				dr.DontKnow++
			case v == NotApplicable:
				dr.NotApplicable++
			default:
				dr.Answered++
			}
		}
	}
	dr.Score = weightedMean(ws)
	dr.Level = levelOf(dr.Score)
	dr.Estimate = estimate(dr.Score, values(own), dr.Answered, dr.DontKnow)
	dr.Target, dr.TargetSource = target(q, d, in)
	if dr.Score != nil {
		dr.Gap = max(0, dr.Target-dr.Level)
	}
	return dr
}

// target resolves a dimension's target level: the assessment's, else the
// department's, else the dimension's own, else the questionnaire default.
func target(q *questionnaire.Questionnaire, d *questionnaire.Dimension, in Input) (int, TargetSource) {
	valid := func(l int) bool { return l >= questionnaire.MinLevel && l <= questionnaire.MaxLevel }
	if l, ok := in.AssessmentTargets[d.ID]; ok && valid(l) {
		return l, TargetFromAssessment
	}
	if l, ok := in.DepartmentTargets[d.ID]; ok && valid(l) {
		return l, TargetFromDepartment
	}
	if valid(d.Target) {
		return d.Target, TargetFromDimension
	}
	return q.Rules.DefaultTarget, TargetFromDefault
}

type weighted struct {
	score  *float64
	weight float64
}

// weightedMean is the mean of the scores that exist, weighted; nil when none does.
func weightedMean(ws []weighted) *float64 {
	var sum, total float64
	for _, w := range ws {
		if w.score != nil {
			sum += *w.score * w.weight
			total += w.weight
		}
	}
	if total == 0 {
		return nil
	}
	m := sum / total
	return &m
}

// minimums gives every legal minimum its status: unmet below its level,
// unknown without a score.
func minimums(q *questionnaire.Questionnaire, questionScores map[string]*float64) []MinimumResult {
	out := []MinimumResult{}
	for _, qu := range q.Minimums() {
		m := MinimumResult{Question: qu.ID, Dimension: qu.Dimension.ID, Level: qu.Minimum.Level, Score: questionScores[qu.ID], Status: MinimumUnknown}
		if m.Score != nil {
			m.Status = MinimumMet
			if !reaches(*m.Score, float64(m.Level)) {
				m.Status = MinimumUnmet
			}
		}
		out = append(out, m)
	}
	return out
}

// overall applies the two caps: the foundation cap (one level above the
// weaker scored foundation group) and the minimum cap (while any legal
// minimum is unmet). The maturity level is the lowest of the overall
// score's level and the caps.
func overall(q *questionnaire.Questionnaire, score *float64, groups []GroupResult, mins []MinimumResult) Overall {
	o := Overall{Score: score, UncappedLevel: levelOf(score), CappedBy: []string{}}
	o.Level = o.UncappedLevel
	if score == nil {
		return o
	}
	if q.Rules.FoundationCap {
		weakest := 0
		for _, g := range groups {
			if questionnaire.GroupKind(g.Kind).IsFoundation() && g.Score != nil && (weakest == 0 || g.Level < weakest) {
				weakest = g.Level
			}
		}
		if weakest > 0 {
			o.Cap = weakest + 1
			if o.UncappedLevel > o.Cap {
				o.Level, o.Capped = o.Cap, true
				for _, g := range groups {
					if questionnaire.GroupKind(g.Kind).IsFoundation() && g.Score != nil && g.Level == weakest {
						o.CappedBy = append(o.CappedBy, g.ID)
					}
				}
			}
		}
	}
	if q.Rules.MinimumCap > 0 {
		for _, m := range mins {
			if m.Status == MinimumUnmet {
				o.MinimumCap = q.Rules.MinimumCap
			}
		}
		if o.MinimumCap > 0 && o.UncappedLevel > o.MinimumCap {
			o.MinimumCapped = true
			o.Level = min(o.Level, o.MinimumCap)
		}
	}
	return o
}

// stage finds the highest stage such that it and every stage before it
// reach the stage level; the first stage that does not, or has no score,
// is the blocker.
func stage(q *questionnaire.Questionnaire, dimScores map[string]*float64) Stage {
	st := Stage{StageLevel: q.Rules.StageLevel, Steps: []StageStep{}}
	g := q.StageGroup()
	if g == nil {
		return st
	}
	st.Applicable = true
	blocked := false
	for i, d := range g.Dimensions {
		s := dimScores[d.ID]
		met := s != nil && reaches(*s, q.Rules.StageLevel)
		st.Steps = append(st.Steps, StageStep{Dimension: d.ID, Score: s, Met: met})
		if blocked {
			continue
		}
		if met {
			st.Reached, st.ReachedIndex = d.ID, i+1
		} else {
			st.BlockedBy, blocked = d.ID, true
		}
	}
	return st
}
