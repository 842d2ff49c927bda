package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite" // the pure-Go SQLite driver
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is an open maturity database.
type Store struct {
	db   *sql.DB
	path string
	// writes queues this process's write transactions: waiting here is
	// immediate, where SQLite's busy handler would sleep and retry.
	writes sync.Mutex
	// readOnly says the file was opened read-only.
	readOnly bool
	// Now is the clock for every timestamp written; tests replace it.
	Now func() time.Time
}

// timeFormat is how timestamps are stored: UTC, sortable as text.
const timeFormat = "2006-01-02T15:04:05Z"

// Open opens the database at path, creating it and its parent folders if
// needed, and brings its schema up to date. A file that is not a maturity
// database, or whose schema version is not one a maturity writes, is
// refused and left as it was: nothing is written to it, not even the
// switch to write-ahead logging. A database the user may not write (the
// file, or the folder where SQLite keeps its write-ahead log) is opened
// read-only: everything reads, and every write is refused with EREADONLY.
func Open(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, len(migrations()))
}

// open opens the database and applies migrations up to version target.
func open(ctx context.Context, path string, target int) (*Store, error) {
	info, err := os.Stat(path)
	switch {
	case err == nil && info.IsDir():
		return nil, errorf(ENOTDB, "%s is a folder, not a maturity database; choose a file with --db", path)
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("create the database folder: %w", err)
		}
	case err != nil:
		return nil, errorf(ECANTOPEN, "cannot open the database %s: %v", path, unwrapPath(err))
	}
	// A file that exists but may not be written is read as it is, without
	// the files SQLite would otherwise make beside it.
	readOnly := err == nil && !writable(path)
	s, version, objects, err := connect(ctx, path, readOnly)
	if err != nil && !readOnly && info != nil && cannotWriteBeside(err) {
		// The file may be written but its folder not: SQLite cannot make
		// the write-ahead log there, so the database is read-only.
		readOnly = true
		s, version, objects, err = connect(ctx, path, readOnly)
	}
	if err != nil {
		return nil, translate(path, err)
	}
	s.readOnly = readOnly
	if err := s.check(version, objects); err != nil {
		s.db.Close()
		return nil, err
	}
	if readOnly {
		if version < target {
			s.db.Close()
			return nil, errorf(EREADONLY, "%s has schema version %d and needs version %d, but it is read-only: it cannot be brought up to date; check the file's permissions, or use the maturity that wrote it", path, version, target)
		}
		return s, nil
	}
	// WAL is a property of the file, kept once set: one statement on one
	// connection switches every connection of every process.
	if _, err := s.db.ExecContext(ctx, "PRAGMA journal_mode = WAL"); err != nil {
		s.db.Close()
		return nil, translate(path, err)
	}
	if err := s.migrate(ctx, version, target); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// connect opens the pool and reads what the file holds: its schema version
// and the names of its schema objects (tables, indexes, views, triggers).
// Reading them writes nothing, so a file that turns out not to be ours is
// left as it was.
func connect(ctx context.Context, path string, readOnly bool) (*Store, int, map[string]bool, error) {
	// Pragmas go in the DSN so that every pooled connection gets them.
	// _txlock=immediate makes writers queue on busy_timeout at BEGIN instead
	// of failing when two of them upgrade a read lock at once.
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	if readOnly {
		q.Set("mode", "ro")
		// Without a write-ahead log beside it nobody is writing the file
		// (a writer keeps one while it works), and SQLite may read it as
		// it is, without making one: the folder may not allow that.
		if _, err := os.Stat(path + "-wal"); errors.Is(err, fs.ErrNotExist) {
			q.Set("immutable", "1")
		}
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, 0, nil, err
	}
	s := &Store{db: db, path: path, Now: time.Now}
	var version int
	objects := map[string]bool{}
	err = db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	if err == nil {
		err = func() error {
			rows, err := db.QueryContext(ctx, "SELECT name FROM sqlite_schema")
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var name string
				if err := rows.Scan(&name); err != nil {
					return err
				}
				objects[name] = true
			}
			return rows.Err()
		}()
	}
	if err != nil {
		db.Close()
		return nil, 0, nil, err
	}
	return s, version, objects, nil
}

// ourTables are the tables every version of the schema has had.
var ourTables = []string{"departments", "questionnaires", "assessments", "respondents", "answers", "notes"}

// check refuses a file that is not a maturity database at a version this
// build can bring up to date: another program's database (any schema
// objects, but not ours), and ours with a version no maturity writes.
func (s *Store) check(version int, objects map[string]bool) error {
	if version == 0 && len(objects) == 0 {
		return nil // new, or an empty SQLite file
	}
	var missing []string
	for _, t := range ourTables {
		if !objects[t] {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		var names []string
		for n := range objects {
			if !strings.HasPrefix(n, "sqlite_") {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		holds := strings.Join(quoteAll(names), ", ")
		switch {
		case len(names) == 0:
			holds = "no tables"
		case len(names) > 3:
			holds = fmt.Sprintf("%s and %d more", strings.Join(quoteAll(names[:3]), ", "), len(names)-3)
		}
		return errorf(ENOTDB, "%s is a SQLite database of another program (it holds %s, schema version %d), not a maturity database; it was left as it was: choose another file with --db",
			s.path, holds, version)
	}
	switch all := len(migrations()); {
	case version == 0:
		return errorf(EDAMAGED, "%s holds maturity's tables but schema version 0: its PRAGMA user_version was reset, by another program or by hand; it was left as it was: restore it from a backup (maturity backup), or set the version back if you know it", s.path)
	case version < 0:
		return errorf(EDAMAGED, "%s holds maturity's tables but schema version %d, which no maturity writes: the file is damaged; it was left as it was: restore it from a backup (maturity backup)", s.path, version)
	case version > all:
		return errorf(ETOONEW, "%s has schema version %d, newer than this maturity knows (%d): use a newer maturity", s.path, version, all)
	}
	return nil
}

// writable reports whether the file may be opened for writing; opening it
// changes nothing in it.
func writable(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// cannotWriteBeside reports whether SQLite failed because it could not make
// its files beside the database (its folder may not be written).
func cannotWriteBeside(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	code := se.Code() & 0xff
	return code == sqlite3.SQLITE_READONLY || code == sqlite3.SQLITE_CANTOPEN
}

// unwrapPath is the reason of a *fs.PathError, which names the path again.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadOnly reports whether the database was opened read-only: the user may
// not write it, so every write is refused with EREADONLY.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path is the database file.
func (s *Store) Path() string { return s.path }

func (s *Store) now() string { return s.Now().UTC().Format(timeFormat) }

// migrations returns the embedded schema changes in the order they apply.
func migrations() []string {
	names, _ := migrationFS.ReadDir("migrations")
	var out []string
	for _, n := range names {
		out = append(out, "migrations/"+n.Name())
	}
	sort.Strings(out)
	return out
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return len(migrations()) }

// migrate applies the migrations after version, the database's
// user_version, up to target, each in its own transaction together with
// the new version.
func (s *Store) migrate(ctx context.Context, version, target int) error {
	all := migrations()
	for i := version; i < target; i++ {
		script, err := migrationFS.ReadFile(all[i])
		if err != nil {
			return err
		}
		err = s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, string(script)); err != nil {
				return fmt.Errorf("migration %s: %w", all[i], err)
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// tx runs fn in a write transaction and commits it when fn succeeds.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	s.writes.Lock()
	defer s.writes.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return translate(s.path, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return translate(s.path, err)
	}
	return translate(s.path, tx.Commit())
}

// IntegrityCheck runs SQLite's integrity check and returns its verdict
// ("ok" when the file is sound).
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var verdict string
	err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&verdict)
	return verdict, err
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeFormat, s)
	return t
}

// scanner is a row to read: *sql.Row or *sql.Rows.
type scanner interface{ Scan(...any) error }

// collect reads every row with scan and closes rows.
func collect[T any](rows *sql.Rows, scan func(scanner) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
