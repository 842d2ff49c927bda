package workshop

import (
	"context"
	"encoding/binary"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// fakeClock is a clock that moves only when something sleeps on it.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(_ context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return nil
}

// TestLimiter: the burst of wrong codes passes at once; after it, each
// wrong code waits for the token the rate brings; a right code takes none.
func TestLimiter(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 11, 4, 9, 0, 0, 0, time.UTC)}
	l := newLimiter(60, 3, clock.Now, clock.Sleep) // one a second, three at once
	start := clock.Now()
	at := func() time.Duration { return clock.Now().Sub(start) }
	for i := 0; i < 3; i++ {
		if err := l.wait(context.Background()); err != nil || at() != 0 {
			t.Fatalf("burst code %d: waited %v, %v; want none", i+1, at(), err)
		}
		l.wrong()
	}
	if err := l.wait(context.Background()); err != nil || at() != time.Second {
		t.Errorf("the fourth wrong code waited until %v, %v; want 1s", at(), err)
	}
	l.wrong()
	// A right code waits its turn like any, and takes no token.
	if err := l.wait(context.Background()); err != nil || at() != 2*time.Second {
		t.Errorf("a right code after them waited until %v, %v; want 2s", at(), err)
	}
	if err := l.wait(context.Background()); err != nil || at() != 2*time.Second {
		t.Errorf("the code after a right one waited until %v, %v; want 2s: the right code took a token", at(), err)
	}
	l.wrong()
	// The bucket fills again, up to its burst.
	clock.Sleep(context.Background(), time.Minute)
	if l.refill(); l.tokens != 3 {
		t.Errorf("after a quiet minute the bucket holds %v tokens; want 3", l.tokens)
	}
}

// TestLimiter_Line: codes waiting for a token wait in line, and one whose
// connection ends leaves it without holding up the others.
func TestLimiter_Line(t *testing.T) {
	l := newLimiter(600, 1, time.Now, sleepCtx) // one per 100 ms
	if err := l.wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	l.wrong()
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	if err := l.wait(gone); err == nil {
		t.Error("a code whose connection ended was answered")
	}
	var mu sync.Mutex
	var order []int
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if err := l.wait(context.Background()); err != nil {
				t.Error(err)
			}
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
			l.wrong()
		}(i)
		// The next code joins only once this one stands in the line, so
		// they queue in this order however slowly goroutines start.
		for queued := false; !queued; {
			time.Sleep(time.Millisecond)
			// A code stands in the line until its turn, and is in order
			// after it: never in both, so the sum counts each code once.
			l.mu.Lock()
			waiting := len(l.line)
			l.mu.Unlock()
			mu.Lock()
			queued = waiting+len(order) >= i+1
			mu.Unlock()
		}
	}
	wg.Wait()
	if len(order) != 3 || order[0] != 0 || order[1] != 1 || order[2] != 2 || len(l.line) != 0 {
		t.Errorf("answered in the order %v, line left %d; want 0 1 2 and an empty line", order, len(l.line))
	}
}

func window(w, h, pw, ph uint32) []byte {
	b := make([]byte, 16)
	for i, v := range []uint32{w, h, pw, ph} {
		binary.BigEndian.PutUint32(b[4*i:], v)
	}
	return b
}

func dims(b []byte) [4]uint32 {
	var d [4]uint32
	for i := range d {
		d[i] = binary.BigEndian.Uint32(b[4*i:])
	}
	return d
}

// TestClamp: every size a client sends is clamped, a zero one becomes the
// usual terminal, and a request too short to hold its sizes is refused.
func TestClamp(t *testing.T) {
	const huge = 1<<32 - 1
	cases := []struct {
		in   []byte
		want [4]uint32
	}{
		{window(huge, huge, huge, huge), [4]uint32{MaxTerminalWidth, MaxTerminalHeight, maxTerminalPixels, maxTerminalPixels}},
		{window(0, 0, 0, 0), [4]uint32{80, 24, 0, 0}},
		{window(120, 40, 960, 640), [4]uint32{120, 40, 960, 640}},
	}
	for _, c := range cases {
		got, ok := clampWindow(c.in)
		if !ok || dims(got) != c.want {
			t.Errorf("window %v: %v, %v; want %v", dims(c.in), dims(got), ok, c.want)
		}
		pty := gossh.Marshal(struct {
			Term  string
			Dims  [16]byte
			Modes string
		}{"xterm-256color", [16]byte(c.in), "\x00"})
		got, ok = clampPtyRequest(pty)
		if !ok || dims(got[4+len("xterm-256color"):]) != c.want || len(got) != len(pty) {
			t.Errorf("pty-req %v: %v, %v; want %v", dims(c.in), dims(got[4+len("xterm-256color"):]), ok, c.want)
		}
	}
	for _, short := range [][]byte{nil, {0, 0, 0}, window(1, 2, 3, 4)[:15], {0xff, 0xff, 0xff, 0xff, 1, 2}} {
		if _, ok := clampWindow(short); ok && len(short) < 16 {
			t.Errorf("window %v accepted", short)
		}
		if _, ok := clampPtyRequest(short); ok {
			t.Errorf("pty-req %v accepted", short)
		}
	}
}
