package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ActionEntryError is what is wrong with one action of an imported file:
// the field at fault, as the JSON names it ("text", "history[2].old"), and
// what was expected. The reader of the file adds where the entry is.
type ActionEntryError struct {
	Field, Message string
}

func (e *ActionEntryError) Error() string { return e.Field + ": " + e.Message }

func entryErr(field, format string, args ...any) error {
	return &ActionEntryError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// historyFields are the fields a change of an action names, but created.
var historyFields = []string{"status", "owner", "due", "text", "evidence", "reason"}

// CheckImportedAction checks an action read from a file on its own, before
// the database is asked anything: names and texts within the store's
// limits, a text, a valid status and due date, evidence for done and a
// reason for dropped, and a history that could have been written by this
// store — it starts with created (planned) at the action's creation, runs
// forward in time, and each field's changes follow on from each other and
// end at the action's value, its status changes from planned to the
// action's status. It returns an *ActionEntryError.
func CheckImportedAction(a Action) error {
	for _, f := range []struct{ field, v string }{{"department", a.Department}, {"round", a.Round}, {"dimension", a.Dimension}, {"question", a.Question}} {
		if err := CheckName(f.v); err != nil {
			return entryErr(f.field, "%s", err.Error())
		}
	}
	if strings.TrimSpace(a.Department) == "" {
		return entryErr("department", "is empty (expected the department's name)")
	}
	if strings.TrimSpace(a.Dimension) == "" {
		return entryErr("dimension", "is empty (expected a dimension's id)")
	}
	if strings.TrimSpace(a.Text) == "" {
		return entryErr("text", "is empty (expected what will be done)")
	}
	for _, f := range []struct{ field, v string }{{"text", a.Text}, {"evidence", a.Evidence}, {"reason", a.Reason}} {
		if err := CheckNote(f.v); err != nil {
			return entryErr(f.field, "%s", err.Error())
		}
	}
	if err := CheckName(a.Owner); err != nil {
		return entryErr("owner", "%s", err.Error())
	}
	if due, err := ParseDue(a.Due); err != nil || due != a.Due {
		return entryErr("due", "%q is not a date (expected YYYY-MM-DD, e.g. 2027-03-31, or \"\" for none)", a.Due)
	}
	if !validStatus(a.Status) {
		return entryErr("status", "%q is not a status (expected planned, in_progress, done or dropped)", a.Status)
	}
	if a.Status == ActionDone && strings.TrimSpace(a.Evidence) == "" {
		return entryErr("evidence", "is empty, but the status is done (expected what shows it was done)")
	}
	if a.Status == ActionDropped && strings.TrimSpace(a.Reason) == "" {
		return entryErr("reason", "is empty, but the status is dropped (expected why it was dropped)")
	}
	return checkHistory(a)
}

// checkHistory checks that an action's history leads to the action as it
// is; see CheckImportedAction.
func checkHistory(a Action) error {
	h := a.History
	if len(h) == 0 {
		return entryErr("history", "is empty (expected at least the change \"created\" to planned)")
	}
	if h[0].Field != "created" || h[0].Old != "" || h[0].New != string(ActionPlanned) {
		return entryErr("history[0]", "is %s %q → %q (expected the change \"created\" from \"\" to \"planned\")", h[0].Field, h[0].Old, h[0].New)
	}
	if !h[0].At.Equal(a.CreatedAt) {
		return entryErr("history[0].at", "is %s, but created_at is %s (expected the same time)", h[0].At.UTC().Format(time.RFC3339), a.CreatedAt.UTC().Format(time.RFC3339))
	}
	current := map[string]string{"status": string(ActionPlanned)}
	seen := map[string]bool{"status": true}
	for i := 1; i < len(h); i++ {
		c := h[i]
		if c.At.Before(h[i-1].At) {
			return entryErr(fmt.Sprintf("history[%d].at", i), "is before the change above it (expected the changes oldest first)")
		}
		known := false
		for _, f := range historyFields {
			known = known || c.Field == f
		}
		if !known {
			return entryErr(fmt.Sprintf("history[%d].field", i), "%q is not a field that changes (expected %s)", c.Field, strings.Join(historyFields, ", "))
		}
		if c.Old == c.New {
			return entryErr(fmt.Sprintf("history[%d]", i), "changes %s from %q to the same (expected a change)", c.Field, c.Old)
		}
		if c.Field == "status" && !validStatus(ActionStatus(c.New)) {
			return entryErr(fmt.Sprintf("history[%d].new", i), "%q is not a status (expected planned, in_progress, done or dropped)", c.New)
		}
		if seen[c.Field] && current[c.Field] != c.Old {
			return entryErr(fmt.Sprintf("history[%d].old", i), "is %q, but the %s was %q by then (expected each change to start where the one before ended)", c.Old, c.Field, current[c.Field])
		}
		seen[c.Field], current[c.Field] = true, c.New
	}
	for _, f := range []struct{ field, v string }{{"status", string(a.Status)}, {"owner", a.Owner}, {"due", a.Due}, {"text", a.Text}, {"evidence", a.Evidence}, {"reason", a.Reason}} {
		if seen[f.field] && current[f.field] != f.v {
			return entryErr(f.field, "is %q, but its history ends at %q (expected the value of the last change)", f.v, current[f.field])
		}
	}
	return nil
}

// ActionImportOptions say how an actions import checks what a file gives
// and treats what is stored already.
type ActionImportOptions struct {
	// Replace lets an action of the file replace a different one stored
	// under its number. Without it such an action is a bad entry.
	Replace bool
	// Check checks an action's dimension and question against the
	// questionnaire of the round it follows: definition is that round's
	// questionnaire file and digest its SHA-256; both are empty for an
	// action without a round. It returns an *ActionEntryError for a bad
	// entry; nil Check checks nothing.
	Check func(a Action, digest string, definition []byte) error
}

// ActionImportStats counts what an actions import did.
type ActionImportStats struct {
	// Added are new actions, Replaced those that replaced a stored action
	// of the same number, Unchanged those stored already as the file
	// gives them.
	Added, Replaced, Unchanged int
}

// ImportActions writes the actions that read hands to add in one
// transaction: either all are stored or none is. Each keeps its number,
// its times and its history as the file gives them, so that an export
// imported into a fresh database exports the same again. The department
// and the round (by its label) must exist; the round's number in the
// database is this database's, whatever the file's assessment said.
//
// add returns an *ActionEntryError for an action that cannot be stored (an
// unknown department or round, a number taken by another action) and goes
// on taking actions, so that read can list every bad one; any other error
// is the store's. When read returns an error, or add returned an
// *ActionEntryError, nothing is written and read's error is returned.
func (s *Store) ImportActions(ctx context.Context, opts ActionImportOptions, read func(add func(Action) error) error) (ActionImportStats, error) {
	var st ActionImportStats
	im := &actionImporter{opts: opts, depts: map[string]int64{}, rounds: map[string]importRound{}, definitions: map[string][]byte{}}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		im.ctx, im.tx = ctx, tx
		if err := im.prepare(); err != nil {
			return err
		}
		defer im.close()
		rerr := read(im.add)
		switch {
		case rerr != nil:
			return fileError{rerr}
		case im.bad:
			return fileError{errors.New("the file has bad entries: nothing was imported")}
		}
		st = im.stats
		return nil
	})
	var fe fileError
	if errors.As(err, &fe) {
		return ActionImportStats{}, fe.err
	}
	if err != nil {
		return ActionImportStats{}, translate(s.path, err)
	}
	return st, nil
}

// importRound is a round an imported action follows.
type importRound struct {
	id     int64
	digest string
}

// actionImporter writes the actions of one file in one transaction.
type actionImporter struct {
	ctx  context.Context
	tx   *sql.Tx
	opts ActionImportOptions
	// depts and rounds are looked up once: by department name (lower
	// case), by department id and round label.
	depts       map[string]int64
	rounds      map[string]importRound
	definitions map[string][]byte
	stats       ActionImportStats
	bad         bool // an entry was refused
	// The statements run for every action, prepared once.
	exists, insertAction, insertChange *sql.Stmt
}

// prepare makes the statements run for every action.
func (im *actionImporter) prepare() error {
	for _, p := range []struct {
		stmt  **sql.Stmt
		query string
	}{
		{&im.exists, `SELECT count(*) FROM actions WHERE id = ?`},
		{&im.insertAction, `INSERT INTO actions (id, department_id, assessment_id, dimension, question, text, owner, due, status, evidence, reason, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&im.insertChange, `INSERT INTO action_history (action_id, seq, at, field, old, new) VALUES (?, ?, ?, ?, ?, ?)`},
	} {
		var err error
		if *p.stmt, err = im.tx.PrepareContext(im.ctx, p.query); err != nil {
			return err
		}
	}
	return nil
}

func (im *actionImporter) close() {
	for _, st := range []*sql.Stmt{im.exists, im.insertAction, im.insertChange} {
		if st != nil {
			st.Close()
		}
	}
}

func (im *actionImporter) add(a Action) error {
	err := im.write(a)
	var ee *ActionEntryError
	if errors.As(err, &ee) {
		im.bad = true
	}
	return err
}

func (im *actionImporter) write(a Action) error {
	if err := CheckImportedAction(a); err != nil {
		return err
	}
	if a.ID < 1 {
		return entryErr("id", "%d is not an action number (expected a whole number from 1)", a.ID)
	}
	deptID, ok := im.depts[strings.ToLower(a.Department)]
	if !ok {
		d, err := departmentByName(im.ctx, im.tx, a.Department)
		var se *Error
		if errors.As(err, &se) && se.Code == ENOTFOUND {
			if len(se.Suggestions) > 0 {
				return entryErr("department", "%s", se.Message)
			}
			return entryErr("department", "%s: import the department's answers first, or add it with maturity department add", se.Message)
		}
		if err != nil {
			return err
		}
		deptID = d.ID
		im.depts[strings.ToLower(a.Department)] = deptID
	}
	var round importRound
	if a.Round != "" {
		key := fmt.Sprintf("%d\x00%s", deptID, a.Round)
		if round, ok = im.rounds[key]; !ok {
			err := im.tx.QueryRowContext(im.ctx, `SELECT a.id, q.digest FROM assessments a JOIN questionnaires q ON q.id = a.questionnaire_id
				WHERE a.department_id = ? AND a.round = ?`, deptID, a.Round).Scan(&round.id, &round.digest)
			if errors.Is(err, sql.ErrNoRows) {
				return im.unknownRound(deptID, a)
			}
			if err != nil {
				return err
			}
			im.rounds[key] = round
		}
	}
	if im.opts.Check != nil {
		var def []byte
		if round.digest != "" {
			if def, ok = im.definitions[round.digest]; !ok {
				if err := im.tx.QueryRowContext(im.ctx, `SELECT definition FROM questionnaires WHERE digest = ?`, round.digest).Scan(&def); err != nil {
					return err
				}
				im.definitions[round.digest] = def
			}
		}
		if err := im.opts.Check(a, round.digest, def); err != nil {
			return err
		}
	}
	if im.bad {
		// The file is refused already: check the rest, write nothing.
		return nil
	}
	var n int
	if err := im.exists.QueryRowContext(im.ctx, a.ID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		im.stats.Added++
		return im.insert(a, deptID, round.id)
	}
	stored, err := actionByID(im.ctx, im.tx, a.ID)
	if err != nil {
		return err
	}
	if stored.History, err = historyOf(im.ctx, im.tx, a.ID); err != nil {
		return err
	}
	var storedDept int64
	if err := im.tx.QueryRowContext(im.ctx, `SELECT department_id FROM actions WHERE id = ?`, a.ID).Scan(&storedDept); err != nil {
		return err
	}
	if storedDept == deptID && stored.AssessmentID == round.id && sameAction(stored, a) {
		im.stats.Unchanged++
		return nil
	}
	if !im.opts.Replace {
		return entryErr("id", "%d is stored already and differs from the file: %s of %s (to let the file's action replace it, import with --replace)",
			a.ID, stored.String(), stored.Department)
	}
	if _, err := im.tx.ExecContext(im.ctx, `DELETE FROM actions WHERE id = ?`, a.ID); err != nil {
		return err
	}
	im.stats.Replaced++
	return im.insert(a, deptID, round.id)
}

// maxRoundsNamed bounds the rounds a message about an unknown round names:
// the latest ones.
const maxRoundsNamed = 10

// unknownRound is the entry error of a round the department does not have,
// naming the rounds it has.
func (im *actionImporter) unknownRound(deptID int64, a Action) error {
	rows, err := im.tx.QueryContext(im.ctx, `SELECT round FROM assessments WHERE department_id = ? ORDER BY created_at, id`, deptID)
	if err != nil {
		return err
	}
	labels, err := collect(rows, func(sc scanner) (string, error) {
		var s string
		return s, sc.Scan(&s)
	})
	if err != nil {
		return err
	}
	has := "it has no rounds yet"
	if len(labels) > 0 {
		earlier := ""
		if len(labels) > maxRoundsNamed {
			labels, earlier = labels[len(labels)-maxRoundsNamed:], "…, "
		}
		has = "its rounds: " + earlier + strings.Join(quoteAll(labels), ", ")
	}
	return entryErr("round", "department %q has no round %q (%s; \"\" for an action agreed before any round)", a.Department, a.Round, has)
}

// insert writes an action under its own number, with its history.
func (im *actionImporter) insert(a Action, deptID, roundID int64) error {
	round := sql.NullInt64{Int64: roundID, Valid: roundID != 0}
	_, err := im.insertAction.ExecContext(im.ctx, a.ID, deptID, round, a.Dimension, nullable(a.Question), a.Text, a.Owner, nullable(a.Due),
		a.Status, a.Evidence, a.Reason, a.CreatedAt.UTC().Format(timeFormat))
	if err != nil {
		return err
	}
	for i, c := range a.History {
		if _, err := im.insertChange.ExecContext(im.ctx, a.ID, i+1, c.At.UTC().Format(timeFormat), c.Field, c.Old, c.New); err != nil {
			return err
		}
	}
	return nil
}

// historyOf reads one action's history inside a transaction.
func historyOf(ctx context.Context, tx *sql.Tx, id int64) ([]ActionChange, error) {
	rows, err := tx.QueryContext(ctx, `SELECT at, field, old, new FROM action_history WHERE action_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(sc scanner) (ActionChange, error) {
		var c ActionChange
		var at string
		err := sc.Scan(&at, &c.Field, &c.Old, &c.New)
		c.At = parseTime(at)
		return c, err
	})
}

// sameAction reports whether a stored action is the one the file gives,
// to the second the store keeps times in.
func sameAction(stored, a Action) bool {
	second := func(t time.Time) string { return t.UTC().Format(timeFormat) }
	if stored.Dimension != a.Dimension || stored.Question != a.Question || stored.Text != a.Text || stored.Owner != a.Owner ||
		stored.Due != a.Due || stored.Status != a.Status || stored.Evidence != a.Evidence || stored.Reason != a.Reason ||
		second(stored.CreatedAt) != second(a.CreatedAt) || len(stored.History) != len(a.History) {
		return false
	}
	for i, c := range stored.History {
		x := a.History[i]
		if second(c.At) != second(x.At) || c.Field != x.Field || c.Old != x.Old || c.New != x.New {
			return false
		}
	}
	return true
}
