package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/demo"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/questionnaires"
)

// demoOutputs are the files a default demo writes.
var demoOutputs = []string{"demo.db", "organisatie.pdf", "organisatie.html",
	"rapport-werk-en-inkomen-nl.pdf", "rapport-werk-en-inkomen-nl.html", "rapport-werk-en-inkomen-en.pdf", "rapport-werk-en-inkomen-en.html"}

// demoSnapshot is what must be identical between two demos of one seed:
// the export, the rounds with their dates and modes, and every report.
func demoSnapshot(t *testing.T, vars map[string]string, dir string) map[string][]byte {
	t.Helper()
	db := filepath.Join(dir, "demo.db")
	out := map[string][]byte{
		"export":      []byte(mustRun(t, vars, "export", "--format", "csv", "--db", db)),
		"assessments": []byte(mustRun(t, vars, "assessment", "list", "--db", db)),
		"actions":     []byte(mustRun(t, vars, "export", "--actions", "--db", db)),
	}
	out["timestamps"] = demoTimestamps(t, db)
	for _, name := range demoOutputs[1:] {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		out[name] = b
	}
	return out
}

// demoTimestamps lists every time the database holds of departments,
// rounds, answers and notes: none may come from the clock.
func demoTimestamps(t *testing.T, db string) []byte {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var b bytes.Buffer
	depts, err := st.Departments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range depts {
		fmt.Fprintln(&b, d.Name, d.CreatedAt)
	}
	rounds, err := st.Assessments(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range rounds {
		data, err := st.LoadAssessment(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&b, a.Department, a.Round, a.CreatedAt, a.ClosedAt)
		for _, x := range data.Answers {
			fmt.Fprintln(&b, x.Respondent, x.Question, x.AnsweredAt)
		}
		for _, n := range data.Notes {
			fmt.Fprintln(&b, n.Question, n.CreatedAt)
		}
	}
	actions, err := st.Actions(ctx, store.ActionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range actions {
		fmt.Fprintln(&b, a.ID, a.CreatedAt)
		for _, c := range a.History {
			fmt.Fprintln(&b, c.Field, c.At)
		}
	}
	return b.Bytes()
}

// TestDemo: two demos of the same seed are identical, byte for byte; a
// demo is not replaced without --force; another seed gives other data.
func TestDemo(t *testing.T) {
	vars := home(t)
	// The user's own database is never touched, wherever it is.
	own := filepath.Join(t.TempDir(), "own.db")
	vars["MATURITY_DB"] = own
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	out := mustRun(t, vars, "demo", "-o", a)
	for _, want := range []string{
		"Demo gemaakt van Gemeente Voorbeeldstad, een verzonnen gemeente (seed 1):",
		"  12 afdelingen in 4 clusters, 33 rondes (16 zelfevaluaties, 17 workshops), 17328 antwoorden, 56 notities\n",
		"Werk en Inkomen verbetert duidelijk van ronde tot ronde.",
		"In de laatste workshop van Werk en Inkomen is opnieuw gestemd over de 2 besproken vragen.",
		"Wijkteams is het in de laatste ronde oneens over 8 vragen.",
		"Begrensd in niveau: Openbare Ruimte en Klantcontactcentrum door zwakke governance; Mobiliteit door zwakke randvoorwaarden; Vergunningen door een onvervuld wettelijk minimum (sec-access-roles).",
		"HR heeft de afgelopen 12 maanden geen meting gehad.",
		"73 afspraken gemaakt: 21 gereed, 23 verlopen, 23 open en nog niet verlopen, 6 vervallen (op 2026-11-02, de dag van vandaag in de demo)",
		"Mobiliteit maakte na geen van zijn 3 rondes een afspraak.",
		"database: " + filepath.Join(a, "demo.db"),
		"rapporten:  " + filepath.Join(a, "organisatie.pdf") + " ",
		filepath.Join(a, "rapport-werk-en-inkomen-en.html") + "  Werk en Inkomen, in het Engels",
		"Openen in de terminal:         maturity --db " + filepath.Join(a, "demo.db"),
		"Het niveau van elke afdeling:  maturity results --db " + filepath.Join(a, "demo.db"),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("demo said:\n%s\nwant %q", out, want)
		}
	}
	for _, name := range demoOutputs {
		if info, err := os.Stat(filepath.Join(a, name)); err != nil || info.Size() < 5000 {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := os.Stat(own); err == nil {
		t.Error("the demo created the user's database")
	}
	leftovers, _ := filepath.Glob(filepath.Join(a, ".*"))
	if len(leftovers) > 0 {
		t.Errorf("the demo left %v behind", leftovers)
	}

	mustRun(t, vars, "demo", "-o", b, "--seed", "1")
	first := demoSnapshot(t, vars, a)
	second := demoSnapshot(t, vars, b)
	for name, x := range first {
		if !bytes.Equal(x, second[name]) {
			t.Errorf("%s differs between two demos of seed 1", name)
		}
	}
	if !bytes.Contains(first["assessments"], []byte("2025-02-01")) || !bytes.Contains(first["assessments"], []byte("workshop")) {
		t.Errorf("rounds:\n%s", first["assessments"])
	}

	t.Run("refuses to replace without --force", func(t *testing.T) {
		r := maturity(t, vars, "demo", "-o", a, "--seed", "2")
		want := filepath.Join(a, "demo.db") + " already exists: add --force to replace the demo in " + a
		if r.code != 2 || !strings.Contains(r.stderr, want) {
			t.Errorf("exit %d, stderr %q; want exit 2 and %q", r.code, r.stderr, want)
		}
		if again := demoSnapshot(t, vars, a); !bytes.Equal(again["export"], first["export"]) {
			t.Error("a refused demo changed the database")
		}
		// Any file the demo would write counts, not only the database.
		c := t.TempDir()
		os.WriteFile(filepath.Join(c, "organisatie.pdf"), []byte("mine"), 0o644)
		if r := maturity(t, vars, "demo", "-o", c); r.code != 2 || !strings.Contains(r.stderr, "organisatie.pdf already exists") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})

	t.Run("another seed, with --force", func(t *testing.T) {
		mustRun(t, vars, "demo", "-o", a, "--seed", "2", "--force")
		other := demoSnapshot(t, vars, a)
		for _, name := range []string{"export", "assessments", "organisatie.pdf", "rapport-werk-en-inkomen-nl.html"} {
			if bytes.Equal(other[name], first[name]) {
				t.Errorf("%s of seeds 1 and 2 is the same", name)
			}
		}
		for _, p := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(filepath.Join(a, "demo.db"+p)); err == nil {
				t.Errorf("demo.db%s left beside the new database", p)
			}
		}
	})
}

// TestDemo_Patterns reads the demo's database back and scores it: the
// patterns the generator planned show in the scores, exactly.
func TestDemo_Patterns(t *testing.T) {
	vars := home(t)
	dir := t.TempDir()
	mustRun(t, vars, "demo", "-o", dir, "--seed", "5")
	q, err := questionnaires.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	m, err := demo.Generate(q, demo.Options{Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	planned := map[[2]string]demo.Round{}
	for _, rd := range m.Rounds {
		planned[[2]string{rd.Department, rd.Label}] = rd
	}
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	depts, err := st.Departments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	parents := map[string]string{}
	for _, d := range depts {
		parents[d.Name] = d.Parent
	}
	for _, d := range m.Departments {
		if got, ok := parents[d.Name]; !ok || got != d.Parent {
			t.Errorf("department %s: stored under %q; want %q", d.Name, got, d.Parent)
		}
	}
	rounds, err := st.Assessments(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(rounds) != len(m.Rounds) {
		t.Fatalf("%d rounds stored; want %d", len(rounds), len(m.Rounds))
	}
	capped := map[string][]string{}
	minimumCapped := map[string][]string{}
	overall := map[string][]float64{}
	var descriptive, prescriptive float64
	revotes := 0
	sc := newScorer(st)
	for _, a := range rounds {
		rd, ok := planned[[2]string{a.Department, a.Round}]
		if !ok {
			t.Fatalf("unplanned round %s %s", a.Department, a.Round)
		}
		wantMode := store.ModeSelf
		if rd.Workshop {
			wantMode = store.ModeWorkshop
		}
		if a.Mode != wantMode || !a.ClosedAt.Equal(rd.Closed) || a.Open() || !a.Complete {
			t.Errorf("%s %s: mode %s, closed %s, complete %v; want %s, closed %s, complete", a.Department, a.Round, a.Mode, a.ClosedAt, a.Complete, wantMode, rd.Closed)
		}
		s, err := sc.score(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		r := s.result
		var flagged []string
		for _, qr := range r.Questions {
			if qr.Flagged {
				flagged = append(flagged, qr.ID)
			}
		}
		// A round that voted again is flagged where its re-vote still
		// diverges; each disputed question was voted on again and came
		// closer together.
		wantFlagged := rd.Disputed
		if len(rd.Revote) > 0 {
			revotes++
			wantFlagged = nil
			var revoted []string
			for _, x := range r.Revotes {
				revoted = append(revoted, x.Question)
				if !x.Before.Flagged || *x.After.Spread >= *x.Before.Spread {
					t.Errorf("%s %s: re-vote on %s from spread %d to %d; want it narrower", a.Department, a.Round, x.Question, *x.Before.Spread, *x.After.Spread)
				}
				if x.After.Flagged {
					wantFlagged = append(wantFlagged, x.Question)
				}
			}
			if !slices.Equal(revoted, rd.Disputed) {
				t.Errorf("%s %s: re-voted %v; want the disputed %v", a.Department, a.Round, revoted, rd.Disputed)
			}
		}
		if !slices.Equal(flagged, wantFlagged) {
			t.Errorf("%s %s: flagged %v; want %v", a.Department, a.Round, flagged, wantFlagged)
		}
		if len(s.data.Notes) != len(rd.Notes) {
			t.Errorf("%s %s: %d notes; want %d", a.Department, a.Round, len(s.data.Notes), len(rd.Notes))
		}
		if r.Overall.Capped {
			capped[a.Department] = append(capped[a.Department], strings.Join(r.Overall.CappedBy, ","))
		}
		if r.Overall.MinimumCapped {
			var unmet []string
			for _, x := range r.Minimums {
				if x.Status == scoring.MinimumUnmet {
					unmet = append(unmet, x.Question)
				}
			}
			minimumCapped[a.Department] = append(minimumCapped[a.Department], strings.Join(unmet, ","))
		}
		overall[a.Department] = append(overall[a.Department], *r.Overall.Score)
		for _, d := range r.Dimensions {
			switch d.ID {
			case "descriptive":
				descriptive += *d.Score / float64(len(rounds))
			case "prescriptive":
				prescriptive += *d.Score / float64(len(rounds))
			}
		}
	}
	if revotes != 1 {
		t.Errorf("%d rounds with a re-vote; want 1, the improving department's latest workshop", revotes)
	}
	// Capped in every round: two departments by governance, one by readiness.
	want := map[string][]string{
		"Openbare Ruimte":     {"governance", "governance", "governance"},
		"Klantcontactcentrum": {"governance", "governance", "governance"},
		"Mobiliteit":          {"readiness", "readiness", "readiness"},
	}
	if len(capped) != len(want) {
		t.Errorf("capped: %v; want %v", capped, want)
	}
	for name, w := range want {
		if !slices.Equal(capped[name], w) {
			t.Errorf("%s capped by %v; want %v", name, capped[name], w)
		}
	}
	// The minimum cap lowers the level of Vergunningen, strong but with
	// former staff keeping their access, in every round; the weak
	// foundations of the capped departments leave their minimums unmet too.
	if got := minimumCapped["Vergunningen"]; !slices.Equal(got, []string{"sec-access-roles", "sec-access-roles", "sec-access-roles"}) {
		t.Errorf("Vergunningen minimum-capped by %v; want sec-access-roles in each of three rounds", got)
	}
	if got := capped["Vergunningen"]; len(got) > 0 {
		t.Errorf("Vergunningen capped by its foundations %v; want only by the minimum", got)
	}
	for name := range minimumCapped {
		if _, ok := want[name]; !ok && name != "Vergunningen" {
			t.Errorf("%s is minimum-capped (%v); want only Vergunningen and the departments capped by a foundation", name, minimumCapped[name])
		}
	}
	for name := range want {
		if len(minimumCapped[name]) != 3 {
			t.Errorf("%s minimum-capped in %d rounds; want 3 (its weak foundation leaves minimums unmet)", name, len(minimumCapped[name]))
		}
	}
	imp := overall["Werk en Inkomen"]
	if len(imp) != 3 || imp[1] <= imp[0] || imp[2] <= imp[1] || imp[2]-imp[0] < 0.8 {
		t.Errorf("Werk en Inkomen's overall scores %v; want three, each higher, rising by 0.8 or more", imp)
	}
	// Strong descriptive reporting (at the stage level 3), weak prescriptive use.
	if descriptive < 3.0 || prescriptive >= 2.5 {
		t.Errorf("mean descriptive %.2f, prescriptive %.2f; want ≥ 3.0 and < 2.5", descriptive, prescriptive)
	}

	// The department report carries the workshop's Dutch notes, the
	// organisation report the clusters.
	var last demo.Round
	for _, rd := range m.Rounds {
		if rd.Department == "Werk en Inkomen" {
			last = rd
		}
	}
	html, err := os.ReadFile(filepath.Join(dir, "rapport-werk-en-inkomen-nl.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range last.Notes {
		if !strings.Contains(string(html), htmlEscape(n.Text)) {
			t.Errorf("the department report lacks the note %q", n.Text)
		}
	}
	if len(last.Notes) == 0 {
		t.Error("Werk en Inkomen's last round has no notes")
	}
	if !strings.Contains(string(html), "Herstemming na de bespreking") || len(last.Revote) == 0 {
		t.Error("the department report does not show the last workshop's re-vote")
	}
	// The register: every planned action stored after its round, with what
	// became of it; the same ones overdue on the demo's today as on the
	// organisation report's day, the newest round's.
	stored, err := st.Actions(ctx, store.ActionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != len(m.Actions) || len(stored) == 0 {
		t.Fatalf("%d actions stored; want %d", len(stored), len(m.Actions))
	}
	var newest time.Time
	for _, rd := range m.Rounds {
		if rd.Closed.After(newest) {
			newest = rd.Closed
		}
	}
	byPlan := map[string]int{}
	for _, a := range m.Actions {
		byPlan[a.Department+"/"+a.Round+"/"+a.Dimension+"/"+string(a.Status())]++
	}
	var counts demo.ActionCounts
	for _, a := range stored {
		byPlan[a.Department+"/"+a.Round+"/"+a.Dimension+"/"+string(a.Status)]--
		if a.Department == "Mobiliteit" {
			t.Errorf("Mobiliteit agreed %s", a)
		}
		if a.Overdue(demo.ReferenceDate()) != a.Overdue(newest) {
			t.Errorf("%s: overdue %v on %s, %v on %s", a, a.Overdue(demo.ReferenceDate()), demo.ReferenceDay, a.Overdue(newest), newest)
		}
		switch {
		case a.Status == store.ActionDone:
			counts.Done++
		case a.Status == store.ActionDropped:
			counts.Dropped++
		case a.Overdue(demo.ReferenceDate()):
			counts.Overdue++
		default:
			counts.OnTime++
		}
	}
	for k, n := range byPlan {
		if n != 0 {
			t.Errorf("%s: %d more planned than stored", k, n)
		}
	}
	if want := m.CountActions(demo.ReferenceDate()); counts != want || want.Done == 0 || want.Overdue == 0 || want.OnTime == 0 {
		t.Errorf("stored actions %+v; planned %+v, each kind at least once", counts, want)
	}
	// The department report's "Afspraken": what it agreed after its
	// latest round, and what became of those of the round before.
	previous := ""
	for _, rd := range m.Rounds {
		if rd.Department == "Werk en Inkomen" && rd.Label != last.Label {
			previous = rd.Label
		}
	}
	for _, want := range []string{"Afspraken", "Wat werd er van de afspraken na ronde " + previous} {
		if !strings.Contains(string(html), want) {
			t.Errorf("the department report lacks %q", want)
		}
	}
	for _, a := range m.Actions {
		if a.Department == "Werk en Inkomen" && (a.Round == previous || a.Round == last.Label) && !strings.Contains(string(html), htmlEscape(a.Text)) {
			t.Errorf("the department report lacks the action %q of round %s", a.Text, a.Round)
		}
	}
	org, err := os.ReadFile(filepath.Join(dir, "organisatie.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(org), "Geen afspraken na de laatste ronde") || strings.Contains(string(org), "Elke gemeten afdeling legde na haar laatste ronde afspraken vast.") {
		t.Error("the organisation report does not list a department that agreed nothing")
	}
	for _, c := range []string{"Gemeente Voorbeeldstad", "Sociaal Domein", "Ruimte", "Dienstverlening", "Bedrijfsvoering", "Wijkteams"} {
		if !strings.Contains(string(org), c) {
			t.Errorf("the organisation report lacks %q", c)
		}
	}
}

// htmlEscape is how html/template writes a text.
func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

// TestDemo_Scale: with --respondents every round has exactly that many,
// each answering every question.
func TestDemo_Scale(t *testing.T) {
	vars := home(t)
	dir := t.TempDir()
	out := mustRun(t, vars, "--lang", "en", "demo", "-o", dir, "--departments", "20", "--respondents", "5", "--rounds", "1")
	// In English, and a count of one in the singular.
	for _, want := range []string{
		"Made a demo of Gemeente Voorbeeldstad, a fictional municipality (seed 1):\n",
		"  20 departments in 4 clusters, 20 rounds (9 self-assessments, 11 workshops), 4800 answers, 42 notes\n",
		"  51 actions agreed: 0 done, 51 overdue, 0 open and not yet due, 0 dropped (on 2026-11-02, the demo's today)\n",
		"Wijkteams disagrees on 8 questions in its latest round.",
		"Capped in level: Openbare Ruimte and Klantcontactcentrum by weak governance; Mobiliteit by weak readiness; Vergunningen by an unmet legal minimum (sec-access-roles).",
		"  Mobiliteit agreed no action after its 1 round.\n",
		"reports:  " + filepath.Join(dir, "organisation.pdf") + " ",
		"Open it in the terminal:  maturity --db " + filepath.Join(dir, "demo.db"),
		"Every department's level:  maturity results --db " + filepath.Join(dir, "demo.db"),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("demo said:\n%s\nwant %q", out, want)
		}
	}
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rounds, err := st.Assessments(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	answers := 0
	for _, a := range rounds {
		if a.Respondents != 5 || !a.Complete {
			t.Errorf("%s %s: %d respondents, complete %v", a.Department, a.Round, a.Respondents, a.Complete)
		}
		answers += a.Answers
	}
	if len(rounds) != 20 || answers != 20*5*48 {
		t.Errorf("%d rounds, %d answers; want 20 and 4800", len(rounds), answers)
	}
}

func TestDemo_BadUse(t *testing.T) {
	vars := home(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--departments", "0"}, "--departments 0: expected a number from 1 to 1000"},
		{[]string{"--departments", "1001"}, "--departments 1001: expected a number from 1 to 1000"},
		{[]string{"--respondents", "0"}, "--respondents 0: expected a number from 1 to 100"},
		{[]string{"--respondents", "101"}, "--respondents 101: expected a number from 1 to 100"},
		{[]string{"--rounds", "0"}, "--rounds 0: expected a number from 1 to 6"},
		{[]string{"--rounds", "7"}, "--rounds 7: expected a number from 1 to 6"},
		{[]string{"--seed", "-1"}, `invalid argument "-1" for "--seed"`},
		{[]string{"--db", filepath.Join(dir, "x.db")}, "demo writes its own database, " + filepath.Join(dir, "d", "demo.db") + ", and never another: leave out --db"},
		{[]string{"-o", file}, "-o " + file + " is a file (expected a folder)"},
		{[]string{"extra"}, `unknown command "extra" for "maturity demo"`},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			args := append([]string{"demo"}, c.args...)
			if !slices.Contains(c.args, "-o") {
				args = append(args, "-o", filepath.Join(dir, "d"))
			}
			r := maturity(t, vars, args...)
			if r.code != 2 || !strings.Contains(r.stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", r.code, r.stderr, c.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "d")); err == nil {
		t.Error("a refused demo created its folder")
	}
}

// TestDemo_RoundTrip: the demo's answers and register, exported as JSON
// and imported into a fresh database, export again to the same bytes,
// assessment numbers included.
func TestDemo_RoundTrip(t *testing.T) {
	q, err := questionnaires.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	m, err := demo.Generate(q, demo.Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if err := writeDemoDatabase(context.Background(), q, m, db); err != nil {
		t.Fatal(err)
	}
	vars := home(t)
	answers, actions := filepath.Join(dir, "answers.json"), filepath.Join(dir, "actions.json")
	mustRun(t, vars, "--db", db, "export", "-o", answers)
	mustRun(t, vars, "--db", db, "export", "--actions", "-o", actions)
	fresh := filepath.Join(dir, "fresh.db")
	mustRun(t, vars, "--db", fresh, "import", answers)
	if out := mustRun(t, vars, "--db", fresh, "--lang", "en", "import", actions); !strings.Contains(out, fmt.Sprintf(": %d actions (new: %d,", len(m.Actions), len(m.Actions))) {
		t.Errorf("import said %q", out)
	}
	for _, args := range [][]string{{"export", "--format", "json"}, {"export", "--actions"}} {
		if a, b := mustRun(t, vars, append([]string{"--db", db}, args...)...), mustRun(t, vars, append([]string{"--db", fresh}, args...)...); a != b {
			t.Errorf("%v differs after export → import", args)
		}
	}
}
