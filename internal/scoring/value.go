package scoring

import (
	"fmt"
	"strconv"
	"strings"
)

// Value codes as written in exchange files and the database.
const (
	DontKnowCode      = "dk"
	NotApplicableCode = "na"
)

// String writes v as 0–4, dk or na.
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

// ParseValue reads an answer written as 0–4, dk (don't know) or na (not
// applicable); case and surrounding spaces do not matter.
func ParseValue(s string) (Value, error) {
	switch t := strings.ToLower(strings.TrimSpace(s)); t {
	case DontKnowCode:
		return DontKnow, nil
	case NotApplicableCode:
		return NotApplicable, nil
	case "0", "1", "2", "3", "4":
		return Value(t[0] - '0'), nil
	}
	return 0, fmt.Errorf("answer %q is not 0, 1, 2, 3, 4, dk or na", s)
}
