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

// Update implements tea.Model.
func (j Join) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if size, ok := msg.(tea.WindowSizeMsg); ok {
		j.width, j.height = size.Width, size.Height
	}
	if j.step == 2 {
		if _, ok := msg.(DoneMsg); ok {
			return j, j.leave()
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
			s, err := j.gate.Join(value)
			if err != nil {
				j.message = err.Error()
				return j, nil
			}
			m := New(s, DefaultKeyMap(s.Lang), j.styles)
			m.embedded = true
			next, _ := m.Update(tea.WindowSizeMsg{Width: j.width, Height: j.height})
			j.assess, j.step = next.(Model), 2
			return j, nil
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
