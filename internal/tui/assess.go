package tui

import (
	"errors"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
)

// The smallest window the answering screens are drawn in.
const (
	MinWidth  = 50
	MinHeight = 15
)

// screen is what the answering model shows.
type screen int

const (
	screenQuestion screen = iota
	screenOverview
	screenNote
	screenHelp
	screenFinish
	screenResults
	screenOpenActions
)

// Model answers a questionnaire: one question per screen, an overview of
// the dimensions, notes, help, a confirmation to finish early and the
// results. Answers are kept through the Backend, one at a time and in the
// order they were given.
type Model struct {
	s      Session
	keys   KeyMap
	styles Styles
	t      texts
	qs     []*questionnaire.Question

	screen        screen
	idx           int // the current question
	cursor        int // the highlighted choice
	overview      int // the highlighted dimension in the overview
	width, height int

	answers map[string]scoring.Value
	notes   map[string]string

	bar     progress.Model
	note    textarea.Model
	help    help.Model
	results viewport.Model

	queue    []op // saves waiting, in order
	busy     bool // an op is running
	attempts int  // failed attempts of the op at the head of the queue
	quitting bool
	embedded bool  // inside the home screen: leaving returns there
	err      error // the last failed save
	result   *scoring.Result
	written  string // what writing the report said
	timer    string // a workshop's phase timer, as the header shows it
	// helpScroll is the first line the help screen shows.
	helpScroll int
	helpLine   string // the keys under a question, for this width
	wraps      *wraps // shared by the model's copies
	// openActions are the department's open actions from earlier rounds,
	// shown before the first question of a new round.
	openActions []Action
}

var _ tea.Model = Model{}

// New makes the answering model for a session, at the first unanswered
// question.
func New(s Session, keys KeyMap, styles Styles) Model {
	m := Model{
		s: s, keys: keys, styles: styles, t: textsFor(s.Lang), qs: s.Questions(),
		answers: map[string]scoring.Value{}, notes: map[string]string{},
		// The bar follows the renderer's colour profile, so NO_COLOR applies to it too.
		bar:  progress.New(progress.WithSolidFill("#4C8BD6"), progress.WithoutPercentage(), progress.WithColorProfile(lipgloss.ColorProfile())),
		help: help.New(), note: textarea.New(), results: viewport.New(80, 20),
		width: 80, height: 24, wraps: &wraps{lines: map[string][]string{}},
	}
	for k, v := range s.Answers {
		m.answers[k] = v
	}
	for k, v := range s.Notes {
		m.notes[k] = v
	}
	m.note.ShowLineNumbers = false
	m.note.CharLimit = 4000
	m.idx = min(s.FirstUnanswered(), len(m.qs)-1)
	m.cursor = m.currentChoice()
	if s.Closed {
		m.screen = screenResults
	}
	return m
}

// Init implements tea.Model: a session whose answering is over starts by
// reading the results it opens on.
func (m Model) Init() tea.Cmd {
	if m.s.Closed {
		return m.run(op{result: true})
	}
	return nil
}

// Busy reports whether saves are still waiting or running.
func (m Model) Busy() bool { return m.busy || len(m.queue) > 0 }

// Answers returns the answers given, by question id (also those from before).
func (m Model) Answers() map[string]scoring.Value { return m.answers }

// Err returns the last error from saving, if any.
func (m Model) Err() error { return m.err }

// Question returns the index of the question on screen.
func (m Model) Question() int { return m.idx }

// Screen names what is on screen, for tests and the caller.
func (m Model) Screen() string {
	return [...]string{"question", "overview", "note", "help", "finish", "results", "open actions"}[m.screen]
}

// withOpenActions shows the department's open actions from earlier rounds
// before the first question, when the respondent has not answered yet: a
// new round starts with what was agreed after the last.
func (m Model) withOpenActions(list []Action) Model {
	m.openActions = list
	if len(list) > 0 && len(m.answers) == 0 && !m.s.Closed {
		m.screen = screenOpenActions
	}
	return m
}

// tooSmall says whether the window is below the smallest the screens are
// drawn in.
func (m Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

// How often and how far apart a failed save is tried.
const (
	SaveAttempts = 3
	RetryAfter   = time.Second
)

// retryMsg tries the op at the head of the queue again.
type retryMsg struct{}

// reportMsg says whether writing the report worked.
type reportMsg struct {
	path string
	err  error
}

// op is one write or read through the Backend.
type op struct {
	question string
	value    *scoring.Value
	// prev is the answer value replaced, when hadPrev: what the screen
	// shows again if value is never saved.
	prev    scoring.Value
	hadPrev bool
	note    *string
	result  bool
}

type opDoneMsg struct {
	err    error
	result *scoring.Result
}

func (m Model) run(o op) tea.Cmd {
	b := m.s.Backend
	return func() tea.Msg {
		switch {
		case o.value != nil:
			return opDoneMsg{err: b.SaveAnswer(o.question, *o.value)}
		case o.note != nil:
			return opDoneMsg{err: b.SaveNote(o.question, *o.note, m.s.Lang)}
		}
		r, err := b.Result()
		return opDoneMsg{err: err, result: &r}
	}
}

// takeBack shows an answer that was given up on as not given: the screen
// never shows ✓ or counts an answer the database does not hold.
func (m *Model) takeBack(o op) {
	if o.value == nil || m.answers[o.question] != *o.value {
		return
	}
	if o.hadPrev {
		m.answers[o.question] = o.prev
	} else {
		delete(m.answers, o.question)
	}
}

// enqueue adds an op; it starts at once when nothing else runs, so that
// saves reach the database in the order they were made.
func (m *Model) enqueue(o op) tea.Cmd {
	m.queue = append(m.queue, o)
	if m.busy {
		return nil
	}
	m.busy = true
	return m.run(o)
}

func (m Model) currentChoice() int {
	if v, ok := m.answers[m.qs[m.idx].ID]; ok {
		return choiceIndex(v)
	}
	if v, ok := m.s.Earlier[m.qs[m.idx].ID]; ok {
		return choiceIndex(v)
	}
	return 0
}

func (m *Model) goTo(i int) {
	m.idx = max(0, min(i, len(m.qs)-1))
	m.cursor = m.currentChoice()
	m.screen = screenQuestion
}

func (m Model) unanswered() []int {
	var out []int
	for i, q := range m.qs {
		if _, ok := m.answers[q.ID]; !ok {
			out = append(out, i)
		}
	}
	return out
}

// Update implements tea.Model.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.bar.Width = max(10, min(msg.Width-24, 60))
		m.note.SetWidth(max(20, msg.Width-4))
		m.note.SetHeight(max(3, min(10, msg.Height-10)))
		m.help.Width = msg.Width
		m.helpLine = m.makeShortHelp()
		m.results.Width, m.results.Height = msg.Width, max(1, msg.Height-2)
		m.refreshResults()
		return m, nil
	case reportMsg:
		if msg.err != nil {
			m.written = fmt.Sprintf(m.t["report failed"], msg.err)
		} else {
			m.written = fmt.Sprintf(m.t["report written"], msg.path)
		}
		return m, nil
	case retryMsg:
		if len(m.queue) > 0 {
			return m, m.run(m.queue[0])
		}
		m.busy = false
		return m, nil
	case opDoneMsg:
		if msg.err != nil {
			m.err = msg.err
			// A save that failed — the database busy, the disk full for a
			// moment — is tried again before it is given up, so that a
			// passing fault loses nothing. Later saves wait their turn. A
			// refusal is final: answering has closed.
			var refused *RefusedError
			if len(m.queue) > 0 && !m.queue[0].result && m.attempts < SaveAttempts-1 && !errors.As(msg.err, &refused) {
				m.attempts++
				return m, tea.Tick(RetryAfter, func(time.Time) tea.Msg { return retryMsg{} })
			}
			if len(m.queue) > 0 {
				m.takeBack(m.queue[0])
			}
		} else if len(m.queue) > 0 && !m.queue[0].result {
			m.err = nil
		}
		m.attempts = 0
		m.busy = false
		if len(m.queue) > 0 {
			m.queue = m.queue[1:]
		}
		if msg.result != nil && msg.err == nil {
			m.result = msg.result
			m.refreshResults()
		}
		if len(m.queue) > 0 {
			m.busy = true
			return m, m.run(m.queue[0])
		}
		if m.quitting {
			return m, m.leave()
		}
		return m, nil
	case tea.KeyMsg:
		// Keys typed fast over a slow connection arrive as one burst of
		// runes; outside the note editor each is a key of its own.
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && m.screen != screenNote {
			return keyBurst(m, msg.Runes, Model.key)
		}
		return m.key(msg)
	}
	return m, nil
}

func (m Model) quit() (tea.Model, tea.Cmd) {
	m.quitting = true
	if m.busy {
		return m, nil // leaves once the saves are done
	}
	return m, m.leave()
}

// leave ends the program, or returns to the home screen that hosts it.
func (m Model) leave() tea.Cmd {
	if m.embedded {
		return func() tea.Msg { return DoneMsg{} }
	}
	return tea.Quit
}

func (m Model) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	// Behind the window-too-small screen no key acts but leaving; a note
	// being written is kept on ctrl+c, as always.
	if m.tooSmall() && !(m.screen == screenNote && msg.String() == "ctrl+c") {
		if msg.String() == "q" || msg.String() == "ctrl+c" {
			return m.quit()
		}
		return m, nil
	}
	switch m.screen {
	case screenOpenActions:
		if msg.String() == "ctrl+c" {
			return m.quit()
		}
		m.screen = screenQuestion
		return m, nil
	case screenNote:
		switch {
		case key.Matches(msg, k.SaveNote), msg.String() == "ctrl+c":
			text := m.note.Value()
			q := m.qs[m.idx].ID
			m.notes[q] = text
			m.screen = screenQuestion
			m.note.Blur()
			cmd := m.enqueue(op{question: q, note: &text})
			if msg.String() == "ctrl+c" {
				m.quitting = true
			}
			return m, cmd
		}
		var cmd tea.Cmd
		m.note, cmd = m.note.Update(msg)
		return m, cmd
	case screenHelp:
		switch {
		case key.Matches(msg, k.Quit) && msg.String() == "ctrl+c":
			return m.quit()
		case key.Matches(msg, k.Up):
			m.helpScroll = max(0, m.helpScroll-1)
		case key.Matches(msg, k.Down):
			m.helpScroll++
		case msg.String() == "pgdown" || msg.String() == " ":
			m.helpScroll += max(1, m.height-4)
		case msg.String() == "pgup":
			m.helpScroll = max(0, m.helpScroll-max(1, m.height-4))
		default:
			m.screen = screenQuestion
		}
		return m, nil
	case screenOverview:
		dims := m.s.Questionnaire.Dimensions()
		switch {
		case key.Matches(msg, k.Quit):
			return m.quit()
		case key.Matches(msg, k.Up):
			m.overview = cycle(m.overview, -1, len(dims))
		case key.Matches(msg, k.Down):
			m.overview = cycle(m.overview, 1, len(dims))
		case key.Matches(msg, k.Choose):
			m.goTo(m.firstOf(dims[m.overview]))
		case key.Matches(msg, k.Back), key.Matches(msg, k.Overview):
			m.screen = screenQuestion
		}
		return m, nil
	case screenFinish:
		switch {
		case key.Matches(msg, k.Quit):
			return m.quit()
		case key.Matches(msg, k.Choose):
			m.screen = screenResults
			return m, m.enqueue(op{result: true})
		case key.Matches(msg, k.Back):
			if open := m.unanswered(); len(open) > 0 {
				m.goTo(open[0])
			}
			m.screen = screenQuestion
		}
		return m, nil
	case screenResults:
		switch {
		case key.Matches(msg, k.Quit):
			return m.quit()
		case key.Matches(msg, k.Report):
			if r, ok := m.s.Backend.(Reporter); ok && m.result != nil {
				return m, func() tea.Msg {
					path, err := r.WriteReport()
					return reportMsg{path: path, err: err}
				}
			}
			return m, nil
		case key.Matches(msg, k.Back):
			m.screen = screenQuestion
			return m, nil
		}
		var cmd tea.Cmd
		m.results, cmd = m.results.Update(msg)
		return m, cmd
	}

	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Up):
		m.cursor = cycle(m.cursor, -1, len(choices))
	case key.Matches(msg, k.Down):
		m.cursor = cycle(m.cursor, 1, len(choices))
	case key.Matches(msg, k.Choose):
		return m.answer(choices[m.cursor])
	case key.Matches(msg, k.Answer):
		return m.answer(scoring.Value(msg.String()[0] - '0'))
	case key.Matches(msg, k.DontKnow):
		return m.answer(scoring.DontKnow)
	case key.Matches(msg, k.NotApplicable):
		return m.answer(scoring.NotApplicable)
	case key.Matches(msg, k.Prev):
		m.goTo(m.idx - 1)
	case key.Matches(msg, k.Next):
		m.goTo(m.idx + 1)
	case key.Matches(msg, k.Overview):
		m.screen = screenOverview
		m.overview = m.dimensionIndex(m.qs[m.idx].Dimension)
	case key.Matches(msg, k.Note):
		m.screen = screenNote
		m.note.SetValue(m.notes[m.qs[m.idx].ID])
		return m, m.note.Focus()
	case key.Matches(msg, k.Help):
		m.screen, m.helpScroll = screenHelp, 0
	case key.Matches(msg, k.Finish):
		return m.finish()
	}
	return m, nil
}

// answer records v for the current question and moves on.
func (m Model) answer(v scoring.Value) (tea.Model, tea.Cmd) {
	q := m.qs[m.idx].ID
	prev, had := m.answers[q]
	m.answers[q] = v
	m.err = nil
	save := m.enqueue(op{question: q, value: &v, prev: prev, hadPrev: had})
	if m.idx < len(m.qs)-1 {
		m.goTo(m.idx + 1)
		return m, save
	}
	next, cmd := m.finish()
	return next, tea.Batch(save, cmd)
}

// finish shows the results when every question is answered, else asks.
func (m Model) finish() (tea.Model, tea.Cmd) {
	if len(m.unanswered()) > 0 {
		m.screen = screenFinish
		return m, nil
	}
	m.screen = screenResults
	return m, m.enqueue(op{result: true})
}

func (m Model) dimensionIndex(d *questionnaire.Dimension) int {
	for i, x := range m.s.Questionnaire.Dimensions() {
		if x == d {
			return i
		}
	}
	return 0
}

// firstOf is the first unanswered question of d, else its first question.
func (m Model) firstOf(d *questionnaire.Dimension) int {
	first := -1
	for i, q := range m.qs {
		if q.Dimension != d {
			continue
		}
		if first < 0 {
			first = i
		}
		if _, ok := m.answers[q.ID]; !ok {
			return i
		}
	}
	return first
}
