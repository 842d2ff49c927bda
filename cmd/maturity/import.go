package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/maturity-nl/maturity/internal/exchange"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/spf13/cobra"
)

func newImportCmd(e env, opts *globalOptions) *cobra.Command {
	var format string
	var replace bool
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
listed with its line number and reason, and nothing is written. An answer or note stored
already as the file gives it is left alone, so importing a file twice changes nothing. A file
that gives a respondent another answer (or another note) than the one stored is refused whole,
with each of them listed, unless --replace is given. Importing into a round that was closed
is said in the output.

A file is at most 1 GiB; a row (a CSV record, a JSON object) at most 256 KiB; a department's
name, a round's label and an alias at most 200 characters of printable text; a note at most
10,000 characters. A CSV cell that starts with an apostrophe followed by =, +, -, @, a tab or a
carriage return loses that apostrophe: it is how export writes such a text, so that a
spreadsheet does not run it as a formula.`,
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
			} else if err == nil && info.Mode().IsRegular() {
				if err := exchange.CheckSize(path, info.Size()); err != nil {
					return err
				}
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
			stats, err := st.Import(cmd.Context(), storeFile(q), store.ImportOptions{Replace: replace}, func(add func(store.Row)) error {
				return scan(path, f, q, func(r store.Row) { rows++; add(r) })
			})
			var serr *store.Error
			if errors.As(err, &serr) && serr.Code == store.ECHANGES {
				return badInput("%s", changesText(path, serr))
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "imported %s: %d answers and %d notes in %d rows (new: %d departments, %d rounds, %d respondents%s) into %s\n",
				path, stats.Answers, stats.Notes, rows, stats.Departments, stats.Assessments, stats.Respondents, importedAlready(stats), st.Path())
			for _, round := range stats.Closed {
				fmt.Fprintf(e.stdout, "  the closed round %s changed: see maturity assessment list\n", tui.Printable(round))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "csv or json (default: from the file name, else csv)")
	cmd.Flags().BoolVar(&replace, "replace", false, "let the file's answers and notes replace different ones stored for the same respondent")
	return cmd
}

// importedAlready says, for the output, what the import replaced and what
// it found stored as it is.
func importedAlready(st store.ImportStats) string {
	var out string
	if st.Replaced+st.ReplacedNotes > 0 {
		out += fmt.Sprintf("; replaced: %d answers, %d notes", st.Replaced, st.ReplacedNotes)
	}
	if st.Unchanged+st.UnchangedNotes > 0 {
		out += fmt.Sprintf("; stored already as they are: %d answers, %d notes", st.Unchanged, st.UnchangedNotes)
	}
	return out
}

// changesText lists what an import would change, one line each, and says
// what to do.
func changesText(path string, e *store.Error) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (to let the file replace them: maturity import --replace %s):", path, strings.TrimPrefix(e.Message, "the file "), path)
	for _, c := range e.Changes {
		round := "round " + shown(c.Round)
		if c.Closed {
			round = "closed " + round
		}
		what := "answer to " + shown(c.Question)
		if c.Note {
			what = "note on " + shown(c.Question)
		}
		fmt.Fprintf(&b, "\n  %s, %s, respondent %s: %s is %s, the file says %s", shown(c.Department), round, shown(c.Respondent), what, shown(c.Stored), shown(c.Given))
	}
	if e.MoreChanges > 0 {
		fmt.Fprintf(&b, "\n  … and %d more", e.MoreChanges)
	}
	return b.String()
}

// shown quotes a stored or imported text for a message: escaped, so that
// it cannot act on the terminal, and cut after 40 characters.
func shown(s string) string {
	if r := []rune(s); len(r) > 40 {
		return fmt.Sprintf("%q…", string(r[:40]))
	}
	return fmt.Sprintf("%q", s)
}
