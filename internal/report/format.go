package report

import (
	"github.com/maturity-nl/maturity/internal/locale"
	"github.com/maturity-nl/maturity/internal/scoring"
)

// How numbers look in a report is locale's rule, the same as on screen:
// one decimal, a decimal comma in Dutch, and a score just below a level
// never shown as that level (2,96 shows as 2,9 beside level 2).

// decimal writes x with prec decimals in the report's language.
func (w words) decimal(x float64, prec int) string { return locale.Decimal(x, prec, w.lang()) }

// num writes a score, or a dash when there is none.
func (w words) num(s *float64) string { return locale.Score(s, w.lang()) }

// score writes a score that exists.
func (w words) score(s float64) string { return w.num(&s) }

// interval writes a 90% interval as "lo–hi", or a dash without one.
func (w words) interval(iv *scoring.Interval) string {
	if iv == nil {
		return "–"
	}
	return locale.Bound(iv.Low, w.lang()) + "–" + locale.Bound(iv.High, w.lang())
}

// delta writes a change as the difference of the two shown scores, with its
// sign, so that it adds up from the scores the reader sees.
func (w words) delta(c *scoring.Change) string {
	return locale.Delta(c.Earlier, c.Earlier+c.Delta, w.lang())
}

// margin writes a change's margin.
func (w words) margin(c *scoring.Change) string { return locale.Margin(*c.Margin, w.lang()) }

// halfWidth writes the half-width h of an interval (two decimals, so that
// it can be set against the confidence thresholds 0,5 and 1,0), or a dash.
func (w words) halfWidth(h *float64) string {
	if h == nil {
		return "–"
	}
	return w.decimal(*h, 2)
}

// percent writes a share 0–1 as a whole percentage.
func (w words) percent(share float64) string { return locale.Percent(share) }
