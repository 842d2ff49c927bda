package store_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

// TestStore_Backup: a backup taken while another connection holds the
// answers in the write-ahead log has every answer, checks out, and never
// overwrites a file; a plain copy of the database file would have none.
func TestStore_Backup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.db")
	writer, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	writer.Now = clock()
	if _, err := writer.CreateDepartment(ctx, "Burgerzaken", ""); err != nil {
		t.Fatal(err)
	}
	a, err := writer.StartAssessment(ctx, store.StartOptions{Department: "Burgerzaken", Questionnaire: defaultFile(t), Mode: store.ModeWorkshop})
	if err != nil {
		t.Fatal(err)
	}
	for _, alias := range []string{"merel", "vos", "reiger"} {
		r, err := writer.Respondent(ctx, a.ID, alias)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"desc-reporting", "desc-definitions", "desc-timeliness"} {
			if err := writer.SaveAnswer(ctx, r.ID, q, "3"); err != nil {
				t.Fatal(err)
			}
		}
	}
	// What a plain copy of the file would get: the answers are still in
	// the write-ahead log beside it.
	plain := filepath.Join(dir, "plain.db")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(plain, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if n := answerCount(t, plain); n == 9 {
		t.Fatalf("a plain copy already has the 9 answers: the test does not exercise the write-ahead log")
	}

	backup := filepath.Join(dir, "backup.db")
	reader, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	if err := reader.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if n := answerCount(t, backup); n != 9 {
		t.Errorf("backup has %d answers; want 9", n)
	}
	copied, err := store.Open(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := copied.IntegrityCheck(ctx); err != nil || v != "ok" {
		t.Errorf("integrity_check of the backup = %q, %v", v, err)
	}
	copied.Close()

	before, _ := os.ReadFile(backup)
	wantCode(t, reader.Backup(ctx, backup), store.ECONFLICT, "exists already")
	if after, _ := os.ReadFile(backup); string(after) != string(before) {
		t.Error("a refused backup changed the existing file")
	}
	wantCode(t, reader.Backup(ctx, path), store.EINVALID, "is the database itself")
	wantCode(t, reader.Backup(ctx, filepath.Join(dir, "missing", "b.db")), store.ECANTOPEN, "does not exist")
	left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// answerCount opens a copy with its own store and counts its answers.
func answerCount(t *testing.T, path string) int {
	t.Helper()
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.DB().QueryRowContext(ctx, "SELECT count(*) FROM answers").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
