package report

import (
	"fmt"
	"math"
	"testing"
)

// contrast is the WCAG 2.1 contrast ratio of two colours.
func contrast(a, b colour) float64 {
	lum := func(c colour) float64 {
		ch := func(v int) float64 {
			s := float64(v) / 255
			if s <= 0.03928 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(c.r) + 0.7152*ch(c.g) + 0.0722*ch(c.b)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// TestPalette_Contrast: the one palette keeps WCAG 2.1 AA. Text (white on
// every level colour, ink and muted on white and on the shaded rows) at
// least 4.5:1; chart marks (the level colours on white and on the empty
// track, the grid, the default style's primary and accent) at least 3:1.
// The ratios are the ones the report's documentation quotes.
func TestPalette_Contrast(t *testing.T) {
	white := colour{255, 255, 255}
	st := DefaultStyle()
	for _, c := range []struct {
		name    string
		fg, bg  colour
		want    string
		atLeast float64
	}{
		{"white on level 0 (no score)", white, levelInk[0], "4.69", 4.5},
		{"white on level 1", white, levelInk[1], "6.57", 4.5},
		{"white on level 2", white, levelInk[2], "5.50", 4.5},
		{"white on level 3", white, levelInk[3], "4.92", 4.5},
		{"white on level 4", white, levelInk[4], "5.13", 4.5},
		{"white on level 5", white, levelInk[5], "7.11", 4.5},
		{"ink on white", ink, white, "15.43", 4.5},
		{"muted on white", muted, white, "8.18", 4.5},
		{"ink on a shaded row", ink, light, "13.22", 4.5},
		{"muted on a shaded row", muted, light, "7.01", 4.5},
		{"level 3 on the empty track", levelInk[3], light, "4.22", 3},
		{"grid on white", grid, white, "3.32", 3},
		{"primary on white", st.Primary, white, "8.66", 3},
		{"accent on white", st.Accent, white, "6.51", 3},
		{"accent on the empty track", st.Accent, light, "5.58", 3},
		{"white on primary (cover)", white, st.Primary, "8.66", 4.5},
	} {
		got := contrast(c.fg, c.bg)
		if s := fmt.Sprintf("%.2f", got); s != c.want || got < c.atLeast {
			t.Errorf("%s: %s:1; want %s:1 (at least %.1f:1)", c.name, s, c.want, c.atLeast)
		}
	}
	// Each colour one meaning: the style's colours are none of the levels'.
	for l, c := range levelInk {
		if c == st.Primary || c == st.Accent {
			t.Errorf("level %d's colour %s is also a style colour", l, c.hex())
		}
	}
}

// TestPaletteCSS: the HTML gets the PDF's colours.
func TestPaletteCSS(t *testing.T) {
	want := ":root { --ink: #212529; --muted: #495057; --light: #e9eef4; --rule: #c8cdd2; --grid: #868e96; }\n" +
		".l0 { background: #6c757d; color: #fff; }\n.l1 { background: #b71c1c; color: #fff; }\n.l2 { background: #b34700; color: #fff; }\n" +
		".l3 { background: #8a6d00; color: #fff; }\n.l4 { background: #2e7d32; color: #fff; }\n.l5 { background: #00607a; color: #fff; }\n"
	if got := paletteCSS(); got != want {
		t.Errorf("paletteCSS:\n%s\nwant\n%s", got, want)
	}
}
