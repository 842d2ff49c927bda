package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

// TestScorer_StoredFile: a round scores the same from its questionnaire's
// parsed form as from its file, and the parsed form is used only while it
// is of the file kept beside it: without one, with one of an earlier
// format, cut short, or beside a changed file, the file is parsed. Rounds
// on one file read it once.
func TestScorer_StoredFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var out, errb bytes.Buffer
	e := env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	if err := run(ctx, []string{"demo", "-o", dir, "--departments", "2", "--respondents", "3", "--rounds", "2"}, e); err != nil {
		t.Fatalf("demo: %v: %s", err, errb.String())
	}
	db := filepath.Join(dir, "demo.db")
	sqlite3 := needTool(t, "sqlite3", "sqlite3")
	sql := func(statement string) {
		t.Helper()
		if out, err := exec.Command(sqlite3, db, statement).CombinedOutput(); err != nil {
			t.Fatalf("sqlite3: %v\n%s", err, out)
		}
	}
	// score scores every round with one scorer, as the reports do, and
	// says how many times a file was read.
	score := func() ([]scored, int) {
		t.Helper()
		st, err := store.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		rounds, err := st.Assessments(ctx, "")
		if err != nil || len(rounds) < 2 {
			t.Fatalf("%d rounds, %v", len(rounds), err)
		}
		sc := newScorer(st)
		var all []scored
		files := 0
		for _, a := range rounds {
			s, err := sc.score(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if s.data.Definition != nil {
				files++
			}
			all = append(all, s)
		}
		return all, files
	}
	want, files := score()
	if files != 1 {
		t.Errorf("the file of %d rounds on one questionnaire was read %d times; want once", len(want), files)
	}
	if want[0].q.Source == nil || want[0].q.Digest == "" {
		t.Fatal("the questionnaire read from its parsed form has no file or digest")
	}
	for _, c := range []struct {
		name, update string
		// title is the English title the file then gives.
		title string
	}{
		{"no parsed form", `UPDATE questionnaires SET parsed = NULL`, "Data-driven working in the municipality"},
		{"a parsed form of format 1", `UPDATE questionnaires SET parsed = CAST('{"format":1,"questionnaire":{}}' AS BLOB)`, "Data-driven working in the municipality"},
		{"a parsed form cut short", `UPDATE questionnaires SET parsed = substr(parsed, 1, length(parsed) - 1)`, "Data-driven working in the municipality"},
		{"a changed file beside its parsed form", `UPDATE questionnaires SET definition = CAST(replace(CAST(definition AS TEXT), 'Data-driven working in the', 'Data-driven work in the') AS BLOB)`, "Data-driven work in the municipality"},
	} {
		t.Run(c.name, func(t *testing.T) {
			sql(`BEGIN; CREATE TABLE kept AS SELECT id, definition, parsed FROM questionnaires; ` + c.update + `; COMMIT;`)
			// Put the file and its form back afterwards, for the next case.
			t.Cleanup(func() {
				sql(`BEGIN; UPDATE questionnaires SET definition = (SELECT definition FROM kept WHERE kept.id = questionnaires.id),
					parsed = (SELECT parsed FROM kept WHERE kept.id = questionnaires.id); DROP TABLE kept; COMMIT;`)
			})
			got, _ := score()
			for i := range got {
				if !reflect.DeepEqual(got[i].result, want[i].result) {
					t.Errorf("round %d scores otherwise", got[i].data.Assessment.ID)
				}
			}
			q := got[0].q
			sum := sha256.Sum256(q.Source)
			if q.Digest != hex.EncodeToString(sum[:]) {
				t.Errorf("the questionnaire has digest %s, but its file %s: it was read from a parsed form of another file", q.Digest, hex.EncodeToString(sum[:]))
			}
			if got := q.Title.In("en"); got != c.title {
				t.Errorf("the questionnaire's title is %q; want %q, the file's", got, c.title)
			}
		})
	}
}
