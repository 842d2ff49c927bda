package exchange_test

import (
	"bytes"
	"testing"

	"github.com/maturity-nl/maturity/internal/exchange"
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
