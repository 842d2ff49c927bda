package questionnaire

import (
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// PrecheckYAML makes, for any YAML file read from outside (a report's
// style file, say), the checks Parse makes before a questionnaire reaches
// the YAML parser, whose time and memory grow with the square of the
// nesting depth: the bytes are UTF-8, nesting is at most MaxDepth levels
// deep and no line holds more than MaxLineTokens indicators. It takes time
// in proportion to the length of src. It returns nil when the parser may
// be given src; else the problem's line, column and what is wrong, without
// a file name and without what a questionnaire would be expected to hold,
// for the caller to add what it expects.
func PrecheckYAML(src []byte) *Problem {
	p := precheck(src)
	if p == nil {
		return nil
	}
	p.Message, _, _ = strings.Cut(p.Message, " (expected")
	return p
}

// NodePosition is the 1-based line and column where a YAML node starts
// (0, 0 when unknown), as questionnaire problems report it, for other
// readers of YAML that name positions the same way.
func NodePosition(n ast.Node) (int, int) { return position(n) }
