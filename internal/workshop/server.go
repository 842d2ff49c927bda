package workshop

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/charmbracelet/wish/activeterm"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/maturity-nl/maturity/internal/tui"
)

// Room is the workshop round participants join.
type Room interface {
	// Join opens the answering session of the participant with this
	// pseudonym, resuming their earlier answers.
	Join(pseudonym string) (tui.Session, error)
}

// Config says how to serve a workshop.
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
	// IdleTimeout ends a session without input for this long.
	IdleTimeout time.Duration
	// MaxWrongCodes is how many wrong codes one address may try in
	// WrongCodeWindow before it is refused.
	MaxWrongCodes   int
	WrongCodeWindow time.Duration
}

// Server is a running workshop.
type Server struct {
	cfg      Config
	ssh      *ssh.Server
	mu       sync.Mutex
	failures map[string][]time.Time // by remote IP
}

// New prepares a workshop server.
func New(cfg Config) (*Server, error) {
	if cfg.Code == "" || cfg.Room == nil {
		return nil, errors.New("workshop: a code and a room are needed")
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = 30 * time.Minute
	}
	if cfg.MaxWrongCodes == 0 {
		cfg.MaxWrongCodes = 5
	}
	if cfg.WrongCodeWindow == 0 {
		cfg.WrongCodeWindow = 10 * time.Minute
	}
	s := &Server{cfg: cfg, failures: map[string][]time.Time{}}
	if err := ensureHostKey(cfg.HostKeyPath); err != nil {
		return nil, fmt.Errorf("workshop: %w", err)
	}
	srv, err := wish.NewServer(
		wish.WithAddress(cfg.Listen),
		wish.WithHostKeyPath(cfg.HostKeyPath),
		wish.WithIdleTimeout(cfg.IdleTimeout),
		wish.WithMiddleware(
			bm.Middleware(s.program),
			activeterm.Middleware(),
			refuseCommands,
		),
	)
	if err != nil {
		return nil, fmt.Errorf("workshop: %w", err)
	}
	// Nothing but an interactive session: no port forwarding, no agent,
	// no subsystems (none are registered), no exec (refuseCommands).
	srv.LocalPortForwardingCallback = func(ssh.Context, string, uint32) bool { return false }
	srv.ReversePortForwardingCallback = func(ssh.Context, string, uint32) bool { return false }
	s.ssh = srv
	return s, nil
}

// refuseCommands ends sessions that ask to run a command instead of the
// questionnaire.
func refuseCommands(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if len(sess.Command()) > 0 || sess.Subsystem() != "" {
			wish.Fatalln(sess, "This server only serves the workshop questionnaire: connect without a command.")
			return
		}
		next(sess)
	}
}

// program makes the participant's program for one connection.
func (s *Server) program(sess ssh.Session) (tea.Model, []tea.ProgramOption) {
	ip := remoteIP(sess.RemoteAddr())
	gate := &gate{server: s, ip: ip}
	return tui.NewJoin(gate, s.cfg.Lang, tui.DefaultStyles()), []tea.ProgramOption{tea.WithAltScreen()}
}

func remoteIP(a net.Addr) string {
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}

// gate checks codes for one participant.
type gate struct {
	server *Server
	ip     string
}

func (g *gate) CheckCode(code string) (ok, done bool) {
	s := g.server
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	var recent []time.Time
	for _, t := range s.failures[g.ip] {
		if now.Sub(t) < s.cfg.WrongCodeWindow {
			recent = append(recent, t)
		}
	}
	if len(recent) >= s.cfg.MaxWrongCodes {
		s.failures[g.ip] = recent
		return false, true
	}
	if subtle.ConstantTimeCompare([]byte(code), []byte(s.cfg.Code)) == 1 {
		return true, false
	}
	recent = append(recent, now)
	s.failures[g.ip] = recent
	return false, len(recent) >= s.cfg.MaxWrongCodes
}

func (g *gate) Join(pseudonym string) (tui.Session, error) { return g.server.cfg.Room.Join(pseudonym) }

// Changed passes on the room's phase changes, when it announces them.
func (g *gate) Changed() <-chan struct{} {
	if a, ok := g.server.cfg.Room.(tui.Announcer); ok {
		return a.Changed()
	}
	return nil
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

// Shutdown stops accepting and closes every session.
func (s *Server) Shutdown(ctx context.Context) error { return s.ssh.Shutdown(ctx) }

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
