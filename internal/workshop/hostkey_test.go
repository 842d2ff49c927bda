package workshop

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEnsureHostKey: a missing key is made, and kept the next time; an
// empty file (a server killed while making it) is made anew; a file that
// is not a key is refused and left as it was.
func TestEnsureHostKey(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "keys", "ssh_host_ed25519")
	if err := ensureHostKey(path); err != nil {
		t.Fatal(err)
	}
	first, err := os.ReadFile(path)
	if err != nil || !bytes.Contains(first, []byte("OPENSSH PRIVATE KEY")) {
		t.Fatalf("made %q, %v; want an OpenSSH private key", first, err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("the key may be read by others: %v", info.Mode())
	}
	if err := ensureHostKey(path); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(first, again) {
		t.Error("the host key changed between two starts")
	}

	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := ensureHostKey(path); err != nil {
		t.Fatal(err)
	}
	if made, _ := os.ReadFile(path); len(made) == 0 || bytes.Equal(made, first) {
		t.Error("an empty key file was not made anew")
	}

	if err := os.WriteFile(path, []byte("not a key\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err = ensureHostKey(path)
	if err == nil || !strings.Contains(err.Error(), "is damaged") || !strings.Contains(err.Error(), "remove it") {
		t.Errorf("a damaged key: %v", err)
	}
	if kept, _ := os.ReadFile(path); string(kept) != "not a key\n" {
		t.Error("a damaged key file was overwritten")
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("%d files beside the key; want none left behind", len(entries)-1)
	}
}
