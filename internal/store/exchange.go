package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
)

// Row is one line of the long exchange format: an answer, a note, or both.
// A row without respondent and answer is a note of the group; Question may
// then name a dimension instead of a question.
type Row struct {
	Department string
	Assessment string // the round label
	Respondent string
	Question   string
	Answer     string
	Note       string
	// NoteOnDimension says that Question names a dimension.
	NoteOnDimension bool
}

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
	var st ImportStats
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		snap, err := saveQuestionnaire(ctx, tx, q, now)
		if err != nil {
			return err
		}
		depts := map[string]int64{}
		rounds := map[[2]string]int64{}
		resps := map[[3]string]int64{}
		for _, r := range rows {
			dID, ok := depts[r.Department]
			if !ok {
				d, err := departmentByName(ctx, tx, r.Department)
				if ErrorCode(err) == ENOTFOUND {
					d, err = createDepartment(ctx, tx, r.Department, "", now)
					st.Departments++
				}
				if err != nil {
					return err
				}
				dID, depts[r.Department] = d.ID, d.ID
			}
			rk := [2]string{r.Department, r.Assessment}
			aID, ok := rounds[rk]
			if !ok {
				var qID int64
				err := tx.QueryRowContext(ctx, `SELECT id, questionnaire_id FROM assessments WHERE department_id = ? AND round = ?`, dID, r.Assessment).Scan(&aID, &qID)
				switch {
				case errors.Is(err, sql.ErrNoRows):
					if aID, err = createAssessment(ctx, tx, dID, snap.ID, r.Assessment, ModeSelf, s.Now(), true); err != nil {
						return err
					}
					st.Assessments++
				case err != nil:
					return err
				case qID != snap.ID:
					return errorf(ECONFLICT, "department %q round %q was answered on another questionnaire file than %s version %d; import it with that questionnaire (--questionnaire)",
						r.Department, r.Assessment, q.Key, q.Version)
				}
				rounds[rk] = aID
			}
			var respID int64
			if r.Respondent != "" {
				pk := [3]string{r.Department, r.Assessment, r.Respondent}
				if respID, ok = resps[pk]; !ok {
					resp, added, err := respondent(ctx, tx, aID, r.Respondent, now)
					if err != nil {
						return err
					}
					if added {
						st.Respondents++
					}
					respID, resps[pk] = resp.ID, resp.ID
				}
			}
			if r.Answer != "" {
				if !validValue(r.Answer) {
					return errorf(EINVALID, "answer %q is not 0, 1, 2, 3, 4, dk or na", r.Answer)
				}
				if err := saveAnswer(ctx, tx, respID, r.Question, r.Answer, now); err != nil {
					return err
				}
				st.Answers++
			}
			if r.Note != "" {
				n := NoteInput{AssessmentID: aID, RespondentID: respID, Question: r.Question, Text: r.Note}
				if r.NoteOnDimension {
					n.Question, n.Dimension = "", r.Question
				}
				if err := saveNote(ctx, tx, n, now); err != nil {
					return err
				}
				st.Notes++
			}
		}
		return nil
	})
	if err != nil {
		return ImportStats{}, err
	}
	return st, nil
}

// Rows returns every answer and note of a department ("" for all) in the
// long exchange format, ordered by department, round, respondent and
// question; notes of the group follow the answers of their round.
func (s *Store) Rows(ctx context.Context, department string) ([]Row, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, translate(s.path, err)
	}
	defer tx.Rollback()
	where, args := "", []any{}
	if department != "" {
		d, err := departmentByName(ctx, tx, department)
		if err != nil {
			return nil, err
		}
		where, args = " WHERE a.department_id = ?", []any{d.ID}
	}
	type round struct {
		id          int64
		dept, label string
	}
	rs, err := tx.QueryContext(ctx, `SELECT a.id, d.name, a.round FROM assessments a JOIN departments d ON d.id = a.department_id`+where+
		` ORDER BY d.name COLLATE NOCASE, a.created_at, a.id`, args...)
	if err != nil {
		return nil, err
	}
	var rounds []round
	for rs.Next() {
		var r round
		if err := rs.Scan(&r.id, &r.dept, &r.label); err != nil {
			rs.Close()
			return nil, err
		}
		rounds = append(rounds, r)
	}
	rs.Close()

	var out []Row
	for _, rd := range rounds {
		byKey := map[[2]string]int{} // respondent, question → index in out
		// A workshop's re-vote replaces the first vote: the export carries
		// the answers the scores use.
		ans, err := tx.QueryContext(ctx, `SELECT r.alias, x.question, x.answer FROM answers x JOIN respondents r ON r.id = x.respondent_id
			WHERE r.assessment_id = ? ORDER BY r.alias, x.question, x.vote`, rd.id)
		if err != nil {
			return nil, err
		}
		for ans.Next() {
			row := Row{Department: rd.dept, Assessment: rd.label}
			if err := ans.Scan(&row.Respondent, &row.Question, &row.Answer); err != nil {
				ans.Close()
				return nil, err
			}
			key := [2]string{row.Respondent, row.Question}
			if i, ok := byKey[key]; ok {
				out[i].Answer = row.Answer
				continue
			}
			byKey[key] = len(out)
			out = append(out, row)
		}
		ans.Close()
		ns, err := notes(ctx, tx, rd.id)
		if err != nil {
			return nil, err
		}
		var extra []Row
		for _, n := range ns {
			on, dim := n.Question, false
			if on == "" {
				on, dim = n.Dimension, true
			}
			if i, ok := byKey[[2]string{n.Respondent, on}]; ok && n.Respondent != "" && !dim {
				out[i].Note = n.Text
				continue
			}
			extra = append(extra, Row{Department: rd.dept, Assessment: rd.label, Respondent: n.Respondent, Question: on, Note: n.Text, NoteOnDimension: dim})
		}
		sort.SliceStable(extra, func(i, j int) bool {
			ri, rj := extra[i].Respondent, extra[j].Respondent
			if (ri == "") != (rj == "") {
				return rj == "" // a respondent's notes before the group's
			}
			if ri != rj {
				return ri < rj
			}
			return extra[i].Question < extra[j].Question
		})
		out = append(out, extra...)
	}
	return out, nil
}
