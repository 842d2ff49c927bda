package report

import (
	"encoding/binary"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/gofont/gomediumitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

var embeddedFonts = map[string][]byte{"regular": goregular.TTF, "bold": gobold.TTF, "italic": goitalic.TTF, "medium": gomedium.TTF, "medium italic": gomediumitalic.TTF}

// TestFace_GlyphsAsSfnt: the character map read for the PDF gives every
// character of the Basic Multilingual Plane the glyph x/image's reader
// gives it, in all five fonts.
func TestFace_GlyphsAsSfnt(t *testing.T) {
	for name, ttf := range embeddedFonts {
		f := mustFace(ttf)
		sf, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatal(err)
		}
		var b sfnt.Buffer
		wrong := 0
		for r := rune(0); r < 1<<16; r++ {
			g, err := sf.GlyphIndex(&b, r)
			if err != nil {
				g = 0
			}
			if r == '-' { // drawn as a hyphen: the soft hyphen's glyph
				g, _ = sf.GlyphIndex(&b, 0x00AD)
			}
			if uint16(g) != f.glyph[r] && wrong < 5 {
				t.Errorf("%s: U+%04X is glyph %d, sfnt says %d", name, r, f.glyph[r], g)
				wrong++
			}
		}
	}
}

// TestFace_WidthsAsGofpdf: every character is exactly as wide as gofpdf
// measured it when it wrote the text, so that lines break where they did;
// but for the hyphen-minus, which is now drawn as a hyphen, as wide as the
// soft hyphen.
func TestFace_WidthsAsGofpdf(t *testing.T) {
	for name, ttf := range embeddedFonts {
		pdf := gofpdf.New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("f", "", ttf)
		pdf.SetFont("f", "", 10)
		u := &faceUse{face: mustFace(ttf)}
		for r := rune(0x20); r < 1<<16; r++ {
			if u.face.glyph[r] == 0 {
				continue
			}
			measured := string(r)
			if r == '-' {
				measured = "\u00AD"
			}
			if got, want := u.width(r), pdf.GetStringSymbolWidth(measured); got != want {
				t.Fatalf("%s: U+%04X is %d wide, gofpdf measured %d", name, r, got, want)
			}
		}
	}
}

// TestFace_Subset: the subset is a TrueType font whose glyphs keep their
// numbers: the glyphs asked for (and those they are made of) have their
// outlines, every other glyph is empty, and the checksums hold.
func TestFace_Subset(t *testing.T) {
	f := mustFace(goregular.TTF)
	orig, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	asked := []int{int(f.glyph['Z']), int(f.glyph['ë']), int(f.glyph['≥'])}
	font, tag := f.subset(asked)
	if !regexp.MustCompile(`^[A-Z]{6}$`).MatchString(tag) {
		t.Errorf("subset tag %q, want six capital letters", tag)
	}
	if again, tag2 := f.subset(asked); string(again) != string(font) || tag2 != tag {
		t.Error("the same glyphs gave another subset")
	}
	if _, tag3 := f.subset(asked[:2]); tag3 == tag {
		t.Error("other glyphs gave the same subset tag")
	}
	if sum := checksum(font); sum != 0xB1B0AFBA {
		t.Errorf("the whole font's checksum is %#x, want 0xB1B0AFBA", sum)
	}
	n := int(binary.BigEndian.Uint16(font[4:]))
	for i := range n {
		e := font[12+16*i:]
		off, length := binary.BigEndian.Uint32(e[8:]), binary.BigEndian.Uint32(e[12:])
		if string(e[:4]) != "head" && checksum(font[off:off+length]) != binary.BigEndian.Uint32(e[4:]) {
			t.Errorf("table %q: checksum does not hold", e[:4])
		}
	}
	sub, err := sfnt.Parse(font)
	if err != nil {
		t.Fatalf("the subset is not a font sfnt reads: %v", err)
	}
	if sub.NumGlyphs() != orig.NumGlyphs() {
		t.Errorf("subset has %d glyphs, want %d (numbers kept)", sub.NumGlyphs(), orig.NumGlyphs())
	}
	kept := map[int]bool{0: true}
	for _, g := range asked {
		kept[g] = true
	}
	var bo, bs sfnt.Buffer
	ppem := fixed.I(2048)
	for g := range orig.NumGlyphs() {
		want, err := orig.LoadGlyph(&bo, sfnt.GlyphIndex(g), ppem, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := sub.LoadGlyph(&bs, sfnt.GlyphIndex(g), ppem, nil)
		if err != nil {
			t.Fatalf("glyph %d: %v", g, err)
		}
		switch {
		case kept[g] && len(want) != len(got):
			t.Errorf("glyph %d kept with %d segments, want %d", g, len(got), len(want))
		case kept[g]:
			for i := range want {
				if want[i] != got[i] {
					t.Errorf("glyph %d: segment %d differs", g, i)
					break
				}
			}
		case len(got) != 0:
			t.Errorf("glyph %d not asked for, but has %d segments", g, len(got))
		}
	}
}

// TestTypeset_Codes: each character gets a code at its first use, the same
// code after, per face; the ToUnicode map gives each code its character.
func TestTypeset_Codes(t *testing.T) {
	ts := newTypeset(DefaultStyle())
	u := ts.use("")
	if got := u.code("abba"); got != "(\x00\x01\x00\x02\x00\x02\x00\x01)" {
		t.Errorf("code(abba) = %q", got)
	}
	if got := u.code("≥ a"); got != "(\x00\x03\x00\x04\x00\x01)" {
		t.Errorf("code(≥ a) = %q", got)
	}
	if b := ts.use("B"); b.res != "F2" || b.code("b") != "(\x00\x01)" {
		t.Errorf("bold is %s with b as %q, want F2 and its own codes", b.res, b.code("b"))
	}
	// Codes whose bytes would end the string or turn into another byte
	// are escaped: ( ) \ and a carriage return.
	for c, want := range map[uint16]string{0x28: `\(`, 0x29: `\)`, 0x5C: `\\`, 0x0D: `\r`, 0x2829: `\(\)`} {
		if got := string(appendStringByte(appendStringByte(nil, byte(c>>8)), byte(c))); c > 0xFF && got != want || c <= 0xFF && got != "\x00"+want {
			t.Errorf("code %#04x written %q", c, got)
		}
	}
	cmap := string(toUnicodeCMap(u.runes))
	for code, want := range map[int]string{1: "0061", 2: "0062", 3: "2265", 4: "0020"} {
		if line := "<" + strings.ToUpper(strconv.FormatInt(int64(0x10000+code), 16)[1:]) + "> <" + want + ">"; !strings.Contains(cmap, line) {
			t.Errorf("ToUnicode lacks %q:\n%s", line, cmap)
		}
	}
	if got := ts.pageCount(12); len(got) != 0 {
		t.Errorf("no footer wrote the page alias, yet pageCount is %v", got)
	}
	u.aliased = true
	if got := ts.pageCount(12); got["({nb}F1)"] != "(\x00\x05\x00\x06)" {
		t.Errorf("pageCount(12) = %q, want ({nb}F1) as the codes of 1 and 2", got)
	}
}

// TestFace_SubsetComposite: a composite glyph keeps the glyphs it is made
// of, whatever form its components take (the Go fonts have none, so the
// font here is made for the test).
func TestFace_SubsetComposite(t *testing.T) {
	simple := []byte{0, 1, 0, 0, 0, 0, 0, 10, 0, 10, 0, 0}
	// Glyph 1 is made of glyph 2 (word arguments, one scale) and glyph 3
	// (byte arguments, a two-by-two matrix).
	composite := []byte{0xFF, 0xFF, 0, 0, 0, 0, 0, 10, 0, 10,
		0x00, 0x29, 0, 2, 0, 1, 0, 1, 0x40, 0,
		0x00, 0x80, 0, 3, 1, 1, 0x40, 0, 0, 0, 0, 0, 0x40, 0}
	var glyf []byte
	loca := []int{0}
	for _, g := range [][]byte{simple, composite, simple, simple, simple} {
		glyf = append(glyf, g...)
		loca = append(loca, len(glyf))
	}
	f := &face{name: "Test", tables: map[string][]byte{"glyf": glyf, "head": make([]byte, 54)}, loca: loca, widths: make([]int, 5)}
	if got := f.components(1); len(got) != 2 || got[0] != 2 || got[1] != 3 {
		t.Fatalf("components(1) = %v, want [2 3]", got)
	}
	font, _ := f.subset([]int{1})
	at := bytesIndexTable(font, "loca")
	var lengths []int
	for g := range 5 {
		lengths = append(lengths, int(binary.BigEndian.Uint32(font[at+4*g+4:])-binary.BigEndian.Uint32(font[at+4*g:])))
	}
	if want := []int{12, 36, 12, 12, 0}; fmt.Sprint(lengths) != fmt.Sprint(want) {
		t.Errorf("glyph lengths in the subset %v, want %v (glyph 4 not asked for)", lengths, want)
	}
}
