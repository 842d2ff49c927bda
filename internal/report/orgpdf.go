package report

import (
	"context"
	"fmt"
	"io"

	"github.com/maturity-nl/maturity/internal/scoring"
)

// orgPDF is the organisation report being written.
type orgPDF struct {
	pdf
	ow orgWords
}

// WriteOrganisationPDF writes the organisation report as an A4 PDF: the
// levels and stages across departments, the weakest foundations, the
// ranking, the heatmap, the progress and who has no recent assessment. The
// same input gives the same bytes.
func WriteOrganisationPDF(w io.Writer, org Organisation) error {
	return WriteOrganisationPDFContext(context.Background(), w, org)
}

// WriteOrganisationPDFContext is WriteOrganisationPDF that stops when ctx
// is cancelled, between pages and rows, and then writes nothing and
// returns ctx's error.
func WriteOrganisationPDFContext(ctx context.Context, w io.Writer, org Organisation) (err error) {
	defer recoverPDF(&err)
	ow, err := newOrgWords(org)
	if err != nil {
		return err
	}
	wd, org := ow.words, ow.org
	f := newDocument(org.Date, wd.t["org_title"]+" — "+org.Organisation, org.Organisation, org.Style)
	o := &orgPDF{pdf: pdf{Fpdf: f, words: wd, style: styleOrDefault(org.Style), ctx: ctx}, ow: ow}
	f.SetHeaderFunc(o.header)
	f.SetFooterFunc(o.footer)
	o.cover(ow.sum)
	o.overview(ow.sum)
	o.ranking()
	o.heatmap()
	o.progress()
	o.stale()
	o.replacedNote()
	return finish(ctx, f, w)
}

func (o *orgPDF) header() {
	if o.PageNo() == 1 || o.stopped() {
		return
	}
	o.font("", 8)
	o.ink(muted)
	o.SetXY(margin, 10)
	o.CellFormat(contentW/2, 5, o.fitText(o.t["org_title"]+" · "+o.date(o.ow.org.Date), contentW/2), "", 0, "L", false, 0, "")
	o.CellFormat(contentW/2, 5, fmt.Sprintf("%s %s %d", o.q.ID, o.t["version"], o.q.Version), "", 0, "R", false, 0, "")
	o.draw(rule)
	o.SetLineWidth(0.2)
	o.Line(margin, 16, pageW-margin, 16)
	o.SetY(margin + 8)
}

func (o *orgPDF) cover(sum scoring.Summary) {
	o.AddPage()
	o.fill(o.style.Primary)
	o.Rect(0, 0, pageW, 92, "F")
	o.SetTextColor(255, 255, 255)
	o.SetXY(margin, 26)
	o.font("", 11)
	if o.ow.org.Organisation != "" {
		o.CellFormat(contentW, 6, o.fitText(o.ow.org.Organisation, contentW), "", 1, "L", false, 0, "")
	}
	o.SetX(margin)
	o.font("B", 26)
	o.CellFormat(contentW, 14, o.fitText(o.t["org_title"], contentW), "", 1, "L", false, 0, "")
	o.Bookmark(o.t["org_title"], 0, 0)
	o.logo(20, 16)
	o.SetXY(margin, 108)
	o.ink(ink)
	o.font("", 12)
	o.CellFormat(contentW, 7, o.date(o.ow.org.Date), "", 1, "L", false, 0, "")
	o.CellFormat(contentW, 7, o.t.f("org_facts", len(o.ow.org.Departments), sum.Scored), "", 1, "L", false, 0, "")
	o.CellFormat(contentW, 7, fmt.Sprintf("%s: %s (%s %d)", o.t["questionnaire"], o.q.Title.In(o.lang()), o.t["version"], o.q.Version), "", 1, "L", false, 0, "")
}

// countBars draws labelled horizontal bars of counts.
func (o *orgPDF) countBars(cs []counted, c colour) {
	most := 1
	for _, x := range cs {
		most = max(most, x.Count)
	}
	labelW, barW := 60.0, contentW-60-14
	for _, x := range cs {
		o.room(6)
		y := o.GetY()
		o.font("", 9)
		o.ink(ink)
		o.SetXY(margin, y)
		o.CellFormat(labelW, 6, o.fitText(x.Label, labelW-2), "", 0, "L", false, 0, "")
		o.fill(light)
		o.Rect(margin+labelW, y+1.3, barW, 3.4, "F")
		if x.Count > 0 {
			o.fill(c)
			if x.Level > 0 {
				o.fill(levelInk[x.Level])
			}
			o.Rect(margin+labelW, y+1.3, barW*float64(x.Count)/float64(most), 3.4, "F")
		}
		o.SetXY(margin+labelW+barW+1, y)
		o.CellFormat(13, 6, fmt.Sprint(x.Count), "", 1, "R", false, 0, "")
	}
	o.Ln(2)
}

func (o *orgPDF) overview(sum scoring.Summary) {
	o.AddPage()
	o.heading(o.t["overview"], 0)
	o.subheading(o.t["levels_distribution"])
	o.countBars(o.ow.levelCounts(), o.style.Primary)
	for _, c := range o.ow.cappedSentences() {
		o.para(c, 10, "", 0)
	}
	if stages := o.ow.stageCounts(); stages != nil {
		o.subheading(o.t["stages_distribution"])
		o.countBars(stages, o.style.Primary)
		o.subheading(o.t["blockers"])
		o.countBars(o.ow.blockerCounts(), o.style.Accent)
	}
	o.subheading(o.t["weakest"])
	o.para(o.t["weakest_intro"], 9.5, "", 0)
	o.table(o.ow.weakestHeader(), []float64{50, 42, 16, 36, contentW - 144}, "LLRLR", o.ow.weakestRows())
}

func (o *orgPDF) ranking() {
	o.AddPage()
	o.heading(o.t["ranking"], 0)
	o.table(o.ow.rankingHeader(), []float64{10, 44, 16, 13, 34, 24, contentW - 141}, "RLLRLLL", o.ow.rankingRows())
	o.font("", 8)
	o.ink(muted)
	o.CellFormat(contentW, 5, o.t["capped_mark"], "", 1, "L", false, 0, "")
	if len(o.q.Minimums()) > 0 {
		o.CellFormat(contentW, 5, o.t["minimum_capped_mark"], "", 1, "L", false, 0, "")
	}
	o.ink(ink)
}

// heatmap draws departments × dimensions, coloured by level, paginated,
// in hierarchy order.
func (o *orgPDF) heatmap() {
	o.AddPage()
	o.heading(o.t["heatmap"], 0)
	o.para(o.t["heatmap_intro"], 9.5, "", 0)
	o.levelLegend()
	dims := o.q.Dimensions()
	nameW := 56.0
	cellW := (contentW - nameW) / float64(len(dims))
	const rowH, headH = 5.0, 34.0
	head := func() {
		o.room(headH + rowH*3)
		y := o.GetY() + headH
		o.font("", 7)
		o.ink(ink)
		for i, d := range dims {
			x := margin + nameW + cellW*float64(i) + cellW/2 + 1
			o.TransformBegin()
			o.TransformRotate(90, x, y)
			o.Text(x, y, o.fitText(d.Name.In(o.lang()), headH-2))
			o.TransformEnd()
		}
		o.SetY(y + 1)
	}
	head()
	for _, d := range o.ow.org.Departments {
		if o.stopped() {
			return
		}
		if o.GetY()+rowH > bottom {
			o.AddPage()
			head()
		}
		y := o.GetY()
		style := ""
		if d.Depth == 0 {
			style = "B"
		}
		o.font(style, 7.5)
		o.ink(ink)
		indent := 3 * float64(min(d.Depth, 4))
		o.SetXY(margin+indent, y)
		o.CellFormat(nameW-indent-1, rowH, o.fitText(d.Name, nameW-indent-1), "", 0, "L", false, 0, "")
		for i, c := range o.ow.cells(d) {
			x := margin + nameW + cellW*float64(i)
			if c.Level == 0 {
				o.fill(colour{245, 247, 250})
				o.Rect(x+0.2, y+0.2, cellW-0.4, rowH-0.4, "F")
				continue
			}
			o.fill(levelInk[c.Level])
			o.Rect(x+0.2, y+0.2, cellW-0.4, rowH-0.4, "F")
			o.SetTextColor(255, 255, 255)
			o.font("B", 6.5)
			o.SetXY(x, y)
			o.CellFormat(cellW, rowH, c.Score, "", 0, "C", false, 0, "")
			o.font(style, 7.5)
		}
		o.SetY(y + rowH)
	}
}

func (o *orgPDF) progress() {
	o.AddPage()
	o.heading(o.t["progress"], 0)
	rows := o.ow.progressRows()
	if len(rows) == 0 {
		o.para(o.t["no_progress"], 10, "", 0)
		return
	}
	o.table(o.ow.progressHeader(), []float64{50, 38, 38, contentW - 126}, "LLLL", rows)
}

func (o *orgPDF) stale() {
	o.heading(o.t["not_recent"], 1)
	o.para(o.t.f("not_recent_intro", o.ow.org.StaleMonths, o.date(o.ow.org.Date)), 9.5, "", 0)
	rows := o.ow.staleRows()
	if len(rows) == 0 {
		o.para(o.t["all_recent"], 10, "", 0)
		return
	}
	o.table(o.ow.staleHeader(), []float64{70, 60, contentW - 130}, "LLL", rows)
}
