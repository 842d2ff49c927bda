package questionnaire

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"math"
	"slices"
	"unicode/utf8"
)

// A questionnaire file is parsed in tens of milliseconds (YAML), and every
// command that shows a stored round parses the file the round was answered
// on. The parsed form is the validated questionnaire written out field by
// field, kept beside the file (the store keeps it with the snapshot) and
// read back in about half a millisecond, after checking that it belongs to
// that file. It is a compact binary layout rather than JSON, which took
// about eight times as long to decode, most of it filling the texts' maps
// field by field through reflection.
//
// The layout: parsedMagic, the format (an unsigned varint), the digest of
// the file, then the questionnaire's other fields (not Source) in
// declaration order. Numbers
// are varints (floats their 8 IEEE-754 bytes, little-endian), a string is
// its length and bytes, a bool one byte; a slice, map or pointer is 0 when
// nil, else its length + 1 (1 for a pointer) and its elements, maps in key
// order so that the same questionnaire gives the same bytes.

// parsedFormat is the version of the parsed form: a form of another
// version is not read, and the file is parsed instead. Raise it whenever
// Questionnaire's fields, this layout or what Parse accepts change
// (TestParsed_Fields lists the fields the layout holds).
const parsedFormat = 2

// parsedMagic begins every parsed form. Forms of format 1 were JSON, and
// begin with '{'.
const parsedMagic = "MQP\x00"

// Parsed is q's parsed form, for Unparsed to read back.
func (q *Questionnaire) Parsed() ([]byte, error) {
	w := formWriter{b: make([]byte, 0, 64<<10)}
	w.b = append(w.b, parsedMagic...)
	w.uint(parsedFormat)
	w.str(q.Digest)
	w.str(q.ID)
	w.int(q.Version)
	w.count(q.Languages == nil, len(q.Languages))
	for _, l := range q.Languages {
		w.str(l)
	}
	w.text(q.Title)
	w.text(q.Description)
	w.texts(q.Levels)
	r := q.Rules
	w.float(r.StageLevel)
	w.bool(r.FoundationCap)
	w.int(r.MinimumCap)
	w.int(r.ConsensusSpread)
	w.int(r.AnonymityThreshold)
	w.int(r.DefaultTarget)
	w.count(q.Groups == nil, len(q.Groups))
	for _, g := range q.Groups {
		w.group(g)
	}
	return w.b, nil
}

// ErrStaleParsed says a parsed form is of another format or of another file.
var ErrStaleParsed = errors.New("questionnaire: the parsed form is not of this file")

// MaxParsedSize is the largest parsed form Unparsed reads: twice the
// largest questionnaire file (a parsed form is about the size of its YAML).
// A larger one, only ever made by altering the database, is stale, and the
// YAML, bounded by MaxFileSize, is parsed instead.
const MaxParsedSize = 2 * MaxFileSize

// Unparsed reads a parsed form (Parsed) of the file src back as the
// questionnaire Parse would give for src. It fails with ErrStaleParsed
// when the form is of another format or of another file (its digest is
// not src's), or does not hold what Parse guarantees, and the caller
// parses src instead.
func Unparsed(src, parsed []byte) (*Questionnaire, error) {
	if len(parsed) > MaxParsedSize || len(parsed) < len(parsedMagic) || string(parsed[:len(parsedMagic)]) != parsedMagic {
		return nil, ErrStaleParsed
	}
	// One copy of the form as a string: every text read from it is a part
	// of that copy, not an allocation of its own.
	r := formReader{s: string(parsed[len(parsedMagic):])}
	if r.uint() != parsedFormat {
		return nil, ErrStaleParsed
	}
	sum := sha256.Sum256(src)
	digest := hex.EncodeToString(sum[:])
	if r.str() != digest || r.bad {
		return nil, ErrStaleParsed
	}
	q := r.questionnaire()
	if r.bad || r.off != len(r.s) || !q.sane() {
		return nil, ErrStaleParsed
	}
	q.Digest, q.Source = digest, src
	q.link()
	return q, nil
}

// formWriter appends a parsed form's fields.
type formWriter struct{ b []byte }

func (w *formWriter) uint(v uint64) {
	w.b = binary.AppendUvarint(w.b, v)
}

func (w *formWriter) int(v int) {
	w.b = binary.AppendVarint(w.b, int64(v))
}

func (w *formWriter) float(v float64) {
	w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(v))
}

func (w *formWriter) str(s string) {
	w.uint(uint64(len(s)))
	w.b = append(w.b, s...)
}

func (w *formWriter) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

// count writes the length of a slice or map, keeping nil apart from empty.
func (w *formWriter) count(isNil bool, n int) {
	if isNil {
		w.uint(0)
		return
	}
	w.uint(uint64(n) + 1)
}

func (w *formWriter) text(t Text) {
	w.count(t == nil, len(t))
	langs := make([]string, 0, len(t))
	for l := range t {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, l := range langs {
		w.str(l)
		w.str(t[l])
	}
}

func (w *formWriter) texts(ts []Text) {
	w.count(ts == nil, len(ts))
	for _, t := range ts {
		w.text(t)
	}
}

func (w *formWriter) group(g *Group) {
	w.str(g.ID)
	w.str(string(g.Kind))
	w.text(g.Name)
	w.text(g.Description)
	w.count(g.Dimensions == nil, len(g.Dimensions))
	for _, d := range g.Dimensions {
		w.dimension(d)
	}
}

func (w *formWriter) dimension(d *Dimension) {
	w.str(d.ID)
	w.text(d.Name)
	w.text(d.Description)
	w.float(d.Weight)
	w.int(d.Target)
	w.count(d.Recommendations == nil, len(d.Recommendations))
	levels := make([]int, 0, len(d.Recommendations))
	for l := range d.Recommendations {
		levels = append(levels, l)
	}
	slices.Sort(levels)
	for _, l := range levels {
		w.int(l)
		w.text(d.Recommendations[l])
	}
	w.count(d.Questions == nil, len(d.Questions))
	for _, x := range d.Questions {
		w.question(x)
	}
}

func (w *formWriter) question(x *Question) {
	w.str(x.ID)
	w.text(x.Text)
	w.text(x.Help)
	w.float(x.Weight)
	w.texts(x.Options)
	w.count(x.Minimum == nil, 0)
	if m := x.Minimum; m != nil {
		w.int(m.Level)
		w.text(m.Basis)
		w.text(m.Action)
	}
}

// maxParsedValues is the most values (strings, and the elements of lists
// and maps) a parsed form may hold: twice as many as a file may expand to
// (nodeBudget), so every form Parsed writes fits, while a form made by
// altering the database, of countless tiny questions, is stale before it
// costs more to read than the largest file does to parse.
const maxParsedValues = 2 * nodeBudget

// formReader reads a parsed form, which comes from the database and so is
// not trusted: every read checks that the form holds it, and the first
// that does not marks the form bad, after which every read gives zero.
// Counts are bounded by the bytes left and by maxParsedValues, so a form
// cannot make the reader allocate much more than its own size.
type formReader struct {
	s   string
	off int
	bad bool
	// values counts the strings and elements read, up to maxParsedValues.
	values int
}

func (r *formReader) fail() {
	r.bad, r.off = true, len(r.s)
}

func (r *formReader) uint() uint64 {
	var v uint64
	for shift := 0; shift < 64 && r.off < len(r.s); shift += 7 {
		c := r.s[r.off]
		r.off++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	r.fail()
	return 0
}

func (r *formReader) int() int {
	u := r.uint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	if v < math.MinInt32 || v > math.MaxInt32 {
		r.fail()
		return 0
	}
	return int(v)
}

// float reads a finite number: the form of a file never holds another.
func (r *formReader) float() float64 {
	if len(r.s)-r.off < 8 {
		r.fail()
		return 0
	}
	var bits uint64
	for i := range 8 {
		bits |= uint64(r.s[r.off+i]) << (8 * i)
	}
	r.off += 8
	v := math.Float64frombits(bits)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		r.fail()
		return 0
	}
	return v
}

func (r *formReader) bool() bool {
	if r.off >= len(r.s) || r.s[r.off] > 1 {
		r.fail()
		return false
	}
	r.off++
	return r.s[r.off-1] == 1
}

// str reads a string of valid UTF-8, as every text of a file is.
func (r *formReader) str() string {
	n := r.uint()
	if n > uint64(len(r.s)-r.off) {
		r.fail()
		return ""
	}
	s := r.s[r.off : r.off+int(n)]
	r.off += int(n)
	if r.values++; r.values > maxParsedValues || !utf8.ValidString(s) {
		r.fail()
		return ""
	}
	return s
}

// count reads the length of a slice or map; nil says it was nil. Every
// element takes at least a byte, so a count beyond the bytes left is bad.
func (r *formReader) count() (n int, isNil bool) {
	c := r.uint()
	if c == 0 {
		return 0, true
	}
	if c-1 > uint64(len(r.s)-r.off) || r.values+int(c-1) > maxParsedValues {
		r.fail()
		return 0, true
	}
	n = int(c - 1)
	r.values += n
	return n, false
}

func (r *formReader) text() Text {
	n, isNil := r.count()
	if isNil {
		return nil
	}
	t := make(Text, n)
	for range n {
		l := r.str()
		t[l] = r.str()
	}
	return t
}

func (r *formReader) texts() []Text {
	n, isNil := r.count()
	if isNil {
		return nil
	}
	ts := make([]Text, n)
	for i := range ts {
		ts[i] = r.text()
	}
	return ts
}

func (r *formReader) questionnaire() *Questionnaire {
	q := &Questionnaire{ID: r.str(), Version: r.int()}
	if n, isNil := r.count(); !isNil {
		q.Languages = make([]string, n)
		for i := range q.Languages {
			q.Languages[i] = r.str()
		}
	}
	q.Title = r.text()
	q.Description = r.text()
	q.Levels = r.texts()
	q.Rules = Rules{StageLevel: r.float(), FoundationCap: r.bool(), MinimumCap: r.int(), ConsensusSpread: r.int(), AnonymityThreshold: r.int(), DefaultTarget: r.int()}
	if n, isNil := r.count(); !isNil {
		q.Groups = make([]*Group, n)
		for i := range q.Groups {
			q.Groups[i] = r.group()
		}
	}
	return q
}

func (r *formReader) group() *Group {
	g := &Group{ID: r.str(), Kind: GroupKind(r.str()), Name: r.text(), Description: r.text()}
	if n, isNil := r.count(); !isNil {
		g.Dimensions = make([]*Dimension, n)
		for i := range g.Dimensions {
			g.Dimensions[i] = r.dimension()
		}
	}
	return g
}

func (r *formReader) dimension() *Dimension {
	d := &Dimension{ID: r.str(), Name: r.text(), Description: r.text(), Weight: r.float(), Target: r.int()}
	if n, isNil := r.count(); !isNil {
		d.Recommendations = make(map[int]Text, n)
		for range n {
			l := r.int()
			d.Recommendations[l] = r.text()
		}
	}
	if n, isNil := r.count(); !isNil {
		d.Questions = make([]*Question, n)
		for i := range d.Questions {
			d.Questions[i] = r.question()
		}
	}
	return d
}

func (r *formReader) question() *Question {
	x := &Question{ID: r.str(), Text: r.text(), Help: r.text(), Weight: r.float(), Options: r.texts()}
	if _, isNil := r.count(); !isNil {
		x.Minimum = &Minimum{Level: r.int(), Basis: r.text(), Action: r.text()}
	}
	return x
}

// sane checks what the rest of the program relies on and Parse
// guarantees, so that a parsed form altered in the database is parsed
// again rather than trusted: unique ids, five options per question,
// positive weights, levels and targets on the scale.
func (q *Questionnaire) sane() bool {
	seen := map[string]bool{}
	fresh := func(id string) bool {
		if id == "" || seen[id] {
			return false
		}
		seen[id] = true
		return true
	}
	onScale := func(l int) bool { return l >= MinLevel && l <= MaxLevel }
	r := q.Rules
	if len(q.Languages) == 0 || len(q.Groups) == 0 || !onScale(r.DefaultTarget) || (r.MinimumCap != 0 && !onScale(r.MinimumCap)) || r.AnonymityThreshold < 1 {
		return false
	}
	for _, g := range q.Groups {
		if g == nil || !fresh("g:"+g.ID) || len(g.Dimensions) == 0 {
			return false
		}
		for _, d := range g.Dimensions {
			if d == nil || !fresh("d:"+d.ID) || !(d.Weight > 0) || (d.Target != 0 && !onScale(d.Target)) || len(d.Questions) == 0 {
				return false
			}
			for _, x := range d.Questions {
				if x == nil || !fresh("q:"+x.ID) || !(x.Weight > 0) || len(x.Options) != OptionCount || (x.Minimum != nil && !onScale(x.Minimum.Level)) {
					return false
				}
			}
		}
	}
	return true
}
