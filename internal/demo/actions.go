package demo

import (
	"math/rand/v2"
	"sort"
	"time"

	"github.com/maturity-nl/maturity/internal/questionnaire"
)

// Status is where an action stands, with the store's names of it.
type Status string

// The statuses of an action.
const (
	StatusPlanned    Status = "planned"
	StatusInProgress Status = "in_progress"
	StatusDone       Status = "done"
	StatusDropped    Status = "dropped"
)

// Action is one thing a department agreed after a round, with what became
// of it by ReferenceDay.
type Action struct {
	// Department and Round (its label) are the round it was agreed after.
	Department, Round string
	Dimension, Text   string
	// Owner is a role, never a person's name.
	Owner string
	// Due is a date as YYYY-MM-DD.
	Due    string
	Agreed time.Time
	// Changes are its status changes, oldest first: none for an action
	// still planned.
	Changes []Change
}

// Change is one change of an action's status, with the evidence of one
// done or the reason for one dropped.
type Change struct {
	At               time.Time
	Status           Status
	Evidence, Reason string
}

// Status is where the action stands after its changes.
func (a Action) Status() Status {
	if len(a.Changes) == 0 {
		return StatusPlanned
	}
	return a.Changes[len(a.Changes)-1].Status
}

// Open reports whether the action still has to be done.
func (a Action) Open() bool {
	s := a.Status()
	return s == StatusPlanned || s == StatusInProgress
}

// Overdue reports whether the action is open after its due date, on the
// day of day, as maturity counts it.
func (a Action) Overdue(day time.Time) bool {
	return a.Open() && a.Due < day.Format(time.DateOnly)
}

// ActionCounts are the actions of a municipality by what became of them on
// a day.
type ActionCounts struct {
	Done, Dropped int
	// Overdue are open past their due date, OnTime open before it.
	Overdue, OnTime int
}

// CountActions counts the actions by what became of them on day.
func (m *Municipality) CountActions(day time.Time) ActionCounts {
	var c ActionCounts
	for _, a := range m.Actions {
		switch {
		case a.Status() == StatusDone:
			c.Done++
		case a.Status() == StatusDropped:
			c.Dropped++
		case a.Overdue(day):
			c.Overdue++
		default:
			c.OnTime++
		}
	}
	return c
}

// actionStream sets the streams of the actions apart from those of the
// answers.
const actionStream = 1 << 32

// actions makes what a department agreed after each of its rounds: two or
// three actions on its weakest dimensions, due three to five months later.
// Those of its latest round are still open on ReferenceDay and not yet
// due; of those of an earlier round, by its next round about half were
// done, a few dropped and the rest are open and overdue. The improving
// department did every other one, so that its report shows both.
func (g generator) actions(name string, role Role, d department, rounds []Round, r *rand.Rand) []Action {
	ref := ReferenceDate()
	var out []Action
	for i, rd := range rounds {
		latest := i == len(rounds)-1
		// Every change of what was agreed after this round falls before
		// the next round (or the demo's today), where it is looked at.
		limit := ref.Add(-24 * time.Hour)
		if !latest {
			limit = rounds[i+1].Closed.Add(-24 * time.Hour)
		}
		agreed := rd.Closed // a workshop agrees at its end
		if !rd.Workshop {
			agreed = rd.Closed.Add(time.Duration(1+r.IntN(5)) * 24 * time.Hour)
		}
		if agreed.After(limit) {
			agreed = rd.Closed
		}
		p := 0.0
		if len(rounds) > 1 {
			p = float64(i) / float64(len(rounds)-1)
		}
		dims := g.weakest(d, p, 5)
		r.Shuffle(len(dims), func(a, b int) { dims[a], dims[b] = dims[b], dims[a] })
		n := min(len(dims), 2+r.IntN(2))
		for j, dim := range dims[:n] {
			a := Action{Department: name, Round: rd.Label, Dimension: dim.ID, Text: g.actionText(dim.ID, r),
				Owner: g.c.Owners[r.IntN(len(g.c.Owners))], Agreed: agreed}
			due := agreed.AddDate(0, 3+r.IntN(3), 0)
			a.Due = time.Date(due.Year(), due.Month()+1, 0, 0, 0, 0, 0, time.UTC).Format(time.DateOnly) // the month's last day
			at := func(t time.Time) time.Time {
				if t.After(limit) {
					t = limit
				}
				if n := len(a.Changes); n > 0 && t.Before(a.Changes[n-1].At) {
					t = a.Changes[n-1].At
				}
				if t.Before(agreed) {
					t = agreed
				}
				return t
			}
			started := agreed.Add(time.Duration(3+r.IntN(30)) * 24 * time.Hour)
			x := r.Float64()
			switch {
			case latest:
				if j == 0 {
					a.Changes = append(a.Changes, Change{At: at(agreed.Add(time.Duration(1+r.IntN(4)) * 24 * time.Hour)), Status: StatusInProgress})
				}
			case role == RoleImproving && j%2 == 0, role != RoleImproving && x < 0.5:
				dueDay, _ := time.Parse(time.DateOnly, a.Due)
				a.Changes = append(a.Changes, Change{At: at(started), Status: StatusInProgress})
				a.Changes = append(a.Changes, Change{At: at(dueDay.Add(time.Duration(r.IntN(50)-35) * 24 * time.Hour).Add(14 * time.Hour)),
					Status: StatusDone, Evidence: g.c.Evidence[r.IntN(len(g.c.Evidence))]})
			case role != RoleImproving && x < 0.62:
				a.Changes = append(a.Changes, Change{At: at(started.Add(60 * 24 * time.Hour)), Status: StatusDropped,
					Reason: g.c.DropReasons[r.IntN(len(g.c.DropReasons))]})
			case x < 0.8:
				a.Changes = append(a.Changes, Change{At: at(started), Status: StatusInProgress})
			}
			out = append(out, a)
		}
	}
	return out
}

// weakest are the department's n dimensions with the lowest underlying
// score at progress p, lowest first, then in questionnaire order.
func (g generator) weakest(d department, p float64, n int) []*questionnaire.Dimension {
	type scored struct {
		dim  *questionnaire.Dimension
		mean float64
	}
	var all []scored
	for _, dim := range g.q.Dimensions() {
		if len(dim.Questions) == 0 {
			continue
		}
		sum := 0.0
		for _, qu := range dim.Questions {
			sum += d.minimumMean(qu, d.mean(g.q, qu, p), p)
		}
		all = append(all, scored{dim, sum / float64(len(dim.Questions))})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].mean < all[j].mean })
	var out []*questionnaire.Dimension
	for _, s := range all[:min(n, len(all))] {
		out = append(out, s.dim)
	}
	return out
}

// actionText is what a department agrees on a dimension.
func (g generator) actionText(dimension string, r *rand.Rand) string {
	texts := g.c.Actions[dimension]
	if len(texts) == 0 {
		texts = g.c.GenericActions
	}
	return texts[r.IntN(len(texts))]
}
