package exchange

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"
	"testing/iotest"
)

// FuzzGuard: the guard changes nothing a parser sees in a file within its
// limits. A CSV file passes byte for byte; a JSON file passes with its runs
// of white space outside strings made one byte, which JSON does not tell
// from the whole run: valid stays valid, with the same compact form, and
// invalid stays invalid. Read one byte at a time or all at once, the same
// bytes pass.
func FuzzGuard(f *testing.F) {
	f.Add([]byte("department,note\nA,\"twee\n  regels\"\n"), false)
	f.Add([]byte("[\n  {\"a\": \"x  \\\"  y\"},\n\n  {\"b\": [1,   2]}\n]\n"), true)
	f.Add([]byte("[1 2]"), true)
	f.Add([]byte("  \"\\\\\"  "), true)
	f.Fuzz(func(t *testing.T, src []byte, isJSON bool) {
		if bytes.IndexByte(src, 0) >= 0 {
			return // refused, as TestReadCSV_Hostile checks
		}
		out, err := io.ReadAll(newGuard(bytes.NewReader(src), isJSON))
		if err != nil {
			t.Fatalf("a small file without NUL broke a limit: %v", err)
		}
		slow, err := io.ReadAll(newGuard(iotest.OneByteReader(bytes.NewReader(src)), isJSON))
		if err != nil || !bytes.Equal(slow, out) {
			t.Fatalf("one byte at a time: %q, %v; all at once: %q", slow, err, out)
		}
		if !isJSON {
			if !bytes.Equal(out, src) {
				t.Fatalf("CSV changed: %q became %q", src, out)
			}
			return
		}
		if json.Valid(src) != json.Valid(out) {
			t.Fatalf("valid %v became %v: %q passed as %q", json.Valid(src), json.Valid(out), src, out)
		}
		if json.Valid(src) {
			var a, b bytes.Buffer
			json.Compact(&a, src)
			json.Compact(&b, out)
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatalf("%q passed as %q", src, out)
			}
		}
	})
}

// TestGuard_Lines: the lines of JSON rows are where they start, whatever
// the white space before them.
func TestGuard_Lines(t *testing.T) {
	g := newGuard(bytes.NewReader([]byte("\n[ {\"a\":\n1},\n\n\n  \"x\"  ,\n[\n]]\n\n  {}")), true)
	if _, err := io.ReadAll(g); err != nil {
		t.Fatal(err)
	}
	var got []int
	for len(g.starts) > 0 {
		got = append(got, g.nextRow())
	}
	if want := []int{2, 6, 7}; !equalInts(got, want) || g.outsideLine(0) != 2 || g.outsideLine(1) != 10 {
		t.Errorf("rows start on %v, outside on %d and %d; want %v, 2 and 10", got, g.outsideLine(0), g.outsideLine(1), want)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
