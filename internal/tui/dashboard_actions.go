package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/maturity-nl/maturity/internal/questionnaire"
)

// What the facilitator's keys do to the workshop: each change that cannot
// be taken back asks first and says what follows.

// say shows what an action did, for a while.
func (d *Dashboard) say(s string) {
	d.status, d.statusUntil = s, d.now().Add(StatusFor)
}

// ask opens a confirmation.
func (d *Dashboard) ask(question string, do func(Dashboard) (Dashboard, tea.Cmd)) {
	d.mode, d.confirm = modeConfirm, confirmation{question: question, do: do}
}

// notFinished says who has not finished this vote: "3 van 5 zijn nog
// niet klaar: anna, bert, cees."
func (d Dashboard) notFinished() string {
	open := d.notDone()
	switch {
	case len(d.snap.Participants) == 0:
		return d.t["nobody joined"]
	case len(open) == 0:
		return d.t["everyone done"]
	case len(open) == 1:
		return fmt.Sprintf(d.t["one not done"], len(d.snap.Participants), open[0])
	}
	return fmt.Sprintf(d.t["some not done"], len(open), len(d.snap.Participants), strings.Join(open, ", "))
}

// setPhase moves the workshop on and says so.
func (d Dashboard) setPhase(p Phase) (Dashboard, tea.Cmd) {
	if err := d.f.SetPhase(p); err != nil {
		d.err = err
		return d, nil
	}
	from := d.phase
	d.phase, d.selected, d.err, d.scroll, d.presenting, d.agreeSel = p, 0, nil, 0, false, 0
	said := [...]string{"now answering", "now discussion", "now revote", "now agreements", "now closed"}[p]
	if from == PhaseAgreements && p == PhaseDiscussion {
		said = "back discussion"
	}
	d.say(d.t[said])
	return d, d.refresh()
}

// next asks to move the workshop to its next phase, saying what follows.
func (d Dashboard) next() Dashboard {
	switch d.phase {
	case PhaseAnswering:
		d.ask(d.t["confirm discussion"]+" "+d.notFinished(), func(d Dashboard) (Dashboard, tea.Cmd) { return d.setPhase(PhaseDiscussion) })
	case PhaseRevote:
		d.ask(d.t["confirm revote closed"]+" "+d.notFinished(), func(d Dashboard) (Dashboard, tea.Cmd) { return d.setPhase(PhaseDiscussion) })
	case PhaseDiscussion:
		d.ask(d.t["confirm agreements"], func(d Dashboard) (Dashboard, tea.Cmd) { return d.setPhase(PhaseAgreements) })
	case PhaseAgreements:
		// Closing without an agreement is what the report calls
		// noncommittal: the question says so.
		said := d.t["close unagreed"]
		switch n := len(d.snap.Agreements); n {
		case 0:
		case 1:
			said = d.t["close agreed one"]
		default:
			said = fmt.Sprintf(d.t["close agreed"], n)
		}
		d.ask(d.t["confirm close"]+" "+said, func(d Dashboard) (Dashboard, tea.Cmd) { return d.setPhase(PhaseClosed) })
	}
	return d
}

// quit asks to stop the workshop; yes tells every participant first.
func (d Dashboard) quit() Dashboard {
	q := d.t["confirm quit"]
	if n := d.connected(); n == 1 {
		q = d.t["confirm quit one"]
	} else if n > 1 {
		q = fmt.Sprintf(d.t["confirm quit some"], n)
	}
	d.ask(q, func(d Dashboard) (Dashboard, tea.Cmd) {
		d.f.End()
		return d, tea.Quit
	})
	return d
}

// decide opens the editor for the group's decision on the selected question.
func (d Dashboard) decide() (tea.Model, tea.Cmd) {
	if list, _ := d.disagreement(); d.phase == PhaseDiscussion && d.selected < len(list) {
		d.mode = modeDecision
		d.note.SetValue("")
		return d, d.note.Focus()
	}
	return d, nil
}

// askRemove asks whether to remove a participant, saying what goes.
func (d Dashboard) askRemove(p Participant) Dashboard {
	name := Printable(p.Pseudonym)
	q := fmt.Sprintf(d.t["confirm remove"], name, p.Answered)
	if p.Answered == 1 {
		q = fmt.Sprintf(d.t["confirm remove one"], name)
	}
	d.ask(q, func(d Dashboard) (Dashboard, tea.Cmd) {
		n, err := d.f.Remove(p.Pseudonym)
		if err != nil {
			d.err = err
			return d, nil
		}
		if n == 1 {
			d.say(fmt.Sprintf(d.t["removed participant one"], name))
		} else {
			d.say(fmt.Sprintf(d.t["removed participant"], name, n))
		}
		return d, d.refresh()
	})
	return d
}

// setTimer reads what the facilitator typed: minutes ("5", "1:30"), "+2"
// to extend, "0" to stop. The timer changes nothing by itself.
func (d Dashboard) setTimer(typed string) (tea.Model, tea.Cmd) {
	typed = strings.TrimSpace(typed)
	extend := strings.HasPrefix(typed, "+")
	seconds, ok := parseMinutes(strings.TrimPrefix(typed, "+"))
	if !ok {
		d.say(fmt.Sprintf(d.t["timer bad"], MaxTimerMinutes))
		return d, nil
	}
	d.mode = modeNormal
	from := d.now()
	if extend && d.snap.Deadline.After(from) {
		from = d.snap.Deadline
	}
	deadline := from.Add(time.Duration(seconds) * time.Second)
	if seconds == 0 && !extend {
		deadline = time.Time{}
	}
	if deadline.Sub(d.now()) > MaxTimerMinutes*time.Minute {
		d.say(fmt.Sprintf(d.t["timer bad"], MaxTimerMinutes))
		return d, nil
	}
	if err := d.f.SetTimer(deadline); err != nil {
		d.err = err
		return d, nil
	}
	d.snap.Deadline = deadline
	if deadline.IsZero() {
		d.say(d.t["timer stopped"])
	} else {
		d.say(fmt.Sprintf(d.t["timer set"], clockText(secondsLeft(deadline.Sub(d.now())))))
	}
	return d, d.refresh()
}

// parseMinutes reads "5" (minutes) or "1:30" (minutes and seconds) as
// seconds, at most MaxTimerMinutes.
func parseMinutes(s string) (int, bool) {
	m, sec, hasSec := strings.Cut(s, ":")
	mins, err := strconv.Atoi(m)
	if err != nil || mins < 0 || mins > MaxTimerMinutes {
		return 0, false
	}
	secs := 0
	if hasSec {
		if secs, err = strconv.Atoi(sec); err != nil || secs < 0 || secs > 59 || len(sec) != 2 {
			return 0, false
		}
	}
	return mins*60 + secs, mins*60+secs <= MaxTimerMinutes*60
}

// questionLabel is a question as a status line names it: its number and
// the start of its text.
func questionLabel(q *questionnaire.Questionnaire, id, lang string) string {
	for i, x := range q.Questions() {
		if x.ID == id {
			text := []rune(x.Text.In(lang))
			if len(text) > 60 {
				text = append(text[:59], '…')
			}
			return fmt.Sprintf("%d. %s", i+1, string(text))
		}
	}
	return id
}
