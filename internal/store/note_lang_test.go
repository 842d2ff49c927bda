package store_test

import (
	"path/filepath"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

// TestNoteService_Lang: a note keeps the language of the screen it was
// written on, editing it takes the editor's, and a note whose language is
// not known (written before migration 0007, or imported) reads as "".
func TestNoteService_Lang(t *testing.T) {
	langs := func(t *testing.T, s *store.Store, id int64) map[string]string {
		t.Helper()
		data, err := s.LoadAssessment(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, n := range data.Notes {
			out[n.Text] = n.Lang
		}
		return out
	}
	start := func(t *testing.T, s *store.Store) store.Assessment {
		t.Helper()
		if _, err := s.CreateDepartment(ctx, "Burgerzaken", ""); err != nil {
			t.Fatal(err)
		}
		a, err := s.StartAssessment(ctx, store.StartOptions{Department: "Burgerzaken", Questionnaire: defaultFile(t), Mode: store.ModeSelf})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}

	t.Run("written, edited and a decision", func(t *testing.T) {
		s := openStore(t)
		a := start(t, s)
		r, err := s.Respondent(ctx, a.ID, "Vos")
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []store.NoteInput{
			{AssessmentID: a.ID, RespondentID: r.ID, Question: "desc-reporting", Text: "Written in English.", Lang: "en"},
			{AssessmentID: a.ID, RespondentID: r.ID, Question: "diag-sources", Text: "first", Lang: "en"},
			{AssessmentID: a.ID, RespondentID: r.ID, Question: "diag-sources", Text: "Nu in het Nederlands.", Lang: "nl"},
			{AssessmentID: a.ID, Question: "desc-timeliness", Text: "Decided: level 2.", Lang: "en"},
		} {
			if err := s.SaveNote(ctx, n); err != nil {
				t.Fatal(err)
			}
		}
		got := langs(t, s, a.ID)
		want := map[string]string{"Written in English.": "en", "Nu in het Nederlands.": "nl", "Decided: level 2.": "en"}
		if len(got) != len(want) {
			t.Fatalf("notes = %v; want %v", got, want)
		}
		for text, l := range want {
			if got[text] != l {
				t.Errorf("lang of %q = %q; want %q", text, got[text], l)
			}
		}
	})
	t.Run("a language the database does not take", func(t *testing.T) {
		s := openStore(t)
		a := start(t, s)
		err := s.SaveNote(ctx, store.NoteInput{AssessmentID: a.ID, Question: "desc-reporting", Text: "Écrit en français.", Lang: "fr"})
		wantCode(t, err, store.EINVALID, `a note's language "fr" is not nl or en`)
		err = s.Exec(ctx, `INSERT INTO notes (assessment_id, question, text, lang, created_at) VALUES (1, 'desc-reporting', 't', 'fr', '2026-01-01T00:00:00Z')`)
		if err == nil {
			t.Errorf("the CHECK of migration 0007 let lang 'fr' in")
		}
	})
	t.Run("a note from before migration 0007", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "old.db")
		old, err := store.OpenAtVersion(ctx, path, 6)
		if err != nil {
			t.Fatal(err)
		}
		a := start(t, old)
		if err := old.Exec(ctx, `INSERT INTO notes (assessment_id, question, text, created_at) VALUES (1, 'desc-reporting', 'Van vóór de taal.', '2026-01-01T00:00:00Z')`); err != nil {
			t.Fatal(err)
		}
		old.Close()
		s, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if got := langs(t, s, a.ID); len(got) != 1 || got["Van vóór de taal."] != "" {
			t.Errorf("notes = %v; want the old note with lang \"\"", got)
		}
		var nulls int
		if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM notes WHERE lang IS NULL`).Scan(&nulls); err != nil || nulls != 1 {
			t.Errorf("notes with lang NULL = %d, %v; want 1", nulls, err)
		}
	})
	t.Run("imported notes", func(t *testing.T) {
		s := openStore(t)
		if _, err := s.ImportRows(ctx, defaultFile(t), sampleRows); err != nil {
			t.Fatal(err)
		}
		var all, nulls int
		if err := s.DB().QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE lang IS NULL) FROM notes`).Scan(&all, &nulls); err != nil || all != 4 || nulls != 4 {
			t.Errorf("imported notes = %d, with lang NULL %d, %v; want 4 and 4", all, nulls, err)
		}
	})
}
