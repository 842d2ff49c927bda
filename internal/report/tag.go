package report

import (
	"strconv"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// The PDF is a tagged PDF (PDF/UA-1): every piece of page content is
// either marked content tied to an element of a structure tree that
// mirrors the HTML report (headings, paragraphs, lists, tables, figures
// with their text alternative) or an artifact (running headers, footers,
// page numbers, decoration). The drawing helpers say what they draw —
// "heading 2", "paragraph", "table row", "figure with alt" — through the
// tagger below; it writes the BDC/EMC operators into gofpdf's page
// content and keeps the tree, which tagwrite.go adds to the finished
// document.

// Structure types (ISO 32000-1, 14.8.4) the reports use.
const (
	roleDocument = "Document"
	roleH1       = "H1"
	roleH2       = "H2"
	roleH3       = "H3"
	roleP        = "P"
	roleL        = "L"
	roleLI       = "LI"
	roleLbl      = "Lbl"
	roleLBody    = "LBody"
	roleTable    = "Table"
	roleTHead    = "THead"
	roleTBody    = "TBody"
	roleTR       = "TR"
	roleTH       = "TH"
	roleTD       = "TD"
	roleFigure   = "Figure"
)

// leafRoles hold page content themselves; every other role only holds
// elements.
var leafRoles = map[string]bool{roleH1: true, roleH2: true, roleH3: true, roleP: true, roleLbl: true, roleTH: true, roleTD: true, roleFigure: true}

// Scopes of a table header cell.
const (
	scopeColumn = "Column"
	scopeRow    = "Row"
)

// element is one node of the structure tree.
type element struct {
	role string
	// alt is a figure's text alternative; lang a language other than the
	// document's (BCP 47); scope a header cell's (scopeColumn, scopeRow).
	alt, lang, scope string
	// bbox is a figure's bounding box in points from the page's bottom
	// left (llx, lly, urx, ury), when it stands whole on one page.
	bbox *[4]float64
	kids []kid
	// num is the element's object number in the finished document.
	num int
}

// kid is a child element or, with el nil, a marked-content sequence: the
// MCID-th sequence on page (0-based).
type kid struct {
	el         *element
	page, mcid int
}

// tagger builds the structure tree while the document is drawn.
type tagger struct {
	f    *gofpdf.Fpdf
	root *element
	// stack are the open elements, the root first.
	stack []*element
	// open says a marked-content sequence of the top element is open on
	// the current page; resume that a page break closed it, so that it
	// reopens on the next page.
	open, resume bool
	// artifacts counts the open artifact sections (nested ones are one);
	// props are the outermost one's, held the count a page break closed.
	artifacts, held  int
	props, heldProps string
	// pages holds, per page, the element of each MCID: the parent tree.
	pages [][]*element
}

func newTagger(f *gofpdf.Fpdf) *tagger {
	root := &element{role: roleDocument}
	return &tagger{f: f, root: root, stack: []*element{root}}
}

func (t *tagger) top() *element { return t.stack[len(t.stack)-1] }

// begin opens element e as a child of the top element; a leaf starts
// its marked content at once.
func (t *tagger) begin(e *element) {
	t.closeSequence()
	// Inside an artifact (a table header repeated on a new page) the
	// element stays out of the tree.
	if t.artifacts == 0 {
		parent := t.top()
		parent.kids = append(parent.kids, kid{el: e})
	}
	t.stack = append(t.stack, e)
	if leafRoles[e.role] {
		t.openSequence()
	}
}

// end closes the top element.
func (t *tagger) end() {
	t.closeSequence()
	if len(t.stack) > 1 {
		t.stack = t.stack[:len(t.stack)-1]
	}
	if leafRoles[t.top().role] && t.top() != t.root {
		t.openSequence()
	}
}

// within draws fn as the content (or the children) of element e.
func (t *tagger) within(e *element, fn func()) {
	t.begin(e)
	fn()
	t.end()
}

func (t *tagger) openSequence() {
	if t.artifacts > 0 || t.f.PageNo() == 0 {
		return
	}
	page := t.f.PageNo() - 1
	for len(t.pages) <= page {
		t.pages = append(t.pages, nil)
	}
	e := t.top()
	mcid := len(t.pages[page])
	t.pages[page] = append(t.pages[page], e)
	e.kids = append(e.kids, kid{page: page, mcid: mcid})
	t.f.RawWriteStr("/" + e.role + " <</MCID " + strconv.Itoa(mcid) + ">> BDC")
	t.open = true
}

func (t *tagger) closeSequence() {
	if t.open {
		t.f.RawWriteStr("EMC")
		t.open = false
	}
}

// artifact draws fn as an artifact of the given properties ("" for a
// plain one, else e.g. "/Type /Pagination /Subtype /Header"): content
// that is not part of the text a reader hears.
func (t *tagger) artifact(props string, fn func()) {
	if t.artifacts > 0 {
		fn()
		return
	}
	wasOpen := t.open
	t.closeSequence()
	t.props = props
	t.beginArtifact()
	t.artifacts++
	fn()
	t.artifacts--
	t.f.RawWriteStr("EMC")
	t.props = ""
	if wasOpen {
		t.openSequence()
	}
}

func (t *tagger) beginArtifact() {
	if t.props == "" {
		t.f.RawWriteStr("/Artifact BMC")
	} else {
		t.f.RawWriteStr("/Artifact <<" + t.props + ">> BDC")
	}
}

// pageEnd is called before the footer of a page: the open sequence (or
// artifact) is closed on this page and reopened on the next.
func (t *tagger) pageEnd() {
	if t.open {
		t.closeSequence()
		t.resume = true
	}
	if t.artifacts > 0 {
		t.f.RawWriteStr("EMC")
		t.held, t.heldProps, t.artifacts = t.artifacts, t.props, 0
	}
}

// pageStart is called after the header of a new page.
func (t *tagger) pageStart() {
	if t.held > 0 {
		t.props = t.heldProps
		t.beginArtifact()
		t.artifacts, t.held = t.held, 0
	}
	if t.resume {
		t.resume = false
		t.openSequence()
	}
}

// The drawing helpers' words for the tagger.

// tagged draws fn as the content of an element of the given role.
func (p *pdf) tagged(role string, fn func()) { p.tags.within(&element{role: role}, fn) }

// taggedLang is tagged with a language of its own ("" for the document's).
func (p *pdf) taggedLang(role, lang string, fn func()) {
	p.tags.within(&element{role: role, lang: lang}, fn)
}

// headerCell draws fn as a table header cell of the given scope.
func (p *pdf) headerCell(scope string, fn func()) {
	p.tags.within(&element{role: roleTH, scope: scope}, fn)
}

// figure draws fn as a figure whose text alternative is alt, with the
// bounding box of what fn draws (ISO 32000-1, 14.8.5.4.3: required of a
// figure that stands whole on one page).
func (p *pdf) figure(alt string, fn func()) {
	e := &element{role: roleFigure, alt: alt}
	outer := p.box
	p.box = &extent{page: p.PageNo()}
	p.tags.within(e, fn)
	if b := p.box; b.drawn && !b.pages {
		k := p.GetConversionRatio()
		_, h := p.GetPageSize()
		e.bbox = &[4]float64{b.x0 * k, (h - b.y1) * k, b.x1 * k, (h - b.y0) * k}
	}
	p.box = outer
}

// extent is the area a figure draws on, in millimetres from the page's
// top left.
type extent struct {
	page           int
	x0, y0, x1, y1 float64
	// drawn says something was drawn; pages that it went on more than
	// one page.
	drawn, pages bool
}

// extend adds the rectangle from x0, y0 to x1, y1 (millimetres) to the
// area of the figure being drawn, if one is.
func (p *pdf) extend(x0, y0, x1, y1 float64) {
	b := p.box
	if b == nil {
		return
	}
	if p.PageNo() != b.page {
		b.pages = true
	}
	if !b.drawn {
		b.x0, b.y0, b.x1, b.y1, b.drawn = x0, y0, x1, y1, true
	}
	b.x0, b.y0 = min(b.x0, x0, x1), min(b.y0, y0, y1)
	b.x1, b.y1 = max(b.x1, x0, x1), max(b.y1, y0, y1)
}

// decoration draws fn as an artifact: rules, fills, swatches.
func (p *pdf) decoration(fn func()) { p.tags.artifact("", fn) }

// tag starts the structure tree of the document and draws the running
// header and footer as pagination artifacts. Call it once, before the
// first page.
func (p *pdf) tag(date time.Time, title, author string, header, footer func()) {
	p.tags = newTagger(p.Fpdf)
	p.meta = docMeta{title: outlineText(title), author: outlineText(author), creator: "maturity", producer: "maturity", lang: bcp47(p.lang()), date: date}
	p.SetProducer(p.meta.producer, true)
	p.SetHeaderFunc(func() {
		p.ts.header = true
		p.tags.artifact("/Type /Pagination /Subtype /Header", header)
		p.ts.header = false
		p.tags.pageStart()
	})
	p.SetFooterFunc(func() {
		p.tags.pageEnd()
		p.ts.footer = true
		p.tags.artifact("/Type /Pagination /Subtype /Footer", footer)
		p.ts.footer = false
	})
}

// shape draws fn, a path or an image, as it stands: inside a figure or
// another element it is part of that element's content; outside any, it
// is decoration (a fill behind text, a rule, a swatch).
func (p *pdf) shape(fn func()) {
	if p.tags == nil || p.tags.open || p.tags.artifacts > 0 {
		fn()
		return
	}
	p.tags.artifact("", fn)
}

// The path methods of the document, shadowed so that a shape drawn
// outside any element is an artifact (shape).

// Rect draws a rectangle; see gofpdf.
func (p *pdf) Rect(x, y, w, h float64, style string) {
	p.extend(x, y, x+w, y+h)
	p.shape(func() { p.Fpdf.Rect(x, y, w, h, style) })
}

// RoundedRect draws a rectangle with rounded corners; see gofpdf.
func (p *pdf) RoundedRect(x, y, w, h, r float64, corners, style string) {
	p.extend(x, y, x+w, y+h)
	p.shape(func() { p.Fpdf.RoundedRect(x, y, w, h, r, corners, style) })
}

// Line draws a line; see gofpdf.
func (p *pdf) Line(x1, y1, x2, y2 float64) {
	p.extend(x1, y1, x2, y2)
	p.shape(func() { p.Fpdf.Line(x1, y1, x2, y2) })
}

// Polygon draws a polygon; see gofpdf.
func (p *pdf) Polygon(points []gofpdf.PointType, style string) {
	for _, pt := range points {
		p.extend(pt.X, pt.Y, pt.X, pt.Y)
	}
	p.shape(func() { p.Fpdf.Polygon(points, style) })
}

// Circle draws a circle; see gofpdf.
func (p *pdf) Circle(x, y, r float64, style string) {
	p.extend(x-r, y-r, x+r, y+r)
	p.shape(func() { p.Fpdf.Circle(x, y, r, style) })
}

// list draws n list items, item(i) drawing the label and the body of the
// i-th (with roleLbl and roleLBody).
func (p *pdf) list(n int, item func(i int)) {
	if n == 0 {
		return
	}
	p.tagged(roleL, func() {
		for i := range n {
			p.tagged(roleLI, func() { item(i) })
		}
	})
}

// listBody draws fn as a list item's body holding one paragraph.
func (p *pdf) listBody(fn func()) {
	p.tagged(roleLBody, func() { p.tagged(roleP, fn) })
}

// noteLang is the language tag of a note written in another language
// than the report's, "" otherwise.
func noteLang(n Note, report string) string { return bcp47(otherLang(n, report)) }

// otherLang is the language of a note written in another language than the
// report's ("nl", "en"), "" otherwise: the one rule by which both the PDF
// and the HTML mark a note's language.
func otherLang(n Note, report string) string {
	if n.Lang == report {
		return ""
	}
	return n.Lang
}
