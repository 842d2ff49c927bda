package tui_test

import (
	"testing"

	"github.com/maturity-nl/maturity/internal/tui"
)

// TestPrintable: every control character, every character that reorders
// text and every byte that is not UTF-8 shows as U+FFFD; other text, in
// any script, stays as it is.
func TestPrintable(t *testing.T) {
	for _, c := range []struct{ in, line, text string }{
		{"Burgerzaken", "Burgerzaken", "Burgerzaken"},
		{"Wijk Noord — 's-Hertogenbosch, één 😀 日本 مرحبا", "Wijk Noord — 's-Hertogenbosch, één 😀 日本 مرحبا", "Wijk Noord — 's-Hertogenbosch, één 😀 日本 مرحبا"},
		{"Burger\x1b]0;pwned\x07zaken\x1b[2J", "Burger�]0;pwned�zaken�[2J", "Burger�]0;pwned�zaken�[2J"},
		{"a\u009b31mb\x7fc", "a�31mb�c", "a�31mb�c"},
		{"ab\u202edc\u2066x\u2069", "ab�dc�x�", "ab�dc�x�"},
		{"not \xffUTF-8\xc3", "not �UTF-8�", "not �UTF-8�"},
		{"regel 1\r\nregel 2\ttab\rterug", "regel 1��regel 2�tab�terug", "regel 1\nregel 2 tab�terug"},
		{"\x00", "�", "�"},
	} {
		if got := tui.Printable(c.in); got != c.line {
			t.Errorf("Printable(%q) = %q; want %q", c.in, got, c.line)
		}
		if got := tui.PrintableText(c.in); got != c.text {
			t.Errorf("PrintableText(%q) = %q; want %q", c.in, got, c.text)
		}
	}
}
