package report

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
)

// Round is one scored round of a department.
type Round struct {
	Label       string
	Mode        string // self or workshop
	Date        time.Time
	Respondents int
	Result      scoring.Result
	// Provisional marks a round that is still open: its figures may
	// change, and the cover and running header say so.
	Provisional bool
}

// Note is a note of the round on a question or a dimension, without author.
type Note struct {
	Question, Dimension, Text string
	// Lang is the note's language ("nl", "en") where it is known; the PDF
	// marks a note in another language than the report's as such.
	Lang string
}

// Department is what a department report is made from.
type Department struct {
	Lang          string
	Organisation  string
	Name, Parent  string
	Questionnaire *questionnaire.Questionnaire
	Round         Round
	// Previous are the department's earlier rounds on the same
	// questionnaire, oldest first: the trend and the changes.
	Previous []Round
	// SinceFirst is the overall change since the first of the Previous
	// rounds (scoring.Compare against it), when there are at least two.
	SinceFirst *scoring.Change
	Notes      []Note
	// Agreed are the actions agreed after this round; Earlier those agreed
	// after the previous round, EarlierRound (its label), to account for.
	Agreed, Earlier []Action
	EarlierRound    string
	// Style is the house style; the zero Style is DefaultStyle.
	Style Style
	// Draft, when set, is the document made ahead with the style's fonts
	// (NewDraft); WritePDF uses it once.
	Draft *Draft
}

// Page geometry in millimetres (A4 portrait).
const (
	pageW, pageH = 210.0, 297.0
	margin       = 18.0
	contentW     = pageW - 2*margin
	bottom       = pageH - 20
)

// pdf wraps the document with the report's words and helpers.
type pdf struct {
	*gofpdf.Fpdf
	words
	style Style
	// ctx stops the report when it is cancelled: the document's error is
	// set, after which gofpdf does nothing more.
	ctx context.Context
	// replaced says that a text was written with a Replacement mark, so
	// that the report ends by saying what the mark means.
	replaced bool
	// headerLeft is the running header's left part, shortened once.
	headerLeft string
	// tags is the structure tree being drawn (tag.go); meta what the
	// catalog and the XMP metadata say of the document.
	tags *tagger
	meta docMeta
	// ts is the text being written: faces, size, colour (text.go).
	ts *typeset
	// box is the area of the figure being drawn, nil outside figures.
	box *extent
}

// stopped says whether the report was stopped (ctrl+c, SIGTERM), and
// then makes the document's error the context's.
func (p *pdf) stopped() bool {
	if err := p.ctx.Err(); err != nil {
		p.SetError(err)
		return true
	}
	return p.Err()
}

// styleOrDefault is s, or the default style for the zero Style.
func styleOrDefault(s Style) Style {
	if s.Font == "" {
		return DefaultStyle()
	}
	return s
}

// newDocument starts an A4 document whose dates are date, so that the same
// input gives the same bytes, with the faces of the style read.
func newDocument(date time.Time, title, author string, style Style) *gofpdf.Fpdf {
	return setUp(withFonts(style), date, title, author, style)
}

// withFonts is an empty A4 document, with the style's regular and bold
// faces read: the part of a document that needs no data (a Draft makes it
// ahead).
func withFonts(style Style) *gofpdf.Fpdf {
	if style.Font == "medium" {
		faceMedium()
	} else {
		faceRegular()
	}
	faceBold()
	return gofpdf.New("P", "mm", "A4", "")
}

// setUp gives a document its dates, title, author, geometry
// and logo.
func setUp(f *gofpdf.Fpdf, date time.Time, title, author string, style Style) *gofpdf.Fpdf {
	f.SetCatalogSort(true)
	f.SetCreationDate(date)
	f.SetModificationDate(date)
	// The page content is compressed when the tagged document is
	// finished, with one shared compressor (tagwrite.go).
	f.SetCompression(false)
	f.SetMargins(margin, margin+8, margin)
	f.SetAutoPageBreak(true, pageH-bottom)
	f.SetTitle(outlineText(title), true)
	if author != "" {
		f.SetAuthor(outlineText(author), true)
	}
	f.SetCreator("maturity", true)
	if len(style.Logo) > 0 {
		f.RegisterImageOptionsReader("logo", gofpdf.ImageOptions{ImageType: style.LogoType, ReadDpi: false}, bytes.NewReader(style.Logo))
	}
	return f
}

// logo draws the style's logo at the top right of the area below y, at
// most h millimetres high.
func (p *pdf) logo(y, h float64) {
	if len(p.style.Logo) == 0 {
		return
	}
	info := p.GetImageInfo("logo")
	if info == nil || info.Height() == 0 {
		return
	}
	w := min(h*info.Width()/info.Height(), 50)
	draw := func() {
		p.extend(pageW-margin-w, y, pageW-margin, y+w*info.Height()/info.Width())
		p.ImageOptions("logo", pageW-margin-w, y, w, 0, false, gofpdf.ImageOptions{ImageType: p.style.LogoType}, 0, "")
	}
	// The logo says whose report it is, as the HTML's alt text does;
	// without an organisation's name it is decoration.
	if p.meta.author == "" {
		p.decoration(draw)
		return
	}
	p.figure(p.meta.author, draw)
}

// WritePDF writes the department report as an A4 PDF. The same input gives
// the same bytes: the document's dates are the round's date.
func WritePDF(w io.Writer, in Department) error {
	return WritePDFContext(context.Background(), w, in)
}

// WritePDFContext is WritePDF that stops when ctx is cancelled, between
// pages, rows and lines, and then writes nothing and returns ctx's error.
func WritePDFContext(ctx context.Context, w io.Writer, in Department) (err error) {
	defer recoverPDF(&err)
	w0, err := newWords(in)
	if err != nil {
		return err
	}
	t, in := w0.t, w0.in
	title := documentTitle(t["title"], in.Name)
	f := setUp(in.Draft.take(in.Style), in.Round.Date, title, in.Organisation, in.Style)
	p := &pdf{Fpdf: f, words: w0, style: styleOrDefault(in.Style), ctx: ctx, ts: newTypeset(in.Style)}
	p.tag(in.Round.Date, title, in.Organisation, p.header, p.footer)

	p.cover()
	p.summary()
	p.agreements()
	if p.res.Overall.Score != nil {
		p.minimums()
		p.charts()
		p.groups()
		p.disagreement()
		p.confidence()
	}
	p.appendix()
	p.replacedNote()
	return p.finish(ctx, w)
}

// recoverPDF turns a panic inside gofpdf, which is third-party code fed
// with user text, into an error instead of a crash.
func recoverPDF(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("report: the PDF could not be made (%v)", r)
	}
}

// finish writes the document to w whole, tagged, or nothing when it
// failed or was stopped.
func (p *pdf) finish(ctx context.Context, w io.Writer) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := p.Error(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	out, err := finishTagged(buf.Bytes(), p.tags, p.ts, p.meta)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	_, err = w.Write(out)
	return err
}

// replacedNote ends the document with what the Replacement mark means,
// when a text was written with it.
func (p *pdf) replacedNote() {
	if !p.replaced {
		return
	}
	p.subheading(p.t["replaced_heading"])
	p.para(p.t["replaced_note"], 9.5, "", 0)
}

// shown is txt as the PDF writes it (pdfText), noting a Replacement mark.
func (p *pdf) shown(txt string) string {
	txt, _ = pdfText(txt)
	if strings.ContainsRune(txt, Replacement) {
		p.replaced = true
	}
	return txt
}

// Bookmark adds an outline entry; see gofpdf. The outline is shown in
// the viewer's own fonts, so only what gofpdf cannot encode is replaced.
func (p *pdf) Bookmark(txt string, level int, y float64) { p.Fpdf.Bookmark(outlineText(txt), level, y) }

func (p *pdf) ink(c colour) { p.SetTextColor(c.r, c.g, c.b) }

// fill and draw set the colour of fills and of lines; a colour already
// set is not written again (gofpdf writes it on every call).
func (p *pdf) fill(c colour) {
	if r, g, b := p.GetFillColor(); r != c.r || g != c.g || b != c.b || p.PageNo() == 0 {
		p.SetFillColor(c.r, c.g, c.b)
	}
}

func (p *pdf) draw(c colour) {
	if r, g, b := p.GetDrawColor(); r != c.r || g != c.g || b != c.b || p.PageNo() == 0 {
		p.SetDrawColor(c.r, c.g, c.b)
	}
}

func (p *pdf) header() {
	if p.PageNo() == 1 || p.stopped() {
		return
	}
	p.font("", 8)
	p.ink(muted)
	p.SetXY(margin, 10)
	if p.headerLeft == "" {
		// A long name is shortened so that the round and its date stay.
		round := p.headerRound()
		p.headerLeft = p.fitText(p.fitText(p.in.Name, max(contentW/2-p.GetStringWidth(round), contentW/6))+round, contentW/2)
	}
	right := p.fitText(p.questionnaireName(), contentW/2)
	p.cell(contentW/2, 5, p.headerLeft, 0, "L")
	p.cell(contentW/2, 5, right, 0, "R")
	p.draw(rule)
	p.SetLineWidth(0.2)
	p.Line(margin, 16, pageW-margin, 16)
	p.SetY(margin + 8)
}

func (p *pdf) footer() {
	p.SetY(pageH - 14)
	p.font("", 8)
	p.ink(muted)
	p.cell(contentW, 5, p.t.f("page", p.PageNo(), "{nb}"), 0, "C")
}

var monthsNL = []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}

// date writes a date the way a reader in lang expects it.
func (w words) date(t time.Time) string {
	if w.lang() == "nl" {
		return fmt.Sprintf("%d %s %d", t.Day(), monthsNL[t.Month()-1], t.Year())
	}
	return t.Format("2 January 2006")
}

// room starts a new page unless h millimetres fit below the current position.
func (p *pdf) room(h float64) {
	if p.stopped() {
		return
	}
	if p.GetY()+h > bottom {
		p.AddPage()
	}
}

// heading writes a section heading with a bookmark at the given level.
func (p *pdf) heading(text string, level int) {
	size := map[int]float64{0: 17, 1: 12.5}[level]
	p.room(size + 14)
	if level == 0 {
		p.Ln(2)
	} else {
		p.Ln(4)
	}
	p.Bookmark(text, level, -1)
	p.font("B", size)
	p.ink(p.style.Primary)
	// The cover's title is the one H1; a section is an H2, a part of one
	// an H3, as in the HTML.
	role := roleH2
	if level > 0 {
		role = roleH3
	}
	p.tagged(role, func() {
		for _, l := range spaced(p.lines(text, contentW)) {
			p.cell(contentW, size*0.5, l, 1, "L")
		}
	})
	p.Ln(2)
	p.ink(ink)
}

// para writes wrapped text at the left margin plus indent, as a paragraph.
func (p *pdf) para(text string, size float64, style string, indent float64) {
	p.tagged(roleP, func() { p.write(text, size, style, indent) })
}

// write writes wrapped text at the left margin plus indent, as part of
// the element being drawn.
func (p *pdf) write(text string, size float64, style string, indent float64) {
	p.font(style, size)
	h := size * 0.45
	for _, l := range spaced(p.lines(text, contentW-indent)) {
		p.room(h)
		p.SetX(margin + indent)
		p.cell(contentW-indent, h, l, 1, "L")
	}
}

// table writes rows with a header row; every cell wraps within its column.
func (p *pdf) table(header []string, widths []float64, align string, rows [][]string) {
	const size, lh = 8.5, 4.2
	draw := func(cells []string, bold bool, shade bool) {
		style := ""
		if bold {
			style = "B"
		}
		if p.stopped() {
			return
		}
		p.font(style, size)
		wrapped := make([][]string, len(cells))
		n := 1
		for i, c := range cells {
			wrapped[i] = spaced(p.clip(p.lines(c, widths[i]-2), cellLines, widths[i]-2))
			n = max(n, len(wrapped[i]))
		}
		h := float64(n)*lh + 1.6
		if p.GetY()+h > bottom {
			p.AddPage()
			if !bold {
				// The header repeated on the new page is pagination: the
				// tree has it once.
				p.tags.artifact("/Type /Pagination", func() { p.tableHeader(header, widths, align, lh) })
				p.font(style, size)
			}
		}
		y := p.GetY()
		if shade {
			p.fill(light)
			p.Rect(margin, y, sum(widths), h, "F")
		}
		p.tagged(roleTR, func() {
			x := margin
			for i, lines := range wrapped {
				a := cellAlign(align, i)
				// The first column names the row, as the HTML's th scope="row".
				cell := func(fn func()) { p.tagged(roleTD, fn) }
				if i == 0 {
					cell = func(fn func()) { p.headerCell(scopeRow, fn) }
				}
				cell(func() {
					for j, l := range lines {
						p.SetXY(x+1, y+0.8+float64(j)*lh)
						p.cell(widths[i]-2, lh, l, 0, a)
					}
				})
				x += widths[i]
			}
		})
		p.SetXY(margin, y+h)
		p.draw(rule)
		p.SetLineWidth(0.15)
		p.Line(margin, y+h, margin+sum(widths), y+h)
	}
	p.tagged(roleTable, func() {
		p.tagged(roleTHead, func() { p.tableHeader(header, widths, align, lh) })
		p.tagged(roleTBody, func() {
			for i, r := range rows {
				draw(r, false, i%2 == 1)
			}
		})
	})
	p.Ln(2)
}

// tableHeader writes a table's header row; a header longer than its
// column wraps, and a right-aligned column has its header on the right.
func (p *pdf) tableHeader(header []string, widths []float64, align string, lh float64) {
	p.font("B", 8.5)
	wrapped := make([][]string, len(header))
	n := 1
	for i, h := range header {
		wrapped[i] = spaced(p.clip(p.lines(h, widths[i]-2), cellLines, widths[i]-2))
		n = max(n, len(wrapped[i]))
	}
	p.room(lh*float64(n) + lh*2)
	p.font("B", 8.5)
	p.ink(p.style.Primary)
	y := p.GetY()
	p.tagged(roleTR, func() {
		x := margin
		for i, lines := range wrapped {
			a := cellAlign(align, i)
			p.headerCell(scopeColumn, func() {
				for j, l := range lines {
					p.SetXY(x+1, y+0.8+float64(j)*lh)
					p.cell(widths[i]-2, lh, l, 0, a)
				}
			})
			x += widths[i]
		}
	})
	p.SetXY(margin, y+float64(n)*lh+1.6)
	p.draw(p.style.Primary)
	p.SetLineWidth(0.3)
	p.Line(margin, p.GetY(), margin+sum(widths), p.GetY())
	p.ink(ink)
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// cellAlign is how column i of a table aligns: "R" where align has an R
// for it (numbers), else "L".
func cellAlign(align string, i int) string {
	if i < len(align) && align[i] == 'R' {
		return "R"
	}
	return "L"
}
