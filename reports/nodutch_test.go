package reports

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// dutchWords are common Dutch words that English text and identifiers do
// not use: two of them in one string make it a Dutch sentence.
var dutchWords = map[string]bool{
	"de": true, "het": true, "een": true, "niet": true, "van": true, "voor": true, "wordt": true, "zijn": true,
	"je": true, "jouw": true, "uw": true, "met": true, "naar": true, "bij": true, "geen": true, "nog": true,
	"ook": true, "maar": true, "deze": true, "dit": true, "dat": true, "wat": true, "waar": true, "hoe": true,
	"er": true, "moet": true, "kan": true, "alleen": true, "nieuwe": true, "kies": true, "verder": true,
	"bedoel": true, "eerst": true, "heeft": true, "hebben": true, "tot": true, "uit": true, "om": true, "te": true,
	"op": true, "welke": true, "vanaf": true, "hier": true, "nu": true, "nee": true, "ja": true, "onder": true,
	"weet": true, "verlopen": true, "wil": true, "als": true, "dan": true, "mag": true, "hun": true, "wie": true, "zij": true,
}

// dutchStems begin a Dutch word that is a sentence's subject here: one of
// them alone makes a string a Dutch text for people (a header, a label).
var dutchStems = []string{
	"afdeling", "vragenlijst", "antwoord", "beantwoord", "meting", "schuilnaam", "bestand", "opgeslagen",
	"aangemaakt", "ongeldig", "verwacht", "ronde", "gesloten", "bewaard", "volwassenheid", "respondenten",
	"afspra", "vastgeleg", "toegevoeg", "verplaats", "heropen", "instelling", "vraag", "vragen", "niveau",
	"dimensie", "gewist", "geschreven", "opnieuw", "begeleider", "deelnemer",
}

// TestNoDutchInGo: no Go file of the module, tests aside, holds a Dutch
// text for people in a string literal. Those texts are content, in the
// catalogues beside this file (texts.yaml, terminal.yaml, commands.yaml),
// where a programme manager can read and correct them.
func TestNoDutchInGo(t *testing.T) {
	root := ".."
	var hits []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "testdata", "node_modules", "vendor":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		hits = append(hits, dutchLiterals(t, path, src)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) > 0 {
		t.Errorf("%d Dutch texts in Go string literals; move them to reports/*.yaml:\n%s", len(hits), strings.Join(hits, "\n"))
	}
}

// dutchLiterals lists the string literals of a Go file that read as Dutch,
// as FILE:LINE: "text". Import paths and struct tags are not texts.
func dutchLiterals(t *testing.T, path string, src []byte) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	skip := map[*ast.BasicLit]bool{}
	for _, imp := range f.Imports {
		skip[imp.Path] = true
	}
	var hits []string
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Field:
			if n.Tag != nil {
				skip[n.Tag] = true
			}
		case *ast.BasicLit:
			if n.Kind != token.STRING || skip[n] {
				return true
			}
			text, err := strconv.Unquote(n.Value)
			if err == nil && readsDutch(text) {
				rel, _ := filepath.Rel("..", path)
				hits = append(hits, rel+":"+strconv.Itoa(fset.Position(n.Pos()).Line)+": "+strconv.Quote(text))
			}
		}
		return true
	})
	return hits
}

// readsDutch says whether text holds two common Dutch words, or a word
// that begins with one of the Dutch stems.
func readsDutch(text string) bool {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) })
	common := 0
	for _, w := range words {
		if dutchWords[w] {
			common++
		}
		for _, stem := range dutchStems {
			if strings.HasPrefix(w, stem) {
				return true
			}
		}
	}
	return common >= 2
}

// TestReadsDutch: the scan finds Dutch sentences and labels, and leaves
// English, identifiers and format strings alone.
func TestReadsDutch(t *testing.T) {
	for text, want := range map[string]bool{
		"nieuwe database aangemaakt: %s":          true,
		"Kies een afdeling":                       true,
		"AFDELING":                                true,
		"het antwoorden is gesloten":              true,
		"de ronde van %s":                         true,
		"dat lukte niet op de server":             true,
		"new database created: %s":                false,
		"did you mean %s?":                        false,
		"gemeente-datagedreven":                   false,
		"SELECT id FROM respondents WHERE a = ?":  false,
		"%s version %d: %d groups, languages %s":  false,
		"nl":                                      false,
		"en":                                      false,
		"a department of the municipality":        false,
		"geen afspraken":                          true,
		"afspraak %d vastgelegd voor %s":          true,
		"report.pdf":                              false,
		"a question and its answers":              false,
		"file:%s?_pragma=foreign_keys(1)&mode=ro": false,
	} {
		if got := readsDutch(text); got != want {
			t.Errorf("readsDutch(%q) = %v, want %v", text, got, want)
		}
	}
}
