package report

import (
	"fmt"
	"strings"

	"github.com/maturity-nl/maturity/internal/scoring"
)

// The legal minimums: the level the law or a binding norm requires of a
// question. They are never averaged away: the summary counts them and
// names the unmet ones, and a section of their own lists each.

// minimumRow is one legal minimum as the report lists it.
type minimumRow struct {
	Question, Level, Score, Status, Basis, Action string
	// Unmet marks a minimum the department does not meet.
	Unmet bool
}

// minimumCounts tallies the statuses of the result's minimums.
func (w words) minimumCounts() (met, unmet, unknown int) {
	for _, m := range w.res.Minimums {
		switch m.Status {
		case scoring.MinimumMet:
			met++
		case scoring.MinimumUnmet:
			unmet++
		default:
			unknown++
		}
	}
	return met, unmet, unknown
}

// minimumSentence is the summary's status of the legal minimums, naming
// the unmet ones; "" when the questionnaire has none.
func (w words) minimumSentence() string {
	if len(w.res.Minimums) == 0 {
		return ""
	}
	met, unmet, unknown := w.minimumCounts()
	s := w.t.f(plural(len(w.res.Minimums), "minimums_status"), len(w.res.Minimums), met, unmet, unknown)
	var names []string
	for _, m := range w.res.Minimums {
		if m.Status == scoring.MinimumUnmet {
			qu := w.q.Question(m.Question)
			names = append(names, fmt.Sprintf("%s (%s)", qu.Text.In(w.lang()), qu.Minimum.Basis.In(w.lang())))
		}
	}
	if len(names) > 0 {
		s += " " + w.t.f("minimums_unmet", strings.Join(names, "; "))
	}
	if unknown > 0 {
		s += " " + w.t["minimums_unknown"]
	}
	return s
}

// minimumsIntro introduces the section, with the cap the questionnaire sets.
func (w words) minimumsIntro() string {
	s := w.t["minimums_intro"]
	if c := w.q.Rules.MinimumCap; c > 0 {
		return s + " " + w.t.f("minimums_intro_cap", c)
	}
	return s + " " + w.t["minimums_intro_no_cap"]
}

// minimumRows list every legal minimum in questionnaire order. A score is
// shown only where the question's figures may be.
func (w words) minimumRows() []minimumRow {
	var rows []minimumRow
	for _, m := range w.res.Minimums {
		qu := w.q.Question(m.Question)
		score := w.num(m.Score)
		if x := w.question(m.Question); m.Score != nil && !x.Visible {
			score = w.t.f("hidden_score", w.q.Rules.AnonymityThreshold)
		}
		rows = append(rows, minimumRow{
			Question: qu.Text.In(w.lang()), Level: fmt.Sprint(m.Level), Score: score,
			Status: w.t["minimum_"+string(m.Status)], Basis: qu.Minimum.Basis.In(w.lang()), Action: qu.Minimum.Action.In(w.lang()),
			Unmet: m.Status == scoring.MinimumUnmet,
		})
	}
	return rows
}

func (w words) minimumHeader() []string {
	return []string{w.t["col_question"], w.t["col_required"], w.t["col_score"], w.t["col_status"], w.t["col_basis"], w.t["col_action"]}
}

// minimums writes the legal-minimum section: one block per minimum, the
// unmet ones marked by a heavy bar beside their status in words (the
// accent colour means the target level, and no colour stands alone).
func (p *pdf) minimums() {
	rows := p.minimumRows()
	if len(rows) == 0 {
		return
	}
	p.AddPage()
	p.heading(p.t["minimums"], 0)
	p.para(p.minimumsIntro(), 10, "", 0)
	p.Ln(3)
	for _, r := range rows {
		p.room(26)
		y, page := p.GetY(), p.PageNo()
		p.para(r.Question, 10, "B", 4)
		p.ink(muted)
		p.para(fmt.Sprintf("%s: %s · %s: %s · %s: %s", p.t["col_required"], r.Level, p.t["col_score"], r.Score, p.t["col_basis"], r.Basis), 9, "", 4)
		p.ink(ink)
		p.para(p.t["col_status"]+": "+r.Status, 9.5, "B", 4)
		p.ink(ink)
		p.para(p.t["col_action"]+": "+r.Action, 9.5, "", 4)
		// A bar in the margin ties the block together; heavy and dark when
		// unmet.
		c, bar := rule, 1.2
		if r.Unmet {
			c, bar = ink, 2.4
		}
		p.fill(c)
		if p.PageNo() == page && p.GetY() > y {
			p.Rect(margin, y, bar, p.GetY()-y, "F")
		}
		p.Ln(4)
	}
}
