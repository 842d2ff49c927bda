package demo_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/demo"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/questionnaires"
)

func defaultQuestionnaire(t testing.TB) *questionnaire.Questionnaire {
	t.Helper()
	q, err := questionnaires.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func generate(t testing.TB, q *questionnaire.Questionnaire, o demo.Options) *demo.Municipality {
	t.Helper()
	m, err := demo.Generate(q, o)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// score scores a round with the scoring package, as maturity does.
func score(t *testing.T, q *questionnaire.Questionnaire, m *demo.Municipality, rd demo.Round) scoring.Result {
	t.Helper()
	in := scoring.Input{}
	for _, d := range m.Departments {
		if d.Name == rd.Department {
			in.DepartmentTargets = d.Targets
		}
	}
	for _, a := range rd.Answers {
		v, err := scoring.ParseValue(a.Value)
		if err != nil {
			t.Fatalf("%s %s: %v", rd.Department, rd.Label, err)
		}
		in.Answers = append(in.Answers, scoring.Answer{Respondent: a.Respondent, Question: a.Question, Value: v})
	}
	return scoring.Score(q, in)
}

func byDepartment(m *demo.Municipality) map[string][]demo.Round {
	out := map[string][]demo.Round{}
	for _, rd := range m.Rounds {
		out[rd.Department] = append(out[rd.Department], rd)
	}
	return out
}

func dimScore(t *testing.T, r scoring.Result, id string) float64 {
	t.Helper()
	for _, d := range r.Dimensions {
		if d.ID == id && d.Score != nil {
			return *d.Score
		}
	}
	t.Fatalf("dimension %s has no score", id)
	return 0
}

func TestGenerate_Deterministic(t *testing.T) {
	q := defaultQuestionnaire(t)
	a := generate(t, q, demo.Options{Seed: 7})
	b := generate(t, q, demo.Options{Seed: 7})
	if !reflect.DeepEqual(a, b) {
		t.Error("two municipalities of the same seed differ")
	}
	c := generate(t, q, demo.Options{Seed: 8})
	if reflect.DeepEqual(a.Rounds, c.Rounds) {
		t.Error("seeds 7 and 8 give the same rounds")
	}
	// A department does not change when more are added after it.
	big := generate(t, q, demo.Options{Seed: 7, Departments: 40})
	first := byDepartment(big)["Werk en Inkomen"]
	if !reflect.DeepEqual(first, byDepartment(a)["Werk en Inkomen"]) {
		t.Error("Werk en Inkomen changed when departments were added")
	}
}

func TestOptions_Check(t *testing.T) {
	o, err := demo.Options{}.Check()
	if err != nil || o.Departments != 12 || o.Rounds != 3 || o.Respondents != 0 {
		t.Errorf("defaults = %+v, %v", o, err)
	}
	for _, c := range []struct {
		o    demo.Options
		want string
	}{
		{demo.Options{Departments: -1}, "-1 departments: expected 1 to 1000"},
		{demo.Options{Departments: 1001}, "1001 departments: expected 1 to 1000"},
		{demo.Options{Respondents: 101}, "101 respondents: expected 1 to 100"},
		{demo.Options{Rounds: 7}, "7 rounds: expected 1 to 6"},
	} {
		if _, err := c.o.Check(); err == nil || err.Error() != c.want {
			t.Errorf("Check(%+v) = %v; want %q", c.o, err, c.want)
		}
	}
}

// TestGenerate_Default checks the shape of the default municipality: twelve
// departments under four clusters, two to three rounds each over 2025 and
// 2026, 4–20 respondents, every question answered, dk and na among them.
func TestGenerate_Default(t *testing.T) {
	q := defaultQuestionnaire(t)
	m := generate(t, q, demo.Options{Seed: 1})
	if m.Name != "Gemeente Voorbeeldstad" {
		t.Errorf("name %q", m.Name)
	}
	clusters := m.WithRole(demo.RoleCluster)
	if want := []string{"Sociaal Domein", "Ruimte", "Dienstverlening", "Bedrijfsvoering"}; !slices.Equal(clusters, want) {
		t.Errorf("clusters %v; want %v", clusters, want)
	}
	if len(m.Departments) != 16 {
		t.Errorf("%d departments and clusters; want 16", len(m.Departments))
	}
	seen := map[string]bool{}
	for _, d := range m.Departments {
		if d.Role != demo.RoleCluster && !slices.Contains(clusters, d.Parent) {
			t.Errorf("%s is under %q, not a cluster", d.Name, d.Parent)
		}
		if d.Role == demo.RoleCluster && d.Parent != "" {
			t.Errorf("cluster %s has a parent", d.Name)
		}
		seen[d.Name] = true
	}
	rounds := byDepartment(m)
	modes := map[bool]int{}
	values := map[string]int{}
	for _, d := range m.Departments {
		rs := rounds[d.Name]
		want := 3
		switch d.Role {
		case demo.RoleCluster:
			want = 0
		case demo.RoleLate:
			want = 2
		case demo.RoleStale:
			want = 1
		}
		if len(rs) != want {
			t.Errorf("%s (%s) has %d rounds; want %d", d.Name, d.Role, len(rs), want)
		}
		for i, rd := range rs {
			if !seen[rd.Department] {
				t.Errorf("round of unknown department %s", rd.Department)
			}
			if rd.Closed.Year() < 2025 || rd.Closed.Year() > 2026 || rd.Closed.Format("2006-01") != rd.Label {
				t.Errorf("%s round %s closed %s", d.Name, rd.Label, rd.Closed)
			}
			if i > 0 && !rs[i-1].Closed.Before(rd.Closed) {
				t.Errorf("%s: rounds out of order: %s, %s", d.Name, rs[i-1].Label, rd.Label)
			}
			if n := len(rd.Respondents); n < 4 || n > 20 {
				t.Errorf("%s %s: %d respondents; want 4–20", d.Name, rd.Label, n)
			}
			if len(rd.Answers) != len(rd.Respondents)*len(q.Questions()) {
				t.Errorf("%s %s: %d answers from %d respondents", d.Name, rd.Label, len(rd.Answers), len(rd.Respondents))
			}
			modes[rd.Workshop]++
			for _, a := range rd.Answers {
				values[a.Value]++
			}
		}
	}
	if modes[true] == 0 || modes[false] == 0 {
		t.Errorf("modes: %d workshops, %d self-assessments; want both", modes[true], modes[false])
	}
	for _, v := range []string{"1", "2", "3", "4", "5", "dk", "na"} {
		if values[v] == 0 {
			t.Errorf("no answer %s among %v", v, values)
		}
	}
	if dk := float64(values["dk"]) / float64(m.Answers()); dk < 0.02 || dk > 0.08 {
		t.Errorf("share of don't know %.3f; want 2–8%%", dk)
	}
}

// TestGenerate_Patterns scores every round with the scoring package and
// checks, for twenty seeds, that the patterns the demo promises show.
func TestGenerate_Patterns(t *testing.T) {
	q := defaultQuestionnaire(t)
	for seed := uint64(1); seed <= 20; seed++ {
		m := generate(t, q, demo.Options{Seed: seed})
		rounds := byDepartment(m)
		cappedBy := map[string]string{}
		for _, n := range m.WithRole(demo.RoleCappedByGovernance) {
			cappedBy[n] = "governance"
		}
		for _, n := range m.WithRole(demo.RoleCappedByReadiness) {
			cappedBy[n] = "readiness"
		}
		if len(cappedBy) != 3 {
			t.Fatalf("seed %d: capped departments %v; want 3", seed, cappedBy)
		}
		// One department breaks one legal duty and nothing else; the
		// departments with a weak foundation leave that foundation's
		// minimums unmet too.
		breaches := map[string]string{}
		for _, d := range m.Departments {
			if d.Role == demo.RoleCappedByMinimum {
				breaches[d.Name] = d.Breach
			}
		}
		if want := map[string]string{"Vergunningen": "sec-access-roles"}; !reflect.DeepEqual(breaches, want) {
			t.Fatalf("seed %d: breaches %v; want %v", seed, breaches, want)
		}
		var descriptive, prescriptive []float64
		var newest time.Time
		for _, rd := range m.Rounds {
			if rd.Closed.After(newest) {
				newest = rd.Closed
			}
		}
		for name, rs := range rounds {
			for _, rd := range rs {
				r := score(t, q, m, rd)
				// Capped exactly where planned, by the planned group, and
				// in every round of those departments.
				want := cappedBy[name]
				if got := strings.Join(r.Overall.CappedBy, ","); r.Overall.Capped != (want != "") || got != want {
					t.Errorf("seed %d: %s %s: capped %v by %q; want by %q (overall %.2f, groups %+v)", seed, name, rd.Label, r.Overall.Capped, got, want, *r.Overall.Score, r.Groups)
				}
				// The minimum cap lowers the level exactly of the
				// departments that break a duty: the one breach of the
				// capped-minimum department, the weak foundation of the
				// others. Everyone else meets every minimum, except the
				// improving department in its first round.
				var unmet []string
				for _, x := range r.Minimums {
					if x.Status == scoring.MinimumUnmet {
						unmet = append(unmet, x.Question)
					}
				}
				first := rd.Label == rs[0].Label
				if b, ok := breaches[name]; ok {
					if !slices.Equal(unmet, []string{b}) || !r.Overall.MinimumCapped || r.Overall.UncappedLevel < 3 || r.Overall.Level != 2 {
						t.Errorf("seed %d: %s %s: unmet %v, minimum capped %v, level %d of %d; want only %s unmet, level 3 or more capped to 2",
							seed, name, rd.Label, unmet, r.Overall.MinimumCapped, r.Overall.Level, r.Overall.UncappedLevel, b)
					}
				} else if want != "" {
					if len(unmet) == 0 || !r.Overall.MinimumCapped {
						t.Errorf("seed %d: %s %s (weak %s): unmet %v, minimum capped %v; want unmet minimums that cap", seed, name, rd.Label, want, unmet, r.Overall.MinimumCapped)
					}
				} else if r.Overall.MinimumCapped || len(unmet) > 0 && !(first && slices.Contains(m.WithRole(demo.RoleImproving), name)) {
					t.Errorf("seed %d: %s %s: unmet minimums %v (minimum capped %v); want none", seed, name, rd.Label, unmet, r.Overall.MinimumCapped)
				}
				// Flagged questions are exactly the disputed ones.
				var flagged []string
				for _, qr := range r.Questions {
					if qr.Flagged {
						flagged = append(flagged, qr.ID)
					}
				}
				if !slices.Equal(flagged, rd.Disputed) {
					t.Errorf("seed %d: %s %s: flagged %v; disputed %v", seed, name, rd.Label, flagged, rd.Disputed)
				}
				// Workshops note their disputes; self-assessments note nothing.
				var noted []string
				for _, n := range rd.Notes {
					noted = append(noted, n.Question)
				}
				if rd.Workshop && !slices.Equal(noted, rd.Disputed) || !rd.Workshop && len(noted) > 0 {
					t.Errorf("seed %d: %s %s (workshop %v): notes on %v; disputed %v", seed, name, rd.Label, rd.Workshop, noted, rd.Disputed)
				}
				d, p := dimScore(t, r, "descriptive"), dimScore(t, r, "prescriptive")
				if d <= p {
					t.Errorf("seed %d: %s %s: descriptive %.2f not above prescriptive %.2f", seed, name, rd.Label, d, p)
				}
				descriptive, prescriptive = append(descriptive, d), append(prescriptive, p)
				if r.Stage.Reached == "prescriptive" {
					t.Errorf("seed %d: %s %s reaches the prescriptive stage", seed, name, rd.Label)
				}
			}
		}
		// Strong descriptive reporting, weak prescriptive use: on average
		// descriptive meets the stage level (3), prescriptive stays under
		// it by far.
		if d, p := mean(descriptive), mean(prescriptive); d < 3.0 || p >= 2.5 || d-p < 1.2 {
			t.Errorf("seed %d: mean descriptive %.2f, prescriptive %.2f; want ≥ 3.0, < 2.5 and 1.2 apart", seed, d, p)
		}

		// The improving department rises every round, by a level overall.
		imp := rounds[m.WithRole(demo.RoleImproving)[0]]
		var overall []float64
		for _, rd := range imp {
			overall = append(overall, *score(t, q, m, rd).Overall.Score)
		}
		for i := 1; i < len(overall); i++ {
			if overall[i] <= overall[i-1] {
				t.Errorf("seed %d: improving overall scores %v do not rise", seed, overall)
			}
		}
		if first, last := score(t, q, m, imp[0]), score(t, q, m, imp[len(imp)-1]); last.Overall.Level < first.Overall.Level+1 || overall[len(overall)-1]-overall[0] < 0.8 {
			t.Errorf("seed %d: improving from %.2f (level %d) to %.2f (level %d); want a rise of 0.8 and a level", seed,
				overall[0], first.Overall.Level, overall[len(overall)-1], last.Overall.Level)
		}

		// The disagreeing department's last workshop splits on 8 questions.
		dis := rounds[m.WithRole(demo.RoleDisagreeing)[0]]
		last := dis[len(dis)-1]
		if !last.Workshop || len(last.Disputed) != 8 || len(last.Respondents) < 16 {
			t.Errorf("seed %d: disagreeing round %s: workshop %v, %d disputed, %d respondents", seed, last.Label, last.Workshop, len(last.Disputed), len(last.Respondents))
		}

		// The stale department's only round is over a year before the newest.
		stale := rounds[m.WithRole(demo.RoleStale)[0]]
		if len(stale) != 1 || !stale[0].Closed.Before(newest.AddDate(-1, 0, 0)) {
			t.Errorf("seed %d: stale department's rounds %v, newest %s", seed, stale, newest)
		}
	}
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// TestGenerate_Notes: workshop notes are Dutch texts of the questions they
// are on, never a generic one for the default questionnaire.
func TestGenerate_Notes(t *testing.T) {
	q := defaultQuestionnaire(t)
	m := generate(t, q, demo.Options{Seed: 3})
	showcase := byDepartment(m)[m.Showcase()]
	if m.Showcase() != "Werk en Inkomen" {
		t.Errorf("showcase %s; want Werk en Inkomen", m.Showcase())
	}
	last := showcase[len(showcase)-1]
	if !last.Workshop || len(last.Notes) < 2 {
		t.Errorf("the showcase's last round: workshop %v, %d notes; want a workshop with at least 2", last.Workshop, len(last.Notes))
	}
	all := 0
	for _, rd := range m.Rounds {
		for _, n := range rd.Notes {
			all++
			if q.Question(n.Question) == nil || strings.HasPrefix(n.Text, "Besproken: de antwoorden liepen uiteen omdat") {
				t.Errorf("%s %s: note %q on %s", rd.Department, rd.Label, n.Text, n.Question)
			}
		}
	}
	if all < 10 {
		t.Errorf("%d notes in the municipality; want at least 10", all)
	}
}

// TestGenerate_Scale is the size of the scale benchmark: 300 departments ×
// 30 respondents × 48 questions in one round.
func TestGenerate_Scale(t *testing.T) {
	q := defaultQuestionnaire(t)
	m := generate(t, q, demo.Options{Seed: 1, Departments: 300, Respondents: 30, Rounds: 1})
	if len(m.Rounds) != 300 || m.Answers() != 432000 {
		t.Errorf("%d rounds, %d answers; want 300 and 432000", len(m.Rounds), m.Answers())
	}
	for _, rd := range m.Rounds {
		if len(rd.Respondents) != 30 || len(slices.Compact(slices.Sorted(slices.Values(rd.Respondents)))) != 30 {
			t.Fatalf("%s: respondents %v; want 30 different", rd.Department, rd.Respondents)
		}
	}
	// Every name stays unique (as the database compares them: ignoring
	// case) up to the largest municipality.
	big := generate(t, q, demo.Options{Seed: 1, Departments: demo.MaxDepartments, Respondents: 1, Rounds: 1})
	names := map[string]bool{}
	for _, d := range big.Departments {
		key := strings.ToLower(d.Name)
		if names[key] {
			t.Fatalf("department name %s used twice", d.Name)
		}
		names[key] = true
	}
	if len(names) != demo.MaxDepartments+4 {
		t.Errorf("%d names; want %d", len(names), demo.MaxDepartments+4)
	}
}

// TestGenerate_OtherQuestionnaire: any questionnaire gets answers to its
// own questions, and notes from the generic texts.
func TestGenerate_OtherQuestionnaire(t *testing.T) {
	q, err := questionnaire.LoadFile("../../cmd/maturity/testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := generate(t, q, demo.Options{Seed: 2, Departments: 4, Respondents: 6})
	for _, rd := range m.Rounds {
		if len(rd.Answers) != 6*len(q.Questions()) {
			t.Errorf("%s %s: %d answers", rd.Department, rd.Label, len(rd.Answers))
		}
		for _, a := range rd.Answers {
			if q.Question(a.Question) == nil {
				t.Fatalf("answer to unknown question %s", a.Question)
			}
		}
		for _, n := range rd.Notes {
			if q.Question(n.Question) == nil || n.Text == "" {
				t.Errorf("note %+v", n)
			}
		}
	}
}

// TestGenerate_Actions: the default municipality agrees 73 actions, of
// which on the demo's today 21 are done with their evidence, 6 dropped
// with a reason, 23 overdue and 23 open and not yet due; Mobiliteit
// agrees none after any of its three rounds, every other department
// some after each of its rounds. Every date lies before ReferenceDay.
func TestGenerate_Actions(t *testing.T) {
	q := defaultQuestionnaire(t)
	m := generate(t, q, demo.Options{Seed: 1})
	ref := demo.ReferenceDate()
	if ref.Format(time.DateOnly) != demo.ReferenceDay || demo.ReferenceDay != "2026-11-02" {
		t.Errorf("reference date %s, day %s", ref, demo.ReferenceDay)
	}
	if got, want := m.CountActions(ref), (demo.ActionCounts{Done: 21, Dropped: 6, Overdue: 23, OnTime: 23}); len(m.Actions) != 73 || got != want {
		t.Errorf("%d actions, %+v; want 73, %+v", len(m.Actions), got, want)
	}
	rounds := byDepartment(m)
	agreedAfter := map[string]map[string]int{}
	for _, a := range m.Actions {
		if agreedAfter[a.Department] == nil {
			agreedAfter[a.Department] = map[string]int{}
		}
		agreedAfter[a.Department][a.Round]++
	}
	var none []string
	for _, d := range m.Departments {
		if d.Role == demo.RoleCluster {
			continue
		}
		if d.AgreesNothing != (d.Name == "Mobiliteit") {
			t.Errorf("%s: agrees nothing %v", d.Name, d.AgreesNothing)
		}
		if len(agreedAfter[d.Name]) == 0 {
			none = append(none, d.Name)
			continue
		}
		for _, rd := range rounds[d.Name] {
			if n := agreedAfter[d.Name][rd.Label]; n < 2 || n > 3 {
				t.Errorf("%s agreed %d actions after round %s; want 2 or 3", d.Name, n, rd.Label)
			}
		}
	}
	if !slices.Equal(none, []string{"Mobiliteit"}) || len(rounds["Mobiliteit"]) != 3 {
		t.Errorf("departments that agreed nothing: %v (Mobiliteit has %d rounds); want Mobiliteit, with 3", none, len(rounds["Mobiliteit"]))
	}

	// The improving department's report shows, of its previous round's
	// actions, one done and one overdue at least.
	wi := rounds["Werk en Inkomen"]
	previous := wi[len(wi)-2]
	var done, overdue int
	for _, a := range m.Actions {
		if a.Department == "Werk en Inkomen" && a.Round == previous.Label {
			if a.Status() == demo.StatusDone {
				done++
			}
			if a.Overdue(wi[len(wi)-1].Closed) {
				overdue++
			}
		}
	}
	if done < 1 || overdue < 1 {
		t.Errorf("Werk en Inkomen after %s: %d done, %d overdue at its next round; want at least one of each", previous.Label, done, overdue)
	}
}

// TestGenerate_ActionDates: for every seed and length of programme, every
// round closes and every action is agreed and changed before
// ReferenceDay; an action is agreed after its round and changes forward in
// time; done has evidence and dropped a reason; an open action agreed
// half a year before ReferenceDay is overdue on it, one of a latest round
// agreed in its last three months is not.
func TestGenerate_ActionDates(t *testing.T) {
	q := defaultQuestionnaire(t)
	ref := demo.ReferenceDate()
	owners := map[string]bool{"teamleider": true, "informatiemanager": true, "afdelingshoofd": true, "databeheerder": true, "privacycoördinator": true, "procesregisseur": true}
	for seed := uint64(1); seed <= 10; seed++ {
		for _, n := range []int{2, 3, 6} {
			m := generate(t, q, demo.Options{Seed: seed, Rounds: n})
			closed := map[[2]string]time.Time{}
			latest := map[string]string{}
			for _, rd := range m.Rounds {
				if !rd.Closed.Before(ref) {
					t.Errorf("seed %d, %d rounds: %s %s closes %s, not before %s", seed, n, rd.Department, rd.Label, rd.Closed, ref)
				}
				closed[[2]string{rd.Department, rd.Label}] = rd.Closed
				latest[rd.Department] = rd.Label
			}
			for _, a := range m.Actions {
				at, ok := closed[[2]string{a.Department, a.Round}]
				due, err := time.Parse(time.DateOnly, a.Due)
				switch {
				case !ok:
					t.Fatalf("action after an unknown round: %+v", a)
				case a.Agreed.Before(at) || !a.Agreed.Before(ref):
					t.Errorf("seed %d: %s agreed %s, its round %s closed %s", seed, a.Department, a.Agreed, a.Round, at)
				case err != nil || !due.After(a.Agreed):
					t.Errorf("seed %d: %s due %q, agreed %s", seed, a.Department, a.Due, a.Agreed)
				case strings.TrimSpace(a.Text) == "" || q.Dimension(a.Dimension) == nil || !owners[a.Owner]:
					t.Errorf("seed %d: action %+v", seed, a)
				}
				last := a.Agreed
				for _, c := range a.Changes {
					if c.At.Before(last) || !c.At.Before(ref) {
						t.Errorf("seed %d: %s %s: change at %s after %s (today %s)", seed, a.Department, a.Round, c.At, last, ref)
					}
					last = c.At
					if (c.Status == demo.StatusDone) != (c.Evidence != "") || (c.Status == demo.StatusDropped) != (c.Reason != "") {
						t.Errorf("seed %d: change %+v", seed, c)
					}
				}
				// Due three to five months after it was agreed: open and
				// agreed half a year ago is overdue; of a latest round
				// agreed within three months, not yet due.
				old, recent := a.Agreed.Before(ref.AddDate(0, -6, 0)), a.Round == latest[a.Department] && a.Agreed.After(ref.AddDate(0, -3, 0))
				if a.Open() && (old && !a.Overdue(ref) || recent && a.Overdue(ref)) {
					t.Errorf("seed %d, %d rounds: %s after %s (latest %s), agreed %s, due %s: overdue %v", seed, n, a.Department, a.Round, latest[a.Department], a.Agreed, a.Due, a.Overdue(ref))
				}
			}
		}
	}
}
