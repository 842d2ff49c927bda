package reports

import (
	"regexp"
	"strings"
	"testing"
)

// TestCatalogues: every embedded catalogue reads, has every key in every
// language, and keeps the placeholders of a text in the same order in each.
func TestCatalogues(t *testing.T) {
	verbs := regexp.MustCompile(`%[0-9.]*[sdvqf%]`)
	for name, data := range map[string][]byte{"texts.yaml": Texts, "terminal.yaml": Terminal, "commands.yaml": Commands} {
		c, err := Catalogue(name, data)
		if err != nil {
			t.Fatal(err)
		}
		if len(c["nl"]) < 10 {
			t.Fatalf("%s: %d texts, want the whole catalogue", name, len(c["nl"]))
		}
		for key, nl := range c["nl"] {
			want := strings.Join(verbs.FindAllString(nl, -1), " ")
			if got := strings.Join(verbs.FindAllString(c["en"][key], -1), " "); got != want {
				t.Errorf("%s: %q has placeholders %q in en, %q in nl", name, key, got, want)
			}
		}
	}
}

// TestCatalogue_Missing: a key without one of the languages is refused by name.
func TestCatalogue_Missing(t *testing.T) {
	_, err := Catalogue("x.yaml", []byte("a: {nl: \"een\"}\n"))
	if err == nil || err.Error() != `reports/x.yaml: "a" has no text in en` {
		t.Fatalf("got %v", err)
	}
}
