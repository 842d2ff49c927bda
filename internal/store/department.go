package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

// Department is a unit of the organisation; Parent is "" at the top.
type Department struct {
	ID        int64
	Name      string
	Parent    string
	CreatedAt time.Time
}

// CreateDepartment adds a department under parent ("" for the top level).
func (s *Store) CreateDepartment(ctx context.Context, name, parent string) (Department, error) {
	name, err := departmentName(name)
	if err != nil {
		return Department{}, err
	}
	var d Department
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		d, err = createDepartment(ctx, tx, name, parent, s.now())
		return err
	})
	return d, err
}

// departmentName trims a department's name and refuses an empty one.
func departmentName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", errorf(EINVALID, "a department needs a name")
	}
	return name, checkName("a department's name", name)
}

func createDepartment(ctx context.Context, tx *sql.Tx, name, parent, now string) (Department, error) {
	if existing, err := departmentByName(ctx, tx, name); err == nil {
		return Department{}, errorf(ECONFLICT, "department %q already exists", existing.Name)
	} else if ErrorCode(err) != ENOTFOUND {
		return Department{}, err
	}
	var parentID sql.NullInt64
	if parent != "" {
		p, err := departmentByName(ctx, tx, parent)
		if err != nil {
			return Department{}, err
		}
		parentID = sql.NullInt64{Int64: p.ID, Valid: true}
		parent = p.Name
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO departments (name, parent_id, created_at) VALUES (?, ?, ?)`, name, parentID, now)
	if err != nil {
		return Department{}, err
	}
	id, _ := res.LastInsertId()
	return Department{ID: id, Name: name, Parent: parent, CreatedAt: parseTime(now)}, nil
}

// queryer is what reads need: a *sql.DB or a *sql.Tx.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

const departmentColumns = `d.id, d.name, coalesce(p.name, ''), d.created_at FROM departments d LEFT JOIN departments p ON p.id = d.parent_id`

func scanDepartment(sc scanner) (Department, error) {
	var d Department
	var created string
	err := sc.Scan(&d.ID, &d.Name, &d.Parent, &created)
	d.CreatedAt = parseTime(created)
	return d, err
}

// departmentByName finds a department by name, ignoring case; an unknown
// name gives ENOTFOUND with the names that look like it.
func departmentByName(ctx context.Context, q queryer, name string) (Department, error) {
	d, err := scanDepartment(q.QueryRowContext(ctx, `SELECT `+departmentColumns+` WHERE d.name = ? COLLATE NOCASE`, strings.TrimSpace(name)))
	if errors.Is(err, sql.ErrNoRows) {
		all, err := departments(ctx, q)
		if err != nil {
			return Department{}, err
		}
		names := make([]string, len(all))
		for i, d := range all {
			names[i] = d.Name
		}
		return Department{}, notFound("department", name, names)
	}
	return d, err
}

// Department finds a department by name, ignoring case.
func (s *Store) Department(ctx context.Context, name string) (Department, error) {
	d, err := departmentByName(ctx, s.db, name)
	return d, translate(s.path, err)
}

// Departments lists every department, by name.
func (s *Store) Departments(ctx context.Context) ([]Department, error) {
	ds, err := departments(ctx, s.db)
	return ds, translate(s.path, err)
}

func departments(ctx context.Context, q queryer) ([]Department, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+departmentColumns+` ORDER BY d.name COLLATE NOCASE`)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanDepartment)
}

// RenameDepartment gives a department a new name.
func (s *Store) RenameDepartment(ctx context.Context, old, name string) (Department, error) {
	name, err := departmentName(name)
	if err != nil {
		return Department{}, err
	}
	var d Department
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if d, err = departmentByName(ctx, tx, old); err != nil {
			return err
		}
		if other, err := departmentByName(ctx, tx, name); err == nil && other.ID != d.ID {
			return errorf(ECONFLICT, "department %q already exists", other.Name)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE departments SET name = ? WHERE id = ?`, name, d.ID); err != nil {
			return err
		}
		d.Name = name
		return nil
	})
	return d, err
}

// MoveDepartment puts a department under parent ("" for the top level).
// A department cannot be moved under itself or one of its own descendants.
func (s *Store) MoveDepartment(ctx context.Context, name, parent string) (Department, error) {
	var d Department
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if d, err = departmentByName(ctx, tx, name); err != nil {
			return err
		}
		var parentID sql.NullInt64
		if parent != "" {
			p, err := departmentByName(ctx, tx, parent)
			if err != nil {
				return err
			}
			// Walk up from the new parent: meeting d means a cycle.
			for cur := p.ID; ; {
				if cur == d.ID {
					return errorf(ECONFLICT, "cannot move %q under %q: %q is part of %q itself", d.Name, p.Name, p.Name, d.Name)
				}
				var up sql.NullInt64
				if err := tx.QueryRowContext(ctx, `SELECT parent_id FROM departments WHERE id = ?`, cur).Scan(&up); err != nil {
					return err
				}
				if !up.Valid {
					break
				}
				cur = up.Int64
			}
			parentID = sql.NullInt64{Int64: p.ID, Valid: true}
			d.Parent = p.Name
		} else {
			d.Parent = ""
		}
		_, err = tx.ExecContext(ctx, `UPDATE departments SET parent_id = ? WHERE id = ?`, parentID, d.ID)
		return err
	})
	return d, err
}
