package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/maturity-nl/maturity/internal/exchange"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/spf13/cobra"
)

func newExportCmd(e env, opts *globalOptions) *cobra.Command {
	var format, department, output string
	var actions bool
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export every answer and note, as CSV, JSON or an xlsx workbook",
		Long: `Export answers and notes in the long format that import reads (import of an export
gives the same data back), each answer as its level 1–5, dk or na in the column level. xlsx
writes a workbook with an answers sheet and a scores sheet: one row per round and dimension
with score (1–5, shown with one decimal), level, target, gap, confidence, the round's maturity
level and stage, ready to pivot, and an actions sheet. Writes to standard output without -o.

--actions writes the improvement register instead of the answers: the JSON array that
maturity actions list --json prints, every action with its history, which import reads back
(export --actions, import into another database and export --actions again give the same
bytes).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format == "" {
				format = "csv"
				ext := filepath.Ext(output)
				if ext == ".json" || ext == ".xlsx" || (actions && ext == ".csv") {
					format = ext[1:]
				} else if actions {
					format = "json"
				}
			}
			if format != "csv" && format != "json" && format != "xlsx" {
				return badInput("--format %q: unknown format (expected csv, json or xlsx)", format)
			}
			if actions && format != "json" {
				return badInput("--actions writes JSON, not %s (leave out --format, or give --format json; the xlsx workbook of export has an actions sheet)", format)
			}
			if output != "" && output != "-" {
				if err := notTheDatabase(e, opts, output); err != nil {
					return err
				}
			}
			ctx := cmd.Context()
			st, err := openStore(ctx, e, opts)
			if err != nil {
				return err
			}
			defer st.Close()
			l := labelsFor(opts.userLang())
			if actions {
				return exportActions(ctx, e, st, department, output, l)
			}
			rows, err := st.Rows(ctx, department)
			if err != nil {
				return err
			}
			if format != "xlsx" {
				if err := inRoundOrder(ctx, st, department, rows); err != nil {
					return err
				}
			}
			var buf bytes.Buffer
			switch format {
			case "csv":
				err = exchange.WriteCSV(&buf, rows)
			case "json":
				err = exchange.WriteJSON(&buf, rows)
			case "xlsx":
				var scores []exchange.ScoreRow
				var actions []store.Action
				if scores, err = scoreRows(ctx, st, department); err == nil {
					if actions, err = st.Actions(ctx, store.ActionFilter{Department: department}); err == nil {
						err = exchange.WriteXLSX(&buf, rows, scores, actions, st.Now())
					}
				}
			}
			if err != nil {
				return err
			}
			if output == "" || output == "-" {
				if _, err := e.stdout.Write(buf.Bytes()); err != nil {
					return err
				}
			} else {
				if err := writeFileAtomic(output, buf.Bytes()); err != nil {
					return err
				}
				fmt.Fprintf(e.stderr, oneOrMore(l, "export rows", len(rows))+"\n", len(rows), output)
			}
			if format == "xlsx" {
				reportCuts(e, l, output, exchange.Cuts(rows))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "csv, json or xlsx (default: from the -o file name, else csv)")
	cmd.Flags().StringVar(&department, "department", "", "only this department")
	cmd.Flags().StringVarP(&output, "output", "o", "", "the file to write (default: standard output)")
	cmd.Flags().BoolVar(&actions, "actions", false, "export the improvement register (JSON, as actions list --json prints it) instead of the answers")
	return cmd
}

// inRoundOrder sorts exported rows by the order their rounds were made in,
// keeping each round's rows as they are. An import into a fresh database
// makes the rounds in the order the file gives them, so they get the
// numbers they had here, and the assessment numbers of an exported
// register stay right.
func inRoundOrder(ctx context.Context, st *store.Store, department string, rows []store.Row) error {
	all, err := st.Assessments(ctx, department)
	if err != nil {
		return err
	}
	id := make(map[[2]string]int64, len(all))
	for _, a := range all {
		id[[2]string{a.Department, a.Round}] = a.ID
	}
	sort.SliceStable(rows, func(i, j int) bool {
		return id[[2]string{rows[i].Department, rows[i].Assessment}] < id[[2]string{rows[j].Department, rows[j].Assessment}]
	})
	return nil
}

// exportActions writes the register, of one department or all, as
// actions list --json prints it.
func exportActions(ctx context.Context, e env, st *store.Store, department, output string, l labels) error {
	all, err := st.Actions(ctx, store.ActionFilter{Department: department})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := exchange.WriteActions(&buf, all, st.Now()); err != nil {
		return err
	}
	if output == "" || output == "-" {
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(output, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, oneOrMore(l, "actions exported", len(all))+"\n", len(all), output)
	return nil
}

// maxCutsListed bounds the cut cells export names one by one.
const maxCutsListed = 20

// reportCuts says which texts the workbook cut to fit their cells: a
// workbook cannot hold them whole, and the user must not find out later.
func reportCuts(e env, l labels, output string, cuts []exchange.Cut) {
	if output == "" || output == "-" {
		output = l["export workbook"]
	}
	for i, c := range cuts {
		if i == maxCutsListed {
			more := len(cuts) - maxCutsListed
			fmt.Fprintf(e.stderr, oneOrMore(l, "export more cuts", more)+"\n", output, more)
			break
		}
		r := c.Row
		fmt.Fprintf(e.stderr, l["export cut"]+"\n",
			output, c.Cell, exchange.MaxCellChars, c.Column, shown(r.Department), shown(r.Assessment), shown(r.Respondent), shown(r.Question), c.Chars)
	}
}

// scoreRows scores every round (of one department, or all) for the
// workbook's scores sheet.
func scoreRows(ctx context.Context, st *store.Store, department string) ([]exchange.ScoreRow, error) {
	all, err := st.Assessments(ctx, department)
	if err != nil {
		return nil, err
	}
	depts, err := st.Departments(ctx)
	if err != nil {
		return nil, err
	}
	parent := map[string]string{}
	for _, d := range depts {
		parent[d.Name] = d.Parent
	}
	var out []exchange.ScoreRow
	sc := newScorer(st)
	for _, a := range all {
		s, err := sc.score(ctx, a.ID)
		if err != nil {
			return nil, err
		}
		r := s.result
		for _, d := range r.Dimensions {
			var lo, hi *float64
			if d.Interval != nil {
				lo, hi = &d.Interval.Low, &d.Interval.High
			}
			out = append(out, exchange.ScoreRow{
				Department: a.Department, Parent: parent[a.Department], Round: a.Round, Mode: string(a.Mode), Open: a.Open(),
				Respondents: r.Respondents, Group: d.Group, Dimension: d.ID, Score: d.Score, Level: d.Level, Target: d.Target,
				Gap: d.Gap, Confidence: string(d.Confidence), OverallScore: r.Overall.Score, OverallLevel: r.Overall.Level,
				Capped: r.Overall.Capped, Stage: r.Stage.Reached, BlockedBy: r.Stage.BlockedBy,
				MinimumCapped: r.Overall.MinimumCapped, IntervalLow: lo, IntervalHigh: hi,
			})
		}
	}
	return out, nil
}

// notTheDatabase refuses an output path that is the database itself: a
// typo in -o must never replace the answers.
func notTheDatabase(e env, opts *globalOptions, output string) error {
	db, err := dbPath(e, opts)
	if err != nil {
		return nil
	}
	a, errA := filepath.Abs(output)
	b, errB := filepath.Abs(db)
	if errA == nil && errB == nil && a == b {
		return badInput("-o %s is the database itself: choose another file", output)
	}
	return nil
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it into place, so that path is never left half-written.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		// A folder that does not exist or may not be written: the user's
		// to fix, and the name to show is theirs, not the temporary one's.
		var perr *fs.PathError
		if errors.As(err, &perr) {
			return badInput("cannot write %s: %v", path, perr.Err)
		}
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
