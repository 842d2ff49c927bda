package questionnaire

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestUnparsed: the parsed form reads back as the questionnaire Parse
// gives, and only for the file it was made of.
func TestUnparsed(t *testing.T) {
	src, err := os.ReadFile("../../questionnaires/gemeente-datagedreven.yaml")
	if err != nil {
		t.Fatal(err)
	}
	q, err := Parse("q.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
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
	altered := []byte(strings.Replace(string(parsed), `"weight":1`, `"weight":0`, 1))
	if _, err := Unparsed(src, altered); !errors.Is(err, ErrStaleParsed) {
		t.Errorf("a parsed form with a weight of 0: %v, want ErrStaleParsed", err)
	}
	stale := []byte(`{"format":0,"questionnaire":{"digest":"` + q.Digest + `"}}`)
	if _, err := Unparsed(src, stale); !errors.Is(err, ErrStaleParsed) {
		t.Errorf("a parsed form of another format: %v, want ErrStaleParsed", err)
	}
}

// BenchmarkUnparsed is reading a stored round's questionnaire from its
// parsed form; BenchmarkParse the same from the file.
func BenchmarkUnparsed(b *testing.B) {
	src, err := os.ReadFile("../../questionnaires/gemeente-datagedreven.yaml")
	if err != nil {
		b.Fatal(err)
	}
	q, err := Parse("q.yaml", src)
	if err != nil {
		b.Fatal(err)
	}
	parsed, _ := q.Parsed()
	b.ReportAllocs()
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
