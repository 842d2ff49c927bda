package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/maturity-nl/maturity/internal/exchange"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/spf13/cobra"
)

func newImportCmd(e env, opts *globalOptions) *cobra.Command {
	var format string
	var replace bool
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Import answers gathered elsewhere, from CSV or JSON, or actions exported as JSON",
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
spreadsheet does not run it as a formula.

A JSON file of actions — the array that maturity actions list --json prints and export
--actions writes, told from answers by its fields — is imported into the improvement register,
also in one transaction: an action with an unknown department, round (by its label), dimension
or question, a bad date or status, an empty text or a history that does not lead to its status
is refused, every bad one listed by line, entry and field, and nothing is written. Each action
keeps its number, times and history; one stored already as the file gives it is left alone, one
whose number holds another action is refused unless --replace is given. A file holds at most
` + fmt.Sprintf("%d actions of at most %d MiB each, with at most %d changes of history each.", exchange.MaxActions, exchange.MaxActionBytes>>20, exchange.MaxActionHistory),
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := args[0]
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
			file, err := os.Open(path)
			if err != nil {
				return badInput("%v", err)
			}
			defer file.Close()
			f := bufio.NewReaderSize(file, 64<<10)
			if format == "" {
				format = "csv"
				if strings.EqualFold(filepath.Ext(path), ".json") || looksLikeJSON(f) {
					format = "json"
				}
			}
			if format == "json" && exchange.PeekActions(f) {
				return importActions(cmd.Context(), e, opts, q, path, f, replace)
			}
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
			l := labelsFor(opts.userLang())
			var serr *store.Error
			if errors.As(err, &serr) && serr.Code == store.ECHANGES {
				return badInput("%s", changesText(l, path, serr))
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, l["import summary"]+"\n", path, plural(l, "n answers", stats.Answers), plural(l, "n notes", stats.Notes),
				plural(l, "n rows", rows), plural(l, "n departments", stats.Departments), plural(l, "n rounds", stats.Assessments),
				plural(l, "n respondents", stats.Respondents), importedAlready(l, stats), st.Path())
			for _, round := range stats.Closed {
				fmt.Fprintf(e.stdout, l["import closed round"]+"\n", tui.Printable(round))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "csv or json (default: from the file name, else csv)")
	cmd.Flags().BoolVar(&replace, "replace", false, "let the file's answers and notes replace different ones stored for the same respondent, and its actions different ones stored under the same number")
	return cmd
}

// importedAlready says, for the output, what the import replaced and what
// it found stored as it is, in l's words.
func importedAlready(l labels, st store.ImportStats) string {
	var out string
	if st.Replaced+st.ReplacedNotes > 0 {
		out += fmt.Sprintf(l["import replaced"], plural(l, "n answers", st.Replaced), plural(l, "n notes", st.ReplacedNotes))
	}
	if st.Unchanged+st.UnchangedNotes > 0 {
		out += fmt.Sprintf(l["import unchanged"], plural(l, "n answers", st.Unchanged), plural(l, "n notes", st.UnchangedNotes))
	}
	return out
}

// changesText lists what an import would change, one line each, and says
// what to do, in l's words.
func changesText(l labels, path string, e *store.Error) string {
	answers, notes := changeCounts(e)
	var b strings.Builder
	fmt.Fprintf(&b, l["import changes"], path, plural(l, "n answers", answers), plural(l, "n notes", notes), path)
	for _, c := range e.Changes {
		round := fmt.Sprintf(l["import change round"], shown(c.Round))
		if c.Closed {
			round = fmt.Sprintf(l["import change closed round"], shown(c.Round))
		}
		what := fmt.Sprintf(l["import change answer"], shown(c.Question))
		if c.Note {
			what = fmt.Sprintf(l["import change note"], shown(c.Question))
		}
		fmt.Fprintf(&b, "\n"+l["import change"], shown(c.Department), round, shown(c.Respondent), what, shown(c.Stored), shown(c.Given))
	}
	if e.MoreChanges > 0 {
		fmt.Fprintf(&b, "\n"+l["import more changes"], e.MoreChanges)
	}
	return b.String()
}

// changeCounts counts the answers and notes an import would change. The
// error lists only the first changes, so beyond those the counts come from
// the store's message, which names them all.
func changeCounts(e *store.Error) (answers, notes int) {
	if e.MoreChanges > 0 {
		if _, err := fmt.Sscanf(e.Message, "the file would change %d answers and %d notes", &answers, &notes); err == nil {
			return answers, notes
		}
	}
	answers, notes = 0, 0
	for _, c := range e.Changes {
		if c.Note {
			notes++
		} else {
			answers++
		}
	}
	return answers, notes
}

// shown quotes a stored or imported text for a message: escaped, so that
// it cannot act on the terminal, and cut after 40 characters.
func shown(s string) string {
	if r := []rune(s); len(r) > 40 {
		return fmt.Sprintf("%q…", string(r[:40]))
	}
	return fmt.Sprintf("%q", s)
}

// looksLikeJSON reports whether a file starts, after a byte-order mark and
// white space, as a JSON array does: no CSV header starts so.
func looksLikeJSON(r *bufio.Reader) bool {
	head, _ := r.Peek(4 << 10)
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(head) > 0 && head[0] == '['
}

// importActions imports an actions file — the JSON of actions list --json
// — in one transaction, checking each action's dimension and question
// against the questionnaire of the round it follows (q for an action
// without a round).
func importActions(ctx context.Context, e env, opts *globalOptions, q *questionnaire.Questionnaire, path string, r io.Reader, replace bool) error {
	st, err := openStore(ctx, e, opts)
	if err != nil {
		return err
	}
	defer st.Close()
	n := 0
	stats, err := st.ImportActions(ctx, store.ActionImportOptions{Replace: replace, Check: actionChecker(q)}, func(add func(store.Action) error) error {
		var err error
		n, err = exchange.ScanActions(path, r, add)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, oneOrMore(labelsFor(opts.userLang()), "actions imported", n)+"\n", path, n, stats.Added, stats.Replaced, stats.Unchanged, st.Path())
	return nil
}

// actionChecker checks an imported action's dimension and question against
// the questionnaire of the round it follows, parsed once per file, or
// against q for an action agreed before any round.
func actionChecker(q *questionnaire.Questionnaire) func(store.Action, string, []byte) error {
	parsed := map[string]*questionnaire.Questionnaire{}
	return func(a store.Action, digest string, definition []byte) error {
		qu := q
		if digest != "" {
			if qu = parsed[digest]; qu == nil {
				p, err := questionnaire.Parse(fmt.Sprintf("the questionnaire of round %s of %s", a.Round, a.Department), definition)
				if err != nil {
					return fmt.Errorf("the stored questionnaire of round %s of %s no longer loads: %w", a.Round, a.Department, err)
				}
				parsed[digest], qu = p, p
			}
		}
		if qu.Dimension(a.Dimension) == nil {
			var ids []string
			for _, d := range qu.Dimensions() {
				ids = append(ids, d.ID)
			}
			return &store.ActionEntryError{Field: "dimension", Message: fmt.Sprintf("%s is not a dimension of %s version %d (expected one of: %s)",
				shown(a.Dimension), qu.ID, qu.Version, strings.Join(ids, ", "))}
		}
		if a.Question == "" {
			return nil
		}
		x := qu.Question(a.Question)
		switch {
		case x == nil:
			return &store.ActionEntryError{Field: "question", Message: fmt.Sprintf("%s is not a question of %s version %d (expected a question's id, see maturity questionnaire show, or \"\" for none)",
				shown(a.Question), qu.ID, qu.Version)}
		case x.Dimension.ID != a.Dimension:
			return &store.ActionEntryError{Field: "question", Message: fmt.Sprintf("%s belongs to dimension %s, not to %s (expected a question of the action's dimension)",
				shown(a.Question), x.Dimension.ID, a.Dimension)}
		}
		return nil
	}
}
