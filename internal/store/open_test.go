package store_test

import (
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

// folderState is every file of dir with a hash of its bytes: opening a
// database that is refused must leave the folder as it was, no -wal or
// -shm file beside it either.
func folderState(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %x\n", e.Name(), sha256.Sum256(data))
	}
	return b.String()
}

// sqliteFile makes a SQLite file with the statements, closed again.
func sqliteFile(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestOpen_ForeignDatabase: a SQLite file of another program is refused
// with ENOTDB, naming what it holds, and left byte for byte as it was: no
// maturity tables, no switch to WAL, no user_version, no files beside it.
func TestOpen_ForeignDatabase(t *testing.T) {
	for _, c := range []struct {
		name  string
		stmts []string
		want  string
	}{
		{"a table", []string{`CREATE TABLE klanten (id INTEGER PRIMARY KEY, naam TEXT)`, `INSERT INTO klanten (naam) VALUES ('Jansen')`},
			`klanten.db is a SQLite database of another program (it holds "klanten", schema version 0), not a maturity database; it was left as it was: choose another file with --db`},
		{"in WAL mode, with a version", []string{`PRAGMA journal_mode = WAL`, `CREATE TABLE a (x)`, `CREATE TABLE b (x)`, `CREATE INDEX bx ON b (x)`, `CREATE TABLE c (x)`, `CREATE VIEW d AS SELECT 1`, `PRAGMA user_version = 2`},
			`klanten.db is a SQLite database of another program (it holds "a", "b", "bx" and 2 more, schema version 2), not a maturity database; it was left as it was: choose another file with --db`},
		{"one table of ours among others", []string{`CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT)`, `CREATE TABLE salarissen (x)`, `PRAGMA user_version = 3`},
			`klanten.db is a SQLite database of another program (it holds "departments", "salarissen", schema version 3), not a maturity database; it was left as it was: choose another file with --db`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "klanten.db")
			sqliteFile(t, path, c.stmts...)
			before := folderState(t, dir)
			wd, _ := os.Getwd()
			os.Chdir(dir)
			defer os.Chdir(wd)
			_, err := store.Open(ctx, "klanten.db")
			if store.ErrorCode(err) != store.ENOTDB || err.Error() != c.want {
				t.Errorf("error = %v (code %q)\nwant %s", err, store.ErrorCode(err), c.want)
			}
			if after := folderState(t, dir); after != before {
				t.Errorf("the folder changed:\n%s\nwas:\n%s", after, before)
			}
		})
	}
}

// TestOpen_SchemaVersion: a maturity database whose user_version was set to
// a value no maturity writes is refused with EDAMAGED (-1 used to panic, 0
// to fail with "table departments already exists"), and left as it was.
func TestOpen_SchemaVersion(t *testing.T) {
	for version, want := range map[int]string{
		-1: "m.db holds maturity's tables but schema version -1, which no maturity writes: the file is damaged; it was left as it was: restore it from a backup (maturity backup)",
		0:  "m.db holds maturity's tables but schema version 0: its PRAGMA user_version was reset, by another program or by hand; it was left as it was: restore it from a backup (maturity backup), or set the version back if you know it",
	} {
		t.Run(fmt.Sprint(version), func(t *testing.T) {
			dir := t.TempDir()
			wd, _ := os.Getwd()
			os.Chdir(dir)
			defer os.Chdir(wd)
			s, err := store.Open(ctx, "m.db")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.CreateDepartment(ctx, "Burgerzaken", ""); err != nil {
				t.Fatal(err)
			}
			s.Close()
			sqliteFile(t, "m.db", fmt.Sprintf("PRAGMA user_version = %d", version))
			before := folderState(t, dir)
			_, err = store.Open(ctx, "m.db")
			if store.ErrorCode(err) != store.EDAMAGED || err.Error() != want {
				t.Errorf("error = %v (code %q)\nwant %s", err, store.ErrorCode(err), want)
			}
			if after := folderState(t, dir); after != before {
				t.Errorf("the folder changed:\n%s\nwas:\n%s", after, before)
			}
		})
	}
}

// TestOpen_EmptySQLiteFile: a SQLite file that holds nothing (no schema,
// version 0) is taken as a new database.
func TestOpen_EmptySQLiteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leeg.db")
	sqliteFile(t, path, `CREATE TABLE t (x)`, `DROP TABLE t`)
	if info, err := os.Stat(path); err != nil || info.Size() == 0 {
		t.Fatalf("the empty SQLite file: %v, %v", info, err)
	}
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.CreateDepartment(ctx, "Wmo", ""); err != nil {
		t.Error(err)
	}
}

// TestOpen_ReadOnlyReads: a database in a folder and a file the user may
// not write opens read-only: reads work, a write is refused with
// EREADONLY, and nothing is written, not even a -wal or -shm file. The
// child runs as an unprivileged user, because root may write anything.
func TestOpen_ReadOnlyReads(t *testing.T) {
	dir, err := os.MkdirTemp("", "maturity-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.Chmod(dir, 0o755)
		os.RemoveAll(dir)
	})
	// The test binary must be run by the unprivileged user, from a folder
	// it may read.
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	binDir, err := os.MkdirTemp("", "maturity-bin-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(binDir) })
	os.Chmod(binDir, 0o755)
	child := filepath.Join(binDir, "child.test")
	if err := os.WriteFile(child, bin, 0o755); err != nil {
		t.Fatal(err)
	}

	db := filepath.Join(dir, "ro.db")
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateDepartment(ctx, "Burgerzaken", ""); err != nil {
		t.Fatal(err)
	}
	s.Close()
	old := filepath.Join(dir, "oud.db")
	o, err := store.OpenAtVersion(ctx, old, 2)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	for _, f := range []string{db, old} {
		if err := os.Chmod(f, 0o444); err != nil {
			t.Fatal(err)
		}
	}
	for _, folder := range []os.FileMode{0o555, 0o777} {
		t.Run(fmt.Sprintf("folder %o", folder), func(t *testing.T) {
			if err := os.Chmod(dir, folder); err != nil {
				t.Fatal(err)
			}
			before := folderState(t, dir)
			cmd := exec.Command(child, "-test.run=^$")
			cmd.Env = append(os.Environ(), childEnv+"=read", "MATURITY_DB="+db)
			cmd.SysProcAttr = childAs(binDir, &cmd.Env)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			want := "departments=Burgerzaken\nread-only=true\nwrite code=read_only\n"
			if string(out) != want {
				t.Errorf("the child says:\n%s\nwant:\n%s", out, want)
			}
			// An older schema cannot be brought up to date: said so.
			cmd = exec.Command(child, "-test.run=^$")
			cmd.Env = append(os.Environ(), childEnv+"=read", "MATURITY_DB="+old)
			cmd.SysProcAttr = childAs(binDir, &cmd.Env)
			out, err = cmd.CombinedOutput()
			want = fmt.Sprintf("open: %s has schema version 2 and needs version %d, but it is read-only: it cannot be brought up to date; check the file's permissions, or use the maturity that wrote it\n", old, store.SchemaVersion())
			if err != nil || string(out) != want {
				t.Errorf("the child says:\n%s (%v)\nwant:\n%s", out, err, want)
			}
			if after := folderState(t, dir); after != before {
				t.Errorf("the folder changed:\n%s\nwas:\n%s", after, before)
			}
		})
	}
}

// childAs makes a child run as an unprivileged user when the test runs as
// root, who may write any file; env gets what that user needs.
func childAs(home string, env *[]string) *syscall.SysProcAttr {
	if os.Geteuid() != 0 {
		return nil
	}
	*env = append(*env, "HOME="+home, "GOCOVERDIR="+home)
	return &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
}
