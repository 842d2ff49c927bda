package questionnaire

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestUnparsed: the parsed form reads back as the questionnaire Parse
// gives, and only for the file it was made of.
func TestUnparsed(t *testing.T) {
	src, q := defaultQuestionnaire(t)
	parsed, err := q.Parsed()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Unparsed(src, parsed)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, q) {
		t.Error("the parsed form reads back as another questionnaire")
	}
	if d := back.Question(q.Questions()[0].ID).Dimension; d == nil || d.Group == nil {
		t.Error("the questions read back are not linked to their dimension and group")
	}
	other := append([]byte{}, src...)
	other = append(other, '\n')
	if _, err := Unparsed(other, parsed); !errors.Is(err, ErrStaleParsed) {
		t.Errorf("a parsed form of another file: %v, want ErrStaleParsed", err)
	}
	if again, _ := q.Parsed(); !bytes.Equal(again, parsed) {
		t.Error("the same questionnaire gives another parsed form")
	}
	json := []byte(`{"format":1,"questionnaire":{"digest":"` + q.Digest + `"}}`)
	if _, err := Unparsed(src, json); !errors.Is(err, ErrStaleParsed) {
		t.Errorf("a parsed form of format 1 (JSON): %v, want ErrStaleParsed", err)
	}
	next := append([]byte(parsedMagic), byte(parsedFormat+1))
	next = append(next, parsed[len(parsedMagic)+1:]...)
	if _, err := Unparsed(src, next); !errors.Is(err, ErrStaleParsed) {
		t.Errorf("a parsed form of format %d: %v, want ErrStaleParsed", parsedFormat+1, err)
	}
}

// TestUnparsed_Valid: every valid file of the tests reads back from its
// parsed form as Parse gives it, whatever it leaves out or sets.
func TestUnparsed_Valid(t *testing.T) {
	files, err := filepath.Glob("testdata/valid/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no valid files: %v", err)
	}
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		q, err := Parse(name, src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		back, err := Unparsed(src, mustParsed(t, q))
		if err != nil {
			t.Errorf("%s: %v", name, err)
		} else if !reflect.DeepEqual(back, q) {
			t.Errorf("%s reads back from its parsed form as another questionnaire", name)
		}
	}
}

// TestUnparsed_Altered: a parsed form altered in the database, with its
// digest left as it was, is stale when it holds what Parse never gives.
func TestUnparsed_Altered(t *testing.T) {
	src, q := defaultQuestionnaire(t)
	cases := []struct {
		name  string
		alter func(q *Questionnaire)
	}{
		{"a question weight of 0", func(q *Questionnaire) { q.Groups[0].Dimensions[0].Questions[0].Weight = 0 }},
		{"an infinite question weight", func(q *Questionnaire) { q.Groups[0].Dimensions[0].Questions[0].Weight = math.Inf(1) }},
		{"a dimension weight that is not a number", func(q *Questionnaire) { q.Groups[1].Dimensions[0].Weight = math.NaN() }},
		{"an infinite stage level", func(q *Questionnaire) { q.Rules.StageLevel = math.Inf(-1) }},
		{"four options", func(q *Questionnaire) { x := q.Groups[0].Dimensions[0].Questions[0]; x.Options = x.Options[:4] }},
		{"a duplicate question id", func(q *Questionnaire) {
			d := q.Groups[0].Dimensions[0]
			d.Questions[1].ID = d.Questions[0].ID
		}},
		{"a minimum off the scale", func(q *Questionnaire) { q.Minimums()[0].Minimum.Level = 6 }},
		{"a text that is not UTF-8", func(q *Questionnaire) { q.Groups[0].Name["nl"] = "Analyse\xff" }},
		{"a language key that is not UTF-8", func(q *Questionnaire) { q.Title["\xc3"] = "x" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			altered, err := Unparsed(src, mustParsed(t, q))
			if err != nil {
				t.Fatal(err)
			}
			c.alter(altered)
			if _, err := Unparsed(src, mustParsed(t, altered)); !errors.Is(err, ErrStaleParsed) {
				t.Errorf("got %v, want ErrStaleParsed", err)
			}
		})
	}
}

// TestUnparsed_Damaged: a parsed form cut short anywhere, or with bytes
// after its end, is stale; one with any byte changed is stale or holds
// what Parse guarantees (a changed letter of a text is still a text), and
// never panics.
func TestUnparsed_Damaged(t *testing.T) {
	src, q := defaultQuestionnaire(t)
	parsed := mustParsed(t, q)
	// Every prefix up to the first texts, then every 499th: each field's
	// reader meets the end of the form somewhere.
	for n := 0; n < len(parsed); n++ {
		if n > 512 && n%499 != 0 {
			continue
		}
		if _, err := Unparsed(src, parsed[:n]); !errors.Is(err, ErrStaleParsed) {
			t.Fatalf("the first %d of %d bytes: %v, want ErrStaleParsed", n, len(parsed), err)
		}
	}
	if _, err := Unparsed(src, append(append([]byte{}, parsed...), 0)); !errors.Is(err, ErrStaleParsed) {
		t.Errorf("a byte after the end: %v, want ErrStaleParsed", err)
	}
	changed := append([]byte{}, parsed...)
	for i := 0; i < len(changed); i += 997 {
		for _, b := range []byte{0x00, 0x7f, 0x80, 0xff} {
			was := changed[i]
			changed[i] = b
			if got, err := Unparsed(src, changed); err == nil && !got.sane() {
				t.Fatalf("byte %d set to %#x: an unsound questionnaire read back", i, b)
			}
			changed[i] = was
		}
	}
}

// TestUnparsed_HugeCount: a count beyond the bytes left is refused before
// anything is made for it.
func TestUnparsed_HugeCount(t *testing.T) {
	src, q := defaultQuestionnaire(t)
	w := formWriter{}
	w.b = append(w.b, parsedMagic...)
	w.uint(parsedFormat)
	w.str(q.Digest)
	w.str(q.ID)
	w.int(q.Version)
	w.uint(1 << 40) // the number of languages
	form := w.b
	allocs := testing.AllocsPerRun(10, func() {
		if _, err := Unparsed(src, form); !errors.Is(err, ErrStaleParsed) {
			t.Fatalf("got %v, want ErrStaleParsed", err)
		}
	})
	if allocs > 4 {
		t.Errorf("%v allocations for a form that claims 2^40 languages, want at most 4", allocs)
	}
}

// TestUnparsed_TinyQuestions: a form of MaxParsedSize made of the
// smallest questions that pass every check, hundreds of thousands of them
// (no file could hold that many), is stale once it holds more values than
// maxParsedValues, before reading it allocates eight times its size.
func TestUnparsed_TinyQuestions(t *testing.T) {
	src, q := defaultQuestionnaire(t)
	w := formWriter{}
	w.b = append(w.b, parsedMagic...)
	w.uint(parsedFormat)
	w.str(q.Digest)
	w.str("tiny")
	w.int(1)
	w.count(false, 1)
	w.str("nl")
	w.text(Text{"nl": "Tiny"})
	w.text(nil)
	w.texts(q.Levels)
	rules := DefaultRules()
	w.float(rules.StageLevel)
	w.bool(rules.FoundationCap)
	w.int(rules.MinimumCap)
	w.int(rules.ConsensusSpread)
	w.int(rules.AnonymityThreshold)
	w.int(rules.DefaultTarget)
	var questions formWriter
	n := 0
	for ; len(questions.b) < MaxParsedSize-4096; n++ {
		questions.question(&Question{ID: strconv.FormatInt(int64(n), 36), Weight: 1, Options: make([]Text, OptionCount)})
	}
	w.count(false, 1)
	w.group(&Group{ID: "g", Dimensions: []*Dimension{}})
	w.b = w.b[:len(w.b)-1] // the group's dimensions, written again below
	w.count(false, 1)
	w.dimension(&Dimension{ID: "d", Weight: 1, Questions: []*Question{}})
	w.b = w.b[:len(w.b)-1] // the dimension's questions
	w.count(false, n)
	w.b = append(w.b, questions.b...)
	if len(w.b) > MaxParsedSize {
		t.Fatalf("the form is %d bytes, beyond MaxParsedSize", len(w.b))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Unparsed(src, w.b)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrStaleParsed) {
		t.Errorf("%d questions: %v, want ErrStaleParsed", n, err)
	}
	if got, most := after.TotalAlloc-before.TotalAlloc, uint64(8*len(w.b)); got > most {
		t.Errorf("reading a form of %d MB allocated %d MB, want at most %d", len(w.b)>>20, got>>20, most>>20)
	}
}

// TestParsed_Fields lists the fields the parsed form holds: a field added
// to the questionnaire's types fails here until Parsed and Unparsed write
// and read it and parsedFormat is raised.
func TestParsed_Fields(t *testing.T) {
	want := map[reflect.Type]string{
		reflect.TypeFor[Questionnaire](): "ID Version Languages Title Description Levels Rules Groups Digest Source dims qs dimByID qByID",
		reflect.TypeFor[Rules]():         "StageLevel FoundationCap MinimumCap ConsensusSpread AnonymityThreshold DefaultTarget",
		reflect.TypeFor[Group]():         "ID Kind Name Description Dimensions",
		reflect.TypeFor[Dimension]():     "ID Name Description Weight Target Recommendations Questions Group",
		reflect.TypeFor[Question]():      "ID Text Help Weight Options Minimum Dimension",
		reflect.TypeFor[Minimum]():       "Level Basis Action",
	}
	for typ, fields := range want {
		var got []string
		for i := range typ.NumField() {
			got = append(got, typ.Field(i).Name)
		}
		if strings.Join(got, " ") != fields {
			t.Errorf("%s has the fields %s; the parsed form holds %s", typ.Name(), strings.Join(got, " "), fields)
		}
	}
}

func defaultQuestionnaire(t testing.TB) ([]byte, *Questionnaire) {
	t.Helper()
	src, err := os.ReadFile("../../questionnaires/gemeente-datagedreven.yaml")
	if err != nil {
		t.Fatal(err)
	}
	q, err := Parse("q.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	return src, q
}

func mustParsed(t testing.TB, q *Questionnaire) []byte {
	t.Helper()
	parsed, err := q.Parsed()
	if err != nil {
		t.Fatal(err)
	}
	return parsed
}

// BenchmarkUnparsed is reading a stored round's questionnaire from its
// parsed form; BenchmarkParse the same from the file.
func BenchmarkUnparsed(b *testing.B) {
	src, q := defaultQuestionnaire(b)
	parsed := mustParsed(b, q)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := Unparsed(src, parsed); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("../../questionnaires/gemeente-datagedreven.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for range b.N {
		if _, err := Parse("q.yaml", src); err != nil {
			b.Fatal(err)
		}
	}
}

// TestUnparsed_TooLarge: a parsed form beyond MaxParsedSize is stale before
// any of it is decoded, however it ends.
func TestUnparsed_TooLarge(t *testing.T) {
	huge := make([]byte, MaxParsedSize+1)
	for i := range huge {
		huge[i] = ' '
	}
	huge[0] = '{'
	if _, err := Unparsed([]byte("id: x\n"), huge); !errors.Is(err, ErrStaleParsed) {
		t.Errorf("got %v, want ErrStaleParsed", err)
	}
}
