package tui

import (
	"fmt"
	"github.com/maturity-nl/maturity/internal/locale"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
)

// The results screen and the text of maturity results say the same things
// in the same words: the helpers below write each of them once.

// levelText is a level with its name, or a dash for none.
func levelText(q *questionnaire.Questionnaire, level int, lang string) string {
	if level == 0 {
		return "–"
	}
	if name := q.LevelName(level, lang); name != "" {
		return fmt.Sprintf("%d %s", level, name)
	}
	return fmt.Sprint(level)
}

// estimateText is a score with its interval and confidence:
// "score 2,9 [2,4–3,3] · zekerheid middel".
func estimateText(score *float64, e scoring.Estimate, t texts, lang string) string {
	s := t["score"] + " " + scoreText(score, lang)
	if e.Interval != nil {
		s += " " + intervalText(e.Interval, lang)
	} else if score != nil {
		s += " (" + t["no interval"] + ")"
	}
	return s + " · " + t["confidence"] + " " + t["conf "+string(e.Confidence)]
}

// capLines say which caps lowered the maturity level, and from what.
func capLines(q *questionnaire.Questionnaire, r scoring.Result, t texts, lang string) []string {
	o := r.Overall
	var out []string
	if o.Capped {
		// The groups that cap stand at the level one below the cap.
		names := strings.Join(q.GroupNames(o.CappedBy, lang), ", ")
		out = append(out, fmt.Sprintf(t["capped"], names, o.Cap-1, o.Cap))
	}
	if o.MinimumCapped {
		unmet := 0
		for _, m := range r.Minimums {
			if m.Status == scoring.MinimumUnmet {
				unmet++
			}
		}
		if unmet == 1 {
			out = append(out, fmt.Sprintf(t["minimum capped one"], o.MinimumCap))
		} else {
			out = append(out, fmt.Sprintf(t["minimum capped"], unmet, o.MinimumCap))
		}
	}
	if len(out) > 0 {
		out = append(out, fmt.Sprintf(t["uncapped"], o.UncappedLevel))
	}
	return out
}

// changeText is a change with its margin and direction, never a bare
// difference: "+0,4 (marge 0,3): verbeterd". The difference is that of the
// shown scores, so that it adds up from what the reader sees.
func changeText(c *scoring.Change, t texts, lang string) string {
	dir := t["dir "+string(c.Direction)]
	delta := locale.Delta(c.Earlier, c.Earlier+c.Delta, lang)
	if c.Margin == nil {
		return delta + ": " + dir
	}
	return fmt.Sprintf("%s (%s %s): %s", delta, t["margin"], locale.Margin(*c.Margin, lang), dir)
}

// changeMark is a change's direction as one mark, for a table row.
func changeMark(c *scoring.Change) string {
	if c == nil {
		return " "
	}
	switch c.Direction {
	case scoring.Improvement:
		return "↑"
	case scoring.Decline:
		return "↓"
	case scoring.Unchanged:
		return "="
	}
	return "?"
}

// earlierRound is the round the result's changes compare with, "" when
// there is none.
func earlierRound(r scoring.Result) string {
	if r.Overall.Change != nil {
		return r.Overall.Change.Round
	}
	for _, d := range r.Dimensions {
		if d.Change != nil {
			return d.Change.Round
		}
	}
	return ""
}

// questionResult finds a question's figures in the result.
func questionResult(r scoring.Result, id string) scoring.QuestionResult {
	for _, x := range r.Questions {
		if x.ID == id {
			return x
		}
	}
	return scoring.QuestionResult{ID: id}
}

// minimumText is one legal minimum: its question, the law or norm, the
// level it requires, and the score where people may see it.
func minimumText(q *questionnaire.Questionnaire, r scoring.Result, m scoring.MinimumResult, t texts, lang string) string {
	qu := q.Question(m.Question)
	text := qu.Text.In(lang)
	if qu.Minimum != nil {
		if b := qu.Minimum.Basis.In(lang); b != "" {
			text = b + ": " + text
		}
	}
	facts := fmt.Sprintf(t["requires"], m.Level)
	if m.Score != nil && questionResult(r, m.Question).Visible {
		facts = t["score"] + " " + scoreText(m.Score, lang) + ", " + facts
	}
	return text + " (" + facts + ")"
}

// minimumMark is a minimum's status as a mark and a word.
func minimumMark(s scoring.MinimumStatus, t texts) string {
	switch s {
	case scoring.MinimumMet:
		return "✓ " + t["min met"]
	case scoring.MinimumUnmet:
		return "✗ " + t["min unmet"]
	}
	return "? " + t["min unknown"]
}

// recommendationText is one step of what to do first, with why it is
// there: an unmet minimum's question and action, or a dimension's text
// for getting from its level to the next. A minimum's question level is
// a question-level figure: shown only where the anonymity rule allows.
func recommendationText(q *questionnaire.Questionnaire, r scoring.Result, rec scoring.Recommendation, t texts, lang string) string {
	kind := t["kind "+string(rec.Kind)]
	if rec.Kind == scoring.FromMinimum {
		qu := q.Question(rec.Question)
		facts := fmt.Sprintf(t["requires"], rec.Level+rec.Gap)
		if questionResult(r, rec.Question).Visible {
			facts = fmt.Sprintf("%s %d, %s", t["level"], rec.Level, facts)
		}
		text := fmt.Sprintf("%s: %s (%s)", kind, qu.Text.In(lang), facts)
		if qu.Minimum != nil {
			if a := qu.Minimum.Action.In(lang); a != "" {
				text += ": " + a
			}
		}
		return text
	}
	d := q.Dimension(rec.Dimension)
	text := fmt.Sprintf("%s: %s (%s %d → %d)", kind, d.Name.In(lang), t["level"], rec.Level, rec.Level+1)
	if s := d.Recommendations[rec.Level].In(lang); s != "" {
		text += ": " + s
	}
	return text
}

// discussText is one question to discuss, with the levels its answers
// span, its score and how many answered.
func discussText(q *questionnaire.Questionnaire, x scoring.QuestionResult, t texts, lang string) string {
	return fmt.Sprintf("[%s] %s  (%s %d–%d, %s %s, n=%d)", x.ID, q.Question(x.ID).Text.In(lang), t["levels"], *x.Min, *x.Max,
		t["score"], scoreText(x.Score, lang), x.N)
}

// hiddenText says how many diverging questions the anonymity rule hides.
func hiddenText(q *questionnaire.Questionnaire, hidden int, t texts) string {
	if hidden == 1 {
		return fmt.Sprintf(t["discuss hidden one"], q.Rules.AnonymityThreshold)
	}
	return fmt.Sprintf(t["discuss hidden"], hidden, q.Rules.AnonymityThreshold)
}

// The recommendations the summary shows.
const firstRecommendations = 3

// axisWidth is the width of a bar on the level scale 1–5 with cells cells
// per level: one cell for each level mark and the cells between.
func axisWidth(cells int) int { return 4*cells + 1 }

// bar draws a score on the level scale 1–5, cells cells per level: level k
// sits at cell (k−1)·cells, filled up to the score, the target level marked.
func bar(st Styles, score *float64, target, cells int) string {
	width := axisWidth(cells)
	filled := 0
	if score != nil {
		filled = int((*score-1)*float64(cells)+1e-9) + 1
	}
	mark := (target - 1) * cells
	var b strings.Builder
	for i := 0; i < width; i++ {
		switch {
		case target > 0 && i == mark:
			b.WriteString(st.BarTarget.Render("▏"))
		case i < filled:
			b.WriteString(st.BarFull.Render("█"))
		default:
			b.WriteString(st.BarEmpty.Render("░"))
		}
	}
	return b.String()
}

// axis labels the levels 1–5 above bars of the same cells.
func axis(cells int) string {
	b := []byte(strings.Repeat(" ", axisWidth(cells)))
	for k := 1; k <= 5; k++ {
		b[(k-1)*cells] = byte('0' + k)
	}
	return string(b)
}

// renderResult is the results screen: the maturity level with its
// interval, confidence, caps and change; the ladder; a bar per dimension;
// the legal minimums; and what to do first.
func renderResult(r scoring.Result, s Session, st Styles, t texts, width int) string {
	q, lang := s.Questionnaire, s.Lang
	out := resultLines(r, s, st, t, width)
	add := func(lines ...string) { out = append(out, lines...) }
	if r.Overall.Score == nil {
		return strings.Join(out, "\n")
	}
	if len(r.Recommendations) > 0 {
		add("", st.Header.Render(t["first"]))
		for i, rec := range r.Recommendations {
			if i == firstRecommendations {
				break
			}
			add(hang(fmt.Sprintf("  %d. ", i+1), recommendationText(q, r, rec, t, lang), width)...)
		}
	}
	if s.ReportHint != "" {
		add("", st.Muted.Render(ansi.Truncate(fmt.Sprintf(t["report hint"], s.ReportHint), width, "…")))
	}
	return strings.Join(out, "\n")
}

// resultLines are the results screen down to the legal minimums: the
// title, whose answers they are, the maturity level with its interval,
// confidence, caps and change, the ladder, the dimensions and the minimums.
func resultLines(r scoring.Result, s Session, st Styles, t texts, width int) []string {
	q, lang := s.Questionnaire, s.Lang
	var out []string
	add := func(lines ...string) { out = append(out, lines...) }
	who := t["respondents"]
	if r.Respondents == 1 {
		who = t["respondent"]
	}
	add(st.Title.Render(ansi.Truncate(fmt.Sprintf("%s — %s, %s %s (%d %s)", t["results"], Printable(s.Department), t["round"], Printable(s.Round), r.Respondents, who), width, "…")))
	// A participant must never take their own result for the group's.
	switch s.Scope {
	case ScopeOwn:
		for _, l := range hang("", t["scope own"], width) {
			add(st.Warn.Render(l))
		}
	case ScopeGroup:
		add(hang("", t["scope group"], width)...)
	}
	add("")
	if r.Overall.Score == nil {
		add(t["none yet"])
		return out
	}
	add(st.Header.Render(fmt.Sprintf("%s: %s %s", t["maturity"], t["level"], levelText(q, r.Overall.Level, lang))))
	add(hang("  ", estimateText(r.Overall.Score, r.Overall.Estimate, t, lang), width)...)
	caps := capLines(q, r, t, lang)
	for _, l := range caps {
		for _, x := range hang("  ", l, width) {
			add(st.Warn.Render(x))
		}
	}
	if len(caps) == 0 && r.Overall.Cap > 0 {
		add("  " + st.Muted.Render(t["not capped"]))
	}
	if c := r.Overall.Change; c != nil {
		add(hang("  ", fmt.Sprintf(t["change"], Printable(c.Round), changeText(c, t, lang)), width)...)
	}
	if r.Stage.Applicable {
		add("", st.Header.Render(t["stage"]))
		var steps []string
		for i, step := range r.Stage.Steps {
			name := q.Dimension(step.Dimension).Name.In(lang)
			switch {
			case step.Dimension == r.Stage.BlockedBy:
				steps = append(steps, st.Warn.Render(name+" ✗"))
			case i < r.Stage.ReachedIndex:
				steps = append(steps, st.Good.Render(name+" ✓"))
			default:
				steps = append(steps, st.Muted.Render(name))
			}
		}
		add(hang("  ", strings.Join(steps, " → "), width)...)
		if r.Stage.BlockedBy != "" {
			add(hang("  ", fmt.Sprintf(t["blocked"], q.Dimension(r.Stage.BlockedBy).Name.In(lang))+st.Muted.Render("  ("+fmt.Sprintf(t["stage level"], rule(r.Stage.StageLevel, lang))+")"), width)...)
		} else {
			add("  " + t["all stages"])
		}
	}
	add("", st.Header.Render(ansi.Truncate(t["dimensions"], width, "…")))
	out = append(out, dimensionRows(r, s, st, t, width)...)
	if len(r.Minimums) > 0 {
		head := t["minimums"]
		if q.Rules.MinimumCap > 0 {
			head += " — " + fmt.Sprintf(t["minimums cap"], q.Rules.MinimumCap)
		}
		add("", st.Header.Render(ansi.Truncate(head, width, "…")))
		for _, m := range r.Minimums {
			mark := minimumMark(m.Status, t)
			lines := hang("  "+mark+"  ", minimumText(q, r, m, t, lang), width)
			if m.Status != scoring.MinimumMet {
				for i := range lines {
					lines[i] = st.Warn.Render(lines[i])
				}
			}
			add(lines...)
		}
	}
	return out
}

// dimensionRows are the dimensions as bars on the level scale under an
// axis 1–5, each with score, level, target, interval, confidence and the
// direction of its change, and a legend for the marks.
func dimensionRows(r scoring.Result, s Session, st Styles, t texts, width int) []string {
	q, lang := s.Questionnaire, s.Lang
	nameWidth := 0
	for _, d := range q.Dimensions() {
		nameWidth = max(nameWidth, ansi.StringWidth(d.Name.In(lang)))
	}
	nameWidth = min(nameWidth, max(12, width/3))
	confWidth := 0
	for _, c := range []scoring.Confidence{scoring.ConfidenceNone, scoring.ConfidenceLow, scoring.ConfidenceMedium, scoring.ConfidenceHigh} {
		confWidth = max(confWidth, ansi.StringWidth(t["conf "+string(c)]))
	}
	changed := earlierRound(r)
	// A row: "  name  bar  2,9  2 ▏4", then "  [2,4–3,3]" where there is
	// room and an interval, "  middel", and "  ↑" after an earlier round.
	const intervalWidth = 9
	fixed := 2 + nameWidth + 2 + 2 + 3 + 2 + 1 + 2 + 1 + 2 + confWidth
	if changed != "" {
		fixed += 3
	}
	withInterval := width-fixed-2-intervalWidth >= axisWidth(2) &&
		slices.ContainsFunc(r.Dimensions, func(d scoring.DimensionResult) bool { return d.Interval != nil })
	room := width - fixed
	if withInterval {
		room -= 2 + intervalWidth
	}
	cells := max(1, min(6, (room-1)/4))
	out := []string{st.Muted.Render(fmt.Sprintf("  %s  %s", strings.Repeat(" ", nameWidth), axis(cells)))}
	for _, d := range r.Dimensions {
		name := ansi.Truncate(q.Dimension(d.ID).Name.In(lang), nameWidth, "…")
		level := " "
		if d.Score != nil {
			level = fmt.Sprint(d.Level)
		}
		row := fmt.Sprintf("  %s%s  %s  %3s  %s ▏%d", name, strings.Repeat(" ", nameWidth-ansi.StringWidth(name)), bar(st, d.Score, d.Target, cells),
			scoreText(d.Score, lang), level, d.Target)
		if withInterval {
			row += fmt.Sprintf("  %-*s", intervalWidth, intervalText(d.Interval, lang))
		}
		conf := t["conf "+string(d.Confidence)]
		row += "  " + conf + strings.Repeat(" ", confWidth-ansi.StringWidth(conf))
		if changed != "" {
			row += "  " + changeMark(d.Change)
		}
		out = append(out, strings.TrimRight(ansi.Truncate(row, width, "…"), " "))
	}
	if changed != "" {
		for _, l := range hang("  ", fmt.Sprintf(t["change legend"], changed), width) {
			out = append(out, st.Muted.Render(l))
		}
	}
	return out
}

// PastRound is one round of a department, scored against the file it was
// answered on, its changes set against the round before it on the same
// questionnaire.
type PastRound struct {
	ID            int64
	Department    string
	Label         string
	Open          bool // still collecting answers: the figures are provisional
	Questionnaire *questionnaire.Questionnaire
	Result        scoring.Result
}

// resultsPage is the results screen of a department: a round chosen from
// its rounds, the trend over them, the result with its legal minimums and
// disagreement, and every recommendation, one of them selected to become
// an action. It scrolls, with a mark where lines are cut off.
type resultsPage struct {
	rounds []PastRound // oldest first
	lang   string      // the language shown: the app's, where the questionnaire has it
	sel    int         // the round shown
	rec    int         // the selected recommendation
	off    int         // the first line of the body shown
	// form asks where a report goes (formKind "pdf" or "html") or what an
	// action is ("action"); nil while the result shows.
	form     *askForm
	formKind string
	busy     bool // a report is being written
	last     bool // leaving ends the program (maturity assess)
	msg      string
	err      error
}

// round is the round on screen.
func (p resultsPage) round() PastRound { return p.rounds[p.sel] }

// session is what the result's helpers need of the round.
func (p resultsPage) session(lang string) Session {
	r := p.round()
	return Session{Questionnaire: r.Questionnaire, Lang: lang, Department: r.Department, Round: r.Label}
}

// body is the results screen's scrolling part at width, and the range of
// lines of the selected recommendation.
func (p resultsPage) body(lang string, st Styles, t texts, width int) ([]string, [2]int) {
	r := p.round()
	q, res := r.Questionnaire, r.Result
	w := min(width, readableWidth)
	head := resultLines(res, p.session(lang), st, t, w)
	out := []string{head[0]}
	if r.Open {
		for _, l := range hang("", fmt.Sprintf(t["provisional"], Printable(r.Label)), w) {
			out = append(out, st.Warn.Render(l))
		}
	}
	// The rounds, oldest first: the trend, and the choice of round.
	out = append(out, "", st.Header.Render(ansi.Truncate(t["results rounds"], width, "…")))
	for i, x := range p.rounds {
		lead := "  "
		if i == p.sel {
			lead = "› "
		}
		facts := t["score"] + " " + scoreText(x.Result.Overall.Score, lang)
		if x.Result.Overall.Score != nil {
			facts += " · " + t["level"] + " " + fmt.Sprint(x.Result.Overall.Level)
		}
		if c := x.Result.Overall.Change; c != nil {
			facts += " · " + changeText(c, t, lang)
		}
		if x.Open {
			facts += " · " + t["provisional short"]
		}
		lines := hang(lead+Printable(x.Label)+"  ", facts, w)
		if i == p.sel {
			for j := range lines {
				lines[j] = st.Cursor.Render(lines[j])
			}
		}
		out = append(out, lines...)
	}
	out = append(out, head[1:]...)
	keep := [2]int{-1, -1}
	if res.Overall.Score == nil {
		return out, keep
	}
	// Where the team disagrees, under the anonymity rule.
	shown, hidden := res.ToDiscuss()
	out = append(out, "", st.Header.Render(ansi.Truncate(fmt.Sprintf(t["discuss"], q.Rules.ConsensusSpread), width, "…")))
	for _, x := range shown {
		out = append(out, hang("  ", discussText(q, x, t, lang), w)...)
	}
	if hidden > 0 {
		out = append(out, hang("  ", hiddenText(q, hidden, t), w)...)
	}
	if len(shown) == 0 && hidden == 0 {
		out = append(out, "  "+t["discuss none"])
	}
	out = append(out, "", st.Header.Render(ansi.Truncate(t["first all"], width, "…")))
	if len(res.Recommendations) == 0 {
		out = append(out, hang("  ", t["no recommendations"], w)...)
	}
	for i, rec := range res.Recommendations {
		lead := fmt.Sprintf("  %d. ", i+1)
		if i == p.rec {
			lead = fmt.Sprintf("› %d. ", i+1)
			keep[0] = len(out)
		}
		lines := hang(lead, recommendationText(q, res, rec, t, lang), w)
		if i == p.rec {
			for j := range lines {
				lines[j] = st.Cursor.Render(lines[j])
			}
			keep[1] = len(out) + len(lines) - 1
		}
		out = append(out, lines...)
	}
	return out, keep
}

// footer is the message of the last thing done and the keys, wrapped.
func (p resultsPage) footer(st Styles, t texts, width int) []string {
	out := []string{}
	switch {
	case p.busy:
		out = append(out, st.Muted.Render(ansi.Truncate(t["report writing"], width, "…")))
	case p.err != nil:
		out = append(out, st.Error.Render(ansi.Truncate(p.err.Error(), width, "…")))
	case p.msg != "":
		out = append(out, st.Good.Render(ansi.Truncate(p.msg, width, "…")))
	}
	keys := t["results page keys"]
	if p.last {
		keys = t["results page keys last"]
	}
	if p.form != nil {
		keys = t["ask keys"]
	}
	for _, l := range hang("", keys, width) {
		out = append(out, st.Muted.Render(l))
	}
	return out
}

// scrolled moves the first line shown by d lines, or to keep the selected
// recommendation in view when keep is set, within the body's length.
func (p resultsPage) scrolled(d int, keep bool, lang string, st Styles, t texts, width, height int) resultsPage {
	body, rec := p.body(lang, st, t, width)
	room := height - len(p.footer(st, t, width))
	if !keep {
		rec = [2]int{-1, -1}
	}
	_, p.off = window(body, max(0, p.off+d), room, rec[0], rec[1], t, st)
	return p
}

// view draws the results screen in width × height.
func (p resultsPage) view(st Styles, width, height int) string {
	lang, t := p.lang, textsFor(p.lang)
	foot := p.footer(st, t, width)
	room := height - len(foot)
	var shown []string
	if p.form != nil {
		title := st.Title.Render(ansi.Truncate(fmt.Sprintf("%s — %s, %s %s", t["results"], Printable(p.round().Department), t["round"], Printable(p.round().Label)), width, "…"))
		lines, keep := p.form.view(st, width)
		shown, _ = window(append([]string{title, ""}, lines...), 0, room, keep[0]+2, keep[1]+2, t, st)
	} else {
		body, _ := p.body(lang, st, t, width)
		shown, _ = window(body, p.off, room, -1, -1, t, st)
	}
	return strings.Join(clip(append(shown, foot...), width, height), "\n")
}
