package store_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/store"
)

// registerStore is a database with two departments, Burgerzaken with the
// round 2026-11 and Sport without rounds, and the clock at t.
func registerStore(t *testing.T, at time.Time) *store.Store {
	t.Helper()
	s := openStore(t)
	s.Now = func() time.Time { return at }
	for _, d := range []string{"Burgerzaken", "Sport"} {
		if _, err := s.CreateDepartment(ctx, d, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.StartAssessment(ctx, store.StartOptions{Department: "Burgerzaken", Questionnaire: defaultFile(t), Mode: store.ModeSelf, Round: "2026-11"}); err != nil {
		t.Fatal(err)
	}
	return s
}

// importAll imports actions as a file would give them, collecting the
// entry errors as ScanActions would.
func importAll(s *store.Store, opts store.ActionImportOptions, actions []store.Action) (store.ActionImportStats, []string, error) {
	var bad []string
	stats, err := s.ImportActions(ctx, opts, func(add func(store.Action) error) error {
		for _, a := range actions {
			if err := add(a); err != nil {
				var ee *store.ActionEntryError
				if !errors.As(err, &ee) {
					return err
				}
				bad = append(bad, ee.Error())
			}
		}
		if len(bad) > 0 {
			return errors.New("bad entries")
		}
		return nil
	})
	return stats, bad, err
}

// TestActionService_Import: actions imported into a fresh database keep
// their numbers, times and history; importing them again changes nothing;
// another action under a stored number is refused unless Replace; an
// unknown department or round refuses the whole file.
func TestActionService_Import(t *testing.T) {
	day := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	src := registerStore(t, day)
	done, err := src.AddAction(ctx, store.NewAction{Department: "Burgerzaken", Dimension: "privacy", Question: "priv-avg-dpia", Text: "DPIA-checklist invoeren", Owner: "informatiemanager", Due: "2027-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	early, err := src.AddAction(ctx, store.NewAction{Department: "Sport", Dimension: "quality", Text: "Kwaliteitsregels opschrijven"})
	if err != nil {
		t.Fatal(err)
	}
	src.Now = func() time.Time { return day.Add(48 * time.Hour) }
	if _, err := src.UpdateAction(ctx, done.ID, store.ActionUpdate{Status: statusPtr(store.ActionInProgress), Owner: strPtr("teamleider")}); err != nil {
		t.Fatal(err)
	}
	src.Now = func() time.Time { return day.Add(30 * 24 * time.Hour) }
	if _, err := src.UpdateAction(ctx, done.ID, store.ActionUpdate{Status: statusPtr(store.ActionDone), Evidence: strPtr("Vastgesteld in het MT")}); err != nil {
		t.Fatal(err)
	}
	want, err := src.Actions(ctx, store.ActionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 2 || want[0].ID != done.ID || want[1].ID != early.ID || len(want[0].History) != 5 {
		t.Fatalf("source actions = %+v", want)
	}

	dst := registerStore(t, day)
	stats, bad, err := importAll(dst, store.ActionImportOptions{}, want)
	if err != nil || len(bad) > 0 {
		t.Fatalf("import: %v %v", err, bad)
	}
	if stats != (store.ActionImportStats{Added: 2}) {
		t.Errorf("stats = %+v; want 2 added", stats)
	}
	got, err := dst.Actions(ctx, store.ActionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("imported actions differ:\n got %+v\nwant %+v", got, want)
	}
	// A new action after the import takes the next number.
	next, err := dst.AddAction(ctx, store.NewAction{Department: "Sport", Dimension: "quality", Text: "Nog een"})
	if err != nil || next.ID != 3 {
		t.Errorf("next action = %d, %v; want 3", next.ID, err)
	}

	// Again: everything is stored as it is.
	if stats, bad, err := importAll(dst, store.ActionImportOptions{}, want); err != nil || len(bad) > 0 || stats != (store.ActionImportStats{Unchanged: 2}) {
		t.Errorf("second import: %+v %v %v; want 2 unchanged", stats, bad, err)
	}

	// Another action under number 1: refused, unless Replace.
	other := want[0]
	other.History = append([]store.ActionChange{}, want[0].History...)
	other.History = append(other.History, store.ActionChange{At: day.Add(40 * 24 * time.Hour), Field: "text", Old: other.Text, New: "Andere tekst"})
	other.Text = "Andere tekst"
	_, bad, err = importAll(dst, store.ActionImportOptions{}, []store.Action{want[1], other})
	if err == nil || len(bad) != 1 || !strings.HasPrefix(bad[0], "id: 1 is stored already and differs from the file: action 1 (DPIA-checklist invoeren) of Burgerzaken (to let") {
		t.Errorf("conflict: %v %q", err, bad)
	}
	if stats, bad, err := importAll(dst, store.ActionImportOptions{Replace: true}, []store.Action{other}); err != nil || len(bad) > 0 || stats != (store.ActionImportStats{Replaced: 1}) {
		t.Errorf("replace: %+v %v %v", stats, bad, err)
	}
	a, err := dst.Action(ctx, 1)
	if err != nil || a.Text != "Andere tekst" || len(a.History) != 6 {
		t.Errorf("replaced action = %+v, %v", a, err)
	}

	// A file with any bad entry writes nothing, its good ones neither.
	fresh := registerStore(t, day)
	unknownDept, unknownRound := want[1], want[0]
	unknownDept.ID, unknownDept.Department = 7, "Burgerzakne"
	unknownRound.ID, unknownRound.Round = 8, "2025-03"
	_, bad, err = importAll(fresh, store.ActionImportOptions{}, []store.Action{want[1], unknownDept, unknownRound})
	if err == nil || len(bad) != 2 {
		t.Fatalf("bad entries: %v %q", err, bad)
	}
	for i, w := range []string{`department: unknown department "Burgerzakne" (did you mean "Burgerzaken"?)`,
		`round: department "Burgerzaken" has no round "2025-03" (its rounds: "2026-11"`} {
		if !strings.HasPrefix(bad[i], w) {
			t.Errorf("problem %d = %q; want %q…", i, bad[i], w)
		}
	}
	if all, _ := fresh.Actions(ctx, store.ActionFilter{}); len(all) != 0 {
		t.Errorf("a refused file wrote %d actions", len(all))
	}

	// The dimension check is the caller's, with the round's questionnaire.
	var seen []string
	check := func(a store.Action, digest string, def []byte) error {
		seen = append(seen, a.Round+"/"+digest[:min(len(digest), 8)]+"/"+map[bool]string{true: "def", false: "none"}[len(def) > 0])
		if a.Dimension == "quality" {
			return &store.ActionEntryError{Field: "dimension", Message: "no"}
		}
		return nil
	}
	_, bad, _ = importAll(fresh, store.ActionImportOptions{Check: check}, want)
	if len(seen) != 2 || seen[0] != "2026-11/"+defaultFile(t).Digest[:8]+"/def" || seen[1] != "//none" || len(bad) != 1 || bad[0] != "dimension: no" {
		t.Errorf("check saw %q, refused %q", seen, bad)
	}
}

// TestCheckImportedAction: a history that does not lead to the action as
// it is, and the values no action may have, are entry errors naming the
// field.
func TestCheckImportedAction(t *testing.T) {
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	later := at.Add(time.Hour)
	good := func() store.Action {
		return store.Action{ID: 1, Department: "Burgerzaken", Round: "2026-11", Dimension: "quality", Text: "Regels", Owner: "teamleider",
			Due: "2027-01-31", Status: store.ActionDone, Evidence: "MT-besluit", CreatedAt: at, History: []store.ActionChange{
				{At: at, Field: "created", New: "planned"},
				{At: later, Field: "status", Old: "planned", New: "in_progress"},
				{At: later, Field: "evidence", Old: "", New: "MT-besluit"},
				{At: later, Field: "status", Old: "in_progress", New: "done"},
			}}
	}
	if err := store.CheckImportedAction(good()); err != nil {
		t.Fatalf("good action: %v", err)
	}
	for _, c := range []struct {
		name   string
		change func(*store.Action)
		want   string
	}{
		{"empty text", func(a *store.Action) { a.Text = "  " }, "text: is empty (expected what will be done)"},
		{"bad date", func(a *store.Action) { a.Due = "31-01-2027" }, `due: "31-01-2027" is not a date (expected YYYY-MM-DD, e.g. 2027-03-31, or "" for none)`},
		{"bad status", func(a *store.Action) { a.Status = "gereed" }, `status: "gereed" is not a status (expected planned, in_progress, done or dropped)`},
		{"done without evidence", func(a *store.Action) { a.Evidence = "" }, "evidence: is empty, but the status is done (expected what shows it was done)"},
		{"dropped without reason", func(a *store.Action) { a.Status = store.ActionDropped },
			"reason: is empty, but the status is dropped (expected why it was dropped)"},
		{"no history", func(a *store.Action) { a.History = nil }, `history: is empty (expected at least the change "created" to planned)`},
		{"created later", func(a *store.Action) { a.History[0].At = later },
			"history[0].at: is 2026-11-20T11:00:00Z, but created_at is 2026-11-20T10:00:00Z (expected the same time)"},
		{"not created first", func(a *store.Action) { a.History = a.History[1:] },
			`history[0]: is status "planned" → "in_progress" (expected the change "created" from "" to "planned")`},
		{"status history ends elsewhere", func(a *store.Action) { a.History = a.History[:3] },
			`status: is "done", but its history ends at "in_progress" (expected the value of the last change)`},
		{"status jumps", func(a *store.Action) { a.History[3].Old = "planned" },
			`history[3].old: is "planned", but the status was "in_progress" by then (expected each change to start where the one before ended)`},
		{"backwards in time", func(a *store.Action) { a.History[2].At = at.Add(-time.Hour) },
			"history[2].at: is before the change above it (expected the changes oldest first)"},
		{"unknown field", func(a *store.Action) { a.History[2].Field = "colour" },
			`history[2].field: "colour" is not a field that changes (expected status, owner, due, text, evidence, reason)`},
		{"evidence differs from its history", func(a *store.Action) { a.Evidence = "Iets anders" },
			`evidence: is "Iets anders", but its history ends at "MT-besluit" (expected the value of the last change)`},
		{"long department", func(a *store.Action) { a.Department = strings.Repeat("x", store.MaxNameRunes+1) }, "department: "},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := good()
			c.change(&a)
			err := store.CheckImportedAction(a)
			var ee *store.ActionEntryError
			if !errors.As(err, &ee) || !strings.HasPrefix(ee.Error(), c.want) {
				t.Errorf("got %v; want %q", err, c.want)
			}
		})
	}
}
