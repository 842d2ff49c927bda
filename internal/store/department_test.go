package store_test

import (
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

func TestDepartmentService(t *testing.T) {
	s := openStore(t)
	for _, d := range [][2]string{{"Sociaal Domein", ""}, {"Werk en Inkomen", "Sociaal Domein"}, {"Team Schuldhulp", "Werk en Inkomen"}, {"Ruimte", ""}} {
		if _, err := s.CreateDepartment(ctx, d[0], d[1]); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("list", func(t *testing.T) {
		ds, err := s.Departments(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range ds {
			got = append(got, d.Name+"<"+d.Parent)
		}
		want := "Ruimte<,Sociaal Domein<,Team Schuldhulp<Werk en Inkomen,Werk en Inkomen<Sociaal Domein"
		if j := join(got); j != want {
			t.Errorf("departments = %s; want %s", j, want)
		}
	})
	t.Run("duplicate, ignoring case", func(t *testing.T) {
		_, err := s.CreateDepartment(ctx, "ruimte", "")
		wantCode(t, err, store.ECONFLICT, `department "Ruimte" already exists`)
	})
	t.Run("unknown with close matches", func(t *testing.T) {
		_, err := s.Department(ctx, "Sociaal domien")
		wantCode(t, err, store.ENOTFOUND, `unknown department "Sociaal domien" (did you mean "Sociaal Domein"?)`)
		_, err = s.CreateDepartment(ctx, "Team X", "Werk")
		wantCode(t, err, store.ENOTFOUND, `did you mean "Werk en Inkomen"?`)
		_, err = s.Department(ctx, "Zzzzzzzz")
		wantCode(t, err, store.ENOTFOUND, `unknown department "Zzzzzzzz"`)
	})
	t.Run("find ignores case", func(t *testing.T) {
		d, err := s.Department(ctx, "team schuldhulp")
		if err != nil || d.Name != "Team Schuldhulp" || d.Parent != "Werk en Inkomen" {
			t.Errorf("Department = %+v, %v", d, err)
		}
	})
	t.Run("rename", func(t *testing.T) {
		d, err := s.RenameDepartment(ctx, "Ruimte", "Fysiek Domein")
		if err != nil || d.Name != "Fysiek Domein" {
			t.Fatalf("rename = %+v, %v", d, err)
		}
		_, err = s.RenameDepartment(ctx, "Fysiek Domein", "sociaal domein")
		wantCode(t, err, store.ECONFLICT, "already exists")
		// Changing only the case of one's own name is fine.
		if _, err := s.RenameDepartment(ctx, "Fysiek Domein", "Fysiek domein"); err != nil {
			t.Error(err)
		}
	})
	t.Run("move", func(t *testing.T) {
		d, err := s.MoveDepartment(ctx, "Team Schuldhulp", "Fysiek domein")
		if err != nil || d.Parent != "Fysiek domein" {
			t.Fatalf("move = %+v, %v", d, err)
		}
		_, err = s.MoveDepartment(ctx, "Sociaal Domein", "Werk en Inkomen")
		wantCode(t, err, store.ECONFLICT, `cannot move "Sociaal Domein" under "Werk en Inkomen"`)
		_, err = s.MoveDepartment(ctx, "Ruimte", "Ruimte")
		wantCode(t, err, store.ENOTFOUND, "unknown department")
		_, err = s.MoveDepartment(ctx, "Fysiek domein", "Fysiek domein")
		wantCode(t, err, store.ECONFLICT, "cannot move")
		if d, err := s.MoveDepartment(ctx, "Team Schuldhulp", ""); err != nil || d.Parent != "" {
			t.Errorf("move to the top = %+v, %v", d, err)
		}
	})
	t.Run("empty name", func(t *testing.T) {
		_, err := s.CreateDepartment(ctx, "  ", "")
		wantCode(t, err, store.EINVALID, "needs a name")
	})
}

func join(xs []string) string {
	out := ""
	for i, x := range xs {
		if i > 0 {
			out += ","
		}
		out += x
	}
	return out
}
