package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ImportStats counts what an import created and wrote.
type ImportStats struct {
	Departments, Assessments, Respondents int
	// Answers and Notes count what was written anew; Replaced and
	// ReplacedNotes what replaced a stored answer or note (only with
	// ImportOptions.Replace); Unchanged and UnchangedNotes what the file
	// gives as it is stored already, which is left alone.
	Answers, Notes            int
	Replaced, ReplacedNotes   int
	Unchanged, UnchangedNotes int
	// Closed lists the rounds that were closed before the import and
	// gained or changed answers or notes in it, as "department, round".
	Closed []string
}

// ImportOptions says how an import treats what is stored already.
type ImportOptions struct {
	// Replace lets the file's answers and notes replace different ones a
	// respondent has stored. Without it such an import is refused whole
	// with ECHANGES, listing them.
	Replace bool
}

// Change is an answer or a respondent's note that an import would change.
type Change struct {
	Department, Round, Respondent, Question string
	// Note says the change is to a note, else to an answer (a level).
	Note bool
	// Stored is what the database holds, Given what the file says.
	Stored, Given string
	// Closed says the round is closed.
	Closed bool
}

// maxChanges bounds the changes an import error lists.
const maxChanges = 200

// ImportRows writes rows, already checked against q, in one transaction:
// either every row is stored or none is. Departments and rounds are created
// as needed; a new round is created closed, since it was gathered elsewhere
// (reopen it with ReopenAssessment). A round that exists must have been
// answered on the same questionnaire file. An answer or note that is stored
// already as the row gives it is left alone, so importing the same file
// twice changes nothing; one the row gives differently refuses the import
// (see Import).
func (s *Store) ImportRows(ctx context.Context, q QuestionnaireFile, rows []Row) (ImportStats, error) {
	return s.Import(ctx, q, ImportOptions{}, func(add func(Row)) error {
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
//
// A row that would change what a respondent stored before — another level
// for an answer (the latest vote, as the scores use it), another text for
// their note on a question — is a change. Without opts.Replace any change
// rolls the import back with an *Error of code ECHANGES that lists them
// (Changes, MoreChanges); with it, the row replaces what was stored.
func (s *Store) Import(ctx context.Context, q QuestionnaireFile, opts ImportOptions, read func(add func(Row)) error) (ImportStats, error) {
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

	// readResultOnce takes read's error once, for whichever path asks first.
	var taken bool
	var readResult error
	readResultOnce := func() error {
		if !taken {
			readResult, taken = <-readErr, true
		}
		return readResult
	}
	var st ImportStats
	err := s.tx(ctx, func(tx *sql.Tx) error {
		im, err := newImporter(ctx, tx, q, s.now(), s.Now)
		if err != nil {
			return err
		}
		defer im.close()
		im.replace = opts.Replace
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
		if err := readResultOnce(); err != nil {
			return fileError{err}
		}
		if err := im.flush(); err != nil {
			return err
		}
		if len(im.changes) > 0 {
			return &Error{Code: ECHANGES, Message: fmt.Sprintf("the file would change %d answers and %d notes stored already; nothing was imported", im.changedAnswers, im.changedNotes),
				Changes: im.changes, MoreChanges: im.moreChanges}
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
		if rerr := readResultOnce(); rerr != nil {
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
