package exchange

import (
	"math"
	"strings"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/store"
)

// Columns are the columns of the long format, in the order they are written.
var Columns = []string{"department", "assessment", "respondent", "question", LevelColumn, "note"}

// LevelColumn holds the answer as its level: 1–5, dk or na.
const LevelColumn = "level"

// LegacyColumn is the answer column of files written before the one
// scale: option numbers 0–4, dk or na, read as level = answer + 1. A file
// has one of the two, never both.
const LegacyColumn = "answer"

// What a level or a legacy answer may be, for the messages.
const (
	expectedLevel  = "1, 2, 3, 4, 5, dk or na"
	expectedLegacy = "0, 1, 2, 3, 4, dk or na"
	// The hints after a value out of range: a 0 in a level column, a 5 in
	// an answer column are most likely a file on the other scale.
	hintLevel  = "; an answer 0–4 on the old scale goes in a column named answer"
	hintLegacy = ": the answer column holds the old scale 0–4; for levels 1–5 name the column level"
)

// checker validates rows against a questionnaire and remembers which
// respondent answered which question, to catch duplicates.
//
// It is built for files of millions of rows: a respondent is looked up once
// per run of rows (files list a respondent's answers together), and what it
// answered is kept as a list of question numbers, two bytes an answer
// instead of a map entry of four strings.
type checker struct {
	q  *questionnaire.Questionnaire
	ps *problems
	// legacy says that the rows come from a legacy answer column (0–4)
	// rather than a level column.
	legacy bool
	// ids numbers the questions, then the dimensions that are not also a
	// question id: the keys of the duplicate check.
	ids map[string]int
	// respondents numbers each respondent (department in lower case,
	// round, alias); seen[i] is what respondent i wrote on.
	respondents map[[3]string]int
	seen        []written
	// others holds the first line of the rows on other ids (each such
	// row is a problem already), so that a respondent's list stays short.
	others map[otherKey]int
	// last is the previous row's respondent, to skip the map lookup.
	last struct {
		department, assessment, respondent string
		index                              int
	}
}

type otherKey struct {
	respondent int
	id         string
}

func newChecker(q *questionnaire.Questionnaire, ps *problems) *checker {
	c := &checker{q: q, ps: ps, ids: map[string]int{}, respondents: map[[3]string]int{}, others: map[otherKey]int{}}
	for _, qu := range q.Questions() {
		c.ids[qu.ID] = len(c.ids)
	}
	for _, d := range q.Dimensions() {
		if _, dup := c.ids[d.ID]; !dup {
			c.ids[d.ID] = len(c.ids)
		}
	}
	c.last.index = -1
	return c
}

// check validates one row read at line and returns it normalised, its
// answer as a level 1–5, dk or na (a legacy answer a becomes level a + 1);
// ok is false when the row has a problem.
func (c *checker) check(line int, r store.Row) (store.Row, bool) {
	before := len(c.ps.list) + c.ps.more
	r.Department = strings.TrimSpace(r.Department)
	r.Assessment = strings.TrimSpace(r.Assessment)
	r.Respondent = strings.TrimSpace(r.Respondent)
	r.Question = strings.TrimSpace(r.Question)
	r.Level = strings.TrimSpace(r.Level)
	r.Note = strings.TrimSpace(r.Note)
	if r.Department == "" {
		c.ps.add(line, "department", "is empty (expected the department's name)")
	}
	if r.Assessment == "" {
		c.ps.add(line, "assessment", "is empty (expected the round's label, e.g. 2026-11)")
	}
	for _, f := range []struct{ field, value string }{{"department", r.Department}, {"assessment", r.Assessment}, {"respondent", r.Respondent}} {
		if err := store.CheckName(f.value); err != nil {
			c.ps.add(line, f.field, "%v", err)
		}
	}
	if err := store.CheckNote(r.Note); err != nil {
		c.ps.add(line, "note", "%v", err)
	}
	switch {
	case r.Question == "":
		c.ps.add(line, "question", "is empty (expected a question id of %s)", c.q.ID)
	case c.q.Question(r.Question) != nil:
	case c.q.Dimension(r.Question) != nil:
		r.NoteOnDimension = true
		if r.Level != "" {
			c.ps.add(line, "question", "%s is a dimension; an answer belongs to a question (a dimension takes only a note)", shown(r.Question))
		}
	default:
		c.ps.add(line, "question", "unknown question %s (not in questionnaire %s version %d)", shown(r.Question), c.q.ID, c.q.Version)
	}
	if r.Level == "" {
		if r.Note == "" {
			c.ps.add(line, c.valueField(), "is empty (expected %s; a row without an answer needs a note)", c.expected())
		}
	} else {
		if v, err := c.parse(r.Level); err != nil {
			c.outOfRange(line, r.Level)
		} else {
			r.Level = v.String()
		}
		if r.Respondent == "" {
			c.ps.add(line, "respondent", "is empty (expected the respondent's alias: an answer belongs to a respondent)")
		}
	}
	if r.Respondent != "" && r.Question != "" {
		if first, dup := c.firstLine(c.respondent(r), r.Question, line); dup {
			c.ps.add(line, "", "respondent %s answers question %s a second time (first on line %d; expected one row per respondent and question)", shown(r.Respondent), shown(r.Question), first)
		}
	}
	return r, len(c.ps.list)+c.ps.more == before
}

// parse reads a level, or a legacy answer as its level.
func (c *checker) parse(s string) (scoring.Value, error) {
	if c.legacy {
		return scoring.ParseLegacyValue(s)
	}
	return scoring.ParseValue(s)
}

// valueField is the name of the column the answers are in.
func (c *checker) valueField() string {
	if c.legacy {
		return LegacyColumn
	}
	return LevelColumn
}

// expected says what an answer may be.
func (c *checker) expected() string {
	if c.legacy {
		return expectedLegacy
	}
	return expectedLevel
}

// outOfRange reports an answer that is not a level (or legacy answer).
func (c *checker) outOfRange(line int, value string) {
	hint := ""
	switch t := strings.TrimSpace(value); {
	case c.legacy && t == "5":
		hint = hintLegacy
	case !c.legacy && t == "0":
		hint = hintLevel
	}
	c.ps.add(line, c.valueField(), "%s is out of range (expected %s%s)", shown(value), c.expected(), hint)
}

// respondent returns the number of r's respondent. A department's name is
// compared ignoring case, as the database does.
func (c *checker) respondent(r store.Row) int {
	if l := &c.last; l.index >= 0 && l.respondent == r.Respondent && l.assessment == r.Assessment && l.department == r.Department {
		return l.index
	}
	key := [3]string{strings.ToLower(r.Department), r.Assessment, r.Respondent}
	i, ok := c.respondents[key]
	if !ok {
		// Cloned: a field shares its memory with the whole line read.
		key = [3]string{strings.Clone(key[0]), strings.Clone(key[1]), strings.Clone(key[2])}
		i = len(c.seen)
		c.respondents[key] = i
		c.seen = append(c.seen, written{})
	}
	c.last.department, c.last.assessment, c.last.respondent, c.last.index = r.Department, r.Assessment, r.Respondent, i
	return i
}

// firstLine records that respondent wrote on id at line, or, when they did
// before, returns the line where they first did.
func (c *checker) firstLine(respondent int, id string, line int) (int, bool) {
	n, known := c.ids[id]
	if !known || n > math.MaxUint16 {
		k := otherKey{respondent, id}
		if first, dup := c.others[k]; dup {
			return first, true
		}
		c.others[otherKey{respondent, strings.Clone(id)}] = line
		return 0, false
	}
	w := &c.seen[respondent]
	if first, dup := w.first(uint16(n)); dup {
		return first, true
	}
	w.add(uint16(n), line)
	return 0, false
}

// written is what one respondent wrote on: the numbers of the ids in the
// order first written, and the lines of those rows as runs of consecutive
// lines. A respondent's rows usually follow each other, so one run covers
// them all.
type written struct {
	ids  []uint16
	runs []lineRun
}

// lineRun says that ids[from], ids[from+1], … were written on line, line+1, …
type lineRun struct {
	from int
	line int
}

// first returns the line where id was first written, if it was.
func (w *written) first(id uint16) (int, bool) {
	for i, x := range w.ids {
		if x == id {
			k := len(w.runs) - 1
			for w.runs[k].from > i {
				k--
			}
			return w.runs[k].line + i - w.runs[k].from, true
		}
	}
	return 0, false
}

func (w *written) add(id uint16, line int) {
	i := len(w.ids)
	if k := len(w.runs) - 1; k < 0 || w.runs[k].line+i-w.runs[k].from != line {
		w.runs = append(w.runs, lineRun{from: i, line: line})
	}
	w.ids = append(w.ids, id)
}
