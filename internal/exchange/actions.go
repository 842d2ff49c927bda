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
	"time"

	"github.com/maturity-nl/maturity/internal/store"
)

// Limits of an actions file, beside MaxFileSize.
const (
	// MaxActions is the most actions one file may hold: a municipality
	// agrees hundreds, and the numbers of a file's actions are kept in
	// memory to find one given twice.
	MaxActions = 50_000
	// MaxActionBytes bounds one action with its history (4 MiB). A text, evidence
	// or reason of store.MaxNoteRunes characters fits, with dozens of
	// changes of them.
	MaxActionBytes = 4 << 20
	// MaxActionHistory is the most changes one action's history may hold.
	MaxActionHistory = 1000
)

// The JSON of an action: the array `maturity actions list --json` prints
// and `export --actions` writes, and that `import` reads back. Its shape
// is documented in the README; change it only by adding fields.
type (
	actionDoc struct {
		ID         int64        `json:"id"`
		Department string       `json:"department"`
		Dimension  string       `json:"dimension"`
		Question   string       `json:"question"`
		Text       string       `json:"text"`
		Owner      string       `json:"owner"`
		Due        string       `json:"due"`
		Status     string       `json:"status"`
		Overdue    bool         `json:"overdue"`
		Round      string       `json:"round"`
		Assessment int64        `json:"assessment"`
		Evidence   string       `json:"evidence"`
		Reason     string       `json:"reason"`
		CreatedAt  string       `json:"created_at"`
		History    []historyDoc `json:"history"`
	}
	historyDoc struct {
		At    string `json:"at"`
		Field string `json:"field"`
		Old   string `json:"old"`
		New   string `json:"new"`
	}
)

// actionFields are the fields of an action object, and historyDocFields
// those of a change.
var (
	actionFields     = []string{"id", "department", "dimension", "question", "text", "owner", "due", "status", "overdue", "round", "assessment", "evidence", "reason", "created_at", "history"}
	historyDocFields = []string{"at", "field", "old", "new"}
)

// WriteActions writes actions as a JSON array, each with whether it is
// overdue on the day of now: the output of `actions list --json`.
func WriteActions(w io.Writer, actions []store.Action, now time.Time) error {
	docs := make([]actionDoc, 0, len(actions))
	for _, a := range actions {
		d := actionDoc{ID: a.ID, Department: a.Department, Dimension: a.Dimension, Question: a.Question, Text: a.Text, Owner: a.Owner,
			Due: a.Due, Status: string(a.Status), Overdue: a.Overdue(now), Round: a.Round, Assessment: a.AssessmentID,
			Evidence: a.Evidence, Reason: a.Reason, CreatedAt: a.CreatedAt.Format(time.RFC3339), History: []historyDoc{}}
		for _, c := range a.History {
			d.History = append(d.History, historyDoc{At: c.At.Format(time.RFC3339), Field: c.Field, Old: c.Old, New: c.New})
		}
		docs = append(docs, d)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(docs); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

// actionsPeek is how much of a JSON file IsActions looks at.
const actionsPeek = 64 << 10

// IsActions reports whether a JSON file that starts with head is an
// actions file rather than answers: the first object's first field that
// only one of the two has decides. A file it cannot tell is answers.
func IsActions(head []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(head, bom)))
	for _, want := range []json.Delim{'[', '{'} {
		if t, err := dec.Token(); err != nil || t != want {
			return false
		}
	}
	for {
		t, err := dec.Token()
		key, ok := t.(string)
		if err != nil || !ok {
			return false
		}
		switch strings.ToLower(key) {
		case "respondent", "level", "answer", "note":
			return false
		case "department", "assessment", "question":
		default:
			for _, f := range actionFields {
				if strings.EqualFold(key, f) {
					return true
				}
			}
			return false
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return false
		}
	}
}

// PeekActions reports whether the JSON file r reads is an actions file,
// without taking anything from r.
func PeekActions(r *bufio.Reader) bool {
	head, _ := r.Peek(actionsPeek)
	return IsActions(head)
}

// ScanActions reads an actions file — the JSON array of `actions list
// --json` — and hands each action that is good on its own to add, which
// stores it or returns a *store.ActionEntryError. The file streams
// through: one action is held at a time. It returns how many actions the
// file holds, and every problem, each with the line the action starts on,
// its place in the array and the field at fault; an error of add that is
// not an entry's stops the reading and is returned as it is.
//
// Each field is checked for its JSON type; overdue is computed, so a file
// may say anything there, and assessment is the number of the round in
// the database the file came from: the round is found by its label.
func ScanActions(name string, r io.Reader, add func(store.Action) error) (int, error) {
	g := newGuard(r, true)
	g.maxRow = MaxActionBytes
	g.tooLong = fmt.Sprintf("an action with texts of at most %d characters and a history of at most %d changes", store.MaxNoteRunes, MaxActionHistory)
	ps := &problems{}
	dec, ok := openArray(g, ps, "actions, as maturity actions list --json prints", "actions")
	if !ok {
		return 0, ps.err(name)
	}
	ids := map[int64]int{} // the entry each number was first given in
	n := 0
	for !ps.full() && dec.More() {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		line := g.nextRow()
		if err != nil {
			switch {
			case guardProblem(ps, err):
			case strings.Contains(err.Error(), "exceeded max depth"):
				ps.add(line, "", "is nested too deeply (expected an action object, as maturity actions list --json prints)")
			default:
				ps.add(line, "", "%s", jsonErr(err, "not an action object"))
			}
			return n, ps.err(name)
		}
		n++
		at := fmt.Sprintf("entry %d", n)
		if n > MaxActions {
			ps.add(line, at, "is one action too many (expected at most %d in one file: split it)", MaxActions)
			return n, ps.err(name)
		}
		a, ok := decodeAction(raw, line, at, ps)
		if !ok {
			continue
		}
		if first, twice := ids[a.ID]; twice {
			ps.add(line, at+": id", "%d is given twice (first in entry %d; expected each action once)", a.ID, first)
			continue
		}
		ids[a.ID] = n
		if err := add(a); err != nil {
			var ee *store.ActionEntryError
			if !errors.As(err, &ee) {
				return n, err
			}
			ps.add(line, at+": "+ee.Field, "%s", ee.Message)
		}
	}
	if ps.full() {
		return n, ps.err(name)
	}
	closeArray(g, dec, ps, "actions")
	return n, ps.done(name, n, "has no actions (expected one object per action)")
}

// jsonObject walks the fields of a JSON object that the decoder found
// well-formed, handing each name and value to field; a name matches one of
// names as encoding/json matches it, ignoring case. It returns the first
// name given twice (which encoding/json would keep the last of, silently)
// and stops there, and reports whether raw is an object. The walk needs no
// checks of its own, raw being valid JSON, and is several times faster
// than a json.Decoder's tokens.
func jsonObject(raw []byte, names []string, field func(name string, value json.RawMessage)) (twice string, ok bool) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return "", false
	}
	var seen []string
	for i++; ; {
		i = skipSpace(raw, i)
		if i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
		if i >= len(raw) || raw[i] == '}' {
			return "", true
		}
		end := stringEnd(raw, i)
		name := jsonString(raw[i:end])
		i = skipSpace(raw, skipSpace(raw, end)+1) // past the colon
		valueEnd := skipValue(raw, i)
		value := raw[i:valueEnd]
		i = valueEnd
		for _, n := range names {
			if strings.EqualFold(name, n) {
				name = n
				break
			}
		}
		for _, s := range seen {
			if s == name {
				return name, true
			}
		}
		seen = append(seen, name)
		field(name, value)
	}
}

// jsonArray hands each element of a JSON array that the decoder found
// well-formed to element, until element returns false; it reports whether
// raw is an array.
func jsonArray(raw []byte, element func(value json.RawMessage) bool) bool {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '[' {
		return false
	}
	for i++; ; {
		i = skipSpace(raw, i)
		if i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
		if i >= len(raw) || raw[i] == ']' {
			return true
		}
		end := skipValue(raw, i)
		if !element(raw[i:end]) {
			return true
		}
		i = end
	}
}

// decodeAction reads one element of the array as an action, adding a
// problem for each field of the wrong type, unknown or missing.
func decodeAction(raw []byte, line int, at string, ps *problems) (store.Action, bool) {
	var a store.Action
	ok := true
	bad := func(field, format string, args ...any) {
		ps.add(line, at+": "+field, format, args...)
		ok = false
	}
	given := map[string]bool{}
	twice, isObject := jsonObject(raw, actionFields, func(name string, v json.RawMessage) {
		given[name] = true
		switch name {
		case "id":
			if id, good := jsonInt(v); good && id >= 1 {
				a.ID = id
			} else {
				bad(name, "is %s (expected the action's number, a whole number from 1)", jsonShown(v))
			}
		case "assessment":
			if id, good := jsonInt(v); !(good && id >= 0) && !isNull(v) {
				bad(name, "is %s (expected a round's number, 0 for none)", jsonShown(v))
			}
		case "overdue":
			if s := string(v); s != "true" && s != "false" && !isNull(v) {
				bad(name, "is %s (expected true or false)", jsonShown(v))
			}
		case "history":
			if h, good := decodeHistory(v, line, at, ps); good {
				a.History = h
			} else {
				ok = false
			}
		case "created_at":
			if t, good := jsonTime(v); good {
				a.CreatedAt = t
			} else {
				bad(name, "is %s (expected a time as RFC 3339, e.g. 2026-11-20T14:05:00Z)", jsonShown(v))
			}
		default:
			s, good := jsonText(v)
			if !good {
				if isKnown(name, actionFields) {
					bad(name, "is a JSON %s (expected a string)", jsonKind(v[0]))
				} else {
					bad(shownName(name), "is not a field of an action (expected %s)", strings.Join(actionFields, ", "))
				}
				return
			}
			switch name {
			case "department":
				a.Department = s
			case "dimension":
				a.Dimension = s
			case "question":
				a.Question = s
			case "text":
				a.Text = s
			case "owner":
				a.Owner = s
			case "due":
				a.Due = s
			case "status":
				a.Status = store.ActionStatus(s)
			case "round":
				a.Round = s
			case "evidence":
				a.Evidence = s
			case "reason":
				a.Reason = s
			default:
				bad(shownName(name), "is not a field of an action (expected %s)", strings.Join(actionFields, ", "))
			}
		}
	})
	switch {
	case !isObject:
		ps.add(line, at, "is not an action object (expected {\"id\": …, \"department\": …, …} as maturity actions list --json prints)")
		return a, false
	case twice != "":
		ps.add(line, at+": "+shownName(twice), "is given twice in one action (expected each field once)")
		return a, false
	}
	for _, f := range []string{"id", "department", "dimension", "text", "status", "created_at", "history"} {
		if !given[f] {
			bad(f, "is missing (expected every field that maturity actions list --json prints)")
		}
	}
	if !ok {
		return a, false
	}
	if err := store.CheckImportedAction(a); err != nil {
		var ee *store.ActionEntryError
		if errors.As(err, &ee) {
			ps.add(line, at+": "+ee.Field, "%s", ee.Message)
			return a, false
		}
		ps.add(line, at, "%s", err.Error())
		return a, false
	}
	return a, true
}

// decodeHistory reads an action's history: an array of changes.
func decodeHistory(v json.RawMessage, line int, at string, ps *problems) ([]store.ActionChange, bool) {
	out := []store.ActionChange{}
	ok := true
	i := 0
	isArray := jsonArray(v, func(raw json.RawMessage) bool {
		field := fmt.Sprintf("%s: history[%d]", at, i)
		if i == MaxActionHistory {
			ps.add(line, field, "is one change too many (expected at most %d changes of one action)", MaxActionHistory)
			ok = false
			return false
		}
		i++
		var c store.ActionChange
		given := map[string]bool{}
		twice, isObject := jsonObject(raw, historyDocFields, func(name string, v json.RawMessage) {
			given[name] = true
			if name == "at" {
				t, good := jsonTime(v)
				if !good {
					ps.add(line, field+".at", "is %s (expected a time as RFC 3339, e.g. 2026-11-20T14:05:00Z)", jsonShown(v))
					ok = false
				}
				c.At = t
				return
			}
			s, good := jsonText(v)
			switch {
			case !isKnown(name, historyDocFields):
				ps.add(line, field+"."+shownName(name), "is not a field of a change (expected at, field, old and new)")
				ok = false
			case !good:
				ps.add(line, field+"."+name, "is a JSON %s (expected a string)", jsonKind(v[0]))
				ok = false
			case name == "field":
				c.Field = s
			case name == "old":
				c.Old = s
			case name == "new":
				c.New = s
			}
		})
		switch {
		case !isObject:
			ps.add(line, field, "is %s (expected a change {\"at\", \"field\", \"old\", \"new\"})", jsonShown(raw))
			ok = false
			return true
		case twice != "":
			ps.add(line, field+"."+shownName(twice), "is given twice in one change (expected each field once)")
			ok = false
			return true
		}
		for _, f := range []string{"at", "field"} {
			if !given[f] {
				ps.add(line, field+"."+f, "is missing (expected at, field, old and new)")
				ok = false
			}
		}
		out = append(out, c)
		return true
	})
	if !isArray {
		ps.add(line, at+": history", "is %s (expected an array of changes, each {\"at\", \"field\", \"old\", \"new\"})", jsonShown(v))
		return nil, false
	}
	return out, ok
}

func isKnown(name string, names []string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

func isNull(v json.RawMessage) bool { return string(v) == "null" }

// jsonText reads a JSON string; null reads as "", as encoding/json reads it.
func jsonText(v json.RawMessage) (string, bool) {
	switch {
	case isNull(v):
		return "", true
	case len(v) > 0 && v[0] == '"':
		return jsonString(v), true
	}
	return "", false
}

// jsonInt reads a JSON whole number.
func jsonInt(v json.RawMessage) (int64, bool) {
	n, err := strconv.ParseInt(string(v), 10, 64)
	return n, err == nil
}

// jsonTime reads a time written as an RFC 3339 string.
func jsonTime(v json.RawMessage) (time.Time, bool) {
	s, ok := jsonText(v)
	if !ok || s == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, s)
	return t.UTC(), err == nil
}

// jsonShown quotes a JSON value for a message, cut as shown cuts a text.
func jsonShown(v json.RawMessage) string {
	if len(v) > 0 && v[0] == '"' {
		return "the string " + shown(jsonString(v))
	}
	if len(v) > 0 && (v[0] == '{' || v[0] == '[') {
		return "a JSON " + jsonKind(v[0])
	}
	// A number or a literal: valid JSON, so nothing a terminal acts on.
	if len(v) > maxShownRunes {
		return string(v[:maxShownRunes]) + "…"
	}
	return string(v)
}

// shownName is a field name from a file as a message shows it: quoted
// and cut when it is not one of ours.
func shownName(name string) string {
	if isKnown(name, actionFields) || isKnown(name, historyDocFields) {
		return name
	}
	return shown(name)
}
