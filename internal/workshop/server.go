package workshop

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/charmbracelet/wish/activeterm"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"
)

// Room is the workshop round participants join.
type Room interface {
	// Claim admits a participant under a pseudonym, as tui.Gate.Claim.
	Claim(pseudonym, resume string) (tui.Seat, error)
	// Open reports whether the workshop still runs; once it does not, the
	// idle timeout applies to joined participants too.
	Open() bool
}

// Config says how to serve a workshop. The limits are this package's
// constants unless a field sets another (tests do).
type Config struct {
	// Listen is the address, e.g. 127.0.0.1:2222.
	Listen string
	// HostKeyPath is where the server's key is kept (made when missing), so
	// participants see the same host key every time.
	HostKeyPath string
	// Code opens the workshop.
	Code string
	Lang string
	Room Room
	// Idle ends a session without input for this long, except a joined
	// participant's while the room is open; DefaultIdle when zero.
	Idle time.Duration

	MaxConnections   int
	LoginTimeout     time.Duration
	GateTimeout      time.Duration
	KeepAliveEvery   time.Duration
	KeepAliveTimeout time.Duration
	// WrongCodesPerMinute and WrongCodeBurst pace wrong codes server-wide.
	WrongCodesPerMinute, WrongCodeBurst int
	// Now is the clock of the limits; time.Now when nil.
	Now func() time.Time
}

// Server is a running workshop.
type Server struct {
	cfg     Config
	ssh     *ssh.Server
	limiter *limiter
	conns   atomic.Int64 // open connections

	mu       sync.Mutex
	programs map[*tea.Program]bool // the participants' programs running
}

// New prepares a workshop server.
func New(cfg Config) (*Server, error) {
	if cfg.Code == "" || cfg.Room == nil {
		return nil, errors.New("workshop: a code and a room are needed")
	}
	defaults := []struct {
		field *time.Duration
		value time.Duration
	}{{&cfg.Idle, DefaultIdle}, {&cfg.LoginTimeout, LoginTimeout}, {&cfg.GateTimeout, GateTimeout},
		{&cfg.KeepAliveEvery, KeepAliveEvery}, {&cfg.KeepAliveTimeout, KeepAliveTimeout}}
	for _, d := range defaults {
		if *d.field == 0 {
			*d.field = d.value
		}
	}
	if cfg.MaxConnections == 0 {
		cfg.MaxConnections = MaxConnections
	}
	if cfg.WrongCodesPerMinute == 0 {
		cfg.WrongCodesPerMinute = WrongCodesPerMinute
	}
	if cfg.WrongCodeBurst == 0 {
		cfg.WrongCodeBurst = WrongCodeBurst
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{cfg: cfg, programs: map[*tea.Program]bool{},
		limiter: newLimiter(cfg.WrongCodesPerMinute, cfg.WrongCodeBurst, cfg.Now, sleepCtx)}
	if err := ensureHostKey(cfg.HostKeyPath); err != nil {
		return nil, fmt.Errorf("workshop: %w", err)
	}
	srv, err := wish.NewServer(
		wish.WithAddress(cfg.Listen),
		wish.WithHostKeyPath(cfg.HostKeyPath),
		wish.WithMiddleware(
			bm.MiddlewareWithProgramHandler(s.program, termenv.Ascii),
			activeterm.Middleware(),
		),
	)
	if err != nil {
		return nil, fmt.Errorf("workshop: %w", err)
	}
	// Nothing but an interactive session: every session request passes
	// filterRequests, no other channel type opens, no global request (port
	// forwarding) is granted.
	srv.ConnCallback = s.accept
	srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": s.session}
	srv.RequestHandlers = map[string]ssh.RequestHandler{}
	srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
	srv.LocalPortForwardingCallback = func(ssh.Context, string, uint32) bool { return false }
	srv.ReversePortForwardingCallback = func(ssh.Context, string, uint32) bool { return false }
	s.ssh = srv
	return s, nil
}

// The values a connection keeps in its context.
type contextKey int

const (
	keyConn contextKey = iota
	keySessions
	keyInput
)

// conn is a connection counted against MaxConnections, closed when it has
// no running session within the login timeout.
type conn struct {
	net.Conn
	server   *Server
	once     sync.Once
	loggedIn atomic.Bool
	timer    *time.Timer
}

func (c *conn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		c.timer.Stop()
		c.server.conns.Add(-1)
	})
	return err
}

// accept counts a new connection; one beyond the cap is closed at once.
func (s *Server) accept(ctx ssh.Context, nc net.Conn) net.Conn {
	if s.conns.Add(1) > int64(s.cfg.MaxConnections) {
		s.conns.Add(-1)
		return nil
	}
	c := &conn{Conn: nc, server: s}
	// The SSH library clears a connection's deadlines at every read, so
	// the login timeout is a timer of its own.
	c.timer = time.AfterFunc(s.cfg.LoginTimeout, func() {
		if !c.loggedIn.Load() {
			c.Close()
		}
	})
	ctx.SetValue(keyConn, c)
	ctx.SetValue(keySessions, new(atomic.Int32))
	return c
}

// session opens a session channel with its requests filtered, one per
// connection at a time, and keeps the client answering keepalives.
func (s *Server) session(srv *ssh.Server, sc *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	sessions, _ := ctx.Value(keySessions).(*atomic.Int32)
	if sessions == nil || sessions.Add(1) > MaxSessionsPerConnection {
		if sessions != nil {
			sessions.Add(-1)
		}
		nc.Reject(gossh.ResourceShortage, "one session per connection")
		return
	}
	defer sessions.Add(-1)
	input := new(atomic.Int64)
	input.Store(s.cfg.Now().UnixNano())
	ctx.SetValue(keyInput, input)
	done := make(chan struct{})
	defer close(done)
	go s.keepAlive(sc, done)
	ssh.DefaultSessionHandler(srv, sc, filteredChannel{NewChannel: nc, input: input, now: s.cfg.Now}, ctx)
}

// keepAlive asks the client every KeepAliveEvery whether it is there and
// closes the connection when it does not answer in time: a laptop that
// went to sleep shows as disconnected on the dashboard.
func (s *Server) keepAlive(sc *gossh.ServerConn, done <-chan struct{}) {
	tick := time.NewTicker(s.cfg.KeepAliveEvery)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
		}
		answered := make(chan struct{})
		go func() {
			sc.SendRequest("keepalive@openssh.com", true, nil)
			close(answered)
		}()
		select {
		case <-answered:
		case <-done:
			return
		case <-time.After(s.cfg.KeepAliveTimeout):
			sc.Close()
			return
		}
	}
}

// program makes the participant's program for one session.
func (s *Server) program(sess ssh.Session) *tea.Program {
	c, _ := sess.Context().Value(keyConn).(*conn)
	if c != nil {
		c.loggedIn.Store(true)
	}
	g := &gate{server: s, ctx: sess.Context()}
	p := tea.NewProgram(tui.NewJoin(g, s.cfg.Lang, tui.DefaultStyles()), append([]tea.ProgramOption{tea.WithAltScreen()}, bm.MakeOptions(sess)...)...)
	s.mu.Lock()
	s.programs[p] = true
	s.mu.Unlock()
	input, _ := sess.Context().Value(keyInput).(*atomic.Int64)
	go s.watch(sess.Context(), p, g, input)
	return p
}

// watch ends a session that waits at the gate too long, or sits idle
// when it may: before joining, or once the workshop is over. A joined
// participant is never dropped while the workshop is open.
func (s *Server) watch(ctx ssh.Context, p *tea.Program, g *gate, input *atomic.Int64) {
	defer func() {
		s.mu.Lock()
		delete(s.programs, p)
		s.mu.Unlock()
		g.leave()
	}()
	gateTimer := time.NewTimer(s.cfg.GateTimeout)
	defer gateTimer.Stop()
	every := min(time.Minute, s.cfg.Idle/2)
	idle := time.NewTicker(max(every, 10*time.Millisecond))
	defer idle.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-gateTimer.C:
			if !g.joined.Load() {
				p.Send(tui.LeaveMsg{Reason: tui.LeaveGateTimeout})
			}
		case <-idle.C:
			if input == nil || (g.joined.Load() && s.cfg.Room.Open()) {
				continue
			}
			if s.cfg.Now().Sub(time.Unix(0, input.Load())) >= s.cfg.Idle {
				p.Send(tui.LeaveMsg{Reason: tui.LeaveIdle})
			}
		}
	}
}

// gate checks one participant's codes and holds their seat.
type gate struct {
	server *Server
	ctx    context.Context
	mu     sync.Mutex
	wrong  int // wrong codes on this connection
	seat   tui.Seat
	joined atomic.Bool
}

var _ tui.Gate = (*gate)(nil)

// answer compares a code at its turn in the server's line; a wrong one is
// answered after WrongCodeDelay. right says whether it was; done says that
// this connection may try no more.
func (g *gate) answer(compare func() bool) (right, done bool) {
	if err := g.server.limiter.wait(g.ctx); err != nil {
		return false, true
	}
	right = compare()
	g.mu.Lock()
	if !right {
		g.server.limiter.wrong()
		g.wrong++
	}
	done = g.wrong >= MaxWrongCodes
	g.mu.Unlock()
	if !right {
		sleepCtx(g.ctx, tui.WrongCodeDelay)
	}
	return right, done
}

func (g *gate) CheckCode(code string) (ok, done bool) {
	return g.answer(func() bool {
		return subtle.ConstantTimeCompare([]byte(code), []byte(g.server.cfg.Code)) == 1
	})
}

// Claim admits the participant; a resume code is answered like the
// workshop code: slowly, in the server's line, and counted when wrong.
func (g *gate) Claim(pseudonym, resume string) (tui.Seat, error) {
	var seat tui.Seat
	var err error
	if resume == "" {
		seat, err = g.server.cfg.Room.Claim(pseudonym, "")
	} else {
		_, done := g.answer(func() bool {
			seat, err = g.server.cfg.Room.Claim(pseudonym, resume)
			return !errors.Is(err, tui.ErrResumeWrong)
		})
		if done && errors.Is(err, tui.ErrResumeWrong) {
			err = tui.ErrTooManyCodes
		}
	}
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	g.seat = seat
	g.mu.Unlock()
	g.joined.Store(true)
	return seat, nil
}

// leave gives the seat free when the connection ends, however it ends.
func (g *gate) leave() {
	g.mu.Lock()
	seat := g.seat
	g.mu.Unlock()
	if seat != nil {
		seat.Leave()
	}
}

// Serve accepts participants on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	err := s.ssh.Serve(ln)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// ListenAndServe listens on the configured address and serves.
func (s *Server) ListenAndServe() error {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return err
	}
	return s.Serve(ln)
}

// Shutdown stops accepting, tells every participant's screen that the
// workshop ends — the reason stays on their terminal — and waits for the
// sessions to close until ctx ends; then it closes the rest.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	for p := range s.programs {
		go p.Send(tui.LeaveMsg{Reason: tui.LeaveShutdown})
	}
	s.mu.Unlock()
	if err := s.ssh.Shutdown(ctx); err != nil {
		return s.ssh.Close()
	}
	return nil
}

// Connections is how many connections are open, logged in or not.
func (s *Server) Connections() int { return int(s.conns.Load()) }

// IsLoopback reports whether addr listens only on this machine.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
