package workshop

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// ensureHostKey makes the server's host key at path when there is none,
// written whole or not at all: a server killed while making it leaves no
// empty key file behind that would stop every later start. An empty file
// holds no key and is made anew; a file that is not a key is refused with
// what to do, never overwritten.
func ensureHostKey(path string) error {
	info, err := os.Stat(path)
	switch {
	case err == nil && info.Size() > 0:
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if _, err := gossh.ParsePrivateKey(b); err != nil {
			return fmt.Errorf("the workshop's host key %s is damaged (%v): remove it and a new one is made; participants' ssh will then warn that the host key changed", path, err)
		}
		return nil
	case err != nil && !os.IsNotExist(err):
		return err
	}
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	block, err := gossh.MarshalPrivateKey(key, "maturity workshop")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(pem.EncodeToMemory(block)); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
