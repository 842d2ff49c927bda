package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/store"
)

// jsonRow is one row of the JSON form. The level may be written as a
// number (1–5) or a string ("3", "dk", "na"); a row written before the one
// scale has the legacy answer (0–4) instead. Both are kept as written.
type jsonRow struct {
	Department, Assessment, Respondent, Question string
	Level, Answer                                json.RawMessage
	Note                                         string
}

// jsonFields are the fields of a row object.
var jsonFields = []string{"department", "assessment", "respondent", "question", "level", "answer", "note"}

// ReadJSON reads the JSON form of the long format: an array of objects
// with the fields department, assessment, respondent, question, level and
// note. An object written before the one scale has the field answer (0–4,
// "dk" or "na") instead of level, read as level = answer + 1; an object
// with both is refused, and so is an object with a field twice. Problems
// name the line where the object starts.
func ReadJSON(name string, r io.Reader, q *questionnaire.Questionnaire) ([]store.Row, error) {
	var rows []store.Row
	if err := ScanJSON(name, r, q, func(row store.Row) { rows = append(rows, row) }); err != nil {
		return nil, err
	}
	return rows, nil
}

// ScanJSON reads a file as ReadJSON does, but hands each good row to add as
// it is read, as ScanCSV does. The file streams through: one row is held at
// a time, whatever the size of the file.
func ScanJSON(name string, r io.Reader, q *questionnaire.Questionnaire, add func(store.Row)) error {
	g := newGuard(r, true)
	ps := &problems{}
	dec, ok := openArray(g, ps, "rows with "+strings.Join(Columns, ", "), "rows")
	if !ok {
		return ps.err(name)
	}
	c := newChecker(q, ps)
	n := 0
	for !ps.full() && dec.More() {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		line := g.nextRow()
		if err != nil {
			if !guardProblem(ps, err) {
				ps.add(line, "", "%s", jsonErr(err, "not a row object"))
			}
			return ps.err(name)
		}
		jr, ok := decodeRow(raw, line, ps)
		if !ok {
			continue
		}
		value := jr.Level
		c.legacy = present(jr.Answer)
		if c.legacy {
			value = jr.Answer
		}
		if present(jr.Level) && present(jr.Answer) {
			ps.add(line, "", "has both %q and %q (expected one of them: %s for levels 1–5, or %s for answers 0–4 on the old scale)",
				LevelColumn, LegacyColumn, LevelColumn, LegacyColumn)
			continue
		}
		level, ok := jsonAnswer(value)
		if !ok {
			c.outOfRange(line, string(value))
			continue
		}
		row, ok := c.check(line, store.Row{Department: jr.Department, Assessment: jr.Assessment, Respondent: jr.Respondent, Question: jr.Question, Level: level, Note: jr.Note})
		if ok && len(ps.list) == 0 {
			add(row)
			n++
		}
	}
	if ps.full() {
		return ps.err(name)
	}
	closeArray(g, dec, ps, "rows")
	return ps.done(name, n, "has no rows (expected one object per answer)")
}

// openArray starts reading a JSON array through g, past a byte-order mark:
// the decoder it returns stands inside the array. A file that is empty or
// not an array is a problem in ps, said with what the array should hold
// (empty: in full, what: in short), and ok is false.
func openArray(g *guard, ps *problems, empty, what string) (dec *json.Decoder, ok bool) {
	br := bufio.NewReaderSize(g, 64<<10)
	if head, _ := br.Peek(len(bom)); bytes.Equal(head, bom) {
		br.Discard(len(bom))
	}
	dec = json.NewDecoder(br)
	tok, err := dec.Token()
	switch {
	case guardProblem(ps, err):
		return nil, false
	case errors.Is(err, io.EOF):
		ps.add(0, "", "is empty (expected a JSON array of %s)", empty)
		return nil, false
	case err != nil || tok != json.Delim('['):
		ps.add(g.outsideLine(0), "", "expected a JSON array of %s (%s)", what, jsonErr(err, "not an array"))
		return nil, false
	}
	return dec, true
}

// closeArray reads the end of the array openArray began: a problem in ps
// when it is not closed, or when anything but space follows it.
func closeArray(g *guard, dec *json.Decoder, ps *problems, what string) {
	if _, err := dec.Token(); err != nil {
		if !guardProblem(ps, err) {
			ps.add(g.line, "", "the array is not closed (%s)", jsonErr(err, "expected ]"))
		}
	} else if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if !guardProblem(ps, err) {
			ps.add(g.outsideLine(1), "", "has more after the array (expected one JSON array of %s and nothing else)", what)
		}
	}
}

// decodeRow reads one element of the array as a row; a problem is added
// at line when it is not one: not an object, a field unknown or given
// twice (the JSON decoder would keep the last silently), a name or note
// that is not a string. raw is a value the JSON decoder found
// well-formed, so the walk through it needs no checks of its own; a
// field's name matches as encoding/json matches it, ignoring case.
func decodeRow(raw []byte, line int, ps *problems) (jsonRow, bool) {
	var jr jsonRow
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		ps.add(line, "", "is not a row object (expected {\"department\": …, \"assessment\": …, …})")
		return jr, false
	}
	ok := true
	seen := make([]bool, len(jsonFields))
	for i++; ; {
		i = skipSpace(raw, i)
		if i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
		if i >= len(raw) || raw[i] == '}' {
			return jr, ok
		}
		end := stringEnd(raw, i)
		key := jsonString(raw[i:end])
		i = skipSpace(raw, skipSpace(raw, end)+1) // past the colon
		valueEnd := skipValue(raw, i)
		value := raw[i:valueEnd]
		i = valueEnd
		f := -1
		for k, name := range jsonFields {
			if strings.EqualFold(key, name) {
				f = k
				break
			}
		}
		switch {
		case f < 0:
			ps.add(line, "", "unknown field %s", shown(key))
			ok = false
			continue
		case seen[f]:
			ps.add(line, jsonFields[f], "is given twice in one row (expected each field once)")
			ok = false
			continue
		}
		seen[f] = true
		switch jsonFields[f] {
		case "level":
			jr.Level = value
			continue
		case "answer":
			jr.Answer = value
			continue
		}
		var text string
		switch value[0] {
		case '"':
			text = jsonString(value)
		case 'n': // null leaves the field empty, as encoding/json does
		default:
			ps.add(line, jsonFields[f], "is a JSON %s (expected a string)", jsonKind(value[0]))
			ok = false
			continue
		}
		switch jsonFields[f] {
		case "department":
			jr.Department = text
		case "assessment":
			jr.Assessment = text
		case "respondent":
			jr.Respondent = text
		case "question":
			jr.Question = text
		case "note":
			jr.Note = text
		}
	}
}

// jsonString decodes a JSON string, quotes included. One without escapes
// that is UTF-8 is its bytes; any other is left to encoding/json, which
// also turns bytes that are not UTF-8 into U+FFFD.
func jsonString(quoted []byte) string {
	body := quoted[1 : len(quoted)-1]
	if bytes.IndexByte(body, '\\') < 0 && utf8.Valid(body) {
		return string(body)
	}
	var s string
	json.Unmarshal(quoted, &s) // cannot fail: the decoder checked the syntax
	return s
}

// jsonKind names the kind of JSON value that starts with b.
func jsonKind(b byte) string {
	switch b {
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "boolean"
	}
	return "number"
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// stringEnd returns the offset after the string that starts at b[i].
func stringEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(b)
}

// skipValue returns the offset after the value that starts at b[i]: a
// string, an object or array (with what it holds), or a number or literal.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				j = stringEnd(b, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return len(b)
	}
	for i < len(b) && !strings.ContainsRune(",}] \t\r\n", rune(b[i])) {
		i++
	}
	return i
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
