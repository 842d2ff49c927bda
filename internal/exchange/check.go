package exchange

import (
	"strings"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/store"
)

// Columns are the columns of the long format, in the order they are written.
var Columns = []string{"department", "assessment", "respondent", "question", "answer", "note"}

// checker validates rows against a questionnaire and remembers which
// respondent answered which question, to catch duplicates.
type checker struct {
	q    *questionnaire.Questionnaire
	seen map[[4]string]int // department, assessment, respondent, question → line
	ps   *problems
}

func newChecker(q *questionnaire.Questionnaire, ps *problems) *checker {
	return &checker{q: q, seen: map[[4]string]int{}, ps: ps}
}

// check validates one row read at line and returns it normalised; ok is
// false when the row has a problem.
func (c *checker) check(line int, r store.Row) (store.Row, bool) {
	before := len(c.ps.list) + c.ps.more
	r.Department = strings.TrimSpace(r.Department)
	r.Assessment = strings.TrimSpace(r.Assessment)
	r.Respondent = strings.TrimSpace(r.Respondent)
	r.Question = strings.TrimSpace(r.Question)
	r.Answer = strings.TrimSpace(r.Answer)
	r.Note = strings.TrimSpace(r.Note)
	if r.Department == "" {
		c.ps.add(line, "department", "is empty (expected the department's name)")
	}
	if r.Assessment == "" {
		c.ps.add(line, "assessment", "is empty (expected the round's label, e.g. 2026-11)")
	}
	switch {
	case r.Question == "":
		c.ps.add(line, "question", "is empty (expected a question id of %s)", c.q.ID)
	case c.q.Question(r.Question) != nil:
	case c.q.Dimension(r.Question) != nil:
		r.NoteOnDimension = true
		if r.Answer != "" {
			c.ps.add(line, "question", "%q is a dimension; an answer belongs to a question (a dimension takes only a note)", r.Question)
		}
	default:
		c.ps.add(line, "question", "unknown question %q (not in questionnaire %s version %d)", r.Question, c.q.ID, c.q.Version)
	}
	if r.Answer == "" {
		if r.Note == "" {
			c.ps.add(line, "answer", "is empty (expected 0, 1, 2, 3, 4, dk or na; a row without an answer needs a note)")
		}
	} else {
		v, err := scoring.ParseValue(r.Answer)
		if err != nil {
			c.ps.add(line, "answer", "%q is out of range (expected 0, 1, 2, 3, 4, dk or na)", r.Answer)
		} else {
			r.Answer = v.String()
		}
		if r.Respondent == "" {
			c.ps.add(line, "respondent", "is empty (expected the respondent's alias: an answer belongs to a respondent)")
		}
	}
	if r.Respondent != "" && r.Question != "" {
		key := [4]string{strings.ToLower(r.Department), r.Assessment, r.Respondent, r.Question}
		if first, dup := c.seen[key]; dup {
			c.ps.add(line, "", "respondent %q answers question %q a second time (first on line %d; expected one row per respondent and question)", r.Respondent, r.Question, first)
		} else {
			c.seen[key] = line
		}
	}
	return r, len(c.ps.list)+c.ps.more == before
}
