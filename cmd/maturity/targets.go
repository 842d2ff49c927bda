package main

import (
	"context"
	"strconv"
	"strings"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/spf13/cobra"
)

func newTargetsCmd(e env, opts *globalOptions) *cobra.Command {
	var department string
	var assessment int64
	var set, clear []string
	cmd := &cobra.Command{
		Use:   "targets --department NAME [--set DIMENSION=LEVEL]... [--clear DIMENSION]...",
		Short: "Show or set the target level per dimension, and where each comes from",
		Long: `A dimension's target level comes from the assessment round, else the department, else the
dimension in the questionnaire, else the questionnaire's default. --set and --clear change the
department's targets, or one round's with --assessment ID.`,
		Args: cobra.NoArgs,
	}
	cmd.RunE = withStore(e, opts, func(ctx context.Context, st *store.Store, _ []string) error {
		if department == "" {
			return badInput("targets needs --department NAME")
		}
		d, err := st.Department(ctx, department)
		if err != nil {
			return err
		}
		forRound := cmd.Flags().Changed("assessment")
		load := func() (*questionnaire.Questionnaire, scoring.Input, error) {
			return targetsOf(ctx, e, opts, st, d.Name, assessment, forRound)
		}
		q, _, err := load()
		if err != nil {
			return err
		}
		changes := store.Targets{}
		for _, s := range set {
			dim, level, err := parseTarget(q, s)
			if err != nil {
				return err
			}
			changes[dim] = level
		}
		for _, dim := range clear {
			if q.Dimension(dim) == nil {
				return unknownDimension(q, dim)
			}
		}
		switch {
		case forRound:
			if err := st.SetAssessmentTargets(ctx, assessment, changes); err != nil {
				return err
			}
			err = st.ClearAssessmentTargets(ctx, assessment, clear)
		default:
			if err := st.SetDepartmentTargets(ctx, d.Name, changes); err != nil {
				return err
			}
			err = st.ClearDepartmentTargets(ctx, d.Name, clear)
		}
		if err != nil {
			return err
		}
		q, in, err := load()
		if err != nil {
			return err
		}
		lang, err := language(opts, q)
		if err != nil {
			return err
		}
		l := labelsFor(opts.userLang())
		t := newTable(e.stdout, l["col dimension"], l["col name"], l["col target"], l["col from"])
		for _, dr := range scoring.Score(q, in).Dimensions {
			t.row(dr.ID, q.Dimension(dr.ID).Name.In(lang), strconv.Itoa(dr.Target), l["from "+string(dr.TargetSource)])
		}
		return t.flush()
	})
	cmd.Flags().StringVar(&department, "department", "", "the department")
	cmd.Flags().Int64Var(&assessment, "assessment", 0, "set or clear the targets of this round instead of the department's")
	cmd.Flags().StringArrayVar(&set, "set", nil, "DIMENSION=LEVEL: set a target level 1–5 (repeatable)")
	cmd.Flags().StringArrayVar(&clear, "clear", nil, "DIMENSION: remove a target (repeatable)")
	return cmd
}

// targetsOf returns the questionnaire whose dimensions the targets are for
// and the targets that apply: those of the given round (forRound), else of
// the department's latest round, else the department's on the
// questionnaire in use.
func targetsOf(ctx context.Context, e env, opts *globalOptions, st *store.Store, department string, assessment int64, forRound bool) (*questionnaire.Questionnaire, scoring.Input, error) {
	if !forRound {
		a, err := st.LatestAssessment(ctx, department)
		switch {
		case err == nil:
			assessment = a.ID
		case store.ErrorCode(err) != store.ENOTFOUND:
			return nil, scoring.Input{}, err
		}
	}
	if assessment != 0 {
		s, err := scoreAssessment(ctx, st, assessment)
		if err != nil {
			return nil, scoring.Input{}, err
		}
		if !strings.EqualFold(s.data.Assessment.Department, department) {
			return nil, scoring.Input{}, badInput("assessment %d belongs to %s, not to %s", assessment, s.data.Assessment.Department, department)
		}
		return s.q, scoring.Input{AssessmentTargets: s.data.AssessmentTargets, DepartmentTargets: s.data.DepartmentTargets}, nil
	}
	q, err := resolveQuestionnaire(e, opts, "")
	if err != nil {
		return nil, scoring.Input{}, err
	}
	t, err := st.DepartmentTargets(ctx, department)
	return q, scoring.Input{DepartmentTargets: t}, err
}

// parseTarget reads DIMENSION=LEVEL.
func parseTarget(q *questionnaire.Questionnaire, s string) (string, int, error) {
	dim, lv, ok := strings.Cut(s, "=")
	dim = strings.TrimSpace(dim)
	if !ok {
		return "", 0, badInput("--set %q: expected DIMENSION=LEVEL, e.g. quality=3", s)
	}
	if q.Dimension(dim) == nil {
		return "", 0, unknownDimension(q, dim)
	}
	level, err := strconv.Atoi(strings.TrimSpace(lv))
	if err != nil || level < 1 || level > questionnaire.MaxLevel {
		return "", 0, badInput("--set %s: level %q is not one of 1, 2, 3, 4, 5", s, lv)
	}
	return dim, level, nil
}

func unknownDimension(q *questionnaire.Questionnaire, dim string) error {
	var ids []string
	for _, d := range q.Dimensions() {
		ids = append(ids, d.ID)
	}
	return badInput("unknown dimension %q (the dimensions of %s: %s)", dim, q.ID, strings.Join(ids, ", "))
}
