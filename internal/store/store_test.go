package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/questionnaires"
)

var ctx = context.Background()

// clock is a fixed, advancing clock for deterministic timestamps.
func clock() func() time.Time {
	t := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	return func() time.Time { t = t.Add(time.Second); return t }
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "sub", "dir", "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	s.Now = clock()
	t.Cleanup(func() { s.Close() })
	return s
}

func defaultFile(t testing.TB) store.QuestionnaireFile {
	t.Helper()
	q, err := questionnaires.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	return fileOf(q)
}

func fileOf(q *questionnaire.Questionnaire) store.QuestionnaireFile {
	return store.QuestionnaireFile{Key: q.ID, Version: q.Version, Digest: q.Digest, Questions: len(q.Questions()), Source: q.Source}
}

func wantCode(t *testing.T, err error, code string, contains string) {
	t.Helper()
	if store.ErrorCode(err) != code || !strings.Contains(err.Error(), contains) {
		t.Fatalf("error = %v (code %q); want code %q containing %q", err, store.ErrorCode(err), code, contains)
	}
}

func TestOpen_Pragmas(t *testing.T) {
	s := openStore(t)
	for pragma, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "synchronous": "1", "busy_timeout": "10000"} {
		var got string
		if err := s.DB().QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s; want %s", pragma, got, want)
		}
	}
	var v int
	if err := s.DB().QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil || v != store.SchemaVersion() {
		t.Errorf("user_version = %d, %v; want %d", v, err, store.SchemaVersion())
	}
	if got, err := s.IntegrityCheck(ctx); err != nil || got != "ok" {
		t.Errorf("integrity_check = %q, %v", got, err)
	}
}

func TestOpen_BadFiles(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("this is not a database\n", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(notDB)
	_, err := store.Open(ctx, notDB)
	wantCode(t, err, store.ENOTDB, "is not a maturity database")
	if after, _ := os.ReadFile(notDB); string(after) != string(before) {
		t.Error("opening a file that is not a database changed it")
	}

	_, err = store.Open(ctx, dir)
	wantCode(t, err, store.ENOTDB, "is a folder")

	newer := filepath.Join(dir, "newer.db")
	s, err := store.Open(ctx, newer)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DB().QueryRowContext(ctx, "PRAGMA user_version = 99").Scan(); err != nil && !strings.Contains(err.Error(), "no rows") {
		t.Fatal(err)
	}
	s.Close()
	_, err = store.Open(ctx, newer)
	wantCode(t, err, store.ETOONEW, "schema version 99, newer than this maturity knows")
}
