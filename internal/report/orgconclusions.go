package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/maturity-nl/maturity/internal/scoring"
)

// The conclusions page of the organisation report: what the organisation
// as a whole should do first, its own trend, what was agreed, and the
// clusters side by side. It comes first because at 300 departments the
// pages per department are many, and leadership reads the first pages.

// mostNames is how many departments a sentence names before it counts
// the rest per cluster.
const mostNames = 6

// firstSteps are what to do first across the organisation: every unmet
// legal minimum and where, then the foundations that cap most
// departments with the dimension to start with, then the weakest
// dimensions across the departments.
func (o orgWords) firstSteps() []string {
	var out []string
	scored := o.sum.Scored
	if rows := o.unmetRows(); len(rows) > 0 {
		out = append(out, o.t.f(plural(len(rows), "org_first_minimums"), len(rows), o.sum.Unmet, scored))
	}
	if o.sum.Capped > 0 {
		type capping struct {
			id, name string
			n        int
		}
		var cs []capping
		for _, g := range o.q.Groups {
			if n := o.sum.CappedBy[g.ID]; n > 0 {
				cs = append(cs, capping{g.ID, g.Name.In(o.lang()), n})
			}
		}
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].n > cs[j].n })
		var by []string
		for _, c := range cs {
			by = append(by, o.t.f("org_capped_by", c.name, c.n))
		}
		for _, w := range o.weakest(o.sum, true) {
			if len(cs) > 0 && w.dim.Group.ID == cs[0].id {
				out = append(out, o.t.f("org_first_foundation", o.sum.Capped, scored, strings.Join(by, ", "), w.dim.Name.In(o.lang()), o.score(w.mean), w.gaps))
				break
			}
		}
	}
	var weak []string
	for i, w := range o.weakest(o.sum, false) {
		if i == 3 {
			break
		}
		weak = append(weak, o.t.f("org_weak_item", w.dim.Name.In(o.lang()), o.score(w.mean), w.gaps, w.n))
	}
	if len(weak) > 0 {
		out = append(out, o.t.f("org_first_weakest", strings.Join(weak, "; ")))
	}
	return out
}

func (o orgWords) unmetHeader() []string {
	return []string{o.t["org_col_minimum"], o.t["org_col_basis"], o.t["departments"], o.t["org_col_where"]}
}

// unmetRows are the legal minimums unmet anywhere, in questionnaire
// order: the question, its basis, in how many departments and where.
func (o orgWords) unmetRows() [][]string {
	var rows [][]string
	for _, q := range o.q.Minimums() {
		if n := o.sum.MinimumsUnmet[q.ID]; n > 0 {
			rows = append(rows, []string{q.Text.In(o.lang()), q.Minimum.Basis.In(o.lang()), strconv.Itoa(n), o.unmetWhere(q.ID, n)})
		}
	}
	return rows
}

// unmetWhere names the departments where a legal minimum is unmet, or at
// more than mostNames of them, how many per cluster.
func (o orgWords) unmetWhere(question string, n int) string {
	if n > mostNames {
		var per []string
		for _, c := range o.clusters {
			if k := c.Sum.MinimumsUnmet[question]; k > 0 {
				per = append(per, o.t.f("org_in_cluster", k, c.Name))
			}
		}
		return strings.Join(per, ", ")
	}
	var names []string
	for i, d := range o.org.Departments {
		if !o.comparable(i) {
			continue
		}
		for _, m := range d.Latest.Result.Minimums {
			if m.Question == question && m.Status == scoring.MinimumUnmet {
				names = append(names, d.Name)
			}
		}
	}
	return strings.Join(names, ", ")
}

// trendSentences are the organisation's own trend: how the departments
// with an earlier round moved, and where the levels stand now.
func (o orgWords) trendSentences() []string {
	tr := o.sum.Trend
	var out []string
	if tr.Compared == 0 {
		out = append(out, o.t["org_trend_none"])
	} else {
		d := tr.Directions
		out = append(out, o.t.f(plural(tr.Compared, "org_trend_sentence"), tr.Compared, d[scoring.Improvement], d[scoring.Decline], d[scoring.Unchanged], d[scoring.Uncertain], o.score(tr.Earlier), o.score(tr.Latest)))
	}
	var levels []string
	for l := len(o.sum.Levels) - 1; l >= 1; l-- {
		if n := o.sum.Levels[l]; n > 0 {
			levels = append(levels, o.t.f("org_level_count", n, l))
		}
	}
	if len(levels) > 0 {
		out = append(out, o.t.f("org_trend_levels", strings.Join(levels, ", ")))
	}
	return out
}

// clusterTable is the clusters × dimensions table, split into tables of at
// most clusterColumns clusters, each with the organisation's column.
type clusterTable struct {
	Header []string
	Rows   [][]string
}

// clusterColumns is how many clusters one table shows side by side on A4.
const clusterColumns = 6

func (o orgWords) clusterTables() []clusterTable {
	var cs []orgCluster
	for _, c := range o.clusters {
		if c.Sum.Scored > 0 {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		return nil
	}
	var out []clusterTable
	for start := 0; start < len(cs); start += clusterColumns {
		part := cs[start:min(start+clusterColumns, len(cs))]
		t := clusterTable{Header: []string{o.t["col_dimension"]}}
		for _, c := range part {
			t.Header = append(t.Header, fmt.Sprintf("%s (%d)", c.Name, c.Sum.Scored))
		}
		t.Header = append(t.Header, fmt.Sprintf("%s (%d)", o.t["col_organisation"], o.sum.Scored))
		for _, d := range o.q.Dimensions() {
			row := []string{d.Name.In(o.lang())}
			for _, c := range part {
				row = append(row, o.meanOf(c.Sum.DimensionMeans, c.Sum.DimensionCounts, d.ID))
			}
			t.Rows = append(t.Rows, append(row, o.meanOf(o.sum.DimensionMeans, o.sum.DimensionCounts, d.ID)))
		}
		out = append(out, t)
	}
	return out
}

// clusterCount is how many clusters have an assessed department: the
// columns of the clusters tables.
func (o orgWords) clusterCount() int {
	n := 0
	for _, c := range o.clusters {
		if c.Sum.Scored > 0 {
			n++
		}
	}
	return n
}

// meanOf is a dimension's mean as shown, a dash where no department
// scored it.
func (o orgWords) meanOf(means map[string]float64, counts map[string]int, id string) string {
	if counts[id] == 0 {
		return "–"
	}
	return o.score(means[id])
}
