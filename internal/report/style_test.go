package report_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/report"
)

// writeLogo writes a small PNG into dir.
func writeLogo(t testing.TB, dir string) {
	img := image.NewRGBA(image.Rect(0, 0, 60, 20))
	for x := 0; x < 60; x++ {
		for y := 0; y < 20; y++ {
			img.Set(x, y, color.RGBA{0, uint8(100 + x), 60, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "logo.png"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadStyle(t *testing.T) {
	dir := t.TempDir()
	writeLogo(t, dir)
	os.WriteFile(filepath.Join(dir, "not-an-image.png"), []byte("text"), 0o644)
	for _, c := range []struct{ name, src, want string }{
		{"unknown field", "organisation: Gemeente X\nkleur: rood\n", "s.yaml:2:1: unknown field \"kleur\""},
		{"bad colour", "colours:\n  primary: blue\n  accent: \"#12345\"\n", "s.yaml:2:12: colours.primary: \"blue\" is not a colour (expected #rrggbb, e.g. #1F4E79)\ns.yaml:3:11: colours.accent: \"#12345\" is not a colour (expected #rrggbb, e.g. #1F4E79)"},
		{"bad font", "font: comic\n", "s.yaml:1:7: font: \"comic\" is not an embedded font (expected sans or medium)"},
		{"missing logo", "logo: nope.png\n", "s.yaml:1:7: logo: cannot read " + filepath.Join(dir, "nope.png") + " (expected a PNG or JPEG file)"},
		{"not an image", "logo: not-an-image.png\n", "s.yaml:1:7: logo: " + filepath.Join(dir, "not-an-image.png") + " is not a PNG or JPEG image"},
		{"syntax", "colours: [\n", "s.yaml:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, "s.yaml")
			os.WriteFile(path, []byte(c.src), 0o644)
			_, err := report.LoadStyle(path)
			var se *report.StyleError
			if !errors.As(err, &se) {
				t.Fatalf("LoadStyle = %v; want a *StyleError", err)
			}
			got := strings.ReplaceAll(err.Error(), path, "s.yaml")
			if !strings.HasPrefix(got, c.want) {
				t.Errorf("error:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// TestStyle_Applied: the organisation, logo and colours reach both formats.
func TestStyle_Applied(t *testing.T) {
	dir := t.TempDir()
	writeLogo(t, dir)
	path := filepath.Join(dir, "huisstijl.yaml")
	os.WriteFile(path, []byte("organisation: Gemeente Groenstad\nlogo: logo.png\ncolours: {primary: \"#2E7D32\", accent: \"#6A1B9A\"}\nfont: medium\n"), 0o644)
	st, err := report.LoadStyle(path)
	if err != nil {
		t.Fatal(err)
	}
	in := department(defaultQuestionnaire(t), "nl", 6, 0)
	in.Style, in.Organisation = st, st.Organisation
	pdf := render(t, in)
	if !bytes.Contains(pdf, []byte("/Subtype /Image")) {
		t.Errorf("the PDF lacks the logo")
	}
	plain := department(defaultQuestionnaire(t), "nl", 6, 0)
	if bytes.Equal(pdf[len(pdf)/2:], render(t, plain)[len(pdf)/2:]) {
		t.Errorf("the style changed nothing")
	}
	if !bytes.Equal(pdf, render(t, in)) {
		t.Errorf("a styled report is not deterministic")
	}
	page := renderHTML(t, in)
	for _, w := range []string{`src="data:image/png;base64,`, `alt="Gemeente Groenstad"`, "--primary: #2e7d32", "--accent: #6a1b9a", "font-weight: 500"} {
		if !strings.Contains(page, w) {
			t.Errorf("the HTML lacks %q", w)
		}
	}
}

// FuzzParseStyle: the style loader never panics on any input.
func FuzzParseStyle(f *testing.F) {
	f.Add([]byte("organisation: X\ncolours: {primary: \"#112233\"}\nfont: sans\n"))
	f.Add([]byte("logo: /dev/null\n"))
	f.Add([]byte("colours: [\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		st, err := report.ParseStyle("fuzz.yaml", src)
		if err == nil && st.Font != "sans" && st.Font != "medium" {
			t.Fatalf("accepted font %q", st.Font)
		}
	})
}
