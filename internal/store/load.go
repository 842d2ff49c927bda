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
	return s.LoadAssessmentKnowing(ctx, id, nil)
}

// LoadAssessmentKnowing is LoadAssessment for a caller that keeps the
// questionnaire files it has read: when known reports that it holds the
// round's file (by its digest), Definition and Parsed are left nil. Rounds
// share files, and each file is read with its parsed form, some 400 KB,
// where the rest of a round is a few tens of KB. A nil known holds none.
func (s *Store) LoadAssessmentKnowing(ctx context.Context, id int64, known func(digest string) bool) (AssessmentData, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return AssessmentData{}, translate(s.path, err)
	}
	defer tx.Rollback()
	var d AssessmentData
	if d.Assessment, err = assessmentByID(ctx, tx, id); err != nil {
		return d, err
	}
	if known == nil || !known(d.Assessment.Questionnaire.Digest) {
		if err := tx.QueryRowContext(ctx, `SELECT definition, parsed FROM questionnaires WHERE id = ?`, d.Assessment.Questionnaire.ID).Scan(&d.Definition, &d.Parsed); err != nil {
			return d, err
		}
	}
	if d.Revote, err = revoteQuestions(ctx, tx, id); err != nil {
		return d, err
	}
	if d.Answers, d.FirstVotes, err = answers(ctx, tx, id, d.Revote, d.Assessment.Answers); err != nil {
		return d, err
	}
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

// answers reads a round's answers, each respondent's latest vote on each
// question, by respondent and question, and the first votes on the
// questions of its re-vote. firstVotes, the number of first votes, sizes
// the list.
func answers(ctx context.Context, tx *sql.Tx, id int64, revote []string, firstVotes int) (latest, first []Answer, err error) {
	revoted := map[string]bool{}
	for _, q := range revote {
		revoted[q] = true
	}
	// The respondents' aliases are read once each, not once per answer:
	// every text read is a string made, and a round has some fifty answers
	// per respondent.
	aliases := map[int64]string{}
	rows, err := tx.QueryContext(ctx, `SELECT id, alias FROM respondents WHERE assessment_id = ?`, id)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var rid int64
		var alias string
		if err := rows.Scan(&rid, &alias); err != nil {
			rows.Close()
			return nil, nil, err
		}
		aliases[rid] = alias
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, nil, err
	}
	rows.Close()
	if firstVotes > 0 {
		latest = make([]Answer, 0, firstVotes)
	}
	var lastAt string
	var lastTime time.Time
	rows, err = tx.QueryContext(ctx, `SELECT x.respondent_id, x.question, x.vote, x.level, x.answered_at FROM answers x
		JOIN respondents r ON r.id = x.respondent_id WHERE r.assessment_id = ? ORDER BY r.alias, x.question, x.vote`, id)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	// Scanned into the same variables row after row: what Scan is handed
	// escapes, and new ones would be made for every answer.
	var rid int64
	var question, value, at string
	var vote int
	for rows.Next() {
		if err := rows.Scan(&rid, &question, &vote, &value, &at); err != nil {
			return nil, nil, err
		}
		a := Answer{Respondent: aliases[rid], Question: question, Value: value, Vote: vote}
		// Answers saved or imported together share their time: parse each
		// time once, not once per answer.
		if at != lastAt {
			lastAt, lastTime = at, parseTime(at)
		}
		a.AnsweredAt = lastTime
		if a.Vote == 1 && revoted[a.Question] {
			first = append(first, a)
		}
		// Rows come vote by vote: a re-vote replaces the first vote before it.
		if n := len(latest); a.Vote > 1 && n > 0 && latest[n-1].Respondent == a.Respondent && latest[n-1].Question == a.Question {
			latest[n-1] = a
			continue
		}
		latest = append(latest, a)
	}
	return latest, first, rows.Err()
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
