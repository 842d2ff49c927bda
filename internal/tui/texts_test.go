package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestTexts: every text the screens ask for exists in Dutch and English.
func TestTexts(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	used := regexp.MustCompile(`\bt\["([^"]+)"\]`)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			for _, lang := range []string{"nl", "en"} {
				if textTable[lang][m[1]] == "" {
					t.Errorf("%s: text %q is missing in %s", f, m[1], lang)
				}
			}
		}
	}
	for k := range textTable["nl"] {
		if textTable["en"][k] == "" {
			t.Errorf("text %q has no English", k)
		}
	}
}
