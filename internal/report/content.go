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
	in = boundDepartment(in)
	return words{t: t, in: in, q: in.Questionnaire, res: in.Round.Result}, nil
}

func (w words) lang() string { return w.in.Lang }

// name is a dimension's name.
func (w words) name(id string) string {
	if d := w.q.Dimension(id); d != nil {
		return d.Name.In(w.lang())
	}
	return id
}

// levelName is "L name" for a level 1–5, a dash for 0 (no score).
func (w words) levelName(level int) string {
	if level == 0 {
		return "–"
	}
	return fmt.Sprintf("%d %s", level, w.q.LevelName(level, w.lang()))
}

// action is one step of what to do: what, why it comes here, and how.
type action struct {
	Title, Why, Text string
}

// scoreLine is the overall score with its 90% interval, and the level of
// the score before the caps when a cap lowered it.
func (w words) scoreLine() string {
	o := w.res.Overall
	s := w.t.f("overall_score", w.num(o.Score))
	if o.Interval != nil {
		s = w.t.f("overall_score_interval", w.num(o.Score), w.interval(o.Interval))
	}
	if o.Level < o.UncappedLevel {
		s += " " + w.t.f("uncapped_level", o.UncappedLevel)
	}
	return s
}

// stageSentence says which analytics stage is reached and what blocks the
// next, against the stage level.
func (w words) stageSentence() string {
	st := w.res.Stage
	level := w.score(st.StageLevel)
	if st.BlockedBy == "" {
		return w.t.f("stage_all", w.name(st.Reached), level)
	}
	var blocker *float64
	for _, s := range st.Steps {
		if s.Dimension == st.BlockedBy {
			blocker = s.Score
		}
	}
	switch {
	case blocker == nil && st.Reached == "":
		return w.t.f("stage_unscored", w.name(st.BlockedBy))
	case blocker == nil:
		return w.t.f("stage_reached_unscored", w.name(st.Reached), w.name(st.BlockedBy))
	case st.Reached == "":
		return w.t.f("stage_none", w.name(st.BlockedBy), w.num(blocker), level)
	}
	return w.t.f("stage_reached", w.name(st.Reached), w.name(st.BlockedBy), w.num(blocker), level)
}

// capSentences say what the two caps did: the foundation cap always, the
// minimum cap when the questionnaire has legal minimums.
func (w words) capSentences() []string {
	o := w.res.Overall
	var out []string
	switch {
	case o.Capped:
		// The groups that cap stand at the level one below the cap.
		out = append(out, w.t.f("capped", o.UncappedLevel, strings.Join(w.q.GroupNames(o.CappedBy, w.lang()), ", "), o.Cap-1, o.Cap))
	case o.Cap > 0:
		out = append(out, w.t.f("not_capped", o.Cap))
	case !w.q.Rules.FoundationCap:
		out = append(out, w.t["cap_off"])
	default:
		out = append(out, w.t["no_cap"])
	}
	if len(w.res.Minimums) == 0 {
		return out
	}
	_, unmet, _ := w.minimumCounts()
	switch {
	case unmet == 0:
		out = append(out, w.t["minimum_cap_none"])
	case w.q.Rules.MinimumCap == 0:
		out = append(out, w.t.f(plural(unmet, "minimum_cap_off"), unmet))
	case o.MinimumCapped:
		out = append(out, w.t.f(plural(unmet, "minimum_capped"), unmet, o.MinimumCap, o.UncappedLevel))
	default:
		out = append(out, w.t.f(plural(unmet, "minimum_cap_unused"), unmet, o.MinimumCap))
	}
	return out
}

// plural picks key + "_one" for a count of one.
func plural(n int, key string) string {
	if n == 1 {
		return key + "_one"
	}
	return key
}

// certaintySentence says how sure the overall score is: respondents,
// interval, confidence, and that a round of one respondent shows that
// person's answers.
func (w words) certaintySentence() string {
	o := w.res.Overall
	conf := w.t["confidence_"+string(o.Confidence)]
	var s string
	if o.Interval != nil {
		s = w.t.f("certainty", o.Respondents, w.interval(o.Interval), w.percent(o.DontKnowShare), conf)
	} else {
		s = w.t.f(plural(o.Respondents, "certainty_no_interval"), o.Respondents, w.percent(o.DontKnowShare), conf)
	}
	if o.Confidence == scoring.ConfidenceLow {
		s += " " + w.t["certainty_low"]
	}
	if w.res.Respondents == 1 {
		s += " " + w.t["one_respondent"]
	}
	return s + " " + w.disagreementCount()
}

// disagreementCount says on how many questions the team's answers lie far
// apart, so that the summary says how far the team agrees.
func (w words) disagreementCount() string {
	shown, hidden := w.flagged()
	n, spread := len(shown)+hidden, w.q.Rules.ConsensusSpread
	if n == 0 {
		return w.t.f("certainty_agree", spread)
	}
	return w.t.f(plural(n, "certainty_disagree"), n, len(w.q.Questions()), spread)
}

// previous is the round the change is measured against: the one the
// result's Change names, else the last earlier round; nil without one.
func (w words) previous() *Round {
	if c := w.res.Overall.Change; c != nil {
		for i := range w.in.Previous {
			if w.in.Previous[i].Label == c.Round {
				return &w.in.Previous[i]
			}
		}
	}
	if n := len(w.in.Previous); n > 0 {
		return &w.in.Previous[n-1]
	}
	return nil
}

// changeSentence says how the overall score moved since the previous round,
// always with its direction (and the margin where there is one).
func (w words) changeSentence() string {
	c := w.res.Overall.Change
	if c == nil {
		if prev := w.previous(); prev != nil {
			return w.t.f("change_none", prev.Label)
		}
		return w.t["first_round"]
	}
	now := w.num(w.res.Overall.Score)
	var s string
	if c.Margin == nil {
		s = w.t.f("change_uncertain", c.Round, w.score(c.Earlier), now, w.delta(c))
	} else {
		s = w.t.f("change_"+string(c.Direction), c.Round, w.score(c.Earlier), now, w.delta(c), w.margin(c))
	}
	if prev := w.previous(); prev != nil && prev.Label == c.Round && prev.Result.Overall.Level > 0 {
		s += " " + w.t.f("change_level", prev.Result.Overall.Level, w.res.Overall.Level)
	}
	if first := w.sinceFirst(); first != "" {
		s += " " + first
	}
	return s
}

// sinceFirst says how the overall score moved since the department's
// first round, with its direction and margin; "" when the previous round
// is the first (the sentence before already says it) or there is none.
func (w words) sinceFirst() string {
	c := w.in.SinceFirst
	if c == nil || len(w.in.Previous) < 2 {
		return ""
	}
	first := w.in.Previous[0]
	now := w.num(w.res.Overall.Score)
	var s string
	if c.Margin == nil {
		s = w.t.f("change_first_uncertain", first.Label, w.score(c.Earlier), now, w.delta(c))
	} else {
		s = w.t.f("change_first", first.Label, w.score(c.Earlier), now, w.delta(c), w.margin(c), w.t["direction_"+string(c.Direction)])
	}
	if first.Result.Overall.Level > 0 {
		s += " " + w.t.f("change_level", first.Result.Overall.Level, w.res.Overall.Level)
	}
	return s
}

// changeCell is a dimension's change in a table cell: Δ, margin and
// direction, or a dash without an earlier score.
func (w words) changeCell(c *scoring.Change) string {
	if c == nil {
		return "–"
	}
	dir := w.t["direction_"+string(c.Direction)]
	if c.Margin == nil {
		return w.delta(c) + " " + dir
	}
	return fmt.Sprintf("%s (±%s) %s", w.delta(c), w.margin(c), dir)
}

// step names a dimension's move from its level to the next.
func (w words) step(d *questionnaire.Dimension, level int) string {
	return w.t.f("step", d.Name.In(w.lang()), level, level+1)
}

// actions are the first n recommendations (all when n is 0), each with why
// it comes where it does.
func (w words) actions(n int) []action {
	var out []action
	for i, rec := range w.res.Recommendations {
		if n > 0 && i == n {
			break
		}
		out = append(out, w.action(rec))
	}
	return out
}

func (w words) action(rec scoring.Recommendation) action {
	d := w.q.Dimension(rec.Dimension)
	r := w.dimension(rec.Dimension)
	switch rec.Kind {
	case scoring.FromMinimum:
		qu := w.q.Question(rec.Question)
		basis := qu.Minimum.Basis.In(w.lang())
		why := w.t.f("why_minimum", basis, qu.Minimum.Level)
		if x := w.question(rec.Question); x.Visible {
			why += " " + w.t.f("why_minimum_score", w.num(x.Score))
		}
		return action{Title: fmt.Sprintf("%s (%s)", qu.Text.In(w.lang()), basis), Why: why, Text: qu.Minimum.Action.In(w.lang())}
	case scoring.FromStage:
		return action{Title: w.step(d, rec.Level), Why: w.t.f("why_stage", w.num(r.Score), w.score(w.res.Stage.StageLevel)), Text: d.Recommendations[rec.Level].In(w.lang())}
	case scoring.FromFoundation:
		return action{Title: w.step(d, rec.Level), Why: w.t.f("why_foundation", d.Group.Name.In(w.lang())), Text: d.Recommendations[rec.Level].In(w.lang())}
	}
	return action{Title: w.step(d, rec.Level), Why: w.t.f(plural(rec.Gap, "why_gap"), rec.Gap, r.Target), Text: d.Recommendations[rec.Level].In(w.lang())}
}

// groupRows are the dimension rows of a group's table.
func (w words) groupRows(g *questionnaire.Group) [][]string {
	var rows [][]string
	for _, d := range g.Dimensions {
		r := w.dimension(d.ID)
		gap := "–"
		if r.Score != nil {
			gap = fmt.Sprint(r.Gap)
		}
		rows = append(rows, []string{d.Name.In(w.lang()), w.num(r.Score), w.interval(r.Interval), w.levelName(r.Level), fmt.Sprint(r.Target), gap,
			w.changeCell(r.Change), w.t["confidence_"+string(r.Confidence)]})
	}
	return rows
}

func (w words) groupHeader() []string {
	return []string{w.t["col_dimension"], w.t["col_score"], w.t["col_interval"], w.t["col_level"], w.t["col_target"], w.t["col_gap"], w.t["col_change"], w.t["col_confidence"]}
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

func (w words) question(id string) scoring.QuestionResult {
	for _, x := range w.res.Questions {
		if x.ID == id {
			return x
		}
	}
	return scoring.QuestionResult{}
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
	return []string{w.t["col_dimension"], w.t["col_respondents"], w.t["col_n"], w.t["col_dont_know"], w.t["col_half_width"], w.t["col_interval"], w.t["col_confidence"]}
}

// confidenceRows are the overall score's estimate, then every dimension's.
// The overall row has no answer count of its own: its answers are the
// dimensions' below it.
func (w words) confidenceRows() [][]string {
	row := func(name string, e scoring.Estimate, answered, dontKnow string) []string {
		return []string{name, fmt.Sprint(e.Respondents), answered, dontKnow, w.halfWidth(e.HalfWidth), w.interval(e.Interval), w.t["confidence_"+string(e.Confidence)]}
	}
	rows := [][]string{row(w.t["overall"], w.res.Overall.Estimate, "–", w.percent(w.res.Overall.DontKnowShare))}
	for _, d := range w.res.Dimensions {
		share := "–"
		if d.Answered+d.DontKnow > 0 {
			share = fmt.Sprintf("%d (%s)", d.DontKnow, w.percent(d.DontKnowShare))
		}
		rows = append(rows, row(w.name(d.ID), d.Estimate, fmt.Sprint(d.Answered), share))
	}
	return rows
}

// groupLevel says where a group stands and what that level means.
func (w words) groupLevel(g scoring.GroupResult) string {
	if g.Score == nil {
		return ""
	}
	return w.t.f("group_level", g.Level, w.q.LevelName(g.Level, w.lang()), w.num(g.Score)) + " " + w.t[fmt.Sprintf("level_meaning_%d", g.Level)]
}

// roundLabel is the round's label, marked provisional while it is open.
func (w words) roundLabel() string {
	if w.in.Round.Provisional {
		return w.t.f("round_provisional", w.in.Round.Label)
	}
	return w.in.Round.Label
}

// headerRound is the running header's part after the department's name:
// the round (marked provisional while open) and its date.
func (w words) headerRound() string {
	return " · " + w.t["round"] + " " + w.roundLabel() + " · " + w.date(w.in.Round.Date)
}

// questionnaireName names the questionnaire by its title and version, for
// the running header and the HTML's footer.
func (w words) questionnaireName() string {
	return w.t.f("questionnaire_version", w.q.Title.In(w.lang()), w.q.Version)
}

// documentTitle is a report's title, followed by a name only when there
// is one, so that no title ends in a dangling dash.
func documentTitle(title, name string) string {
	if name = strings.TrimSpace(name); name == "" {
		return title
	}
	return title + " — " + name
}

// stepStatus is a stage's status on the ladder, in words.
func (w words) stepStatus(i int, dimension string) string {
	st := w.res.Stage
	switch {
	case i < st.ReachedIndex:
		return w.t["reached"]
	case dimension == st.BlockedBy:
		return w.t["blocks"]
	}
	return w.t["not_yet"]
}

// facts are the cover's label–value pairs.
func (w words) facts(date string) [][2]string {
	r := w.in.Round
	return [][2]string{
		{w.t["round"], w.roundLabel()},
		{w.t["date"], date},
		{w.t["respondents"], fmt.Sprint(r.Respondents)},
		{w.t["mode"], w.t["mode_"+r.Mode]},
		{w.t["questionnaire"], w.questionnaireName()},
	}
}
