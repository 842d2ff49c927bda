package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

// Respondent is one pseudonymous person answering in an assessment.
type Respondent struct {
	ID           int64
	AssessmentID int64
	Alias        string
}

// Answer is one respondent's answer to one question: its level 1–5 (option
// k of a question is level k), dk (don't know) or na (not applicable).
type Answer struct {
	Respondent string
	Question   string
	Value      string
	// Vote is 1 for the first vote, 2 for a workshop's re-vote.
	Vote       int
	AnsweredAt time.Time
}

// Note is evidence or discussion on a question or a dimension. Respondent is
// "" for a note of the group (a facilitator's record of a discussion).
type Note struct {
	ID         int64
	Respondent string
	Question   string
	Dimension  string
	Text       string
	// Lang is the language the note was written in ("nl", "en"); "" when
	// unknown (a note from before languages were kept, or imported).
	Lang      string
	CreatedAt time.Time
}

// validValue reports whether v is an answer the database takes: a level
// 1–5, dk or na.
func validValue(v string) bool {
	switch v {
	case "1", "2", "3", "4", "5", "dk", "na":
		return true
	}
	return false
}

// invalidValue is the message for an answer validValue refuses.
const invalidValue = "is not a level 1–5, dk or na"

// Respondent returns the respondent with this alias in the assessment,
// adding them when new. Aliases are pseudonyms: no personal data is needed.
func (s *Store) Respondent(ctx context.Context, assessmentID int64, alias string) (Respondent, error) {
	var r Respondent
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := assessmentByID(ctx, tx, assessmentID); err != nil {
			return err
		}
		var err error
		r, _, err = respondent(ctx, tx, assessmentID, alias, s.now())
		return err
	})
	return r, err
}

// respondent finds or adds a respondent and says whether it was added.
func respondent(ctx context.Context, tx *sql.Tx, assessmentID int64, alias, now string) (Respondent, bool, error) {
	alias = strings.TrimSpace(alias)
	if alias == "" {
		return Respondent{}, false, errorf(EINVALID, "a respondent needs an alias (a pseudonym)")
	}
	r := Respondent{AssessmentID: assessmentID, Alias: alias}
	err := tx.QueryRowContext(ctx, `SELECT id FROM respondents WHERE assessment_id = ? AND alias = ?`, assessmentID, alias).Scan(&r.ID)
	if !errors.Is(err, sql.ErrNoRows) {
		return r, false, err
	}
	// A new alias only: one stored before the rule still finds its own.
	if err := checkName("a respondent's alias", alias); err != nil {
		return r, false, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO respondents (assessment_id, alias, created_at) VALUES (?, ?, ?)`, assessmentID, alias, now)
	if err != nil {
		return r, false, err
	}
	r.ID, err = res.LastInsertId()
	return r, true, err
}

// SaveAnswer stores a respondent's answer to a question, replacing an earlier
// one of the same vote; it is committed when SaveAnswer returns. During a
// workshop's re-vote the answer is the second vote and the first is kept.
func (s *Store) SaveAnswer(ctx context.Context, respondentID int64, question, value string) error {
	if !validValue(value) {
		return errorf(EINVALID, "answer %q "+invalidValue, value)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		vote, err := voteFor(ctx, tx, respondentID, question)
		if err != nil {
			return err
		}
		return saveVote(ctx, tx, respondentID, question, vote, value, s.now())
	})
}

// saveAnswer stores a first vote.
func saveAnswer(ctx context.Context, tx *sql.Tx, respondentID int64, question, value, now string) error {
	return saveVote(ctx, tx, respondentID, question, 1, value, now)
}

func saveVote(ctx context.Context, tx *sql.Tx, respondentID int64, question string, vote int, value, now string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO answers (respondent_id, question, vote, level, answered_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (respondent_id, question, vote) DO UPDATE SET level = excluded.level, answered_at = excluded.answered_at`,
		respondentID, question, vote, value, now)
	return err
}

// Answers returns a respondent's answers by question id: the latest vote.
func (s *Store) Answers(ctx context.Context, respondentID int64) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT question, level FROM answers WHERE respondent_id = ? ORDER BY vote`, respondentID)
	if err != nil {
		return nil, translate(s.path, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var q, v string
		if err := rows.Scan(&q, &v); err != nil {
			return nil, err
		}
		out[q] = v
	}
	return out, rows.Err()
}

// NoteInput is a note to save: on Question or on Dimension (one of them).
// With a respondent, the note is theirs and saving again replaces it (an
// empty text removes it); without one, it is added as a note of the group.
type NoteInput struct {
	AssessmentID int64
	RespondentID int64 // 0 for a note of the group
	Question     string
	Dimension    string
	Text         string
	// Lang is the language of the screen the note was written on ("nl",
	// "en"), "" when unknown; saving again replaces it with the writer's.
	Lang string
}

// SaveNote stores a note; it is committed when SaveNote returns.
func (s *Store) SaveNote(ctx context.Context, n NoteInput) error {
	if (n.Question == "") == (n.Dimension == "") {
		return errorf(EINVALID, "a note belongs to a question or to a dimension")
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		return saveNote(ctx, tx, n, s.now())
	})
}

// The statements saveNote runs; an import prepares them once.
const (
	sqlCountGroupNote = `SELECT count(*) FROM notes WHERE assessment_id = ? AND respondent_id IS NULL
		AND question IS ? AND dimension IS ? AND text = ?`
	sqlAddGroupNote = `INSERT INTO notes (assessment_id, question, dimension, text, lang, created_at) VALUES (?, ?, ?, ?, ?, ?)`
	sqlDeleteNote   = `DELETE FROM notes WHERE assessment_id = ? AND respondent_id = ? AND question IS ? AND dimension IS ?`
	sqlAddNote      = `INSERT INTO notes (assessment_id, respondent_id, question, dimension, text, lang, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`
)

var noteStatements = []string{sqlCountGroupNote, sqlAddGroupNote, sqlDeleteNote, sqlAddNote}

// runner runs statements by their text: a transaction, or the statements
// an import prepared.
type runner interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func saveNote(ctx context.Context, tx runner, n NoteInput, now string) error {
	q, d, lang := nullable(n.Question), nullable(n.Dimension), nullable(n.Lang)
	text := strings.TrimSpace(n.Text)
	if err := CheckNote(text); err != nil {
		return errorf(EINVALID, "a note %s", err.Error())
	}
	if n.Lang != "" && n.Lang != "nl" && n.Lang != "en" {
		return errorf(EINVALID, "a note's language %q is not nl or en", n.Lang)
	}
	if n.RespondentID == 0 {
		if text == "" {
			return errorf(EINVALID, "a note needs a text")
		}
		// The same note of the group is kept once, so importing a file twice
		// does not double it.
		var exists int
		if err := tx.QueryRowContext(ctx, sqlCountGroupNote, n.AssessmentID, q, d, text).Scan(&exists); err != nil || exists > 0 {
			return err
		}
		_, err := tx.ExecContext(ctx, sqlAddGroupNote, n.AssessmentID, q, d, text, lang, now)
		return err
	}
	if _, err := tx.ExecContext(ctx, sqlDeleteNote, n.AssessmentID, n.RespondentID, q, d); err != nil || text == "" {
		return err
	}
	_, err := tx.ExecContext(ctx, sqlAddNote, n.AssessmentID, n.RespondentID, q, d, text, lang, now)
	return err
}

func nullable(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// Respondents lists the respondents of an assessment by alias.
func (s *Store) Respondents(ctx context.Context, assessmentID int64) ([]Respondent, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, alias FROM respondents WHERE assessment_id = ? ORDER BY alias`, assessmentID)
	if err != nil {
		return nil, translate(s.path, err)
	}
	defer rows.Close()
	var out []Respondent
	for rows.Next() {
		r := Respondent{AssessmentID: assessmentID}
		if err := rows.Scan(&r.ID, &r.Alias); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
