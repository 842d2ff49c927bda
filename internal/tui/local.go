package tui

import tea "github.com/charmbracelet/bubbletea"

// Local is a workshop without a network: the facilitator's dashboard, and
// participants taking turns at the same keyboard under their own pseudonym.
type Local struct {
	dashboard Dashboard
	gate      Gate
	join      *Join // the participant whose turn it is, or nil
	size      tea.WindowSizeMsg
}

var _ tea.Model = Local{}

// NewLocal makes a local workshop: a (answer) on the dashboard gives the
// keyboard to a participant; leaving their questions gives it back.
func NewLocal(f Facilitator, gate Gate, info DashboardInfo, styles Styles) Local {
	d := NewDashboard(f, info, styles)
	d.local = true
	return Local{dashboard: d, gate: gate}
}

// Init implements tea.Model.
func (l Local) Init() tea.Cmd { return l.dashboard.Init() }

// Answering reports whether a participant has the keyboard.
func (l Local) Answering() bool { return l.join != nil }

// Update implements tea.Model.
func (l Local) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		l.size = msg
		d, _ := l.dashboard.Update(msg)
		l.dashboard = d.(Dashboard)
		if l.join != nil {
			j, cmd := l.join.Update(msg)
			jj := j.(Join)
			l.join = &jj
			return l, cmd
		}
		return l, nil
	case snapshotMsg, tickMsg:
		// The dashboard keeps refreshing during a turn.
		d, cmd := l.dashboard.Update(msg)
		l.dashboard = d.(Dashboard)
		return l, cmd
	case JoinDoneMsg:
		l.join = nil
		return l, l.dashboard.refresh()
	}
	if l.join != nil {
		j, cmd := l.join.Update(msg)
		jj := j.(Join)
		l.join = &jj
		return l, cmd
	}
	if k, ok := msg.(tea.KeyMsg); ok && k.String() == "a" && l.dashboard.voting() && l.dashboard.idle() {
		j := NewLocalJoin(l.gate, l.dashboard.info.Lang, l.dashboard.styles)
		next, _ := j.Update(l.size)
		jj := next.(Join)
		l.join = &jj
		return l, jj.Init()
	}
	d, cmd := l.dashboard.Update(msg)
	l.dashboard = d.(Dashboard)
	return l, cmd
}

// View implements tea.Model.
func (l Local) View() string {
	if l.join != nil {
		return l.join.View()
	}
	return l.dashboard.View()
}
