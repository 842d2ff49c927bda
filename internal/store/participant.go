package store

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxAliasRunes is the longest pseudonym a workshop participant may choose.
const MaxAliasRunes = 40

// AliasKey is the form in which two pseudonyms are the same person within a
// round: lower case, its runs of spaces one space. "Merel", "merel" and
// " MEREL " are one pseudonym.
func AliasKey(alias string) string {
	return strings.ToLower(strings.Join(strings.Fields(alias), " "))
}

// CheckAlias says what is wrong with a pseudonym a workshop participant
// typed, or nil: at least one character and at most MaxAliasRunes, none of
// them Unprintable (an escape code in a pseudonym would rewrite the
// dashboard on the beamer).
func CheckAlias(alias string) error {
	alias = strings.TrimSpace(alias)
	switch {
	case alias == "":
		return errorf(EINVALID, "a pseudonym needs at least one character")
	case !utf8.ValidString(alias):
		return errorf(EINVALID, "a pseudonym must be UTF-8 text")
	case utf8.RuneCountInString(alias) > MaxAliasRunes:
		return errorf(EINVALID, "a pseudonym has at most %d characters", MaxAliasRunes)
	}
	for _, r := range alias {
		if Unprintable(r) || !unicode.IsGraphic(r) {
			return errorf(EINVALID, "a pseudonym may hold letters, digits, punctuation and spaces only")
		}
	}
	return nil
}

// Participant is a respondent of a round as a workshop's gate finds them.
type Participant struct {
	Respondent
	// HasCode says whether they joined through the gate and have a resume
	// code; a respondent who answered otherwise (maturity assess, an
	// import, a round from before resume codes) has none, and nobody can
	// join under their pseudonym.
	HasCode bool
}

// FindParticipant finds the respondent of the round whose pseudonym is
// alias in any case (AliasKey); ENOTFOUND when there is none.
func (s *Store) FindParticipant(ctx context.Context, assessmentID int64, alias string) (Participant, error) {
	p, err := findParticipant(ctx, s.db, assessmentID, AliasKey(alias))
	return p, translate(s.path, err)
}

func findParticipant(ctx context.Context, q queryer, assessmentID int64, key string) (Participant, error) {
	// Respondents without a participant row have no alias_key: their
	// aliases are folded here, a round holds tens of them.
	rows, err := q.QueryContext(ctx, `SELECT r.id, r.alias, p.respondent_id IS NOT NULL FROM respondents r
		LEFT JOIN participants p ON p.respondent_id = r.id WHERE r.assessment_id = ? ORDER BY r.id`, assessmentID)
	if err != nil {
		return Participant{}, err
	}
	defer rows.Close()
	for rows.Next() {
		p := Participant{Respondent: Respondent{AssessmentID: assessmentID}}
		if err := rows.Scan(&p.ID, &p.Alias, &p.HasCode); err != nil {
			return Participant{}, err
		}
		if AliasKey(p.Alias) == key {
			return p, nil
		}
	}
	if err := rows.Err(); err != nil {
		return Participant{}, err
	}
	return Participant{}, errorf(ENOTFOUND, "no participant %q in assessment %d", key, assessmentID)
}

// resumeHash is what the store keeps of a resume code: its SHA-256, of
// the code in upper case, so that k7pm and K7PM are the same code.
func resumeHash(code string) string {
	sum := sha256.Sum256([]byte(strings.ToUpper(strings.TrimSpace(code))))
	return hex.EncodeToString(sum[:])
}

// AddParticipant adds a new participant to an open round with their resume
// code. A pseudonym taken in any case is a conflict, as is a closed round.
func (s *Store) AddParticipant(ctx context.Context, assessmentID int64, alias, resumeCode string) (Respondent, error) {
	if err := CheckAlias(alias); err != nil {
		return Respondent{}, err
	}
	if strings.TrimSpace(resumeCode) == "" {
		return Respondent{}, errorf(EINVALID, "a participant needs a resume code")
	}
	var r Respondent
	err := s.tx(ctx, func(tx *sql.Tx) error {
		a, err := openAssessmentByID(ctx, tx, assessmentID)
		if err != nil {
			return err
		}
		key := AliasKey(alias)
		switch _, err := findParticipant(ctx, tx, assessmentID, key); {
		case err == nil:
			return errorf(ECONFLICT, "the pseudonym %q is taken in round %s of %s", strings.TrimSpace(alias), a.Round, a.Department)
		case ErrorCode(err) != ENOTFOUND:
			return err
		}
		now := s.now()
		var added bool
		if r, added, err = respondent(ctx, tx, assessmentID, alias, now); err != nil {
			return err
		}
		if !added {
			return errorf(ECONFLICT, "the pseudonym %q is taken in round %s of %s", strings.TrimSpace(alias), a.Round, a.Department)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO participants (respondent_id, assessment_id, alias_key, resume_hash, joined_at) VALUES (?, ?, ?, ?, ?)`,
			r.ID, assessmentID, key, resumeHash(resumeCode), now)
		return err
	})
	return r, err
}

// ResumeCodeMatches reports whether code is the participant's resume code,
// in any case. A respondent without a code matches none.
func (s *Store) ResumeCodeMatches(ctx context.Context, respondentID int64, code string) (bool, error) {
	var stored string
	err := s.db.QueryRowContext(ctx, `SELECT resume_hash FROM participants WHERE respondent_id = ?`, respondentID).Scan(&stored)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, translate(s.path, err)
	}
	return subtle.ConstantTimeCompare([]byte(stored), []byte(resumeHash(code))) == 1, nil
}

// RemoveRespondent removes a respondent from their open round with every
// answer and note they gave; it returns how many answers went. A closed
// round keeps its respondents.
func (s *Store) RemoveRespondent(ctx context.Context, respondentID int64) (int, error) {
	var answers int
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var assessmentID int64
		err := tx.QueryRowContext(ctx, `SELECT assessment_id FROM respondents WHERE id = ?`, respondentID).Scan(&assessmentID)
		if errors.Is(err, sql.ErrNoRows) {
			return errorf(ENOTFOUND, "unknown respondent %d", respondentID)
		}
		if err != nil {
			return err
		}
		a, err := assessmentByID(ctx, tx, assessmentID)
		if err != nil {
			return err
		}
		if !a.Open() {
			return errorf(ECONFLICT, "round %s of %s has been closed: its respondents stay", a.Round, a.Department)
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM answers WHERE respondent_id = ?`, respondentID).Scan(&answers); err != nil {
			return err
		}
		// Answers, notes and the participant row go with the respondent
		// (ON DELETE CASCADE).
		_, err = tx.ExecContext(ctx, `DELETE FROM respondents WHERE id = ?`, respondentID)
		return err
	})
	return answers, err
}

// SetMode changes how an open round gathers its answers: a workshop that
// takes over a department's open self-assessment makes it a workshop round.
func (s *Store) SetMode(ctx context.Context, assessmentID int64, mode Mode) error {
	if mode != ModeSelf && mode != ModeWorkshop {
		return errorf(EINVALID, "mode %q is not self or workshop", mode)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := openAssessmentByID(ctx, tx, assessmentID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE assessments SET mode = ? WHERE id = ?`, string(mode), assessmentID)
		return err
	})
}
