package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/maturity-nl/maturity/questionnaires"
)

// workshopRoom opens a workshop round of Wijkteams and its room.
func workshopRoom(t *testing.T) (*storeRoom, *store.Store, store.Assessment) {
	t.Helper()
	ctx := context.Background()
	vars := withDB(t)
	e := env{stdin: strings.NewReader(""), stdout: &strings.Builder{}, stderr: &strings.Builder{}, getenv: func(k string) string { return vars[k] }}
	opts := &globalOptions{db: vars["MATURITY_DB"]}
	st, err := store.Open(ctx, opts.db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	q, err := questionnaires.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	d, _ := st.CreateDepartment(ctx, "Wijkteams", "")
	a, err := st.StartAssessment(ctx, store.StartOptions{Department: d.Name, Questionnaire: storeFile(q), Mode: store.ModeWorkshop})
	if err != nil {
		t.Fatal(err)
	}
	return newStoreRoom(ctx, e, opts, st, q, "en", a), st, a
}

// TestWorkshopRoom: participants claim their pseudonym and join the
// department's open round; each sees their own result until answering
// closes, and is told so; closed answering refuses answers; decisions
// become notes; closing closes the round.
func TestWorkshopRoom(t *testing.T) {
	room, st, a := workshopRoom(t)
	ctx := context.Background()
	q := room.q
	var _ tui.Facilitator = room
	join := func(who string, v scoring.Value) (tui.Seat, tui.Session) {
		seat, err := room.Claim(who, "")
		if err != nil {
			t.Fatal(err)
		}
		s, err := seat.Open()
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range q.Questions()[:3] {
			if err := s.Backend.SaveAnswer(x.ID, v); err != nil {
				t.Fatal(err)
			}
		}
		return seat, s
	}
	annaSeat, anna := join("anna", 5)
	join("bert", 1)
	if _, ok := anna.Backend.(tui.Reporter); ok || anna.ReportHint != "" {
		t.Error("a participant's results screen offers a report: it would write a file on the server")
	}
	if anna.Scope != tui.ScopeOwn {
		t.Errorf("while answering anna's results screen says scope %d; want her own answers (%d)", anna.Scope, tui.ScopeOwn)
	}

	snap, err := room.Snapshot()
	if err != nil || len(snap.Participants) != 2 || snap.Participants[0].Answered != 3 || !snap.Participants[0].Connected || snap.Result.Respondents != 2 ||
		snap.Answered[q.Questions()[0].ID] != 2 || snap.Answered[q.Questions()[3].ID] != 0 {
		t.Fatalf("snapshot = %+v, answered per question %v, %v", snap.Participants, snap.Answered, err)
	}
	own, _ := anna.Backend.Result()
	if own.Respondents != 1 || own.Overall.Level != 5 {
		t.Errorf("while answering anna sees %d respondents, level %d; want only her own (1, level 5)", own.Respondents, own.Overall.Level)
	}

	changed := annaSeat.Changed()
	if err := room.SetPhase(tui.PhaseDiscussion); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changed:
	default:
		t.Error("the discussion was not announced")
	}
	if st := annaSeat.Status(); st.Phase != tui.PhaseDiscussion {
		t.Errorf("anna's screen follows phase %d; want discussion", st.Phase)
	}
	err = anna.Backend.SaveAnswer(q.Questions()[5].ID, 2)
	var refused *tui.RefusedError
	if !errors.As(err, &refused) || !strings.Contains(err.Error(), "answering is closed") {
		t.Errorf("an answer during discussion: %v; want a refusal", err)
	}
	anna, _ = annaSeat.Open()
	group, _ := anna.Backend.Result()
	if group.Respondents != 2 || anna.Scope != tui.ScopeGroup || !anna.Closed {
		t.Errorf("after answering closed anna sees %d respondents, scope %d, closed %v; want the group's 2", group.Respondents, anna.Scope, anna.Closed)
	}
	if err := room.SaveDecision("desc-reporting", "Besloten: niveau 2", "nl"); err != nil {
		t.Fatal(err)
	}

	// A re-vote on the first question: the seat opened again is asked that
	// question alone, with the first vote marked.
	first, second := q.Questions()[0].ID, q.Questions()[1].ID
	if err := room.StartRevote([]string{first}); err != nil {
		t.Fatal(err)
	}
	anna, err = annaSeat.Open()
	if err != nil {
		t.Fatal(err)
	}
	if len(anna.Only) != 1 || anna.Only[0] != first || anna.Earlier[first] != 5 || len(anna.Answers) != 0 || anna.Notice == "" || anna.Closed || anna.Scope != tui.ScopeOwn {
		t.Errorf("re-vote session: only %v, earlier %v, answers %v, notice %q, closed %v, scope %d", anna.Only, anna.Earlier, anna.Answers, anna.Notice, anna.Closed, anna.Scope)
	}
	if err := anna.Backend.SaveAnswer(first, 2); err != nil {
		t.Fatal(err)
	}
	if err := anna.Backend.SaveAnswer(second, 1); err == nil {
		t.Error("an answer to a question outside the re-vote was taken")
	}
	if own, _ := anna.Backend.Result(); own.Respondents != 1 {
		t.Errorf("during the re-vote anna sees %d respondents; want only herself", own.Respondents)
	}
	if snap, _ := room.Snapshot(); len(snap.Revote) != 1 || snap.Participants[0].Revoted != 1 || snap.Participants[1].Revoted != 0 || snap.Answered[first] != 1 {
		t.Errorf("snapshot during the re-vote: revote %v, participants %+v, answered %v", snap.Revote, snap.Participants, snap.Answered)
	}
	if err := room.SetPhase(tui.PhaseDiscussion); err != nil {
		t.Fatal(err)
	}
	group, _ = anna.Backend.Result()
	if len(group.Revotes) != 1 || *group.Revotes[0].Before.Spread != 4 || *group.Revotes[0].After.Spread != 1 {
		t.Errorf("after the re-vote: %+v; want spread 4 → 1", group.Revotes)
	}
	if err := room.SetPhase(tui.PhaseClosed); err != nil {
		t.Fatal(err)
	}
	data, err := st.LoadAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if data.Assessment.Open() || len(data.Notes) != 1 || data.Notes[0].Text != "Besloten: niveau 2" || data.Notes[0].Respondent != "" {
		t.Errorf("after closing: open %v, notes %+v", data.Assessment.Open(), data.Notes)
	}
	// Screens that follow the phase open again after closing: they see the
	// closed round's results, and nobody new joins it.
	if s, err := annaSeat.Open(); err != nil || !s.Closed || s.Round != a.Round {
		t.Errorf("anna after closing: closed %v, round %q, %v", s.Closed, s.Round, err)
	}
	if _, err := room.Claim("zoe", ""); !errors.Is(err, tui.ErrEnded) {
		t.Errorf("a newcomer after closing: %v; want ErrEnded", err)
	}
	if latest, err := st.LatestAssessment(ctx, "Wijkteams"); err != nil || latest.ID != a.ID {
		t.Errorf("latest round after closing: %d, %v; want the workshop's %d", latest.ID, err, a.ID)
	}
}

// TestWorkshopRoom_Claims: a pseudonym is one person's whatever its case;
// nobody joins it while its owner is connected; rejoining needs its resume
// code; a respondent who never joined through the gate cannot be joined.
func TestWorkshopRoom_Claims(t *testing.T) {
	room, st, a := workshopRoom(t)
	merel, err := room.Claim("  Merel ", "")
	if err != nil || !merel.New() || len(merel.ResumeCode()) != 4 {
		t.Fatalf("first claim: new %v, code %q, %v", merel != nil && merel.New(), merel.ResumeCode(), err)
	}
	code := merel.ResumeCode()
	for _, name := range []string{"Merel", "merel", "MEREL", "merel "} {
		if _, err := room.Claim(name, code); !errors.Is(err, tui.ErrInUse) {
			t.Errorf("%q while Merel is connected: %v; want ErrInUse", name, err)
		}
	}
	merel.Leave()
	if _, err := room.Claim("merel", ""); !errors.Is(err, tui.ErrResumeNeeded) {
		t.Errorf("rejoining without the code: %v; want ErrResumeNeeded", err)
	}
	if _, err := room.Claim("merel", "AAAA"); !errors.Is(err, tui.ErrResumeWrong) {
		t.Errorf("rejoining with another code: %v; want ErrResumeWrong", err)
	}
	again, err := room.Claim("MEREL", strings.ToLower(code))
	if err != nil || again.New() {
		t.Fatalf("rejoining with the code: %v", err)
	}
	if s, err := again.Open(); err != nil || s.Respondent != "Merel" {
		t.Errorf("rejoined as %q, %v; want the first spelling, Merel", s.Respondent, err)
	}
	if _, err := room.Claim("bad\x1b[2Jname", ""); !errors.Is(err, tui.ErrBadPseudonym) {
		t.Errorf("a pseudonym with an escape code: %v", err)
	}
	if _, err := room.Claim(strings.Repeat("x", 41), ""); !errors.Is(err, tui.ErrBadPseudonym) {
		t.Errorf("a pseudonym of 41 characters: %v", err)
	}
	// A respondent who answered with maturity assess has no resume code:
	// their pseudonym is not the workshop's to give.
	if _, err := st.Respondent(context.Background(), a.ID, "anon-1a2b3c"); err != nil {
		t.Fatal(err)
	}
	if _, err := room.Claim("ANON-1a2b3c", ""); !errors.Is(err, tui.ErrTaken) {
		t.Errorf("an assess respondent's pseudonym: %v; want ErrTaken", err)
	}
	rooms, _ := st.Respondents(context.Background(), a.ID)
	if len(rooms) != 2 {
		t.Errorf("%d respondents; want Merel and anon-1a2b3c", len(rooms))
	}
}

// TestWorkshopRoom_Remove: removing a participant deletes their answers,
// ends their screen and frees their pseudonym; the timer and the end reach
// every screen.
func TestWorkshopRoom_Remove(t *testing.T) {
	room, st, a := workshopRoom(t)
	seat, err := room.Claim("anna", "")
	if err != nil {
		t.Fatal(err)
	}
	s, _ := seat.Open()
	for _, x := range room.q.Questions()[:4] {
		if err := s.Backend.SaveAnswer(x.ID, 3); err != nil {
			t.Fatal(err)
		}
	}
	changed := seat.Changed()
	deadline := time.Date(2026, 11, 4, 10, 15, 0, 0, time.UTC)
	room.SetTimer(deadline)
	<-changed
	if got := seat.Status().Deadline; !got.Equal(deadline) {
		t.Errorf("the seat's timer ends at %v; want %v", got, deadline)
	}
	n, err := room.Remove("ANNA")
	if err != nil || n != 4 {
		t.Fatalf("remove: %d answers, %v; want 4", n, err)
	}
	if !seat.Status().Removed {
		t.Error("the removed participant's screen was not told")
	}
	if got, _ := st.Assessment(context.Background(), a.ID); got.Respondents != 0 || got.Answers != 0 {
		t.Errorf("after removing: %d respondents, %d answers", got.Respondents, got.Answers)
	}
	seat.Leave()
	if fresh, err := room.Claim("anna", ""); err != nil || !fresh.New() {
		t.Errorf("anna after removal: %v; want a new participant", err)
	}
	room.End()
	if !seat.Status().Ended || room.Open() {
		t.Error("the end was not announced")
	}
}

// TestOpenWorkshop: serve resumes an open workshop round; after it was
// closed it needs --new-round; an open self-assessment needs --take-over.
func TestOpenWorkshop(t *testing.T) {
	vars := withDB(t)
	e := env{stdin: strings.NewReader(""), stdout: &strings.Builder{}, stderr: &strings.Builder{}, getenv: func(k string) string { return vars[k] }}
	// In English, the language the messages below are quoted in.
	opts := &globalOptions{db: vars["MATURITY_DB"], lang: "en"}
	ctx := context.Background()
	open := func(o workshopOptions) (store.Assessment, error) {
		st, room, err := openWorkshop(ctx, e, opts, &o)
		if err != nil {
			return store.Assessment{}, err
		}
		defer st.Close()
		return room.roundOf()
	}
	first, err := open(workshopOptions{department: "Wijkteams"})
	if err != nil || first.Mode != store.ModeWorkshop {
		t.Fatalf("first serve: %+v, %v", first, err)
	}
	if again, err := open(workshopOptions{department: "Wijkteams"}); err != nil || again.ID != first.ID {
		t.Errorf("serve again: round %d, %v; want the same %d", again.ID, err, first.ID)
	}
	if _, err := open(workshopOptions{department: "Wijkteams", newRound: true}); err == nil || !strings.Contains(err.Error(), "has an open round") {
		t.Errorf("--new-round with an open round: %v", err)
	}
	st, err := store.Open(ctx, opts.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CloseAssessment(ctx, "Wijkteams"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	_, err = open(workshopOptions{department: "Wijkteams"})
	if err == nil || !strings.Contains(err.Error(), "the workshop round "+first.Round+" of Wijkteams was closed on") || !strings.Contains(err.Error(), "--new-round opens a new round") {
		t.Errorf("serve after closing: %v", err)
	}
	if next, err := open(workshopOptions{department: "Wijkteams", newRound: true}); err != nil || next.ID == first.ID || !next.Open() {
		t.Errorf("--new-round after closing: %+v, %v", next, err)
	}

	// An open self-assessment.
	st, _ = store.Open(ctx, opts.db)
	q, _ := questionnaires.LoadDefault()
	st.CreateDepartment(ctx, "Burgerzaken", "")
	self, err := st.StartAssessment(ctx, store.StartOptions{Department: "Burgerzaken", Questionnaire: storeFile(q), Mode: store.ModeSelf})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := open(workshopOptions{department: "Burgerzaken"}); err == nil || !strings.Contains(err.Error(), "has an open self-assessment, round "+self.Round) {
		t.Errorf("serve on an open self-assessment: %v", err)
	}
	taken, err := open(workshopOptions{department: "Burgerzaken", takeOver: true})
	if err != nil || taken.ID != self.ID || taken.Mode != store.ModeWorkshop {
		t.Errorf("--take-over: %+v, %v; want round %d as a workshop", taken, err, self.ID)
	}
}

// waitDashboard waits until the dashboard has shown every one of want.
func waitDashboard(t *testing.T, tm *teatest.TestModel, want ...string) {
	t.Helper()
	var seen string
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		seen += string(b)
		for _, w := range want {
			if !strings.Contains(seen, w) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// TestWorkshopRoom_Agreements: on a real round, the dashboard's
// agreements step agrees the first recommendation and an own action; both
// land in the register as the department's actions after this round, with
// their dimension, question, text, owner and due date. A server started
// again goes on in the agreements step; a withdrawn agreement stays in the
// register as dropped and leaves the dashboard; an action of another round
// is not the dashboard's to change.
func TestWorkshopRoom_Agreements(t *testing.T) {
	room, st, a := workshopRoom(t)
	ctx := context.Background()
	q := room.q
	for _, who := range []string{"anna", "bert", "cees"} {
		seat, err := room.Claim(who, "")
		if err != nil {
			t.Fatal(err)
		}
		s, err := seat.Open()
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range q.Questions() {
			if err := s.Backend.SaveAnswer(x.ID, 2); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := room.SetPhase(tui.PhaseDiscussion); err != nil {
		t.Fatal(err)
	}
	snap, err := room.Snapshot()
	if err != nil || len(snap.Result.Recommendations) == 0 {
		t.Fatalf("no recommendations to agree: %v", err)
	}
	rec := snap.Result.Recommendations[0]
	recText := strings.Join(strings.Fields(rec.Text(q).In("en")), " ")
	own := q.Dimensions()[1]

	clock := time.Date(2026, 11, 4, 10, 0, 0, 0, time.UTC)
	info := tui.DashboardInfo{Questionnaire: q, Lang: "en", Department: "Wijkteams", Round: a.Round, Code: "424242", Connect: "–",
		Phase: room.Phase(), Now: func() time.Time { return clock }}
	tm := teatest.NewTestModel(t, tui.NewDashboard(room, info, tui.DefaultStyles()), teatest.WithInitialTermSize(100, 40))
	enter := func() { tm.Send(tea.KeyMsg{Type: tea.KeyEnter}) }
	waitDashboard(t, tm, "Participants (3 · 3 connected)", "n agreements")
	tm.Type("n")
	waitDashboard(t, tm, "Move to the agreements?")
	tm.Type("y")
	waitDashboard(t, tm, "Phase: agreements", "› 1. "+q.Dimension(rec.Dimension).Name.In("en"))
	enter()
	waitDashboard(t, tm, "New agreement — "+q.Dimension(rec.Dimension).Name.In("en"))
	tm.Type("teamleider")
	enter()
	tm.Type("2027-03-31")
	enter()
	waitDashboard(t, tm, "saved: teamleider, due 2027-03-31.")
	tm.Type("o")
	waitDashboard(t, tm, "Which dimension is the agreement for?")
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	enter()
	waitDashboard(t, tm, "New agreement — "+own.Name.In("en"))
	tm.Type("Discuss the monthly overview in every team meeting")
	enter()
	tm.Type("informatiemanager")
	enter()
	tm.Type("2026-07-01")
	enter()
	waitDashboard(t, tm, "2026-07-01 is before today")
	tm.Type("y")
	waitDashboard(t, tm, "saved: informatiemanager, due 2026-07-01.", "Agreed (2)")
	tm.Type("q")
	tm.Type("y")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	actions, err := st.Actions(ctx, store.ActionFilter{Department: "Wijkteams"})
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ assessment, dimension, question, text, owner, due, status string }
	got := []row{}
	for _, x := range actions {
		got = append(got, row{fmt.Sprint(x.AssessmentID), x.Dimension, x.Question, x.Text, x.Owner, x.Due, string(x.Status)})
	}
	want := []row{
		{fmt.Sprint(a.ID), rec.Dimension, rec.Question, recText, "teamleider", "2027-03-31", "planned"},
		{fmt.Sprint(a.ID), own.ID, "", "Discuss the monthly overview in every team meeting", "informatiemanager", "2026-07-01", "planned"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the register holds\n%v\nwant\n%v", got, want)
	}

	// Started again, the workshop goes on in the agreements step.
	now, err := st.Assessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	again := newStoreRoom(ctx, room.e, room.opts, st, q, "en", now)
	if err := again.resumePhase(); err != nil || again.Phase() != tui.PhaseAgreements {
		t.Errorf("a server started again is in phase %v (%v); want the agreements", again.Phase(), err)
	}
	if err := again.Drop(actions[1].ID, "withdrawn in the workshop"); err != nil {
		t.Fatal(err)
	}
	dropped, _ := st.Action(ctx, actions[1].ID)
	if dropped.Status != store.ActionDropped || dropped.Reason != "withdrawn in the workshop" {
		t.Errorf("withdrawn: status %s, reason %q", dropped.Status, dropped.Reason)
	}
	if snap, _ := again.Snapshot(); len(snap.Agreements) != 1 || snap.Agreements[0].ID != actions[0].ID {
		t.Errorf("the dashboard shows %+v; want only action %d", snap.Agreements, actions[0].ID)
	}
	// An action agreed after another round is not this dashboard's.
	st.CreateDepartment(ctx, "Burgerzaken", "")
	other, err := st.AddAction(ctx, store.NewAction{Department: "Burgerzaken", Dimension: own.ID, Text: "Something else"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := again.Agree(tui.Agreement{ID: other.ID, Dimension: own.ID, Text: "Changed", Owner: "teamleider", Due: "2027-01-01"}); err == nil ||
		err.Error() != fmt.Sprintf("action %d was not agreed after this round", other.ID) {
		t.Errorf("changing another round's action: %v", err)
	}
	if _, err := again.Agree(tui.Agreement{Dimension: "no-such", Text: "x", Owner: "teamleider", Due: "2027-01-01"}); err == nil ||
		err.Error() != "dimension no-such is not in the questionnaire "+q.ID {
		t.Errorf("an unknown dimension: %v", err)
	}
}
