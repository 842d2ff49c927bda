package questionnaire

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// MaxFileSize is the largest questionnaire file that is read.
const MaxFileSize = 8 << 20

// Parse decodes and validates a questionnaire. file names the source in
// problems. A file with any problem gives a *ValidationError listing all of them.
func Parse(file string, src []byte) (*Questionnaire, error) {
	problems := func(ps ...Problem) error {
		sortProblems(ps)
		return &ValidationError{Problems: ps}
	}
	if len(src) > MaxFileSize {
		return nil, problems(Problem{File: file, Message: fmt.Sprintf("is %d bytes (expected at most %d)", len(src), MaxFileSize)})
	}
	if strings.TrimSpace(string(src)) == "" {
		return nil, problems(Problem{File: file, Message: "is empty (expected a questionnaire: id, version, title, groups)"})
	}
	if p := precheck(src); p != nil {
		p.File = file
		return nil, problems(*p)
	}
	root, p := parseYAML(bytes.TrimPrefix(src, bom))
	if p != nil {
		p.File = file
		return nil, problems(*p)
	}
	d := &decoder{file: file, anchors: map[string]ast.Node{}, budget: nodeBudget, seen: map[string]map[string]int{}}
	ast.Walk(anchorCollector(d.anchors), root)
	q := d.questionnaire(root)
	if d.exhausted() {
		d.problems = append(d.problems, Problem{File: file, Message: fmt.Sprintf("expands to more than %d values through aliases (expected a smaller file)", nodeBudget)})
	}
	if len(d.problems) > 0 {
		return nil, problems(d.problems...)
	}
	sum := sha256.Sum256(src)
	q.Digest = hex.EncodeToString(sum[:])
	q.Source = src
	q.link()
	return q, nil
}

// parseYAML parses exactly one document, or says what is wrong. The parser is
// third-party code fed with user input, so a panic inside it becomes a
// problem, never a crash.
func parseYAML(src []byte) (root ast.Node, p *Problem) {
	defer func() {
		if r := recover(); r != nil {
			root, p = nil, &Problem{Message: fmt.Sprintf("YAML syntax: cannot parse this file (%v)", r)}
		}
	}()
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		p := &Problem{Message: "YAML syntax: " + err.Error()}
		var ye yaml.Error
		if errors.As(err, &ye) {
			p.Message = "YAML syntax: " + ye.GetMessage()
			if tk := ye.GetToken(); tk != nil && tk.Position != nil {
				p.Line, p.Column = tk.Position.Line, tk.Position.Column
			}
		}
		return nil, p
	}
	var docs []*ast.DocumentNode
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil {
			docs = append(docs, doc)
		}
	}
	switch len(docs) {
	case 0:
		return nil, &Problem{Message: "has no content (expected a questionnaire: id, version, title, groups)"}
	case 1:
		return docs[0].Body, nil
	}
	line, col := position(docs[1].Body)
	if tk := docs[1].Start; tk != nil && tk.Position != nil {
		line, col = tk.Position.Line, tk.Position.Column
	}
	return nil, &Problem{Line: line, Column: col, Message: "a second YAML document starts here (expected exactly one questionnaire per file)"}
}

// anchorCollector records every anchor so aliases can be followed in any order.
type anchorCollector map[string]ast.Node

// Visit implements ast.Visitor.
func (a anchorCollector) Visit(n ast.Node) ast.Visitor {
	if an, ok := n.(*ast.AnchorNode); ok && an.Name != nil {
		a[an.Name.String()] = an.Value
	}
	return a
}

// LoadFS reads and parses the questionnaire file name in fsys, such as an
// embedded one; problems name it as dir/name.
func LoadFS(fsys fs.FS, dir, name string) (*Questionnaire, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	return Parse(path.Join(dir, name), src)
}

// LoadFile reads and parses the questionnaire file at path. It reads at
// most MaxFileSize bytes, whatever the file claims to be, so that an endless
// file such as /dev/zero is refused instead of filling memory.
func LoadFile(path string) (*Questionnaire, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, fmt.Errorf("%s: is a directory (expected a questionnaire file)", path)
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > MaxFileSize {
		return nil, &ValidationError{Problems: []Problem{{File: path, Message: fmt.Sprintf("is larger than %d bytes (expected at most %d)", MaxFileSize, MaxFileSize)}}}
	}
	return Parse(path, src)
}
