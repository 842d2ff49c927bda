package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/maturity-nl/maturity/internal/questionnaire"
)

// Style is a house style: the organisation's name, logo, colours and font.
type Style struct {
	Organisation string
	// Logo is the image as the reports embed it (loadLogo); LogoType is
	// "png" or "jpeg".
	Logo     []byte
	LogoType string
	// Primary colours headings, the cover and the department's score now
	// in the charts; Accent marks the target level. Neither should be one
	// of the level colours, and both should keep 3:1 against white.
	Primary, Accent colour
	// Font is "sans" (Go Regular) or "medium" (Go Medium, heavier).
	Font string
}

// DefaultStyle is the neutral, sober house style.
func DefaultStyle() Style {
	return Style{Primary: colour{31, 78, 121}, Accent: colour{111, 66, 193}, Font: "sans"}
}

// colour is an RGB colour.
type colour struct{ r, g, b int }

// The one palette of both reports: the PDF draws with these colours, the
// HTML gets them as CSS variables and classes (paletteCSS), and each
// colour has one meaning, named in a legend wherever it appears in a
// chart. The contrast ratios on white are measured by TestPalette_Contrast:
// text at least 4.5:1, chart marks at least 3:1.
var (
	// ink is body text (15.4:1).
	ink = colour{33, 37, 41}
	// muted is secondary text: captions, labels, notes' subjects (8.2:1).
	muted = colour{73, 80, 87}
	// light shades alternate table rows and is the empty track of a bar;
	// it carries no meaning of its own.
	light = colour{233, 238, 244}
	// rule is the thin line under table rows, decoration only.
	rule = colour{200, 205, 210}
	// grid is a chart's level lines and rings, which a reader needs to
	// read a score off the chart (3.3:1).
	grid = colour{134, 142, 150}
	// levelInk colours levels 1–5, and only levels: the badge, the bars,
	// the ladder's steps, the distributions and the heatmap. Index 0 is
	// "no score" and the answers don't know and not applicable. Each is
	// dark enough for white text on it (at least 4.5:1).
	levelInk = [6]colour{{108, 117, 125}, {183, 28, 28}, {179, 71, 0}, {138, 109, 0}, {46, 125, 50}, {0, 96, 122}}
)

// The house style's two colours have one meaning each as well: Primary is
// the department's score now (the radar's shape, the trend's line) and the
// headings; Accent is the target level (the radar's dashed outline, the
// bars' mark). Neither is a level colour, so that no chart shows a colour
// with two meanings.

// paletteCSS is the palette as CSS: the variables style.css uses and a
// class per level (.l0–.l5), so that the HTML shows the PDF's colours.
func paletteCSS() string {
	var b strings.Builder
	fmt.Fprintf(&b, ":root { --ink: %s; --muted: %s; --light: %s; --rule: %s; --grid: %s; }\n", ink.hex(), muted.hex(), light.hex(), rule.hex(), grid.hex())
	for l, c := range levelInk {
		fmt.Fprintf(&b, ".l%d { background: %s; color: #fff; }\n", l, c.hex())
	}
	return b.String()
}

// hex writes c as #rrggbb.
func (c colour) hex() string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

// StyleError lists every problem of a style file as FILE:LINE:COL: message.
type StyleError struct{ Problems []string }

func (e *StyleError) Error() string { return strings.Join(e.Problems, "\n") }

// MaxStyleBytes is the largest style file that is read: a style file has
// a few short lines, so anything larger (an endless file such as
// /dev/zero among them) is refused before it is parsed.
const MaxStyleBytes = 64 << 10

// styleFields is what a style file holds, for messages.
const styleFields = "expected the fields organisation, logo, colours {primary, accent}, font"

// LoadStyle reads a style file. A logo path is relative to the file. It
// reads at most MaxStyleBytes, whatever the file claims to be.
func LoadStyle(path string) (Style, error) {
	if info, err := os.Stat(path); err == nil && info.Mode()&os.ModeNamedPipe != 0 {
		// Opening a named pipe waits for a writer, and no signal ends
		// that wait.
		return Style{}, &StyleError{[]string{fmt.Sprintf("%s: is a named pipe (expected a style file)", path)}}
	}
	f, err := os.Open(path)
	if err != nil {
		return Style{}, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return Style{}, &StyleError{[]string{fmt.Sprintf("%s: is a folder (expected a style file)", path)}}
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxStyleBytes+1))
	if err != nil {
		return Style{}, err
	}
	return ParseStyle(path, src)
}

// ParseStyle reads a style from src; file names it in problems. The YAML
// is checked for depth and UTF-8 before it is parsed (the questionnaire's
// precheck), and only the fields of a style are read from the syntax tree:
// an alias is followed to the value it names, never expanded, so that no
// file can make the reading take more than a few passes over it.
func ParseStyle(file string, src []byte) (Style, error) {
	st := DefaultStyle()
	if len(src) > MaxStyleBytes {
		return st, &StyleError{[]string{fmt.Sprintf("%s: is larger than %d bytes (expected a style file of a few lines, at most %d bytes)", file, MaxStyleBytes, MaxStyleBytes)}}
	}
	if p := questionnaire.PrecheckYAML(src); p != nil {
		expected := styleFields
		if !utf8.Valid(src) {
			expected = "expected a file saved as UTF-8"
		}
		return st, &StyleError{[]string{fmt.Sprintf("%s:%d:%d: %s (%s)", file, p.Line, p.Column, p.Message, expected)}}
	}
	root, problem := parseStyleYAML(file, bytes.TrimPrefix(src, []byte("\uFEFF")))
	if problem != "" {
		return st, &StyleError{[]string{problem}}
	}
	if root == nil {
		return st, nil
	}
	d := &styleDecoder{file: file, anchors: map[string]ast.Node{}}
	ast.Walk(anchorCollector(d.anchors), root)
	d.style(root, &st)
	if len(d.problems) > 0 {
		return st, &StyleError{d.problems}
	}
	return st, nil
}

// parseStyleYAML parses the one document of a style file; nil for a file
// without content. The parser is third-party code fed with user input, so
// a panic inside it becomes a problem, never a crash.
func parseStyleYAML(file string, src []byte) (root ast.Node, problem string) {
	defer func() {
		if r := recover(); r != nil {
			root, problem = nil, fmt.Sprintf("%s: cannot parse this file (%v; %s)", file, r, styleFields)
		}
	}()
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) {
			if tk := ye.GetToken(); tk != nil && tk.Position != nil {
				return nil, fmt.Sprintf("%s:%d:%d: %s (%s)", file, tk.Position.Line, tk.Position.Column, ye.GetMessage(), styleFields)
			}
			return nil, fmt.Sprintf("%s: %s (%s)", file, ye.GetMessage(), styleFields)
		}
		return nil, fmt.Sprintf("%s: %v (%s)", file, err, styleFields)
	}
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if root != nil {
			line, col := position(doc.Body)
			return nil, fmt.Sprintf("%s:%d:%d: a second YAML document starts here (expected one style per file)", file, line, col)
		}
		root = doc.Body
	}
	return root, ""
}

// anchorCollector records every anchor so that aliases can be followed.
type anchorCollector map[string]ast.Node

// Visit implements ast.Visitor.
func (a anchorCollector) Visit(n ast.Node) ast.Visitor {
	if an, ok := n.(*ast.AnchorNode); ok && an.Name != nil {
		a[an.Name.String()] = an.Value
	}
	return a
}

// styleDecoder reads the fields of a style from a syntax tree, collecting
// every problem.
type styleDecoder struct {
	file     string
	anchors  map[string]ast.Node
	problems []string
}

func (d *styleDecoder) problem(n ast.Node, format string, args ...any) {
	line, col := position(n)
	at := d.file
	if line > 0 {
		at = fmt.Sprintf("%s:%d:%d", d.file, line, col)
	}
	d.problems = append(d.problems, at+": "+fmt.Sprintf(format, args...))
}

// position is the 1-based line and column where n starts; 0, 0 unknown.
func position(n ast.Node) (int, int) { return questionnaire.NodePosition(n) }

// resolve strips anchors and tags and follows aliases, a bounded number of
// times, to the value they name; nil when there is none.
func (d *styleDecoder) resolve(n ast.Node) ast.Node {
	for range 64 {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		case *ast.AliasNode:
			if v.Value == nil {
				return nil
			}
			n = d.anchors[v.Value.String()]
		default:
			return n
		}
	}
	return nil
}

// styleField is one key: value pair of a mapping.
type styleField struct {
	key       string
	at, value ast.Node
}

// fields are the pairs of a mapping, each key once; ok is false (with a
// problem) when n is not a mapping.
func (d *styleDecoder) fields(n ast.Node, path, expected string) ([]styleField, bool) {
	var pairs []*ast.MappingValueNode
	switch v := d.resolve(n).(type) {
	case *ast.MappingNode:
		pairs = v.Values
	case *ast.MappingValueNode:
		pairs = []*ast.MappingValueNode{v}
	default:
		d.problem(n, "%sis %s (%s)", path, describe(v), expected)
		return nil, false
	}
	var out []styleField
	seen := map[string]bool{}
	for _, p := range pairs {
		if p == nil || p.Key == nil {
			continue
		}
		if p.Key.IsMergeKey() {
			d.problem(p.Key, "%smerge keys (<<) are not supported (expected the fields written out)", path)
			continue
		}
		key := p.Key.String()
		if tk := p.Key.GetToken(); tk != nil {
			key = tk.Value
		}
		if seen[key] {
			d.problem(p.Key, "%s%s: is given twice (expected each field once)", path, key)
			continue
		}
		seen[key] = true
		out = append(out, styleField{key, p.Key, p.Value})
	}
	return out, true
}

// text is a scalar's text; "" for an empty value.
func (d *styleDecoder) text(n ast.Node, path string) string {
	switch v := d.resolve(n).(type) {
	case nil, *ast.NullNode:
		return ""
	case *ast.StringNode:
		return d.plain(n, path, v.Value)
	case *ast.LiteralNode:
		if v.Value == nil {
			return ""
		}
		return d.plain(n, path, v.Value.Value)
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode:
		if tk := v.GetToken(); tk != nil {
			return tk.Value
		}
		return ""
	default:
		d.problem(n, "%s: is %s (expected a text)", path, describe(v))
		return ""
	}
}

// plain refuses control characters in a text: they have no place in a
// report, and an escape code would reach a terminal that shows the text.
func (d *styleDecoder) plain(n ast.Node, path, s string) string {
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) {
			d.problem(n, "%s: contains the control character %U (expected plain text)", path, r)
			return ""
		}
	}
	return s
}

// describe names the kind of a YAML value for messages.
func describe(n ast.Node) string {
	switch n.(type) {
	case nil, *ast.NullNode:
		return "empty"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	}
	return "a value"
}

// style decodes the top level of a style file into st.
func (d *styleDecoder) style(root ast.Node, st *Style) {
	fs, ok := d.fields(root, "", styleFields)
	if !ok {
		return
	}
	for _, f := range fs {
		switch f.key {
		case "organisation":
			st.Organisation = strings.TrimSpace(d.text(f.value, "organisation"))
		case "logo":
			if path := d.text(f.value, "logo"); path != "" {
				d.logo(f.value, path, st)
			}
		case "colours":
			d.colours(f.value, st)
		case "font":
			switch font := d.text(f.value, "font"); font {
			case "":
			case "sans", "medium":
				st.Font = font
			default:
				d.problem(f.value, "font: %q is not an embedded font (expected sans or medium)", font)
			}
		default:
			d.problem(f.at, "unknown field %q (%s)", f.key, styleFields)
		}
	}
}

var hexColour = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

func (d *styleDecoder) colours(n ast.Node, st *Style) {
	if r := d.resolve(n); r == nil || r.Type() == ast.NullType {
		return
	}
	fs, ok := d.fields(n, "colours: ", "expected a mapping {primary, accent}")
	if !ok {
		return
	}
	for _, f := range fs {
		var into *colour
		switch f.key {
		case "primary":
			into = &st.Primary
		case "accent":
			into = &st.Accent
		default:
			d.problem(f.at, "colours: unknown field %q (expected primary or accent)", f.key)
			continue
		}
		value := d.text(f.value, "colours."+f.key)
		if value == "" {
			continue
		}
		if !hexColour.MatchString(value) {
			d.problem(f.value, "colours.%s: %q is not a colour (expected #rrggbb, e.g. #1F4E79)", f.key, value)
			continue
		}
		v, _ := strconv.ParseUint(value[1:], 16, 32)
		*into = colour{int(v >> 16), int(v >> 8 & 0xff), int(v & 0xff)}
	}
}

// logo reads the logo file, relative to the style file, into st.
func (d *styleDecoder) logo(n ast.Node, path string, st *Style) {
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(d.file), path)
	}
	data, format, problem := loadLogo(path)
	if problem != "" {
		d.problem(n, "logo: %s", problem)
		return
	}
	st.Logo, st.LogoType = data, format
}
