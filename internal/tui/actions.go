package tui

import (
	"fmt"
	"io"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// ActionStatus is where an agreed action stands, in the register's words.
type ActionStatus string

// The statuses of an action.
const (
	ActionPlanned    ActionStatus = "planned"
	ActionInProgress ActionStatus = "in_progress"
	ActionDone       ActionStatus = "done"
	ActionDropped    ActionStatus = "dropped"
)

// Open reports whether an action with this status still has to be done.
func (s ActionStatus) Open() bool { return s == ActionPlanned || s == ActionInProgress }

// Action is one action of the improvement register as the screens show it.
type Action struct {
	ID int64
	// Department and Round say after which round it was agreed; Round is
	// "" when the department had none yet.
	Department, Round string
	Dimension         string
	Question          string // the question or legal minimum it answers, "" for none
	Text              string
	Owner             string // a role, not a person's name
	Due               string // YYYY-MM-DD, "" for none
	Status            ActionStatus
	// Overdue: still open after its due date, by the caller's clock.
	Overdue          bool
	Evidence, Reason string
}

// NewAction is an action the results screen agrees after a round.
type NewAction struct {
	Department                            string
	Assessment                            int64 // the round it follows
	Dimension, Question, Text, Owner, Due string
}

// ActionEdit changes the fields of an action that are not nil.
type ActionEdit struct {
	Status           *ActionStatus
	Text, Owner, Due *string
	Evidence, Reason *string
}

// Register is the improvement register as the screens use it. Every call
// commits before it returns; a refusal (a bad date, an empty text) comes
// back as an error whose text the screen shows.
type Register interface {
	// Actions lists a department's actions in the order they were agreed.
	Actions(department string) ([]Action, error)
	AddAction(NewAction) (Action, error)
	UpdateAction(id int64, e ActionEdit) (Action, error)
}

// statusText is a status as people read it.
func statusText(s ActionStatus, t texts) string { return t["action status "+string(s)] }

// earlierOpen are the open actions agreed before round: what a department
// sees before the first question of a new round.
func earlierOpen(all []Action, round string) []Action {
	var out []Action
	for _, a := range all {
		if a.Status.Open() && a.Round != round {
			out = append(out, a)
		}
	}
	return out
}

// actionLines draw one action: a line of facts — number, status, overdue,
// owner, due date, round, dimension — then its text, and the evidence or
// the reason. Overdue stands beside the status, so a narrow screen that
// cuts the line's end never cuts it.
func actionLines(a Action, dimension string, selected bool, st Styles, t texts, width int) []string {
	lead := "  "
	style := st.Option
	if selected {
		lead, style = "› ", st.Cursor
	}
	first := lead + fmt.Sprintf("#%d", a.ID) + " · " + statusText(a.Status, t)
	var rest []string
	if a.Owner != "" {
		rest = append(rest, Printable(a.Owner))
	} else {
		rest = append(rest, t["action no owner"])
	}
	if a.Due != "" {
		rest = append(rest, fmt.Sprintf(t["action due"], a.Due))
	}
	if a.Round != "" {
		rest = append(rest, fmt.Sprintf(t["action after"], Printable(a.Round)))
	}
	if dimension != "" {
		rest = append(rest, dimension)
	}
	first = ansi.Truncate(first, width, "…")
	head := style.Render(first)
	used := ansi.StringWidth(first)
	// Only an open action can be overdue, whatever the flag says of a
	// closed one.
	open := a.Status == ActionPlanned || a.Status == ActionInProgress
	if a.Overdue && open && used < width {
		word := ansi.Truncate(" · "+t["action overdue"], width-used, "…")
		head += st.Warn.Render(word)
		used += ansi.StringWidth(word)
	}
	if used < width {
		head += style.Render(ansi.Truncate(" · "+strings.Join(rest, " · "), width-used, "…"))
	}
	lines := []string{head}
	lines = append(lines, hang("    ", Printable(a.Text), width)...)
	switch {
	case a.Status == ActionDone && a.Evidence != "":
		lines = append(lines, hang("    "+t["action evidence"]+": ", Printable(a.Evidence), width)...)
	case a.Status == ActionDropped && a.Reason != "":
		lines = append(lines, hang("    "+t["action reason"]+": ", Printable(a.Reason), width)...)
	}
	return lines
}

// actionsPage is the actions screen of a department: the list, and a form
// to edit one, or to close it as done (with evidence) or dropped (with a
// reason).
type actionsPage struct {
	department string
	list       []Action
	cursor     int
	// editing is the form on screen, nil for the list; closing is the
	// status the form closes the action with, "" for an edit.
	editing *askForm
	closing ActionStatus
	msg     string
	err     error
}

// dimensionName is the name of a dimension id in lang, as the caller
// knows it; the id where it does not.
type dimensionName func(id string) string

func (p actionsPage) selected() (Action, bool) {
	if p.cursor < 0 || p.cursor >= len(p.list) {
		return Action{}, false
	}
	return p.list[p.cursor], true
}

// update handles a key on the actions screen; back says the user left it.
func (p actionsPage) update(k tea.KeyMsg, reg Register, t texts) (next actionsPage, back bool, cmd tea.Cmd) {
	if p.editing != nil {
		f, res, cmd := p.editing.update(k)
		p.editing = &f
		switch res {
		case askCancelled:
			p.editing, p.msg, p.err = nil, t["not done"], nil
		case askDone:
			return p.save(reg, t), false, nil
		}
		return p, false, cmd
	}
	a, ok := p.selected()
	p.msg, p.err = "", nil
	switch k.String() {
	case "esc", "q":
		return p, true, nil
	case "up", "k":
		p.cursor = cycle(p.cursor, -1, len(p.list))
	case "down", "j":
		p.cursor = cycle(p.cursor, 1, len(p.list))
	case "e", "enter":
		if ok {
			f := newAskForm(fmt.Sprintf(t["action edit title"], a.ID),
				askField{label: t["action text"], value: a.Text, limit: maxActionTextRunes},
				askField{label: t["action owner"], help: t["action owner help"], value: a.Owner, limit: maxOwnerRunes},
				askField{label: t["action due label"], help: t["action due help"], value: a.Due, limit: maxDueRunes})
			p.editing, p.closing = &f, ""
			return p, false, nil
		}
	case "s":
		if ok {
			// s moves an open action between planned and in progress; a
			// closed one opens again as planned.
			next := ActionInProgress
			if a.Status == ActionInProgress || !a.Status.Open() {
				next = ActionPlanned
			}
			return p.apply(reg, t, a.ID, ActionEdit{Status: &next}), false, nil
		}
	case "d", "x":
		if ok && a.Status.Open() {
			status, label, help := ActionDone, t["action evidence"], t["action evidence help"]
			if k.String() == "x" {
				status, label, help = ActionDropped, t["action reason"], t["action reason help"]
			}
			f := newAskForm(fmt.Sprintf(t["action close title "+string(status)], a.ID), askField{label: label, help: help, limit: maxActionTextRunes})
			p.editing, p.closing = &f, status
			return p, false, nil
		}
	}
	return p, false, nil
}

// save applies the form on screen.
func (p actionsPage) save(reg Register, t texts) actionsPage {
	a, ok := p.selected()
	if !ok {
		p.editing = nil
		return p
	}
	f := p.editing
	var e ActionEdit
	if p.closing != "" {
		status, text := p.closing, f.value(0)
		e.Status = &status
		if status == ActionDone {
			e.Evidence = &text
		} else {
			e.Reason = &text
		}
	} else {
		text, owner, due := f.value(0), f.value(1), f.value(2)
		e.Text, e.Owner, e.Due = &text, &owner, &due
	}
	next := p.apply(reg, t, a.ID, e)
	if next.err == nil {
		next.editing = nil
	}
	return next
}

// apply saves an edit and shows the list as the register now holds it.
func (p actionsPage) apply(reg Register, t texts, id int64, e ActionEdit) actionsPage {
	if _, err := reg.UpdateAction(id, e); err != nil {
		p.err = err
		return p
	}
	list, err := reg.Actions(p.department)
	if err != nil {
		p.err = err
		return p
	}
	p.list, p.msg = list, fmt.Sprintf(t["action saved"], id)
	p.cursor = min(p.cursor, max(0, len(list)-1))
	return p
}

// view draws the actions screen in width × height.
func (p actionsPage) view(name dimensionName, st Styles, t texts, width, height int) []string {
	head := []string{st.Title.Render(ansi.Truncate(fmt.Sprintf(t["actions title"], Printable(p.department)), width, "…")), ""}
	var foot []string
	if p.err != nil {
		foot = append(foot, st.Error.Render(ansi.Truncate(t["not saved"]+": "+p.err.Error(), width, "…")))
	} else if p.msg != "" {
		foot = append(foot, st.Good.Render(ansi.Truncate(p.msg, width, "…")))
	}
	if p.editing != nil {
		keys := t["ask keys"]
		foot = append(foot, "", st.Muted.Render(ansi.Truncate(keys, width, "…")))
		body, keep := p.editing.view(st, width)
		shown, _ := window(body, 0, height-len(head)-len(foot), keep[0], keep[1], t, st)
		return append(append(head, shown...), foot...)
	}
	var body []string
	at, to := -1, -1
	for i, a := range p.list {
		if i == p.cursor {
			at = len(body)
		}
		body = append(body, actionLines(a, name(a.Dimension), i == p.cursor, st, t, min(width, readableWidth))...)
		if i == p.cursor {
			to = len(body) - 1
		}
	}
	keys := t["actions keys"]
	if len(p.list) == 0 {
		body = append(body, hang("", t["actions none"], min(width, readableWidth))...)
		keys = t["list back keys"]
	}
	foot = append(foot, "", st.Muted.Render(ansi.Truncate(keys, width, "…")))
	shown, _ := window(body, 0, height-len(head)-len(foot), at, to, t, st)
	return append(append(head, shown...), foot...)
}

// WriteOpenActions writes, as plain lines for a screen reader, the open
// actions from rounds before the session's, when the respondent has not
// answered yet: what the full-screen interface shows before the first
// question of a new round.
func WriteOpenActions(w io.Writer, s Session, all []Action) error {
	open := earlierOpen(all, s.Round)
	if len(open) == 0 || len(s.Answers) > 0 || s.Closed {
		return nil
	}
	t := textsFor(s.Lang)
	out := &lineWriter{w: w}
	out.printf("%s\n%s\n", fmt.Sprintf(t["open actions title"], Printable(s.Department)), t["open actions intro"])
	for _, a := range open {
		name := a.Dimension
		if d := s.Questionnaire.Dimension(a.Dimension); d != nil {
			name = d.Name.In(s.Lang)
		}
		for _, l := range actionLines(a, name, false, Styles{}, t, readableWidth) {
			out.printf("%s\n", strings.TrimRight(l, " "))
		}
	}
	out.printf("\n")
	return out.err
}
