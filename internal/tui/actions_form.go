package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// What a field of a form takes at most, typed or pasted: the store
// refuses longer texts too, but the screen stops taking keys first.
const (
	maxActionTextRunes = 4000 // an action's text, evidence or reason: as much as the note editor takes
	maxOwnerRunes      = 40   // an owner: a role's name
	maxDueRunes        = 10   // a due date, YYYY-MM-DD
	maxPathRunes       = 1024 // the file a report is written to
)

// askForm asks a few lines of text, one field under the other: the action's
// text, owner and due date, the evidence of a done action, the file a
// report goes to. Each field has a label and a line of help under it.
type askForm struct {
	title  string
	labels []string
	helps  []string
	fields []textinput.Model
	focus  int
}

// askField is one field of a form: its label, its help and what it
// starts with.
type askField struct {
	label, help, value string
	limit              int
}

func newAskForm(title string, fields ...askField) askForm {
	f := askForm{title: title}
	for _, x := range fields {
		in := textinput.New()
		in.Prompt = "› "
		in.CharLimit = x.limit
		in.SetValue(x.value)
		in.CursorEnd()
		f.labels, f.helps, f.fields = append(f.labels, x.label), append(f.helps, x.help), append(f.fields, in)
	}
	f.fields[0].Focus()
	return f
}

// askResult says what a key did to a form.
type askResult int

const (
	askEditing   askResult = iota
	askDone                // enter on the last field
	askCancelled           // esc
)

// update handles a key: tab, ↓ and enter go to the next field, shift+tab
// and ↑ to the one before, enter on the last field submits, esc cancels.
func (f askForm) update(k tea.KeyMsg) (askForm, askResult, tea.Cmd) {
	move := func(d int) (askForm, askResult, tea.Cmd) {
		f.fields[f.focus].Blur()
		f.focus = cycle(f.focus, d, len(f.fields))
		return f, askEditing, f.fields[f.focus].Focus()
	}
	switch k.String() {
	case "esc":
		return f, askCancelled, nil
	case "enter":
		if f.focus == len(f.fields)-1 {
			return f, askDone, nil
		}
		return move(1)
	case "tab", "down":
		return move(1)
	case "shift+tab", "up":
		return move(-1)
	}
	var cmd tea.Cmd
	f.fields[f.focus], cmd = f.fields[f.focus].Update(k)
	return f, askEditing, cmd
}

// value is what field i holds, without the spaces around it.
func (f askForm) value(i int) string { return strings.TrimSpace(f.fields[i].Value()) }

// view draws the form at width columns: the title, then each field with
// its label, its input and its help; a value longer than the input shows
// whole under it. keep is the range of lines of the field being typed in.
func (f askForm) view(st Styles, width int) (lines []string, keep [2]int) {
	w := min(width, readableWidth)
	for _, l := range hang("", f.title, w) {
		lines = append(lines, st.Header.Render(l))
	}
	for i, in := range f.fields {
		lines = append(lines, "")
		if i == f.focus {
			keep[0] = len(lines)
		}
		label := f.labels[i]
		if i == f.focus {
			label = st.Cursor.Render(label)
		}
		in.Width = max(10, w-4)
		lines = append(lines, label, in.View())
		if v := in.Value(); ansi.StringWidth(v) > in.Width {
			for _, l := range hang("  ", Printable(v), w) {
				lines = append(lines, st.Note.Render(l))
			}
		}
		if f.helps[i] != "" {
			for _, l := range hang("  ", f.helps[i], w) {
				lines = append(lines, st.Muted.Render(l))
			}
		}
		if i == f.focus {
			keep[1] = len(lines) - 1
		}
	}
	return lines, keep
}
