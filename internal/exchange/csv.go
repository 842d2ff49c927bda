package exchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/store"
)

var bom = []byte("\xef\xbb\xbf")

// ReadCSV reads answers in the long format from CSV: UTF-8, with or without
// a byte-order mark, separated by commas or by semicolons (as Dutch Excel
// writes), with the header department,assessment,respondent,question,level,note
// in any order. level is 1–5, dk or na. A file written before the one scale
// has the column answer (0–4, dk or na) instead, read as level = answer + 1.
// Any bad row rejects the whole file with an *Error that lists every
// problem; name is the file name used in it.
func ReadCSV(name string, r io.Reader, q *questionnaire.Questionnaire) ([]store.Row, error) {
	var rows []store.Row
	if err := ScanCSV(name, r, q, func(row store.Row) { rows = append(rows, row) }); err != nil {
		return nil, err
	}
	return rows, nil
}

// ScanCSV reads a file as ReadCSV does, but hands each good row to add as it
// is read instead of collecting them, so that a caller can keep a large file
// in a form of its own. Once a row has a problem add is no longer called;
// the error returned then lists every problem and the caller must drop the
// rows it was given.
func ScanCSV(name string, r io.Reader, q *questionnaire.Questionnaire, add func(store.Row)) error {
	g := newGuard(r, false)
	br := bufio.NewReaderSize(g, 64<<10)
	head, _ := br.Peek(4096)
	ps := &problems{}
	if len(head) == 0 {
		if !guardProblem(ps, g.err) {
			ps.add(0, "", "is empty (expected the header %s and one row per answer)", strings.Join(Columns, ","))
		}
		return ps.err(name)
	}
	// A NUL among the first bytes, or bytes that are not UTF-8: a binary
	// file (the guard passes no NUL, but says where it stopped).
	if g.nulWithin(4096) || !utf8.Valid(trimPartialRune(head)) {
		ps.add(0, "", "is not UTF-8 text (expected a CSV file; save it from Excel as \"CSV UTF-8\")")
		return ps.err(name)
	}
	if bytes.HasPrefix(head, bom) {
		br.Discard(len(bom))
		head = head[len(bom):]
	}
	firstLine, _, _ := bytes.Cut(head, []byte("\n"))
	// A carriage return inside the first line, not just before its line
	// feed: the lines end in CR alone, as old Mac programs write them, and
	// the CSV reader would see one long header.
	if cr := bytes.IndexByte(firstLine, '\r'); cr >= 0 && cr < len(firstLine)-1 {
		ps.add(1, "", "ends its lines with a carriage return alone (old Mac line endings; expected line feeds, or CR LF as Windows writes: save it from Excel as \"CSV UTF-8\")")
		return ps.err(name)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	if bytes.Count(firstLine, []byte(";")) > bytes.Count(firstLine, []byte(",")) {
		cr.Comma = ';'
	}

	header, err := cr.Read()
	if err != nil {
		if !guardProblem(ps, err) {
			ps.add(1, "", "cannot read the header: %v", unwrapCSV(err))
		}
		return ps.err(name)
	}
	index, legacy, ok := columnIndex(header, ps)
	if !ok {
		return ps.err(name)
	}
	// The header's width, before the next Read reuses its slice.
	width := len(header)

	c := newChecker(q, ps)
	c.legacy = legacy
	n := 0
	for !ps.full() {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			switch {
			case guardProblem(ps, err):
			case errors.As(err, &pe):
				ps.add(pe.StartLine, "", "%v", unwrapCSV(err))
				if errors.Is(pe.Err, csv.ErrFieldCount) {
					continue
				}
				// After a broken quote the rest of the file cannot be
				// trusted to line up: stop here.
			default:
				ps.add(0, "", "cannot read: %v", err)
			}
			break
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue // an empty line, or one of only separators
		}
		if len(rec) != width {
			ps.add(line, "", "has %d fields (expected %d, as in the header)", len(rec), width)
			continue
		}
		if !validUTF8(rec) {
			ps.add(line, "", "is not UTF-8 text")
			continue
		}
		row, ok := c.check(line, store.Row{
			Department: fromCell(rec[index[0]]), Assessment: fromCell(rec[index[1]]), Respondent: fromCell(rec[index[2]]),
			Question: fromCell(rec[index[3]]), Level: rec[index[4]], Note: fromCell(rec[index[5]]),
		})
		if ok && len(ps.list) == 0 {
			add(row)
			n++
		}
	}
	return ps.done(name, n, "has a header but no rows (expected one row per answer)")
}

// blank reports whether every field is empty or white space.
func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// validUTF8 reports whether every field is UTF-8 text.
func validUTF8(rec []string) bool {
	for _, f := range rec {
		if !utf8.ValidString(f) {
			return false
		}
	}
	return true
}

// columnIndex returns the position in header of each of Columns, in their
// order, and whether the answers are in the legacy answer column instead of
// the level column.
func columnIndex(header []string, ps *problems) (index [6]int, legacy, ok bool) {
	found := map[string]bool{}
	ok = true
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		c := slices.Index(Columns, h)
		if h == LegacyColumn {
			c = slices.Index(Columns, LevelColumn)
		}
		switch {
		case h == "":
			// An unnamed column, as Excel writes for a trailing separator:
			// its fields are ignored.
		case c < 0:
			ps.add(1, "", "unknown column %q in the header (expected %s)", header[i], strings.Join(Columns, ","))
			ok = false
		case found[h]:
			ps.add(1, "", "column %q appears twice in the header", h)
			ok = false
		default:
			found[h] = true
			index[c] = i
		}
	}
	if found[LevelColumn] && found[LegacyColumn] {
		ps.add(1, "", "the header has both column %q and column %q (expected one of them: %s for levels 1–5, or %s for answers 0–4 on the old scale)",
			LevelColumn, LegacyColumn, LevelColumn, LegacyColumn)
		return index, false, false
	}
	legacy = found[LegacyColumn]
	for _, c := range Columns {
		if !found[c] && !(c == LevelColumn && legacy) && ok {
			ps.add(1, "", "the header lacks column %q (expected %s)", c, strings.Join(Columns, ","))
			ok = false
		}
	}
	return index, legacy, ok
}

func unwrapCSV(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// trimPartialRune drops a rune cut off at the end of a peeked buffer.
func trimPartialRune(b []byte) []byte {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if r, _ := utf8.DecodeLastRune(b); r != utf8.RuneError {
			return b
		}
		b = b[:len(b)-1]
	}
	return b
}

// WriteCSV writes rows in the long format with a header, comma-separated:
// the level column, never the legacy answer column. A text that a
// spreadsheet would take for a formula is written as a text (see toCell),
// which ReadCSV reads back as it was.
func WriteCSV(w io.Writer, rows []store.Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write([]string{toCell(r.Department), toCell(r.Assessment), toCell(r.Respondent), toCell(r.Question), r.Level, toCell(r.Note)}); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// formulaStart reports whether a spreadsheet takes a cell beginning with b
// for a formula (=, + and - and @) or treats it specially (a tab or a
// carriage return first): OWASP's list for CSV injection.
func formulaStart(b byte) bool {
	switch b {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// toCell makes a text safe to open in a spreadsheet, as OWASP recommends
// against CSV injection: a text that begins with a formula character, after
// any apostrophes, gets one apostrophe more in front, which a spreadsheet
// reads as "this cell is text": =SUM(A1) is written '=SUM(A1), and a text
// of one apostrophe and =x is written with two. Every other text is written
// as it is, so a name like 's-Hertogenbosch keeps its own apostrophe.
func toCell(s string) string {
	rest := strings.TrimLeft(s, "'")
	if rest != "" && formulaStart(rest[0]) {
		return "'" + s
	}
	return s
}

// fromCell undoes toCell: a cell of apostrophes and then a formula
// character loses its first apostrophe; any other cell is read as it is.
func fromCell(s string) string {
	rest := strings.TrimLeft(s, "'")
	if len(rest) < len(s) && rest != "" && formulaStart(rest[0]) {
		return s[1:]
	}
	return s
}
