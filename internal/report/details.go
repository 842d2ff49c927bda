package report

import (
	"fmt"
	"strings"

	"github.com/maturity-nl/maturity/internal/scoring"
)

// groups writes a page section per group: its dimensions in a table and
// what to do to reach the next level where there is a gap.
func (p *pdf) groups() {
	dims := map[string]scoring.DimensionResult{}
	for _, d := range p.res.Dimensions {
		dims[d.ID] = d
	}
	for gi, g := range p.q.Groups {
		p.AddPage()
		p.heading(g.Name.In(p.lang()), 0)
		if desc := g.Description.In(p.lang()); desc != "" {
			p.para(desc, 10, "", 0)
			p.Ln(2)
		}
		gr := p.res.Groups[gi]
		if gr.Score != nil {
			p.para(p.t.f("group_level", gr.Level, p.q.LevelName(gr.Level, p.lang()), *gr.Score), 10.5, "B", 0)
			p.Ln(2)
		}
		var rows [][]string
		for _, d := range g.Dimensions {
			r := dims[d.ID]
			level, gap := "–", "–"
			if r.Score != nil {
				level = fmt.Sprintf("%d %s", r.Level, p.q.LevelName(r.Level, p.lang()))
				gap = fmt.Sprint(r.Gap)
			}
			rows = append(rows, []string{d.Name.In(p.lang()), score(r.Score), level, fmt.Sprint(r.Target), gap, p.t["confidence_"+string(r.Confidence)]})
		}
		p.table([]string{p.t["col_dimension"], p.t["col_score"], p.t["col_level"], p.t["col_target"], p.t["col_gap"], p.t["col_confidence"]},
			[]float64{56, 18, 40, 16, 14, contentW - 144}, "LRLRRL", rows)
		p.subheading(p.t["next_level"])
		for _, d := range g.Dimensions {
			r := dims[d.ID]
			if r.Score == nil || r.Gap == 0 {
				continue
			}
			p.room(16)
			p.font("B", 10)
			p.SetX(margin)
			p.CellFormat(contentW, 5.5, p.fitText(fmt.Sprintf("%s: %s %d → %d", d.Name.In(p.lang()), strings.ToLower(p.t["col_level"]), r.Level, r.Level+1), contentW), "", 1, "L", false, 0, "")
			if text := d.Recommendations[r.Level].In(p.lang()); text != "" {
				p.para(text, 9.5, "", 4)
			}
			p.Ln(1.5)
		}
	}
}

// disagreement lists the questions the team answered far apart, as
// distributions — only from the anonymity threshold on — and the notes.
func (p *pdf) disagreement() {
	p.AddPage()
	p.heading(p.t["disagreement"], 0)
	var flagged []scoring.QuestionResult
	for _, x := range p.res.Questions {
		if x.Flagged {
			flagged = append(flagged, x)
		}
	}
	switch {
	case len(flagged) == 0:
		p.para(p.t.f("disagreement_none", p.q.Rules.ConsensusSpread), 10.5, "", 0)
	case p.res.Respondents < p.q.Rules.AnonymityThreshold:
		p.para(p.t.f("disagreement_hidden", p.res.Respondents, p.q.Rules.AnonymityThreshold), 10.5, "", 0)
	default:
		p.para(p.t.f("disagreement_intro", p.q.Rules.ConsensusSpread), 10, "", 0)
		p.Ln(3)
		for _, x := range flagged {
			p.distribution(x)
		}
	}
	if len(p.in.Notes) > 0 {
		p.subheading(p.t["notes"])
		for _, n := range p.in.Notes {
			about := n.Question
			if q := p.q.Question(n.Question); q != nil {
				about = q.Text.In(p.lang())
			} else if d := p.q.Dimension(n.Dimension); d != nil {
				about = d.Name.In(p.lang())
			}
			p.room(12)
			p.ink(muted)
			p.para(about, 8.5, "I", 0)
			p.ink(ink)
			p.para(n.Text, 10, "", 4)
			p.Ln(1.5)
		}
	}
}

// distribution writes one question with a bar per option.
func (p *pdf) distribution(x scoring.QuestionResult) {
	q := p.q.Question(x.ID)
	p.room(44)
	p.para(q.Text.In(p.lang()), 10, "B", 0)
	most := 1
	for _, c := range x.Counts {
		most = max(most, c)
	}
	labelW, barW := 95.0, contentW-95-12
	for v, c := range x.Counts {
		p.font("", 8)
		y := p.GetY()
		p.SetXY(margin+2, y)
		p.CellFormat(labelW-2, 5, p.fitText(fmt.Sprintf("%d  %s", v, q.Options[v].In(p.lang())), labelW-2), "", 0, "L", false, 0, "")
		p.fill(light)
		p.Rect(margin+labelW, y+1, barW, 3, "F")
		if c > 0 {
			p.fill(levelInk[v+1])
			p.Rect(margin+labelW, y+1, barW*float64(c)/float64(most), 3, "F")
		}
		p.SetXY(margin+labelW+barW+1, y)
		p.CellFormat(11, 5, fmt.Sprint(c), "", 1, "R", false, 0, "")
	}
	p.ink(muted)
	p.font("", 8)
	p.SetX(margin + 2)
	p.CellFormat(contentW, 5, fmt.Sprintf("%s %s · n %d · %s %d", p.t["col_score"], score(x.Score), x.N, p.t["col_dont_know"], x.DontKnow), "", 1, "L", false, 0, "")
	p.ink(ink)
	p.Ln(2)
}

// confidence explains how far to trust each dimension's score.
func (p *pdf) confidence() {
	p.AddPage()
	p.heading(p.t["confidence"], 0)
	p.para(p.t["confidence_intro"], 10, "", 0)
	p.Ln(3)
	var rows [][]string
	for _, d := range p.res.Dimensions {
		share := "–"
		if all := d.Answered + d.DontKnow; all > 0 {
			share = fmt.Sprintf("%d (%.0f%%)", d.DontKnow, 100*float64(d.DontKnow)/float64(all))
		}
		rows = append(rows, []string{p.q.Dimension(d.ID).Name.In(p.lang()), fmt.Sprint(d.Respondents), fmt.Sprint(d.Answered), share, p.t["confidence_"+string(d.Confidence)]})
	}
	p.table([]string{p.t["col_dimension"], p.t["col_respondents"], p.t["col_n"], p.t["col_dont_know"], p.t["col_confidence"]},
		[]float64{70, 26, 18, 32, contentW - 146}, "LRRRL", rows)
}

// appendix writes the method and every question with its figures and its
// change since the previous round.
func (p *pdf) appendix() {
	p.AddPage()
	p.heading(p.t["appendix"], 0)
	p.subheading(p.t["method"])
	for _, para := range strings.Split(strings.TrimSpace(p.t.f("method_text", p.q.Rules.StageThreshold, p.q.Rules.ConsensusSpread)), "\n") {
		p.para(para, 9.5, "", 0)
		p.Ln(1.5)
	}
	p.subheading(p.t["all_questions"])
	before := map[string]*float64{}
	if prev := p.previous(); prev != nil {
		for _, x := range prev.Result.Questions {
			before[x.ID] = x.Score
		}
	}
	var rows [][]string
	for _, x := range p.res.Questions {
		change := ""
		if b, now := before[x.ID], x.Score; b != nil && now != nil {
			change = fmt.Sprintf("%+.2f", *now-*b)
		}
		rows = append(rows, []string{x.ID + "  " + p.q.Question(x.ID).Text.In(p.lang()), score(x.Score), fmt.Sprint(x.N), fmt.Sprint(x.DontKnow), fmt.Sprint(x.NotApplicable), change})
	}
	p.table([]string{p.t["col_question"], p.t["col_score"], p.t["col_n"], p.t["col_dont_know"], p.t["col_na"], p.t["col_change"]},
		[]float64{contentW - 78, 15, 10, 18, 15, 20}, "LRRRRR", rows)
}
