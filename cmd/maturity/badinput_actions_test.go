package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/exchange"
)

// The rows of the README's "Bad input" table about the improvement
// register: the actions commands and an actions file given to import. Each
// runs the real binary under the bounds of runBad, on a copy of the
// database with the example round of Burgerzaken, and must leave it as it
// was.
func init() { badCases = append(badCases, actionsBadCases...) }

// actionsAdd is actions add for Burgerzaken with the given flags changed.
func actionsAdd(flags ...string) []string {
	args := []string{"actions", "add", "--department", "Burgerzaken", "--dimension", "quality", "--text", "Kwaliteitsregels opschrijven"}
	for i := 0; i+1 < len(flags); i += 2 {
		for k := range args {
			if args[k] == flags[i] {
				args[k+1] = flags[i+1]
				flags[i] = ""
			}
		}
		if flags[i] != "" {
			args = append(args, flags[i], flags[i+1])
		}
	}
	return args
}

// badAction is one line of an actions file, as export --actions writes an
// action planned after the example round, with fields changed: a value
// of "" for a field leaves it out; extra is written before created_at.
func badAction(id int, change map[string]string, extra string) string {
	fields := []struct{ name, value string }{
		{"id", fmt.Sprint(id)}, {"department", `"Burgerzaken"`}, {"round", `"2026-11"`}, {"dimension", `"quality"`},
		{"question", `""`}, {"text", `"Kwaliteitsregels opschrijven"`}, {"owner", `"teamleider"`}, {"due", `"2027-03-31"`},
		{"status", `"planned"`},
	}
	var b strings.Builder
	b.WriteString("{")
	for _, f := range fields {
		v, ok := change[f.name]
		if !ok {
			v = f.value
		}
		if v != "" {
			fmt.Fprintf(&b, "%q: %s, ", f.name, v)
		}
	}
	b.WriteString(extra)
	b.WriteString(`"created_at": "2026-11-20T10:00:00Z", "history": [{"at": "2026-11-20T10:00:00Z", "field": "created", "old": "", "new": "planned"}]}`)
	return b.String()
}

// actionsFile is an array of actions, one a line.
func actionsFile(lines ...string) string {
	return "[\n  " + strings.Join(lines, ",\n  ") + "\n]\n"
}

// shellLine is a command line as a user types it: arguments with spaces
// (or none at all) in quotes.
func shellLine(args []string) string {
	out := []string{"maturity"}
	for _, a := range args {
		if a == "" || strings.ContainsAny(a, " \t") {
			a = `"` + a + `"`
		}
		out = append(out, a)
	}
	return strings.Join(out, " ")
}

func quoted(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

const (
	dimensionsExpected = "(expected one of: descriptive, diagnostic, predictive, prescriptive, ownership, quality, privacy-ethics, metadata, security-access, definitions, leadership, skills, culture, implementation, funding, collaboration)"
	actionsRejected    = "acties.json: rejected: nothing was imported"
)

var actionsBadCases = []badCase{
	{name: "actions-unknown-department", what: "actions add: an unknown department", db: true, args: actionsAdd("--department", "Burgerzakne"), shown: shellLine(actionsAdd("--department", "Burgerzakne")), code: 2,
		want: `maturity: unknown department "Burgerzakne" (did you mean "Burgerzaken"?)`, also: "TestActions"},
	{name: "actions-unknown-dimension", what: "actions add: an unknown dimension", db: true, args: actionsAdd("--dimension", "kwaliteit"), shown: shellLine(actionsAdd("--dimension", "kwaliteit")), code: 2,
		want: `maturity: --dimension "kwaliteit": not a dimension of gemeente-datagedreven version 2 ` + dimensionsExpected, also: "TestActions"},
	{name: "actions-unknown-question", what: "actions add: an unknown question", db: true, args: actionsAdd("--question", "priv-dpia"), shown: shellLine(actionsAdd("--question", "priv-dpia")), code: 2,
		want: `maturity: --question "priv-dpia": not a question of gemeente-datagedreven version 2 (see maturity questionnaire show)`, also: "TestActions"},
	{name: "actions-unknown-id", what: "actions done: an unknown action number", db: true, args: []string{"actions", "done", "7", "--evidence", "Vastgesteld in het MT"},
		shown: shellLine([]string{"actions", "done", "7", "--evidence", "Vastgesteld in het MT"}), code: 2,
		want: "maturity: unknown action 7 (see maturity actions list)", also: "TestActions"},
	{name: "actions-not-a-number", what: "actions update: an action number that is not a number", db: true, args: []string{"actions", "update", "zeven", "--status", "bezig"}, code: 2,
		want: `maturity: "zeven" is not an action number (see maturity actions list)`, also: "TestActions"},
	{name: "actions-bad-date", what: "actions add: a due date that does not exist", db: true, args: actionsAdd("--due", "2027-02-30"), shown: shellLine(actionsAdd("--due", "2027-02-30")), code: 2,
		want: `maturity: due date "2027-02-30" is not a date (expected YYYY-MM-DD, e.g. 2027-03-31)`, also: "TestActions, TestActionService_Lifecycle"},
	{name: "actions-empty-text", what: "actions add: an empty text", db: true, args: actionsAdd("--text", "  "), shown: shellLine(actionsAdd("--text", "  ")), code: 2,
		want: "maturity: an action needs a text: what will be done", also: "TestActions"},
	{name: "actions-bad-status", what: "actions update: an unknown status", db: true, args: []string{"actions", "update", "1", "--status", "klaar"}, code: 2,
		want: `maturity: --status "klaar": unknown status (expected gepland, bezig, gereed or vervallen; in English planned, in_progress, done or dropped)`, also: "TestActions"},

	{name: "import-actions-bad-entries", what: "import, actions file: an unknown department, round, dimension and question, a bad date and status, an empty text, a history that does not lead to the status — beside one good action, which is not imported either",
		db: true, args: []string{"import", "acties.json"}, files: map[string]string{"acties.json": actionsFile(
			badAction(1, nil, ""),
			badAction(2, map[string]string{"department": `"Burgerzakne"`}, ""),
			badAction(3, map[string]string{"round": `"2025-03"`}, ""),
			badAction(4, map[string]string{"dimension": `"kwaliteit"`}, ""),
			badAction(5, map[string]string{"dimension": `"privacy-ethics"`, "question": `"priv-dpia"`}, ""),
			badAction(6, map[string]string{"due": `"2027-02-30"`}, ""),
			badAction(7, map[string]string{"status": `"gereed"`}, ""),
			badAction(8, map[string]string{"text": `""`}, ""),
			badAction(9, map[string]string{"status": `"done"`}, `"evidence": "Vastgesteld in het MT", `),
		)}, code: 2,
		want: `acties.json:3: entry 2: department: unknown department "Burgerzakne" (did you mean "Burgerzaken"?)
acties.json:4: entry 3: round: department "Burgerzaken" has no round "2025-03" (its rounds: "2026-11"; "" for an action agreed before any round)
acties.json:5: entry 4: dimension: "kwaliteit" is not a dimension of gemeente-datagedreven version 2 ` + dimensionsExpected + `
acties.json:6: entry 5: question: "priv-dpia" is not a question of gemeente-datagedreven version 2 (expected a question's id, see maturity questionnaire show, or "" for none)
acties.json:7: entry 6: due: "2027-02-30" is not a date (expected YYYY-MM-DD, e.g. 2027-03-31, or "" for none)
acties.json:8: entry 7: status: "gereed" is not a status (expected planned, in_progress, done or dropped)
acties.json:9: entry 8: text: is empty (expected what will be done)
acties.json:10: entry 9: status: is "done", but its history ends at "planned" (expected the value of the last change)
` + actionsRejected, also: "TestActions_ExportImportRoundTrip, TestScanActions_Bad, TestCheckImportedAction, TestActionService_Import"},
	{name: "import-actions-wrong-types", what: "import, actions file: fields of the wrong JSON type, an unknown field, one given twice",
		db: true, args: []string{"import", "acties.json"}, files: map[string]string{"acties.json": actionsFile(
			badAction(1, map[string]string{"id": `"1"`, "department": "5", "text": `["x"]`}, `"overdue": "nee", "kleur": "rood", `),
			`{"id": 2, "text": "a", "TEXT": "b"}`,
			`{"id": 3, "department": "Burgerzaken", "dimension": "quality", "text": "x", "status": "planned", "created_at": "gisteren", "history": "geen"}`,
		)}, code: 2,
		want: `acties.json:2: entry 1: id: is the string "1" (expected the action's number, a whole number from 1)
acties.json:2: entry 1: department: is a JSON number (expected a string)
acties.json:2: entry 1: text: is a JSON array (expected a string)
acties.json:2: entry 1: overdue: is the string "nee" (expected true or false)
acties.json:2: entry 1: "kleur": is not a field of an action (expected id, department, dimension, question, text, owner, due, status, overdue, round, assessment, evidence, reason, created_at, history)
acties.json:3: entry 2: text: is given twice in one action (expected each field once)
acties.json:4: entry 3: created_at: is the string "gisteren" (expected a time as RFC 3339, e.g. 2026-11-20T14:05:00Z)
acties.json:4: entry 3: history: is the string "geen" (expected an array of changes, each {"at", "field", "old", "new"})
` + actionsRejected, also: "TestScanActions_Bad"},
	{name: "import-actions-deep", what: "import, actions file: an action nested 100,000 levels deep", db: true, args: []string{"import", "acties.json"},
		files: map[string]string{"acties.json": actionsFile(badAction(1, nil, ""), strings.Repeat("[", 100_000)+strings.Repeat("]", 100_000))}, code: 2,
		want: "acties.json:3: is nested too deeply (expected an action object, as maturity actions list --json prints)\n" + actionsRejected, also: "TestScanActions_Bad"},
	{name: "import-actions-huge", what: "import, actions file: an action with a text of 50 MB", db: true, shown: "maturity import acties.json",
		run: func(t *testing.T, bin, dir string) (string, int) {
			writeFile(t, filepath.Join(dir, "acties.json"), actionsFile(badAction(1, nil, ""), badAction(2, map[string]string{"text": quoted(strings.Repeat("Kwaliteit ", 5<<20))}, "")))
			return runBad(t, bin, dir, "import", "acties.json")
		}, code: 2,
		want: fmt.Sprintf("acties.json:3: has a row longer than %d bytes (expected an action with texts of at most 10000 characters and a history of at most %d changes)\n", exchange.MaxActionBytes, exchange.MaxActionHistory) + actionsRejected,
		also: "TestScanActions_Limits"},
	{name: "import-actions-long-history", what: "import, actions file: an action with 1,001 changes", db: true, shown: "maturity import acties.json",
		run: func(t *testing.T, bin, dir string) (string, int) {
			change := `{"at": "2026-11-20T10:00:00Z", "field": "owner", "old": "a", "new": "b"}, `
			line := strings.Replace(badAction(1, nil, ""), `"new": "planned"}]`, `"new": "planned"}, `+strings.Repeat(change, exchange.MaxActionHistory)+`{}]`, 1)
			writeFile(t, filepath.Join(dir, "acties.json"), actionsFile(line))
			return runBad(t, bin, dir, "import", "acties.json")
		}, code: 2,
		want: fmt.Sprintf("acties.json:2: entry 1: history[%d]: is one change too many (expected at most %d changes of one action)\n", exchange.MaxActionHistory, exchange.MaxActionHistory) + actionsRejected,
		also: "TestScanActions_Limits"},
	{name: "import-actions-too-many", what: "import, actions file: 50,001 actions", db: true, shown: "maturity import acties.json",
		run: func(t *testing.T, bin, dir string) (string, int) {
			lines := make([]string, exchange.MaxActions+1)
			for i := range lines {
				lines[i] = badAction(i+1, nil, "")
			}
			writeFile(t, filepath.Join(dir, "acties.json"), actionsFile(lines...))
			return runBad(t, bin, dir, "import", "acties.json")
		}, code: 2,
		want: fmt.Sprintf("acties.json:%d: entry %d: is one action too many (expected at most %d in one file: split it)\n", exchange.MaxActions+2, exchange.MaxActions+1, exchange.MaxActions) + actionsRejected},
}
