package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Gate is what a workshop participant passes before answering: the
// workshop code, then a pseudonym.
type Gate interface {
	// CheckCode says whether code opens the workshop; ok false with done
	// true means no more attempts are allowed from this participant.
	CheckCode(code string) (ok, done bool)
	// Join opens the answering session for a pseudonym.
	Join(pseudonym string) (Session, error)
}

// Announcer is a Gate that tells when the workshop moves to another phase:
// the channel it returns is closed then (nil: it never tells). A
// participant's screen follows:
// to the results when answering closes, to the questions of a re-vote.
type Announcer interface {
	Changed() <-chan struct{}
}

// Join is the participant's program: code, pseudonym, then the questions.
type Join struct {
	gate    Gate
	styles  Styles
	lang    string
	t       texts
	step    int // 0 code, 1 pseudonym, 2 answering
	input   textinput.Model
	message string
	waiting bool // a wrong code is being answered, after a delay
	assess  Model
	alias   string // the pseudonym, once joined
	width   int
	height  int
	// local: a participant at the facilitator's keyboard; there is no
	// code, and leaving returns to the dashboard instead of ending.
	local bool
}

var _ tea.Model = Join{}

// WrongCodeDelay slows down guessing the workshop code.
const WrongCodeDelay = time.Second

// NewJoin makes the participant's program.
func NewJoin(gate Gate, lang string, styles Styles) Join {
	in := textinput.New()
	in.Prompt = "› "
	in.CharLimit = 40
	in.Focus()
	return Join{gate: gate, styles: styles, lang: lang, t: textsFor(lang), input: in, width: 80, height: 24}
}

// NewLocalJoin makes the program for a participant taking a turn at the
// facilitator's keyboard: a pseudonym, then the questions.
func NewLocalJoin(gate Gate, lang string, styles Styles) Join {
	j := NewJoin(gate, lang, styles)
	j.step, j.local = 1, true
	return j
}

// JoinDoneMsg says that a participant at the facilitator's keyboard is done.
type JoinDoneMsg struct{}

// leave ends the participant's turn.
func (j Join) leave() tea.Cmd {
	if j.local {
		return func() tea.Msg { return JoinDoneMsg{} }
	}
	return tea.Quit
}

// Init implements tea.Model.
func (j Join) Init() tea.Cmd { return textinput.Blink }

type codeCheckedMsg struct{ ok, done bool }

// phaseChangedMsg says the workshop moved to another phase.
type phaseChangedMsg struct{}

// awaitChange waits for the workshop's next phase.
func (j Join) awaitChange() tea.Cmd {
	a, ok := j.gate.(Announcer)
	if !ok {
		return nil
	}
	ch := a.Changed()
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		<-ch
		return phaseChangedMsg{}
	}
}

// start opens the participant's session and shows its first screen.
func (j Join) start() (Join, tea.Cmd, error) {
	s, err := j.gate.Join(j.alias)
	if err != nil {
		return j, nil, err
	}
	m := New(s, DefaultKeyMap(s.Lang), j.styles)
	m.embedded = true
	next, _ := m.Update(tea.WindowSizeMsg{Width: j.width, Height: j.height})
	j.assess, j.step = next.(Model), 2
	return j, tea.Batch(j.assess.Init(), j.awaitChange()), nil
}

// RejoinAfter is how long a phase change waits for saves still running.
const RejoinAfter = 100 * time.Millisecond

// Update implements tea.Model.
func (j Join) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if size, ok := msg.(tea.WindowSizeMsg); ok {
		j.width, j.height = size.Width, size.Height
	}
	if j.step == 2 {
		switch msg.(type) {
		case DoneMsg:
			return j, j.leave()
		case phaseChangedMsg:
			// The session is opened again for the new phase, once the
			// answers given so far are saved.
			if j.assess.Busy() || j.assess.screen == screenNote {
				return j, tea.Tick(RejoinAfter, func(time.Time) tea.Msg { return phaseChangedMsg{} })
			}
			next, cmd, err := j.start()
			if err != nil {
				return j, j.awaitChange()
			}
			return next, cmd
		}
		m, cmd := j.assess.Update(msg)
		j.assess = m.(Model)
		return j, cmd
	}
	switch msg := msg.(type) {
	case codeCheckedMsg:
		j.waiting = false
		switch {
		case msg.ok:
			j.step, j.message = 1, ""
			j.input.SetValue("")
		case msg.done:
			j.message = j.t["code refused"]
			return j, tea.Quit
		default:
			j.message = j.t["code wrong"]
			j.input.SetValue("")
		}
		return j, nil
	case tea.KeyMsg:
		switch msg.String() {
		case "ctrl+c", "esc":
			return j, j.leave()
		case "enter":
			value := strings.TrimSpace(j.input.Value())
			if value == "" || j.waiting {
				return j, nil
			}
			if j.step == 0 {
				j.waiting = true
				ok, done := j.gate.CheckCode(value)
				if ok {
					return j.Update(codeCheckedMsg{ok: true})
				}
				return j, tea.Tick(WrongCodeDelay, func(time.Time) tea.Msg { return codeCheckedMsg{done: done} })
			}
			j.alias = value
			next, cmd, err := j.start()
			if err != nil {
				j.message = err.Error()
				return j, nil
			}
			return next, cmd
		}
	}
	var cmd tea.Cmd
	j.input, cmd = j.input.Update(msg)
	return j, cmd
}

// Answering reports whether the participant got past the gate.
func (j Join) Answering() bool { return j.step == 2 }

// View implements tea.Model.
func (j Join) View() string {
	if j.step == 2 {
		return j.assess.View()
	}
	prompt := j.t["code prompt"]
	if j.step == 1 {
		prompt = j.t["pseudonym prompt"]
	}
	lines := []string{j.styles.Title.Render(j.t["workshop title"]), "", wrapText(prompt, j.width), "", j.input.View()}
	if j.message != "" {
		lines = append(lines, "", j.styles.Error.Render(wrapText(j.message, j.width)))
	}
	out := strings.Split(strings.Join(lines, "\n"), "\n")
	for i := range out {
		out[i] = ansi.Truncate(out[i], max(j.width, 10), "…")
	}
	return strings.Join(out, "\n") + "\n"
}
