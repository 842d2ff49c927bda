package main

import (
	"errors"
	"path/filepath"
	"runtime"
)

// dataDir is where maturity keeps the user's database and questionnaires:
// $XDG_DATA_HOME/maturity, else the platform's usual place for user data.
func dataDir(getenv func(string) string) (string, error) {
	return userDir(getenv, "XDG_DATA_HOME", filepath.Join(".local", "share"),
		"cannot find the user's data directory: set XDG_DATA_HOME or HOME, or use --db")
}

// configDir is where maturity keeps the user's settings:
// $XDG_CONFIG_HOME/maturity, else the platform's usual place for them.
func configDir(getenv func(string) string) (string, error) {
	return userDir(getenv, "XDG_CONFIG_HOME", ".config",
		"cannot find the user's configuration directory: set XDG_CONFIG_HOME or HOME")
}

// userDir is maturity's folder under $xdg, else under APPDATA on Windows,
// Library/Application Support on macOS, or unix (relative to home) elsewhere.
func userDir(getenv func(string) string, xdg, unix, missing string) (string, error) {
	if d := getenv(xdg); d != "" {
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
		return "", errors.New(missing)
	}
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Application Support", "maturity"), nil
	}
	return filepath.Join(home, unix, "maturity"), nil
}
