package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/report"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/spf13/cobra"
)

func newReportCmd(e env, opts *globalOptions) *cobra.Command {
	var department, output, format, styleFile string
	var assessment int64
	var organisation bool
	cmd := &cobra.Command{
		Use:   "report --department NAME [--assessment ID] [--format pdf|html] -o FILE",
		Short: "Write the department report for leadership, as a PDF or accessible HTML",
		Long: `Write the report leadership reads: where the department stands, what blocks the next
level, which legal minimums are unmet, what to do first and why, whether it is improving and how
far to trust the figures — an A4 PDF with a summary, the legal minimums, charts on the scale 1–5,
the detail per group, disagreement, confidence and the method with a worked example. The
report is of the department's latest round, or of --assessment ID. --format html writes the
same content as one self-contained, accessible HTML file (WCAG 2.1 AA: headings, text
alternatives, the charts' figures also in tables). The same data gives the same bytes.`,
		Args: cobra.NoArgs,
		RunE: withStore(e, opts, func(ctx context.Context, st *store.Store, _ []string) error {
			if output == "" {
				if !organisation {
					return badInput("report needs -o FILE.pdf (or FILE.html)")
				}
				output = "organisatie.pdf"
				if format == "html" {
					output = "organisatie.html"
				}
			}
			if err := notTheDatabase(e, opts, output); err != nil {
				return err
			}
			if format == "" {
				switch ext := strings.ToLower(filepath.Ext(output)); ext {
				case ".pdf":
					format = "pdf"
				case ".html", ".htm":
					format = "html"
				default:
					return badInput("-o %s: cannot tell the format from %q (name the file .pdf or .html, or give --format)", output, ext)
				}
			}
			write := report.WritePDFContext
			switch format {
			case "pdf":
			case "html":
				write = report.WriteHTMLContext
			default:
				return badInput("--format %q: unknown format (expected pdf or html)", format)
			}
			style := report.DefaultStyle()
			if styleFile != "" {
				var err error
				if info, err := os.Stat(styleFile); err == nil && info.IsDir() {
					return badInput("style file %s is a folder (expected a YAML file)", styleFile)
				}
				if style, err = report.LoadStyle(styleFile); err != nil {
					if os.IsNotExist(err) {
						return badInput("style file %s does not exist", styleFile)
					}
					return err
				}
			}
			if organisation {
				return writeOrganisationReport(ctx, e, opts, st, output, format, style)
			}
			if department == "" && assessment == 0 {
				return badInput("report needs --department NAME, --assessment ID or --organisation")
			}
			// The PDF's fonts load while the round is read and scored.
			var draft *report.Draft
			if format == "pdf" {
				draft = report.NewDraft(style)
			}
			in, err := departmentReport(ctx, st, opts, department, assessment)
			if err != nil {
				return err
			}
			in.Style, in.Organisation, in.Draft = style, style.Organisation, draft
			var buf bytes.Buffer
			if err := write(ctx, &buf, in); err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err // stopped: nothing is written
			}
			if err := writeFileAtomic(output, buf.Bytes()); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "wrote %s (%s, round %s, %d KB)\n", output, tui.Printable(shorten(in.Name, 60)), tui.Printable(shorten(in.Round.Label, 60)), (buf.Len()+1023)/1024)
			return nil
		}),
	}
	cmd.Flags().StringVar(&department, "department", "", "the department (its latest round)")
	cmd.Flags().Int64Var(&assessment, "assessment", 0, "an assessment id (see maturity assessment list)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "the file to write")
	cmd.Flags().BoolVar(&organisation, "organisation", false, "the report across every department")
	cmd.Flags().StringVar(&styleFile, "style", "", "a house style file (YAML): organisation, logo, colours, font")
	cmd.MarkFlagsMutuallyExclusive("organisation", "department")
	cmd.MarkFlagsMutuallyExclusive("organisation", "assessment")
	cmd.Flags().StringVar(&format, "format", "", "pdf or html (default: from the -o file name, else pdf)")
	return cmd
}

// departmentReport gathers a round, the department's earlier rounds on the
// same questionnaire and the round's notes.
func departmentReport(ctx context.Context, st *store.Store, opts *globalOptions, department string, id int64) (report.Department, error) {
	if id == 0 {
		a, err := st.LatestAssessment(ctx, department)
		if err != nil {
			return report.Department{}, err
		}
		id = a.ID
	} else if department != "" {
		a, err := st.Assessment(ctx, id)
		if err != nil {
			return report.Department{}, err
		}
		if !strings.EqualFold(a.Department, strings.TrimSpace(department)) {
			return report.Department{}, badInput("assessment %d belongs to %s, not to %s", id, tui.Printable(shorten(a.Department, 60)), tui.Printable(shorten(department, 60)))
		}
	}
	// One scorer for this round and the earlier ones: they share a file.
	sc := newScorer(st)
	s, err := sc.score(ctx, id)
	if err != nil {
		return report.Department{}, err
	}
	lang, err := language(opts, s.q)
	if err != nil {
		return report.Department{}, err
	}
	a := s.data.Assessment
	d, err := st.Department(ctx, a.Department)
	if err != nil {
		return report.Department{}, err
	}
	in := report.Department{Lang: lang, Name: a.Department, Parent: d.Parent, Questionnaire: s.q, Round: reportRound(s)}
	for _, n := range s.data.Notes {
		in.Notes = append(in.Notes, report.Note{Question: n.Question, Dimension: n.Dimension, Text: n.Text, Lang: n.Lang})
	}
	all, err := st.Assessments(ctx, a.Department)
	if err != nil {
		return report.Department{}, err
	}
	var first, last *scored // the first round and the one just before this one, on the same questionnaire
	for _, earlier := range all {
		if earlier.ID == a.ID {
			break
		}
		if earlier.Questionnaire.Key != a.Questionnaire.Key {
			continue
		}
		e, err := sc.score(ctx, earlier.ID)
		if err != nil {
			return report.Department{}, err
		}
		in.Previous = append(in.Previous, reportRound(e))
		last = &e
		if first == nil {
			first = &e
		}
	}
	// The change since the previous round is scoring's, with its direction
	// and margin: the report only shows it.
	if last != nil {
		scoring.Compare(&in.Round.Result, last.result, last.data.Assessment.ID, last.data.Assessment.Round)
	}
	// And since the first round, when that is not the previous one: on a
	// copy of the overall result, so that the dimensions keep their change
	// since the previous round.
	if first != nil && first != last {
		since := scoring.Result{Overall: in.Round.Result.Overall}
		scoring.Compare(&since, first.result, first.data.Assessment.ID, first.data.Assessment.Round)
		in.SinceFirst = since.Overall.Change
	}
	// The agreements: after this round, and what became of those after the
	// previous one. Overdue is counted on the report's own day, the round's
	// date, so that the same data gives the same report.
	if in.Agreed, err = reportActions(ctx, st, a.ID, in.Round.Date); err != nil {
		return report.Department{}, err
	}
	if last != nil {
		in.EarlierRound = last.data.Assessment.Round
		if in.Earlier, err = reportActions(ctx, st, last.data.Assessment.ID, in.Round.Date); err != nil {
			return report.Department{}, err
		}
	}
	return in, nil
}

// reportActions are the actions agreed after a round, as a report shows
// them, overdue as of day.
func reportActions(ctx context.Context, st *store.Store, assessment int64, day time.Time) ([]report.Action, error) {
	all, err := st.Actions(ctx, store.ActionFilter{AssessmentID: assessment})
	if err != nil {
		return nil, err
	}
	var out []report.Action
	for _, a := range all {
		out = append(out, reportAction(a, day))
	}
	return out, nil
}

// reportAction is an action of the register as a report shows it,
// overdue as of day.
func reportAction(a store.Action, day time.Time) report.Action {
	return report.Action{Dimension: a.Dimension, Question: a.Question, Text: a.Text, Owner: a.Owner, Due: a.Due,
		Status: string(a.Status), Overdue: a.Overdue(day), Evidence: a.Evidence, Reason: a.Reason, Closed: a.ClosedAt()}
}

// reportRound is a scored round as the report shows it. Its date is when
// the round closed, else its last answer, else its start: a date from the
// data, so that the same data gives the same report.
func reportRound(s scored) report.Round {
	a := s.data.Assessment
	date := a.CreatedAt
	for _, x := range s.data.Answers {
		if x.AnsweredAt.After(date) {
			date = x.AnsweredAt
		}
	}
	if !a.Open() {
		date = a.ClosedAt
	}
	return report.Round{Label: a.Round, Mode: string(a.Mode), Date: date, Respondents: s.result.Respondents, Result: s.result, Provisional: a.Open()}
}

// staleMonths is how old a department's latest round may be before the
// organisation report lists it as having no recent assessment.
const staleMonths = 12

// orgGathered is a department with its latest round and the previous
// one on the same questionnaire, and its register's actions, which become
// the report's once the report's date (the newest round's) is known.
type orgGathered struct {
	report.OrgDepartment
	actions              []store.Action
	latestID, previousID int64
}

// orgDepartment gathers a department's last two rounds on one
// questionnaire and its actions.
func orgDepartment(ctx context.Context, st *store.Store, sc *scorer, q *questionnaire.Questionnaire, n treeNode) (orgGathered, error) {
	g := orgGathered{OrgDepartment: report.OrgDepartment{Name: n.Name, Parent: n.Parent, Depth: n.depth}}
	actions, err := st.Actions(ctx, store.ActionFilter{Department: n.Name})
	if err != nil {
		return g, err
	}
	g.actions = actions
	rounds, err := st.Assessments(ctx, n.Name)
	if err != nil || len(rounds) == 0 {
		return g, err
	}
	k := len(rounds)
	s, err := sc.score(ctx, rounds[k-1].ID)
	if err != nil {
		return g, err
	}
	latest := reportRound(s)
	g.Latest, g.Comparable, g.latestID = &latest, s.q.ID == q.ID, rounds[k-1].ID
	for i := k - 2; i >= 0; i-- {
		if rounds[i].Questionnaire.Key == rounds[k-1].Questionnaire.Key {
			p, err := sc.score(ctx, rounds[i].ID)
			if err != nil {
				return g, err
			}
			prev := reportRound(p)
			g.Previous, g.previousID = &prev, rounds[i].ID
			scoring.Compare(&g.Latest.Result, p.result, p.data.Assessment.ID, p.data.Assessment.Round)
			break
		}
	}
	return g, nil
}

// withActions is the department with its actions overdue as of day: all
// of them, those agreed after its latest round and after its previous one.
func (g orgGathered) withActions(day time.Time) report.OrgDepartment {
	od := g.OrgDepartment
	for _, a := range g.actions {
		ra := reportAction(a, day)
		od.Actions = append(od.Actions, ra)
		switch {
		case a.AssessmentID == 0:
		case a.AssessmentID == g.latestID:
			od.Agreed = append(od.Agreed, ra)
		case a.AssessmentID == g.previousID:
			od.Earlier = append(od.Earlier, ra)
		}
	}
	return od
}

// writeOrganisationReport gathers every department's last two rounds and
// writes the organisation report.
func writeOrganisationReport(ctx context.Context, e env, opts *globalOptions, st *store.Store, output, format string, style report.Style) error {
	q, lang, err := questionnaireInUse(e, opts)
	if err != nil {
		return err
	}
	depts, err := st.Departments(ctx)
	if err != nil {
		return err
	}
	if len(depts) == 0 {
		return badInput("there are no departments yet: import answers or add departments first")
	}
	org := report.Organisation{Lang: lang, Organisation: style.Organisation, Questionnaire: q, StaleMonths: staleMonths, Style: style}
	for _, d := range depts {
		if d.CreatedAt.After(org.Date) {
			org.Date = d.CreatedAt
		}
	}
	// Every department's rounds are read and scored on all cores: reading
	// the answers is most of the report's time, and readers do not wait
	// for each other.
	tree := departmentTree(depts)
	gathered := make([]orgGathered, len(tree))
	errs := make([]error, len(tree))
	sc := newScorer(st)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.NumCPU(), 4) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				gathered[i], errs[i] = orgDepartment(ctx, st, sc, q, tree[i])
			}
		}()
	}
	for i := range tree {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	var newest time.Time
	for i, g := range gathered {
		if errs[i] != nil {
			return errs[i]
		}
		if g.Latest != nil && g.Latest.Date.After(newest) {
			newest = g.Latest.Date
		}
	}
	if !newest.IsZero() {
		org.Date = newest
	}
	// Overdue is counted on the report's own day, the newest round's, so
	// that the same data gives the same report.
	org.Departments = make([]report.OrgDepartment, len(gathered))
	for i, g := range gathered {
		org.Departments[i] = g.withActions(org.Date)
	}
	write := report.WriteOrganisationPDFContext
	if format == "html" {
		write = report.WriteOrganisationHTMLContext
	}
	var buf bytes.Buffer
	if err := write(ctx, &buf, org); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err // stopped: nothing is written
	}
	if err := writeFileAtomic(output, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s (%d departments, %d KB)\n", output, org.Units(), (buf.Len()+1023)/1024)
	return nil
}

// shorten is s cut to n characters with an ellipsis, for a line that names
// what was written.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for pos := range s {
		if i == n-1 {
			return s[:pos] + "…"
		}
		i++
	}
	return s
}
