package report_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/report"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
	"unicode"
)

// flat is s with every run of white space one space.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestWritePDF_LongName: a department name of 2,000 characters, with
// spaces or without, is shortened on the cover, which keeps its facts on
// the first page, and in the running header; the HTML shows it up to
// MaxNameRunes characters.
func TestWritePDF_LongName(t *testing.T) {
	for name, long := range map[string]string{
		"words":     strings.Repeat("Afdeling Burgerzaken ", 100)[:2000],
		"no spaces": strings.Repeat("Burgerzaken", 182)[:2000],
	} {
		t.Run(name, func(t *testing.T) {
			in := department(defaultQuestionnaire(t), "nl", 5, 0)
			in.Name = long
			pdf := render(t, in)
			cover := flat(pageText(t, pdf, 1))
			for _, want := range []string{"Ronde 2026-11", "Datum 20 november 2026", "Respondenten 5", "Werkwijze workshop", "Vragenlijst"} {
				if !strings.Contains(cover, want) {
					t.Errorf("the cover lacks its fact %q:\n%s", want, cover)
				}
			}
			if !strings.Contains(cover, "… onderdeel van Dienstverlening") {
				t.Errorf("the cover does not end the shortened name with an ellipsis:\n%s", cover)
			}
			header := strings.SplitN(strings.TrimSpace(pageText(t, pdf, 2)), "\n", 2)[0]
			if !regexp.MustCompile(`^(Afdeling|Burgerzaken).*… · Ronde 2026-11 · 20 november 2026 +Datagedreven werken in de gemeente \(versie \d+\)$`).MatchString(header) {
				t.Errorf("the running header is not the shortened name, the round and the questionnaire: %q", header)
			}
			// The HTML wraps it whole up to MaxNameRunes characters.
			shown := strings.TrimRight(long[:report.MaxNameRunes-1], " ") + "…"
			if page := renderHTML(t, in); !strings.Contains(page, `<p class="department" dir="auto">`+shown+`</p>`) {
				t.Error("the HTML does not show the name up to MaxNameRunes characters")
			}
		})
	}
}

// TestWritePDF_Scripts: emoji, Chinese, Arabic and Hebrew, which the PDF's
// fonts lack, show as one mark each, and the report then says what the
// mark means; the HTML shows them as written, Arabic right to left.
func TestWritePDF_Scripts(t *testing.T) {
	q := defaultQuestionnaire(t)
	in := department(q, "en", 5, 0)
	in.Notes = []report.Note{
		{Question: "desc-reporting", Text: "Top 👍🏽 done"},
		{Question: "desc-reporting", Text: "数据质量很好"},
		{Question: "desc-reporting", Text: "مرحبا بالعالم"},
		{Question: "desc-reporting", Text: "שלום"},
	}
	text := flat(pdfText(t, render(t, in)))
	for _, want := range []string{"Top \uFFFD done", strings.Repeat("\uFFFD", 6), "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD", "Characters this PDF cannot show",
		"In this PDF the mark \uFFFD stands for a character its font does not have"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if strings.Contains(text, "Top ? done") {
		t.Error("an emoji became a question mark")
	}
	page := renderHTML(t, in)
	for _, want := range []string{`<p dir="auto">Top 👍🏽 done</p>`, `<p dir="auto">数据质量很好</p>`, `<p dir="auto">مرحبا بالعالم</p>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
	if strings.Contains(page, "\uFFFD") {
		t.Error("the HTML replaced a character")
	}

	// Without such characters the report says nothing about them.
	plain := flat(pdfText(t, render(t, department(q, "en", 5, 0))))
	if strings.Contains(plain, "cannot show") || strings.Contains(plain, "\uFFFD") {
		t.Error("a report without unusual characters explains the mark")
	}
}

// TestWritePDF_BoundedNotes: a note is shown up to MaxNoteRunes characters
// and the notes together up to MaxNotesRunes, each cut said where it is.
func TestWritePDF_BoundedNotes(t *testing.T) {
	in := department(defaultQuestionnaire(t), "en", 5, 0)
	long := strings.Repeat("abcd ", report.MaxNoteRunes/5) + "tail that is cut"
	in.Notes = []report.Note{{Question: "desc-reporting", Text: long}}
	// With the first, the next one fills MaxNotesRunes, twice MaxNoteRunes;
	// the last three are left out.
	for i := 0; i < 4; i++ {
		in.Notes = append(in.Notes, report.Note{Question: "desc-reporting", Text: fmt.Sprintf("note %d %s", i, strings.Repeat("y", report.MaxNoteRunes))})
	}
	page := renderHTML(t, in)
	for _, want := range []string{
		`abcd abcd  [… 16 more characters: this note is shortened; maturity export gives it whole]</p>`,
		"note 0 ", "3 more notes are not in this report, because the notes together are too long; maturity export gives them all."} {
		if !strings.Contains(page, want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
	if strings.Contains(page, "tail that is cut") || strings.Contains(page, "note 1 ") {
		t.Error("the HTML shows more than the bounds")
	}
	text := flat(pdfText(t, render(t, in)))
	if !strings.Contains(text, "[… 16 more characters: this note is shortened; maturity export gives it whole]") || !strings.Contains(text, "3 more notes are not in this report") {
		t.Error("the PDF does not say where the notes are cut")
	}
}

// TestWriteOrganisationPDF_LongNames: a department name of 2,000
// characters is shortened in the tables and the heatmap, and no row is
// taller than a page.
func TestWriteOrganisationPDF_LongNames(t *testing.T) {
	org := organisation(defaultQuestionnaire(t), 3, 5)
	long := strings.Repeat("Afdeling Burgerzaken ", 100)[:2000]
	org.Departments[1].Name = long
	var buf bytes.Buffer
	if err := report.WriteOrganisationPDF(&buf, org); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes()) // qpdf --check passes
	// The department is in the ranking, the heatmap, the progress, the
	// rounds that are not recent and twice where the legal minimums are
	// unmet: six times shortened.
	if n := len(regexp.MustCompile(`(Afdeling|Burgerzaken|A\w*|Burg\w*)…`).FindAllString(text, -1)); n != 6 || strings.Contains(flat(text), long[:1000]) {
		t.Errorf("the long name is shortened %d times; want 6", n)
	}
}

// countdown is a context that is cancelled after a number of looks at it,
// so that a report is stopped in the middle of its work.
type countdown struct {
	context.Context
	left int
}

func (c *countdown) Err() error {
	if c.left--; c.left < 0 {
		return context.Canceled
	}
	return nil
}

// TestWrite_Stopped: a report whose context is cancelled, before it starts
// or in the middle, returns the context's error and writes nothing.
func TestWrite_Stopped(t *testing.T) {
	q := defaultQuestionnaire(t)
	in := department(q, "nl", 5, 0)
	in.Notes = []report.Note{{Question: "desc-reporting", Text: strings.Repeat("x", 1_000_000)}}
	org := organisation(q, 40, 3)
	writers := map[string]func(ctx context.Context, w io.Writer) error{
		"pdf":               func(ctx context.Context, w io.Writer) error { return report.WritePDFContext(ctx, w, in) },
		"html":              func(ctx context.Context, w io.Writer) error { return report.WriteHTMLContext(ctx, w, in) },
		"organisation pdf":  func(ctx context.Context, w io.Writer) error { return report.WriteOrganisationPDFContext(ctx, w, org) },
		"organisation html": func(ctx context.Context, w io.Writer) error { return report.WriteOrganisationHTMLContext(ctx, w, org) },
	}
	for name, write := range writers {
		for _, after := range []int{0, 5, 40} {
			t.Run(fmt.Sprintf("%s/after %d", name, after), func(t *testing.T) {
				var buf bytes.Buffer
				err := write(&countdown{context.Background(), after}, &buf)
				if !errors.Is(err, context.Canceled) {
					t.Errorf("error %v; want context.Canceled", err)
				}
				if buf.Len() > 0 {
					t.Errorf("%d bytes written", buf.Len())
				}
			})
		}
		// Never cancelled, the same writer writes the report.
		var buf bytes.Buffer
		if err := write(context.Background(), &buf); err != nil || buf.Len() == 0 {
			t.Errorf("%s: %v, %d bytes", name, err, buf.Len())
		}
	}
}

// TestWritePDF_EveryCharacter: every character the fonts have, written in
// a note, comes back from the PDF's text as it was given: each has a code
// of its own in the document, beyond the first 256 too, and its ToUnicode
// entry; codes whose bytes are PDF string delimiters are escaped.
func TestWritePDF_EveryCharacter(t *testing.T) {
	font, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	var all []rune
	for r := rune(0x21); r < 1<<16; r++ {
		// Not spaces, format characters or marks, which a text extractor
		// writes as it likes, nor characters that composing (NFC) writes
		// as another: U+2126 OHM SIGN is U+03A9 in the PDF.
		if g, err := font.GlyphIndex(&b, r); err == nil && g != 0 && !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Mn, r) && norm.NFC.String(string(r)) == string(r) {
			all = append(all, r)
		}
	}
	if len(all) < 600 {
		t.Fatalf("only %d characters to write", len(all))
	}
	var words []string
	for i := 0; i < len(all); i += 30 {
		words = append(words, string(all[i:min(i+30, len(all))]))
	}
	in := department(defaultQuestionnaire(t), "en", 5, 0)
	in.Notes = []report.Note{{Question: "desc-reporting", Text: strings.Join(words, " ")}}
	text := pdfText(t, render(t, in))
	var missing []string
	for _, r := range all {
		if !strings.ContainsRune(text, r) {
			missing = append(missing, fmt.Sprintf("U+%04X", r))
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d of %d characters do not come back from the PDF: %v", len(missing), len(all), missing[:min(len(missing), 20)])
	}
}
