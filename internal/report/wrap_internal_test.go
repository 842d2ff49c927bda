package report

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/gofont/gomediumitalic"
	"golang.org/x/image/font/gofont/goregular"
)

// testPDF is a document with the report's fonts, at size 10 unless set.
func testPDF() *pdf {
	f := newDocument(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), "t", "", DefaultStyle())
	p := &pdf{Fpdf: f, style: DefaultStyle(), ctx: context.Background(), ts: newTypeset(DefaultStyle())}
	f.AddPage()
	p.font("", 10)
	return p
}

// naiveLines is the line breaking the report had before it was made
// linear: every prefix measured anew. The linear one must break every
// text exactly as it did.
func naiveLines(p *pdf, s string, w float64) []string {
	width := func(s string) float64 { return p.GetStringWidth(s) }
	var out []string
	for _, para := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			for width(word) > w {
				cut := []rune(word)
				lo, hi := 1, len(cut)
				for lo < hi {
					mid := (lo + hi + 1) / 2
					if width(string(cut[:mid])) <= w {
						lo = mid
					} else {
						hi = mid - 1
					}
				}
				if line != "" {
					out, line = append(out, line), ""
				}
				out = append(out, string(cut[:lo]))
				word = string(cut[lo:])
			}
			switch {
			case line == "":
				line = word
			case width(line+" "+word) <= w:
				line += " " + word
			default:
				out, line = append(out, line), word
			}
		}
		out = append(out, line)
	}
	return out
}

// TestLines_AsBefore: the linear line breaking gives the very lines the
// quadratic one gave, for ordinary text, long words, accents and blank
// lines, in every width and style the report uses.
func TestLines_AsBefore(t *testing.T) {
	texts := []string{
		"Besloten: niveau 2, het maandrapport wordt niet besproken.",
		strings.Repeat("Groepsnotitie over één dimensie — met €, ë en é. ", 30),
		strings.Repeat("x", 3000),
		"kort " + strings.Repeat("WWWiii", 400) + " en nog wat woorden " + strings.Repeat("ab", 700),
		"eerste alinea\n\nderde alinea na een lege regel\n",
		"  spaties   voor en   na  ",
		"",
	}
	p := testPDF()
	for _, style := range []string{"", "B", "I"} {
		for _, size := range []float64{8.5, 10, 22} {
			p.font(style, size)
			for _, w := range []float64{7, 16, 38, contentW - 4, contentW} {
				for i, s := range texts {
					got, want := p.lines(s, w), naiveLines(p, s, w)
					if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
						t.Errorf("font %q %.1f, width %.0f, text %d: %d lines %.200q; want %d lines %.200q", style, size, w, i, len(got), got, len(want), want)
					}
				}
			}
		}
	}
}

// TestLines_LongWord: a word of a hundred thousand characters without a
// space is cut into pieces that each fit, each the longest that does.
func TestLines_LongWord(t *testing.T) {
	p := testPDF()
	word := strings.Repeat("abcdefghij", 10_000)
	lines := p.lines(word, 50)
	if got := strings.Join(lines, ""); got != word {
		t.Fatalf("the pieces do not make the word again (%d characters of %d)", len(got), len(word))
	}
	for i, l := range lines {
		if p.GetStringWidth(l) > 50 {
			t.Fatalf("piece %d is %.2f mm wide; the width is 50", i, p.GetStringWidth(l))
		}
		if i < len(lines)-1 && p.GetStringWidth(l+lines[i+1][:1]) <= 50 {
			t.Fatalf("piece %d %q could hold one more character", i, l)
		}
	}
	if len(lines) != 100_000/len(lines[0])+min(1, 100_000%len(lines[0])) {
		t.Errorf("%d pieces of %d characters for 100,000 characters", len(lines), len(lines[0]))
	}
}

// TestFitText: a text that fits is left as it is; one that does not is
// the longest start that fits with an ellipsis, as by bisection before.
func TestFitText(t *testing.T) {
	p := testPDF()
	p.font("", 8)
	for _, c := range []struct {
		in   string
		w    float64
		want string
	}{
		{"Burgerzaken", 87, "Burgerzaken"},
		{"Afdeling Dienstverlening en Burgerzaken", 30, "Afdeling Dienstverlen…"},
		{"Team 👍 Data en zo verder", 15, "Team \uFFFD…"},
		{"Team 👍 Data en zo verder", 20, "Team \uFFFD Dat…"},
		{strings.Repeat("x", 1_000_000), 10, "xxxxx…"},
		{"a b", 0, "…"},
	} {
		got := p.fitText(c.in, c.w)
		if got != c.want {
			t.Errorf("fitText(%.30q, %v) = %q; want %q", c.in, c.w, got, c.want)
		}
		if naive := naiveFit(p, c.in, c.w); got != naive {
			t.Errorf("fitText(%.30q, %v) = %q; bisection gave %q", c.in, c.w, got, naive)
		}
	}
}

// naiveFit is the shortening the report had before: the longest start
// that fits with an ellipsis, found by bisection, each try measured anew.
func naiveFit(p *pdf, s string, w float64) string {
	s, _ = pdfText(s)
	if p.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if p.GetStringWidth(string(r[:mid])+"…") <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRight(string(r[:lo]), " ") + "…"
}

// TestClip: lines past the limit are left out and the last line kept ends
// in an ellipsis.
func TestClip(t *testing.T) {
	p := testPDF()
	lines := p.lines(strings.Repeat("woord ", 200), 40)
	got := p.clip(lines, 3, 40)
	if len(got) != 3 || got[0] != lines[0] || got[1] != lines[1] || !strings.HasSuffix(got[2], "…") || p.GetStringWidth(got[2]) > 40 {
		t.Errorf("clip = %q", got)
	}
	if short := p.clip(lines[:2], 3, 40); len(short) != 2 || short[1] != lines[1] {
		t.Errorf("clip of 2 lines to 3 = %q; want them as they are", short)
	}
}

// TestPDFText: what the fonts lack becomes one mark per character cluster;
// everything they have stays as it is.
func TestPDFText(t *testing.T) {
	for _, c := range []struct {
		in, want string
		replaced bool
	}{
		{"Groepsnotitie — met €, ë, é, Ω en Ж", "Groepsnotitie — met €, ë, é, Ω en Ж", false},
		{"Team 👍 Data", "Team \uFFFD Data", true},
		{"Goed 👍🏽 gedaan", "Goed \uFFFD gedaan", true},                                                       // skin tone: one emoji
		{"ontwikkelaar 👩‍💻!", "ontwikkelaar \uFFFD!", true},                                                  // joined by ZWJ: one emoji
		{"vlag 🇳🇱 🇧🇪", "vlag \uFFFD \uFFFD", true},                                                           // two flags
		{"数据质量很好", "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD", true},                                             // Chinese
		{"مرحبا بالعالم", "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD", true}, // Arabic: 5 and 7 letters
		{"שלום", "\uFFFD\uFFFD\uFFFD\uFFFD", true},                                                           // Hebrew
		{"e\u0301 en A\u030A", "é en Å", false},                                                              // composed first
		{"q\u0307", "\uFFFD", true},                                                                          // a letter with a mark that has no composed form
		{"zero\u200Bwidth, \u202Ekeer\u202C om", "zerowidth, keer om", false},
		{"tab\there\r\nCR\rend", "tab here\nCR\nend", false},
		{"❤️ en ☺️", "\uFFFD en ☺", true}, // the variation selector of a character the fonts have goes
		{"bel\a en \x1b[31m", "bel\uFFFD en \uFFFD[31m", true},
		{"niet \xff UTF-8", "niet \uFFFD UTF-8", true},
		{"al \uFFFD vervangen", "al \uFFFD vervangen", false},
	} {
		got, replaced := pdfText(c.in)
		if got != c.want || replaced != c.replaced {
			t.Errorf("pdfText(%q) = %q, %v; want %q, %v", c.in, got, replaced, c.want, c.replaced)
		}
	}
}

// TestGlyphs_SameInEveryFont: the five embedded fonts have the same
// characters, so one set says what every style can show.
func TestGlyphs_SameInEveryFont(t *testing.T) {
	want := coverage(mustFace(goregular.TTF))
	n := 0
	for _, word := range want {
		for ; word != 0; word &= word - 1 {
			n++
		}
	}
	if n != 707 { // WGL4's 709 characters without U+0000 and U+000D
		t.Errorf("Go Regular has %d characters from U+0020 on; want 707", n)
	}
	for name, ttf := range map[string][]byte{"bold": gobold.TTF, "italic": goitalic.TTF, "medium": gomedium.TTF, "medium italic": gomediumitalic.TTF} {
		if *coverage(mustFace(ttf)) != *want {
			t.Errorf("Go %s has other characters than Go Regular", name)
		}
	}
	if !showable(Replacement) || !showable('…') || showable('数') {
		t.Error("the replacement mark and the ellipsis must be showable, Chinese not")
	}
}

// BenchmarkLines_LongWord breaks a note that is one word of n characters:
// the time per character stays the same as n grows.
func BenchmarkLines_LongWord(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		for _, c := range []struct{ name, char string }{{"latin", "x"}, {"cjk", "数"}} {
			s := strings.Repeat(c.char, n)
			b.Run(fmt.Sprintf("%s-%d", c.name, n), func(b *testing.B) {
				p := testPDF()
				for b.Loop() {
					p.lines(s, contentW-4)
				}
			})
		}
	}
}
