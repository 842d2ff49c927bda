package report

import (
	"fmt"
	"strings"
)

// The text alternatives of the charts, one for both reports: the HTML's
// SVG descriptions and the PDF's figure /Alt say the same.

func (w words) radarAlt() string { return w.t.f("chart_radar_alt", len(w.res.Dimensions)) }

func (w words) barsAlt() string { return w.t["chart_bars_alt"] }

func (w words) trendAlt() string { return w.t["chart_trend_alt"] }

// ladderAlt names every stage with its score and whether it is reached or
// blocks the next, against the stage level.
func (w words) ladderAlt() string {
	st := w.res.Stage
	parts := make([]string, 0, len(st.Steps))
	for i, step := range st.Steps {
		parts = append(parts, fmt.Sprintf("%s %s %s", w.name(step.Dimension), w.num(step.Score), w.stepStatus(i, step.Dimension)))
	}
	return w.t.f("chart_ladder_alt", strings.Join(parts, "; "), w.score(st.StageLevel))
}
