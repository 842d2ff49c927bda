package report

import (
	"fmt"
	"strings"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
)

// The sentences and rows both renderers show, built once from the input so
// that the PDF and the HTML say the same.

// words binds the texts to one department's report.
type words struct {
	t   texts
	in  Department
	q   *questionnaire.Questionnaire
	res scoring.Result
}

func newWords(in Department) (words, error) {
	t, err := textsFor(in.Lang)
	if err != nil {
		return words{}, err
	}
	if in.Questionnaire == nil {
		return words{}, fmt.Errorf("report: no questionnaire")
	}
	return words{t: t, in: in, q: in.Questionnaire, res: in.Round.Result}, nil
}

func (w words) lang() string { return w.in.Lang }

// action is a recommendation: a dimension's step and what to do.
type action struct {
	Title, Text string
}

func (w words) stageSentence() string {
	st := w.res.Stage
	name := func(id string) string { return w.q.Dimension(id).Name.In(w.lang()) }
	if st.BlockedBy == "" {
		return w.t.f("stage_all", name(st.Reached))
	}
	var blocker *float64
	for _, s := range st.Steps {
		if s.Dimension == st.BlockedBy {
			blocker = s.Score
		}
	}
	switch {
	case blocker == nil:
		return w.t.f("stage_unscored", name(st.BlockedBy))
	case st.Reached == "":
		return w.t.f("stage_none", name(st.BlockedBy), *blocker, st.Threshold)
	}
	return w.t.f("stage_reached", name(st.Reached), name(st.BlockedBy), *blocker, st.Threshold)
}

func (w words) capSentence() string {
	o := w.res.Overall
	switch {
	case o.Capped:
		// The groups that cap stand at the level one below the cap.
		return w.t.f("capped", o.UncappedLevel, strings.Join(w.q.GroupNames(o.CappedBy, w.lang()), ", "), o.Cap-1)
	case o.Cap > 0:
		return w.t.f("not_capped", o.Cap)
	}
	return w.t["no_cap"]
}

// previous is the round before the reported one, or nil.
func (w words) previous() *Round {
	if n := len(w.in.Previous); n > 0 {
		return &w.in.Previous[n-1]
	}
	return nil
}

func (w words) changeSentence() string {
	o := w.res.Overall
	if prev := w.previous(); prev != nil && prev.Result.Overall.Score != nil && o.Score != nil {
		a, b := *prev.Result.Overall.Score, *o.Score
		return w.t.f("change", prev.Label, a, b, b-a, prev.Result.Overall.Level, o.Level)
	}
	return w.t["first_round"]
}

// step names a dimension's move from its level to the next.
func (w words) step(d *questionnaire.Dimension, level int) string {
	return fmt.Sprintf("%s: %s %d → %d", d.Name.In(w.lang()), strings.ToLower(w.t["col_level"]), level, level+1)
}

// actions are the first n recommendations (all when n is 0).
func (w words) actions(n int) []action {
	var out []action
	for i, rec := range w.res.Recommendations {
		if n > 0 && i == n {
			break
		}
		d := w.q.Dimension(rec.Dimension)
		out = append(out, action{Title: w.step(d, rec.Level), Text: d.Recommendations[rec.Level].In(w.lang())})
	}
	return out
}

// groupRows are the dimension rows of a group's table.
func (w words) groupRows(g *questionnaire.Group) [][]string {
	var rows [][]string
	for _, d := range g.Dimensions {
		r := w.dimension(d.ID)
		level, gap := "–", "–"
		if r.Score != nil {
			level = fmt.Sprintf("%d %s", r.Level, w.q.LevelName(r.Level, w.lang()))
			gap = fmt.Sprint(r.Gap)
		}
		rows = append(rows, []string{d.Name.In(w.lang()), score(r.Score), level, fmt.Sprint(r.Target), gap, w.t["confidence_"+string(r.Confidence)]})
	}
	return rows
}

func (w words) groupHeader() []string {
	return []string{w.t["col_dimension"], w.t["col_score"], w.t["col_level"], w.t["col_target"], w.t["col_gap"], w.t["col_confidence"]}
}

// nextSteps are what a group's dimensions with a gap should do next.
func (w words) nextSteps(g *questionnaire.Group) []action {
	var out []action
	for _, d := range g.Dimensions {
		r := w.dimension(d.ID)
		if r.Score == nil || r.Gap == 0 {
			continue
		}
		out = append(out, action{Title: w.step(d, r.Level), Text: d.Recommendations[r.Level].In(w.lang())})
	}
	return out
}

func (w words) dimension(id string) scoring.DimensionResult {
	for _, d := range w.res.Dimensions {
		if d.ID == id {
			return d
		}
	}
	return scoring.DimensionResult{}
}

// flagged are the questions to discuss; shown says whether their
// distributions may be shown: only questions that at least the anonymity
// threshold of people answered are listed, and none while the round has
// fewer respondents than that.
func (w words) flagged() (qs []scoring.QuestionResult, shown bool) {
	for _, x := range w.res.Questions {
		if x.Flagged && x.N >= w.q.Rules.AnonymityThreshold {
			qs = append(qs, x)
		}
	}
	any := false
	for _, x := range w.res.Questions {
		any = any || x.Flagged
	}
	if any && len(qs) == 0 {
		return nil, false
	}
	return qs, w.res.Respondents >= w.q.Rules.AnonymityThreshold
}

// disagreementSentence introduces the disagreement section.
func (w words) disagreementSentence() string {
	qs, shown := w.flagged()
	anyFlagged := false
	for _, x := range w.res.Questions {
		anyFlagged = anyFlagged || x.Flagged
	}
	switch {
	case !anyFlagged:
		return w.t.f("disagreement_none", w.q.Rules.ConsensusSpread)
	case !shown || len(qs) == 0:
		return w.t.f("disagreement_hidden", w.res.Respondents, w.q.Rules.AnonymityThreshold)
	}
	return w.t.f("disagreement_intro", w.q.Rules.ConsensusSpread)
}

// revoteSentence introduces the comparison of first vote and re-vote; ""
// without a re-vote.
func (w words) revoteSentence() string {
	if len(w.res.Revotes) == 0 {
		return ""
	}
	s := w.t.f("revote_intro", len(w.res.Revotes))
	if len(w.res.Revotes) == 1 {
		s = w.t["revote_intro_one"]
	}
	if len(w.revoteRows()) < len(w.res.Revotes) {
		s += " " + w.t.f("revote_hidden", w.q.Rules.AnonymityThreshold)
	}
	return s
}

func (w words) revoteHeader() []string {
	return []string{w.t["col_question"], w.t["col_spread_first"], w.t["col_spread_final"], w.t["col_score_first"], w.t["col_score_final"]}
}

// revoteRows compare each re-voted question's first vote with the final
// answers. A spread tells the highest and lowest answer, so it is shown
// only where at least the anonymity threshold answered both times.
func (w words) revoteRows() [][]string {
	threshold := w.q.Rules.AnonymityThreshold
	if w.res.Respondents < threshold {
		return nil
	}
	var rows [][]string
	for _, r := range w.res.Revotes {
		if r.Before.N < threshold || r.After.N < threshold {
			continue
		}
		rows = append(rows, []string{r.Question + "  " + w.q.Question(r.Question).Text.In(w.lang()),
			fmt.Sprint(*r.Before.Spread), fmt.Sprint(*r.After.Spread), score(r.Before.Score), score(r.After.Score)})
	}
	return rows
}

// noteAbout names what a note is about.
func (w words) noteAbout(n Note) string {
	if q := w.q.Question(n.Question); q != nil {
		return q.Text.In(w.lang())
	}
	if d := w.q.Dimension(n.Dimension); d != nil {
		return d.Name.In(w.lang())
	}
	return n.Question + n.Dimension
}

func (w words) confidenceHeader() []string {
	return []string{w.t["col_dimension"], w.t["col_respondents"], w.t["col_n"], w.t["col_dont_know"], w.t["col_confidence"]}
}

func (w words) confidenceRows() [][]string {
	var rows [][]string
	for _, d := range w.res.Dimensions {
		share := "–"
		if all := d.Answered + d.DontKnow; all > 0 {
			share = fmt.Sprintf("%d (%.0f%%)", d.DontKnow, 100*float64(d.DontKnow)/float64(all))
		}
		rows = append(rows, []string{w.q.Dimension(d.ID).Name.In(w.lang()), fmt.Sprint(d.Respondents), fmt.Sprint(d.Answered), share, w.t["confidence_"+string(d.Confidence)]})
	}
	return rows
}

// method is the methodology, a paragraph per element: scale, scores,
// levels, stages, cap, discussion. The stage and cap paragraphs follow the
// questionnaire's own rules.
func (w words) method() []string {
	paras := strings.Split(strings.TrimSpace(w.t.f("method_text", w.q.Rules.StageThreshold, w.q.Rules.ConsensusSpread)), "\n")
	if len(paras) != 6 {
		return paras
	}
	if !w.q.Rules.FoundationCap {
		paras[4] = w.t["method_no_cap"]
	}
	if w.q.StageGroup() == nil {
		paras = append(paras[:3], paras[4:]...)
	}
	if len(w.res.Revotes) > 0 {
		paras = append(paras, w.t["method_revote"])
	}
	return paras
}

// methodExample is the worked example of the README, a paragraph per step;
// none for a questionnaire without stages or cap, which it would not fit.
func (w words) methodExample() []string {
	if w.q.StageGroup() == nil || !w.q.Rules.FoundationCap {
		return nil
	}
	return strings.Split(strings.TrimSpace(w.t["method_example"]), "\n")
}

// groupLevel says where a group stands and what that level means.
func (w words) groupLevel(g scoring.GroupResult) string {
	if g.Score == nil {
		return ""
	}
	return w.t.f("group_level", g.Level, w.q.LevelName(g.Level, w.lang()), *g.Score) + " " + w.t[fmt.Sprintf("level_meaning_%d", g.Level)]
}

func (w words) questionHeader() []string {
	return []string{w.t["col_question"], w.t["col_score"], w.t["col_n"], w.t["col_dont_know"], w.t["col_na"], w.t["col_change"]}
}

// questionRows are every question with its figures and change since the
// previous round.
func (w words) questionRows() [][]string {
	before := map[string]*float64{}
	if prev := w.previous(); prev != nil {
		for _, x := range prev.Result.Questions {
			before[x.ID] = x.Score
		}
	}
	var rows [][]string
	for _, x := range w.res.Questions {
		change := ""
		if b, now := before[x.ID], x.Score; b != nil && now != nil {
			change = fmt.Sprintf("%+.2f", *now-*b)
		}
		rows = append(rows, []string{x.ID + "  " + w.q.Question(x.ID).Text.In(w.lang()), score(x.Score), fmt.Sprint(x.N), fmt.Sprint(x.DontKnow), fmt.Sprint(x.NotApplicable), change})
	}
	return rows
}

// facts are the cover's label–value pairs.
func (w words) facts(date string) [][2]string {
	r := w.in.Round
	return [][2]string{
		{w.t["round"], r.Label},
		{w.t["date"], date},
		{w.t["respondents"], fmt.Sprint(r.Respondents)},
		{w.t["mode"], w.t["mode_"+r.Mode]},
		{w.t["questionnaire"], fmt.Sprintf("%s (%s %d)", w.q.Title.In(w.lang()), w.t["version"], w.q.Version)},
	}
}
