package report

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
)

// The report writes its text itself, in the embedded Go fonts, and leaves
// gofpdf the page, the paths, the images and the outline. Each face a
// document uses is embedded once, as a subset (ttf.go), with a code (CID)
// per character in the order the characters first appear, so that a copy
// of the text or a screen reader gets every character back exactly
// (ToUnicode), and the widths that measured the text are the widths the
// viewer uses (/W).

// pageAlias stands in a running footer for the number of pages, which is
// known when the document is finished.
const pageAlias = "{nb}"

// typeset is the text state of one document.
type typeset struct {
	// medium says the style's regular text is Go Medium.
	medium bool
	uses   map[string]*faceUse // by style: "", "B", "I"
	// order are the uses in the order they began: their resource names.
	order []*faceUse
	cur   *faceUse
	// size is the font size in points; colour the text's fill operator.
	size   float64
	colour string
	// header and footer say a running header or footer is being drawn:
	// a cell there never starts a new page, and in the footer pageAlias
	// is the number of pages.
	header, footer bool
}

// faceUse is one face in one document: the characters written in it.
type faceUse struct {
	face *face
	res  string // the resource name: F1, F2, …
	// cid is each character's code, 0 for one not written yet.
	cid *[1 << 16]uint16
	// runes are the characters by code minus one.
	runes []rune
	// aliased says the face wrote pageAlias.
	aliased bool
}

func newTypeset(style Style) *typeset {
	return &typeset{medium: style.Font == "medium", uses: map[string]*faceUse{}, colour: "0.000 0.000 0.000 rg"}
}

// use is the face of a style ("", "B", "I"), begun at its first use.
func (ts *typeset) use(style string) *faceUse {
	if u, ok := ts.uses[style]; ok {
		return u
	}
	var f *face
	switch {
	case style == "B":
		f = faceBold()
	case style == "I" && ts.medium:
		f = faceMediumItalic()
	case style == "I":
		f = faceItalic()
	case ts.medium:
		f = faceMedium()
	default:
		f = faceRegular()
	}
	u := &faceUse{face: f, res: "F" + strconv.Itoa(len(ts.order)+1), cid: new([1 << 16]uint16)}
	ts.uses[style] = u
	ts.order = append(ts.order, u)
	return u
}

// units is the width of s in 1/1000 of the font size.
func (u *faceUse) units(s string) int {
	w := 0
	for _, r := range s {
		w += u.width(r)
	}
	return w
}

// width is the width of r in 1/1000 of the font size; a character the
// face lacks is as wide as its .notdef glyph.
func (u *faceUse) width(r rune) int {
	g := 0
	if r >= 0 && r < 1<<16 {
		g = int(u.face.glyph[r])
	}
	return u.face.widths[g]
}

// code is s as a PDF string of the face's codes, two bytes each, each
// character given its code at its first use.
func (u *faceUse) code(s string) string {
	b := make([]byte, 0, 2+2*len(s))
	b = append(b, '(')
	for _, r := range s {
		if r < 0 || r >= 1<<16 { // never after pdfText
			r = Replacement
		}
		c := u.cid[r]
		if c == 0 {
			c = uint16(len(u.runes) + 1)
			u.cid[r] = c
			u.runes = append(u.runes, r)
		}
		b = appendStringByte(appendStringByte(b, byte(c>>8)), byte(c))
	}
	return string(append(b, ')'))
}

// appendStringByte appends c to a PDF literal string, escaped where it
// would end the string or be read as another byte.
func appendStringByte(b []byte, c byte) []byte {
	switch c {
	case '(', ')', '\\':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, c)
}

// aliasMark is where the face's pageAlias stands in the page content.
func (u *faceUse) aliasMark() string { return "(" + pageAlias + u.res + ")" }

// font sets the face and size of the text that follows.
func (p *pdf) font(style string, size float64) {
	p.ts.cur = p.ts.use(style)
	p.ts.size = size
}

// SetTextColor sets the colour of the text that follows; see gofpdf.
func (p *pdf) SetTextColor(r, g, b int) {
	var op []byte
	for _, c := range [3]int{r, g, b} {
		op = append(strconv.AppendFloat(op, float64(c)/255, 'f', 3, 64), ' ')
	}
	p.ts.colour = string(append(op, "rg"...))
}

// GetFontSize is the font size in points and in millimetres; see gofpdf.
func (p *pdf) GetFontSize() (float64, float64) {
	return p.ts.size, p.ts.size / p.GetConversionRatio()
}

// GetStringWidth is the width of s as it will be written, in
// millimetres; see gofpdf.
func (p *pdf) GetStringWidth(s string) float64 {
	s, _ = pdfText(s)
	return p.unitWidth(p.textUnits(s))
}

// textUnits is the width of s in 1/1000 of the font size, the page alias
// counted as the current page's number.
func (p *pdf) textUnits(s string) int {
	u := p.ts.current()
	if p.ts.footer && strings.Contains(s, pageAlias) {
		s = strings.ReplaceAll(s, pageAlias, strconv.Itoa(p.PageNo()))
	}
	return u.units(s)
}

// unitWidth is a width in 1/1000 of the font size in millimetres.
func (p *pdf) unitWidth(units int) float64 {
	_, size := p.GetFontSize()
	return float64(units) * size / 1000
}

// current is the face in use, regular when none was chosen.
func (ts *typeset) current() *faceUse {
	if ts.cur == nil {
		ts.cur = ts.use("")
	}
	return ts.cur
}

// cell writes txt in a cell w wide and h high at the current position,
// aligned "L", "C" or "R", as gofpdf's CellFormat without border, fill or
// link did: it starts a new page when the cell does not fit (outside the
// running header and footer), and moves to the next line (ln 1) or to the
// right of the cell (ln 0).
func (p *pdf) cell(w, h float64, txt string, ln int, align string) {
	if p.Err() {
		return
	}
	txt = p.shown(txt)
	k := p.GetConversionRatio()
	_, pageHeight := p.GetPageSize()
	if auto, margin := p.GetAutoPageBreak(); auto && !p.ts.footer && !p.ts.header && p.GetY()+h > pageHeight-margin {
		x := p.GetX()
		p.AddPage()
		p.SetX(x)
	}
	x, y := p.GetXY()
	if w == 0 {
		_, _, right, _ := p.GetMargins()
		pageWidth, _ := p.GetPageSize()
		w = pageWidth - right - x
	}
	if txt != "" {
		_, size := p.GetFontSize()
		var dx float64
		switch align {
		case "R":
			dx = w - p.GetCellMargin() - p.unitWidth(p.textUnits(txt))
		case "C":
			dx = (w - p.unitWidth(p.textUnits(txt))) / 2
		default:
			dx = p.GetCellMargin()
		}
		baseline := y + .5*h + .3*size
		p.extendText(x+dx, baseline, txt)
		p.show((x+dx)*k, (pageHeight-baseline)*k, txt)
	}
	if ln > 0 {
		left, _, _, _ := p.GetMargins()
		if ln == 1 {
			x = left
		}
		p.SetXY(x, y+h)
		return
	}
	p.SetXY(x+w, y)
}

// Text writes txt with its baseline's start at x, y (millimetres); see
// gofpdf.
func (p *pdf) Text(x, y float64, txt string) {
	if p.Err() {
		return
	}
	k := p.GetConversionRatio()
	_, pageHeight := p.GetPageSize()
	txt = p.shown(txt)
	p.extendText(x, y, txt)
	p.show(x*k, (pageHeight-y)*k, txt)
}

// extendText adds txt, set from x on the baseline y (millimetres), to
// the area of the figure being drawn: from the face's ascent above the
// baseline to its descent below.
func (p *pdf) extendText(x, baseline float64, txt string) {
	if p.box == nil {
		return
	}
	_, size := p.GetFontSize()
	f := p.ts.current().face
	p.extend(x, baseline-float64(f.ascent)*size/1000, x+p.unitWidth(p.textUnits(txt)), baseline-float64(f.descent)*size/1000)
}

// show writes the text object of txt at x, y in points from the page's
// bottom left.
func (p *pdf) show(x, y float64, txt string) {
	u := p.ts.current()
	b := make([]byte, 0, 64+2*len(txt))
	b = append(b, "q "...)
	b = append(b, p.ts.colour...)
	b = append(b, " BT /"...)
	b = append(b, u.res...)
	b = append(strconv.AppendFloat(append(b, ' '), p.ts.size, 'f', 2, 64), " Tf "...)
	b = append(strconv.AppendFloat(b, x, 'f', 2, 64), ' ')
	b = append(strconv.AppendFloat(b, y, 'f', 2, 64), " Td "...)
	if p.ts.footer && strings.Contains(txt, pageAlias) {
		u.aliased = true
		b = append(b, '[')
		for i, part := range strings.Split(txt, pageAlias) {
			if i > 0 {
				b = append(b, u.aliasMark()...)
			}
			b = append(b, u.code(part)...)
		}
		b = append(b, "] TJ"...)
	} else {
		b = append(append(b, u.code(txt)...), " Tj"...)
	}
	p.RawWriteStr(string(append(b, " ET Q"...)))
}

// pageCount is the page alias of each face that wrote it, as it stands in
// the page content, and the number of pages in that face's codes.
func (ts *typeset) pageCount(pages int) map[string]string {
	out := map[string]string{}
	for _, u := range ts.order {
		if u.aliased {
			out[u.aliasMark()] = u.code(strconv.Itoa(pages))
		}
	}
	return out
}

// fontPlan is the fonts a finished document holds: per face used, its
// first object number (six objects each: the font, its descendant, the
// descriptor, the font program, the ToUnicode map and the CIDToGIDMap).
type fontPlan struct {
	uses  []*faceUse
	first []int
}

// plan numbers the fonts' objects from *next on. Call it after pageCount,
// which may add the digits of the page count.
func (ts *typeset) plan(next *int) fontPlan {
	var fp fontPlan
	for _, u := range ts.order {
		if len(u.runes) == 0 {
			continue
		}
		fp.uses = append(fp.uses, u)
		fp.first = append(fp.first, *next)
		*next += 6
	}
	return fp
}

// resources are the entries of the pages' /Font resources.
func (fp fontPlan) resources() string {
	var b strings.Builder
	for i, u := range fp.uses {
		fmt.Fprintf(&b, "/%s %d 0 R\n", u.res, fp.first[i])
	}
	return b.String()
}

// write writes the fonts' objects, each as write(number, dictionary,
// stream), a stream given uncompressed (nil for none).
func (fp fontPlan) write(write func(num int, dict string, stream []byte) error) error {
	for i, u := range fp.uses {
		font := fp.first[i]
		descendant, descriptor, file, toUnicode, cidToGID := font+1, font+2, font+3, font+4, font+5
		glyphs := make([]int, len(u.runes))
		for i, r := range u.runes {
			glyphs[i] = int(u.face.glyph[r])
		}
		program, tag := u.face.subset(glyphs)
		name := tag + "+" + u.face.name
		var widths strings.Builder
		for i, r := range u.runes {
			if i > 0 {
				widths.WriteByte(' ')
			}
			widths.WriteString(strconv.Itoa(u.width(r)))
		}
		flags := 32 // nonsymbolic
		if u.face.italic {
			flags |= 64
		}
		b := u.face.bbox
		gids := make([]byte, 2*(len(u.runes)+1))
		for i, g := range glyphs {
			gids[2*i+2], gids[2*i+3] = byte(g>>8), byte(g)
		}
		for _, o := range []struct {
			num    int
			dict   string
			stream []byte
		}{
			{font, fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R", name, descendant, toUnicode), nil},
			{descendant, fmt.Sprintf("<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /DW %d /W [1 [%s]] /CIDToGIDMap %d 0 R",
				name, descriptor, u.face.widths[0], widths.String(), cidToGID), nil},
			{descriptor, fmt.Sprintf("<</Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %d /Ascent %d /Descent %d /CapHeight %d /StemV %d /MissingWidth %d /FontFile2 %d 0 R",
				name, flags, b[0], b[1], b[2], b[3], u.face.italicAngle, u.face.ascent, u.face.descent, u.face.capHeight, u.face.stemV, u.face.widths[0], file), nil},
			{file, fmt.Sprintf("<</Length1 %d", len(program)), program},
			{toUnicode, "<<", toUnicodeCMap(u.runes)},
			{cidToGID, "<<", gids},
		} {
			if err := write(o.num, o.dict, o.stream); err != nil {
				return err
			}
		}
	}
	return nil
}

// toUnicodeCMap maps each code (its position in runes plus one) to its
// character.
func toUnicodeCMap(runes []rune) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	codes := make([]int, len(runes))
	for i := range codes {
		codes[i] = i + 1
	}
	sort.Ints(codes)
	for start := 0; start < len(codes); start += 100 {
		end := min(start+100, len(codes))
		fmt.Fprintf(&b, "%d beginbfchar\n", end-start)
		for _, c := range codes[start:end] {
			fmt.Fprintf(&b, "<%04X> <", c)
			for _, unit := range utf16.Encode([]rune{runes[c-1]}) {
				fmt.Fprintf(&b, "%04X", unit)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}
