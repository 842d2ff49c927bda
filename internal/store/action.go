package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ActionStatus is where an agreed action stands.
type ActionStatus string

// The statuses of an action, as stored and in JSON.
const (
	ActionPlanned    ActionStatus = "planned"
	ActionInProgress ActionStatus = "in_progress"
	ActionDone       ActionStatus = "done"
	ActionDropped    ActionStatus = "dropped"
)

// ActionStatuses lists every status in the order an action moves through them.
var ActionStatuses = []ActionStatus{ActionPlanned, ActionInProgress, ActionDone, ActionDropped}

// Open reports whether an action with this status still has to be done.
func (s ActionStatus) Open() bool { return s == ActionPlanned || s == ActionInProgress }

// dateFormat is how a due date is written and stored.
const dateFormat = "2006-01-02"

// Action is one thing a department agreed to do after a round: its text,
// the role that owns it, when it is due, and what became of it.
type Action struct {
	ID         int64
	Department string
	// AssessmentID and Round are the round after which it was agreed; 0
	// and "" when the department had no round yet.
	AssessmentID int64
	Round        string
	Dimension    string
	// Question is the question (or legal minimum) it answers, "" for none.
	Question string
	Text     string
	// Owner is a role ("teamleider"), not a person's name.
	Owner string
	// Due is a date as YYYY-MM-DD, "" for none.
	Due       string
	Status    ActionStatus
	Evidence  string // what shows it was done
	Reason    string // why it was dropped
	CreatedAt time.Time
	History   []ActionChange
}

// ActionChange is one change of an action, kept with its time.
type ActionChange struct {
	At time.Time
	// Field is created, status, owner, due, text, evidence or reason.
	Field    string
	Old, New string
}

// Overdue reports whether the action is still open after its due date, on
// the day of now.
func (a Action) Overdue(now time.Time) bool {
	return a.Status.Open() && a.Due != "" && a.Due < now.Format(dateFormat)
}

// ClosedAt is when the action was done or dropped, the zero time while it
// is open.
func (a Action) ClosedAt() time.Time {
	var at time.Time
	for _, c := range a.History {
		if c.Field == "status" && (c.New == string(ActionDone) || c.New == string(ActionDropped)) {
			at = c.At
		}
	}
	if a.Status.Open() {
		return time.Time{}
	}
	return at
}

// NewAction is what it takes to agree an action.
type NewAction struct {
	Department, Dimension, Question, Text, Owner, Due string
	// AssessmentID is the round it follows; 0 takes the department's
	// latest round, if it has one.
	AssessmentID int64
}

// ActionUpdate changes the fields that are not nil.
type ActionUpdate struct {
	Status           *ActionStatus
	Owner, Due, Text *string
	Evidence, Reason *string
}

// ParseDue checks a due date written as YYYY-MM-DD ("" for none).
func ParseDue(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	t, err := time.Parse(dateFormat, s)
	if err != nil || t.Format(dateFormat) != s {
		return "", errorf(EINVALID, "due date %q is not a date (expected YYYY-MM-DD, e.g. 2027-03-31)", s)
	}
	return s, nil
}

// checkActionTexts refuses what no action may hold: an empty text, a text,
// evidence or reason beyond a note's length or with NUL characters, an owner
// that is not a short printable name.
func checkActionTexts(text, owner, evidence, reason string) error {
	if strings.TrimSpace(text) == "" {
		return errorf(EINVALID, "an action needs a text: what will be done")
	}
	for _, f := range []struct{ what, v string }{{"the action's text", text}, {"the evidence", evidence}, {"the reason", reason}} {
		if err := CheckNote(f.v); err != nil {
			return errorf(EINVALID, "%s %s", f.what, err.Error())
		}
	}
	return checkName("the owner", owner)
}

// AddAction agrees an action; it is planned until it changes.
func (s *Store) AddAction(ctx context.Context, n NewAction) (Action, error) {
	n.Text, n.Owner = strings.TrimSpace(n.Text), strings.TrimSpace(n.Owner)
	due, err := ParseDue(n.Due)
	if err != nil {
		return Action{}, err
	}
	if err := checkActionTexts(n.Text, n.Owner, "", ""); err != nil {
		return Action{}, err
	}
	var id int64
	err = s.tx(ctx, func(tx *sql.Tx) error {
		d, err := departmentByName(ctx, tx, n.Department)
		if err != nil {
			return err
		}
		var round sql.NullInt64
		if n.AssessmentID != 0 {
			a, err := assessmentByID(ctx, tx, n.AssessmentID)
			if err != nil {
				return err
			}
			if a.Department != d.Name {
				return errorf(EINVALID, "assessment %d belongs to %s, not to %s", a.ID, a.Department, d.Name)
			}
			round = sql.NullInt64{Int64: a.ID, Valid: true}
		} else if err := tx.QueryRowContext(ctx, `SELECT id FROM assessments WHERE department_id = ? ORDER BY created_at DESC, id DESC LIMIT 1`, d.ID).Scan(&round); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		now := s.now()
		res, err := tx.ExecContext(ctx, `INSERT INTO actions (department_id, assessment_id, dimension, question, text, owner, due, status, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, round, n.Dimension, nullable(n.Question), n.Text, n.Owner, nullable(due), ActionPlanned, now)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		return addChange(ctx, tx, id, now, "created", "", string(ActionPlanned))
	})
	if err != nil {
		return Action{}, err
	}
	return s.Action(ctx, id)
}

// UpdateAction changes an action and records each change in its history.
// Done needs evidence and dropped a reason; a closed action can be
// reopened by setting an open status.
func (s *Store) UpdateAction(ctx context.Context, id int64, u ActionUpdate) (Action, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		a, err := actionByID(ctx, tx, id)
		if err != nil {
			return err
		}
		next := a
		if u.Status != nil {
			if !validStatus(*u.Status) {
				return errorf(EINVALID, "status %q is not one of planned, in_progress, done, dropped", *u.Status)
			}
			next.Status = *u.Status
		}
		set := func(dst *string, v *string) {
			if v != nil {
				*dst = strings.TrimSpace(*v)
			}
		}
		set(&next.Owner, u.Owner)
		set(&next.Text, u.Text)
		set(&next.Evidence, u.Evidence)
		set(&next.Reason, u.Reason)
		if u.Due != nil {
			if next.Due, err = ParseDue(*u.Due); err != nil {
				return err
			}
		}
		switch {
		case next.Status == ActionDone && next.Evidence == "":
			return errorf(EINVALID, "action %d: done needs evidence: what shows it was done (--evidence)", id)
		case next.Status == ActionDropped && next.Reason == "":
			return errorf(EINVALID, "action %d: dropped needs a reason (--reason)", id)
		}
		if err := checkActionTexts(next.Text, next.Owner, next.Evidence, next.Reason); err != nil {
			return err
		}
		now := s.now()
		for _, c := range []struct{ field, old, new string }{
			{"text", a.Text, next.Text}, {"owner", a.Owner, next.Owner}, {"due", a.Due, next.Due},
			{"evidence", a.Evidence, next.Evidence}, {"reason", a.Reason, next.Reason}, {"status", string(a.Status), string(next.Status)},
		} {
			if c.old != c.new {
				if err := addChange(ctx, tx, id, now, c.field, c.old, c.new); err != nil {
					return err
				}
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE actions SET text = ?, owner = ?, due = ?, status = ?, evidence = ?, reason = ? WHERE id = ?`,
			next.Text, next.Owner, nullable(next.Due), next.Status, next.Evidence, next.Reason, id)
		return err
	})
	if err != nil {
		return Action{}, err
	}
	return s.Action(ctx, id)
}

func validStatus(s ActionStatus) bool {
	for _, x := range ActionStatuses {
		if x == s {
			return true
		}
	}
	return false
}

func addChange(ctx context.Context, tx *sql.Tx, id int64, at, field, old, new string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO action_history (action_id, seq, at, field, old, new)
		VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM action_history WHERE action_id = ?), ?, ?, ?, ?)`, id, id, at, field, old, new)
	return err
}

const actionColumns = `x.id, d.name, coalesce(x.assessment_id, 0), coalesce(a.round, ''), x.dimension, coalesce(x.question, ''), x.text, x.owner,
	coalesce(x.due, ''), x.status, x.evidence, x.reason, x.created_at
	FROM actions x JOIN departments d ON d.id = x.department_id LEFT JOIN assessments a ON a.id = x.assessment_id`

func scanAction(sc scanner) (Action, error) {
	var a Action
	var created string
	err := sc.Scan(&a.ID, &a.Department, &a.AssessmentID, &a.Round, &a.Dimension, &a.Question, &a.Text, &a.Owner, &a.Due, &a.Status, &a.Evidence, &a.Reason, &created)
	a.CreatedAt = parseTime(created)
	return a, err
}

func actionByID(ctx context.Context, q queryer, id int64) (Action, error) {
	a, err := scanAction(q.QueryRowContext(ctx, `SELECT `+actionColumns+` WHERE x.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Action{}, errorf(ENOTFOUND, "unknown action %d (see maturity actions list)", id)
	}
	return a, err
}

// Action returns one action with its history.
func (s *Store) Action(ctx context.Context, id int64) (Action, error) {
	a, err := actionByID(ctx, s.db, id)
	if err != nil {
		return Action{}, translate(s.path, err)
	}
	all, err := s.withHistory(ctx, []Action{a})
	if err != nil {
		return Action{}, err
	}
	return all[0], nil
}

// ActionFilter selects actions; the zero value selects all.
type ActionFilter struct {
	Department string
	// AssessmentID selects the actions agreed after one round.
	AssessmentID int64
	Status       ActionStatus
}

// Actions lists actions with their history, by department and then in the
// order they were agreed.
func (s *Store) Actions(ctx context.Context, f ActionFilter) ([]Action, error) {
	var where []string
	var args []any
	if f.Department != "" {
		d, err := departmentByName(ctx, s.db, f.Department)
		if err != nil {
			return nil, translate(s.path, err)
		}
		where, args = append(where, "x.department_id = ?"), append(args, d.ID)
	}
	if f.AssessmentID != 0 {
		where, args = append(where, "x.assessment_id = ?"), append(args, f.AssessmentID)
	}
	if f.Status != "" {
		if !validStatus(f.Status) {
			return nil, errorf(EINVALID, "status %q is not one of planned, in_progress, done, dropped", f.Status)
		}
		where, args = append(where, "x.status = ?"), append(args, f.Status)
	}
	query := `SELECT ` + actionColumns
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := s.db.QueryContext(ctx, query+` ORDER BY d.name COLLATE NOCASE, x.id`, args...)
	if err != nil {
		return nil, translate(s.path, err)
	}
	out, err := collect(rows, scanAction)
	if err != nil {
		return nil, err
	}
	return s.withHistory(ctx, out)
}

// withHistory reads the history of the given actions.
func (s *Store) withHistory(ctx context.Context, actions []Action) ([]Action, error) {
	if len(actions) == 0 {
		return actions, nil
	}
	index := map[int64]int{}
	for i, a := range actions {
		index[a.ID] = i
		actions[i].History = []ActionChange{}
	}
	query, args := `SELECT action_id, at, field, old, new FROM action_history`, []any{}
	if len(actions) <= 500 {
		marks := make([]string, len(actions))
		for i, a := range actions {
			marks[i], args = "?", append(args, a.ID)
		}
		query += ` WHERE action_id IN (` + strings.Join(marks, ", ") + `)`
	}
	rows, err := s.db.QueryContext(ctx, query+` ORDER BY action_id, seq`, args...)
	if err != nil {
		return nil, translate(s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var at string
		var c ActionChange
		if err := rows.Scan(&id, &at, &c.Field, &c.Old, &c.New); err != nil {
			return nil, err
		}
		if i, ok := index[id]; ok {
			c.At = parseTime(at)
			actions[i].History = append(actions[i].History, c)
		}
	}
	return actions, rows.Err()
}

// String names the action for messages: its id and the start of its text.
func (a Action) String() string {
	text := a.Text
	if r := []rune(text); len(r) > 60 {
		text = string(r[:59]) + "…"
	}
	return fmt.Sprintf("action %d (%s)", a.ID, text)
}
