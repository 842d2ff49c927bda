package questionnaire

import (
	"fmt"
	"sort"
)

// Questionnaire is a validated maturity model: groups of dimensions of
// questions, each question answered on five anchored options, option k being
// level k of the one scale 1–5.
type Questionnaire struct {
	ID          string   `json:"id"`
	Version     int      `json:"version"`
	Languages   []string `json:"languages"`
	Title       Text     `json:"title"`
	Description Text     `json:"description,omitempty"`
	// Levels holds the names of maturity levels 1–5 (index 0 is level 1).
	Levels []Text   `json:"levels"`
	Rules  Rules    `json:"rules"`
	Groups []*Group `json:"groups"`
	// Digest is the SHA-256 of the file the questionnaire was loaded from.
	Digest string `json:"digest"`
	// Source is the file as read: the snapshot stored with every assessment
	// so that old results stay readable after the file changes.
	Source []byte `json:"-"`

	dims    []*Dimension
	qs      []*Question
	dimByID map[string]*Dimension
	qByID   map[string]*Question
}

// Rules are the scoring parameters a questionnaire may override.
type Rules struct {
	// StageLevel is the score (1–5) every stage up to the reached one must
	// reach. A legacy file's stage_threshold (0–4) reads as threshold + 1.
	StageLevel float64 `json:"stage_level"`
	// FoundationCap limits the maturity level to one above the weaker of the
	// governance and readiness groups.
	FoundationCap bool `json:"foundation_cap"`
	// MinimumCap is the highest maturity level (1–5) while any legal minimum
	// is unmet; 0 when the file switches the cap off (minimum_cap: false).
	MinimumCap int `json:"minimum_cap"`
	// ConsensusSpread is the spread (max − min, in levels) from which a
	// question is flagged for discussion.
	ConsensusSpread int `json:"consensus_spread"`
	// AnonymityThreshold is the number of respondents below which no
	// distribution of answers is shown.
	AnonymityThreshold int `json:"anonymity_threshold"`
	// DefaultTarget is the target level (1–5) of a dimension that sets none.
	DefaultTarget int `json:"default_target"`
}

// DefaultRules are the rules of a questionnaire that states none.
func DefaultRules() Rules {
	return Rules{StageLevel: 3, FoundationCap: true, MinimumCap: 2, ConsensusSpread: 2, AnonymityThreshold: 3, DefaultTarget: 4}
}

// GroupKind marks the role a group plays in scoring.
type GroupKind string

// The kinds of group. A group without a kind is scored but plays no special role.
const (
	KindPlain      GroupKind = ""
	KindStages     GroupKind = "stages"     // ordered ascendancy stages: gives the stage result
	KindGovernance GroupKind = "governance" // a foundation: caps the maturity level
	KindReadiness  GroupKind = "readiness"  // a foundation: caps the maturity level
)

// IsFoundation reports whether the foundation cap looks at groups of this kind.
func (k GroupKind) IsFoundation() bool { return k == KindGovernance || k == KindReadiness }

// Group is a set of dimensions with a common role.
type Group struct {
	ID          string       `json:"id"`
	Kind        GroupKind    `json:"kind,omitempty"`
	Name        Text         `json:"name"`
	Description Text         `json:"description,omitempty"`
	Dimensions  []*Dimension `json:"dimensions"`
}

// Dimension is one scored aspect of maturity, made of questions.
type Dimension struct {
	ID          string  `json:"id"`
	Name        Text    `json:"name"`
	Description Text    `json:"description,omitempty"`
	Weight      float64 `json:"weight"`
	// Target is the dimension's own target level (1–5), 0 when it sets none.
	Target int `json:"target,omitempty"`
	// Recommendations maps a current level (1–4) to what to do to reach the next.
	Recommendations map[int]Text `json:"recommendations,omitempty"`
	Questions       []*Question  `json:"questions"`
	Group           *Group       `json:"-"`
}

// Question is asked of every respondent and answered with one of five options.
type Question struct {
	ID     string  `json:"id"`
	Text   Text    `json:"text"`
	Help   Text    `json:"help,omitempty"`
	Weight float64 `json:"weight"`
	// Options are the five anchored answers: Options[k-1] is level k.
	Options []Text `json:"options"`
	// Minimum is the level the law or a binding norm requires of this
	// question's practice; nil when none does.
	Minimum   *Minimum   `json:"minimum,omitempty"`
	Dimension *Dimension `json:"-"`
}

// Minimum is a legal minimum: the level a question's score must reach, the
// law or norm that requires it, and the action that meets it.
type Minimum struct {
	Level  int  `json:"level"`
	Basis  Text `json:"basis"`
	Action Text `json:"action"`
}

// OptionCount is the number of anchored options every question has.
const OptionCount = 5

// MinLevel and MaxLevel bound the one scale: levels run from 1 to 5, and
// every score, target and minimum is on it.
const (
	MinLevel = 1
	MaxLevel = 5
)

// Text is a user-facing text in each language of the questionnaire.
type Text map[string]string

// In returns the text in lang, or in the first language that has one
// (alphabetically) when lang is missing, so a view never shows nothing.
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok {
		return s
	}
	langs := make([]string, 0, len(t))
	for l := range t {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		if t[l] != "" {
			return t[l]
		}
	}
	return ""
}

// DefaultLevelNames are Gartner's names of the five maturity levels.
func DefaultLevelNames() []Text {
	return []Text{
		{"nl": "Basaal", "en": "Basic"},
		{"nl": "Opportunistisch", "en": "Opportunistic"},
		{"nl": "Systematisch", "en": "Systematic"},
		{"nl": "Onderscheidend", "en": "Differentiating"},
		{"nl": "Transformerend", "en": "Transformational"},
	}
}

// LevelName returns the name of level (1–5) in lang, or "" outside that range.
func (q *Questionnaire) LevelName(level int, lang string) string {
	if level < 1 || level > len(q.Levels) {
		return ""
	}
	return q.Levels[level-1].In(lang)
}

// Dimensions returns every dimension in questionnaire order.
func (q *Questionnaire) Dimensions() []*Dimension { return q.dims }

// Questions returns every question in questionnaire order.
func (q *Questionnaire) Questions() []*Question { return q.qs }

// Dimension returns the dimension with the given id, or nil.
func (q *Questionnaire) Dimension(id string) *Dimension {
	return q.dimByID[id]
}

// Question returns the question with the given id, or nil.
func (q *Questionnaire) Question(id string) *Question {
	return q.qByID[id]
}

// GroupNames returns the names in lang of the groups with the given ids,
// in that order; unknown ids are left out.
func (q *Questionnaire) GroupNames(ids []string, lang string) []string {
	var names []string
	for _, id := range ids {
		for _, g := range q.Groups {
			if g.ID == id {
				names = append(names, g.Name.In(lang))
			}
		}
	}
	return names
}

// Minimums returns the questions that declare a legal minimum, in
// questionnaire order.
func (q *Questionnaire) Minimums() []*Question {
	var out []*Question
	for _, x := range q.qs {
		if x.Minimum != nil {
			out = append(out, x)
		}
	}
	return out
}

// StageGroup returns the group of kind stages, or nil when there is none.
func (q *Questionnaire) StageGroup() *Group {
	for _, g := range q.Groups {
		if g.Kind == KindStages {
			return g
		}
	}
	return nil
}

// HasLanguage reports whether every text of the questionnaire exists in lang.
func (q *Questionnaire) HasLanguage(lang string) bool {
	for _, l := range q.Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// String identifies the questionnaire as id@version.
func (q *Questionnaire) String() string { return fmt.Sprintf("%s@%d", q.ID, q.Version) }

// link sets the back references and the flat indexes after decoding.
func (q *Questionnaire) link() {
	q.dims, q.qs = nil, nil
	q.dimByID, q.qByID = map[string]*Dimension{}, map[string]*Question{}
	for _, g := range q.Groups {
		for _, d := range g.Dimensions {
			d.Group = g
			q.dims = append(q.dims, d)
			q.dimByID[d.ID] = d
			for _, x := range d.Questions {
				x.Dimension = d
				q.qs = append(q.qs, x)
				q.qByID[x.ID] = x
			}
		}
	}
}
