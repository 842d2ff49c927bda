package exchange_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/exchange"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/xuri/excelize/v2"
)

const rejected = "\nx.csv: rejected: nothing was imported"

// TestReadCSV_Hostile: files made to hurt are refused with one clear
// message each, quickly and without holding them.
func TestReadCSV_Hostile(t *testing.T) {
	q := defaultQuestionnaire(t)
	good := "Burgerzaken,2026-11,Vos,desc-reporting,3,\n"
	var many strings.Builder // 200 good rows, well past 4 KB
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&many, "Burgerzaken,2026-11,r%03d,desc-reporting,3,x\n", i)
	}
	for _, c := range []struct{ name, src, want string }{
		{"NUL after the first 4 KB", header + many.String() + "Burgerzaken,2026-11,Vos,desc-timeliness,3,a\x00b\n",
			"x.csv:202: contains a NUL byte (expected UTF-8 text; a file saved as UTF-16, or a spreadsheet, has them)"},
		{"CR-only line endings", strings.ReplaceAll(header+good+good, "\n", "\r"),
			`x.csv:1: ends its lines with a carriage return alone (old Mac line endings; expected line feeds, or CR LF as Windows writes: save it from Excel as "CSV UTF-8")`},
		{"an escape code in a name", header + "Burger\x1b]0;pwned\x07zaken,2026-11,Vos,desc-reporting,3,\n",
			"x.csv:2: department: contains the control character U+001B at character 7 (expected printable text: no escape codes, tabs or line breaks)"},
		{"C1 control in an alias", header + "Burgerzaken,2026-11,V\u009bos,desc-reporting,3,\n",
			"x.csv:2: respondent: contains the control character U+009B at character 2 (expected printable text: no escape codes, tabs or line breaks)"},
		{"a tab in a round label", header + "Burgerzaken,\"2026\t11\",Vos,desc-reporting,3,\n",
			"x.csv:2: assessment: contains the control character U+0009 at character 5 (expected printable text: no escape codes, tabs or line breaks)"},
		{"a long name", header + strings.Repeat("a", 201) + ",2026-11,Vos,desc-reporting,3,\n",
			"x.csv:2: department: is 201 characters long (expected at most 200)"},
		{"a long note", header + "Burgerzaken,2026-11,Vos,desc-reporting,3," + strings.Repeat("n", 10_001) + "\n",
			"x.csv:2: note: is 10001 characters long (expected at most 10000)"},
		{"a long answer is not echoed whole", header + "Burgerzaken,2026-11,Vos,desc-reporting," + strings.Repeat("7", 5000) + ",\n",
			`x.csv:2: level: "7777777777777777777777777777777777777777"… (5000 characters) is out of range (expected 1, 2, 3, 4, 5, dk or na)`},
		{"an escape code in an unknown question is escaped", header + "Burgerzaken,2026-11,Vos,\x1b[2Jdesc,3,\n",
			fmt.Sprintf(`x.csv:2: question: unknown question "\x1b[2Jdesc" (not in questionnaire gemeente-datagedreven version %d)`, q.Version)},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := exchange.ReadCSV("x.csv", strings.NewReader(c.src), q)
			if err == nil || err.Error() != c.want+rejected {
				t.Errorf("error:\n%v\nwant:\n%s", err, c.want)
			}
		})
	}
}

// endless is a reader of a row that never ends: a field of n bytes of x
// (or of fill) after a good start, as a 200 MB note is.
type endless struct {
	head []byte
	n    int64
	fill byte
}

func (e *endless) Read(p []byte) (int, error) {
	if len(e.head) > 0 {
		k := copy(p, e.head)
		e.head = e.head[k:]
		return k, nil
	}
	if e.n <= 0 {
		return 0, io.EOF
	}
	k := min(int64(len(p)), e.n)
	fill := e.fill
	if fill == 0 {
		fill = 'x'
	}
	for i := range p[:k] {
		p[i] = fill
	}
	e.n -= k
	return int(k), nil
}

// TestScan_LongRowIsNotHeld: a row of 200 MB is refused at its first
// 256 KiB, before the CSV or JSON parser holds it, for a quoted CSV note,
// an unquoted one and a JSON string; memory stays small.
func TestScan_LongRowIsNotHeld(t *testing.T) {
	q := defaultQuestionnaire(t)
	for _, c := range []struct {
		name, head, want string
		scan             func(string, io.Reader) error
	}{
		{"CSV quoted", header + "Burgerzaken,2026-11,Vos,desc-reporting,3,\"", "x.csv:2: has a row longer than 262144 bytes (expected names of at most 200 characters and a note of at most 10000)",
			func(n string, r io.Reader) error { return exchange.ScanCSV(n, r, q, func(store.Row) {}) }},
		{"CSV unquoted", header + good2 + "Burgerzaken,2026-11,Vos,desc-reporting,3,", "x.csv:3: has a row longer than 262144 bytes (expected names of at most 200 characters and a note of at most 10000)",
			func(n string, r io.Reader) error { return exchange.ScanCSV(n, r, q, func(store.Row) {}) }},
		{"JSON string", "[\n {\"department\": \"A\", \"assessment\": \"1\", \"respondent\": \"r\", \"question\": \"desc-reporting\", \"level\": 3},\n {\"note\": \"",
			"x.csv:3: has a row longer than 262144 bytes (expected names of at most 200 characters and a note of at most 10000)",
			func(n string, r io.Reader) error { return exchange.ScanJSON(n, r, q, func(store.Row) {}) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			src := &endless{head: []byte(c.head), n: 200 << 20}
			err := c.scan("x.csv", src)
			runtime.ReadMemStats(&after)
			if err == nil || err.Error() != c.want+rejected {
				t.Errorf("error:\n%v\nwant:\n%s", err, c.want)
			}
			if read := 200<<20 - src.n; read > 1<<20 {
				t.Errorf("read %d bytes of the row; want it refused within its first MB", read)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
				t.Errorf("allocated %d MB; want a few", grew>>20)
			}
		})
	}
}

const good2 = "Burgerzaken,2026-11,Uil,desc-reporting,3,\n"

// TestReadJSON_Hostile: \u0000, a field twice (in any case, any escape),
// a value of the wrong type and a long value are refused, each with its
// line.
func TestReadJSON_Hostile(t *testing.T) {
	q := defaultQuestionnaire(t)
	row := `{"department": "A", "assessment": "1", "respondent": "r", "question": "desc-reporting", "level": 3%s}`
	for _, c := range []struct{ name, src, want string }{
		{"NUL in a note", "[\n" + strings.Replace(row, "%s", `, "note": "a\u0000b"`, 1) + "\n]",
			"x.json:2: note: contains a NUL character (expected text)"},
		{"NUL in a name", "[\n" + strings.Replace(strings.Replace(row, `"r"`, `"r\u0000"`, 1), "%s", "", 1) + "\n]",
			"x.json:2: respondent: contains the control character U+0000 at character 2 (expected printable text: no escape codes, tabs or line breaks)"},
		{"a field twice", "[\n" + strings.Replace(row, "%s", `, "level": 5`, 1) + "\n]",
			"x.json:2: level: is given twice in one row (expected each field once)"},
		{"a field twice in another case", "[\n" + strings.Replace(row, "%s", `, "Level": 5`, 1) + "\n]",
			"x.json:2: level: is given twice in one row (expected each field once)"},
		{"a field twice, escaped", "[\n" + strings.Replace(row, "%s", `, "not\u0065": "x", "note": "y"`, 1) + "\n]",
			"x.json:2: note: is given twice in one row (expected each field once)"},
		{"a field twice by Unicode folding", "[\n" + strings.Replace(row, "%s", `, "aſſessment": "2"`, 1) + "\n]",
			"x.json:2: assessment: is given twice in one row (expected each field once)"},
		{"a number as a name", "[\n" + strings.Replace(strings.Replace(row, `"A"`, `12`, 1), "%s", "", 1) + "\n]",
			"x.json:2: department: is a JSON number (expected a string)"},
		{"not an object", "[\n" + strings.Replace(row, "%s", "", 1) + ",\n 7\n]",
			"x.json:3: is not a row object (expected {\"department\": …, \"assessment\": …, …})"},
		{"an unknown field with an object in it", "[\n {\"department\": \"A\", \"x\": {\"y\": [1, \"}\"]}}\n]",
			`x.json:2: unknown field "x"`},
		{"a long unknown field is not echoed whole", "[\n {\"" + strings.Repeat("k", 100) + "\": 1}\n]",
			`x.json:2: unknown field "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"… (100 characters)`},
		{"a raw NUL", "[\n" + strings.Replace(row, "%s", "", 1) + "\x00\n]",
			"x.json:2: contains a NUL byte (expected UTF-8 text; a file saved as UTF-16, or a spreadsheet, has them)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := exchange.ReadJSON("x.json", strings.NewReader(c.src), q)
			if err == nil || err.Error() != c.want+"\nx.json: rejected: nothing was imported" {
				t.Errorf("error:\n%v\nwant:\n%s", err, c.want)
			}
		})
	}
}

// TestCheckSize: a file over MaxFileSize is refused before it is read,
// with the limit named.
func TestCheckSize(t *testing.T) {
	if err := exchange.CheckSize("a.json", exchange.MaxFileSize); err != nil {
		t.Errorf("a file of exactly the limit: %v", err)
	}
	err := exchange.CheckSize("a.json", exchange.MaxFileSize+1)
	want := "a.json: is larger than 1073741824 bytes (expected at most 1073741824, 1 GiB: split it into smaller files)\na.json: rejected: nothing was imported"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

// TestCSV_Formulas: a text that a spreadsheet would run as a formula is
// written with an apostrophe in front, as OWASP recommends, and reads back
// as it was; a text with its own apostrophe keeps it.
func TestCSV_Formulas(t *testing.T) {
	q := defaultQuestionnaire(t)
	rows := []store.Row{
		{Department: "=cmd|' /C calc'!A0", Assessment: "+2026", Respondent: "-Vos", Question: "desc-reporting", Level: "3", Note: "@SUM(A1:A9)"},
		{Department: "=cmd|' /C calc'!A0", Assessment: "+2026", Respondent: "'s-Hertogenbosch", Question: "desc-reporting", Level: "2", Note: "'=niet uitvoeren"},
		{Department: "=cmd|' /C calc'!A0", Assessment: "+2026", Respondent: "''=twee", Question: "desc-reporting", Level: "1", Note: "- opsomming\n- tweede"},
		{Department: "=cmd|' /C calc'!A0", Assessment: "+2026", Respondent: "'", Question: "desc-reporting", Level: "dk", Note: "'"},
	}
	var out bytes.Buffer
	if err := exchange.WriteCSV(&out, rows); err != nil {
		t.Fatal(err)
	}
	want := header +
		`'=cmd|' /C calc'!A0,'+2026,'-Vos,desc-reporting,3,'@SUM(A1:A9)` + "\n" +
		`'=cmd|' /C calc'!A0,'+2026,'s-Hertogenbosch,desc-reporting,2,''=niet uitvoeren` + "\n" +
		`'=cmd|' /C calc'!A0,'+2026,'''=twee,desc-reporting,1,"'- opsomming` + "\n" + `- tweede"` + "\n" +
		`'=cmd|' /C calc'!A0,'+2026,',desc-reporting,dk,'` + "\n"
	if out.String() != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", out.String(), want)
	}
	// No cell starts with a formula character.
	cells, err := csv.NewReader(bytes.NewReader(out.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range cells[1:] {
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q starts with a formula character", cell)
			}
		}
	}
	back, err := exchange.ReadCSV("x.csv", bytes.NewReader(out.Bytes()), q)
	if err != nil || !reflect.DeepEqual(back, rows) {
		t.Fatalf("read back: %+v, %v\nwant %+v", back, err, rows)
	}
	var again bytes.Buffer
	if err := exchange.WriteCSV(&again, back); err != nil || again.String() != out.String() {
		t.Errorf("written again differs:\n%s", again.String())
	}
}

// TestWriteXLSX_Hostile: formula-looking texts are inline strings, never
// formulas; a note longer than a cell holds is cut with a mark that says
// so, and Cuts names it.
func TestWriteXLSX_Hostile(t *testing.T) {
	long := strings.Repeat("é", 40_000)
	rows := []store.Row{
		{Department: "=cmd|' /C calc'!A0", Assessment: "2026-11", Respondent: "@Vos", Question: "desc-reporting", Level: "3", Note: "=HYPERLINK(\"http://x\")"},
		{Department: "Burgerzaken", Assessment: "2026-11", Respondent: "Vos", Question: "desc-timeliness", Level: "2", Note: long},
	}
	var out bytes.Buffer
	if err := exchange.WriteXLSX(&out, rows, nil, nil, time.Time{}); err != nil {
		t.Fatal(err)
	}
	// The sheet's XML: every text an inline string, no formula anywhere.
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var sheet string
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			sheet = string(b)
		}
	}
	if strings.Contains(sheet, "<f>") || strings.Contains(sheet, "<f ") {
		t.Error("the answers sheet has a formula")
	}
	if n := len(regexp.MustCompile(`<c r="[A-F]2"[^>]*t="inlineStr"`).FindAllString(sheet, -1)); n != 5 {
		t.Errorf("%d text cells of row 2 are inline strings; want 5 (all but the level)", n)
	}
	f, err := excelize.OpenReader(&out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("answers", "A2"); v != "=cmd|' /C calc'!A0" {
		t.Errorf("A2 = %q; want the text as it is", v)
	}
	note, _ := f.GetCellValue("answers", "F3")
	mark := " […] (cut: 40000 characters in all, more than a workbook cell holds; the CSV and JSON exports hold the whole text)"
	if !strings.HasSuffix(note, mark) || len([]rune(note)) != exchange.MaxCellChars || !strings.HasPrefix(note, "éé") {
		t.Errorf("F3 holds %d characters ending %q; want %d ending with the mark", len([]rune(note)), note[max(0, len(note)-120):], exchange.MaxCellChars)
	}
	cuts := exchange.Cuts(rows)
	if len(cuts) != 1 || cuts[0].Cell != "F3" || cuts[0].Column != "note" || cuts[0].Chars != 40_000 || cuts[0].Row.Respondent != "Vos" {
		t.Errorf("Cuts = %+v", cuts)
	}
}

// TestScanJSON_WhiteSpace: white space between values is not held. The
// JSON decoder keeps white space between values in its buffer and scans
// it again at every read: "[" and 1 GiB of spaces took 13 minutes and ran
// out of memory. 100 MB of them now pass in one scan, in a few MB.
func TestScanJSON_WhiteSpace(t *testing.T) {
	q := defaultQuestionnaire(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	src := io.MultiReader(&endless{head: []byte("[\n"), n: 100 << 20, fill: ' '}, strings.NewReader("]"))
	err := exchange.ScanJSON("x.json", src, q, func(store.Row) {})
	runtime.ReadMemStats(&after)
	if want := "x.json: has no rows (expected one object per answer)\nx.json: rejected: nothing was imported"; err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
		t.Errorf("allocated %d MB; want a few", grew>>20)
	}
}

// TestScan_StopsAtMaxProblems: the reading stops after 200 problems; a
// file of a million bad rows is rejected as soon as that is clear.
func TestScan_StopsAtMaxProblems(t *testing.T) {
	q := defaultQuestionnaire(t)
	var b strings.Builder
	b.WriteString(header)
	for i := 0; i < 1_000_000; i++ {
		fmt.Fprintf(&b, "A,1,r%d,desc-reporting,9,\n", i)
	}
	err := exchange.ScanCSV("x.csv", strings.NewReader(b.String()), q, func(store.Row) {})
	var xerr *exchange.Error
	if !errors.As(err, &xerr) || len(xerr.Problems) != 200 || xerr.Problems[199].Line != 201 ||
		!strings.HasSuffix(err.Error(), "\nx.csv: … and more problems: the reading stopped after 200\nx.csv: rejected: nothing was imported") {
		t.Errorf("error = %d problems, the last %+v; message ends %q", len(xerr.Problems), xerr.Problems[len(xerr.Problems)-1], err.Error()[len(err.Error())-120:])
	}
}
