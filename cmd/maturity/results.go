package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/spf13/cobra"
)

func newResultsCmd(e env, opts *globalOptions) *cobra.Command {
	var department string
	var assessment int64
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "results",
		Short: "Show the scores of a department's round, or one line per department",
		Long: `Show the result of an assessment round: maturity level and the foundation cap, the
ascendancy stage and what blocks it, every dimension with score, level, target, gap and
confidence, what to do first, and the questions to discuss.

Without --department: one line per department, for its latest round. --json prints the full
result (documented in the README) for one round, or an array of them.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := openStore(cmd.Context(), e, opts)
			if err != nil {
				return err
			}
			defer st.Close()
			ctx := cmd.Context()
			var ids []int64
			switch {
			case assessment != 0:
				ids = []int64{assessment}
			case department != "":
				a, err := st.LatestAssessment(ctx, department)
				if err != nil {
					return err
				}
				ids = []int64{a.ID}
			default:
				return writeOverview(ctx, e, opts, st, asJSON)
			}
			s, err := scoreAssessment(ctx, st, ids[0])
			if err != nil {
				return err
			}
			lang, err := language(opts, s.q)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, resultJSON(s, lang))
			}
			return writeResult(e.stdout, s, lang, textWidth(e))
		},
	}
	cmd.Flags().StringVar(&department, "department", "", "the department (its latest round)")
	cmd.Flags().Int64Var(&assessment, "assessment", 0, "an assessment id (see maturity assessment list)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.MarkFlagsMutuallyExclusive("department", "assessment")
	return cmd
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// resultFormat is the version of the JSON of a result. Format 2 is the one
// scale 1–5; from it on, the shape changes only by adding fields.
const resultFormat = 2

// The JSON of a result. Its shape is documented in the README; change it
// only by adding fields.
type (
	resultDoc struct {
		Format          int                      `json:"format"`
		Department      string                   `json:"department"`
		Assessment      assessmentDoc            `json:"assessment"`
		Questionnaire   questionnaireDoc         `json:"questionnaire"`
		Language        string                   `json:"language"`
		Respondents     int                      `json:"respondents"`
		Overall         overallDoc               `json:"overall"`
		Stage           scoring.Stage            `json:"stage"`
		Groups          []groupDoc               `json:"groups"`
		Dimensions      []dimensionDoc           `json:"dimensions"`
		Questions       []scoring.QuestionResult `json:"questions"`
		Minimums        []minimumDoc             `json:"minimums"`
		Recommendations []recommendationDoc      `json:"recommendations"`
		Revotes         []scoring.RevoteResult   `json:"revotes"`
	}
	assessmentDoc struct {
		ID        int64  `json:"id"`
		Round     string `json:"round"`
		Mode      string `json:"mode"`
		Phase     string `json:"phase"`
		Open      bool   `json:"open"`
		CreatedAt string `json:"created_at"`
		ClosedAt  string `json:"closed_at,omitempty"`
	}
	questionnaireDoc struct {
		ID      string `json:"id"`
		Version int    `json:"version"`
		Digest  string `json:"digest"`
	}
	overallDoc struct {
		scoring.Overall
		LevelName string `json:"level_name"`
	}
	groupDoc struct {
		scoring.GroupResult
		Name      string `json:"name"`
		LevelName string `json:"level_name"`
	}
	dimensionDoc struct {
		scoring.DimensionResult
		Name      string `json:"name"`
		LevelName string `json:"level_name"`
	}
	minimumDoc struct {
		scoring.MinimumResult
		Basis  string `json:"basis"`
		Action string `json:"action"`
	}
	recommendationDoc struct {
		scoring.Recommendation
		Text string `json:"text"`
	}
)

func resultJSON(s scored, lang string) resultDoc {
	a, r, q := s.data.Assessment, s.result, s.q
	doc := resultDoc{
		Format:        resultFormat,
		Department:    a.Department,
		Assessment:    assessmentDoc{ID: a.ID, Round: a.Round, Mode: string(a.Mode), Phase: string(a.Phase), Open: a.Open(), CreatedAt: a.CreatedAt.Format(time.RFC3339)},
		Questionnaire: questionnaireDoc{ID: q.ID, Version: q.Version, Digest: q.Digest},
		Language:      lang,
		Respondents:   r.Respondents,
		Overall:       overallDoc{Overall: r.Overall, LevelName: q.LevelName(r.Overall.Level, lang)},
		Stage:         r.Stage,
		Questions:     r.Questions,
		Revotes:       append([]scoring.RevoteResult{}, r.Revotes...),
	}
	if !a.Open() {
		doc.Assessment.ClosedAt = a.ClosedAt.Format(time.RFC3339)
		doc.Assessment.Phase = "closed"
	}
	for i, g := range r.Groups {
		doc.Groups = append(doc.Groups, groupDoc{GroupResult: g, Name: q.Groups[i].Name.In(lang), LevelName: q.LevelName(g.Level, lang)})
	}
	for _, d := range r.Dimensions {
		doc.Dimensions = append(doc.Dimensions, dimensionDoc{DimensionResult: d, Name: q.Dimension(d.ID).Name.In(lang), LevelName: q.LevelName(d.Level, lang)})
	}
	doc.Minimums = []minimumDoc{}
	for _, m := range r.Minimums {
		min := q.Question(m.Question).Minimum
		doc.Minimums = append(doc.Minimums, minimumDoc{MinimumResult: m, Basis: min.Basis.In(lang), Action: min.Action.In(lang)})
	}
	doc.Recommendations = []recommendationDoc{}
	for _, rec := range r.Recommendations {
		doc.Recommendations = append(doc.Recommendations, recommendationDoc{Recommendation: rec, Text: rec.Text(q).In(lang)})
	}
	return doc
}

func levelText(q *questionnaire.Questionnaire, level int, lang string) string {
	if level == 0 {
		return "–"
	}
	return fmt.Sprintf("%d %s", level, q.LevelName(level, lang))
}

// writeResult prints one round's result as text; the view is tui's.
func writeResult(w io.Writer, s scored, lang string, width int) error {
	a := s.data.Assessment
	round := tui.Round{Department: a.Department, Label: a.Round, Workshop: a.Mode == store.ModeWorkshop}
	if !a.Open() {
		round.Closed = a.ClosedAt
	}
	return tui.WriteResult(w, s.q, s.result, round, lang, width)
}

// writeOverview prints one line per department for its latest round.
func writeOverview(ctx context.Context, e env, opts *globalOptions, st *store.Store, asJSON bool) error {
	depts, err := st.Departments(ctx)
	if err != nil {
		return err
	}
	docs := []resultDoc{}
	lang := opts.lang
	if lang == "" {
		lang = "nl"
	}
	var rows []tui.OverviewRow
	sc := newScorer(st)
	for _, d := range depts {
		a, err := st.LatestAssessment(ctx, d.Name)
		if store.ErrorCode(err) == store.ENOTFOUND {
			rows = append(rows, tui.OverviewRow{Department: d.Name})
			continue
		}
		if err != nil {
			return err
		}
		s, err := sc.compared(ctx, a.ID)
		if err != nil {
			return err
		}
		if asJSON {
			docs = append(docs, resultJSON(s, langFor(lang, s.q)))
			continue
		}
		rows = append(rows, tui.OverviewRow{Department: d.Name, Round: a.Round, Questionnaire: s.q, Result: s.result})
	}
	if asJSON {
		return writeJSON(e.stdout, docs)
	}
	return tui.WriteOverview(e.stdout, rows, lang)
}

// langFor is lang when q has it, else q's first language.
func langFor(lang string, q *questionnaire.Questionnaire) string {
	if q.HasLanguage(lang) {
		return lang
	}
	return q.Languages[0]
}
