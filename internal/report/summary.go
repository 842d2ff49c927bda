package report

import (
	"fmt"
	"strings"
)

// cover is the first page: who, which round, how many people, how.
func (p *pdf) cover() {
	p.AddPage()
	p.fill(primary)
	p.Rect(0, 0, pageW, 92, "F")
	p.SetTextColor(255, 255, 255)
	p.SetXY(margin, 26)
	p.font("", 11)
	if p.in.Organisation != "" {
		p.CellFormat(contentW, 6, p.fitText(p.in.Organisation, contentW), "", 1, "L", false, 0, "")
	}
	p.SetX(margin)
	p.font("B", 30)
	p.CellFormat(contentW, 14, p.t["title"], "", 1, "L", false, 0, "")
	p.SetX(margin)
	p.font("", 14)
	p.CellFormat(contentW, 8, p.t["subtitle"], "", 1, "L", false, 0, "")
	p.Bookmark(p.t["title"], 0, 0)

	p.SetXY(margin, 108)
	p.ink(ink)
	p.font("B", 22)
	for _, l := range p.lines(p.in.Name, contentW) {
		p.CellFormat(contentW, 10, l, "", 1, "L", false, 0, "")
	}
	if p.in.Parent != "" {
		p.font("", 12)
		p.ink(muted)
		p.CellFormat(contentW, 7, p.fitText(p.t.f("part_of", p.in.Parent), contentW), "", 1, "L", false, 0, "")
	}
	p.Ln(10)
	r := p.in.Round
	facts := [][2]string{
		{p.t["round"], r.Label},
		{p.t["date"], p.date(r.Date)},
		{p.t["respondents"], fmt.Sprint(r.Respondents)},
		{p.t["mode"], p.t["mode_"+r.Mode]},
		{p.t["questionnaire"], fmt.Sprintf("%s (%s %d)", p.q.Title.In(p.lang()), p.t["version"], p.q.Version)},
	}
	for _, f := range facts {
		p.font("", 10)
		p.ink(muted)
		p.SetX(margin)
		p.CellFormat(40, 7, f[0], "", 0, "L", false, 0, "")
		p.font("", 11)
		p.ink(ink)
		p.CellFormat(contentW-40, 7, p.fitText(f[1], contentW-40), "", 1, "L", false, 0, "")
	}
}

// summary is the one page a director reads: level and what it means, the
// stage and its blocker, the cap, the three first actions, the progress.
func (p *pdf) summary() {
	p.AddPage()
	p.heading(p.t["summary"], 0)
	o := p.res.Overall
	if o.Score == nil {
		p.para(p.t["no_scores"], 11, "", 0)
		return
	}
	// The level as a badge beside its name and meaning.
	y := p.GetY()
	c := levelInk[o.Level]
	p.fill(c)
	p.RoundedRect(margin, y, 28, 28, 3, "1234", "F")
	p.SetTextColor(255, 255, 255)
	p.font("B", 30)
	p.SetXY(margin, y+4)
	p.CellFormat(28, 20, fmt.Sprint(o.Level), "", 0, "C", false, 0, "")
	p.ink(muted)
	p.font("", 9)
	p.SetXY(margin+34, y+1)
	p.CellFormat(contentW-34, 5, p.t["maturity_level"], "", 1, "L", false, 0, "")
	p.SetX(margin + 34)
	p.ink(ink)
	p.font("B", 16)
	p.CellFormat(contentW-34, 8, fmt.Sprintf("%s (%s %s)", p.q.LevelName(o.Level, p.lang()), strings.ToLower(p.t["col_score"]), score(o.Score)), "", 1, "L", false, 0, "")
	p.SetX(margin + 34)
	p.font("", 10.5)
	for _, l := range p.lines(p.t[fmt.Sprintf("level_meaning_%d", o.Level)], contentW-34) {
		p.SetX(margin + 34)
		p.CellFormat(contentW-34, 5, l, "", 1, "L", false, 0, "")
	}
	p.SetY(max(p.GetY(), y+30) + 4)

	if st := p.res.Stage; st.Applicable {
		p.subheading(p.t["stage_heading"])
		p.para(p.stageSentence(), 10.5, "", 0)
	}
	p.subheading(p.t["cap_heading"])
	switch {
	case o.Capped:
		var names []string
		weakest := 0
		for i, g := range p.res.Groups {
			for _, id := range o.CappedBy {
				if g.ID == id {
					names = append(names, p.q.Groups[i].Name.In(p.lang()))
					weakest = g.Level
				}
			}
		}
		p.para(p.t.f("capped", o.UncappedLevel, strings.Join(names, ", "), weakest), 10.5, "", 0)
	case o.Cap > 0:
		p.para(p.t.f("not_capped", o.Cap), 10.5, "", 0)
	default:
		p.para(p.t["no_cap"], 10.5, "", 0)
	}

	p.subheading(p.t["actions"])
	if len(p.res.Recommendations) == 0 {
		p.para(p.t["no_actions"], 10.5, "", 0)
	}
	for i, rec := range p.res.Recommendations {
		if i == 3 {
			break
		}
		d := p.q.Dimension(rec.Dimension)
		p.room(14)
		p.font("B", 10.5)
		p.SetX(margin)
		p.CellFormat(7, 5, fmt.Sprintf("%d.", i+1), "", 0, "L", false, 0, "")
		p.CellFormat(contentW-7, 5, p.fitText(fmt.Sprintf("%s: %s %d → %d", d.Name.In(p.lang()), strings.ToLower(p.t["col_level"]), rec.Level, rec.Level+1), contentW-7), "", 1, "L", false, 0, "")
		if text := d.Recommendations[rec.Level].In(p.lang()); text != "" {
			p.para(text, 10, "", 7)
		}
		p.Ln(1.5)
	}

	p.subheading(p.t["change_heading"])
	if prev := p.previous(); prev != nil && prev.Result.Overall.Score != nil {
		a, b := *prev.Result.Overall.Score, *o.Score
		p.para(p.t.f("change", prev.Label, a, b, b-a, prev.Result.Overall.Level, o.Level), 10.5, "", 0)
	} else {
		p.para(p.t["first_round"], 10.5, "", 0)
	}
}

func (p *pdf) subheading(text string) {
	p.room(16)
	p.Ln(3)
	p.font("B", 11)
	p.ink(primary)
	p.SetX(margin)
	p.CellFormat(contentW, 6, text, "", 1, "L", false, 0, "")
	p.ink(ink)
}

// previous is the round before the reported one, or nil.
func (p *pdf) previous() *Round {
	if n := len(p.in.Previous); n > 0 {
		return &p.in.Previous[n-1]
	}
	return nil
}

func (p *pdf) stageSentence() string {
	st := p.res.Stage
	name := func(id string) string { return p.q.Dimension(id).Name.In(p.lang()) }
	if st.BlockedBy == "" {
		return p.t.f("stage_all", name(st.Reached))
	}
	var blocker *float64
	for _, s := range st.Steps {
		if s.Dimension == st.BlockedBy {
			blocker = s.Score
		}
	}
	if blocker == nil {
		return p.t.f("stage_unscored", name(st.BlockedBy))
	}
	if st.Reached == "" {
		return p.t.f("stage_none", name(st.BlockedBy), *blocker, st.Threshold)
	}
	return p.t.f("stage_reached", name(st.Reached), name(st.BlockedBy), *blocker, st.Threshold)
}
