package main

import (
	"errors"
	"path/filepath"
	"runtime"
)

// dataDir is where maturity keeps the user's database and questionnaires:
// $XDG_DATA_HOME/maturity, else the platform's usual place for user data.
func dataDir(getenv func(string) string) (string, error) {
	if d := getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "maturity"), nil
	}
	if runtime.GOOS == "windows" {
		if d := getenv("APPDATA"); d != "" {
			return filepath.Join(d, "maturity"), nil
		}
	}
	home := getenv("HOME")
	if home == "" {
		home = getenv("USERPROFILE")
	}
	if home == "" {
		return "", errors.New("cannot find the user's data directory: set XDG_DATA_HOME or HOME, or use --db")
	}
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Application Support", "maturity"), nil
	}
	return filepath.Join(home, ".local", "share", "maturity"), nil
}

// configDir is where maturity keeps the user's settings:
// $XDG_CONFIG_HOME/maturity, else the platform's usual place for them.
func configDir(getenv func(string) string) (string, error) {
	if d := getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "maturity"), nil
	}
	if runtime.GOOS == "windows" {
		if d := getenv("APPDATA"); d != "" {
			return filepath.Join(d, "maturity"), nil
		}
	}
	home := getenv("HOME")
	if home == "" {
		home = getenv("USERPROFILE")
	}
	if home == "" {
		return "", errors.New("cannot find the user's configuration directory: set XDG_CONFIG_HOME or HOME")
	}
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Application Support", "maturity"), nil
	}
	return filepath.Join(home, ".config", "maturity"), nil
}
