package store

import (
	"context"
	"database/sql"
	"errors"
)

// ImportStats counts what an import created and wrote.
type ImportStats struct {
	Departments, Assessments, Respondents, Answers, Notes int
}

// ImportRows writes rows, already checked against q, in one transaction:
// either every row is stored or none is. Departments and rounds are created
// as needed; a new round is created closed, since it was gathered elsewhere
// (reopen it with ReopenAssessment). A round that exists must have been
// answered on the same questionnaire file. Answers replace earlier ones, so
// importing the same file twice changes nothing.
func (s *Store) ImportRows(ctx context.Context, q QuestionnaireFile, rows []Row) (ImportStats, error) {
	return s.Import(ctx, q, func(add func(Row)) error {
		for _, r := range rows {
			add(r)
		}
		return nil
	})
}

// Import writes the rows that read hands to add, as ImportRows does, without
// holding them all: read checks a file and calls add for each good row, and
// runs in a goroutine of its own while the rows are written, so that reading
// and writing share the time. When read returns an error the transaction is
// rolled back and that error is returned, before any of the store's own: a
// file with a bad row writes nothing, and its problems are what the user
// needs to hear first.
func (s *Store) Import(ctx context.Context, q QuestionnaireFile, read func(add func(Row)) error) (ImportStats, error) {
	const chunkSize = 1024
	chunks := make(chan []Row, 4)
	spare := make(chan []Row, 8) // chunks written, to fill again
	stop := make(chan struct{})  // closed when no more rows are taken
	readErr := make(chan error, 1)
	go func() {
		var chunk []Row
		pass := func() {
			select {
			case chunks <- chunk:
			case <-stop: // the rows are not wanted any more
			}
			chunk = nil
		}
		err := read(func(r Row) {
			if chunk == nil {
				select {
				case chunk = <-spare:
				default:
					chunk = make([]Row, 0, chunkSize)
				}
			}
			if chunk = append(chunk, r); len(chunk) == chunkSize {
				pass()
			}
		})
		if err == nil && len(chunk) > 0 {
			pass()
		}
		close(chunks)
		readErr <- err
	}()

	var st ImportStats
	err := s.tx(ctx, func(tx *sql.Tx) error {
		im, err := newImporter(ctx, tx, q, s.now(), s.Now)
		if err != nil {
			return err
		}
		defer im.close()
		for chunk := range chunks {
			for i := range chunk {
				if err := im.row(chunk[i]); err != nil {
					return err
				}
			}
			select {
			case spare <- chunk[:0]:
			default:
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := <-readErr; err != nil {
			return fileError{err}
		}
		if err := im.flush(); err != nil {
			return err
		}
		st = im.stats
		return nil
	})
	close(stop)
	var fe fileError
	switch {
	case errors.As(err, &fe):
		return ImportStats{}, fe.err
	case err != nil:
		// The store failed first; the file's problems, if any, still
		// come first.
		if rerr := <-readErr; rerr != nil {
			return ImportStats{}, rerr
		}
		if cerr := ctx.Err(); cerr != nil {
			return ImportStats{}, cerr
		}
		return ImportStats{}, err
	}
	return st, nil
}

// fileError carries read's error through the transaction, to tell it from
// the store's.
type fileError struct{ err error }

func (e fileError) Error() string { return e.err.Error() }
