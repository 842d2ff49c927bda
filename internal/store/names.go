package store

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on the texts the store keeps, whoever writes them: an import, the
// command line, the terminal screens or a workshop participant.
const (
	// MaxNameRunes bounds a department's name, a round's label and a
	// respondent's alias, in characters: enough for "Cluster
	// Maatschappelijke Ontwikkeling, afdeling Jeugd en Onderwijs, team
	// Leerplicht" twice over, short enough for a report's cover.
	MaxNameRunes = 200
	// MaxNoteRunes bounds a note, in characters: about 1,500 words of
	// evidence or discussion, a few pages of a report.
	MaxNoteRunes = 10_000
)

// CheckName says what is wrong with a name (a department's name, a round's
// label, a respondent's alias), or returns nil: it is at most MaxNameRunes
// characters of printable UTF-8 text, without control characters (an
// escape code in a name rewrites the screen of whoever lists it) and
// without the characters that reorder text on a screen. The error's text
// reads after the name of the field, as in "department: is 250 characters
// long (expected at most 200)".
func CheckName(name string) error {
	if !utf8.ValidString(name) {
		return fmt.Errorf("is not UTF-8 text")
	}
	if n := utf8.RuneCountInString(name); n > MaxNameRunes {
		return fmt.Errorf("is %d characters long (expected at most %d)", n, MaxNameRunes)
	}
	i := 0
	for _, r := range name {
		i++
		if r >= 0x20 && r < 0x7f {
			continue // printable ASCII, most of every name
		}
		if Unprintable(r) {
			return fmt.Errorf("contains the control character %U at character %d (expected printable text: no escape codes, tabs or line breaks)", r, i)
		}
	}
	return nil
}

// CheckNote says what is wrong with a note's text, or returns nil: at most
// MaxNoteRunes characters of UTF-8 text without NUL characters. Line breaks
// and tabs are a note's own; a terminal shows a note through a filter that
// drops the other control characters.
func CheckNote(text string) error {
	if !utf8.ValidString(text) {
		return fmt.Errorf("is not UTF-8 text")
	}
	if n := utf8.RuneCountInString(text); n > MaxNoteRunes {
		return fmt.Errorf("is %d characters long (expected at most %d)", n, MaxNoteRunes)
	}
	if strings.IndexByte(text, 0) >= 0 {
		return fmt.Errorf("contains a NUL character (expected text)")
	}
	return nil
}

// Unprintable reports whether r may not appear in a name: a control
// character (C0, DEL or C1, where terminal escape codes start) or a
// character that embeds, overrides or isolates the direction of text,
// with which a name can show as another one.
func Unprintable(r rune) bool {
	return unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// checkName is CheckName as the store's error; what says whose name it is
// ("a department's name").
func checkName(what, name string) error {
	if err := CheckName(name); err != nil {
		return errorf(EINVALID, "%s %s", what, err.Error())
	}
	return nil
}
