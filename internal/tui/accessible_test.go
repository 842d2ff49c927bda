package tui_test

import (
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/tui"
)

func TestRunAccessible(t *testing.T) {
	s, b := session(t, small, nil)
	var out strings.Builder
	// a=3, b: an invalid reply then dk, c: skipped, d: a note, then 1.
	in := "3\nzeven\nd\n\ne\nAlleen in Excel\n1\n"
	if err := tui.RunAccessible(s, strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	if got := b.log(); got != "a=3 b=dk note d=Alleen in Excel d=1" {
		t.Errorf("saves = %q", got)
	}
	for _, want := range []string{
		"Question 1 of 4 — Ladder › One\nQuestion A?\n  About A.\n  1) a1\n  2) a2\n  3) a3\n  4) a4\n  5) a5\n  d) don't know\n  n) not applicable\nAnswer with the level 1–5, d or n",
		"That is not an answer: type 1, 2, 3, 4, 5, d or n.",
		"Question 4 of 4 — Ladder › Two",
		"Every question is answered. Everything is saved.",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// TestRunAccessible_ResumeAndStop: it starts at the first open question,
// shows an earlier answer when going back, and stops at q or end of input.
func TestRunAccessible_ResumeAndStop(t *testing.T) {
	s, b := session(t, small, map[string]scoring.Value{"a": 2})
	var out strings.Builder
	if err := tui.RunAccessible(s, strings.NewReader("b\nq\n"), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(strings.TrimSpace(out.String()), "Question 2 of 4") || !strings.Contains(out.String(), "(current answer: 2)") {
		t.Errorf("output:\n%s", out.String())
	}
	if b.log() != "" {
		t.Errorf("saves = %q; want none", b.log())
	}
	out.Reset()
	if err := tui.RunAccessible(s, strings.NewReader("4\n"), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out.String(), "Everything is saved.\n") || b.log() != "b=4" {
		t.Errorf("at end of input: saves %q, output:\n%s", b.log(), out.String())
	}
}
