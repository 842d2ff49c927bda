package report

import "fmt"

// cover is the first page: who, which round, how many people, how.
func (p *pdf) cover() {
	p.AddPage()
	p.fill(p.style.Primary)
	p.Rect(0, 0, pageW, 92, "F")
	p.SetTextColor(255, 255, 255)
	p.SetXY(margin, 26)
	p.font("", 11)
	if p.in.Organisation != "" {
		p.tagged(roleP, func() { p.cell(contentW, 6, p.fitText(p.in.Organisation, contentW), 1, "L") })
	}
	p.SetX(margin)
	p.font("B", 30)
	p.tagged(roleH1, func() { p.cell(contentW, 14, p.t["title"], 1, "L") })
	p.SetX(margin)
	p.font("", 14)
	p.tagged(roleP, func() { p.cell(contentW, 8, p.t["subtitle"], 1, "L") })
	p.Bookmark(p.t["title"], 0, 0)
	p.logo(20, 16)

	p.SetXY(margin, 108)
	p.ink(ink)
	p.coverName()
	if p.in.Parent != "" {
		p.font("", 12)
		p.ink(muted)
		p.tagged(roleP, func() {
			p.cell(contentW, 7, p.fitText(p.t.f("part_of", p.in.Parent), contentW), 1, "L")
		})
	}
	p.Ln(10)
	p.provisional()
	p.tagged(roleL, func() {
		for _, f := range p.facts(p.date(p.in.Round.Date)) {
			p.font("", 10)
			p.ink(muted)
			p.SetX(margin)
			p.tagged(roleLI, func() {
				p.tagged(roleLbl, func() { p.cell(40, 7, f[0], 0, "L") })
				p.font("", 11)
				p.ink(ink)
				p.listBody(func() { p.cell(contentW-40, 7, p.fitText(f[1], contentW-40), 1, "L") })
			})
		}
	})
}

// provisional marks an open round on the cover, in words in a framed
// box, so that nobody reads its figures as final.
func (p *pdf) provisional() {
	if !p.in.Round.Provisional {
		return
	}
	y := p.GetY()
	p.SetXY(margin+4, y+3)
	p.ink(ink)
	p.font("B", 12)
	p.tagged(roleP, func() { p.cell(contentW-8, 6, p.t["provisional_heading"], 1, "L") })
	p.font("", 10.5)
	p.tagged(roleP, func() {
		for _, l := range spaced(p.lines(p.t["provisional_note"], contentW-8)) {
			p.SetX(margin + 4)
			p.cell(contentW-8, 10.5*0.45, l, 1, "L")
		}
	})
	end := p.GetY() + 3
	p.draw(ink)
	p.SetLineWidth(0.6)
	p.Rect(margin, y, contentW, end-y, "D")
	p.SetY(end + 6)
}

// coverName writes the department's name on the cover in at most
// coverNameLines lines: in a smaller size when it is long, and shortened
// with an ellipsis when it does not fit even so, so that the facts below
// stay on the cover.
func (p *pdf) coverName() {
	sizes := []struct{ font, line float64 }{{22, 10}, {16, 7.5}, {12, 5.8}}
	var lines []string
	var size struct{ font, line float64 }
	for _, size = range sizes {
		p.font("B", size.font)
		if lines = p.lines(p.in.Name, contentW); len(lines) <= coverNameLines {
			break
		}
	}
	p.tagged(roleP, func() {
		for _, l := range spaced(p.clip(lines, coverNameLines, contentW)) {
			p.cell(contentW, size.line, l, 1, "L")
		}
	})
}

// summary is the page a director reads: the level and what it means, the
// caps, the stage and its blocker, the legal minimums, how sure the
// figures are, the change since the previous and the first round, what
// became of the agreements, and last, as the longest part, what to do
// first and why.
func (p *pdf) summary() {
	p.AddPage()
	p.heading(p.t["summary"], 0)
	o := p.res.Overall
	if o.Score == nil {
		p.para(p.t["no_scores"], 11, "", 0)
		return
	}
	// The level as a badge beside its name and meaning.
	y := p.GetY()
	p.fill(levelInk[o.Level])
	p.RoundedRect(margin, y, 28, 28, 3, "1234", "F")
	p.SetTextColor(255, 255, 255)
	p.font("B", 30)
	p.SetXY(margin, y+4)
	// The badge repeats the level the name beside it says.
	p.decoration(func() { p.cell(28, 20, fmt.Sprint(o.Level), 0, "C") })
	textW := contentW - 34
	p.ink(muted)
	p.font("", 9)
	p.SetXY(margin+34, y+1)
	p.tagged(roleP, func() { p.cell(textW, 5, p.t["maturity_level"], 1, "L") })
	p.SetX(margin + 34)
	p.ink(ink)
	p.font("B", 16)
	p.tagged(roleP, func() { p.cell(textW, 8, p.fitText(p.levelName(o.Level), textW), 1, "L") })
	p.para(p.scoreLine(), 10.5, "B", 34)
	p.para(p.t[fmt.Sprintf("level_meaning_%d", o.Level)], 10.5, "", 34)
	p.SetY(max(p.GetY(), y+28) + 1)

	p.summaryHeading(p.t["cap_heading"])
	for _, s := range p.capSentences() {
		p.para(s, 10, "", 0)
		p.Ln(0.5)
	}
	if p.res.Stage.Applicable {
		p.summaryHeading(p.t["stage_heading"])
		p.para(p.stageSentence(), 10, "", 0)
	}
	if s := p.minimumSentence(); s != "" {
		p.summaryHeading(p.t["minimums"])
		p.para(s, 10, "", 0)
	}

	p.summaryHeading(p.t["certainty_heading"])
	p.para(p.certaintySentence(), 10, "", 0)
	p.summaryHeading(p.t["change_heading"])
	p.para(p.changeSentence(), 10, "", 0)
	if s := p.agreementSentence(); s != "" {
		p.summaryHeading(p.t["agreements"])
		p.para(s, 10, "", 0)
	}
	p.summaryHeading(p.t["actions"])
	actions := p.actions(3)
	if len(actions) == 0 {
		p.para(p.t["no_actions"], 10, "", 0)
	}
	p.list(len(actions), func(i int) {
		p.room(18)
		p.font("B", 10)
		p.SetX(margin)
		p.tagged(roleLbl, func() { p.cell(7, 10*0.45, fmt.Sprintf("%d.", i+1), 0, "L") })
		p.SetX(margin)
		a := actions[i]
		p.tagged(roleLBody, func() {
			p.para(a.Title, 10, "B", 7)
			p.ink(muted)
			p.para(a.Why, 9, "I", 7)
			p.ink(ink)
			if a.Text != "" {
				p.para(a.Text, 9.5, "", 7)
			}
		})
		p.Ln(1)
	})
}

// summaryHeading is a subheading with less space above it, so that the
// summary fits its page.
func (p *pdf) summaryHeading(text string) { p.subheadingAfter(text, 1.5) }

func (p *pdf) subheading(text string) { p.subheadingAfter(text, 3) }

// subheadingAfter writes a subheading gap millimetres below the text
// before it.
func (p *pdf) subheadingAfter(text string, gap float64) {
	p.room(16)
	p.Ln(gap)
	p.font("B", 11)
	p.ink(p.style.Primary)
	p.SetX(margin)
	p.tagged(roleH3, func() { p.cell(contentW, 6, text, 1, "L") })
	p.ink(ink)
}
