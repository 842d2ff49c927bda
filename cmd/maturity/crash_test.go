package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/questionnaires"
	gossh "golang.org/x/crypto/ssh"
)

// TestCrash kills each of the three writers a user meets with SIGKILL at
// random moments — answering (maturity assess), importing (maturity
// import) and serving a workshop (maturity workshop serve, with
// participants on real SSH connections) — and checks after every kill that
// the database passes PRAGMA integrity_check and still holds everything
// that was acknowledged before the kill. What "acknowledged" means differs
// per writer; each subtest says it. Each loop is bounded in kills and in
// time. The moments are drawn from a seed that the test logs; set
// MATURITY_CRASH_SEED to draw the same ones again.
//
// Not covered: a kill during a workshop server's first start, while it
// writes its host key. charmbracelet/keygen writes the key with
// os.WriteFile, so a kill between creating and filling the file leaves it
// empty, and every later start fails with "workshop: ssh: no key found"
// until the file is removed.
func TestCrash(t *testing.T) {
	bin := binary(t)
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("MATURITY_CRASH_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("MATURITY_CRASH_SEED=%q: %v", s, err)
		}
	}
	t.Logf("seed %d (replay with MATURITY_CRASH_SEED=%d)", seed, seed)
	t.Run("assess", func(t *testing.T) { crashAssess(t, bin, rand.New(rand.NewPCG(seed, 1))) })
	t.Run("import", func(t *testing.T) { crashImport(t, bin, rand.New(rand.NewPCG(seed, 2))) })
	t.Run("workshop", func(t *testing.T) { crashWorkshop(t, bin, rand.New(rand.NewPCG(seed, 3))) })
}

// crashEnv is the environment of a child: its own database and data
// directory, nothing of the caller's maturity settings.
func crashEnv(dir, db string) []string {
	var out []string
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "MATURITY_DB", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "HOME", "ACCESSIBLE", "NO_COLOR":
			continue
		}
		out = append(out, kv)
	}
	return append(out, "MATURITY_DB="+db, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir, "HOME="+dir, "NO_COLOR=1")
}

// answerFor is the answer a respondent gives to the i-th question (from 0):
// the key typed and the value stored, a level 1–5, dk or na. Every
// respondent answers differently.
func answerFor(alias string, i int) (key, stored string) {
	h := fnv.New32a()
	h.Write([]byte(alias))
	switch v := (int(h.Sum32()%7) + i) % 7; v {
	case 5:
		return "d", "dk"
	case 6:
		return "n", "na"
	default:
		return strconv.Itoa(v + 1), strconv.Itoa(v + 1)
	}
}

// questionIDs are the default questionnaire's questions in order.
func questionIDs(t *testing.T) []string {
	t.Helper()
	q, err := questionnaires.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, x := range q.Questions() {
		ids = append(ids, x.ID)
	}
	return ids
}

// integrityCheck fails the test unless the sqlite3 program, a reader
// independent of maturity's own code, opens the database after a kill and
// PRAGMA integrity_check says ok.
func integrityCheck(t *testing.T, db string, kill int) {
	t.Helper()
	out, err := exec.Command(needTool(t, "sqlite3", "sqlite3"), db, "PRAGMA integrity_check").CombinedOutput()
	if err != nil || string(out) != "ok\n" {
		t.Fatalf("kill %d: integrity_check: %v\n%s", kill, err, out)
	}
}

// openChecked checks the database after a kill and opens it.
func openChecked(t *testing.T, db string, kill int) *store.Store {
	t.Helper()
	integrityCheck(t, db, kill)
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatalf("kill %d: reopen: %v", kill, err)
	}
	return st
}

// roundAnswers reads the answers of the department's latest round, by
// respondent and question: nil when the database, the department or the
// round does not exist yet.
func roundAnswers(t *testing.T, st *store.Store, department string) map[string]map[string]string {
	t.Helper()
	ctx := context.Background()
	a, err := st.LatestAssessment(ctx, department)
	if store.ErrorCode(err) == store.ENOTFOUND {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	data, err := st.LoadAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for _, x := range data.Answers {
		if out[x.Respondent] == nil {
			out[x.Respondent] = map[string]string{}
		}
		out[x.Respondent][x.Question] = x.Value
	}
	return out
}

// storedPrefix checks that a respondent's stored answers are exactly their
// answers to the first n questions, in the order they were given, and
// returns n.
func storedPrefix(t *testing.T, kill int, alias string, got map[string]string, ids []string) int {
	t.Helper()
	n := 0
	for n < len(ids) {
		if _, ok := got[ids[n]]; !ok {
			break
		}
		n++
	}
	if len(got) != n {
		t.Fatalf("kill %d: %s has %d answers stored but only the first %d questions answered in order: %v", kill, alias, len(got), n, got)
	}
	for i := 0; i < n; i++ {
		if _, want := answerFor(alias, i); got[ids[i]] != want {
			t.Fatalf("kill %d: %s's answer to %s is stored as %q; %q was given", kill, alias, ids[i], got[ids[i]], want)
		}
	}
	return n
}

// kill sends SIGKILL, unless the child has already ended, and waits for it.
func kill(cmd *exec.Cmd) {
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
}

// promptRE finds the accessible mode's question header, "Vraag 3 van 48 — …".
var promptRE = regexp.MustCompile(`^Vraag (\d+) van (\d+) — `)

// crashAssess: maturity assess --accessible answers from standard input
// and is killed after a random number of answers and a random 0–3 ms more
// (amid the next save), or at a random moment of its start; each run
// resumes the respondent killed before, and a respondent who finished
// hands over to a new one.
//
// Acknowledged: the accessible mode prints the next question only after
// the answer to the previous one was committed (the last answer is
// acknowledged by "Alle vragen zijn beantwoord."). The test types an answer
// only after reading its question, so at most one answer is in flight at
// the kill. After the kill every acknowledged answer must be stored with
// the value given, the respondent's answers must be exactly the first n
// questions (acknowledged ≤ n ≤ sent), and the next run must resume at
// question n+1.
func crashAssess(t *testing.T, bin string, rng *rand.Rand) {
	ids := questionIDs(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	const kills = 16
	deadline := time.Now().Add(10 * time.Second)
	respondent, ackedTotal := 0, 0
	startup := 100 * time.Millisecond // until the first question, the longest seen
	k := 0
	for ; k < kills && (k < 4 || time.Now().Before(deadline)); k++ {
		alias := fmt.Sprintf("r%02d", respondent)
		before := 0
		if _, err := os.Stat(db); err == nil {
			st := openChecked(t, db, k)
			before = storedPrefix(t, k, alias, roundAnswers(t, st, "Wijkzaken")[alias], ids)
			st.Close()
		}

		cmd := exec.Command(bin, "assess", "--department", "Wijkzaken", "--respondent", alias, "--accessible")
		cmd.Env = crashEnv(dir, db)
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// first: the first question shown; acked: the highest question whose
		// answer was acknowledged; sent: the highest question answered.
		// progress carries acked as it grows; shown says when the first
		// question appeared.
		var first, acked, sent int
		progress, shown := make(chan int, len(ids)+1), make(chan time.Duration, 1)
		began := time.Now()
		go func() {
			defer close(progress)
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				line := sc.Text()
				if strings.Contains(line, "Alle vragen zijn beantwoord.") {
					acked = sent
					progress <- acked
					continue
				}
				m := promptRE.FindStringSubmatch(line)
				if m == nil {
					continue
				}
				n, _ := strconv.Atoi(m[1])
				if first == 0 {
					first = n
					shown <- time.Since(began)
				} else {
					acked = sent
					progress <- acked
				}
				key, _ := answerFor(alias, n-1)
				if _, err := io.WriteString(stdin, key+"\n"); err != nil {
					return
				}
				sent = n
			}
		}()
		// The kill comes after a random number of acknowledged answers and
		// a random 0–3 ms more, so that it lands amid a save whatever the
		// machine's speed; or, for none, at a random moment of the start.
		if target := rng.IntN(len(ids) - before + 1); target == 0 {
			time.Sleep(time.Duration(rng.Int64N(int64(startup))))
		} else {
		wait:
			for {
				select {
				case a, ok := <-progress:
					if !ok || a-before >= target {
						break wait
					}
				case <-time.After(30 * time.Second):
					kill(cmd)
					t.Fatalf("kill %d: no answer acknowledged in 30 s; stderr: %s", k, stderr.String())
				}
			}
			time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
		}
		kill(cmd)
		for range progress {
		}
		select {
		case d := <-shown:
			startup = max(startup, d)
		default:
		}

		st := openChecked(t, db, k)
		n := storedPrefix(t, k, alias, roundAnswers(t, st, "Wijkzaken")[alias], ids)
		st.Close()
		if first != 0 && first != before+1 {
			t.Fatalf("kill %d: %s had %d answers stored but the run started at question %d", k, alias, before, first)
		}
		if acked == 0 {
			acked = before
		}
		if n < acked || n > max(sent, before) {
			t.Fatalf("kill %d: %s: %d answers stored; %d were acknowledged and %d sent (stderr: %s)", k, alias, n, acked, sent, stderr.String())
		}
		ackedTotal += acked - before
		if n == len(ids) {
			respondent++
		}
	}
	t.Logf("%d kills; %d answers acknowledged, all of them stored; %d respondents finished", k, ackedTotal, respondent)
}

// crashImport: maturity import of a CSV of 7,250 rows — 16 departments,
// 151 respondents, 48 answers each and a note per department, in a round
// of its own — killed at a random moment between its start and the time a
// whole import takes (timed on the first file, which is imported whole).
//
// Acknowledged: the process exited 0 after printing "FILE geïmporteerd: …".
// An import is one transaction, so after any kill a file's round must be
// wholly there (every department, respondent, answer and note) or wholly
// absent (not even its new department), and wholly there if it was
// acknowledged; what earlier imports wrote stays as it was. The sqlite3
// program counts what is there. At the end a killed import runs again to
// the end.
func crashImport(t *testing.T, bin string, rng *rand.Rand) {
	ids := questionIDs(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	const departments, respondents = 15, 10
	// write writes file k: the shared departments' round crash-k and a
	// department of its own, Nieuw k.
	write := func(k int) string {
		path := filepath.Join(dir, fmt.Sprintf("ronde-%02d.csv", k))
		var b strings.Builder
		b.WriteString("department,assessment,respondent,question,level,note\n")
		for d := 0; d <= departments; d++ {
			dept, n := fmt.Sprintf("Afdeling %02d", d), respondents
			if d == departments {
				dept, n = fmt.Sprintf("Nieuw %02d", k), 1
			}
			for r := 0; r < n; r++ {
				alias := fmt.Sprintf("resp-%02d", r)
				for i, id := range ids {
					_, v := answerFor(alias, i+k)
					fmt.Fprintf(&b, "%s,crash-%02d,%s,%s,%s,\n", dept, k, alias, id, v)
				}
			}
			fmt.Fprintf(&b, "%s,crash-%02d,,quality,,\"Besproken in ronde %d, zonder besluit\"\n", dept, k, k)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	// imported reads, with the sqlite3 program, what every file's round
	// holds: its rounds, respondents, answers and notes, and whether its
	// new department exists.
	type round struct{ rounds, respondents, answers, notes, departments int }
	imported := func(kill int) map[string]*round {
		integrityCheck(t, db, kill)
		out, err := exec.Command(needTool(t, "sqlite3", "sqlite3"), db, `
			SELECT 'a', a.round, count(DISTINCT a.id), count(DISTINCT r.id), count(x.respondent_id) FROM assessments a
				LEFT JOIN respondents r ON r.assessment_id = a.id LEFT JOIN answers x ON x.respondent_id = r.id
				WHERE a.round LIKE 'crash-%' GROUP BY a.round;
			SELECT 'n', a.round, count(*) FROM notes n JOIN assessments a ON a.id = n.assessment_id
				WHERE a.round LIKE 'crash-%' GROUP BY a.round;
			SELECT 'd', 'crash-' || substr(name, 7) FROM departments WHERE name LIKE 'Nieuw %';`).CombinedOutput()
		if err != nil {
			t.Fatalf("kill %d: sqlite3: %v\n%s", kill, err, out)
		}
		got := map[string]*round{}
		for _, line := range strings.Fields(string(out)) {
			f := strings.Split(line, "|")
			if got[f[1]] == nil {
				got[f[1]] = &round{}
			}
			r, n := got[f[1]], make([]int, len(f)-2)
			for i := range n {
				n[i], _ = strconv.Atoi(f[i+2])
			}
			switch f[0] {
			case "a":
				r.rounds, r.respondents, r.answers = n[0], n[1], n[2]
			case "n":
				r.notes = n[0]
			case "d":
				r.departments = 1
			}
		}
		return got
	}
	// state says whether file k's round is wholly there (1) or wholly
	// absent (0), and fails the test if it is neither.
	state := func(got map[string]*round, kill, k int) int {
		r, resp := got[fmt.Sprintf("crash-%02d", k)], departments*respondents+1
		switch {
		case r == nil:
			return 0
		case *r == round{rounds: departments + 1, respondents: resp, answers: resp * len(ids), notes: departments + 1, departments: 1}:
			return 1
		}
		t.Fatalf("kill %d: file %d is half imported: %+v", kill, k, *r)
		return -1
	}
	importFile := func(path string) *exec.Cmd {
		cmd := exec.Command(bin, "import", path)
		cmd.Env = crashEnv(dir, db)
		return cmd
	}

	began := time.Now()
	if out, err := importFile(write(0)).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	whole := time.Since(began)
	states := []int{1}
	const kills = 10
	deadline := time.Now().Add(12 * time.Second)
	k := 1
	for ; k <= kills && (k <= 3 || time.Now().Before(deadline)); k++ {
		path := write(k)
		cmd := importFile(path)
		var stdout strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stdout
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// The kill comes at a random moment of the time a whole import took
		// last, every other one in its last part, where the transaction
		// writes and commits; an import that ends before the kill sets that
		// time anew.
		delay := time.Duration(rng.Int64N(int64(whole)))
		if k%2 == 0 {
			delay = whole*7/10 + time.Duration(rng.Int64N(int64(whole)/2))
		}
		began := time.Now()
		exited := make(chan struct{})
		go func() {
			cmd.Wait()
			close(exited)
		}()
		select {
		case <-time.After(delay):
			cmd.Process.Signal(syscall.SIGKILL)
			<-exited
		case <-exited:
			whole = time.Since(began)
		}
		acked := cmd.ProcessState.Success() && strings.HasPrefix(stdout.String(), path+" geïmporteerd: ")

		got := imported(k)
		for j, was := range states {
			if now := state(got, k, j); now != was {
				t.Fatalf("kill %d: file %d went from %d to %d", k, j, was, now)
			}
		}
		now := state(got, k, k)
		if acked && now != 1 {
			t.Fatalf("kill %d: the import was acknowledged but is not there:\n%s", k, stdout.String())
		}
		states = append(states, now)
		os.Remove(path)
	}
	t.Logf("%d kills within an import's time (%v the last): %v (1 wholly there, 0 wholly absent)", k-1, whole, states)

	for j, s := range states {
		if s == 0 {
			if out, err := importFile(write(j)).CombinedOutput(); err != nil {
				t.Fatalf("importing file %d again after its import was killed: %v\n%s", j, err, out)
			}
			if state(imported(k), k, j) != 1 {
				t.Errorf("file %d imported again is not wholly there", j)
			}
			break
		}
	}
}

// crashWorkshop: maturity workshop serve runs as a process without a
// terminal while four participants answer over real SSH connections (a
// pty each, the code, a pseudonym, then one key per question every 5–25
// ms); the server is killed at a random moment in its first 1.5 s after it
// listens (every fourth time while it starts), and started again.
// Participants reconnect under the same pseudonym; one who finished hands
// over to a new one.
//
// Acknowledged: an answer the database has committed, as the test reads it
// (a read transaction of its own) right before the kill. The participant's
// screen is no acknowledgement: it moves to the next question as the key is
// pressed, before the save has committed. After the kill every
// acknowledged answer must be stored with the value given, each
// participant's answers must be exactly their first n questions in order
// (no more than they typed), and on reconnecting they must resume at
// question n+1. Answers typed but not yet committed at the kill are
// counted and logged: they were never acknowledged.
func crashWorkshop(t *testing.T, bin string, rng *rand.Rand) {
	ids := questionIDs(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	const code, participants = "424242", 4
	generation := make([]int, participants)
	resume := make([]string, participants) // each participant's resume code, once shown
	alias := func(p int) string { return fmt.Sprintf("p%d-%d", p, generation[p]) }
	committed := func(kill int) map[string]map[string]string {
		if _, err := os.Stat(db); err != nil {
			return nil
		}
		st := openChecked(t, db, kill)
		defer st.Close()
		return roundAnswers(t, st, "Wijkteams")
	}

	const kills = 10
	deadline := time.Now().Add(15 * time.Second)
	inFlight, ackedTotal := 0, 0
	startup := 100 * time.Millisecond // until the server listens, the longest seen
	k := 0
	for ; k < kills && (k < 4 || time.Now().Before(deadline)); k++ {
		before := committed(k)
		start := make([]int, participants)
		for p := range start {
			start[p] = storedPrefix(t, k, alias(p), before[alias(p)], ids)
		}

		cmd := exec.Command(bin, "workshop", "serve", "--department", "Wijkteams", "--listen", addr, "--code", code)
		cmd.Env = crashEnv(dir, db)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		began := time.Now()
		ready := make(chan struct{})
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				if strings.HasPrefix(strings.TrimSpace(sc.Text()), "connect:") {
					close(ready)
				}
			}
			io.Copy(io.Discard, stdout)
		}()
		if k%4 == 3 {
			// Every fourth kill comes while the server starts (opening the
			// round), before anyone can connect: nothing may change. Not the
			// first start, which makes the host key: see TestCrash's note.
			time.Sleep(time.Duration(rng.Int64N(int64(startup))))
			kill(cmd)
			after := committed(k)
			for p := range start {
				if n := storedPrefix(t, k, alias(p), after[alias(p)], ids); n != start[p] {
					t.Fatalf("kill %d during the start: %s had %d answers stored and now %d", k, alias(p), start[p], n)
				}
			}
			continue
		}
		select {
		case <-ready:
			startup = max(startup, time.Since(began))
		case <-time.After(30 * time.Second):
			kill(cmd)
			t.Fatalf("kill %d: the server did not start: %s", k, stderr.String())
		}

		var killed atomic.Bool
		stop := make(chan struct{})
		typed := make([]int, participants)
		errs := make(chan error, participants)
		var wg sync.WaitGroup
		for p := 0; p < participants; p++ {
			wg.Add(1)
			go func(p int, who string, from int, pace *rand.Rand) {
				defer wg.Done()
				err := participate(addr, code, who, from, ids, pace, stop, &typed[p], &resume[p])
				var resume *resumeError
				if errors.As(err, &resume) || err != nil && !killed.Load() {
					errs <- fmt.Errorf("%s: %w", who, err)
				}
			}(p, alias(p), start[p], rand.New(rand.NewPCG(rng.Uint64(), uint64(p))))
		}
		time.Sleep(time.Duration(rng.IntN(1500)) * time.Millisecond)
		acked := committed(k)
		killed.Store(true)
		kill(cmd)
		close(stop)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("kill %d: %v", k, err)
		}

		after := committed(k)
		for who, given := range acked {
			for q, v := range given {
				if after[who][q] != v {
					t.Fatalf("kill %d: %s's answer %s=%s was committed before the kill and is %q after it", k, who, q, v, after[who][q])
				}
			}
		}
		for p := 0; p < participants; p++ {
			who := alias(p)
			n := storedPrefix(t, k, who, after[who], ids)
			if n > start[p]+typed[p] {
				t.Fatalf("kill %d: %s has %d answers stored but gave only %d", k, who, n, start[p]+typed[p])
			}
			inFlight += start[p] + typed[p] - n
			ackedTotal += len(acked[who]) - start[p]
			if n == len(ids) {
				generation[p]++
				resume[p] = ""
			}
		}
	}
	t.Logf("%d kills; %d answers acknowledged (committed before a kill), all of them stored; %d typed but not committed when the server died",
		k, ackedTotal, inFlight)
}

// participate is one participant: connect, type the code and the
// pseudonym, check that the questions resume at from+1, then answer one
// question after another until the end, stop, or the connection drops.
//
// A new pseudonym is shown its resume code, which resume keeps; rejoining
// under it types that code.
func participate(addr, code, who string, from int, ids []string, pace *rand.Rand, stop <-chan struct{}, typed *int, resume *string) error {
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: who, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
	if err != nil {
		return err
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		return err
	}
	if err := sess.RequestPty("xterm", 40, 120, gossh.TerminalModes{}); err != nil {
		return err
	}
	var screen lockedBuffer
	sess.Stdout = &screen
	in, err := sess.StdinPipe()
	if err != nil {
		return err
	}
	if err := sess.Shell(); err != nil {
		return err
	}
	go func() {
		<-stop
		c.Close()
	}()
	steps := []struct {
		send string
		want *regexp.Regexp
	}{
		{"", regexp.MustCompile("workshopcode")},
		{code + "\r", regexp.MustCompile("schuilnaam")},
		{who + "\r", regexp.MustCompile(`je hervatcode:|hervatcode om`)},
	}
	var shown []string
	for _, s := range steps {
		if _, err := io.WriteString(in, s.send); err != nil {
			return err
		}
		if shown, err = screen.waitFor(s.want, 30*time.Second, stop); err != nil {
			return err
		}
	}
	// A new participant reads their resume code and begins; one who comes
	// back types it. The pseudonym may be new to a server killed before it
	// stored it, though the code was shown.
	welcome := regexp.MustCompile(`([A-Z2-9]) ([A-Z2-9]) ([A-Z2-9]) ([A-Z2-9])`)
	next := "\r"
	if shown[0] == "hervatcode om" {
		next = *resume + "\r"
	} else {
		m, err := screen.waitFor(welcome, 30*time.Second, stop)
		if err != nil {
			return err
		}
		*resume = strings.Join(m[1:], "")
	}
	if _, err := io.WriteString(in, next); err != nil {
		return err
	}
	if shown, err = screen.waitFor(questionRE, 30*time.Second, stop); err != nil {
		return err
	}
	if want := fmt.Sprintf("vraag %d/%d", from+1, len(ids)); shown[0] != want {
		return &resumeError{fmt.Sprintf("%d answers were stored, but the questions resumed at %q", from, shown[0])}
	}
	for i := from; i < len(ids); i++ {
		select {
		case <-stop:
			return nil
		case <-time.After(time.Duration(5+pace.IntN(21)) * time.Millisecond):
		}
		key, _ := answerFor(who, i)
		if _, err := io.WriteString(in, key); err != nil {
			return err
		}
		*typed++
	}
	<-stop
	return nil
}

// lockedBuffer collects a participant's screen output.
type lockedBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// questionRE finds the question counter on a participant's screen.
var questionRE = regexp.MustCompile(`vraag \d+/\d+`)

// resumeError says that a participant's questions did not resume where
// their stored answers end: a failure even once the server is killed.
type resumeError struct{ msg string }

func (e *resumeError) Error() string { return e.msg }

// waitFor waits until the screen has shown a match of re, stop is closed
// or d passed, and returns the first match.
func (b *lockedBuffer) waitFor(re *regexp.Regexp, d time.Duration, stop <-chan struct{}) ([]string, error) {
	deadline := time.After(d)
	for {
		b.mu.Lock()
		m := re.FindStringSubmatch(b.buf.String())
		b.mu.Unlock()
		if m != nil {
			return m, nil
		}
		select {
		case <-stop:
			return nil, errors.New("stopped")
		case <-deadline:
			return nil, fmt.Errorf("the screen never showed %q", re)
		case <-time.After(10 * time.Millisecond):
		}
	}
}
