package report

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	_ "image/jpeg" // image.DecodeConfig recognises JPEG logos
	"image/png"
	"io"
	"io/fs"
	"os"
)

// Limits of a logo, checked before it is decoded: its file size, then the
// size in pixels that its header gives (a PNG of a few megabytes can claim
// 30000×30000 pixels, 3.6 GB decoded).
const (
	// MaxLogoBytes is the largest logo file that is read.
	MaxLogoBytes = 4 << 20
	// MaxLogoSide is the most pixels a logo may have on either side.
	MaxLogoSide = 4000
	// MaxLogoDecoded is the most memory a PNG logo may take decoded: 4000
	// by 4000 pixels of 8-bit RGBA fit, the same with 16 bits per channel
	// do not.
	MaxLogoDecoded = 64 << 20
	// logoSide is the most pixels a PNG logo keeps on its longer side: a
	// larger one is scaled down (the cover shows it at most 50 mm wide,
	// 1200 pixels are 600 dpi there), so that the reports do not carry
	// pixels nobody sees.
	logoSide = 1200
)

// loadLogo reads a logo file for the reports: a JPEG as it is (the PDF
// embeds its data without decoding it), a PNG decoded and written anew as
// an 8-bit PNG of at most logoSide pixels on its longer side, which every
// PDF and HTML reader takes. problem says what is wrong, or is "".
func loadLogo(path string) (data []byte, format, problem string) {
	const expected = "expected a PNG or JPEG file"
	if info, err := os.Stat(path); err == nil && info.Mode()&os.ModeNamedPipe != 0 {
		// Opening a named pipe waits for a writer, and no signal ends
		// that wait.
		return nil, "", fmt.Sprintf("%s is a named pipe (%s)", path, expected)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", fmt.Sprintf("cannot read %s (%s)", path, expected)
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, "", fmt.Sprintf("%s is a folder (%s)", path, expected)
	}
	data, err = io.ReadAll(io.LimitReader(f, MaxLogoBytes+1))
	var perr *fs.PathError
	switch {
	case errors.As(err, &perr):
		return nil, "", fmt.Sprintf("cannot read %s (%s)", path, expected)
	case err != nil:
		return nil, "", fmt.Sprintf("cannot read %s: %v (%s)", path, err, expected)
	case len(data) > MaxLogoBytes:
		return nil, "", fmt.Sprintf("%s is larger than %d bytes (expected a PNG or JPEG file of at most 4 MiB)", path, MaxLogoBytes)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "jpeg") {
		return nil, "", fmt.Sprintf("%s is not a PNG or JPEG image", path)
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxLogoSide || cfg.Height > MaxLogoSide {
		return nil, "", fmt.Sprintf("%s is %d×%d pixels (expected at most %d×%d)", path, cfg.Width, cfg.Height, MaxLogoSide, MaxLogoSide)
	}
	if format == "jpeg" {
		return data, format, ""
	}
	if size := cfg.Width * cfg.Height * bytesPerPixel(cfg.ColorModel); size > MaxLogoDecoded {
		return nil, "", fmt.Sprintf("%s is %d×%d pixels of %d bytes each, %d MiB decoded (expected at most %d MiB: save it with 8 bits per channel, or smaller)",
			path, cfg.Width, cfg.Height, bytesPerPixel(cfg.ColorModel), size>>20, MaxLogoDecoded>>20)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, "", fmt.Sprintf("%s is a damaged PNG image (%v)", path, err)
	}
	data, err = encodeLogo(img)
	if err != nil {
		return nil, "", fmt.Sprintf("%s cannot be written anew as a PNG image (%v)", path, err)
	}
	return data, "png", ""
}

// bytesPerPixel is how much memory one pixel of a decoded PNG takes.
func bytesPerPixel(m color.Model) int {
	switch m {
	case color.GrayModel:
		return 1
	case color.Gray16Model:
		return 2
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 4
}

// encodeLogo writes img as an 8-bit PNG, scaled down to at most logoSide
// pixels on its longer side by averaging the pixels each new pixel covers
// (a box filter, in one pass over the rows, so that it needs no memory
// beyond the two images). The same image gives the same bytes.
func encodeLogo(img image.Image) ([]byte, error) {
	b := img.Bounds()
	sw, sh := b.Dx(), b.Dy()
	w, h := sw, sh
	if long := max(w, h); long > logoSide {
		w, h = max(1, w*logoSide/long), max(1, h*logoSide/long)
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	row := image.NewRGBA(image.Rect(0, 0, sw, 1))
	// cols[x] is the new column that source column x falls in, and
	// perCol the number of source columns in each new one.
	cols := make([]int, sw)
	perCol := make([]uint64, w)
	for x := range cols {
		cols[x] = x * w / sw
		perCol[cols[x]]++
	}
	sum := make([]uint64, 4*w)
	rows := uint64(0)
	flush := func(y int) {
		for x := 0; x < w; x++ {
			n := perCol[x] * rows
			for c := 0; c < 4; c++ {
				out.Pix[y*out.Stride+4*x+c] = uint8((sum[4*x+c] + n/2) / n)
				sum[4*x+c] = 0
			}
		}
		rows = 0
	}
	for y := 0; y < sh; y++ {
		// The source row in 8-bit premultiplied RGBA, which averages
		// correctly where the logo is transparent.
		draw.Draw(row, row.Bounds(), img, image.Pt(b.Min.X, b.Min.Y+y), draw.Src)
		for x := 0; x < sw; x++ {
			o := 4 * cols[x]
			sum[o] += uint64(row.Pix[4*x])
			sum[o+1] += uint64(row.Pix[4*x+1])
			sum[o+2] += uint64(row.Pix[4*x+2])
			sum[o+3] += uint64(row.Pix[4*x+3])
		}
		rows++
		if y == sh-1 || (y+1)*h/sh != y*h/sh {
			flush(y * h / sh)
		}
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
