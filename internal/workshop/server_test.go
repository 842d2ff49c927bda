package workshop_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/maturity-nl/maturity/internal/workshop"
	"github.com/maturity-nl/maturity/questionnaires"
	gossh "golang.org/x/crypto/ssh"
)

const code = "424242"

// serve starts a workshop on a random loopback port; configure changes
// its configuration first.
func serve(t testing.TB, configure func(*workshop.Config)) (*room, string, *workshop.Server) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	q, err := questionnaires.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateDepartment(ctx, "Wijkteams", ""); err != nil {
		t.Fatal(err)
	}
	a, err := st.StartAssessment(ctx, store.StartOptions{Department: "Wijkteams", Mode: store.ModeWorkshop,
		Questionnaire: store.QuestionnaireFile{Key: q.ID, Version: q.Version, Digest: q.Digest, Questions: len(q.Questions()), Source: q.Source}})
	if err != nil {
		t.Fatal(err)
	}
	r := &room{st: st, q: q, a: a, roster: workshop.NewRoster()}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := workshop.Config{Listen: ln.Addr().String(), HostKeyPath: filepath.Join(t.TempDir(), "host_key"), Code: code, Lang: "nl", Room: r}
	if configure != nil {
		configure(&cfg)
	}
	srv, err := workshop.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() {
		c, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(c)
	})
	return r, ln.Addr().String(), srv
}

func dial(t testing.TB, addr string) *gossh.Client {
	t.Helper()
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "deelnemer", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// terminal is an interactive session with its screen output collected.
type terminal struct {
	sess *gossh.Session
	in   io.WriteCloser
	mu   sync.Mutex
	out  bytes.Buffer
	done chan struct{} // closed when the session ends
}

func (tm *terminal) Write(p []byte) (int, error) {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.out.Write(p)
}

func (tm *terminal) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.out.String()
}

// waitFor waits until the output since the last wait shows s.
func (tm *terminal) waitFor(s string, d time.Duration) error {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if strings.Contains(tm.screen(), s) {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("the screen never showed %q", s)
}

// send types s and forgets what the screen showed so far.
func (tm *terminal) send(s string) {
	tm.mu.Lock()
	tm.out.Reset()
	tm.mu.Unlock()
	io.WriteString(tm.in, s)
}

func shellSized(c *gossh.Client, w, h int) (*terminal, error) {
	sess, err := c.NewSession()
	if err != nil {
		return nil, err
	}
	if err := sess.RequestPty("xterm", h, w, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	tm := &terminal{sess: sess, done: make(chan struct{})}
	sess.Stdout = tm
	if tm.in, err = sess.StdinPipe(); err != nil {
		return nil, err
	}
	if err := sess.Shell(); err != nil {
		return nil, err
	}
	go func() {
		sess.Wait()
		close(tm.done)
	}()
	return tm, nil
}

func shell(c *gossh.Client) (*terminal, error) { return shellSized(c, 120, 40) }

var resumeCode = regexp.MustCompile(`([A-Z2-9]) ([A-Z2-9]) ([A-Z2-9]) ([A-Z2-9])`)

// join passes the gate as a new participant and returns their terminal at
// the first question and their resume code.
func join(t testing.TB, addr, who string) (*terminal, string) {
	t.Helper()
	tm, resume, err := tryJoin(t, addr, who)
	if err != nil {
		t.Fatal(err)
	}
	return tm, resume
}

// tryJoin is join for a goroutine of its own: it returns what failed.
func tryJoin(t testing.TB, addr, who string) (*terminal, string, error) {
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "deelnemer", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 30 * time.Second})
	if err != nil {
		return nil, "", err
	}
	t.Cleanup(func() { c.Close() })
	tm, err := shell(c)
	if err != nil {
		return nil, "", err
	}
	steps := []struct{ send, want string }{{"", "workshopcode"}, {code + "\r", "schuilnaam"}, {who + "\r", "hervatcode"}}
	for _, s := range steps {
		tm.send(s.send)
		if err := tm.waitFor(s.want, 60*time.Second); err != nil {
			return nil, "", fmt.Errorf("%s: %w", who, err)
		}
	}
	var resume string
	deadline := time.Now().Add(10 * time.Second)
	for resume == "" && time.Now().Before(deadline) {
		if m := resumeCode.FindStringSubmatch(tm.screen()); m != nil {
			resume = strings.Join(m[1:], "")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if resume == "" {
		return nil, "", fmt.Errorf("%s: no resume code shown:\n%q", who, tm.screen())
	}
	tm.send("\r")
	if err := tm.waitFor("vraag 1/48", 60*time.Second); err != nil {
		return nil, "", fmt.Errorf("%s: %w", who, err)
	}
	return tm, resume, nil
}

// ended waits up to d for the session to end.
func ended(tm *terminal, d time.Duration) bool {
	select {
	case <-tm.done:
		return true
	case <-time.After(d):
		return false
	}
}

// newSession opens a session once the connection's last one has closed on
// the server's side too: one runs at a time.
func newSession(t *testing.T, c *gossh.Client) *gossh.Session {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		sess, err := c.NewSession()
		if err == nil {
			return sess
		}
		if time.Now().After(deadline) {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestWorkshop_25Participants: 25 participants answer every question at
// once over real SSH connections; every answer is stored once.
func TestWorkshop_25Participants(t *testing.T) {
	r, addr, _ := serve(t, nil)
	const participants = 25
	questions := len(r.q.Questions())
	var wg sync.WaitGroup
	errs := make(chan error, participants)
	for i := 0; i < participants; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			who := fmt.Sprintf("deelnemer-%02d", i)
			tm, _, err := tryJoin(t, addr, who)
			if err != nil {
				errs <- err
				return
			}
			for k := 0; k < questions; k++ {
				io.WriteString(tm.in, fmt.Sprint((i+k)%5+1)) // a level 1–5
			}
			// A bound on waiting, not on speed: under the race detector the
			// database alone takes most of a minute here.
			deadline := time.Now().Add(3 * time.Minute)
			for r.answers(t, who) != questions {
				if time.Now().After(deadline) {
					errs <- fmt.Errorf("%s: %d of %d answers stored", who, r.answers(t, who), questions)
					return
				}
				time.Sleep(50 * time.Millisecond)
			}
			io.WriteString(tm.in, "q")
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	a, err := r.st.Assessment(context.Background(), r.a.ID)
	if err != nil || a.Respondents != participants || a.Answers != participants*questions {
		t.Errorf("stored: %d respondents, %d answers, %v; want %d and %d", a.Respondents, a.Answers, err, participants, participants*questions)
	}
}

// TestWorkshop_Refusals: an interactive questionnaire is all a client
// gets: commands, subsystems, environment variables, agent and X11
// forwarding, port forwarding, other channels and a second session on the
// same connection are refused.
func TestWorkshop_Refusals(t *testing.T) {
	_, addr, _ := serve(t, nil)
	c := dial(t, addr)

	// A command is refused, with why on the client's standard error.
	ch, reqs, err := c.OpenChannel("session", nil)
	if err != nil {
		t.Fatal(err)
	}
	go gossh.DiscardRequests(reqs)
	if ok, err := ch.SendRequest("exec", true, gossh.Marshal(struct{ Command string }{"cat /etc/passwd"})); ok || err != nil {
		t.Errorf("exec: granted %v, %v; want refused", ok, err)
	}
	ch.CloseWrite()
	why := make([]byte, 200)
	n, _ := io.ReadAtLeast(ch.Stderr(), why, 20)
	if !strings.Contains(string(why[:n]), "only serves the workshop questionnaire") {
		t.Errorf("exec: stderr %q; want the refusal", why[:n])
	}
	ch.Close()

	sess := newSession(t, c)
	for _, req := range []struct {
		name    string
		payload []byte
	}{
		{"env", gossh.Marshal(struct{ Name, Value string }{"LD_PRELOAD", "/tmp/x.so"})},
		{"auth-agent-req@openssh.com", nil},
		{"x11-req", gossh.Marshal(struct {
			Single           bool
			Protocol, Cookie string
			Screen           uint32
		}{false, "MIT-MAGIC-COOKIE-1", "00", 0})},
		{"signal", gossh.Marshal(struct{ Signal string }{"KILL"})},
	} {
		if ok, err := sess.SendRequest(req.name, true, req.payload); ok || err != nil {
			t.Errorf("%s: granted %v, %v; want refused", req.name, ok, err)
		}
	}
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("the sftp subsystem was granted")
	}
	sess.Close()
	newSession(t, c).Close()

	if conn, err := c.Dial("tcp", addr); err == nil {
		conn.Close()
		t.Error("port forwarding (direct-tcpip) was granted")
	}
	if _, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		t.Error("remote port forwarding (tcpip-forward) was granted")
	}
	if ch, _, err := c.OpenChannel("auth-agent@openssh.com", nil); err == nil {
		ch.Close()
		t.Error("an agent channel opened")
	}

	time.Sleep(200 * time.Millisecond) // the session above closes on the server's side
	first, err := shell(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.waitFor("workshopcode", 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if _, err := c.NewSession(); err == nil {
		t.Error("a second session opened on the same connection")
	}
}

// TestWorkshop_WrongCodes: a wrong code is answered after WrongCodeDelay;
// five end the connection, and a new one from the same address is let in
// with the right code: nobody is locked out.
func TestWorkshop_WrongCodes(t *testing.T) {
	_, addr, _ := serve(t, nil)
	tm, err := shell(dial(t, addr))
	if err != nil {
		t.Fatal(err)
	}
	if err := tm.waitFor("workshopcode", 10*time.Second); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < workshop.MaxWrongCodes; i++ {
		start := time.Now()
		tm.send(fmt.Sprintf("00000%d\r", i))
		want := "Die code klopt niet"
		if i == workshop.MaxWrongCodes-1 {
			want = "Te veel verkeerde codes"
		}
		if err := tm.waitFor(want, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		if took := time.Since(start); took < tui.WrongCodeDelay {
			t.Errorf("wrong code %d answered after %v; want at least %v", i+1, took, tui.WrongCodeDelay)
		}
	}
	if !ended(tm, 5*time.Second) {
		t.Error("the session stayed open after five wrong codes")
	}

	again, err := shell(dial(t, addr))
	if err != nil {
		t.Fatal(err)
	}
	if err := again.waitFor("workshopcode", 10*time.Second); err != nil {
		t.Fatal(err)
	}
	again.send(code + "\r")
	if err := again.waitFor("schuilnaam", 10*time.Second); err != nil {
		t.Fatal(err)
	}
}

// TestWorkshop_GlobalWrongCodeLimit: beyond the server's burst, wrong codes
// from many connections are answered at the server's rate, and a right
// code that arrives among them still gets in.
func TestWorkshop_GlobalWrongCodeLimit(t *testing.T) {
	// 120 per minute is one token per 0.5 s; a burst of 2.
	_, addr, _ := serve(t, func(c *workshop.Config) { c.WrongCodesPerMinute, c.WrongCodeBurst = 120, 2 })
	const guessers = 6
	var terms []*terminal
	for i := 0; i < guessers+1; i++ {
		tm, err := shell(dial(t, addr))
		if err != nil {
			t.Fatal(err)
		}
		if err := tm.waitFor("workshopcode", 10*time.Second); err != nil {
			t.Fatal(err)
		}
		terms = append(terms, tm)
	}
	start := time.Now()
	for i, tm := range terms[:guessers] {
		tm.send(fmt.Sprintf("99999%d\r", i))
	}
	var wg sync.WaitGroup
	took := make([]time.Duration, guessers)
	for i, tm := range terms[:guessers] {
		wg.Add(1)
		go func(i int, tm *terminal) {
			defer wg.Done()
			if err := tm.waitFor("Die code klopt niet", 20*time.Second); err != nil {
				t.Error(err)
			}
			took[i] = time.Since(start)
		}(i, tm)
	}
	time.Sleep(100 * time.Millisecond)
	right := terms[guessers]
	rightStart := time.Now()
	right.send(code + "\r")
	if err := right.waitFor("schuilnaam", 20*time.Second); err != nil {
		t.Fatal(err)
	}
	rightTook := time.Since(rightStart)
	wg.Wait()
	slowest := time.Duration(0)
	for _, d := range took {
		slowest = max(slowest, d)
	}
	// Two from the burst at once, then one per 0.5 s: the sixth wrong code
	// waits 4 × 0.5 s for its token, plus the second every answer takes.
	if want := tui.WrongCodeDelay + 2*time.Second; slowest < want-100*time.Millisecond {
		t.Errorf("the slowest of %d wrong codes was answered after %v; want about %v (the server's rate)", guessers, slowest, want)
	}
	// The right code waited its turn behind them, and was let in.
	if rightTook < 2*time.Second || rightTook > 6*time.Second {
		t.Errorf("the right code among the guesses got in after %v; want after its turn, 2–6 s", rightTook)
	}
}

// TestWorkshop_ConnectionCap: a connection beyond the cap is closed at
// once; when one closes, another is let in.
func TestWorkshop_ConnectionCap(t *testing.T) {
	_, addr, srv := serve(t, func(c *workshop.Config) { c.MaxConnections = 3 })
	var held []net.Conn
	for i := 0; i < 3; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		held = append(held, c)
	}
	waitConnections(t, srv, 3)
	extra, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer extra.Close()
	extra.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := extra.Read(make([]byte, 64)); err != io.EOF {
		t.Errorf("the fourth connection read %d bytes, %v; want it closed (EOF)", n, err)
	}
	held[0].Close()
	waitConnections(t, srv, 2)
	if _, err := shell(dial(t, addr)); err != nil {
		t.Errorf("after one closed, a new connection was refused: %v", err)
	}
}

func waitConnections(t *testing.T, srv *workshop.Server, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for srv.Connections() != n {
		if time.Now().After(deadline) {
			t.Fatalf("%d connections open; want %d", srv.Connections(), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestWorkshop_LoginTimeout: a connection that does not get to a session
// in time is closed, and so is a session that does not pass the gate in
// time, telling its participant why.
func TestWorkshop_LoginTimeout(t *testing.T) {
	_, addr, srv := serve(t, func(c *workshop.Config) { c.LoginTimeout, c.GateTimeout = 300*time.Millisecond, 700*time.Millisecond })
	silent, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	start := time.Now()
	silent.SetReadDeadline(time.Now().Add(5 * time.Second))
	io.Copy(io.Discard, silent) // the server's version line, then EOF
	if took := time.Since(start); took < 300*time.Millisecond || took > 2*time.Second {
		t.Errorf("a silent connection was closed after %v; want after the login timeout of 300 ms", took)
	}
	waitConnections(t, srv, 0)

	tm, err := shell(dial(t, addr))
	if err != nil {
		t.Fatal(err)
	}
	if err := tm.waitFor("Te lang gewacht", 5*time.Second); err != nil {
		t.Error(err)
	}
	if !ended(tm, 5*time.Second) {
		t.Error("the session stayed open after the gate timeout")
	}
}

// TestWorkshop_Pseudonyms: a pseudonym is one person's in any case; while
// they are connected nobody else joins it; once they left, rejoining needs
// their resume code, and with it they resume their answers.
func TestWorkshop_Pseudonyms(t *testing.T) {
	r, addr, _ := serve(t, nil)
	merel, resume := join(t, addr, "Merel")
	merel.send("3")
	merel.send("4")
	for deadline := time.Now().Add(10 * time.Second); r.answers(t, "Merel") != 2; {
		if time.Now().After(deadline) {
			t.Fatalf("%d answers stored", r.answers(t, "Merel"))
		}
		time.Sleep(20 * time.Millisecond)
	}

	other, err := shell(dial(t, addr))
	if err != nil {
		t.Fatal(err)
	}
	other.send(code + "\r")
	if err := other.waitFor("schuilnaam", 10*time.Second); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"merel", " MEREL "} {
		other.send("\x15" + name + "\r") // ctrl+u clears the line first
		if err := other.waitFor(strings.TrimSpace(name)+" is nu verbonden", 10*time.Second); err != nil {
			t.Errorf("%q while Merel is connected: %v", name, err)
		}
	}

	merel.send("q")
	if !ended(merel, 5*time.Second) {
		t.Fatal("Merel's session did not end")
	}
	for deadline := time.Now().Add(5 * time.Second); r.connected("Merel"); {
		if time.Now().After(deadline) {
			t.Fatal("Merel still counts as connected after leaving")
		}
		time.Sleep(20 * time.Millisecond)
	}
	other.send("\x15merel\r")
	if err := other.waitFor("hervatcode", 10*time.Second); err != nil {
		t.Fatal(err)
	}
	other.send("ZZZZ\r")
	if err := other.waitFor("Die hervatcode klopt niet", 10*time.Second); err != nil {
		t.Error(err)
	}
	other.send(strings.ToLower(resume) + "\r")
	if err := other.waitFor("vraag 3/48", 10*time.Second); err != nil {
		t.Errorf("with the resume code in lower case: %v", err)
	}
	if !r.connected("merel") {
		t.Error("the rejoined Merel does not count as connected")
	}
}

// TestWorkshop_IdleNeverDropsJoined: with a short idle timeout, a session
// at the gate is ended for idling; a joined participant who listens is
// not, until the workshop is over.
func TestWorkshop_IdleNeverDropsJoined(t *testing.T) {
	// Longer than the second a code waits for its answer, which is no input.
	r, addr, _ := serve(t, func(c *workshop.Config) { c.Idle = 1500 * time.Millisecond })
	listener, _ := join(t, addr, "luisteraar")
	waiting, err := shell(dial(t, addr))
	if err != nil {
		t.Fatal(err)
	}
	if err := waiting.waitFor("Te lang niets getypt", 5*time.Second); err != nil {
		t.Error(err)
	}
	if ended(listener, 3*time.Second) {
		t.Fatal("a joined participant was dropped for idling while the workshop is open")
	}
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	if !ended(listener, 5*time.Second) {
		t.Error("an idle participant stayed connected after the workshop closed")
	}
}

// TestWorkshop_Shutdown: stopping the server tells every participant why,
// on their own terminal, and closes their session.
func TestWorkshop_Shutdown(t *testing.T) {
	_, addr, srv := serve(t, nil)
	tm, resume := join(t, addr, "anna")
	tm.send("")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Errorf("shutdown: %v", err)
	}
	if !ended(tm, 5*time.Second) {
		t.Fatal("the participant's session stayed open")
	}
	out := tm.screen()
	for _, want := range []string{"De begeleider heeft de workshop beëindigd.", "schuilnaam anna, hervatcode " + resume} {
		if !strings.Contains(out, want) {
			t.Errorf("the participant's terminal lacks %q:\n%q", want, out)
		}
	}
}

// TestWorkshop_HugeTerminal: a client asking for a terminal of 2³²−1 × 2³²−1
// and then flooding window changes of that size gets the largest terminal
// the server draws, and the server's memory stays bounded: the session
// answers, and the next participant joins.
func TestWorkshop_HugeTerminal(t *testing.T) {
	r, addr, _ := serve(t, nil)
	const huge = 1<<32 - 1
	c := dial(t, addr)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	tm := &terminal{sess: sess, done: make(chan struct{})}
	sess.Stdout = tm
	if tm.in, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm", huge, huge, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	var peak, base uint64
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base = ms.HeapAlloc
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapAlloc)
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	for _, s := range []struct{ send, want string }{{"", "workshopcode"}, {code + "\r", "schuilnaam"}, {"reus\r", "hervatcode"}, {"\r", "vraag 1/48"}} {
		tm.send(s.send)
		if err := tm.waitFor(s.want, 60*time.Second); err != nil {
			t.Fatal(err)
		}
	}
	size := gossh.Marshal(struct{ W, H, PW, PH uint32 }{huge, huge, huge, huge})
	for i := 0; i < 20000; i++ {
		if _, err := sess.SendRequest("window-change", false, size); err != nil {
			t.Fatal(err)
		}
	}
	tm.send("4")
	// A generous bound: on a loaded machine the flood takes its time.
	for deadline := time.Now().Add(60 * time.Second); r.answers(t, "reus") != 1; {
		if time.Now().After(deadline) {
			t.Fatal("after the flood the answer was not stored")
		}
		time.Sleep(20 * time.Millisecond)
	}
	join(t, addr, "na-de-reus")
	close(stop)
	<-sampled
	// A screen of 1000 × 500 cells is a few megabytes to draw; without the
	// clamp one line of the question screen alone was 4 GB.
	if grown := int64(peak) - int64(base); grown > 64<<20 {
		t.Errorf("the heap grew by %d MB during the flood; want at most 64 MB", grown>>20)
	}
	// The screen was drawn at the largest size: its header spans 1000
	// columns, and no line more.
	longest := 0
	for _, line := range lineBreaks.Split(tm.screen(), -1) {
		longest = max(longest, len([]rune(ansiStrip(line))))
	}
	if longest != workshop.MaxTerminalWidth {
		t.Errorf("the widest line drawn has %d characters; want %d", longest, workshop.MaxTerminalWidth)
	}
}

// lineBreaks are where a drawn line ends: a new line, a carriage return or
// the cursor moved to the start of a row.
var lineBreaks = regexp.MustCompile("\r|\n|\x1b\\[[0-9;]*H")

var ansiCodes = regexp.MustCompile("\x1b\\[[0-9;?]*[A-Za-z]|\x1b\\][^\x07]*\x07")

func ansiStrip(s string) string { return ansiCodes.ReplaceAllString(s, "") }
