package store_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

// fileHash is the database file and its write-ahead log, hashed.
func fileHash(t *testing.T, s *store.Store) string {
	t.Helper()
	h := sha256.New()
	for _, p := range []string{s.Path(), s.Path() + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		h.Write(b)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestImport_Changes: an import that gives a respondent another answer or
// another note than the stored one is refused whole with ECHANGES and every
// change listed; the database stays byte for byte as it was. With Replace
// it replaces them; the same file again writes nothing at all.
func TestImport_Changes(t *testing.T) {
	s := openStore(t)
	file := defaultFile(t)
	if _, err := s.ImportRows(ctx, file, sampleRows); err != nil {
		t.Fatal(err)
	}
	before := fileHash(t, s)

	// The same rows again: all stored as they are, nothing written.
	st, err := s.ImportRows(ctx, file, sampleRows)
	if want := (store.ImportStats{Unchanged: 4, UnchangedNotes: 4}); err != nil || !reflect.DeepEqual(st, want) {
		t.Errorf("the same rows again: %+v, %v; want %+v", st, err, want)
	}
	if fileHash(t, s) != before {
		t.Error("importing the same rows again changed the database")
	}

	changed := append([]store.Row(nil), sampleRows...)
	changed[0].Level, changed[0].Note = "4", "weekdashboard" // Das, desc-reporting: 2 → 4, and the note
	changed[2].Level = "dk"                                  // Vos, desc-reporting: 3 → dk
	changed = append(changed, store.Row{Department: "Burgerzaken", Assessment: "2025-10", Respondent: "Vos", Question: "desc-timeliness", Level: "5"})
	_, err = s.ImportRows(ctx, file, changed)
	var serr *store.Error
	if store.ErrorCode(err) != store.ECHANGES || !asError(err, &serr) {
		t.Fatalf("error = %v; want ECHANGES", err)
	}
	want := []store.Change{
		{Department: "Burgerzaken", Round: "2025-10", Respondent: "Das", Question: "desc-reporting", Stored: "2", Given: "4", Closed: true},
		{Department: "Burgerzaken", Round: "2025-10", Respondent: "Das", Question: "desc-reporting", Note: true, Stored: "maanddashboard", Given: "weekdashboard", Closed: true},
		{Department: "Burgerzaken", Round: "2025-10", Respondent: "Vos", Question: "desc-reporting", Stored: "3", Given: "dk", Closed: true},
	}
	if !reflect.DeepEqual(serr.Changes, want) || serr.MoreChanges != 0 || err.Error() != "the file would change 2 answers and 1 notes stored already; nothing was imported" {
		t.Errorf("changes = %+v (%d more), %q\nwant %+v", serr.Changes, serr.MoreChanges, err, want)
	}
	if fileHash(t, s) != before {
		t.Error("a refused import changed the database")
	}

	// With Replace: two answers and a note replaced, one answer new, the
	// closed round named.
	st, err = s.Import(ctx, file, store.ImportOptions{Replace: true}, func(add func(store.Row)) error {
		for _, r := range changed {
			add(r)
		}
		return nil
	})
	if want := (store.ImportStats{Answers: 1, Replaced: 2, ReplacedNotes: 1, Unchanged: 2, UnchangedNotes: 3, Closed: []string{"Burgerzaken, 2025-10"}}); err != nil || !reflect.DeepEqual(st, want) {
		t.Errorf("with Replace: %+v, %v; want %+v", st, err, want)
	}
	rows, _ := s.Rows(ctx, "burgerzaken")
	var got []string
	for _, r := range rows {
		got = append(got, r.Respondent+" "+r.Question+" "+r.Level+" "+r.Note)
	}
	if w := "Das desc-reporting 4 weekdashboard|Das desc-timeliness dk |Vos desc-reporting dk |Vos desc-timeliness 5 |Vos diag-sources  alleen een opmerking|" +
		" desc-reporting  Discussie: rapport is er, gebruik niet| quality  Besloten: niveau 2"; strings.Join(got, "|") != w {
		t.Errorf("after replacing:\n%s\nwant\n%s", strings.Join(got, "|"), w)
	}
}

// TestImport_RevoteUnchanged: a workshop round's export carries the re-vote
// where there is one; importing it back finds every answer as it is, and
// a changed one is compared with the re-vote and replaces the re-vote.
func TestImport_RevoteUnchanged(t *testing.T) {
	s := openStore(t)
	if _, err := s.CreateDepartment(ctx, "Wijkteams", ""); err != nil {
		t.Fatal(err)
	}
	a, err := s.StartAssessment(ctx, store.StartOptions{Department: "Wijkteams", Questionnaire: defaultFile(t), Mode: store.ModeWorkshop, Round: "2026-03"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Respondent(ctx, a.ID, "anna")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"desc-reporting", "desc-timeliness"} {
		if err := s.SaveAnswer(ctx, r.ID, q, "2"); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetPhase(ctx, a.ID, store.PhaseRevote, []string{"desc-reporting"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnswer(ctx, r.ID, "desc-reporting", "4"); err != nil {
		t.Fatal(err)
	}
	rows, err := s.Rows(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	before := fileHash(t, s)
	st, err := s.ImportRows(ctx, defaultFile(t), rows)
	if err != nil || st.Unchanged != 2 || st.Answers != 0 {
		t.Errorf("the export imported back: %+v, %v; want 2 answers stored as they are", st, err)
	}
	if fileHash(t, s) != before {
		t.Error("importing the export back changed the database")
	}
	rows[0].Level = "5"
	_, err = s.Import(ctx, defaultFile(t), store.ImportOptions{Replace: true}, func(add func(store.Row)) error {
		add(rows[0])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.LoadAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := answersText(d.Answers); got != "anna desc-reporting 5 (2)|anna desc-timeliness 2 (1)" {
		t.Errorf("answers = %s; want the re-vote replaced", got)
	}
	if got := answersText(d.FirstVotes); got != "anna desc-reporting 2 (1)" {
		t.Errorf("first votes = %s; want the first vote kept", got)
	}
}

// TestImport_ManyChanges: the error lists the first 200 changes and counts
// the others.
func TestImport_ManyChanges(t *testing.T) {
	s := openStore(t)
	q := defaultFile(t)
	var rows []store.Row
	for i := 0; i < 250; i++ {
		rows = append(rows, store.Row{Department: "A", Assessment: "1", Respondent: fmt.Sprint("r", i), Question: "desc-reporting", Level: "1"})
	}
	if _, err := s.ImportRows(ctx, q, rows); err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		rows[i].Level = "2"
	}
	_, err := s.ImportRows(ctx, q, rows)
	var serr *store.Error
	if !asError(err, &serr) || len(serr.Changes) != 200 || serr.MoreChanges != 50 || !strings.Contains(err.Error(), "would change 250 answers and 0 notes") {
		t.Errorf("error = %v", err)
	}
}

// TestNames: names with control characters, direction overrides or more
// than MaxNameRunes characters are refused wherever they are made; notes
// longer than MaxNoteRunes or with a NUL too.
func TestNames(t *testing.T) {
	s := openStore(t)
	long := strings.Repeat("é", store.MaxNameRunes+1)
	for _, c := range []struct {
		name, want string
	}{
		{"Wmo\x1b]0;pwned\x07", "a department's name contains the control character U+001B at character 4 (expected printable text: no escape codes, tabs or line breaks)"},
		{"Wmo\u202eoknaB", "a department's name contains the control character U+202E at character 4 (expected printable text: no escape codes, tabs or line breaks)"},
		{"Wmo\tNoord", "a department's name contains the control character U+0009 at character 4 (expected printable text: no escape codes, tabs or line breaks)"},
		{long, "a department's name is 201 characters long (expected at most 200)"},
	} {
		_, err := s.CreateDepartment(ctx, c.name, "")
		if store.ErrorCode(err) != store.EINVALID || err.Error() != c.want {
			t.Errorf("CreateDepartment(%q) = %v; want %s", c.name, err, c.want)
		}
	}
	if _, err := s.CreateDepartment(ctx, strings.Repeat("é", store.MaxNameRunes), ""); err != nil {
		t.Errorf("a name of %d characters: %v", store.MaxNameRunes, err)
	}
	d, err := s.CreateDepartment(ctx, "Wmo", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RenameDepartment(ctx, d.Name, "Wmo\x1b[2J"); store.ErrorCode(err) != store.EINVALID {
		t.Errorf("rename to an escape code: %v", err)
	}
	a, err := s.StartAssessment(ctx, store.StartOptions{Department: "Wmo", Questionnaire: defaultFile(t), Mode: store.ModeSelf, Round: "2026\x00"})
	if err == nil || err.Error() != "a round's label contains the control character U+0000 at character 5 (expected printable text: no escape codes, tabs or line breaks)" {
		t.Errorf("a round label with NUL: %+v, %v", a, err)
	}
	a, err = s.StartAssessment(ctx, store.StartOptions{Department: "Wmo", Questionnaire: defaultFile(t), Mode: store.ModeSelf})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Respondent(ctx, a.ID, "anna\u009b31m"); err == nil || err.Error() != "a respondent's alias contains the control character U+009B at character 5 (expected printable text: no escape codes, tabs or line breaks)" {
		t.Errorf("an alias with a C1 control: %v", err)
	}
	r, err := s.Respondent(ctx, a.ID, "anna")
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		strings.Repeat("x", store.MaxNoteRunes+1): "a note is 10001 characters long (expected at most 10000)",
		"a\x00b": "a note contains a NUL character (expected text)",
	} {
		err := s.SaveNote(ctx, store.NoteInput{AssessmentID: a.ID, RespondentID: r.ID, Question: "desc-reporting", Text: text})
		if err == nil || err.Error() != want {
			t.Errorf("note of %d bytes: %v; want %s", len(text), err, want)
		}
	}
	if err := s.SaveNote(ctx, store.NoteInput{AssessmentID: a.ID, RespondentID: r.ID, Question: "desc-reporting", Text: "twee\nregels\tmet tab"}); err != nil {
		t.Errorf("a note with a line break and a tab: %v", err)
	}
	// The import checks what it creates too.
	_, err = s.ImportRows(ctx, defaultFile(t), []store.Row{{Department: "Nieuw\x1b[2J", Assessment: "1", Respondent: "r", Question: "desc-reporting", Level: "1"}})
	if store.ErrorCode(err) != store.EINVALID || !strings.HasPrefix(err.Error(), "a department's name contains the control character U+001B") {
		t.Errorf("import of a name with an escape code: %v", err)
	}
}

func asError(err error, target **store.Error) bool {
	e, ok := err.(*store.Error)
	if ok {
		*target = e
	}
	return ok
}
