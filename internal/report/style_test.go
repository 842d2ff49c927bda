package report_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
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

// aliasBomb is a billion laughs: ten levels of nine aliases each, a
// billion values if the aliases were expanded, under one field.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("lol:\n  - &a0 [x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "  - &a%d [", i)
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String() + "organisation: *a9\n"
}

func TestLoadStyle(t *testing.T) {
	dir := t.TempDir()
	writeLogo(t, dir)
	os.WriteFile(filepath.Join(dir, "not-an-image.png"), []byte("text"), 0o644)
	os.Mkdir(filepath.Join(dir, "map"), 0o755)
	for _, c := range []struct{ name, src, want string }{
		{"unknown field", "organisation: Gemeente X\nkleur: rood\n", `s.yaml:2:1: unknown field "kleur" (expected the fields organisation, logo, colours {primary, accent}, font)`},
		{"bad colour", "colours:\n  primary: blue\n  accent: \"#12345\"\n", "s.yaml:2:12: colours.primary: \"blue\" is not a colour (expected #rrggbb, e.g. #1F4E79)\ns.yaml:3:11: colours.accent: \"#12345\" is not a colour (expected #rrggbb, e.g. #1F4E79)"},
		{"unknown colour", "colours: {primary: \"#112233\", secondary: \"#445566\"}\n", `s.yaml:1:31: colours: unknown field "secondary" (expected primary or accent)`},
		{"colours a list", "colours: [\"#112233\"]\n", "s.yaml:1:10: colours: is a list (expected a mapping {primary, accent})"},
		{"bad font", "font: comic\n", "s.yaml:1:7: font: \"comic\" is not an embedded font (expected sans or medium)"},
		{"missing logo", "logo: nope.png\n", "s.yaml:1:7: logo: cannot read DIR/nope.png (expected a PNG or JPEG file)"},
		{"not an image", "logo: not-an-image.png\n", "s.yaml:1:7: logo: DIR/not-an-image.png is not a PNG or JPEG image"},
		{"logo a folder", "logo: map\n", "s.yaml:1:7: logo: DIR/map is a folder (expected a PNG or JPEG file)"},
		{"endless logo", "logo: /dev/zero\n", "s.yaml:1:7: logo: /dev/zero is larger than 4194304 bytes (expected a PNG or JPEG file of at most 4 MiB)"},
		{"syntax", "colours: [\n", "s.yaml:1:10: sequence end token ']' not found (expected the fields organisation, logo, colours {primary, accent}, font)"},
		{"twice", "font: sans\nfont: medium\n", `s.yaml:2:1: mapping key "font" already defined at [1:1] (expected the fields organisation, logo, colours {primary, accent}, font)`},
		{"not a mapping", "- organisation\n", "s.yaml:1:1: is a list (expected the fields organisation, logo, colours {primary, accent}, font)"},
		{"two documents", "font: sans\n---\nfont: medium\n", "s.yaml:3:1: a second YAML document starts here (expected one style per file)"},
		{"control character", "organisation: \"Gemeente \\e[31mX\"\n", "s.yaml:1:15: organisation: contains the control character U+001B (expected plain text)"},
		{"alias bomb", aliasBomb(), `s.yaml:1:1: unknown field "lol" (expected the fields organisation, logo, colours {primary, accent}, font)
s.yaml:12:15: organisation: is a list (expected a text)`},
		{"deep", "colours: " + strings.Repeat("[", 60_000) + "\n", "s.yaml:1:74: nests deeper than 64 levels (expected the fields organisation, logo, colours {primary, accent}, font)"},
		{"many indicators", "organisation: " + strings.Repeat("- ", 5000) + "\n", "s.yaml:1:2013: has more than 1000 YAML indicators on one line (expected the fields organisation, logo, colours {primary, accent}, font)"},
		{"not UTF-8", "organisation: Gemeente \xff\n", "s.yaml:1:24: byte 0xFF is not UTF-8 (expected a file saved as UTF-8)"},
		{"too large", "organisation: " + strings.Repeat("x", report.MaxStyleBytes) + "\n", "s.yaml: is larger than 65536 bytes (expected a style file of a few lines, at most 65536 bytes)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, "s.yaml")
			os.WriteFile(path, []byte(c.src), 0o644)
			_, err := report.LoadStyle(path)
			var se *report.StyleError
			if !errors.As(err, &se) {
				t.Fatalf("LoadStyle = %v; want a *StyleError", err)
			}
			got := strings.ReplaceAll(strings.ReplaceAll(err.Error(), path, "s.yaml"), dir, "DIR")
			if got != c.want {
				t.Errorf("error:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// TestLoadStyle_Endless: an endless style file is read only up to its
// limit and refused.
func TestLoadStyle_Endless(t *testing.T) {
	_, err := report.LoadStyle("/dev/zero")
	if want := "/dev/zero: is larger than 65536 bytes (expected a style file of a few lines, at most 65536 bytes)"; err == nil || err.Error() != want {
		t.Errorf("LoadStyle(/dev/zero) = %v; want %s", err, want)
	}
}

// TestLoadStyle_Accepted: aliases to texts, a byte-order mark and an empty
// file are fine.
func TestLoadStyle_Accepted(t *testing.T) {
	for _, c := range []struct {
		src          string
		organisation string
		primary      string
	}{
		{"\uFEFForganisation: Gemeente X\n", "Gemeente X", "#1f4e79"},
		{"name: &n Gemeente Y\norganisation: *n\n", "", ""},
		{"colours: {primary: &p \"#112233\", accent: *p}\norganisation: Z\n", "Z", "#112233"},
		{"", "", "#1f4e79"},
	} {
		st, err := report.ParseStyle("s.yaml", []byte(c.src))
		if c.primary == "" {
			if err == nil || err.Error() != `s.yaml:1:1: unknown field "name" (expected the fields organisation, logo, colours {primary, accent}, font)` {
				t.Errorf("ParseStyle(%q) = %v; want the unknown field", c.src, err)
			}
			continue
		}
		if err != nil || st.Organisation != c.organisation || report.StyleColours(st)[0] != c.primary {
			t.Errorf("ParseStyle(%q) = %q, %v, %v; want %q and %s", c.src, st.Organisation, report.StyleColours(st), err, c.organisation, c.primary)
		}
	}
}

// pngClaiming is the start of a PNG whose header says it is w×h pixels of
// 8-bit RGBA: enough for image.DecodeConfig, nothing to decode.
func pngClaiming(w, h uint32) []byte {
	ihdr := []byte("IHDR\x00\x00\x00\x00\x00\x00\x00\x00\x08\x06\x00\x00\x00")
	binary.BigEndian.PutUint32(ihdr[4:], w)
	binary.BigEndian.PutUint32(ihdr[8:], h)
	out := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0d"), ihdr...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(ihdr))
}

// TestLoadStyle_Logo: a logo is refused beyond its limits before it is
// decoded; a large PNG is scaled down to 1200 pixels on its longer side
// and a 16-bit one written anew with 8 bits per channel.
func TestLoadStyle_Logo(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	encode := func(img image.Image) []byte {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	write("bom.png", pngClaiming(30000, 30000))
	write("wide.png", pngClaiming(4001, 10))
	write("big.bin", make([]byte, report.MaxLogoBytes+1))
	deep := image.NewRGBA64(image.Rect(0, 0, 4000, 3000))
	write("deep.png", encode(deep))
	large := image.NewNRGBA(image.Rect(0, 0, 3000, 1000))
	for y := 0; y < 1000; y++ {
		for x := 0; x < 3000; x++ {
			// Columns of two colours in turn: scaled down, each new pixel
			// averages two or three of them.
			c := color.NRGBA{200, 0, 0, 255}
			if x%2 == 1 {
				c = color.NRGBA{0, 0, 200, 255}
			}
			large.SetNRGBA(x, y, c)
		}
	}
	write("large.png", encode(large))
	sixteen := image.NewNRGBA64(image.Rect(0, 0, 40, 20))
	for i := range sixteen.Pix {
		sixteen.Pix[i] = 0xff
	}
	write("sixteen.png", encode(sixteen))

	for _, c := range []struct{ logo, want string }{
		{"bom.png", "DIR/bom.png is 30000×30000 pixels (expected at most 4000×4000)"},
		{"wide.png", "DIR/wide.png is 4001×10 pixels (expected at most 4000×4000)"},
		{"big.bin", "DIR/big.bin is larger than 4194304 bytes (expected a PNG or JPEG file of at most 4 MiB)"},
		{"deep.png", "DIR/deep.png is 4000×3000 pixels of 8 bytes each, 91 MiB decoded (expected at most 64 MiB: save it with 8 bits per channel, or smaller)"},
	} {
		_, err := report.ParseStyle(filepath.Join(dir, "s.yaml"), []byte("logo: "+c.logo+"\n"))
		if want := "DIR/s.yaml:1:7: logo: " + c.want; err == nil || strings.ReplaceAll(err.Error(), dir, "DIR") != want {
			t.Errorf("logo %s: %v\nwant %s", c.logo, err, want)
		}
	}

	for _, c := range []struct {
		logo          string
		width, height int
	}{{"large.png", 1200, 400}, {"sixteen.png", 40, 20}} {
		st, err := report.ParseStyle(filepath.Join(dir, "s.yaml"), []byte("logo: "+c.logo+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(st.Logo))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != c.width || b.Dy() != c.height || st.LogoType != "png" {
			t.Errorf("%s: the logo is %v %s; want %d×%d png", c.logo, b, st.LogoType, c.width, c.height)
		}
		if _, ok := img.(*image.RGBA); !ok {
			t.Errorf("%s: the logo is %T; want 8 bits per channel (*image.RGBA)", c.logo, img)
		}
		if c.logo == "large.png" {
			// New column 600 is source columns 1500–1502: red, blue, red.
			if got := img.At(600, 200).(color.RGBA); got != (color.RGBA{133, 0, 67, 255}) {
				t.Errorf("pixel (600, 200) is %v; want the average of red, blue and red {133 0 67 255}", got)
			}
		}
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

// FuzzParseStyle: the style loader never panics on any input, and takes
// no time or memory out of proportion: the seeds are an alias bomb, deep
// nesting, a line of many indicators and bytes that are not UTF-8.
func FuzzParseStyle(f *testing.F) {
	f.Add([]byte("organisation: X\ncolours: {primary: \"#112233\"}\nfont: sans\n"))
	f.Add([]byte("logo: /dev/null\n"))
	f.Add([]byte("colours: [\n"))
	f.Add([]byte(aliasBomb()))
	f.Add([]byte("colours: {primary: &p \"#112233\", accent: *p}\n"))
	f.Add([]byte("colours: " + strings.Repeat("[", 200) + "\n"))
	f.Add([]byte(strings.Repeat("- ", 70) + "x\n"))
	f.Add([]byte("organisation: " + strings.Repeat("- ", 1200) + "\n"))
	f.Add([]byte("\uFEFForganisation: \"\\e]0;title\\a\"\n"))
	f.Add([]byte("organisation: \xff\xfe\n"))
	f.Add([]byte("<<: *a\nfont: sans\n---\nfont: medium\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		st, err := report.ParseStyle("fuzz.yaml", src)
		if err == nil && st.Font != "sans" && st.Font != "medium" {
			t.Fatalf("accepted font %q", st.Font)
		}
		if err == nil && strings.ContainsFunc(st.Organisation, func(r rune) bool { return r < 0x20 }) {
			t.Fatalf("accepted the organisation %q with a control character", st.Organisation)
		}
	})
}
