package scoring_test

import (
	"math"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
)

// opts is five anchored options, enough for a test questionnaire.
const opts = `options: [{nl: a, en: a}, {nl: b, en: b}, {nl: c, en: c}, {nl: d, en: d}, {nl: e, en: e}]`

// exampleYAML is the questionnaire of the README's worked example: two
// stages, one governance and one readiness dimension.
const exampleYAML = `
id: example
version: 1
title: {nl: Voorbeeld, en: Example}
groups:
  - id: ascendancy
    kind: stages
    name: {nl: Analyse, en: Analytics}
    dimensions:
      - id: descriptive
        name: {nl: Beschrijvend, en: Descriptive}
        recommendations: {1: {nl: r, en: r}, 2: {nl: r, en: r}, 3: {nl: r, en: r}, 4: {nl: r, en: r}}
        questions:
          - {id: d1, text: {nl: v, en: q}, ` + opts + `}
          - {id: d2, text: {nl: v, en: q}, ` + opts + `}
      - id: diagnostic
        name: {nl: Diagnostisch, en: Diagnostic}
        questions:
          - {id: x1, text: {nl: v, en: q}, ` + opts + `}
  - id: governance
    kind: governance
    name: {nl: Governance, en: Governance}
    dimensions:
      - id: quality
        name: {nl: Kwaliteit, en: Quality}
        questions:
          - {id: q1, weight: 2, text: {nl: v, en: q}, ` + opts + `}
          - {id: q2, text: {nl: v, en: q}, ` + opts + `}
  - id: readiness
    kind: readiness
    name: {nl: Paraatheid, en: Readiness}
    dimensions:
      - id: skills
        name: {nl: Vaardigheden, en: Skills}
        questions:
          - {id: k1, text: {nl: v, en: q}, ` + opts + `}
`

func parse(t testing.TB, src string) *questionnaire.Questionnaire {
	t.Helper()
	q, err := questionnaire.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatalf("test questionnaire: %v", err)
	}
	return q
}

const (
	dk = scoring.DontKnow
	na = scoring.NotApplicable
)

// answers builds answers from question → one value per respondent A, B, C, …
func answers(byQuestion map[string][]scoring.Value) []scoring.Answer {
	var out []scoring.Answer
	for qid, vs := range byQuestion {
		for i, v := range vs {
			out = append(out, scoring.Answer{Respondent: string(rune('A' + i)), Question: qid, Value: v})
		}
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func checkScore(t *testing.T, what string, got *float64, want float64) {
	t.Helper()
	if got == nil {
		t.Errorf("%s = none; want %.6f", what, want)
	} else if !near(*got, want) {
		t.Errorf("%s = %.6f; want %.6f", what, *got, want)
	}
}

func dimension(r scoring.Result, id string) scoring.DimensionResult {
	for _, d := range r.Dimensions {
		if d.ID == id {
			return d
		}
	}
	panic("no dimension " + id)
}

func question(r scoring.Result, id string) scoring.QuestionResult {
	for _, x := range r.Questions {
		if x.ID == id {
			return x
		}
	}
	panic("no question " + id)
}

func group(r scoring.Result, id string) scoring.GroupResult {
	for _, g := range r.Groups {
		if g.ID == id {
			return g
		}
	}
	panic("no group " + id)
}

// TestScore_WorkedExample is the README's worked example, figure by figure.
func TestScore_WorkedExample(t *testing.T) {
	q := parse(t, exampleYAML)
	r := scoring.Score(q, scoring.Input{
		Answers: answers(map[string][]scoring.Value{
			"d1": {3, 2, dk},
			"d2": {2, 3, 3},
			"x1": {0, 2, 1},
			"q1": {0, 1, na},
			"q2": {1, 0, 0},
			"k1": {4, 3, 4},
		}),
		AssessmentTargets: map[string]int{"diagnostic": 3},
		DepartmentTargets: map[string]int{"quality": 3, "diagnostic": 5},
	})
	if r.Respondents != 3 {
		t.Errorf("respondents = %d; want 3", r.Respondents)
	}

	// d1: scored 3 and 2 (C does not know): mean 2.5, median 2.5, spread 1.
	d1 := question(r, "d1")
	checkScore(t, "d1 mean", d1.Score, 2.5)
	checkScore(t, "d1 median", d1.Median, 2.5)
	if *d1.Min != 2 || *d1.Max != 3 || *d1.Spread != 1 || d1.N != 2 || d1.DontKnow != 1 || d1.NotApplicable != 0 || d1.Flagged || d1.Counts != [5]int{0, 0, 1, 1, 0} {
		t.Errorf("d1 = %+v", d1)
	}
	// d2: 2, 3, 3: mean 8/3, median 3.
	checkScore(t, "d2 mean", question(r, "d2").Score, 8.0/3)
	checkScore(t, "d2 median", question(r, "d2").Median, 3)
	// x1: 0, 2, 1: mean 1, spread 2 ≥ 2 → flagged for discussion.
	x1 := question(r, "x1")
	checkScore(t, "x1 mean", x1.Score, 1)
	if *x1.Spread != 2 || !x1.Flagged {
		t.Errorf("x1 spread %d flagged %v; want 2, true", *x1.Spread, x1.Flagged)
	}
	// q1: 0, 1, n/a: mean 0.5. q2: 1, 0, 0: mean 1/3, spread 1 → not flagged.
	checkScore(t, "q1 mean", question(r, "q1").Score, 0.5)
	if q1 := question(r, "q1"); q1.NotApplicable != 1 || q1.N != 2 {
		t.Errorf("q1 = %+v", q1)
	}
	checkScore(t, "q2 mean", question(r, "q2").Score, 1.0/3)
	if question(r, "q2").Flagged {
		t.Errorf("q2 flagged with spread 1")
	}

	// descriptive = (2.5 + 8/3) / 2 = 31/12 ≈ 2.583 → level 1 + round(2.583) = 4.
	desc := dimension(r, "descriptive")
	checkScore(t, "descriptive", desc.Score, 31.0/12)
	if desc.Level != 4 || desc.Target != 4 || desc.TargetSource != scoring.TargetFromDefault || desc.Gap != 0 {
		t.Errorf("descriptive = %+v", desc)
	}
	// Respondents A, B (d1) and C (d2) scored here; 1 don't-know of 6 answers
	// (17%) → medium confidence.
	if desc.Answered != 5 || desc.DontKnow != 1 || desc.Respondents != 3 || desc.Confidence != scoring.ConfidenceMedium {
		t.Errorf("descriptive evidence = %+v", desc)
	}
	// diagnostic = 1 → level 2; the assessment's target 3 wins over the
	// department's 5: gap 1.
	diag := dimension(r, "diagnostic")
	checkScore(t, "diagnostic", diag.Score, 1)
	if diag.Level != 2 || diag.Target != 3 || diag.TargetSource != scoring.TargetFromAssessment || diag.Gap != 1 {
		t.Errorf("diagnostic = %+v", diag)
	}
	// quality = (2 × 0.5 + 1 × 1/3) / 3 = 4/9 ≈ 0.444 → level 1; department
	// target 3: gap 2.
	qual := dimension(r, "quality")
	checkScore(t, "quality", qual.Score, 4.0/9)
	if qual.Level != 1 || qual.Target != 3 || qual.TargetSource != scoring.TargetFromDepartment || qual.Gap != 2 || qual.NotApplicable != 1 {
		t.Errorf("quality = %+v", qual)
	}
	// skills = 11/3 ≈ 3.667 → level 5.
	checkScore(t, "skills", dimension(r, "skills").Score, 11.0/3)

	// Groups: the mean of their dimensions.
	checkScore(t, "ascendancy", group(r, "ascendancy").Score, (31.0/12+1)/2)
	if g := group(r, "governance"); g.Level != 1 || g.Kind != "governance" {
		t.Errorf("governance = %+v; want level 1", g)
	}
	if g := group(r, "readiness"); g.Level != 5 {
		t.Errorf("readiness = %+v; want level 5", g)
	}

	// Overall = (31/12 + 1 + 4/9 + 11/3) / 4 = 277/144 ≈ 1.924 → level 3, but
	// governance is at level 1, so the level is capped at 1 + 1 = 2.
	checkScore(t, "overall", r.Overall.Score, 277.0/144)
	o := r.Overall
	if o.UncappedLevel != 3 || o.Cap != 2 || o.Level != 2 || !o.Capped || strings.Join(o.CappedBy, ",") != "governance" {
		t.Errorf("overall = %+v; want level 3 capped to 2 by governance", o)
	}

	// Descriptive (2.58) meets the stage threshold 2.0; diagnostic (1.0) does not.
	s := r.Stage
	if !s.Applicable || s.Reached != "descriptive" || s.ReachedIndex != 1 || s.BlockedBy != "diagnostic" || len(s.Steps) != 2 || !s.Steps[0].Met || s.Steps[1].Met {
		t.Errorf("stage = %+v", s)
	}

	// Recommendations: quality (gap 2 × weight 1) before diagnostic (1 × 1).
	want := []scoring.Recommendation{
		{Dimension: "quality", Level: 1, Gap: 2, Priority: 2},
		{Dimension: "diagnostic", Level: 2, Gap: 1, Priority: 1},
	}
	if len(r.Recommendations) != len(want) {
		t.Fatalf("recommendations = %+v; want %+v", r.Recommendations, want)
	}
	for i := range want {
		if r.Recommendations[i] != want[i] {
			t.Errorf("recommendation %d = %+v; want %+v", i, r.Recommendations[i], want[i])
		}
	}
}

func TestLevel(t *testing.T) {
	for _, c := range []struct {
		score float64
		want  int
	}{
		{0, 1}, {0.49, 1}, {0.5, 2}, {1.49, 2}, {1.5, 3}, {2, 3}, {2.4999, 3},
		{2.5, 4}, {3.4999, 4}, {3.5, 5}, {4, 5},
		// 2.5 reached through floating-point arithmetic still rounds up.
		{0.1*3 + 2.2, 4}, {7.5 / 3, 4},
	} {
		if got := scoring.Level(c.score); got != c.want {
			t.Errorf("Level(%v) = %d; want %d", c.score, got, c.want)
		}
	}
}

func TestConfidenceOf(t *testing.T) {
	for _, c := range []struct {
		respondents, answered, dontKnow int
		want                            scoring.Confidence
	}{
		{0, 0, 3, scoring.ConfidenceNone},
		{1, 3, 3, scoring.ConfidenceLow},      // one person, half don't know
		{2, 6, 0, scoring.ConfidenceLow},      // too few people
		{3, 6, 4, scoring.ConfidenceMedium},   // 40% don't know: still medium
		{3, 6, 5, scoring.ConfidenceLow},      // 45%
		{12, 36, 0, scoring.ConfidenceHigh},   // twelve people, all sure
		{6, 8, 2, scoring.ConfidenceHigh},     // 20%: still high
		{12, 20, 6, scoring.ConfidenceMedium}, // 23%: medium
	} {
		if got := scoring.ConfidenceOf(c.respondents, c.answered, c.dontKnow); got != c.want {
			t.Errorf("ConfidenceOf(%d, %d, %d) = %s; want %s", c.respondents, c.answered, c.dontKnow, got, c.want)
		}
	}
}

func TestScore_NoAnswers(t *testing.T) {
	r := scoring.Score(parse(t, exampleYAML), scoring.Input{})
	if r.Respondents != 0 || r.Overall.Score != nil || r.Overall.Level != 0 || r.Overall.Capped || r.Overall.Cap != 0 {
		t.Errorf("overall = %+v", r.Overall)
	}
	for _, d := range r.Dimensions {
		if d.Score != nil || d.Level != 0 || d.Gap != 0 || d.Confidence != scoring.ConfidenceNone {
			t.Errorf("dimension %s = %+v; want no score", d.ID, d)
		}
	}
	if r.Stage.Reached != "" || r.Stage.BlockedBy != "descriptive" {
		t.Errorf("stage = %+v; want none reached, blocked by descriptive", r.Stage)
	}
	if len(r.Recommendations) != 0 {
		t.Errorf("recommendations without scores: %+v", r.Recommendations)
	}
}

// TestScore_DontKnowIsNotZero: one respondent who does not know anything has
// no score at all, not a zero.
func TestScore_DontKnowIsNotZero(t *testing.T) {
	r := scoring.Score(parse(t, exampleYAML), scoring.Input{Answers: answers(map[string][]scoring.Value{
		"d1": {dk}, "d2": {dk}, "x1": {na}, "k1": {2},
	})})
	d := dimension(r, "descriptive")
	if d.Score != nil || d.DontKnow != 2 || d.Answered != 0 || d.Confidence != scoring.ConfidenceNone {
		t.Errorf("descriptive = %+v; want no score, 2 don't know", d)
	}
	if x := question(r, "x1"); x.Score != nil || x.NotApplicable != 1 || x.Min != nil {
		t.Errorf("x1 = %+v", x)
	}
	// Only skills is scored: overall = 2 → level 3. Governance has no score,
	// so it cannot cap; readiness (level 3) caps at 4, which does not bite.
	checkScore(t, "overall", r.Overall.Score, 2)
	if r.Overall.Level != 3 || r.Overall.Cap != 4 || r.Overall.Capped {
		t.Errorf("overall = %+v", r.Overall)
	}
	if r.Respondents != 1 {
		t.Errorf("respondents = %d; want 1", r.Respondents)
	}
}

func TestScore_StageAtThreshold(t *testing.T) {
	q := parse(t, exampleYAML)
	// descriptive: (2 + 2) / 2 = 2.0, exactly the threshold: reached.
	// diagnostic: 2.0 as well: both reached, nothing blocks.
	r := scoring.Score(q, scoring.Input{Answers: answers(map[string][]scoring.Value{
		"d1": {1, 3}, "d2": {2, 2}, "x1": {2, 2},
	})})
	if r.Stage.Reached != "diagnostic" || r.Stage.ReachedIndex != 2 || r.Stage.BlockedBy != "" {
		t.Errorf("stage = %+v; want diagnostic reached, no blocker", r.Stage)
	}
	// Median of an even count is the mean of the middle two: (1 + 3) / 2.
	checkScore(t, "d1 median", question(r, "d1").Median, 2)
	// Just under the threshold: not reached.
	r = scoring.Score(q, scoring.Input{Answers: answers(map[string][]scoring.Value{
		"d1": {1, 2, 3}, "d2": {2, 2, 1}, "x1": {4, 4, 4},
	})})
	// descriptive = (2 + 5/3) / 2 = 11/6 ≈ 1.833 < 2.
	if r.Stage.Reached != "" || r.Stage.BlockedBy != "descriptive" {
		t.Errorf("stage = %+v; want blocked by descriptive", r.Stage)
	}
	// A brilliant diagnostic stage does not count while descriptive blocks.
	if !r.Stage.Steps[1].Met || r.Stage.ReachedIndex != 0 {
		t.Errorf("steps = %+v", r.Stage.Steps)
	}
}

func TestScore_Weights(t *testing.T) {
	src := strings.Replace(exampleYAML, "      - id: skills\n", "      - id: skills\n        weight: 3\n", 1)
	q := parse(t, src)
	r := scoring.Score(q, scoring.Input{Answers: answers(map[string][]scoring.Value{
		"d1": {4}, "d2": {4}, "x1": {4}, "q1": {0}, "q2": {3}, "k1": {1},
	})})
	// quality = (2 × 0 + 1 × 3) / 3 = 1 (question weights).
	checkScore(t, "quality", dimension(r, "quality").Score, 1)
	// overall = (4 + 4 + 1 + 3 × 1) / (1 + 1 + 1 + 3) = 12/6 = 2 (dimension weights).
	checkScore(t, "overall", r.Overall.Score, 2)
	// readiness holds only skills: its weight does not change its own mean.
	checkScore(t, "readiness", group(r, "readiness").Score, 1)
	// Gaps to the default target 4: quality 4−2 = 2 (× 1), skills 4−2 = 2 (× 3).
	if len(r.Recommendations) != 2 || r.Recommendations[0].Dimension != "skills" || r.Recommendations[0].Priority != 6 || r.Recommendations[1].Dimension != "quality" {
		t.Errorf("recommendations = %+v; want skills (6) before quality (2)", r.Recommendations)
	}
}

func TestScore_CapTiesAndOff(t *testing.T) {
	in := scoring.Input{Answers: answers(map[string][]scoring.Value{
		"d1": {4}, "d2": {4}, "x1": {4}, "q1": {0}, "q2": {0}, "k1": {0},
	})}
	// overall = (4 + 4 + 0 + 0) / 4 = 2 → level 3; both foundations at
	// level 1 → cap 2, caused by both.
	r := scoring.Score(parse(t, exampleYAML), in)
	if r.Overall.Level != 2 || !r.Overall.Capped || strings.Join(r.Overall.CappedBy, ",") != "governance,readiness" {
		t.Errorf("overall = %+v; want capped to 2 by governance and readiness", r.Overall)
	}
	off := strings.Replace(exampleYAML, "groups:", "rules: {foundation_cap: false}\ngroups:", 1)
	r = scoring.Score(parse(t, off), in)
	if r.Overall.Level != 3 || r.Overall.Capped || r.Overall.Cap != 0 {
		t.Errorf("overall with the cap off = %+v; want level 3", r.Overall)
	}
}

func TestScore_TieOrderAndReplacedAnswers(t *testing.T) {
	q := parse(t, exampleYAML)
	r := scoring.Score(q, scoring.Input{Answers: []scoring.Answer{
		{Respondent: "A", Question: "d1", Value: 4}, // replaced below
		{Respondent: "A", Question: "d1", Value: 1},
		{Respondent: "A", Question: "d2", Value: 1},
		{Respondent: "A", Question: "x1", Value: 1},
		{Respondent: "A", Question: "nope", Value: 4}, // unknown question: ignored
		{Respondent: "Z", Question: "nope", Value: 4},
		{Respondent: "A", Question: "k1", Value: 9}, // not a value: ignored
	}})
	if r.Respondents != 1 {
		t.Errorf("respondents = %d; want 1 (Z answered nothing known)", r.Respondents)
	}
	checkScore(t, "d1", question(r, "d1").Score, 1)
	// descriptive and diagnostic both at level 2, gap 2: questionnaire order.
	if len(r.Recommendations) != 2 || r.Recommendations[0].Dimension != "descriptive" || r.Recommendations[1].Dimension != "diagnostic" {
		t.Errorf("recommendations = %+v", r.Recommendations)
	}
}

// TestScore_NoStagesNoFoundations: a model without a stages group has no
// stage result and one without foundation groups has no cap.
func TestScore_NoStagesNoFoundations(t *testing.T) {
	src := `
id: plain
version: 1
languages: [en]
title: Plain
groups:
  - id: all
    name: All
    dimensions:
      - id: one
        name: One
        questions:
          - {id: a, text: A, options: [a, b, c, d, e]}
`
	r := scoring.Score(parse(t, src), scoring.Input{Answers: answers(map[string][]scoring.Value{"a": {4, 4}})})
	if r.Stage.Applicable || r.Stage.Reached != "" || r.Stage.BlockedBy != "" {
		t.Errorf("stage = %+v; want not applicable", r.Stage)
	}
	if r.Overall.Level != 5 || r.Overall.Cap != 0 || r.Overall.Capped {
		t.Errorf("overall = %+v; want level 5, no cap", r.Overall)
	}
}

// TestScore_Revote: the scores use the latest vote; each re-voted question
// shows its first vote beside the final answers, and a respondent who did
// not vote again keeps their first vote.
func TestScore_Revote(t *testing.T) {
	q := parse(t, exampleYAML)
	in := scoring.Input{
		Answers: []scoring.Answer{
			{Respondent: "a", Question: "d1", Value: 2}, {Respondent: "b", Question: "d1", Value: 3},
			{Respondent: "c", Question: "d1", Value: 4}, {Respondent: "a", Question: "d2", Value: 1},
		},
		Revote:     []string{"d1", "unknown"},
		FirstVotes: []scoring.Answer{{Respondent: "a", Question: "d1", Value: 0}, {Respondent: "b", Question: "d1", Value: 4}, {Respondent: "c", Question: "d1", Value: 4}},
	}
	r := scoring.Score(q, in)
	if len(r.Revotes) != 1 || r.Revotes[0].Question != "d1" {
		t.Fatalf("revotes = %+v; want d1 alone (an unknown question is left out)", r.Revotes)
	}
	before, after := r.Revotes[0].Before, r.Revotes[0].After
	if *before.Spread != 4 || !before.Flagged || before.Counts != [5]int{1, 0, 0, 0, 2} {
		t.Errorf("before: spread %d, flagged %v, counts %v; want 4, true, [1 0 0 0 2]", *before.Spread, before.Flagged, before.Counts)
	}
	if *after.Spread != 2 || after.Counts != [5]int{0, 0, 1, 1, 1} {
		t.Errorf("after: spread %d, counts %v; want 2, [0 0 1 1 1]", *after.Spread, after.Counts)
	}
	checkScore(t, "d1 after the re-vote", question(r, "d1").Score, 3)
	checkScore(t, "d1 first vote", before.Score, 8.0/3)
	if len(scoring.Score(q, scoring.Input{Answers: in.Answers}).Revotes) != 0 {
		t.Error("revotes without a re-vote")
	}
}
