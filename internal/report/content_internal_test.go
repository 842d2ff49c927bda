package report

import (
	"reflect"
	"testing"
)

// TestDocumentTitle: a title never ends in a dangling dash.
func TestDocumentTitle(t *testing.T) {
	for _, c := range []struct{ title, name, want string }{
		{"Datavolwassenheid van de organisatie", "", "Datavolwassenheid van de organisatie"},
		{"Datavolwassenheid van de organisatie", "  ", "Datavolwassenheid van de organisatie"},
		{"Datavolwassenheid", "Werk en Inkomen", "Datavolwassenheid — Werk en Inkomen"},
	} {
		if got := documentTitle(c.title, c.name); got != c.want {
			t.Errorf("documentTitle(%q, %q) = %q; want %q", c.title, c.name, got, c.want)
		}
	}
}

// TestWrapRunes: an SVG label wraps at spaces and is never cut.
func TestWrapRunes(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want []string
	}{
		{"Vaardigheden en datageletterdheid", 22, []string{"Vaardigheden en", "datageletterdheid"}},
		{"Funding and long-term commitment", 22, []string{"Funding and long-term", "commitment"}},
		{"Informatiebeveiligingsdienst", 10, []string{"Informatiebeveiligingsdienst"}},
		{"Beschrijvend", 22, []string{"Beschrijvend"}},
	} {
		if got := wrapRunes(c.s, c.n); !reflect.DeepEqual(got, c.want) {
			t.Errorf("wrapRunes(%q, %d) = %q; want %q", c.s, c.n, got, c.want)
		}
	}
}
