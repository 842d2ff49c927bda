package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver
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
	// Now is the clock for every timestamp written; tests replace it.
	Now func() time.Time
}

// timeFormat is how timestamps are stored: UTC, sortable as text.
const timeFormat = "2006-01-02T15:04:05Z"

// Open opens the database at path, creating it and its parent folders if
// needed, and brings its schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, len(migrations()))
}

// open opens the database and applies migrations up to version target.
func open(ctx context.Context, path string, target int) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create the database folder: %w", err)
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return nil, errorf(ENOTDB, "%s is a folder, not a maturity database; choose a file with --db", path)
	}
	// Pragmas go in the DSN so that every pooled connection gets them.
	// _txlock=immediate makes writers queue on busy_timeout at BEGIN instead
	// of failing when two of them upgrade a read lock at once.
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, Now: time.Now}
	if err := s.migrate(ctx, target); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

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

// migrate applies the migrations after the database's user_version, up to
// target, each in its own transaction together with the new version.
func (s *Store) migrate(ctx context.Context, target int) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return translate(s.path, err)
	}
	all := migrations()
	if version > len(all) {
		return errorf(ETOONEW, "%s has schema version %d, newer than this maturity knows (%d): use a newer maturity", s.path, version, len(all))
	}
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
