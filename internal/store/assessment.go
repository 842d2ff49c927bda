package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Mode says how an assessment's answers were gathered.
type Mode string

// The modes of an assessment.
const (
	ModeSelf     Mode = "self"     // a department on its own, one respondent after another
	ModeWorkshop Mode = "workshop" // a facilitated session
)

// Snapshot identifies the questionnaire file an assessment was answered on.
type Snapshot struct {
	ID      int64
	Key     string // the questionnaire's own id
	Version int
	Digest  string
	// Questions is the number of questions in the file.
	Questions int
}

// Assessment is one round of one department.
type Assessment struct {
	ID            int64
	Department    string
	Questionnaire Snapshot
	Round         string
	Mode          Mode
	// Phase is where a workshop stands; a self-assessment stays answering.
	Phase     Phase
	CreatedAt time.Time
	ClosedAt  time.Time // zero while the round is open
	// Respondents counts the respondents; Answers their answers (the first
	// vote; a re-vote replaces some of them); Complete
	// says whether every respondent answered every question.
	Respondents int
	Answers     int
	Complete    bool
}

// Open reports whether the round still collects answers.
func (a Assessment) Open() bool { return a.ClosedAt.IsZero() }

// QuestionnaireFile is what the store keeps of a questionnaire: its identity
// and the file itself.
type QuestionnaireFile struct {
	Key       string
	Version   int
	Digest    string
	Questions int
	Source    []byte
	// Parsed is the questionnaire's parsed form (questionnaire.Parsed),
	// kept beside Source so that reading a round does not parse it again.
	Parsed []byte
}

func saveQuestionnaire(ctx context.Context, tx *sql.Tx, q QuestionnaireFile, now string) (Snapshot, error) {
	if len(q.Source) == 0 || q.Digest == "" {
		return Snapshot{}, errorf(EINVALID, "questionnaire %s has no source to keep", q.Key)
	}
	// A snapshot kept before parsed forms existed gains one, and one kept
	// with a form of an earlier format gets this build's.
	_, err := tx.ExecContext(ctx, `INSERT INTO questionnaires (key, version, digest, questions, definition, parsed, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (digest) DO UPDATE SET parsed = coalesce(excluded.parsed, parsed)`,
		q.Key, q.Version, q.Digest, q.Questions, q.Source, nullBytes(q.Parsed), now)
	if err != nil {
		return Snapshot{}, err
	}
	var s Snapshot
	err = tx.QueryRowContext(ctx, `SELECT id, key, version, digest, questions FROM questionnaires WHERE digest = ?`, q.Digest).
		Scan(&s.ID, &s.Key, &s.Version, &s.Digest, &s.Questions)
	return s, err
}

const assessmentColumns = `a.id, d.name, q.id, q.key, q.version, q.digest, q.questions, a.round, a.mode, a.created_at, coalesce(a.closed_at, ''),
	(SELECT count(*) FROM respondents r WHERE r.assessment_id = a.id),
	(SELECT count(*) FROM answers x JOIN respondents r ON r.id = x.respondent_id WHERE r.assessment_id = a.id AND x.vote = 1), a.phase
	FROM assessments a JOIN departments d ON d.id = a.department_id JOIN questionnaires q ON q.id = a.questionnaire_id`

func scanAssessment(sc scanner) (Assessment, error) {
	var a Assessment
	var mode, created, closed, phase string
	err := sc.Scan(&a.ID, &a.Department, &a.Questionnaire.ID, &a.Questionnaire.Key, &a.Questionnaire.Version, &a.Questionnaire.Digest,
		&a.Questionnaire.Questions, &a.Round, &mode, &created, &closed, &a.Respondents, &a.Answers, &phase)
	a.Mode, a.CreatedAt, a.Phase = Mode(mode), parseTime(created), Phase(phase)
	if closed != "" {
		a.ClosedAt = parseTime(closed)
	}
	a.Complete = a.Respondents > 0 && a.Answers == a.Respondents*a.Questionnaire.Questions
	return a, err
}

// openAssessmentByID is the round with this id while it is open; a closed
// round is a conflict, said with its label and department.
func openAssessmentByID(ctx context.Context, q queryer, id int64) (Assessment, error) {
	a, err := assessmentByID(ctx, q, id)
	if err == nil && !a.Open() {
		err = errorf(ECONFLICT, "round %s of %s has been closed", a.Round, a.Department)
	}
	return a, err
}

func assessmentByID(ctx context.Context, q queryer, id int64) (Assessment, error) {
	a, err := scanAssessment(q.QueryRowContext(ctx, `SELECT `+assessmentColumns+` WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, errorf(ENOTFOUND, "unknown assessment %d (see maturity assessment list)", id)
	}
	return a, err
}

// Assessment returns the assessment with the given id.
func (s *Store) Assessment(ctx context.Context, id int64) (Assessment, error) {
	a, err := assessmentByID(ctx, s.db, id)
	return a, translate(s.path, err)
}

// Assessments lists the rounds of a department ("" for every department),
// by department and then oldest first.
func (s *Store) Assessments(ctx context.Context, department string) ([]Assessment, error) {
	where, args := "", []any{}
	if department != "" {
		d, err := departmentByName(ctx, s.db, department)
		if err != nil {
			return nil, translate(s.path, err)
		}
		where, args = " WHERE a.department_id = ?", []any{d.ID}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+assessmentColumns+where+` ORDER BY d.name COLLATE NOCASE, a.created_at, a.id`, args...)
	if err != nil {
		return nil, translate(s.path, err)
	}
	return collect(rows, scanAssessment)
}

// LatestAssessment returns the department's most recent round.
func (s *Store) LatestAssessment(ctx context.Context, department string) (Assessment, error) {
	all, err := s.Assessments(ctx, department)
	if err != nil {
		return Assessment{}, err
	}
	if len(all) == 0 {
		return Assessment{}, errorf(ENOTFOUND, "department %q has no assessment yet", department)
	}
	return all[len(all)-1], nil
}

// StartOptions says which round to start or resume.
type StartOptions struct {
	Department    string
	Questionnaire QuestionnaireFile
	Mode          Mode
	// Round labels a new round; "" takes the month (2026-11), with -2, -3 …
	// added when the department already has a round of that name.
	Round string
}

// StartAssessment resumes the department's open round, or starts a new one.
// An open round on another questionnaire file is a conflict: it has to be
// closed first, so that one round is never scored against two definitions.
func (s *Store) StartAssessment(ctx context.Context, o StartOptions) (Assessment, error) {
	if o.Mode != ModeSelf && o.Mode != ModeWorkshop {
		return Assessment{}, errorf(EINVALID, "mode %q is not self or workshop", o.Mode)
	}
	var a Assessment
	err := s.tx(ctx, func(tx *sql.Tx) error {
		d, err := departmentByName(ctx, tx, o.Department)
		if err != nil {
			return err
		}
		snap, err := saveQuestionnaire(ctx, tx, o.Questionnaire, s.now())
		if err != nil {
			return err
		}
		var openID int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM assessments WHERE department_id = ? AND closed_at IS NULL`, d.ID).Scan(&openID)
		switch {
		case err == nil:
			if a, err = assessmentByID(ctx, tx, openID); err != nil {
				return err
			}
			if a.Questionnaire.ID != snap.ID {
				return errorf(ECONFLICT, "department %q has an open round %q on questionnaire %s version %d (another file than this one); close it first with: maturity assessment close --department %q",
					d.Name, a.Round, a.Questionnaire.Key, a.Questionnaire.Version, d.Name)
			}
			if o.Round != "" && o.Round != a.Round {
				return errorf(ECONFLICT, "department %q already has an open round %q; close it first to start round %q", d.Name, a.Round, o.Round)
			}
			return nil
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		id, err := createAssessment(ctx, tx, d.ID, snap.ID, o.Round, o.Mode, s.Now(), false)
		if err != nil {
			return err
		}
		a, err = assessmentByID(ctx, tx, id)
		return err
	})
	return a, err
}

// createAssessment inserts a round; closed rounds are closed at once (for
// rounds gathered elsewhere and imported).
func createAssessment(ctx context.Context, tx *sql.Tx, departmentID, questionnaireID int64, round string, mode Mode, now time.Time, closed bool) (int64, error) {
	round = strings.TrimSpace(round)
	if round == "" {
		base := now.UTC().Format("2006-01")
		round = base
		for n := 2; ; n++ {
			var taken int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM assessments WHERE department_id = ? AND round = ?`, departmentID, round).Scan(&taken); err != nil {
				return 0, err
			}
			if taken == 0 {
				break
			}
			round = fmt.Sprintf("%s-%d", base, n)
		}
	} else {
		if err := checkName("a round's label", round); err != nil {
			return 0, err
		}
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM assessments WHERE department_id = ? AND round = ?`, departmentID, round).Scan(&taken); err != nil {
			return 0, err
		}
		if taken > 0 {
			return 0, errorf(ECONFLICT, "the department already has a round %q; choose another --round", round)
		}
	}
	ts := now.UTC().Format(timeFormat)
	var closedAt sql.NullString
	if closed {
		closedAt = sql.NullString{String: ts, Valid: true}
		// A round gathered elsewhere is dated by its label when the label
		// is a date (2025-05 or 2025-05-14), so that an older round
		// imported later does not become the latest.
		if d, ok := labelDate(round); ok && d.Before(now) {
			ts = d.UTC().Format(timeFormat)
			closedAt.String = ts
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO assessments (department_id, questionnaire_id, round, mode, created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?)`,
		departmentID, questionnaireID, round, string(mode), ts, closedAt)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// CloseAssessment closes the department's open round: the next answer for
// the department starts a new one.
func (s *Store) CloseAssessment(ctx context.Context, department string) (Assessment, error) {
	var a Assessment
	err := s.tx(ctx, func(tx *sql.Tx) error {
		d, err := departmentByName(ctx, tx, department)
		if err != nil {
			return err
		}
		var id int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM assessments WHERE department_id = ? AND closed_at IS NULL`, d.ID).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return errorf(ENOTFOUND, "department %q has no open round to close", d.Name)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE assessments SET closed_at = ? WHERE id = ?`, s.now(), id); err != nil {
			return err
		}
		a, err = assessmentByID(ctx, tx, id)
		return err
	})
	return a, err
}

// ReopenAssessment opens a closed round again, unless its department has
// another open round.
func (s *Store) ReopenAssessment(ctx context.Context, id int64) (Assessment, error) {
	var a Assessment
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if a, err = assessmentByID(ctx, tx, id); err != nil {
			return err
		}
		if a.Open() {
			return errorf(ECONFLICT, "assessment %d (%s, round %s) is already open", id, a.Department, a.Round)
		}
		var other string
		err = tx.QueryRowContext(ctx, `SELECT round FROM assessments WHERE closed_at IS NULL AND department_id = (SELECT department_id FROM assessments WHERE id = ?)`, id).Scan(&other)
		if err == nil {
			return errorf(ECONFLICT, "department %q has another open round %q; close it first with: maturity assessment close --department %q", a.Department, other, a.Department)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE assessments SET closed_at = NULL WHERE id = ?`, id); err != nil {
			return err
		}
		a, err = assessmentByID(ctx, tx, id)
		return err
	})
	return a, err
}

// labelDate reads a round label that is a month or a day.
func labelDate(label string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01"} {
		if t, err := time.Parse(layout, label); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// nullBytes is b, or NULL when it is empty.
func nullBytes(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return b
}
