package tui

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
)

// Round is what the text of a result says about its round, beside the
// result itself.
type Round struct {
	Department string
	Label      string
	// Workshop says the round was a workshop, else a self-assessment.
	Workshop bool
	// Closed is when the round closed; zero while it is open.
	Closed time.Time
}

// WriteResult writes one round's result as plain text wrapped at width
// columns, in lang: the maturity level with its score, interval,
// confidence, the caps that lowered it and the change since the earlier
// round; the stage; a table of the groups and dimensions; the legal
// minimums; the first recommendations; and the questions to discuss,
// each only where the anonymity rule lets people see it.
func WriteResult(w io.Writer, q *questionnaire.Questionnaire, r scoring.Result, round Round, lang string, width int) error {
	t := textsFor(lang)
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	wrap := func(lead, s string) {
		for _, l := range hang(lead, s, width) {
			line(strings.TrimRight(l, " "))
		}
	}

	state := t["open"]
	if !round.Closed.IsZero() {
		state = fmt.Sprintf(t["closed on"], round.Closed.Format("2006-01-02"))
	}
	mode := t["mode self"]
	if round.Workshop {
		mode = t["mode workshop"]
	}
	who := t["respondents"]
	if r.Respondents == 1 {
		who = t["respondent"]
	}
	wrap("", fmt.Sprintf("%s — %s %s (%s, %s) · %d %s · %s %s %d", Printable(round.Department), t["round"], Printable(round.Label), mode, state,
		r.Respondents, who, q.ID, t["version"], q.Version))
	line("")
	if r.Overall.Score == nil {
		line(t["maturity"] + ": " + t["no answers"])
		_, err := io.WriteString(w, b.String())
		return err
	}

	line(fmt.Sprintf("%s: %s %s", t["maturity"], t["level"], levelText(q, r.Overall.Level, lang)))
	wrap("  ", estimateText(r.Overall.Score, r.Overall.Estimate, t, lang))
	caps := capLines(q, r, t, lang)
	for _, l := range caps {
		wrap("  ", l)
	}
	if len(caps) == 0 && r.Overall.Cap > 0 {
		wrap("  ", t["not capped"])
	}
	if c := r.Overall.Change; c != nil {
		wrap("  ", fmt.Sprintf(t["change"], Printable(c.Round), changeText(c, t, lang)))
	}
	if r.Stage.Applicable {
		stage := t["stage none"]
		if r.Stage.Reached != "" {
			stage = q.Dimension(r.Stage.Reached).Name.In(lang) + " " + t["reached"]
		}
		if r.Stage.BlockedBy != "" {
			stage += " · " + t["blocked by"] + " " + q.Dimension(r.Stage.BlockedBy).Name.In(lang)
		} else {
			stage = t["all stages"]
		}
		wrap("", fmt.Sprintf("%s: %s (%s)", t["stage"], stage, fmt.Sprintf(t["stage level"], rule(r.Stage.StageLevel, lang))))
	}
	line("")

	writeDimensionTable(&b, q, r, t, lang)
	line("")

	if len(r.Minimums) > 0 {
		head := t["minimums"]
		if q.Rules.MinimumCap > 0 {
			head += " (" + fmt.Sprintf(t["minimums cap"], q.Rules.MinimumCap) + ")"
		}
		line(head + ":")
		for _, m := range r.Minimums {
			wrap("  "+minimumMark(m.Status, t)+"  ", minimumText(q, r, m, t, lang))
		}
		line("")
	}

	if len(r.Recommendations) == 0 {
		line(t["no recommendations"])
	} else {
		line(t["first"] + ":")
		for i, rec := range r.Recommendations {
			if i == firstRecommendations {
				break
			}
			wrap(fmt.Sprintf("  %d. ", i+1), recommendationText(q, r, rec, t, lang))
		}
	}

	shown, hidden := r.ToDiscuss()
	if len(shown) > 0 {
		line("")
		line(fmt.Sprintf(t["discuss"], q.Rules.ConsensusSpread) + ":")
		for _, x := range shown {
			wrap("  ", discussText(q, x, t, lang))
		}
	}
	if hidden > 0 {
		line("")
		wrap("", hiddenText(q, hidden, t))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeDimensionTable writes every group with its dimensions under it:
// score, level, target, gap, interval, confidence, the answers behind the
// score and, after an earlier round, the change.
func writeDimensionTable(b *strings.Builder, q *questionnaire.Questionnaire, r scoring.Result, t texts, lang string) {
	changed := earlierRound(r) != ""
	head := []string{t["col group"], t["col score"], t["col level"], t["col target"], t["col gap"], t["col interval"], t["col confidence"],
		t["col answered"], t["col dk"], t["col na"]}
	if changed {
		head = append(head, t["col change"])
	}
	var table strings.Builder
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
	row := func(cells ...string) { fmt.Fprintln(tw, strings.Join(cells, "\t")) }
	row(head...)
	di := 0
	for gi, g := range q.Groups {
		gr := r.Groups[gi]
		// A group row has every cell, empty ones too, so that the columns
		// of the dimensions under it stay aligned.
		cells := make([]string, len(head))
		cells[0], cells[1], cells[2] = g.Name.In(lang), scoreText(gr.Score, lang), levelText(q, gr.Level, lang)
		row(cells...)
		for range g.Dimensions {
			d := r.Dimensions[di]
			di++
			gap := "–" // no score, no gap
			if d.Score != nil {
				gap = strconv.Itoa(d.Gap)
			}
			interval := intervalText(d.Interval, lang)
			if interval == "" {
				interval = "–"
			}
			cells := []string{"  " + q.Dimension(d.ID).Name.In(lang), scoreText(d.Score, lang), levelText(q, d.Level, lang), strconv.Itoa(d.Target),
				gap, interval, t["conf "+string(d.Confidence)], strconv.Itoa(d.Answered), strconv.Itoa(d.DontKnow), strconv.Itoa(d.NotApplicable)}
			if changed {
				change := "–"
				if d.Change != nil {
					change = changeText(d.Change, t, lang)
				}
				cells = append(cells, change)
			}
			row(cells...)
		}
	}
	tw.Flush()
	for _, l := range strings.SplitAfter(table.String(), "\n") {
		b.WriteString(strings.TrimRight(l, " \n"))
		if strings.HasSuffix(l, "\n") {
			b.WriteString("\n")
		}
	}
}

// OverviewRow is one department on the overview: its latest round, or
// none.
type OverviewRow struct {
	Department string
	// Round is the latest round's label; "" when the department has none.
	Round string
	// Questionnaire is the file the round was answered on; nil without a round.
	Questionnaire *questionnaire.Questionnaire
	Result        scoring.Result
}

// WriteOverview writes one line per department for its latest round:
// respondents, score, maturity level (and whether a cap lowered it),
// stage and confidence.
func WriteOverview(w io.Writer, rows []OverviewRow, lang string) error {
	t := textsFor(lang)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(cells ...string) { fmt.Fprintln(tw, strings.Join(cells, "\t")) }
	row(t["col department"], t["col round"], t["col respondents"], t["col score"], t["col maturity"], t["col stage"], t["col confidence"])
	for _, x := range rows {
		if x.Questionnaire == nil {
			row(Printable(x.Department), "–", "0", "–", t["no assessment"], "–", "–")
			continue
		}
		q, r := x.Questionnaire, x.Result
		mat := levelText(q, r.Overall.Level, lang)
		if r.Overall.Capped || r.Overall.MinimumCapped {
			mat += " (" + t["capped short"] + ")"
		}
		stage := "–"
		if r.Stage.Applicable && r.Stage.Reached != "" {
			stage = q.Dimension(r.Stage.Reached).Name.In(lang)
		}
		row(Printable(x.Department), Printable(x.Round), strconv.Itoa(r.Respondents), scoreText(r.Overall.Score, lang), mat, stage, t["conf "+string(r.Overall.Confidence)])
	}
	return tw.Flush()
}
