package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHome_TmuxLanguageRemembered: on a fresh machine the home screen
// makes the default database and says so; the language switched to there
// is kept in the settings file and is the one the next start opens in.
func TestHome_TmuxLanguageRemembered(t *testing.T) {
	term := newTerminals(t)
	dir := t.TempDir()
	bin := binary(t)
	start := func(name string) {
		term.open(name, 200, 24, fmt.Sprintf("env -u MATURITY_DB -u XDG_CONFIG_HOME HOME=%s XDG_DATA_HOME=%s/data NO_COLOR=1 %s; echo EXITED; sleep 60", dir, dir, bin))
	}
	start("first")
	term.wait("first", "Meting starten of hervatten")
	// The language is the entry above the last one, Quit.
	term.keys("first", "Up", "Up", "Enter")
	term.wait("first", "Start or resume an assessment")
	term.keys("first", "q")
	s := term.wait("first", "EXITED")
	db := filepath.Join(dir, "data", "maturity", "maturity.db")
	if !strings.Contains(s, "nieuwe database aangemaakt: "+db) || !strings.Contains(s, "everything is saved in "+db) {
		t.Errorf("after the first start:\n%s", s)
	}
	b, err := os.ReadFile(filepath.Join(dir, ".config", "maturity", "settings.yaml"))
	if err != nil || !strings.HasSuffix(string(b), "\nlang: en\n") {
		t.Errorf("settings file %q, %v; want lang: en", b, err)
	}

	start("second")
	s = term.wait("second", "Start or resume an assessment")
	if strings.Contains(s, "database created") || strings.Contains(s, "aangemaakt") {
		t.Errorf("the second start made a database again:\n%s", s)
	}
	term.keys("second", "q")
	term.wait("second", "EXITED")
}
