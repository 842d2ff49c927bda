package store

import (
	"context"
	"database/sql"
	"time"
)

// AssessmentData is everything scoring and the views need of one round.
type AssessmentData struct {
	Assessment Assessment
	// Definition is the questionnaire file the round was answered on, and
	// Parsed its parsed form where the store has one (nil otherwise).
	Definition, Parsed []byte
	// Answers holds each respondent's latest vote on each question: the
	// answers the scores use.
	Answers []Answer
	// Revote lists the questions of a workshop's re-vote, in order, and
	// FirstVotes every first vote on them, replaced or not.
	Revote            []string
	FirstVotes        []Answer
	Notes             []Note
	AssessmentTargets Targets
	DepartmentTargets Targets
}

// LoadAssessment reads one round with its questionnaire snapshot, answers,
// notes and targets, all from one consistent view of the database.
func (s *Store) LoadAssessment(ctx context.Context, id int64) (AssessmentData, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return AssessmentData{}, translate(s.path, err)
	}
	defer tx.Rollback()
	var d AssessmentData
	if d.Assessment, err = assessmentByID(ctx, tx, id); err != nil {
		return d, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT definition, parsed FROM questionnaires WHERE id = ?`, d.Assessment.Questionnaire.ID).Scan(&d.Definition, &d.Parsed); err != nil {
		return d, err
	}
	if d.Revote, err = revoteQuestions(ctx, tx, id); err != nil {
		return d, err
	}
	revoted := map[string]bool{}
	for _, q := range d.Revote {
		revoted[q] = true
	}
	var lastAt string
	var lastTime time.Time
	rows, err := tx.QueryContext(ctx, `SELECT r.alias, x.question, x.vote, x.level, x.answered_at FROM answers x
		JOIN respondents r ON r.id = x.respondent_id WHERE r.assessment_id = ? ORDER BY r.alias, x.question, x.vote`, id)
	if err != nil {
		return d, err
	}
	for rows.Next() {
		var a Answer
		var at string
		if err := rows.Scan(&a.Respondent, &a.Question, &a.Vote, &a.Value, &at); err != nil {
			rows.Close()
			return d, err
		}
		// Answers saved or imported together share their time: parse each
		// time once, not once per answer.
		if at != lastAt {
			lastAt, lastTime = at, parseTime(at)
		}
		a.AnsweredAt = lastTime
		if a.Vote == 1 && revoted[a.Question] {
			d.FirstVotes = append(d.FirstVotes, a)
		}
		// Rows come vote by vote: a re-vote replaces the first vote before it.
		if n := len(d.Answers); a.Vote > 1 && n > 0 && d.Answers[n-1].Respondent == a.Respondent && d.Answers[n-1].Question == a.Question {
			d.Answers[n-1] = a
			continue
		}
		d.Answers = append(d.Answers, a)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return d, err
	}
	rows.Close()
	if d.Notes, err = notes(ctx, tx, id); err != nil {
		return d, err
	}
	if d.AssessmentTargets, err = targets(ctx, tx, `SELECT dimension, level FROM assessment_targets WHERE assessment_id = ?`, id); err != nil {
		return d, err
	}
	d.DepartmentTargets, err = targets(ctx, tx, `SELECT t.dimension, t.level FROM department_targets t
		JOIN assessments a ON a.department_id = t.department_id WHERE a.id = ?`, id)
	return d, err
}

func notes(ctx context.Context, q queryer, assessmentID int64) ([]Note, error) {
	rows, err := q.QueryContext(ctx, `SELECT n.id, coalesce(r.alias, ''), coalesce(n.question, ''), coalesce(n.dimension, ''), n.text, coalesce(n.lang, ''), n.created_at
		FROM notes n LEFT JOIN respondents r ON r.id = n.respondent_id WHERE n.assessment_id = ? ORDER BY n.id`, assessmentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Note
	for rows.Next() {
		var n Note
		var at string
		if err := rows.Scan(&n.ID, &n.Respondent, &n.Question, &n.Dimension, &n.Text, &n.Lang, &at); err != nil {
			return nil, err
		}
		n.CreatedAt = parseTime(at)
		out = append(out, n)
	}
	return out, rows.Err()
}
