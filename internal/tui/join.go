package tui

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// WrongCodeDelay is how long a wrong code waits for its answer: guessing
// on one connection is slow.
const WrongCodeDelay = time.Second

// RejoinAfter is how long a phase change waits for saves still running.
const RejoinAfter = 100 * time.Millisecond

// joinStep is where a participant stands at the gate.
type joinStep int

const (
	stepCode joinStep = iota
	stepPseudonym
	stepResume  // an existing pseudonym: its resume code
	stepWelcome // a new participant: their resume code, once
	stepAnswering
	stepEnd // removed, ended or refused: a last screen
)

// Join is the participant's program: code, pseudonym, then the questions.
type Join struct {
	gate    Gate
	styles  Styles
	lang    string
	t       texts
	step    joinStep
	input   textinput.Model
	message string
	waiting bool   // a code or a claim is being answered
	alias   string // the pseudonym typed
	seat    Seat
	status  SeatStatus
	// assess is the answering model once the participant is in; held by
	// pointer, so that a Join is cheap to copy at every message.
	assess *Model
	end    string // what the last screen says
	width  int
	height int
	now    func() time.Time
	// local: a participant at the facilitator's keyboard; there is no
	// code, and leaving returns to the dashboard instead of ending.
	local bool
}

var _ tea.Model = Join{}

// NewJoin makes the participant's program.
func NewJoin(gate Gate, lang string, styles Styles) Join {
	in := textinput.New()
	in.Prompt = "› "
	in.CharLimit = 40
	in.Focus()
	return Join{gate: gate, styles: styles, lang: lang, t: textsFor(lang), input: in, width: 80, height: 24, now: time.Now}
}

// NewLocalJoin makes the program for a participant taking a turn at the
// facilitator's keyboard: a pseudonym, then the questions.
func NewLocalJoin(gate Gate, lang string, styles Styles) Join {
	j := NewJoin(gate, lang, styles)
	j.step, j.local = stepPseudonym, true
	return j
}

// JoinDoneMsg says that a participant at the facilitator's keyboard is done.
type JoinDoneMsg struct{}

// quit ends the participant's turn or program, giving their pseudonym free.
func (j Join) quit() tea.Cmd {
	if j.seat != nil {
		j.seat.Leave()
	}
	if j.local {
		return func() tea.Msg { return JoinDoneMsg{} }
	}
	return tea.Quit
}

// Init implements tea.Model.
func (j Join) Init() tea.Cmd { return textinput.Blink }

type codeCheckedMsg struct{ ok, done bool }

type claimedMsg struct {
	seat Seat
	err  error
}

// changedMsg says the workshop changed: its phase, timer or end.
type changedMsg struct{}

// clockMsg moves the timer on a second.
type clockMsg struct{}

// awaitChange waits for the workshop's next change.
func (j Join) awaitChange() tea.Cmd {
	ch := j.seat.Changed()
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		<-ch
		return changedMsg{}
	}
}

// clock ticks while a timer runs.
func (j Join) clock() tea.Cmd {
	if j.status.Deadline.IsZero() || !j.now().Before(j.status.Deadline) {
		return nil
	}
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return clockMsg{} })
}

// open opens the participant's session and shows its first screen.
func (j Join) open() (Join, tea.Cmd) {
	s, err := j.seat.Open()
	if err != nil {
		j.message = j.refusal(err)
		return j, j.awaitChange()
	}
	s.ResumeCode = j.seat.ResumeCode()
	m := New(s, DefaultKeyMap(s.Lang), j.styles)
	m.embedded = true
	next, _ := m.Update(tea.WindowSizeMsg{Width: j.width, Height: j.height})
	answering := next.(Model)
	j.assess, j.step = &answering, stepAnswering
	j.assess.timer = timerText(j.status.Deadline, j.now(), j.t)
	return j, tea.Batch(j.assess.Init(), j.awaitChange(), j.clock())
}

// refusal is what the screen says when the gate refuses.
func (j Join) refusal(err error) string {
	for _, r := range []struct {
		err  error
		text string
	}{{ErrResumeWrong, "resume wrong"}, {ErrTooManyCodes, "code refused"}, {ErrInUse, "pseudonym in use"}, {ErrTaken, "pseudonym taken"},
		{ErrBadPseudonym, "pseudonym bad"}, {ErrEnded, "workshop ended"}, {ErrUnavailable, "server error"}} {
		if errors.Is(err, r.err) {
			return strings.ReplaceAll(j.t[r.text], "{name}", j.alias)
		}
	}
	return j.t["server error"]
}

// ending shows the last screen: the program ends at the next key.
func (j Join) ending(text string) (Join, tea.Cmd) {
	if j.seat != nil {
		j.seat.Leave()
	}
	j.step, j.end = stepEnd, text
	return j, nil
}

// Update implements tea.Model.
func (j Join) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		j.width, j.height = msg.Width, msg.Height
	case LeaveMsg:
		// The workshop server ends the program: the reason stays on the
		// participant's own screen once the program is gone.
		text := j.t[[...]string{"left shutdown", "left gate timeout", "left idle"}[msg.Reason]]
		if j.seat != nil {
			text += " " + strings.NewReplacer("{name}", j.alias, "{code}", j.seat.ResumeCode()).Replace(j.t["left resume"])
		}
		return j, tea.Sequence(tea.ExitAltScreen, tea.Println(text), j.quit())
	case changedMsg:
		if j.step != stepAnswering {
			return j, nil
		}
		return j.follow()
	case clockMsg:
		if j.step == stepAnswering {
			j.assess.timer = timerText(j.status.Deadline, j.now(), j.t)
		}
		return j, j.clock()
	}
	switch j.step {
	case stepAnswering:
		if _, ok := msg.(DoneMsg); ok {
			return j, j.quit()
		}
		m, cmd := j.assess.Update(msg)
		next := m.(Model)
		j.assess = &next
		return j, cmd
	case stepEnd:
		if _, ok := msg.(tea.KeyMsg); ok {
			return j, j.quit()
		}
		return j, nil
	}
	switch msg := msg.(type) {
	case codeCheckedMsg:
		j.waiting = false
		switch {
		case msg.ok:
			j.step, j.message = stepPseudonym, ""
		case msg.done:
			j.message = j.t["code refused"]
			return j, tea.Quit
		default:
			j.message = j.t["code wrong"]
		}
		j.input.SetValue("")
		return j, nil
	case claimedMsg:
		return j.claimed(msg)
	case tea.KeyMsg:
		if msg.String() == "ctrl+c" {
			return j, j.quit()
		}
		if j.waiting {
			// Keys typed while a code is answered are not the next code.
			return j, nil
		}
		switch msg.String() {
		case "esc":
			switch j.step {
			case stepResume:
				j.step, j.message = stepPseudonym, ""
				j.input.EchoMode = textinput.EchoNormal
				j.input.SetValue(j.alias)
				return j, nil
			case stepWelcome:
				return j, nil
			}
			return j, j.quit()
		case "enter":
			return j.enter()
		}
		if j.step == stepWelcome {
			return j, nil
		}
	}
	var cmd tea.Cmd
	j.input, cmd = j.input.Update(msg)
	return j, cmd
}

// enter acts on what was typed at the gate.
func (j Join) enter() (tea.Model, tea.Cmd) {
	if j.step == stepWelcome {
		return j.open()
	}
	value := strings.TrimSpace(j.input.Value())
	if value == "" {
		return j, nil
	}
	gate := j.gate
	switch j.step {
	case stepCode:
		j.waiting, j.message = true, j.t["checking"]
		return j, func() tea.Msg {
			ok, done := gate.CheckCode(value)
			return codeCheckedMsg{ok: ok, done: done}
		}
	case stepPseudonym:
		for _, r := range value {
			if !unicode.IsGraphic(r) {
				j.message = strings.ReplaceAll(j.t["pseudonym bad"], "{name}", "")
				return j, nil
			}
		}
		j.alias, j.waiting, j.message = value, true, ""
		return j, func() tea.Msg {
			seat, err := gate.Claim(value, "")
			return claimedMsg{seat, err}
		}
	case stepResume:
		alias := j.alias
		j.waiting, j.message = true, j.t["checking"]
		return j, func() tea.Msg {
			seat, err := gate.Claim(alias, value)
			return claimedMsg{seat, err}
		}
	}
	return j, nil
}

// claimed goes on once the gate answered a pseudonym or a resume code.
func (j Join) claimed(msg claimedMsg) (tea.Model, tea.Cmd) {
	j.waiting = false
	switch {
	case msg.err == nil:
		j.seat, j.message = msg.seat, ""
		j.status = msg.seat.Status()
		j.input.EchoMode = textinput.EchoNormal
		if msg.seat.New() {
			j.step = stepWelcome
			return j, nil
		}
		return j.open()
	case errors.Is(msg.err, ErrResumeNeeded):
		j.step, j.message = stepResume, ""
		j.input.SetValue("")
	case errors.Is(msg.err, ErrResumeWrong):
		j.message = j.refusal(msg.err)
		j.input.SetValue("")
	case errors.Is(msg.err, ErrTooManyCodes):
		j.message = j.refusal(msg.err)
		return j, tea.Quit
	default:
		j.message = j.refusal(msg.err)
		if j.step == stepResume {
			j.step = stepPseudonym
			j.input.SetValue(j.alias)
		}
	}
	return j, nil
}

// follow brings the screen in line with the workshop after a change: the
// last screen when the participant was removed or the workshop ended, the
// session opened anew at a change of phase, the timer as it is now.
func (j Join) follow() (tea.Model, tea.Cmd) {
	st := j.seat.Status()
	switch {
	case st.Removed:
		return j.ending(j.t["removed"])
	case st.Ended:
		return j.ending(j.t["ended"])
	case st.Phase != j.status.Phase:
		// The session is opened again for the new phase, once the answers
		// given so far are saved.
		if j.assess.Busy() || j.assess.screen == screenNote {
			return j, tea.Tick(RejoinAfter, func(time.Time) tea.Msg { return changedMsg{} })
		}
		j.status = st
		return j.open()
	}
	restart := j.status.Deadline != st.Deadline
	j.status = st
	j.assess.timer = timerText(st.Deadline, j.now(), j.t)
	cmd := j.awaitChange()
	if restart {
		cmd = tea.Batch(cmd, j.clock())
	}
	return j, cmd
}

// timerText is the phase timer as a participant's screen shows it: the
// minutes and seconds left, or that time is up.
func timerText(deadline, now time.Time, t texts) string {
	if deadline.IsZero() {
		return ""
	}
	left := deadline.Sub(now)
	if left <= 0 {
		return t["time up"]
	}
	return "⏱ " + clockText(secondsLeft(left))
}

// secondsLeft counts a part of a second as a second: a timer shows 0:00
// only when time is up.
func secondsLeft(d time.Duration) int { return int((d + time.Second - 1) / time.Second) }

// clockText writes seconds as m:ss.
func clockText(s int) string { return fmt.Sprintf("%d:%02d", s/60, s%60) }

// Answering reports whether the participant got past the gate.
func (j Join) Answering() bool { return j.step == stepAnswering }

// View implements tea.Model.
func (j Join) View() string {
	if j.step == stepAnswering {
		return j.assess.View()
	}
	w := min(max(j.width, 10), readableWidth)
	var lines []string
	add := func(s string) { lines = append(lines, strings.Split(wrapText(s, w), "\n")...) }
	lines = append(lines, j.styles.Title.Render(ansi.Truncate(j.t["workshop title"], w, "…")), "")
	switch j.step {
	case stepEnd:
		add(j.end)
		lines = append(lines, "", j.styles.Muted.Render(ansi.Truncate(j.t["end keys"], w, "…")))
	case stepWelcome:
		add(strings.ReplaceAll(j.t["welcome"], "{name}", j.alias))
		lines = append(lines, "", "    "+j.styles.Header.Render(spaced(j.seat.ResumeCode())), "")
		add(j.t["welcome help"])
		lines = append(lines, "", j.styles.Muted.Render(ansi.Truncate(j.t["welcome keys"], w, "…")))
	default:
		prompt := j.t["code prompt"]
		switch j.step {
		case stepPseudonym:
			prompt = j.t["pseudonym prompt"]
		case stepResume:
			prompt = strings.ReplaceAll(j.t["resume prompt"], "{name}", j.alias)
		}
		add(prompt)
		lines = append(lines, "", j.input.View())
		if j.message != "" {
			lines = append(lines, "")
			for _, l := range strings.Split(wrapText(j.message, w), "\n") {
				style := j.styles.Error
				if j.waiting {
					style = j.styles.Muted
				}
				lines = append(lines, style.Render(l))
			}
		}
	}
	for i := range lines {
		lines[i] = ansi.Truncate(lines[i], max(j.width, 10), "…")
	}
	if j.height > 0 && len(lines) > j.height {
		lines = lines[:j.height]
	}
	return strings.Join(lines, "\n") + "\n"
}

// spaced writes a code with a space between its characters, to be read
// out and copied without mistakes: K 7 P M.
func spaced(code string) string {
	return strings.Join(strings.Split(code, ""), " ")
}
