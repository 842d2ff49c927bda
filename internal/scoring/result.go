package scoring

import "encoding/json"

// Result is everything computed for one set of answers to one questionnaire.
// Every score is on the level scale 1–5 and is never rounded here; a nil
// score means there was no scored answer to compute it from.
type Result struct {
	// Respondents counts the respondents with at least one answer.
	Respondents int               `json:"respondents"`
	Overall     Overall           `json:"overall"`
	Stage       Stage             `json:"stage"`
	Groups      []GroupResult     `json:"groups"`
	Dimensions  []DimensionResult `json:"dimensions"`
	Questions   []QuestionResult  `json:"questions"`
	// Minimums lists every legal minimum of the questionnaire, in
	// questionnaire order, with its status.
	Minimums        []MinimumResult  `json:"minimums"`
	Recommendations []Recommendation `json:"recommendations"`
	// Revotes compares first vote and final answers of each question a
	// workshop voted on again; empty without a re-vote.
	Revotes []RevoteResult `json:"revotes"`
}

// Overall is the maturity of the whole: the overall score, its level, and
// the maturity level after the foundation cap and the minimum cap.
type Overall struct {
	Score *float64 `json:"score"`
	// Level is the maturity level 1–5 after both caps; 0 without a score.
	Level int `json:"level"`
	// UncappedLevel is the level of the overall score before the caps.
	UncappedLevel int `json:"uncapped_level"`
	// Cap is the foundation cap, one level above the weaker foundation
	// group; 0 when no foundation group has a score or the questionnaire
	// switches the cap off.
	Cap int `json:"cap"`
	// Capped says whether the foundation cap lowered the level.
	Capped bool `json:"capped"`
	// CappedBy lists the foundation groups at the lowest level when Capped.
	CappedBy []string `json:"capped_by"`
	// MinimumCap is the cap of an unmet legal minimum, 0 when none is unmet
	// or the questionnaire switches the cap off.
	MinimumCap int `json:"minimum_cap"`
	// MinimumCapped says whether the minimum cap lowered the level.
	MinimumCapped bool `json:"minimum_capped"`
	Estimate
}

// Estimate is how precisely a score is known: the 90% interval around it
// from the spread of the respondents' own scores, and the confidence grade.
type Estimate struct {
	// Respondents counts the respondents whose own score went into the
	// interval (n_r).
	Respondents int `json:"respondents"`
	// HalfWidth is h = t(0.95; n_r−1)·s/√n_r; nil below two respondents.
	HalfWidth *float64 `json:"half_width"`
	// Interval is [score − h, score + h] clipped to 1–5; nil without h.
	Interval *Interval `json:"interval"`
	// DontKnowShare is dk / (scored + dk) over the answers behind the score.
	DontKnowShare float64    `json:"dont_know_share"`
	Confidence    Confidence `json:"confidence"`
	// Change compares the score with the same score of an earlier round;
	// nil when there is no earlier round or either has no score.
	Change *Change `json:"change"`
}

// Interval is a closed range of scores, written in JSON as [low, high].
type Interval struct {
	Low, High float64
}

// MarshalJSON writes the interval as a two-number array.
func (i Interval) MarshalJSON() ([]byte, error) { return json.Marshal([2]float64{i.Low, i.High}) }

// UnmarshalJSON reads a two-number array.
func (i *Interval) UnmarshalJSON(b []byte) error {
	var a [2]float64
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	i.Low, i.High = a[0], a[1]
	return nil
}

// Direction says what a change between two rounds means, given the margin.
type Direction string

// The directions of a change; see Compare for the rule.
const (
	Improvement Direction = "improvement"
	Decline     Direction = "decline"
	Unchanged   Direction = "unchanged"
	Uncertain   Direction = "uncertain"
)

// Change is a score's difference from the same score of an earlier round.
type Change struct {
	// Assessment and Round identify the earlier round.
	Assessment int64  `json:"assessment"`
	Round      string `json:"round"`
	// Earlier is the earlier round's score.
	Earlier float64 `json:"earlier"`
	// Delta is score − earlier score.
	Delta float64 `json:"delta"`
	// Margin is √(h² + h_earlier²); nil when either score lacks an interval.
	Margin    *float64  `json:"margin"`
	Direction Direction `json:"direction"`
}

// Stage is the position on the ascendancy ladder.
type Stage struct {
	// Applicable is false for a questionnaire without a stages group.
	Applicable bool `json:"applicable"`
	// Reached is the id of the highest stage reached, "" for none.
	Reached string `json:"reached"`
	// ReachedIndex counts the stages reached (0 for none).
	ReachedIndex int `json:"reached_index"`
	// BlockedBy is the id of the first stage without a score or below the
	// stage level, "" when every stage is reached.
	BlockedBy string `json:"blocked_by"`
	// StageLevel is the score every stage up to the reached one reaches.
	StageLevel float64     `json:"stage_level"`
	Steps      []StageStep `json:"steps"`
}

// StageStep is one stage of the ladder with its score.
type StageStep struct {
	Dimension string   `json:"dimension"`
	Score     *float64 `json:"score"`
	Met       bool     `json:"met"`
}

// GroupResult is the weighted mean of a group's dimension scores.
type GroupResult struct {
	ID    string   `json:"id"`
	Kind  string   `json:"kind"`
	Score *float64 `json:"score"`
	Level int      `json:"level"`
}

// TargetSource says where a dimension's target level came from.
type TargetSource string

// Where a target can come from, in order of precedence.
const (
	TargetFromAssessment TargetSource = "assessment"
	TargetFromDepartment TargetSource = "department"
	TargetFromDimension  TargetSource = "questionnaire"
	TargetFromDefault    TargetSource = "default"
)

// Confidence grades how far a score can be trusted.
type Confidence string

// The confidence grades; see ConfidenceOf for the rule.
const (
	ConfidenceNone   Confidence = "none"
	ConfidenceLow    Confidence = "low"
	ConfidenceMedium Confidence = "medium"
	ConfidenceHigh   Confidence = "high"
)

// DimensionResult is the score of one dimension and what follows from it.
type DimensionResult struct {
	ID    string   `json:"id"`
	Group string   `json:"group"`
	Score *float64 `json:"score"`
	// Level is 1–5, or 0 when the dimension has no score.
	Level        int          `json:"level"`
	Target       int          `json:"target"`
	TargetSource TargetSource `json:"target_source"`
	// Gap is max(0, Target − Level); 0 when the dimension has no score.
	Gap int `json:"gap"`
	// Answered counts scored answers (levels 1–5); DontKnow and
	// NotApplicable count the answers that are shown but never scored.
	Answered      int `json:"answered"`
	DontKnow      int `json:"dont_know"`
	NotApplicable int `json:"not_applicable"`
	Estimate
}

// QuestionResult holds the statistics of one question over respondents.
type QuestionResult struct {
	ID        string   `json:"id"`
	Dimension string   `json:"dimension"`
	Score     *float64 `json:"score"` // mean of scored answers
	Median    *float64 `json:"median"`
	Min       *int     `json:"min"`
	Max       *int     `json:"max"`
	Spread    *int     `json:"spread"` // max − min
	// N counts scored answers.
	N             int `json:"n"`
	DontKnow      int `json:"dont_know"`
	NotApplicable int `json:"not_applicable"`
	// Flagged marks a question whose answers diverge enough to discuss.
	Flagged bool `json:"flagged"`
	// Counts is how many respondents chose each level: Counts[k-1] is
	// level k.
	Counts [5]int `json:"counts"`
	// Visible says whether people may see this question's figures (score,
	// median, min, max, counts): from the anonymity threshold of scored
	// answers on, or in a round of exactly one respondent.
	Visible bool `json:"visible"`
}

// MinimumStatus says whether a legal minimum is met.
type MinimumStatus string

// The statuses of a legal minimum.
const (
	MinimumMet     MinimumStatus = "met"
	MinimumUnmet   MinimumStatus = "unmet"
	MinimumUnknown MinimumStatus = "unknown"
)

// MinimumResult is one legal minimum: the question that declares it, the
// level it requires, the question's score and whether it reaches that level.
type MinimumResult struct {
	Question  string        `json:"question"`
	Dimension string        `json:"dimension"`
	Level     int           `json:"level"`
	Score     *float64      `json:"score"`
	Status    MinimumStatus `json:"status"`
}

// RecommendationKind says which step of the order put a recommendation there.
type RecommendationKind string

// The steps of "what to do first", in their order.
const (
	FromMinimum    RecommendationKind = "minimum"    // an unmet legal minimum
	FromStage      RecommendationKind = "stage"      // the stage blocker
	FromFoundation RecommendationKind = "foundation" // the weakest dimension of a capping group
	FromGap        RecommendationKind = "gap"        // any other dimension below its target
)

// Recommendation is one step of what to do first. For a minimum it points
// at the question's action text; otherwise at the dimension's text for its
// current level: what to do to reach the next one.
type Recommendation struct {
	Kind      RecommendationKind `json:"kind"`
	Dimension string             `json:"dimension"`
	// Question is the question of a legal minimum, "" for other kinds.
	Question string `json:"question,omitempty"`
	// Level is the dimension's level, or for a minimum the question's.
	Level int `json:"level"`
	// Gap is the dimension's gap to its target, or for a minimum the
	// levels between the question's level and the level required.
	Gap int `json:"gap"`
	// Priority is gap × weight (the dimension's, or for a minimum the
	// question's): the order within the last step.
	Priority float64 `json:"priority"`
}

// RevoteResult is one re-voted question before and after the discussion.
type RevoteResult struct {
	Question string `json:"question"`
	// Before is the first vote; After the final answers (a respondent who
	// did not vote again keeps their first vote), as in Questions.
	Before QuestionResult `json:"before"`
	After  QuestionResult `json:"after"`
}

// ToDiscuss splits the questions whose answers diverge enough to discuss
// into those whose figures people may see, in questionnaire order, and the
// count of those the anonymity rule hides. Every view lists disagreement
// through it, so none shows what another hides.
func (r Result) ToDiscuss() (shown []QuestionResult, hidden int) {
	for _, x := range r.Questions {
		switch {
		case !x.Flagged:
		case x.Visible:
			shown = append(shown, x)
		default:
			hidden++
		}
	}
	return shown, hidden
}
