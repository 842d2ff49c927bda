// Package architecture_test holds the rules of the house that the compiler
// does not check: which package may import which.
package architecture_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/maturity-nl/maturity/"

// imports maps each package directory to the imports of its non-test files.
func imports(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != "." || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out[dir] = append(out[dir], p)
		}
		if _, ok := out[dir]; !ok {
			out[dir] = nil
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestArchitecture(t *testing.T) {
	all := imports(t)
	if _, ok := all["internal/scoring"]; !ok {
		t.Fatal("internal/scoring not found: the test walks the wrong tree")
	}
	for dir, imps := range all {
		base := filepath.Base(dir)
		switch base {
		case "util", "utils", "common", "helpers", "models", "types":
			t.Errorf("package %s: a package is named for the idea it owns, not %q", dir, base)
		}
		for _, imp := range imps {
			own := strings.TrimPrefix(imp, module)
			isOwn := own != imp
			switch {
			case dir == "internal/scoring" && isOwn && own != "internal/questionnaire":
				t.Errorf("internal/scoring imports %s: scoring may import only questionnaire", own)
			case dir == "internal/demo" && isOwn && own != "internal/questionnaire":
				t.Errorf("internal/demo imports %s: the demo invents data from the questionnaire alone; cmd/maturity stores it", own)
			case dir == "internal/demo" && (imp == "os" || strings.HasPrefix(imp, "net")):
				t.Errorf("internal/demo imports %s: the generator is pure; its caller does the I/O", imp)
			case dir == "internal/questionnaire" && isOwn:
				t.Errorf("internal/questionnaire imports %s: the definition depends on nothing of ours", own)
			case dir != "internal/store" && (imp == "database/sql" || strings.HasPrefix(imp, "modernc.org/sqlite")):
				t.Errorf("%s imports %s: only internal/store speaks SQL", dir, imp)
			case (dir == "internal/report" || dir == "internal/tui") && own == "internal/store":
				t.Errorf("%s imports internal/store: views show a scoring.Result and never touch storage", dir)
			case dir != "internal/report" && (strings.HasPrefix(imp, "github.com/jung-kurt/gofpdf") || strings.HasPrefix(imp, "codeberg.org/go-pdf/fpdf")):
				t.Errorf("%s imports %s: every PDF call stays in internal/report", dir, imp)
			}
		}
	}
}
