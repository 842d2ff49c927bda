package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the database to path with SQLite's
// VACUUM INTO: one read snapshot, so answers a running workshop holds in
// the write-ahead log are in the copy, which a plain file copy misses. The
// copy is made beside path under a temporary name, checked with
// integrity_check and only then renamed to path; an existing path is
// refused, so a backup never overwrites anything.
func (s *Store) Backup(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if self, err := filepath.Abs(s.path); err == nil && self == abs {
		return errorf(EINVALID, "%s is the database itself: choose another file for the backup", path)
	}
	if _, err := os.Lstat(abs); err == nil {
		return errorf(ECONFLICT, "%s exists already: choose a new file for the backup (it never overwrites one)", path)
	}
	dir := filepath.Dir(abs)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return errorf(ECANTOPEN, "%s: the folder %s does not exist", path, dir)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(abs)+".*.tmp")
	if err != nil {
		return errorf(ECANTOPEN, "%s: cannot write in %s: %v", path, dir, err)
	}
	name := tmp.Name()
	tmp.Close()
	os.Remove(name) // VACUUM INTO writes a file that does not exist yet
	defer os.Remove(name)
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", name); err != nil {
		return fmt.Errorf("back up %s: %w", s.path, translate(s.path, err))
	}
	if err := verifyCopy(ctx, name); err != nil {
		return fmt.Errorf("back up %s: the copy does not check out: %w", s.path, err)
	}
	if _, err := os.Lstat(abs); err == nil {
		return errorf(ECONFLICT, "%s appeared while the backup was written: choose a new file", path)
	}
	return os.Rename(name, abs)
}

// verifyCopy opens a copy read-only and runs integrity_check on it.
func verifyCopy(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var verdict string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&verdict); err != nil {
		return err
	}
	if verdict != "ok" {
		return errors.New(verdict)
	}
	return nil
}
