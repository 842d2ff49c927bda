package report

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"sync"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/reports"
)

var (
	htmlFuncs = template.FuncMap{"args": func(xs ...any) []any { return xs }}
	// The templates are parsed when first used, not at every start of
	// the program.
	htmlTemplate = sync.OnceValue(func() *template.Template {
		return template.Must(template.New("report").Funcs(htmlFuncs).Parse(reports.HTMLTemplate))
	})
	organisationTemplate = sync.OnceValue(func() *template.Template {
		return template.Must(template.New("organisation").Funcs(htmlFuncs).Parse(reports.OrganisationHTMLTemplate))
	})
)

// htmlGroup is a group's section of the HTML report.
type htmlGroup struct {
	ID, Name, Description, Level string
	Rows                         [][]string
	Next                         []action
}

// htmlDistribution is a question the team disagrees on.
type htmlDistribution struct {
	Question, Summary string
	Options           []htmlOption
}

type htmlOption struct {
	Label string
	Count int
	Bar   template.HTML
}

// htmlNote is a note as the HTML shows it; Lang is set when the note is
// written in another language than the report's (WCAG 3.1.2).
type htmlNote struct{ About, Text, Lang string }

// htmlEntry is one link of the table of contents.
type htmlEntry struct{ ID, Title string }

// htmlLevel is one entry of the legend of level colours.
type htmlLevel struct {
	Level int
	Name  string
}

// htmlView is everything the template shows.
type htmlView struct {
	CSS                                                                     template.CSS
	Logo                                                                    template.URL
	Title, Lang, Organisation, Name, PartOf, Round, Date, QuestionnaireName string
	Provisional                                                             bool
	T                                                                       texts
	Contents                                                                []htmlEntry
	Facts                                                                   [][2]string
	Scored                                                                  bool
	Level                                                                   int
	LevelName, LevelMeaning, ScoreLine                                      string
	Caps                                                                    []string
	Stage, Minimum, Certainty, Change                                       string
	Actions                                                                 []action
	MinimumsIntro                                                           string
	MinimumHeader                                                           []string
	Minimums                                                                []minimumRow
	Agreement, EarlierHeading                                               string
	AgreedHeader, EarlierHeader                                             []string
	Agreed, Earlier                                                         []agreementRow
	Radar, Ladder, Bars, Trend                                              template.HTML
	Levels                                                                  []htmlLevel
	LadderNote                                                              string
	TrendHeader                                                             []string
	TrendRows                                                               [][]string
	GroupHeader                                                             []string
	Groups                                                                  []htmlGroup
	Disagreement                                                            string
	Distributions                                                           []htmlDistribution
	Revote                                                                  string
	RevoteHeader                                                            []string
	RevoteRows                                                              [][]string
	Notes                                                                   []htmlNote
	NotesOmitted                                                            string
	ConfidenceHeader                                                        []string
	ConfidenceRows                                                          [][]string
	Method                                                                  []string
	MethodExample                                                           []string
	QuestionsIntro                                                          string
	QuestionHeader                                                          []string
	QuestionRows                                                            [][]string
}

// WriteHTML writes the department report as one self-contained, accessible
// HTML file: inline CSS, charts as inline SVG with text alternatives, and
// their figures also in tables. The same input gives the same bytes.
func WriteHTML(w io.Writer, in Department) error {
	return WriteHTMLContext(context.Background(), w, in)
}

// WriteHTMLContext is WriteHTML that stops when ctx is cancelled, and then
// writes nothing and returns ctx's error.
func WriteHTMLContext(ctx context.Context, w io.Writer, in Department) error {
	wd, err := newWords(in)
	if err != nil {
		return err
	}
	in = wd.in
	t := wd.t
	date := wd.date(in.Round.Date)
	v := htmlView{
		CSS:   styleCSS(in.Style),
		Logo:  logoURL(in.Style),
		Title: documentTitle(t["title"], in.Name), Lang: wd.lang(), Organisation: in.Organisation, Name: in.Name,
		Round: wd.roundLabel(), Provisional: in.Round.Provisional, Date: date,
		QuestionnaireName: wd.questionnaireName(), T: t, Facts: wd.facts(date),
		GroupHeader: wd.groupHeader(), ConfidenceHeader: wd.confidenceHeader(), ConfidenceRows: wd.confidenceRows(),
		Method: wd.method(), MethodExample: wd.methodExample(),
		QuestionsIntro: wd.questionsSentence(), QuestionHeader: wd.questionHeader(), QuestionRows: wd.questionRows(),
		Disagreement: wd.disagreementSentence(),
		Revote:       wd.revoteSentence(), RevoteHeader: wd.revoteHeader(), RevoteRows: wd.revoteRows(),
	}
	if in.Parent != "" {
		v.PartOf = t.f("part_of", in.Parent)
	}
	o := wd.res.Overall
	if o.Score != nil {
		v.Scored = true
		v.Level, v.LevelName, v.LevelMeaning = o.Level, wd.levelName(o.Level), t[fmt.Sprintf("level_meaning_%d", o.Level)]
		v.ScoreLine, v.Caps = wd.scoreLine(), wd.capSentences()
		if wd.res.Stage.Applicable {
			v.Stage = wd.stageSentence()
			v.Ladder, v.LadderNote = wd.ladderSVG(), t.f("ladder_note", wd.score(wd.res.Stage.StageLevel))+" "+t["ladder_legend"]
		}
		v.Minimum, v.Certainty, v.Change, v.Actions = wd.minimumSentence(), wd.certaintySentence(), wd.changeSentence(), wd.actions(3)
		v.Agreement = wd.agreementSentence()
		if len(in.Agreed) > 0 || len(in.Earlier) > 0 {
			v.AgreedHeader, v.Agreed = wd.agreedHeader(), wd.agreedRows()
			v.EarlierHeader, v.Earlier = wd.earlierHeader(), wd.earlierRows()
			v.EarlierHeading = t.f("agreements_earlier_heading", in.EarlierRound)
		}
		if len(wd.res.Minimums) > 0 {
			v.MinimumsIntro, v.MinimumHeader, v.Minimums = wd.minimumsIntro(), wd.minimumHeader(), wd.minimumRows()
		}
		v.Radar, v.Bars = wd.radarSVG(), wd.barsSVG()
		for l := questionnaire.MinLevel; l <= questionnaire.MaxLevel; l++ {
			v.Levels = append(v.Levels, htmlLevel{l, wd.levelName(l)})
		}
		if len(in.Previous) > 0 {
			v.Trend = wd.trendSVG()
			v.TrendHeader = []string{t["round"], t["col_score"], t["col_interval"], t["col_level"]}
			for _, r := range append(append([]Round{}, in.Previous...), in.Round) {
				v.TrendRows = append(v.TrendRows, []string{r.Label, wd.num(r.Result.Overall.Score), wd.interval(r.Result.Overall.Interval), wd.levelName(r.Result.Overall.Level)})
			}
		}
	}
	for gi, g := range wd.q.Groups {
		hg := htmlGroup{ID: g.ID, Name: g.Name.In(wd.lang()), Description: g.Description.In(wd.lang()), Rows: wd.groupRows(g), Next: wd.nextSteps(g)}
		hg.Level = wd.groupLevel(wd.res.Groups[gi])
		v.Groups = append(v.Groups, hg)
	}
	shown, _ := wd.flagged()
	for _, x := range shown {
		d := htmlDistribution{Question: wd.q.Question(x.ID).Text.In(wd.lang()), Summary: wd.distributionSummary(x)}
		for _, o := range wd.distributionRows(x) {
			d.Options = append(d.Options, htmlOption{Label: o.Label, Count: o.Count, Bar: shareBar(o.Count, wd.distributionScale(), o.Level)})
		}
		v.Distributions = append(v.Distributions, d)
	}
	v.Contents = wd.contents(v)
	notes, omitted := wd.notes()
	for _, n := range notes {
		v.Notes = append(v.Notes, htmlNote{About: wd.noteAbout(n), Text: n.Text, Lang: otherLang(n, wd.lang())})
	}
	if omitted > 0 {
		v.NotesOmitted = t.f("notes_omitted", omitted)
	}
	return execute(ctx, htmlTemplate(), v, w)
}

// contents are the links of the table of contents: every section the
// page has, in order, by the ids the template gives them.
func (w words) contents(v htmlView) []htmlEntry {
	out := []htmlEntry{{"summary", w.t["summary"]}}
	if len(v.Agreed) > 0 || len(v.Earlier) > 0 {
		out = append(out, htmlEntry{"agreements", w.t["agreements"]})
	}
	if len(v.Minimums) > 0 {
		out = append(out, htmlEntry{"minimums", w.t["minimums"]})
	}
	if v.Scored {
		out = append(out, htmlEntry{"charts", w.t["charts"]})
		for _, g := range v.Groups {
			out = append(out, htmlEntry{"group-" + g.ID, g.Name})
		}
		out = append(out, htmlEntry{"disagreement", w.t["disagreement"]}, htmlEntry{"confidence", w.t["confidence"]})
	}
	return append(out, htmlEntry{"appendix", w.t["appendix"]})
}

// execute fills in a template and writes the page to w whole, or nothing
// when it failed or ctx was cancelled; a cancelled ctx stops the template
// at its next write.
func execute(ctx context.Context, t *template.Template, v any, w io.Writer) error {
	var buf bytes.Buffer
	err := t.Execute(stopWriter{ctx, &buf}, v)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// stopWriter fails every write once its context is cancelled.
type stopWriter struct {
	ctx context.Context
	w   io.Writer
}

func (s stopWriter) Write(b []byte) (int, error) {
	if err := s.ctx.Err(); err != nil {
		return 0, err
	}
	return s.w.Write(b)
}

// styleCSS is the house stylesheet with the style's colours.
func styleCSS(s Style) template.CSS {
	s = styleOrDefault(s)
	font := ""
	if s.Font == "medium" {
		font = `body { font-weight: 500; }`
	}
	return template.CSS(paletteCSS() + reports.CSS + fmt.Sprintf(":root { --primary: %s; --accent: %s; }\n%s", s.Primary.hex(), s.Accent.hex(), font))
}

// logoURL is the style's logo as a data URL, so the file stays self-contained.
func logoURL(s Style) template.URL {
	if len(s.Logo) == 0 {
		return ""
	}
	return template.URL("data:image/" + s.LogoType + ";base64," + base64.StdEncoding.EncodeToString(s.Logo))
}
