package store_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

// TestOpen_ReadOnly: writing to a database file the user may not write
// gives EREADONLY with a clear message, and leaves the file unchanged. The
// write runs in a child process as an unprivileged user, because root may
// write any file.
func TestOpen_ReadOnly(t *testing.T) {
	dir, err := os.MkdirTemp("", "maturity-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "ro.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateDepartment(ctx, "Burgerzaken", ""); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=write", "MATURITY_DB="+path)
	if os.Geteuid() == 0 {
		exe, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		// The unprivileged user must be able to run the test binary.
		copyExe := filepath.Join(dir, "child.test")
		data, err := os.ReadFile(exe)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(copyExe, data, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd.Path, cmd.Args[0] = copyExe, copyExe
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		cmd.Env = append(cmd.Env, "HOME="+dir, "GOCOVERDIR="+dir)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "code="+store.EREADONLY) || !strings.Contains(string(out), "is read-only") {
		t.Errorf("writing a read-only database:\n%s\nwant code %s", out, store.EREADONLY)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(before) {
		t.Error("the read-only database changed")
	}
}
