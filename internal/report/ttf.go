package report

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/gofont/gomediumitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// The PDF's fonts are the Go fonts, embedded as subsets: only the glyphs
// a document shows. This file reads a TrueType font as far as the PDF
// needs it — the glyph of each character, the advance widths, the metrics
// of the font descriptor — and writes the subset. The glyphs keep their
// numbers, so that widths and the mapping from codes to glyphs need no
// renumbering; the glyphs a document does not show are empty.

// face is one TrueType font, read once and never changed after.
type face struct {
	// name is the PostScript name, for the font's /BaseFont.
	name   string
	tables map[string][]byte
	// glyph is the glyph of each character of the Basic Multilingual
	// Plane, 0 (.notdef) where the font has none.
	glyph *[1 << 16]uint16
	// widths are the advance widths per glyph in 1/1000 of the font's
	// size, as the PDF's /W array states them.
	widths []int
	// loca are the offsets of the glyphs in the glyf table, one more than
	// there are glyphs.
	loca []int
	// The font descriptor's values, in 1/1000 of the font's size.
	ascent, descent, capHeight, stemV, italicAngle int
	bbox                                           [4]int
	italic                                         bool
}

// The embedded faces, each read once, when a document first uses it.
var (
	faceRegular      = sync.OnceValue(func() *face { return mustFace(goregular.TTF) })
	faceBold         = sync.OnceValue(func() *face { return mustFace(gobold.TTF) })
	faceItalic       = sync.OnceValue(func() *face { return mustFace(goitalic.TTF) })
	faceMedium       = sync.OnceValue(func() *face { return mustFace(gomedium.TTF) })
	faceMediumItalic = sync.OnceValue(func() *face { return mustFace(gomediumitalic.TTF) })
)

// mustFace reads an embedded font, which the tests keep readable: a
// broken one is a defect of the build, not of any input.
func mustFace(ttf []byte) *face {
	f, err := readFace(ttf)
	if err != nil {
		panic(err)
	}
	return f
}

var errFont = errors.New("report: the font is not a TrueType font the PDF can embed")

// readFace reads what the PDF needs of a TrueType font.
func readFace(ttf []byte) (*face, error) {
	if len(ttf) < 12 {
		return nil, errFont
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	if len(ttf) < 12+16*n {
		return nil, errFont
	}
	f := &face{tables: map[string][]byte{}}
	for i := range n {
		e := ttf[12+16*i:]
		off, length := int(binary.BigEndian.Uint32(e[8:])), int(binary.BigEndian.Uint32(e[12:]))
		if off < 0 || length < 0 || off > len(ttf) || length > len(ttf)-off {
			return nil, errFont
		}
		f.tables[string(e[:4])] = ttf[off : off+length]
	}
	head, hhea, maxp, hmtx := f.tables["head"], f.tables["hhea"], f.tables["maxp"], f.tables["hmtx"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || f.tables["glyf"] == nil || f.tables["loca"] == nil {
		return nil, errFont
	}
	u16 := func(b []byte, at int) int { return int(binary.BigEndian.Uint16(b[at:])) }
	i16 := func(b []byte, at int) int { return int(int16(binary.BigEndian.Uint16(b[at:]))) }
	unitsPerEm := u16(head, 18)
	if unitsPerEm == 0 {
		return nil, errFont
	}
	// Widths and metrics in 1/1000 em, rounded as gofpdf rounded them, so
	// that text is measured as it was.
	scale := func(v int) int { return int(math.Round(float64(v) * 1000 / float64(unitsPerEm))) }
	f.bbox = [4]int{scale(i16(head, 36)), scale(i16(head, 38)), scale(i16(head, 40)), scale(i16(head, 42))}
	f.ascent, f.descent = scale(i16(hhea, 4)), scale(i16(hhea, 6))
	f.capHeight = f.ascent
	weight := 400
	if os2 := f.tables["OS/2"]; len(os2) >= 90 && u16(os2, 0) >= 2 {
		f.capHeight = scale(i16(os2, 88))
		weight = u16(os2, 4)
	}
	f.stemV = 50 + int(math.Pow(float64(weight)/65, 2))
	if post := f.tables["post"]; len(post) >= 8 {
		f.italicAngle = int(math.Round(float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536))
	}
	f.italic = u16(head, 44)&2 != 0

	glyphs := u16(maxp, 4)
	metrics := u16(hhea, 34)
	if metrics == 0 || metrics > glyphs || len(hmtx) < 4*metrics {
		return nil, errFont
	}
	f.widths = make([]int, glyphs)
	for g := range glyphs {
		f.widths[g] = scale(u16(hmtx, 4*min(g, metrics-1)))
	}

	loca := f.tables["loca"]
	long := i16(head, 50) == 1
	f.loca = make([]int, glyphs+1)
	for g := range glyphs + 1 {
		switch {
		case long && len(loca) >= 4*(g+1):
			f.loca[g] = int(binary.BigEndian.Uint32(loca[4*g:]))
		case !long && len(loca) >= 2*(g+1):
			f.loca[g] = 2 * u16(loca, 2*g)
		default:
			return nil, errFont
		}
		if f.loca[g] > len(f.tables["glyf"]) || (g > 0 && f.loca[g] < f.loca[g-1]) {
			return nil, errFont
		}
	}

	var err error
	if f.glyph, err = readCmap(f.tables["cmap"], glyphs); err != nil {
		return nil, err
	}
	// The Go fonts draw the hyphen-minus as a minus sign, wider than an
	// en dash, so that "data- of" reads as "data– of". The soft hyphen's
	// glyph is a hyphen: text shows that one (its code still means the
	// hyphen-minus to a reader). A minus sign is U+2212, which keeps its
	// own glyph.
	if hyphen := f.glyph[0x00AD]; hyphen != 0 {
		f.glyph['-'] = hyphen
	}
	sf, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, err
	}
	if f.name, err = sf.Name(nil, sfnt.NameIDPostScript); err != nil || f.name == "" {
		return nil, errFont
	}
	return f, nil
}

// readCmap reads the font's Unicode character map of the Basic
// Multilingual Plane (format 4, Windows or Unicode platform).
func readCmap(cmap []byte, glyphs int) (*[1 << 16]uint16, error) {
	if len(cmap) < 4 {
		return nil, errFont
	}
	u16 := func(b []byte, at int) int { return int(binary.BigEndian.Uint16(b[at:])) }
	var sub []byte
	for i := range u16(cmap, 2) {
		rec := 4 + 8*i
		if len(cmap) < rec+8 {
			return nil, errFont
		}
		platform, encoding, off := u16(cmap, rec), u16(cmap, rec+2), int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if off+4 > len(cmap) || u16(cmap, off) != 4 || !(platform == 3 && encoding == 1 || platform == 0) {
			continue
		}
		if length := u16(cmap, off+2); off+length <= len(cmap) {
			sub = cmap[off : off+length]
			break
		}
	}
	if len(sub) < 14 {
		return nil, errFont
	}
	segs := u16(sub, 6) / 2
	if len(sub) < 16+8*segs {
		return nil, errFont
	}
	ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
	var out [1 << 16]uint16
	for s := range segs {
		end, start, delta, ro := u16(sub, ends+2*s), u16(sub, starts+2*s), u16(sub, deltas+2*s), u16(sub, ranges+2*s)
		for c := start; c <= end && c < 0xFFFF; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				at := ranges + 2*s + ro + 2*(c-start)
				if at+2 > len(sub) {
					return nil, errFont
				}
				if g = u16(sub, at); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g < glyphs {
				out[c] = uint16(g)
			}
		}
	}
	return &out, nil
}

// components are the glyphs a composite glyph is made of; none for a
// simple one.
func (f *face) components(g int) []int {
	glyf := f.tables["glyf"]
	data := glyf[f.loca[g]:f.loca[g+1]]
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil
	}
	var out []int
	for at := 10; at+4 <= len(data); {
		flags, gid := binary.BigEndian.Uint16(data[at:]), int(binary.BigEndian.Uint16(data[at+2:]))
		out = append(out, gid)
		at += 4
		if flags&0x0001 != 0 { // arguments are words
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&0x0008 != 0: // one scale
			at += 2
		case flags&0x0040 != 0: // x and y scale
			at += 4
		case flags&0x0080 != 0: // two by two
			at += 8
		}
		if flags&0x0020 == 0 { // no more components
			break
		}
	}
	return out
}

// subset is the font with only the given glyphs (and .notdef, and the
// glyphs those are made of), and the subset's tag: six capital letters
// that name this subset of this font (ISO 32000-1, 9.6.4).
func (f *face) subset(glyphs []int) ([]byte, string) {
	keep := make([]bool, len(f.widths))
	todo := append([]int{0}, glyphs...)
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if g < 0 || g >= len(keep) || keep[g] {
			continue
		}
		keep[g] = true
		todo = append(todo, f.components(g)...)
	}
	src := f.tables["glyf"]
	var glyf []byte
	loca := make([]byte, 4*(len(keep)+1))
	tag := sha256.New()
	tag.Write([]byte(f.name))
	for g, k := range keep {
		binary.BigEndian.PutUint32(loca[4*g:], uint32(len(glyf)))
		if k {
			fmt.Fprintf(tag, "%d,", g)
			glyf = append(glyf, src[f.loca[g]:f.loca[g+1]]...)
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
		}
	}
	binary.BigEndian.PutUint32(loca[4*len(keep):], uint32(len(glyf)))
	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long offsets in loca

	tables := map[string][]byte{"glyf": glyf, "loca": loca, "head": head}
	// The glyph names are not needed: a version 3 post table has none.
	if post := f.tables["post"]; len(post) >= 32 {
		post = append([]byte(nil), post[:32]...)
		binary.BigEndian.PutUint32(post, 0x00030000)
		tables["post"] = post
	}
	for _, t := range []string{"OS/2", "cmap", "cvt ", "fpgm", "hhea", "hmtx", "maxp", "prep"} {
		if b, ok := f.tables[t]; ok {
			tables[t] = b
		}
	}
	font := writeSfnt(tables)
	at := bytesIndexTable(font, "head")
	binary.BigEndian.PutUint32(font[at+8:], 0xB1B0AFBA-checksum(font))

	sum := tag.Sum(nil)
	name := make([]byte, 6)
	for i := range name {
		name[i] = 'A' + sum[i]%26
	}
	return font, string(name)
}

// writeSfnt writes tables as a TrueType font file: the table directory,
// sorted by tag, then each table on a four-byte boundary.
func writeSfnt(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	entry := 1
	for entry*2 <= n {
		entry *= 2
	}
	shift := 0
	for 1<<shift < entry {
		shift++
	}
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(entry*16))
	binary.BigEndian.PutUint16(out[8:], uint16(shift))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-entry*16))
	for i, t := range tags {
		b := tables[t]
		e := out[12+16*i:]
		copy(e, t)
		binary.BigEndian.PutUint32(e[4:], checksum(b))
		binary.BigEndian.PutUint32(e[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(e[12:], uint32(len(b)))
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

// bytesIndexTable is where the table with the given tag starts in a font
// written by writeSfnt.
func bytesIndexTable(font []byte, tag string) int {
	n := int(binary.BigEndian.Uint16(font[4:]))
	for i := range n {
		e := font[12+16*i:]
		if string(e[:4]) == tag {
			return int(binary.BigEndian.Uint32(e[8:]))
		}
	}
	return 0
}

// checksum is a TrueType table checksum: the sum of its big-endian
// 32-bit words, the last one padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
