package report

import (
	"fmt"

	"github.com/maturity-nl/maturity/internal/scoring"
)

// groups writes a page section per group: its dimensions in a table and
// what to do to reach the next level where there is a gap.
func (p *pdf) groups() {
	for gi, g := range p.q.Groups {
		p.AddPage()
		p.heading(g.Name.In(p.lang()), 0)
		if desc := g.Description.In(p.lang()); desc != "" {
			p.para(desc, 10, "", 0)
			p.Ln(2)
		}
		if level := p.groupLevel(p.res.Groups[gi]); level != "" {
			p.para(level, 10.5, "B", 0)
			p.Ln(2)
		}
		p.table(p.groupHeader(), []float64{40, 12, 18, 30, 13, 9, 33, contentW - 155}, "LRRLRRLL", p.groupRows(g))
		if steps := p.nextSteps(g); len(steps) > 0 {
			p.subheading(p.t["next_level"])
			for _, a := range steps {
				p.room(16)
				p.font("B", 10)
				p.SetX(margin)
				p.tagged(roleP, func() {
					// The space parts the title from the text when read.
					p.cell(contentW, 5.5, p.fitText(a.Title, contentW)+" ", 1, "L")
					if a.Text != "" {
						p.write(a.Text, 9.5, "", 4)
					}
				})
				p.Ln(1.5)
			}
		}
	}
}

// disagreement lists the questions the team answered far apart, as
// distributions — only from the anonymity threshold on — and the notes.
func (p *pdf) disagreement() {
	p.AddPage()
	p.heading(p.t["disagreement"], 0)
	p.para(p.disagreementSentence(), 10, "", 0)
	if shown, _ := p.flagged(); len(shown) > 0 {
		p.Ln(3)
		for _, x := range shown {
			p.distribution(x)
		}
	}
	if sentence := p.revoteSentence(); sentence != "" {
		p.subheading(p.t["revote"])
		p.para(sentence, 10, "", 0)
		if rows := p.revoteRows(); len(rows) > 0 {
			p.Ln(2)
			p.table(p.revoteHeader(), []float64{contentW - 100, 25, 25, 25, 25}, "LRRRR", rows)
		}
	}
	if notes, omitted := p.notes(); len(notes) > 0 {
		p.subheading(p.t["notes"])
		for _, n := range notes {
			p.room(12)
			p.ink(muted)
			p.para(p.noteAbout(n), 8.5, "I", 0)
			p.ink(ink)
			// A note in another language than the report's says so.
			p.taggedLang(roleP, noteLang(n, p.lang()), func() { p.write(n.Text, 10, "", 4) })
			p.Ln(1.5)
		}
		if omitted > 0 {
			p.para(p.t.f("notes_omitted", omitted), 10, "I", 0)
		}
	}
}

// distribution writes one question with a bar per level and for don't
// know and not applicable: how many chose it, on the common scale of
// distributionScale so that bars of different questions compare. Only a
// Visible question is passed here.
func (p *pdf) distribution(x scoring.QuestionResult) {
	p.room(44)
	p.tagged(roleH3, func() { p.write(p.q.Question(x.ID).Text.In(p.lang()), 10, "B", 0) })
	scale := float64(p.distributionScale())
	labelW, barW := 95.0, contentW-95-12
	p.tags.begin(&element{role: roleTable})
	p.tags.begin(&element{role: roleTBody})
	for _, o := range p.distributionRows(x) {
		p.font("", 8)
		// An answer option wraps onto more lines, never cut.
		labels := spaced(p.clip(p.lines(o.Label, labelW-6), cellLines, labelW-6))
		h := float64(len(labels))*3.6 + 1.4
		p.room(h)
		y := p.GetY()
		p.ink(ink)
		p.tags.begin(&element{role: roleTR})
		p.headerCell(scopeRow, func() {
			for j, l := range labels {
				p.SetXY(margin+2, y+0.7+float64(j)*3.6)
				p.cell(labelW-6, 3.6, l, 0, "L")
			}
		})
		p.fill(light)
		p.Rect(margin+labelW, y+1, barW, 3, "F")
		if o.Count > 0 {
			p.fill(levelInk[o.Level])
			p.Rect(margin+labelW, y+1, barW*float64(o.Count)/scale, 3, "F")
		}
		p.SetXY(margin+labelW+barW+1, y)
		p.tagged(roleTD, func() { p.cell(11, 5, fmt.Sprint(o.Count), 0, "R") })
		p.tags.end()
		p.SetY(y + max(h, 5))
	}
	p.tags.end()
	p.tags.end()
	p.ink(muted)
	p.font("", 8)
	p.SetX(margin + 2)
	p.tagged(roleP, func() { p.cell(contentW, 5, p.distributionSummary(x), 1, "L") })
	p.ink(ink)
	p.Ln(2)
}

// confidence explains how far to trust each dimension's score.
func (p *pdf) confidence() {
	p.AddPage()
	p.heading(p.t["confidence"], 0)
	p.para(p.t["confidence_intro"], 10, "", 0)
	p.Ln(3)
	p.table(p.confidenceHeader(), []float64{48, 26, 14, 24, 14, 26, contentW - 152}, "LRRRRRL", p.confidenceRows())
}

// appendix writes the method and every question with its figures and its
// change since the previous round.
func (p *pdf) appendix() {
	p.AddPage()
	p.heading(p.t["appendix"], 0)
	p.subheading(p.t["method"])
	for _, para := range p.method() {
		p.para(para, 9.5, "", 0)
		p.Ln(1.5)
	}
	p.subheading(p.t["method_example_heading"])
	for _, para := range p.methodExample() {
		p.para(para, 9.5, "", 0)
		p.Ln(1.5)
	}
	if p.res.Overall.Score == nil {
		return
	}
	p.subheading(p.t["all_questions"])
	p.para(p.questionsSentence(), 9.5, "", 0)
	p.Ln(1)
	p.table(p.questionHeader(), []float64{contentW - 86, 14, 16, 18, 12, 14, 12}, "LRRRRRR", p.questionRows())
}
