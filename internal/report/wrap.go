package report

import (
	"strings"
	"unicode/utf8"
)

// Line breaking and shortening take time in proportion to the length of
// the text, whatever it holds: each character is measured once (a word of
// a million characters without a space is cut into lines in one pass),
// and a text that is shortened is measured only as far as it fits.

// Bounds on how much of a long text the PDF shows where space is fixed;
// the rest is cut off with an ellipsis (…). The HTML report shows it all.
const (
	// coverNameLines is how many lines a department's name takes on the
	// cover at most, so that the cover's facts stay on the first page.
	coverNameLines = 3
	// cellLines is how many lines a table cell takes at most, so that a
	// row is never taller than a page.
	cellLines = 12
	// checkEvery is how many characters or words a long text is worked
	// through between two looks at whether the report was stopped.
	checkEvery = 1 << 14
)

// ruler measures text in the current font in the font's units (1/1000 of
// its size).
type ruler struct {
	u    *faceUse
	size float64 // the font size in millimetres
}

func (p *pdf) ruler() *ruler {
	_, size := p.GetFontSize()
	return &ruler{u: p.ts.current(), size: size}
}

// width is the width of one character.
func (m *ruler) width(r rune) int { return m.u.width(r) }

// text is the width of s.
func (m *ruler) text(s string) int {
	w := 0
	for _, r := range s {
		w += m.width(r)
	}
	return w
}

// fits says whether a width in font units fits in w millimetres, computed
// exactly as gofpdf's GetStringWidth does.
func (m *ruler) fits(units int, w float64) bool {
	return float64(units)*m.size/1000 <= w
}

// ellipsis is the longest start of s that fits width w with an ellipsis
// after it, with that ellipsis.
func (m *ruler) ellipsis(s string, w float64) string {
	room := m.text("…")
	total, end := 0, 0
	for i, r := range s {
		total += m.width(r)
		if !m.fits(total+room, w) {
			break
		}
		end = i + utf8.RuneLen(r)
	}
	return strings.TrimRight(s[:end], " ") + "…"
}

// fitText is s as the PDF shows it, shortened with an ellipsis until it
// fits width w in the current font.
func (p *pdf) fitText(s string, w float64) string {
	s, _ = pdfText(s)
	m := p.ruler()
	total := 0
	for _, r := range s {
		total += m.width(r)
		if !m.fits(total, w) {
			return m.ellipsis(s, w)
		}
	}
	return s
}

// lines breaks s into lines of at most width w in the current font, at
// spaces and line breaks; a word longer than a line is cut, each piece the
// longest that fits.
func (p *pdf) lines(s string, w float64) []string {
	if p.Err() {
		return nil
	}
	s, _ = pdfText(s)
	m := p.ruler()
	space := m.width(' ')
	var out []string
	work := 0
	for _, para := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		var line []string
		lineW := 0
		flush := func() {
			out = append(out, strings.Join(line, " "))
			line, lineW = line[:0], 0
		}
		for _, word := range strings.Fields(para) {
			if work++; work%checkEvery == 0 && p.stopped() {
				return out
			}
			ww := m.text(word)
			if !m.fits(ww, w) {
				if len(line) > 0 {
					flush()
				}
				start, pw := 0, 0
				for i, r := range word {
					if work++; work%checkEvery == 0 && p.stopped() {
						return out
					}
					rw := m.width(r)
					if i > start && !m.fits(pw+rw, w) {
						out = append(out, word[start:i])
						start, pw = i, 0
					}
					pw += rw
				}
				word, ww = word[start:], pw
			}
			switch {
			case len(line) == 0:
				line, lineW = append(line, word), ww
			case m.fits(lineW+space+ww, w):
				line, lineW = append(line, word), lineW+space+ww
			default:
				flush()
				line, lineW = append(line, word), ww
			}
		}
		out = append(out, strings.Join(line, " "))
	}
	return out
}

// clip keeps at most n of the lines, which were broken at width w: the
// last one kept ends in an ellipsis when lines are left out.
func (p *pdf) clip(lines []string, n int, w float64) []string {
	if len(lines) <= n {
		return lines
	}
	last := p.ruler().ellipsis(lines[n-1]+" "+lines[n], w)
	return append(lines[:n-1:n-1], last)
}

// spaced is lines with a space at the end of every line but the last, so
// that text read from the tagged PDF (by a screen reader, or copied) has
// a space where a line was broken. The space is not seen.
func spaced(lines []string) []string {
	if len(lines) < 2 {
		return lines
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l
		if i < len(lines)-1 && l != "" {
			out[i] = l + " "
		}
	}
	return out
}
