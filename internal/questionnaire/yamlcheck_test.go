package questionnaire_test

import (
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/questionnaire"
)

// TestPrecheckYAML: the checks before parsing, for any YAML file, say what
// is wrong and where, without what a questionnaire would hold.
func TestPrecheckYAML(t *testing.T) {
	for _, c := range []struct {
		src       string
		line, col int
		message   string
	}{
		{"organisation: X\ncolours: {primary: \"#112233\"}\n", 0, 0, ""},
		{"colours: " + strings.Repeat("[", 100) + "\n", 1, 74, "nests deeper than 64 levels"},
		{"a: " + strings.Repeat("- ", 1001) + "\n", 1, 2002, "has more than 1000 YAML indicators on one line"},
		{"a: b\nc: \xff\n", 2, 4, "byte 0xFF is not UTF-8"},
	} {
		p := questionnaire.PrecheckYAML([]byte(c.src))
		switch {
		case c.message == "" && p != nil:
			t.Errorf("PrecheckYAML(%.20q) = %v; want nil", c.src, p)
		case c.message != "" && (p == nil || p.Line != c.line || p.Column != c.col || p.Message != c.message):
			t.Errorf("PrecheckYAML(%.20q) = %+v; want %d:%d: %s", c.src, p, c.line, c.col, c.message)
		}
	}
}
