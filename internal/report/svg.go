package report

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"

	"github.com/maturity-nl/maturity/internal/questionnaire"
)

// The charts of the HTML report as inline SVG, on the one scale 1–5 like
// the PDF's: every chart has a title and a description, and its figures are
// also in a table.

// levelHex is the colour of a level 1–5 (0: no score), the palette's
// levelInk, as the PDF draws it and the .l0–.l5 classes show it.
func levelHex(level int) string { return levelInk[level].hex() }

// wrapRunes breaks s at spaces into lines of at most n characters; a word
// longer than that stands on a line of its own. SVG text does not wrap by
// itself, and a label is never cut.
func wrapRunes(s string, n int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case len([]rune(line))+1+len([]rune(word)) <= n:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}

// svgText writes lines as one text element, a tspan per line lineH apart,
// the first at y.
func svgText(b *strings.Builder, x, y, lineH float64, attrs string, lines []string) {
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" %s>`, x, y, attrs)
	for i, l := range lines {
		dy := 0.0
		if i > 0 {
			dy = lineH
		}
		fmt.Fprintf(b, `<tspan x="%.1f" dy="%.1f">%s</tspan>`, x, dy, html.EscapeString(l))
	}
	b.WriteString(`</text>`)
}

// svg opens an accessible SVG image with a title and a description.
func svg(b *strings.Builder, w, h int, title, desc string) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s"><title>%s</title><desc>%s</desc>`,
		w, h, html.EscapeString(title), html.EscapeString(title), html.EscapeString(desc))
}

func (w words) radarSVG() template.HTML {
	dims := w.res.Dimensions
	n := len(dims)
	if n < 3 {
		return ""
	}
	const size, cx, cy, r, top = 900, 450.0, 240.0, 190.0, float64(questionnaire.MaxLevel)
	at := func(i int, v float64) (float64, float64) {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		return cx + r*v/top*math.Cos(a), cy + r*v/top*math.Sin(a)
	}
	var b strings.Builder
	svg(&b, size, 510, w.t["radar"], w.radarAlt())
	points := func(value func(i int) float64) string {
		var ps []string
		for i := range dims {
			x, y := at(i, value(i))
			ps = append(ps, fmt.Sprintf("%.1f,%.1f", x, y))
		}
		return strings.Join(ps, " ")
	}
	for ring := questionnaire.MinLevel; ring <= questionnaire.MaxLevel; ring++ {
		fmt.Fprintf(&b, `<polygon points="%s" fill="none" stroke="%s" stroke-width="1"/>`, points(func(int) float64 { return float64(ring) }), grid.hex())
	}
	for i, d := range dims {
		x, y := at(i, top)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>`, cx, cy, x, y, grid.hex())
		lx, ly := at(i, top+0.55)
		anchor := "middle"
		if lx < cx-5 {
			anchor = "end"
		} else if lx > cx+5 {
			anchor = "start"
		}
		// A long name wraps into lines centred on its place, never cut.
		lines := wrapRunes(w.name(d.ID), 22)
		svgText(&b, lx, ly+4-float64(len(lines)-1)*7, 14, fmt.Sprintf(`font-size="12" text-anchor="%s" fill="%s"`, anchor, ink.hex()), lines)
	}
	fmt.Fprintf(&b, `<polygon points="%s" style="fill: var(--primary); stroke: var(--primary)" fill-opacity="0.3" stroke-width="2"/>`, points(func(i int) float64 {
		if s := dims[i].Score; s != nil {
			return *s
		}
		return 0
	}))
	fmt.Fprintf(&b, `<polygon points="%s" fill="none" style="stroke: var(--accent)" stroke-width="2" stroke-dasharray="6 4"/>`, points(func(i int) float64 { return float64(dims[i].Target) }))
	for ring := questionnaire.MinLevel; ring <= questionnaire.MaxLevel; ring++ {
		x, y := at(0, float64(ring))
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="12" height="14" fill="#ffffff"/><text x="%.1f" y="%.1f" font-size="11" font-weight="700" fill="%s">%d</text>`, x+3, y-7, x+5, y+4, muted.hex(), ring)
	}
	fmt.Fprintf(&b, `<rect x="300" y="476" width="18" height="10" style="fill: var(--primary); stroke: var(--primary)" fill-opacity="0.3"/><text x="324" y="486" font-size="13" fill="#212529">%s</text>`, html.EscapeString(w.t["legend_current"]))
	fmt.Fprintf(&b, `<line x1="470" y1="481" x2="492" y2="481" style="stroke: var(--accent)" stroke-width="2" stroke-dasharray="6 4"/><text x="498" y="486" font-size="13" fill="#212529">%s</text>`, html.EscapeString(w.t["legend_target"]))
	fmt.Fprintf(&b, `<text x="450" y="504" font-size="12" text-anchor="middle" fill="%s">%s</text>`, muted.hex(), html.EscapeString(w.t["legend_rings"]))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func (w words) barsSVG() template.HTML {
	dims := w.res.Dimensions
	const width, nameW, scaleW, rowH, lineH = 700, 250.0, 380.0, 24.0, 15.0
	at := func(v float64) float64 {
		return nameW + scaleW*(v-questionnaire.MinLevel)/(questionnaire.MaxLevel-questionnaire.MinLevel)
	}
	// A long name wraps, and its row grows with it.
	names := make([][]string, len(dims))
	rowsH := 0.0
	for i, d := range dims {
		names[i] = wrapRunes(w.name(d.ID), 34)
		rowsH += rowH + lineH*float64(len(names[i])-1)
	}
	height := 24 + rowsH + 34
	var b strings.Builder
	svg(&b, width, int(height), w.t["bars"], w.barsAlt())
	fmt.Fprintf(&b, `<text x="0" y="14" font-size="12" font-weight="700" fill="%s">%s</text>`, muted.hex(), html.EscapeString(w.t["axis_level"]))
	for l := questionnaire.MinLevel; l <= questionnaire.MaxLevel; l++ {
		fmt.Fprintf(&b, `<text x="%.1f" y="14" font-size="12" font-weight="700" text-anchor="middle" fill="%s">%d</text>`, at(float64(l)), muted.hex(), l)
	}
	y := 24.0
	for i, d := range dims {
		svgText(&b, 0, y+16, lineH, fmt.Sprintf(`font-size="13" fill="%s"`, ink.hex()), names[i])
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="14" fill="%s"/>`, nameW, y+4, scaleW, light.hex())
		if d.Score != nil {
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="14" fill="%s"/>`, nameW, y+4, at(*d.Score)-nameW, levelHex(d.Level))
		}
		if iv := d.Interval; iv != nil {
			lo, hi, mid := at(iv.Low), at(iv.High), y+11
			fmt.Fprintf(&b, `<path d="M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f" stroke="%s" stroke-width="1.2" fill="none"/>`, lo, mid, hi, lo, mid-4, mid+4, hi, mid-4, mid+4, ink.hex())
		}
		tx := at(float64(d.Target))
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" style="stroke: var(--accent)" stroke-width="4"/>`, tx, y+1, tx, y+21)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="13" fill="%s">%s</text>`, nameW+scaleW+12, y+16, ink.hex(), w.num(d.Score))
		y += rowH + lineH*float64(len(names[i])-1)
	}
	// The level lines over the bars, so that a bar's end reads against them.
	for l := questionnaire.MinLevel; l <= questionnaire.MaxLevel; l++ {
		x := at(float64(l))
		fmt.Fprintf(&b, `<line x1="%.1f" y1="20" x2="%.1f" y2="%.1f" stroke="%s"/>`, x, x, y, grid.hex())
	}
	ly := y + 22
	fmt.Fprintf(&b, `<line x1="4" y1="%.1f" x2="4" y2="%.1f" style="stroke: var(--accent)" stroke-width="4"/><text x="14" y="%.1f" font-size="12" fill="%s">%s</text>`, ly-12, ly+2, ly, ink.hex(), html.EscapeString(w.t["legend_target_level"]))
	fmt.Fprintf(&b, `<path d="M250 %.1fH280M250 %.1fV%.1fM280 %.1fV%.1f" stroke="%s" stroke-width="1.2" fill="none"/><text x="288" y="%.1f" font-size="12" fill="%s">%s</text>`, ly-5, ly-9, ly-1, ly-9, ly-1, ink.hex(), ly, ink.hex(), html.EscapeString(w.t["legend_interval"]))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// ladderSVG draws the stages as steps in the colour of their level, each
// with its score and status in words; the step that blocks is outlined.
func (w words) ladderSVG() template.HTML {
	st := w.res.Stage
	n := len(st.Steps)
	const width, gap = 700.0, 10.0
	bw := (width - gap*float64(n-1)) / float64(n)
	var b strings.Builder
	for i, step := range st.Steps {
		name, status := w.name(step.Dimension), w.stepStatus(i, step.Dimension)
		x := float64(i) * (bw + gap)
		h := 100 + float64(i)*20
		y := float64(n-1)*20 - float64(i)*20
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`, x, y, bw, h, levelHex(w.dimension(step.Dimension).Level))
		if step.Dimension == st.BlockedBy {
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="none" stroke="%s" stroke-width="3" stroke-dasharray="6 4"/>`, x+1.5, y+1.5, bw-3, h-3, ink.hex())
		}
		names := wrapRunes(name, int(bw/9))
		svgText(&b, x+8, y+22, 17, `font-size="14" font-weight="700" fill="#ffffff"`, names)
		below := y + 22 + 17*float64(len(names)-1)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="13" fill="#ffffff">%s %s</text>`, x+8, below+20, html.EscapeString(w.t["col_score"]), w.num(step.Score))
		svgText(&b, x+8, below+37, 16, `font-size="13" font-weight="700" fill="#ffffff"`, wrapRunes(status, int(bw/8)))
	}
	var out strings.Builder
	desc := w.ladderAlt()
	svg(&out, int(width), int(100+float64(n-1)*20)+4, w.t["ladder"], desc)
	out.WriteString(b.String())
	out.WriteString(`</svg>`)
	return template.HTML(out.String())
}

func (w words) trendSVG() template.HTML {
	rounds := append(append([]Round{}, w.in.Previous...), w.in.Round)
	const width, height, left, top, plotH = 700.0, 240.0, 40.0, 10.0, 190.0
	plotW := width - left - 40
	at := func(v float64) float64 {
		return top + plotH - plotH*(v-questionnaire.MinLevel)/(questionnaire.MaxLevel-questionnaire.MinLevel)
	}
	var b strings.Builder
	svg(&b, int(width), int(height), w.t["trend"], w.trendAlt())
	for l := questionnaire.MinLevel; l <= questionnaire.MaxLevel; l++ {
		y := at(float64(l))
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/><text x="%.1f" y="%.1f" font-size="12" font-weight="700" text-anchor="end" fill="%s">%d</text>`, left, y, left+plotW, y, grid.hex(), left-6, y+4, muted.hex(), l)
	}
	// The rounds stand inside the plot, clear of the axis labels.
	const inset = 30.0
	step := (plotW - 2*inset) / float64(max(1, len(rounds)-1))
	var pts []string
	for i, r := range rounds {
		x := left + inset + step*float64(i)
		if len(rounds) == 1 {
			x = left + plotW/2
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="middle" fill="%s">%s</text>`, x, top+plotH+20, muted.hex(), html.EscapeString(r.Label))
		o := r.Result.Overall
		if o.Score == nil {
			continue
		}
		if iv := o.Interval; iv != nil {
			lo, hi := at(iv.Low), at(iv.High)
			fmt.Fprintf(&b, `<path d="M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f" stroke="%s" stroke-width="1.2" fill="none"/>`, x, lo, hi, x-4, lo, x+4, x-4, hi, x+4, ink.hex())
		}
		y := at(*o.Score)
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="5" style="fill: var(--primary)"/><text x="%.1f" y="%.1f" font-size="12" font-weight="700" fill="%s">%s</text>`, x, y, x+8, y-8, ink.hex(), w.num(o.Score))
	}
	fmt.Fprintf(&b, `<polyline points="%s" fill="none" style="stroke: var(--primary)" stroke-width="2"/>`, strings.Join(pts, " "))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// shareBar is a small bar of count on the common scale (a full bar is
// scale answers), in the colour of its level, hidden from screen readers:
// the count beside it says the same.
func shareBar(count, scale, level int) template.HTML {
	share := float64(count) / float64(max(1, scale))
	return template.HTML(fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 14" width="200" height="14" preserveAspectRatio="none" aria-hidden="true"><rect width="200" height="14" fill="%s"/><rect width="%.1f" height="14" fill="%s"/></svg>`, light.hex(), 200*min(share, 1), levelHex(level)))
}
