package workshop_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/maturity-nl/maturity/internal/workshop"
)

// room lets participants join one round of a real store, with the
// roster's rules: a resume code to rejoin, one connection per pseudonym.
type room struct {
	st     *store.Store
	q      *questionnaire.Questionnaire
	a      store.Assessment
	roster *workshop.Roster
	mu     sync.Mutex
	closed bool
	// wrap, when set, replaces each session's backend.
	wrap func(pseudonym string, b tui.Backend) tui.Backend
}

type backend struct {
	st *store.Store
	r  store.Respondent
}

func (b backend) SaveAnswer(q string, v scoring.Value) error {
	return b.st.SaveAnswer(context.Background(), b.r.ID, q, v.String())
}
func (b backend) SaveNote(string, string, string) error { return nil }
func (b backend) Result() (scoring.Result, error)       { return scoring.Result{}, nil }

func (r *room) Open() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return !r.closed
}

func (r *room) Claim(pseudonym, resume string) (tui.Seat, error) {
	ctx := context.Background()
	r.mu.Lock()
	defer r.mu.Unlock()
	pseudonym = strings.TrimSpace(pseudonym)
	key := store.AliasKey(pseudonym)
	if r.roster.Connected(key) {
		return nil, tui.ErrInUse
	}
	s := &seat{room: r}
	p, err := r.st.FindParticipant(ctx, r.a.ID, pseudonym)
	switch {
	case store.ErrorCode(err) == store.ENOTFOUND:
		code, err := workshop.NewResumeCode()
		if err != nil {
			return nil, err
		}
		if s.resp, err = r.st.AddParticipant(ctx, r.a.ID, pseudonym, code); err != nil {
			return nil, err
		}
		s.code, s.fresh = code, true
	case err != nil:
		return nil, err
	case resume == "":
		return nil, tui.ErrResumeNeeded
	default:
		ok, err := r.st.ResumeCodeMatches(ctx, p.ID, resume)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, tui.ErrResumeWrong
		}
		s.resp, s.code = p.Respondent, resume
	}
	place, ok := r.roster.Hold(key)
	if !ok {
		return nil, errors.New("held twice")
	}
	s.place = place
	return s, nil
}

type seat struct {
	room  *room
	resp  store.Respondent
	code  string
	fresh bool
	place *workshop.Place
}

func (s *seat) New() bool                { return s.fresh }
func (s *seat) ResumeCode() string       { return s.code }
func (s *seat) Changed() <-chan struct{} { return s.room.roster.Changed() }
func (s *seat) Leave()                   { s.place.Leave() }
func (s *seat) Status() tui.SeatStatus {
	return tui.SeatStatus{Deadline: s.room.roster.Deadline(), Ended: s.room.roster.Ended(), Removed: s.place.Removed()}
}

func (s *seat) Open() (tui.Session, error) {
	r := s.room
	given, err := r.st.Answers(context.Background(), s.resp.ID)
	if err != nil {
		return tui.Session{}, err
	}
	var b tui.Backend = backend{r.st, s.resp}
	if r.wrap != nil {
		b = r.wrap(s.resp.Alias, b)
	}
	sess := tui.Session{Questionnaire: r.q, Lang: "nl", Department: r.a.Department, Round: r.a.Round, Respondent: s.resp.Alias,
		Answers: map[string]scoring.Value{}, Notes: map[string]string{}, Backend: b}
	for q, v := range given {
		sess.Answers[q], _ = scoring.ParseValue(v)
	}
	return sess, nil
}

// connected reports whether the roster holds the pseudonym now.
func (r *room) connected(pseudonym string) bool { return r.roster.Connected(store.AliasKey(pseudonym)) }

func (r *room) answers(t testing.TB, pseudonym string) int {
	t.Helper()
	p, err := r.st.FindParticipant(context.Background(), r.a.ID, pseudonym)
	if err != nil {
		return 0
	}
	got, err := r.st.Answers(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return len(got)
}
