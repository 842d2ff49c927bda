package report_test

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// contentMarks walks a page's content and returns the MCIDs it marks, in
// order; it fails on any text or painting operator outside marked content
// with an MCID or an /Artifact section, on an MCID inside another, and on
// unbalanced marked content.
func contentMarks(t *testing.T, page string, data []byte) []int {
	t.Helper()
	type mark struct{ artifact, mcid bool }
	var stack []mark
	var operands []string
	var mcids []int
	inside := func() (artifact, mcid bool) {
		for _, m := range stack {
			artifact = artifact || m.artifact
			mcid = mcid || m.mcid
		}
		return
	}
	painting := map[string]bool{"Tj": true, "TJ": true, "'": true, `"`: true, "f": true, "F": true, "f*": true, "S": true, "s": true,
		"B": true, "B*": true, "b": true, "b*": true, "sh": true, "Do": true, "BI": true}
	unmarked := 0
	for _, tok := range contentTokens(data) {
		if !tok.op {
			operands = append(operands, tok.text)
			continue
		}
		switch tok.text {
		case "BMC", "BDC":
			tag := ""
			if tok.text == "BMC" && len(operands) >= 1 {
				tag = operands[len(operands)-1]
			}
			props := ""
			if tok.text == "BDC" && len(operands) >= 2 {
				tag, props = operands[len(operands)-2], operands[len(operands)-1]
			}
			m := mark{artifact: tag == "/Artifact"}
			inArtifact, inContent := inside()
			if m.artifact && inContent {
				t.Errorf("page %s: an artifact inside tagged content", page)
			}
			if v := mcidPattern.FindStringSubmatch(props); v != nil {
				if inContent {
					t.Errorf("page %s: MCID %s inside another marked-content sequence with an MCID", page, v[1])
				}
				if inArtifact {
					t.Errorf("page %s: tagged content (MCID %s) inside an artifact", page, v[1])
				}
				n, _ := strconv.Atoi(v[1])
				mcids = append(mcids, n)
				m.mcid = true
			}
			stack = append(stack, m)
		case "EMC":
			if len(stack) == 0 {
				t.Fatalf("page %s: EMC without BMC/BDC", page)
			}
			stack = stack[:len(stack)-1]
		default:
			if painting[tok.text] {
				if a, m := inside(); !a && !m {
					unmarked++
				}
			}
		}
		operands = operands[:0]
	}
	if unmarked > 0 {
		t.Errorf("page %s: %d text or painting operators outside marked content and artifacts", page, unmarked)
	}
	if len(stack) != 0 {
		t.Errorf("page %s: %d marked-content sequences left open", page, len(stack))
	}
	return mcids
}

var mcidPattern = regexp.MustCompile(`/MCID\s+(\d+)`)

type token struct {
	text string
	op   bool
}

// contentTokens splits a content stream into operands (numbers, names,
// strings, arrays and dictionaries, each whole) and operators.
func contentTokens(b []byte) []token {
	var out []token
	i := 0
	delim := func(c byte) bool { return strings.IndexByte(" \t\r\n\f\x00()<>[]{}/%", c) >= 0 }
	// skipString returns the index after the literal string starting at i.
	skipString := func(i int) int {
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '\\':
				i++
			case '(':
				depth++
			case ')':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return i
	}
	var value func(i int) int
	value = func(i int) int {
		switch {
		case b[i] == '(':
			return skipString(i)
		case b[i] == '<' && i+1 < len(b) && b[i+1] == '<':
			i += 2
			for i < len(b) && !(b[i] == '>' && i+1 < len(b) && b[i+1] == '>') {
				if strings.IndexByte(" \t\r\n", b[i]) >= 0 {
					i++
					continue
				}
				i = value(i)
			}
			return i + 2
		case b[i] == '<':
			return bytes.IndexByte(b[i:], '>') + i + 1
		case b[i] == '[':
			i++
			for i < len(b) && b[i] != ']' {
				if strings.IndexByte(" \t\r\n", b[i]) >= 0 {
					i++
					continue
				}
				i = value(i)
			}
			return i + 1
		case b[i] == '/':
			i++
		}
		for i < len(b) && !delim(b[i]) {
			i++
		}
		return i
	}
	for i < len(b) {
		c := b[i]
		switch {
		case strings.IndexByte(" \t\r\n\f\x00", c) >= 0:
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' {
				i++
			}
		case c == '(' || c == '<' || c == '[' || c == '/' || c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'):
			j := value(i)
			if j <= i {
				j = i + 1
			}
			out = append(out, token{text: string(b[i:j])})
			i = j
		default:
			j := i
			for j < len(b) && !delim(b[j]) {
				j++
			}
			if j == i {
				j++
			}
			out = append(out, token{text: string(b[i:j]), op: true})
			i = j
		}
	}
	return out
}
