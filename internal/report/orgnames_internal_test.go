package report

import (
	"strings"
	"testing"
)

func TestDistinguishing(t *testing.T) {
	names := []string{"Documentaire Informatievoorziening Oud-Zuid", "Burgerzaken", "Documentaire Informatievoorziening",
		"Documentaire Informatievoorziening Centrum", "Burgerzaken Noord", "Documentaire Zaken", "Burger"}
	got := distinguishing(names)
	// The shared start in whole words: "Burger" is no word of "Burgerzaken".
	want := []int{34, 11, 34, 34, 11, 12, 0}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%q: the distinguishing part starts at %d, want %d", names[i], got[i], want[i])
		}
	}
	if got := distinguishing(nil); len(got) != 0 {
		t.Errorf("distinguishing(nil) = %v", got)
	}
}

func TestFitName(t *testing.T) {
	p := testPDF()
	p.font("", 7.5)
	const w = 40.0
	name := "Documentaire Informatievoorziening Oud-Zuid"
	got := p.fitName(name, 34, w)
	if got != "Documentaire Inform… Oud-Zuid" || p.GetStringWidth(got) > w {
		t.Errorf("fitName = %q (%.1f mm); want the start shortened, the tail kept, within %.0f mm", got, p.GetStringWidth(got), w)
	}
	// A name that fits stays whole; one whose tail is too long to keep is
	// cut at its end.
	if got := p.fitName("Burgerzaken Noord", 11, w); got != "Burgerzaken Noord" {
		t.Errorf("a name that fits became %q", got)
	}
	long := "Documentaire Informatievoorziening " + strings.Repeat("Buitengebied", 3)
	if got := p.fitName(long, 34, w); !strings.HasPrefix(got, "Documentaire Informatie") || !strings.HasSuffix(got, "…") {
		t.Errorf("a name with a long tail became %q", got)
	}
}
