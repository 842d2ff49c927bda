package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// View implements tea.Model.
func (d Dashboard) View() string {
	if d.presenting {
		return d.viewPresenter()
	}
	if d.mode == modeHelp {
		return d.viewHelp()
	}
	head, panel, body, keep, footer := d.layout()
	room := d.height - len(head) - len(panel) - len(footer)
	shown, _ := window(body, d.scroll, room, keep[0], keep[1], d.t, d.styles)
	lines := append(append(append(head, panel...), shown...), footer...)
	return strings.Join(clip(lines, d.width, d.height), "\n")
}

// splitLines is s as its lines.
func splitLines(s string) []string { return strings.Split(s, "\n") }

// clip keeps lines within width and height.
func clip(lines []string, width, height int) []string {
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, max(width, 1), "…")
	}
	if len(lines) > height {
		lines = lines[:max(0, height)]
	}
	return lines
}

// timerText is the phase timer as the dashboard shows it, "" without one.
func (d Dashboard) timerText() string { return timerText(d.snap.Deadline, d.now(), d.t) }

// layout is the dashboard in its parts: the head and the panel of what the
// facilitator is doing stay at the top, the body scrolls (keeping the
// lines keep[0]…keep[1] in view), the keys stay at the bottom.
func (d Dashboard) layout() (head, panel, body []string, keep [2]int, footer []string) {
	t, w := d.t, d.width
	tw := min(w, readableWidth)
	phase := []string{t["phase answering"], t["phase discussion"], t["phase revote"], t["phase agreements"], t["phase closed"]}[d.phase]
	head = []string{d.styles.Title.Render(fmt.Sprintf("%s — %s, %s %s", t["workshop title"], Printable(d.info.Department), t["round"], Printable(d.info.Round)))}
	facts := []string{t["code"] + ": " + d.styles.Header.Render(d.info.Code), t["connect"] + ": " + d.info.Connect, t["phase"] + ": " + d.styles.Header.Render(phase)}
	if timer := d.timerText(); timer != "" {
		facts = append(facts, d.styles.Warn.Render(timer))
	}
	head = append(head, strings.Split(wrapText(strings.Join(facts, "   "), w), "\n")...)

	// What the facilitator is doing comes first, so a short screen never hides it.
	switch d.mode {
	case modeConfirm:
		panel = append(panel, "")
		for _, l := range strings.Split(wrapText(d.confirm.question, tw), "\n") {
			panel = append(panel, d.styles.Warn.Render(l))
		}
		panel = append(panel, d.styles.Header.Render(t["confirm keys"]))
	case modeDecision:
		panel = append(append(append(panel, ""), splitLines(wrapText(t["decision prompt"], tw))...), splitLines(d.note.View())...)
	case modeTimer:
		panel = append(append(append(panel, ""), splitLines(wrapText(t["timer prompt"], tw))...), d.timer.View())
	case modeAgree, modeDimension:
		panel = append(panel, d.agreePanel()...)
	case modePick:
		panel = append(panel, "")
		for _, l := range splitLines(wrapText(t["pick remove"], tw)) {
			panel = append(panel, d.styles.Warn.Render(l))
		}
	}
	for _, s := range []struct {
		text  string
		style func(...string) string
	}{{d.status, d.styles.Good.Render}, {d.failed, d.styles.Error.Render}} {
		if s.text != "" && d.mode != modeConfirm {
			for _, l := range strings.Split(wrapText(s.text, tw), "\n") {
				panel = append(panel, s.style(l))
			}
		}
	}
	if d.err != nil {
		panel = append(panel, d.styles.Error.Render(ansi.Truncate(d.err.Error(), w, "…")))
	}

	body, keep = d.body()
	keys := t["dashboard keys answering"]
	switch {
	case d.phase == PhaseDiscussion && len(d.snap.Revote) > 0:
		keys = t["dashboard keys discussed"]
	case d.phase == PhaseDiscussion:
		keys = t["dashboard keys discussion"]
	case d.phase == PhaseRevote && d.local:
		keys = t["dashboard keys revote local"]
	case d.phase == PhaseRevote:
		keys = t["dashboard keys revote"]
	case d.phase == PhaseAgreements:
		keys = t["dashboard keys agreements"]
	case d.phase == PhaseClosed:
		keys = t["dashboard keys closed"]
	case d.local:
		keys = t["dashboard keys local"]
	}
	// The keys wrap rather than lose "? help" at the end.
	for _, l := range splitLines(wrapText(keys, w)) {
		footer = append(footer, d.styles.Muted.Render(l))
	}
	return head, panel, body, keep, footer
}

// body is what scrolls: the participants and, while the group votes, how
// far each question is; once answering closed, where the group differs and
// the group's scores. keep is the range of lines the selection takes.
func (d Dashboard) body() ([]string, [2]int) {
	t, w := d.t, d.width
	keep := [2]int{-1, -1}
	body := []string{""}
	head := fmt.Sprintf(t["participants"], len(d.snap.Participants), d.connected())
	body = append(body, d.styles.Header.Render(head))
	if d.phase == PhaseAgreements && d.mode != modePick {
		// The step is about what the group agrees: the participants'
		// progress is done, their count stays.
		list, sel := d.viewAgreements()
		if sel[0] >= 0 {
			keep = [2]int{len(body) + sel[0], len(body) + sel[1]}
		}
		return append(body, list...), keep
	}
	total := d.total()
	barW := max(10, min(30, w/4))
	nameW := 4
	for _, p := range d.snap.Participants {
		nameW = max(nameW, min(20, ansi.StringWidth(Printable(p.Pseudonym))))
	}
	for i, p := range d.snap.Participants {
		done := d.done(p)
		filled := barW * min(done, total) / max(1, total)
		cursor, mark := "  ", "●"
		if d.mode == modePick && i == d.picked {
			cursor = "› "
			keep = [2]int{len(body), len(body)}
		}
		if !p.Connected {
			mark = "○"
		}
		name := ansi.Truncate(Printable(p.Pseudonym), nameW, "…")
		line := fmt.Sprintf("%s%s %s%s %s%s %d/%d", cursor, mark, name, strings.Repeat(" ", nameW-ansi.StringWidth(name)),
			d.styles.BarFull.Render(strings.Repeat("█", filled)), d.styles.BarEmpty.Render(strings.Repeat("░", barW-filled)), done, total)
		if !p.Connected {
			line += "  " + d.styles.Muted.Render(t["not connected"])
		}
		if d.mode == modePick && i == d.picked {
			line = d.styles.Cursor.Render(line)
		}
		body = append(body, line)
	}
	if len(d.snap.Participants) == 0 {
		body = append(body, "  "+d.styles.Muted.Render(t["nobody joined"]))
	}
	if d.voting() {
		if open := d.notDone(); len(open) > 0 {
			body = append(body, hang("", fmt.Sprintf(t["not done list"], len(open), strings.Join(open, ", ")), w)...)
		} else if len(d.snap.Participants) > 0 {
			body = append(body, t["everyone done"])
		}
		return append(body, d.viewAnswered()...), keep
	}
	if d.phase == PhaseAgreements {
		list, _ := d.viewAgreements()
		return append(body, list...), keep
	}
	if d.phase == PhaseClosed {
		// What the group agreed comes first once the round is closed.
		body = append(body, d.viewAgreed()...)
	}
	list, sel := d.viewDisagreement()
	if sel[0] >= 0 && d.mode != modePick {
		keep = [2]int{len(body) + sel[0], len(body) + sel[1]}
	}
	body = append(body, list...)
	return append(body, d.viewScores()...), keep
}

// viewAnswered is how many answered each question of this vote: all the
// dashboard shows of the answers while the group votes silently.
func (d Dashboard) viewAnswered() []string {
	t, q, w := d.t, d.info.Questionnaire, d.width
	head := fmt.Sprintf(t["answered per question"], len(d.snap.Participants))
	if len(d.snap.Participants) == 1 {
		head = t["answered per question one"]
	}
	lines := []string{"", d.styles.Header.Render(ansi.Truncate(head, w, "…"))}
	number := map[string]int{}
	for i, x := range q.Questions() {
		number[x.ID] = i + 1
	}
	ids := d.snap.Revote
	if d.phase != PhaseRevote {
		ids = nil
		for _, x := range q.Questions() {
			ids = append(ids, x.ID)
		}
	}
	cellW := len(fmt.Sprintf("%d:%d", len(q.Questions()), max(len(d.snap.Participants), 10))) + 2
	perLine := max(1, (w-2)/cellW)
	var row strings.Builder
	for i, id := range ids {
		row.WriteString(fmt.Sprintf("%-*s", cellW, fmt.Sprintf("%d:%d", number[id], d.snap.Answered[id])))
		if (i+1)%perLine == 0 || i == len(ids)-1 {
			lines = append(lines, "  "+strings.TrimRight(row.String(), " "))
			row.Reset()
		}
	}
	return append(lines, d.styles.Muted.Render(ansi.Truncate(t["scores after vote"], w, "…")))
}

// viewScores is the group's score per dimension on the level scale, once
// answering has closed.
func (d Dashboard) viewScores() []string {
	t, q, lang, w := d.t, d.info.Questionnaire, d.info.Lang, d.width
	lines := []string{"", d.styles.Header.Render(ansi.Truncate(t["group scores"], w, "…"))}
	nameW := min(34, max(12, w/3))
	cells := max(1, min(6, (w-nameW-16)/4))
	lines = append(lines, d.styles.Muted.Render(fmt.Sprintf("  %-*s %s", nameW, "", axis(cells))))
	for _, dr := range d.snap.Result.Dimensions {
		level := " "
		if dr.Score != nil {
			level = fmt.Sprint(dr.Level)
		}
		name := ansi.Truncate(q.Dimension(dr.ID).Name.In(lang), nameW, "…")
		lines = append(lines, ansi.Truncate(fmt.Sprintf("  %s%s %s  %3s  %s ▏%d", name, strings.Repeat(" ", nameW-ansi.StringWidth(name)),
			bar(d.styles, dr.Score, dr.Target, cells), scoreText(dr.Score, lang), level, dr.Target), w, "…"))
	}
	return lines
}

// viewDisagreement lists the questions to discuss, each with its spread
// and distribution. A question with fewer scored answers than the
// anonymity threshold is only counted; a re-voted question shows its first
// vote beside the final. sel is the range of lines of the selected one.
func (d Dashboard) viewDisagreement() (lines []string, sel [2]int) {
	t, q, lang, w := d.t, d.info.Questionnaire, d.info.Lang, d.width
	sel = [2]int{-1, -1}
	flagged, hidden := d.disagreement()
	head := fmt.Sprintf(t["disagreement"], len(flagged))
	switch len(flagged) {
	case 0:
		head = t["disagreement none"]
	case 1:
		head = t["disagreement one"]
	}
	lines = []string{"", d.styles.Header.Render(ansi.Truncate(head, w, "…"))}
	switch {
	case hidden == 1:
		lines = append(lines, hang("  ", fmt.Sprintf(t["hidden one"], q.Rules.AnonymityThreshold), w)...)
	case hidden > 1:
		lines = append(lines, hang("  ", fmt.Sprintf(t["hidden below"], hidden, q.Rules.AnonymityThreshold), w)...)
	}
	for i, x := range flagged {
		cursor, mark := "  ", ""
		if d.phase == PhaseDiscussion && i == d.selected {
			cursor = "› "
			sel[0] = len(lines)
		}
		if d.marked[x.ID] && len(d.snap.Revote) == 0 {
			mark = "↺ "
		}
		spread := fmt.Sprintf("%s %d", t["spread"], x.spread())
		if x.first != nil && x.Spread != nil {
			spread = fmt.Sprintf("%s %d → %d", t["spread"], x.spread(), *x.Spread)
		}
		tail := fmt.Sprintf("  (%s)", spread)
		// A long question is cut, never its spread.
		text := ansi.Truncate(q.Question(x.ID).Text.In(lang), max(10, w-ansi.StringWidth(cursor+mark+tail)), "…")
		line := cursor + mark + text + tail
		if sel[0] == len(lines) {
			line = d.styles.Cursor.Render(line)
		}
		lines = append(lines, line)
		dist := distribution(x.Counts)
		if x.first != nil {
			dist = fmt.Sprintf("%s %s   %s %s", t["first vote"], distribution(x.first.Counts), t["revote"], dist)
		}
		lines = append(lines, "     "+ansi.Truncate(dist, max(1, w-5), "…"))
		if sel[0] >= 0 && sel[1] < 0 {
			sel[1] = len(lines) - 1
		}
	}
	return lines, sel
}

// distribution draws how many chose each level: 1:■ 2:■■■ …
func distribution(counts [5]int) string {
	var out []string
	for i, c := range counts {
		out = append(out, fmt.Sprintf("%d:%s", i+1, strings.Repeat("■", c)))
	}
	return strings.Join(out, "  ")
}

// viewHelp explains every key of the dashboard.
func (d Dashboard) viewHelp() string {
	t, w := d.t, d.width
	body := []string{d.styles.Title.Render(t["dashboard help title"]), ""}
	keys := strings.Split(t["dashboard help"], "\n")
	// The agreements step's keys come before q, the last.
	keys = append(keys[:len(keys)-1:len(keys)-1], append(strings.Split(t["dashboard help agreements"], "\n"), keys[len(keys)-1])...)
	for _, k := range keys {
		key, what, _ := strings.Cut(k, "\t")
		if d.local || key != "a" {
			body = append(body, hang(fmt.Sprintf("  %-9s ", key), what, min(w, readableWidth))...)
		}
	}
	footer := []string{"", d.styles.Muted.Render(ansi.Truncate(t["dashboard help keys"], w, "…"))}
	shown, _ := window(body, d.helpScroll, d.height-len(footer), -1, -1, t, d.styles)
	return strings.Join(clip(append(shown, footer...), w, d.height), "\n")
}
