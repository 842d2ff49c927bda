package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// result is what one command line produced.
type result struct {
	stdout, stderr string
	code           int
}

// maturity runs one command line in-process with its own environment.
func maturity(t *testing.T, vars map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return vars[k] }
	err := run(context.Background(), args, env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: getenv})
	code := exitCode(err, &errb)
	return result{stdout: out.String(), stderr: errb.String(), code: code}
}

// home is an environment with a fresh, empty data directory.
func home(t *testing.T) map[string]string {
	return map[string]string{"XDG_DATA_HOME": t.TempDir(), "HOME": t.TempDir()}
}

func TestRoot(t *testing.T) {
	vars := home(t)
	for _, c := range []struct {
		args     []string
		code     int
		contains string
		stream   string
	}{
		{[]string{"--help"}, 0, "questionnaire", "stdout"},
		{[]string{}, 0, "Usage:", "stdout"},
		{[]string{"--version"}, 0, "maturity ", "stdout"},
		{[]string{"completion", "bash"}, 0, "__start_maturity", "stdout"},
		{[]string{"completion", "zsh"}, 0, "#compdef maturity", "stdout"},
		{[]string{"completion", "fish"}, 0, "complete -c maturity", "stdout"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`, "stderr"},
		{[]string{"questionnaire", "show", "--no-such-flag"}, 2, "unknown flag: --no-such-flag", "stderr"},
		{[]string{"--lang", "fr", "questionnaire", "show"}, 2, `--lang "fr": unknown language (expected nl or en)`, "stderr"},
		{[]string{"questionnaire", "validate"}, 2, "requires at least 1 arg", "stderr"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			r := maturity(t, vars, c.args...)
			got := r.stdout
			if c.stream == "stderr" {
				got = r.stderr
			}
			if r.code != c.code || !strings.Contains(got, c.contains) {
				t.Errorf("exit %d, %s:\n%s\nwant exit %d and %q", r.code, c.stream, got, c.code, c.contains)
			}
		})
	}
}
