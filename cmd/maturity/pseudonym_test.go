package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

var defaultPseudonym = regexp.MustCompile(`^anon-[0-9a-f]{8}$`)

// TestPseudonym_Default: the default pseudonym is random, made once per
// user and then kept, in a file only its user may read; another user (a
// data directory of their own) gets another one.
func TestPseudonym_Default(t *testing.T) {
	vars := home(t)
	getenv := func(k string) string { return vars[k] }
	l := labelsFor("nl")
	first, err := defaultAlias(getenv, l)
	if err != nil {
		t.Fatal(err)
	}
	if !defaultPseudonym.MatchString(first) {
		t.Errorf("default pseudonym %q, want anon- and 8 hexadecimal digits", first)
	}
	again, err := defaultAlias(getenv, l)
	if err != nil || again != first {
		t.Errorf("second time %q, %v; want %q again", again, err, first)
	}
	path := filepath.Join(vars["XDG_DATA_HOME"], "maturity", "pseudonyms")
	b, err := os.ReadFile(path)
	if err != nil || string(b) != first+"\n" {
		t.Errorf("pseudonyms file %q, %v; want %q", b, err, first+"\n")
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("pseudonyms file mode %v, %v; want 0600", info.Mode().Perm(), err)
	}
	other := home(t)
	second, err := defaultAlias(func(k string) string { return other[k] }, l)
	if err != nil || second == first || !defaultPseudonym.MatchString(second) {
		t.Errorf("another user's default %q, %v; want a different one than %q", second, err, first)
	}
}

// TestPseudonym_Concurrent: processes that make the default pseudonym at
// the same moment all end up with the same one, and no temporary file is
// left beside it.
func TestPseudonym_Concurrent(t *testing.T) {
	vars := home(t)
	getenv := func(k string) string { return vars[k] }
	const n = 16
	got := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			alias, err := defaultAlias(getenv, labelsFor("nl"))
			if err != nil {
				t.Error(err)
			}
			got[i] = alias
		}()
	}
	wg.Wait()
	for _, g := range got {
		if g != got[0] {
			t.Fatalf("pseudonyms made at once differ: %v", got)
		}
	}
	if names := dirNames(t, filepath.Join(vars["XDG_DATA_HOME"], "maturity")); strings.Join(names, ",") != "pseudonyms" {
		t.Errorf("the data directory holds %v, want only pseudonyms", names)
	}
}

// TestPseudonym_Broken: a pseudonyms file that cannot be used is an error
// naming it and saying how to get out, never a new identity in silence.
func TestPseudonym_Broken(t *testing.T) {
	for _, c := range []struct {
		name, content, want string
	}{
		{"empty", "", "is leeg (verwacht een schuilnaam)"},
		{"empty line", "anon-01020304\n\nVos\n", "regel 2 is leeg (verwacht een schuilnaam)"},
		{"escape code", "anon-01020304\nVos\x1b[2J\n", "regel 2: de schuilnaam contains the control character U+001B at character 4 (expected printable text: no escape codes, tabs or line breaks)"},
		{"too large", strings.Repeat("x", maxPseudonymsBytes+1), "groter dan 40050 bytes (maxPseudonymsBytes)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			vars := home(t)
			path := filepath.Join(vars["XDG_DATA_HOME"], "maturity", "pseudonyms")
			os.MkdirAll(filepath.Dir(path), 0o700)
			if err := os.WriteFile(path, []byte(c.content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := defaultAlias(func(k string) string { return vars[k] }, labelsFor("nl"))
			want := path + ": " + c.want + "; verwijder het bestand voor een nieuwe standaardschuilnaam, of kies er een met --respondent"
			if err == nil || err.Error() != want {
				t.Errorf("got %v\nwant %s", err, want)
			}
			if exitCode(err, &strings.Builder{}) != 2 {
				t.Error("a broken pseudonyms file is not bad input (exit 2)")
			}
		})
	}
}

// TestPseudonym_Remember: a typed pseudonym joins the user's own, once;
// the list keeps the default first and the newest typed ones after it.
func TestPseudonym_Remember(t *testing.T) {
	vars := home(t)
	getenv := func(k string) string { return vars[k] }
	l := labelsFor("nl")
	def, err := defaultAlias(getenv, l)
	if err != nil {
		t.Fatal(err)
	}
	for _, alias := range []string{"Vos", " Vos ", "Reiger"} {
		if err := rememberPseudonym(getenv, l, alias); err != nil {
			t.Fatal(err)
		}
	}
	own, err := ownPseudonyms(getenv, l)
	if err != nil || strings.Join(own, ",") != def+",Vos,Reiger" {
		t.Errorf("own pseudonyms %v, %v; want %s,Vos,Reiger", own, err, def)
	}
	for i := range maxOwnPseudonyms + 5 {
		if err := rememberPseudonym(getenv, l, "p"+strings.Repeat("x", i)); err != nil {
			t.Fatal(err)
		}
	}
	own, _ = ownPseudonyms(getenv, l)
	if len(own) != maxOwnPseudonyms || own[0] != def || own[1] != "p"+strings.Repeat("x", 6) || own[len(own)-1] != "p"+strings.Repeat("x", maxOwnPseudonyms+4) {
		t.Errorf("a full list: %d pseudonyms, first %q, second %q, last %q", len(own), own[0], own[1], own[len(own)-1])
	}
}

// TestPseudonym_Assess: assess without --respondent answers as the user's
// own default pseudonym, which says nothing of the user's name.
func TestPseudonym_Assess(t *testing.T) {
	vars := withDB(t)
	vars["USER"], vars["USERNAME"] = "jjansen", "jjansen"
	r := runWithInput(t, vars, "3\nq\n", "assess", "--accessible", "--department", "Burgerzaken")
	if r.code != 0 {
		t.Fatalf("assess: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	alias, err := defaultAlias(func(k string) string { return vars[k] }, labelsFor("nl"))
	if err != nil {
		t.Fatal(err)
	}
	if got := storedAnswers(t, vars["MATURITY_DB"], "Burgerzaken", alias); len(got) != 1 || got["desc-reporting"] != "3" {
		t.Errorf("answers of %s: %v", alias, got)
	}
	if strings.Contains(alias, "jjansen") || !defaultPseudonym.MatchString(alias) {
		t.Errorf("default pseudonym %q", alias)
	}
}

// TestHome_UnfinishedOwn: the home screen's resume list shows the rounds
// this user left unfinished under their own pseudonyms, not a colleague's
// on the same database, unless --all-respondents asks for everyone's.
func TestHome_UnfinishedOwn(t *testing.T) {
	me, colleague := withDB(t), home(t)
	colleague["MATURITY_DB"] = me["MATURITY_DB"]
	for _, c := range []struct {
		vars  map[string]string
		extra []string
	}{
		{me, nil},                             // under the default pseudonym
		{me, []string{"--respondent", "Vos"}}, // under one typed
		{colleague, []string{"--respondent", "Reiger"}},
		{colleague, nil},
	} {
		args := append([]string{"assess", "--accessible", "--department", "Burgerzaken"}, c.extra...)
		if r := runWithInput(t, c.vars, "3\nq\n", args...); r.code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
	}
	ctx := context.Background()
	st, err := store.Open(ctx, me["MATURITY_DB"])
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	myDefault, _ := defaultAlias(func(k string) string { return me[k] }, labelsFor("nl"))
	list := func(all bool) string {
		e := env{stdin: strings.NewReader(""), stdout: &strings.Builder{}, stderr: &strings.Builder{}, getenv: func(k string) string { return me[k] }}
		h := &storeHome{ctx: ctx, e: e, opts: &globalOptions{allRespondents: all}, st: st}
		got, err := h.Unfinished()
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, u := range got {
			names = append(names, u.Respondent)
		}
		slices.Sort(names)
		return strings.Join(names, ",")
	}
	if got, want := list(false), strings.Join(slices.Sorted(slices.Values([]string{myDefault, "Vos"})), ","); got != want {
		t.Errorf("own unfinished: %s, want %s", got, want)
	}
	if got := list(true); strings.Count(got, ",") != 3 || !strings.Contains(got, "Reiger") {
		t.Errorf("everyone's unfinished: %s, want four respondents", got)
	}
}
