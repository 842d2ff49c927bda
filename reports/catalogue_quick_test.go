package reports

import (
	"reflect"
	"testing"

	"github.com/goccy/go-yaml"
)

// TestQuickCatalogue: the quick reading of every catalogue gives what the
// YAML parser gives, and the forms it does not read itself (a text over
// several lines, an escape, a single-quoted or plain text) still read
// right, through the parser.
func TestQuickCatalogue(t *testing.T) {
	files := map[string][]byte{"texts.yaml": Texts, "terminal.yaml": Terminal, "commands.yaml": Commands,
		"forms": []byte(`# a comment
a: {nl: "één", en: "one"}
b: {nl: "met \"aanhalingstekens\"", en: "tab\there"}
c: {nl: 'enkel', en: plain}
d:
  nl: |
    regel 1
    regel 2
  en: "lines"
e one: {nl: "x", en: "y"}
"f quoted": {nl: "z", en: "w"}
`)}
	for name, data := range files {
		var want map[string]map[string]string
		if err := yaml.Unmarshal(data, &want); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := quickCatalogue(data)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the quick reading differs from the parser's (%v)", name, err)
		}
	}
	if _, err := quickCatalogue([]byte("a: {nl: \"x\", en: \"y\"}\na: {nl: \"z\", en: \"w\"}\n")); err == nil {
		t.Error("a key twice: no error")
	}
}

// BenchmarkCatalogue is reading the report texts, as every report does once.
func BenchmarkCatalogue(b *testing.B) {
	for range b.N {
		if _, err := Catalogue("texts.yaml", Texts); err != nil {
			b.Fatal(err)
		}
	}
}
