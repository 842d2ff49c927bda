package questionnaire

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
)

// A questionnaire file is parsed in tens of milliseconds (YAML), and every
// command that shows a stored round parses the file the round was answered
// on. The parsed form is a JSON encoding of the validated questionnaire,
// kept beside the file (the store keeps it with the snapshot) and read back
// in a few milliseconds, after checking that it belongs to that file.

// parsedFormat is the version of the parsed form: a form of another
// version is not read, and the file is parsed instead. Raise it whenever
// Questionnaire's fields or what Parse accepts change.
const parsedFormat = 1

type parsedForm struct {
	Format        int            `json:"format"`
	Questionnaire *Questionnaire `json:"questionnaire"`
}

// Parsed is q's parsed form, for Unparsed to read back.
func (q *Questionnaire) Parsed() ([]byte, error) {
	return json.Marshal(parsedForm{Format: parsedFormat, Questionnaire: q})
}

// ErrStaleParsed says a parsed form is of another format or of another file.
var ErrStaleParsed = errors.New("questionnaire: the parsed form is not of this file")

// MaxParsedSize is the largest parsed form Unparsed reads: twice the
// largest questionnaire file (a parsed form is about the size of its YAML).
// A larger one, only ever made by altering the database, is stale, and the
// YAML, bounded by MaxFileSize, is parsed instead.
const MaxParsedSize = 2 * MaxFileSize

// Unparsed reads a parsed form (Parsed) of the file src back as the
// questionnaire Parse would give for src. It fails with ErrStaleParsed
// when the form is of another format or of another file (its digest is
// not src's), and the caller parses src instead.
func Unparsed(src, parsed []byte) (*Questionnaire, error) {
	if len(parsed) > MaxParsedSize {
		return nil, ErrStaleParsed
	}
	var f parsedForm
	if err := json.Unmarshal(parsed, &f); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(src)
	if f.Format != parsedFormat || f.Questionnaire == nil || f.Questionnaire.Digest != hex.EncodeToString(sum[:]) {
		return nil, ErrStaleParsed
	}
	q := f.Questionnaire
	if !q.sane() {
		return nil, ErrStaleParsed
	}
	q.Source = src
	q.link()
	return q, nil
}

// sane checks what the rest of the program relies on and Parse
// guarantees, so that a parsed form altered in the database is parsed
// again rather than trusted: unique ids, five options per question,
// positive weights, levels and targets on the scale.
func (q *Questionnaire) sane() bool {
	seen := map[string]bool{}
	fresh := func(id string) bool {
		if id == "" || seen[id] {
			return false
		}
		seen[id] = true
		return true
	}
	onScale := func(l int) bool { return l >= MinLevel && l <= MaxLevel }
	r := q.Rules
	if len(q.Languages) == 0 || len(q.Groups) == 0 || !onScale(r.DefaultTarget) || (r.MinimumCap != 0 && !onScale(r.MinimumCap)) || r.AnonymityThreshold < 1 {
		return false
	}
	for _, g := range q.Groups {
		if g == nil || !fresh("g:"+g.ID) || len(g.Dimensions) == 0 {
			return false
		}
		for _, d := range g.Dimensions {
			if d == nil || !fresh("d:"+d.ID) || !(d.Weight > 0) || (d.Target != 0 && !onScale(d.Target)) || len(d.Questions) == 0 {
				return false
			}
			for _, x := range d.Questions {
				if x == nil || !fresh("q:"+x.ID) || !(x.Weight > 0) || len(x.Options) != OptionCount || (x.Minimum != nil && !onScale(x.Minimum.Level)) {
					return false
				}
			}
		}
	}
	return true
}
