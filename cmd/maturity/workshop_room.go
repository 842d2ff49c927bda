package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/maturity-nl/maturity/internal/workshop"
)

// storeRoom is a workshop round: participants claim a pseudonym in it
// and answer into the store; the facilitator's dashboard reads it and
// moves it on. Its phase lives in the store, so a restarted server goes on
// where it was; who is connected, the timer and the end live in a roster.
type storeRoom struct {
	mu      sync.Mutex // the dashboard may refresh twice at once
	claimMu sync.Mutex // a pseudonym is looked up and held in one step
	roster  *workshop.Roster

	phaseMu sync.Mutex
	phase   tui.Phase

	// failed is the last thing that went wrong for a participant: they see
	// that something failed, the facilitator sees what.
	failedMu sync.Mutex
	failed   error

	assessment int64
	scorer     *scorer
	ctx        context.Context
	e          env
	opts       *globalOptions
	st         *store.Store
	q          *questionnaire.Questionnaire
	lang       string
	department string
}

var (
	_ tui.Facilitator = (*storeRoom)(nil)
	_ workshop.Room   = (*storeRoom)(nil)
)

func newStoreRoom(ctx context.Context, e env, opts *globalOptions, st *store.Store, q *questionnaire.Questionnaire, lang string, a store.Assessment) *storeRoom {
	return &storeRoom{ctx: ctx, e: e, opts: opts, st: st, q: q, lang: lang, department: a.Department, assessment: a.ID,
		scorer: newScorer(st), roster: workshop.NewRoster(), phase: dashboardPhase(a)}
}

// Phase is where the workshop stands.
func (r *storeRoom) Phase() tui.Phase {
	r.phaseMu.Lock()
	defer r.phaseMu.Unlock()
	return r.phase
}

// Open reports whether the workshop still runs.
func (r *storeRoom) Open() bool { return r.Phase() != tui.PhaseClosed && !r.roster.Ended() }

// fail keeps what went wrong for the dashboard and gives the participant
// a message without the server's details (no path, no database error).
func (r *storeRoom) fail(err error) error {
	r.failedMu.Lock()
	r.failed = err
	r.failedMu.Unlock()
	return tui.ErrUnavailable
}

// Claim admits a participant: a new pseudonym gets a resume code; an
// existing one, in any case, needs its code and may not be connected
// already; a respondent who did not join through the gate cannot be
// joined at all. Once the round is closed only those who took part come
// back, to see its results.
func (r *storeRoom) Claim(pseudonym, resume string) (tui.Seat, error) {
	pseudonym = strings.TrimSpace(pseudonym)
	if store.CheckAlias(pseudonym) != nil {
		return nil, tui.ErrBadPseudonym
	}
	r.claimMu.Lock()
	defer r.claimMu.Unlock()
	key := store.AliasKey(pseudonym)
	if r.roster.Connected(key) {
		return nil, tui.ErrInUse
	}
	seat := &storeSeat{room: r}
	p, err := r.st.FindParticipant(r.ctx, r.assessment, pseudonym)
	switch {
	case store.ErrorCode(err) == store.ENOTFOUND:
		if !r.Open() {
			return nil, tui.ErrEnded
		}
		code, err := workshop.NewResumeCode()
		if err != nil {
			return nil, r.fail(err)
		}
		resp, err := r.st.AddParticipant(r.ctx, r.assessment, pseudonym, code)
		switch {
		case store.ErrorCode(err) == store.ECONFLICT:
			return nil, tui.ErrEnded
		case err != nil:
			return nil, r.fail(err)
		}
		seat.respondent, seat.code, seat.fresh = resp, code, true
	case err != nil:
		return nil, r.fail(err)
	case !p.HasCode:
		return nil, tui.ErrTaken
	case resume == "":
		return nil, tui.ErrResumeNeeded
	default:
		ok, err := r.st.ResumeCodeMatches(r.ctx, p.ID, resume)
		if err != nil {
			return nil, r.fail(err)
		}
		if !ok {
			return nil, tui.ErrResumeWrong
		}
		seat.respondent, seat.code = p.Respondent, strings.ToUpper(strings.TrimSpace(resume))
	}
	place, ok := r.roster.Hold(key)
	if !ok {
		return nil, tui.ErrInUse
	}
	seat.place = place
	return seat, nil
}

// storeSeat is one participant admitted to the room.
type storeSeat struct {
	room       *storeRoom
	respondent store.Respondent
	code       string
	fresh      bool
	place      *workshop.Place
}

var _ tui.Seat = (*storeSeat)(nil)

func (s *storeSeat) New() bool                { return s.fresh }
func (s *storeSeat) ResumeCode() string       { return s.code }
func (s *storeSeat) Changed() <-chan struct{} { return s.room.roster.Changed() }
func (s *storeSeat) Leave()                   { s.place.Leave() }

func (s *storeSeat) Status() tui.SeatStatus {
	r := s.room
	return tui.SeatStatus{Phase: r.Phase(), Deadline: r.roster.Deadline(), Ended: r.roster.Ended(), Removed: s.place.Removed()}
}

// Open opens the participant's session in the workshop's phase now. What a
// participant does writes no file and shows no path of the server: their
// results screen offers no report, and a failure shows as a failure.
func (s *storeSeat) Open() (tui.Session, error) {
	r := s.room
	if s.place.Removed() {
		return tui.Session{}, tui.ErrEnded
	}
	sess, backend, err := sessionFor(r.ctx, r.opts, r.st, r.q, r.lang, r.assessment, s.respondent)
	if err != nil {
		return tui.Session{}, r.fail(err)
	}
	sess.ReportHint = ""
	sess.Backend = participantBackend{b: backend, room: r}
	sess.Scope = tui.ScopeGroup
	if r.Phase() == tui.PhaseAnswering || r.Phase() == tui.PhaseRevote {
		sess.Scope = tui.ScopeOwn
	}
	return sess, nil
}

// participantBackend is a participant's storeBackend without its report,
// whose failures the facilitator sees and the participant sees as such.
type participantBackend struct {
	b    *storeBackend
	room *storeRoom
}

var _ tui.Backend = participantBackend{}

func (p participantBackend) failed(err error) error {
	var refused *tui.RefusedError
	if err == nil || errors.As(err, &refused) {
		return err
	}
	p.room.fail(err)
	return errors.New(labelsFor(p.b.lang)["server error"])
}

func (p participantBackend) SaveAnswer(q string, v scoring.Value) error {
	return p.failed(p.b.SaveAnswer(q, v))
}

func (p participantBackend) SaveNote(q, text, lang string) error {
	return p.failed(p.b.SaveNote(q, text, lang))
}

func (p participantBackend) Result() (scoring.Result, error) {
	res, err := p.b.Result()
	return res, p.failed(err)
}

// Snapshot reads the participants' progress and the group's result.
func (r *storeRoom) Snapshot() (tui.Snapshot, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, err := r.scorer.score(r.ctx, r.assessment)
	if err != nil {
		return tui.Snapshot{}, err
	}
	revoting := s.data.Assessment.Phase == store.PhaseRevote
	answered, revoted, perQuestion := map[string]int{}, map[string]int{}, map[string]int{}
	for _, x := range s.data.Answers {
		answered[x.Respondent]++
		if x.Vote == 2 {
			revoted[x.Respondent]++
		}
		if !revoting || x.Vote == 2 {
			perQuestion[x.Question]++
		}
	}
	respondents, err := r.st.Respondents(r.ctx, r.assessment)
	if err != nil {
		return tui.Snapshot{}, err
	}
	snap := tui.Snapshot{Result: s.result, Revote: s.data.Revote, Answered: perQuestion, Deadline: r.roster.Deadline()}
	if snap.Agreements, err = r.agreements(); err != nil {
		return tui.Snapshot{}, err
	}
	for _, p := range respondents {
		snap.Participants = append(snap.Participants, tui.Participant{Pseudonym: p.Alias, Answered: answered[p.Alias], Revoted: revoted[p.Alias],
			Connected: r.roster.Connected(store.AliasKey(p.Alias))})
	}
	r.failedMu.Lock()
	snap.Failed, r.failed = r.failed, nil
	r.failedMu.Unlock()
	return snap, nil
}

// setPhase keeps the phase and tells every screen.
func (r *storeRoom) setPhase(p tui.Phase) {
	r.phaseMu.Lock()
	r.phase = p
	r.phaseMu.Unlock()
	r.roster.Announce()
}

// SetPhase keeps the workshop's phase in the store (answering closes at
// discussion) and closes the round at the end.
func (r *storeRoom) SetPhase(p tui.Phase) error {
	var err error
	switch p {
	case tui.PhaseAnswering:
		err = r.st.SetPhase(r.ctx, r.assessment, store.PhaseAnswering, nil)
	case tui.PhaseDiscussion, tui.PhaseAgreements:
		// The agreements step keeps answering closed, as the discussion
		// does; the store knows it as the discussion.
		err = r.st.SetPhase(r.ctx, r.assessment, store.PhaseDiscussion, nil)
	case tui.PhaseClosed:
		_, err = r.st.CloseAssessment(r.ctx, r.department)
	default:
		err = fmt.Errorf("a re-vote needs its questions")
	}
	if err == nil {
		r.setPhase(p)
	}
	return err
}

// StartRevote opens a second vote on the questions the group discussed.
func (r *storeRoom) StartRevote(questions []string) error {
	for _, id := range questions {
		if r.q.Question(id) == nil {
			return fmt.Errorf("question %s is not in the questionnaire %s", id, r.q.ID)
		}
	}
	if err := r.st.SetPhase(r.ctx, r.assessment, store.PhaseRevote, questions); err != nil {
		return err
	}
	r.setPhase(tui.PhaseRevote)
	return nil
}

// SaveDecision keeps the group's decision on a question as a note of the
// round, in the language of the facilitator's screen.
func (r *storeRoom) SaveDecision(question, text, lang string) error {
	return r.st.SaveNote(r.ctx, store.NoteInput{AssessmentID: r.assessment, Question: question, Text: text, Lang: lang})
}

// SetTimer sets the phase timer every participant's screen shows.
func (r *storeRoom) SetTimer(deadline time.Time) error {
	r.roster.SetDeadline(deadline)
	return nil
}

// Remove removes a participant with every answer and note they gave; a
// connected participant's screen ends. It returns how many answers went.
func (r *storeRoom) Remove(pseudonym string) (int, error) {
	r.claimMu.Lock()
	defer r.claimMu.Unlock()
	p, err := r.st.FindParticipant(r.ctx, r.assessment, pseudonym)
	if err != nil {
		return 0, err
	}
	n, err := r.st.RemoveRespondent(r.ctx, p.ID)
	if err != nil {
		return 0, err
	}
	r.roster.Remove(store.AliasKey(p.Alias))
	return n, nil
}

// End tells every participant's screen that the facilitator stopped.
func (r *storeRoom) End() { r.roster.End() }

// Agree saves an action agreed after the workshop's round in the
// improvement register, or a change to one agreed after it.
func (r *storeRoom) Agree(a tui.Agreement) (tui.Agreement, error) {
	if r.q.Dimension(a.Dimension) == nil {
		return tui.Agreement{}, fmt.Errorf("dimension %s is not in the questionnaire %s", a.Dimension, r.q.ID)
	}
	if a.Question != "" && r.q.Question(a.Question) == nil {
		return tui.Agreement{}, fmt.Errorf("question %s is not in the questionnaire %s", a.Question, r.q.ID)
	}
	var saved store.Action
	var err error
	if a.ID == 0 {
		saved, err = r.st.AddAction(r.ctx, store.NewAction{Department: r.department, AssessmentID: r.assessment,
			Dimension: a.Dimension, Question: a.Question, Text: a.Text, Owner: a.Owner, Due: a.Due})
	} else {
		if err := r.ownAction(a.ID); err != nil {
			return tui.Agreement{}, err
		}
		saved, err = r.st.UpdateAction(r.ctx, a.ID, store.ActionUpdate{Text: &a.Text, Owner: &a.Owner, Due: &a.Due})
	}
	if err != nil {
		return tui.Agreement{}, err
	}
	return agreement(saved), nil
}

// Drop withdraws an action agreed after the workshop's round: it stays in
// the register as dropped, with the reason.
func (r *storeRoom) Drop(id int64, reason string) error {
	if err := r.ownAction(id); err != nil {
		return err
	}
	dropped := store.ActionDropped
	_, err := r.st.UpdateAction(r.ctx, id, store.ActionUpdate{Status: &dropped, Reason: &reason})
	return err
}

// ownAction refuses an action that was not agreed after this round: the
// dashboard changes only its own.
func (r *storeRoom) ownAction(id int64) error {
	x, err := r.st.Action(r.ctx, id)
	if err != nil {
		return err
	}
	if x.AssessmentID != r.assessment {
		return fmt.Errorf("action %d was not agreed after this round", id)
	}
	return nil
}

// agreements are the actions agreed after the round, withdrawn ones left out.
func (r *storeRoom) agreements() ([]tui.Agreement, error) {
	all, err := r.st.Actions(r.ctx, store.ActionFilter{AssessmentID: r.assessment})
	if err != nil {
		return nil, err
	}
	var out []tui.Agreement
	for _, a := range all {
		if a.Status != store.ActionDropped {
			out = append(out, agreement(a))
		}
	}
	return out, nil
}

// agreement is an action as the dashboard shows it.
func agreement(a store.Action) tui.Agreement {
	return tui.Agreement{ID: a.ID, Dimension: a.Dimension, Question: a.Question, Text: a.Text, Owner: a.Owner, Due: a.Due}
}

// resumePhase is where a workshop goes on: a round in discussion with
// agreements made after it was in the agreements step.
func (r *storeRoom) resumePhase() error {
	if r.Phase() != tui.PhaseDiscussion {
		return nil
	}
	agreed, err := r.agreements()
	if err != nil {
		return err
	}
	if len(agreed) > 0 {
		r.setPhase(tui.PhaseAgreements)
	}
	return nil
}

// dashboardPhase is the dashboard's name for a round's phase.
func dashboardPhase(a store.Assessment) tui.Phase {
	if !a.Open() {
		return tui.PhaseClosed
	}
	switch a.Phase {
	case store.PhaseDiscussion:
		return tui.PhaseDiscussion
	case store.PhaseRevote:
		return tui.PhaseRevote
	}
	return tui.PhaseAnswering
}

// localGate lets participants at the facilitator's keyboard in without the
// workshop code; a pseudonym and its resume code work as over SSH.
type localGate struct{ *storeRoom }

func (localGate) CheckCode(string) (bool, bool) { return true, false }
