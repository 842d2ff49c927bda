package report

import (
	"github.com/jung-kurt/gofpdf"
)

// Draft is an empty A4 document made in the background, with the style's
// faces and the fixed texts read on the way: the part of a department
// report that needs no data, so that a command starts a draft before it
// reads and scores the round, and the two overlap. A Draft is for one
// report, used from one goroutine.
type Draft struct {
	font string
	done chan struct{}
	f    *gofpdf.Fpdf
	err  any
}

// NewDraft starts loading the fonts of style.
func NewDraft(style Style) *Draft {
	d := &Draft{font: style.Font, done: make(chan struct{})}
	go func() {
		defer close(d.done)
		// gofpdf is third-party code: a panic is kept, and the report
		// makes its document itself.
		defer func() { d.err = recover() }()
		d.f = withFonts(style)
		// And what every report reads once, on the way: the fixed texts
		// and which characters the fonts have.
		_, _ = textsFor("nl")
		covered()
	}()
	return d
}

// take is the draft's document for a report in style, once; a new one
// when there is no draft, it was taken, it failed or it has another font.
func (d *Draft) take(style Style) *gofpdf.Fpdf {
	if d == nil {
		return withFonts(style)
	}
	<-d.done
	f := d.f
	d.f = nil
	if f == nil || d.err != nil || d.font != style.Font || f.Err() {
		return withFonts(style)
	}
	return f
}
