package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// Phase is where a workshop round stands. A self-assessment round stays in
// PhaseAnswering until it is closed.
type Phase string

// The phases of a round that is open; closing it is CloseAssessment.
const (
	// PhaseAnswering: the silent vote; every answer is a first vote.
	PhaseAnswering Phase = "answering"
	// PhaseDiscussion: answering is closed while the group discusses.
	PhaseDiscussion Phase = "discussion"
	// PhaseRevote: the discussed questions are answered again; those
	// answers are a second vote, kept beside the first.
	PhaseRevote Phase = "revote"
)

// SetPhase moves an open round to phase p. Entering PhaseRevote needs the
// questions to vote on again, and a round has one re-vote at most: once
// held, it can be reopened (its questions answered again) but not changed.
func (s *Store) SetPhase(ctx context.Context, assessmentID int64, p Phase, revote []string) error {
	switch p {
	case PhaseAnswering, PhaseDiscussion, PhaseRevote:
	default:
		return errorf(EINVALID, "unknown phase %q (expected answering, discussion or revote)", p)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		a, err := openAssessmentByID(ctx, tx, assessmentID)
		if err != nil {
			return err
		}
		if p == PhaseRevote {
			held, err := revoteQuestions(ctx, tx, assessmentID)
			if err != nil {
				return err
			}
			switch {
			case len(held) > 0 && len(revote) > 0 && strings.Join(held, "\n") != strings.Join(revote, "\n"):
				return errorf(ECONFLICT, "round %s of %s already had a re-vote on other questions", a.Round, a.Department)
			case len(held) == 0 && len(revote) == 0:
				return errorf(EINVALID, "a re-vote needs the questions to vote on again")
			case len(held) == 0:
				for i, q := range revote {
					if _, err := tx.ExecContext(ctx, `INSERT INTO revote_questions (assessment_id, question, position) VALUES (?, ?, ?)`, assessmentID, q, i); err != nil {
						return err
					}
				}
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE assessments SET phase = ? WHERE id = ?`, string(p), assessmentID)
		return err
	})
}

// revoteQuestions lists the questions of a round's re-vote, in order.
func revoteQuestions(ctx context.Context, q queryer, assessmentID int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT question FROM revote_questions WHERE assessment_id = ? ORDER BY position`, assessmentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// voteFor is the vote an answer to question counts as in the respondent's
// round now: 1 while answering, 2 during a re-vote of that question. Any
// other answer is refused, with why.
func voteFor(ctx context.Context, tx *sql.Tx, respondentID int64, question string) (int, error) {
	var id int64
	var round, department, phase string
	var closed sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT a.id, a.round, d.name, a.closed_at, a.phase FROM respondents r JOIN assessments a ON a.id = r.assessment_id
		JOIN departments d ON d.id = a.department_id WHERE r.id = ?`, respondentID).Scan(&id, &round, &department, &closed, &phase)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errorf(ENOTFOUND, "unknown respondent %d", respondentID)
	}
	if err != nil {
		return 0, err
	}
	switch {
	case closed.Valid:
		return 0, errorf(ECONFLICT, "round %s of %s has been closed: start again to answer in a new round", round, department)
	case Phase(phase) == PhaseDiscussion:
		return 0, errorf(ECONFLICT, "answering in round %s of %s is closed while the group discusses", round, department)
	case Phase(phase) == PhaseRevote:
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM revote_questions WHERE assessment_id = ? AND question = ?`, id, question).Scan(&n); err != nil {
			return 0, err
		}
		if n == 0 {
			return 0, errorf(ECONFLICT, "question %s is not part of the re-vote in round %s of %s", question, round, department)
		}
		return 2, nil
	}
	return 1, nil
}
