package store_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

// TestMigration_Levels opens a database written by the release before the
// one scale (schema version 2: answers 0–4, dk or na, with both votes of a
// workshop) and checks that migrating makes every answer a its level a + 1,
// keeps dk and na, both votes and every row, and leaves a sound file that
// takes levels only.
func TestMigration_Levels(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.db")
	old, err := store.OpenAtVersion(ctx, path, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		`INSERT INTO departments (id, name, created_at) VALUES (1, 'Wijkteams', '2026-01-01T00:00:00Z')`,
		`INSERT INTO questionnaires (id, key, version, digest, questions, definition, created_at) VALUES (1, 'q', 1, 'd', 48, x'00', '2026-01-01T00:00:00Z')`,
		`INSERT INTO assessments (id, department_id, questionnaire_id, round, mode, created_at, phase) VALUES (1, 1, 1, '2026-01', 'workshop', '2026-01-01T00:00:00Z', 'revote')`,
		`INSERT INTO revote_questions (assessment_id, question, position) VALUES (1, 'desc-reporting', 0)`,
		`INSERT INTO notes (assessment_id, respondent_id, question, text, created_at) VALUES (1, NULL, 'desc-reporting', 'besproken', '2026-01-01T00:00:00Z')`,
		`INSERT INTO assessment_targets (assessment_id, dimension, level) VALUES (1, 'descriptive', 5)`,
		// Seven named answers, each value once, and a re-vote on
		// desc-reporting that keeps the first vote beside it.
		`INSERT INTO respondents (id, assessment_id, alias, created_at) VALUES (1, 1, 'anna', '2026-01-01T00:00:00Z'), (2, 1, 'bert', '2026-01-01T00:00:00Z')`,
		`INSERT INTO answers (respondent_id, question, vote, answer, answered_at) VALUES
			(1, 'desc-reporting', 1, '0', '2026-01-01T00:00:00Z'), (1, 'desc-reporting', 2, '2', '2026-01-02T00:00:00Z'),
			(1, 'desc-timeliness', 1, '1', '2026-01-01T00:00:00Z'), (1, 'diag-sources', 1, 'dk', '2026-01-01T00:00:00Z'),
			(2, 'desc-reporting', 1, '4', '2026-01-01T00:00:00Z'), (2, 'desc-reporting', 2, '3', '2026-01-02T00:00:00Z'),
			(2, 'desc-timeliness', 1, 'na', '2026-01-01T00:00:00Z')`,
		// Many more: 200 respondents × 48 questions, cycling through the
		// seven values, and a second vote on one question in three.
		`INSERT INTO respondents (id, assessment_id, alias, created_at)
			WITH RECURSIVE n(i) AS (SELECT 3 UNION ALL SELECT i + 1 FROM n WHERE i < 202)
			SELECT i, 1, 'r' || i, '2026-01-01T00:00:00Z' FROM n`,
		`INSERT INTO answers (respondent_id, question, vote, answer, answered_at)
			WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 200 * 48 - 1)
			SELECT 3 + i / 48, printf('q%02d', i % 48), 1, CASE i % 7 WHEN 5 THEN 'dk' WHEN 6 THEN 'na' ELSE CAST(i % 7 AS TEXT) END, '2026-01-01T00:00:00Z' FROM n`,
		`INSERT INTO answers (respondent_id, question, vote, answer, answered_at)
			SELECT respondent_id, question, 2, answer, answered_at FROM answers WHERE respondent_id >= 3 AND (respondent_id + CAST(substr(question, 2) AS INTEGER)) % 3 = 0`,
	} {
		if err := old.Exec(ctx, stmt); err != nil {
			t.Fatalf("%v\n%s", err, stmt)
		}
	}
	// What version 2 holds: the histogram of values per vote, and the
	// count of every table.
	const histogram = `SELECT group_concat(v || ':' || vote || '=' || n, ' ') FROM
		(SELECT %s AS v, vote, count(*) AS n FROM answers GROUP BY v, vote ORDER BY v, vote)`
	const counts = `SELECT (SELECT count(*) FROM answers) || ' ' || (SELECT count(*) FROM respondents) || ' ' || (SELECT count(*) FROM notes)
		|| ' ' || (SELECT count(*) FROM revote_questions) || ' ' || (SELECT count(*) FROM assessment_targets) || ' ' || (SELECT count(*) FROM assessments)`
	var before, countsBefore string
	if err := old.DB().QueryRowContext(ctx, strings.Replace(histogram, "%s", "answer", 1)).Scan(&before); err != nil {
		t.Fatal(err)
	}
	if err := old.DB().QueryRowContext(ctx, counts).Scan(&countsBefore); err != nil {
		t.Fatal(err)
	}
	// Every value occurs, in both votes.
	for _, v := range []string{"0", "1", "2", "3", "4", "dk", "na"} {
		if !strings.Contains(before, v+":1=") || !strings.Contains(before, v+":2=") {
			t.Fatalf("the old database lacks answer %s in a vote: %s", v, before)
		}
	}
	old.Close()

	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var version int
	if err := s.DB().QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil || version != store.SchemaVersion() {
		t.Errorf("user_version = %d, %v; want %d", version, err, store.SchemaVersion())
	}
	if v, err := s.IntegrityCheck(ctx); err != nil || v != "ok" {
		t.Errorf("integrity_check = %q, %v", v, err)
	}
	var fkProblems int
	if err := s.DB().QueryRowContext(ctx, "SELECT count(*) FROM pragma_foreign_key_check").Scan(&fkProblems); err != nil || fkProblems != 0 {
		t.Errorf("foreign_key_check: %d problems, %v", fkProblems, err)
	}

	// Nothing is lost: every table has the rows it had, and each value a
	// of each vote is now level a + 1 as often as a was.
	var after, countsAfter string
	if err := s.DB().QueryRowContext(ctx, counts).Scan(&countsAfter); err != nil || countsAfter != countsBefore {
		t.Errorf("row counts (answers respondents notes revote_questions assessment_targets assessments) = %q, %v; want %q", countsAfter, err, countsBefore)
	}
	if err := s.DB().QueryRowContext(ctx, strings.Replace(histogram, "%s", "level", 1)).Scan(&after); err != nil {
		t.Fatal(err)
	}
	want := strings.NewReplacer("4:", "5:", "3:", "4:", "2:", "3:", "1:", "2:", "0:", "1:").Replace(before)
	if after != want {
		t.Errorf("levels after migrating:\n%s\nwant (the answers before, one higher):\n%s", after, want)
	}
	// score is the level as a number, NULL for dk and na.
	var scored, sum, nulls int
	if err := s.DB().QueryRowContext(ctx, `SELECT count(score), coalesce(sum(score), 0), count(*) - count(score) FROM answers`).Scan(&scored, &sum, &nulls); err != nil {
		t.Fatal(err)
	}
	var wantScored, wantSum, wantNulls int
	if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE level NOT IN ('dk', 'na')), sum(CASE WHEN level IN ('dk', 'na') THEN 0 ELSE CAST(level AS INTEGER) END),
		count(*) FILTER (WHERE level IN ('dk', 'na')) FROM answers`).Scan(&wantScored, &wantSum, &wantNulls); err != nil {
		t.Fatal(err)
	}
	if scored != wantScored || sum != wantSum || nulls != wantNulls || nulls == 0 {
		t.Errorf("score: %d scored summing to %d, %d NULL; want %d, %d, %d", scored, sum, nulls, wantScored, wantSum, wantNulls)
	}

	// The store reads the named answers as levels, both votes kept.
	d, err := s.LoadAssessment(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	var named []store.Answer
	for _, a := range d.Answers {
		if a.Respondent == "anna" || a.Respondent == "bert" {
			named = append(named, a)
		}
	}
	if got, want := answersText(named), "anna desc-reporting 3 (2)|anna desc-timeliness 2 (1)|anna diag-sources dk (1)|bert desc-reporting 4 (2)|bert desc-timeliness na (1)"; got != want {
		t.Errorf("answers = %s\nwant      %s", got, want)
	}
	if got, want := answersText(d.FirstVotes), "anna desc-reporting 1 (1)|bert desc-reporting 5 (1)"; got != want {
		t.Errorf("first votes = %s; want %s", got, want)
	}
	if d.Assessment.Phase != store.PhaseRevote || strings.Join(d.Revote, ",") != "desc-reporting" || len(d.Notes) != 1 || d.AssessmentTargets["descriptive"] != 5 {
		t.Errorf("round after migrating: phase %s, revote %v, %d notes, targets %v", d.Assessment.Phase, d.Revote, len(d.Notes), d.AssessmentTargets)
	}

	// The table is still keyed by respondent, question and vote, without
	// rowid, and takes levels only.
	var schema string
	if err := s.DB().QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE name = 'answers'`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(schema, "PRIMARY KEY (respondent_id, question, vote)") || !strings.HasSuffix(strings.TrimSpace(schema), "WITHOUT ROWID") {
		t.Errorf("answers after migrating:\n%s", schema)
	}
	for _, v := range []string{"0", "6", "DK"} {
		err := s.Exec(ctx, `INSERT INTO answers (respondent_id, question, vote, level, answered_at) VALUES (1, 'x', 1, '`+v+`', '2026-01-01T00:00:00Z')`)
		if err == nil || !strings.Contains(err.Error(), "CHECK constraint failed") {
			t.Errorf("level %q: %v; want the CHECK constraint to refuse it", v, err)
		}
	}
	r, _ := s.Respondent(ctx, 1, "anna")
	if err := s.SaveAnswer(ctx, r.ID, "desc-reporting", "5"); err != nil {
		t.Errorf("a level after migrating: %v", err)
	}
}
