package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"
)

// answersPerInsert is how many answers one INSERT statement writes: one
// statement per answer spends most of its time outside SQLite's B-tree.
const answersPerInsert = 64

// maxHeld bounds the answers of one respondent held back to be sorted, and
// maxQuestionArgs the question ids kept ready as statement arguments; a
// checked file holds at most one answer per respondent and question, and
// only the questionnaire's ids.
const (
	maxHeld         = 1024
	maxQuestionArgs = 4096
)

// importer writes rows inside one transaction with statements prepared
// once, and remembers the ids of what it found or created.
type importer struct {
	// run is the context of the statements: one that watches a context
	// costs a goroutine each time. Import checks its context between
	// chunks instead, and the transaction, which watches it too, rolls
	// back when it ends.
	run   context.Context
	tx    *sql.Tx
	q     QuestionnaireFile
	snap  Snapshot
	now   string           // the time written on what is created
	clock func() time.Time // dates each new round, as StartAssessment does
	stats ImportStats
	// replace lets rows replace what respondents stored; without it a
	// difference is recorded in changes (the first maxChanges of them,
	// moreChanges counts the rest) and the import fails at its end.
	replace     bool
	changes     []Change
	moreChanges int
	// changedAnswers and changedNotes count every change, listed or not.
	changedAnswers, changedNotes int

	departments map[string]int64 // by name as written
	rounds      map[roundKey]int64
	respondents map[respondentKey]respondentID
	// newRounds are the rounds this import created: their respondents
	// are all in respondents, none in the database yet.
	newRounds map[int64]bool
	// closed holds the rounds that were closed before the import; touched
	// those of them that this import wrote in.
	closed  map[int64]bool
	touched map[int64]bool
	// last is the previous row's round and respondent: files list a
	// respondent's answers together, so most rows need no lookup.
	last struct {
		department, assessment, respondent string
		round                              int64
		respondentAt                       respondentID
	}

	findDepartment, addDepartment, findRound, findRespondent, addRespondent *sql.Stmt
	insertAnswers, insertAnswer, findAnswer, updateAnswer, findNote         *sql.Stmt
	notes                                                                   prepared // saveNote's statements
	pending                                                                 []any    // ?1 and the answers not yet written

	// held are the new answers of respondent heldFor (heldArg, the id as a
	// statement argument) in the order read. They are queued sorted by
	// question, so that the INSERTs append to the answers' B-tree in key
	// order: SQLite then finds each row's place on the last page without
	// descending from the root, where a file in questionnaire order made it
	// search the tree for every row.
	held    []heldAnswer
	heldFor int64
	heldArg any
	// questionArgs holds each question id as an argument once: converting a
	// string to an argument allocates, and a file repeats a few dozen ids.
	questionArgs map[string]any
}

// heldAnswer is a new answer waiting to be queued.
type heldAnswer struct{ question, level string }

// respondentID is a respondent's id, and whether this import added them:
// a new respondent has nothing stored to compare with.
type respondentID struct {
	id    int64
	added bool
}

type roundKey struct {
	department int64
	label      string
}

type respondentKey struct {
	assessment int64
	alias      string
}

// upsertAnswer is saveVote's statement for a first vote, for n answers:
// ?1 is the time, then come respondent, question and level of each. The
// others have no number: the driver asks SQLite for the name of every
// parameter it binds, which walks the list of numbered and named ones, and
// n numbered parameters would make each statement cost n² steps.
func upsertAnswer(n int) string {
	var q strings.Builder
	q.WriteString(`INSERT INTO answers (answered_at, respondent_id, question, vote, level) VALUES `)
	for i := 0; i < n; i++ {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(?1, ?, ?, 1, ?)")
	}
	q.WriteString(` ON CONFLICT (respondent_id, question, vote) DO UPDATE SET level = excluded.level, answered_at = excluded.answered_at`)
	return q.String()
}

func newImporter(ctx context.Context, tx *sql.Tx, q QuestionnaireFile, now string, clock func() time.Time) (*importer, error) {
	im := &importer{
		run: context.WithoutCancel(ctx), tx: tx, q: q, now: now, clock: clock,
		departments: map[string]int64{}, rounds: map[roundKey]int64{}, respondents: map[respondentKey]respondentID{}, newRounds: map[int64]bool{},
		closed: map[int64]bool{}, touched: map[int64]bool{},
		pending: make([]any, 1, 1+3*answersPerInsert), questionArgs: map[string]any{},
	}
	im.pending[0] = now
	var err error
	if im.snap, err = saveQuestionnaire(ctx, tx, q, now); err != nil {
		return nil, err
	}
	for _, p := range []struct {
		stmt  **sql.Stmt
		query string
	}{
		{&im.findDepartment, `SELECT id FROM departments WHERE name = ? COLLATE NOCASE`},
		{&im.addDepartment, `INSERT INTO departments (name, parent_id, created_at) VALUES (?, NULL, ?)`},
		{&im.findRound, `SELECT id, questionnaire_id, closed_at IS NOT NULL FROM assessments WHERE department_id = ? AND round = ?`},
		{&im.findRespondent, `SELECT id FROM respondents WHERE assessment_id = ? AND alias = ?`},
		{&im.addRespondent, `INSERT INTO respondents (assessment_id, alias, created_at) VALUES (?, ?, ?)`},
		{&im.insertAnswers, upsertAnswer(answersPerInsert)},
		{&im.insertAnswer, upsertAnswer(1)},
		// The latest vote is the one the scores use and the export writes.
		{&im.findAnswer, `SELECT level, vote FROM answers WHERE respondent_id = ? AND question = ? ORDER BY vote DESC LIMIT 1`},
		{&im.updateAnswer, `UPDATE answers SET level = ?, answered_at = ? WHERE respondent_id = ? AND question = ? AND vote = ?`},
		{&im.findNote, `SELECT text FROM notes WHERE assessment_id = ? AND respondent_id = ? AND question IS ? AND dimension IS ?`},
	} {
		stmt, err := tx.PrepareContext(ctx, p.query)
		if err != nil {
			im.close()
			return nil, err
		}
		*p.stmt = stmt
	}
	im.notes = prepared{tx: tx, stmts: map[string]*sql.Stmt{}}
	for _, query := range noteStatements {
		stmt, err := tx.PrepareContext(ctx, query)
		if err != nil {
			im.close()
			return nil, err
		}
		im.notes.stmts[query] = stmt
	}
	return im, nil
}

func (im *importer) close() {
	for _, s := range []*sql.Stmt{im.findDepartment, im.addDepartment, im.findRound, im.findRespondent, im.addRespondent,
		im.insertAnswers, im.insertAnswer, im.findAnswer, im.updateAnswer, im.findNote} {
		if s != nil {
			s.Close()
		}
	}
	for _, s := range im.notes.stmts {
		s.Close()
	}
}

// prepared runs the statements prepared for it, and any other as its
// transaction does.
type prepared struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt // by their text
}

var _ runner = prepared{}

func (p prepared) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s, ok := p.stmts[query]; ok {
		return s.ExecContext(ctx, args...)
	}
	return p.tx.ExecContext(ctx, query, args...)
}

func (p prepared) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s, ok := p.stmts[query]; ok {
		return s.QueryRowContext(ctx, args...)
	}
	return p.tx.QueryRowContext(ctx, query, args...)
}

// row stores one row: its department, round and respondent when new, its
// answer and its note, each unless it is stored so already.
func (im *importer) row(r Row) error {
	l := &im.last
	if l.round == 0 || r.Department != l.department || r.Assessment != l.assessment {
		aID, err := im.round(r.Department, r.Assessment)
		if err != nil {
			return err
		}
		// The strings are kept for one row only, so they need no copy.
		l.department, l.assessment, l.round, l.respondent, l.respondentAt = r.Department, r.Assessment, aID, "", respondentID{}
	}
	aID := l.round
	var resp respondentID
	if r.Respondent != "" {
		if l.respondentAt.id == 0 || r.Respondent != l.respondent {
			id, err := im.respondent(aID, r.Respondent)
			if err != nil {
				return err
			}
			l.respondent, l.respondentAt = r.Respondent, id
		}
		resp = l.respondentAt
	}
	if r.Level != "" {
		if !validValue(r.Level) {
			return errorf(EINVALID, "answer %q "+invalidValue, r.Level)
		}
		if resp.id == 0 {
			return errorf(EINVALID, "answer %q to %s has no respondent", r.Level, r.Question)
		}
		if err := im.answer(aID, resp, r); err != nil {
			return err
		}
	}
	if r.Note != "" {
		if err := im.note(aID, resp, r); err != nil {
			return err
		}
	}
	return nil
}

// answer stores a row's answer: a new one is queued, one stored already as
// it is stays, another one is a change.
func (im *importer) answer(aID int64, resp respondentID, r Row) error {
	if !resp.added {
		var stored string
		var vote int
		err := im.findAnswer.QueryRowContext(im.run, resp.id, r.Question).Scan(&stored, &vote)
		switch {
		case err == nil && stored == r.Level:
			im.stats.Unchanged++
			return nil
		case err == nil:
			if !im.replace {
				im.change(aID, r, false, stored, r.Level)
				return nil
			}
			if _, err := im.updateAnswer.ExecContext(im.run, r.Level, im.now, resp.id, r.Question, vote); err != nil {
				return err
			}
			im.stats.Replaced++
			im.touch(aID)
			return nil
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
	}
	im.touch(aID)
	return im.queue(resp.id, r.Question, r.Level)
}

// note stores a row's note: a note of the group once (the same text on the
// same question is kept once), a respondent's note unless they stored it
// already; another text than theirs is a change.
func (im *importer) note(aID int64, resp respondentID, r Row) error {
	n := NoteInput{AssessmentID: aID, RespondentID: resp.id, Question: r.Question, Text: r.Note}
	if r.NoteOnDimension {
		n.Question, n.Dimension = "", r.Question
	}
	text := strings.TrimSpace(n.Text)
	q, d := nullable(n.Question), nullable(n.Dimension)
	replaced := false
	switch {
	case resp.id == 0:
		var exists int
		if err := im.notes.QueryRowContext(im.run, sqlCountGroupNote, aID, q, d, text).Scan(&exists); err != nil {
			return err
		}
		if exists > 0 {
			im.stats.UnchangedNotes++
			return nil
		}
	case !resp.added:
		var stored string
		err := im.findNote.QueryRowContext(im.run, aID, resp.id, q, d).Scan(&stored)
		switch {
		case err == nil && stored == text:
			im.stats.UnchangedNotes++
			return nil
		case err == nil && !im.replace:
			im.change(aID, r, true, stored, text)
			return nil
		case err == nil:
			replaced = true
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
	}
	if resp.added {
		// A respondent this import added has no note stored, so the
		// DELETE saveNote starts with would find nothing: a checked file
		// has one row per respondent and question.
		if err := CheckNote(text); err != nil {
			return errorf(EINVALID, "a note %s", err.Error())
		}
		if text != "" {
			if _, err := im.notes.ExecContext(im.run, sqlAddNote, aID, resp.id, q, d, text, nullable(""), im.now); err != nil {
				return err
			}
		}
	} else if err := saveNote(im.run, im.notes, n, im.now); err != nil {
		return err
	}
	if replaced {
		im.stats.ReplacedNotes++
	} else {
		im.stats.Notes++
	}
	im.touch(aID)
	return nil
}

// change records what a row would change.
func (im *importer) change(aID int64, r Row, note bool, stored, given string) {
	if note {
		im.changedNotes++
	} else {
		im.changedAnswers++
	}
	if len(im.changes) >= maxChanges {
		im.moreChanges++
		return
	}
	im.changes = append(im.changes, Change{Department: strings.Clone(r.Department), Round: strings.Clone(r.Assessment), Respondent: strings.Clone(r.Respondent),
		Question: strings.Clone(r.Question), Note: note, Stored: stored, Given: strings.Clone(given), Closed: im.closed[aID]})
}

// touch notes that the import writes in round aID; a round that was closed
// is listed in the stats, once.
func (im *importer) touch(aID int64) {
	if im.closed[aID] && !im.touched[aID] {
		im.touched[aID] = true
		im.stats.Closed = append(im.stats.Closed, strings.Clone(im.last.department)+", "+strings.Clone(im.last.assessment))
	}
}

// round returns the id of a department's round, finding or creating it
// and the department.
func (im *importer) round(department, label string) (int64, error) {
	dID, err := im.department(department)
	if err != nil {
		return 0, err
	}
	k := roundKey{dID, label}
	if id, ok := im.rounds[k]; ok {
		return id, nil
	}
	var aID, qID int64
	var closed bool
	err = im.findRound.QueryRowContext(im.run, dID, label).Scan(&aID, &qID, &closed)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if err := checkName("a round's label", label); err != nil {
			return 0, err
		}
		if aID, err = createAssessment(im.run, im.tx, dID, im.snap.ID, label, ModeSelf, im.clock(), true); err != nil {
			return 0, err
		}
		im.newRounds[aID] = true
		im.stats.Assessments++
	case err != nil:
		return 0, err
	case qID != im.snap.ID:
		return 0, errorf(ECONFLICT, "department %q round %q was answered on another questionnaire file than %s version %d; import it with that questionnaire (--questionnaire)",
			department, label, im.q.Key, im.q.Version)
	default:
		im.closed[aID] = closed
	}
	im.rounds[roundKey{dID, strings.Clone(label)}] = aID
	return aID, nil
}

// department returns the id of a department, creating it when new; names
// are compared ignoring case, as departmentByName does.
func (im *importer) department(name string) (int64, error) {
	if id, ok := im.departments[name]; ok {
		return id, nil
	}
	var id int64
	err := im.findDepartment.QueryRowContext(im.run, strings.TrimSpace(name)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		if err := checkName("a department's name", name); err != nil {
			return 0, err
		}
		var res sql.Result
		if res, err = im.addDepartment.ExecContext(im.run, name, im.now); err == nil {
			id, err = res.LastInsertId()
			im.stats.Departments++
		}
	}
	if err != nil {
		return 0, err
	}
	im.departments[strings.Clone(name)] = id
	return id, nil
}

// respondent returns the id of a respondent of round aID, adding them when
// new, as respondent does.
func (im *importer) respondent(aID int64, alias string) (respondentID, error) {
	alias = strings.TrimSpace(alias)
	if alias == "" {
		return respondentID{}, errorf(EINVALID, "a respondent needs an alias (a pseudonym)")
	}
	k := respondentKey{aID, alias}
	if id, ok := im.respondents[k]; ok {
		return id, nil
	}
	var id respondentID
	if !im.newRounds[aID] {
		err := im.findRespondent.QueryRowContext(im.run, aID, alias).Scan(&id.id)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return respondentID{}, err
		}
	}
	if id.id == 0 {
		if err := checkName("a respondent's alias", alias); err != nil {
			return respondentID{}, err
		}
		res, err := im.addRespondent.ExecContext(im.run, aID, alias, im.now)
		if err != nil {
			return respondentID{}, err
		}
		if id.id, err = res.LastInsertId(); err != nil {
			return respondentID{}, err
		}
		id.added = true
		im.stats.Respondents++
		im.touch(aID)
	}
	im.respondents[respondentKey{aID, strings.Clone(alias)}] = id
	return id, nil
}

// queue queues a first vote; they are held per respondent (see held) and
// written answersPerInsert at a time.
func (im *importer) queue(respID int64, question, value string) error {
	im.stats.Answers++
	if respID != im.heldFor || len(im.held) == maxHeld {
		if err := im.release(); err != nil {
			return err
		}
		im.heldFor, im.heldArg = respID, respID
	}
	im.held = append(im.held, heldAnswer{question, value})
	return nil
}

// release queues the held answers, sorted by question as SQLite orders
// the key (byte by byte); the sort is stable, so of two answers to one
// question the later still comes last, as it did unsorted.
func (im *importer) release() error {
	slices.SortStableFunc(im.held, func(a, b heldAnswer) int { return strings.Compare(a.question, b.question) })
	for _, a := range im.held {
		im.pending = append(im.pending, im.heldArg, im.questionArg(a.question), levelArg(a.level))
		if len(im.pending) < cap(im.pending) {
			continue
		}
		if _, err := im.insertAnswers.ExecContext(im.run, im.pending...); err != nil {
			return err
		}
		im.pending = im.pending[:1]
	}
	clear(im.held)
	im.held = im.held[:0]
	return nil
}

// questionArg returns question as a statement argument, converted once.
func (im *importer) questionArg(question string) any {
	if a, ok := im.questionArgs[question]; ok {
		return a
	}
	var a any = question
	if len(im.questionArgs) < maxQuestionArgs {
		// Cloned: a field shares its memory with the whole line read.
		question = strings.Clone(question)
		a = question
		im.questionArgs[question] = a
	}
	return a
}

// levelArg returns a level as a statement argument without converting
// (and allocating) it anew for every answer.
func levelArg(level string) any {
	switch level {
	case "1":
		return "1"
	case "2":
		return "2"
	case "3":
		return "3"
	case "4":
		return "4"
	case "5":
		return "5"
	case "dk":
		return "dk"
	case "na":
		return "na"
	}
	return level
}

// flush writes the answers still held or queued.
func (im *importer) flush() error {
	if err := im.release(); err != nil {
		return err
	}
	for p := im.pending[1:]; len(p) > 0; p = p[3:] {
		if _, err := im.insertAnswer.ExecContext(im.run, im.now, p[0], p[1], p[2]); err != nil {
			return err
		}
	}
	im.pending = im.pending[:1]
	return nil
}
