package scoring

// Result is everything computed for one set of answers to one questionnaire.
// Scores are on the 0–4 answer scale and are never rounded here; a nil score
// means there was no scored answer to compute it from.
type Result struct {
	// Respondents counts the respondents with at least one answer.
	Respondents     int               `json:"respondents"`
	Overall         Overall           `json:"overall"`
	Stage           Stage             `json:"stage"`
	Groups          []GroupResult     `json:"groups"`
	Dimensions      []DimensionResult `json:"dimensions"`
	Questions       []QuestionResult  `json:"questions"`
	Recommendations []Recommendation  `json:"recommendations"`
	// Revotes compares first vote and final answers of each question a
	// workshop voted on again; empty without a re-vote.
	Revotes []RevoteResult `json:"revotes"`
}

// Overall is the maturity of the whole: the overall score and its level,
// limited by the foundation cap.
type Overall struct {
	Score *float64 `json:"score"`
	// Level is the maturity level 1–5 after the cap; 0 when there is no score.
	Level int `json:"level"`
	// UncappedLevel is the level of the overall score before the cap.
	UncappedLevel int `json:"uncapped_level"`
	// Cap is one level above the weakest foundation group; 0 when no
	// foundation group has a score or the questionnaire switches the cap off.
	Cap int `json:"cap"`
	// Capped says whether the cap lowered the level.
	Capped bool `json:"capped"`
	// CappedBy lists the foundation groups at the lowest level when Capped.
	CappedBy []string `json:"capped_by"`
}

// Stage is the position on the ascendancy ladder.
type Stage struct {
	// Applicable is false for a questionnaire without a stages group.
	Applicable bool `json:"applicable"`
	// Reached is the id of the highest stage reached, "" for none.
	Reached string `json:"reached"`
	// ReachedIndex counts the stages reached (0 for none).
	ReachedIndex int `json:"reached_index"`
	// BlockedBy is the id of the first stage under the threshold, "" when
	// every stage is reached.
	BlockedBy string `json:"blocked_by"`
	// Threshold is the score every stage up to the reached one meets.
	Threshold float64     `json:"threshold"`
	Steps     []StageStep `json:"steps"`
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

// Confidence grades how much evidence stands behind a dimension score.
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
	// Answered counts scored answers (0–4); DontKnow and NotApplicable count
	// the answers that are shown but never scored.
	Answered      int `json:"answered"`
	DontKnow      int `json:"dont_know"`
	NotApplicable int `json:"not_applicable"`
	// Respondents counts the respondents with a scored answer here.
	Respondents int        `json:"respondents"`
	Confidence  Confidence `json:"confidence"`
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
	// Counts is how many respondents chose each option 0–4: the
	// distribution, shown only from the anonymity threshold on.
	Counts [5]int `json:"counts"`
}

// Recommendation points at the text for a dimension's current level: what to
// do to reach the next one.
type Recommendation struct {
	Dimension string  `json:"dimension"`
	Level     int     `json:"level"`
	Gap       int     `json:"gap"`
	Priority  float64 `json:"priority"` // gap × dimension weight
}

// RevoteResult is one re-voted question before and after the discussion.
type RevoteResult struct {
	Question string `json:"question"`
	// Before is the first vote; After the final answers (a respondent who
	// did not vote again keeps their first vote), as in Questions.
	Before QuestionResult `json:"before"`
	After  QuestionResult `json:"after"`
}
