package questionnaire

import (
	"errors"
	"os"
	"testing"
)

// FuzzUnparsed: whatever bytes stand in the database as a file's parsed
// form, Unparsed never panics, and what it accepts is a questionnaire of
// that file that holds what Parse guarantees; anything else is
// ErrStaleParsed, and the file is parsed instead.
func FuzzUnparsed(f *testing.F) {
	src, err := os.ReadFile("testdata/valid/minimal.yaml")
	if err != nil {
		f.Fatal(err)
	}
	q, err := Parse("minimal.yaml", src)
	if err != nil {
		f.Fatal(err)
	}
	parsed, err := q.Parsed()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(parsed)
	f.Add(parsed[:len(parsed)/2])
	f.Add([]byte(`{"format":1}`))
	f.Fuzz(func(t *testing.T, form []byte) {
		got, err := Unparsed(src, form)
		if err != nil {
			if !errors.Is(err, ErrStaleParsed) {
				t.Fatalf("Unparsed: %v, want ErrStaleParsed", err)
			}
			return
		}
		if got.Digest != q.Digest || !got.sane() {
			t.Fatalf("accepted a form that is not of this file or not sound: digest %s", got.Digest)
		}
	})
}
