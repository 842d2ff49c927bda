package scoring

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maturity-nl/maturity/internal/questionnaire"
)

// Value is one answer: a level 1–5 (option k of a question is level k), or
// DontKnow or NotApplicable, which are counted but never scored.
type Value int8

// Answers that carry no score.
const (
	DontKnow      Value = -1
	NotApplicable Value = -2
)

// Value codes as written in exchange files and the database.
const (
	DontKnowCode      = "dk"
	NotApplicableCode = "na"
)

// Scored reports whether v is one of the levels 1–5.
func (v Value) Scored() bool {
	return int(v) >= questionnaire.MinLevel && int(v) <= questionnaire.MaxLevel
}

// Valid reports whether v is a level, don't know or not applicable.
func (v Value) Valid() bool { return v.Scored() || v == DontKnow || v == NotApplicable }

// String writes v as 1–5, dk or na.
func (v Value) String() string {
	switch {
	case v == DontKnow:
		return DontKnowCode
	case v == NotApplicable:
		return NotApplicableCode
	case v.Scored():
		return strconv.Itoa(int(v))
	}
	return fmt.Sprintf("invalid(%d)", int(v))
}

// ParseValue reads an answer written as a level 1–5, dk (don't know) or na
// (not applicable); case and surrounding spaces do not matter.
func ParseValue(s string) (Value, error) {
	switch t := strings.ToLower(strings.TrimSpace(s)); t {
	case DontKnowCode:
		return DontKnow, nil
	case NotApplicableCode:
		return NotApplicable, nil
	case "1", "2", "3", "4", "5":
		return Value(t[0] - '0'), nil
	}
	return 0, fmt.Errorf("level %q is not 1, 2, 3, 4, 5, dk or na", s)
}

// ParseLegacyValue reads an answer written before the one scale: an option
// number 0–4, dk or na. Option number a is level a + 1.
func ParseLegacyValue(s string) (Value, error) {
	switch t := strings.ToLower(strings.TrimSpace(s)); t {
	case DontKnowCode:
		return DontKnow, nil
	case NotApplicableCode:
		return NotApplicable, nil
	case "0", "1", "2", "3", "4":
		return Value(t[0]-'0') + 1, nil
	}
	return 0, fmt.Errorf("answer %q is not 0, 1, 2, 3, 4, dk or na (the legacy answer column is 0–4; level is 1–5)", s)
}
