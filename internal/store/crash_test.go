package store_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/store"
)

// TestCrashSafety kills a process that is saving answers with SIGKILL at
// random moments, 20 times, and checks after each kill that the database
// is sound and holds every answer the process reported as saved.
func TestCrashSafety(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateDepartment(ctx, "Wijkzaken", ""); err != nil {
		t.Fatal(err)
	}
	a, err := s.StartAssessment(ctx, store.StartOptions{Department: "Wijkzaken", Questionnaire: defaultFile(t), Mode: store.ModeSelf})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	rng := rand.New(rand.NewPCG(7, 11))
	for kill := 0; kill < 20; kill++ {
		s, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.Respondent(ctx, a.ID, fmt.Sprint("r", kill))
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"=save", "MATURITY_DB="+path, fmt.Sprint("MATURITY_RESPONDENT=", r.ID))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		saved := make(chan int, 1<<16)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				var n int
				if _, err := fmt.Sscanf(sc.Text(), "saved %d", &n); err == nil {
					saved <- n
				}
			}
			close(saved)
		}()
		// Once it is saving, let it go on for 0–200 ms, then kill it mid-flight.
		select {
		case <-saved:
		case <-time.After(time.Minute):
			cmd.Process.Kill()
			t.Fatalf("kill %d: the child saved nothing in a minute; stderr: %s", kill, stderr.String())
		}
		time.Sleep(time.Duration(rng.IntN(200)) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		last := 0
		for n := range saved {
			last = n
		}

		s, err = store.Open(ctx, path)
		if err != nil {
			t.Fatalf("kill %d: reopen: %v", kill, err)
		}
		if v, err := s.IntegrityCheck(ctx); err != nil || v != "ok" {
			t.Fatalf("kill %d: integrity_check = %q, %v", kill, v, err)
		}
		got, err := s.Answers(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for n := 0; n <= last; n++ {
			if v := got[fmt.Sprintf("q%06d", n)]; v != fmt.Sprint(1+n%5) {
				t.Fatalf("kill %d: answer %d reported saved but stored as %q (%d answers stored, last reported %d)", kill, n, v, len(got), last)
			}
		}
		s.Close()
	}
}
