package report_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/report"
)

// The tagged PDF (PDF/UA-1) read back with real tools: pdfinfo for the
// tagging and the structure's text, pdftotext for the page text, and
// qpdf --json for every object, from which the checker below walks the
// structure tree and every page's content. No PDF/UA validator runs
// here; these are the machine-checkable Matterhorn checkpoints the
// README lists.

// pdfObjects are a document's objects as qpdf --json (version 2) gives
// them, by reference ("12 0 R"), with each stream's data decoded.
type pdfObjects struct {
	objs    map[string]any
	streams map[string][]byte
	trailer map[string]any
}

func readObjects(t *testing.T, path string) pdfObjects {
	t.Helper()
	out, err := exec.Command(tool(t, "qpdf"), "--json=2", "--json-stream-data=inline", "--decode-level=generalized", path).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var doc struct {
		Qpdf []map[string]json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.Qpdf) != 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	d := pdfObjects{objs: map[string]any{}, streams: map[string][]byte{}}
	for k, raw := range doc.Qpdf[1] {
		var o struct {
			Value  any `json:"value"`
			Stream *struct {
				Dict map[string]any `json:"dict"`
				Data string         `json:"data"`
			} `json:"stream"`
		}
		if err := json.Unmarshal(raw, &o); err != nil {
			t.Fatal(err)
		}
		if k == "trailer" {
			d.trailer = o.Value.(map[string]any)
			continue
		}
		ref := strings.TrimPrefix(k, "obj:")
		if o.Stream != nil {
			d.objs[ref] = o.Stream.Dict
			data, err := base64.StdEncoding.DecodeString(o.Stream.Data)
			if err != nil {
				t.Fatal(err)
			}
			d.streams[ref] = data
			continue
		}
		d.objs[ref] = o.Value
	}
	return d
}

// dict is the dictionary v is or refers to.
func (d pdfObjects) dict(v any) map[string]any {
	if s, ok := v.(string); ok && strings.HasSuffix(s, " R") {
		v = d.objs[s]
	}
	m, _ := v.(map[string]any)
	return m
}

// text is a qpdf string value ("u:…") as text.
func text(v any) string {
	s, _ := v.(string)
	return strings.TrimPrefix(s, "u:")
}

// tagged is one structure element read back.
type tagged struct {
	role, alt, lang, scope string
	// bbox is the /BBox of a layout attribute, if any.
	bbox   []float64
	parent *tagged
	kids   []*tagged
	mcids  []mcr
}

type mcr struct {
	page string
	mcid int
}

// structure walks the tree from the structure tree root and checks the
// references on the way: /P points at the parent, /Pg at a page.
func (d pdfObjects) structure(t *testing.T, rootRef string) (*tagged, map[string]*tagged) {
	t.Helper()
	byRef := map[string]*tagged{}
	var walk func(ref string, parent *tagged, parentRef string) *tagged
	walk = func(ref string, parent *tagged, parentRef string) *tagged {
		if _, seen := byRef[ref]; seen {
			t.Fatalf("element %s appears twice in the tree", ref)
		}
		e := d.dict(ref)
		if text(e["/Type"]) != "/StructElem" {
			t.Fatalf("%s is not a structure element: %v", ref, e)
		}
		if p, _ := e["/P"].(string); p != parentRef {
			t.Errorf("%s: /P %v, want %s", ref, e["/P"], parentRef)
		}
		el := &tagged{role: strings.TrimPrefix(text(e["/S"]), "/"), alt: text(e["/Alt"]), lang: text(e["/Lang"]), parent: parent}
		if a := d.dict(e["/A"]); a != nil {
			el.scope = strings.TrimPrefix(text(a["/Scope"]), "/")
			if box, ok := a["/BBox"].([]any); ok && text(a["/O"]) == "/Layout" {
				for _, v := range box {
					f, _ := v.(float64)
					el.bbox = append(el.bbox, f)
				}
			}
		}
		byRef[ref] = el
		pg, _ := e["/Pg"].(string)
		kids, ok := e["/K"].([]any)
		if !ok {
			kids = []any{e["/K"]}
		}
		for _, k := range kids {
			switch k := k.(type) {
			case float64:
				if pg == "" {
					t.Errorf("%s: an MCID without /Pg", ref)
				}
				el.mcids = append(el.mcids, mcr{pg, int(k)})
			case string:
				el.kids = append(el.kids, walk(k, el, ref))
			case map[string]any:
				if text(k["/Type"]) != "/MCR" {
					t.Errorf("%s: a kid that is neither an element nor a marked-content reference: %v", ref, k)
				}
				page, _ := k["/Pg"].(string)
				el.mcids = append(el.mcids, mcr{page, int(k["/MCID"].(float64))})
			}
		}
		return el
	}
	k, _ := d.dict(rootRef)["/K"].(string)
	doc := walk(k, nil, rootRef)
	return doc, byRef
}

// allowedParents are the PDF/UA-1 (ISO 32000-1, 14.8.4) parent–child rules
// the checker enforces.
var allowedParents = map[string][]string{
	"LI": {"L"}, "Lbl": {"LI"}, "LBody": {"LI"},
	"TR": {"Table", "THead", "TBody", "TFoot"}, "THead": {"Table"}, "TBody": {"Table"},
	"TH": {"TR"}, "TD": {"TR"},
}

// standardTypes are the standard structure types of ISO 32000-1, 14.8.4.
var standardTypes = strings.Fields(`Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
	P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry
	Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form`)

// allowedKids are what a list or a table part may hold.
var allowedKids = map[string][]string{
	"L": {"LI", "L", "Caption"}, "LI": {"Lbl", "LBody"}, "Table": {"THead", "TBody", "TFoot", "TR", "Caption"},
	"THead": {"TR"}, "TBody": {"TR"}, "TR": {"TH", "TD"},
}

// checkTree applies the parent–child rules and the heading order, and
// returns the figures' text alternatives and the elements' own languages.
func checkTree(t *testing.T, doc *tagged) (alts []string, langs []string) {
	t.Helper()
	if doc.role != "Document" {
		t.Errorf("the root element is %s, want Document", doc.role)
	}
	last, h1 := 0, 0
	var walk func(e *tagged)
	walk = func(e *tagged) {
		if !contains(standardTypes, e.role) {
			t.Errorf("structure type %s is not a standard one (the document has no role map)", e.role)
		}
		if want, ok := allowedParents[e.role]; ok && (e.parent == nil || !contains(want, e.parent.role)) {
			t.Errorf("%s under %v, want under one of %v", e.role, e.parent.role, want)
		}
		if want, ok := allowedKids[e.role]; ok {
			for _, k := range e.kids {
				if !contains(want, k.role) {
					t.Errorf("%s holds %s, want only %v", e.role, k.role, want)
				}
			}
		}
		if len(e.kids) == 0 && len(e.mcids) == 0 && e.role != "TH" && e.role != "TD" {
			t.Errorf("an empty %s element", e.role)
		}
		if m := regexp.MustCompile(`^H([1-6])$`).FindStringSubmatch(e.role); m != nil {
			level, _ := strconv.Atoi(m[1])
			if level == 1 {
				h1++
			}
			if level > last+1 {
				t.Errorf("heading %s follows H%d: a level skipped", e.role, last)
			}
			last = level
		}
		switch e.role {
		case "Figure":
			if e.alt == "" {
				t.Errorf("a figure without /Alt")
			}
			alts = append(alts, e.alt)
			// A figure whole on one page has its bounding box, on the
			// A4 page (ISO 32000-1, 14.8.5.4.3).
			onOnePage := len(e.mcids) > 0
			for _, m := range e.mcids {
				onOnePage = onOnePage && m.page == e.mcids[0].page
			}
			if b := e.bbox; onOnePage && (len(b) != 4 || b[0] < 0 || b[1] < 0 || b[2] > 595.28 || b[3] > 841.89 || b[2]-b[0] < 10 || b[3]-b[1] < 10) {
				t.Errorf("figure %q on one page has /BBox %v, want four numbers of a box on the page", e.alt[:min(len(e.alt), 40)], b)
			}
		case "TH":
			if e.scope != "Column" && e.scope != "Row" && e.scope != "Both" {
				t.Errorf("a TH with /Scope %q", e.scope)
			}
		}
		if e.lang != "" {
			langs = append(langs, e.lang)
		}
		for _, k := range e.kids {
			walk(k)
		}
	}
	walk(doc)
	if h1 != 1 {
		t.Errorf("%d H1 elements, want 1 (the title)", h1)
	}
	return alts, langs
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// checkTagged runs every check on one PDF and returns the figures' text
// alternatives and the elements' languages.
func checkTagged(t *testing.T, pdf []byte, lang string, withText bool) (alts, langs []string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command(tool(t, "pdfinfo"), path).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Tagged:          yes", "PDF version:     1.7", "Metadata Stream: yes"} {
		if !strings.Contains(string(info), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	// Every font embedded, with a ToUnicode map (Matterhorn 31-001, 10-001).
	fonts, err := exec.Command(tool(t, "pdffonts"), path).Output()
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSpace(string(fonts)), "\n")[2:]
	if len(rows) == 0 {
		t.Error("pdffonts lists no font")
	}
	// And a subset is named as one: six capital letters and a plus before
	// the font's name (ISO 32000-1, 9.6.4).
	subsetName := regexp.MustCompile(`^[A-Z]{6}\+Go`)
	for _, row := range rows {
		f := strings.Fields(row)
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-3] != "yes" {
			t.Errorf("a font not embedded or without ToUnicode: %s", row)
		}
		if len(f) < 7 || f[len(f)-4] != "yes" || !subsetName.MatchString(f[0]) {
			t.Errorf("a font not a subset named as one: %s", row)
		}
	}
	d := readObjects(t, path)
	cat := d.dict(d.trailer["/Root"])
	if got := text(cat["/Lang"]); got != lang {
		t.Errorf("catalog /Lang %q, want %q", got, lang)
	}
	if m := d.dict(cat["/MarkInfo"]); m["/Marked"] != true {
		t.Errorf("catalog /MarkInfo %v, want /Marked true", cat["/MarkInfo"])
	}
	if v := d.dict(cat["/ViewerPreferences"]); v["/DisplayDocTitle"] != true {
		t.Errorf("catalog /ViewerPreferences %v, want /DisplayDocTitle true", cat["/ViewerPreferences"])
	}
	title := text(d.dict(d.trailer["/Info"])["/Title"])
	xmp := string(d.streams[cat["/Metadata"].(string)])
	for _, want := range []string{"<pdfuaid:part>1</pdfuaid:part>", "<rdf:li xml:lang=\"x-default\">" + html.EscapeString(title) + "</rdf:li>"} {
		if title == "" || !strings.Contains(xmp, want) {
			t.Errorf("the XMP metadata lacks %q", want)
		}
	}
	rootRef, _ := cat["/StructTreeRoot"].(string)
	root := d.dict(rootRef)
	doc, byRef := d.structure(t, rootRef)
	alts, langs = checkTree(t, doc)

	// Every page: /StructParents, /Tabs /S, and every MCID of its content
	// in the parent tree, pointing at the element that holds it.
	parents := map[int][]any{}
	nums, _ := d.dict(root["/ParentTree"])["/Nums"].([]any)
	for i := 0; i+1 < len(nums); i += 2 {
		arr, _ := nums[i+1].([]any)
		parents[int(nums[i].(float64))] = arr
	}
	owner := map[mcr]*tagged{}
	var collect func(e *tagged)
	collect = func(e *tagged) {
		for _, m := range e.mcids {
			owner[m] = e
		}
		for _, k := range e.kids {
			collect(k)
		}
	}
	collect(doc)
	kids, _ := d.dict(d.dict(cat["/Pages"]))["/Kids"].([]any)
	marked := 0
	for _, k := range kids {
		ref := k.(string)
		page := d.dict(ref)
		if text(page["/Tabs"]) != "/S" {
			t.Errorf("page %s: /Tabs %v, want /S", ref, page["/Tabs"])
		}
		if _, ok := page["/Annots"]; ok {
			t.Errorf("page %s has annotations, which the checker does not check", ref)
		}
		sp, ok := page["/StructParents"].(float64)
		if !ok {
			t.Errorf("page %s has no /StructParents", ref)
			continue
		}
		for _, mcid := range contentMarks(t, ref, d.streams[page["/Contents"].(string)]) {
			marked++
			e := owner[mcr{ref, mcid}]
			arr := parents[int(sp)]
			if e == nil || mcid >= len(arr) || byRef[fmt.Sprint(arr[mcid])] != e {
				t.Errorf("page %s: MCID %d is not tied to its element in the tree and the parent tree", ref, mcid)
			}
		}
	}
	if marked != len(owner) {
		t.Errorf("the tree refers to %d marked-content sequences, the pages hold %d", len(owner), marked)
	}

	if !withText {
		return alts, langs
	}
	// The structure carries the text of every page but the artifacts: each
	// word on the pages (without the running header and footer) is in the
	// structure's text, and the structure has no word the pages lack.
	// Poppler joins the pieces of one element without a space where the
	// PDF has none (a figure's labels), so words are looked for in the
	// text without spaces.
	st, err := exec.Command(tool(t, "pdfinfo"), "-struct-text", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	// outside are the words outside figures, whose labels poppler joins
	// in another order than the page's.
	var structWords, outside []string
	figure := -1
	for _, l := range strings.Split(string(st), "\n") {
		indent := len(l) - len(strings.TrimLeft(l, " "))
		if figure >= 0 && indent <= figure {
			figure = -1
		}
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "Figure") && figure < 0 {
			figure = indent
		}
		if strings.HasPrefix(l, `"`) && strings.HasSuffix(l, `"`) {
			words := strings.Fields(l[1 : len(l)-1])
			structWords = append(structWords, words...)
			if figure < 0 {
				outside = append(outside, words...)
			}
		}
	}
	structJoined := strings.Join(structWords, "")
	// The header stands above 17 mm (48 pt), the footer below 280 mm (794 pt).
	pt, err := exec.Command(tool(t, "pdftotext"), "-x", "0", "-y", "48", "-W", "596", "-H", "746", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	missing := map[string]bool{}
	for _, w := range strings.Fields(string(pt)) {
		if !strings.Contains(structJoined, w) {
			missing[w] = true
		}
	}
	if len(missing) > 0 {
		t.Errorf("words on the pages but not in the structure: %v", keys(missing))
	}
	all, _ := exec.Command(tool(t, "pdftotext"), path, "-").Output()
	pagesJoined := strings.Join(strings.Fields(string(all)), "")
	extra := map[string]bool{}
	for _, w := range outside {
		if !strings.Contains(pagesJoined, w) {
			extra[w] = true
		}
	}
	if len(extra) > 0 {
		t.Errorf("words in the structure but not on the pages: %v", keys(extra))
	}
	if len(structWords) < 100 {
		t.Errorf("the structure carries %d words", len(structWords))
	}
	return alts, langs
}

// htmlAlts are the text alternatives of the HTML report's charts.
func htmlAlts(t *testing.T, in report.Department) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, in); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`<desc>([^<]*)</desc>`).FindAllStringSubmatch(buf.String(), -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// TestWritePDF_Tagged: the department report is a tagged PDF whose figures
// say what the HTML's charts say, in Dutch and English, and a note in
// another language than the report carries its language.
func TestWritePDF_Tagged(t *testing.T) {
	q := defaultQuestionnaire(t)
	for _, c := range []struct{ lang, tag string }{{"nl", "nl-NL"}, {"en", "en-GB"}} {
		t.Run(c.lang, func(t *testing.T) {
			in := withPrevious(department(q, c.lang, 6, 0), department(q, c.lang, 4, 2).Round)
			in.Previous[0].Label = "2025-05"
			in.Notes = append(in.Notes, report.Note{Question: q.Questions()[1].ID, Text: "Written in English by the team.", Lang: "en"},
				report.Note{Question: q.Questions()[2].ID, Text: "Door het team in het Nederlands geschreven.", Lang: "nl"})
			// pdfinfo -struct-text reads a page once per element: slow, so
			// the structure's text is compared in one language.
			alts, langs := checkTagged(t, render(t, in), c.tag, c.lang == "nl")
			want := htmlAlts(t, in)
			if len(want) != 4 || fmt.Sprint(alts) != fmt.Sprint(want) {
				t.Errorf("the figures' /Alt\n%q\nwant the HTML's\n%q", alts, want)
			}
			other := map[string]string{"nl": "en-GB", "en": "nl-NL"}[c.lang]
			if fmt.Sprint(langs) != fmt.Sprint([]string{other}) {
				t.Errorf("elements with /Lang %q, want one note in %s", langs, other)
			}
		})
	}
}

// TestWriteOrganisationPDF_Tagged: the organisation report is tagged too.
func TestWriteOrganisationPDF_Tagged(t *testing.T) {
	q := defaultQuestionnaire(t)
	for _, n := range []int{12, 300} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var buf bytes.Buffer
			if err := report.WriteOrganisationPDF(&buf, organisation(q, n, 3)); err != nil {
				t.Fatal(err)
			}
			checkTagged(t, buf.Bytes(), "nl-NL", n == 12)
		})
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
