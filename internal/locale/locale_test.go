package locale_test

import (
	"testing"

	"github.com/maturity-nl/maturity/internal/locale"
)

func TestShown(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{
		{1, 1}, {2.94, 2.9}, {2.95, 2.9}, {2.96, 2.9}, {2.9999, 2.9}, {3, 3}, {2.9999999999, 3},
		{3.04, 3}, {3.05, 3.1}, {3.583, 3.6}, {433.0 / 144, 3}, {4.96, 4.9}, {5, 5}, {13.0 / 9, 1.4},
	} {
		if got := locale.Shown(c.in); got != c.want {
			t.Errorf("Shown(%v) = %v; want %v", c.in, got, c.want)
		}
	}
}

func TestWrite(t *testing.T) {
	s := 2.96
	for _, c := range []struct{ got, want string }{
		{locale.Score(&s, "nl"), "2,9"},
		{locale.Score(&s, "en"), "2.9"},
		{locale.Score(nil, "nl"), "–"},
		{locale.Bound(3.498, "nl"), "3,5"},
		{locale.Bound(3.96, "nl"), "3,9"},
		{locale.Bound(1, "en"), "1.0"},
		{locale.Delta(1.50, 2.13, "nl"), "+0,6"},
		{locale.Delta(2.96, 3.04, "en"), "+0.1"},
		{locale.Delta(2.2, 1.5, "nl"), "−0,7"},
		{locale.Delta(2.21, 2.24, "en"), "±0.0"},
		{locale.Margin(0.04, "nl"), "< 0,1"},
		{locale.Margin(0.05, "en"), "0.1"},
		{locale.Margin(0.83, "nl"), "0,8"},
		{locale.Rule(3, "nl"), "3"},
		{locale.Rule(2.5, "nl"), "2,5"},
		{locale.Percent(1.0 / 6), "17%"},
	} {
		if c.got != c.want {
			t.Errorf("got %q; want %q", c.got, c.want)
		}
	}
}
