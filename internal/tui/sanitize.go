package tui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable returns a text from the data — a department's name, a round's
// label, an alias, a note — as it may be shown on a terminal on one line:
// every control character (C0 and C1, DEL, line breaks and tabs, where
// terminal escape codes begin), every character that reorders text on the
// screen (those store.CheckName refuses in a new name) and every byte that
// is not UTF-8 becomes U+FFFD, so that the text
// shows that something was there and can never move the cursor, clear the
// screen or set the window's title. A text without them is returned as it
// is, without copying.
func Printable(s string) string { return printable(s, false) }

// PrintableText is Printable for a text of several lines, a note: line
// breaks stay, a tab becomes a space, and a CR LF is one line break.
func PrintableText(s string) string { return printable(s, true) }

func printable(s string, lines bool) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < 0x20 || b == 0x7f || b >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
		case lines && r == '\n':
			b.WriteByte('\n')
		case lines && r == '\r' && i < len(s) && s[i] == '\n':
			// The line feed that follows is written in its turn.
		case lines && r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
