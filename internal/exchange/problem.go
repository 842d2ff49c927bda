package exchange

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Problem is one thing wrong in an exchange file.
type Problem struct {
	Line    int    // 1-based; 0 for the whole file
	Field   string // the column at fault, if one is
	Message string
}

// Error lists every problem of a file that was rejected whole.
type Error struct {
	File     string
	Problems []Problem
	// More says that there were problems beyond those listed: the reading
	// stopped at the first of them.
	More int
}

// maxProblems bounds how many problems are listed for one file; a reader
// stops at the next one, since the file is rejected anyway and a file of
// a million bad rows must not take minutes to say so.
const maxProblems = 200

func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
		}
		b.WriteString(": ")
		if p.Field != "" {
			b.WriteString(p.Field + ": ")
		}
		b.WriteString(p.Message)
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "\n%s: … and more problems: the reading stopped after %d", e.File, len(e.Problems))
	}
	if len(e.Problems) > 0 {
		fmt.Fprintf(&b, "\n%s: rejected: nothing was imported", e.File)
	}
	return b.String()
}

// problems collects the problems of one file.
type problems struct {
	list []Problem
	more int
}

func (p *problems) add(line int, field, format string, args ...any) {
	if len(p.list) >= maxProblems {
		p.more++
		return
	}
	p.list = append(p.list, Problem{Line: line, Field: field, Message: fmt.Sprintf(format, args...)})
}

// full reports whether there are more problems than are listed: time to
// stop reading.
func (p *problems) full() bool { return p.more > 0 }

func (p *problems) err(file string) error {
	if len(p.list) == 0 {
		return nil
	}
	return &Error{File: file, Problems: p.list, More: p.more}
}

// done ends the reading of a file that gave n good rows: the problems if
// there were any, else a problem when there were no rows (noRows says what
// an empty file lacks), else nil.
func (p *problems) done(file string, n int, noRows string) error {
	if err := p.err(file); err != nil {
		return err
	}
	if n == 0 {
		p.add(0, "", "%s", noRows)
		return p.err(file)
	}
	return nil
}

// maxShownRunes bounds a value from a file that a message quotes back.
const maxShownRunes = 40

// shown quotes a value from a file for a message, escaping what a terminal
// would act on and cutting it after maxShownRunes characters: a bad answer
// of 200 MB must not come back on the screen.
func shown(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= maxShownRunes {
		return fmt.Sprintf("%q", s)
	}
	cut, runes := s, 0
	for i := range s {
		if runes == maxShownRunes {
			cut = s[:i]
			break
		}
		runes++
	}
	return fmt.Sprintf("%q… (%d characters)", cut, n)
}
