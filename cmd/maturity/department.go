package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/spf13/cobra"
)

func newDepartmentCmd(e env, opts *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "department",
		Short: "Add, list, rename and move departments: the hierarchy reports group by",
		Args:  cobra.NoArgs,
	}
	var parent string
	add := &cobra.Command{
		Use:   "add NAME",
		Short: "Add a department, optionally under a parent (cluster → department → team)",
		Args:  cobra.ExactArgs(1),
		RunE: withStore(e, opts, func(ctx context.Context, st *store.Store, args []string) error {
			d, err := st.CreateDepartment(ctx, args[0], parent)
			if err != nil {
				return err
			}
			l := labelsFor(opts.userLang())
			fmt.Fprintf(e.stdout, l["department added"]+"\n", tui.Printable(d.Name), under(l, d.Parent))
			return nil
		}),
	}
	add.Flags().StringVar(&parent, "parent", "", "the department this one is part of")

	list := &cobra.Command{
		Use:   "list",
		Short: "List departments as a tree, with each one's latest round and level",
		Args:  cobra.NoArgs,
		RunE: withStore(e, opts, func(ctx context.Context, st *store.Store, _ []string) error {
			return listDepartments(ctx, e, opts, st)
		}),
	}
	rename := &cobra.Command{
		Use:   "rename OLD NEW",
		Short: "Rename a department",
		Args:  cobra.ExactArgs(2),
		RunE: withStore(e, opts, func(ctx context.Context, st *store.Store, args []string) error {
			d, err := st.RenameDepartment(ctx, args[0], args[1])
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, labelsFor(opts.userLang())["department renamed"]+"\n", tui.Printable(args[0]), tui.Printable(d.Name))
			return nil
		}),
	}
	var moveTo string
	var top bool
	move := &cobra.Command{
		Use:   "move NAME --parent PARENT | --top",
		Short: "Move a department under another one, or to the top level",
		Args:  cobra.ExactArgs(1),
		RunE: withStore(e, opts, func(ctx context.Context, st *store.Store, args []string) error {
			if (moveTo == "") == !top {
				return badInput("move needs --parent NAME or --top")
			}
			d, err := st.MoveDepartment(ctx, args[0], moveTo)
			if err != nil {
				return err
			}
			l := labelsFor(opts.userLang())
			fmt.Fprintf(e.stdout, l["department moved"]+"\n", tui.Printable(d.Name), under(l, d.Parent))
			if d.Parent == "" {
				fmt.Fprintln(e.stdout, l["now top"])
			}
			return nil
		}),
	}
	move.Flags().StringVar(&moveTo, "parent", "", "the new parent")
	move.Flags().BoolVar(&top, "top", false, "move to the top level")
	cmd.AddCommand(add, list, rename, move)
	return cmd
}

// under says which department one is part of, if any.
func under(l labels, parent string) string {
	if parent == "" {
		return ""
	}
	return fmt.Sprintf(l["under"], tui.Printable(parent))
}

// withStore opens the database for a command and closes it afterwards.
func withStore(e env, opts *globalOptions, run func(context.Context, *store.Store, []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		st, err := openStore(cmd.Context(), e, opts)
		if err != nil {
			return err
		}
		defer st.Close()
		return run(cmd.Context(), st, args)
	}
}

// listDepartments prints the hierarchy as an indented tree.
func listDepartments(ctx context.Context, e env, opts *globalOptions, st *store.Store) error {
	depts, err := st.Departments(ctx)
	if err != nil {
		return err
	}
	lang := opts.userLang()
	l := labelsFor(lang)
	if len(depts) == 0 {
		fmt.Fprintln(e.stdout, l["no departments"])
		return nil
	}
	t := newTable(e.stdout, l["col department"], l["col round"], l["col respondents"], l["col maturity"])
	sc := newScorer(st)
	for _, n := range departmentTree(depts) {
		name := strings.Repeat("  ", n.depth) + n.Name
		a, err := st.LatestAssessment(ctx, n.Name)
		switch {
		case store.ErrorCode(err) == store.ENOTFOUND:
			t.row(name, "–", "–", l["no assessment"])
			continue
		case err != nil:
			return err
		}
		s, err := sc.score(ctx, a.ID)
		if err != nil {
			return err
		}
		mat := levelText(s.q, s.result.Overall.Level, langFor(lang, s.q))
		if s.result.Overall.Capped {
			mat += " *"
		}
		round := a.Round
		if a.Open() {
			round += " (" + l["open"] + ")"
		}
		t.row(name, round, fmt.Sprint(a.Respondents), mat)
	}
	return t.flush()
}

// treeNode is a department with its depth in the hierarchy.
type treeNode struct {
	store.Department
	depth int
}

// departmentTree orders departments as a tree: each one followed by its
// parts, siblings by name.
func departmentTree(depts []store.Department) []treeNode {
	children := map[string][]store.Department{}
	for _, d := range depts {
		children[d.Parent] = append(children[d.Parent], d)
	}
	var out []treeNode
	var walk func(parent string, depth int)
	walk = func(parent string, depth int) {
		for _, d := range children[parent] {
			out = append(out, treeNode{d, depth})
			walk(d.Name, depth+1)
		}
	}
	walk("", 0)
	return out
}
