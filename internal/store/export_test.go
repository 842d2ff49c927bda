package store

import "context"

// OpenAtVersion opens path with only the first n migrations applied, to
// test migrating from every older schema.
func OpenAtVersion(ctx context.Context, path string, n int) (*Store, error) {
	return open(ctx, path, n)
}

// DB exposes the connection pool to tests that inspect the file directly.
func (s *Store) DB() interface {
	QueryRowContext(ctx context.Context, query string, args ...any) rowScanner
} {
	return dbView{s}
}

type rowScanner interface{ Scan(...any) error }

type dbView struct{ s *Store }

func (v dbView) QueryRowContext(ctx context.Context, query string, args ...any) rowScanner {
	return v.s.db.QueryRowContext(ctx, query, args...)
}

// Exec runs a statement on the database directly, for tests that write
// data as an older schema has it.
func (s *Store) Exec(ctx context.Context, query string) error {
	_, err := s.db.ExecContext(ctx, query)
	return err
}
