package questionnaire

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/goccy/go-yaml/ast"
)

// nodeBudget bounds how many YAML values one file may expand to, so that a
// file built from nested aliases cannot exhaust memory.
const nodeBudget = 1_000_000

// The patterns are compiled when a file is first parsed rather than at
// every start: a command that shows a stored round reads its parsed form.
var (
	idPattern   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`) })
	langPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$`) })
)

const idExpectation = "expected lowercase letters, digits, '-', '_' or '.', starting with a letter or digit, at most 64 characters"

// decoder turns a YAML syntax tree into a Questionnaire, collecting a Problem
// for everything that is wrong instead of stopping at the first.
type decoder struct {
	file     string
	problems []Problem
	anchors  map[string]ast.Node
	langs    []string
	budget   int
	// seen maps an id namespace ("group", "dimension", "question") to the
	// line where each id was first defined.
	seen map[string]map[string]int
}

// field is one key: value pair of a YAML mapping.
type field struct {
	key   string
	keyAt ast.Node
	value ast.Node
}

// spec says how to decode one field of a mapping.
type spec struct {
	name     string
	required bool
	decode   func(n ast.Node, path string)
}

func (d *decoder) problem(n ast.Node, path, format string, args ...any) {
	line, col := position(n)
	d.problems = append(d.problems, Problem{File: d.file, Line: line, Column: col, Field: path, Message: fmt.Sprintf(format, args...)})
}

// position returns the 1-based line and column where n starts.
func position(n ast.Node) (int, int) {
	switch v := n.(type) {
	case nil:
		return 0, 0
	case *ast.MappingNode:
		if len(v.Values) > 0 {
			return position(v.Values[0])
		}
	case *ast.MappingValueNode:
		return position(v.Key)
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 0, 0
	}
	return tk.Position.Line, tk.Position.Column
}

// resolve strips anchors and tags and follows aliases to the value they name.
func (d *decoder) resolve(n ast.Node) ast.Node {
	for i := 0; i < 64 && n != nil; i++ {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		case *ast.AliasNode:
			name := ""
			if v.Value != nil {
				name = v.Value.String()
			}
			target, ok := d.anchors[name]
			if !ok {
				return nil
			}
			n = target
		default:
			d.budget--
			return n
		}
	}
	return nil
}

func (d *decoder) exhausted() bool { return d.budget < 0 }

// describe names the kind of a YAML value for messages.
func describe(n ast.Node) string {
	switch n.(type) {
	case nil, *ast.NullNode:
		return "empty"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "a number"
	case *ast.BoolNode:
		return "true/false"
	case *ast.StringNode, *ast.LiteralNode:
		return "a string"
	}
	return "a " + strings.ToLower(n.Type().String())
}

// fields returns the pairs of a mapping, reporting duplicate keys and merge keys.
func (d *decoder) fields(n ast.Node, path, expected string) ([]field, bool) {
	orig := n
	n = d.resolve(n)
	var pairs []*ast.MappingValueNode
	switch v := n.(type) {
	case *ast.MappingNode:
		pairs = v.Values
	case *ast.MappingValueNode:
		pairs = []*ast.MappingValueNode{v}
	default:
		d.problem(orig, path, "is %s (expected %s)", describe(n), expected)
		return nil, false
	}
	var out []field
	seen := map[string]bool{}
	for _, p := range pairs {
		if p == nil || p.Key == nil {
			continue
		}
		if p.Key.IsMergeKey() {
			d.problem(p.Key, path, "merge keys (<<) are not supported (expected the fields written out)")
			continue
		}
		key := scalarKey(p.Key)
		if seen[key] {
			d.problem(p.Key, join(path, key), "is given twice (expected each field once)")
			continue
		}
		seen[key] = true
		out = append(out, field{key: key, keyAt: p.Key, value: p.Value})
	}
	return out, true
}

func scalarKey(k ast.Node) string {
	if mk, ok := k.(*ast.MappingKeyNode); ok && mk.Value != nil {
		k = mk.Value
	}
	if tk := k.GetToken(); tk != nil {
		return tk.Value
	}
	return k.String()
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// object decodes a mapping whose fields are known in advance.
func (d *decoder) object(n ast.Node, path, what string, specs []spec) {
	fs, ok := d.fields(n, path, what)
	if !ok {
		return
	}
	names := make([]string, len(specs))
	for i, s := range specs {
		names[i] = s.name
	}
	given := map[string]bool{}
	for _, f := range fs {
		if d.exhausted() {
			return
		}
		var sp *spec
		for i := range specs {
			if specs[i].name == f.key {
				sp = &specs[i]
			}
		}
		if sp == nil {
			d.problem(f.keyAt, path, "unknown field %q (expected one of: %s)", f.key, strings.Join(names, ", "))
			continue
		}
		given[f.key] = true
		sp.decode(f.value, join(path, f.key))
	}
	for _, s := range specs {
		if s.required && !given[s.name] {
			d.problem(n, path, "missing field %q (expected in %s)", s.name, what)
		}
	}
}

// list returns the items of a sequence.
func (d *decoder) list(n ast.Node, path, expected string) ([]ast.Node, bool) {
	r := d.resolve(n)
	s, ok := r.(*ast.SequenceNode)
	if !ok {
		d.problem(n, path, "is %s (expected %s)", describe(r), expected)
		return nil, false
	}
	return s.Values, true
}

// scalar returns the literal text of a scalar value.
func (d *decoder) scalar(n ast.Node) (string, bool) {
	switch v := d.resolve(n).(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		if v.Value == nil {
			return "", true
		}
		return v.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode:
		if tk := v.GetToken(); tk != nil {
			return tk.Value, true
		}
	}
	return "", false
}

func (d *decoder) str(n ast.Node, path, expected string) string {
	s, ok := d.scalar(n)
	if !ok {
		d.problem(n, path, "is %s (expected %s)", describe(d.resolve(n)), expected)
		return ""
	}
	if strings.TrimSpace(s) == "" {
		d.problem(n, path, "is empty (expected %s)", expected)
	}
	if r, ok := controlRune(s); ok {
		d.problem(n, path, "contains the control character %U (expected plain text: no escape codes or other control characters)", r)
	}
	return s
}

// controlRune finds a control character other than tab and line break: an
// escape code in a text would reach every terminal that shows it.
func controlRune(s string) (rune, bool) {
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r < 0xa0) || r == 0x2028 || r == 0x2029 {
			return r, true
		}
	}
	return 0, false
}

func (d *decoder) id(n ast.Node, path, namespace string) string {
	s := d.str(n, path, "an id: "+idExpectation[len("expected "):])
	if s == "" {
		return ""
	}
	if !idPattern().MatchString(s) {
		d.problem(n, path, "%q is not a valid id (%s)", s, idExpectation)
		return s
	}
	if namespace == "" {
		return s
	}
	if d.seen[namespace] == nil {
		d.seen[namespace] = map[string]int{}
	}
	line, _ := position(n)
	if first, dup := d.seen[namespace][s]; dup {
		d.problem(n, path, "%s id %q is already used on line %d (expected every %s id once)", namespace, s, first, namespace)
	} else {
		d.seen[namespace][s] = line
	}
	return s
}

func (d *decoder) integer(n ast.Node, path string, lo, hi int, expected string) (int, bool) {
	r := d.resolve(n)
	v, ok := r.(*ast.IntegerNode)
	if !ok {
		d.problem(n, path, "is %s (expected %s)", valueOf(r), expected)
		return 0, false
	}
	var x int64
	switch i := v.Value.(type) {
	case int64:
		x = i
	case uint64:
		x = math.MaxInt64
		if i < math.MaxInt64 {
			x = int64(i)
		}
	}
	if x < int64(lo) || x > int64(hi) {
		d.problem(n, path, "is %d (expected %s)", x, expected)
		return 0, false
	}
	return int(x), true
}

func (d *decoder) number(n ast.Node, path string, lo, hi float64, loOpen bool, expected string) (float64, bool) {
	r := d.resolve(n)
	var x float64
	switch v := r.(type) {
	case *ast.IntegerNode:
		// The parser has read the integer in any of YAML's notations
		// (0x10, 0o17, 1_000).
		switch i := v.Value.(type) {
		case int64:
			x = float64(i)
		case uint64:
			x = float64(i)
		default:
			d.problem(n, path, "is %s (expected %s)", valueOf(r), expected)
			return 0, false
		}
	case *ast.FloatNode:
		x = v.Value
	default:
		d.problem(n, path, "is %s (expected %s)", valueOf(r), expected)
		return 0, false
	}
	if math.IsNaN(x) || x < lo || x > hi || (loOpen && x == lo) {
		d.problem(n, path, "is %s (expected %s)", strconv.FormatFloat(x, 'g', -1, 64), expected)
		return 0, false
	}
	return x, true
}

func (d *decoder) boolean(n ast.Node, path, expected string) (bool, bool) {
	r := d.resolve(n)
	v, ok := r.(*ast.BoolNode)
	if !ok {
		d.problem(n, path, "is %s (expected %s)", valueOf(r), expected)
		return false, false
	}
	return v.Value, true
}

// valueOf quotes a scalar for a message, or names the kind of anything else.
func valueOf(n ast.Node) string {
	switch n.(type) {
	case *ast.StringNode, *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode:
		if tk := n.GetToken(); tk != nil {
			return strconv.Quote(tk.Value)
		}
	}
	return describe(n)
}

// text decodes a text given in every declared language.
func (d *decoder) text(n ast.Node, path string) Text {
	want := "a text in " + strings.Join(d.langs, " and ")
	r := d.resolve(n)
	if _, isMap := r.(*ast.MappingNode); !isMap {
		if _, isPair := r.(*ast.MappingValueNode); !isPair {
			if len(d.langs) == 1 {
				if s := d.str(n, path, want); s != "" {
					return Text{d.langs[0]: s}
				}
				return nil
			}
			d.problem(n, path, "is %s (expected a mapping with %s, e.g. {%s: \"...\"})", describe(r), want, strings.Join(d.langs, `: "...", `))
			return nil
		}
	}
	fs, _ := d.fields(n, path, want)
	t := Text{}
	for _, f := range fs {
		if !contains(d.langs, f.key) {
			d.problem(f.keyAt, path, "language %q is not declared (expected one of: %s; declare more under languages)", f.key, strings.Join(d.langs, ", "))
			continue
		}
		t[f.key] = d.str(f.value, join(path, f.key), "a text in "+f.key)
	}
	for _, l := range d.langs {
		if _, ok := t[l]; !ok {
			d.problem(n, path, "has no text in %q (expected %s)", l, want)
		}
	}
	return t
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// questionnaire decodes the top level of a file.
func (d *decoder) questionnaire(root ast.Node) *Questionnaire {
	q := &Questionnaire{Rules: DefaultRules(), Languages: []string{"nl", "en"}}
	const what = "a questionnaire: id, version, title, groups"
	// Languages decide what every text must hold, so they are read first.
	if fs, ok := d.fields(root, "", what); ok {
		for _, f := range fs {
			if f.key == "languages" {
				q.Languages = d.languages(f.value, "languages")
			}
		}
	} else {
		return q
	}
	d.langs = q.Languages
	d.object(root, "", what, []spec{
		{"id", true, func(n ast.Node, p string) { q.ID = d.id(n, p, "") }},
		{"version", true, func(n ast.Node, p string) {
			q.Version, _ = d.integer(n, p, 1, math.MaxInt32, "a whole number of 1 or more")
		}},
		{"languages", false, func(ast.Node, string) {}},
		{"title", true, func(n ast.Node, p string) { q.Title = d.text(n, p) }},
		{"description", false, func(n ast.Node, p string) { q.Description = d.text(n, p) }},
		{"levels", false, func(n ast.Node, p string) { q.Levels = d.levels(n, p) }},
		{"rules", false, func(n ast.Node, p string) { d.rules(n, p, &q.Rules) }},
		{"groups", true, func(n ast.Node, p string) { q.Groups = d.groups(n, p) }},
	})
	if q.Levels == nil {
		q.Levels = DefaultLevelNames()
		for _, l := range q.Languages {
			if _, ok := q.Levels[0][l]; !ok {
				d.problem(root, "levels", "missing (expected the names of levels 1–5 in %q: built-in names exist only in nl and en)", l)
				break
			}
		}
	}
	return q
}

func (d *decoder) languages(n ast.Node, path string) []string {
	items, ok := d.list(n, path, "a list of language codes, e.g. [nl, en]")
	if !ok {
		return []string{"nl", "en"}
	}
	var langs []string
	for i, it := range items {
		p := fmt.Sprintf("%s[%d]", path, i)
		l := d.str(it, p, "a language code such as nl or en")
		switch {
		case l == "":
		case !langPattern().MatchString(l):
			d.problem(it, p, "%q is not a language code (expected two or three lowercase letters, such as nl or en)", l)
		case contains(langs, l):
			d.problem(it, p, "%q is listed twice (expected each language once)", l)
		default:
			langs = append(langs, l)
		}
	}
	if len(langs) == 0 {
		if len(items) == 0 {
			d.problem(n, path, "is empty (expected at least one language code, e.g. [nl, en])")
		}
		return []string{"nl", "en"}
	}
	return langs
}

func (d *decoder) levels(n ast.Node, path string) []Text {
	items, ok := d.list(n, path, "a list of the names of levels 1–5")
	if !ok {
		return nil
	}
	if len(items) != MaxLevel {
		d.problem(n, path, "has %d names (expected exactly %d: the names of levels 1–5)", len(items), MaxLevel)
	}
	out := make([]Text, 0, len(items))
	for i, it := range items {
		out = append(out, d.text(it, fmt.Sprintf("%s[%d]", path, i)))
	}
	if len(out) != MaxLevel {
		return DefaultLevelNames()
	}
	return out
}

func (d *decoder) rules(n ast.Node, path string, r *Rules) {
	var stageAt, legacyAt ast.Node
	d.object(n, path, "scoring rules", []spec{
		{"stage_level", false, func(n ast.Node, p string) {
			stageAt = n
			if v, ok := d.number(n, p, MinLevel, MaxLevel, false, "a level from 1 to 5"); ok {
				r.StageLevel = v
			}
		}},
		// Files written before the one scale gave the stage threshold as
		// a score on 0–4: the same point on the level scale is one higher.
		{"stage_threshold", false, func(n ast.Node, p string) {
			legacyAt = n
			if v, ok := d.number(n, p, 0, 4, false, "a score from 0 to 4 (the legacy form of stage_level, which is 1–5)"); ok {
				r.StageLevel = v + 1
			}
		}},
		{"foundation_cap", false, func(n ast.Node, p string) {
			if v, ok := d.boolean(n, p, "true or false"); ok {
				r.FoundationCap = v
			}
		}},
		{"minimum_cap", false, func(n ast.Node, p string) { d.minimumCap(n, p, r) }},
		{"consensus_spread", false, func(n ast.Node, p string) {
			if v, ok := d.integer(n, p, 1, MaxLevel-MinLevel, "a whole number of levels from 1 to 4"); ok {
				r.ConsensusSpread = v
			}
		}},
		{"anonymity_threshold", false, func(n ast.Node, p string) {
			if v, ok := d.integer(n, p, 1, 1000, "a whole number of respondents from 1 to 1000"); ok {
				r.AnonymityThreshold = v
			}
		}},
		{"default_target", false, func(n ast.Node, p string) {
			if v, ok := d.integer(n, p, 1, MaxLevel, "a level from 1 to 5"); ok {
				r.DefaultTarget = v
			}
		}},
	})
	if stageAt != nil && legacyAt != nil {
		line, _ := position(stageAt)
		d.problem(legacyAt, join(path, "stage_threshold"), "is given beside stage_level on line %d (expected one of them: stage_level, 1–5)", line)
	}
}

// minimumCap reads the level an unmet legal minimum caps maturity at, or
// false for no cap; true is the default cap.
func (d *decoder) minimumCap(n ast.Node, path string, r *Rules) {
	const expected = "a level from 1 to 5, or false to switch the cap off"
	switch v := d.resolve(n).(type) {
	case *ast.BoolNode:
		if !v.Value {
			r.MinimumCap = 0
		} else {
			r.MinimumCap = DefaultRules().MinimumCap
		}
	case *ast.IntegerNode:
		if l, ok := d.integer(n, path, MinLevel, MaxLevel, expected); ok {
			r.MinimumCap = l
		}
	default:
		d.problem(n, path, "is %s (expected %s)", valueOf(v), expected)
	}
}

func (d *decoder) groups(n ast.Node, path string) []*Group {
	items, ok := d.list(n, path, "a list of groups")
	if !ok {
		return nil
	}
	if len(items) == 0 {
		d.problem(n, path, "is empty (expected at least one group)")
	}
	var out []*Group
	var stages ast.Node
	for i, it := range items {
		if d.exhausted() {
			break
		}
		p := fmt.Sprintf("%s[%d]", path, i)
		g := &Group{}
		var kindAt ast.Node
		d.object(it, p, "a group: id, name, dimensions", []spec{
			{"id", true, func(n ast.Node, p string) { g.ID = d.id(n, p, "group") }},
			{"kind", false, func(n ast.Node, p string) {
				kindAt = n
				switch k := GroupKind(d.str(n, p, "stages, governance or readiness")); k {
				case KindStages, KindGovernance, KindReadiness:
					g.Kind = k
				case "":
				default:
					d.problem(n, p, "%q is not a kind of group (expected stages, governance or readiness, or no kind)", string(k))
				}
			}},
			{"name", true, func(n ast.Node, p string) { g.Name = d.text(n, p) }},
			{"description", false, func(n ast.Node, p string) { g.Description = d.text(n, p) }},
			{"dimensions", true, func(n ast.Node, p string) { g.Dimensions = d.dimensions(n, p) }},
		})
		if g.Kind == KindStages {
			if stages != nil {
				line, _ := position(stages)
				d.problem(kindAt, join(p, "kind"), "is a second stages group (expected at most one; the first is on line %d)", line)
			} else {
				stages = kindAt
				if len(g.Dimensions) < 2 {
					d.problem(kindAt, join(p, "kind"), "stages group has %d dimension(s) (expected at least 2: one dimension per stage, in order)", len(g.Dimensions))
				}
			}
		}
		out = append(out, g)
	}
	return out
}

func (d *decoder) dimensions(n ast.Node, path string) []*Dimension {
	items, ok := d.list(n, path, "a list of dimensions")
	if !ok {
		return nil
	}
	if len(items) == 0 {
		d.problem(n, path, "is empty (expected at least one dimension)")
	}
	var out []*Dimension
	for i, it := range items {
		if d.exhausted() {
			break
		}
		p := fmt.Sprintf("%s[%d]", path, i)
		dim := &Dimension{Weight: 1}
		d.object(it, p, "a dimension: id, name, questions", []spec{
			{"id", true, func(n ast.Node, p string) { dim.ID = d.id(n, p, "dimension") }},
			{"name", true, func(n ast.Node, p string) { dim.Name = d.text(n, p) }},
			{"description", false, func(n ast.Node, p string) { dim.Description = d.text(n, p) }},
			{"weight", false, func(n ast.Node, p string) {
				if v, ok := d.number(n, p, 0, 1000, true, "a weight above 0, at most 1000"); ok {
					dim.Weight = v
				}
			}},
			{"target", false, func(n ast.Node, p string) { dim.Target, _ = d.integer(n, p, 1, MaxLevel, "a level from 1 to 5") }},
			{"recommendations", false, func(n ast.Node, p string) { dim.Recommendations = d.recommendations(n, p) }},
			{"questions", true, func(n ast.Node, p string) { dim.Questions = d.questions(n, p) }},
		})
		out = append(out, dim)
	}
	return out
}

func (d *decoder) recommendations(n ast.Node, path string) map[int]Text {
	fs, ok := d.fields(n, path, "a mapping from a level (1–4) to what to do to reach the next level")
	if !ok {
		return nil
	}
	out := map[int]Text{}
	for _, f := range fs {
		level, err := strconv.Atoi(f.key)
		if err != nil || level < 1 || level >= MaxLevel {
			why := "expected levels 1–4"
			if level == MaxLevel {
				why += ": level 5 has no next level"
			}
			d.problem(f.keyAt, join(path, f.key), "recommendation for unknown level %q (%s)", f.key, why)
			continue
		}
		out[level] = d.text(f.value, join(path, f.key))
	}
	return out
}

func (d *decoder) questions(n ast.Node, path string) []*Question {
	items, ok := d.list(n, path, "a list of questions")
	if !ok {
		return nil
	}
	if len(items) == 0 {
		d.problem(n, path, "is empty (expected at least one question)")
	}
	var out []*Question
	for i, it := range items {
		if d.exhausted() {
			break
		}
		p := fmt.Sprintf("%s[%d]", path, i)
		q := &Question{Weight: 1}
		d.object(it, p, "a question: id, text, options", []spec{
			{"id", true, func(n ast.Node, p string) { q.ID = d.id(n, p, "question") }},
			{"text", true, func(n ast.Node, p string) { q.Text = d.text(n, p) }},
			{"help", false, func(n ast.Node, p string) { q.Help = d.text(n, p) }},
			{"weight", false, func(n ast.Node, p string) {
				if v, ok := d.number(n, p, 0, 1000, true, "a weight above 0, at most 1000"); ok {
					q.Weight = v
				}
			}},
			{"options", true, func(n ast.Node, p string) { q.Options = d.options(n, p) }},
			{"minimum", false, func(n ast.Node, p string) { q.Minimum = d.minimum(n, p) }},
		})
		out = append(out, q)
	}
	return out
}

// minimum decodes a legal minimum: the level required, its basis in law or
// a binding norm, and the action that meets it, each text in every language.
func (d *decoder) minimum(n ast.Node, path string) *Minimum {
	m := &Minimum{}
	d.object(n, path, "a legal minimum: level, basis, action", []spec{
		{"level", true, func(n ast.Node, p string) {
			m.Level, _ = d.integer(n, p, MinLevel, MaxLevel, "the level the law requires, from 1 to 5")
		}},
		{"basis", true, func(n ast.Node, p string) { m.Basis = d.text(n, p) }},
		{"action", true, func(n ast.Node, p string) { m.Action = d.text(n, p) }},
	})
	return m
}

func (d *decoder) options(n ast.Node, path string) []Text {
	items, ok := d.list(n, path, "a list of exactly 5 options, levels 1–5 in order")
	if !ok {
		return nil
	}
	if len(items) != OptionCount {
		d.problem(n, path, "has %d options (expected exactly 5: levels 1–5 in order)", len(items))
	}
	out := make([]Text, 0, len(items))
	for i, it := range items {
		out = append(out, d.text(it, fmt.Sprintf("%s[%d]", path, i)))
	}
	return out
}
