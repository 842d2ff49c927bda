package store

import (
	"context"
	"database/sql"
)

// Targets maps a dimension id to a target level 1–5.
type Targets map[string]int

// SetDepartmentTargets sets target levels for a department's dimensions.
func (s *Store) SetDepartmentTargets(ctx context.Context, department string, t Targets) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		d, err := departmentByName(ctx, tx, department)
		if err != nil {
			return err
		}
		return setTargets(ctx, tx, "department_targets", "department_id", d.ID, t)
	})
}

// SetAssessmentTargets sets target levels for one round; they win over the
// department's.
func (s *Store) SetAssessmentTargets(ctx context.Context, assessmentID int64, t Targets) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := assessmentByID(ctx, tx, assessmentID); err != nil {
			return err
		}
		return setTargets(ctx, tx, "assessment_targets", "assessment_id", assessmentID, t)
	})
}

// ClearDepartmentTargets removes a department's targets for the dimensions.
func (s *Store) ClearDepartmentTargets(ctx context.Context, department string, dimensions []string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		d, err := departmentByName(ctx, tx, department)
		if err != nil {
			return err
		}
		return clearTargets(ctx, tx, "department_targets", "department_id", d.ID, dimensions)
	})
}

// ClearAssessmentTargets removes a round's targets for the dimensions.
func (s *Store) ClearAssessmentTargets(ctx context.Context, assessmentID int64, dimensions []string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := assessmentByID(ctx, tx, assessmentID); err != nil {
			return err
		}
		return clearTargets(ctx, tx, "assessment_targets", "assessment_id", assessmentID, dimensions)
	})
}

// The table and column names below are constants of this package, never input.

func setTargets(ctx context.Context, tx *sql.Tx, table, owner string, id int64, t Targets) error {
	for dim, level := range t {
		if level < 1 || level > 5 {
			return errorf(EINVALID, "target level %d for %s is not 1–5", level, dim)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (`+owner+`, dimension, level) VALUES (?, ?, ?)
			ON CONFLICT DO UPDATE SET level = excluded.level`, id, dim, level); err != nil {
			return err
		}
	}
	return nil
}

func clearTargets(ctx context.Context, tx *sql.Tx, table, owner string, id int64, dimensions []string) error {
	for _, dim := range dimensions {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE `+owner+` = ? AND dimension = ?`, id, dim); err != nil {
			return err
		}
	}
	return nil
}

func targets(ctx context.Context, q queryer, query string, id int64) (Targets, error) {
	rows, err := q.QueryContext(ctx, query, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := Targets{}
	for rows.Next() {
		var dim string
		var level int
		if err := rows.Scan(&dim, &level); err != nil {
			return nil, err
		}
		t[dim] = level
	}
	return t, rows.Err()
}

// DepartmentTargets returns the target levels set for a department.
func (s *Store) DepartmentTargets(ctx context.Context, department string) (Targets, error) {
	d, err := departmentByName(ctx, s.db, department)
	if err != nil {
		return nil, translate(s.path, err)
	}
	return targets(ctx, s.db, `SELECT dimension, level FROM department_targets WHERE department_id = ?`, d.ID)
}
