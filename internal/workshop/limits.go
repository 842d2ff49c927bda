package workshop

import (
	"context"
	"sync"
	"time"
)

// The limits of what a participant's SSH client may ask for. Each is
// checked before the work it would cause.
const (
	// MaxConnections caps the connections open at once, logged in or not;
	// one more is closed as soon as it arrives.
	MaxConnections = 200
	// MaxSessionsPerConnection caps the sessions one connection runs at once.
	MaxSessionsPerConnection = 1
	// LoginTimeout is how long a connection may take from its first byte to
	// a running session: the SSH handshake, a terminal and a shell.
	LoginTimeout = 20 * time.Second
	// GateTimeout is how long a session may take to pass the gate: the
	// workshop code, a pseudonym and, to rejoin, a resume code.
	GateTimeout = 3 * time.Minute
	// MaxTerminalWidth and MaxTerminalHeight clamp every terminal size a
	// client asks for, at the start and at each window change.
	MaxTerminalWidth  = 1000
	MaxTerminalHeight = 500
	// maxTerminalPixels clamps the pixel sizes of the same requests, which
	// nothing uses.
	maxTerminalPixels = 1 << 16
	// ResizeEvery is how often a window change reaches the screen at most;
	// a flood of them is folded into the latest.
	ResizeEvery = 50 * time.Millisecond
	// DefaultIdle ends a session without input for this long, unless it is
	// a joined participant's while the workshop is open: people listen
	// through a long discussion without touching a key.
	DefaultIdle = 2 * time.Hour
	// KeepAliveEvery is how often the server asks a client whether it is
	// still there; one that has not answered within KeepAliveTimeout is
	// disconnected, so the dashboard shows who is really connected.
	KeepAliveEvery   = 30 * time.Second
	KeepAliveTimeout = 60 * time.Second
)

// The limits on guessing the workshop code or a participant's resume code.
// A wrong code is answered after tui.WrongCodeDelay, and one connection
// tries one code at a time. Across the server, wrong codes are limited to a
// rate: beyond it every code waits its turn in one line, right or wrong, so
// guessing stays at that rate however many connections guess, a right code
// is still let in, and no address is ever locked out.
const (
	// MaxWrongCodes ends a connection after this many wrong codes; a new
	// connection may try again, from any address.
	MaxWrongCodes = 5
	// WrongCodesPerMinute is how many wrong codes the whole server answers
	// per minute in the long run, after a first WrongCodeBurst.
	WrongCodesPerMinute = 60
	WrongCodeBurst      = 20
)

// limiter paces the wrong codes of the whole server: a bucket of burst
// tokens refilled at rate per second, from which each wrong code takes
// one. While it is empty, codes wait in line, first come first served, for
// a token to be there; a right code takes none. Waiting does not depend on
// whether the code is right, so the line tells a guesser nothing.
type limiter struct {
	rate  float64 // tokens per second
	burst float64
	now   func() time.Time
	sleep func(context.Context, time.Duration) error

	mu     sync.Mutex
	tokens float64
	last   time.Time
	line   []chan struct{} // the codes waiting, the first at its turn
}

func newLimiter(perMinute, burst int, now func() time.Time, sleep func(context.Context, time.Duration) error) *limiter {
	return &limiter{rate: float64(perMinute) / 60, burst: float64(burst), tokens: float64(burst), now: now, sleep: sleep, last: now()}
}

// sleepCtx waits d, or less when ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// refill adds the tokens earned since the last look; l.mu is held.
func (l *limiter) refill() {
	now := l.now()
	if now.After(l.last) {
		l.tokens = min(l.burst, l.tokens+now.Sub(l.last).Seconds()*l.rate)
		l.last = now
	}
}

// wait returns once a code may be compared: at its turn, with a token in
// the bucket. It returns ctx's error when the connection ends first.
func (l *limiter) wait(ctx context.Context) error {
	turn := make(chan struct{})
	l.mu.Lock()
	l.line = append(l.line, turn)
	if len(l.line) == 1 {
		close(turn)
	}
	l.mu.Unlock()
	defer l.leave(turn)
	select {
	case <-turn:
	case <-ctx.Done():
		return ctx.Err()
	}
	for {
		l.mu.Lock()
		l.refill()
		if l.tokens >= 1 {
			l.mu.Unlock()
			return nil
		}
		d := time.Duration((1 - l.tokens) / l.rate * float64(time.Second))
		l.mu.Unlock()
		if err := l.sleep(ctx, d); err != nil {
			return err
		}
	}
}

// leave takes a code out of the line and gives the next one its turn.
func (l *limiter) leave(turn chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, c := range l.line {
		if c != turn {
			continue
		}
		l.line = append(l.line[:i], l.line[i+1:]...)
		if i == 0 && len(l.line) > 0 {
			close(l.line[0])
		}
		return
	}
}

// wrong takes the token of a wrong code. Codes compared at the same moment
// may take the bucket below zero; the line waits that off.
func (l *limiter) wrong() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.refill()
	l.tokens--
}
