package exchange_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/exchange"
	"github.com/maturity-nl/maturity/internal/store"
)

// FuzzReadCSV: the CSV reader never panics, and what it accepts writes back
// and reads again to the same rows.
func FuzzReadCSV(f *testing.F) {
	q := defaultQuestionnaire(f)
	f.Add([]byte(header + "Burgerzaken,2026-11,Vos,desc-reporting,3,note\n"))
	f.Add([]byte("\xef\xbb\xbfdepartment;assessment;respondent;question;level;note\nA;1;r;desc-reporting;dk;\n;;;quality;;x\n"))
	f.Add([]byte("department,assessment,respondent,question,answer,note\nA,1,r,desc-reporting,0,\nA,1,r,desc-timeliness,4,\n"))
	f.Add([]byte(header + "A,1,r,desc-reporting,\"2\",\"multi\nline\"\nA,1,,quality,,n\n"))
	f.Add([]byte("\x00\x01garbage"))
	f.Fuzz(func(t *testing.T, src []byte) {
		rows, err := exchange.ReadCSV("fuzz.csv", bytes.NewReader(src), q)
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := exchange.WriteCSV(&out, rows); err != nil {
			t.Fatal(err)
		}
		again, err := exchange.ReadCSV("again.csv", &out, q)
		if err != nil {
			t.Fatalf("rows read from a file do not read back: %v", err)
		}
		if len(again) != len(rows) {
			t.Fatalf("%d rows became %d", len(rows), len(again))
		}
		for i := range rows {
			if rows[i] != again[i] {
				t.Fatalf("row %d: %+v became %+v", i, rows[i], again[i])
			}
		}
	})
}

// FuzzReadJSON: the JSON reader never panics, and what it accepts writes
// back and reads again to the same rows.
func FuzzReadJSON(f *testing.F) {
	q := defaultQuestionnaire(f)
	f.Add([]byte(`[{"department": "A", "assessment": "1", "respondent": "r", "question": "desc-reporting", "level": 3, "note": "n"}]`))
	f.Add([]byte(`[{"department": "A", "assessment": "1", "respondent": "r", "question": "desc-reporting", "answer": 0}]`))
	f.Add([]byte(`[{"department": "A", "assessment": "1", "question": "quality", "note": "x"}, {"answer": "dk"}]`))
	f.Add([]byte("\xef\xbb\xbf[]"))
	f.Add([]byte(`[{"department": "A", "assessment": "1", "respondent": "r", "question": "desc-reporting", "level": 3, "Level": 4}]`))
	f.Add([]byte(`[{"department": "A\u0000", "assessment": "1", "respondent": "r", "question": "desc-reporting", "level": 3, "note": "\u001b[2J"}]`))
	f.Fuzz(func(t *testing.T, src []byte) {
		rows, err := exchange.ReadJSON("fuzz.json", bytes.NewReader(src), q)
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := exchange.WriteJSON(&out, rows); err != nil {
			t.Fatal(err)
		}
		again, err := exchange.ReadJSON("again.json", &out, q)
		if err != nil || len(again) != len(rows) {
			t.Fatalf("rows read from a file do not read back: %d rows, %v", len(again), err)
		}
		for i := range rows {
			if rows[i] != again[i] {
				t.Fatalf("row %d: %+v became %+v", i, rows[i], again[i])
			}
		}
	})
}

// FuzzScanJSON: the streaming JSON reader agrees with encoding/json. What
// it accepts is valid JSON, an array with one element per row it gave,
// each an object without a field twice whose texts are the rows' (trimmed,
// as the check trims them), and no text holds a NUL or a control
// character where a name goes.
func FuzzScanJSON(f *testing.F) {
	q := defaultQuestionnaire(f)
	f.Add([]byte(`[{"department": "A", "assessment": "1", "respondent": "r", "question": "desc-reporting", "level": 3, "note": "n"},
 {"department": " B ", "assessment": "2", "question": "quality", "note": "x, \"y\" }"}]`))
	f.Add([]byte(`[{"DEPARTMENT": "A", "assessment": "1", "respondent": "r", "question": "desc-reporting", "level": "dk", "x": null}]`))
	f.Add([]byte(`[{"department": "A", "assessment": "1", "respondent": "r", "question": "desc-reporting", "answer": 0, "note": "\ud83d\ude00"}]`))
	f.Add([]byte(`[{"department": "A", "aſſessment": "1", "respondent": "r", "question": "desc-reporting", "level": 2}] `))
	f.Add([]byte("\xef\xbb\xbf[\n{\"department\": \"A\", \"assessment\": \"1\", \"respondent\": \"r\", \"question\": \"desc-reporting\", \"level\": 1}\n]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var rows []store.Row
		err := exchange.ScanJSON("fuzz.json", bytes.NewReader(src), q, func(r store.Row) { rows = append(rows, r) })
		if err != nil {
			return
		}
		body := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
		if !json.Valid(body) {
			t.Fatalf("accepted JSON that encoding/json calls invalid: %q", src)
		}
		var elems []json.RawMessage
		if err := json.Unmarshal(body, &elems); err != nil || len(elems) != len(rows) {
			t.Fatalf("%d rows from an array encoding/json reads as %d elements (%v)", len(rows), len(elems), err)
		}
		for i, e := range elems {
			var fields map[string]json.RawMessage
			if err := json.Unmarshal(e, &fields); err != nil {
				t.Fatalf("row %d is not an object: %s", i, e)
			}
			folded := map[string]bool{}
			for k := range fields {
				if folded[strings.ToLower(k)] {
					t.Fatalf("row %d has a field twice: %s", i, e)
				}
				folded[strings.ToLower(k)] = true
			}
			var want struct{ Department, Assessment, Respondent, Question, Note string }
			if err := json.Unmarshal(e, &want); err != nil {
				t.Fatalf("row %d: %v", i, err)
			}
			r := rows[i]
			if got := [5]string{r.Department, r.Assessment, r.Respondent, r.Question, r.Note}; got != [5]string{strings.TrimSpace(want.Department), strings.TrimSpace(want.Assessment),
				strings.TrimSpace(want.Respondent), strings.TrimSpace(want.Question), strings.TrimSpace(want.Note)} {
				t.Fatalf("row %d = %q; encoding/json reads %+v", i, got, want)
			}
			for _, name := range []string{r.Department, r.Assessment, r.Respondent} {
				if store.CheckName(name) != nil {
					t.Fatalf("row %d: accepted the name %q", i, name)
				}
			}
			if strings.ContainsRune(r.Note, 0) {
				t.Fatalf("row %d: accepted a note with NUL", i)
			}
		}
	})
}
