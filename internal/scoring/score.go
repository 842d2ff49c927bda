package scoring

import (
	"math"
	"sort"

	"github.com/maturity-nl/maturity/internal/questionnaire"
)

// Value is one answer: 0–4 for an anchored option, or DontKnow or
// NotApplicable, which are counted but never scored.
type Value int8

// Answers that carry no score.
const (
	DontKnow      Value = -1
	NotApplicable Value = -2
)

// Scored reports whether v is one of the options 0–4.
func (v Value) Scored() bool { return v >= 0 && int(v) < questionnaire.OptionCount }

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
// that is 2.5 by hand is never treated as 2.4999999.
const epsilon = 1e-9

// Level returns the maturity level 1–5 of a score on the 0–4 scale: the
// nearest anchor, halves rounded up.
func Level(score float64) int {
	l := 1 + int(math.Floor(score+0.5+epsilon))
	return min(max(l, 1), questionnaire.MaxLevel)
}

// ConfidenceOf grades the evidence behind a dimension score: high from six
// respondents with at most 20% don't-know, medium from three with at most
// 40%, low below that, none without a score. The share of don't-know is
// taken over scored and don't-know answers; not-applicable is left out.
func ConfidenceOf(respondents, answered, dontKnow int) Confidence {
	if answered == 0 {
		return ConfidenceNone
	}
	share := float64(dontKnow) / float64(answered+dontKnow)
	switch {
	case respondents >= 6 && share <= 0.2+epsilon:
		return ConfidenceHigh
	case respondents >= 3 && share <= 0.4+epsilon:
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

	questionScores := map[string]*float64{}
	for _, qu := range q.Questions() {
		qr := questionResult(qu, byQuestion[qu.ID], q.Rules.ConsensusSpread)
		questionScores[qu.ID] = qr.Score
		res.Questions = append(res.Questions, qr)
	}

	dimScores := map[string]*float64{}
	for _, d := range q.Dimensions() {
		dr := dimensionResult(q, d, byQuestion, questionScores, in)
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

	res.Overall = overall(q, weightedMean(all), res.Groups)
	res.Stage = stage(q, dimScores)
	res.Recommendations = recommendations(q, res.Dimensions)
	res.Revotes = revotes(q, in, byQuestion)
	return res
}

// revotes compares each re-voted question's first vote with the final
// answers, so that a reader sees how far the discussion narrowed the spread.
func revotes(q *questionnaire.Questionnaire, in Input, final map[string]map[string]Value) []RevoteResult {
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
			Before:   questionResult(qu, first[id], q.Rules.ConsensusSpread),
			After:    questionResult(qu, final[id], q.Rules.ConsensusSpread),
		})
	}
	return out
}

// collect indexes scoreable answers by question and respondent.
func collect(q *questionnaire.Questionnaire, answers []Answer) map[string]map[string]Value {
	out := map[string]map[string]Value{}
	for _, a := range answers {
		if q.Question(a.Question) == nil || !(a.Value.Scored() || a.Value == DontKnow || a.Value == NotApplicable) {
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

func questionResult(qu *questionnaire.Question, answers map[string]Value, consensusSpread int) QuestionResult {
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
			qr.Counts[v]++
		}
	}
	qr.N = len(scored)
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

func dimensionResult(q *questionnaire.Questionnaire, d *questionnaire.Dimension, byQuestion map[string]map[string]Value, questionScores map[string]*float64, in Input) DimensionResult {
	dr := DimensionResult{ID: d.ID, Group: d.Group.ID}
	var ws []weighted
	scoredBy := map[string]bool{}
	for _, qu := range d.Questions {
		ws = append(ws, weighted{questionScores[qu.ID], qu.Weight})
		for r, v := range byQuestion[qu.ID] {
			switch {
			case v == DontKnow:
				dr.DontKnow++
			case v == NotApplicable:
				dr.NotApplicable++
			default:
				dr.Answered++
				scoredBy[r] = true
			}
		}
	}
	dr.Score = weightedMean(ws)
	dr.Level = levelOf(dr.Score)
	dr.Respondents = len(scoredBy)
	dr.Confidence = ConfidenceOf(dr.Respondents, dr.Answered, dr.DontKnow)
	dr.Target, dr.TargetSource = target(q, d, in)
	if dr.Score != nil {
		dr.Gap = max(0, dr.Target-dr.Level)
	}
	return dr
}

// target resolves a dimension's target level: the assessment's, else the
// department's, else the dimension's own, else the questionnaire default.
func target(q *questionnaire.Questionnaire, d *questionnaire.Dimension, in Input) (int, TargetSource) {
	valid := func(l int) bool { return l >= 1 && l <= questionnaire.MaxLevel }
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

// overall applies the foundation cap: the level may be at most one above the
// lowest level among the scored governance and readiness groups.
func overall(q *questionnaire.Questionnaire, score *float64, groups []GroupResult) Overall {
	o := Overall{Score: score, UncappedLevel: levelOf(score), CappedBy: []string{}}
	o.Level = o.UncappedLevel
	if score == nil || !q.Rules.FoundationCap {
		return o
	}
	weakest := 0
	for _, g := range groups {
		if questionnaire.GroupKind(g.Kind).IsFoundation() && g.Score != nil && (weakest == 0 || g.Level < weakest) {
			weakest = g.Level
		}
	}
	if weakest == 0 {
		return o
	}
	o.Cap = weakest + 1
	if o.UncappedLevel > o.Cap {
		o.Level, o.Capped = o.Cap, true
		for _, g := range groups {
			if questionnaire.GroupKind(g.Kind).IsFoundation() && g.Score != nil && g.Level == weakest {
				o.CappedBy = append(o.CappedBy, g.ID)
			}
		}
	}
	return o
}

// stage finds the highest stage such that it and every stage before it meet
// the threshold; the first stage that does not is the blocker.
func stage(q *questionnaire.Questionnaire, dimScores map[string]*float64) Stage {
	st := Stage{Threshold: q.Rules.StageThreshold, Steps: []StageStep{}}
	g := q.StageGroup()
	if g == nil {
		return st
	}
	st.Applicable = true
	blocked := false
	for i, d := range g.Dimensions {
		s := dimScores[d.ID]
		met := s != nil && *s >= q.Rules.StageThreshold-epsilon
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

// recommendations lists every scored dimension with a gap, the largest
// gap × weight first, ties in questionnaire order.
func recommendations(q *questionnaire.Questionnaire, dims []DimensionResult) []Recommendation {
	out := []Recommendation{}
	for _, dr := range dims {
		if dr.Gap > 0 {
			out = append(out, Recommendation{Dimension: dr.ID, Level: dr.Level, Gap: dr.Gap, Priority: float64(dr.Gap) * q.Dimension(dr.ID).Weight})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Priority > out[j].Priority })
	return out
}
