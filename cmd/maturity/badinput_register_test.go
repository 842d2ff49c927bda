package main

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
)

// The agreements step's rows of the bad-input table: what the facilitator
// types for an agreement on the dashboard.
func init() {
	long := strings.Repeat("x", 5000)
	badCases = append(badCases, []badCase{
		{name: "workshop-agree-owner-long", what: "workshop dashboard: an agreement's owner of 5,000 characters (pasted)",
			shown: "maturity workshop local --department Wijkteams, then n, n, o, a text, the owner, a date",
			run:   agreeTyped("De monitor bespreken in het teamoverleg", long, "2027-03-31"), code: -1, also: "TestAgreements_BadInput",
			want: fmt.Sprintf("Een eigenaar is een rol van hoogstens %d tekens, zoals teamleider.", tui.MaxOwnerRunes)},
		{name: "workshop-agree-text-long", what: "workshop dashboard: an own agreement's text of 5,000 characters (pasted)",
			shown: "maturity workshop local --department Wijkteams, then n, n, o, a text, the owner, a date",
			run:   agreeTyped(long, "teamleider", "2027-03-31"), code: -1, also: "TestAgreements_BadInput",
			want: fmt.Sprintf("De tekst is langer dan %d tekens: maak hem korter.", tui.MaxAgreementRunes)},
		{name: "workshop-agree-due-bad", what: "workshop dashboard: an agreement's due date that does not exist",
			shown: "maturity workshop local --department Wijkteams, then n, n, o, a text, the owner, 2027-02-30",
			run:   agreeTyped("De monitor bespreken in het teamoverleg", "teamleider", "2027-02-30"), code: -1, also: "TestAgreements_BadInput",
			want: "“2027-02-30” is geen datum: typ JJJJ-MM-DD, bijvoorbeeld 2027-03-31."},
	}...)
}

// agreeTyped runs workshop local in a 120×30 terminal (tmux) under the
// bad-input bounds, takes the workshop to its agreements step and types an
// own agreement for the first dimension — its text, owner and due date,
// each as one burst of keys — and returns the line the form answers with.
// The program keeps running, and nothing reaches the register.
func agreeTyped(text, owner, due string) func(t *testing.T, bin, dir string) (string, int) {
	return func(t *testing.T, bin, dir string) (string, int) {
		term := newTerminals(t)
		prlimit := needTool(t, "prlimit", "util-linux")
		// exec: the terminal's process is maturity itself, whose memory
		// is measured.
		term.open("m", 120, 30, fmt.Sprintf("cd %s && exec env MATURITY_DB=m.db XDG_DATA_HOME=%s HOME=%s NO_COLOR=1 %s --data=%d -- %s workshop local --department Wijkteams",
			dir, dir, dir, prlimit, badDataLimit, bin))
		start := time.Now()
		peak := watchPeak(term.pid("m"))
		term.wait("m", "n naar bespreken")
		term.keys("m", "n")
		term.wait("m", "Naar bespreken?")
		term.keys("m", "j")
		term.wait("m", "n afspraken")
		term.keys("m", "n")
		term.wait("m", "Naar de afspraken?")
		term.keys("m", "j")
		term.wait("m", "Fase: afspraken")
		term.keys("m", "o")
		term.wait("m", "Voor welke dimensie is de afspraak?")
		term.keys("m", "Enter")
		term.wait("m", "Nieuwe afspraak")
		for _, typed := range []string{text, owner, due} {
			term.tmux("send-keys", "-t", "m", "-l", typed)
			term.keys("m", "Enter")
		}
		answer := regexp.MustCompile(`(?m)^(Een eigenaar is|De tekst is|“).*$`)
		screen := term.waitUntil("m", "the form's answer", func(s string) bool { return answer.MatchString(s) })
		if used := peak(); used > badPeakMemory {
			t.Errorf("workshop local used %d MB at its peak; the bound is %d MB", used>>20, badPeakMemory>>20)
		}
		if took := time.Since(start); took > badTimeLimit {
			t.Errorf("the form answered after %v; the bound is %v", took.Round(time.Millisecond), badTimeLimit)
		}
		st, err := store.Open(context.Background(), filepath.Join(dir, "m.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if actions, err := st.Actions(context.Background(), store.ActionFilter{}); err != nil || len(actions) != 0 {
			t.Errorf("the register holds %d actions after a refused agreement (%v)", len(actions), err)
		}
		return strings.TrimSpace(answer.FindString(screen)), -1
	}
}
