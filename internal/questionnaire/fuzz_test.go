package questionnaire_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/maturity-nl/maturity/internal/questionnaire"
)

// FuzzParse feeds arbitrary bytes to the loader: it must never panic, and
// whatever it accepts must hold the invariants the rest of the program relies on.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.yaml")
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		q, err := questionnaire.Parse("fuzz.yaml", src)
		if err != nil {
			if q != nil {
				t.Fatal("a questionnaire returned with an error")
			}
			return
		}
		if q.ID == "" || q.Version < 1 || len(q.Languages) == 0 || len(q.Levels) != questionnaire.MaxLevel {
			t.Fatalf("accepted an incomplete questionnaire: %+v", q)
		}
		if len(q.Dimensions()) == 0 || len(q.Questions()) == 0 {
			t.Fatal("accepted a questionnaire without questions")
		}
		for _, x := range q.Questions() {
			if len(x.Options) != questionnaire.OptionCount || x.Weight <= 0 || x.Dimension == nil {
				t.Fatalf("accepted a malformed question: %+v", x)
			}
			for _, l := range q.Languages {
				if x.Text[l] == "" {
					t.Fatalf("question %s lacks text in %s", x.ID, l)
				}
			}
		}
		for _, d := range q.Dimensions() {
			if d.Weight <= 0 || d.Group == nil {
				t.Fatalf("accepted a malformed dimension: %+v", d)
			}
		}
	})
}
