package store_test

import (
	"reflect"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

// TestImport_AnswersOutOfOrder: the import holds a respondent's answers
// back and writes them sorted by question; respondents that alternate, and
// answers out of questionnaire and alphabetical order, come back exactly
// as given, with the notes of new respondents, and a second import of the
// same rows finds every one of them stored.
func TestImport_AnswersOutOfOrder(t *testing.T) {
	s := openStore(t)
	const dept, round = "Burgerzaken", "2026-11"
	rows := []store.Row{
		{Department: dept, Assessment: round, Respondent: "Das", Question: "diag-sources", Level: "4"},
		{Department: dept, Assessment: round, Respondent: "Das", Question: "desc-timeliness", Level: "2", Note: "weekcijfers"},
		{Department: dept, Assessment: round, Respondent: "Vos", Question: "desc-timeliness", Level: "5"},
		{Department: dept, Assessment: round, Respondent: "Das", Question: "desc-reporting", Level: "dk"},
		{Department: dept, Assessment: round, Respondent: "Vos", Question: "desc-reporting", Level: "1", Note: "geen rapport"},
		{Department: dept, Assessment: round, Question: "desc-reporting", Note: "Discussie: rapport ontbreekt"},
		{Department: dept, Assessment: round, Respondent: "Vos", Question: "quality", Note: "eigen oordeel", NoteOnDimension: true},
		{Department: dept, Assessment: round, Respondent: "Das", Question: "diag-root-cause", Level: "na"},
	}
	st, err := s.ImportRows(ctx, defaultFile(t), rows)
	if err != nil {
		t.Fatal(err)
	}
	if want := (store.ImportStats{Departments: 1, Assessments: 1, Respondents: 2, Answers: 6, Notes: 4}); !reflect.DeepEqual(st, want) {
		t.Errorf("stats = %+v; want %+v", st, want)
	}
	got, err := s.Rows(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []store.Row{rows[3], rows[1], rows[7], rows[0], rows[4], rows[2], rows[6], rows[5]}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n got %+v\nwant %+v", got, want)
	}
	st, err = s.ImportRows(ctx, defaultFile(t), rows)
	if err != nil {
		t.Fatal(err)
	}
	if want := (store.ImportStats{Unchanged: 6, UnchangedNotes: 4}); !reflect.DeepEqual(st, want) {
		t.Errorf("second import: stats = %+v; want %+v", st, want)
	}
}
