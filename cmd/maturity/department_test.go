package main

import (
	"strings"
	"testing"
)

func TestDepartmentCommands(t *testing.T) {
	vars := withDB(t)
	mustRun(t, vars, "department", "add", "Sociaal Domein")
	mustRun(t, vars, "department", "add", "Werk en Inkomen", "--parent", "sociaal domein")
	mustRun(t, vars, "department", "add", "Ruimte")
	mustRun(t, vars, "department", "add", "Team Schuldhulp", "--parent", "Werk en Inkomen")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"department", "add", "ruimte"}, `department "Ruimte" already exists`},
		{[]string{"department", "add", "Team X", "--parent", "Werk en Inkomn"}, `unknown department "Werk en Inkomn" (did you mean "Werk en Inkomen"?)`},
		{[]string{"department", "move", "Sociaal Domein", "--parent", "Team Schuldhulp"}, `cannot move "Sociaal Domein" under "Team Schuldhulp"`},
		{[]string{"department", "move", "Ruimte"}, "move needs --parent NAME or --top"},
		{[]string{"department", "rename", "Nergens", "Ergens"}, `unknown department "Nergens"`},
		{[]string{"assessment", "close", "--department", "Ruimte"}, `department "Ruimte" has no open round to close`},
		{[]string{"assessment", "reopen", "abc"}, `"abc" is not an assessment id`},
		{[]string{"assessment", "reopen", "42"}, "unknown assessment 42"},
	} {
		r := maturity(t, vars, c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, %s; want exit 2 and %q", strings.Join(c.args, " "), r.code, r.stderr, c.want)
		}
	}
	mustRun(t, vars, "department", "rename", "Ruimte", "Fysiek Domein")
	mustRun(t, vars, "department", "move", "Team Schuldhulp", "--parent", "Fysiek Domein")
	tree := mustRun(t, vars, "department", "list")
	want := "Fysiek Domein\n  Team Schuldhulp\nSociaal Domein\n  Werk en Inkomen\n"
	var names []string
	for _, line := range strings.Split(strings.TrimSpace(tree), "\n")[1:] {
		names = append(names, strings.TrimRight(strings.SplitN(line, "  –", 2)[0], " "))
	}
	if got := strings.Join(names, "\n") + "\n"; got != want {
		t.Errorf("tree:\n%s\nwant the names:\n%s", tree, want)
	}
}

func TestAssessmentCommands(t *testing.T) {
	vars := withDB(t)
	mustRun(t, vars, "import", "testdata/example.csv", "--questionnaire=testdata/example.yaml")
	list := mustRun(t, vars, "assessment", "list")
	if !strings.Contains(list, "Example") || !strings.Contains(list, "18/18") || !strings.Contains(list, "ja") || !strings.Contains(list, "example v1") {
		t.Errorf("assessment list:\n%s", list)
	}
	if out := mustRun(t, vars, "assessment", "reopen", "1"); !strings.Contains(out, "ronde 2026-11 van Example heropend (meting 1)") {
		t.Errorf("reopen: %s", out)
	}
	if out := mustRun(t, vars, "assessment", "list", "--department", "example"); !strings.Contains(out, "open") {
		t.Errorf("after reopening:\n%s", out)
	}
	if out := mustRun(t, vars, "assessment", "close", "--department", "Example"); !strings.Contains(out, "ronde 2026-11 van Example gesloten (meting 1, 3 respondenten)") {
		t.Errorf("close: %s", out)
	}
}

func TestTargetsCommand(t *testing.T) {
	vars := withDB(t)
	mustRun(t, vars, "department", "add", "Burgerzaken")
	// No round yet: the dimensions of the current questionnaire.
	out := mustRun(t, vars, "targets", "--department", "Burgerzaken", "--set", "quality=3")
	if !strings.Contains(out, "quality          Datakwaliteit") || !strings.Contains(out, "3     afdeling") || !strings.Contains(out, "4     standaard") {
		t.Errorf("targets:\n%s", out)
	}
	out = mustRun(t, vars, "targets", "--department", "Burgerzaken", "--clear", "quality")
	if strings.Contains(out, "afdeling") {
		t.Errorf("after --clear:\n%s", out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"targets", "--department", "Burgerzaken", "--set", "kwaliteit=3"}, `unknown dimension "kwaliteit" (the dimensions of gemeente-datagedreven: descriptive, diagnostic`},
		{[]string{"targets", "--department", "Burgerzaken", "--set", "quality=0"}, `level "0" is not one of 1, 2, 3, 4, 5`},
		{[]string{"targets", "--department", "Burgerzaken", "--set", "quality"}, "expected DIMENSION=LEVEL"},
		{[]string{"targets"}, "targets needs --department NAME"},
	} {
		r := maturity(t, vars, c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, %s; want exit 2 and %q", strings.Join(c.args, " "), r.code, r.stderr, c.want)
		}
	}
}

func TestAssessmentStart(t *testing.T) {
	vars := withDB(t)
	out := mustRun(t, vars, "assessment", "start", "--department", "Wijkteams", "--round", "voorjaar 2027", "--mode", "workshop")
	if !strings.Contains(out, "ronde voorjaar 2027 van Wijkteams is open (meting 1, workshop, gemeente-datagedreven versie 2, tot nu toe 0 respondenten)") {
		t.Errorf("start: %s", out)
	}
	// Starting again shows the open round instead of making a second one.
	if again := mustRun(t, vars, "assessment", "start", "--department", "wijkteams"); !strings.Contains(again, "(meting 1,") {
		t.Errorf("second start: %s", again)
	}
	r := maturity(t, vars, "assessment", "start", "--department", "Wijkteams", "--round", "najaar 2027")
	if r.code != 2 || !strings.Contains(r.stderr, `already has an open round "voorjaar 2027"`) {
		t.Errorf("a second label while open: exit %d, %s", r.code, r.stderr)
	}
	mustRun(t, vars, "assessment", "close", "--department", "Wijkteams")
	r = maturity(t, vars, "assessment", "start", "--department", "Wijkteams", "--round", "voorjaar 2027")
	if r.code != 2 || !strings.Contains(r.stderr, `already has a round "voorjaar 2027"`) {
		t.Errorf("a label used before: exit %d, %s", r.code, r.stderr)
	}
	r = maturity(t, vars, "assessment", "start", "--department", "Wijkteams", "--mode", "groep")
	if r.code != 2 || !strings.Contains(r.stderr, `--mode "groep": expected self or workshop`) {
		t.Errorf("bad mode: exit %d, %s", r.code, r.stderr)
	}
	if out := mustRun(t, vars, "assessment", "start", "--department", "Wijkteams"); !strings.HasPrefix(out, "ronde 2026-") {
		t.Errorf("default label: %s", out)
	}
}
