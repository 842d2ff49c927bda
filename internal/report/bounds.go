package report

import (
	"strings"
	"unicode/utf8"
)

// What a report shows of its texts is bounded, whatever the database
// holds (a database written before import bounded them may hold a note of
// hundreds of megabytes), so that a report's time and memory stay bounded
// too. A text that is cut says so where it is cut; the export holds it
// whole.
const (
	// MaxNameRunes is how much of a name (department, parent, round,
	// organisation) a report shows.
	MaxNameRunes = 1000
	// MaxNoteRunes is how much of one note a report shows (some 300
	// pages of the PDF).
	MaxNoteRunes = 1_000_000
	// MaxNotesRunes is how much of all notes of a round together a report
	// shows; the notes after that are counted, not shown.
	MaxNotesRunes = 2_000_000
)

// cutRunes is the first n characters of s, and how many more s holds.
func cutRunes(s string, n int) (string, int) {
	if len(s) <= n {
		return s, 0 // fewer bytes than n: fewer characters too
	}
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos], utf8.RuneCountInString(s[pos:])
		}
		i++
	}
	return s, 0
}

// shortName is a name as a report shows it: at most MaxNameRunes
// characters, the last of them an ellipsis when it was cut.
func shortName(s string) string {
	if cut, more := cutRunes(s, MaxNameRunes-1); more > 1 {
		return strings.TrimRight(cut, " ") + "…"
	}
	return s
}

// boundDepartment bounds the names of a department report's input.
func boundDepartment(in Department) Department {
	in.Name, in.Parent, in.Organisation = shortName(in.Name), shortName(in.Parent), shortName(in.Organisation)
	in.Round.Label = shortName(in.Round.Label)
	return in
}

// boundOrganisation bounds the names of an organisation report's input;
// the departments are a copy.
func boundOrganisation(org Organisation) Organisation {
	org.Organisation = shortName(org.Organisation)
	ds := make([]OrgDepartment, len(org.Departments))
	for i, d := range org.Departments {
		d.Name, d.Parent = shortName(d.Name), shortName(d.Parent)
		ds[i] = d
	}
	org.Departments = ds
	return org
}

// notes are the round's notes as the report shows them: each at most
// MaxNoteRunes characters, with a mark that says how much was cut, and
// together at most MaxNotesRunes; omitted counts the notes left out.
func (w words) notes() (shown []Note, omitted int) {
	budget := MaxNotesRunes
	for i, n := range w.in.Notes {
		if budget <= 0 {
			return shown, len(w.in.Notes) - i
		}
		text, more := cutRunes(n.Text, min(MaxNoteRunes, budget))
		budget -= utf8.RuneCountInString(text)
		if more > 0 {
			text += " " + w.t.f("note_cut", more)
		}
		n.Text = text
		shown = append(shown, n)
	}
	return shown, 0
}
