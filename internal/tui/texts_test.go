package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/maturity-nl/maturity/internal/scoring"
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
				if textTable()[lang][m[1]] == "" {
					t.Errorf("%s: text %q is missing in %s", f, m[1], lang)
				}
			}
		}
	}
	for k := range textTable()["nl"] {
		if textTable()["en"][k] == "" {
			t.Errorf("text %q has no English", k)
		}
	}
}

// TestTexts_Named: the texts asked for by a confidence grade, a change's
// direction and a recommendation's kind exist in both languages.
func TestTexts_Named(t *testing.T) {
	var keys []string
	for _, c := range []scoring.Confidence{scoring.ConfidenceNone, scoring.ConfidenceLow, scoring.ConfidenceMedium, scoring.ConfidenceHigh} {
		keys = append(keys, "conf "+string(c))
	}
	for _, d := range []scoring.Direction{scoring.Improvement, scoring.Decline, scoring.Unchanged, scoring.Uncertain} {
		keys = append(keys, "dir "+string(d))
	}
	for _, k := range []scoring.RecommendationKind{scoring.FromMinimum, scoring.FromStage, scoring.FromFoundation, scoring.FromGap} {
		keys = append(keys, "kind "+string(k))
	}
	for _, k := range keys {
		for _, lang := range []string{"nl", "en"} {
			if textTable()[lang][k] == "" {
				t.Errorf("text %q is missing in %s", k, lang)
			}
		}
	}
}
