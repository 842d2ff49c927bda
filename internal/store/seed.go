package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// RoundFacts is what an import of the long format cannot say about a round
// gathered elsewhere: how its answers were gathered and when it closed.
type RoundFacts struct {
	Department string
	Round      string // the round's label
	Mode       Mode
	// ClosedAt is when the round closed; the zero time keeps the closing
	// time the import gave it.
	ClosedAt time.Time
	// SecondVotes are a workshop's re-vote: respondents' second answers to
	// the questions it voted on again, which are taken in the order they
	// first appear here. The first votes stay as imported.
	SecondVotes []Answer
}

// SetRoundFacts records the mode and closing time of closed rounds, all in
// one transaction: a round imported as a self-assessment can be marked as
// the workshop it was, closed on the day it was held. An unknown round, a
// round that is still open (its mode belongs to whoever runs it) or a
// closing time before the round opened is refused, and then nothing
// changes.
func (s *Store) SetRoundFacts(ctx context.Context, facts []RoundFacts) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, f := range facts {
			if f.Mode != ModeSelf && f.Mode != ModeWorkshop {
				return errorf(EINVALID, "mode %q of round %q of %s is not self or workshop", f.Mode, f.Round, f.Department)
			}
			d, err := departmentByName(ctx, tx, f.Department)
			if err != nil {
				return err
			}
			var id int64
			var created string
			var closed sql.NullString
			err = tx.QueryRowContext(ctx, `SELECT id, created_at, closed_at FROM assessments WHERE department_id = ? AND round = ?`, d.ID, f.Round).
				Scan(&id, &created, &closed)
			if errors.Is(err, sql.ErrNoRows) {
				return errorf(ENOTFOUND, "department %q has no round %q", d.Name, f.Round)
			}
			if err != nil {
				return err
			}
			if !closed.Valid {
				return errorf(ECONFLICT, "round %q of %s is open: only a closed round's mode and closing time can be set", f.Round, d.Name)
			}
			closedAt := closed.String
			if !f.ClosedAt.IsZero() {
				closedAt = f.ClosedAt.UTC().Format(timeFormat)
				// The stored format sorts as text, so comparing strings
				// compares times.
				if closedAt < created {
					return errorf(EINVALID, "round %q of %s cannot close at %s, before it opened (%s)", f.Round, d.Name, closedAt, created)
				}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE assessments SET mode = ?, closed_at = ? WHERE id = ?`, string(f.Mode), closedAt, id); err != nil {
				return err
			}
			if err := seedRevote(ctx, tx, id, f, closedAt); err != nil {
				return err
			}
		}
		return nil
	})
}

// seedRevote stores a closed round's re-vote; the round ended in discussion.
func seedRevote(ctx context.Context, tx *sql.Tx, id int64, f RoundFacts, at string) error {
	if len(f.SecondVotes) == 0 {
		return nil
	}
	if f.Mode != ModeWorkshop {
		return errorf(EINVALID, "round %q of %s is not a workshop: only a workshop votes again", f.Round, f.Department)
	}
	position := map[string]int{}
	for _, v := range f.SecondVotes {
		if !validValue(v.Value) {
			return errorf(EINVALID, "second vote %q of %s in round %q of %s "+invalidValue, v.Value, v.Respondent, f.Round, f.Department)
		}
		if _, ok := position[v.Question]; !ok {
			position[v.Question] = len(position)
			if _, err := tx.ExecContext(ctx, `INSERT INTO revote_questions (assessment_id, question, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, id, v.Question, position[v.Question]); err != nil {
				return err
			}
		}
		var respondent int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM respondents WHERE assessment_id = ? AND alias = ?`, id, v.Respondent).Scan(&respondent)
		if errors.Is(err, sql.ErrNoRows) {
			return errorf(ENOTFOUND, "round %q of %s has no respondent %q to vote again", f.Round, f.Department, v.Respondent)
		}
		if err != nil {
			return err
		}
		if err := saveVote(ctx, tx, respondent, v.Question, 2, v.Value, at); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE assessments SET phase = ? WHERE id = ?`, string(PhaseDiscussion), id)
	return err
}
