package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/store"
)

// jsonRow is one row of the JSON form. The level may be written as a
// number (1–5) or a string ("3", "dk", "na"); a row written before the one
// scale has the legacy answer (0–4) instead.
type jsonRow struct {
	Department string          `json:"department"`
	Assessment string          `json:"assessment"`
	Respondent string          `json:"respondent"`
	Question   string          `json:"question"`
	Level      json.RawMessage `json:"level"`
	Answer     json.RawMessage `json:"answer"`
	Note       string          `json:"note"`
}

// ReadJSON reads the JSON form of the long format: an array of objects
// with the fields department, assessment, respondent, question, level and
// note. An object written before the one scale has the field answer (0–4,
// "dk" or "na") instead of level, read as level = answer + 1; an object
// with both is refused. Problems name the line where the object starts.
func ReadJSON(name string, r io.Reader, q *questionnaire.Questionnaire) ([]store.Row, error) {
	var rows []store.Row
	if err := ScanJSON(name, r, q, func(row store.Row) { rows = append(rows, row) }); err != nil {
		return nil, err
	}
	return rows, nil
}

// ScanJSON reads a file as ReadJSON does, but hands each good row to add as
// it is read, as ScanCSV does.
func ScanJSON(name string, r io.Reader, q *questionnaire.Questionnaire, add func(store.Row)) error {
	src, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return err
	}
	ps := &problems{}
	src = bytes.TrimPrefix(src, bom)
	if len(bytes.TrimSpace(src)) == 0 {
		ps.add(0, "", "is empty (expected a JSON array of rows with %s)", strings.Join(Columns, ", "))
		return ps.err(name)
	}
	// lineAt counts lines from where it counted last: offsets only grow
	// while reading, and counting from the start each time would take
	// time quadratic in the file.
	counted, lines := 0, 1
	lineAt := func(off int64) int {
		end := min(int(off), len(src))
		if end < counted {
			counted, lines = 0, 1
		}
		lines += bytes.Count(src[counted:end], []byte("\n"))
		counted = end
		return lines
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		ps.add(lineAt(dec.InputOffset()), "", "expected a JSON array of rows (%s)", jsonErr(err, "not an array"))
		return ps.err(name)
	}
	c := newChecker(q, ps)
	n := 0
	for dec.More() {
		start := dec.InputOffset()
		// Skip the separator and white space so the line is the object's.
		for int(start) < len(src) && strings.ContainsRune(", \t\r\n", rune(src[start])) {
			start++
		}
		line := lineAt(start)
		var jr jsonRow
		if err := dec.Decode(&jr); err != nil {
			ps.add(line, "", "%s", jsonErr(err, "not a row object"))
			var syn *json.SyntaxError
			if errors.As(err, &syn) || errors.Is(err, io.ErrUnexpectedEOF) {
				return ps.err(name)
			}
			continue
		}
		raw := jr.Level
		c.legacy = present(jr.Answer)
		if c.legacy {
			raw = jr.Answer
		}
		if present(jr.Level) && present(jr.Answer) {
			ps.add(line, "", "has both %q and %q (expected one of them: %s for levels 1–5, or %s for answers 0–4 on the old scale)",
				LevelColumn, LegacyColumn, LevelColumn, LegacyColumn)
			continue
		}
		value, ok := jsonAnswer(raw)
		if !ok {
			c.outOfRange(line, string(raw))
			continue
		}
		row, ok := c.check(line, store.Row{Department: jr.Department, Assessment: jr.Assessment, Respondent: jr.Respondent, Question: jr.Question, Level: value, Note: jr.Note})
		if ok && len(ps.list) == 0 {
			add(row)
			n++
		}
	}
	if _, err := dec.Token(); err != nil {
		ps.add(lineAt(dec.InputOffset()), "", "the array is not closed (%s)", jsonErr(err, "expected ]"))
	} else if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		ps.add(lineAt(dec.InputOffset()), "", "has more after the array (expected one JSON array of rows and nothing else)")
	}
	return ps.done(name, n, "has no rows (expected one object per answer)")
}

// present reports whether a field was written with a value.
func present(raw json.RawMessage) bool {
	t := strings.TrimSpace(string(raw))
	return t != "" && t != "null"
}

// jsonAnswer reads a level or answer written as a number or a string.
func jsonAnswer(raw json.RawMessage) (string, bool) {
	t := strings.TrimSpace(string(raw))
	switch {
	case t == "" || t == "null":
		return "", true
	case strings.HasPrefix(t, `"`):
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err == nil
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		return "", false
	}
	return strconv.Itoa(n), true
}

func jsonErr(err error, fallback string) string {
	if err == nil {
		return fallback
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// WriteJSON writes rows as a JSON array, one object per line, each with
// its level (never the legacy answer) as a string: "3", "dk" or "na".
func WriteJSON(w io.Writer, rows []store.Row) error {
	var b bytes.Buffer
	b.WriteString("[")
	for i, r := range rows {
		if i > 0 {
			b.WriteString(",")
		}
		obj, err := json.Marshal(struct {
			Department string `json:"department"`
			Assessment string `json:"assessment"`
			Respondent string `json:"respondent"`
			Question   string `json:"question"`
			Level      string `json:"level"`
			Note       string `json:"note"`
		}{r.Department, r.Assessment, r.Respondent, r.Question, r.Level, r.Note})
		if err != nil {
			return err
		}
		b.WriteString("\n  ")
		b.Write(obj)
	}
	b.WriteString("\n]\n")
	_, err := w.Write(b.Bytes())
	if err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}
