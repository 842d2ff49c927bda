package reports

import (
	"encoding/binary"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
)

// Languages are the languages every text of the catalogues exists in.
var Languages = []string{"nl", "en"}

// Catalogue reads a catalogue of fixed texts (key: {nl: …, en: …}) into one
// table per language. name is the file's name for the error. Every key must
// have a text in every language.
func Catalogue(name string, data []byte) (map[string]map[string]string, error) {
	// The YAML parser takes milliseconds per catalogue, at every start of a
	// command: it reads only what the scanner cannot.
	if tables, ok := scannedCatalogue(data); ok {
		return tables, nil
	}
	var byKey map[string]map[string]string
	if err := yaml.Unmarshal(data, &byKey); err != nil {
		return nil, fmt.Errorf("reports/%s: %w", name, err)
	}
	out := map[string]map[string]string{}
	for _, lang := range Languages {
		out[lang] = make(map[string]string, len(byKey))
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

// scannedCatalogue is Catalogue's tables for a catalogue written only in
// the forms scanCatalogue reads, or false: a catalogue in any other form,
// or with a key twice, is read whole by the YAML parser, so that its
// meaning and its error messages (which name the line) are the parser's
// own.
func scannedCatalogue(data []byte) (map[string]map[string]string, bool) {
	entries, ok := scanCatalogue(data)
	if !ok {
		return nil, false
	}
	nl, en := make(map[string]string, len(entries)), make(map[string]string, len(entries))
	for _, e := range entries {
		nl[e.key], en[e.key] = e.nl, e.en
	}
	if len(nl) != len(entries) {
		return nil, false // a key twice
	}
	return map[string]map[string]string{"nl": nl, "en": en}, true
}

// entry is one key of a catalogue with its texts in the two Languages.
type entry struct{ key, nl, en string }

// scanCatalogue reads a catalogue made only of these lines, and reports
// false for anything else, or anything it is not sure of, rather than
// guess:
//
//   - blank lines (empty) and comment lines (# in the first column);
//   - key: {nl: "…", en: "…"}, the key plain (words of letters, digits and
//     _.- separated by one space, the first a letter) or double-quoted;
//   - key: alone, then nl and en a few spaces in, each either "…" or |
//     followed by the lines of a literal block further in.
//
// A double-quoted text may hold the escapes \n \t \" and \\. Every entry
// has both texts; whether a key comes twice is for the caller to see.
func scanCatalogue(data []byte) ([]entry, bool) {
	if !plainCharacters(data) {
		return nil, false
	}
	lines := strings.Split(string(data), "\n")
	// A last line without its line break is one the scanner does not
	// take inside a block: the break is part of the text there.
	open := lines[len(lines)-1] != ""
	if !open {
		lines = lines[:len(lines)-1]
	}
	entries := make([]entry, 0, len(lines))
	for i := 0; i < len(lines); {
		line := lines[i]
		if line == "" || line[0] == '#' {
			i++
			continue
		}
		key, rest, ok := scanKey(line)
		if !ok {
			return nil, false
		}
		e := entry{key: key}
		if rest == ":" {
			e.nl, e.en, i, ok = scanEntryBelow(lines, i+1, open)
		} else {
			e.nl, e.en, ok = scanEntryInline(rest)
			i++
		}
		if !ok {
			return nil, false
		}
		entries = append(entries, e)
	}
	return entries, true
}

// plainCharacters reports whether s is valid UTF-8 without the characters
// YAML treats specially or whose handling the scanner would have to guess:
// control characters other than the line break (a tab, a carriage
// return), the byte order mark and the Unicode line and paragraph
// separators.
func plainCharacters(s []byte) bool {
	if !utf8.Valid(s) {
		return false
	}
	i := 0
	// Eight bytes at a time, past words of printable ASCII only: nearly
	// all of a catalogue. A word with a byte below 0x20 or from 0x7f up
	// (a line break, a letter such as é) is looked at byte by byte.
	for ; i+8 <= len(s); i += 8 {
		w := binary.LittleEndian.Uint64(s[i : i+8])
		const ones, highs = 0x0101010101010101, 0x8080808080808080
		if ((w-0x20*ones)|(w+ones)|w)&highs == 0 {
			continue
		}
		for j := i; j < i+8; j++ {
			if !plainByte(s, j) {
				return false
			}
		}
	}
	for ; i < len(s); i++ {
		if !plainByte(s, i) {
			return false
		}
	}
	return true
}

// plainByte reports whether s[i] is neither a control character other than
// the line break nor the start of one of the characters plainCharacters
// refuses. s is valid UTF-8, so a lead byte has its continuation bytes.
func plainByte(s []byte, i int) bool {
	switch c := s[i]; {
	case c < 0x20 && c != '\n', c == 0x7f:
		return false
	case c == 0xc2 && s[i+1] < 0xa0: // U+0080–U+009F
		return false
	case c == 0xe2 && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9): // U+2028, U+2029
		return false
	case c == 0xef && s[i+1] == 0xbb && s[i+2] == 0xbf: // U+FEFF
		return false
	}
	return true
}

// scanKey reads the key at the start of a line and returns what follows it.
func scanKey(line string) (key, rest string, ok bool) {
	if line[0] == '"' {
		return scanQuoted(line[1:])
	}
	return scanPlainKey(line)
}

// scanPlainKey reads a plain key: words of letters, digits and _.- with one
// space between them, the first starting with a letter so that the key is
// never a number, and not one of the words YAML reads as null or a
// boolean.
func scanPlainKey(line string) (key, rest string, ok bool) {
	if !isLetter(line[0]) {
		return "", "", false
	}
	i := 1
	for i < len(line) {
		if isKeyByte(line[i]) {
			i++
		} else if line[i] == ' ' && i+1 < len(line) && isKeyByte(line[i+1]) {
			i += 2
		} else {
			break
		}
	}
	key = line[:i]
	switch strings.ToLower(key) {
	case "null", "true", "false":
		return "", "", false
	}
	return key, line[i:], true
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isKeyByte(c byte) bool {
	return isLetter(c) || '0' <= c && c <= '9' || c == '_' || c == '.' || c == '-'
}

// scanQuoted reads a double-quoted text whose opening quote is just before
// s, up to its closing quote, and returns what follows. Of YAML's escapes
// it knows \n \t \" and \\; any other is not the scanner's to read.
func scanQuoted(s string) (text, rest string, ok bool) {
	end := strings.IndexByte(s, '"')
	if end < 0 {
		return "", "", false
	}
	if strings.IndexByte(s[:end], '\\') < 0 {
		return s[:end], s[end+1:], true
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			return b.String(), s[i+1:], true
		case '\\':
			if i+1 == len(s) {
				return "", "", false
			}
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case '"', '\\':
				b.WriteByte(s[i])
			default:
				return "", "", false
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", "", false
}

// scanEntryInline reads the texts of an entry on one line, rest being what
// follows the key: exactly `: {nl: "…", en: "…"}`.
func scanEntryInline(rest string) (nl, en string, ok bool) {
	rest, ok = strings.CutPrefix(rest, `: {nl: "`)
	if !ok {
		return "", "", false
	}
	nl, rest, ok = scanQuoted(rest)
	if !ok {
		return "", "", false
	}
	rest, ok = strings.CutPrefix(rest, `, en: "`)
	if !ok {
		return "", "", false
	}
	en, rest, ok = scanQuoted(rest)
	if !ok || rest != "}" {
		return "", "", false
	}
	return nl, en, true
}

// scanEntryBelow reads the texts of an entry whose key stands alone on the
// line before lines[i]: the lines `nl: …` and `en: …`, in either order, at
// one indentation. It returns the index of the line after the entry. open
// says that the last line has no line break.
func scanEntryBelow(lines []string, i int, open bool) (nl, en string, next int, ok bool) {
	if i == len(lines) {
		return "", "", 0, false
	}
	indent := leadingSpaces(lines[i])
	if indent == 0 {
		return "", "", 0, false
	}
	var haveNL, haveEN bool
	for !haveNL || !haveEN {
		if i == len(lines) || leadingSpaces(lines[i]) != indent {
			return "", "", 0, false
		}
		line := lines[i][indent:]
		if len(line) < 4 || line[2:4] != ": " {
			return "", "", 0, false
		}
		var text string
		switch value := line[4:]; {
		case value == "|":
			text, i, ok = scanLiteral(lines, i+1, indent, open)
		case value != "" && value[0] == '"':
			var rest string
			text, rest, ok = scanQuoted(value[1:])
			ok = ok && rest == ""
			i++
		default:
			ok = false
		}
		if !ok {
			return "", "", 0, false
		}
		switch line[:2] {
		case "nl":
			if haveNL {
				return "", "", 0, false
			}
			nl, haveNL = text, true
		case "en":
			if haveEN {
				return "", "", 0, false
			}
			en, haveEN = text, true
		default:
			return "", "", 0, false
		}
	}
	return nl, en, i, true
}

// scanLiteral reads a literal block scalar (|) whose first line is
// lines[i], in an entry at the given indentation, as YAML does: the
// block's indentation is its first line's and is removed from every line,
// lines further in keep their extra spaces, blank lines inside are kept
// and trailing ones dropped, and the text ends in one line break (clip
// chomping). It returns the index of the first line after the block.
func scanLiteral(lines []string, i, parent int, open bool) (string, int, bool) {
	if i == len(lines) {
		return "", 0, false
	}
	indent := leadingSpaces(lines[i])
	if indent <= parent || indent == len(lines[i]) {
		// The first line sets the indentation; a blank or an unindented
		// one would leave it to YAML's finer rules.
		return "", 0, false
	}
	var b strings.Builder
	blanks := 0
	for ; i < len(lines); i++ {
		line := lines[i]
		n := leadingSpaces(line)
		if n == len(line) {
			if n > indent {
				// Spaces beyond the indentation are text in YAML.
				return "", 0, false
			}
			blanks++
			continue
		}
		if n < indent {
			break
		}
		for ; blanks > 0; blanks-- {
			b.WriteByte('\n')
		}
		b.WriteString(line[indent:])
		b.WriteByte('\n')
	}
	if open && i == len(lines) {
		// The block reaches the last line, which has no line break: YAML
		// ends the text without one.
		return "", 0, false
	}
	return b.String(), i, true
}

func leadingSpaces(line string) int {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	return n
}
