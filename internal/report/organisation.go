package report

import (
	"fmt"
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
	// Actions are every action of the department's register, overdue as of
	// the report's date; Agreed are those agreed after Latest and Earlier
	// those agreed after Previous.
	Actions, Agreed, Earlier []Action
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

// A cluster is a unit of the hierarchy that holds departments and has no
// round of its own: a way of grouping departments, not a department. Every
// count of departments leaves clusters out, and every department belongs
// to the cluster at the top of its branch.

// Units counts the departments that are not clusters: the departments
// every count of the report is of.
func (org Organisation) Units() int {
	parents := map[string]bool{}
	for _, d := range org.Departments {
		parents[d.Parent] = true
	}
	n := 0
	for _, d := range org.Departments {
		if d.Latest != nil || !parents[d.Name] {
			n++
		}
	}
	return n
}

// orgCluster is a cluster with its departments and their summary.
type orgCluster struct {
	Name string
	// Members index the organisation's departments, in hierarchy order.
	Members []int
	Sum     scoring.Summary
}

// orgWords are the rows and counts both renderers of the organisation
// report show.
type orgWords struct {
	words
	org Organisation
	sum scoring.Summary
	// isCluster marks the departments that are clusters; clusterOf is each
	// department's cluster (an index in clusters, -1 for a cluster).
	isCluster []bool
	clusterOf []int
	clusters  []orgCluster
	// units counts the departments that are not clusters.
	units int
	// ranked is the ranking of the comparable rounds (Index: a department).
	ranked []scoring.Ranked
}

func newOrgWords(org Organisation) (orgWords, error) {
	org = boundOrganisation(org)
	wd, err := newWords(Department{Lang: org.Lang, Organisation: org.Organisation, Questionnaire: org.Questionnaire})
	if err != nil {
		return orgWords{}, err
	}
	o := orgWords{words: wd, org: org}
	o.group()
	results := make([]scoring.Result, len(org.Departments))
	var scored []scoring.Result
	for i, d := range org.Departments {
		if o.comparable(i) {
			results[i] = d.Latest.Result
			scored = append(scored, d.Latest.Result)
		}
	}
	o.sum = scoring.Summarise(scored)
	for c := range o.clusters {
		var rs []scoring.Result
		for _, i := range o.clusters[c].Members {
			if o.comparable(i) {
				rs = append(rs, results[i])
			}
		}
		o.clusters[c].Sum = scoring.Summarise(rs)
	}
	o.ranked = scoring.Rank(results)
	return o, nil
}

// group finds the clusters and each department's cluster: the unit at the
// top of its branch, or "no cluster" for a department at the top that
// holds none.
func (o *orgWords) group() {
	ds := o.org.Departments
	parents := map[string]bool{}
	index := map[string]int{}
	for i, d := range ds {
		parents[d.Parent] = true
		index[d.Name] = i
	}
	o.isCluster = make([]bool, len(ds))
	o.clusterOf = make([]int, len(ds))
	byTop := map[int]int{} // top unit → cluster
	none := -1
	for i, d := range ds {
		o.isCluster[i] = d.Latest == nil && parents[d.Name]
		if o.isCluster[i] {
			o.clusterOf[i] = -1
			continue
		}
		o.units++
		top, seen := i, 0
		for ds[top].Parent != "" && seen < len(ds) {
			p, ok := index[ds[top].Parent]
			if !ok {
				break
			}
			top, seen = p, seen+1
		}
		if top == i && !parents[d.Name] {
			if none < 0 {
				none = len(o.clusters)
				o.clusters = append(o.clusters, orgCluster{Name: o.t["no_cluster"]})
			}
			o.clusterOf[i] = none
			o.clusters[none].Members = append(o.clusters[none].Members, i)
			continue
		}
		c, ok := byTop[top]
		if !ok {
			c = len(o.clusters)
			byTop[top] = c
			o.clusters = append(o.clusters, orgCluster{Name: ds[top].Name})
		}
		o.clusterOf[i] = c
		o.clusters[c].Members = append(o.clusters[c].Members, i)
	}
	// The departments without a cluster come last.
	if none >= 0 && none != len(o.clusters)-1 {
		moved := o.clusters[none]
		o.clusters = append(append(o.clusters[:none:none], o.clusters[none+1:]...), moved)
		for i, c := range o.clusterOf {
			switch {
			case c == none:
				o.clusterOf[i] = len(o.clusters) - 1
			case c > none:
				o.clusterOf[i] = c - 1
			}
		}
	}
}

// comparable reports whether department i is a department with a latest
// round on the report's questionnaire.
func (o orgWords) comparable(i int) bool {
	d := o.org.Departments[i]
	return !o.isCluster[i] && d.Latest != nil && d.Comparable
}

// clusterName is department i's cluster, "" for a cluster itself.
func (o orgWords) clusterName(i int) string {
	if c := o.clusterOf[i]; c >= 0 {
		return o.clusters[c].Name
	}
	return ""
}

// facts says how many departments, in how many clusters, were assessed.
func (o orgWords) facts() string {
	named := 0
	for _, c := range o.clusters {
		if c.Name != o.t["no_cluster"] {
			named++
		}
	}
	if named == 0 {
		return o.t.f("org_facts", o.units, o.sum.Scored)
	}
	return o.t.f(plural(named, "org_facts_clusters"), o.units, named, o.sum.Scored)
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
		out = append(out, counted{o.levelName(l), o.sum.Levels[l], l})
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

// weakDimension is a dimension with its mean over the departments.
type weakDimension struct {
	dim *questionnaire.Dimension
	// mean over n departments; gaps of them are below their target.
	mean    float64
	n, gaps int
}

// weakest are the dimensions with a score by their mean over the
// departments, weakest first (then in questionnaire order); only the
// foundations' when foundations is set.
func (o orgWords) weakest(sum scoring.Summary, foundations bool) []weakDimension {
	var ws []weakDimension
	for _, d := range o.q.Dimensions() {
		if n := sum.DimensionCounts[d.ID]; n > 0 && (!foundations || d.Group.Kind.IsFoundation()) {
			ws = append(ws, weakDimension{d, sum.DimensionMeans[d.ID], n, sum.DimensionGaps[d.ID]})
		}
	}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].mean < ws[j].mean })
	return ws
}

// weakestRows are the foundation dimensions by their mean, weakest first.
func (o orgWords) weakestRows() [][]string {
	var rows [][]string
	for _, x := range o.weakest(o.sum, true) {
		rows = append(rows, []string{x.dim.Name.In(o.lang()), x.dim.Group.Name.In(o.lang()), o.score(x.mean), o.levelName(scoring.Level(x.mean)), fmt.Sprint(x.n)})
	}
	return rows
}

func (o orgWords) rankingHeader() []string {
	return []string{o.t["col_place"], o.t["col_department"], o.t["col_cluster"], o.t["col_n"], o.t["col_score"], o.t["col_interval"],
		o.t["col_confidence"], o.t["col_level"], o.t["col_change"]}
}

// rankingRow is one row of the ranking; Group is its tie group, so that
// a view can set groups apart.
type rankingRow struct {
	Cells []string
	Group int
}

// rankingRows are the assessed departments by overall score, highest
// first; a tie group shares its place ("3–7").
func (o orgWords) rankingRows() []rankingRow {
	var rows []rankingRow
	for _, r := range o.ranked {
		d := o.org.Departments[r.Index]
		res := d.Latest.Result
		place := fmt.Sprint(r.First)
		if r.Last > r.First {
			place = fmt.Sprintf("%d–%d", r.First, r.Last)
		}
		level := o.levelName(res.Overall.Level)
		if res.Overall.Capped {
			level += " *"
		}
		if res.Overall.MinimumCapped {
			level += " †"
		}
		rows = append(rows, rankingRow{Group: r.Group, Cells: []string{place, d.Name, dash(o.clusterName(r.Index)), fmt.Sprint(res.Overall.Respondents),
			o.num(res.Overall.Score), o.interval(res.Overall.Interval), o.t["confidence_"+string(res.Overall.Confidence)], level, o.change(d)}})
	}
	return rows
}

// change is the overall score's change since the previous round with its
// direction, or "" without one.
func (o orgWords) change(d OrgDepartment) string {
	if d.Latest == nil || d.Latest.Result.Overall.Change == nil {
		return ""
	}
	return o.changeCell(d.Latest.Result.Overall.Change)
}

func (o orgWords) progressHeader() []string {
	return []string{o.t["col_department"], o.t["col_previous"], o.t["col_latest"], o.t["col_change"]}
}

// clusterRows are rows of a table under cluster headings.
type clusterRows struct {
	Cluster string
	Rows    [][]string
}

// progressRows are the departments with a change since their previous
// round, per cluster.
func (o orgWords) progressRows() []clusterRows {
	return o.perCluster(func(i int) []string {
		d := o.org.Departments[i]
		c := o.change(d)
		if c == "" || d.Previous == nil || !o.comparable(i) {
			return nil
		}
		p, l := d.Previous.Result.Overall, d.Latest.Result.Overall
		return []string{d.Name, o.t.f("round_score", d.Previous.Label, o.num(p.Score), p.Level), o.t.f("round_score", d.Latest.Label, o.num(l.Score), l.Level), c}
	})
}

// perCluster is row(i) for every department that has one, per cluster,
// leaving out the clusters without rows.
func (o orgWords) perCluster(row func(i int) []string) []clusterRows {
	var out []clusterRows
	for _, c := range o.clusters {
		cr := clusterRows{Cluster: c.Name}
		for _, i := range c.Members {
			if r := row(i); r != nil {
				cr.Rows = append(cr.Rows, r)
			}
		}
		if len(cr.Rows) > 0 {
			out = append(out, cr)
		}
	}
	return out
}

func (o orgWords) staleHeader() []string {
	return []string{o.t["col_department"], o.t["col_cluster"], o.t["col_last"]}
}

// staleRows are the departments never assessed or not within StaleMonths;
// clusters are not departments.
func (o orgWords) staleRows() [][]string {
	limit := o.org.Date.AddDate(0, -o.org.StaleMonths, 0)
	var rows [][]string
	for i, d := range o.org.Departments {
		switch {
		case o.isCluster[i]:
		case d.Latest == nil:
			rows = append(rows, []string{d.Name, dash(o.clusterName(i)), o.t["never"]})
		case d.Latest.Date.Before(limit):
			rows = append(rows, []string{d.Name, dash(o.clusterName(i)), fmt.Sprintf("%s (%s)", d.Latest.Label, o.date(d.Latest.Date))})
		}
	}
	return rows
}

// heatCell is one department's dimension in the heatmap: its level (0 for
// no score) and its score as shown.
type heatCell struct {
	Level int
	Score string
}

// cells are a department's dimensions in its latest round, for the heatmap.
func (o orgWords) cells(d OrgDepartment) []heatCell {
	byID := map[string]heatCell{}
	if d.Latest != nil && d.Comparable {
		for _, r := range d.Latest.Result.Dimensions {
			if r.Score != nil {
				byID[r.ID] = heatCell{r.Level, o.num(r.Score)}
			}
		}
	}
	var out []heatCell
	for _, dim := range o.q.Dimensions() {
		out = append(out, byID[dim.ID])
	}
	return out
}

// cappedSentences say how often each cap lowered a level; the minimum cap
// only for a questionnaire with legal minimums.
func (o orgWords) cappedSentences() []string {
	out := []string{o.t.f("capped_count", o.sum.Capped, o.sum.Scored)}
	if len(o.q.Minimums()) > 0 {
		out = append(out, o.t.f("minimum_capped_count", o.sum.MinimumCapped, o.sum.Scored))
	}
	return out
}
