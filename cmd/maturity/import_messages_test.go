package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

// TestImport_Messages: what import and export say is in the user's
// language, Dutch unless --lang en, with one of a thing in the singular
// and any other number in the plural.
func TestImport_Messages(t *testing.T) {
	vars := withDB(t)
	db := vars["MATURITY_DB"]
	dir := t.TempDir()
	file := func(name, rows string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("department,assessment,respondent,question,level,note\n"+rows), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	one := file("een.csv", "Burgerzaken,2026-11,Vos,desc-reporting,3,Maanddashboard.\n")
	changed := file("anders.csv", "Burgerzaken,2026-11,Vos,desc-reporting,4,Weekrapport.\n")
	two := file("twee.csv", "Wmo,2026-10,Reiger,desc-reporting,2,\nWmo,2026-10,Mol,desc-reporting,5,\n")
	out := filepath.Join(dir, "uit.csv")

	for _, c := range []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{name: "nl one of each", args: []string{"import", one}, code: 0,
			stdout: one + " geïmporteerd: 1 antwoord en 1 notitie in 1 rij (nieuw: 1 afdeling, 1 ronde, 1 respondent) in " + db + "\n"},
		{name: "en stored already", args: []string{"--lang", "en", "import", one}, code: 0,
			stdout: "imported " + one + ": 0 answers and 0 notes in 1 row (new: 0 departments, 0 rounds, 0 respondents; stored already as they are: 1 answer, 1 note) into " + db + "\n"},
		{name: "en changes refused", args: []string{"--lang", "en", "import", changed}, code: 2,
			stderr: "maturity: " + changed + " would change 1 answer and 1 note stored already; nothing was imported (to let the file replace them: maturity import --replace " + changed + "):\n" +
				`  "Burgerzaken", closed round "2026-11", respondent "Vos": answer to "desc-reporting" is "3", the file says "4"` + "\n" +
				`  "Burgerzaken", closed round "2026-11", respondent "Vos": note on "desc-reporting" is "Maanddashboard.", the file says "Weekrapport."` + "\n"},
		{name: "nl replaced", args: []string{"import", "--replace", changed}, code: 0,
			stdout: changed + " geïmporteerd: 0 antwoorden en 0 notities in 1 rij (nieuw: 0 afdelingen, 0 rondes, 0 respondenten; vervangen: 1 antwoord, 1 notitie) in " + db + "\n" +
				"  de gesloten ronde Burgerzaken, 2026-11 is gewijzigd: zie maturity assessment list\n"},
		{name: "en plural", args: []string{"--lang", "en", "import", two}, code: 0,
			stdout: "imported " + two + ": 2 answers and 0 notes in 2 rows (new: 1 department, 1 round, 2 respondents) into " + db + "\n"},
		{name: "nl plural", args: []string{"import", two}, code: 0,
			stdout: two + " geïmporteerd: 0 antwoorden en 0 notities in 2 rijen (nieuw: 0 afdelingen, 0 rondes, 0 respondenten; al zo opgeslagen: 2 antwoorden, 0 notities) in " + db + "\n"},
		{name: "nl export one", args: []string{"export", "--department", "Burgerzaken", "-o", out}, code: 0,
			stderr: "1 rij geschreven naar " + out + "\n"},
		{name: "en export plural", args: []string{"--lang", "en", "export", "-o", out}, code: 0,
			stderr: "wrote 3 rows to " + out + "\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := maturity(t, vars, c.args...)
			// The first import also says that it made the database.
			stderr := strings.TrimPrefix(r.stderr, "nieuwe database aangemaakt: "+db+"\n")
			if r.code != c.code || r.stdout != c.stdout || stderr != c.stderr {
				t.Errorf("maturity %s: exit %d\nstdout %q\nstderr %q\nwant exit %d\nstdout %q\nstderr %q",
					strings.Join(c.args, " "), r.code, r.stdout, stderr, c.code, c.stdout, c.stderr)
			}
		})
	}
}

// TestDepartmentFor_Added: a department added on the way is said in the
// user's language.
func TestDepartmentFor_Added(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, c := range []struct{ lang, name, want string }{
		{"nl", "Wmo", "afdeling Wmo toegevoegd\n"},
		{"en", "Jeugd", "added department Jeugd\n"},
	} {
		var errb strings.Builder
		e := env{stdout: &strings.Builder{}, stderr: &errb}
		if _, err := departmentFor(ctx, e, labelsFor(c.lang), st, c.name); err != nil || errb.String() != c.want {
			t.Errorf("%s: said %q, %v; want %q", c.lang, errb.String(), err, c.want)
		}
	}
}

// TestExitCode_Interrupted: a command stopped by ctrl+c says so in the
// language it spoke, Dutch when none is known.
func TestExitCode_Interrupted(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{interrupted{lang: "en"}, "maturity: interrupted\n"},
		{interrupted{lang: "nl"}, "maturity: onderbroken\n"},
		{context.Canceled, "maturity: onderbroken\n"},
	} {
		var errb strings.Builder
		if code := exitCode(c.err, &errb); code != exitRuntime || errb.String() != c.want {
			t.Errorf("%v: exit %d, %q; want %d, %q", c.err, code, errb.String(), exitRuntime, c.want)
		}
	}
	// The language comes from --lang, in any case, or else the settings.
	vars := home(t)
	vars["XDG_CONFIG_HOME"] = t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	e := env{stdin: strings.NewReader(""), stdout: &strings.Builder{}, stderr: &strings.Builder{}, getenv: func(k string) string { return vars[k] }}
	var i interrupted
	if err := run(ctx, []string{"--lang", "EN", "demo", "-o", t.TempDir()}, e); !errors.As(err, &i) || i.lang != "en" {
		t.Errorf("--lang EN: %v (%+v); want interrupted in en", err, i)
	}
	if err := saveSettings(e.getenv, settings{lang: "en"}); err != nil {
		t.Fatal(err)
	}
	i = interrupted{}
	if err := run(ctx, []string{"demo", "-o", t.TempDir()}, e); !errors.As(err, &i) || i.lang != "en" {
		t.Errorf("settings lang: en: %v (%+v); want interrupted in en", err, i)
	}
}

// TestChangesText_More: past the changes an import error lists, the counts
// are the store's, which counts them all, and the rest is summed up.
func TestChangesText_More(t *testing.T) {
	e := &store.Error{Code: store.ECHANGES, Message: "the file would change 250 answers and 1 notes stored already; nothing was imported",
		Changes: []store.Change{{Department: "Wmo", Round: "2026-10", Respondent: "Mol", Question: "desc-reporting", Stored: "3", Given: "4"}}, MoreChanges: 250}
	want := map[string]string{
		"nl": "f.csv zou 250 antwoorden en 1 notitie wijzigen die al zijn opgeslagen; er is niets geïmporteerd (om het bestand ze te laten vervangen: maturity import --replace f.csv):\n" +
			`  "Wmo", ronde "2026-10", respondent "Mol": het antwoord op "desc-reporting" is "3", het bestand zegt "4"` + "\n  … en nog 250",
		"en": "f.csv would change 250 answers and 1 note stored already; nothing was imported (to let the file replace them: maturity import --replace f.csv):\n" +
			`  "Wmo", round "2026-10", respondent "Mol": answer to "desc-reporting" is "3", the file says "4"` + "\n  … and 250 more",
	}
	for lang, w := range want {
		if got := changesText(labelsFor(lang), "f.csv", e); got != w {
			t.Errorf("%s:\n%s\nwant\n%s", lang, got, w)
		}
	}
}
