package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeSettings puts a settings file in the configuration directory of vars.
func writeSettings(t *testing.T, vars map[string]string, content string) string {
	t.Helper()
	path, err := settingsPath(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSettings_Language: the language in the settings file is the default
// of every command; --lang wins over it; without either it is Dutch.
func TestSettings_Language(t *testing.T) {
	vars := withDB(t)
	mustRun(t, vars, "department", "add", "Burgerzaken")
	if out := mustRun(t, vars, "assessment", "list"); out != "nog geen metingen\n" {
		t.Errorf("no settings: %q", out)
	}
	writeSettings(t, vars, "# chosen on the home screen\nlang: en\n")
	if out := mustRun(t, vars, "assessment", "list"); out != "no assessments yet\n" {
		t.Errorf("lang: en in the settings: %q", out)
	}
	if out := mustRun(t, vars, "--lang", "nl", "assessment", "list"); out != "nog geen metingen\n" {
		t.Errorf("--lang nl over the settings: %q", out)
	}
	if out := mustRun(t, vars, "questionnaire", "show"); !strings.HasPrefix(out, "Data-driven municipality") && !strings.Contains(out, "Descriptive") {
		t.Errorf("questionnaire show with lang: en in the settings:\n%s", out[:min(len(out), 300)])
	}
	// The form a person may write by hand: quotes, case, a comment.
	writeSettings(t, vars, "lang: \"EN\"   # English please\n\n")
	if out := mustRun(t, vars, "assessment", "list"); out != "no assessments yet\n" {
		t.Errorf("a quoted value: %q", out)
	}
	// XDG_CONFIG_HOME is where the file is, when it is set.
	vars["XDG_CONFIG_HOME"] = t.TempDir()
	if out := mustRun(t, vars, "assessment", "list"); out != "nog geen metingen\n" {
		t.Errorf("XDG_CONFIG_HOME without a settings file: %q", out)
	}
	path := writeSettings(t, vars, "lang: en\n")
	if want := filepath.Join(vars["XDG_CONFIG_HOME"], "maturity", "settings.yaml"); path != want {
		t.Errorf("settings file at %s, want %s", path, want)
	}
	if out := mustRun(t, vars, "assessment", "list"); out != "no assessments yet\n" {
		t.Errorf("XDG_CONFIG_HOME's settings: %q", out)
	}
}

// TestSettings_Broken: a settings file that cannot be used is reported, in
// the user's language, and ignored: the command runs as without it.
func TestSettings_Broken(t *testing.T) {
	for _, c := range []struct {
		name, content, want string
	}{
		{"unknown language", "lang: fr\n", `regel 1: lang "fr" (verwacht nl of en)`},
		{"misspelt setting", "# mine\nlnag: en\n", `regel 2: onbekende instelling "lnag" (verwacht lang)`},
		{"not a setting", "lang en\n", "regel 1: verwacht naam: waarde"},
		{"too large", "# " + strings.Repeat("x", maxSettingsBytes) + "\nlang: en\n", "groter dan 4096 bytes (maxSettingsBytes)"},
		{"binary", "\x00\x01\x02: \xff\n", `regel 1: onbekende instelling "\x00\x01\x02" (verwacht lang)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			vars := withDB(t)
			mustRun(t, vars, "department", "add", "Burgerzaken")
			path := writeSettings(t, vars, c.content)
			r := maturity(t, vars, "assessment", "list")
			want := "maturity: instellingenbestand " + path + " genegeerd: " + c.want + "\n"
			if r.code != 0 || r.stdout != "nog geen metingen\n" || r.stderr != want {
				t.Errorf("exit %d, stdout %q, stderr:\n%q\nwant exit 0, Dutch, and:\n%q", r.code, r.stdout, r.stderr, want)
			}
		})
	}
	t.Run("a folder", func(t *testing.T) {
		vars := withDB(t)
		mustRun(t, vars, "department", "add", "Burgerzaken")
		path, _ := settingsPath(func(k string) string { return vars[k] })
		if err := os.MkdirAll(path, 0o700); err != nil {
			t.Fatal(err)
		}
		r := maturity(t, vars, "--lang", "en", "assessment", "list")
		want := "maturity: settings file " + path + " ignored: is a directory\n"
		if r.code != 0 || r.stdout != "no assessments yet\n" || r.stderr != want {
			t.Errorf("exit %d, stdout %q, stderr:\n%q\nwant:\n%q", r.code, r.stdout, r.stderr, want)
		}
	})
}

// TestSettings_Save: the language is kept whole in a file of the user's
// own, replacing a broken one, with nothing left beside it; a folder it
// cannot be written to is said and changes nothing else.
func TestSettings_Save(t *testing.T) {
	vars := home(t)
	getenv := func(k string) string { return vars[k] }
	path := writeSettings(t, vars, "lang: fr\n")
	var stderr strings.Builder
	opts := &globalOptions{}
	rememberLang(env{stderr: &stderr, getenv: getenv}, opts, "en")
	if stderr.Len() != 0 {
		t.Errorf("stderr: %s", stderr.String())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "# What maturity remembers between runs. lang: the language of the screens and messages (nl or en).\nlang: en\n"
	if string(b) != want {
		t.Errorf("settings file:\n%s\nwant:\n%s", b, want)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("settings file mode %v, %v; want 0600", info.Mode().Perm(), err)
	}
	if names := dirNames(t, filepath.Dir(path)); strings.Join(names, ",") != "settings.yaml" {
		t.Errorf("the folder holds %v, want only settings.yaml", names)
	}
	if s, err := readSettings(path, labelsFor("en")); err != nil || s.lang != "en" || opts.settings.lang != "en" {
		t.Errorf("read back %+v, %v; options hold %+v", s, err, opts.settings)
	}

	// A configuration directory that is a file: said, in the new language.
	vars["XDG_CONFIG_HOME"] = filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(vars["XDG_CONFIG_HOME"], nil, 0o600); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	rememberLang(env{stderr: &stderr, getenv: getenv}, opts, "nl")
	if got := stderr.String(); got != "maturity: de gekozen taal is niet bewaard: not a directory\n" {
		t.Errorf("unwritable: %q", got)
	}
	if opts.settings.lang != "en" {
		t.Errorf("a failed save changed the options to %+v", opts.settings)
	}
}
