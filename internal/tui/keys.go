package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// KeyMap is every key binding of the answering screens, built once.
type KeyMap struct {
	Up, Down, Choose, Answer, DontKnow, NotApplicable key.Binding
	Prev, Next, Overview, Note, Help, Finish, Quit    key.Binding
	Back, SaveNote, Report                            key.Binding
	// Tab, Esc and CtrlC are on the help screen only: Next, Back and
	// Quit act on them, and the help says what they do everywhere.
	Tab, Esc, CtrlC key.Binding
}

// DefaultKeyMap returns the key bindings with their help texts in lang.
func DefaultKeyMap(lang string) KeyMap {
	t := textsFor(lang)
	return KeyMap{
		Up:            key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", t["key choose"])),
		Down:          key.NewBinding(key.WithKeys("down", "j")),
		Choose:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", t["key answer"])),
		Answer:        key.NewBinding(key.WithKeys("1", "2", "3", "4", "5"), key.WithHelp("1–5", t["key answer and next"])),
		DontKnow:      key.NewBinding(key.WithKeys("d"), key.WithHelp("d", t["dont know"])),
		NotApplicable: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", t["not applicable"])),
		Prev:          key.NewBinding(key.WithKeys("left", "shift+tab", "h"), key.WithHelp("←/→", t["key prev next"])),
		Next:          key.NewBinding(key.WithKeys("right", "tab", "l")),
		Overview:      key.NewBinding(key.WithKeys("o"), key.WithHelp("o", t["key overview"])),
		Note:          key.NewBinding(key.WithKeys("e"), key.WithHelp("e", t["key note"])),
		Help:          key.NewBinding(key.WithKeys("?"), key.WithHelp("?", t["key help"])),
		Finish:        key.NewBinding(key.WithKeys("f"), key.WithHelp("f", t["key finish"])),
		Quit:          key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", t["key quit"])),
		Back:          key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", t["key back"])),
		SaveNote:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", t["key save note"])),
		Report:        key.NewBinding(key.WithKeys("r"), key.WithHelp("r", t["key report"])),
		Tab:           key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab/shift+tab", t["key tab"])),
		Esc:           key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", t["key esc"])),
		CtrlC:         key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", t["key ctrl c"])),
	}
}

// ShortHelp is the one-line help under every question.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Answer, k.Prev, k.Overview, k.Note, k.Help, k.Quit}
}

// FullHelp is the help screen behind '?'.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Choose, k.Answer, k.DontKnow, k.NotApplicable},
		{k.Prev, k.Tab, k.Overview, k.Note, k.Finish},
		{k.Esc, k.Help, k.Quit, k.CtrlC},
	}
}

// keyBurst hands each rune of a burst of typed runes to key as a key of its
// own, the model each one leaves behind taking the next: keys typed fast
// over a slow connection arrive as one burst.
func keyBurst[M tea.Model](m M, runes []rune, key func(M, tea.KeyMsg) (tea.Model, tea.Cmd)) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	var next tea.Model = m
	for _, r := range runes {
		var cmd tea.Cmd
		next, cmd = key(next.(M), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		cmds = append(cmds, cmd)
	}
	return next, tea.Batch(cmds...)
}
