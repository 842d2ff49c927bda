package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/maturity-nl/maturity/internal/store"
)

// Limits of an exchange file, checked while it is read, before the CSV or
// JSON parser holds any of it.
const (
	// MaxFileSize is the largest exchange file read (1 GiB).
	MaxFileSize = 1 << 30
	// maxRowBytes bounds one row: a CSV record or a JSON object. A row
	// with a note of store.MaxNoteRunes characters of four bytes each, its
	// quotes doubled, and names of store.MaxNameRunes fits several times;
	// without it a parser holds a whole 200 MB field in memory at once.
	maxRowBytes = 256 << 10
)

// tooLarge is the problem of a file larger than MaxFileSize.
var tooLarge = fmt.Sprintf("is larger than %d bytes (expected at most %d, 1 GiB: split it into smaller files)", MaxFileSize, MaxFileSize)

// CheckSize refuses a file of size bytes larger than MaxFileSize before it
// is read; a stream (a pipe, a device) is refused when it passes the
// limit while it is read.
func CheckSize(name string, size int64) error {
	if size <= MaxFileSize {
		return nil
	}
	ps := &problems{}
	ps.add(0, "", "%s", tooLarge)
	return ps.err(name)
}

// guardError is where a file broke one of the guard's limits: the reading
// stops there and the problem is the file's only one.
type guardError struct {
	line    int // 0 for the whole file
	message string
	// nulAt is the offset of a NUL byte, -1 for another limit.
	nulAt int64
}

func (e *guardError) Error() string { return e.message }

// guard passes a file through to its parser while it checks what the
// parser cannot without holding too much: the file's size, the size of
// each row, and NUL bytes, which text never has. It finds rows by the
// file's syntax — CSV records end at a line break outside quotes; JSON rows
// are the elements of the top-level array — and counts lines as it goes.
type guard struct {
	r    io.Reader
	json bool
	err  error // the limit broken, returned once the bytes before it are passed
	// maxRow bounds a row (maxRowBytes for answers, MaxActionBytes for an
	// action with its history); tooLong says what a row of that size holds.
	maxRow  int
	tooLong string
	read    int64 // bytes passed

	line int // the line of the byte scanned last, from 1

	// The current row: its size so far and the line it started on.
	row, rowLine int
	// starts are the lines where the JSON rows not yet taken by nextRow
	// start; outside the lines of the first thing before the array and
	// the first thing after it.
	starts  []int
	outside []int
	// top says the previous byte that was not white space was outside
	// the array (at depth 0), or that there was none yet.
	top bool
	// spaced says the byte passed last was white space outside a string.
	spaced bool
	// inQuotes says the scan is inside a CSV quoted field or a JSON
	// string; escaped that the previous byte of a JSON string was a
	// backslash; depth is the JSON nesting depth.
	inQuotes, escaped bool
	depth             int
}

func newGuard(r io.Reader, json bool) *guard {
	return &guard{r: r, json: json, line: 1, rowLine: 1, top: true, maxRow: maxRowBytes,
		tooLong: fmt.Sprintf("names of at most %d characters and a note of at most %d", store.MaxNameRunes, store.MaxNoteRunes)}
}

func (g *guard) Read(p []byte) (int, error) {
	for {
		if g.err != nil {
			return 0, g.err
		}
		n, err := g.r.Read(p)
		out, broken := g.pass(p[:n])
		if broken {
			err = nil // the bytes before the limit first
		}
		if g.err == nil && g.read > MaxFileSize {
			g.err = &guardError{message: tooLarge, nulAt: -1}
			err = nil
		}
		if out > 0 || err != nil {
			return out, err
		}
		if g.err != nil {
			return 0, g.err
		}
		if n == 0 {
			// A reader that gives nothing and no error: let the caller
			// decide, as it would without the guard.
			return 0, nil
		}
	}
}

// pass checks the bytes just read and moves those to pass on to the front
// of b: all of them, but for white space outside JSON strings, of which a
// run passes as one byte. encoding/json's decoder holds the white space
// between two values in its buffer and scans it again at every read, so
// that "[" and 1 GiB of spaces took 13 minutes and ran out of memory. It
// returns how many bytes pass, and whether a limit was broken (g.err).
//
// The runs that cannot end a row or a string — a JSON string's text, a
// CSV field's — are skipped at once; the other bytes go through scan.
func (g *guard) pass(b []byte) (int, bool) {
	if k := bytes.IndexByte(b, 0); k >= 0 {
		out, broken := g.pass(b[:k])
		if !broken {
			g.err = &guardError{line: g.line, message: "contains a NUL byte (expected UTF-8 text; a file saved as UTF-16, or a spreadsheet, has them)", nulAt: g.read}
		}
		return out, true
	}
	out := 0
	keep := func(from, to int) {
		if out != from {
			copy(b[out:], b[from:to])
		}
		out += to - from
	}
	for i := 0; i < len(b); {
		// A run of plain bytes: inside a JSON string up to its quote or
		// backslash, in CSV up to a quote or a line break.
		stops := "\"\n"
		plain := !g.json
		if g.json {
			stops, plain = "\"\\\n", g.inQuotes && !g.escaped
		}
		if plain {
			j := bytes.IndexAny(b[i:], stops)
			if j < 0 {
				j = len(b) - i
			}
			if j > 0 {
				if g.row == 0 {
					g.rowLine = g.line
				}
				g.row += j
				g.read += int64(j)
				if g.row > g.maxRow {
					g.err = g.rowTooLong()
					return out, true
				}
				keep(i, i+j)
				i += j
				continue
			}
		}
		c := b[i]
		if g.json && !g.inQuotes && isSpace(c) {
			// A run of white space between values: it counts towards a row
			// only inside one, and passes as its first byte.
			j := i
			for j < len(b) && isSpace(b[j]) {
				if b[j] == '\n' {
					g.line++
				}
				j++
			}
			if g.row > 0 {
				g.row += j - i
				if g.row > g.maxRow {
					g.err = g.rowTooLong()
					return out, true
				}
			}
			g.read += int64(j - i)
			if !g.spaced {
				keep(i, i+1)
			}
			g.spaced = true
			i = j
			continue
		}
		if e := g.scan(c); e != nil {
			g.err = e
			return out, true
		}
		g.read++
		keep(i, i+1)
		g.spaced = false
		i++
	}
	return out, false
}

// scan checks one byte.
func (g *guard) scan(b byte) error {
	if b == '\n' {
		g.line++
	}
	if g.json {
		g.scanJSON(b)
	} else {
		g.scanCSV(b)
	}
	if g.row > g.maxRow {
		return g.rowTooLong()
	}
	return nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func (g *guard) rowTooLong() error {
	return &guardError{line: g.rowLine, nulAt: -1, message: fmt.Sprintf("has a row longer than %d bytes (expected %s)", g.maxRow, g.tooLong)}
}

// scanCSV counts the bytes of a record: a line break outside quotes ends
// it. A quote toggles the state, which is right for "" inside a quoted
// field too; a stray quote the CSV reader refuses anyway.
func (g *guard) scanCSV(b byte) {
	switch {
	case b == '"':
		g.inQuotes = !g.inQuotes
	case b == '\n' && !g.inQuotes:
		g.row, g.rowLine = 0, g.line
		return
	}
	g.row++
}

// scanJSON counts the bytes of an element of the top-level array: from
// its first byte to the comma or bracket after it, white space between
// elements not included.
func (g *guard) scanJSON(b byte) {
	if g.inQuotes {
		switch {
		case g.escaped:
			g.escaped = false
		case b == '\\':
			g.escaped = true
		case b == '"':
			g.inQuotes = false
		}
		g.count()
		return
	}
	switch b {
	case ' ', '\t', '\r', '\n':
		if g.row > 0 {
			g.count()
		}
		return
	}
	if g.depth == 0 {
		if g.top && len(g.outside) < 2 {
			g.outside = append(g.outside, g.line)
		}
		g.top = false
	}
	switch b {
	case '"':
		g.inQuotes = true
	case '{', '[':
		g.depth++
		if g.depth == 1 {
			return // the array itself
		}
	case '}', ']':
		g.depth--
		if g.depth <= 0 {
			g.row, g.top = 0, true
			return
		}
	case ',':
		if g.depth == 1 {
			g.row = 0
			return
		}
	}
	g.count()
}

// count adds a byte to the current element, which starts with it when
// there is none.
func (g *guard) count() {
	if g.depth < 1 {
		return
	}
	if g.row == 0 {
		g.rowLine = g.line
		if g.json {
			g.starts = append(g.starts, g.line)
		}
	}
	g.row++
}

// nextRow returns the line where the next JSON row starts, the first of
// those not taken yet.
func (g *guard) nextRow() int {
	if len(g.starts) == 0 {
		return g.line
	}
	line := g.starts[0]
	g.starts = g.starts[1:]
	return line
}

// outsideLine returns the line of the first thing before the array (i = 0)
// or after it (i = 1), or the line read last when there is none.
func (g *guard) outsideLine(i int) int {
	if i < len(g.outside) {
		return g.outside[i]
	}
	return g.line
}

// nulWithin reports whether the guard found a NUL byte in the first n
// bytes of the file.
func (g *guard) nulWithin(n int) bool {
	ge, ok := g.err.(*guardError)
	return ok && ge.nulAt >= 0 && ge.nulAt < int64(n)
}

// guardProblem reports err as the file's problem when a limit of the
// guard was broken, and says whether it was.
func guardProblem(ps *problems, err error) bool {
	var ge *guardError
	if !errors.As(err, &ge) {
		return false
	}
	ps.add(ge.line, "", "%s", ge.message)
	return true
}
