package store

import (
	"context"
	"database/sql"
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
	// Level is the answer: a level 1–5, dk or na; "" for a note alone.
	Level string
	Note  string
	// NoteOnDimension says that Question names a dimension.
	NoteOnDimension bool
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
		ans, err := tx.QueryContext(ctx, `SELECT r.alias, x.question, x.level FROM answers x JOIN respondents r ON r.id = x.respondent_id
			WHERE r.assessment_id = ? ORDER BY r.alias, x.question, x.vote`, rd.id)
		if err != nil {
			return nil, err
		}
		for ans.Next() {
			row := Row{Department: rd.dept, Assessment: rd.label}
			if err := ans.Scan(&row.Respondent, &row.Question, &row.Level); err != nil {
				ans.Close()
				return nil, err
			}
			key := [2]string{row.Respondent, row.Question}
			if i, ok := byKey[key]; ok {
				out[i].Level = row.Level
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
