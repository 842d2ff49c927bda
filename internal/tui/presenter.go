package tui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// The presenter view is for the beamer: one question where the group
// differs at a time, large — the question, what each level means, and how
// many chose each level, don't know and not applicable, every bar on one
// scale (a full bar is everyone who answered). ←/→ go through the list and
// e records the group's decision, as on the dashboard. From the agreements
// step on, a last page shows what the group agreed.

func (d Dashboard) presenterKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	list, _ := d.disagreement()
	k := msg.String()
	switch k {
	case "esc", "p":
		d.presenting = false
		return d, nil
	case "q", "ctrl+c":
		return d.quit(), nil
	case "?":
		d.mode, d.helpScroll = modeHelp, 0
		return d, nil
	}
	if d.onAgreements {
		// The page of agreements comes after the last question: ←
		// goes back to the questions, ↑/↓ scroll.
		switch k {
		case "left", "h", "home":
			if len(list) > 0 {
				d.onAgreements = false
				d.selected = len(list) - 1
				if k == "home" {
					d.selected = 0
				}
			}
		case "up", "k":
			d.presentScroll = max(0, d.presentScroll-1)
		case "down", "j", " ":
			d.presentScroll++
		case "pgup":
			d.presentScroll = max(0, d.presentScroll-max(1, d.height-6))
		case "pgdown":
			d.presentScroll += max(1, d.height-6)
		case "end":
			d.presentScroll = 1 << 20
		}
		d.presentScroll = min(d.presentScroll, d.presenterMaxScroll())
		return d, nil
	}
	switch k {
	case "right", "l", "down", "j", "pgdown", " ":
		if d.selected >= len(list)-1 && d.hasAgreementsPage() {
			d.onAgreements, d.presentScroll = true, 0
		}
		d.selected = min(max(0, len(list)-1), d.selected+1)
	case "left", "h", "up", "k", "pgup":
		d.selected = max(0, d.selected-1)
	case "home":
		d.selected = 0
	case "end":
		d.selected = max(0, len(list)-1)
		if d.hasAgreementsPage() {
			d.onAgreements, d.presentScroll = true, 0
		}
	case "e":
		return d.decide()
	}
	return d, nil
}

// presenterRow is one bar of the presenter view: a level, don't know or
// not applicable.
type presenterRow struct {
	key, text    string
	count, first int
	hasFirst     bool
}

func (d Dashboard) viewPresenter() string {
	t, lang, w, h := d.t, d.info.Lang, d.width, d.height
	list, _ := d.disagreement()
	if d.onAgreements || (len(list) == 0 && d.hasAgreementsPage()) {
		return d.viewPresenterAgreements()
	}
	if len(list) == 0 {
		return strings.Join(clip([]string{d.styles.Title.Render(t["presenter empty"]), "", d.styles.Muted.Render(t["presenter keys"])}, w, h), "\n")
	}
	x := list[min(d.selected, len(list)-1)]
	qu := d.info.Questionnaire.Question(x.ID)
	tw := min(w, readableWidth)

	spread := fmt.Sprintf("%s %d", t["spread"], x.spread())
	if x.first != nil && x.Spread != nil {
		spread = fmt.Sprintf("%s %d → %d", t["spread"], x.spread(), *x.Spread)
	}
	top := fmt.Sprintf(t["presenter of"], min(d.selected, len(list)-1)+1, len(list)) + " · " + spread
	if timer := d.timerText(); timer != "" {
		top += " · " + timer
	}
	head := []string{d.styles.Muted.Render(top), ""}
	question := strings.Split(wrapText(qu.Text.In(lang), tw), "\n")
	for i := range question {
		question[i] = d.styles.Title.Render(question[i])
	}

	rows := []presenterRow{}
	for k := 1; k <= 5; k++ {
		r := presenterRow{key: fmt.Sprint(k), text: qu.Options[k-1].In(lang), count: x.Counts[k-1]}
		if x.first != nil {
			r.first, r.hasFirst = x.first.Counts[k-1], true
		}
		rows = append(rows, r)
	}
	dk, na := presenterRow{key: "d", text: t["dont know"], count: x.DontKnow}, presenterRow{key: "n", text: t["not applicable"], count: x.NotApplicable}
	if x.first != nil {
		dk.first, dk.hasFirst, na.first, na.hasFirst = x.first.DontKnow, true, x.first.NotApplicable, true
	}
	rows = append(rows, dk, na)
	// One scale for every bar: everyone who answered fills a bar.
	answered := x.N + x.DontKnow + x.NotApplicable
	if x.first != nil {
		answered = max(answered, x.first.N+x.first.DontKnow+x.first.NotApplicable)
	}
	barW := max(8, min(40, w/4))
	// A row: " k  bar  count  text", the count with the first vote's
	// beside it after a re-vote: "  3  (1e stem 2)".
	countW := 3
	if x.first != nil {
		countW += ansi.StringWidth(fmt.Sprintf("  (%s %d)", t["first vote"], answered))
	}
	textW := max(10, min(w, 160)-8-barW-countW)

	var panel []string
	if d.mode == modeDecision {
		panel = append(append(append(panel, ""), splitLines(wrapText(t["decision prompt"], tw))...), splitLines(d.note.View())...)
	}
	if d.status != "" && d.mode != modeDecision {
		panel = append(panel, d.styles.Good.Render(ansi.Truncate(d.status, w, "…")))
	}
	footer := []string{"", d.styles.Muted.Render(ansi.Truncate(t["presenter keys"], w, "…"))}

	// As large as the screen allows: bars two lines thick with a line
	// between, the options' full texts; else one line each, cut.
	avail := h - len(head) - len(question) - 1 - len(panel) - len(footer)
	wrapped := make([][]string, len(rows))
	full := 0
	for i, r := range rows {
		wrapped[i] = strings.Split(wrapText(r.text, textW), "\n")
		full += max(2, len(wrapped[i])) + 1
	}
	thick, gap := 2, 1
	if full > avail {
		// One line thick; the options' texts in as many lines each as fit.
		thick, gap = 1, 0
		for most := 4; most >= 1; most-- {
			n := 0
			for i := range rows {
				n += min(most, len(wrapped[i]))
			}
			if n <= avail || most == 1 {
				for i, r := range rows {
					if len(wrapped[i]) > most {
						cut := strings.Split(wrapText(r.text, textW), "\n")[:most]
						cut[most-1] = ansi.Truncate(cut[most-1], textW-1, "") + "…"
						wrapped[i] = cut
					}
				}
				break
			}
		}
	}
	var bars []string
	for i, r := range rows {
		n := r.count * barW / max(1, answered)
		if r.count > 0 {
			n = max(1, n)
		}
		bar := d.styles.BarFull.Render(strings.Repeat("█", n)) + d.styles.BarEmpty.Render(strings.Repeat("░", barW-n))
		count := fmt.Sprintf("%*d", 3, r.count)
		if r.hasFirst {
			count += d.styles.Muted.Render(fmt.Sprintf("  (%s %d)", t["first vote"], r.first))
		}
		lines := max(thick, len(wrapped[i]))
		for l := 0; l < lines; l++ {
			key, b, c, text := "   ", strings.Repeat(" ", barW), strings.Repeat(" ", ansi.StringWidth(count)), ""
			if l == 0 {
				key, c = fmt.Sprintf("%2s ", r.key), count
			}
			if l < thick {
				b = bar
			}
			if l < len(wrapped[i]) {
				text = wrapped[i][l]
			}
			bars = append(bars, strings.TrimRight(fmt.Sprintf(" %s %s %s  %s", key, b, c, text), " "))
		}
		if gap > 0 && i < len(rows)-1 {
			bars = append(bars, "")
		}
	}
	// A question too long for a small screen gives way to the bars.
	if over := len(head) + len(question) + 1 + len(bars) + len(panel) + len(footer) - h; over > 0 && len(question) > 1 {
		cut := max(1, len(question)-over)
		question = append(question[:cut-1], d.styles.Title.Render(ansi.Truncate(ansi.Strip(question[cut-1]), tw-1, "")+"…"))
	}
	lines := append(append(head, question...), "")
	lines = append(append(append(lines, bars...), panel...), footer...)
	if len(lines) > h {
		// Keep the keys in view.
		lines = append(lines[:max(0, h-len(footer))], footer...)
	}
	return strings.Join(clip(lines, w, h), "\n")
}
