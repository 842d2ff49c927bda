package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/maturity-nl/maturity/internal/report"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/spf13/cobra"
)

func newReportCmd(e env, opts *globalOptions) *cobra.Command {
	var department, output, format string
	var assessment int64
	cmd := &cobra.Command{
		Use:   "report --department NAME [--assessment ID] [--format pdf|html] -o FILE",
		Short: "Write the department report for leadership, as a PDF or accessible HTML",
		Long: `Write the report leadership reads: where the department stands, what blocks the next
level, what to do first, whether it is improving and how far to trust the figures — an A4 PDF
with a summary, charts, the detail per group, disagreement, confidence and the method. The
report is of the department's latest round, or of --assessment ID. --format html writes the
same content as one self-contained, accessible HTML file (WCAG 2.1 AA: headings, text
alternatives, the charts' figures also in tables). The same data gives the same bytes.`,
		Args: cobra.NoArgs,
		RunE: withStore(e, opts, func(ctx context.Context, st *store.Store, _ []string) error {
			if output == "" {
				return badInput("report needs -o FILE.pdf (or FILE.html)")
			}
			if format == "" {
				format = "pdf"
				if strings.HasSuffix(strings.ToLower(output), ".html") || strings.HasSuffix(strings.ToLower(output), ".htm") {
					format = "html"
				}
			}
			write := report.WritePDF
			switch format {
			case "pdf":
			case "html":
				write = report.WriteHTML
			default:
				return badInput("--format %q: unknown format (expected pdf or html)", format)
			}
			if department == "" && assessment == 0 {
				return badInput("report needs --department NAME or --assessment ID")
			}
			in, err := departmentReport(ctx, st, opts, department, assessment)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := write(&buf, in); err != nil {
				return err
			}
			if err := writeFileAtomic(output, buf.Bytes()); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "wrote %s (%s, round %s, %d KB)\n", output, in.Name, in.Round.Label, (buf.Len()+1023)/1024)
			return nil
		}),
	}
	cmd.Flags().StringVar(&department, "department", "", "the department (its latest round)")
	cmd.Flags().Int64Var(&assessment, "assessment", 0, "an assessment id (see maturity assessment list)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "the file to write")
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
	}
	s, err := scoreAssessment(ctx, st, id)
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
		in.Notes = append(in.Notes, report.Note{Question: n.Question, Dimension: n.Dimension, Text: n.Text})
	}
	all, err := st.Assessments(ctx, a.Department)
	if err != nil {
		return report.Department{}, err
	}
	for _, earlier := range all {
		if earlier.ID == a.ID {
			break
		}
		if earlier.Questionnaire.Key != a.Questionnaire.Key {
			continue
		}
		e, err := scoreAssessment(ctx, st, earlier.ID)
		if err != nil {
			return report.Department{}, err
		}
		in.Previous = append(in.Previous, reportRound(e))
	}
	return in, nil
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
	return report.Round{Label: a.Round, Mode: string(a.Mode), Date: date, Respondents: s.result.Respondents, Result: s.result}
}
