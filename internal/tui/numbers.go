package tui

import (
	"github.com/maturity-nl/maturity/internal/locale"
	"github.com/maturity-nl/maturity/internal/scoring"
)

// How numbers look on screen and in the text is locale's rule, the same as
// in the report: one decimal, a decimal comma in Dutch, and a score just
// below a level never shown as that level.

// scoreText writes a score, or a dash for none.
func scoreText(s *float64, lang string) string { return locale.Score(s, lang) }

// intervalText writes an interval as [lo–hi], or "" without one.
func intervalText(i *scoring.Interval, lang string) string {
	if i == nil {
		return ""
	}
	return "[" + locale.Bound(i.Low, lang) + "–" + locale.Bound(i.High, lang) + "]"
}

// rule writes a rule's number as the file gives it: 3, or 2,5.
func rule(x float64, lang string) string { return locale.Rule(x, lang) }
