package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"
	"github.com/maturity-nl/maturity/internal/scoring"
)

// View implements tea.Model.
func (m Model) View() string {
	if m.tooSmall() {
		return tooSmallView(m.t, m.width, m.height)
	}
	if m.quitting && !m.busy {
		return m.t["saved"] + "\n"
	}
	switch m.screen {
	case screenOverview:
		return m.viewOverview()
	case screenNote:
		return m.viewNote()
	case screenHelp:
		return m.viewHelp()
	case screenFinish:
		return m.viewFinish()
	case screenResults:
		return m.viewResults()
	case screenOpenActions:
		return m.viewOpenActions()
	}
	return m.viewQuestion()
}

// tooSmallView asks for a larger window and says how to leave: no other
// key acts behind it.
func tooSmallView(t texts, width, height int) string {
	w := max(width, 10)
	return wrapText(fmt.Sprintf(t["too small"], MinWidth, MinHeight, width, height), w) + "\n" + wrapText(t["too small keys"], w)
}

// viewOpenActions is what the department agreed after earlier rounds and
// has not done yet, shown before the first question of a new round.
func (m Model) viewOpenActions() string {
	w := min(m.width, readableWidth)
	head := []string{m.styles.Title.Render(ansi.Truncate(fmt.Sprintf(m.t["open actions title"], Printable(m.s.Department)), m.width, "…")), ""}
	head = append(head, hang("", m.t["open actions intro"], w)...)
	head = append(head, "")
	var body []string
	for _, a := range m.openActions {
		name := a.Dimension
		if d := m.s.Questionnaire.Dimension(a.Dimension); d != nil {
			name = d.Name.In(m.s.Lang)
		}
		body = append(body, actionLines(a, name, false, m.styles, m.t, w)...)
	}
	foot := []string{"", m.styles.Muted.Render(ansi.Truncate(m.t["open actions keys"], m.width, "…"))}
	shown, _ := window(body, 0, m.height-len(head)-len(foot), -1, -1, m.t, m.styles)
	return strings.Join(clip(append(append(head, shown...), foot...), m.width, m.height), "\n")
}

// wraps keeps the wrapped lines of the question screen's texts: they are
// the same at every key until the window changes, and wrapping is most of
// drawing the screen, for every participant of a workshop at every key.
type wraps struct{ lines map[string][]string }

// maxWraps bounds the wraps kept: a few screens' worth.
const maxWraps = 2000

// hang is hang, remembered.
func (m Model) hang(lead, s string, width int) []string {
	if m.wraps == nil {
		return hang(lead, s, width)
	}
	key := fmt.Sprintf("%d\x00%s\x00%s", width, lead, s)
	if l, ok := m.wraps.lines[key]; ok {
		return l
	}
	if len(m.wraps.lines) >= maxWraps {
		m.wraps.lines = map[string][]string{}
	}
	l := hang(lead, s, width)
	m.wraps.lines[key] = l
	return l
}

// readableWidth is the widest a running text is set, however wide the
// terminal: longer lines are hard to read, from a chair or a beamer.
const readableWidth = 100

// wrapText wraps s at width columns on spaces.
func wrapText(s string, width int) string {
	return ansi.Wordwrap(s, max(width, 10), "")
}

// hang prints lead before s wrapped at width, continuation lines indented
// under the start of s.
func hang(lead, s string, width int) []string {
	pad := ansi.StringWidth(lead)
	lines := strings.Split(wrapText(s, width-pad), "\n")
	for i := range lines {
		if i == 0 {
			lines[i] = lead + lines[i]
		} else {
			lines[i] = strings.Repeat(" ", pad) + lines[i]
		}
	}
	return lines
}

func (m Model) header() []string {
	s, q := m.s, m.qs[m.idx]
	left := m.styles.Header.Render(fmt.Sprintf("%s · %s %s · %s", Printable(s.Department), m.t["round"], Printable(s.Round), Printable(s.Respondent)))
	right := fmt.Sprintf("%s %d/%d", m.t["question"], m.idx+1, len(m.qs))
	if m.timer != "" {
		right = m.timer + " · " + right
	}
	// The question's number and the timer stay; the names give way.
	left = ansi.Truncate(left, max(0, m.width-ansi.StringWidth(right)-1), "…")
	gap := max(1, m.width-ansi.StringWidth(left)-ansi.StringWidth(right))
	top := left + strings.Repeat(" ", gap) + right

	d := q.Dimension
	done, inDim := 0, 0
	for _, x := range m.qs { // a re-vote asks some of the dimension's questions
		if x.Dimension != d {
			continue
		}
		inDim++
		if _, ok := m.answers[x.ID]; ok {
			done++
		}
	}
	ctx := m.styles.Context.Render(fmt.Sprintf("%s › %s", d.Group.Name.In(s.Lang), d.Name.In(s.Lang))) +
		m.styles.Muted.Render(fmt.Sprintf("  (%d/%d %s)", done, inDim, m.t["in dimension"]))
	total := len(m.qs) - len(m.unanswered())
	bar := m.bar.ViewAs(float64(total)/float64(len(m.qs))) + fmt.Sprintf("  %d/%d %s", total, len(m.qs), m.t["answered"])
	lines := []string{ansi.Truncate(top, m.width, "…"), ansi.Truncate(ctx, m.width, "…"), bar}
	if s.Notice != "" {
		lines = append(lines, m.styles.Good.Render(ansi.Truncate(s.Notice, m.width, "…")))
	}
	return lines
}

func (m Model) viewQuestion() string {
	head := m.header()
	footer := []string{""}
	if m.err != nil {
		footer = append(footer, m.styles.Error.Render(ansi.Truncate(m.t["not saved"]+": "+m.err.Error(), m.width, "…")))
	}
	footer = append(footer, m.shortHelp())
	room := m.height - len(head) - len(footer)
	// Too long for the window: without the spacing, then without the help
	// and the note (each a key away), and then as much around the
	// highlighted option as fits, with a mark where the rest is.
	body, keep := m.questionBody(true, true)
	if len(body) > room {
		body, keep = m.questionBody(false, true)
	}
	if len(body) > room {
		body, keep = m.questionBody(false, false)
	}
	shown, _ := window(body, 0, room, keep[0], keep[1], m.t, m.styles)
	return strings.Join(append(append(head, shown...), footer...), "\n")
}

// shortHelp is the line of keys under a question, made for the window's
// width when it changes.
func (m Model) shortHelp() string {
	if m.helpLine == "" {
		return m.makeShortHelp()
	}
	return m.helpLine
}

// makeShortHelp is as much of the line of keys as fits; ? stays, for the
// rest.
func (m Model) makeShortHelp() string {
	k := m.keys
	h := m.help
	h.Width = 0 // measured whole: help cuts a line of its own accord
	for _, keys := range [][]key.Binding{k.ShortHelp(), {k.Up, k.Answer, k.Prev, k.Note, k.Help, k.Quit}, {k.Up, k.Answer, k.Prev, k.Help, k.Quit},
		{k.Up, k.Answer, k.Help, k.Quit}, {k.Answer, k.Help, k.Quit}, {k.Help, k.Quit}} {
		if line := h.ShortHelpView(keys); ansi.StringWidth(line) <= m.width {
			return line
		}
	}
	return ansi.Truncate(h.ShortHelpView([]key.Binding{k.Help}), m.width, "…")
}

// questionBody is the question, its help, the choices and the note, set at
// a readable width; keep is the range of lines of the highlighted choice.
// Without spacing there are no empty lines; without full the help and the
// note are one line each saying which key shows them.
func (m Model) questionBody(spacing, full bool) ([]string, [2]int) {
	q, lang := m.qs[m.idx], m.s.Lang
	w := min(m.width, readableWidth)
	var body []string
	space := func() {
		if spacing {
			body = append(body, "")
		}
	}
	space()
	for _, l := range m.hang("", q.Text.In(lang), w) {
		body = append(body, m.styles.Question.Render(l))
	}
	if h := q.Help.In(lang); h != "" {
		if full {
			space()
			for _, l := range m.hang("", h, w) {
				body = append(body, m.styles.Help.Render(l))
			}
		} else {
			body = append(body, m.styles.Muted.Render(ansi.Truncate(m.t["help hidden"], m.width, "…")))
		}
	}
	space()
	keep := [2]int{-1, -1}
	given, has := m.answers[q.ID]
	for i, c := range choices {
		text := m.t["dont know"]
		keyName := "d"
		switch c {
		case scoring.NotApplicable:
			text, keyName = m.t["not applicable"], "n"
		case scoring.DontKnow:
		default:
			// The key of option k is k, its level on the one scale.
			text, keyName = q.Options[c-1].In(lang), c.String()
		}
		cursor, mark := "  ", "  "
		if i == m.cursor {
			cursor = "› "
		}
		if first, ok := m.s.Earlier[q.ID]; ok && first == c {
			mark = "↺ "
		}
		if has && given == c {
			mark = "✓ "
		}
		style := m.styles.Option
		switch {
		case i == m.cursor:
			style = m.styles.Cursor
		case has && given == c:
			style = m.styles.Chosen
		}
		if i == m.cursor {
			keep[0] = len(body)
		}
		for _, l := range m.hang(cursor+mark+keyName+"  ", text, w) {
			body = append(body, style.Render(l))
		}
		if i == m.cursor {
			keep[1] = len(body) - 1
		}
	}
	if n := strings.TrimSpace(m.notes[q.ID]); n != "" {
		if full {
			space()
			for _, l := range m.hang(m.t["note"]+": ", PrintableText(n), w) {
				body = append(body, m.styles.Note.Render(l))
			}
		} else {
			body = append(body, m.styles.Muted.Render(ansi.Truncate(m.t["note hidden"], m.width, "…")))
		}
	}
	return body, keep
}

func (m Model) viewOverview() string {
	lang := m.s.Lang
	var lines []string
	group, at := "", 0
	for i, d := range m.s.Questionnaire.Dimensions() {
		if d.Group.ID != group {
			group = d.Group.ID
			lines = append(lines, m.styles.Header.Render(ansi.Truncate(d.Group.Name.In(lang), m.width, "…")))
		}
		done := 0
		for _, x := range d.Questions {
			if _, ok := m.answers[x.ID]; ok {
				done++
			}
		}
		cursor := "  "
		style := m.styles.Option
		if i == m.overview {
			cursor, style, at = "› ", m.styles.Cursor, len(lines)
		}
		mark := " "
		if done == len(d.Questions) {
			mark = "✓"
		}
		count := fmt.Sprintf(" %d/%d", done, len(d.Questions))
		name := ansi.Truncate(d.Name.In(lang), max(4, min(36, m.width-4-len(count))), "…")
		lines = append(lines, style.Render(fmt.Sprintf("%s%s %s%s%s", cursor, mark, name, strings.Repeat(" ", max(0, min(36, m.width-4-len(count))-ansi.StringWidth(name))), count)))
	}
	head := []string{m.styles.Title.Render(ansi.Truncate(m.t["overview"], m.width, "…")), ""}
	footer := []string{"", ansi.Truncate(m.help.ShortHelpView([]key.Binding{m.keys.Up, m.keys.Choose, m.keys.Back}), m.width, "…")}
	// Keep the highlighted dimension in view on short screens.
	shown, _ := window(lines, 0, m.height-len(head)-len(footer), at, at, m.t, m.styles)
	return strings.Join(append(append(head, shown...), footer...), "\n")
}

func (m Model) viewNote() string {
	q := m.qs[m.idx]
	head := m.header()
	// The editor and what it is for stay in view; the question gives way.
	tail := append(strings.Split(m.styles.Muted.Render(wrapText(m.t["note title"], min(m.width, readableWidth))), "\n"), strings.Split(m.note.View(), "\n")...)
	question := append([]string{""}, hang("", q.Text.In(m.s.Lang), min(m.width, readableWidth))...)
	question = append(question, "")
	shown, _ := window(question, 0, m.height-len(head)-len(tail), -1, -1, m.t, m.styles)
	return strings.Join(clip(append(append(head, shown...), tail...), m.width, m.height), "\n")
}

// viewHelp is everything about the question on screen that may not fit
// beside it — its help and the note — the participant's resume code, and
// every key; ↑/↓ scroll it.
func (m Model) viewHelp() string {
	q, lang, w := m.qs[m.idx], m.s.Lang, min(m.width, readableWidth)
	body := []string{m.styles.Title.Render(ansi.Truncate(fmt.Sprintf(m.t["help title"], m.idx+1, len(m.qs)), m.width, "…")), ""}
	for _, l := range hang("", q.Text.In(lang), w) {
		body = append(body, m.styles.Question.Render(l))
	}
	if h := q.Help.In(lang); h != "" {
		body = append(body, "")
		for _, l := range hang("", h, w) {
			body = append(body, m.styles.Help.Render(l))
		}
	}
	if n := strings.TrimSpace(m.notes[q.ID]); n != "" {
		body = append(body, "")
		for _, l := range hang(m.t["note"]+": ", PrintableText(n), w) {
			body = append(body, m.styles.Note.Render(l))
		}
	}
	if m.s.ResumeCode != "" {
		body = append(body, "", wrapText(fmt.Sprintf(m.t["your resume code"], Printable(m.s.Respondent), m.s.ResumeCode), w))
	}
	// Every key on a line of its own, so that none is cut off on a
	// narrow screen: the list scrolls instead.
	body = append(body, "")
	keyWidth := 0
	for _, group := range m.keys.FullHelp() {
		for _, b := range group {
			keyWidth = max(keyWidth, ansi.StringWidth(b.Help().Key))
		}
	}
	for _, group := range m.keys.FullHelp() {
		for _, b := range group {
			h := b.Help()
			lead := m.styles.Key.Render(h.Key) + strings.Repeat(" ", keyWidth-ansi.StringWidth(h.Key)+2)
			body = append(body, hang(lead, h.Desc, w)...)
		}
	}
	footer := []string{"", m.styles.Muted.Render(ansi.Truncate(m.t["help keys"], m.width, "…"))}
	shown, _ := window(body, m.helpScroll, m.height-len(footer), -1, -1, m.t, m.styles)
	return strings.Join(clip(append(shown, footer...), m.width, m.height), "\n")
}

func (m Model) viewFinish() string {
	open := m.unanswered()
	lines := []string{m.styles.Title.Render(m.t["finish title"]), "", fmt.Sprintf(m.t["unanswered"], len(open))}
	footer := append([]string{""}, splitLines(wrapText(m.t["finish yes"]+" · "+m.t["finish no"], m.width))...)
	room := m.height - len(footer) - len(lines)
	for i, n := range open {
		if i == room-1 && len(open) > room {
			lines = append(lines, fmt.Sprintf("  … +%d", len(open)-i))
			break
		}
		q := m.qs[n]
		lines = append(lines, ansi.Truncate(fmt.Sprintf("  %d. %s", n+1, q.Text.In(m.s.Lang)), m.width, "…"))
	}
	return strings.Join(append(lines, footer...), "\n")
}

func (m Model) viewResults() string {
	keys := m.t["results keys"]
	if _, ok := m.s.Backend.(Reporter); ok {
		keys = m.t["results keys report"]
	}
	if m.timer != "" {
		keys = m.timer + " · " + keys
	}
	// Where the results are longer than the screen, how far down it is.
	if m.result != nil && m.results.TotalLineCount() > m.results.Height {
		keys = fmt.Sprintf(m.t["results scroll"], int(m.results.ScrollPercent()*100+0.5)) + " · " + keys
	}
	footer := m.styles.Muted.Render(ansi.Truncate(keys, m.width, "…"))
	if m.result == nil {
		return m.t["computing"] + "\n\n" + footer
	}
	view := m.results.View()
	if m.written != "" {
		// The message takes the results' last line.
		lines := strings.Split(view, "\n")
		view = strings.Join(lines[:max(0, len(lines)-1)], "\n")
		footer = m.styles.Good.Render(ansi.Truncate(m.written, m.width, "…")) + "\n" + footer
	}
	return view + "\n" + footer
}

// refreshResults renders the result into the scrolling results view.
func (m *Model) refreshResults() {
	if m.result == nil {
		return
	}
	m.results.SetContent(renderResult(*m.result, m.s, m.styles, m.t, min(m.width, readableWidth)))
}
