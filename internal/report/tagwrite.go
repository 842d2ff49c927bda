package report

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
)

// finishTagged rewrites the document gofpdf wrote (uncompressed, PDF
// 1.3/1.4) as a tagged PDF 1.7: the catalog gains the structure tree,
// /MarkInfo, /Lang, /ViewerPreferences and the XMP metadata; each page
// /StructParents and /Tabs /S; each page's content is compressed with one
// shared compressor. Every other object is copied as it is, so object
// numbers (and the outline's page references) stay.
//
// It reads only what gofpdf writes: a classic cross-reference table,
// page objects 3, 5, 7, … whose contents follow each page, and the
// resources all pages share as object 2, to which it adds the fonts
// (text.go) with their objects; in the running footers it writes the
// number of pages for pageAlias.
func finishTagged(src []byte, t *tagger, ts *typeset, meta docMeta) ([]byte, error) {
	objs, trailer, err := splitObjects(src)
	if err != nil {
		return nil, err
	}
	size, err := dictInt(trailer, "/Size")
	if err != nil {
		return nil, err
	}
	root, err := dictInt(trailer, "/Root")
	if err != nil {
		return nil, err
	}
	info, _ := dictInt(trailer, "/Info")
	nb := t.f.PageNo()

	// The new objects' numbers: the structure tree root, the parent
	// tree, the metadata, then every element that holds content.
	next := size
	treeRoot, parentTree, metadata := next, next+1, next+2
	next += 3
	t.number(&next)
	pageObj := func(page int) int { return 3 + 2*page }
	const resources = 2 // gofpdf's resources, which every page shares
	// The fonts: the page count's digits first, which may be new codes.
	aliases := ts.pageCount(nb)
	fonts := ts.plan(&next)

	// The parts that take most of the work are made at once: the pages'
	// content compressed (in two halves), the fonts, and the structure
	// tree's object streams; then they are put together in order.
	var pages map[int][]byte
	var fontPart part
	var pagesErr, fontsErr error
	z := newCompressors()
	defer z.release()
	var wg sync.WaitGroup
	wg.Go(func() { pages, pagesErr = compressPages(objs, nb, aliases, z) })
	wg.Go(func() {
		fontsErr = fonts.write(func(num int, dict string, stream []byte) error {
			fontPart.begin(num)
			fmt.Fprintf(&fontPart.buf, "%d 0 obj\n%s", num, dict)
			if stream == nil {
				fontPart.buf.WriteString(">>\nendobj\n")
				return nil
			}
			return deflated(&fontPart.buf, stream, z)
		})
	})
	treePart, in, size, treeErr := t.objectStreams(treeRoot, parentTree, nb, next, pageObj, z)
	wg.Wait()
	if err := errors.Join(pagesErr, fontsErr, treeErr); err != nil {
		return nil, err
	}

	out := bytes.NewBuffer(make([]byte, 0, len(src)*2/3+fontPart.buf.Len()+treePart.buf.Len()))
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, size)
	for _, o := range objs {
		offsets[o.num] = out.Len()
		body := o.body
		switch {
		case o.num == root:
			i := bytes.Index(body, []byte("<<"))
			if i < 0 {
				return nil, errors.New("tag: the catalog has no dictionary")
			}
			out.Write(body[:i+2])
			fmt.Fprintf(out, "\n/Version /1.7\n/StructTreeRoot %d 0 R\n/MarkInfo <</Marked true>>\n/Lang %s\n/ViewerPreferences <</DisplayDocTitle true>>\n/Metadata %d 0 R",
				treeRoot, pdfString(meta.lang), metadata)
			out.Write(body[i+2:])
		case o.num == resources:
			const fontsAt = "/Font <<\n"
			i := bytes.Index(body, []byte(fontsAt))
			if i < 0 {
				return nil, errors.New("tag: the resources have no fonts")
			}
			out.Write(body[:i+len(fontsAt)])
			out.WriteString(fonts.resources())
			out.Write(body[i+len(fontsAt):])
		case o.num >= 3 && o.num <= 1+2*nb && o.num%2 == 1:
			const start = "<</Type /Page\n"
			i := bytes.Index(body, []byte(start))
			if i < 0 {
				return nil, fmt.Errorf("tag: object %d is not a page", o.num)
			}
			out.Write(body[:i+len(start)])
			fmt.Fprintf(out, "/StructParents %d\n/Tabs /S\n", (o.num-3)/2)
			out.Write(body[i+len(start):])
		case o.num >= 4 && o.num <= 2+2*nb && o.num%2 == 0:
			fmt.Fprintf(out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", o.num, len(pages[o.num]))
			out.Write(pages[o.num])
			out.WriteString("\nendstream\nendobj\n")
		default:
			out.Write(body)
		}
	}
	fontPart.appendTo(out, offsets)

	xmp := meta.xmp()
	offsets[metadata] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<</Type /Metadata /Subtype /XML /Length %d>>\nstream\n", metadata, len(xmp))
	out.WriteString(xmp)
	out.WriteString("\nendstream\nendobj\n")
	treePart.appendTo(out, offsets)
	// The cross-reference stream: per object its type (1 in the file, 2 in
	// an object stream) and where.
	xrefNum := size - 1
	xref := out.Len()
	offsets[xrefNum] = xref
	entries := make([]byte, 0, size*7)
	entries = append(entries, 0, 0, 0, 0, 0, 0xff, 0xff)
	for n := 1; n < size; n++ {
		if p := in[n]; p.stream > 0 {
			entries = append(entries, 2, byte(p.stream>>24), byte(p.stream>>16), byte(p.stream>>8), byte(p.stream), byte(p.index>>8), byte(p.index))
			continue
		}
		o := offsets[n]
		entries = append(entries, 1, byte(o>>24), byte(o>>16), byte(o>>8), byte(o), 0, 0)
	}
	// The identifier is the digest of the content, so that the same input
	// gives the same bytes.
	sum := sha256.Sum256(out.Bytes())
	id := hex.EncodeToString(sum[:16])
	fmt.Fprintf(out, "%d 0 obj\n<</Type /XRef /Size %d /W [1 4 2] /Root %d 0 R", xrefNum, size, root)
	if info > 0 {
		fmt.Fprintf(out, " /Info %d 0 R", info)
	}
	fmt.Fprintf(out, " /ID [<%s> <%s>]", id, id)
	if err := deflated(out, entries, z); err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes(), nil
}

// part is a run of whole objects made apart from the document, and where
// each object starts in it.
type part struct {
	buf  bytes.Buffer
	nums []int
	offs []int
}

func (p *part) begin(num int) {
	p.nums = append(p.nums, num)
	p.offs = append(p.offs, p.buf.Len())
}

// appendTo appends the part to out and records its objects' offsets.
func (p *part) appendTo(out *bytes.Buffer, offsets []int) {
	base := out.Len()
	for i, num := range p.nums {
		offsets[num] = base + p.offs[i]
	}
	out.Write(p.buf.Bytes())
}

// place is where an object stands in an object stream: the stream's
// number and the object's index in it.
type place struct{ stream, index int }

// objectStreams writes the structure tree root, the parent tree and the
// elements, thousands of small dictionaries, as compressed object
// streams numbered from next on. It returns them, each object's place by
// number, and the document's size with the cross-reference stream that
// follows them.
func (t *tagger) objectStreams(treeRoot, parentTree, nb, next int, pageObj func(int) int, z *compressors) (*part, []place, int, error) {
	var packed packer
	packed.start(treeRoot)
	fmt.Fprintf(&packed.body, "<</Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 R /ParentTreeNextKey %d>>\n", t.root.num, parentTree, nb)
	packed.start(parentTree)
	packed.body.WriteString("<</Nums [")
	for page := 0; page < nb; page++ {
		fmt.Fprintf(&packed.body, "%d [", page)
		if page < len(t.pages) {
			for _, e := range t.pages[page] {
				fmt.Fprintf(&packed.body, "%d 0 R ", e.num)
			}
		}
		packed.body.WriteString("] ")
	}
	packed.body.WriteString("]>>\n")
	t.writeElements(&packed.body, treeRoot, packed.start, pageObj)

	const perStream = 500
	streams := (len(packed.nums) + perStream - 1) / perStream
	size := next + streams + 1 // and the cross-reference stream
	in := make([]place, size)
	out := &part{}
	for s := 0; s < streams; s++ {
		num := next + s
		from, to := s*perStream, min((s+1)*perStream, len(packed.nums))
		first, end := packed.offs[from], packed.body.Len()
		if to < len(packed.nums) {
			end = packed.offs[to]
		}
		var head bytes.Buffer
		for k := from; k < to; k++ {
			fmt.Fprintf(&head, "%d %d ", packed.nums[k], packed.offs[k]-first)
			in[packed.nums[k]] = place{num, k - from}
		}
		data := append(head.Bytes(), packed.body.Bytes()[first:end]...)
		out.begin(num)
		fmt.Fprintf(&out.buf, "%d 0 obj\n<</Type /ObjStm /N %d /First %d", num, to-from, head.Len())
		if err := deflated(&out.buf, data, z); err != nil {
			return nil, nil, 0, err
		}
	}
	return out, in, size, nil
}

// packer collects objects for object streams: each one's number and where
// its text starts in body.
type packer struct {
	nums, offs []int
	body       bytes.Buffer
}

func (p *packer) start(num int) {
	p.nums = append(p.nums, num)
	p.offs = append(p.offs, p.body.Len())
}

// deflated ends an object whose dictionary is open with data as its
// compressed stream.
func deflated(out *bytes.Buffer, data []byte, z *compressors) error {
	packed, err := z.deflate(data)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, " /Filter /FlateDecode /Length %d>>\nstream\n", len(packed))
	out.Write(packed)
	out.WriteString("\nendstream\nendobj\n")
	return nil
}

// compressors lends two zlib writers to the parts of a document that are
// made at once: making one allocates about a megabyte, and two keep both
// cores busy.
type compressors struct{ free chan *zlib.Writer }

func newCompressors() *compressors {
	z := &compressors{free: make(chan *zlib.Writer, 2)}
	for range cap(z.free) {
		z.free <- zlibPool.Get().(*zlib.Writer)
	}
	return z
}

// deflate is data compressed, with the first writer free.
func (z *compressors) deflate(data []byte) ([]byte, error) {
	w := <-z.free
	defer func() { z.free <- w }()
	var buf bytes.Buffer
	w.Reset(&buf)
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// release gives the writers back to the pool, for the next document.
func (z *compressors) release() {
	for range cap(z.free) {
		zlibPool.Put(<-z.free)
	}
}

// zlibPool keeps compressors from one document to the next.
var zlibPool = sync.Pool{New: func() any {
	z, _ := zlib.NewWriterLevel(io.Discard, zlib.BestSpeed)
	return z
}}

// compressPages compresses the content of every page, by object number,
// in two halves at once: it is most of the finishing's work.
func compressPages(objs []object, nb int, aliases map[string]string, z *compressors) (map[int][]byte, error) {
	var contents []object
	for _, o := range objs {
		if o.num >= 4 && o.num <= 2+2*nb && o.num%2 == 0 {
			contents = append(contents, o)
		}
	}
	out := make([][]byte, len(contents))
	errs := make([]error, 2)
	half := len(contents) / 2
	var wg sync.WaitGroup
	for part, span := range [2][2]int{{0, half}, {half, len(contents)}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := span[0]; k < span[1]; k++ {
				if out[k], errs[part] = compressedContent(contents[k], z, aliases); errs[part] != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	byNum := make(map[int][]byte, len(contents))
	for k, o := range contents {
		byNum[o.num] = out[k]
	}
	return byNum, nil
}

// compressedContent is a page content object's stream, compressed.
func compressedContent(o object, z *compressors, aliases map[string]string) ([]byte, error) {
	length, err := dictInt(o.body, "/Length")
	if err != nil {
		return nil, fmt.Errorf("tag: object %d: %w", o.num, err)
	}
	i := bytes.Index(o.body, []byte("stream\n"))
	if i < 0 || i+7+length > len(o.body) {
		return nil, fmt.Errorf("tag: object %d has no stream of %d bytes", o.num, length)
	}
	content := o.body[i+7 : i+7+length]
	for mark, count := range aliases {
		if bytes.Contains(content, []byte(mark)) {
			content = bytes.ReplaceAll(content, []byte(mark), []byte(count))
		}
	}
	return z.deflate(content)
}

// object is one indirect object of gofpdf's output, from "N 0 obj" to
// the next object.
type object struct {
	num, off int
	body     []byte
}

// splitObjects reads the cross-reference table and cuts the file into its
// objects, in the order they stand in the file, and the trailer dictionary.
func splitObjects(src []byte) ([]object, []byte, error) {
	i := bytes.LastIndex(src, []byte("startxref"))
	if i < 0 {
		return nil, nil, errors.New("tag: no startxref")
	}
	xref, err := strconv.Atoi(strings.TrimSpace(string(bytes.TrimSuffix(bytes.TrimSpace(src[i+9:]), []byte("%%EOF")))))
	if err != nil || xref <= 0 || xref >= len(src) {
		return nil, nil, errors.New("tag: bad startxref")
	}
	lines := strings.SplitN(string(src[xref:]), "\n", 3)
	if len(lines) < 3 || lines[0] != "xref" {
		return nil, nil, errors.New("tag: no cross-reference table")
	}
	var first, count int
	if _, err := fmt.Sscanf(lines[1], "%d %d", &first, &count); err != nil || first != 0 {
		return nil, nil, errors.New("tag: bad cross-reference table")
	}
	table := lines[2]
	const entry = 20
	if len(table) < count*entry {
		return nil, nil, errors.New("tag: short cross-reference table")
	}
	objs := make([]object, 0, count)
	for n := 1; n < count; n++ {
		off, err := strconv.Atoi(table[n*entry : n*entry+10])
		if err != nil || off <= 0 || off >= xref {
			return nil, nil, fmt.Errorf("tag: bad offset of object %d", n)
		}
		objs = append(objs, object{num: n, off: off})
	}
	sort.Slice(objs, func(a, b int) bool { return objs[a].off < objs[b].off })
	for k := range objs {
		end := xref
		if k+1 < len(objs) {
			end = objs[k+1].off
		}
		objs[k].body = src[objs[k].off:end]
	}
	t := strings.Index(table, "trailer")
	if t < 0 {
		return nil, nil, errors.New("tag: no trailer")
	}
	return objs, []byte(table[t:]), nil
}

// dictInt reads the integer after key in a dictionary's text.
func dictInt(dict []byte, key string) (int, error) {
	i := bytes.Index(dict, []byte(key+" "))
	if i < 0 {
		return 0, fmt.Errorf("tag: no %s", key)
	}
	rest := dict[i+len(key)+1:]
	j := 0
	for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	return strconv.Atoi(string(rest[:j]))
}

// number gives every element that holds content (itself or below) an
// object number, parents before children, and drops empty ones.
func (t *tagger) number(next *int) {
	var walk func(e *element) bool
	walk = func(e *element) bool {
		kept := e.kids[:0]
		for _, k := range e.kids {
			if k.el == nil || walk(k.el) {
				kept = append(kept, k)
			}
		}
		e.kids = kept
		// An empty table cell stays, so that every row has its columns.
		return len(e.kids) > 0 || e.role == roleTH || e.role == roleTD
	}
	walk(t.root)
	var assign func(e *element)
	assign = func(e *element) {
		e.num = *next
		*next++
		for _, k := range e.kids {
			if k.el != nil {
				assign(k.el)
			}
		}
	}
	assign(t.root)
}

// writeElements writes every structure element, parents first.
func (t *tagger) writeElements(out *bytes.Buffer, treeRoot int, start func(int), pageObj func(int) int) {
	num := func(n int) { out.Write(strconv.AppendInt(out.AvailableBuffer(), int64(n), 10)) }
	ref := func(n int) { num(n); out.WriteString(" 0 R") }
	var write func(e *element, parent int)
	write = func(e *element, parent int) {
		start(e.num)
		out.WriteString("<</Type /StructElem /S /" + e.role + " /P ")
		ref(parent)
		pg := -1
		for _, k := range e.kids {
			if k.el == nil {
				pg = k.page
				break
			}
		}
		if pg >= 0 {
			out.WriteString(" /Pg ")
			ref(pageObj(pg))
		}
		if e.alt != "" {
			out.WriteString(" /Alt " + pdfString(e.alt))
		}
		if e.lang != "" {
			out.WriteString(" /Lang " + pdfString(e.lang))
		}
		if e.scope != "" {
			out.WriteString(" /A <</O /Table /Scope /" + e.scope + ">>")
		}
		if b := e.bbox; b != nil {
			fmt.Fprintf(out, " /A <</O /Layout /BBox [%.2f %.2f %.2f %.2f]>>", b[0], b[1], b[2], b[3])
		}
		out.WriteString(" /K [")
		for _, k := range e.kids {
			switch {
			case k.el != nil:
				ref(k.el.num)
			case k.page == pg:
				num(k.mcid)
			default:
				out.WriteString("<</Type /MCR /Pg ")
				ref(pageObj(k.page))
				out.WriteString(" /MCID ")
				num(k.mcid)
				out.WriteString(">>")
			}
			out.WriteByte(' ')
		}
		out.WriteString("]>>\n")
		for _, k := range e.kids {
			if k.el != nil {
				write(k.el, e.num)
			}
		}
	}
	write(t.root, treeRoot)
}

// pdfString is s as a PDF text string: ASCII as a literal string, else
// UTF-16BE with its byte order mark, in hex.
func pdfString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return "(" + r.Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}
