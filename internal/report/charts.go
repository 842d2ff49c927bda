package report

import (
	"fmt"
	"math"

	"github.com/jung-kurt/gofpdf"
	"github.com/maturity-nl/maturity/internal/questionnaire"
)

// radarLabelW is the width in millimetres a dimension's name takes beside
// the radar before it wraps; trendH is the height of the trend's plot;
// ladderH is the height the ladder's title, steps and legend take.
const radarLabelW, trendH, ladderH = 34.0, 50.0, 75.0

// Every chart is on the one scale 1–5: the axes run from level 1 to level
// 5, each level's line is labelled, a target is marked at its level, and a
// legend says what the colours and marks are.

// charts draws the radar, the ladder, the bars and the trend as vectors.
func (p *pdf) charts() {
	p.AddPage()
	p.heading(p.t["charts"], 0)
	// Each chart is a figure with the same text alternative as the HTML's.
	p.subheading(p.t["radar"])
	p.figure(p.radarAlt(), func() { p.radar(pageW/2, p.GetY()+54, 40) })
	p.SetY(p.GetY() + 118)
	if p.res.Stage.Applicable {
		p.room(ladderH)
		p.subheading(p.t["ladder"])
		p.figure(p.ladderAlt(), p.ladder)
	}
	p.AddPage()
	p.subheading(p.t["bars"])
	p.figure(p.barsAlt(), p.bars)
	if len(p.in.Previous) > 0 {
		// The title and the chart on one page.
		p.room(trendH + 38)
		p.subheading(p.t["trend"])
		p.figure(p.trendAlt(), p.trend)
	}
}

// levelLegend draws a swatch of each level's colour with its name.
func (p *pdf) levelLegend() {
	p.room(6)
	y := p.GetY() + 1
	x := margin
	p.font("", 7.5)
	p.ink(muted)
	// Each label ends in a space, unseen, so that the legend reads as
	// words when it is read from the tagged PDF.
	p.Text(x, y+2.6, p.t["legend_levels"]+" ")
	x += p.GetStringWidth(p.t["legend_levels"]) + 3
	for l := questionnaire.MinLevel; l <= questionnaire.MaxLevel; l++ {
		p.fill(levelInk[l])
		p.Rect(x, y, 4, 3, "F")
		label := p.levelName(l)
		p.ink(ink)
		p.Text(x+5, y+2.6, label+" ")
		x += 5 + p.GetStringWidth(label) + 4
	}
	p.SetY(y + 5)
}

// radar draws every dimension as an axis from the centre to level 5 at the
// edge, with a ring per level 1–5: the target level as a dashed outline and
// the current scores as a filled shape.
func (p *pdf) radar(cx, cy, r float64) {
	dims := p.res.Dimensions
	n := len(dims)
	if n < 3 {
		return
	}
	const top = questionnaire.MaxLevel
	at := func(i int, v float64) (float64, float64) {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		return cx + r*v/top*math.Cos(a), cy + r*v/top*math.Sin(a)
	}
	p.SetLineWidth(0.15)
	p.draw(grid)
	for ring := questionnaire.MinLevel; ring <= top; ring++ {
		var pts []gofpdf.PointType
		for i := range dims {
			x, y := at(i, float64(ring))
			pts = append(pts, gofpdf.PointType{X: x, Y: y})
		}
		p.Polygon(pts, "D")
	}
	p.font("", 6.5)
	for i, d := range dims {
		x, y := at(i, top)
		p.Line(cx, cy, x, y)
		lx, ly := at(i, top+0.55)
		// A long name wraps into lines centred on its place, never cut.
		names := p.clip(p.lines(p.name(d.ID), radarLabelW), 3, radarLabelW)
		p.ink(ink)
		for j, name := range names {
			x, w := lx, p.GetStringWidth(name)
			switch {
			case lx < cx-2:
				x -= w
			case math.Abs(lx-cx) <= 2:
				x -= w / 2
			}
			p.Text(x, ly+1+(float64(j)-float64(len(names)-1)/2)*2.6, name)
		}
	}
	var target, current []gofpdf.PointType
	for i, d := range dims {
		x, y := at(i, float64(d.Target))
		target = append(target, gofpdf.PointType{X: x, Y: y})
		v := 0.0
		if d.Score != nil {
			v = *d.Score
		}
		x, y = at(i, v)
		current = append(current, gofpdf.PointType{X: x, Y: y})
	}
	p.SetAlpha(0.35, "Normal")
	p.fill(p.style.Primary)
	p.Polygon(current, "F")
	p.SetAlpha(1, "Normal")
	p.draw(p.style.Primary)
	p.SetLineWidth(0.5)
	p.Polygon(current, "D")
	p.SetDashPattern([]float64{1.2, 1}, 0)
	p.draw(p.style.Accent)
	p.SetLineWidth(0.4)
	p.Polygon(target, "D")
	p.SetDashPattern(nil, 0)
	// The rings' levels, along the first axis, on a white ground so that
	// they stay legible over the shapes.
	p.font("B", 6.5)
	for ring := questionnaire.MinLevel; ring <= top; ring++ {
		x, y := at(0, float64(ring))
		p.SetFillColor(255, 255, 255)
		p.Rect(x+0.6, y-1.3, 2.6, 2.6, "F")
		p.ink(muted)
		p.Text(x+1, y+0.9, fmt.Sprint(ring))
	}
	// Legend.
	p.font("", 8)
	p.ink(ink)
	ly := cy + r + 14
	p.fill(p.style.Primary)
	p.SetAlpha(0.35, "Normal")
	p.Rect(cx-62, ly-2.5, 5, 3, "F")
	p.SetAlpha(1, "Normal")
	p.Text(cx-55, ly, p.t["legend_current"])
	p.draw(p.style.Accent)
	p.SetLineWidth(0.4)
	p.SetDashPattern([]float64{1.2, 1}, 0)
	p.Line(cx+8, ly-1, cx+14, ly-1)
	p.SetDashPattern(nil, 0)
	p.Text(cx+16, ly, p.t["legend_target"])
	p.ink(muted)
	p.font("", 7.5)
	note := p.t["legend_rings"]
	p.Text(cx-p.GetStringWidth(note)/2, ly+5, note)
	p.ink(ink)
}

// ladder draws the stages as steps, each in the colour of its level (the
// one meaning colour has in every chart), with its score and its status in
// words: reached, blocks (also outlined) or not yet.
func (p *pdf) ladder() {
	st := p.res.Stage
	n := len(st.Steps)
	gap := 3.0
	w := (contentW - gap*float64(n-1)) / float64(n)
	y0 := p.GetY() + 2
	for i, step := range st.Steps {
		h := 24 + float64(i)*6
		x := margin + float64(i)*(w+gap)
		y := y0 + float64(n-1)*6 - float64(i)*6
		level := p.dimension(step.Dimension).Level
		p.fill(levelInk[level])
		p.Rect(x, y, w, h, "F")
		if step.Dimension == st.BlockedBy {
			p.draw(ink)
			p.SetLineWidth(0.8)
			p.SetDashPattern([]float64{1.5, 1}, 0)
			p.Rect(x+0.4, y+0.4, w-0.8, h-0.8, "D")
			p.SetDashPattern(nil, 0)
		}
		p.SetTextColor(255, 255, 255)
		p.font("B", 9)
		names := p.clip(p.lines(p.name(step.Dimension), w-3), 2, w-3)
		for j, name := range names {
			p.SetXY(x+1.5, y+1.5+float64(j)*4)
			p.cell(w-3, 4.5, name, 0, "L")
		}
		p.font("", 8.5)
		p.SetXY(x+1.5, y+2.5+float64(len(names))*4)
		p.cell(w-3, 4.5, p.fitText(p.t["col_score"]+" "+p.num(step.Score), w-3), 0, "L")
		p.SetXY(x+1.5, y+6.5+float64(len(names))*4)
		p.font("B", 8.5)
		p.cell(w-3, 4.5, p.fitText(p.stepStatus(i, step.Dimension), w-3), 0, "L")
	}
	p.SetY(y0 + float64(n-1)*6 + 26)
	p.font("", 8)
	p.ink(muted)
	p.SetX(margin)
	p.cell(contentW, 5, p.t.f("ladder_note", p.score(st.StageLevel)), 1, "L")
	// Legend: the colours are the levels; the status is in words, and the
	// step that blocks is outlined.
	p.cell(contentW, 5, p.t["ladder_legend"], 1, "L")
	p.levelLegend()
	p.ink(ink)
}

// bars draws a horizontal bar per dimension on the scale 1–5, coloured by
// level, with its 90% interval and a mark at its target level.
func (p *pdf) bars() {
	nameW, rowH := 58.0, 6.0
	scaleW := contentW - nameW - 16
	x0 := margin + nameW
	at := func(v float64) float64 {
		return x0 + scaleW*(v-questionnaire.MinLevel)/(questionnaire.MaxLevel-questionnaire.MinLevel)
	}
	// The level lines, labelled above.
	p.font("B", 7)
	p.ink(muted)
	top := p.GetY() + 1
	p.Text(margin+2, top+2.5, p.t["axis_level"])
	for l := questionnaire.MinLevel; l <= questionnaire.MaxLevel; l++ {
		p.Text(at(float64(l))-0.9, top+2.5, fmt.Sprint(l))
	}
	p.SetY(top + 4)
	start, startPage := p.GetY(), p.PageNo()
	grid := func(from, to float64) {
		p.draw(grid)
		p.SetLineWidth(0.2)
		for l := questionnaire.MinLevel; l <= questionnaire.MaxLevel; l++ {
			p.Line(at(float64(l)), from, at(float64(l)), to)
		}
	}
	group := ""
	for _, d := range p.res.Dimensions {
		dim := p.q.Dimension(d.ID)
		if d.Group != group {
			group = d.Group
			p.room(rowH * 2)
			p.font("B", 8.5)
			p.ink(p.style.Primary)
			p.SetX(margin)
			p.cell(nameW, rowH, p.fitText(dim.Group.Name.In(p.lang()), nameW), 1, "L")
		}
		// A long name wraps onto more lines, and its row grows with it.
		p.font("", 8.5)
		names := p.clip(p.lines(dim.Name.In(p.lang()), nameW-3), 3, nameW-3)
		nameH := max(rowH, float64(len(names))*3.6+2.4)
		if p.GetY()+nameH > bottom {
			if p.PageNo() == startPage {
				grid(start, p.GetY())
			}
			p.AddPage()
		}
		y := p.GetY()
		p.font("", 8.5)
		p.ink(ink)
		for j, name := range names {
			p.SetXY(margin+2, y+1.2+float64(j)*3.6)
			p.cell(nameW-3, 3.6, name, 0, "L")
		}
		p.fill(light)
		p.Rect(x0, y+1.2, scaleW, rowH-2.4, "F")
		if d.Score != nil {
			p.fill(levelInk[d.Level])
			p.Rect(x0, y+1.2, at(*d.Score)-x0, rowH-2.4, "F")
		}
		if iv := d.Interval; iv != nil {
			p.SetDrawColor(33, 37, 41)
			p.SetLineWidth(0.25)
			mid := y + rowH/2
			p.Line(at(iv.Low), mid, at(iv.High), mid)
			p.Line(at(iv.Low), mid-0.9, at(iv.Low), mid+0.9)
			p.Line(at(iv.High), mid-0.9, at(iv.High), mid+0.9)
		}
		p.draw(p.style.Accent)
		p.SetLineWidth(0.8)
		tx := at(float64(d.Target))
		p.Line(tx, y+0.4, tx, y+rowH-0.4)
		p.SetXY(x0+scaleW+2, y)
		p.cell(14, rowH, p.num(d.Score), 1, "L")
		p.SetY(y + nameH)
	}
	if p.PageNo() == startPage {
		grid(start, p.GetY())
	}
	// Legend: the marks, then the colours of the levels.
	p.Ln(2)
	p.room(12)
	y := p.GetY() + 1
	p.font("", 7.5)
	p.draw(p.style.Accent)
	p.SetLineWidth(0.8)
	p.Line(margin+1.5, y, margin+1.5, y+3.2)
	p.ink(ink)
	p.Text(margin+4, y+2.6, p.t["legend_target_level"])
	x := margin + 8 + p.GetStringWidth(p.t["legend_target_level"])
	p.SetDrawColor(33, 37, 41)
	p.SetLineWidth(0.25)
	p.Line(x, y+1.6, x+6, y+1.6)
	p.Line(x, y+0.7, x, y+2.5)
	p.Line(x+6, y+0.7, x+6, y+2.5)
	p.Text(x+8, y+2.6, p.t["legend_interval"])
	p.SetY(y + 5)
	p.ink(muted)
	p.SetX(margin)
	p.cell(contentW, 5, p.t["bars_legend"], 1, "L")
	p.levelLegend()
	p.ink(ink)
}

// trend draws the overall score per round on the scale 1–5, with its 90%
// interval where there is one.
func (p *pdf) trend() {
	rounds := append(append([]Round{}, p.in.Previous...), p.in.Round)
	h, w := trendH, contentW-20
	p.room(h + 22)
	x0, y0 := margin+12, p.GetY()+4
	at := func(v float64) float64 {
		return y0 + h - h*(v-questionnaire.MinLevel)/(questionnaire.MaxLevel-questionnaire.MinLevel)
	}
	p.SetLineWidth(0.15)
	p.draw(rule)
	p.font("", 7)
	p.ink(muted)
	for l := questionnaire.MinLevel; l <= questionnaire.MaxLevel; l++ {
		y := at(float64(l))
		p.Line(x0, y, x0+w, y)
		p.Text(x0-5, y+1, fmt.Sprint(l))
	}
	// The rounds stand inside the plot, clear of the axis labels.
	const inset = 8.0
	step := (w - 2*inset) / float64(max(1, len(rounds)-1))
	var prevX, prevY float64
	drawn := false
	for i, r := range rounds {
		x := x0 + inset + step*float64(i)
		if len(rounds) == 1 {
			x = x0 + w/2
		}
		p.ink(muted)
		p.font("", 7)
		p.Text(x-p.GetStringWidth(r.Label)/2, y0+h+5, r.Label)
		o := r.Result.Overall
		if o.Score == nil {
			continue
		}
		y := at(*o.Score)
		if iv := o.Interval; iv != nil {
			p.SetDrawColor(33, 37, 41)
			p.SetLineWidth(0.25)
			p.Line(x, at(iv.Low), x, at(iv.High))
			p.Line(x-0.9, at(iv.Low), x+0.9, at(iv.Low))
			p.Line(x-0.9, at(iv.High), x+0.9, at(iv.High))
		}
		if drawn {
			p.draw(p.style.Primary)
			p.SetLineWidth(0.6)
			p.Line(prevX, prevY, x, y)
		}
		p.fill(p.style.Primary)
		p.Circle(x, y, 1.2, "F")
		p.ink(ink)
		p.font("B", 7.5)
		p.Text(x+1.8, y-1.5, p.num(o.Score))
		prevX, prevY, drawn = x, y, true
	}
	p.SetY(y0 + h + 8)
	p.font("", 7.5)
	p.ink(muted)
	p.SetX(margin)
	p.cell(contentW, 5, p.t["trend_note"], 1, "L")
	p.ink(ink)
}
