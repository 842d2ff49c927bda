package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/maturity-nl/maturity/internal/demo"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/report"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/spf13/cobra"
)

// demoDir is where the demo goes without -o: a folder in the current one.
const demoDir = "maturity-demo"

// demoOptions are the flags of maturity demo.
type demoOptions struct {
	dir                              string
	departments, respondents, rounds int
	seed                             uint64
	force                            bool
}

func newDemoCmd(e env, opts *globalOptions) *cobra.Command {
	var o demoOptions
	cmd := &cobra.Command{
		Use:   "demo [-o DIR] [--departments N] [--respondents N] [--rounds N] [--seed S] [--force]",
		Short: "Fill a fresh demo database with a fictional municipality and write sample reports",
		Long: `Make a fictional municipality, Gemeente Voorbeeldstad, and everything it answered: twelve
departments under four clusters, two to three rounds each over 2025 and 2026, self-assessments
and workshops with 4–20 pseudonymous respondents, the notes of the workshops' discussions, and
the actions agreed after the rounds with what became of them: some done, some overdue, some not
yet due, and one department that agreed none.
The answers show what the model is about: strong descriptive reporting and weak prescriptive
use, departments whose level is capped by weak governance or readiness, one strong department
capped by a legal duty it does not meet, one that improves clearly, one whose team disagrees.

It writes a new database, DIR/demo.db — never your own database; --db is refused — and into
DIR the organisation report and one department's report in Dutch and English, as PDF and
HTML. DIR is ./` + demoDir + ` unless -o says otherwise. Open the demo with:

  maturity --db ` + demoDir + `/demo.db

Every date lies before the demo's today, ` + demo.ReferenceDay + `, on which it counts the actions
that are overdue. The same seed gives the same data and the same reports, byte for byte. --departments,
--respondents and --rounds make data for scale tests: with --respondents N every round has
exactly N respondents, and every respondent answers every question (don't know and not
applicable included). --lang en writes the organisation report in English.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("db") {
				return badInput("demo writes its own database, %s, and never another: leave out --db (choose the folder with -o)", filepath.Join(o.dir, "demo.db"))
			}
			for _, f := range []struct {
				name    string
				v, most int
			}{{"departments", o.departments, demo.MaxDepartments}, {"respondents", o.respondents, demo.MaxRespondents}, {"rounds", o.rounds, demo.MaxRounds}} {
				if (f.name != "respondents" || cmd.Flags().Changed(f.name)) && (f.v < 1 || f.v > f.most) {
					return badInput("--%s %d: expected a number from 1 to %d", f.name, f.v, f.most)
				}
			}
			if strings.TrimSpace(o.dir) == "" {
				return badInput("-o needs a folder")
			}
			return runDemo(cmd.Context(), e, opts, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.dir, "output", "o", demoDir, "the folder to write the database and the reports to")
	f.IntVar(&o.departments, "departments", demo.DefaultDepartments, "departments to assess, under four clusters")
	f.IntVar(&o.respondents, "respondents", 0, "respondents in every round (default: 4–8 in a self-assessment, 8–20 in a workshop)")
	f.IntVar(&o.rounds, "rounds", demo.DefaultRounds, "rounds of the programme, spread over 2025 and 2026")
	f.Uint64Var(&o.seed, "seed", 1, "the seed: the same seed gives the same municipality")
	f.BoolVar(&o.force, "force", false, "replace a demo already in the folder")
	return cmd
}

// demoFile is one report the demo writes: of the organisation, or of a
// department in a language.
type demoFile struct {
	path, what       string
	department, lang string
}

// runDemo makes the municipality, stores it in a fresh database and writes
// the reports.
func runDemo(ctx context.Context, e env, opts *globalOptions, o demoOptions) error {
	q, lang, err := questionnaireInUse(e, opts)
	if err != nil {
		return err
	}
	m, err := demo.Generate(q, demo.Options{Seed: o.seed, Departments: o.departments, Respondents: o.respondents, Rounds: o.rounds})
	if err != nil {
		return err
	}
	db := filepath.Join(o.dir, "demo.db")
	l := labelsFor(opts.userLang())
	showcase := m.Showcase()
	org := map[string]string{"nl": "organisatie", "en": "organisation"}[lang]
	if org == "" {
		org = "organisation-" + lang
	}
	reports := []demoFile{
		{path: filepath.Join(o.dir, org+".pdf"), what: l["demo org pdf"]},
		{path: filepath.Join(o.dir, org+".html"), what: l["demo org html"]},
	}
	for _, lang := range []string{"nl", "en"} {
		if !q.HasLanguage(lang) {
			continue
		}
		for _, format := range []string{"pdf", "html"} {
			reports = append(reports, demoFile{
				path: filepath.Join(o.dir, fmt.Sprintf("rapport-%s-%s.%s", fileName(showcase), lang, format)),
				what: fmt.Sprintf(l["demo department report"], showcase, l["language "+lang]),
				lang: lang, department: showcase,
			})
		}
	}
	if info, err := os.Stat(o.dir); err == nil && !info.IsDir() {
		return badInput("-o %s is a file (expected a folder)", o.dir)
	}
	if !o.force {
		for _, path := range append([]string{db}, paths(reports)...) {
			if _, err := os.Stat(path); err == nil {
				return badInput("%s already exists: add --force to replace the demo in %s, or choose another folder with -o", path, o.dir)
			}
		}
	}
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return err
	}
	if err := writeDemoDatabase(ctx, q, m, db); err != nil {
		return err
	}

	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	// The reports are made on the demo's today, whenever the demo is.
	st.Now = demo.ReferenceDate
	style := report.DefaultStyle()
	style.Organisation = m.Name
	for _, r := range reports {
		if err := writeDemoReport(ctx, e, opts, st, style, r); err != nil {
			return err
		}
	}
	printDemo(e.stdout, l, m, o, db, reports)
	return nil
}

// writeDemoReport writes one report with the functions maturity report
// uses.
func writeDemoReport(ctx context.Context, e env, opts *globalOptions, st *store.Store, style report.Style, r demoFile) error {
	format := strings.TrimPrefix(filepath.Ext(r.path), ".")
	if r.department == "" {
		quiet := e
		quiet.stdout = io.Discard // the demo lists its files itself
		return writeOrganisationReport(ctx, quiet, opts, st, r.path, format, style)
	}
	lo := *opts
	lo.lang = r.lang
	in, err := departmentReport(ctx, st, &lo, r.department, 0)
	if err != nil {
		return err
	}
	in.Style, in.Organisation = style, style.Organisation
	write := report.WritePDF
	if format == "html" {
		write = report.WriteHTML
	}
	var buf bytes.Buffer
	if err := write(&buf, in); err != nil {
		return err
	}
	return writeFileAtomic(r.path, buf.Bytes())
}

func paths(files []demoFile) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.path)
	}
	return out
}

// writeDemoDatabase stores the municipality in a new database at path. It
// is written beside path first and renamed into place when complete, so
// that a failed or interrupted demo leaves no half database behind.
func writeDemoDatabase(ctx context.Context, q *questionnaire.Questionnaire, m *demo.Municipality, path string) (err error) {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := removeDatabase(tmp); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			removeDatabase(tmp)
		}
	}()
	st, err := store.Open(ctx, tmp)
	if err != nil {
		return err
	}
	defer func() {
		if st != nil {
			st.Close()
		}
	}()
	// Every timestamp comes from the municipality, none from the clock:
	// the departments are made on its base date, each round's answers
	// are given when the round closes.
	now := demo.BaseDate()
	st.Now = func() time.Time { return now }
	for _, d := range m.Departments {
		if _, err := st.CreateDepartment(ctx, d.Name, d.Parent); err != nil {
			return err
		}
		if len(d.Targets) > 0 {
			if err := st.SetDepartmentTargets(ctx, d.Name, store.Targets(d.Targets)); err != nil {
				return err
			}
		}
	}
	file := storeFile(q)
	facts := make([]store.RoundFacts, 0, len(m.Rounds))
	for _, rd := range m.Rounds {
		rows := make([]store.Row, 0, len(rd.Answers)+len(rd.Notes))
		for _, a := range rd.Answers {
			rows = append(rows, store.Row{Department: rd.Department, Assessment: rd.Label, Respondent: a.Respondent, Question: a.Question, Level: a.Value})
		}
		for _, n := range rd.Notes {
			rows = append(rows, store.Row{Department: rd.Department, Assessment: rd.Label, Question: n.Question, Note: n.Text})
		}
		now = rd.Closed
		if _, err := st.ImportRows(ctx, file, rows); err != nil {
			return fmt.Errorf("demo round %s of %s: %w", rd.Label, rd.Department, err)
		}
		mode := store.ModeSelf
		if rd.Workshop {
			mode = store.ModeWorkshop
		}
		f := store.RoundFacts{Department: rd.Department, Round: rd.Label, Mode: mode, ClosedAt: rd.Closed}
		for _, a := range rd.Revote {
			f.SecondVotes = append(f.SecondVotes, store.Answer{Respondent: a.Respondent, Question: a.Question, Value: a.Value})
		}
		facts = append(facts, f)
	}
	if err := st.SetRoundFacts(ctx, facts); err != nil {
		return err
	}
	if err := writeDemoActions(ctx, st, m, func(t time.Time) { now = t }); err != nil {
		return err
	}
	err = st.Close()
	st = nil
	if err != nil {
		return err
	}
	if err := removeDatabase(path); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// writeDemoActions agrees the municipality's actions after their rounds
// and changes them as it did, each at its own time (set moves the
// store's clock).
func writeDemoActions(ctx context.Context, st *store.Store, m *demo.Municipality, set func(time.Time)) error {
	rounds, err := st.Assessments(ctx, "")
	if err != nil {
		return err
	}
	ids := map[[2]string]int64{}
	for _, a := range rounds {
		ids[[2]string{a.Department, a.Round}] = a.ID
	}
	for _, a := range m.Actions {
		id, ok := ids[[2]string{a.Department, a.Round}]
		if !ok {
			return fmt.Errorf("demo action of %s after round %s: no such round", a.Department, a.Round)
		}
		set(a.Agreed)
		x, err := st.AddAction(ctx, store.NewAction{Department: a.Department, Dimension: a.Dimension, Text: a.Text, Owner: a.Owner, Due: a.Due, AssessmentID: id})
		if err != nil {
			return fmt.Errorf("demo action of %s after round %s: %w", a.Department, a.Round, err)
		}
		for _, c := range a.Changes {
			set(c.At)
			status := store.ActionStatus(c.Status)
			u := store.ActionUpdate{Status: &status}
			if c.Evidence != "" {
				u.Evidence = &c.Evidence
			}
			if c.Reason != "" {
				u.Reason = &c.Reason
			}
			if _, err := st.UpdateAction(ctx, x.ID, u); err != nil {
				return fmt.Errorf("demo action %d: %w", x.ID, err)
			}
		}
	}
	return nil
}

// removeDatabase removes a database file with its WAL and shared-memory
// files: a WAL left beside a new file of the same name would be read as
// part of it.
func removeDatabase(path string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// printDemo says what the demo holds and where it went, in l's words.
func printDemo(w io.Writer, l labels, m *demo.Municipality, o demoOptions, db string, reports []demoFile) {
	clusters := len(m.WithRole(demo.RoleCluster))
	workshops, notes := 0, 0
	for _, rd := range m.Rounds {
		if rd.Workshop {
			workshops++
		}
		notes += len(rd.Notes)
	}
	fmt.Fprintf(w, l["demo made"]+"\n", m.Name, o.seed)
	fmt.Fprintf(w, l["demo counts"]+"\n", plural(l, "n departments", len(m.Departments)-clusters), plural(l, "n clusters", clusters),
		plural(l, "n rounds", len(m.Rounds)), plural(l, "n self-assessments", len(m.Rounds)-workshops), plural(l, "n workshops", workshops),
		plural(l, "n answers", m.Answers()), plural(l, "n notes", notes))
	c := m.CountActions(demo.ReferenceDate())
	fmt.Fprintf(w, l["demo actions"]+"\n", plural(l, "n actions agreed", len(m.Actions)), c.Done, c.Overdue, c.OnTime, c.Dropped, demo.ReferenceDay)
	for _, line := range demoStory(l, m, o.rounds) {
		fmt.Fprintf(w, "  %s\n", line)
	}
	fmt.Fprintf(w, "\n"+l["demo database"]+"\n", db)
	width := 0
	for _, r := range reports {
		width = max(width, len(r.path))
	}
	// The files line up under the first, after the label.
	label := l["demo reports"]
	for i, r := range reports {
		if i == 1 {
			label = strings.Repeat(" ", len([]rune(label)))
		}
		fmt.Fprintf(w, "%s  %-*s  %s\n", label, width, r.path, r.what)
	}
	fmt.Fprintf(w, "\n"+l["demo open"]+"\n", db)
	fmt.Fprintf(w, l["demo levels"]+"\n", db)
}

// demoStory names, in l's words, the departments that carry the demo's
// patterns in a programme of the given number of rounds.
func demoStory(l labels, m *demo.Municipality, programme int) []string {
	var out []string
	rounds := map[string][]demo.Round{}
	for _, rd := range m.Rounds {
		rounds[rd.Department] = append(rounds[rd.Department], rd)
	}
	for _, n := range m.WithRole(demo.RoleImproving) {
		if len(rounds[n]) > 1 {
			out = append(out, fmt.Sprintf(l["demo improves"], n))
		}
		if rs := rounds[n]; len(rs) > 0 && len(rs[len(rs)-1].Revote) > 0 {
			disputed := len(rs[len(rs)-1].Disputed)
			out = append(out, fmt.Sprintf(oneOrMore(l, "demo revote", disputed), n, disputed))
		}
	}
	for _, n := range m.WithRole(demo.RoleDisagreeing) {
		if rs := rounds[n]; len(rs) > 0 && len(rs[len(rs)-1].Disputed) > 0 {
			disputed := len(rs[len(rs)-1].Disputed)
			out = append(out, fmt.Sprintf(oneOrMore(l, "demo disagrees", disputed), n, disputed))
		}
	}
	var parts []string
	if gov := m.WithRole(demo.RoleCappedByGovernance); len(gov) > 0 {
		parts = append(parts, fmt.Sprintf(l["demo capped governance"], joinAnd(l, gov)))
	}
	if ready := m.WithRole(demo.RoleCappedByReadiness); len(ready) > 0 {
		parts = append(parts, fmt.Sprintf(l["demo capped readiness"], joinAnd(l, ready)))
	}
	for _, d := range m.Departments {
		if d.Role == demo.RoleCappedByMinimum && d.Breach != "" {
			parts = append(parts, fmt.Sprintf(l["demo capped minimum"], d.Name, d.Breach))
		}
	}
	if len(parts) > 0 {
		out = append(out, fmt.Sprintf(l["demo capped"], strings.Join(parts, "; ")))
	}
	for _, d := range m.Departments {
		if n := len(rounds[d.Name]); d.AgreesNothing && n > 0 {
			out = append(out, fmt.Sprintf(oneOrMore(l, "demo no action", n), d.Name, n))
		}
	}
	for _, n := range m.WithRole(demo.RoleStale) {
		if len(rounds[n]) == 1 && programme > 1 {
			out = append(out, fmt.Sprintf(l["demo stale"], n))
		}
	}
	return out
}

// joinAnd joins names as a sentence does: "A, B and C", with l's "and".
func joinAnd(l labels, names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + l["and"] + names[len(names)-1]
}
