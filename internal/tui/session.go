package tui

import (
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
)

// Backend keeps what a respondent does and scores the round. The caller
// implements it over the store; every call commits before it returns.
type Backend interface {
	SaveAnswer(question string, v scoring.Value) error
	// SaveNote keeps the respondent's note on a question, written on a
	// screen in lang ("nl", "en"): the note's language.
	SaveNote(question, text, lang string) error
	// Result scores the whole round: every respondent, not only this one.
	Result() (scoring.Result, error)
}

// Reporter is a Backend that can also write the round's report for
// leadership; the results screen then offers it.
type Reporter interface {
	// WriteReport writes the report and returns where.
	WriteReport() (string, error)
}

// Session is one respondent answering one round.
type Session struct {
	Questionnaire *questionnaire.Questionnaire
	Lang          string
	Department    string
	Round         string
	Respondent    string
	// Answers and Notes are what the respondent gave before, by question id.
	Answers map[string]scoring.Value
	Notes   map[string]string
	// ReportHint says how to get the report, shown on the results screen.
	ReportHint string
	Backend    Backend
	// Only, when set, limits the questions asked to these ids, in this
	// order: a workshop's re-vote. Earlier holds the respondent's first
	// vote on them, marked beside the options.
	Only    []string
	Earlier map[string]scoring.Value
	// Notice is a line shown above every question, e.g. that this is a re-vote.
	Notice string
	// Closed says answering is over: the session opens on the results.
	Closed bool
	// ResumeCode is a workshop participant's code to rejoin, shown on the
	// help screen.
	ResumeCode string
	// Scope says whose answers the results screen shows.
	Scope Scope
}

// Scope says whose answers a result holds, as the results screen says.
type Scope int

// The scopes of a result.
const (
	ScopeRound Scope = iota // every respondent of the round
	ScopeOwn                // the participant's own answers: the group votes silently
	ScopeGroup              // the workshop group's, once answering closed
)

// RefusedError is what a Backend returns for an answer it will never take,
// e.g. once answering has closed: it is not tried again, and the screen
// takes the answer back.
type RefusedError struct{ Reason string }

func (e *RefusedError) Error() string { return e.Reason }

// Questions are the questions the session asks, in order.
func (s Session) Questions() []*questionnaire.Question {
	if len(s.Only) == 0 {
		return s.Questionnaire.Questions()
	}
	var out []*questionnaire.Question
	for _, id := range s.Only {
		if q := s.Questionnaire.Question(id); q != nil {
			out = append(out, q)
		}
	}
	return out
}

// choices are the answers in the order the cursor moves through them: the
// levels 1–5 (option k is level k), then don't know and not applicable.
var choices = []scoring.Value{1, 2, 3, 4, 5, scoring.DontKnow, scoring.NotApplicable}

// choiceIndex is the cursor position of v, 0 when v is not a choice.
func choiceIndex(v scoring.Value) int {
	for i, c := range choices {
		if c == v {
			return i
		}
	}
	return 0
}

// FirstUnanswered returns the index of the first question without an
// answer, or the number of questions when every one has one.
func (s Session) FirstUnanswered() int {
	qs := s.Questions()
	for i, q := range qs {
		if _, ok := s.Answers[q.ID]; !ok {
			return i
		}
	}
	return len(qs)
}

// cycle moves i by d through n positions, wrapping around at both ends.
func cycle(i, d, n int) int {
	if n == 0 {
		return 0
	}
	return ((i+d)%n + n) % n
}
