package main

import (
	"strings"
	"testing"
)

// TestFlagSuggestion: a misspelt flag is refused with the nearest flag the
// command has, as a misspelt command is; the suggestion is in the user's
// language, cobra's own words stay as cobra writes them.
func TestFlagSuggestion(t *testing.T) {
	usage := "\nRun 'maturity --help' for usage.\n"
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"results", "--departement", "Burgerzaken"}, "maturity: unknown flag: --departement (bedoel je --department?)" + usage},
		{[]string{"--lang", "en", "assessment", "list", "--departement", "Burgerzaken"}, "maturity: unknown flag: --departement (did you mean --department?)" + usage},
		{[]string{"results", "--jsno"}, "maturity: unknown flag: --jsno (bedoel je --json?)" + usage},
		{[]string{"results", "--Department", "Burgerzaken"}, "maturity: unknown flag: --Department (bedoel je --department?)" + usage},
		// A global flag, inherited by every command.
		{[]string{"results", "--questionaire", "x.yaml"}, "maturity: unknown flag: --questionaire (bedoel je --questionnaire?)" + usage},
		// A prefix of a flag.
		{[]string{"report", "--organ"}, "maturity: unknown flag: --organ (bedoel je --organisation?)" + usage},
		// Nothing near: no guess.
		{[]string{"results", "--frobnicate"}, "maturity: unknown flag: --frobnicate" + usage},
		{[]string{"results", "--x"}, "maturity: unknown flag: --x" + usage},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			r := maturity(t, withDB(t), c.args...)
			if r.code != 2 || r.stderr != c.want {
				t.Errorf("exit %d, stderr:\n%q\nwant exit 2 and:\n%q", r.code, r.stderr, c.want)
			}
		})
	}
}

// TestEditDistance: the distance the suggestions are chosen by.
func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"db", "", 2}, {"", "db", 2}, {"department", "department", 0},
		{"departement", "department", 1}, {"jsno", "json", 2}, {"lnag", "lang", 2}, {"kitten", "sitting", 3},
	} {
		if got := editDistance(c.a, c.b); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

// TestLangFlag: --lang takes a language name in any case; anything else
// is refused as before.
func TestLangFlag(t *testing.T) {
	vars := withDB(t)
	mustRun(t, vars, "department", "add", "Burgerzaken")
	for _, c := range []struct {
		lang, want string
	}{
		{"EN", "no assessments yet\n"}, {"en", "no assessments yet\n"}, {"En", "no assessments yet\n"},
		{"NL", "nog geen metingen\n"}, {"Nl", "nog geen metingen\n"}, {"nl", "nog geen metingen\n"},
	} {
		r := maturity(t, vars, "--lang", c.lang, "assessment", "list")
		if r.code != 0 || r.stdout != c.want || r.stderr != "" {
			t.Errorf("--lang %s: exit %d, stdout %q, stderr %q; want %q", c.lang, r.code, r.stdout, r.stderr, c.want)
		}
	}
	if r := maturity(t, vars, "--lang=EN", "questionnaire", "show"); r.code != 0 || !strings.Contains(r.stdout, "Descriptive") {
		t.Errorf("--lang=EN questionnaire show: exit %d, %s%s", r.code, r.stdout[:min(len(r.stdout), 200)], r.stderr)
	}
	r := maturity(t, vars, "--lang", "FR", "assessment", "list")
	if want := "maturity: --lang \"FR\": unknown language (expected nl or en)\n"; r.code != 2 || r.stderr != want {
		t.Errorf("--lang FR: exit %d, stderr %q, want %q", r.code, r.stderr, want)
	}
}

// TestPluralAndLanguage: the command line's own words follow the user's
// language, one respondent is singular, and the round list says ja/nee.
func TestPluralAndLanguage(t *testing.T) {
	vars := withDB(t)
	r := runWithInput(t, vars, "3\nq\n", "assess", "--accessible", "--department", "Burgerzaken", "--respondent", "Vos")
	if r.code != 0 {
		t.Fatalf("assess: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	out := mustRun(t, vars, "assessment", "list")
	if !strings.HasPrefix(out, "ID  AFDELING     RONDE") || !strings.Contains(out, "  zelf  ") || !strings.Contains(out, "  open  ") || !strings.Contains(out, "  nee  ") || strings.Contains(out, "yes") || strings.Contains(out, " no ") {
		t.Errorf("assessment list:\n%s", out)
	}
	out = mustRun(t, vars, "assessment", "close", "--department", "Burgerzaken")
	if !strings.HasPrefix(out, "ronde ") || !strings.HasSuffix(out, " van Burgerzaken gesloten (meting 1, 1 respondent)\n") {
		t.Errorf("assessment close: %q", out)
	}
	out = mustRun(t, vars, "--lang", "en", "assessment", "list")
	if !strings.HasPrefix(out, "ID  DEPARTMENT   ROUND") || !strings.Contains(out, "  self  ") || !strings.Contains(out, "  no  ") {
		t.Errorf("assessment list in English:\n%s", out)
	}
	out = mustRun(t, vars, "--lang", "en", "assessment", "start", "--department", "Burgerzaken", "--round", "2027-01")
	if out != "round 2027-01 of Burgerzaken is open (assessment 2, self, gemeente-datagedreven version 2, 0 respondents so far)\n" {
		t.Errorf("assessment start: %q", out)
	}
	if got := plural(labelsFor("nl"), "n questions", 1); got != "1 vraag" {
		t.Errorf("one question: %q", got)
	}
	if got := plural(labelsFor("nl"), "n questions", 0); got != "0 vragen" {
		t.Errorf("no questions: %q", got)
	}
}

// runWithInput runs one command line in-process with input on stdin.
func runWithInput(t *testing.T, vars map[string]string, input string, args ...string) result {
	t.Helper()
	var out, errb strings.Builder
	err := runWith(args, strings.NewReader(input), &out, &errb, func(k string) string { return vars[k] })
	code := exitCode(err, &errb)
	return result{stdout: out.String(), stderr: errb.String(), code: code}
}
