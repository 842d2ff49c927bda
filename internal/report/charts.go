package report

import (
	"fmt"
	"math"

	"github.com/jung-kurt/gofpdf"
)

// charts draws the radar, the ladder, the bars and the trend as vectors.
func (p *pdf) charts() {
	p.AddPage()
	p.heading(p.t["charts"], 0)
	p.subheading(p.t["radar"])
	p.radar(pageW/2, p.GetY()+52, 40)
	p.SetY(p.GetY() + 112)
	if p.res.Stage.Applicable {
		p.subheading(p.t["ladder"])
		p.ladder()
	}
	p.AddPage()
	p.subheading(p.t["bars"])
	p.bars()
	if len(p.in.Previous) > 0 {
		p.subheading(p.t["trend"])
		p.trend()
	}
}

// radar draws every dimension as an axis from 0 (centre) to 4 (edge): the
// target as a dashed outline and the current scores as a filled shape.
func (p *pdf) radar(cx, cy, r float64) {
	dims := p.res.Dimensions
	n := len(dims)
	if n < 3 {
		return
	}
	at := func(i int, v float64) (float64, float64) {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		return cx + r*v/4*math.Cos(a), cy + r*v/4*math.Sin(a)
	}
	p.SetLineWidth(0.15)
	p.draw(rule)
	for ring := 1; ring <= 4; ring++ {
		var pts []gofpdf.PointType
		for i := range dims {
			x, y := at(i, float64(ring))
			pts = append(pts, gofpdf.PointType{X: x, Y: y})
		}
		p.Polygon(pts, "D")
	}
	p.font("", 6.5)
	for i, d := range dims {
		x, y := at(i, 4)
		p.Line(cx, cy, x, y)
		lx, ly := at(i, 4.45)
		name := p.fitText(p.q.Dimension(d.ID).Name.In(p.lang()), 30)
		w := p.GetStringWidth(name)
		switch {
		case lx < cx-2:
			lx -= w
		case math.Abs(lx-cx) <= 2:
			lx -= w / 2
		}
		p.ink(ink)
		p.Text(lx, ly+1, name)
	}
	// Target: the anchor score of the target level (level L sits at L−1).
	var target, current []gofpdf.PointType
	for i, d := range dims {
		x, y := at(i, float64(d.Target-1))
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
	// Legend.
	p.font("", 8)
	ly := cy + r + 12
	p.fill(p.style.Primary)
	p.Rect(cx-40, ly-2.5, 5, 3, "F")
	p.Text(cx-33, ly, p.t["current"])
	p.draw(p.style.Accent)
	p.SetDashPattern([]float64{1.2, 1}, 0)
	p.Line(cx+5, ly-1, cx+10, ly-1)
	p.SetDashPattern(nil, 0)
	p.Text(cx+12, ly, p.t["target"])
}

// ladder draws the stages as steps: reached in the level's colour, the
// blocker marked, later stages pale.
func (p *pdf) ladder() {
	st := p.res.Stage
	n := len(st.Steps)
	gap := 3.0
	w := (contentW - gap*float64(n-1)) / float64(n)
	y0 := p.GetY() + 2
	for i, step := range st.Steps {
		h := 14 + float64(i)*6
		x := margin + float64(i)*(w+gap)
		y := y0 + float64(n-1)*6 - float64(i)*6
		switch {
		case i < st.ReachedIndex:
			p.fill(colour{104, 159, 56})
		case step.Dimension == st.BlockedBy:
			p.fill(p.style.Accent)
		default:
			p.fill(light)
		}
		p.Rect(x, y, w, h, "F")
		if i < st.ReachedIndex || step.Dimension == st.BlockedBy {
			p.SetTextColor(255, 255, 255)
		} else {
			p.ink(ink)
		}
		p.font("B", 9)
		p.SetXY(x+1.5, y+1.5)
		p.CellFormat(w-3, 4.5, p.fitText(p.q.Dimension(step.Dimension).Name.In(p.lang()), w-3), "", 0, "L", false, 0, "")
		p.font("", 8.5)
		p.SetXY(x+1.5, y+6.5)
		status := p.t["col_score"] + " " + score(step.Score)
		switch {
		case i < st.ReachedIndex:
			status += " · " + p.t["reached"]
		case step.Dimension == st.BlockedBy:
			status += " · " + p.t["blocks"]
		}
		p.CellFormat(w-3, 4.5, p.fitText(status, w-3), "", 0, "L", false, 0, "")
	}
	p.ink(muted)
	p.font("", 8)
	p.SetXY(margin, y0+float64(n-1)*6+16)
	p.CellFormat(contentW, 5, fmt.Sprintf("%s: %.1f", p.t["threshold"], st.Threshold), "", 1, "L", false, 0, "")
	p.ink(ink)
}

// bars draws a horizontal bar per dimension on the 0–4 scale, coloured by
// level, with the target level's anchor marked.
func (p *pdf) bars() {
	nameW, scaleW, rowH := 58.0, contentW-58-22, 6.0
	x0 := margin + nameW
	// Scale.
	p.font("", 7)
	p.ink(muted)
	y := p.GetY() + 1
	for v := 0; v <= 4; v++ {
		x := x0 + scaleW*float64(v)/4
		p.Text(x-1, y+2, fmt.Sprint(v))
	}
	p.SetY(y + 4)
	group := ""
	for _, d := range p.res.Dimensions {
		dim := p.q.Dimension(d.ID)
		if d.Group != group {
			group = d.Group
			p.room(rowH * 2)
			p.font("B", 8.5)
			p.ink(p.style.Primary)
			p.SetX(margin)
			p.CellFormat(contentW, rowH, p.fitText(dim.Group.Name.In(p.lang()), contentW), "", 1, "L", false, 0, "")
		}
		p.room(rowH)
		y := p.GetY()
		p.font("", 8.5)
		p.ink(ink)
		p.SetXY(margin+2, y)
		p.CellFormat(nameW-3, rowH, p.fitText(dim.Name.In(p.lang()), nameW-3), "", 0, "L", false, 0, "")
		p.fill(light)
		p.Rect(x0, y+1.2, scaleW, rowH-2.4, "F")
		if d.Score != nil {
			p.fill(levelInk[d.Level])
			p.Rect(x0, y+1.2, scaleW**d.Score/4, rowH-2.4, "F")
		}
		tx := x0 + scaleW*float64(d.Target-1)/4
		p.SetDrawColor(33, 37, 41)
		p.SetLineWidth(0.6)
		p.Line(tx, y+0.5, tx, y+rowH-0.5)
		p.SetXY(x0+scaleW+2, y)
		label := "–"
		if d.Score != nil {
			label = fmt.Sprintf("%.2f · %d", *d.Score, d.Level)
		}
		p.CellFormat(20, rowH, label, "", 1, "L", false, 0, "")
	}
	p.font("", 7.5)
	p.ink(muted)
	p.SetX(margin)
	p.CellFormat(contentW, 5, "│ = "+p.t["target"], "", 1, "L", false, 0, "")
	p.ink(ink)
}

// trend draws the overall score per round, with the level boundaries.
func (p *pdf) trend() {
	rounds := append(append([]Round{}, p.in.Previous...), p.in.Round)
	h, w := 50.0, contentW-20
	p.room(h + 14)
	x0, y0 := margin+12, p.GetY()+4
	p.SetLineWidth(0.15)
	p.draw(rule)
	p.font("", 7)
	p.ink(muted)
	for v := 0; v <= 4; v++ {
		y := y0 + h - h*float64(v)/4
		p.Line(x0, y, x0+w, y)
		p.Text(x0-5, y+1, fmt.Sprint(v))
	}
	step := w / float64(max(1, len(rounds)-1))
	var prevX, prevY float64
	for i, r := range rounds {
		x := x0 + step*float64(i)
		if len(rounds) == 1 {
			x = x0 + w/2
		}
		p.Text(x-p.GetStringWidth(r.Label)/2, y0+h+5, r.Label)
		if r.Result.Overall.Score == nil {
			continue
		}
		y := y0 + h - h**r.Result.Overall.Score/4
		if i > 0 {
			p.draw(p.style.Primary)
			p.SetLineWidth(0.6)
			p.Line(prevX, prevY, x, y)
		}
		p.fill(p.style.Primary)
		p.Circle(x, y, 1.2, "F")
		p.ink(ink)
		p.Text(x+1.5, y-1.5, fmt.Sprintf("%.2f", *r.Result.Overall.Score))
		p.ink(muted)
		prevX, prevY = x, y
	}
	p.SetY(y0 + h + 9)
	p.ink(ink)
}
