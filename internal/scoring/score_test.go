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
			"d1": {4, 3, dk},
			"d2": {3, 4, 4},
			"x1": {1, 3, 2},
			"q1": {1, 2, na},
			"q2": {2, 1, 1},
			"k1": {5, 5, 5},
		}),
		AssessmentTargets: map[string]int{"diagnostic": 3},
		DepartmentTargets: map[string]int{"quality": 3, "diagnostic": 5},
	})
	if r.Respondents != 3 {
		t.Errorf("respondents = %d; want 3", r.Respondents)
	}

	// d1: levels 4 and 3 (C does not know): mean 3.5, median 3.5, spread 1.
	d1 := question(r, "d1")
	checkScore(t, "d1 mean", d1.Score, 3.5)
	checkScore(t, "d1 median", d1.Median, 3.5)
	if *d1.Min != 3 || *d1.Max != 4 || *d1.Spread != 1 || d1.N != 2 || d1.DontKnow != 1 || d1.NotApplicable != 0 || d1.Flagged || d1.Counts != [5]int{0, 0, 1, 1, 0} {
		t.Errorf("d1 = %+v", d1)
	}
	// d2: 3, 4, 4: mean 11/3, median 4.
	checkScore(t, "d2 mean", question(r, "d2").Score, 11.0/3)
	checkScore(t, "d2 median", question(r, "d2").Median, 4)
	// x1: 1, 3, 2: mean 2, spread 2 ≥ 2 → flagged for discussion.
	x1 := question(r, "x1")
	checkScore(t, "x1 mean", x1.Score, 2)
	if *x1.Spread != 2 || !x1.Flagged {
		t.Errorf("x1 spread %d flagged %v; want 2, true", *x1.Spread, x1.Flagged)
	}
	// q1: 1, 2, n/a: mean 1.5. q2: 2, 1, 1: mean 4/3, spread 1 → not flagged.
	checkScore(t, "q1 mean", question(r, "q1").Score, 1.5)
	if q1 := question(r, "q1"); q1.NotApplicable != 1 || q1.N != 2 {
		t.Errorf("q1 = %+v", q1)
	}
	checkScore(t, "q2 mean", question(r, "q2").Score, 4.0/3)
	if question(r, "q2").Flagged {
		t.Errorf("q2 flagged with spread 1")
	}

	// descriptive = (3.5 + 11/3) / 2 = 43/12 ≈ 3.58 → level 3; default
	// target 4: gap 1.
	desc := dimension(r, "descriptive")
	checkScore(t, "descriptive", desc.Score, 43.0/12)
	if desc.Level != 3 || desc.Target != 4 || desc.TargetSource != scoring.TargetFromDefault || desc.Gap != 1 {
		t.Errorf("descriptive = %+v", desc)
	}
	// The respondents' own descriptive scores: A (4 + 3)/2 = 3.5, B 3.5, C
	// 4 (d2 only). Their standard deviation is √(1/12), so h = t(0.95; 2) ·
	// √(1/12) / √3 = 2.919986 / 6 ≈ 0.487. One don't-know of six answers
	// (17%), three respondents, h ≤ 1 → medium.
	tDF2 := 2.919986
	checkNear(t, "descriptive h", desc.HalfWidth, tDF2/6, 1e-6)
	if desc.Interval == nil || !nearTo(desc.Interval.Low, 43.0/12-tDF2/6, 1e-6) || !nearTo(desc.Interval.High, 43.0/12+tDF2/6, 1e-6) {
		t.Errorf("descriptive interval = %+v", desc.Interval)
	}
	if desc.Answered != 5 || desc.DontKnow != 1 || desc.Respondents != 3 || !near(desc.DontKnowShare, 1.0/6) || desc.Confidence != scoring.ConfidenceMedium {
		t.Errorf("descriptive evidence = %+v", desc)
	}
	// diagnostic = 2 → level 2; the assessment's target 3 wins over the
	// department's 5: gap 1.
	diag := dimension(r, "diagnostic")
	checkScore(t, "diagnostic", diag.Score, 2)
	if diag.Level != 2 || diag.Target != 3 || diag.TargetSource != scoring.TargetFromAssessment || diag.Gap != 1 {
		t.Errorf("diagnostic = %+v", diag)
	}
	// quality = (2 × 1.5 + 1 × 4/3) / 3 = 13/9 ≈ 1.44 → level 1; department
	// target 3: gap 2.
	qual := dimension(r, "quality")
	checkScore(t, "quality", qual.Score, 13.0/9)
	if qual.Level != 1 || qual.Target != 3 || qual.TargetSource != scoring.TargetFromDepartment || qual.Gap != 2 || qual.NotApplicable != 1 {
		t.Errorf("quality = %+v", qual)
	}
	// skills = 5 → level 5; everyone agrees, so the interval has width 0.
	skills := dimension(r, "skills")
	checkScore(t, "skills", skills.Score, 5)
	checkNear(t, "skills h", skills.HalfWidth, 0, 1e-12)

	// Groups: the mean of their dimensions.
	checkScore(t, "ascendancy", group(r, "ascendancy").Score, (43.0/12+2)/2)
	if g := group(r, "governance"); g.Level != 1 || g.Kind != "governance" {
		t.Errorf("governance = %+v; want level 1", g)
	}
	if g := group(r, "readiness"); g.Level != 5 {
		t.Errorf("readiness = %+v; want level 5", g)
	}

	// Overall = (43/12 + 2 + 13/9 + 5) / 4 = 433/144 ≈ 3.007 → level 3, but
	// governance is at level 1, so the level is capped at 1 + 1 = 2.
	checkScore(t, "overall", r.Overall.Score, 433.0/144)
	o := r.Overall
	if o.UncappedLevel != 3 || o.Cap != 2 || o.Level != 2 || !o.Capped || strings.Join(o.CappedBy, ",") != "governance" || o.MinimumCap != 0 || o.MinimumCapped {
		t.Errorf("overall = %+v; want level 3 capped to 2 by governance", o)
	}
	// The respondents' own overall scores (mean of their dimension scores):
	// A (3.5 + 1 + 4/3 + 5)/4 = 65/24, B (3.5 + 3 + 5/3 + 5)/4 = 79/24, C
	// (4 + 2 + 1 + 5)/4 = 3. Their mean is 3 and their standard deviation
	// 7/24, so h = 2.919986 · (7/24) / √3 ≈ 0.492. One don't-know among 17
	// answers.
	hOverall := tDF2 * 7.0 / 24 / math.Sqrt(3)
	checkNear(t, "overall h", o.HalfWidth, hOverall, 1e-6)
	if o.Interval == nil || !nearTo(o.Interval.Low, 433.0/144-hOverall, 1e-6) || !nearTo(o.Interval.High, 433.0/144+hOverall, 1e-6) {
		t.Errorf("overall interval = %+v", o.Interval)
	}
	if o.Respondents != 3 || !near(o.DontKnowShare, 1.0/17) || o.Confidence != scoring.ConfidenceMedium || o.Change != nil {
		t.Errorf("overall estimate = %+v", o.Estimate)
	}

	// Descriptive (3.58) reaches the stage level 3; diagnostic (2.0) does not.
	s := r.Stage
	if !s.Applicable || s.Reached != "descriptive" || s.ReachedIndex != 1 || s.BlockedBy != "diagnostic" || len(s.Steps) != 2 || !s.Steps[0].Met || s.Steps[1].Met || s.StageLevel != 3 {
		t.Errorf("stage = %+v", s)
	}

	// What to do first: the stage blocker diagnostic; then quality, the
	// weakest dimension of the capping governance group; then descriptive
	// by its gap. Skills has no gap.
	checkRecommendations(t, r, []scoring.Recommendation{
		{Kind: scoring.FromStage, Dimension: "diagnostic", Level: 2, Gap: 1, Priority: 1},
		{Kind: scoring.FromFoundation, Dimension: "quality", Level: 1, Gap: 2, Priority: 2},
		{Kind: scoring.FromGap, Dimension: "descriptive", Level: 3, Gap: 1, Priority: 1},
	})
	if len(r.Minimums) != 0 {
		t.Errorf("minimums = %+v; the example declares none", r.Minimums)
	}

	// Change against an earlier round that scored 2.0 with h = 0.6: Δ ≈
	// 1.007 beyond the margin √(0.492² + 0.6²) ≈ 0.776; with h = 0.9 the
	// margin is 1.026 and the change stays within it.
	for _, c := range []struct {
		h, margin float64
		want      scoring.Direction
	}{{0.6, 0.7757, scoring.Improvement}, {0.9, 1.0256, scoring.Unchanged}} {
		earlier := scoring.Result{Overall: scoring.Overall{Score: ptr(2), Estimate: scoring.Estimate{HalfWidth: ptr(c.h)}}}
		now := r
		scoring.Compare(&now, earlier, 1, "earlier")
		ch := now.Overall.Change
		if ch == nil || !nearTo(ch.Delta, 433.0/144-2, 1e-9) || ch.Direction != c.want {
			t.Errorf("change against h = %v: %+v; want %s", c.h, ch, c.want)
		} else {
			checkNear(t, "margin", ch.Margin, c.margin, 1e-4)
		}
	}
}

func checkNear(t *testing.T, what string, got *float64, want, tol float64) {
	t.Helper()
	if got == nil {
		t.Errorf("%s = none; want %.6f", what, want)
	} else if !nearTo(*got, want, tol) {
		t.Errorf("%s = %.9f; want %.9f", what, *got, want)
	}
}

func nearTo(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func checkRecommendations(t *testing.T, r scoring.Result, want []scoring.Recommendation) {
	t.Helper()
	if len(r.Recommendations) != len(want) {
		t.Fatalf("recommendations = %+v;\nwant %+v", r.Recommendations, want)
	}
	for i := range want {
		if r.Recommendations[i] != want[i] {
			t.Errorf("recommendation %d = %+v; want %+v", i+1, r.Recommendations[i], want[i])
		}
	}
}

func TestLevel(t *testing.T) {
	for _, c := range []struct {
		score float64
		want  int
	}{
		{1, 1}, {1.9999, 1}, {2, 2}, {2.5, 2}, {2.9, 2}, {2.9999, 2}, {3, 3},
		{3.5, 3}, {4.99, 4}, {5, 5},
		// 3.0 reached through floating-point arithmetic is level 3.
		{0.1*3 + 2.7, 3}, {9.0 / 3, 3}, {2.9999999999, 3},
		// Outside the scale: clamped.
		{0.5, 1}, {5.5, 5},
	} {
		if got := scoring.Level(c.score); got != c.want {
			t.Errorf("Level(%v) = %d; want %d", c.score, got, c.want)
		}
	}
}

// TestStudentT95 checks the t factor against the published table of the
// 0.95 quantile of Student's t.
func TestStudentT95(t *testing.T) {
	for df, want := range map[int]float64{1: 6.313752, 2: 2.919986, 3: 2.353363, 4: 2.131847, 5: 2.015048, 9: 1.833113, 10: 1.812461, 29: 1.699127, 30: 1.697261, 100: 1.660234, 1000: 1.646379} {
		if got := scoring.StudentT95(df); !nearTo(got, want, 5e-7) {
			t.Errorf("t(0.95; %d) = %.7f; want %.6f", df, got, want)
		}
	}
	if !math.IsNaN(scoring.StudentT95(0)) {
		t.Error("t(0.95; 0) is a number")
	}
}

func TestConfidenceOf(t *testing.T) {
	h := func(x float64) *float64 { return &x }
	for _, c := range []struct {
		scored      bool
		respondents int
		halfWidth   *float64
		dkShare     float64
		want        scoring.Confidence
	}{
		{false, 0, nil, 1, scoring.ConfidenceNone},
		{true, 1, nil, 0, scoring.ConfidenceLow},         // one person: no interval
		{true, 2, h(0.2), 0, scoring.ConfidenceLow},      // too few people
		{true, 3, h(1.0), 0.4, scoring.ConfidenceMedium}, // on every medium bound
		{true, 3, h(1.01), 0, scoring.ConfidenceLow},     // interval too wide
		{true, 3, h(0.5), 0.45, scoring.ConfidenceLow},   // too much don't know
		{true, 4, h(0.1), 0, scoring.ConfidenceMedium},   // four: not high
		{true, 5, h(0.5), 0.2, scoring.ConfidenceHigh},   // on every high bound
		{true, 6, h(0.51), 0, scoring.ConfidenceMedium},  // six people, ±0.51
		{true, 12, h(0.3), 0.23, scoring.ConfidenceMedium},
		{true, 30, h(1.2), 0, scoring.ConfidenceLow}, // many people who disagree
	} {
		if got := scoring.ConfidenceOf(c.scored, c.respondents, c.halfWidth, c.dkShare); got != c.want {
			t.Errorf("ConfidenceOf(%v, %d, %v, %v) = %s; want %s", c.scored, c.respondents, c.halfWidth, c.dkShare, got, c.want)
		}
	}
}

func TestScore_NoAnswers(t *testing.T) {
	r := scoring.Score(parse(t, exampleYAML), scoring.Input{})
	if r.Respondents != 0 || r.Overall.Score != nil || r.Overall.Level != 0 || r.Overall.Capped || r.Overall.Cap != 0 || r.Overall.Confidence != scoring.ConfidenceNone || r.Overall.Interval != nil {
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

// TestScore_DontKnowIsNotScored: one respondent who does not know anything
// has no score at all, not a level 1.
func TestScore_DontKnowIsNotScored(t *testing.T) {
	r := scoring.Score(parse(t, exampleYAML), scoring.Input{Answers: answers(map[string][]scoring.Value{
		"d1": {dk}, "d2": {dk}, "x1": {na}, "k1": {3},
	})})
	d := dimension(r, "descriptive")
	if d.Score != nil || d.DontKnow != 2 || d.Answered != 0 || d.Confidence != scoring.ConfidenceNone {
		t.Errorf("descriptive = %+v; want no score, 2 don't know", d)
	}
	if x := question(r, "x1"); x.Score != nil || x.NotApplicable != 1 || x.Min != nil {
		t.Errorf("x1 = %+v", x)
	}
	// Only skills is scored: overall = 3 → level 3. Governance has no score,
	// so it cannot cap; readiness (level 3) caps at 4, which does not bite.
	checkScore(t, "overall", r.Overall.Score, 3)
	if r.Overall.Level != 3 || r.Overall.Cap != 4 || r.Overall.Capped {
		t.Errorf("overall = %+v", r.Overall)
	}
	// One respondent: no interval, low confidence; 2 don't-know of 3 answers.
	if r.Respondents != 1 || r.Overall.Interval != nil || r.Overall.HalfWidth != nil || r.Overall.Confidence != scoring.ConfidenceLow || !near(r.Overall.DontKnowShare, 2.0/3) {
		t.Errorf("respondents = %d, overall = %+v", r.Respondents, r.Overall)
	}
}

func TestScore_StageLevel(t *testing.T) {
	q := parse(t, exampleYAML)
	// descriptive: (3 + 3) / 2 = 3.0, exactly the stage level: reached.
	// diagnostic: 3.0 as well: both reached, nothing blocks.
	r := scoring.Score(q, scoring.Input{Answers: answers(map[string][]scoring.Value{
		"d1": {2, 4}, "d2": {3, 3}, "x1": {3, 3},
	})})
	if r.Stage.Reached != "diagnostic" || r.Stage.ReachedIndex != 2 || r.Stage.BlockedBy != "" {
		t.Errorf("stage = %+v; want diagnostic reached, no blocker", r.Stage)
	}
	// Median of an even count is the mean of the middle two: (2 + 4) / 2.
	checkScore(t, "d1 median", question(r, "d1").Median, 3)
	// Just under the stage level: not reached.
	r = scoring.Score(q, scoring.Input{Answers: answers(map[string][]scoring.Value{
		"d1": {2, 3, 4}, "d2": {3, 3, 2}, "x1": {5, 5, 5},
	})})
	// descriptive = (3 + 8/3) / 2 = 17/6 ≈ 2.83 < 3: level 2, "almost 3".
	if r.Stage.Reached != "" || r.Stage.BlockedBy != "descriptive" || dimension(r, "descriptive").Level != 2 {
		t.Errorf("stage = %+v; want blocked by descriptive", r.Stage)
	}
	// A brilliant diagnostic stage does not count while descriptive blocks.
	if !r.Stage.Steps[1].Met || r.Stage.ReachedIndex != 0 {
		t.Errorf("steps = %+v", r.Stage.Steps)
	}
	// A legacy file's stage_threshold 2.0 (on 0–4) is stage level 3.
	legacy := parse(t, strings.Replace(exampleYAML, "groups:", "rules: {stage_threshold: 2.0}\ngroups:", 1))
	if legacy.Rules.StageLevel != 3 {
		t.Errorf("stage_threshold 2.0 reads as stage level %v; want 3", legacy.Rules.StageLevel)
	}
	if got := scoring.Score(legacy, scoring.Input{Answers: answers(map[string][]scoring.Value{"d1": {3}, "d2": {3}, "x1": {2}})}).Stage; got.Reached != "descriptive" || got.BlockedBy != "diagnostic" || got.StageLevel != 3 {
		t.Errorf("legacy stage = %+v", got)
	}
}

func TestScore_Weights(t *testing.T) {
	src := strings.Replace(exampleYAML, "      - id: skills\n", "      - id: skills\n        weight: 3\n", 1)
	q := parse(t, src)
	r := scoring.Score(q, scoring.Input{Answers: answers(map[string][]scoring.Value{
		"d1": {5}, "d2": {5}, "x1": {5}, "q1": {1}, "q2": {4}, "k1": {2},
	})})
	// quality = (2 × 1 + 1 × 4) / 3 = 2 (question weights).
	checkScore(t, "quality", dimension(r, "quality").Score, 2)
	// overall = (5 + 5 + 2 + 3 × 2) / (1 + 1 + 1 + 3) = 18/6 = 3 (dimension weights).
	checkScore(t, "overall", r.Overall.Score, 3)
	// readiness holds only skills: its weight does not change its own mean.
	checkScore(t, "readiness", group(r, "readiness").Score, 2)
	// Both foundations at level 2 cap at 3, which does not bite; every stage
	// is reached. Gaps to the default target 4: skills 2 (× 3), quality 2 (× 1).
	checkRecommendations(t, r, []scoring.Recommendation{
		{Kind: scoring.FromGap, Dimension: "skills", Level: 2, Gap: 2, Priority: 6},
		{Kind: scoring.FromGap, Dimension: "quality", Level: 2, Gap: 2, Priority: 2},
	})
}

func TestScore_CapTiesAndOff(t *testing.T) {
	in := scoring.Input{Answers: answers(map[string][]scoring.Value{
		"d1": {5}, "d2": {5}, "x1": {5}, "q1": {1}, "q2": {1}, "k1": {1},
	})}
	// overall = (5 + 5 + 1 + 1) / 4 = 3 → level 3; both foundations at
	// level 1 → cap 2, caused by both; each gives its weakest dimension.
	r := scoring.Score(parse(t, exampleYAML), in)
	if r.Overall.Level != 2 || !r.Overall.Capped || strings.Join(r.Overall.CappedBy, ",") != "governance,readiness" {
		t.Errorf("overall = %+v; want capped to 2 by governance and readiness", r.Overall)
	}
	checkRecommendations(t, r, []scoring.Recommendation{
		{Kind: scoring.FromFoundation, Dimension: "quality", Level: 1, Gap: 3, Priority: 3},
		{Kind: scoring.FromFoundation, Dimension: "skills", Level: 1, Gap: 3, Priority: 3},
	})
	off := strings.Replace(exampleYAML, "groups:", "rules: {foundation_cap: false}\ngroups:", 1)
	r = scoring.Score(parse(t, off), in)
	if r.Overall.Level != 3 || r.Overall.Capped || r.Overall.Cap != 0 {
		t.Errorf("overall with the cap off = %+v; want level 3", r.Overall)
	}
	if r.Recommendations[0].Kind != scoring.FromGap {
		t.Errorf("recommendations without a cap = %+v; want gaps only", r.Recommendations)
	}
}

func TestScore_TieOrderAndReplacedAnswers(t *testing.T) {
	q := parse(t, exampleYAML)
	r := scoring.Score(q, scoring.Input{Answers: []scoring.Answer{
		{Respondent: "A", Question: "d1", Value: 5}, // replaced below
		{Respondent: "A", Question: "d1", Value: 2},
		{Respondent: "A", Question: "d2", Value: 2},
		{Respondent: "A", Question: "x1", Value: 2},
		{Respondent: "A", Question: "nope", Value: 4}, // unknown question: ignored
		{Respondent: "Z", Question: "nope", Value: 4},
		{Respondent: "A", Question: "k1", Value: 9}, // not a level: ignored
		{Respondent: "A", Question: "q1", Value: 0}, // nor is 0 on the one scale
	}})
	if r.Respondents != 1 {
		t.Errorf("respondents = %d; want 1 (Z answered nothing known)", r.Respondents)
	}
	checkScore(t, "d1", question(r, "d1").Score, 2)
	if question(r, "q1").N != 0 || question(r, "k1").N != 0 {
		t.Errorf("q1 %+v, k1 %+v; want no answer", question(r, "q1"), question(r, "k1"))
	}
	// descriptive and diagnostic both at level 2, gap 2: descriptive blocks
	// the ladder, diagnostic follows by its gap.
	checkRecommendations(t, r, []scoring.Recommendation{
		{Kind: scoring.FromStage, Dimension: "descriptive", Level: 2, Gap: 2, Priority: 2},
		{Kind: scoring.FromGap, Dimension: "diagnostic", Level: 2, Gap: 2, Priority: 2},
	})
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
	r := scoring.Score(parse(t, src), scoring.Input{Answers: answers(map[string][]scoring.Value{"a": {5, 5}})})
	if r.Stage.Applicable || r.Stage.Reached != "" || r.Stage.BlockedBy != "" {
		t.Errorf("stage = %+v; want not applicable", r.Stage)
	}
	if r.Overall.Level != 5 || r.Overall.Cap != 0 || r.Overall.Capped || len(r.Minimums) != 0 || r.Overall.MinimumCap != 0 {
		t.Errorf("overall = %+v; want level 5, no cap", r.Overall)
	}
}

// orderYAML has every kind of step in "what to do first": three stages (the
// last weighted 2), two governance dimensions, readiness, and legal
// minimums on three questions.
const orderYAML = `
id: order
version: 1
languages: [en]
title: Order
groups:
  - id: stages
    kind: stages
    name: Stages
    dimensions:
      - {id: s1, name: S1, questions: [{id: s1q, text: q, options: [a, b, c, d, e]}]}
      - {id: s2, name: S2, questions: [{id: s2q, text: q, options: [a, b, c, d, e]}]}
      - {id: s3, name: S3, weight: 2, questions: [{id: s3q, text: q, options: [a, b, c, d, e]}]}
  - id: governance
    kind: governance
    name: Governance
    dimensions:
      - {id: g1, name: G1, questions: [{id: g1q, text: q, options: [a, b, c, d, e]}]}
      - id: g2
        name: G2
        questions:
          - {id: g2q, text: q, options: [a, b, c, d, e], minimum: {level: 3, basis: "GDPR art. 35", action: "Do a DPIA."}}
  - id: readiness
    kind: readiness
    name: Readiness
    dimensions:
      - id: r1
        name: R1
        weight: 3
        questions:
          - {id: r1q, text: q, options: [a, b, c, d, e], minimum: {level: 2, basis: "BIO", action: "Review access."}}
          - {id: r1u, text: q, options: [a, b, c, d, e], minimum: {level: 4, basis: "Archiefwet", action: "Keep records."}}
`

// TestScore_WhatToDoFirst walks every step of the order: the unmet
// minimum, the stage blocker before a later stage with a larger gap × weight
// (the blocker is what holds the ladder back), the weakest dimension of the
// capping group, then the rest by gap × weight.
func TestScore_WhatToDoFirst(t *testing.T) {
	q := parse(t, orderYAML)
	r := scoring.Score(q, scoring.Input{Answers: answers(map[string][]scoring.Value{
		"s1q": {5}, "s2q": {2}, "s3q": {1}, "g1q": {1}, "g2q": {2}, "r1q": {5},
	})})
	// overall = (5 + 2 + 2 × 1 + 1 + 2 + 3 × 5) / 9 = 27/9 = 3 → level 3.
	// Governance (1 + 2)/2 = 1.5 → level 1 caps at 2; the unmet minimum on
	// g2q (2 < 3) caps at 2 as well: both caps apply.
	checkScore(t, "overall", r.Overall.Score, 3)
	o := r.Overall
	if o.UncappedLevel != 3 || o.Level != 2 || !o.Capped || o.Cap != 2 || strings.Join(o.CappedBy, ",") != "governance" || o.MinimumCap != 2 || !o.MinimumCapped {
		t.Errorf("overall = %+v; want 3 capped to 2 by governance and by a minimum", o)
	}
	// Minimums: g2q unmet (2 < 3), r1q met (5 ≥ 2), r1u unknown (no answer).
	wantMin := []scoring.MinimumResult{
		{Question: "g2q", Dimension: "g2", Level: 3, Status: scoring.MinimumUnmet},
		{Question: "r1q", Dimension: "r1", Level: 2, Status: scoring.MinimumMet},
		{Question: "r1u", Dimension: "r1", Level: 4, Status: scoring.MinimumUnknown},
	}
	if len(r.Minimums) != 3 {
		t.Fatalf("minimums = %+v", r.Minimums)
	}
	for i, w := range wantMin {
		got := r.Minimums[i]
		got.Score = nil
		if got != w {
			t.Errorf("minimum %d = %+v; want %+v", i, r.Minimums[i], w)
		}
	}
	checkScore(t, "g2q minimum score", r.Minimums[0].Score, 2)
	if r.Minimums[2].Score != nil {
		t.Errorf("unknown minimum has a score")
	}
	checkRecommendations(t, r, []scoring.Recommendation{
		{Kind: scoring.FromMinimum, Dimension: "g2", Question: "g2q", Level: 2, Gap: 1, Priority: 1},
		{Kind: scoring.FromStage, Dimension: "s2", Level: 2, Gap: 2, Priority: 2},
		{Kind: scoring.FromFoundation, Dimension: "g1", Level: 1, Gap: 3, Priority: 3},
		{Kind: scoring.FromGap, Dimension: "s3", Level: 1, Gap: 3, Priority: 6},
		{Kind: scoring.FromGap, Dimension: "g2", Level: 2, Gap: 2, Priority: 2},
	})

	// Governance dimensions at the same level: the lower score is weaker.
	r = scoring.Score(q, scoring.Input{Answers: answers(map[string][]scoring.Value{
		"s1q": {5, 5}, "s2q": {5, 5}, "s3q": {5, 5}, "g1q": {1, 2}, "g2q": {1, 1}, "r1q": {5, 5},
	})})
	if !r.Overall.Capped || len(r.Recommendations) < 2 || r.Recommendations[1] != (scoring.Recommendation{Kind: scoring.FromFoundation, Dimension: "g2", Level: 1, Gap: 3, Priority: 3}) {
		t.Errorf("recommendations = %+v; want g2 (1.0) as the weakest before g1 (1.5)", r.Recommendations)
	}
}

// TestScore_MinimumCap: an unmet minimum caps the level at minimum_cap
// whatever the other answers; meeting it, or switching the cap off, lifts
// the cap; an unknown minimum does not cap.
func TestScore_MinimumCap(t *testing.T) {
	good := map[string][]scoring.Value{"s1q": {5}, "s2q": {5}, "s3q": {5}, "g1q": {5}, "r1q": {5}}
	with := func(g2 scoring.Value) []scoring.Answer {
		m := map[string][]scoring.Value{"g2q": {g2}}
		for k, v := range good {
			m[k] = v
		}
		return answers(m)
	}
	for _, c := range []struct {
		name    string
		rules   string
		g2      scoring.Value
		level   int
		capped  bool
		minimum scoring.MinimumStatus
	}{
		{"unmet", "", 2, 2, true, scoring.MinimumUnmet},
		{"met at exactly its level", "", 3, 4, false, scoring.MinimumMet},
		{"unknown", "", dk, 5, false, scoring.MinimumUnknown},
		{"cap at 3", "rules: {minimum_cap: 3}\n", 1, 3, true, scoring.MinimumUnmet},
		{"cap off", "rules: {minimum_cap: false}\n", 1, 4, false, scoring.MinimumUnmet},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := parse(t, strings.Replace(orderYAML, "groups:", c.rules+"groups:", 1))
			r := scoring.Score(q, scoring.Input{Answers: with(c.g2)})
			if r.Overall.Level != c.level || r.Overall.MinimumCapped != c.capped || r.Minimums[0].Status != c.minimum {
				t.Errorf("overall = %+v, g2q minimum %s; want level %d, minimum-capped %v, %s", r.Overall, r.Minimums[0].Status, c.level, c.capped, c.minimum)
			}
		})
	}
}

// TestScore_Anonymity: a question's figures are visible from three scored
// answers, or in a round of one respondent.
func TestScore_Anonymity(t *testing.T) {
	q := parse(t, exampleYAML)
	r := scoring.Score(q, scoring.Input{Answers: answers(map[string][]scoring.Value{
		"d1": {4, dk, dk}, "d2": {4, 2, dk}, "x1": {1, 3, 5}, "q1": {dk, dk, dk},
	})})
	for id, want := range map[string]bool{"d1": false, "d2": false, "x1": true, "q1": false} {
		if got := question(r, id).Visible; got != want {
			t.Errorf("%s (n=%d of 3 respondents) visible = %v; want %v", id, question(r, id).N, got, want)
		}
	}
	one := scoring.Score(q, scoring.Input{Answers: answers(map[string][]scoring.Value{"d1": {4}, "d2": {dk}})})
	if !question(one, "d1").Visible || question(one, "d2").Visible {
		t.Errorf("one respondent: d1 visible %v, d2 (don't know) visible %v; want true, false", question(one, "d1").Visible, question(one, "d2").Visible)
	}
	two := scoring.Score(parse(t, strings.Replace(exampleYAML, "groups:", "rules: {anonymity_threshold: 2}\ngroups:", 1)), scoring.Input{Answers: answers(map[string][]scoring.Value{"d1": {4, 2, dk}})})
	if !question(two, "d1").Visible {
		t.Errorf("two answers with anonymity_threshold 2: not visible")
	}
}

// TestCompare: a change is an improvement or a decline only beyond the
// margin √(h² + h_earlier²), unchanged within it, and uncertain without
// both intervals.
func TestCompare(t *testing.T) {
	q := parse(t, exampleYAML)
	score := func(x1 ...scoring.Value) scoring.Result {
		return scoring.Score(q, scoring.Input{Answers: answers(map[string][]scoring.Value{"x1": x1})})
	}
	// x1 {2, 3, 4}: mean 3, s = 1, h = t(0.95; 2) / √3 ≈ 1.686.
	h3 := 2.919986 / math.Sqrt(3)
	for _, c := range []struct {
		name         string
		earlier, now []scoring.Value
		delta        float64
		margin       *float64
		want         scoring.Direction
	}{
		{"improvement", []scoring.Value{1, 1, 1}, []scoring.Value{5, 5, 5}, 4, ptr(0), scoring.Improvement},
		{"decline", []scoring.Value{5, 5, 4}, []scoring.Value{1, 1, 1}, -(14.0/3 - 1), nil, scoring.Decline},
		{"unchanged within the margin", []scoring.Value{2, 3, 4}, []scoring.Value{3, 4, 5}, 1, ptr(math.Sqrt(2) * h3), scoring.Unchanged},
		{"uncertain without an earlier interval", []scoring.Value{1}, []scoring.Value{5, 5, 5}, 4, nil, scoring.Uncertain},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, e := score(c.now...), score(c.earlier...)
			scoring.Compare(&r, e, 7, "2025-voorjaar")
			for _, ch := range []*scoring.Change{r.Overall.Change, dimension(r, "diagnostic").Change} {
				if ch == nil {
					t.Fatal("no change")
				}
				if ch.Assessment != 7 || ch.Round != "2025-voorjaar" || !near(ch.Delta, c.delta) || ch.Direction != c.want {
					t.Errorf("change = %+v; want Δ %v, %s", ch, c.delta, c.want)
				}
				if c.margin != nil {
					checkNear(t, "margin", ch.Margin, *c.margin, 1e-6)
				}
			}
			if c.want == scoring.Uncertain && r.Overall.Change.Margin != nil {
				t.Errorf("uncertain change has a margin %v", *r.Overall.Change.Margin)
			}
			// A dimension without a score in either round has no change.
			if dimension(r, "descriptive").Change != nil {
				t.Errorf("descriptive, unscored, has a change")
			}
		})
	}
}

func ptr(x float64) *float64 { return &x }

// TestScore_Revote: the scores use the latest vote; each re-voted question
// shows its first vote beside the final answers, and a respondent who did
// not vote again keeps their first vote.
func TestScore_Revote(t *testing.T) {
	q := parse(t, exampleYAML)
	in := scoring.Input{
		Answers: []scoring.Answer{
			{Respondent: "a", Question: "d1", Value: 3}, {Respondent: "b", Question: "d1", Value: 4},
			{Respondent: "c", Question: "d1", Value: 5}, {Respondent: "a", Question: "d2", Value: 2},
		},
		Revote:     []string{"d1", "unknown"},
		FirstVotes: []scoring.Answer{{Respondent: "a", Question: "d1", Value: 1}, {Respondent: "b", Question: "d1", Value: 5}, {Respondent: "c", Question: "d1", Value: 5}},
	}
	r := scoring.Score(q, in)
	if len(r.Revotes) != 1 || r.Revotes[0].Question != "d1" {
		t.Fatalf("revotes = %+v; want d1 alone (an unknown question is left out)", r.Revotes)
	}
	before, after := r.Revotes[0].Before, r.Revotes[0].After
	if *before.Spread != 4 || !before.Flagged || before.Counts != [5]int{1, 0, 0, 0, 2} || !before.Visible {
		t.Errorf("before: spread %d, flagged %v, counts %v; want 4, true, [1 0 0 0 2]", *before.Spread, before.Flagged, before.Counts)
	}
	if *after.Spread != 2 || after.Counts != [5]int{0, 0, 1, 1, 1} {
		t.Errorf("after: spread %d, counts %v; want 2, [0 0 1 1 1]", *after.Spread, after.Counts)
	}
	checkScore(t, "d1 after the re-vote", question(r, "d1").Score, 4)
	checkScore(t, "d1 first vote", before.Score, 11.0/3)
	if len(scoring.Score(q, scoring.Input{Answers: in.Answers}).Revotes) != 0 {
		t.Error("revotes without a re-vote")
	}
}
