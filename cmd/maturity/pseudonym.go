package main

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/maturity-nl/maturity/internal/store"
)

// The pseudonyms file keeps, in the data directory, the pseudonyms this
// user answered under on this machine: first the default one, made at
// random the first time it is needed, then each one they typed. It lets
// the same person resume as the same respondent and lets the resume list
// show them their own rounds, while the default pseudonym itself says
// nothing about who they are.
const (
	// pseudonymsName is the file's name in the data directory.
	pseudonymsName = "pseudonyms"
	// pseudonymRandomBytes is how much chance is in a default pseudonym:
	// 4 bytes, one in four billion that two respondents share one.
	pseudonymRandomBytes = 4
	// maxOwnPseudonyms bounds the file: the default and the most recently
	// typed ones after it.
	maxOwnPseudonyms = 50
	// maxPseudonymsBytes bounds what is read of the file: maxOwnPseudonyms
	// names of store.MaxNameRunes characters of at most 4 bytes each.
	maxPseudonymsBytes = maxOwnPseudonyms * (4*store.MaxNameRunes + 1)
)

// pseudonymsPath is the pseudonyms file of the user in getenv's environment.
func pseudonymsPath(getenv func(string) string) (string, error) {
	dir, err := dataDir(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, pseudonymsName), nil
}

// defaultAlias is this user's default pseudonym on this machine, made at
// random and kept the first time it is asked for. Its complaints are in
// l's language.
func defaultAlias(getenv func(string) string, l labels) (string, error) {
	own, err := ownPseudonyms(getenv, l)
	if err != nil {
		return "", err
	}
	return own[0], nil
}

// ownPseudonyms reads this user's pseudonyms, the default first, making
// the file with a new default when there is none.
func ownPseudonyms(getenv func(string) string, l labels) ([]string, error) {
	path, err := pseudonymsPath(getenv)
	if err != nil {
		return nil, err
	}
	own, err := readPseudonyms(path, l)
	if !errors.Is(err, fs.ErrNotExist) {
		return own, err
	}
	alias, err := newPseudonym()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf(l["pseudonym not kept"], path, unwrapPathError(err))
	}
	// Of two processes making the file at once, one wins and both read it.
	if _, err := createOnce(path, []byte(alias+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf(l["pseudonym not kept"], path, err)
	}
	return readPseudonyms(path, l)
}

// newPseudonym is a default pseudonym: anon- and random hexadecimal digits.
func newPseudonym() (string, error) {
	b := make([]byte, pseudonymRandomBytes)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return "anon-" + hex.EncodeToString(b), nil
}

// readPseudonyms reads the pseudonyms file: one pseudonym per line, the
// default first. An error that is not fs.ErrNotExist names the file and
// says how to get out of it.
func readPseudonyms(path string, l labels) ([]string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	broken := func(format string, args ...any) error {
		return badInput(l["pseudonyms broken"], path, fmt.Sprintf(format, args...))
	}
	if err != nil {
		return nil, broken("%v", unwrapPathError(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPseudonymsBytes+1))
	if err != nil {
		return nil, broken("%v", unwrapPathError(err))
	}
	if len(data) > maxPseudonymsBytes {
		return nil, broken(l["pseudonyms too large"], maxPseudonymsBytes)
	}
	var own []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, maxPseudonymsBytes+1)
	for n := 1; sc.Scan(); n++ {
		alias := strings.TrimSpace(sc.Text())
		if alias == "" {
			return nil, broken(l["pseudonyms empty line"], n)
		}
		if err := store.CheckName(alias); err != nil {
			return nil, broken(l["pseudonyms bad line"], n, err)
		}
		own = append(own, alias)
	}
	if err := sc.Err(); err != nil {
		return nil, broken("%v", err)
	}
	if len(own) == 0 {
		return nil, broken("%s", l["pseudonyms empty"])
	}
	return own, nil
}

// rememberPseudonym adds a pseudonym this user typed to their own, so that
// the resume list shows its unfinished rounds as theirs. The oldest typed
// one goes when the file is full; the default always stays.
func rememberPseudonym(getenv func(string) string, l labels, alias string) error {
	alias = strings.TrimSpace(alias)
	own, err := ownPseudonyms(getenv, l)
	if err != nil || slices.Contains(own, alias) || store.CheckName(alias) != nil {
		return err
	}
	own = append(own, alias)
	if len(own) > maxOwnPseudonyms {
		own = append(own[:1], own[len(own)-maxOwnPseudonyms+1:]...)
	}
	path, err := pseudonymsPath(getenv)
	if err != nil {
		return err
	}
	return writeAtomic(path, []byte(strings.Join(own, "\n")+"\n"), 0o600)
}

// ownFilter says which respondents are this user's: those under one of
// their own pseudonyms, or everyone when all is set.
func ownFilter(getenv func(string) string, l labels, all bool) (func(alias string) bool, error) {
	if all {
		return func(string) bool { return true }, nil
	}
	own, err := ownPseudonyms(getenv, l)
	if err != nil {
		return nil, err
	}
	return func(alias string) bool { return slices.Contains(own, alias) }, nil
}
