package report

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/jung-kurt/gofpdf"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
)

// OrgDepartment is one department in the organisation report.
type OrgDepartment struct {
	Name, Parent string
	// Depth is the department's level in the hierarchy (0 at the top).
	Depth int
	// Latest and Previous are its last two rounds; nil when absent.
	Latest, Previous *Round
	// Comparable says whether Latest was answered on the report's
	// questionnaire, so that its dimensions can be shown side by side.
	Comparable bool
}

// Organisation is what the organisation report is made from.
type Organisation struct {
	Lang, Organisation string
	Questionnaire      *questionnaire.Questionnaire
	// Date is the report's date: the newest round's.
	Date time.Time
	// StaleMonths is how old a latest round may be before the department
	// counts as having no recent assessment.
	StaleMonths int
	// Departments in hierarchy order.
	Departments []OrgDepartment
}

// orgPDF is the organisation report being written.
type orgPDF struct {
	pdf
	org Organisation
}

// WriteOrganisationPDF writes the report across departments: distributions,
// ranking, heatmap, weakest foundations, blockers, progress and who has no
// recent assessment. It stays readable from 5 to hundreds of departments.
func WriteOrganisationPDF(w io.Writer, org Organisation) error {
	wd, err := newWords(Department{Lang: org.Lang, Organisation: org.Organisation, Questionnaire: org.Questionnaire})
	if err != nil {
		return err
	}
	f := gofpdf.New("P", "mm", "A4", "")
	f.SetCatalogSort(true)
	f.SetCreationDate(org.Date)
	f.SetModificationDate(org.Date)
	f.SetCompression(true)
	f.AddUTF8FontFromBytes("go", "", goregular.TTF)
	f.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	f.AddUTF8FontFromBytes("go", "I", goitalic.TTF)
	f.SetMargins(margin, margin+8, margin)
	f.SetAutoPageBreak(true, pageH-bottom)
	f.AliasNbPages("{nb}")
	f.SetTitle(wd.t["org_title"]+" — "+org.Organisation, true)
	f.SetCreator("maturity", true)
	o := &orgPDF{pdf: pdf{Fpdf: f, words: wd}, org: org}
	f.SetHeaderFunc(o.header)
	f.SetFooterFunc(o.footer)

	var results []scoring.Result
	for _, d := range org.Departments {
		if d.Latest != nil && d.Comparable {
			results = append(results, d.Latest.Result)
		}
	}
	sum := scoring.Summarise(results)
	o.cover(sum)
	o.overview(sum)
	o.ranking()
	o.heatmap()
	o.progress()
	o.stale()
	if err := f.Error(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func (o *orgPDF) header() {
	if o.PageNo() == 1 {
		return
	}
	o.font("", 8)
	o.ink(muted)
	o.SetXY(margin, 10)
	o.CellFormat(contentW/2, 5, o.fitText(o.t["org_title"]+" · "+o.date(o.org.Date), contentW/2), "", 0, "L", false, 0, "")
	o.CellFormat(contentW/2, 5, fmt.Sprintf("%s %s %d", o.q.ID, o.t["version"], o.q.Version), "", 0, "R", false, 0, "")
	o.draw(rule)
	o.SetLineWidth(0.2)
	o.Line(margin, 16, pageW-margin, 16)
	o.SetY(margin + 8)
}

func (o *orgPDF) cover(sum scoring.Summary) {
	o.AddPage()
	o.fill(primary)
	o.Rect(0, 0, pageW, 92, "F")
	o.SetTextColor(255, 255, 255)
	o.SetXY(margin, 26)
	o.font("", 11)
	if o.org.Organisation != "" {
		o.CellFormat(contentW, 6, o.fitText(o.org.Organisation, contentW), "", 1, "L", false, 0, "")
	}
	o.SetX(margin)
	o.font("B", 26)
	o.CellFormat(contentW, 14, o.fitText(o.t["org_title"], contentW), "", 1, "L", false, 0, "")
	o.Bookmark(o.t["org_title"], 0, 0)
	o.SetXY(margin, 108)
	o.ink(ink)
	o.font("", 12)
	o.CellFormat(contentW, 7, o.date(o.org.Date), "", 1, "L", false, 0, "")
	o.CellFormat(contentW, 7, o.t.f("org_facts", len(o.org.Departments), sum.Scored), "", 1, "L", false, 0, "")
	o.CellFormat(contentW, 7, fmt.Sprintf("%s: %s (%s %d)", o.t["questionnaire"], o.q.Title.In(o.lang()), o.t["version"], o.q.Version), "", 1, "L", false, 0, "")
}

// countBars draws labelled horizontal bars of counts.
func (o *orgPDF) countBars(labels []string, counts []int, colours []colour) {
	most := 1
	for _, c := range counts {
		most = max(most, c)
	}
	labelW, barW := 60.0, contentW-60-14
	for i, l := range labels {
		o.room(6)
		y := o.GetY()
		o.font("", 9)
		o.ink(ink)
		o.SetXY(margin, y)
		o.CellFormat(labelW, 6, o.fitText(l, labelW-2), "", 0, "L", false, 0, "")
		o.fill(light)
		o.Rect(margin+labelW, y+1.3, barW, 3.4, "F")
		if counts[i] > 0 {
			o.fill(colours[i])
			o.Rect(margin+labelW, y+1.3, barW*float64(counts[i])/float64(most), 3.4, "F")
		}
		o.SetXY(margin+labelW+barW+1, y)
		o.CellFormat(13, 6, fmt.Sprint(counts[i]), "", 1, "R", false, 0, "")
	}
	o.Ln(2)
}

func (o *orgPDF) overview(sum scoring.Summary) {
	o.AddPage()
	o.heading(o.t["overview"], 0)
	o.subheading(o.t["levels_distribution"])
	var labels []string
	var counts []int
	var colours []colour
	for l := 1; l <= questionnaire.MaxLevel; l++ {
		labels = append(labels, fmt.Sprintf("%d %s", l, o.q.LevelName(l, o.lang())))
		counts = append(counts, sum.Levels[l])
		colours = append(colours, levelInk[l])
	}
	o.countBars(labels, counts, colours)
	o.para(o.t.f("capped_count", sum.Capped, sum.Scored), 10, "", 0)
	if g := o.q.StageGroup(); g != nil {
		o.subheading(o.t["stages_distribution"])
		labels, counts, colours = []string{o.t["no_stage"]}, []int{sum.Stages[""]}, []colour{levelInk[1]}
		for _, d := range g.Dimensions {
			labels = append(labels, d.Name.In(o.lang()))
			counts = append(counts, sum.Stages[d.ID])
			colours = append(colours, primary)
		}
		o.countBars(labels, counts, colours)
		o.subheading(o.t["blockers"])
		labels, counts, colours = nil, nil, nil
		for _, d := range g.Dimensions {
			labels = append(labels, d.Name.In(o.lang()))
			counts = append(counts, sum.Blockers[d.ID])
			colours = append(colours, colour{230, 81, 0})
		}
		o.countBars(labels, counts, colours)
	}
	o.subheading(o.t["weakest"])
	o.para(o.t["weakest_intro"], 9.5, "", 0)
	type weak struct {
		group, name string
		mean        float64
		n           int
	}
	var ws []weak
	for _, d := range o.q.Dimensions() {
		if n := sum.DimensionCounts[d.ID]; n > 0 && d.Group.Kind.IsFoundation() {
			ws = append(ws, weak{d.Group.Name.In(o.lang()), d.Name.In(o.lang()), sum.DimensionMeans[d.ID], n})
		}
	}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].mean < ws[j].mean })
	var rows [][]string
	for _, x := range ws {
		level := scoring.Level(x.mean)
		rows = append(rows, []string{x.name, x.group, fmt.Sprintf("%.2f", x.mean), fmt.Sprintf("%d %s", level, o.q.LevelName(level, o.lang())), fmt.Sprint(x.n)})
	}
	o.table([]string{o.t["col_dimension"], o.t["col_group"], o.t["col_mean"], o.t["col_level"], o.t["departments"]},
		[]float64{54, 44, 22, 36, contentW - 156}, "LLRLR", rows)
}

// latestScore is a department's latest overall score, or nil.
func latestScore(d OrgDepartment) *float64 {
	if d.Latest == nil {
		return nil
	}
	return d.Latest.Result.Overall.Score
}

func (o *orgPDF) ranking() {
	o.AddPage()
	o.heading(o.t["ranking"], 0)
	ranked := append([]OrgDepartment{}, o.org.Departments...)
	sort.SliceStable(ranked, func(i, j int) bool {
		a, b := latestScore(ranked[i]), latestScore(ranked[j])
		switch {
		case a == nil:
			return false
		case b == nil:
			return true
		}
		return *a > *b
	})
	var rows [][]string
	for i, d := range ranked {
		if d.Latest == nil || d.Latest.Result.Overall.Score == nil {
			continue
		}
		r := d.Latest.Result
		stage := o.t["no_stage"]
		if r.Stage.Reached != "" && o.q.Dimension(r.Stage.Reached) != nil {
			stage = o.q.Dimension(r.Stage.Reached).Name.In(o.lang())
		}
		level := fmt.Sprintf("%d %s", r.Overall.Level, o.q.LevelName(r.Overall.Level, o.lang()))
		if r.Overall.Capped {
			level += " *"
		}
		rows = append(rows, []string{fmt.Sprint(i + 1), d.Name, d.Latest.Label, score(r.Overall.Score), level, stage, o.change(d)})
	}
	o.table([]string{o.t["col_rank"], o.t["col_department"], o.t["round"], o.t["col_score"], o.t["col_level"], o.t["col_stage"], o.t["col_change"]},
		[]float64{10, 48, 18, 15, 34, 28, contentW - 153}, "RLLRLLR", rows)
	o.font("", 8)
	o.ink(muted)
	o.CellFormat(contentW, 5, o.t["capped_mark"], "", 1, "L", false, 0, "")
	o.ink(ink)
}

// change is the overall score's change since the previous round, or "".
func (o *orgPDF) change(d OrgDepartment) string {
	if d.Previous == nil || d.Latest == nil || d.Previous.Result.Overall.Score == nil || d.Latest.Result.Overall.Score == nil {
		return ""
	}
	return fmt.Sprintf("%+.2f", *d.Latest.Result.Overall.Score-*d.Previous.Result.Overall.Score)
}

// heatmap draws departments × dimensions, coloured by level, paginated,
// in hierarchy order.
func (o *orgPDF) heatmap() {
	o.AddPage()
	o.heading(o.t["heatmap"], 0)
	o.para(o.t["heatmap_intro"], 9.5, "", 0)
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
	for _, d := range o.org.Departments {
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
		byID := map[string]scoring.DimensionResult{}
		if d.Latest != nil && d.Comparable {
			for _, r := range d.Latest.Result.Dimensions {
				byID[r.ID] = r
			}
		}
		for i, dim := range dims {
			x := margin + nameW + cellW*float64(i)
			r, ok := byID[dim.ID]
			if !ok || r.Score == nil {
				o.fill(colour{245, 247, 250})
				o.Rect(x+0.2, y+0.2, cellW-0.4, rowH-0.4, "F")
				continue
			}
			o.fill(levelInk[r.Level])
			o.Rect(x+0.2, y+0.2, cellW-0.4, rowH-0.4, "F")
			o.SetTextColor(255, 255, 255)
			o.font("B", 7)
			o.SetXY(x, y)
			o.CellFormat(cellW, rowH, fmt.Sprint(r.Level), "", 0, "C", false, 0, "")
			o.font(style, 7.5)
		}
		o.SetY(y + rowH)
	}
}

func (o *orgPDF) progress() {
	o.AddPage()
	o.heading(o.t["progress"], 0)
	var rows [][]string
	for _, d := range o.org.Departments {
		if c := o.change(d); c != "" {
			p, l := d.Previous.Result.Overall, d.Latest.Result.Overall
			rows = append(rows, []string{d.Name, fmt.Sprintf("%s: %s (%d)", d.Previous.Label, score(p.Score), p.Level),
				fmt.Sprintf("%s: %s (%d)", d.Latest.Label, score(l.Score), l.Level), c})
		}
	}
	if len(rows) == 0 {
		o.para(o.t["no_progress"], 10, "", 0)
		return
	}
	o.table([]string{o.t["col_department"], o.t["col_previous"], o.t["col_latest"], o.t["col_change"]},
		[]float64{64, 42, 42, contentW - 148}, "LLLR", rows)
}

func (o *orgPDF) stale() {
	o.heading(o.t["not_recent"], 1)
	limit := o.org.Date.AddDate(0, -o.org.StaleMonths, 0)
	o.para(o.t.f("not_recent_intro", o.org.StaleMonths, o.date(o.org.Date)), 9.5, "", 0)
	var rows [][]string
	for _, d := range o.org.Departments {
		switch {
		case d.Latest == nil:
			rows = append(rows, []string{d.Name, d.Parent, o.t["never"]})
		case d.Latest.Date.Before(limit):
			rows = append(rows, []string{d.Name, d.Parent, fmt.Sprintf("%s (%s)", d.Latest.Label, o.date(d.Latest.Date))})
		}
	}
	if len(rows) == 0 {
		o.para(o.t["all_recent"], 10, "", 0)
		return
	}
	o.table([]string{o.t["col_department"], o.t["part_of_col"], o.t["col_last"]}, []float64{70, 60, contentW - 130}, "LLL", rows)
}
