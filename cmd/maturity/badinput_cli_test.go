package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The bad-input rows of the command line's own state: the database a
// command is pointed at, the settings file and the pseudonyms file. (A
// misspelt flag is the row usage-flag.)
func init() {
	badCases = append(badCases, []badCase{
		{name: "db-missing", what: "database: --db names a file that does not exist, on a command that only reads", run: missingDatabase,
			shown: "maturity --db emty.db results", code: 2,
			want: "maturity: database emty.db bestaat niet: controleer --db of MATURITY_DB (een commando dat alleen leest, maakt geen nieuwe database)",
			also: "TestDatabaseRule_ReadOnlyCommands"},
		{name: "settings-broken", what: "settings file: not one maturity can read (here an unknown language); the command runs without it",
			db: true, run: brokenSettings, shown: "maturity department list, with lang: fr in $XDG_CONFIG_HOME/maturity/settings.yaml", code: 0,
			want: `maturity: instellingenbestand $XDG_CONFIG_HOME/maturity/settings.yaml genegeerd: regel 1: lang "fr" (verwacht nl of en)`,
			also: "TestSettings_Broken"},
		{name: "pseudonyms-broken", what: "pseudonyms file: empty, or not one pseudonym per line",
			db: true, files: map[string]string{"data/maturity/pseudonyms": ""},
			run: brokenPseudonyms, shown: "maturity assess --department Burgerzaken --accessible, with an empty $XDG_DATA_HOME/maturity/pseudonyms", code: 2,
			want: "maturity: $XDG_DATA_HOME/maturity/pseudonyms: is leeg (verwacht een schuilnaam); verwijder het bestand voor een nieuwe standaardschuilnaam, of kies er een met --respondent",
			also: "TestPseudonym_Broken"},
	}...)
}

// missingDatabase runs a command that only reads on a database that does
// not exist, and checks that it is not made.
func missingDatabase(t *testing.T, bin, dir string) (string, int) {
	got, code := runBad(t, bin, dir, "--db", "emty.db", "results")
	if _, err := os.Stat(filepath.Join(dir, "emty.db")); !os.IsNotExist(err) {
		t.Errorf("emty.db exists afterwards: %v", err)
	}
	return got, code
}

// brokenSettings runs department list with a settings file in a language
// maturity does not know; the configuration directory is the case's own
// (crashEnv points XDG_CONFIG_HOME at the case's data folder).
func brokenSettings(t *testing.T, bin, dir string) (string, int) {
	config := filepath.Join(dir, "data")
	if err := os.MkdirAll(filepath.Join(config, "maturity"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(config, "maturity", "settings.yaml"), []byte("lang: fr\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runBounded(t, bin, dir, "department", "list")
	if !strings.HasPrefix(stdout, "AFDELING") {
		t.Errorf("department list without the settings: %q", stdout)
	}
	return strings.ReplaceAll(stderr, config, "$XDG_CONFIG_HOME"), code
}

// brokenPseudonyms runs assess with the case's empty pseudonyms file.
func brokenPseudonyms(t *testing.T, bin, dir string) (string, int) {
	got, code := runBad(t, bin, dir, "assess", "--department", "Burgerzaken", "--accessible")
	return strings.ReplaceAll(got, filepath.Join(dir, "data"), "$XDG_DATA_HOME"), code
}
