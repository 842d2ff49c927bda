package report

import (
	"fmt"
	"sort"
	"time"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
)

// OrgDepartment is one department in the organisation report.
type OrgDepartment struct {
	Name, Parent string
	// Depth is the department's level in the hierarchy (0 at the top).
	Depth int
	// Latest and Previous are its last two rounds; nil when absent.
	Latest, Previous *Round
	// Comparable says whether Latest was answered on the report's
	// questionnaire, so that its dimensions can be shown side by side.
	Comparable bool
}

// Organisation is what the organisation report is made from.
type Organisation struct {
	Lang, Organisation string
	Questionnaire      *questionnaire.Questionnaire
	// Date is the report's date: the newest round's.
	Date time.Time
	// StaleMonths is how old a latest round may be before the department
	// counts as having no recent assessment.
	StaleMonths int
	// Departments in hierarchy order.
	Departments []OrgDepartment
	// Style is the house style; the zero Style is DefaultStyle.
	Style Style
}

// orgWords are the rows and counts both renderers of the organisation
// report show.
type orgWords struct {
	words
	org Organisation
	sum scoring.Summary
}

func newOrgWords(org Organisation) (orgWords, error) {
	org = boundOrganisation(org)
	wd, err := newWords(Department{Lang: org.Lang, Organisation: org.Organisation, Questionnaire: org.Questionnaire})
	if err != nil {
		return orgWords{}, err
	}
	var results []scoring.Result
	for _, d := range org.Departments {
		if d.Latest != nil && d.Comparable {
			results = append(results, d.Latest.Result)
		}
	}
	return orgWords{words: wd, org: org, sum: scoring.Summarise(results)}, nil
}

// counted is a labelled count for a distribution.
type counted struct {
	Label string
	Count int
	Level int // the level it stands for, 0 when none
}

func (o orgWords) levelCounts() []counted {
	var out []counted
	for l := 1; l <= questionnaire.MaxLevel; l++ {
		out = append(out, counted{o.levelName(l), o.sum.Levels[l], l})
	}
	return out
}

func (o orgWords) stageCounts() []counted {
	g := o.q.StageGroup()
	if g == nil {
		return nil
	}
	out := []counted{{o.t["no_stage"], o.sum.Stages[""], 1}}
	for _, d := range g.Dimensions {
		out = append(out, counted{d.Name.In(o.lang()), o.sum.Stages[d.ID], 0})
	}
	return out
}

func (o orgWords) blockerCounts() []counted {
	g := o.q.StageGroup()
	if g == nil {
		return nil
	}
	var out []counted
	for _, d := range g.Dimensions {
		out = append(out, counted{d.Name.In(o.lang()), o.sum.Blockers[d.ID], 0})
	}
	return out
}

func (o orgWords) weakestHeader() []string {
	return []string{o.t["col_dimension"], o.t["col_group"], o.t["col_mean"], o.t["col_level"], o.t["departments"]}
}

// weakestRows are the foundation dimensions by their mean, weakest first.
func (o orgWords) weakestRows() [][]string {
	type weak struct {
		group, name string
		mean        float64
		n           int
	}
	var ws []weak
	for _, d := range o.q.Dimensions() {
		if n := o.sum.DimensionCounts[d.ID]; n > 0 && d.Group.Kind.IsFoundation() {
			ws = append(ws, weak{d.Group.Name.In(o.lang()), d.Name.In(o.lang()), o.sum.DimensionMeans[d.ID], n})
		}
	}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].mean < ws[j].mean })
	var rows [][]string
	for _, x := range ws {
		level := scoring.Level(x.mean)
		rows = append(rows, []string{x.name, x.group, o.score(x.mean), o.levelName(level), fmt.Sprint(x.n)})
	}
	return rows
}

func (o orgWords) rankingHeader() []string {
	return []string{o.t["col_rank"], o.t["col_department"], o.t["round"], o.t["col_score"], o.t["col_level"], o.t["col_stage"], o.t["col_change"]}
}

// rankingRows are the assessed departments by overall score, highest first.
func (o orgWords) rankingRows() [][]string {
	ranked := append([]OrgDepartment{}, o.org.Departments...)
	sort.SliceStable(ranked, func(i, j int) bool {
		a, b := latestScore(ranked[i]), latestScore(ranked[j])
		switch {
		case a == nil:
			return false
		case b == nil:
			return true
		}
		return *a > *b
	})
	var rows [][]string
	for _, d := range ranked {
		// Only rounds on the report's questionnaire compare.
		if latestScore(d) == nil || !d.Comparable {
			continue
		}
		rank := len(rows) + 1
		r := d.Latest.Result
		stage := o.t["no_stage"]
		if r.Stage.Reached != "" && o.q.Dimension(r.Stage.Reached) != nil {
			stage = o.q.Dimension(r.Stage.Reached).Name.In(o.lang())
		}
		level := o.levelName(r.Overall.Level)
		if r.Overall.Capped {
			level += " *"
		}
		if r.Overall.MinimumCapped {
			level += " †"
		}
		rows = append(rows, []string{fmt.Sprint(rank), d.Name, d.Latest.Label, o.num(r.Overall.Score), level, stage, o.change(d)})
	}
	return rows
}

// change is the overall score's change since the previous round with its
// direction, or "" without one.
func (o orgWords) change(d OrgDepartment) string {
	if d.Latest == nil || d.Latest.Result.Overall.Change == nil {
		return ""
	}
	return o.changeCell(d.Latest.Result.Overall.Change)
}

func (o orgWords) progressHeader() []string {
	return []string{o.t["col_department"], o.t["col_previous"], o.t["col_latest"], o.t["col_change"]}
}

func (o orgWords) progressRows() [][]string {
	var rows [][]string
	for _, d := range o.org.Departments {
		if c := o.change(d); c != "" && d.Previous != nil {
			p, l := d.Previous.Result.Overall, d.Latest.Result.Overall
			rows = append(rows, []string{d.Name, o.t.f("round_score", d.Previous.Label, o.num(p.Score), p.Level),
				o.t.f("round_score", d.Latest.Label, o.num(l.Score), l.Level), c})
		}
	}
	return rows
}

func (o orgWords) staleHeader() []string {
	return []string{o.t["col_department"], o.t["part_of_col"], o.t["col_last"]}
}

// staleRows are the departments never assessed or not within StaleMonths.
// A cluster that is never assessed itself but holds departments is a way
// of grouping them, not a department without a round.
func (o orgWords) staleRows() [][]string {
	limit := o.org.Date.AddDate(0, -o.org.StaleMonths, 0)
	parents := map[string]bool{}
	for _, d := range o.org.Departments {
		parents[d.Parent] = true
	}
	var rows [][]string
	for _, d := range o.org.Departments {
		switch {
		case d.Latest == nil && parents[d.Name]:
		case d.Latest == nil:
			rows = append(rows, []string{d.Name, d.Parent, o.t["never"]})
		case d.Latest.Date.Before(limit):
			rows = append(rows, []string{d.Name, d.Parent, fmt.Sprintf("%s (%s)", d.Latest.Label, o.date(d.Latest.Date))})
		}
	}
	return rows
}

// heatCell is one department's dimension in the heatmap: its level (0 for
// no score) and its score as shown.
type heatCell struct {
	Level int
	Score string
}

// cells are a department's dimensions in its latest round, for the heatmap.
func (o orgWords) cells(d OrgDepartment) []heatCell {
	byID := map[string]heatCell{}
	if d.Latest != nil && d.Comparable {
		for _, r := range d.Latest.Result.Dimensions {
			if r.Score != nil {
				byID[r.ID] = heatCell{r.Level, o.num(r.Score)}
			}
		}
	}
	var out []heatCell
	for _, dim := range o.q.Dimensions() {
		out = append(out, byID[dim.ID])
	}
	return out
}

// minimumCapped counts the assessed departments whose level an unmet legal
// minimum lowered.
func (o orgWords) minimumCapped() int {
	n := 0
	for _, d := range o.org.Departments {
		if d.Latest != nil && d.Comparable && d.Latest.Result.Overall.MinimumCapped {
			n++
		}
	}
	return n
}

// cappedSentences say how often each cap lowered a level; the minimum cap
// only for a questionnaire with legal minimums.
func (o orgWords) cappedSentences() []string {
	out := []string{o.t.f("capped_count", o.sum.Capped, o.sum.Scored)}
	if len(o.q.Minimums()) > 0 {
		out = append(out, o.t.f("minimum_capped_count", o.minimumCapped(), o.sum.Scored))
	}
	return out
}

// latestScore is a department's latest overall score, or nil.
func latestScore(d OrgDepartment) *float64 {
	if d.Latest == nil {
		return nil
	}
	return d.Latest.Result.Overall.Score
}
