package exchange_test

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/exchange"
	"github.com/maturity-nl/maturity/internal/store"
)

// sampleActions are two actions as the store gives them: one done with
// its history, one agreed before any round.
func sampleActions() []store.Action {
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	return []store.Action{
		{ID: 1, Department: "Burgerzaken", AssessmentID: 3, Round: "2026-11", Dimension: "privacy", Question: "priv-avg-dpia",
			Text: "DPIA-checklist \"invoeren\"", Owner: "informatiemanager", Due: "2027-03-31", Status: store.ActionDone,
			Evidence: "Vastgesteld in het MT", CreatedAt: at, History: []store.ActionChange{
				{At: at, Field: "created", New: "planned"},
				{At: at.Add(time.Hour), Field: "evidence", New: "Vastgesteld in het MT"},
				{At: at.Add(time.Hour), Field: "status", Old: "planned", New: "done"},
			}},
		{ID: 4, Department: "Sport", Dimension: "quality", Text: "Regels opschrijven", Due: "2026-01-31", Status: store.ActionPlanned,
			CreatedAt: at, History: []store.ActionChange{{At: at, Field: "created", New: "planned"}}},
	}
}

// scanAll reads an actions file, collecting what add is given.
func scanAll(t *testing.T, file string, add func(store.Action) error) ([]store.Action, int, error) {
	t.Helper()
	var got []store.Action
	n, err := exchange.ScanActions("acties.json", strings.NewReader(file), func(a store.Action) error {
		got = append(got, a)
		if add != nil {
			return add(a)
		}
		return nil
	})
	return got, n, err
}

// TestWriteActions_ReadBack: what WriteActions writes — the JSON of
// actions list --json — ScanActions reads back as the same actions, and
// IsActions tells it from answers.
func TestWriteActions_ReadBack(t *testing.T) {
	want := sampleActions()
	var b bytes.Buffer
	if err := exchange.WriteActions(&b, want, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "[\n  {\n    \"id\": 1,\n    \"department\": \"Burgerzaken\",\n") ||
		!strings.Contains(b.String(), "\"overdue\": true,\n    \"round\": \"\",\n    \"assessment\": 0,") {
		t.Errorf("JSON:\n%s", b.String())
	}
	if !exchange.IsActions(b.Bytes()) {
		t.Error("IsActions(an export) = false")
	}
	got, n, err := scanAll(t, b.String(), nil)
	if err != nil || n != 2 {
		t.Fatalf("ScanActions: %d, %v", n, err)
	}
	// The assessment number is the other database's: the round is found by
	// its label.
	want[0].AssessmentID = 0
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back:\n got %+v\nwant %+v", got, want)
	}
	var empty bytes.Buffer
	exchange.WriteActions(&empty, nil, time.Time{})
	if empty.String() != "[]\n" {
		t.Errorf("no actions = %q; want []", empty.String())
	}
}

func TestIsActions(t *testing.T) {
	for head, want := range map[string]bool{
		`[{"id": 1, "department": "x"}]`:                                      true,
		"\ufeff [\n {\"department\": \"x\", \"text\": \"y\"":                  true,
		`[{"department": "x", "assessment": "2026-11", "respondent": "Vos"}]`: false,
		`[{"Department": "x", "Level": "3"}]`:                                 false,
		`[{"department": {"nested": [1, 2]}, "history": []}]`:                 true,
		`[{"department": "x"`:                                                 false,
		`[]`:                                                                  false,
		`{"id": 1}`:                                                           false,
		`department,assessment`:                                               false,
	} {
		if got := exchange.IsActions([]byte(head)); got != want {
			t.Errorf("IsActions(%q) = %v; want %v", head, got, want)
		}
	}
}

// TestScanActions_Bad: every problem names the file, the line where the
// action starts, its entry and the field, says what was expected, and
// rejects the file.
func TestScanActions_Bad(t *testing.T) {
	const created = `"created_at": "2026-11-20T10:00:00Z", "history": [{"at": "2026-11-20T10:00:00Z", "field": "created", "old": "", "new": "planned"}]`
	const good = `{"id": 1, "department": "Sport", "dimension": "quality", "text": "Regels", "status": "planned", ` + created + `}`
	for _, c := range []struct {
		name, file string
		want       []string
	}{
		{"empty", "", []string{"acties.json: is empty (expected a JSON array of actions, as maturity actions list --json prints)"}},
		{"not an array", `{"id": 1}`, []string{"acties.json:1: expected a JSON array of actions (not an array)"}},
		{"no actions", `[]`, []string{"acties.json: has no actions (expected one object per action)"}},
		{"not an object", "[\n" + good + ",\n 7\n]", []string{`acties.json:3: entry 2: is not an action object (expected {"id": …, "department": …, …} as maturity actions list --json prints)`}},
		{"wrong types", "[\n" + `{"id": "1", "department": 5, "dimension": "quality", "text": "x", "status": "planned", "overdue": "no", "assessment": -1, ` + created + `}` + "\n]", []string{
			`acties.json:2: entry 1: id: is the string "1" (expected the action's number, a whole number from 1)`,
			`acties.json:2: entry 1: department: is a JSON number (expected a string)`,
			`acties.json:2: entry 1: overdue: is the string "no" (expected true or false)`,
			`acties.json:2: entry 1: assessment: is -1 (expected a round's number, 0 for none)`,
		}},
		{"unknown and missing", `[{"id": 2, "colour": "red", "department": "Sport", "status": "planned", ` + created + `}]`, []string{
			`acties.json:1: entry 1: "colour": is not a field of an action (expected id, department, dimension, question, text, owner, due, status, overdue, round, assessment, evidence, reason, created_at, history)`,
			`acties.json:1: entry 1: dimension: is missing (expected every field that maturity actions list --json prints)`,
			`acties.json:1: entry 1: text: is missing (expected every field that maturity actions list --json prints)`,
		}},
		{"twice", `[{"id": 2, "text": "a", "Text": "b"}]`, []string{`acties.json:1: entry 1: text: is given twice in one action (expected each field once)`}},
		{"same number twice", "[\n" + good + ",\n" + good + "\n]", []string{`acties.json:3: entry 2: id: 1 is given twice (first in entry 1; expected each action once)`}},
		{"bad date", `[` + strings.Replace(good, `"text"`, `"due": "2027-02-30", "text"`, 1) + `]`,
			[]string{`acties.json:1: entry 1: due: "2027-02-30" is not a date (expected YYYY-MM-DD, e.g. 2027-03-31, or "" for none)`}},
		{"bad status", `[` + strings.Replace(good, `"planned", "created_at"`, `"klaar", "created_at"`, 1) + `]`,
			[]string{`acties.json:1: entry 1: status: "klaar" is not a status (expected planned, in_progress, done or dropped)`}},
		{"history inconsistent with status", `[` + strings.Replace(good, `"status": "planned"`, `"status": "done", "evidence": "MT"`, 1) + `]`,
			[]string{`acties.json:1: entry 1: status: is "done", but its history ends at "planned" (expected the value of the last change)`}},
		{"history of wrong type", `[{"id": 1, "department": "Sport", "dimension": "quality", "text": "x", "status": "planned", "created_at": "2026-11-20T10:00:00Z", "history": [{"at": 5, "field": "created", "new": ["planned"]}]}]`, []string{
			`acties.json:1: entry 1: history[0].at: is 5 (expected a time as RFC 3339, e.g. 2026-11-20T14:05:00Z)`,
			`acties.json:1: entry 1: history[0].new: is a JSON array (expected a string)`,
		}},
		{"bad time", `[` + strings.Replace(good, `"created_at": "2026-11-20T10:00:00Z"`, `"created_at": "20 november"`, 1) + `]`,
			[]string{`acties.json:1: entry 1: created_at: is the string "20 november" (expected a time as RFC 3339, e.g. 2026-11-20T14:05:00Z)`}},
		{"deep", `[` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `]`, []string{"acties.json:1: is nested too deeply (expected an action object, as maturity actions list --json prints)"}},
		{"more after the array", "[" + good + "]\n[]", []string{"acties.json:2: has more after the array (expected one JSON array of actions and nothing else)"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := scanAll(t, c.file, nil)
			var xe *exchange.Error
			if !errors.As(err, &xe) {
				t.Fatalf("err = %v; want an *exchange.Error", err)
			}
			lines := strings.Split(err.Error(), "\n")
			if last := lines[len(lines)-1]; last != "acties.json: rejected: nothing was imported" {
				t.Errorf("last line = %q", last)
			}
			for _, w := range c.want {
				found := false
				for _, l := range lines {
					found = found || strings.HasPrefix(l, w)
				}
				if !found {
					t.Errorf("no line starts %q:\n%s", w, err)
				}
			}
			if len(lines) != len(c.want)+1 {
				t.Errorf("%d problems; want %d:\n%s", len(lines)-1, len(c.want), err)
			}
		})
	}
}

// TestScanActions_Limits: an action larger than MaxActionBytes, or with a
// history longer than MaxActionHistory, is refused before it is decoded.
func TestScanActions_Limits(t *testing.T) {
	big := `[{"id": 1, "text": "` + strings.Repeat("x", exchange.MaxActionBytes) + `"}]`
	_, _, err := scanAll(t, big, nil)
	if err == nil || !strings.HasPrefix(err.Error(), "acties.json:1: has a row longer than 4194304 bytes (expected an action with texts of at most 10000 characters and a history of at most 1000 changes)") {
		t.Errorf("big action: %v", err)
	}
	change := `{"at": "2026-11-20T10:00:00Z", "field": "created", "old": "", "new": "planned"},`
	long := `[{"id": 1, "history": [` + strings.Repeat(change, exchange.MaxActionHistory+1) + `{}]}]`
	_, _, err = scanAll(t, long, nil)
	if err == nil || !strings.HasPrefix(err.Error(), "acties.json:1: entry 1: history[1000]: is one change too many (expected at most 1000 changes of one action)") {
		t.Errorf("long history: %v", err)
	}
}

// TestScanActions_StoreProblems: what the store refuses (an unknown
// department) is listed like the file's own problems, and reading goes on
// to list every bad action.
func TestScanActions_StoreProblems(t *testing.T) {
	var b bytes.Buffer
	exchange.WriteActions(&b, sampleActions(), time.Time{})
	_, n, err := scanAll(t, b.String(), func(a store.Action) error {
		return &store.ActionEntryError{Field: "department", Message: "unknown department " + a.Department}
	})
	want := "acties.json:2: entry 1: department: unknown department Burgerzaken\n" +
		"acties.json:38: entry 2: department: unknown department Sport\n" +
		"acties.json: rejected: nothing was imported"
	if n != 2 || err == nil || err.Error() != want {
		t.Errorf("got %d, %v; want\n%s", n, err, want)
	}
	// An error of the store's own stops the reading.
	failed := errors.New("disk full")
	if _, _, err := scanAll(t, b.String(), func(store.Action) error { return failed }); !errors.Is(err, failed) {
		t.Errorf("store failure = %v", err)
	}
}
