package tui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
)

// What the keys of the results screen do beyond the screen itself: write
// a report, agree an action from the selected recommendation, open the
// actions screen, leave.

// Reports writes a department's report for leadership.
type Reports interface {
	// ReportPath is where the round's report goes unless the user says
	// otherwise: a file in the current folder. format is pdf or html.
	ReportPath(round PastRound, format string) string
	// WriteReport writes the round's report in lang to path and returns
	// the full path written.
	WriteReport(round PastRound, format, path, lang string) (string, error)
}

// resultsLeave says where a key on the results screen leads.
type resultsLeave int

const (
	stayResults resultsLeave = iota
	leaveResults
	openActions
)

// reportDoneMsg says whether a report from the results screen was written.
type reportDoneMsg struct {
	path string
	err  error
}

// update handles a key on the results screen.
func (p resultsPage) update(k tea.KeyMsg, home Home, st Styles, width, height int) (resultsPage, resultsLeave, tea.Cmd) {
	lang, t := p.lang, textsFor(p.lang)
	if p.form != nil {
		return p.updateForm(k, home, lang, t)
	}
	if p.busy {
		return p, stayResults, nil // the report is being written
	}
	p.msg, p.err = "", nil
	room := max(1, height-len(p.footer(st, t, width)))
	r := p.round()
	switch k.String() {
	case "esc", "q":
		return p, leaveResults, nil
	case "left":
		if p.sel > 0 {
			p.sel, p.rec, p.off = p.sel-1, 0, 0
		}
	case "right":
		if p.sel < len(p.rounds)-1 {
			p.sel, p.rec, p.off = p.sel+1, 0, 0
		}
	case "up", "k":
		p = p.scrolled(-1, false, lang, st, t, width, height)
	case "down", "j":
		p = p.scrolled(1, false, lang, st, t, width, height)
	case "pgup":
		p = p.scrolled(-room, false, lang, st, t, width, height)
	case "pgdown", " ":
		p = p.scrolled(room, false, lang, st, t, width, height)
	case "tab", "shift+tab":
		if n := len(r.Result.Recommendations); n > 0 {
			d := 1
			if k.String() == "shift+tab" {
				d = -1
			}
			p.rec = cycle(p.rec, d, n)
			p = p.scrolled(0, true, lang, st, t, width, height)
		}
	case "r", "h":
		format := "pdf"
		if k.String() == "h" {
			format = "html"
		}
		f := newAskForm(fmt.Sprintf(t["report where"], format), askField{label: t["report file"], help: t["report file help"], value: home.ReportPath(r, format), limit: maxPathRunes})
		p.form, p.formKind = &f, format
	case "a":
		recs := r.Result.Recommendations
		if len(recs) == 0 {
			p.msg = t["no recommendations"]
			return p, stayResults, nil
		}
		rec := recs[min(p.rec, len(recs)-1)]
		f := newAskForm(fmt.Sprintf(t["action new title"], r.Questionnaire.Dimension(rec.Dimension).Name.In(lang)),
			askField{label: t["action text"], value: rec.Text(r.Questionnaire).In(lang), limit: maxActionTextRunes},
			askField{label: t["action owner"], help: t["action owner help"], limit: maxOwnerRunes},
			askField{label: t["action due label"], help: t["action due help"], limit: maxDueRunes})
		p.form, p.formKind = &f, "action"
	case "l":
		return p, openActions, nil
	}
	return p, stayResults, nil
}

// updateForm handles a key while the results screen asks something.
func (p resultsPage) updateForm(k tea.KeyMsg, home Home, lang string, t texts) (resultsPage, resultsLeave, tea.Cmd) {
	f, res, cmd := p.form.update(k)
	p.form = &f
	switch res {
	case askCancelled:
		p.form, p.msg, p.err = nil, t["not done"], nil
	case askDone:
		r := p.round()
		if p.formKind != "action" {
			format, path := p.formKind, f.value(0)
			if path == "" {
				path = home.ReportPath(r, format)
			}
			p.form, p.busy, p.msg, p.err = nil, true, "", nil
			return p, stayResults, func() tea.Msg {
				written, err := home.WriteReport(r, format, path, lang)
				return reportDoneMsg{path: written, err: err}
			}
		}
		rec := r.Result.Recommendations[min(p.rec, len(r.Result.Recommendations)-1)]
		a, err := home.AddAction(NewAction{Department: r.Department, Assessment: r.ID, Dimension: rec.Dimension, Question: rec.Question,
			Text: f.value(0), Owner: f.value(1), Due: f.value(2)})
		if err != nil {
			// The form stays, with what was typed, so that it can be put right.
			p.err = err
			return p, stayResults, nil
		}
		p.form, p.err = nil, nil
		p.msg = fmt.Sprintf(t["action added"], a.ID)
	}
	return p, stayResults, cmd
}

// reported shows what writing the report did.
func (p resultsPage) reported(msg reportDoneMsg, t texts) resultsPage {
	p.busy = false
	if msg.err != nil {
		p.err = fmt.Errorf(t["report failed"], msg.err)
		return p
	}
	p.msg = fmt.Sprintf(t["report written"], msg.path)
	return p
}
