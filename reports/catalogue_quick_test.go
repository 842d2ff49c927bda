package reports

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// embeddedCatalogues are the three catalogues every command may read.
var embeddedCatalogues = []struct {
	name string
	data []byte
}{{"texts.yaml", Texts}, {"terminal.yaml", Terminal}, {"commands.yaml", Commands}}

// quickCatalogue is what Catalogue reads, by key as yaml.Unmarshal gives
// it: the scanner's reading when it has one, else the parser's.
func quickCatalogue(data []byte) (map[string]map[string]string, error) {
	if tables, ok := scannedCatalogue(data); ok {
		byKey := map[string]map[string]string{}
		for lang, texts := range tables {
			for key, text := range texts {
				if byKey[key] == nil {
					byKey[key] = map[string]string{}
				}
				byKey[key][lang] = text
			}
		}
		return byKey, nil
	}
	var byKey map[string]map[string]string
	if err := yaml.Unmarshal(data, &byKey); err != nil {
		return nil, err
	}
	return byKey, nil
}

// sameTexts reports whether two catalogues read by key hold the same texts;
// no key at all is the same as an empty catalogue (the parser gives nil).
func sameTexts(a, b map[string]map[string]string) bool {
	return maps.EqualFunc(a, b, func(x, y map[string]string) bool { return maps.Equal(x, y) })
}

// byLanguage is a catalogue read by key turned into Catalogue's tables, or
// false when a key lacks a language or has another one.
func byLanguage(byKey map[string]map[string]string) (map[string]map[string]string, bool) {
	out := map[string]map[string]string{"nl": {}, "en": {}}
	for key, texts := range byKey {
		if len(texts) != len(Languages) {
			return nil, false
		}
		for _, lang := range Languages {
			text, ok := texts[lang]
			if !ok {
				return nil, false
			}
			out[lang][key] = text
		}
	}
	return out, true
}

// firstRefusedLine is the line at which the scanner first refuses data, read
// from the top: the line that makes a prefix of whole lines unreadable.
func firstRefusedLine(data []byte) int {
	lines := bytes.SplitAfter(data, []byte("\n"))
	for n := 1; n <= len(lines); n++ {
		if _, ok := scanCatalogue(bytes.Join(lines[:n], nil)); !ok {
			return n
		}
	}
	return 0
}

// TestQuickCatalogue_Embedded: every embedded catalogue is read whole by the
// scanner, without the YAML parser (that is what keeps a command's start
// quick), and reads as the parser reads it.
func TestQuickCatalogue_Embedded(t *testing.T) {
	for _, f := range embeddedCatalogues {
		t.Run(f.name, func(t *testing.T) {
			var want map[string]map[string]string
			if err := yaml.Unmarshal(f.data, &want); err != nil {
				t.Fatal(err)
			}
			if _, ok := scanCatalogue(f.data); !ok {
				t.Fatalf("line %d is in a form only the YAML parser reads; write entries as key: {nl: \"…\", en: \"…\"}",
					firstRefusedLine(f.data))
			}
			got, err := quickCatalogue(f.data)
			if err != nil || !sameTexts(got, want) {
				t.Fatalf("the quick reading differs from the parser's (%v)", err)
			}
			wantTables, whole := byLanguage(want)
			tables, err := Catalogue(f.name, f.data)
			if !whole || err != nil || !sameTexts(tables, wantTables) {
				t.Fatalf("Catalogue differs from the parser's reading (%v)", err)
			}
		})
	}
}

// TestQuickCatalogue: each form the scanner reads gives exactly the texts
// the YAML parser gives, and each form it does not read (or is not sure
// of) goes, whole, to the parser.
func TestQuickCatalogue(t *testing.T) {
	for _, c := range []struct {
		name    string
		data    string
		scanned bool // read without the parser
		want    map[string]map[string]string
	}{
		{"one line", "a: {nl: \"één\", en: \"one\"}\n", true,
			map[string]map[string]string{"a": {"nl": "één", "en": "one"}}},
		{"escapes", `a: {nl: "met \"aanhalingstekens\" en \\ schuin", en: "tab\there\nnext line\\n"}` + "\n", true,
			map[string]map[string]string{"a": {"nl": `met "aanhalingstekens" en \ schuin`, "en": "tab\there\nnext line\\n"}}},
		{"keys", "e one: {nl: \"x\", en: \"y\"}\n\"f \\\"quoted\\\": x\": {nl: \"z\", en: \"w\"}\ng_h.i-j 2: {nl: \"\", en: \"\"}\n", true,
			map[string]map[string]string{"e one": {"nl": "x", "en": "y"}, `f "quoted": x`: {"nl": "z", "en": "w"}, "g_h.i-j 2": {"nl": "", "en": ""}}},
		{"comments and blanks", "# a comment\n\n#another: {nl: \"x\", en: \"y\"}\na: {nl: \"x\", en: \"y\"}\n\n# end\n", true,
			map[string]map[string]string{"a": {"nl": "x", "en": "y"}}},
		{"empty", "", true, nil},
		{"only a comment", "# nothing yet\n", true, nil},
		{"no last line break", "a: {nl: \"x\", en: \"y\"}", true,
			map[string]map[string]string{"a": {"nl": "x", "en": "y"}}},
		{"block literal", "d:\n  nl: |\n    regel 1\n\n      verder in\n    # geen commentaar\n\n    regel 2 \"x\" \\n\n\n\n  en: |\n    one\n\n# a comment\nz: {nl: \"1\", en: \"2\"}\n", true,
			map[string]map[string]string{
				"d": {"nl": "regel 1\n\n  verder in\n# geen commentaar\n\nregel 2 \"x\" \\n\n", "en": "one\n"},
				"z": {"nl": "1", "en": "2"}}},
		{"block at the end", "d:\n  en: |\n    one\n    two\n  nl: \"één\\ttwee\"\n", true,
			map[string]map[string]string{"d": {"nl": "één\ttwee", "en": "one\ntwo\n"}}},
		{"block with trailing blank lines", "d:\n   nl: |\n       x\n\n   en: |\n      y\n\n\n", true,
			map[string]map[string]string{"d": {"nl": "x\n", "en": "y\n"}}},
		{"block with short blank lines", "d:\n  nl: |\n    x\n  \n    y\n  en: |\n    z\n   \n", true,
			map[string]map[string]string{"d": {"nl": "x\n\ny\n", "en": "z\n"}}},

		// Forms only the parser reads.
		{"single-quoted and plain", "c: {nl: 'enkel', en: plain}\n", false,
			map[string]map[string]string{"c": {"nl": "enkel", "en": "plain"}}},
		{"other escape", "a: {nl: \"\\u00e9\", en: \"\\x41\"}\n", false,
			map[string]map[string]string{"a": {"nl": "é", "en": "A"}}},
		{"escaped line break", "a: {nl: \"x\\\n  y\", en: \"z\"}\n", false,
			map[string]map[string]string{"a": {"nl": "xy", "en": "z"}}},
		{"comment after an entry", "a: {nl: \"x\", en: \"y\"} # why\n", false,
			map[string]map[string]string{"a": {"nl": "x", "en": "y"}}},
		{"space after an entry", "a: {nl: \"x\", en: \"y\"} \n", false,
			map[string]map[string]string{"a": {"nl": "x", "en": "y"}}},
		{"other spacing", "a: {nl: \"x\",en: \"y\"}\n", false,
			map[string]map[string]string{"a": {"nl": "x", "en": "y"}}},
		{"languages swapped", "a: {en: \"y\", nl: \"x\"}\n", false,
			map[string]map[string]string{"a": {"nl": "x", "en": "y"}}},
		{"carriage returns", "a: {nl: \"x\", en: \"y\"}\r\nb: {nl: \"z\", en: \"w\"}\r\n", false,
			map[string]map[string]string{"a": {"nl": "x", "en": "y"}, "b": {"nl": "z", "en": "w"}}},
		{"tab in a text", "a: {nl: \"x\ty\", en: \"y\"}\n", false, nil}, // the parser refuses it
		{"key true", "true: {nl: \"x\", en: \"y\"}\n", false,
			map[string]map[string]string{"true": {"nl": "x", "en": "y"}}},
		{"key a number", "0x10: {nl: \"x\", en: \"y\"}\n", false,
			map[string]map[string]string{"16": {"nl": "x", "en": "y"}}},
		{"second document", "a: {nl: \"x\", en: \"y\"}\n---\nb: {nl: \"z\", en: \"w\"}\n", false,
			map[string]map[string]string{"a": {"nl": "x", "en": "y"}}},
		{"indented comment", "a: {nl: \"x\", en: \"y\"}\n  # why\n", false,
			map[string]map[string]string{"a": {"nl": "x", "en": "y"}}},
		{"strip chomping", "d:\n  nl: |-\n    x\n  en: |\n    y\n", false,
			map[string]map[string]string{"d": {"nl": "x", "en": "y\n"}}},
		{"folded block", "d:\n  nl: >\n    x\n    y\n  en: |\n    y\n", false,
			map[string]map[string]string{"d": {"nl": "x y\n", "en": "y\n"}}},
		{"block starting blank", "d:\n  nl: |\n\n    x\n  en: |\n    y\n", false,
			map[string]map[string]string{"d": {"nl": "\nx\n", "en": "y\n"}}},
		{"long blank line in a block", "d:\n  nl: |\n    x\n       \n    y\n  en: |\n    y\n", false,
			map[string]map[string]string{"d": {"nl": "x\n   \ny\n", "en": "y\n"}}},
		{"block without last line break", "d:\n  nl: |\n    x\n  en: |\n    y", false,
			map[string]map[string]string{"d": {"nl": "x\n", "en": "y"}}},
		{"blank line below the key", "d:\n\n  nl: \"x\"\n  en: \"y\"\n", false,
			map[string]map[string]string{"d": {"nl": "x", "en": "y"}}},
		{"a third language", "d:\n  nl: \"x\"\n  en: \"y\"\n  de: \"z\"\n", false,
			map[string]map[string]string{"d": {"nl": "x", "en": "y", "de": "z"}}},
		{"a language twice", "d:\n  nl: \"x\"\n  nl: \"y\"\n  en: \"z\"\n", false, nil}, // the parser refuses it
		{"en twice", "d:\n  nl: \"x\"\n  en: |\n    y\n  en: \"z\"\n", false, nil},
		{"texts not indented", "d:\nnl: \"x\"\nen: \"y\"\n", false, nil},
		{"no colon after the language", "d:\n  nl  |\n    x\n  en: \"y\"\n", false, nil},
		{"a blank last line in a block", "d:\n  nl: \"x\"\n  en: |\n    y\n  ", false,
			map[string]map[string]string{"d": {"nl": "x", "en": "y\n"}}},
		{"key with a comment", "a #b: {nl: \"x\", en: \"y\"}\n", false, nil},
		{"key with two spaces", "a  b: {nl: \"x\", en: \"y\"}\n", false,
			map[string]map[string]string{"a  b": {"nl": "x", "en": "y"}}},
		{"key starting with a dash", "-a: {nl: \"x\", en: \"y\"}\n", false,
			map[string]map[string]string{"-a": {"nl": "x", "en": "y"}}},
		{"key starting with a space", " a: {nl: \"x\", en: \"y\"}\n", false,
			map[string]map[string]string{"a": {"nl": "x", "en": "y"}}},
		{"one language", "a: {nl: \"een\"}\n", false, map[string]map[string]string{"a": {"nl": "een"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := []byte(c.data)
			var parsed map[string]map[string]string
			perr := yaml.Unmarshal(data, &parsed)
			if c.want != nil || perr == nil {
				if perr != nil || !sameTexts(parsed, c.want) {
					t.Fatalf("the parser gives %q (%v), the case says %q", parsed, perr, c.want)
				}
			}
			if _, ok := scanCatalogue(data); ok != c.scanned {
				t.Errorf("read without the parser: %v, want %v", ok, c.scanned)
			}
			got, err := quickCatalogue(data)
			if fmt.Sprint(err) != fmt.Sprint(perr) || perr == nil && !sameTexts(got, parsed) {
				t.Errorf("got %q (%v), the parser gives %q (%v)", got, err, parsed, perr)
			}
		})
	}
}

// TestQuickCatalogue_Duplicate: a key twice, in any of the forms, is the
// parser's error naming both lines, from Catalogue too.
func TestQuickCatalogue_Duplicate(t *testing.T) {
	for _, c := range []struct{ name, data, want string }{
		{"one line", "a: {nl: \"x\", en: \"y\"}\na: {nl: \"z\", en: \"w\"}\n", `[2:1] mapping key "a" already defined at [1:1]`},
		{"quoted and plain", "b: {nl: \"x\", en: \"y\"}\n\"a\": {nl: \"x\", en: \"y\"}\n# between\na: {nl: \"z\", en: \"w\"}\n", `[4:1] mapping key "a" already defined at [2:1]`},
		{"block", "a:\n  nl: |\n    x\n  en: \"y\"\na: {nl: \"z\", en: \"w\"}\n", `[5:1] mapping key "a" already defined at [1:1]`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := quickCatalogue([]byte(c.data)); err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("quickCatalogue: %v, want %s", err, c.want)
			}
			if _, err := Catalogue("x.yaml", []byte(c.data)); err == nil || !strings.HasPrefix(err.Error(), "reports/x.yaml: "+c.want) {
				t.Errorf("Catalogue: %v, want reports/x.yaml: %s", err, c.want)
			}
		})
	}
}

// TestPlainCharacters: every character the scanner leaves to the parser is
// found wherever it stands in the eight-byte words the check reads, and
// printable text, in any script, passes.
func TestPlainCharacters(t *testing.T) {
	plain := "a: {nl: \"één ↑/↓ × √ ~ Δ\", en: \"x\"}\n"
	if !plainCharacters([]byte(plain + plain)) {
		t.Fatalf("%q refused", plain)
	}
	for _, bad := range []string{"\t", "\r", "\x00", "\x1f", "\x7f", "\u0085", "\u009f", "\u2028", "\u2029", "\ufeff", "\xff", "\xc3"} {
		for at := range 17 {
			s := []byte(strings.Repeat("x", at) + bad + strings.Repeat("y", 20))
			if plainCharacters(s) {
				t.Errorf("%q at %d passes", bad, at)
			}
		}
	}
	for _, good := range []string{" ", "~", "\n", "\u00a0", "\u00e9", "\u2027", "\u202a", "\ufefe", "\U0001f600"} {
		for at := range 17 {
			s := []byte(strings.Repeat("x", at) + good + strings.Repeat("y", 20))
			if !plainCharacters(s) {
				t.Errorf("%q at %d refused", good, at)
			}
		}
	}
}

// FuzzQuickCatalogue: whenever the quick reading and the YAML parser both
// read a catalogue, they read the same texts; whatever the scanner reads
// alone, the parser reads too; and Catalogue's tables are the parser's.
func FuzzQuickCatalogue(f *testing.F) {
	// The starts of the embedded catalogues, not the whole files: the
	// fuzzer minimises every input that reaches new code, running the
	// parser each time, and a long input keeps it minimising for a minute.
	// The seeds below have the catalogues' other forms.
	for _, c := range embeddedCatalogues {
		f.Add(bytes.Join(bytes.SplitAfter(c.data, []byte("\n"))[:8], nil))
	}
	for _, s := range []string{
		"a: {nl: \"x\", en: \"y\"}\n",
		`a: {nl: "met \"x\" \\ y", en: "tab\there\n"}` + "\n",
		"\"k \\\"q\\\"\": {nl: \"x\", en: \"y\"}\ne one: {nl: \"x\", en: \"y\"}\n",
		"# c\n\nd:\n  nl: |\n    x\n\n      y\n\n  en: \"z\"\n\n# c\nz: {nl: \"1\", en: \"2\"}\n",
		"d:\n  en: |\n    x\n  nl: |\n    y\n",
		"c: {nl: 'enkel', en: plain}\n",
		"a: {nl: \"x\", en: \"y\"}\na: {nl: \"z\", en: \"w\"}\n",
	} {
		f.Add([]byte(s))
	}
	r := rand.New(rand.NewPCG(1, 15))
	for range 20 {
		f.Add([]byte(generatedCatalogue(r)))
	}
	f.Fuzz(compareWithParser)
}

// compareWithParser fails t when the quick reading of data and the YAML
// parser's both succeed but differ, when the scanner reads data alone (with
// every key once) and the parser refuses it, or when Catalogue's tables
// from the scanner are not the parser's.
func compareWithParser(t *testing.T, data []byte) {
	var parsed map[string]map[string]string
	perr := yaml.Unmarshal(data, &parsed)
	got, err := quickCatalogue(data)
	if err == nil && perr == nil && !sameTexts(got, parsed) {
		t.Fatalf("%q: quick %q, parser %q", data, got, parsed)
	}
	if _, ok := scannedCatalogue(data); !ok {
		return // Catalogue is the parser, as quickCatalogue is
	}
	if perr != nil {
		t.Fatalf("%q: the scanner reads it, the parser refuses it: %v", data, perr)
	}
	want, whole := byLanguage(parsed)
	tables, err := Catalogue("f.yaml", data)
	if !whole || err != nil || !sameTexts(tables, want) {
		t.Fatalf("%q: Catalogue %q (%v), parser %q", data, tables, err, want)
	}
}

// TestQuickCatalogue_Generated: catalogues built from the forms and from
// pieces YAML gives a meaning of their own (keys that are words of YAML,
// indicators in texts, blank lines with spaces, lines further in), then a
// few characters changed, read as the parser reads them.
func TestQuickCatalogue_Generated(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	scanned, blocks := 0, 0
	for range 2000 {
		data := generatedCatalogue(r)
		if _, ok := scannedCatalogue([]byte(data)); ok {
			scanned++
			if strings.Contains(data, "|\n") {
				blocks++
			}
		}
		compareWithParser(t, []byte(data))
	}
	// The generator must keep reaching the scanner's forms.
	if scanned < 400 || blocks < 150 {
		t.Errorf("%d of the generated catalogues read by the scanner, %d with a block", scanned, blocks)
	}
}

// generatedCatalogue is a catalogue of one to four entries, comments or
// blank lines, in every form the scanner reads, from keys, texts and block
// lines that mean something in YAML; then up to two characters inserted or
// removed, or the last line break.
func generatedCatalogue(r *rand.Rand) string {
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	key := func() string {
		if r.IntN(3) == 0 {
			return pick(`"a"`, `"b c"`, `""`, `"q\"x"`, `"t\tx"`, `"#x"`, `"x: y"`, `"- a"`, `"1"`, `"true"`, `"a\\"`, `"\n"`)
		}
		return pick("a", "b c", "x1", "true", "null", "yes", "no", "on", "y", "n", "a-b", "a.b", "a_b", "Null", "NULL",
			"nan", "inf", "e", "nl", "en", "a -", "a --b", "ab.", "a. b", "z 1", "a b c", "True", "tRUE", "key x")
	}
	text := func() string {
		var b strings.Builder
		for range r.IntN(4) {
			b.WriteString(pick("", "x", "een twee", `\n`, `\t`, `\"`, `\\`, "# h", "a: b", "'", "{", "}", ",", "%s", "&a",
				"*a", "!x", "- ", "[", "]", "é", "↑", " ", "  ", "|", ">", "?", "@", "`", "x #y", `\\n`))
		}
		return b.String()
	}
	var b strings.Builder
	for range 1 + r.IntN(4) {
		switch r.IntN(6) {
		case 0:
			b.WriteString(pick("# c\n", "\n", "#\n", "# x: {nl: \"a\", en: \"b\"}\n"))
		case 1, 2:
			b.WriteString(key() + `: {nl: "` + text() + `", en: "` + text() + "\"}\n")
		default:
			b.WriteString(key() + ":\n")
			entry := strings.Repeat(" ", 1+r.IntN(3))
			langs := []string{"nl", "en"}
			if r.IntN(2) == 0 {
				langs[0], langs[1] = "en", "nl"
			}
			for _, lang := range langs {
				if r.IntN(2) == 0 {
					b.WriteString(entry + lang + `: "` + text() + "\"\n")
					continue
				}
				b.WriteString(entry + lang + ": |\n")
				block := len(entry) + 1 + r.IntN(3)
				for range 1 + r.IntN(4) {
					line := pick("x", "een twee", "# hash", "a: b", "- item", `"q"`, "'s'", `\n`, "{a}", "[b]", "&a", "*a",
						"!t", "%d", "|", ">", "é ↑", "x #y", "---", "...", `key: {nl: "x", en: "y"}`, " lead", "trail ", "?", "@")
					switch r.IntN(5) {
					case 0:
						b.WriteString(strings.Repeat(" ", r.IntN(block+3)) + "\n")
					case 1:
						b.WriteString(strings.Repeat(" ", block+1+r.IntN(3)) + line + "\n")
					default:
						b.WriteString(strings.Repeat(" ", block) + line + "\n")
					}
				}
			}
		}
	}
	s := b.String()
	for range r.IntN(3) {
		if s == "" {
			break
		}
		i := r.IntN(len(s))
		switch r.IntN(5) {
		case 0:
			s = s[:i] + s[i+1:]
		case 1:
			s = strings.TrimSuffix(s, "\n")
		default:
			s = s[:i] + pick(" ", "\n", "#", ":", `"`, `\`, "-", "|", "{", "}", "&", "*") + s[i:]
		}
	}
	return s
}
