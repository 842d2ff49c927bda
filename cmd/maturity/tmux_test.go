package main

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// terminals drives programs in terminals of a private tmux server, the
// way a person at a keyboard does: type keys, read the screen.
type terminals struct {
	t      *testing.T
	socket string
}

func newTerminals(t *testing.T) *terminals {
	t.Helper()
	needTool(t, "tmux", "tmux")
	x := &terminals{t: t, socket: filepath.Join(t.TempDir(), "tmux.sock")}
	t.Cleanup(func() { exec.Command("tmux", "-S", x.socket, "kill-server").Run() })
	return x
}

func (x *terminals) tmux(args ...string) string {
	x.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", x.socket}, args...)...).CombinedOutput()
	if err != nil {
		x.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// open starts command in a new terminal of width × height called name.
func (x *terminals) open(name string, width, height int, command string) {
	x.t.Helper()
	x.tmux("new-session", "-d", "-s", name, "-x", strconv.Itoa(width), "-y", strconv.Itoa(height), command)
}

// keys types into a terminal; each argument is a tmux key name or text.
func (x *terminals) keys(name string, keys ...string) {
	x.t.Helper()
	x.tmux(append([]string{"send-keys", "-t", name}, keys...)...)
}

// wait returns the screen once it shows want; the test fails after 15 s.
func (x *terminals) wait(name, want string) string {
	x.t.Helper()
	return x.waitUntil(name, want, func(s string) bool { return strings.Contains(s, want) })
}

// waitUntil returns the screen once ok says so; what names what is awaited.
func (x *terminals) waitUntil(name, what string, ok func(screen string) bool) string {
	x.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := x.tmux("capture-pane", "-p", "-t", name)
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			x.t.Fatalf("terminal %s never showed %s:\n%s", name, what, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// pid is the process running in a terminal.
func (x *terminals) pid(name string) int {
	x.t.Helper()
	pid, err := strconv.Atoi(strings.TrimSpace(x.tmux("display-message", "-p", "-t", name, "#{pane_pid}")))
	if err != nil {
		x.t.Fatal(err)
	}
	return pid
}
