// Package locale owns how numbers look to people in each language the tool
// speaks: one decimal, a decimal comma in Dutch, and the rule that a shown
// score never reaches a level its score has not. Every view (terminal,
// text, PDF, HTML) writes its numbers through it, so the same figure reads
// the same everywhere. It computes no figure: scoring does.
package locale

import (
	"math"
	"strconv"
	"strings"
)

// epsilon is the tolerance scoring.Level uses, so that a score that is 3 by
// hand is shown and levelled as 3.
const epsilon = 1e-9

// Shown is a score as people see it: rounded to one decimal, except that a
// score just below a level is never rounded up onto it. 2.96 has not
// reached level 3 and shows as 2.9, where plain rounding would put "3.0"
// beside "level 2"; 3.58 shows as 3.6.
func Shown(s float64) float64 {
	r := math.Round(s*10) / 10
	if level := math.Floor(s + epsilon); r >= level+1 {
		return level + 0.9
	}
	return r
}

// Decimal writes x with prec decimals: a decimal comma in Dutch, a point
// otherwise, and never "−0".
func Decimal(x float64, prec int, lang string) string {
	s := strconv.FormatFloat(x, 'f', prec, 64)
	if s == "-"+strconv.FormatFloat(0, 'f', prec, 64) {
		s = s[1:]
	}
	if lang == "nl" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Score writes a score as shown, or a dash when there is none.
func Score(s *float64, lang string) string {
	if s == nil {
		return "–"
	}
	return Decimal(Shown(*s), 1, lang)
}

// Bound writes an end of an interval: a score on the scale like any other,
// shown by the same rule, so that an interval never seems to lie beside
// its score ("3,9 [4,0–4,0]").
func Bound(x float64, lang string) string {
	return Decimal(Shown(x), 1, lang)
}

// Margin writes the margin of a change: rounded to one decimal, and "< 0,1"
// rather than "0,0" for a margin too small to show, which is not none.
func Margin(m float64, lang string) string {
	if math.Round(m*10) == 0 {
		return "< " + Decimal(0.1, 1, lang)
	}
	return Decimal(math.Round(m*10)/10, 1, lang)
}

// Delta writes the change from an earlier score to a later one as the
// difference of the two shown scores, with its sign, so that the shown
// difference always adds up from the shown scores ("2,1 → 2,9: +0,8").
func Delta(earlier, later float64, lang string) string {
	d := math.Round((Shown(later)-Shown(earlier))*10) / 10
	s := Decimal(d, 1, lang)
	switch {
	case strings.HasPrefix(s, "-"):
		return "−" + s[1:]
	case d == 0:
		return "±" + s
	}
	return "+" + s
}

// Rule writes a number from a questionnaire's rules as the file gives it:
// 3, or 2,5 in Dutch.
func Rule(x float64, lang string) string {
	return Decimal(x, -1, lang)
}

// Percent writes a share from 0 to 1 as a whole percentage.
func Percent(share float64) string {
	return strconv.FormatFloat(math.Round(100*share), 'f', 0, 64) + "%"
}
