package report_test

import (
	"bytes"
	"flag"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/report"
)

func renderHTML(t *testing.T, in report.Department) string {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, in); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestWriteHTML: one self-contained file with the same figures as the PDF,
// the language declared, headings in order, every chart an image with a
// text alternative, and the same bytes twice.
func TestWriteHTML(t *testing.T) {
	q := defaultQuestionnaire(t)
	for _, lang := range []string{"nl", "en"} {
		prev := department(q, lang, 4, 2).Round
		prev.Label = "2025-11"
		in := withPrevious(department(q, lang, 6, 0), prev)
		page := renderHTML(t, in)
		if page != renderHTML(t, in) {
			t.Fatalf("%s: two renderings differ", lang)
		}
		if !strings.Contains(page, `<html lang="`+lang+`">`) {
			t.Errorf("%s: no lang attribute", lang)
		}
		for _, bad := range []string{"<script", "<link", "src=\"http", "<img"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s: not self-contained or has an image without text: %q", lang, bad)
			}
		}
		r := in.Round.Result
		want := []string{"Burgerzaken", fmt.Sprintf("%d %s", r.Overall.Level, q.LevelName(r.Overall.Level, lang)), shownScore(*r.Overall.Score, lang), "2025-11", "€", "één"}
		for _, d := range r.Dimensions {
			want = append(want, shownScore(*d.Score, lang))
		}
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: the page lacks %q", lang, w)
			}
		}
		// Every chart is an image with a title and a description; the small
		// bars beside counts are hidden from screen readers.
		svgs := regexp.MustCompile(`<svg [^>]*>`).FindAllString(page, -1)
		if len(svgs) < 4 {
			t.Errorf("%s: %d charts", lang, len(svgs))
		}
		for _, s := range svgs {
			if !strings.Contains(s, `role="img" aria-label="`) && !strings.Contains(s, `aria-hidden="true"`) {
				t.Errorf("%s: a chart without a text alternative: %s", lang, s)
			}
		}
		// Headings never skip a level.
		last := 1
		for _, h := range regexp.MustCompile(`<h([1-6])[ >]`).FindAllStringSubmatch(page, -1) {
			level := int(h[1][0] - '0')
			if level > last+1 {
				t.Errorf("%s: heading h%d after h%d", lang, level, last)
			}
			last = level
		}
		if strings.Count(page, "<h1") != 1 {
			t.Errorf("%s: want exactly one h1", lang)
		}
	}
}

// TestWriteHTML_Escapes: user texts cannot inject markup.
func TestWriteHTML_Escapes(t *testing.T) {
	in := department(defaultQuestionnaire(t), "en", 6, 0)
	in.Name = `<script>alert("x")</script> & Co`
	in.Notes = []report.Note{{Question: "desc-reporting", Text: `<b>bold</b>`}}
	page := renderHTML(t, in)
	if strings.Contains(page, "<script>") || strings.Contains(page, "<b>bold") {
		t.Errorf("a user text reached the page unescaped")
	}
	if !strings.Contains(page, "&lt;script&gt;") {
		t.Errorf("the department name is missing")
	}
}

func TestWriteOrganisationHTML(t *testing.T) {
	q := defaultQuestionnaire(t)
	org := organisation(q, 12, 5)
	var a, b bytes.Buffer
	if err := report.WriteOrganisationHTML(&a, org); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteOrganisationHTML(&b, org); err != nil {
		t.Fatal(err)
	}
	page := a.String()
	if page != b.String() {
		t.Fatal("two renderings differ")
	}
	for _, w := range []string{`<html lang="nl">`, "Datavolwassenheid van de organisatie", `<table class="heatmap">`, `<th scope="row" class="d1">Afdeling 011 met een lange naam</th>`,
		"Afdelingen gerangschikt", "Zonder recente meting", "Zwakste funderingen"} {
		if !strings.Contains(page, w) {
			t.Errorf("the page lacks %q", w)
		}
	}
	// One heatmap cell per department and dimension.
	rows := strings.Count(page, `<th scope="row" class="d`)
	cells := strings.Count(page, `<td class="l`) + strings.Count(page, `<td class="none">`)
	if rows != len(org.Departments) || cells != rows*len(q.Dimensions()) {
		t.Errorf("heatmap: %d rows, %d cells; want %d rows of %d", rows, cells, len(org.Departments), len(q.Dimensions()))
	}
	if strings.Contains(page, "<script") || strings.Contains(page, "<link") {
		t.Error("not self-contained")
	}
}

var update = flag.Bool("update", false, "rewrite the golden reports in testdata")

// TestWriteHTML_Golden compares the whole HTML of a fixed department with a
// golden file: any change of structure or text shows in its diff. Regenerate
// with go test ./internal/report -run Golden -update after a wanted change.
func TestWriteHTML_Golden(t *testing.T) {
	prev := department(defaultQuestionnaire(t), "nl", 4, 2).Round
	prev.Label = "2025-11"
	in := withPrevious(department(defaultQuestionnaire(t), "nl", 6, 0), prev)
	golden(t, "testdata/department.nl.html", renderHTML(t, in))
}
