package report_test

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/maturity-nl/maturity/internal/locale"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/report"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/reports"
)

// The worked example of the appendix (texts.yaml: method_example) is the
// questionnaire testdata/method-example.yaml answered as below. Its
// previous round is the second set of answers.
var (
	methodExampleNow = map[string]string{
		"d1": "3 4 d",
		"g1": "2 3 d",
		"p1": "2 3 2",
		"p2": "3 3 2",
		"s1": "4 5 3",
	}
	methodExampleBefore = map[string]string{
		"d1": "2 3 3",
		"g1": "2 2 d",
		"p1": "1 2 2",
		"p2": "2 2 2",
		"s1": "3 4 2",
	}
)

func methodExampleQuestionnaire(t testing.TB) *questionnaire.Questionnaire {
	t.Helper()
	q, err := questionnaire.LoadFile("testdata/method-example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// methodExampleDepartment is the worked example as a report of its own,
// compared with its previous round.
func methodExampleDepartment(t testing.TB, lang string) report.Department {
	q := methodExampleQuestionnaire(t)
	before := report.Round{Label: "2025-10", Mode: "self", Date: time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC),
		Result: scoring.Score(q, scoring.Input{Answers: answers(t, methodExampleBefore)})}
	before.Respondents = before.Result.Respondents
	now := report.Round{Label: "2026-10", Mode: "self", Date: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
		Result: scoring.Score(q, scoring.Input{Answers: answers(t, methodExampleNow)})}
	now.Respondents = now.Result.Respondents
	return withPrevious(report.Department{Lang: lang, Name: "Voorbeeld", Questionnaire: q, Round: now}, before)
}

// TestMethodExample keeps the worked example true: it scores the example
// with scoring.Score and checks every number and conclusion the text
// states, in Dutch and in English.
func TestMethodExample(t *testing.T) {
	var texts map[string]map[string]string
	if err := yaml.Unmarshal(reports.Texts, &texts); err != nil {
		t.Fatal(err)
	}
	example := texts["method_example"]
	in := methodExampleDepartment(t, "en")
	q, r := in.Questionnaire, in.Round.Result
	earlier := in.Previous[0].Result

	question := func(id string) scoring.QuestionResult {
		for _, x := range r.Questions {
			if x.ID == id {
				return x
			}
		}
		t.Fatalf("no question %s", id)
		return scoring.QuestionResult{}
	}
	dim := func(id string) scoring.DimensionResult {
		for _, d := range r.Dimensions {
			if d.ID == id {
				return d
			}
		}
		t.Fatalf("no dimension %s", id)
		return scoring.DimensionResult{}
	}
	group := func(id string) scoring.GroupResult {
		for _, g := range r.Groups {
			if g.ID == id {
				return g
			}
		}
		t.Fatalf("no group %s", id)
		return scoring.GroupResult{}
	}
	// Each respondent's own overall score is the overall score of their
	// answers alone.
	own := map[string]float64{}
	var xs []float64
	for _, who := range []string{"A", "B", "C"} {
		var mine []scoring.Answer
		for _, a := range answers(t, methodExampleNow) {
			if a.Respondent == who {
				mine = append(mine, a)
			}
		}
		s := *scoring.Score(q, scoring.Input{Answers: mine}).Overall.Score
		own[who] = s
		xs = append(xs, s)
	}
	mean := (xs[0] + xs[1] + xs[2]) / 3
	sd := math.Sqrt(((xs[0]-mean)*(xs[0]-mean) + (xs[1]-mean)*(xs[1]-mean) + (xs[2]-mean)*(xs[2]-mean)) / 2)
	c := r.Overall.Change

	// Every number the text states, written the English way, with the
	// value it stands for.
	for _, n := range []struct {
		stated string
		value  float64
	}{
		{"2.389", *earlier.Overall.Score}, {"0.507", *earlier.Overall.HalfWidth},
		{"3.5", *question("d1").Score}, {"2.5", *question("g1").Score}, {"2.333", *question("p1").Score},
		{"2.667", *question("p2").Score}, {"4.0", *question("s1").Score},
		{"2.556", *dim("privacy").Score}, {"3.139", *r.Overall.Score}, {"3.1", locale.Shown(*r.Overall.Score)},
		{"2.917", own["A"]}, {"3.750", own["B"]}, {"2.500", own["C"]},
		{"0.636", sd}, {"2.920", scoring.StudentT95(2)}, {"1.073", *r.Overall.HalfWidth},
		{"2.066", r.Overall.Interval.Low}, {"4.212", r.Overall.Interval.High},
		{"+0.750", c.Delta}, {"1.187", *c.Margin},
	} {
		v, err := strconv.ParseFloat(n.stated, 64)
		if err != nil {
			t.Fatal(err)
		}
		decimals := len(n.stated) - strings.Index(n.stated, ".") - 1
		if math.Abs(v-n.value) > 0.5*math.Pow(10, -float64(decimals))+1e-12 {
			t.Errorf("the example states %s, but the computation gives %.6f", n.stated, n.value)
		}
		for lang, s := range map[string]string{"en": n.stated, "nl": strings.Replace(n.stated, ".", ",", 1)} {
			if !strings.Contains(example[lang], s) {
				t.Errorf("%s: the example does not state %s", lang, s)
			}
		}
	}
	// The whole numbers and conclusions.
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"s1 spread", *question("s1").Spread, 2}, {"s1 flagged", question("s1").Flagged, true},
		{"descriptive level", dim("descriptive").Level, 3}, {"diagnostic level", dim("diagnostic").Level, 2},
		{"privacy level", dim("privacy").Level, 2}, {"skills level", dim("skills").Level, 4},
		{"overall level before the caps", r.Overall.UncappedLevel, 3},
		{"stage", r.Stage.Reached, "descriptive"}, {"blocker", r.Stage.BlockedBy, "diagnostic"}, {"stage level", r.Stage.StageLevel, 3.0},
		{"governance level", group("governance").Level, 2}, {"readiness level", group("readiness").Level, 4},
		{"foundation cap", r.Overall.Cap, 3}, {"foundation cap applied", r.Overall.Capped, false},
		{"p1 minimum", r.Minimums[0].Question + " " + strconv.Itoa(r.Minimums[0].Level) + " " + string(r.Minimums[0].Status), "p1 3 unmet"},
		{"minimum cap", r.Overall.MinimumCap, 2}, {"minimum cap applied", r.Overall.MinimumCapped, true},
		{"maturity level", r.Overall.Level, 2},
		{"respondents behind the interval", r.Overall.Respondents, 3}, {"confidence", r.Overall.Confidence, scoring.ConfidenceLow},
		{"direction", c.Direction, scoring.Unchanged},
		{"diagnostic target", dim("diagnostic").Target, 4}, {"privacy gap", dim("privacy").Gap, 2},
		{"descriptive gap", dim("descriptive").Gap, 1}, {"skills gap", dim("skills").Gap, 0},
	} {
		if c.got != c.want {
			t.Errorf("%s: %v; the example says %v", c.what, c.got, c.want)
		}
	}
	var order []string
	for _, rec := range r.Recommendations {
		order = append(order, string(rec.Kind)+" "+rec.Dimension+rec.Question)
	}
	if got, want := strings.Join(order, ", "), "minimum privacyp1, stage diagnostic, gap privacy, gap descriptive"; got != want {
		t.Errorf("what to do first: %s; the example says %s", got, want)
	}
	// The report of the example shows what the text says it shows.
	if page := renderHTML(t, in); !strings.Contains(page, "Overall score 3.1 (90% interval 2.1–4.2).") {
		t.Error("the example's report does not show the overall score as 3.1 with the interval 2.1–4.2")
	}
	if page := renderHTML(t, methodExampleDepartment(t, "nl")); !strings.Contains(page, "Totaalscore 3,1 (90%-interval 2,1–4,2).") {
		t.Error("the Dutch report of the example does not show 3,1 with the interval 2,1–4,2")
	}
}

// TestTexts: every fixed text exists in Dutch and English with the same
// placeholders in the same order, so that no report prints a %!.
func TestTexts(t *testing.T) {
	var texts map[string]map[string]string
	if err := yaml.Unmarshal(reports.Texts, &texts); err != nil {
		t.Fatal(err)
	}
	verbs := func(s string) string {
		var out []string
		for i := 0; i < len(s)-1; i++ {
			switch {
			case s[i] == '%' && s[i+1] == '%':
				i++
			case s[i] == '%' && s[i+1] >= 'a' && s[i+1] <= 'z':
				out = append(out, s[i:i+2])
				i++
			}
		}
		return strings.Join(out, " ")
	}
	for key, byLang := range texts {
		nl, en := byLang["nl"], byLang["en"]
		if nl == "" || en == "" || len(byLang) != 2 {
			t.Errorf("%s: want exactly nl and en, got %v", key, byLang)
			continue
		}
		if verbs(nl) != verbs(en) {
			t.Errorf("%s: placeholders differ: nl %q, en %q", key, verbs(nl), verbs(en))
		}
	}
	for _, lang := range []string{"nl", "en"} {
		for _, in := range []report.Department{department(defaultQuestionnaire(t), lang, 6, 0), minimumsDepartment(t, minimumsQuestionnaire(t), lang), methodExampleDepartment(t, lang), department(defaultQuestionnaire(t), lang, 1, 0)} {
			page := renderHTML(t, in)
			for _, bad := range []string{"%!", "%%", "%s", "%d"} {
				if strings.Contains(page, bad) {
					i := strings.Index(page, bad)
					t.Errorf("%s: the page has %q: …%s…", lang, bad, page[max(0, i-80):min(len(page), i+40)])
				}
			}
		}
	}
}
