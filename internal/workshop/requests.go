package workshop

import (
	"encoding/binary"
	"io"
	"sync/atomic"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// refusedCommand is written to a client that asks to run a command or a
// subsystem instead of the questionnaire.
const refusedCommand = "This server only serves the workshop questionnaire: connect without a command.\r\n"

// filteredChannel is a session channel whose requests pass through
// filterRequests before the SSH library sees them, and whose input is
// timed for the idle timeout.
type filteredChannel struct {
	gossh.NewChannel
	input *atomic.Int64 // unix nanoseconds of the last input
	now   func() time.Time
}

// Accept accepts the channel and starts filtering its requests.
func (c filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return nil, nil, err
	}
	out := make(chan *gossh.Request)
	go filterRequests(ch, reqs, out, ResizeEvery)
	return inputChannel{Channel: ch, input: c.input, now: c.now}, out, nil
}

// inputChannel records when the participant last typed.
type inputChannel struct {
	gossh.Channel
	input *atomic.Int64
	now   func() time.Time
}

func (c inputChannel) Read(p []byte) (int, error) {
	n, err := c.Channel.Read(p)
	if n > 0 {
		c.input.Store(c.now().UnixNano())
	}
	return n, err
}

// filterRequests passes on what an interactive questionnaire needs — a
// terminal, a shell, window changes — with every size clamped, and refuses
// everything else: env, agent forwarding, X11, exec, subsystems, signals.
// Window changes come through at most once per every; in between, only the
// latest is kept, so a flood of them costs one repaint per interval.
// Nothing is buffered beyond one request: a client that sends faster than
// the session takes them waits.
func filterRequests(ch gossh.Channel, in <-chan *gossh.Request, out chan<- *gossh.Request, every time.Duration) {
	defer close(out)
	var (
		pending *gossh.Request // the latest window change not passed on
		timer   *time.Timer
		fire    <-chan time.Time
		next    time.Time // when the next window change may pass
	)
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	flush := func() {
		if pending != nil {
			out <- pending
			pending, next = nil, time.Now().Add(every)
		}
	}
	for {
		select {
		case <-fire:
			fire = nil
			flush()
		case req, ok := <-in:
			if !ok {
				return
			}
			switch req.Type {
			case "pty-req":
				p, ok := clampPtyRequest(req.Payload)
				if !ok {
					req.Reply(false, nil)
					continue
				}
				req.Payload = p
				flush()
				out <- req
			case "window-change":
				p, ok := clampWindow(req.Payload)
				if !ok {
					req.Reply(false, nil)
					continue
				}
				req.Reply(true, nil)
				// The copy passed on wants no reply: it was given.
				pending = &gossh.Request{Type: req.Type, Payload: p}
				if fire != nil {
					continue
				}
				if wait := time.Until(next); wait > 0 {
					if timer == nil {
						timer = time.NewTimer(wait)
					} else {
						timer.Reset(wait)
					}
					fire = timer.C
					continue
				}
				flush()
			case "shell":
				flush()
				out <- req
			case "exec", "subsystem":
				io.WriteString(ch.Stderr(), refusedCommand)
				req.Reply(false, nil)
			default:
				req.Reply(false, nil)
			}
		}
	}
}

// clampSize keeps a size a client sent within 1…limit; zero, which means
// "unknown", becomes fallback.
func clampSize(v, limit, fallback uint32) uint32 {
	switch {
	case v == 0:
		return fallback
	case v > limit:
		return limit
	}
	return v
}

// clampDims clamps the four sizes of a terminal — columns, rows, pixel
// width, pixel height — in b, which holds at least 16 bytes.
func clampDims(b []byte) {
	limits := [4][2]uint32{{MaxTerminalWidth, 80}, {MaxTerminalHeight, 24}, {maxTerminalPixels, 0}, {maxTerminalPixels, 0}}
	for i, l := range limits {
		v := binary.BigEndian.Uint32(b[4*i:])
		if i >= 2 {
			v = min(v, l[0])
		} else {
			v = clampSize(v, l[0], l[1])
		}
		binary.BigEndian.PutUint32(b[4*i:], v)
	}
}

// clampWindow clamps a window-change request: columns, rows, pixel width
// and pixel height, four uint32 (RFC 4254 6.7).
func clampWindow(payload []byte) ([]byte, bool) {
	if len(payload) < 16 {
		return nil, false
	}
	p := append([]byte(nil), payload[:16]...)
	clampDims(p)
	return p, true
}

// clampPtyRequest clamps a pty-req: the terminal type, then columns, rows,
// pixel width and pixel height, then the terminal modes (RFC 4254 6.2).
func clampPtyRequest(payload []byte) ([]byte, bool) {
	if len(payload) < 4 {
		return nil, false
	}
	n := binary.BigEndian.Uint32(payload)
	if uint64(n) > uint64(len(payload))-4 || len(payload)-4-int(n) < 16 {
		return nil, false
	}
	p := append([]byte(nil), payload...)
	clampDims(p[4+n:])
	return p, true
}
