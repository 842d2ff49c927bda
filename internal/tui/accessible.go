package tui

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
)

// RunAccessible asks the questions as plain numbered prompts, one line of
// input per answer, for screen readers and for answers piped in from a
// script. It saves exactly as the full-screen interface does: each answer
// through the Backend the moment it is given. It starts at the first
// unanswered question and stops at the end, at "q" or at the end of input.
func RunAccessible(s Session, in io.Reader, out io.Writer) error {
	t := textsFor(s.Lang)
	qs := s.Questions()
	answers := map[string]scoring.Value{}
	for k, v := range s.Answers {
		answers[k] = v
	}
	lines := bufio.NewScanner(in)
	lines.Buffer(make([]byte, 64<<10), 1<<20)
	w := &lineWriter{w: out}
	prompt := fmt.Sprintf(t["acc prompt"], questionnaire.MinLevel, questionnaire.MaxLevel)
	// Where the reader is, before anything else: department, round,
	// pseudonym and how far they got.
	done := 0
	for _, q := range qs {
		if _, ok := answers[q.ID]; ok {
			done++
		}
	}
	w.printf("%s\n", fmt.Sprintf(t["acc opening"], Printable(s.Department), Printable(s.Round), Printable(s.Respondent), done, len(qs)))
	for i := s.FirstUnanswered(); i < len(qs); {
		q := qs[i]
		d := q.Dimension
		w.printf("\n%s %d %s %d — %s › %s\n", strings.ToUpper(t["question"][:1])+t["question"][1:], i+1, t["of"], len(qs), d.Group.Name.In(s.Lang), d.Name.In(s.Lang))
		w.printf("%s\n", q.Text.In(s.Lang))
		if h := q.Help.In(s.Lang); h != "" {
			w.printf("  %s\n", h)
		}
		for i, o := range q.Options { // option k is level k
			w.printf("  %d) %s\n", i+1, o.In(s.Lang))
		}
		w.printf("  d) %s\n  n) %s\n", t["dont know"], t["not applicable"])
		if v, ok := answers[q.ID]; ok {
			w.printf("  (%s: %s)\n", t["acc current"], valueWords(v, t))
		}
		w.printf("%s", prompt)
		if w.err != nil {
			return w.err
		}
		if !lines.Scan() {
			w.printf("\n%s\n", t["saved"])
			return lines.Err()
		}
		reply := strings.ToLower(strings.TrimSpace(lines.Text()))
		switch reply {
		case "d":
			reply = scoring.DontKnowCode
		case "n":
			reply = scoring.NotApplicableCode
		case "q":
			w.printf("%s\n", t["saved"])
			return w.err
		case "":
			i++
			continue
		case "b":
			i = max(0, i-1)
			continue
		case "e":
			w.printf("%s: ", t["note"])
			if !lines.Scan() {
				continue
			}
			note := strings.TrimSpace(lines.Text())
			if err := s.Backend.SaveNote(q.ID, note, s.Lang); err != nil {
				return err
			}
			if note == "" {
				w.printf("%s\n", t["acc note removed"])
			} else {
				w.printf("%s\n", t["acc note saved"])
			}
			continue
		}
		v, err := scoring.ParseValue(reply)
		if err != nil {
			w.printf("%s\n", t["acc invalid"])
			continue
		}
		if err := s.Backend.SaveAnswer(q.ID, v); err != nil {
			return err
		}
		answers[q.ID] = v
		i++
	}
	w.printf("\n%s %s\n", t["all answered"], t["saved"])
	return w.err
}

// valueWords is an answer as a screen reader says it: the level, or
// "weet niet" / "niet van toepassing" in words.
func valueWords(v scoring.Value, t texts) string {
	switch v {
	case scoring.DontKnow:
		return t["dont know"]
	case scoring.NotApplicable:
		return t["not applicable"]
	}
	return v.String()
}

// lineWriter writes formatted text and keeps the first error.
type lineWriter struct {
	w   io.Writer
	err error
}

func (l *lineWriter) printf(format string, args ...any) {
	if l.err == nil {
		_, l.err = fmt.Fprintf(l.w, format, args...)
	}
}
