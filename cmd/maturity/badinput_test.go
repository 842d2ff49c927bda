package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/exchange"
	"github.com/maturity-nl/maturity/internal/tui"
	gossh "golang.org/x/crypto/ssh"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite the table of README.md's \"Bad input\" section from TestBadInput's cases")

// badCase is one row of the README's "Bad input" table: a mistake a user
// can make, run against the real binary, with the exit code and the exact
// message the user sees.
type badCase struct {
	name string // the subtest, named in the table
	what string // the table's first column: what is wrong
	// args are maturity's arguments, run in a fresh folder that holds files
	// (content, or "@path" to copy a file of this repository) and, with db,
	// m.db with the example round of Burgerzaken. MATURITY_DB is m.db.
	args  []string
	files map[string]string
	db    bool
	// run replaces args for what is not one command line: it returns what
	// the user sees and the exit code (-1: the program keeps running).
	run   func(t *testing.T, bin, dir string) (string, int)
	shown string // the command in the table, when it is not maturity ARGS
	code  int
	want  string // standard error, exactly
	also  string // other tests that check the same message nearer its source
	// writes says that the database may change: the case's own set-up
	// writes it, or the command does all the same.
	writes bool
}

const exampleCSV = "@../../examples/burgerzaken.csv"

// badCases are the rows of the table, in the order shown.
var badCases = []badCase{
	// The questionnaire file.
	{name: "questionnaire-syntax", what: "questionnaire file: YAML syntax error", args: []string{"questionnaire", "validate", "syntax-error.yaml"},
		files: map[string]string{"syntax-error.yaml": "@../../internal/questionnaire/testdata/invalid/syntax-error.yaml"}, code: 2,
		want: "syntax-error.yaml:4:1: YAML syntax: ',' or '}' must be specified", also: "TestParse_Invalid, TestQuestionnaireValidate"},
	{name: "questionnaire-unknown-field", what: "questionnaire file: a misspelt field", args: []string{"questionnaire", "validate", "unknown-fields.yaml"},
		files: map[string]string{"unknown-fields.yaml": "@../../internal/questionnaire/testdata/invalid/unknown-fields.yaml"}, code: 2,
		want: `unknown-fields.yaml:3:1: unknown field "titel" (expected one of: id, version, languages, title, description, levels, rules, groups)
unknown-fields.yaml:13:13: groups[0].dimensions[0].questions[0]: unknown field "weigth" (expected one of: id, text, help, weight, options, minimum)`,
		also: "TestParse_Invalid, TestQuestionnaireValidate"},
	{name: "questionnaire-options", what: "questionnaire file: a question without exactly five options", args: []string{"questionnaire", "validate", "option-count.yaml"},
		files: map[string]string{"option-count.yaml": "@../../internal/questionnaire/testdata/invalid/option-count.yaml"}, code: 2,
		want: `option-count.yaml:14:15: groups[0].dimensions[0].questions[0].options: has 4 options (expected exactly 5: levels 1–5 in order)
option-count.yaml:20:22: groups[0].dimensions[0].questions[1].options: has 6 options (expected exactly 5: levels 1–5 in order)`,
		also: "TestParse_Invalid, TestQuestionnaireValidate"},
	{name: "questionnaire-language", what: "questionnaire file: a text missing in a language", args: []string{"questionnaire", "validate", "missing-language.yaml"},
		files: map[string]string{"missing-language.yaml": "@../../internal/questionnaire/testdata/invalid/missing-language.yaml"}, code: 2,
		want: `missing-language.yaml:3:9: title: has no text in "en" (expected a text in nl and en)
missing-language.yaml:13:20: groups[0].dimensions[0].questions[0].help: has no text in "nl" (expected a text in nl and en)`,
		also: "TestParse_Invalid, TestQuestionnaireValidate"},
	{name: "questionnaire-empty", what: "questionnaire file: empty", args: []string{"questionnaire", "validate", "empty.yaml"},
		files: map[string]string{"empty.yaml": ""}, code: 2,
		want: "empty.yaml: is empty (expected a questionnaire: id, version, title, groups)", also: "TestParse_Invalid, TestQuestionnaireValidate"},
	{name: "questionnaire-every-kind", what: "questionnaire file: each of the malformed files in internal/questionnaire/testdata/invalid/",
		shown: "maturity questionnaire validate FILE.yaml", run: validateEveryInvalid, code: 2,
		want: "every problem of the file as FILE:LINE:COL: FIELD: MESSAGE, in file order: exactly the lines of its FILE.want",
		also: "TestParse_Invalid, TestQuestionnaireValidate"},
	{name: "questionnaire-missing", what: "questionnaire file: does not exist", args: []string{"questionnaire", "validate", "mine.yaml"}, code: 2,
		want: "maturity: mine.yaml: no such file", also: "TestQuestionnaireValidate"},
	{name: "questionnaire-flag", what: "--questionnaire: a file with a problem, on any command", args: []string{"import", "answers.csv", "--questionnaire", "option-count.yaml"},
		files: map[string]string{"answers.csv": exampleCSV, "option-count.yaml": "@../../internal/questionnaire/testdata/invalid/option-count.yaml"}, code: 2,
		want: `option-count.yaml:14:15: groups[0].dimensions[0].questions[0].options: has 4 options (expected exactly 5: levels 1–5 in order)
option-count.yaml:20:22: groups[0].dimensions[0].questions[1].options: has 6 options (expected exactly 5: levels 1–5 in order)`},
	{name: "questionnaire-deep", what: "questionnaire file: nested 100,000 levels deep (the parser's cost grows with the square of the depth)",
		args: []string{"questionnaire", "validate", "diep.yaml"}, files: map[string]string{"diep.yaml": "id: x\nversion: 1\ntitle: " + strings.Repeat("[", 100_000) + "\n"}, code: 2,
		want: "diep.yaml:3:72: nests deeper than 64 levels (expected a questionnaire, which needs about 8)", also: "TestParse_DeepNestingIsCheap, TestParse_Invalid"},
	{name: "questionnaire-endless", what: "questionnaire file: endless (/dev/zero)", args: []string{"questionnaire", "show", "--questionnaire", "/dev/zero"}, code: 2,
		want: "/dev/zero: is larger than 8388608 bytes (expected at most 8388608)"},
	{name: "questionnaire-folder-bad-file", what: "your questionnaires folder: one file nested too deep among good ones", args: []string{"questionnaire", "list"},
		files: map[string]string{"data/maturity/questionnaires/diep.yaml": strings.Repeat("- ", 200_000) + "\n"}, code: 2,
		want: "maturity: 1 questionnaire file(s) in the user's folder are invalid", also: "TestQuestionnaire_BadFileInFolder"},
	{name: "questionnaire-unknown-id", what: "--questionnaire: an unknown id", args: []string{"questionnaire", "show", "eigen-meting"}, code: 2,
		want: `maturity: unknown questionnaire "eigen-meting" (known: gemeente-datagedreven; or give the path of a YAML file)`},

	// The style file.
	{name: "style-problems", what: "style file: a colour, a font and a logo that are not right", db: true,
		args:  []string{"report", "--department", "Burgerzaken", "--style", "huisstijl.yaml", "-o", "rapport.pdf"},
		files: map[string]string{"huisstijl.yaml": "organisation: Gemeente Voorbeeldstad\ncolours: {primary: \"#1F4E7\", accent: oranje}\nfont: comic\nlogo: logo.png\n"}, code: 2,
		want: `huisstijl.yaml:2:20: colours.primary: "#1F4E7" is not a colour (expected #rrggbb, e.g. #1F4E79)
huisstijl.yaml:2:38: colours.accent: "oranje" is not a colour (expected #rrggbb, e.g. #1F4E79)
huisstijl.yaml:3:7: font: "comic" is not an embedded font (expected sans or medium)
huisstijl.yaml:4:7: logo: cannot read logo.png (expected a PNG or JPEG file)`, also: "TestLoadStyle"},
	{name: "style-not-image", what: "style file: a logo that is not an image", db: true,
		args:  []string{"report", "--department", "Burgerzaken", "--style", "huisstijl.yaml", "-o", "rapport.pdf"},
		files: map[string]string{"huisstijl.yaml": "logo: logo.png\n", "logo.png": "not an image\n"}, code: 2,
		want: "huisstijl.yaml:1:7: logo: logo.png is not a PNG or JPEG image", also: "TestLoadStyle"},
	{name: "style-unknown-field", what: "style file: an unknown field", db: true,
		args:  []string{"report", "--department", "Burgerzaken", "--style", "huisstijl.yaml", "-o", "rapport.pdf"},
		files: map[string]string{"huisstijl.yaml": "organisation: Gemeente Voorbeeldstad\nkleur: rood\n"}, code: 2,
		want: `huisstijl.yaml:2:1: unknown field "kleur" (expected the fields organisation, logo, colours {primary, accent}, font)`, also: "TestLoadStyle"},
	{name: "style-syntax", what: "style file: YAML syntax error", db: true,
		args:  []string{"report", "--department", "Burgerzaken", "--style", "huisstijl.yaml", "-o", "rapport.pdf"},
		files: map[string]string{"huisstijl.yaml": "colours: [\n"}, code: 2,
		want: "huisstijl.yaml:1:10: sequence end token ']' not found (expected the fields organisation, logo, colours {primary, accent}, font)", also: "TestLoadStyle"},
	{name: "style-missing", what: "style file: does not exist", db: true,
		args: []string{"report", "--department", "Burgerzaken", "--style", "huisstijl.yaml", "-o", "rapport.pdf"}, code: 2,
		want: "maturity: style file huisstijl.yaml does not exist"},
	{name: "style-folder", what: "style file: a folder", db: true,
		args:  []string{"report", "--department", "Burgerzaken", "--style", "huisstijl", "-o", "rapport.pdf"},
		files: map[string]string{"huisstijl/logo.png": "not an image\n"}, code: 2,
		want: "maturity: style file huisstijl is a folder (expected a YAML file)"},

	// The import file.
	{name: "import-bad-rows", what: "import file: a level out of range, an unknown question, a second answer to one question, an empty field", db: true,
		args: []string{"import", "antwoorden.csv"},
		files: map[string]string{"antwoorden.csv": "department,assessment,respondent,question,level,note\n" +
			"Burgerzaken,2026-12,Vos,desc-reporting,6,\nBurgerzaken,2026-12,Vos,desc-reprting,1,\n" +
			"Burgerzaken,2026-12,Vos,desc-timeliness,1,\nBurgerzaken,2026-12,Vos,desc-timeliness,2,\n,2026-12,Vos,desc-definitions,1,\n"}, code: 2,
		want: `antwoorden.csv:2: level: "6" is out of range (expected 1, 2, 3, 4, 5, dk or na)
antwoorden.csv:3: question: unknown question "desc-reprting" (not in questionnaire gemeente-datagedreven version 2)
antwoorden.csv:5: respondent "Vos" answers question "desc-timeliness" a second time (first on line 4; expected one row per respondent and question)
antwoorden.csv:6: department: is empty (expected the department's name)
antwoorden.csv: rejected: nothing was imported`, also: "TestReadCSV_Bad, TestImport_RejectedLeavesDatabaseUnchanged"},
	{name: "import-header", what: "import file: a column the header does not know", db: true, args: []string{"import", "antwoorden.csv"},
		files: map[string]string{"antwoorden.csv": "department,assessment,respondent,question,antwoord,note\nBurgerzaken,2026-12,Vos,desc-reporting,1,\n"}, code: 2,
		want: `antwoorden.csv:1: unknown column "antwoord" in the header (expected department,assessment,respondent,question,level,note)
antwoorden.csv: rejected: nothing was imported`, also: "TestReadCSV_Bad"},
	{name: "import-level-and-answer", what: "import file: a header with both level (1–5) and the legacy answer (0–4)", db: true, args: []string{"import", "antwoorden.csv"},
		files: map[string]string{"antwoorden.csv": "department,assessment,respondent,question,answer,level,note\nBurgerzaken,2026-12,Vos,desc-reporting,1,2,\n"}, code: 2,
		want: `antwoorden.csv:1: the header has both column "level" and column "answer" (expected one of them: level for levels 1–5, or answer for answers 0–4 on the old scale)
antwoorden.csv: rejected: nothing was imported`, also: "TestReadCSV_Bad"},
	{name: "import-legacy-answer", what: "import file: a legacy answer column (0–4) holding a level 5", db: true, args: []string{"import", "antwoorden.csv"},
		files: map[string]string{"antwoorden.csv": "department,assessment,respondent,question,answer,note\nBurgerzaken,2026-12,Vos,desc-reporting,5,\n"}, code: 2,
		want: `antwoorden.csv:2: answer: "5" is out of range (expected 0, 1, 2, 3, 4, dk or na: the answer column holds the old scale 0–4; for levels 1–5 name the column level)
antwoorden.csv: rejected: nothing was imported`, also: "TestReadCSV_Bad"},
	{name: "import-fields", what: "import file: a row with too few fields", db: true, args: []string{"import", "antwoorden.csv"},
		files: map[string]string{"antwoorden.csv": "department,assessment,respondent,question,level,note\nBurgerzaken,2026-12,Vos,desc-reporting,1\n"}, code: 2,
		want: "antwoorden.csv:2: has 5 fields (expected 6, as in the header)\nantwoorden.csv: rejected: nothing was imported", also: "TestReadCSV_Bad"},
	{name: "import-quote", what: "import file: a quote that is never closed", db: true, args: []string{"import", "antwoorden.csv"},
		files: map[string]string{"antwoorden.csv": "department,assessment,respondent,question,level,note\nBurgerzaken,2026-12,Vos,desc-reporting,1,\"open\n"}, code: 2,
		want: "antwoorden.csv:2: extraneous or missing \" in quoted-field\nantwoorden.csv: rejected: nothing was imported", also: "TestReadCSV_Bad"},
	{name: "import-not-text", what: "import file: not UTF-8 text (a spreadsheet, an image)", db: true, args: []string{"import", "antwoorden.csv"},
		files: map[string]string{"antwoorden.csv": "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe"}, code: 2,
		want: "antwoorden.csv: is not UTF-8 text (expected a CSV file; save it from Excel as \"CSV UTF-8\")\nantwoorden.csv: rejected: nothing was imported", also: "TestReadCSV_Bad"},
	{name: "import-empty", what: "import file: empty", db: true, args: []string{"import", "antwoorden.csv"}, files: map[string]string{"antwoorden.csv": ""}, code: 2,
		want: "antwoorden.csv: is empty (expected the header department,assessment,respondent,question,level,note and one row per answer)\nantwoorden.csv: rejected: nothing was imported",
		also: "TestReadCSV_Bad"},
	{name: "import-json-answer", what: "import file (JSON): a level out of range", db: true, args: []string{"import", "antwoorden.json"},
		files: map[string]string{"antwoorden.json": "[\n  {\"department\": \"Burgerzaken\", \"assessment\": \"2026-12\", \"respondent\": \"Vos\", \"question\": \"desc-reporting\", \"level\": 9}\n]\n"}, code: 2,
		want: "antwoorden.json:2: level: \"9\" is out of range (expected 1, 2, 3, 4, 5, dk or na)\nantwoorden.json: rejected: nothing was imported", also: "TestReadJSON"},
	{name: "import-json-field", what: "import file (JSON): an unknown field", db: true, args: []string{"import", "antwoorden.json"},
		files: map[string]string{"antwoorden.json": "[\n  {\"department\": \"Burgerzaken\", \"assessment\": \"2026-12\", \"respondent\": \"Vos\", \"question\": \"desc-reporting\", \"antwoord\": 3}\n]\n"}, code: 2,
		want: "antwoorden.json:2: unknown field \"antwoord\"\nantwoorden.json: rejected: nothing was imported", also: "TestReadJSON"},
	{name: "import-json-shape", what: "import file (JSON): not an array of rows", db: true, args: []string{"import", "antwoorden.json"},
		files: map[string]string{"antwoorden.json": "{\"department\": \"Burgerzaken\"}\n"}, code: 2,
		want: "antwoorden.json:1: expected a JSON array of rows (not an array)\nantwoorden.json: rejected: nothing was imported", also: "TestReadJSON"},
	{name: "import-json-truncated", what: "import file (JSON): cut off", db: true, args: []string{"import", "antwoorden.json"},
		files: map[string]string{"antwoorden.json": "[\n  {\"department\": \"Burgerzaken\",\n"}, code: 2,
		want: "antwoorden.json:2: unexpected EOF\nantwoorden.json: rejected: nothing was imported", also: "TestReadJSON"},
	{name: "import-note-long", what: "import file: a note longer than 10,000 characters", db: true, args: []string{"import", "antwoorden.csv"},
		files: map[string]string{"antwoorden.csv": "department,assessment,respondent,question,level,note\nBurgerzaken,2026-12,Vos,desc-reporting,3," + strings.Repeat("n", 10_001) + "\n"}, code: 2,
		want: "antwoorden.csv:2: note: is 10001 characters long (expected at most 10000)\nantwoorden.csv: rejected: nothing was imported", also: "TestReadCSV_Hostile, TestNames"},
	{name: "import-note-200mb", what: "import file: a note of 200 MB (a row beyond 256 KiB is refused before it is read whole)", db: true,
		run:   bigRow("antwoorden.csv", "department,assessment,respondent,question,level,note\nBurgerzaken,2026-12,Vos,desc-reporting,3,", 200<<20, "\n"),
		shown: "maturity import antwoorden.csv", code: 2,
		want: "antwoorden.csv:2: has a row longer than 262144 bytes (expected names of at most 200 characters and a note of at most 10000)\nantwoorden.csv: rejected: nothing was imported",
		also: "TestScan_LongRowIsNotHeld"},
	{name: "import-answer-echo", what: "import file: a bad answer of 200,000 characters (the message quotes its first 40)", db: true, args: []string{"import", "antwoorden.csv"},
		files: map[string]string{"antwoorden.csv": "department,assessment,respondent,question,level,note\nBurgerzaken,2026-12,Vos,desc-reporting," + strings.Repeat("7", 200_000) + ",\n"}, code: 2,
		want: `antwoorden.csv:2: level: "7777777777777777777777777777777777777777"… (200000 characters) is out of range (expected 1, 2, 3, 4, 5, dk or na)` + "\nantwoorden.csv: rejected: nothing was imported",
		also: "TestReadCSV_Hostile"},
	{name: "import-names", what: "import file: an escape code, a tab or a C1 control in a name, a name over 200 characters", db: true, args: []string{"import", "antwoorden.csv"},
		files: map[string]string{"antwoorden.csv": "department,assessment,respondent,question,level,note\n" +
			"Burger\x1b]0;pwned\x07zaken,2026-12,Vos,desc-reporting,3,\nBurgerzaken,2026\t12,Vos,desc-reporting,3,\n" +
			"Burgerzaken,2026-12,V\u009b2Jos,desc-reporting,3,\n" + strings.Repeat("Afdeling ", 23) + ",2026-12,Vos,desc-reporting,3,\n"}, code: 2,
		want: `antwoorden.csv:2: department: contains the control character U+001B at character 7 (expected printable text: no escape codes, tabs or line breaks)
antwoorden.csv:3: assessment: contains the control character U+0009 at character 5 (expected printable text: no escape codes, tabs or line breaks)
antwoorden.csv:4: respondent: contains the control character U+009B at character 2 (expected printable text: no escape codes, tabs or line breaks)
antwoorden.csv:5: department: is 206 characters long (expected at most 200)
antwoorden.csv: rejected: nothing was imported`, also: "TestReadCSV_Hostile, TestNames"},
	{name: "import-nul", what: "import file: a NUL byte after the first 4 KB", db: true, args: []string{"import", "antwoorden.csv"},
		files: map[string]string{"antwoorden.csv": "department,assessment,respondent,question,level,note\n" + respondentRows(40) + "Burgerzaken,2026-12,Vos,desc-reporting,3,a\x00b\n"}, code: 2,
		want: "antwoorden.csv:42: contains a NUL byte (expected UTF-8 text; a file saved as UTF-16, or a spreadsheet, has them)\nantwoorden.csv: rejected: nothing was imported",
		also: "TestReadCSV_Hostile"},
	{name: "import-cr-only", what: "import file: lines ended by a carriage return alone (old Mac line endings)", db: true, args: []string{"import", "antwoorden.csv"},
		files: map[string]string{"antwoorden.csv": "department,assessment,respondent,question,level,note\rBurgerzaken,2026-12,Vos,desc-reporting,3,\rBurgerzaken,2026-12,Vos,desc-timeliness,2,\r"}, code: 2,
		want: `antwoorden.csv:1: ends its lines with a carriage return alone (old Mac line endings; expected line feeds, or CR LF as Windows writes: save it from Excel as "CSV UTF-8")` + "\nantwoorden.csv: rejected: nothing was imported",
		also: "TestReadCSV_Hostile"},
	{name: "import-json-nul", what: "import file (JSON): \\u0000 in a note", db: true, args: []string{"import", "antwoorden.json"},
		files: map[string]string{"antwoorden.json": "[\n  {\"department\": \"Burgerzaken\", \"assessment\": \"2026-12\", \"respondent\": \"Vos\", \"question\": \"desc-reporting\", \"level\": 3, \"note\": \"a\\u0000b\"}\n]\n"}, code: 2,
		want: "antwoorden.json:2: note: contains a NUL character (expected text)\nantwoorden.json: rejected: nothing was imported", also: "TestReadJSON_Hostile"},
	{name: "import-json-duplicate", what: "import file (JSON): a field twice in one object (the last would win silently)", db: true, args: []string{"import", "antwoorden.json"},
		files: map[string]string{"antwoorden.json": "[\n  {\"department\": \"Burgerzaken\", \"assessment\": \"2026-12\", \"respondent\": \"Vos\", \"question\": \"desc-reporting\", \"level\": 3, \"Level\": 5}\n]\n"}, code: 2,
		want: "antwoorden.json:2: level: is given twice in one row (expected each field once)\nantwoorden.json: rejected: nothing was imported", also: "TestReadJSON_Hostile, FuzzScanJSON"},
	{name: "import-json-note-200mb", what: "import file (JSON): a note of 200 MB, streamed", db: true,
		run:   bigRow("antwoorden.json", "[\n  {\"department\": \"Burgerzaken\", \"assessment\": \"2026-12\", \"respondent\": \"Vos\", \"question\": \"desc-reporting\", \"level\": 3, \"note\": \"", 200<<20, "\"}\n]\n"),
		shown: "maturity import antwoorden.json", code: 2,
		want: "antwoorden.json:2: has a row longer than 262144 bytes (expected names of at most 200 characters and a note of at most 10000)\nantwoorden.json: rejected: nothing was imported",
		also: "TestScan_LongRowIsNotHeld"},
	{name: "import-too-large", what: "import file: larger than 1 GiB", db: true, run: sparseFile("antwoorden.json", exchangeMaxFileSize+1), shown: "maturity import antwoorden.json", code: 2,
		want: "antwoorden.json: is larger than 1073741824 bytes (expected at most 1073741824, 1 GiB: split it into smaller files)\nantwoorden.json: rejected: nothing was imported",
		also: "TestCheckSize"},
	{name: "import-endless", what: "import file (JSON): a stream past 1 GiB (\"[\" and white space without end, through a pipe)", db: true, run: endlessJSON,
		shown: "maturity import antwoorden.json", code: 2,
		want: "antwoorden.json: is larger than 1073741824 bytes (expected at most 1073741824, 1 GiB: split it into smaller files)\nantwoorden.json: rejected: nothing was imported",
		also: "TestScanJSON_WhiteSpace"},
	{name: "import-changes", what: "import file: other answers than those stored for respondents of a closed round", db: true, args: []string{"import", "antwoorden.csv"},
		files: map[string]string{"antwoorden.csv": "department,assessment,respondent,question,level,note\nBurgerzaken,2026-11,Reiger,desc-reporting,5,\n" +
			"Burgerzaken,2026-11,Reiger,desc-definitions,4,\nBurgerzaken,2026-11,Vos,desc-reporting,3,Maanddashboard vervangen door een weekrapport.\n"}, code: 2,
		want: `maturity: antwoorden.csv zou 1 antwoord en 1 notitie wijzigen die al zijn opgeslagen; er is niets geïmporteerd (om het bestand ze te laten vervangen: maturity import --replace antwoorden.csv):
  "Burgerzaken", gesloten ronde "2026-11", respondent "Reiger": het antwoord op "desc-reporting" is "3", het bestand zegt "5"
  "Burgerzaken", gesloten ronde "2026-11", respondent "Vos": de notitie bij "desc-reporting" is "Maanddashboard zaken en doorlooptijden, "…, het bestand zegt "Maanddashboard vervangen door een weekra"…`,
		also: "TestImport_Changes"},
	{name: "import-replace", what: "import --replace: the same file as in import-changes, its answer and note replacing the stored ones", db: true, writes: true,
		files: map[string]string{"antwoorden.csv": "department,assessment,respondent,question,level,note\nBurgerzaken,2026-11,Reiger,desc-reporting,5,\n" +
			"Burgerzaken,2026-11,Reiger,desc-definitions,4,\nBurgerzaken,2026-11,Vos,desc-reporting,3,Maanddashboard vervangen door een weekrapport.\n"},
		run: stdoutOf("import", "--replace", "antwoorden.csv"), shown: "maturity import --replace antwoorden.csv", code: 0,
		want: "antwoorden.csv geïmporteerd: 0 antwoorden en 0 notities in 3 rijen (nieuw: 0 afdelingen, 0 rondes, 0 respondenten; vervangen: 1 antwoord, 1 notitie; al zo opgeslagen: 2 antwoorden, 0 notities) in m.db\n" +
			"  de gesloten ronde Burgerzaken, 2026-11 is gewijzigd: zie maturity assessment list",
		also: "TestImport_Changes"},
	{name: "import-again", what: "import: the same file a second time (nothing changes)", db: true, files: map[string]string{"burgerzaken.csv": exampleCSV},
		run: stdoutOf("import", "burgerzaken.csv"), shown: "maturity import burgerzaken.csv", code: 0,
		want: "burgerzaken.csv geïmporteerd: 0 antwoorden en 0 notities in 241 rijen (nieuw: 0 afdelingen, 0 rondes, 0 respondenten; al zo opgeslagen: 240 antwoorden, 3 notities) in m.db",
		also: "TestImport_Changes, TestImport_RevoteUnchanged"},
	{name: "import-closed-round", what: "import: a new respondent in a round that was closed (said, not silent)", db: true, writes: true,
		files: map[string]string{"antwoorden.csv": "department,assessment,respondent,question,level,note\nBurgerzaken,2026-11,Mol,desc-reporting,2,\n"},
		run:   stdoutOf("import", "antwoorden.csv"), shown: "maturity import antwoorden.csv", code: 0,
		want: "antwoorden.csv geïmporteerd: 1 antwoord en 0 notities in 1 rij (nieuw: 0 afdelingen, 0 rondes, 1 respondent) in m.db\n  de gesloten ronde Burgerzaken, 2026-11 is gewijzigd: zie maturity assessment list",
		also: "TestImport_Changes"},
	{name: "export-formulas", what: "export: names and notes that a spreadsheet would run as formulas (=, +, -, @); export, import and export again give the same bytes",
		run: exportFormulas, shown: "maturity export -o uit.csv", code: 0,
		want: `'=cmd|' /C calc'!A0,'+2026,'@Vos,desc-reporting,3,'-1+1 en 's-Hertogenbosch`, also: "TestCSV_Formulas, FuzzReadCSV"},
	{name: "export-xlsx-long-note", what: "export (xlsx): a note longer than a workbook cell holds (32,767 characters; stored before notes were bounded)", db: true, writes: true,
		run: longNoteXLSX, shown: "maturity export -o antwoorden.xlsx", code: 0,
		want: `241 rijen geschreven naar antwoorden.xlsx
antwoorden.xlsx: cel F201 van het blad met antwoorden is ingekort tot 32767 tekens en zo gemarkeerd: kolom note van afdeling "Burgerzaken", ronde "2026-11", respondent "Vos", vraag "desc-reporting" heeft er 40000; de CSV- en JSON-export bevatten de tekst helemaal`,
		also: "TestWriteXLSX_Hostile"},
	{name: "import-other-questionnaire", what: "import file: a round that exists, answered on another questionnaire file", db: true,
		args: []string{"import", "antwoorden.csv", "--questionnaire", "mine.yaml"},
		files: map[string]string{"antwoorden.csv": "department,assessment,respondent,question,level,note\nBurgerzaken,2026-11,Vos,q1,1,\n",
			"mine.yaml": "id: mine\nversion: 1\ntitle: {nl: Mijn meting, en: My assessment}\ngroups:\n  - id: g\n    name: {nl: G, en: G}\n    dimensions:\n      - id: d\n        name: {nl: D, en: D}\n        questions:\n          - id: q1\n            text: {nl: V, en: Q}\n            options: [{nl: a, en: a}, {nl: b, en: b}, {nl: c, en: c}, {nl: d, en: d}, {nl: e, en: e}]\n"},
		code: 2, want: `maturity: department "Burgerzaken" round "2026-11" was answered on another questionnaire file than mine version 1; import it with that questionnaire (--questionnaire)`,
		also: "TestImport_RejectedLeavesDatabaseUnchanged"},
	{name: "import-folder", what: "import file: a folder", db: true, args: []string{"import", "exports"}, files: map[string]string{"exports/a.csv": ""}, code: 2,
		want: "maturity: exports is a folder (expected a CSV or JSON file)"},
	{name: "import-missing", what: "import file: does not exist", db: true, args: []string{"import", "antwoorden.csv"}, code: 2,
		want: "maturity: open antwoorden.csv: no such file or directory"},
	{name: "import-format", what: "import: an unknown --format", db: true, args: []string{"import", "antwoorden.csv", "--format", "xlsx"},
		files: map[string]string{"antwoorden.csv": exampleCSV}, code: 2, want: `maturity: --format "xlsx": unknown format (expected csv or json)`},

	// The database file.
	{name: "db-not-a-database", what: "database: a file that is not a database", args: []string{"--db", "antwoorden.csv", "results"},
		files: map[string]string{"antwoorden.csv": exampleCSV}, code: 2,
		want: "maturity: antwoorden.csv is not a maturity database (not a SQLite file); choose another file with --db", also: "TestDatabaseErrors, TestOpen_BadFiles"},
	{name: "db-foreign", what: "database: a SQLite file of another program (left byte for byte as it was)", run: foreignDatabase, shown: "maturity --db klanten.db results", code: 2,
		want: `maturity: klanten.db is a SQLite database of another program (it holds "klanten", schema version 0), not a maturity database; it was left as it was: choose another file with --db`,
		also: "TestOpen_ForeignDatabase"},
	{name: "db-version-minus-one", what: "database: schema version -1 (PRAGMA user_version)", db: true, writes: true, run: schemaVersion(-1), shown: "maturity results", code: 2,
		want: "maturity: m.db holds maturity's tables but schema version -1, which no maturity writes: the file is damaged; it was left as it was: restore it from a backup (maturity backup)",
		also: "TestOpen_SchemaVersion"},
	{name: "db-version-zero", what: "database: schema version 0 on a maturity database", db: true, writes: true, run: schemaVersion(0), shown: "maturity results", code: 2,
		want: "maturity: m.db holds maturity's tables but schema version 0: its PRAGMA user_version was reset, by another program or by hand; it was left as it was: restore it from a backup (maturity backup), or set the version back if you know it",
		also: "TestOpen_SchemaVersion"},
	{name: "db-read-only-reads", what: "database: a file and folder you may not write, on a command that reads (it works; shown: the start of the department's line)", db: true,
		run: readOnlyReads, shown: "maturity results", code: 0, want: "Burgerzaken  2026-11  5", also: "TestOpen_ReadOnlyReads"},
	{name: "db-folder", what: "database: a folder", args: []string{"--db", "data", "results"}, files: map[string]string{"data/x": ""}, code: 2,
		want: "maturity: data is a folder, not a maturity database; choose a file with --db", also: "TestOpen_BadFiles"},
	{name: "db-newer", what: "database: written by a newer maturity (schema version 99)", db: true, writes: true, run: newerSchema, shown: "maturity results", code: 2,
		want: "maturity: m.db has schema version 99, newer than this maturity knows (N): use a newer maturity", also: "TestOpen_BadFiles"},
	{name: "db-read-only", what: "database: a file you may not write, on a command that writes", db: true, run: readOnly, shown: "maturity department add Wmo", code: 2,
		want: "maturity: m.db is read-only: nothing was saved; check the file's permissions or choose another file with --db", also: "TestOpen_ReadOnly"},
	{name: "db-cannot-create", what: "database: a new file in a folder you may not write", run: cannotCreate, shown: "maturity --db nieuw.db department add Wmo", code: 2,
		want: "maturity: cannot open or create the database nieuw.db: check that its folder may be written, or choose another file with --db"},
	{name: "backup-exists", what: "backup: the file exists already", db: true, args: []string{"backup", "kopie.db"},
		files: map[string]string{"kopie.db": "an earlier backup"}, code: 2,
		want: "maturity: kopie.db exists already: choose a new file for the backup (it never overwrites one)", also: "TestStore_Backup"},
	{name: "backup-itself", what: "backup: onto the database itself", db: true, args: []string{"backup", "m.db"}, code: 2,
		want: "maturity: m.db is the database itself: choose another file for the backup", also: "TestStore_Backup"},

	// The command line.
	{name: "usage-command", what: "an unknown command", args: []string{"rapport"}, code: 2,
		want: "maturity: unknown command \"rapport\" for \"maturity\"\n\nDid you mean this?\n\treport\n\nRun 'maturity --help' for usage.", also: "TestRoot"},
	{name: "usage-subcommand", what: "an unknown subcommand", args: []string{"department", "remove", "Wmo"}, code: 2,
		want: "maturity: unknown command \"remove\" for \"maturity department\"\nRun 'maturity --help' for usage."},
	{name: "usage-flag", what: "an unknown flag", args: []string{"results", "--departement", "Burgerzaken"}, code: 2,
		want: "maturity: unknown flag: --departement (bedoel je --department?)\nRun 'maturity --help' for usage.", also: "TestRoot"},
	{name: "usage-arguments", what: "a missing argument", args: []string{"import"}, code: 2,
		want: "maturity: accepts 1 arg(s), received 0\nRun 'maturity --help' for usage.", also: "TestRoot"},
	{name: "usage-flag-value", what: "a flag value of the wrong type", args: []string{"results", "--assessment", "laatste"}, code: 2,
		want: "maturity: invalid argument \"laatste\" for \"--assessment\" flag: strconv.ParseInt: parsing \"laatste\": invalid syntax\nRun 'maturity --help' for usage."},
	{name: "usage-exclusive", what: "two flags that exclude each other", db: true, args: []string{"results", "--department", "Burgerzaken", "--assessment", "1"}, code: 2,
		want: "maturity: if any flags in the group [department assessment] are set none of the others can be; [assessment department] were all set\nRun 'maturity --help' for usage.",
		also: "TestReport_BadUse"},
	{name: "usage-department", what: "assess without --department", args: []string{"assess"}, code: 2,
		want: "maturity: assess needs --department NAME"},
	{name: "usage-workshop-department", what: "workshop serve without --department", args: []string{"workshop", "serve"}, code: 2,
		want: "maturity: workshop serve needs --department NAME"},
	{name: "usage-lang", what: "an unknown --lang", args: []string{"--lang", "de", "results"}, code: 2,
		want: "maturity: --lang \"de\": unknown language (expected nl or en)", also: "TestRoot"},
	{name: "usage-report-format", what: "report: an unknown --format", db: true, args: []string{"report", "--department", "Burgerzaken", "--format", "docx", "-o", "rapport.docx"}, code: 2,
		want: "maturity: --format \"docx\": unknown format (expected pdf or html)"},
	{name: "usage-report-output", what: "report: an -o whose format is unclear", db: true, args: []string{"report", "--department", "Burgerzaken", "-o", "rapport.docx"}, code: 2,
		want: "maturity: -o rapport.docx: cannot tell the format from \".docx\" (name the file .pdf or .html, or give --format)", also: "TestReport_BadUse"},
	{name: "usage-report-no-output", what: "report without -o", db: true, args: []string{"report", "--department", "Burgerzaken"}, code: 2,
		want: "maturity: report needs -o FILE.pdf (or FILE.html)"},
	{name: "usage-output-folder", what: "report or export: -o in a folder that does not exist", db: true, args: []string{"export", "-o", "uit/antwoorden.csv"}, code: 2,
		want: "maturity: cannot write uit/antwoorden.csv: no such file or directory"},
	{name: "usage-output-database", what: "report or export: -o is the database", db: true, args: []string{"export", "-o", "m.db"}, code: 2,
		want: "maturity: -o m.db is the database itself: choose another file", also: "TestReport_BadUse"},
	{name: "usage-export-format", what: "export: an unknown --format", db: true, args: []string{"export", "--format", "pdf"}, code: 2,
		want: "maturity: --format \"pdf\": unknown format (expected csv, json or xlsx)"},
	{name: "usage-unknown-department", what: "an unknown department that looks like one that exists", db: true, args: []string{"results", "--department", "Burgerzakn"}, code: 2,
		want: "maturity: unknown department \"Burgerzakn\" (did you mean \"Burgerzaken\"?)", also: "TestAssess_Accessible"},
	{name: "usage-unknown-assessment", what: "an unknown assessment", db: true, args: []string{"results", "--assessment", "7"}, code: 2,
		want: "maturity: unknown assessment 7 (see maturity assessment list)"},
	{name: "usage-target", what: "targets: a level out of range", db: true, args: []string{"targets", "--department", "Burgerzaken", "--set", "quality=6"}, code: 2,
		want: "maturity: --set quality=6: level \"6\" is not one of 1, 2, 3, 4, 5", also: "TestTargetsCommand"},
	{name: "usage-mode", what: "assessment start: an unknown --mode", db: true, args: []string{"assessment", "start", "--department", "Wmo", "--mode", "groep"}, code: 2,
		want: "maturity: --mode \"groep\": expected self or workshop"},
	{name: "usage-assess-terminal", what: "assess without a terminal", db: true, args: []string{"assess", "--department", "Burgerzaken"}, code: 2,
		want: "maturity: assess needs a terminal; --accessible (or ACCESSIBLE=1) asks the questions as plain numbered prompts, for a screen reader or answers piped in"},
	{name: "usage-listen", what: "workshop serve: an address that cannot be listened on", db: true, args: []string{"workshop", "serve", "--department", "Burgerzaken", "--listen", "127.0.0.1"}, code: 2,
		want: "maturity: cannot listen on 127.0.0.1: listen tcp: address 127.0.0.1: missing port in address"},
	{name: "usage-local-terminal", what: "workshop local without a terminal", db: true, args: []string{"workshop", "local", "--department", "Burgerzaken"}, code: 2,
		want: "maturity: workshop local needs a terminal"},

	// The terminal.
	{name: "terminal-escapes", what: "escape codes in a stored department name (from before names were checked), in department list, assessment list and results",
		db: true, writes: true, run: escapesShown, shown: "maturity department list; maturity assessment list; maturity results; maturity results --assessment 1", code: 0,
		want: "Burger�]0;pwned�zaken�[2J  2026-11 | 1   Burger�]0;pwned�zaken�[2J  2026-11 | Burger�]0;pwned�zaken�[2J  2026-11 | Burger�]0;pwned�zaken�[2J — ronde 2026-11",
		also: "TestPrintable"},
	{name: "terminal-too-small", what: "a terminal smaller than 50×15 (here 40×12)", shown: "maturity assess --department Burgerzaken", run: tooSmall, code: -1,
		want: "Maak het venster groter: minstens 50×15 tekens (nu 40×12). q of ctrl+c: stoppen. Andere toetsen doen niets tot het venster groot genoeg is."},

	// The workshop's SSH server, with OpenSSH's client.
	{name: "ssh-command", what: "SSH: a command instead of the questionnaire", shown: "ssh -p 2222 127.0.0.1 cat /etc/passwd", run: sshRun("cat", "/etc/passwd"), code: 255,
		want: "exec request failed on channel 0", also: "TestWorkshop_Refusals"},
	{name: "ssh-no-terminal", what: "SSH: no terminal", shown: "ssh -T -p 2222 127.0.0.1", run: sshRun("-T"), code: 1,
		want: "Requires an active PTY"},
	{name: "ssh-subsystem", what: "SSH: a subsystem (sftp)", shown: "ssh -s -p 2222 127.0.0.1 sftp", run: sshRun("-s", "sftp"), code: 255,
		want: "subsystem request failed on channel 0", also: "TestWorkshop_Refusals"},
	{name: "ssh-forward", what: "SSH: forwarding a connection through the server", shown: "ssh -W 127.0.0.1:22 -p 2222 127.0.0.1", run: sshRun("-W", "127.0.0.1:22"), code: 255,
		want: "stdio forwarding failed", also: "TestWorkshop_Refusals"},
	{name: "ssh-remote-forward", what: "SSH: a port forwarded back from the server", shown: "ssh -R 8080:127.0.0.1:80 -p 2222 127.0.0.1", run: sshRun("-N", "-o", "ExitOnForwardFailure=yes", "-R", "8080:127.0.0.1:80"), code: 255,
		want: "Error: remote port forwarding failed for listen port 8080"},
	{name: "ssh-wrong-code", what: "SSH: a wrong workshop code", shown: "ssh -p 2222 127.0.0.1, then 000000", run: wrongCodes(1), code: -1,
		want: "Die code klopt niet. Probeer het opnieuw.", also: "TestWorkshop_Refusals"},
	{name: "ssh-wrong-codes", what: "SSH: five wrong codes on one connection", shown: "ssh -p 2222 127.0.0.1, then five wrong codes", run: wrongCodes(5), code: 0,
		want: "Te veel verkeerde codes: de verbinding wordt gesloten.", also: "TestWorkshop_WrongCodes"},
}

// TestBadInput runs every row of the README's "Bad input" table against
// the real binary: the exit code and the message must be exactly those in
// the table, a bad command must leave the database it was given byte for
// byte as it was, and the table must be the one these cases make (rewrite
// it with -update-readme).
func TestBadInput(t *testing.T) {
	bin := binary(t)
	template := t.TempDir()
	example, err := filepath.Abs("../../examples/burgerzaken.csv")
	if err != nil {
		t.Fatal(err)
	}
	seed := exec.Command(bin, "import", example)
	seed.Dir = template
	seed.Env = badEnv(template, "m.db")
	if out, err := seed.CombinedOutput(); err != nil {
		t.Fatalf("import the example: %v\n%s", err, out)
	}
	for _, c := range badCases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range c.files {
				if strings.HasPrefix(content, "@") {
					b, err := os.ReadFile(content[1:])
					if err != nil {
						t.Fatal(err)
					}
					content = string(b)
				}
				path := filepath.Join(dir, name)
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			db := filepath.Join(dir, "m.db")
			if c.db {
				b, err := os.ReadFile(filepath.Join(template, "m.db"))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(db, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := fileState(t, db)
			var got string
			var code int
			if c.run != nil {
				got, code = c.run(t, bin, dir)
			} else {
				got, code = runBad(t, bin, dir, c.args...)
			}
			if code != c.code || got != c.want {
				t.Errorf("exit %d, message:\n%s\nwant exit %d and:\n%s", code, got, c.code, c.want)
			}
			if c.db && !c.writes {
				if after := fileState(t, db); after != before {
					t.Error("the database changed")
				}
			}
		})
	}

	// The README's table is the one the cases make.
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	table := badInputTable()
	start, end, ok := badInputSection(string(readme))
	if *updateReadme {
		if !ok {
			t.Fatal(`README.md has no "## Bad input" section with a table to rewrite`)
		}
		out := string(readme[:start]) + table + string(readme[end:])
		if err := os.WriteFile("../../README.md", []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !ok || string(readme[start:end]) != table {
		t.Errorf("README.md's \"Bad input\" table differs from TestBadInput's cases; run go test ./cmd/maturity -run TestBadInput -update-readme and read the diff. The table is:\n%s", table)
	}
}

// badEnv is the environment of a bad-input run: its own data directory
// and database, no colour.
func badEnv(dataDir, db string) []string {
	return append(crashEnv(dataDir, db), "LANG=C.UTF-8")
}

// The bounds every bad-input command runs under: the child's data segment
// is capped (so a runaway allocation fails inside the child instead of
// exhausting the machine), and its peak memory and time are asserted.
const (
	badDataLimit  = 512 << 20 // bytes, prlimit --data
	badPeakMemory = 256 << 20 // bytes of resident memory at the most
	badTimeLimit  = 30 * time.Second
)

// runBad runs maturity in dir under the bad-input bounds and returns its
// standard error, trimmed of the final newline, and its exit code.
func runBad(t *testing.T, bin, dir string, args ...string) (string, int) {
	t.Helper()
	_, stderr, code := runBounded(t, bin, dir, args...)
	return stderr, code
}

// runBounded runs maturity as runBad does and returns its standard output
// too.
func runBounded(t *testing.T, bin, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), badTimeLimit)
	defer cancel()
	prlimit := needTool(t, "prlimit", "util-linux")
	cmd := exec.CommandContext(ctx, prlimit, append([]string{fmt.Sprintf("--data=%d", badDataLimit), "--", bin}, args...)...)
	cmd.Dir = dir
	cmd.Env = badEnv(filepath.Join(dir, "data"), "m.db")
	var errBuf, outBuf bytes.Buffer
	cmd.Stderr = &errBuf
	cmd.Stdout = &outBuf
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	peak := watchPeak(cmd.Process.Pid)
	err := cmd.Wait()
	took := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	if ctx.Err() != nil {
		t.Fatalf("maturity %s did not finish within %v", strings.Join(args, " "), badTimeLimit)
	}
	if used := peak(); used > badPeakMemory {
		t.Errorf("maturity %s used %d MB at its peak (in %v); the bound is %d MB", strings.Join(args, " "), used>>20, took.Round(time.Millisecond), badPeakMemory>>20)
	}
	return outBuf.String(), strings.TrimSuffix(errBuf.String(), "\n"), cmd.ProcessState.ExitCode()
}

// watchPeak samples the resident high-water mark (VmHWM) of a running
// process every few milliseconds until it ends, and returns a function
// that stops and gives the highest in bytes. The kernel's own figure at
// exit (rusage's maxrss) cannot be used: a child started from this test
// takes over the test process's high-water mark when it executes the
// program, which under -race is hundreds of megabytes.
func watchPeak(pid int) func() int64 {
	var peak atomic.Int64
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		status := fmt.Sprintf("/proc/%d/status", pid)
		for {
			if b, err := os.ReadFile(status); err == nil {
				for _, line := range strings.Split(string(b), "\n") {
					if f := strings.Fields(line); len(f) == 3 && f[0] == "VmHWM:" {
						if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil && kb*1024 > peak.Load() {
							peak.Store(kb * 1024)
						}
					}
				}
			}
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	return func() int64 {
		close(done)
		<-stopped
		return peak.Load()
	}
}

// validateEveryInvalid validates each malformed questionnaire of the
// questionnaire package's tests with the binary: each must exit 2 with
// exactly the lines of its .want file.
func validateEveryInvalid(t *testing.T, bin, dir string) (string, int) {
	files, err := filepath.Glob("../../internal/questionnaire/testdata/invalid/*.yaml")
	if err != nil || len(files) < 15 {
		t.Fatalf("found %d malformed questionnaires, %v", len(files), err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(strings.TrimSuffix(f, ".yaml") + ".want")
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			t.Fatal(err)
		}
		got, code := runBad(t, bin, dir, "questionnaire", "validate", name)
		if code != 2 || got+"\n" != string(want) {
			return fmt.Sprintf("%s: exit %d:\n%s\nnot its .want:\n%s", name, code, got, want), code
		}
	}
	return "every problem of the file as FILE:LINE:COL: FIELD: MESSAGE, in file order: exactly the lines of its FILE.want", 2
}

// newerSchema marks the database as written by a newer maturity and runs
// results; the schema version this maturity knows shows as N.
func newerSchema(t *testing.T, bin, dir string) (string, int) {
	sqlite3 := needTool(t, "sqlite3", "sqlite3")
	if out, err := exec.Command(sqlite3, filepath.Join(dir, "m.db"), "PRAGMA user_version = 99").CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v\n%s", err, out)
	}
	got, code := runBad(t, bin, dir, "results")
	return regexp.MustCompile(`knows \(\d+\)`).ReplaceAllString(got, "knows (N)"), code
}

// readOnly runs a writing command on a database file its user may not
// write: as an unprivileged user when the test runs as root, who may write
// any file. The folder is not writable either, so SQLite cannot make its
// WAL files beside the database.
func readOnly(t *testing.T, bin, dir string) (string, int) {
	shared := readOnlyCopy(t, dir)
	b, err := os.ReadFile(filepath.Join(shared, "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "department", "add", "Wmo")
	cmd.Dir = shared
	cmd.Env = badEnv(shared, "m.db")
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Run()
	after, _ := os.ReadFile(filepath.Join(shared, "m.db"))
	if !bytes.Equal(after, b) {
		t.Error("the read-only database changed")
	}
	return strings.TrimSuffix(stderr.String(), "\n"), cmd.ProcessState.ExitCode()
}

// cannotCreate runs results on a new database in a folder that the user
// (never root: nobody) may not write.
func cannotCreate(t *testing.T, bin, dir string) (string, int) {
	shared, err := os.MkdirTemp("", "maturity-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(shared) })
	if err := os.Chmod(shared, 0o555); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--db", "nieuw.db", "department", "add", "Wmo")
	cmd.Dir = shared
	cmd.Env = badEnv(shared, "nieuw.db")
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Run()
	if entries, _ := os.ReadDir(shared); len(entries) > 0 {
		t.Errorf("the folder that may not be written holds %d files", len(entries))
	}
	return strings.TrimSuffix(stderr.String(), "\n"), cmd.ProcessState.ExitCode()
}

// tooSmall runs assess in a 40×12 terminal (tmux) and returns what the
// screen says, its lines joined; the program keeps running.
func tooSmall(t *testing.T, bin, dir string) (string, int) {
	term := newTerminals(t)
	term.open("m", 40, 12, fmt.Sprintf("cd %s && exec env MATURITY_DB=m.db XDG_DATA_HOME=%s NO_COLOR=1 %s assess --department Burgerzaken --respondent Vos", dir, dir, bin))
	screen := term.waitUntil("m", "how large the window must be", func(s string) bool { return strings.Contains(s, "groter") })
	return strings.Join(strings.Fields(screen), " "), -1
}

// serveWorkshop starts maturity workshop serve on a free loopback port in
// dir and returns the port; the server is killed when the test ends.
func serveWorkshop(t *testing.T, bin, dir string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "workshop", "serve", "--department", "Wijkteams", "--listen", addr, "--code", "424242")
	cmd.Dir = dir
	cmd.Env = badEnv(dir, "m.db")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { kill(cmd) })
	// The server says where to connect once it listens; a server that
	// never says so fails the row instead of hanging the test.
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.HasPrefix(strings.TrimSpace(sc.Text()), "connect:") {
				ready <- true
				io.Copy(io.Discard, stdout)
				return
			}
		}
		ready <- false
	}()
	select {
	case ok := <-ready:
		if ok {
			_, port, _ := net.SplitHostPort(addr)
			return port
		}
	case <-time.After(badTimeLimit):
	}
	t.Fatal("the workshop server did not start")
	return ""
}

// sshRun serves a workshop and runs OpenSSH's client against it with args
// (options first, then what follows the host); it returns what the client
// printed and its exit code.
func sshRun(args ...string) func(t *testing.T, bin, dir string) (string, int) {
	return func(t *testing.T, bin, dir string) (string, int) {
		ssh := needTool(t, "ssh", "openssh-client")
		port := serveWorkshop(t, bin, dir)
		var opts, after []string
		for i := 0; i < len(args); i++ {
			switch a := args[i]; {
			case a == "-W" || a == "-R" || a == "-o":
				opts = append(opts, a, args[i+1])
				i++
			case strings.HasPrefix(a, "-"):
				opts = append(opts, a)
			default:
				after = append(after, a)
			}
		}
		full := append([]string{"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
			"-o", "BatchMode=yes", "-F", "/dev/null", "-p", port}, opts...)
		full = append(append(full, "127.0.0.1"), after...)
		cmd := exec.Command(ssh, full...)
		cmd.Env = badEnv(dir, "m.db")
		out, _ := cmd.CombinedOutput()
		// The server writes why it refuses a command just before it
		// refuses it; whether OpenSSH prints that line before its own
		// depends on which arrives first, so the row checks OpenSSH's
		// line alone (TestWorkshop_Refusals reads the server's).
		shown := strings.ReplaceAll(string(out), "\r", "")
		shown = strings.ReplaceAll(shown, "This server only serves the workshop questionnaire: connect without a command.\n", "")
		return strings.TrimSpace(shown), cmd.ProcessState.ExitCode()
	}
}

// wrongCodes serves a workshop and types n wrong codes on an 80×24
// terminal over SSH (Go's client). It returns the last line the screen
// shows about the code and the session's exit status (-1: still open).
func wrongCodes(n int) func(t *testing.T, bin, dir string) (string, int) {
	return func(t *testing.T, bin, dir string) (string, int) {
		port := serveWorkshop(t, bin, dir)
		sess, screen, in := openShell(t, port, 80, 24)
		ended := make(chan error, 1)
		go func() { ended <- sess.Wait() }()
		// Each wrong code is answered after a second; the last answer is
		// the one shown.
		last := regexp.MustCompile(`Die code klopt niet\. Probeer het opnieuw\.`)
		if n >= 5 {
			last = regexp.MustCompile(`Te veel verkeerde codes: de verbinding wordt gesloten\.`)
		}
		for i := 0; i < n; i++ {
			io.WriteString(in, fmt.Sprintf("00000%d\r", i))
			if i < n-1 {
				time.Sleep(tui.WrongCodeDelay + 400*time.Millisecond)
			}
		}
		shown, err := screen.waitFor(last, 20*time.Second, nil)
		if err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-ended:
			var exit *gossh.ExitError
			if errors.As(err, &exit) {
				return shown[0], exit.ExitStatus()
			}
			if err != nil {
				t.Fatal(err)
			}
			return shown[0], 0
		case <-time.After(2 * time.Second):
			return shown[0], -1
		}
	}
}

// badInputTable is the README's table, made from badCases.
func badInputTable() string {
	var b strings.Builder
	b.WriteString("| what is wrong | command | what you see | exit | test |\n|---|---|---|---|---|\n")
	for _, c := range badCases {
		shown := c.shown
		if shown == "" {
			shown = "maturity " + strings.Join(c.args, " ")
		}
		seen := c.want
		if c.name != "questionnaire-every-kind" {
			var lines []string
			for _, l := range strings.Split(c.want, "\n") {
				lines = append(lines, codeSpan(l))
			}
			seen = strings.Join(lines, "<br>")
		}
		exit := fmt.Sprint(c.code)
		if c.code == -1 {
			exit = "–, goes on"
		}
		test := "`" + c.name + "`"
		if c.also != "" {
			test += "; " + c.also
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", tableCell(c.what), codeSpan(shown), seen, exit, test)
	}
	return b.String()
}

// codeSpan is s as inline code in a table cell.
func codeSpan(s string) string {
	if s == "" {
		return ""
	}
	if strings.Contains(s, "`") {
		return "`` " + tableCell(s) + " ``"
	}
	return "`" + tableCell(s) + "`"
}

// tableCell escapes what would end a table cell.
func tableCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// badInputSection finds the table in README's "## Bad input" section: the
// first run of lines that start with "|".
func badInputSection(readme string) (start, end int, ok bool) {
	at := strings.Index(readme, "\n## Bad input\n")
	if at < 0 {
		return 0, 0, false
	}
	section := readme[at+1:]
	if next := strings.Index(section[3:], "\n## "); next >= 0 {
		section = section[:next+4]
	}
	first := strings.Index(section, "\n|")
	if first < 0 {
		return 0, 0, false
	}
	start = at + 1 + first + 1
	end = start
	for end < len(readme) && readme[end] == '|' {
		nl := strings.IndexByte(readme[end:], '\n')
		if nl < 0 {
			end = len(readme)
			break
		}
		end += nl + 1
	}
	return start, end, true
}

// respondentRows is n answers of as many respondents of Burgerzaken's
// round 2026-12, each with a note: 4 KB and more for n = 40.
func respondentRows(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "Burgerzaken,2026-12,r%02d,desc-reporting,3,%s\n", i, strings.Repeat("toelichting ", 8))
	}
	return b.String()
}

// exchangeMaxFileSize is the import's limit on a file, for the rows.
const exchangeMaxFileSize = exchange.MaxFileSize

// bigRow writes a file of head, n bytes of x and tail, streamed so that
// the test holds none of it, and imports it.
func bigRow(name, head string, n int, tail string) func(t *testing.T, bin, dir string) (string, int) {
	return func(t *testing.T, bin, dir string) (string, int) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		w.WriteString(head)
		chunk := bytes.Repeat([]byte("x"), 1<<20)
		for left := n; left > 0; left -= len(chunk) {
			w.Write(chunk[:min(left, len(chunk))])
		}
		w.WriteString(tail)
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return runBad(t, bin, dir, "import", name)
	}
}

// sparseFile imports a file of size bytes that takes no room on disk.
func sparseFile(name string, size int64) func(t *testing.T, bin, dir string) (string, int) {
	return func(t *testing.T, bin, dir string) (string, int) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(path, size); err != nil {
			t.Fatal(err)
		}
		return runBad(t, bin, dir, "import", name)
	}
}

// endlessJSON imports a named pipe that gives "[" and then white space
// until the reader stops: a stream whose size no Stat tells.
func endlessJSON(t *testing.T, bin, dir string) (string, int) {
	path := filepath.Join(dir, "antwoorden.json")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		f.Write([]byte("["))
		spaces := bytes.Repeat([]byte(" "), 1<<20)
		for i := 0; i < 2<<10; i++ { // 2 GiB at the most
			if _, err := f.Write(spaces); err != nil {
				return // the reader stopped
			}
		}
	}()
	got, code := runBad(t, bin, dir, "import", "antwoorden.json")
	// A reader that never opened the pipe leaves the writer waiting: open
	// it here to let it go.
	if r, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0); err == nil {
		r.Close()
	}
	<-done
	return got, code
}

// stdoutOf runs maturity under the bad-input bounds and returns what it
// printed on standard output, and on standard error after it if anything.
func stdoutOf(args ...string) func(t *testing.T, bin, dir string) (string, int) {
	return func(t *testing.T, bin, dir string) (string, int) {
		out, errOut, code := runBounded(t, bin, dir, args...)
		got := strings.TrimSuffix(out, "\n")
		if errOut != "" {
			got += "\nstandard error: " + errOut
		}
		return got, code
	}
}

// exportFormulas imports names and notes that a spreadsheet would take for
// formulas, exports them, imports that export into a new database and
// exports again: the two exports must be the same bytes, and importing the
// export back into the first database changes nothing. It returns the
// first row of the export.
func exportFormulas(t *testing.T, bin, dir string) (string, int) {
	src := "department,assessment,respondent,question,level,note\n=cmd|' /C calc'!A0,+2026,@Vos,desc-reporting,3,-1+1 en 's-Hertogenbosch\n"
	if err := os.WriteFile(filepath.Join(dir, "formules.csv"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"import", "formules.csv"}, {"export", "-o", "uit.csv"}, {"--db", "m2.db", "import", "uit.csv"}, {"--db", "m2.db", "export", "-o", "uit2.csv"}} {
		if _, errOut, code := runBounded(t, bin, dir, args...); code != 0 {
			return fmt.Sprintf("maturity %s: exit %d: %s", strings.Join(args, " "), code, errOut), code
		}
	}
	before := fileState(t, filepath.Join(dir, "m.db"))
	if _, errOut, code := runBounded(t, bin, dir, "import", "uit.csv"); code != 0 {
		return "import uit.csv again: " + errOut, code
	}
	if fileState(t, filepath.Join(dir, "m.db")) != before {
		t.Error("importing the export back changed the database")
	}
	one, _ := os.ReadFile(filepath.Join(dir, "uit.csv"))
	two, _ := os.ReadFile(filepath.Join(dir, "uit2.csv"))
	if !bytes.Equal(one, two) {
		t.Errorf("export, import and export again differ:\n%s\n%s", one, two)
	}
	lines := strings.Split(string(one), "\n")
	return lines[1], 0
}

// sqliteExec runs statements on a database with the sqlite3 program.
func sqliteExec(t *testing.T, db, stmts string) {
	t.Helper()
	if out, err := exec.Command(needTool(t, "sqlite3", "sqlite3"), db, stmts).CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v\n%s", err, out)
	}
}

// longNoteXLSX gives Vos's note on desc-reporting 40,000 characters, as a
// database written before notes were bounded may hold, and exports the
// workbook; it returns what export says.
func longNoteXLSX(t *testing.T, bin, dir string) (string, int) {
	sqliteExec(t, filepath.Join(dir, "m.db"), `UPDATE notes SET text = hex(zeroblob(20000)) WHERE question = 'desc-reporting'
		AND respondent_id = (SELECT id FROM respondents WHERE alias = 'Vos')`)
	return runBad(t, bin, dir, "export", "-o", "antwoorden.xlsx")
}

// foreignDatabase runs results on another program's SQLite file, which must
// stay byte for byte as it was, without files beside it.
func foreignDatabase(t *testing.T, bin, dir string) (string, int) {
	db := filepath.Join(dir, "klanten.db")
	sqliteExec(t, db, `CREATE TABLE klanten (id INTEGER PRIMARY KEY, naam TEXT); INSERT INTO klanten (naam) VALUES ('Jansen');`)
	before := fileState(t, db)
	got, code := runBad(t, bin, dir, "--db", "klanten.db", "results")
	if fileState(t, db) != before {
		t.Error("the other program's database changed")
	}
	for _, extra := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(db + extra); err == nil {
			t.Errorf("klanten.db%s was made beside it", extra)
		}
	}
	return got, code
}

// schemaVersion sets the database's user_version and runs results, which
// must leave the file as it was.
func schemaVersion(v int) func(t *testing.T, bin, dir string) (string, int) {
	return func(t *testing.T, bin, dir string) (string, int) {
		db := filepath.Join(dir, "m.db")
		sqliteExec(t, db, fmt.Sprintf("PRAGMA user_version = %d", v))
		before := fileState(t, db)
		got, code := runBad(t, bin, dir, "results")
		if fileState(t, db) != before {
			t.Error("the database changed")
		}
		return got, code
	}
}

// readOnlyReads runs results on a database in a folder and a file that its
// user (never root: nobody) may not write; it returns the line of
// Burgerzaken.
func readOnlyReads(t *testing.T, bin, dir string) (string, int) {
	shared := readOnlyCopy(t, dir)
	cmd := exec.Command(bin, "results")
	cmd.Dir = shared
	cmd.Env = badEnv(shared, "m.db")
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Run()
	if entries, _ := os.ReadDir(shared); len(entries) != 1 {
		t.Errorf("the folder that may not be written holds %d files", len(entries))
	}
	if stderr.Len() > 0 {
		return strings.TrimSuffix(stderr.String(), "\n"), cmd.ProcessState.ExitCode()
	}
	for _, l := range strings.Split(stdout.String(), "\n") {
		if f := strings.Fields(l); len(f) > 3 && f[0] == "Burgerzaken" {
			// The scores that follow are the scoring's to test.
			return strings.Join(f[:3], "  "), cmd.ProcessState.ExitCode()
		}
	}
	return stdout.String(), cmd.ProcessState.ExitCode()
}

// escapesShown gives Burgerzaken a name with escape codes (one that sets
// the terminal's title, one that clears it), as a database from before
// names were checked may hold, and runs the commands that show it. None may
// write a control character but the line break; it returns each one's line
// of the department up to the round's label (what follows is the scoring's
// to test), joined by " | ".
func escapesShown(t *testing.T, bin, dir string) (string, int) {
	sqliteExec(t, filepath.Join(dir, "m.db"), `UPDATE departments SET name = 'Burger' || char(27) || ']0;pwned' || char(7) || 'zaken' || char(27) || '[2J'`)
	var lines []string
	for _, args := range [][]string{{"department", "list"}, {"assessment", "list"}, {"results"}, {"results", "--assessment", "1"}} {
		out, errOut, code := runBounded(t, bin, dir, args...)
		if code != 0 {
			return fmt.Sprintf("maturity %s: exit %d: %s", strings.Join(args, " "), code, errOut), code
		}
		for _, r := range out {
			if (r < 0x20 && r != '\n') || (r >= 0x7f && r < 0xa0) {
				t.Errorf("maturity %s wrote the control character %U", strings.Join(args, " "), r)
			}
		}
		for _, l := range strings.Split(out, "\n") {
			if at := strings.Index(l, "2026-11"); at >= 0 && strings.Contains(l, "Burger") {
				lines = append(lines, strings.TrimSpace(l[:at+len("2026-11")]))
			}
		}
	}
	return strings.Join(lines, " | "), 0
}

// openShell opens an interactive session of width × height on the
// workshop at port with Go's SSH client, as a participant's terminal, and
// waits for the gate to ask for the code. The connection closes with the
// test.
func openShell(t *testing.T, port string, width, height int) (*gossh.Session, *lockedBuffer, io.WriteCloser) {
	t.Helper()
	c, err := gossh.Dial("tcp", "127.0.0.1:"+port, &gossh.ClientConfig{User: "gast", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm", height, width, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	screen := &lockedBuffer{}
	sess.Stdout = screen
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	if _, err := screen.waitFor(regexp.MustCompile("workshopcode"), 20*time.Second, nil); err != nil {
		t.Fatal(err)
	}
	return sess, screen, in
}

// readOnlyCopy copies dir's m.db into a new folder, both without write
// permission, and returns the folder; it is removed with the test.
func readOnlyCopy(t *testing.T, dir string) string {
	t.Helper()
	shared, err := os.MkdirTemp("", "maturity-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.Chmod(shared, 0o755)
		os.RemoveAll(shared)
	})
	b, err := os.ReadFile(filepath.Join(dir, "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(shared, "m.db"), b, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o555); err != nil {
		t.Fatal(err)
	}
	return shared
}
