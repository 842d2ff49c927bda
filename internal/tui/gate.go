package tui

import (
	"errors"
	"time"
)

// Gate is what a workshop participant passes before answering: the
// workshop code, then a pseudonym, and to rejoin under it a resume code.
type Gate interface {
	// CheckCode says whether code opens the workshop; it may take a while,
	// as codes are answered slowly. done says that this participant may
	// try no more.
	CheckCode(code string) (ok, done bool)
	// Claim admits the participant under a pseudonym. A new pseudonym is
	// theirs at once, with a new resume code; one that exists in the round,
	// in any case, needs its resume code (resume) and may not be connected
	// already. The errors below say why not.
	Claim(pseudonym, resume string) (Seat, error)
}

// Why a Gate refuses a participant; the screen says each in words.
var (
	// ErrResumeNeeded: the pseudonym exists; its resume code is needed.
	ErrResumeNeeded = errors.New("the pseudonym exists: its resume code is needed")
	// ErrResumeWrong: the resume code given is not the pseudonym's.
	ErrResumeWrong = errors.New("the resume code is wrong")
	// ErrTooManyCodes: too many wrong codes; the connection ends.
	ErrTooManyCodes = errors.New("too many wrong codes")
	// ErrInUse: the pseudonym's owner is connected now.
	ErrInUse = errors.New("the pseudonym is in use")
	// ErrTaken: the pseudonym belongs to a respondent who did not join
	// through the gate, and has no resume code.
	ErrTaken = errors.New("the pseudonym is taken")
	// ErrBadPseudonym: the pseudonym is empty, too long or unprintable.
	ErrBadPseudonym = errors.New("the pseudonym is not allowed")
	// ErrEnded: the round is closed; only those who took part see it.
	ErrEnded = errors.New("the workshop has ended")
	// ErrUnavailable: something failed on the server; trying again may work.
	ErrUnavailable = errors.New("the server could not do it")
)

// Seat is a participant admitted to a workshop, holding their pseudonym
// while they are connected.
type Seat interface {
	// Open opens the participant's session in the workshop's phase now; a
	// screen opens it again at each change of phase.
	Open() (Session, error)
	// New says whether the participant joined for the first time; their
	// resume code is shown to them then.
	New() bool
	// ResumeCode is the code with which the participant rejoins.
	ResumeCode() string
	// Status is the workshop as this participant's screen follows it.
	Status() SeatStatus
	// Changed is closed at the workshop's next change.
	Changed() <-chan struct{}
	// Leave gives the pseudonym free: the participant is gone.
	Leave()
}

// SeatStatus is what a participant's screen follows besides the questions.
type SeatStatus struct {
	Phase Phase
	// Deadline is the end of the phase timer, zero without one.
	Deadline time.Time
	// Ended: the facilitator stopped the workshop. Removed: they removed
	// this participant, whose answers are gone.
	Ended, Removed bool
}

// LeaveMsg ends a participant's program, telling them why; the workshop
// server sends it when it stops, or when a session waited too long.
type LeaveMsg struct{ Reason LeaveReason }

// LeaveReason says why a participant's program ends.
type LeaveReason int

// The reasons a participant's program ends from outside.
const (
	LeaveShutdown    LeaveReason = iota // the facilitator stopped the workshop
	LeaveGateTimeout                    // the code or pseudonym took too long
	LeaveIdle                           // nothing typed for too long
)
