package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/maturity-nl/maturity/internal/exchange"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/spf13/cobra"
)

func newImportCmd(e env, opts *globalOptions) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Import answers gathered elsewhere, from CSV or JSON",
		Long: `Import answers in the long format, one answer per row:

  department,assessment,respondent,question,level,note

level is the answer's level 1–5, dk (don't know) or na (not applicable). A file written before
the one scale, with a column answer (0–4) instead of level, is read as level = answer + 1; a
header with both is refused. CSV may use commas or semicolons and may start with a byte-order
mark; JSON is an array of objects with the same fields (level, or the legacy answer). Departments,
rounds (the assessment column) and respondents are created as needed; a new round is created
closed. Questions are checked against --questionnaire (default: the embedded one).

The import is one transaction: a file with any bad row is rejected whole, every bad row is
listed with its line number and reason, and nothing is written.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := args[0]
			if format == "" {
				format = "csv"
				if strings.EqualFold(filepath.Ext(path), ".json") {
					format = "json"
				}
			}
			q, err := resolveQuestionnaire(e, opts, "")
			if err != nil {
				return err
			}
			if info, err := os.Stat(path); err == nil && info.IsDir() {
				return badInput("%s is a folder (expected a CSV or JSON file)", path)
			}
			f, err := os.Open(path)
			if err != nil {
				return badInput("%v", err)
			}
			defer f.Close()
			scan := exchange.ScanCSV
			switch format {
			case "csv":
			case "json":
				scan = exchange.ScanJSON
			default:
				return badInput("--format %q: unknown format (expected csv or json)", format)
			}
			st, err := openStore(cmd.Context(), e, opts)
			if err != nil {
				return err
			}
			defer st.Close()
			// The rows go to the database as they are read, in one
			// transaction that a bad row anywhere in the file rolls back.
			rows := 0
			stats, err := st.Import(cmd.Context(), storeFile(q), func(add func(store.Row)) error {
				return scan(path, f, q, func(r store.Row) { rows++; add(r) })
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "imported %s: %d answers and %d notes in %d rows (new: %d departments, %d rounds, %d respondents) into %s\n",
				path, stats.Answers, stats.Notes, rows, stats.Departments, stats.Assessments, stats.Respondents, st.Path())
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "csv or json (default: from the file name, else csv)")
	return cmd
}
