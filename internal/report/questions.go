package report

import (
	"fmt"

	"github.com/maturity-nl/maturity/internal/scoring"
)

// The figures of single questions: the disagreement list, the re-vote
// table and the appendix's table of every question. Each shows a question's
// figures only where scoring marks it Visible: from the anonymity threshold
// of scored answers on, or in a round of exactly one respondent.

// flagged is the round's questions to discuss (scoring's ToDiscuss).
func (w words) flagged() (shown []scoring.QuestionResult, hidden int) { return w.res.ToDiscuss() }

// disagreementSentence introduces the disagreement section.
func (w words) disagreementSentence() string {
	shown, hidden := w.flagged()
	spread, threshold := w.q.Rules.ConsensusSpread, w.q.Rules.AnonymityThreshold
	switch {
	case len(shown) == 0 && hidden == 0:
		return w.t.f("disagreement_none", spread)
	case len(shown) == 0:
		return w.t.f(plural(hidden, "disagreement_hidden"), hidden, spread, threshold)
	case hidden > 0:
		return w.t.f("disagreement_intro", spread) + " " + w.t.f(plural(w.distributionScale(), "distribution_scale"), w.distributionScale()) + " " + w.t.f(plural(hidden, "disagreement_also_hidden"), hidden, threshold)
	}
	return w.t.f("disagreement_intro", spread) + " " + w.t.f(plural(w.distributionScale(), "distribution_scale"), w.distributionScale())
}

// distributionRow is one bar of a question's distribution: a level 1–5
// with its answer option, or don't know or not applicable (Level 0, drawn
// in the colour of "no score").
type distributionRow struct {
	Label string
	Level int
	Count int
}

// distributionRows are the bars of a Visible question: each level with its
// option, then don't know and not applicable.
func (w words) distributionRows(x scoring.QuestionResult) []distributionRow {
	q := w.q.Question(x.ID)
	var rows []distributionRow
	for i, c := range x.Counts {
		rows = append(rows, distributionRow{Label: fmt.Sprintf("%d  %s", i+1, q.Options[i].In(w.lang())), Level: i + 1, Count: c})
	}
	return append(rows, distributionRow{Label: w.t["answer_dk"], Count: x.DontKnow}, distributionRow{Label: w.t["answer_na"], Count: x.NotApplicable})
}

// distributionScale is the count a full bar stands for, the same for every
// question: the round's respondents, so that 9 and 11 answers look as
// different as they are.
func (w words) distributionScale() int { return max(1, w.res.Respondents) }

// distributionSummary is the line under a question's distribution.
func (w words) distributionSummary(x scoring.QuestionResult) string {
	return w.t.f("distribution_summary", w.num(x.Score), w.num(x.Median), x.N, x.DontKnow)
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
// answers, only where both may be shown.
func (w words) revoteRows() [][]string {
	var rows [][]string
	for _, r := range w.res.Revotes {
		if !r.Before.Visible || !r.After.Visible || r.Before.Spread == nil || r.After.Spread == nil {
			continue
		}
		rows = append(rows, []string{w.q.Question(r.Question).Text.In(w.lang()),
			fmt.Sprint(*r.Before.Spread), fmt.Sprint(*r.After.Spread), w.num(r.Before.Score), w.num(r.After.Score)})
	}
	return rows
}

func (w words) questionHeader() []string {
	return []string{w.t["col_question"], w.t["col_score"], w.t["col_median"], w.t["col_range"], w.t["col_n"], w.t["col_dont_know"], w.t["col_na"]}
}

// questionRows are every question with its figures where the anonymity
// rule allows them; a hidden question shows only that it has fewer answers
// than the threshold.
func (w words) questionRows() [][]string {
	var rows [][]string
	for _, x := range w.res.Questions {
		label := w.q.Question(x.ID).Text.In(w.lang())
		if !x.Visible {
			rows = append(rows, []string{label, "–", "–", "–", fmt.Sprintf("< %d", w.q.Rules.AnonymityThreshold), "–", "–"})
			continue
		}
		lohi := "–"
		if x.Min != nil {
			lohi = fmt.Sprintf("%d–%d", *x.Min, *x.Max)
		}
		rows = append(rows, []string{label, w.num(x.Score), w.num(x.Median), lohi, fmt.Sprint(x.N), fmt.Sprint(x.DontKnow), fmt.Sprint(x.NotApplicable)})
	}
	return rows
}

// questionsSentence introduces the table of every question.
func (w words) questionsSentence() string {
	if w.res.Respondents == 1 {
		return w.t["all_questions_one"]
	}
	return w.t.f("all_questions_intro", w.q.Rules.AnonymityThreshold)
}
