package reports

import (
	"fmt"

	"github.com/goccy/go-yaml"
)

// Languages are the languages every text of the catalogues exists in.
var Languages = []string{"nl", "en"}

// Catalogue reads a catalogue of fixed texts (key: {nl: …, en: …}) into one
// table per language. name is the file's name for the error. Every key must
// have a text in every language.
func Catalogue(name string, data []byte) (map[string]map[string]string, error) {
	var byKey map[string]map[string]string
	if err := yaml.Unmarshal(data, &byKey); err != nil {
		return nil, fmt.Errorf("reports/%s: %w", name, err)
	}
	out := map[string]map[string]string{}
	for _, lang := range Languages {
		out[lang] = map[string]string{}
	}
	for key, texts := range byKey {
		for _, lang := range Languages {
			text, ok := texts[lang]
			if !ok {
				return nil, fmt.Errorf("reports/%s: %q has no text in %s", name, key, lang)
			}
			out[lang][key] = text
		}
	}
	return out, nil
}

// MustCatalogue is Catalogue for the embedded catalogues, which the tests
// keep whole: a broken one is a defect of the build, not of any input.
func MustCatalogue(name string, data []byte) map[string]map[string]string {
	c, err := Catalogue(name, data)
	if err != nil {
		panic(err)
	}
	return c
}
