package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// readCommands are command lines that only read the database.
var readCommands = [][]string{
	{"results"},
	{"results", "--json"},
	{"results", "--department", "Burgerzaken"},
	{"report", "--department", "Burgerzaken", "-o", "{dir}/rapport.pdf"},
	{"report", "--organisation", "-o", "{dir}/organisatie.pdf"},
	{"export"},
	{"export", "--format", "json"},
	{"actions", "list"},
	{"department", "list"},
	{"assessment", "list"},
	{"targets", "--department", "Burgerzaken"},
	{"backup", "{dir}/kopie.db"},
}

// inDir puts dir where an argument says {dir}.
func inDir(args []string, dir string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = strings.ReplaceAll(a, "{dir}", dir)
	}
	return out
}

// TestDatabaseRule_ReadOnlyCommands: a command that only reads, given a
// database path where there is none (a mistyped --db), says so with the
// path and exits 2, and leaves nothing behind: no database, no -wal file,
// no output file.
func TestDatabaseRule_ReadOnlyCommands(t *testing.T) {
	for _, args := range readCommands {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			vars := home(t)
			dir := t.TempDir()
			db := filepath.Join(dir, "emty.db")
			r := maturity(t, vars, append([]string{"--db", db}, inDir(args, dir)...)...)
			want := "maturity: database " + db + " bestaat niet: controleer --db of MATURITY_DB (een commando dat alleen leest, maakt geen nieuwe database)\n"
			if r.code != 2 || r.stderr != want || r.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit 2 and:\n%s", r.code, r.stdout, r.stderr, want)
			}
			if names := dirNames(t, dir); len(names) != 0 {
				t.Errorf("the folder holds %v afterwards, want nothing", names)
			}
		})
	}
}

// TestDatabaseRule_Env: MATURITY_DB is held to the same rule as --db, and
// the message is in the language asked for.
func TestDatabaseRule_Env(t *testing.T) {
	vars := home(t)
	dir := t.TempDir()
	vars["MATURITY_DB"] = filepath.Join(dir, "emty.db")
	r := maturity(t, vars, "--lang", "en", "assessment", "list")
	want := "maturity: database " + vars["MATURITY_DB"] + " does not exist: check --db or MATURITY_DB (a command that only reads makes no new database)\n"
	if r.code != 2 || r.stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and:\n%s", r.code, r.stderr, want)
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("the folder holds %v afterwards, want nothing", names)
	}
}

// TestDatabaseRule_Default: without --db and MATURITY_DB, a command that
// only reads on a machine without a database says how to start and makes
// neither the database nor its folder; the first command that writes
// makes both and says so, once.
func TestDatabaseRule_Default(t *testing.T) {
	vars := home(t)
	db := filepath.Join(vars["XDG_DATA_HOME"], "maturity", "maturity.db")
	r := maturity(t, vars, "results")
	want := "maturity: er is nog geen database in " + db + ": begin met maturity (het beginscherm), maturity assess --department NAAM of maturity import BESTAND\n"
	if r.code != 2 || r.stderr != want || r.stdout != "" {
		t.Errorf("results: exit %d, stdout %q, stderr:\n%s\nwant exit 2 and:\n%s", r.code, r.stdout, r.stderr, want)
	}
	if names := dirNames(t, vars["XDG_DATA_HOME"]); len(names) != 0 {
		t.Errorf("the data directory holds %v after results, want nothing", names)
	}

	r = maturity(t, vars, "department", "add", "Burgerzaken")
	if r.code != 0 || r.stderr != "nieuwe database aangemaakt: "+db+"\n" || r.stdout != "afdeling Burgerzaken toegevoegd\n" {
		t.Errorf("department add: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("no database after department add: %v", err)
	}
	r = maturity(t, vars, "department", "add", "Wmo")
	if r.code != 0 || r.stderr != "" {
		t.Errorf("second write: exit %d, stderr %q (want no news: the database exists)", r.code, r.stderr)
	}
	r = maturity(t, vars, "assessment", "list")
	if r.code != 0 || r.stdout != "nog geen metingen\n" || r.stderr != "" {
		t.Errorf("assessment list on the new database: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// TestDatabaseRule_WritingCommands: each command that writes makes a
// database where there is none and says so on standard error.
func TestDatabaseRule_WritingCommands(t *testing.T) {
	for _, c := range []struct {
		args []string
		lang string
	}{
		{[]string{"department", "add", "Burgerzaken"}, "nl"},
		{[]string{"assessment", "start", "--department", "Burgerzaken"}, "nl"},
		{[]string{"import", "testdata/example.csv", "--questionnaire=testdata/example.yaml"}, "nl"},
		{[]string{"--lang", "en", "department", "add", "Burgerzaken"}, "en"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "nieuw.db")
			r := maturity(t, home(t), append([]string{"--db", db}, c.args...)...)
			want := map[string]string{"nl": "nieuwe database aangemaakt: ", "en": "new database created: "}[c.lang] + db + "\n"
			if r.code != 0 || !strings.HasPrefix(r.stderr, want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 0 and first:\n%s", r.code, r.stderr, want)
			}
			if _, err := os.Stat(db); err != nil {
				t.Errorf("no database: %v", err)
			}
		})
	}
}

// TestDatabaseRule_EveryCommand: every command is either one that may
// write, and so create the database, or one that only reads. A new command
// fails here until it is placed in writesDatabase and in this list.
func TestDatabaseRule_EveryCommand(t *testing.T) {
	writes := []string{
		"maturity", "maturity assess", "maturity import", "maturity workshop serve", "maturity workshop local",
		"maturity department add", "maturity department rename", "maturity department move",
		"maturity assessment start", "maturity assessment close", "maturity assessment reopen",
		"maturity actions add", "maturity actions update", "maturity actions done", "maturity actions drop",
	}
	reads := []string{
		"maturity results", "maturity report", "maturity export", "maturity backup", "maturity targets",
		"maturity actions list", "maturity department list", "maturity assessment list",
		// These open no database, or (demo) a new one of their own.
		"maturity questionnaire list", "maturity questionnaire show", "maturity questionnaire validate", "maturity demo",
	}
	root, _ := newRootCmd(env{stdin: strings.NewReader(""), stdout: &strings.Builder{}, stderr: &strings.Builder{}, getenv: func(string) string { return "" }})
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		path := c.CommandPath()
		if !c.Runnable() || strings.HasPrefix(path, "maturity completion") || path == "maturity help" || (c.HasSubCommands() && c.HasParent()) {
			return
		}
		switch got := writesDatabase(c); {
		case slices.Contains(writes, path) && !got:
			t.Errorf("%s writes but writesDatabase says it only reads", path)
		case slices.Contains(reads, path) && got:
			t.Errorf("%s only reads but writesDatabase says it writes", path)
		case !slices.Contains(writes, path) && !slices.Contains(reads, path):
			t.Errorf("%s is new: say in writesDatabase whether it may create the database, and list it here", path)
		}
	}
	walk(root)
	// targets writes only when it changes a target.
	targets, _, err := root.Find([]string{"targets"})
	if err != nil {
		t.Fatal(err)
	}
	if err := targets.ParseFlags([]string{"--set", "quality=3"}); err != nil {
		t.Fatal(err)
	}
	if !writesDatabase(targets) {
		t.Error("targets --set only reads, says writesDatabase")
	}
}

// dirNames lists what a folder holds.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
