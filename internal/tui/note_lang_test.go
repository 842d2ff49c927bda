package tui_test

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/maturity-nl/maturity/internal/tui"
)

// TestModel_NoteLang: a note typed on a screen in English is saved as
// written in English.
func TestModel_NoteLang(t *testing.T) {
	s, b := session(t, small, nil)
	tm := start(t, s, 80, 24)
	waitFor(t, tm, "Question A?")
	tm.Type("e")
	waitFor(t, tm, "Note on this question")
	tm.Type("Monthly dashboard")
	tm.Send(key(tea.KeyEsc))
	waitFor(t, tm, "Note: Monthly dashboard")
	tm.Type("q")
	final(t, tm)
	if got, langs := b.log(), fmt.Sprint(b.noteLangs); got != "note a=Monthly dashboard" || langs != "[en]" {
		t.Errorf("saves = %q in %s; want the note in [en]", got, langs)
	}
}

// TestRunAccessible_NoteLang: the line-by-line screen saves a note in its
// own language, here Dutch.
func TestRunAccessible_NoteLang(t *testing.T) {
	s, b := session(t, small, nil)
	s.Lang = "nl"
	var out strings.Builder
	if err := tui.RunAccessible(s, strings.NewReader("e\nAlleen in Excel\nq\n"), &out); err != nil {
		t.Fatal(err)
	}
	if got, langs := b.log(), fmt.Sprint(b.noteLangs); got != "note a=Alleen in Excel" || langs != "[nl]" {
		t.Errorf("saves = %q in %s; want the note in [nl]", got, langs)
	}
}
