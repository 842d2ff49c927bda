package tui

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestActionLines_Narrow: on a screen too narrow for the whole line of
// facts, the end is cut but "verlopen" beside the status stays; a closed
// action is never shown overdue.
func TestActionLines_Narrow(t *testing.T) {
	st, words := DefaultStyles(), textsFor("nl")
	open := Action{ID: 2, Status: ActionInProgress, Owner: "databeheerder", Due: "2025-06-30", Round: "2025-02", Overdue: true, Text: "Een pilot"}
	if got := ansi.Strip(actionLines(open, "Voorschrijvend", false, st, words, 30)[0]); got != "  #2 · bezig · verlopen · dat…" {
		t.Errorf("30 wide: %q", got)
	}
	done := open
	done.Status = ActionDone
	if got := ansi.Strip(actionLines(done, "", false, st, words, 200)[0]); got != "  #2 · gereed · databeheerder · uiterlijk 2025-06-30 · na ronde 2025-02" {
		t.Errorf("done: %q", got)
	}
}
