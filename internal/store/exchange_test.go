package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

var sampleRows = []store.Row{
	{Department: "Burgerzaken", Assessment: "2025-10", Respondent: "Das", Question: "desc-reporting", Level: "2", Note: "maanddashboard"},
	{Department: "Burgerzaken", Assessment: "2025-10", Respondent: "Das", Question: "desc-timeliness", Level: "dk"},
	{Department: "Burgerzaken", Assessment: "2025-10", Respondent: "Vos", Question: "desc-reporting", Level: "3"},
	{Department: "Burgerzaken", Assessment: "2025-10", Respondent: "Vos", Question: "diag-sources", Note: "alleen een opmerking"},
	{Department: "Burgerzaken", Assessment: "2025-10", Question: "quality", Note: "Besloten: niveau 2", NoteOnDimension: true},
	{Department: "Burgerzaken", Assessment: "2025-10", Question: "desc-reporting", Note: "Discussie: rapport is er, gebruik niet"},
	{Department: "Belastingen", Assessment: "2026-11", Respondent: "Uil", Question: "desc-reporting", Level: "na"},
}

func TestImportRows_RoundTrip(t *testing.T) {
	s := openStore(t)
	st, err := s.ImportRows(ctx, defaultFile(t), sampleRows)
	if err != nil {
		t.Fatal(err)
	}
	if want := (store.ImportStats{Departments: 2, Assessments: 2, Respondents: 3, Answers: 4, Notes: 4}); !reflect.DeepEqual(st, want) {
		t.Errorf("stats = %+v; want %+v", st, want)
	}
	got, err := s.Rows(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	// Ordered by department, round, respondent, question; group notes last.
	want := []store.Row{sampleRows[6], sampleRows[0], sampleRows[1], sampleRows[2], sampleRows[3], sampleRows[5], sampleRows[4]}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n got %+v\nwant %+v", got, want)
	}
	// Imported rounds are closed: they were gathered elsewhere.
	a, _ := s.LatestAssessment(ctx, "Burgerzaken")
	if a.Open() || a.Respondents != 2 {
		t.Errorf("imported round = %+v", a)
	}
	// Importing the same rows again changes nothing.
	if _, err := s.ImportRows(ctx, defaultFile(t), sampleRows); err != nil {
		t.Fatal(err)
	}
	again, _ := s.Rows(ctx, "")
	if !reflect.DeepEqual(again, want) {
		t.Errorf("second import changed the data:\n%+v", again)
	}
	one, _ := s.Rows(ctx, "belastingen")
	if len(one) != 1 || one[0].Respondent != "Uil" {
		t.Errorf("rows of one department = %+v", one)
	}
}

func TestImportRows_AllOrNothing(t *testing.T) {
	s := openStore(t)
	bad := append(append([]store.Row(nil), sampleRows...), store.Row{Department: "Nieuw", Assessment: "x", Respondent: "a", Question: "q", Level: "7"})
	if _, err := s.ImportRows(ctx, defaultFile(t), bad); err == nil {
		t.Fatal("a bad row was accepted")
	}
	ds, _ := s.Departments(ctx)
	rows, _ := s.Rows(ctx, "")
	if len(ds) != 0 || len(rows) != 0 {
		t.Errorf("a failed import left %d departments and %d rows", len(ds), len(rows))
	}
	// A round answered on another questionnaire file is not mixed.
	if _, err := s.ImportRows(ctx, defaultFile(t), sampleRows[:1]); err != nil {
		t.Fatal(err)
	}
	other := defaultFile(t)
	other.Source = append([]byte("# v2\n"), other.Source...)
	other.Digest = "other"
	_, err := s.ImportRows(ctx, other, sampleRows[:1])
	wantCode(t, err, store.ECONFLICT, `round "2025-10" was answered on another questionnaire file`)
}

// TestMigrations opens a database at every older schema version, with data
// where the schema allows, and migrates it to the current one.
func TestMigrations(t *testing.T) {
	// answers writes the same three answers as a schema version has them:
	// options 0–4 in a column answer before version 3, levels 1–5 since.
	answers := func(version int) string {
		if version >= 3 {
			return `INSERT INTO answers (respondent_id, question, level, answered_at) VALUES (1, 'desc-reporting', '4', '2026-01-01T00:00:00Z'),
				(1, 'desc-timeliness', 'dk', '2026-01-01T00:00:00Z'), (2, 'desc-reporting', '2', '2026-01-01T00:00:00Z')`
		}
		return `INSERT INTO answers (respondent_id, question, answer, answered_at) VALUES (1, 'desc-reporting', '3', '2026-01-01T00:00:00Z'),
			(1, 'desc-timeliness', 'dk', '2026-01-01T00:00:00Z'), (2, 'desc-reporting', '1', '2026-01-01T00:00:00Z')`
	}
	for from := 0; from < store.SchemaVersion(); from++ {
		t.Run(fmt.Sprint("from version ", from), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			old, err := store.OpenAtVersion(ctx, path, from)
			if err != nil {
				t.Fatal(err)
			}
			var v int
			if err := old.DB().QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil || v != from {
				t.Fatalf("user_version = %d, %v; want %d", v, err, from)
			}
			// Data written as that version's schema has it: this build's
			// code speaks only the newest schema.
			if from >= 1 {
				for _, stmt := range []string{
					`INSERT INTO departments (id, name, created_at) VALUES (1, 'Wijkzaken', '2026-01-01T00:00:00Z')`,
					`INSERT INTO questionnaires (id, key, version, digest, questions, definition, created_at) VALUES (1, 'q', 1, 'd', 48, x'00', '2026-01-01T00:00:00Z')`,
					`INSERT INTO assessments (id, department_id, questionnaire_id, round, mode, created_at) VALUES (1, 1, 1, '2026-01', 'workshop', '2026-01-01T00:00:00Z')`,
					`INSERT INTO respondents (id, assessment_id, alias, created_at) VALUES (1, 1, 'anna', '2026-01-01T00:00:00Z'), (2, 1, 'bert', '2026-01-01T00:00:00Z')`,
					answers(from),
				} {
					if err := old.Exec(ctx, stmt); err != nil {
						t.Fatal(err)
					}
				}
			}
			old.Close()
			s, err := store.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.DB().QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil || v != store.SchemaVersion() {
				t.Errorf("after migrating: user_version = %d, %v", v, err)
			}
			rows, err := s.Rows(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rows {
				got = append(got, r.Respondent+" "+r.Question+" "+r.Level)
			}
			// The answers 3 and 1 of 0–4 are the levels 4 and 2.
			if want := "anna desc-reporting 4|anna desc-timeliness dk|bert desc-reporting 2"; from >= 1 && strings.Join(got, "|") != want {
				t.Errorf("after migrating: %q; want %q", strings.Join(got, "|"), want)
			}
			a, err := s.Assessment(ctx, 1)
			if from >= 1 && (err != nil || a.Phase != store.PhaseAnswering || a.Answers != 3) {
				t.Errorf("after migrating: assessment %+v, %v; want phase answering and 3 answers", a, err)
			}
		})
	}
}

// TestConcurrentWriters: 20 writers, each with its own connection pool as
// separate processes would have, save answers at once; no write is lost and
// no "database is locked" reaches them.
func TestConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "busy.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.CreateDepartment(ctx, "Stadsbeheer", ""); err != nil {
		t.Fatal(err)
	}
	a, err := s.StartAssessment(ctx, store.StartOptions{Department: "Stadsbeheer", Questionnaire: defaultFile(t), Mode: store.ModeWorkshop})
	if err != nil {
		t.Fatal(err)
	}
	const writers, perWriter = 20, 48
	var wg sync.WaitGroup
	errs := make(chan error, writers*perWriter)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			ws, err := store.Open(ctx, path)
			if err != nil {
				errs <- err
				return
			}
			defer ws.Close()
			r, err := ws.Respondent(ctx, a.ID, fmt.Sprint("deelnemer-", w))
			if err != nil {
				errs <- err
				return
			}
			for i := 0; i < perWriter; i++ {
				if err := ws.SaveAnswer(ctx, r.ID, fmt.Sprintf("q%02d", i), fmt.Sprint(1+(w+i)%5)); err != nil {
					errs <- err
				}
				if i%8 == 0 {
					if _, err := ws.Assessment(ctx, a.ID); err != nil {
						errs <- err
					}
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got, err := s.Assessment(ctx, a.ID)
	if err != nil || got.Respondents != writers || got.Answers != writers*perWriter {
		t.Errorf("after concurrent writes: %d respondents, %d answers, %v; want %d and %d", got.Respondents, got.Answers, err, writers, writers*perWriter)
	}
}

// TestImportRows_OlderRoundLater: a round labelled with an earlier month,
// imported after a later one, does not become the latest.
func TestImportRows_OlderRoundLater(t *testing.T) {
	s := openStore(t)
	later := []store.Row{{Department: "Burgerzaken", Assessment: "2026-11", Respondent: "A", Question: "desc-reporting", Level: "3"}}
	earlier := []store.Row{{Department: "Burgerzaken", Assessment: "2025-05", Respondent: "A", Question: "desc-reporting", Level: "1"}}
	for _, rows := range [][]store.Row{later, earlier} {
		if _, err := s.ImportRows(ctx, defaultFile(t), rows); err != nil {
			t.Fatal(err)
		}
	}
	a, err := s.LatestAssessment(ctx, "Burgerzaken")
	if err != nil || a.Round != "2026-11" {
		t.Errorf("latest = %q, %v; want 2026-11", a.Round, err)
	}
}

// TestSaveAnswer_ClosedRound: an answer for a closed round is refused.
func TestSaveAnswer_ClosedRound(t *testing.T) {
	s := openStore(t)
	s.CreateDepartment(ctx, "Wmo", "")
	a, err := s.StartAssessment(ctx, store.StartOptions{Department: "Wmo", Questionnaire: defaultFile(t), Mode: store.ModeSelf})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := s.Respondent(ctx, a.ID, "Vos")
	if err := s.SaveAnswer(ctx, r.ID, "desc-reporting", "2"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CloseAssessment(ctx, "Wmo"); err != nil {
		t.Fatal(err)
	}
	err = s.SaveAnswer(ctx, r.ID, "desc-timeliness", "3")
	wantCode(t, err, store.ECONFLICT, "round 2026-11 of Wmo has been closed")
	if got, _ := s.Answers(ctx, r.ID); len(got) != 1 {
		t.Errorf("%d answers after closing; want 1", len(got))
	}
}

// TestImport_Streamed: Import writes rows while they are read; a read that
// fails after many rows — enough for SQLite to spill pages to the WAL before
// the end — leaves nothing behind, and its error comes first, before any of
// the store's.
func TestImport_Streamed(t *testing.T) {
	file := defaultFile(t)
	many := func(add func(store.Row)) {
		for i := 0; i < 60_000; i++ {
			add(store.Row{Department: fmt.Sprint("Afdeling ", i/4800), Assessment: "2026-11", Respondent: fmt.Sprint("r", i/48),
				Question: fmt.Sprintf("q%02d", i%48), Level: "3", Note: map[bool]string{true: "toelichting"}[i%50 == 0]})
		}
	}
	empty := func(t *testing.T, s *store.Store) {
		t.Helper()
		ds, _ := s.Departments(ctx)
		rows, _ := s.Rows(ctx, "")
		if v, err := s.IntegrityCheck(ctx); err != nil || v != "ok" {
			t.Errorf("integrity_check = %q, %v", v, err)
		}
		if len(ds) != 0 || len(rows) != 0 {
			t.Errorf("a failed import left %d departments and %d rows", len(ds), len(rows))
		}
	}
	bad := errors.New("x.csv:60002: answer: \"7\" is out of range")

	t.Run("a bad row at the end", func(t *testing.T) {
		s := openStore(t)
		_, err := s.Import(ctx, file, store.ImportOptions{}, func(add func(store.Row)) error { many(add); return bad })
		if err != bad {
			t.Fatalf("error = %v; want the reader's", err)
		}
		empty(t, s)
		// The same rows without the bad one go in whole.
		st, err := s.Import(ctx, file, store.ImportOptions{}, func(add func(store.Row)) error { many(add); return nil })
		if err != nil || !reflect.DeepEqual(st, store.ImportStats{Departments: 13, Assessments: 13, Respondents: 1250, Answers: 60_000, Notes: 1200}) {
			t.Fatalf("import = %+v, %v", st, err)
		}
	})

	t.Run("the file's problems before the store's", func(t *testing.T) {
		s := openStore(t)
		if _, err := s.ImportRows(ctx, file, sampleRows[:1]); err != nil {
			t.Fatal(err)
		}
		other := defaultFile(t)
		other.Source, other.Digest = append([]byte("# v2\n"), other.Source...), "other"
		// Rows of a round answered on another file: the store refuses them
		// at the first row, the reader finds a bad row later.
		_, err := s.Import(ctx, other, store.ImportOptions{}, func(add func(store.Row)) error {
			add(sampleRows[0])
			many(add)
			return bad
		})
		if err != bad {
			t.Errorf("error = %v; want the reader's", err)
		}
		_, err = s.Import(ctx, other, store.ImportOptions{}, func(add func(store.Row)) error { add(sampleRows[0]); many(add); return nil })
		wantCode(t, err, store.ECONFLICT, `round "2025-10" was answered on another questionnaire file`)
		if rows, _ := s.Rows(ctx, ""); len(rows) != 1 {
			t.Errorf("%d rows after refused imports; want the 1 imported first", len(rows))
		}
	})

	t.Run("cancelled", func(t *testing.T) {
		s := openStore(t)
		cctx, cancel := context.WithCancel(ctx)
		_, err := s.Import(cctx, file, store.ImportOptions{}, func(add func(store.Row)) error {
			for i := 0; i < 10; i++ {
				many(add)
				cancel()
			}
			return nil
		})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error = %v; want context.Canceled", err)
		}
		empty(t, s)
	})
}

// TestImportRows_Invalid: rows the checks of exchange never let through
// are still refused by the store, and nothing is written.
func TestImportRows_Invalid(t *testing.T) {
	for _, c := range []struct {
		name string
		row  store.Row
		msg  string
	}{
		{"answer", store.Row{Department: "A", Assessment: "1", Respondent: "r", Question: "q", Level: "7"}, `answer "7" is not a level 1–5, dk or na`},
		{"answer without respondent", store.Row{Department: "A", Assessment: "1", Question: "q", Level: "2"}, `answer "2" to q has no respondent`},
		{"blank alias", store.Row{Department: "A", Assessment: "1", Respondent: "  ", Question: "q", Level: "2"}, "a respondent needs an alias"},
		{"blank note of the group", store.Row{Department: "A", Assessment: "1", Question: "q", Note: " "}, "a note needs a text"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := openStore(t)
			_, err := s.ImportRows(ctx, defaultFile(t), append(append([]store.Row(nil), sampleRows...), c.row))
			wantCode(t, err, store.EINVALID, c.msg)
			if ds, _ := s.Departments(ctx); len(ds) != 0 {
				t.Errorf("a refused import left %d departments", len(ds))
			}
		})
	}
}

// TestImportRows_LastAnswerWins: the store writes answers many to a
// statement; of two answers to one question the last stays, as when they
// were written one by one.
func TestImportRows_LastAnswerWins(t *testing.T) {
	s := openStore(t)
	var rows []store.Row
	for i := 0; i < 200; i++ { // more than one statement's worth
		rows = append(rows, store.Row{Department: "Wmo", Assessment: "2026-11", Respondent: fmt.Sprint("r", i%3), Question: fmt.Sprintf("q%02d", 50-i%50), Level: fmt.Sprint(1 + i%5)})
	}
	if _, err := s.ImportRows(ctx, defaultFile(t), rows); err != nil {
		t.Fatal(err)
	}
	want := map[[2]string]string{}
	for _, r := range rows {
		want[[2]string{r.Respondent, r.Question}] = r.Level
	}
	got, err := s.Rows(ctx, "Wmo")
	if err != nil || len(got) != len(want) {
		t.Fatalf("%d rows, %v; want %d", len(got), err, len(want))
	}
	for _, r := range got {
		if w := want[[2]string{r.Respondent, r.Question}]; r.Level != w {
			t.Errorf("%s on %s: %s; want the last answer, %s", r.Respondent, r.Question, r.Level, w)
		}
	}
}
