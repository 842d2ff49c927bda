package reports

import "testing"

// BenchmarkCatalogue_Embedded is reading all three embedded catalogues, as
// a command that shows the terminal, the command line's words and a report
// does at its start.
func BenchmarkCatalogue_Embedded(b *testing.B) {
	files := []struct {
		name string
		data []byte
	}{{"texts.yaml", Texts}, {"terminal.yaml", Terminal}, {"commands.yaml", Commands}}
	b.SetBytes(int64(len(Texts) + len(Terminal) + len(Commands)))
	for range b.N {
		for _, f := range files {
			if _, err := Catalogue(f.name, f.data); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkCatalogue is reading the report texts, as every report does once.
func BenchmarkCatalogue(b *testing.B) {
	for range b.N {
		if _, err := Catalogue("texts.yaml", Texts); err != nil {
			b.Fatal(err)
		}
	}
}
