package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/spf13/cobra"
)

func newAssessmentCmd(e env, opts *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "assessment",
		Short: "Start, list, close and reopen assessment rounds",
		Long: `An assessment is a round for one department: it stays open and collects every respondent
who answers for that department until it is closed; the next answer after closing starts a
new round.`,
		Args: cobra.NoArgs,
	}
	var department string
	list := &cobra.Command{
		Use:   "list",
		Short: "List rounds: id, department, round, mode, dates, respondents, complete or not",
		Args:  cobra.NoArgs,
		RunE: withStore(e, opts, func(ctx context.Context, st *store.Store, _ []string) error {
			all, err := st.Assessments(ctx, department)
			if err != nil {
				return err
			}
			l := labelsFor(opts.userLang())
			if len(all) == 0 {
				fmt.Fprintln(e.stdout, l["no assessments"])
				return nil
			}
			t := newTable(e.stdout, l["col id"], l["col department"], l["col round"], l["col mode"], l["col started"], l["col closed"],
				l["col respondents"], l["col answers"], l["col complete"], l["col questionnaire"])
			for _, a := range all {
				closed := l["open"]
				if !a.Open() {
					closed = a.ClosedAt.Format("2006-01-02")
				}
				complete := l["no"]
				if a.Complete {
					complete = l["yes"]
				}
				t.row(strconv.FormatInt(a.ID, 10), a.Department, a.Round, modeText(l, a.Mode), a.CreatedAt.Format("2006-01-02"), closed,
					strconv.Itoa(a.Respondents), fmt.Sprintf("%d/%d", a.Answers, a.Respondents*a.Questionnaire.Questions), complete,
					fmt.Sprintf("%s v%d", a.Questionnaire.Key, a.Questionnaire.Version))
			}
			return t.flush()
		}),
	}
	list.Flags().StringVar(&department, "department", "", "only this department")

	var closeDept string
	closeCmd := &cobra.Command{
		Use:   "close --department NAME",
		Short: "Close a department's open round",
		Args:  cobra.NoArgs,
		RunE: withStore(e, opts, func(ctx context.Context, st *store.Store, _ []string) error {
			if closeDept == "" {
				return badInput("close needs --department NAME")
			}
			a, err := st.CloseAssessment(ctx, closeDept)
			if err != nil {
				return err
			}
			l := labelsFor(opts.userLang())
			fmt.Fprintf(e.stdout, l["round closed"]+"\n", tui.Printable(a.Round), tui.Printable(a.Department), a.ID, plural(l, "n respondents", a.Respondents))
			return nil
		}),
	}
	closeCmd.Flags().StringVar(&closeDept, "department", "", "the department")

	reopen := &cobra.Command{
		Use:   "reopen ID",
		Short: "Reopen a closed round (see assessment list for the id)",
		Args:  cobra.ExactArgs(1),
		RunE: withStore(e, opts, func(ctx context.Context, st *store.Store, args []string) error {
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return badInput("%q is not an assessment id (a number; see maturity assessment list)", args[0])
			}
			a, err := st.ReopenAssessment(ctx, id)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, labelsFor(opts.userLang())["round reopened"]+"\n", tui.Printable(a.Round), tui.Printable(a.Department), a.ID)
			return nil
		}),
	}
	var startDept, round, mode string
	start := &cobra.Command{
		Use:   "start --department NAME [--round LABEL] [--mode self|workshop]",
		Short: "Open a round for a department, or show the one that is open",
		Long: `Open a round for a department on the questionnaire in use (--questionnaire, default the
embedded one), before anyone answers; the department is created when it does not exist. The
round label defaults to the month (2026-11). When the department already has an open round,
that round is shown and stays open.`,
		Args: cobra.NoArgs,
		RunE: withStore(e, opts, func(ctx context.Context, st *store.Store, _ []string) error {
			if startDept == "" {
				return badInput("start needs --department NAME")
			}
			if mode != string(store.ModeSelf) && mode != string(store.ModeWorkshop) {
				return badInput("--mode %q: expected self or workshop", mode)
			}
			q, err := resolveQuestionnaire(e, opts, "")
			if err != nil {
				return err
			}
			if _, err := st.Department(ctx, startDept); store.ErrorCode(err) == store.ENOTFOUND {
				if _, err := st.CreateDepartment(ctx, startDept, ""); err != nil {
					return err
				}
			} else if err != nil {
				return err
			}
			a, err := st.StartAssessment(ctx, store.StartOptions{Department: startDept, Questionnaire: storeFile(q), Mode: store.Mode(mode), Round: round})
			if err != nil {
				return err
			}
			l := labelsFor(opts.userLang())
			fmt.Fprintf(e.stdout, l["round open"]+"\n", tui.Printable(a.Round), tui.Printable(a.Department), a.ID, modeText(l, a.Mode),
				a.Questionnaire.Key, a.Questionnaire.Version, plural(l, "n respondents", a.Respondents))
			return nil
		}),
	}
	start.Flags().StringVar(&startDept, "department", "", "the department")
	start.Flags().StringVar(&round, "round", "", "the round's label (default: the month, e.g. 2026-11)")
	start.Flags().StringVar(&mode, "mode", string(store.ModeSelf), "self or workshop")
	cmd.AddCommand(start, list, closeCmd, reopen)
	return cmd
}

// modeText is a round's mode in words: self or workshop.
func modeText(l labels, m store.Mode) string {
	if text, ok := l["mode "+string(m)]; ok {
		return text
	}
	return string(m)
}
