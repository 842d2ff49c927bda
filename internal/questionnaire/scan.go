package questionnaire

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// MaxDepth bounds how deeply a questionnaire file may nest. The YAML parser
// takes time and memory that grow with the square of the nesting depth (a
// line of 2,500 nested "- " took 10 GB), so depth is checked before
// parsing. The default questionnaire nests 8 levels deep.
const MaxDepth = 64

// MaxLineTokens bounds the YAML indicators ("- ", ": ", brackets, commas)
// on one line: the parser's error message for a bad line is built token by
// token in time that grows with the square of their number (a line of
// 100,000 "- " after a key took 7 s and more than 256 MB). A questionnaire's
// longest line, a flow list of five options in two languages, has about 30.
const MaxLineTokens = 1000

// bom is the UTF-8 byte-order mark some editors write at the start.
var bom = []byte{0xEF, 0xBB, 0xBF}

// precheck finds what must be refused before the file reaches the parser:
// bytes that are not UTF-8, and nesting deeper than MaxDepth, counted by
// indentation, by block indicators ("- ", "? ") at the start of a line and
// by flow brackets outside quotes and comments. It overestimates rather than misses: a
// bracket inside plain text counts too.
func precheck(src []byte) *Problem {
	if p := checkUTF8(src); p != nil {
		return p
	}
	flow := 0
	var quote byte
	blockIndent := -1 // indentation of the line that opened a block scalar
	var indents []int // the indentation of each enclosing block level
	for n, line := range bytes.Split(src, []byte("\n")) {
		line = bytes.TrimSuffix(line, []byte("\r"))
		indent := len(line) - len(bytes.TrimLeft(line, " "))
		if blockIndent >= 0 {
			if len(bytes.TrimSpace(line)) == 0 || indent > blockIndent {
				continue // text of a block scalar
			}
			blockIndent = -1
		}
		if quote == 0 && flow == 0 && len(bytes.TrimSpace(line)) > 0 && line[indent] != '#' {
			for len(indents) > 0 && indents[len(indents)-1] >= indent {
				indents = indents[:len(indents)-1]
			}
			indents = append(indents, indent)
		}
		if quote == 0 {
			lead := len(indents)
			for rest := line[indent:]; len(rest) >= 2 && (rest[0] == '-' || rest[0] == '?') && (rest[1] == ' ' || rest[1] == '\t'); rest = bytes.TrimLeft(rest[2:], " \t") {
				lead++
			}
			if lead+flow > MaxDepth {
				return depthProblem(n+1, indent+1)
			}
		}
		tokens := 0
		for i := 0; i < len(line); i++ {
			c := line[i]
			switch {
			case quote == '\'':
				if c == '\'' {
					if i+1 < len(line) && line[i+1] == '\'' {
						i++
					} else {
						quote = 0
					}
				}
				continue
			case quote == '"':
				if c == '\\' {
					i++
				} else if c == '"' {
					quote = 0
				}
				continue
			}
			switch c {
			case '[', ']', '{', '}', ',':
				tokens++
			case '-', ':', '?':
				if i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t' {
					tokens++
				}
			}
			if tokens > MaxLineTokens {
				return &Problem{Line: n + 1, Column: i + 1, Message: fmt.Sprintf("has more than %d YAML indicators on one line (expected a questionnaire, whose lines have at most a few dozen)", MaxLineTokens)}
			}
			switch c {
			case '#':
				if i == 0 || line[i-1] == ' ' || line[i-1] == '\t' {
					i = len(line)
					continue
				}
			case '"', '\'':
				// A quote opens a quoted scalar only where a value starts.
				if i == indent || bytes.IndexByte([]byte(" \t[{,:-?"), line[i-1]) >= 0 {
					quote = c
				}
			case '[', '{':
				flow++
				if flow > MaxDepth {
					return depthProblem(n+1, i+1)
				}
			case ']', '}':
				flow = max(flow-1, 0)
			}
		}
		if quote == 0 && flow == 0 && opensBlockScalar(line) {
			blockIndent = indent
		}
	}
	return nil
}

// opensBlockScalar reports whether a line ends in a block scalar indicator
// (| or >, with optional chomping and indentation indicators), so that the
// lines under it are text.
func opensBlockScalar(line []byte) bool {
	if i := bytes.Index(line, []byte(" #")); i >= 0 {
		line = line[:i]
	}
	line = bytes.TrimRight(line, " \t")
	for len(line) > 0 && (line[len(line)-1] == '-' || line[len(line)-1] == '+' || (line[len(line)-1] >= '1' && line[len(line)-1] <= '9')) {
		line = line[:len(line)-1]
	}
	if len(line) == 0 || (line[len(line)-1] != '|' && line[len(line)-1] != '>') {
		return false
	}
	return len(line) == 1 || line[len(line)-2] == ' ' || line[len(line)-2] == '\t'
}

func depthProblem(line, col int) *Problem {
	return &Problem{Line: line, Column: col, Message: fmt.Sprintf("nests deeper than %d levels (expected a questionnaire, which needs about 8)", MaxDepth)}
}

// checkUTF8 finds the first byte sequence that is not UTF-8.
func checkUTF8(src []byte) *Problem {
	if utf8.Valid(src) {
		return nil
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return &Problem{Line: line, Column: col, Message: fmt.Sprintf("byte 0x%02X is not UTF-8 (expected a file saved as UTF-8)", src[i])}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return nil
}
