package report

import (
	"context"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"

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
	// Cluster marks a cluster's own row, a heading of the rows below it.
	Cluster bool
	Cells   []heatCell
}

// htmlTable is a table with the id of what names it: its Caption, or
// else the heading with that id. Numeric marks the columns of numbers. A
// table under a cluster's heading has the cluster as its Heading and the
// heading's Level (3 or 4).
type htmlTable struct {
	// Section is the id of the heading above a cluster's: the two together
	// name the table, so that every cluster's table has a name of its own.
	ID, Caption, Heading, Section string
	Level                         int
	Header                        []string
	Numeric                       []bool
	Rows                          [][]string
}

// numeric marks the columns an alignment string ("LLRR") puts on the
// right: the columns of numbers.
func numeric(align string) []bool {
	out := make([]bool, len(align))
	for i, a := range align {
		out[i] = a == 'R'
	}
	return out
}

// htmlRankRow is a ranking row; First marks the first of a tie group.
type htmlRankRow struct {
	Cells []string
	First bool
}

// orgView is everything the organisation template shows.
type orgView struct {
	CSS                                    template.CSS
	Logo                                   template.URL
	Title, Lang, Organisation, Date, Facts string
	StaleIntro, QuestionnaireName          string
	Capped                                 []string
	T                                      texts
	Contents                               []htmlSection
	ConclusionsIntro                       string
	FirstSteps, Trend                      []string
	Agreements                             string
	Unmet                                  htmlTable
	HasActions                             bool
	ClusterTables                          []htmlTable
	Levels, Stages, Blockers               []htmlCount
	LevelLegend                            []htmlLevel
	MinimumMark                            bool
	Weakest, Stale                         htmlTable
	RankingIntro                           string
	RankingHeader                          []string
	RankingRows                            []htmlRankRow
	Progress, Done, Counts                 []htmlTable
	Noncommittal                           []htmlTable
	NoncommittalIntro, CountsIntro         string
	DoneByDimension                        htmlTable
	DoneOmitted                            string
	Dimensions                             []string
	Heat                                   []htmlHeatRow
}

// htmlSection is an entry of the table of contents.
type htmlSection struct{ ID, Title string }

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

// htmlClusterTables are a table per cluster, captioned by the cluster's
// heading, each with an id.
func htmlClusterTables(prefix string, level int, header []string, align string, groups []clusterRows) []htmlTable {
	section := map[string]string{"progress": "progress", "done": "done-change", "counts": "counts"}[prefix]
	var out []htmlTable
	for i, g := range groups {
		out = append(out, htmlTable{ID: prefix + "-" + strconv.Itoa(i+1), Level: level, Heading: g.Cluster, Section: section, Header: header, Numeric: numeric(align), Rows: g.Rows})
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
		CSS: styleCSS(org.Style), Logo: logoURL(org.Style), Title: documentTitle(t["org_title"], org.Organisation), Lang: o.lang(),
		Organisation: org.Organisation, Date: o.date(org.Date), Facts: o.facts(), Capped: o.cappedSentences(),
		StaleIntro: t.f("not_recent_intro", org.StaleMonths, o.date(org.Date)), QuestionnaireName: o.questionnaireName(), T: t,
		ConclusionsIntro: t.f("org_conclusions_intro", o.sum.Scored), FirstSteps: o.firstSteps(), Trend: o.trendSentences(),
		Agreements: o.agreementsSummary(), Unmet: htmlTable{ID: "unmet", Header: o.unmetHeader(), Numeric: numeric("LLRL"), Rows: o.unmetRows()}, HasActions: o.hasActions(),
		Levels: htmlCounts(o.levelCounts()), Stages: htmlCounts(o.stageCounts()), Blockers: htmlCounts(o.blockerCounts()),
		MinimumMark:  len(o.q.Minimums()) > 0,
		Weakest:      htmlTable{ID: "weakest", Header: o.weakestHeader(), Numeric: numeric("LLRLR"), Rows: o.weakestRows()},
		RankingIntro: t.f("org_ranking_intro"), RankingHeader: o.rankingHeader(),
		Progress:     htmlClusterTables("progress", 3, o.progressHeader(), "LLLL", o.progressRows()),
		Done:         htmlClusterTables("done", 4, o.doneHeader(), "LLLL", o.doneRows()),
		Counts:       htmlClusterTables("counts", 3, o.actionCountHeader(), "LRRRRR", o.actionCountRows()),
		CountsIntro:  t.f("org_agreements_table_intro", o.date(org.Date)),
		Noncommittal: htmlClusterTables("noncommittal", 4, nil, "", o.noncommittalRows()),
		Stale:        htmlTable{ID: "stale", Header: o.staleHeader(), Numeric: numeric("LLL"), Rows: o.staleRows()},
	}
	v.DoneByDimension = htmlTable{ID: "done-by-dimension", Header: o.doneByDimensionHeader(), Numeric: numeric("LRRRRR"), Rows: o.doneByDimensionRows()}
	if n := doneCount(o.doneRows()); n > maxDoneRows {
		v.Done, v.DoneOmitted = nil, t.f("org_done_list_omitted", n)
	}
	if n := len(o.noncommittal()); n > 0 {
		v.NoncommittalIntro = t.f(plural(n, "org_noncommittal_intro"), n)
	}
	// One table of the clusters is named by its heading; the parts of a
	// split one each by the clusters they hold.
	tables := o.clusterTables()
	for i, ct := range tables {
		ht := htmlTable{ID: "clusters", Header: ct.Header, Numeric: numeric("L" + strings.Repeat("R", len(ct.Header)-1)), Rows: ct.Rows}
		if len(tables) > 1 {
			first := i*clusterColumns + 1
			ht.ID, ht.Caption = "clusters-"+strconv.Itoa(i+1), t.f("org_clusters_part", first, first+len(ct.Header)-3, o.clusterCount())
		}
		v.ClusterTables = append(v.ClusterTables, ht)
	}
	group := 0
	for _, r := range o.rankingRows() {
		v.RankingRows = append(v.RankingRows, htmlRankRow{Cells: r.Cells, First: r.Group != group})
		group = r.Group
	}
	v.Contents = []htmlSection{{"conclusions", t["org_conclusions"]}, {"overview", t["overview"]}, {"agreements", t["agreements"]},
		{"ranking", t["ranking"]}, {"heatmap", t["heatmap"]}, {"progress", t["progress"]}}
	if v.HasActions {
		v.Contents = append(v.Contents, htmlSection{"counts", t["org_agreements_table"]})
	}
	for l := questionnaire.MinLevel; l <= questionnaire.MaxLevel; l++ {
		v.LevelLegend = append(v.LevelLegend, htmlLevel{l, o.levelName(l)})
	}
	for _, d := range o.q.Dimensions() {
		v.Dimensions = append(v.Dimensions, d.Name.In(o.lang()))
	}
	for i, d := range org.Departments {
		v.Heat = append(v.Heat, htmlHeatRow{Name: d.Name, Depth: min(d.Depth, 3), Cluster: o.isCluster[i], Cells: o.cells(d)})
	}
	return execute(ctx, organisationTemplate(), v, w)
}
