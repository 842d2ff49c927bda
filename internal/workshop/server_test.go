package workshop_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/maturity-nl/maturity/internal/workshop"
	"github.com/maturity-nl/maturity/questionnaires"
	gossh "golang.org/x/crypto/ssh"
)

const code = "424242"

// room lets participants join one round of a real store.
type room struct {
	st *store.Store
	q  *questionnaire.Questionnaire
	a  store.Assessment
}

type backend struct {
	st *store.Store
	r  store.Respondent
}

func (b backend) SaveAnswer(q string, v scoring.Value) error {
	return b.st.SaveAnswer(context.Background(), b.r.ID, q, v.String())
}
func (b backend) SaveNote(string, string) error   { return nil }
func (b backend) Result() (scoring.Result, error) { return scoring.Result{}, nil }

func (r *room) Join(pseudonym string) (tui.Session, error) {
	resp, err := r.st.Respondent(context.Background(), r.a.ID, pseudonym)
	if err != nil {
		return tui.Session{}, err
	}
	given, err := r.st.Answers(context.Background(), resp.ID)
	if err != nil {
		return tui.Session{}, err
	}
	s := tui.Session{Questionnaire: r.q, Lang: "nl", Department: r.a.Department, Round: r.a.Round, Respondent: pseudonym,
		Answers: map[string]scoring.Value{}, Notes: map[string]string{}, Backend: backend{r.st, resp}}
	for q, v := range given {
		s.Answers[q], _ = scoring.ParseValue(v)
	}
	return s, nil
}

// workshopRoom is the Room a test serves.
type workshopRoom interface {
	Join(pseudonym string) (tui.Session, error)
}

// serve starts a workshop on a random loopback port.
func serve(t *testing.T, maxWrong int) (*room, string) {
	t.Helper()
	r, addr := serveWith(t, maxWrong, func(r *room) workshopRoom { return r })
	return r.(*room), addr
}

// serveRoom serves the room wrap makes around a fresh round.
func serveRoom(t testing.TB, wrap func(*room) workshopRoom) (workshopRoom, string) {
	return serveWith(t, 5, wrap)
}

func serveWith(t testing.TB, maxWrong int, wrap func(*room) workshopRoom) (workshopRoom, string) {
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
	r := wrap(&room{st: st, q: q, a: a})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := workshop.New(workshop.Config{Listen: ln.Addr().String(), HostKeyPath: filepath.Join(t.TempDir(), "host_key"),
		Code: code, Lang: "nl", Room: r, MaxWrongCodes: maxWrong})
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() {
		c, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(c)
	})
	return r, ln.Addr().String()
}

func dial(t *testing.T, addr, user string) *gossh.Client {
	t.Helper()
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: user, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// terminal is an interactive session with its screen output collected.
type terminal struct {
	sess *gossh.Session
	in   io.WriteCloser
	mu   sync.Mutex
	out  bytes.Buffer
}

func (tm *terminal) Write(p []byte) (int, error) {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.out.Write(p)
}

func (tm *terminal) waitFor(s string, d time.Duration) error {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		tm.mu.Lock()
		ok := strings.Contains(tm.out.String(), s)
		tm.mu.Unlock()
		if ok {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("the screen never showed %q", s)
}

func shell(c *gossh.Client) (*terminal, error) {
	sess, err := c.NewSession()
	if err != nil {
		return nil, err
	}
	if err := sess.RequestPty("xterm", 40, 120, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	tm := &terminal{sess: sess}
	sess.Stdout = tm
	if tm.in, err = sess.StdinPipe(); err != nil {
		return nil, err
	}
	return tm, sess.Shell()
}

// TestWorkshop_25Participants: 25 participants answer every question at
// once over real SSH connections; every answer is stored once.
func TestWorkshop_25Participants(t *testing.T) {
	r, addr := serve(t, 5)
	const participants = 25
	questions := len(r.q.Questions())
	var wg sync.WaitGroup
	errs := make(chan error, participants)
	for i := 0; i < participants; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: fmt.Sprint("p", i), HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
			if err != nil {
				errs <- err
				return
			}
			defer c.Close()
			tm, err := shell(c)
			if err != nil {
				errs <- err
				return
			}
			steps := []struct{ send, want string }{{"", "workshopcode"}, {code + "\r", "schuilnaam"}, {fmt.Sprintf("deelnemer-%02d\r", i), "vraag 1/48"}}
			for _, s := range steps {
				io.WriteString(tm.in, s.send)
				if err := tm.waitFor(s.want, 20*time.Second); err != nil {
					errs <- fmt.Errorf("participant %d: %w", i, err)
					return
				}
			}
			for k := 0; k < questions; k++ {
				io.WriteString(tm.in, fmt.Sprint((i+k)%5+1)) // a level 1–5
			}
			deadline := time.Now().Add(60 * time.Second)
			for {
				resp, _ := r.st.Respondent(context.Background(), r.a.ID, fmt.Sprintf("deelnemer-%02d", i))
				got, _ := r.st.Answers(context.Background(), resp.ID)
				if len(got) == questions {
					break
				}
				if time.Now().After(deadline) {
					tm.mu.Lock()
					screen := tm.out.String()
					tm.mu.Unlock()
					saveErr := ""
					if k := strings.LastIndex(screen, "NIET opgeslagen"); k >= 0 {
						saveErr = screen[k:min(len(screen), k+200)]
					}
					errs <- fmt.Errorf("participant %d: %d of %d answers stored %s", i, len(got), questions, saveErr)
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

// TestWorkshop_Refusals: commands, subsystems and port forwarding are
// refused, and wrong codes end the connection after the limit.
func TestWorkshop_Refusals(t *testing.T) {
	_, addr := serve(t, 2)
	c := dial(t, addr, "mallory")
	defer c.Close()

	sess, _ := c.NewSession()
	out, err := sess.CombinedOutput("cat /etc/passwd")
	if err == nil || !strings.Contains(string(out), "only serves the workshop questionnaire") {
		t.Errorf("exec: %v, %q; want refused", err, out)
	}
	sess, _ = c.NewSession()
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Errorf("the sftp subsystem was granted")
	}
	if conn, err := c.Dial("tcp", addr); err == nil {
		conn.Close()
		t.Errorf("port forwarding was granted")
	}
	if _, _, err := c.SendRequest("auth-agent-req@openssh.com", true, nil); err == nil {
		// A refused request answers false without an error; either way
		// no agent channel may open.
		if ch, _, err := c.OpenChannel("auth-agent@openssh.com", nil); err == nil {
			ch.Close()
			t.Errorf("an agent channel opened")
		}
	}

	tm, err := shell(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, wrong := range []string{"000000", "111111"} {
		io.WriteString(tm.in, wrong+"\r")
		time.Sleep(tui.WrongCodeDelay + 200*time.Millisecond)
	}
	if err := tm.waitFor("Te veel verkeerde codes", 5*time.Second); err != nil {
		t.Error(err)
	}
	done := make(chan error, 1)
	go func() { done <- tm.sess.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Error("the session stayed open after too many wrong codes")
	}
	// The limit holds per address: the right code is refused now too.
	c2 := dial(t, addr, "mallory")
	defer c2.Close()
	tm2, err := shell(c2)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(tm2.in, code+"\r")
	if err := tm2.waitFor("Te veel verkeerde codes", 5*time.Second); err != nil {
		t.Error(err)
	}
}
