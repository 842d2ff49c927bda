package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// settings are what maturity remembers for the user between runs, in a
// small file in the configuration directory: today the language last
// chosen on the home screen.
type settings struct {
	lang string // "nl", "en", or "" when none was chosen
}

const (
	// settingsName is the settings file's name in the configuration directory.
	settingsName = "settings.yaml"
	// maxSettingsBytes bounds the settings file: it holds a line or two,
	// so anything larger is not one maturity wrote.
	maxSettingsBytes = 4 << 10
)

// settingsPath is the settings file of the user in getenv's environment.
func settingsPath(getenv func(string) string) (string, error) {
	dir, err := configDir(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, settingsName), nil
}

// loadSettings reads the user's settings. A missing file means none were
// chosen; a file that cannot be read, is too large or does not parse is
// reported on stderr in lang and ignored, since a setting never decides
// whether a command can run.
func loadSettings(e env, lang string) settings {
	path, err := settingsPath(e.getenv)
	if err != nil {
		return settings{}
	}
	// Without a file there is nothing to complain about, and the messages
	// are not read: most commands print none of them.
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return settings{}
	}
	l := labelsFor(lang)
	s, err := readSettings(path, l)
	if err != nil {
		fmt.Fprintf(e.stderr, "maturity: "+l["settings ignored"]+"\n", path, err)
		return settings{}
	}
	return s
}

// readSettings parses the settings file at path: lines "key: value",
// blank lines and # comments. It is read line by line rather than as YAML
// so that no construct of a hand-edited file can cost more than its size.
// Its complaints are in l's language.
func readSettings(path string, l labels) (settings, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return settings{}, nil
	}
	if err != nil {
		return settings{}, unwrapPathError(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSettingsBytes+1))
	if err != nil {
		return settings{}, unwrapPathError(err)
	}
	if len(data) > maxSettingsBytes {
		return settings{}, fmt.Errorf(l["settings too large"], maxSettingsBytes)
	}
	return parseSettings(data, l)
}

// parseSettings reads the lines of a settings file.
func parseSettings(data []byte, l labels) (settings, error) {
	var s settings
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return settings{}, fmt.Errorf(l["settings not key value"], n)
		}
		key, value = strings.TrimSpace(key), settingValue(value)
		switch key {
		case "lang":
			lang, ok := normalLang(value)
			if !ok {
				return settings{}, fmt.Errorf(l["settings bad lang"], n, value)
			}
			s.lang = lang
		default:
			return settings{}, fmt.Errorf(l["settings unknown"], n, key)
		}
	}
	return s, sc.Err()
}

// settingValue is a value without its quotes or a trailing comment.
func settingValue(v string) string {
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	v = strings.TrimSpace(v)
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}

// normalLang is a language name as maturity spells it: nl or en, in any case.
func normalLang(s string) (string, bool) {
	switch l := strings.ToLower(strings.TrimSpace(s)); l {
	case "nl", "en":
		return l, true
	}
	return "", false
}

// saveSettings writes the user's settings, replacing the file whole so
// that a reader never sees half of it.
func saveSettings(getenv func(string) string, s settings) error {
	path, err := settingsPath(getenv)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return unwrapPathError(err)
	}
	var b strings.Builder
	b.WriteString("# What maturity remembers between runs. lang: the language of the screens and messages (nl or en).\n")
	if s.lang != "" {
		fmt.Fprintf(&b, "lang: %s\n", s.lang)
	}
	return writeAtomic(path, []byte(b.String()), 0o600)
}

// writeAtomic replaces path with data: written beside it, synced, then
// renamed into place, so that the file is either the old or the new one.
func writeAtomic(path string, data []byte, perm fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return unwrapPathError(err)
	}
	defer os.Remove(tmp.Name())
	if err := writeSynced(tmp, data, perm); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// createOnce makes path with data unless it exists: the file appears whole
// or not at all, and of two processes making it at once one wins and both
// then read the same file. created says whether this call made it.
func createOnce(path string, data []byte, perm fs.FileMode) (created bool, err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return false, unwrapPathError(err)
	}
	defer os.Remove(tmp.Name())
	if err := writeSynced(tmp, data, perm); err != nil {
		return false, err
	}
	// A hard link fails when the name exists, where a rename would replace it.
	err = os.Link(tmp.Name(), path)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrExist):
		return false, nil
	}
	// A file system without hard links: an exclusive create, written
	// in place, is the nearest it offers.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, unwrapPathError(err)
	}
	if err := writeSynced(f, data, perm); err != nil {
		os.Remove(path)
		return false, err
	}
	return true, nil
}

// writeSynced writes data to f, syncs and closes it, with perm.
func writeSynced(f *os.File, data []byte, perm fs.FileMode) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), perm)
	}
	return err
}

// unwrapPathError keeps what went wrong of a path error; the message that
// shows it names the file itself.
func unwrapPathError(err error) error {
	var perr *fs.PathError
	if errors.As(err, &perr) {
		return perr.Err
	}
	return err
}

// rememberLang keeps lang as the user's language for the next start. Not
// being able to keep it is said, in lang, and changes nothing else.
func rememberLang(e env, opts *globalOptions, lang string) {
	s := opts.settings
	s.lang = lang
	if err := saveSettings(e.getenv, s); err != nil {
		fmt.Fprintf(e.stderr, "maturity: "+labelsFor(lang)["settings not saved"]+"\n", err)
		return
	}
	opts.settings = s
}
