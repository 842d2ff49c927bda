package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// The agreements step as the dashboard and the presenter view show it.

// ownerDue is an agreement's owner and due date on one line.
func (d Dashboard) ownerDue(a Agreement) string {
	return fmt.Sprintf(d.t["agree owner due"], Printable(a.Owner), a.Due)
}

// viewAgreements is the body of the agreements step: the recommendations
// to choose from (the chosen one in full), an own agreement, and what was
// agreed, each with its owner and due date. sel is the range of lines of
// the chosen item.
func (d Dashboard) viewAgreements() (lines []string, sel [2]int) {
	t, w := d.t, d.width
	tw := min(w, readableWidth)
	sel = [2]int{-1, -1}
	lines = []string{"", d.styles.Header.Render(ansi.Truncate(t["agree title"], w, "…"))}
	for _, l := range splitLines(wrapText(t["agree intro"], tw)) {
		lines = append(lines, d.styles.Muted.Render(l))
	}
	items := d.agreeItems()
	recs := len(d.snap.Result.Recommendations)
	head := fmt.Sprintf(t["agree recommendations"], recs)
	if recs == 0 {
		head = t["agree recommendations none"]
	}
	lines = append(lines, "", d.styles.Header.Render(ansi.Truncate(head, w, "…")))
	for i, it := range items {
		if it.agreed != nil && (i == 0 || items[i-1].agreed == nil) {
			lines = append(lines, "", d.styles.Header.Render(ansi.Truncate(fmt.Sprintf(t["agree agreed"], len(d.snap.Agreements)), w, "…")))
		}
		chosen := d.mode != modeDimension && i == d.agreeSel
		cursor := "  "
		if chosen {
			cursor = "› "
			sel[0] = len(lines)
		}
		var item []string
		switch {
		case it.own:
			item = []string{cursor + t["agree own"]}
		case it.rec != nil:
			mark := ""
			if d.agreedAlready(*it.rec) {
				mark = "✓ "
			}
			lead := fmt.Sprintf("%s%d. %s", cursor, i+1, d.dimensionName(it.rec.Dimension))
			if chosen {
				// The chosen one in full, under its dimension.
				item = append([]string{ansi.Truncate(lead, w, "…")}, hang("     ", mark+d.recText(*it.rec), min(w, readableWidth))...)
			} else {
				item = []string{ansi.Truncate(lead+" — "+mark+d.recText(*it.rec), w, "…")}
			}
		default:
			a := *it.agreed
			item = d.itemText(fmt.Sprintf("%s%d. ", cursor, a.ID), Printable(a.Text), chosen, w)
			item = append(item, "     "+d.styles.Good.Render(ansi.Truncate(d.ownerDue(a)+" · "+d.dimensionName(a.Dimension), max(1, w-5), "…")))
		}
		if chosen {
			for j := range item {
				item[j] = d.styles.Cursor.Render(item[j])
			}
		}
		lines = append(lines, item...)
		if chosen {
			sel[1] = len(lines) - 1
		}
	}
	if len(d.snap.Agreements) == 0 {
		lines = append(lines, "", d.styles.Muted.Render(ansi.Truncate(t["agree agreed none"], w, "…")))
	}
	return lines, sel
}

// itemText is a line of the agreements step: the chosen one in full under
// its lead, the others cut to one line.
func (d Dashboard) itemText(lead, text string, full bool, w int) []string {
	if full {
		return hang(lead, text, min(w, readableWidth+ansi.StringWidth(lead)))
	}
	return []string{ansi.Truncate(lead+text, w, "…")}
}

// viewAgreed is what was agreed, for the dashboard once the round is closed.
func (d Dashboard) viewAgreed() []string {
	t, w := d.t, d.width
	if len(d.snap.Agreements) == 0 {
		return []string{"", d.styles.Muted.Render(ansi.Truncate(t["agree agreed none"], w, "…"))}
	}
	lines := []string{"", d.styles.Header.Render(ansi.Truncate(fmt.Sprintf(t["agree agreed"], len(d.snap.Agreements)), w, "…"))}
	for _, a := range d.snap.Agreements {
		lines = append(lines, hang(fmt.Sprintf("  %d. ", a.ID), Printable(a.Text), min(w, readableWidth))...)
		lines = append(lines, "     "+d.styles.Good.Render(ansi.Truncate(d.ownerDue(a)+" · "+d.dimensionName(a.Dimension), max(1, w-5), "…")))
	}
	return lines
}

// agreePanel is the agreement form, or the choice of a dimension for an
// own agreement: it stays at the top, above what scrolls.
func (d Dashboard) agreePanel() []string {
	t, w := d.t, d.width
	tw := min(w, readableWidth)
	panel := []string{""}
	if d.mode == modeDimension {
		for _, l := range splitLines(wrapText(t["agree dimension"], tw)) {
			panel = append(panel, d.styles.Warn.Render(l))
		}
		var list []string
		for i, x := range d.info.Questionnaire.Dimensions() {
			line := "  " + x.Group.Name.In(d.info.Lang) + " › " + x.Name.In(d.info.Lang)
			if i == d.dimSel {
				line = d.styles.Cursor.Render("› " + line[2:])
			}
			list = append(list, ansi.Truncate(line, w, "…"))
		}
		// A few lines around the chosen dimension: the list below stays in view.
		shown, _ := window(list, max(0, d.dimSel-3), min(len(list), max(3, d.height/3)), d.dimSel, d.dimSel, t, d.styles)
		return append(panel, shown...)
	}
	f := d.form
	title := fmt.Sprintf(t["agree form new"], d.dimensionName(f.draft.Dimension))
	if f.draft.ID != 0 {
		title = fmt.Sprintf(t["agree form change"], f.draft.ID, d.dimensionName(f.draft.Dimension))
	}
	panel = append(panel, d.styles.Warn.Render(ansi.Truncate(title, w, "…")))
	label := func(field agreeField, key string) string {
		if f.field == field {
			return d.styles.Header.Render(ansi.Truncate(t[key], w, "…"))
		}
		return ansi.Truncate(t[key], w, "…")
	}
	panel = append(panel, label(fieldText, "agree field text"))
	panel = append(panel, splitLines(f.text.View())...)
	panel = append(panel, label(fieldOwner, "agree field owner"), f.owner.View())
	panel = append(panel, label(fieldDue, "agree field due"), f.due.View())
	if f.problem != "" {
		for _, l := range splitLines(wrapText(f.problem, tw)) {
			panel = append(panel, d.styles.Error.Render(l))
		}
	}
	return append(panel, d.styles.Muted.Render(ansi.Truncate(t["agree form keys"], w, "…")))
}

// hasAgreementsPage says whether the presenter view has the page of
// agreements: during the agreements step, and after it once there are any.
func (d Dashboard) hasAgreementsPage() bool {
	return d.phase == PhaseAgreements || (d.phase == PhaseClosed && len(d.snap.Agreements) > 0)
}

// viewPresenterAgreements is the presenter view's page of agreements: each
// agreement's text in full, with its owner and due date, for the room to
// read from the back. ↑/↓ scroll when they do not fit.
func (d Dashboard) viewPresenterAgreements() string {
	head, body, panel, footer := d.presenterAgreements()
	room := d.height - len(head) - len(panel) - len(footer)
	shown, _ := window(body, min(d.presentScroll, d.presenterMaxScroll()), room, -1, -1, d.t, d.styles)
	lines := append(append(append(head, shown...), panel...), footer...)
	return strings.Join(clip(lines, d.width, d.height), "\n")
}

// presenterMaxScroll is the furthest the page of agreements scrolls.
func (d Dashboard) presenterMaxScroll() int {
	head, body, panel, footer := d.presenterAgreements()
	room := d.height - len(head) - len(panel) - len(footer)
	return max(0, len(body)-max(1, room-1))
}

// presenterAgreements is the page of agreements in its parts: the body
// scrolls between the head and the keys.
func (d Dashboard) presenterAgreements() (head, body, panel, footer []string) {
	t, w := d.t, d.width
	tw := min(w, readableWidth)
	top := fmt.Sprintf(t["presenter agreements"], Printable(d.info.Department), Printable(d.info.Round))
	if timer := d.timerText(); timer != "" {
		top += " · " + timer
	}
	head = []string{d.styles.Muted.Render(ansi.Truncate(top, w, "…")), ""}
	if len(d.snap.Agreements) == 0 {
		body = append(body, d.styles.Title.Render(ansi.Truncate(t["agree agreed none"], w, "…")))
	}
	for i, a := range d.snap.Agreements {
		if i > 0 {
			body = append(body, "")
		}
		for _, l := range hang(fmt.Sprintf("%d. ", i+1), Printable(a.Text), tw) {
			body = append(body, d.styles.Title.Render(l))
		}
		body = append(body, hang("   ", t["agree owner"]+": "+d.styles.Header.Render(Printable(a.Owner))+"   "+t["agree due"]+": "+d.styles.Header.Render(a.Due), tw)...)
		body = append(body, hang("   ", d.styles.Muted.Render(d.dimensionName(a.Dimension)), tw)...)
	}
	if d.status != "" {
		panel = append(panel, d.styles.Good.Render(ansi.Truncate(d.status, w, "…")))
	}
	footer = []string{"", d.styles.Muted.Render(ansi.Truncate(t["presenter agreements keys"], w, "…"))}
	return head, body, panel, footer
}
