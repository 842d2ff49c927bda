package scoring_test

import (
	"testing"

	"github.com/maturity-nl/maturity/internal/scoring"
)

func TestParseValue(t *testing.T) {
	for in, want := range map[string]scoring.Value{"1": 1, "5": 5, " 2 ": 2, "dk": scoring.DontKnow, "NA": scoring.NotApplicable} {
		got, err := scoring.ParseValue(in)
		if err != nil || got != want {
			t.Errorf("ParseValue(%q) = %v, %v; want %v", in, got, err, want)
		}
		if back, _ := scoring.ParseValue(got.String()); back != got {
			t.Errorf("%v does not round-trip through String", got)
		}
	}
	for _, in := range []string{"", "0", "6", "-1", "2.5", "yes", "04"} {
		if _, err := scoring.ParseValue(in); err == nil {
			t.Errorf("ParseValue(%q) accepted", in)
		}
	}
}

func TestParseLegacyValue(t *testing.T) {
	for in, want := range map[string]scoring.Value{"0": 1, "4": 5, " 2 ": 3, "DK": scoring.DontKnow, "na": scoring.NotApplicable} {
		got, err := scoring.ParseLegacyValue(in)
		if err != nil || got != want {
			t.Errorf("ParseLegacyValue(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "5", "-1", "1.5"} {
		if _, err := scoring.ParseLegacyValue(in); err == nil {
			t.Errorf("ParseLegacyValue(%q) accepted", in)
		}
	}
}
