package report

import (
	"strconv"

	"github.com/maturity-nl/maturity/internal/scoring"
)

// The organisation's agreements: how many actions each department has
// open, overdue and done, which departments agreed nothing after their
// latest round (the noncommittal rounds the interview warns about), and
// the done actions beside what their dimensions did since.

// actionCounts are a department's actions by status.
type actionCounts struct {
	all, open, overdue, done, dropped int
}

func countActions(as []Action) actionCounts {
	var c actionCounts
	for _, a := range as {
		c.all++
		switch {
		case a.Status == "done":
			c.done++
		case a.Status == "dropped":
			c.dropped++
		case a.open():
			c.open++
			if a.Overdue {
				c.overdue++
			}
		}
	}
	return c
}

// noncommittal are the assessed departments that agreed nothing after
// their latest round.
func (o orgWords) noncommittal() []string {
	var names []string
	for i, d := range o.org.Departments {
		if o.comparable(i) && len(d.Agreed) == 0 {
			names = append(names, d.Name)
		}
	}
	return names
}

// noncommittalRows are those departments per cluster.
func (o orgWords) noncommittalRows() []clusterRows {
	return o.perCluster(func(i int) []string {
		if o.comparable(i) && len(o.org.Departments[i].Agreed) == 0 {
			return []string{o.org.Departments[i].Name}
		}
		return nil
	})
}

// agreementsSummary is the register in one sentence, or that it is empty.
func (o orgWords) agreementsSummary() string {
	var total actionCounts
	for i, d := range o.org.Departments {
		if o.isCluster[i] {
			continue
		}
		c := countActions(d.Actions)
		total.all += c.all
		total.open += c.open
		total.overdue += c.overdue
		total.done += c.done
		total.dropped += c.dropped
	}
	if total.all == 0 {
		return o.t["org_agreements_none"]
	}
	return o.t.f(plural(len(o.noncommittal()), "org_agreements_summary"), total.all, total.open, total.overdue, total.done, total.dropped, len(o.noncommittal()), o.sum.Scored)
}

// hasActions reports whether any department has an action.
func (o orgWords) hasActions() bool {
	for _, d := range o.org.Departments {
		if len(d.Actions) > 0 {
			return true
		}
	}
	return false
}

func (o orgWords) actionCountHeader() []string {
	return []string{o.t["col_department"], o.t["col_agreed_latest"], o.t["col_open"], o.t["col_overdue"], o.t["col_done"], o.t["col_dropped"]}
}

// actionCountRows are the departments with a round or an action, per
// cluster: how many actions were agreed after the latest round, and the
// register's actions by status.
func (o orgWords) actionCountRows() []clusterRows {
	return o.perCluster(func(i int) []string {
		d := o.org.Departments[i]
		if d.Latest == nil && len(d.Actions) == 0 {
			return nil
		}
		c := countActions(d.Actions)
		return []string{d.Name, strconv.Itoa(len(d.Agreed)), strconv.Itoa(c.open), strconv.Itoa(c.overdue), strconv.Itoa(c.done), strconv.Itoa(c.dropped)}
	})
}

func (o orgWords) doneHeader() []string {
	return []string{o.t["col_department"], o.t["col_agreement"], o.t["col_done_on"], o.t["col_dimension_change"]}
}

// doneRows are the actions agreed after the previous round that are
// done, per cluster, beside the change of their dimension between that
// round and the latest.
func (o orgWords) doneRows() []clusterRows {
	var out []clusterRows
	for _, c := range o.clusters {
		cr := clusterRows{Cluster: c.Name}
		for _, i := range c.Members {
			d := o.org.Departments[i]
			if !o.comparable(i) {
				continue
			}
			for _, a := range d.Earlier {
				if a.Status != "done" {
					continue
				}
				change := "–"
				for _, r := range d.Latest.Result.Dimensions {
					if r.ID == a.Dimension && r.Change != nil {
						change = o.changeCell(r.Change)
					}
				}
				on := "–"
				if !a.Closed.IsZero() {
					on = o.date(a.Closed)
				}
				cr.Rows = append(cr.Rows, []string{d.Name, o.dimensionName(a.Dimension) + ": " + a.Text, on, change})
			}
		}
		if len(cr.Rows) > 0 {
			out = append(out, cr)
		}
	}
	return out
}

// maxDoneRows is how many done actions the report lists one by one;
// above it (hundreds at 300 departments) only the table per dimension
// stays, so that the ranking is not pushed back by pages of actions.
const maxDoneRows = 40

func (o orgWords) doneByDimensionHeader() []string {
	return []string{o.t["col_dimension"], o.t["col_done"], o.t["col_improvement"], o.t["col_unchanged"], o.t["col_decline"], o.t["col_uncertain"]}
}

// doneByDimensionRows count, per dimension in questionnaire order, the done
// actions agreed after the previous round and the direction of their
// dimension's change in their department since (uncertain without one).
func (o orgWords) doneByDimensionRows() [][]string {
	type tally struct{ done, improvement, unchanged, decline, uncertain int }
	by := map[string]*tally{}
	for i, d := range o.org.Departments {
		if !o.comparable(i) {
			continue
		}
		for _, a := range d.Earlier {
			if a.Status != "done" {
				continue
			}
			t := by[a.Dimension]
			if t == nil {
				t = &tally{}
				by[a.Dimension] = t
			}
			t.done++
			dir := scoring.Uncertain
			for _, r := range d.Latest.Result.Dimensions {
				if r.ID == a.Dimension && r.Change != nil {
					dir = r.Change.Direction
				}
			}
			switch dir {
			case scoring.Improvement:
				t.improvement++
			case scoring.Unchanged:
				t.unchanged++
			case scoring.Decline:
				t.decline++
			default:
				t.uncertain++
			}
		}
	}
	var rows [][]string
	for _, dim := range o.q.Dimensions() {
		if t := by[dim.ID]; t != nil {
			rows = append(rows, []string{dim.Name.In(o.lang()), strconv.Itoa(t.done), strconv.Itoa(t.improvement), strconv.Itoa(t.unchanged),
				strconv.Itoa(t.decline), strconv.Itoa(t.uncertain)})
		}
	}
	return rows
}

// doneCount is how many done actions doneRows lists.
func doneCount(groups []clusterRows) int {
	n := 0
	for _, g := range groups {
		n += len(g.Rows)
	}
	return n
}
