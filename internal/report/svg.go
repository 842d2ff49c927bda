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

// levelHex colours levels 1–5 (index 0: no score), as levelInk does in the
// PDF and the .l1–.l5 classes in style.css.
var levelHex = [6]string{"#6c757d", "#b71c1c", "#b34700", "#8a6d00", "#2e7d32", "#00607a"}

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
	svg(&b, size, 510, w.t["radar"], w.t.f("chart_radar_alt", n))
	points := func(value func(i int) float64) string {
		var ps []string
		for i := range dims {
			x, y := at(i, value(i))
			ps = append(ps, fmt.Sprintf("%.1f,%.1f", x, y))
		}
		return strings.Join(ps, " ")
	}
	for ring := questionnaire.MinLevel; ring <= questionnaire.MaxLevel; ring++ {
		fmt.Fprintf(&b, `<polygon points="%s" fill="none" stroke="#c8cdd2" stroke-width="1"/>`, points(func(int) float64 { return float64(ring) }))
	}
	for i, d := range dims {
		x, y := at(i, top)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#c8cdd2"/>`, cx, cy, x, y)
		lx, ly := at(i, top+0.55)
		anchor := "middle"
		if lx < cx-5 {
			anchor = "end"
		} else if lx > cx+5 {
			anchor = "start"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="%s" fill="#212529">%s</text>`, lx, ly+4, anchor, html.EscapeString(w.name(d.ID)))
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
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="12" height="14" fill="#ffffff"/><text x="%.1f" y="%.1f" font-size="11" font-weight="700" fill="#495057">%d</text>`, x+3, y-7, x+5, y+4, ring)
	}
	fmt.Fprintf(&b, `<rect x="300" y="476" width="18" height="10" style="fill: var(--primary); stroke: var(--primary)" fill-opacity="0.3"/><text x="324" y="486" font-size="13" fill="#212529">%s</text>`, html.EscapeString(w.t["legend_current"]))
	fmt.Fprintf(&b, `<line x1="470" y1="481" x2="492" y2="481" style="stroke: var(--accent)" stroke-width="2" stroke-dasharray="6 4"/><text x="498" y="486" font-size="13" fill="#212529">%s</text>`, html.EscapeString(w.t["legend_target"]))
	fmt.Fprintf(&b, `<text x="450" y="504" font-size="12" text-anchor="middle" fill="#495057">%s</text>`, html.EscapeString(w.t["legend_rings"]))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func (w words) barsSVG() template.HTML {
	dims := w.res.Dimensions
	const width, nameW, scaleW, rowH = 700, 250.0, 380.0, 24.0
	at := func(v float64) float64 {
		return nameW + scaleW*(v-questionnaire.MinLevel)/(questionnaire.MaxLevel-questionnaire.MinLevel)
	}
	height := 24 + rowH*float64(len(dims)) + 34
	var b strings.Builder
	svg(&b, width, int(height), w.t["bars"], w.t["chart_bars_alt"])
	fmt.Fprintf(&b, `<text x="0" y="14" font-size="12" font-weight="700" fill="#495057">%s</text>`, html.EscapeString(w.t["axis_level"]))
	for l := questionnaire.MinLevel; l <= questionnaire.MaxLevel; l++ {
		fmt.Fprintf(&b, `<text x="%.1f" y="14" font-size="12" font-weight="700" text-anchor="middle" fill="#495057">%d</text>`, at(float64(l)), l)
	}
	for i, d := range dims {
		y := 24 + rowH*float64(i)
		fmt.Fprintf(&b, `<text x="0" y="%.1f" font-size="13" fill="#212529">%s</text>`, y+16, html.EscapeString(w.name(d.ID)))
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="14" fill="#e9eef4" fill-opacity="0.7"/>`, nameW, y+4, scaleW)
		if d.Score != nil {
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="14" fill="%s"/>`, nameW, y+4, at(*d.Score)-nameW, levelHex[d.Level])
		}
		if iv := d.Interval; iv != nil {
			lo, hi, mid := at(iv.Low), at(iv.High), y+11
			fmt.Fprintf(&b, `<path d="M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f" stroke="#212529" stroke-width="1.2" fill="none"/>`, lo, mid, hi, lo, mid-4, mid+4, hi, mid-4, mid+4)
		}
		tx := at(float64(d.Target))
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" style="stroke: var(--accent)" stroke-width="4"/>`, tx, y+1, tx, y+21)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="13" fill="#212529">%s</text>`, nameW+scaleW+12, y+16, w.num(d.Score))
	}
	// The level lines over the bars, so that a bar's end reads against them.
	for l := questionnaire.MinLevel; l <= questionnaire.MaxLevel; l++ {
		x := at(float64(l))
		fmt.Fprintf(&b, `<line x1="%.1f" y1="20" x2="%.1f" y2="%.1f" stroke="#969ca2" stroke-opacity="0.8"/>`, x, x, 24+rowH*float64(len(dims)))
	}
	ly := 24 + rowH*float64(len(dims)) + 22
	fmt.Fprintf(&b, `<line x1="4" y1="%.1f" x2="4" y2="%.1f" style="stroke: var(--accent)" stroke-width="4"/><text x="14" y="%.1f" font-size="12" fill="#212529">%s</text>`, ly-12, ly+2, ly, html.EscapeString(w.t["legend_target_level"]))
	fmt.Fprintf(&b, `<path d="M250 %.1fH280M250 %.1fV%.1fM280 %.1fV%.1f" stroke="#212529" stroke-width="1.2" fill="none"/><text x="288" y="%.1f" font-size="12" fill="#212529">%s</text>`, ly-5, ly-9, ly-1, ly-9, ly-1, ly, html.EscapeString(w.t["legend_interval"]))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func (w words) ladderSVG() template.HTML {
	st := w.res.Stage
	n := len(st.Steps)
	const width, gap = 700.0, 10.0
	bw := (width - gap*float64(n-1)) / float64(n)
	var parts []string
	var b strings.Builder
	for i, step := range st.Steps {
		name := w.name(step.Dimension)
		status := ""
		fill, ink := "#e9eef4", "#212529"
		switch {
		case i < st.ReachedIndex:
			fill, ink, status = levelHex[4], "#ffffff", w.t["reached"]
		case step.Dimension == st.BlockedBy:
			fill, ink, status = "var(--accent)", "#ffffff", w.t["blocks"]
		}
		parts = append(parts, strings.TrimSpace(fmt.Sprintf("%s %s %s", name, w.num(step.Score), status)))
		x := float64(i) * (bw + gap)
		h := 70 + float64(i)*20
		y := float64(n-1)*20 - float64(i)*20
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" style="fill: %s"/>`, x, y, bw, h, fill)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="14" font-weight="700" fill="%s">%s</text>`, x+8, y+22, ink, html.EscapeString(name))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="13" fill="%s">%s %s</text>`, x+8, y+42, ink, html.EscapeString(w.t["col_score"]), w.num(step.Score))
		if status != "" {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="13" fill="%s">%s</text>`, x+8, y+58, ink, html.EscapeString(status))
		}
	}
	var out strings.Builder
	desc := w.t.f("chart_ladder_alt", strings.Join(parts, "; "), w.score(st.StageLevel))
	svg(&out, int(width), int(70+float64(n-1)*20)+4, w.t["ladder"], desc)
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
	svg(&b, int(width), int(height), w.t["trend"], w.t["chart_trend_alt"])
	for l := questionnaire.MinLevel; l <= questionnaire.MaxLevel; l++ {
		y := at(float64(l))
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#c8cdd2"/><text x="%.1f" y="%.1f" font-size="12" font-weight="700" text-anchor="end" fill="#495057">%d</text>`, left, y, left+plotW, y, left-6, y+4, l)
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
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="middle" fill="#495057">%s</text>`, x, top+plotH+20, html.EscapeString(r.Label))
		o := r.Result.Overall
		if o.Score == nil {
			continue
		}
		if iv := o.Interval; iv != nil {
			lo, hi := at(iv.Low), at(iv.High)
			fmt.Fprintf(&b, `<path d="M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f" stroke="#212529" stroke-width="1.2" fill="none"/>`, x, lo, hi, x-4, lo, x+4, x-4, hi, x+4)
		}
		y := at(*o.Score)
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="5" style="fill: var(--primary)"/><text x="%.1f" y="%.1f" font-size="12" font-weight="700" fill="#212529">%s</text>`, x, y, x+8, y-8, w.num(o.Score))
	}
	fmt.Fprintf(&b, `<polyline points="%s" fill="none" style="stroke: var(--primary)" stroke-width="2"/>`, strings.Join(pts, " "))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// shareBar is a small bar of count out of n, hidden from screen readers:
// the count beside it says the same.
func shareBar(count, n int) template.HTML {
	share := 0.0
	if n > 0 {
		share = float64(count) / float64(n)
	}
	return template.HTML(fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 14" width="200" height="14" aria-hidden="true"><rect width="200" height="14" fill="#e9eef4"/><rect width="%.1f" height="14" style="fill: var(--primary)"/></svg>`, 200*share))
}
