package report

import (
	"fmt"
	"time"
)

// The agreements: what the department agreed to do after this round, and
// for the round before, what became of it. The interview the tool grew
// from asks for implementation power: a report that ends at advice lets
// pilots stay noncommittal, so the next report asks "did we do it?".

// Action is an agreed action of the improvement register, as a report
// shows it. The caller fills it from the register; the report shows it.
type Action struct {
	Dimension string
	// Question is the question (or legal minimum) it answers, "" for none.
	Question string
	Text     string
	Owner    string // a role
	Due      string // YYYY-MM-DD, "" for none
	// Status is planned, in_progress, done or dropped.
	Status string
	// Overdue says it is open after its due date, on the report's day.
	Overdue          bool
	Evidence, Reason string
	// Closed is when it was done or dropped; zero while open.
	Closed time.Time
}

// open reports whether the action still has to be done.
func (a Action) open() bool { return a.Status == "planned" || a.Status == "in_progress" }

// agreementRow is one action as a table row.
type agreementRow struct {
	Cells []string
	// Late marks an overdue action.
	Late bool
}

// statusText is an action's status in words, with overdue.
func (w words) statusText(a Action) string {
	s := w.t["status_"+a.Status]
	if a.Overdue {
		s += ", " + w.t["status_overdue"]
	}
	return s
}

func (w words) dimensionName(id string) string {
	if d := w.q.Dimension(id); d != nil {
		return d.Name.In(w.lang())
	}
	return id
}

// agreedHeader and agreedRows list the actions agreed after this round.
func (w words) agreedHeader() []string {
	return []string{w.t["col_dimension"], w.t["col_agreement"], w.t["col_owner"], w.t["col_due"], w.t["col_status"]}
}

func (w words) agreedRows() []agreementRow {
	var rows []agreementRow
	for _, a := range w.in.Agreed {
		rows = append(rows, agreementRow{Cells: []string{w.dimensionName(a.Dimension), a.Text, dash(a.Owner), w.dueText(a.Due), w.statusText(a)}, Late: a.Overdue})
	}
	return rows
}

// earlierHeader and earlierRows say what became of the actions agreed
// after the previous round: status, due against done, the evidence or
// reason, and how the action's dimension changed since, with the
// direction and margin of the scoring contract.
func (w words) earlierHeader() []string {
	return []string{w.t["col_agreement"], w.t["col_status"], w.t["col_due_done"], w.t["col_evidence"], w.t["col_dimension_change"]}
}

func (w words) earlierRows() []agreementRow {
	var rows []agreementRow
	for _, a := range w.in.Earlier {
		when := w.dueText(a.Due)
		if !a.Closed.IsZero() {
			when += " / " + w.date(a.Closed)
		}
		proof := a.Evidence
		if a.Status == "dropped" {
			proof = a.Reason
		}
		change := "–"
		if d := w.dimension(a.Dimension); d.Change != nil {
			change = w.changeCell(d.Change)
		}
		rows = append(rows, agreementRow{
			Cells: []string{fmt.Sprintf("%s: %s", w.dimensionName(a.Dimension), a.Text), w.statusText(a), when, dash(proof), change},
			Late:  a.Overdue,
		})
	}
	return rows
}

func (w words) dueText(due string) string {
	if due == "" {
		return "–"
	}
	if t, err := time.Parse("2006-01-02", due); err == nil {
		return w.date(t)
	}
	return due
}

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// agreementSentence is the summary's account of the previous round's
// actions: how many were done, are open and are overdue; "" when there
// were none to account for and none agreed now.
func (w words) agreementSentence() string {
	if len(w.in.Earlier) == 0 {
		if prev := w.previous(); prev != nil {
			return w.t.f("agreements_none_before", prev.Label)
		}
		return ""
	}
	done, open, overdue, dropped := 0, 0, 0, 0
	for _, a := range w.in.Earlier {
		switch {
		case a.Status == "done":
			done++
		case a.Status == "dropped":
			dropped++
		case a.open():
			open++
			if a.Overdue {
				overdue++
			}
		}
	}
	return w.t.f(plural(len(w.in.Earlier), "agreements_before"), len(w.in.Earlier), w.in.EarlierRound, done, open, overdue, dropped)
}

// agreements writes the section, right after the summary, when there is
// anything agreed now or before.
func (p *pdf) agreements() {
	if len(p.in.Agreed) == 0 && len(p.in.Earlier) == 0 {
		return
	}
	p.AddPage()
	p.heading(p.t["agreements"], 0)
	if s := p.agreementSentence(); s != "" {
		p.para(s, 10, "", 0)
	}
	if len(p.in.Earlier) > 0 {
		p.subheading(p.t.f("agreements_earlier_heading", p.in.EarlierRound))
		p.table(p.earlierHeader(), []float64{62, 24, 26, 34, 28}, "LLLLL", cells(p.earlierRows()))
	}
	p.subheading(p.t["agreements_now_heading"])
	if len(p.in.Agreed) == 0 {
		p.para(p.t["agreements_none_now"], 10, "", 0)
		return
	}
	p.table(p.agreedHeader(), []float64{34, 72, 28, 20, 20}, "LLLLL", cells(p.agreedRows()))
}

func cells(rows []agreementRow) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = r.Cells
	}
	return out
}
