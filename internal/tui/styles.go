package tui

import "github.com/charmbracelet/lipgloss"

// Styles holds every style of the interface, built once. Colours adapt to
// light and dark backgrounds; with NO_COLOR set lipgloss renders none, and
// the interface stays readable through marks (›, ✓) rather than colour alone.
type Styles struct {
	Header, Context, Question, Help, Option, Cursor, Chosen, Key, Muted, Error, Note, Title, Good, Warn lipgloss.Style
	BarFull, BarEmpty, BarTarget                                                                        lipgloss.Style
}

// DefaultStyles returns the house style.
func DefaultStyles() Styles {
	accent := lipgloss.AdaptiveColor{Light: "#1F5FA8", Dark: "#7FB2F0"}
	muted := lipgloss.AdaptiveColor{Light: "#666666", Dark: "#9A9A9A"}
	good := lipgloss.AdaptiveColor{Light: "#1E7B34", Dark: "#6CCB7F"}
	warn := lipgloss.AdaptiveColor{Light: "#A35200", Dark: "#F0A860"}
	red := lipgloss.AdaptiveColor{Light: "#B00020", Dark: "#FF6B81"}
	return Styles{
		Header:    lipgloss.NewStyle().Bold(true),
		Context:   lipgloss.NewStyle().Foreground(accent),
		Question:  lipgloss.NewStyle().Bold(true),
		Help:      lipgloss.NewStyle().Foreground(muted).Italic(true),
		Option:    lipgloss.NewStyle(),
		Cursor:    lipgloss.NewStyle().Foreground(accent).Bold(true),
		Chosen:    lipgloss.NewStyle().Foreground(good).Bold(true),
		Key:       lipgloss.NewStyle().Foreground(accent),
		Muted:     lipgloss.NewStyle().Foreground(muted),
		Error:     lipgloss.NewStyle().Foreground(red).Bold(true),
		Note:      lipgloss.NewStyle().Foreground(muted),
		Title:     lipgloss.NewStyle().Bold(true).Foreground(accent),
		Good:      lipgloss.NewStyle().Foreground(good),
		Warn:      lipgloss.NewStyle().Foreground(warn),
		BarFull:   lipgloss.NewStyle().Foreground(accent),
		BarEmpty:  lipgloss.NewStyle().Foreground(muted),
		BarTarget: lipgloss.NewStyle().Foreground(warn).Bold(true),
	}
}
