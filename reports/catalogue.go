package reports

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/goccy/go-yaml"
)

// Languages are the languages every text of the catalogues exists in.
var Languages = []string{"nl", "en"}

// Catalogue reads a catalogue of fixed texts (key: {nl: …, en: …}) into one
// table per language. name is the file's name for the error. Every key must
// have a text in every language.
func Catalogue(name string, data []byte) (map[string]map[string]string, error) {
	byKey, err := quickCatalogue(data)
	if err != nil {
		// The YAML parser's message names the line.
		byKey = nil
		if err := yaml.Unmarshal(data, &byKey); err != nil {
			return nil, fmt.Errorf("reports/%s: %w", name, err)
		}
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

// quickLine is a catalogue entry on one line whose texts are double-quoted
// strings without escapes: nearly every line of the catalogues.
var quickLine = regexp.MustCompile(`^(?:"([^"\\]*)"|([A-Za-z0-9_.-]+(?: [A-Za-z0-9_.-]+)*)): \{nl: "([^"\\]*)", en: "([^"\\]*)"\}$`)

// quickCatalogue reads a catalogue as yaml.Unmarshal does, quickly: the
// YAML parser takes milliseconds per catalogue, at every start of a
// command. Lines of the common form (quickLine) are read directly, and
// only the rest (an entry over several lines, a text with an escape) goes
// through the parser; a duplicate key or anything the parser rejects is an
// error, and the caller parses the whole file for the message.
func quickCatalogue(data []byte) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	var rest bytes.Buffer
	for _, line := range strings.Split(string(data), "\n") {
		m := quickLine.FindStringSubmatch(line)
		if m == nil {
			rest.WriteString(line)
			rest.WriteByte('\n')
			continue
		}
		key := m[1] + m[2] // quoted or plain
		if _, dup := out[key]; dup {
			return nil, fmt.Errorf("%q twice", key)
		}
		out[key] = map[string]string{"nl": m[3], "en": m[4]}
	}
	var more map[string]map[string]string
	if err := yaml.Unmarshal(rest.Bytes(), &more); err != nil {
		return nil, err
	}
	for k, v := range more {
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("%q twice", k)
		}
		out[k] = v
	}
	return out, nil
}
