package main

import (
	"context"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/questionnaires"
)

// The workshop's rows of the bad-input table: how serve opens its round,
// and what a participant may not do at the gate.
func init() {
	badCases = append(badCases, []badCase{
		{name: "workshop-idle", what: "workshop serve: an idle timeout of zero", db: true, args: []string{"workshop", "serve", "--department", "Wijkteams", "--idle", "0s"}, code: 2,
			want: "maturity: --idle 0s: expected a duration above zero, e.g. 2h or 90m"},
		{name: "workshop-closed-round", what: "workshop serve after the department's workshop round was closed", shown: "maturity workshop serve --department Wijkteams",
			run: serveOn(store.ModeWorkshop, true, false), code: 2, also: "TestOpenWorkshop",
			want: "maturity: de workshopronde 2026-11 van Wijkteams is gesloten op 2026-11-04: --new-round opent een nieuwe ronde"},
		{name: "workshop-new-round-open", what: "workshop serve --new-round while the department's round is open", shown: "maturity workshop serve --department Wijkteams --new-round",
			run: serveOn(store.ModeWorkshop, false, true), code: 2, also: "TestOpenWorkshop",
			want: `maturity: Wijkteams heeft een open ronde 2026-11: sluit die eerst (maturity assessment close --department "Wijkteams"), of laat --new-round weg om ermee verder te gaan`},
		{name: "workshop-take-over", what: "workshop serve on a department with an open self-assessment", shown: "maturity workshop serve --department Wijkteams",
			run: serveOn(store.ModeSelf, false, false), code: 2, also: "TestOpenWorkshop",
			want: `maturity: Wijkteams heeft een open zelfevaluatie, ronde 2026-11 (tot nu toe 1 respondent): --take-over maakt er de ronde van deze workshop van, of sluit hem eerst met maturity assessment close --department "Wijkteams"`},
		{name: "ssh-pseudonym-in-use", what: "SSH: the pseudonym of a participant who is connected, in another case", shown: "ssh -p 2222 127.0.0.1, then the code and ANNA while anna is connected",
			run: gateRefusal("ANNA", ""), code: -1, also: "TestWorkshopRoom_Claims, TestWorkshop_Pseudonyms",
			want: "ANNA is nu verbonden: kies een andere schuilnaam."},
		{name: "ssh-resume-wrong", what: "SSH: rejoining a pseudonym with a wrong resume code", shown: "ssh -p 2222 127.0.0.1, then the code, anna and ZZZZ",
			run: gateRefusal("anna", "ZZZZ"), code: -1, also: "TestWorkshopRoom_Claims, TestWorkshop_Pseudonyms",
			want: "Die hervatcode klopt niet. Probeer het opnieuw, of esc voor een andere schuilnaam."},
	}...)
}

// serveOn runs workshop serve on Wijkteams after giving it a round of mode
// with one respondent, started (and closed, when closed) on 4 November 2026
// at noon; newRound adds --new-round. Nothing may change in the database.
func serveOn(mode store.Mode, closed, newRound bool) func(t *testing.T, bin, dir string) (string, int) {
	return func(t *testing.T, bin, dir string) (string, int) {
		ctx := context.Background()
		st, err := store.Open(ctx, filepath.Join(dir, "m.db"))
		if err != nil {
			t.Fatal(err)
		}
		st.Now = func() time.Time { return time.Date(2026, 11, 4, 12, 0, 0, 0, time.UTC) }
		q, err := questionnaires.LoadDefault()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateDepartment(ctx, "Wijkteams", ""); err != nil {
			t.Fatal(err)
		}
		a, err := st.StartAssessment(ctx, store.StartOptions{Department: "Wijkteams", Questionnaire: storeFile(q), Mode: mode})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Respondent(ctx, a.ID, "anna"); err != nil {
			t.Fatal(err)
		}
		if closed {
			if _, err := st.CloseAssessment(ctx, "Wijkteams"); err != nil {
				t.Fatal(err)
			}
		}
		st.Close()
		before := fileState(t, filepath.Join(dir, "m.db"))
		args := []string{"workshop", "serve", "--department", "Wijkteams", "--listen", "127.0.0.1:0"}
		if newRound {
			args = append(args, "--new-round")
		}
		got, code := runBad(t, bin, dir, args...)
		if after := fileState(t, filepath.Join(dir, "m.db")); after != before {
			t.Error("the database changed")
		}
		return got, code
	}
}

// gateRefusal serves a workshop where anna has joined, then connects
// another participant who types the code, pseudonym and, when given, a
// resume code; it returns the line the gate answers with. With a resume
// code anna has left first.
func gateRefusal(pseudonym, resume string) func(t *testing.T, bin, dir string) (string, int) {
	return func(t *testing.T, bin, dir string) (string, int) {
		port := serveWorkshop(t, bin, dir)
		anna, annaIn := gateSession(t, port)
		for _, s := range []struct{ send, want string }{{"424242\r", "schuilnaam"}, {"anna\r", "hervatcode"}, {"\r", "vraag 1/48"}} {
			io.WriteString(annaIn, s.send)
			if _, err := anna.waitFor(regexp.MustCompile(regexp.QuoteMeta(s.want)), 20*time.Second, nil); err != nil {
				t.Fatal(err)
			}
		}
		if resume != "" {
			io.WriteString(annaIn, "q")
			time.Sleep(500 * time.Millisecond) // anna's connection closes
		}
		screen, in := gateSession(t, port)
		steps := []struct{ send, want string }{{"424242\r", "schuilnaam"}, {pseudonym + "\r", "verbonden|hervatcode om"}}
		if resume != "" {
			steps = append(steps, struct{ send, want string }{resume + "\r", "klopt niet"})
		}
		var last []string
		for _, s := range steps {
			io.WriteString(in, s.send)
			var err error
			if last, err = screen.waitFor(regexp.MustCompile(`[^\n\x1b]*(?:`+s.want+`)[^\n\x1b]*`), 20*time.Second, nil); err != nil {
				t.Fatal(err)
			}
		}
		return strings.TrimSpace(last[0]), -1
	}
}

// gateSession opens a 120×30 session on the workshop at port: the gate's
// messages fit on one line.
func gateSession(t *testing.T, port string) (*lockedBuffer, io.Writer) {
	t.Helper()
	_, screen, in := openShell(t, port, 120, 30)
	return screen, in
}
