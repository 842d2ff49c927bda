package report

import (
	"context"
	"html/template"
	"io"
	"math"

	"github.com/maturity-nl/maturity/internal/questionnaire"
)

// htmlCount is one bar of a distribution.
type htmlCount struct {
	Label string
	Count int
	Width float64 // of the bar, in rem
}

type htmlHeatRow struct {
	Name  string
	Depth int
	Cells []heatCell
}

// orgView is everything the organisation template shows.
type orgView struct {
	CSS                                                       template.CSS
	Logo                                                      template.URL
	Lang, Organisation, Date, Facts, StaleIntro               string
	Capped                                                    []string
	QuestionnaireID                                           string
	Version                                                   int
	T                                                         texts
	Levels, Stages, Blockers                                  []htmlCount
	LevelLegend                                               []htmlLevel
	MinimumMark                                               bool
	WeakestHeader, RankingHeader, ProgressHeader, StaleHeader []string
	WeakestRows, RankingRows, ProgressRows, StaleRows         [][]string
	Dimensions                                                []string
	Heat                                                      []htmlHeatRow
}

func htmlCounts(cs []counted) []htmlCount {
	most := 1
	for _, c := range cs {
		most = max(most, c.Count)
	}
	var out []htmlCount
	for _, c := range cs {
		out = append(out, htmlCount{Label: c.Label, Count: c.Count, Width: math.Round(120*float64(c.Count)/float64(most)) / 10})
	}
	return out
}

// WriteOrganisationHTML writes the organisation report as one
// self-contained, accessible HTML file; the heatmap is a table.
func WriteOrganisationHTML(w io.Writer, org Organisation) error {
	return WriteOrganisationHTMLContext(context.Background(), w, org)
}

// WriteOrganisationHTMLContext is WriteOrganisationHTML that stops when ctx
// is cancelled, and then writes nothing and returns ctx's error.
func WriteOrganisationHTMLContext(ctx context.Context, w io.Writer, org Organisation) error {
	o, err := newOrgWords(org)
	if err != nil {
		return err
	}
	t, org := o.t, o.org
	v := orgView{
		CSS: styleCSS(org.Style), Logo: logoURL(org.Style), Lang: o.lang(), Organisation: org.Organisation, Date: o.date(org.Date),
		Facts: t.f("org_facts", len(org.Departments), o.sum.Scored), Capped: o.cappedSentences(),
		StaleIntro: t.f("not_recent_intro", org.StaleMonths, o.date(org.Date)), QuestionnaireID: o.q.ID, Version: o.q.Version, T: t,
		Levels: htmlCounts(o.levelCounts()), Stages: htmlCounts(o.stageCounts()), Blockers: htmlCounts(o.blockerCounts()),
		MinimumMark:   len(o.q.Minimums()) > 0,
		WeakestHeader: o.weakestHeader(), WeakestRows: o.weakestRows(), RankingHeader: o.rankingHeader(), RankingRows: o.rankingRows(),
		ProgressHeader: o.progressHeader(), ProgressRows: o.progressRows(), StaleHeader: o.staleHeader(), StaleRows: o.staleRows(),
	}
	for l := questionnaire.MinLevel; l <= questionnaire.MaxLevel; l++ {
		v.LevelLegend = append(v.LevelLegend, htmlLevel{l, o.levelName(l)})
	}
	for _, d := range o.q.Dimensions() {
		v.Dimensions = append(v.Dimensions, d.Name.In(o.lang()))
	}
	for _, d := range org.Departments {
		v.Heat = append(v.Heat, htmlHeatRow{Name: d.Name, Depth: min(d.Depth, 3), Cells: o.cells(d)})
	}
	return execute(ctx, organisationTemplate, v, w)
}
