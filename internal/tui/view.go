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
	if m.width < MinWidth || m.height < MinHeight {
		return wrapText(fmt.Sprintf(m.t["too small"], MinWidth, MinHeight, m.width, m.height), max(m.width, 10))
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
	}
	return m.viewQuestion()
}

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

// Tiers of lines that may go when the window is short: spacing first,
// then explanations.
const (
	tierSpacing = 1
	tierExplain = 2
)

// fit keeps the lines within height: it drops optional lines tier by tier
// (as marked by the caller), then cuts from the end, keeping the footer.
func fit(body []string, optional map[int]int, footer []string, height int) string {
	room := height - len(footer)
	for tier := tierSpacing; tier <= tierExplain && len(body) > room; tier++ {
		var kept []string
		keptTier := map[int]int{}
		for i, l := range body {
			if optional[i] != tier {
				if optional[i] > tier {
					keptTier[len(kept)] = optional[i]
				}
				kept = append(kept, l)
			}
		}
		body, optional = kept, keptTier
	}
	if len(body) > room {
		body = body[:max(0, room)]
	}
	return strings.Join(append(body, footer...), "\n")
}

func (m Model) header() []string {
	s, q := m.s, m.qs[m.idx]
	left := m.styles.Header.Render(fmt.Sprintf("%s · %s %s · %s", s.Department, m.t["round"], s.Round, s.Respondent))
	right := fmt.Sprintf("%s %d/%d", m.t["question"], m.idx+1, len(m.qs))
	gap := max(1, m.width-ansi.StringWidth(left)-ansi.StringWidth(right))
	top := left + strings.Repeat(" ", gap) + right
	if ansi.StringWidth(top) > m.width {
		top = ansi.Truncate(left, m.width, "…")
	}

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
	q, lang, w := m.qs[m.idx], m.s.Lang, m.width
	body := m.header()
	optional := map[int]int{len(body): tierSpacing}
	body = append(body, "")
	for _, l := range hang("", q.Text.In(lang), w) {
		body = append(body, m.styles.Question.Render(l))
	}
	if h := q.Help.In(lang); h != "" {
		optional[len(body)] = tierSpacing
		body = append(body, "")
		for _, l := range hang("", h, w) {
			optional[len(body)] = tierExplain
			body = append(body, m.styles.Help.Render(l))
		}
	}
	optional[len(body)] = tierSpacing
	body = append(body, "")
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
		for _, l := range hang(cursor+mark+keyName+"  ", text, w) {
			body = append(body, style.Render(l))
		}
	}
	if n := strings.TrimSpace(m.notes[q.ID]); n != "" {
		optional[len(body)] = tierSpacing
		body = append(body, "")
		for _, l := range hang(m.t["note"]+": ", n, w) {
			optional[len(body)] = tierExplain
			body = append(body, m.styles.Note.Render(l))
		}
	}
	footer := []string{""}
	if m.err != nil {
		footer = append(footer, m.styles.Error.Render(ansi.Truncate(m.t["not saved"]+": "+m.err.Error(), w, "…")))
	}
	footer = append(footer, ansi.Truncate(m.help.ShortHelpView(m.keys.ShortHelp()), w, "…"))
	return fit(body, optional, footer, m.height)
}

func (m Model) viewOverview() string {
	lang := m.s.Lang
	lines := []string{m.styles.Title.Render(m.t["overview"]), ""}
	group := ""
	for i, d := range m.s.Questionnaire.Dimensions() {
		if d.Group.ID != group {
			group = d.Group.ID
			lines = append(lines, m.styles.Header.Render(d.Group.Name.In(lang)))
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
			cursor, style = "› ", m.styles.Cursor
		}
		mark := " "
		if done == len(d.Questions) {
			mark = "✓"
		}
		lines = append(lines, style.Render(ansi.Truncate(fmt.Sprintf("%s%s %-36s %d/%d", cursor, mark, d.Name.In(lang), done, len(d.Questions)), m.width, "…")))
	}
	// Keep the highlighted dimension in view on short screens.
	footer := []string{"", m.help.ShortHelpView([]key.Binding{m.keys.Up, m.keys.Choose, m.keys.Back})}
	room := m.height - len(footer)
	if len(lines) > room {
		at := 0
		for i, l := range lines {
			if strings.Contains(l, "› ") {
				at = i
			}
		}
		start := max(0, min(at-room/2, len(lines)-room))
		lines = lines[start : start+room]
	}
	return strings.Join(append(lines, footer...), "\n")
}

func (m Model) viewNote() string {
	q := m.qs[m.idx]
	lines := append(m.header(), "")
	lines = append(lines, hang("", q.Text.In(m.s.Lang), m.width)...)
	lines = append(lines, "", m.styles.Muted.Render(wrapText(m.t["note title"], m.width)), m.note.View())
	return fit(lines, nil, nil, m.height)
}

func (m Model) viewHelp() string {
	lines := []string{m.styles.Title.Render("?"), ""}
	m.help.ShowAll = true
	lines = append(lines, m.help.FullHelpView(m.keys.FullHelp()))
	return fit(strings.Split(strings.Join(lines, "\n"), "\n"), nil, nil, m.height)
}

func (m Model) viewFinish() string {
	open := m.unanswered()
	lines := []string{m.styles.Title.Render(m.t["finish title"]), "", fmt.Sprintf(m.t["unanswered"], len(open))}
	footer := []string{"", m.t["finish yes"] + " · " + m.t["finish no"]}
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
	m.results.SetContent(renderResult(*m.result, m.s, m.styles, m.t, m.width))
}
