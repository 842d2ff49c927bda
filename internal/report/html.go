package report

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"html/template"
	"io"
	"math"
	"strings"

	"github.com/maturity-nl/maturity/reports"
)

var (
	htmlFuncs            = template.FuncMap{"args": func(xs ...any) []any { return xs }}
	htmlTemplate         = template.Must(template.New("report").Funcs(htmlFuncs).Parse(reports.HTMLTemplate))
	organisationTemplate = template.Must(template.New("organisation").Funcs(htmlFuncs).Parse(reports.OrganisationHTMLTemplate))
)

// htmlGroup is a group's section of the HTML report.
type htmlGroup struct {
	ID, Name, Description, Level string
	Rows                         [][]string
	Next                         []action
}

// htmlDistribution is a question the team disagrees on.
type htmlDistribution struct {
	Question, Summary string
	Options           []htmlOption
}

type htmlOption struct {
	Label string
	Count int
	Bar   template.HTML
}

type htmlNote struct{ About, Text string }

// htmlView is everything the template shows.
type htmlView struct {
	CSS                                                            template.CSS
	Logo                                                           template.URL
	Lang, Organisation, Name, PartOf, Round, Date, QuestionnaireID string
	Version                                                        int
	T                                                              texts
	Facts                                                          [][2]string
	Scored                                                         bool
	Level                                                          int
	LevelName, LevelMeaning, Score, ScoreLabel                     string
	Stage, Cap, Change                                             string
	Actions                                                        []action
	Radar, Ladder, Bars, Trend                                     template.HTML
	TrendRows                                                      [][]string
	GroupHeader                                                    []string
	Groups                                                         []htmlGroup
	Disagreement                                                   string
	Distributions                                                  []htmlDistribution
	Revote                                                         string
	RevoteHeader                                                   []string
	RevoteRows                                                     [][]string
	Notes                                                          []htmlNote
	ConfidenceHeader                                               []string
	ConfidenceRows                                                 [][]string
	Method                                                         []string
	MethodExample                                                  []string
	QuestionHeader                                                 []string
	QuestionRows                                                   [][]string
}

// WriteHTML writes the department report as one self-contained, accessible
// HTML file: inline CSS, charts as inline SVG with text alternatives, and
// their figures also in tables. The same input gives the same bytes.
func WriteHTML(w io.Writer, in Department) error {
	wd, err := newWords(in)
	if err != nil {
		return err
	}
	t := wd.t
	date := wd.date(in.Round.Date)
	v := htmlView{
		CSS:  styleCSS(in.Style),
		Logo: logoURL(in.Style),
		Lang: wd.lang(), Organisation: in.Organisation, Name: in.Name, Round: in.Round.Label, Date: date,
		QuestionnaireID: wd.q.ID, Version: wd.q.Version, T: t, Facts: wd.facts(date),
		GroupHeader: wd.groupHeader(), ConfidenceHeader: wd.confidenceHeader(), ConfidenceRows: wd.confidenceRows(),
		Method: wd.method(), MethodExample: wd.methodExample(), QuestionHeader: wd.questionHeader(), QuestionRows: wd.questionRows(),
		Disagreement: wd.disagreementSentence(),
		Revote:       wd.revoteSentence(), RevoteHeader: wd.revoteHeader(), RevoteRows: wd.revoteRows(),
	}
	if in.Parent != "" {
		v.PartOf = t.f("part_of", in.Parent)
	}
	o := wd.res.Overall
	if o.Score != nil {
		v.Scored = true
		v.Level, v.LevelName, v.LevelMeaning = o.Level, wd.q.LevelName(o.Level, wd.lang()), t[fmt.Sprintf("level_meaning_%d", o.Level)]
		v.Score, v.ScoreLabel = score(o.Score), strings.ToLower(t["col_score"])
		if wd.res.Stage.Applicable {
			v.Stage = wd.stageSentence()
		}
		v.Cap, v.Change, v.Actions = wd.capSentence(), wd.changeSentence(), wd.actions(3)
		v.Radar, v.Bars = wd.radarSVG(), wd.barsSVG()
		if wd.res.Stage.Applicable {
			v.Ladder = wd.ladderSVG()
		}
		if len(in.Previous) > 0 {
			v.Trend = wd.trendSVG()
			for _, r := range append(append([]Round{}, in.Previous...), in.Round) {
				v.TrendRows = append(v.TrendRows, []string{r.Label, score(r.Result.Overall.Score), fmt.Sprint(r.Result.Overall.Level)})
			}
		}
	}
	for gi, g := range wd.q.Groups {
		hg := htmlGroup{ID: g.ID, Name: g.Name.In(wd.lang()), Description: g.Description.In(wd.lang()), Rows: wd.groupRows(g), Next: wd.nextSteps(g)}
		hg.Level = wd.groupLevel(wd.res.Groups[gi])
		v.Groups = append(v.Groups, hg)
	}
	if flagged, shown := wd.flagged(); shown {
		for _, x := range flagged {
			q := wd.q.Question(x.ID)
			d := htmlDistribution{Question: q.Text.In(wd.lang()),
				Summary: fmt.Sprintf("%s %s · n %d · %s %d", t["col_score"], score(x.Score), x.N, t["col_dont_know"], x.DontKnow)}
			for o, c := range x.Counts {
				d.Options = append(d.Options, htmlOption{Label: fmt.Sprintf("%d  %s", o, q.Options[o].In(wd.lang())), Count: c, Bar: shareBar(c, x.N)})
			}
			v.Distributions = append(v.Distributions, d)
		}
	}
	for _, n := range in.Notes {
		v.Notes = append(v.Notes, htmlNote{About: wd.noteAbout(n), Text: n.Text})
	}
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, v); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// Colours of the SVG charts, with enough contrast on white.
var levelHex = [6]string{"#6c757d", "#b71c1c", "#b34700", "#8a6d00", "#3f6e1a", "#2e7d32"}

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
	const size, cx, cy, r = 900, 450.0, 240.0, 190.0
	at := func(i int, v float64) (float64, float64) {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		return cx + r*v/4*math.Cos(a), cy + r*v/4*math.Sin(a)
	}
	var b strings.Builder
	svg(&b, size, 500, w.t["radar"], w.t.f("chart_radar_alt", n))
	points := func(value func(i int) float64) string {
		var ps []string
		for i := range dims {
			x, y := at(i, value(i))
			ps = append(ps, fmt.Sprintf("%.1f,%.1f", x, y))
		}
		return strings.Join(ps, " ")
	}
	for ring := 1; ring <= 4; ring++ {
		fmt.Fprintf(&b, `<polygon points="%s" fill="none" stroke="#c8cdd2" stroke-width="1"/>`, points(func(int) float64 { return float64(ring) }))
	}
	for i, d := range dims {
		x, y := at(i, 4)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#c8cdd2"/>`, cx, cy, x, y)
		lx, ly := at(i, 4.5)
		anchor := "middle"
		if lx < cx-5 {
			anchor = "end"
		} else if lx > cx+5 {
			anchor = "start"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="%s" fill="#212529">%s</text>`, lx, ly+4, anchor, html.EscapeString(w.q.Dimension(d.ID).Name.In(w.lang())))
	}
	fmt.Fprintf(&b, `<polygon points="%s" style="fill: var(--primary); stroke: var(--primary)" fill-opacity="0.3" stroke-width="2"/>`, points(func(i int) float64 {
		if s := dims[i].Score; s != nil {
			return *s
		}
		return 0
	}))
	fmt.Fprintf(&b, `<polygon points="%s" fill="none" style="stroke: var(--accent)" stroke-width="2" stroke-dasharray="6 4"/>`, points(func(i int) float64 { return float64(dims[i].Target - 1) }))
	fmt.Fprintf(&b, `<rect x="340" y="480" width="18" height="10" style="fill: var(--primary); stroke: var(--primary)" fill-opacity="0.3"/><text x="364" y="490" font-size="13">%s</text>`, html.EscapeString(w.t["current"]))
	fmt.Fprintf(&b, `<line x1="470" y1="485" x2="492" y2="485" style="stroke: var(--accent)" stroke-width="2" stroke-dasharray="6 4"/><text x="498" y="490" font-size="13">%s</text>`, html.EscapeString(w.t["target"]))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func (w words) barsSVG() template.HTML {
	dims := w.res.Dimensions
	const width, nameW, scaleW, rowH = 700, 260.0, 340.0, 24.0
	var b strings.Builder
	svg(&b, width, int(rowH*float64(len(dims))+30), w.t["bars"], w.t["chart_bars_alt"])
	for v := 0; v <= 4; v++ {
		x := nameW + scaleW*float64(v)/4
		fmt.Fprintf(&b, `<text x="%.1f" y="14" font-size="12" text-anchor="middle" fill="#495057">%d</text>`, x, v)
	}
	for i, d := range dims {
		y := 24 + rowH*float64(i)
		fmt.Fprintf(&b, `<text x="0" y="%.1f" font-size="13" fill="#212529">%s</text>`, y+16, html.EscapeString(w.q.Dimension(d.ID).Name.In(w.lang())))
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="14" fill="#e9eef4"/>`, nameW, y+4, scaleW)
		label := "–"
		if d.Score != nil {
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="14" fill="%s"/>`, nameW, y+4, scaleW**d.Score/4, levelHex[d.Level])
			label = fmt.Sprintf("%.2f · %d", *d.Score, d.Level)
		}
		tx := nameW + scaleW*float64(d.Target-1)/4
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#212529" stroke-width="3"/>`, tx, y+1, tx, y+21)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="13" fill="#212529">%s</text>`, nameW+scaleW+10, y+16, label)
	}
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
		name := w.q.Dimension(step.Dimension).Name.In(w.lang())
		status := ""
		fill, ink := "#e9eef4", "#212529"
		switch {
		case i < st.ReachedIndex:
			fill, ink, status = "#3f6e1a", "#ffffff", w.t["reached"]
		case step.Dimension == st.BlockedBy:
			fill, ink, status = "var(--accent)", "#ffffff", w.t["blocks"]
		}
		parts = append(parts, strings.TrimSpace(fmt.Sprintf("%s %s %s", name, score(step.Score), status)))
		x := float64(i) * (bw + gap)
		h := 70 + float64(i)*20
		y := float64(n-1)*20 - float64(i)*20
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" style="fill: %s"/>`, x, y, bw, h, fill)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="14" font-weight="700" fill="%s">%s</text>`, x+8, y+22, ink, html.EscapeString(name))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="13" fill="%s">%s %s</text>`, x+8, y+42, ink, html.EscapeString(w.t["col_score"]), score(step.Score))
		if status != "" {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="13" fill="%s">%s</text>`, x+8, y+58, ink, html.EscapeString(status))
		}
	}
	var out strings.Builder
	svg(&out, int(width), int(70+float64(n-1)*20)+4, w.t["ladder"], w.t.f("chart_ladder_alt", strings.Join(parts, "; ")))
	out.WriteString(b.String())
	out.WriteString(`</svg>`)
	return template.HTML(out.String())
}

func (w words) trendSVG() template.HTML {
	rounds := append(append([]Round{}, w.in.Previous...), w.in.Round)
	const width, height, left, top, plotH = 700.0, 240.0, 40.0, 10.0, 190.0
	plotW := width - left - 40
	var b strings.Builder
	svg(&b, int(width), int(height), w.t["trend"], w.t["chart_trend_alt"])
	for v := 0; v <= 4; v++ {
		y := top + plotH - plotH*float64(v)/4
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#c8cdd2"/><text x="%.1f" y="%.1f" font-size="12" text-anchor="end" fill="#495057">%d</text>`, left, y, left+plotW, y, left-6, y+4, v)
	}
	step := plotW / float64(max(1, len(rounds)-1))
	var pts []string
	for i, r := range rounds {
		x := left + step*float64(i)
		if len(rounds) == 1 {
			x = left + plotW/2
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="middle" fill="#495057">%s</text>`, x, top+plotH+20, html.EscapeString(r.Label))
		if s := r.Result.Overall.Score; s != nil {
			y := top + plotH - plotH**s/4
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="5" style="fill: var(--primary)"/><text x="%.1f" y="%.1f" font-size="12" fill="#212529">%.2f</text>`, x, y, x+8, y-8, *s)
		}
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

// htmlCount is one bar of a distribution.
type htmlCount struct {
	Label string
	Count int
	Width float64 // of the bar, in rem
}

type htmlHeatRow struct {
	Name   string
	Depth  int
	Levels []int
}

// orgView is everything the organisation template shows.
type orgView struct {
	CSS                                                       template.CSS
	Logo                                                      template.URL
	Lang, Organisation, Date, Facts, Capped, StaleIntro       string
	QuestionnaireID                                           string
	Version                                                   int
	T                                                         texts
	Levels, Stages, Blockers                                  []htmlCount
	WeakestHeader, RankingHeader, ProgressHeader, StaleHeader []string
	WeakestRows, RankingRows, ProgressRows, StaleRows         [][]string
	Dimensions                                                []string
	Heat                                                      []htmlHeatRow
}

func htmlCounts(cs []counted) []htmlCount {
	most := 1
	for _, c := range cs {
		most = max(most, c.Count)
	}
	var out []htmlCount
	for _, c := range cs {
		out = append(out, htmlCount{Label: c.Label, Count: c.Count, Width: math.Round(120*float64(c.Count)/float64(most)) / 10})
	}
	return out
}

// WriteOrganisationHTML writes the organisation report as one
// self-contained, accessible HTML file; the heatmap is a table.
func WriteOrganisationHTML(w io.Writer, org Organisation) error {
	o, err := newOrgWords(org)
	if err != nil {
		return err
	}
	t := o.t
	v := orgView{
		CSS: styleCSS(org.Style), Logo: logoURL(org.Style), Lang: o.lang(), Organisation: org.Organisation, Date: o.date(org.Date),
		Facts: t.f("org_facts", len(org.Departments), o.sum.Scored), Capped: t.f("capped_count", o.sum.Capped, o.sum.Scored),
		StaleIntro: t.f("not_recent_intro", org.StaleMonths, o.date(org.Date)), QuestionnaireID: o.q.ID, Version: o.q.Version, T: t,
		Levels: htmlCounts(o.levelCounts()), Stages: htmlCounts(o.stageCounts()), Blockers: htmlCounts(o.blockerCounts()),
		WeakestHeader: o.weakestHeader(), WeakestRows: o.weakestRows(), RankingHeader: o.rankingHeader(), RankingRows: o.rankingRows(),
		ProgressHeader: o.progressHeader(), ProgressRows: o.progressRows(), StaleHeader: o.staleHeader(), StaleRows: o.staleRows(),
	}
	for _, d := range o.q.Dimensions() {
		v.Dimensions = append(v.Dimensions, d.Name.In(o.lang()))
	}
	for _, d := range org.Departments {
		v.Heat = append(v.Heat, htmlHeatRow{Name: d.Name, Depth: min(d.Depth, 3), Levels: o.levels(d)})
	}
	var buf bytes.Buffer
	if err := organisationTemplate.Execute(&buf, v); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// styleCSS is the house stylesheet with the style's colours.
func styleCSS(s Style) template.CSS {
	s = styleOrDefault(s)
	font := ""
	if s.Font == "medium" {
		font = `body { font-weight: 500; }`
	}
	return template.CSS(reports.CSS + fmt.Sprintf(":root { --primary: %s; --accent: %s; }\n%s", s.Primary.hex(), s.Accent.hex(), font))
}

// logoURL is the style's logo as a data URL, so the file stays self-contained.
func logoURL(s Style) template.URL {
	if len(s.Logo) == 0 {
		return ""
	}
	return template.URL("data:image/" + s.LogoType + ";base64," + base64.StdEncoding.EncodeToString(s.Logo))
}
