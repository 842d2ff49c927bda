package store

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Error codes. Every one of them is the user's to fix (a wrong name, a file
// that is not a database), so callers report them as bad input.
const (
	ENOTFOUND = "not_found" // no department, assessment or round by that name
	ECONFLICT = "conflict"  // the change contradicts what is stored
	EINVALID  = "invalid"   // a value the store cannot take
	ENOTDB    = "not_db"    // the file is not a maturity database (or not SQLite at all)
	ETOONEW   = "too_new"   // the database was written by a newer maturity
	EDAMAGED  = "damaged"   // the database's schema version is not one maturity writes
	EREADONLY = "read_only" // the database file cannot be written
	ECANTOPEN = "cant_open" // the database file cannot be opened or made
	ECHANGES  = "changes"   // an import would change stored answers or notes
)

// Error is a problem the user can act on, with a message that says how.
type Error struct {
	Code    string
	Message string
	// Suggestions are the known names that look like an unknown one.
	Suggestions []string
	// Changes are what an import would change (ECHANGES), the first
	// maxChanges of them; MoreChanges counts the others.
	Changes     []Change
	MoreChanges int
}

func (e *Error) Error() string { return e.Message }

func errorf(code, format string, args ...any) error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of a store *Error in err's chain, or "".
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// translate turns driver errors a user can cause into *Error values; path
// names the database file in the message.
func translate(path string, err error) error {
	var se *sqlite.Error
	if err == nil || !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_NOTADB:
		return errorf(ENOTDB, "%s is not a maturity database (not a SQLite file); choose another file with --db", path)
	case sqlite3.SQLITE_READONLY:
		return errorf(EREADONLY, "%s is read-only: nothing was saved; check the file's permissions or choose another file with --db", path)
	case sqlite3.SQLITE_CANTOPEN:
		return errorf(ECANTOPEN, "cannot open or create the database %s: check that its folder may be written, or choose another file with --db", path)
	}
	return err
}

// notFound reports an unknown name with the known names that look like it.
func notFound(kind, name string, known []string) error {
	msg := fmt.Sprintf("unknown %s %q", kind, name)
	m := closeMatches(name, known)
	if len(m) > 0 {
		msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(quoteAll(m), " or "))
	} else if len(known) == 0 {
		msg += fmt.Sprintf(" (there is no %s yet)", kind)
	}
	return &Error{Code: ENOTFOUND, Message: msg, Suggestions: m}
}

func quoteAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = fmt.Sprintf("%q", x)
	}
	return out
}

// closeMatches returns up to three known names that contain name, or are
// within a third of its length in edit distance, closest first.
func closeMatches(name string, known []string) []string {
	type match struct {
		s string
		d int
	}
	n := strings.ToLower(name)
	var ms []match
	for _, k := range known {
		kl := strings.ToLower(k)
		d := editDistance(n, kl)
		if strings.Contains(kl, n) || strings.Contains(n, kl) {
			d = min(d, 1)
		}
		if d <= max(2, len([]rune(name))/3) {
			ms = append(ms, match{k, d})
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].d < ms[j].d })
	var out []string
	for i := 0; i < len(ms) && i < 3; i++ {
		out = append(out, ms[i].s)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
