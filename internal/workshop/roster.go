package workshop

import (
	"crypto/rand"
	"math/big"
	"sync"
	"time"
)

// Roster is what every participant's screen follows besides the answers:
// who is connected under which pseudonym, the phase timer, whether the
// facilitator ended the workshop or removed someone. Each change is
// announced by closing the channel Changed returned. It holds no answers:
// they are the caller's to store.
type Roster struct {
	mu       sync.Mutex
	places   map[string]*Place // the connection holding a pseudonym, by its key
	deadline time.Time
	ended    bool
	changed  chan struct{}
}

// NewRoster makes an empty roster.
func NewRoster() *Roster {
	return &Roster{places: map[string]*Place{}, changed: make(chan struct{})}
}

// Place is one participant's hold on their pseudonym while they are
// connected.
type Place struct {
	roster  *Roster
	key     string
	removed bool
	left    bool
}

// Hold gives the pseudonym with this key (its case-folded form) to one
// participant; ok is false while another holds it.
func (r *Roster) Hold(key string) (*Place, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.places[key] != nil {
		return nil, false
	}
	p := &Place{roster: r, key: key}
	r.places[key] = p
	r.announceLocked()
	return p, true
}

// Leave gives the pseudonym free again; leaving twice is leaving once.
func (p *Place) Leave() {
	r := p.roster
	r.mu.Lock()
	defer r.mu.Unlock()
	if p.left {
		return
	}
	p.left = true
	if r.places[p.key] == p {
		delete(r.places, p.key)
	}
	r.announceLocked()
}

// Removed reports whether the facilitator removed this participant.
func (p *Place) Removed() bool {
	p.roster.mu.Lock()
	defer p.roster.mu.Unlock()
	return p.removed
}

// Connected reports whether someone holds the pseudonym with this key.
func (r *Roster) Connected(key string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.places[key] != nil
}

// Remove marks whoever holds the pseudonym with this key as removed and
// announces it: their screen ends.
func (r *Roster) Remove(key string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p := r.places[key]; p != nil {
		p.removed = true
	}
	r.announceLocked()
}

// SetDeadline sets the phase timer: screens count down to t, and show that
// time is up at t. The zero time clears it. It changes nothing else.
func (r *Roster) SetDeadline(t time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.deadline = t
	r.announceLocked()
}

// Deadline is the phase timer's end, zero without a timer.
func (r *Roster) Deadline() time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.deadline
}

// End says the facilitator stopped the workshop.
func (r *Roster) End() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ended = true
	r.announceLocked()
}

// Ended reports whether the facilitator stopped the workshop.
func (r *Roster) Ended() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ended
}

// Announce tells every screen that the workshop changed, e.g. its phase.
func (r *Roster) Announce() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.announceLocked()
}

func (r *Roster) announceLocked() {
	close(r.changed)
	r.changed = make(chan struct{})
}

// Changed is closed at the workshop's next change.
func (r *Roster) Changed() <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.changed
}

// resumeAlphabet leaves out the characters people confuse: 0 and O, 1 and
// I; 32 characters, so a code of ResumeCodeLength has 2²⁰ values.
const resumeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// ResumeCodeLength is the length of a participant's resume code.
const ResumeCodeLength = 4

// NewResumeCode makes a participant's resume code, e.g. K7PM.
func NewResumeCode() (string, error) {
	b := make([]byte, ResumeCodeLength)
	for i := range b {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(resumeAlphabet))))
		if err != nil {
			return "", err
		}
		b[i] = resumeAlphabet[n.Int64()]
	}
	return string(b), nil
}
