package report

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The PDF can show only what its embedded fonts hold: the Go fonts cover
// Latin, Greek and Cyrillic script and common signs (the WGL4 set, 709
// characters), not emoji, Chinese, Japanese, Korean, Arabic or Hebrew, and
// the PDF's text (text.go) neither shapes nor reorders right-to-left text.
// Every character cluster the fonts cannot show is written as one
// Replacement mark, which the fonts have, and the PDF ends with a sentence
// that says what the mark means (replacedNote). The HTML report shows every text as written.

// Replacement is the mark the PDF shows in place of a character its fonts
// cannot show: U+FFFD, the Unicode replacement character.
const Replacement = '\uFFFD'

// covered is the set of characters the embedded fonts have a glyph for, as
// a bitset over the Basic Multilingual Plane; all five embedded Go fonts
// hold the same set (TestGlyphs_SameInEveryFont).
var covered = sync.OnceValue(func() *[1 << 16 / 64]uint64 { return coverage(faceRegular()) })

// coverage is the set of characters from U+0020 on a face has a glyph for.
func coverage(f *face) *[1 << 16 / 64]uint64 {
	var set [1 << 16 / 64]uint64
	for r := 0x20; r < 1<<16; r++ {
		if f.glyph[r] != 0 {
			set[r/64] |= 1 << (r % 64)
		}
	}
	return &set
}

// showable says whether the PDF can show r as it is.
func showable(r rune) bool {
	if r < 0x20 || r >= 1<<16 || (r >= 0x7f && r < 0xa0) {
		return false
	}
	return covered()[r/64]&(1<<(r%64)) != 0
}

// pdfText returns s as the PDF writes it, and whether it replaced
// anything: composed (NFC, so that an e followed by a combining accent is
// the é the fonts have), tabs as spaces and every line break as "\n",
// invisible formatting characters (zero-width spaces and joiners outside
// an emoji, direction marks and overrides) dropped, and every character
// cluster — a character with its combining marks, an emoji sequence, a
// flag — that the fonts cannot show as one Replacement. It takes time in
// proportion to the length of s.
func pdfText(s string) (string, bool) {
	if plain(s) {
		return s, false
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	replaced := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\t':
			b.WriteByte(' ')
			i += size
			continue
		case r == '\r':
			if !strings.HasPrefix(s[i+size:], "\n") {
				b.WriteByte('\n')
			}
			i += size
			continue
		case r == '\n':
			b.WriteByte('\n')
			i += size
			continue
		case r == utf8.RuneError && size == 1: // a byte that is not UTF-8
			b.WriteRune(Replacement)
			replaced = true
			i += size
			continue
		}
		n := clusterLen(s[i:])
		cluster := s[i : i+n]
		i += n
		if shown, ok := showCluster(cluster); ok {
			b.WriteString(shown)
			continue
		}
		if n == size && invisible(r) {
			continue // shows nothing on its own: nothing is lost
		}
		b.WriteRune(Replacement)
		replaced = true
	}
	return b.String(), replaced
}

// plain says whether every character of s can be shown as it is (the
// common case, checked without allocating). A Replacement in s counts as
// not plain, so that bytes that are not UTF-8, which decode as one, are
// looked at.
func plain(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || (r != '\n' && !showable(r)) {
			return false
		}
	}
	return true
}

// showCluster is the cluster as the PDF writes it, if the fonts can show
// it: without variation selectors (text or emoji presentation) and without
// invisible formatting characters the fonts lack, such as a zero-width
// joiner after a letter.
func showCluster(c string) (string, bool) {
	out := c
	if strings.ContainsFunc(c, invisible) {
		out = strings.Map(func(r rune) rune {
			if invisible(r) {
				return -1
			}
			return r
		}, c)
	}
	if out == "" {
		return "", false
	}
	for _, r := range out {
		if !showable(r) {
			return "", false
		}
	}
	return out, true
}

// invisible says whether r is a formatting character that shows nothing
// and that the fonts lack: dropping it loses nothing a reader would see.
func invisible(r rune) bool {
	return isVariationSelector(r) || (unicode.Is(unicode.Cf, r) && !showable(r))
}

// clusterLen is the length in bytes of the character cluster that starts
// s: a character with the marks and modifiers that belong to it, an emoji
// sequence joined by zero-width joiners, or a flag (two regional
// indicators). It is a simplification of Unicode's grapheme clusters that
// suffices to replace each visible character by one mark.
func clusterLen(s string) int {
	r, n := utf8.DecodeRuneInString(s)
	if isRegionalIndicator(r) {
		if r2, n2 := utf8.DecodeRuneInString(s[n:]); isRegionalIndicator(r2) {
			return n + n2
		}
		return n
	}
	for n < len(s) {
		next, size := utf8.DecodeRuneInString(s[n:])
		switch {
		case next == 0x200D: // zero-width joiner: a pictograph after it joins
			n += size
			if after, size := utf8.DecodeRuneInString(s[n:]); pictograph(after) {
				n += size
			}
		case unicode.In(next, unicode.Mn, unicode.Me, unicode.Mc), isVariationSelector(next),
			next >= 0x1F3FB && next <= 0x1F3FF, // skin-tone modifiers
			next >= 0xE0020 && next <= 0xE007F: // tag characters (subdivision flags)
			n += size
		default:
			return n
		}
	}
	return n
}

// pictograph says whether r is an emoji-like symbol that a zero-width
// joiner joins to the one before it (👩‍💻).
func pictograph(r rune) bool {
	return r >= 0x1F000 || (r >= 0x2600 && r <= 0x27BF) || (r >= 0x2B00 && r <= 0x2BFF)
}

func isVariationSelector(r rune) bool {
	return (r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF)
}

func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// outlineText is s for the document's outline and properties, which a PDF
// viewer shows in its own fonts: only what gofpdf cannot encode there —
// characters beyond U+FFFF, such as emoji — becomes the Replacement.
func outlineText(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r > 0xFFFF || r < 0x20 }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r > 0xFFFF:
			return Replacement
		case r < 0x20:
			return ' '
		}
		return r
	}, s)
}
