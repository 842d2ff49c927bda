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
		"Department Burgerzaken, round 2026-11, pseudonym Vos: 0 of 4 questions answered.\n",
		"Note: Note kept.\n",
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
	if !strings.HasPrefix(out.String(), "Department Burgerzaken, round 2026-11, pseudonym Vos: 1 of 4 questions answered.\n\nQuestion 2 of 4") ||
		!strings.Contains(out.String(), "(current answer: 2)") {
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

// TestRunAccessible_Words: an earlier "don't know" or "not applicable" is
// said in words, and an emptied note is said to be removed.
func TestRunAccessible_Words(t *testing.T) {
	s, b := session(t, small, map[string]scoring.Value{"a": scoring.DontKnow, "b": scoring.NotApplicable})
	s.Lang = "nl"
	var out strings.Builder
	if err := tui.RunAccessible(s, strings.NewReader("b\nb\n\ne\n\nq\n"), &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"(huidig antwoord: niet van toepassing)", "(huidig antwoord: weet niet)", "Notitie: Notitie gewist.\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), ": dk)") || strings.Contains(out.String(), ": na)") || b.log() != "note b=" {
		t.Errorf("saves %q, output:\n%s", b.log(), out.String())
	}
}

// TestWriteOpenActions: before the first answer of a round, the open
// actions from earlier rounds, as plain lines; nothing once answering began.
func TestWriteOpenActions(t *testing.T) {
	s, _ := session(t, small, nil)
	all := []tui.Action{
		{ID: 4, Department: "Burgerzaken", Round: "2026-05", Dimension: "one", Text: "Write the rules down", Owner: "teamleider", Due: "2026-09-30", Status: tui.ActionPlanned, Overdue: true},
		{ID: 5, Department: "Burgerzaken", Round: "2026-05", Dimension: "two", Text: "Done already", Status: tui.ActionDone},
	}
	var out strings.Builder
	if err := tui.WriteOpenActions(&out, s, all); err != nil {
		t.Fatal(err)
	}
	want := "Burgerzaken: open actions from earlier rounds\nWhat the department agreed after an earlier round and has not finished. Keep it in mind while answering: was it done?\n" +
		"  #4 · planned · overdue · teamleider · due 2026-09-30 · after round 2026-05 · One\n    Write the rules down\n\n"
	if out.String() != want {
		t.Errorf("got:\n%q\nwant:\n%q", out.String(), want)
	}
	s.Answers = map[string]scoring.Value{"a": 3}
	out.Reset()
	if err := tui.WriteOpenActions(&out, s, all); err != nil || out.String() != "" {
		t.Errorf("after an answer: %v, %q", err, out.String())
	}
}
