package exchange

import (
	"fmt"
	"strings"

	"github.com/maturity-nl/maturity/internal/store"
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
	// More counts problems beyond those listed.
	More int
}

// maxProblems bounds how many problems are listed for one file.
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
		fmt.Fprintf(&b, "\n%s: … and %d more problems", e.File, e.More)
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

func (p *problems) err(file string) error {
	if len(p.list) == 0 {
		return nil
	}
	return &Error{File: file, Problems: p.list, More: p.more}
}

// result ends the reading of a file: the rows when there was no problem and
// at least one row, else the problems (noRows says what an empty file lacks).
func (p *problems) result(file string, rows []store.Row, noRows string) ([]store.Row, error) {
	if err := p.err(file); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		p.add(0, "", "%s", noRows)
		return nil, p.err(file)
	}
	return rows, nil
}
