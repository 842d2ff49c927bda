package report

import (
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
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
	// Style is the house style; the zero Style is DefaultStyle.
	Style Style
}

// orgWords are the rows and counts both renderers of the organisation
// report show.
type orgWords struct {
	words
	org Organisation
	sum scoring.Summary
}

func newOrgWords(org Organisation) (orgWords, error) {
	wd, err := newWords(Department{Lang: org.Lang, Organisation: org.Organisation, Questionnaire: org.Questionnaire})
	if err != nil {
		return orgWords{}, err
	}
	var results []scoring.Result
	for _, d := range org.Departments {
		if d.Latest != nil && d.Comparable {
			results = append(results, d.Latest.Result)
		}
	}
	return orgWords{words: wd, org: org, sum: scoring.Summarise(results)}, nil
}

// counted is a labelled count for a distribution.
type counted struct {
	Label string
	Count int
	Level int // the level it stands for, 0 when none
}

func (o orgWords) levelCounts() []counted {
	var out []counted
	for l := 1; l <= questionnaire.MaxLevel; l++ {
		out = append(out, counted{fmt.Sprintf("%d %s", l, o.q.LevelName(l, o.lang())), o.sum.Levels[l], l})
	}
	return out
}

func (o orgWords) stageCounts() []counted {
	g := o.q.StageGroup()
	if g == nil {
		return nil
	}
	out := []counted{{o.t["no_stage"], o.sum.Stages[""], 1}}
	for _, d := range g.Dimensions {
		out = append(out, counted{d.Name.In(o.lang()), o.sum.Stages[d.ID], 0})
	}
	return out
}

func (o orgWords) blockerCounts() []counted {
	g := o.q.StageGroup()
	if g == nil {
		return nil
	}
	var out []counted
	for _, d := range g.Dimensions {
		out = append(out, counted{d.Name.In(o.lang()), o.sum.Blockers[d.ID], 0})
	}
	return out
}

func (o orgWords) weakestHeader() []string {
	return []string{o.t["col_dimension"], o.t["col_group"], o.t["col_mean"], o.t["col_level"], o.t["departments"]}
}

// weakestRows are the foundation dimensions by their mean, weakest first.
func (o orgWords) weakestRows() [][]string {
	type weak struct {
		group, name string
		mean        float64
		n           int
	}
	var ws []weak
	for _, d := range o.q.Dimensions() {
		if n := o.sum.DimensionCounts[d.ID]; n > 0 && d.Group.Kind.IsFoundation() {
			ws = append(ws, weak{d.Group.Name.In(o.lang()), d.Name.In(o.lang()), o.sum.DimensionMeans[d.ID], n})
		}
	}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].mean < ws[j].mean })
	var rows [][]string
	for _, x := range ws {
		level := scoring.Level(x.mean)
		rows = append(rows, []string{x.name, x.group, fmt.Sprintf("%.2f", x.mean), fmt.Sprintf("%d %s", level, o.q.LevelName(level, o.lang())), fmt.Sprint(x.n)})
	}
	return rows
}

func (o orgWords) rankingHeader() []string {
	return []string{o.t["col_rank"], o.t["col_department"], o.t["round"], o.t["col_score"], o.t["col_level"], o.t["col_stage"], o.t["col_change"]}
}

// rankingRows are the assessed departments by overall score, highest first.
func (o orgWords) rankingRows() [][]string {
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
	for _, d := range ranked {
		// Only rounds on the report's questionnaire compare.
		if latestScore(d) == nil || !d.Comparable {
			continue
		}
		rank := len(rows) + 1
		r := d.Latest.Result
		stage := o.t["no_stage"]
		if r.Stage.Reached != "" && o.q.Dimension(r.Stage.Reached) != nil {
			stage = o.q.Dimension(r.Stage.Reached).Name.In(o.lang())
		}
		level := fmt.Sprintf("%d %s", r.Overall.Level, o.q.LevelName(r.Overall.Level, o.lang()))
		if r.Overall.Capped {
			level += " *"
		}
		rows = append(rows, []string{fmt.Sprint(rank), d.Name, d.Latest.Label, score(r.Overall.Score), level, stage, o.change(d)})
	}
	return rows
}

// change is the overall score's change since the previous round, or "".
func (o orgWords) change(d OrgDepartment) string {
	if d.Previous == nil || d.Latest == nil || d.Previous.Result.Overall.Score == nil || d.Latest.Result.Overall.Score == nil {
		return ""
	}
	return fmt.Sprintf("%+.2f", *d.Latest.Result.Overall.Score-*d.Previous.Result.Overall.Score)
}

func (o orgWords) progressHeader() []string {
	return []string{o.t["col_department"], o.t["col_previous"], o.t["col_latest"], o.t["col_change"]}
}

func (o orgWords) progressRows() [][]string {
	var rows [][]string
	for _, d := range o.org.Departments {
		if c := o.change(d); c != "" {
			p, l := d.Previous.Result.Overall, d.Latest.Result.Overall
			rows = append(rows, []string{d.Name, fmt.Sprintf("%s: %s (%d)", d.Previous.Label, score(p.Score), p.Level),
				fmt.Sprintf("%s: %s (%d)", d.Latest.Label, score(l.Score), l.Level), c})
		}
	}
	return rows
}

func (o orgWords) staleHeader() []string {
	return []string{o.t["col_department"], o.t["part_of_col"], o.t["col_last"]}
}

// staleRows are the departments never assessed or not within StaleMonths.
// A cluster that is never assessed itself but holds departments is a way
// of grouping them, not a department without a round.
func (o orgWords) staleRows() [][]string {
	limit := o.org.Date.AddDate(0, -o.org.StaleMonths, 0)
	parents := map[string]bool{}
	for _, d := range o.org.Departments {
		parents[d.Parent] = true
	}
	var rows [][]string
	for _, d := range o.org.Departments {
		switch {
		case d.Latest == nil && parents[d.Name]:
		case d.Latest == nil:
			rows = append(rows, []string{d.Name, d.Parent, o.t["never"]})
		case d.Latest.Date.Before(limit):
			rows = append(rows, []string{d.Name, d.Parent, fmt.Sprintf("%s (%s)", d.Latest.Label, o.date(d.Latest.Date))})
		}
	}
	return rows
}

// levels maps a department's dimensions to their levels in its latest
// round (0 for no score), for the heatmap.
func (o orgWords) levels(d OrgDepartment) []int {
	byID := map[string]int{}
	if d.Latest != nil && d.Comparable {
		for _, r := range d.Latest.Result.Dimensions {
			if r.Score != nil {
				byID[r.ID] = r.Level
			}
		}
	}
	var out []int
	for _, dim := range o.q.Dimensions() {
		out = append(out, byID[dim.ID])
	}
	return out
}

// orgPDF is the organisation report being written.
type orgPDF struct {
	pdf
	ow orgWords
}

func WriteOrganisationPDF(w io.Writer, org Organisation) (err error) {
	defer recoverPDF(&err)
	ow, err := newOrgWords(org)
	if err != nil {
		return err
	}
	wd := ow.words
	f := newDocument(org.Date, safe(wd.t["org_title"]+" — "+org.Organisation), safe(org.Organisation), org.Style)
	o := &orgPDF{pdf: pdf{Fpdf: f, words: wd, style: styleOrDefault(org.Style)}, ow: ow}
	f.SetHeaderFunc(o.header)
	f.SetFooterFunc(o.footer)
	o.cover(ow.sum)
	o.overview(ow.sum)
	o.ranking()
	o.heatmap()
	o.progress()
	o.stale()
	return finish(f, w)
}

func (o *orgPDF) header() {
	if o.PageNo() == 1 {
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
	o.para(o.t.f("capped_count", sum.Capped, sum.Scored), 10, "", 0)
	if stages := o.ow.stageCounts(); stages != nil {
		o.subheading(o.t["stages_distribution"])
		o.countBars(stages, o.style.Primary)
		o.subheading(o.t["blockers"])
		o.countBars(o.ow.blockerCounts(), o.style.Accent)
	}
	o.subheading(o.t["weakest"])
	o.para(o.t["weakest_intro"], 9.5, "", 0)
	o.table(o.ow.weakestHeader(), []float64{54, 44, 22, 36, contentW - 156}, "LLRLR", o.ow.weakestRows())
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
	o.table(o.ow.rankingHeader(), []float64{10, 48, 18, 15, 34, 28, contentW - 153}, "RLLRLLR", o.ow.rankingRows())
	o.font("", 8)
	o.ink(muted)
	o.CellFormat(contentW, 5, o.t["capped_mark"], "", 1, "L", false, 0, "")
	o.ink(ink)
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
	for _, d := range o.ow.org.Departments {
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
		for i, level := range o.ow.levels(d) {
			x := margin + nameW + cellW*float64(i)
			if level == 0 {
				o.fill(colour{245, 247, 250})
				o.Rect(x+0.2, y+0.2, cellW-0.4, rowH-0.4, "F")
				continue
			}
			o.fill(levelInk[level])
			o.Rect(x+0.2, y+0.2, cellW-0.4, rowH-0.4, "F")
			o.SetTextColor(255, 255, 255)
			o.font("B", 7)
			o.SetXY(x, y)
			o.CellFormat(cellW, rowH, fmt.Sprint(level), "", 0, "C", false, 0, "")
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
	o.table(o.ow.progressHeader(), []float64{64, 42, 42, contentW - 148}, "LLLR", rows)
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
