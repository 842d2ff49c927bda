package report

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// orgPDF is the organisation report being written.
type orgPDF struct {
	pdf
	ow orgWords
}

// WriteOrganisationPDF writes the organisation report as an A4 PDF: the
// conclusions for the organisation, the levels and stages across
// departments, the weakest foundations, the agreements, the ranking, the
// heatmap, the progress and who has no recent assessment. The same input
// gives the same bytes.
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
	title := documentTitle(wd.t["org_title"], org.Organisation)
	f := newDocument(org.Date, title, org.Organisation, org.Style)
	o := &orgPDF{pdf: pdf{Fpdf: f, words: wd, style: styleOrDefault(org.Style), ctx: ctx, ts: newTypeset(org.Style)}, ow: ow}
	o.tag(org.Date, title, org.Organisation, o.header, o.footer)
	o.cover()
	o.conclusions()
	o.overview()
	o.agreements()
	o.ranking()
	o.heatmap()
	o.progress()
	o.stale()
	o.actionCounts()
	o.replacedNote()
	return o.finish(ctx, w)
}

func (o *orgPDF) header() {
	if o.PageNo() == 1 || o.stopped() {
		return
	}
	o.font("", 8)
	o.ink(muted)
	o.SetXY(margin, 10)
	o.cell(contentW/2, 5, o.fitText(o.t["org_title"]+" · "+o.date(o.ow.org.Date), contentW/2), 0, "L")
	o.cell(contentW/2, 5, o.fitText(o.questionnaireName(), contentW/2), 0, "R")
	o.draw(rule)
	o.SetLineWidth(0.2)
	o.Line(margin, 16, pageW-margin, 16)
	o.SetY(margin + 8)
}

func (o *orgPDF) cover() {
	o.AddPage()
	o.fill(o.style.Primary)
	o.Rect(0, 0, pageW, 92, "F")
	o.SetTextColor(255, 255, 255)
	o.SetXY(margin, 26)
	o.font("", 11)
	if o.ow.org.Organisation != "" {
		o.tagged(roleP, func() {
			o.cell(contentW, 6, o.fitText(o.ow.org.Organisation, contentW), 1, "L")
		})
	}
	o.SetX(margin)
	o.font("B", 26)
	o.tagged(roleH1, func() { o.cell(contentW, 14, o.fitText(o.t["org_title"], contentW), 1, "L") })
	o.Bookmark(o.t["org_title"], 0, 0)
	o.logo(20, 16)
	o.SetXY(margin, 108)
	o.ink(ink)
	o.font("", 12)
	for _, line := range []string{o.date(o.ow.org.Date), o.ow.facts(), o.t["questionnaire"] + ": " + o.questionnaireName()} {
		o.tagged(roleP, func() { o.cell(contentW, 7, line, 1, "L") })
	}
}

// conclusions is the page leadership reads first: what the organisation
// should do first, its trend, the agreements and the clusters.
func (o *orgPDF) conclusions() {
	o.AddPage()
	o.heading(o.t["org_conclusions"], 0)
	o.para(o.t.f("org_conclusions_intro", o.ow.sum.Scored), 10, "", 0)
	o.subheading(o.t["org_first"])
	steps := o.ow.firstSteps()
	o.list(len(steps), func(i int) {
		o.room(10)
		o.font("B", 10)
		o.SetX(margin)
		o.tagged(roleLbl, func() { o.cell(7, 10*0.45, fmt.Sprintf("%d.", i+1), 0, "L") })
		o.SetX(margin)
		o.tagged(roleLBody, func() { o.para(steps[i], 10, "", 7) })
		o.Ln(1.5)
	})
	o.subheading(o.t["org_trend"])
	for _, s := range o.ow.trendSentences() {
		o.para(s, 10, "", 0)
		o.Ln(1)
	}
	o.subheading(o.t["org_conclusions_agreements"])
	o.para(o.ow.agreementsSummary(), 10, "", 0)
	if rows := o.ow.unmetRows(); len(rows) > 0 {
		o.subheading(o.t["org_unmet"])
		o.table(o.ow.unmetHeader(), []float64{70, 44, 22, contentW - 136}, "LLRL", rows)
	}
	if tables := o.ow.clusterTables(); len(tables) > 0 {
		o.subheading(o.t["org_cluster_table"])
		o.para(o.t["org_cluster_table_intro"], 9.5, "", 0)
		for _, t := range tables {
			n := len(t.Header) - 1
			widths := []float64{48}
			for range n {
				widths = append(widths, (contentW-48)/float64(n))
			}
			o.table(t.Header, widths, "L"+strings.Repeat("R", n), t.Rows)
		}
	}
}

// barsHeight is the height of a distribution of n bars under its heading.
func barsHeight(n int) float64 { return 9 + 6*float64(n) + 2 }

// countBars draws labelled horizontal bars of counts.
func (o *orgPDF) countBars(cs []counted, c colour) {
	most := 1
	for _, x := range cs {
		most = max(most, x.Count)
	}
	labelW, barW := 60.0, contentW-60-14
	// A table of label and count; the bars show the counts again.
	o.tags.begin(&element{role: roleTable})
	o.tags.begin(&element{role: roleTBody})
	defer func() { o.tags.end(); o.tags.end() }()
	for _, x := range cs {
		o.room(6)
		y := o.GetY()
		o.font("", 9)
		o.ink(ink)
		o.SetXY(margin, y)
		o.tags.begin(&element{role: roleTR})
		o.headerCell(scopeRow, func() { o.cell(labelW, 6, o.fitText(x.Label, labelW-2), 0, "L") })
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
		o.tagged(roleTD, func() { o.cell(13, 6, fmt.Sprint(x.Count), 1, "R") })
		o.tags.end()
	}
	o.Ln(2)
}

func (o *orgPDF) overview() {
	o.AddPage()
	o.heading(o.t["overview"], 0)
	o.subheading(o.t["levels_distribution"])
	o.countBars(o.ow.levelCounts(), o.style.Primary)
	for _, c := range o.ow.cappedSentences() {
		o.para(c, 10, "", 0)
	}
	if stages := o.ow.stageCounts(); stages != nil {
		// A distribution and its heading stay on one page.
		o.room(barsHeight(len(stages)))
		o.subheading(o.t["stages_distribution"])
		o.countBars(stages, o.style.Primary)
		blockers := o.ow.blockerCounts()
		o.room(barsHeight(len(blockers)))
		o.subheading(o.t["blockers"])
		o.countBars(blockers, o.style.Accent)
	}
	o.subheading(o.t["weakest"])
	o.para(o.t["weakest_intro"], 9.5, "", 0)
	o.table(o.ow.weakestHeader(), []float64{54, 40, 22, 34, contentW - 150}, "LLRLR", o.ow.weakestRows())
}

// agreements is what the departments agreed and what became of it: who
// agreed nothing, the done actions beside their dimensions' change, and
// every department's actions by status.
func (o *orgPDF) agreements() {
	o.AddPage()
	o.heading(o.t["agreements"], 0)
	o.para(o.ow.agreementsSummary(), 10, "", 0)
	if !o.ow.hasActions() {
		return
	}
	o.heading(o.t["org_noncommittal"], 1)
	if names := o.ow.noncommittal(); len(names) == 0 {
		o.para(o.t["org_noncommittal_none"], 10, "", 0)
	} else {
		o.para(o.t.f(plural(len(names), "org_noncommittal_intro"), len(names)), 10, "", 0)
		for _, c := range o.ow.noncommittalRows() {
			o.room(10)
			o.Ln(1)
			o.para(c.Cluster, 9.5, "B", 0)
			o.para(strings.Join(column(c.Rows, 0), ", "), 9.5, "", 0)
		}
	}
	o.heading(o.t["org_done_change"], 1)
	o.para(o.t["org_done_change_intro"], 9.5, "", 0)
	rows := o.ow.doneRows()
	if len(rows) == 0 {
		o.para(o.t["org_done_none"], 10, "", 0)
		return
	}
	o.Ln(1.5)
	o.para(o.t["org_done_by_dimension_intro"], 9.5, "", 0)
	o.table(o.ow.doneByDimensionHeader(), []float64{54, 20, 25, 25, 25, contentW - 149}, "LRRRRR", o.ow.doneByDimensionRows())
	if n := doneCount(rows); n > maxDoneRows {
		o.para(o.t.f("org_done_list_omitted", n), 9.5, "", 0)
	} else {
		o.clusterTables(o.ow.doneHeader(), []float64{40, 70, 26, contentW - 136}, "LLLL", rows)
	}
}

// actionCounts is every department's actions by status: reference pages,
// after the progress, so that they do not push the ranking back.
func (o *orgPDF) actionCounts() {
	if !o.ow.hasActions() {
		return
	}
	o.AddPage()
	o.heading(o.t["org_agreements_table"], 0)
	o.para(o.t.f("org_agreements_table_intro", o.date(o.ow.org.Date)), 9.5, "", 0)
	o.clusterTables(o.ow.actionCountHeader(), []float64{64, 30, 20, 20, 20, contentW - 154}, "LRRRRR", o.ow.actionCountRows())
}

// column is the i-th cell of every row.
func column(rows [][]string, i int) []string {
	out := make([]string, len(rows))
	for k, r := range rows {
		out[k] = r[i]
	}
	return out
}

// clusterTables writes a table per cluster under the cluster's heading;
// where a cluster's rows continue on the next page, the heading does too.
func (o *orgPDF) clusterTables(header []string, widths []float64, align string, groups []clusterRows) {
	for _, g := range groups {
		rows, title := g.Rows, g.Cluster
		for len(rows) > 0 {
			if o.stopped() {
				return
			}
			o.room(32)
			o.subheading(title)
			n := o.rowsThatFit(header, widths, rows)
			o.table(header, widths, align, rows[:n])
			if rows = rows[n:]; len(rows) > 0 {
				o.AddPage()
				title = o.t.f("org_continued", g.Cluster)
			}
		}
	}
}

// rowsThatFit is how many of rows fit below the table's header on this
// page, at least one: the same measure as the table's.
func (o *orgPDF) rowsThatFit(header []string, widths []float64, rows [][]string) int {
	const lh = 4.2
	height := func(cells []string, style string) float64 {
		o.font(style, 8.5)
		n := 1
		for i, c := range cells {
			n = max(n, len(o.clip(o.lines(c, widths[i]-2), cellLines, widths[i]-2)))
		}
		return float64(n)*lh + 1.6
	}
	y := o.GetY() + height(header, "B")
	for k, r := range rows {
		if y += height(r, ""); y > bottom {
			return max(k, 1)
		}
	}
	return len(rows)
}

func (o *orgPDF) ranking() {
	o.AddPage()
	o.heading(o.t["ranking"], 0)
	o.para(o.t.f("org_ranking_intro"), 9.5, "", 0)
	o.Ln(1)
	var rows [][]string
	for _, r := range o.ow.rankingRows() {
		rows = append(rows, r.Cells)
	}
	o.table(o.ow.rankingHeader(), []float64{13, 36, 24, 8, 11, 17, 19, 22, contentW - 150}, "LLLRRRLLL", rows)
	o.font("", 8)
	o.ink(muted)
	o.tagged(roleP, func() { o.cell(contentW, 5, o.t["capped_mark"], 1, "L") })
	if len(o.q.Minimums()) > 0 {
		o.tagged(roleP, func() { o.cell(contentW, 5, o.t["minimum_capped_mark"], 1, "L") })
	}
	o.ink(ink)
}

// heatmap draws departments × dimensions, coloured by level, paginated,
// in hierarchy order under their clusters; a page that continues a
// cluster names it again.
func (o *orgPDF) heatmap() {
	o.AddPage()
	o.heading(o.t["heatmap"], 0)
	o.para(o.t["heatmap_intro"], 9.5, "", 0)
	o.tagged(roleP, o.levelLegend)
	dims := o.q.Dimensions()
	nameW := 56.0
	cellW := (contentW - nameW) / float64(len(dims))
	const rowH, headH, labelH = 5.0, 34.0, 2.6
	head := func() {
		o.room(headH + rowH*3)
		y := o.GetY() + headH
		o.font("", 6.5)
		o.ink(ink)
		o.tagged(roleTR, func() {
			// The corner above the names is an empty header cell.
			o.headerCell(scopeColumn, func() {})
			for i, d := range dims {
				// A long name takes two lines instead of being cut.
				lines := spaced(o.clip(o.lines(d.Name.In(o.lang()), headH-2), 2, headH-2))
				x := margin + nameW + cellW*float64(i) + cellW/2 + 1 - labelH*float64(len(lines)-1)/2
				o.headerCell(scopeColumn, func() {
					for k, l := range lines {
						o.TransformBegin()
						o.TransformRotate(90, x+labelH*float64(k), y)
						o.Text(x+labelH*float64(k), y, l)
						o.TransformEnd()
					}
				})
			}
		})
		o.SetY(y + 1)
	}
	names := make([]string, len(o.ow.org.Departments))
	for i, d := range o.ow.org.Departments {
		names[i] = d.Name
	}
	tails := distinguishing(names)
	// A table: the dimensions' names head the columns, each department
	// heads its row; the header and the continued cluster's name repeated
	// on a new page are pagination artifacts.
	o.tags.begin(&element{role: roleTable})
	defer o.tags.end()
	o.tagged(roleTHead, head)
	o.tags.begin(&element{role: roleTBody})
	defer o.tags.end()
	for i, d := range o.ow.org.Departments {
		if o.stopped() {
			return
		}
		if o.GetY()+rowH > bottom {
			o.AddPage()
			o.tags.artifact("/Type /Pagination", func() {
				head()
				if c := o.ow.clusterName(i); c != "" && !o.ow.isCluster[i] && d.Depth > 0 {
					o.font("B", 7.5)
					o.SetXY(margin, o.GetY())
					o.cell(nameW-1, rowH, o.fitText(o.t.f("org_continued", c), nameW-1), 1, "L")
				}
			})
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
		o.tags.begin(&element{role: roleTR})
		o.headerCell(scopeRow, func() {
			o.cell(nameW-indent-1, rowH, o.fitName(d.Name, tails[i], nameW-indent-1), 0, "L")
		})
		for k, c := range o.ow.cells(d) {
			x := margin + nameW + cellW*float64(k)
			// A cell without a score is an empty data cell: its fill is
			// its content, so that every row has a cell per column.
			o.tagged(roleTD, func() {
				if c.Level == 0 {
					o.fill(colour{245, 247, 250})
					o.Rect(x+0.2, y+0.2, cellW-0.4, rowH-0.4, "F")
					return
				}
				o.fill(levelInk[c.Level])
				o.Rect(x+0.2, y+0.2, cellW-0.4, rowH-0.4, "F")
				o.SetTextColor(255, 255, 255)
				o.font("B", 6.5)
				o.SetXY(x, y)
				o.cell(cellW, rowH, c.Score, 0, "C")
				o.font(style, 7.5)
			})
		}
		o.tags.end()
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
	o.clusterTables(o.ow.progressHeader(), []float64{50, 38, 38, contentW - 126}, "LLLL", rows)
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
