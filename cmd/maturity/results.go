package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/store"
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
			return writeResult(e.stdout, s, lang, textWidth(e.getenv))
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

// The JSON of a result. Its shape is documented in the README; change it
// only by adding fields.
type (
	resultDoc struct {
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
	recommendationDoc struct {
		scoring.Recommendation
		Text string `json:"text"`
	}
)

func resultJSON(s scored, lang string) resultDoc {
	a, r, q := s.data.Assessment, s.result, s.q
	doc := resultDoc{
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
	doc.Recommendations = []recommendationDoc{}
	for _, rec := range r.Recommendations {
		doc.Recommendations = append(doc.Recommendations, recommendationDoc{Recommendation: rec, Text: q.Dimension(rec.Dimension).Recommendations[rec.Level].In(lang)})
	}
	return doc
}

// num formats a score for reading: two decimals, or a dash for none.
func num(p *float64) string {
	if p == nil {
		return "–"
	}
	return strconv.FormatFloat(*p, 'f', 2, 64)
}

func levelText(q *questionnaire.Questionnaire, level int, lang string) string {
	if level == 0 {
		return "–"
	}
	return fmt.Sprintf("%d %s", level, q.LevelName(level, lang))
}

// writeResult prints one round's result as text.
func writeResult(w io.Writer, s scored, lang string, width int) error {
	a, r, q, l := s.data.Assessment, s.result, s.q, labelsFor(lang)
	p := &printer{w: w, width: width}
	state := l["open"]
	if !a.Open() {
		state = l["closed"] + " " + a.ClosedAt.Format("2006-01-02")
	}
	p.line(0, fmt.Sprintf("%s — %s %s (%s, %s) · %d %s · %s %s %d", a.Department, l["round"], a.Round, l[string(a.Mode)], state,
		r.Respondents, l["respondents"], q.ID, l["version"], q.Version))
	p.blank()
	if r.Overall.Score == nil {
		p.line(0, l["maturity"]+": "+l["no answers"])
		return p.err
	}
	mat := fmt.Sprintf("%s: %s %s (%s %s)", l["maturity"], l["level"], levelText(q, r.Overall.Level, lang), l["score"], num(r.Overall.Score))
	p.line(0, mat)
	if r.Overall.Capped {
		// The groups that cap stand at the level one below the cap.
		by := strings.Join(q.GroupNames(r.Overall.CappedBy, lang), ", ")
		p.hanging(2, "", fmt.Sprintf(l["capped"], r.Overall.UncappedLevel, by, r.Overall.Cap-1, r.Overall.Cap))
	}
	if r.Stage.Applicable {
		stage := l["stage none"]
		if r.Stage.Reached != "" {
			stage = q.Dimension(r.Stage.Reached).Name.In(lang) + " " + l["reached"]
		}
		if r.Stage.BlockedBy != "" {
			stage += " · " + l["blocked by"] + " " + q.Dimension(r.Stage.BlockedBy).Name.In(lang)
		} else {
			stage = l["all stages"]
		}
		p.line(0, fmt.Sprintf("%s: %s (%s %s)", l["stage"], stage, l["stage threshold"], strconv.FormatFloat(r.Stage.Threshold, 'f', 1, 64)))
	}
	p.blank()

	t := newTable(w, l["col group"], l["col score"], l["col level"], l["col target"], l["col gap"], l["col confidence"], l["col answered"], l["col dk"], l["col na"])
	di := 0
	for gi, g := range q.Groups {
		gr := r.Groups[gi]
		t.row(g.Name.In(lang), num(gr.Score), levelText(q, gr.Level, lang), "", "", "", "", "", "")
		for range g.Dimensions {
			d := r.Dimensions[di]
			di++
			gap := "–" // no score, no gap
			if d.Score != nil {
				gap = strconv.Itoa(d.Gap)
			}
			t.row("  "+q.Dimension(d.ID).Name.In(lang), num(d.Score), levelText(q, d.Level, lang), strconv.Itoa(d.Target),
				gap, l[string(d.Confidence)], strconv.Itoa(d.Answered), strconv.Itoa(d.DontKnow), strconv.Itoa(d.NotApplicable))
		}
	}
	if err := t.flush(); err != nil {
		return err
	}
	p.blank()

	if len(r.Recommendations) == 0 {
		p.line(0, l["no recommendations"])
	} else {
		p.line(0, l["recommendations"]+":")
		for i, rec := range r.Recommendations {
			if i == 3 {
				break
			}
			d := q.Dimension(rec.Dimension)
			text := fmt.Sprintf("%s (%s %d → %d)", d.Name.In(lang), l["level"], rec.Level, rec.Level+1)
			if r := d.Recommendations[rec.Level].In(lang); r != "" {
				text += ": " + r
			}
			p.hanging(2, fmt.Sprintf("%d. ", i+1), text)
		}
	}

	// A question's range is shown only when at least the anonymity
	// threshold of people gave it a scored answer.
	var shown []scoring.QuestionResult
	hidden := 0
	for _, x := range r.Questions {
		switch {
		case !x.Flagged:
		case x.N >= q.Rules.AnonymityThreshold:
			shown = append(shown, x)
		default:
			hidden++
		}
	}
	if len(shown) > 0 {
		p.blank()
		p.line(0, fmt.Sprintf(l["discuss"], q.Rules.ConsensusSpread)+":")
		for _, x := range shown {
			p.hanging(2, "", fmt.Sprintf("[%s] %s  (%d–%d, %s %s, n=%d)", x.ID, q.Question(x.ID).Text.In(lang), *x.Min, *x.Max, l["score"], num(x.Score), x.N))
		}
	}
	if hidden > 0 {
		p.blank()
		p.line(0, fmt.Sprintf(l["discuss hidden"], hidden, q.Rules.AnonymityThreshold))
	}
	return p.err
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
	l := labelsFor(lang)
	t := newTable(e.stdout, l["col department"], l["col round"], l["col respondents"], l["col score"], l["col maturity"], l["col stage"])
	sc := newScorer(st)
	for _, d := range depts {
		a, err := st.LatestAssessment(ctx, d.Name)
		if store.ErrorCode(err) == store.ENOTFOUND {
			t.row(d.Name, "–", "0", "–", l["no assessment"], "–")
			continue
		}
		if err != nil {
			return err
		}
		s, err := sc.score(ctx, a.ID)
		if err != nil {
			return err
		}
		if asJSON {
			docs = append(docs, resultJSON(s, langFor(lang, s.q)))
			continue
		}
		r := s.result
		mat := levelText(s.q, r.Overall.Level, lang)
		if r.Overall.Capped {
			mat += " (" + strings.SplitN(l["capped"], ":", 2)[0] + ")"
		}
		stage := "–"
		if r.Stage.Applicable && r.Stage.Reached != "" {
			stage = s.q.Dimension(r.Stage.Reached).Name.In(lang)
		}
		t.row(d.Name, a.Round, strconv.Itoa(r.Respondents), num(r.Overall.Score), mat, stage)
	}
	if asJSON {
		return writeJSON(e.stdout, docs)
	}
	return t.flush()
}

// langFor is lang when q has it, else q's first language.
func langFor(lang string, q *questionnaire.Questionnaire) string {
	if q.HasLanguage(lang) {
		return lang
	}
	return q.Languages[0]
}
