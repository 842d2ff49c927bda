package exchange_test

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/exchange"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/questionnaires"
	"github.com/xuri/excelize/v2"
)

func defaultQuestionnaire(t testing.TB) *questionnaire.Questionnaire {
	t.Helper()
	q, err := questionnaires.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	return q
}

const header = "department,assessment,respondent,question,level,note\n"

// legacyHeader is the header of files written before the one scale.
const legacyHeader = "department,assessment,respondent,question,answer,note\n"

// TestReadCSV_Bad: each file is rejected whole with exactly these messages.
func TestReadCSV_Bad(t *testing.T) {
	q := defaultQuestionnaire(t)
	for _, c := range []struct {
		name, src string
		want      []string
	}{
		{"empty file", "", []string{"x.csv: is empty (expected the header department,assessment,respondent,question,level,note and one row per answer)"}},
		{"header only", header, []string{"x.csv: has a header but no rows (expected one row per answer)"}},
		{"wrong header", "afdeling,ronde,respondent,vraag,antwoord,notitie\nA,1,r,desc-reporting,2,\n", []string{
			`x.csv:1: unknown column "afdeling" in the header (expected department,assessment,respondent,question,level,note)`,
			`x.csv:1: unknown column "ronde" in the header (expected department,assessment,respondent,question,level,note)`,
			`x.csv:1: unknown column "vraag" in the header (expected department,assessment,respondent,question,level,note)`,
			`x.csv:1: unknown column "antwoord" in the header (expected department,assessment,respondent,question,level,note)`,
			`x.csv:1: unknown column "notitie" in the header (expected department,assessment,respondent,question,level,note)`,
		}},
		{"missing column", "department,assessment,respondent,question,level\nA,1,r,desc-reporting,2\n", []string{
			`x.csv:1: the header lacks column "note" (expected department,assessment,respondent,question,level,note)`}},
		{"binary garbage", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", []string{
			`x.csv: is not UTF-8 text (expected a CSV file; save it from Excel as "CSV UTF-8")`}},
		{"unknown question", header + "Burgerzaken,2026-11,r1,desc-reprting,2,\n", []string{
			`x.csv:2: question: unknown question "desc-reprting" (not in questionnaire gemeente-datagedreven version 1)`}},
		{"level out of range", header + "Burgerzaken,2026-11,r1,desc-reporting,6,\nBurgerzaken,2026-11,r1,desc-timeliness,weet niet,\nBurgerzaken,2026-11,r1,diag-sources,0,\n", []string{
			`x.csv:2: level: "6" is out of range (expected 1, 2, 3, 4, 5, dk or na)`,
			`x.csv:3: level: "weet niet" is out of range (expected 1, 2, 3, 4, 5, dk or na)`,
			`x.csv:4: level: "0" is out of range (expected 1, 2, 3, 4, 5, dk or na; an answer 0–4 on the old scale goes in a column named answer)`}},
		{"legacy answer out of range", legacyHeader + "Burgerzaken,2026-11,r1,desc-reporting,5,\nBurgerzaken,2026-11,r1,desc-timeliness,weet niet,\nBurgerzaken,2026-11,r2,desc-reporting,,\n", []string{
			`x.csv:2: answer: "5" is out of range (expected 0, 1, 2, 3, 4, dk or na: the answer column holds the old scale 0–4; for levels 1–5 name the column level)`,
			`x.csv:3: answer: "weet niet" is out of range (expected 0, 1, 2, 3, 4, dk or na)`,
			`x.csv:4: answer: is empty (expected 0, 1, 2, 3, 4, dk or na; a row without an answer needs a note)`}},
		{"both level and answer", "department,assessment,respondent,question,answer,level,note\nA,1,r,desc-reporting,2,3,\n", []string{
			`x.csv:1: the header has both column "level" and column "answer" (expected one of them: level for levels 1–5, or answer for answers 0–4 on the old scale)`}},
		{"answer twice", "department,assessment,respondent,question,answer,Answer,note\nA,1,r,desc-reporting,2,3,\n", []string{
			`x.csv:1: column "answer" appears twice in the header`}},
		{"missing fields", header + ",2026-11,r1,desc-reporting,2,\nBurgerzaken,,r1,desc-timeliness,2,\nBurgerzaken,2026-11,,desc-reporting,3,\nBurgerzaken,2026-11,r2,desc-reporting,,\n", []string{
			`x.csv:2: department: is empty (expected the department's name)`,
			`x.csv:3: assessment: is empty (expected the round's label, e.g. 2026-11)`,
			`x.csv:4: respondent: is empty (expected the respondent's alias: an answer belongs to a respondent)`,
			`x.csv:5: level: is empty (expected 1, 2, 3, 4, 5, dk or na; a row without an answer needs a note)`}},
		{"duplicate respondent and question", header + "Burgerzaken,2026-11,r1,desc-reporting,2,\nBurgerzaken,2026-11,r2,desc-reporting,2,\nBurgerzaken,2026-11,r1,desc-reporting,3,\n", []string{
			`x.csv:4: respondent "r1" answers question "desc-reporting" a second time (first on line 2; expected one row per respondent and question)`}},
		{"duplicates among other rows, blank lines and a note of two lines", header +
			"A,1,Vos,desc-reporting,3,\"twee\nregels\"\nA,1,Vos,desc-timeliness,2,\nA,1,Uil,desc-reporting,1,\n\n" +
			"A,1,Vos,diag-sources,2,\nA,1,Vos,desc-timeliness,2,\nA,1,Vos,diag-sources,1,\nA,1,Vos,desc-reporting,1,\nA,1,Uil,desc-reporting,1,\n", []string{
			`x.csv:8: respondent "Vos" answers question "desc-timeliness" a second time (first on line 4; expected one row per respondent and question)`,
			`x.csv:9: respondent "Vos" answers question "diag-sources" a second time (first on line 7; expected one row per respondent and question)`,
			`x.csv:10: respondent "Vos" answers question "desc-reporting" a second time (first on line 2; expected one row per respondent and question)`,
			`x.csv:11: respondent "Uil" answers question "desc-reporting" a second time (first on line 5; expected one row per respondent and question)`}},
		{"wrong number of fields", header + "Burgerzaken,2026-11,r1,desc-reporting,2\n", []string{
			`x.csv:2: has 5 fields (expected 6, as in the header)`}},
		{"broken quote", header + "Burgerzaken,2026-11,r1,desc-reporting,2,\"open\n", []string{
			`x.csv:2: extraneous or missing " in quoted-field`}},
		{"answer on a dimension", header + "Burgerzaken,2026-11,r1,quality,2,\n", []string{
			`x.csv:2: question: "quality" is a dimension; an answer belongs to a question (a dimension takes only a note)`}},
		{"semicolons with a bad row", "department;assessment;respondent;question;level;note\nBurgerzaken;2026-11;r1;desc-reporting;9;\n", []string{
			`x.csv:2: level: "9" is out of range (expected 1, 2, 3, 4, 5, dk or na)`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rows, err := exchange.ReadCSV("x.csv", strings.NewReader(c.src), q)
			var xerr *exchange.Error
			if !errors.As(err, &xerr) || rows != nil {
				t.Fatalf("ReadCSV = %d rows, %v; want an *exchange.Error", len(rows), err)
			}
			// The messages name the version of the embedded questionnaire.
			want := strings.ReplaceAll(strings.Join(c.want, "\n"), "version 1)", fmt.Sprintf("version %d)", q.Version)) + "\nx.csv: rejected: nothing was imported"
			if err.Error() != want {
				t.Errorf("messages:\n%s\nwant:\n%s", err, want)
			}
		})
	}
}

// TestReadCSV_Good: comma or semicolon, with or without BOM and CRLF, the
// columns in any order, a level column or the legacy answer column (one
// lower), give the same rows.
func TestReadCSV_Good(t *testing.T) {
	q := defaultQuestionnaire(t)
	want := []store.Row{
		{Department: "Burgerzaken", Assessment: "2026-11", Respondent: "Vos", Question: "desc-reporting", Level: "3", Note: "Maandrapport, \"vast\""},
		{Department: "Burgerzaken", Assessment: "2026-11", Respondent: "Vos", Question: "desc-timeliness", Level: "dk"},
		{Department: "Burgerzaken", Assessment: "2026-11", Question: "quality", Note: "Besluit: niveau 2", NoteOnDimension: true},
	}
	comma := header + "Burgerzaken,2026-11,Vos,desc-reporting,3,\"Maandrapport, \"\"vast\"\"\"\nBurgerzaken,2026-11,Vos,desc-timeliness,DK,\n\nBurgerzaken,2026-11,,quality,,Besluit: niveau 2\n"
	semi := strings.NewReplacer("Maandrapport, ", "Maandrapport, ", ",", ";").Replace(comma)
	reordered := "note,level,question,respondent,assessment,department\n\"Maandrapport, \"\"vast\"\"\",3,desc-reporting,Vos,2026-11,Burgerzaken\n,dk,desc-timeliness,Vos,2026-11,Burgerzaken\nBesluit: niveau 2,,quality,,2026-11,Burgerzaken\n"
	for name, src := range map[string]string{
		"comma":                      comma,
		"semicolon":                  semi,
		"BOM":                        "\xef\xbb\xbf" + comma,
		"BOM, semicolon":             "\xef\xbb\xbf" + semi,
		"CRLF":                       strings.ReplaceAll(comma, "\n", "\r\n"),
		"any order":                  reordered,
		"Excel's trailing separator": strings.ReplaceAll(semi, "\n", ";\n"),
		"legacy answer column":       strings.Replace(strings.Replace(comma, header, legacyHeader, 1), ",3,", ",2,", 1),
		"legacy, any order":          strings.Replace(strings.Replace(reordered, "note,level,", " Note , ANSWER ,", 1), "\",3,", "\",2,", 1),
	} {
		t.Run(name, func(t *testing.T) {
			rows, err := exchange.ReadCSV("x.csv", strings.NewReader(src), q)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(rows, want) {
				t.Errorf("rows:\n got %+v\nwant %+v", rows, want)
			}
		})
	}
}

// TestReadJSON: level as a number or a string; an object with the legacy
// answer (0–4) instead reads one level higher; an object with both is
// refused.
func TestReadJSON(t *testing.T) {
	q := defaultQuestionnaire(t)
	good := `[
  {"department": "Burgerzaken", "assessment": "2026-11", "respondent": "Vos", "question": "desc-reporting", "level": 3, "note": ""},
  {"department": "Burgerzaken", "assessment": "2026-11", "respondent": "Vos", "question": "desc-timeliness", "level": "na"},
  {"department": "Burgerzaken", "assessment": "2026-11", "respondent": "Uil", "question": "desc-reporting", "answer": 0, "level": null},
  {"department": "Burgerzaken", "assessment": "2026-11", "respondent": "Uil", "question": "desc-timeliness", "answer": "4"},
  {"department": "Burgerzaken", "assessment": "2026-11", "respondent": "Uil", "question": "diag-sources", "answer": "DK"}
]`
	rows, err := exchange.ReadJSON("x.json", strings.NewReader(good), q)
	var levels []string
	for _, r := range rows {
		levels = append(levels, r.Level)
	}
	if err != nil || strings.Join(levels, ",") != "3,na,1,5,dk" {
		t.Fatalf("ReadJSON = %+v, %v; want the levels 3,na,1,5,dk", rows, err)
	}
	for _, c := range []struct{ name, src, want string }{
		{"empty", "  ", "x.json: is empty (expected a JSON array of rows with department, assessment, respondent, question, level, note)"},
		{"not an array", `{"department": "A"}`, "x.json:1: expected a JSON array of rows (not an array)"},
		{"bad rows", "[\n {\"department\": \"A\", \"assessment\": \"1\", \"respondent\": \"r\", \"question\": \"desc-reporting\", \"level\": 7},\n {\"department\": \"A\", \"assessment\": \"1\", \"respondent\": \"r\", \"question\": \"nope\", \"level\": 1},\n {\"departement\": \"A\"}\n]",
			"x.json:2: level: \"7\" is out of range (expected 1, 2, 3, 4, 5, dk or na)\nx.json:3: question: unknown question \"nope\" (not in questionnaire gemeente-datagedreven version 1)\nx.json:4: unknown field \"departement\""},
		{"bad levels and answers", "[\n {\"department\": \"A\", \"assessment\": \"1\", \"respondent\": \"r\", \"question\": \"desc-reporting\", \"level\": 2.5},\n" +
			" {\"department\": \"A\", \"assessment\": \"1\", \"respondent\": \"r\", \"question\": \"desc-timeliness\", \"answer\": 5},\n" +
			" {\"department\": \"A\", \"assessment\": \"1\", \"respondent\": \"s\", \"question\": \"desc-reporting\", \"level\": 0},\n" +
			" {\"department\": \"A\", \"assessment\": \"1\", \"respondent\": \"s\", \"question\": \"desc-timeliness\", \"answer\": 2, \"level\": 3}\n]",
			"x.json:2: level: \"2.5\" is out of range (expected 1, 2, 3, 4, 5, dk or na)\n" +
				"x.json:3: answer: \"5\" is out of range (expected 0, 1, 2, 3, 4, dk or na: the answer column holds the old scale 0–4; for levels 1–5 name the column level)\n" +
				"x.json:4: level: \"0\" is out of range (expected 1, 2, 3, 4, 5, dk or na; an answer 0–4 on the old scale goes in a column named answer)\n" +
				"x.json:5: has both \"level\" and \"answer\" (expected one of them: level for levels 1–5, or answer for answers 0–4 on the old scale)"},
		{"truncated", "[\n {\"department\": \"A\",", "x.json:2: unexpected EOF"},
		{"two arrays", "[{\"department\": \"A\", \"assessment\": \"1\", \"respondent\": \"r\", \"question\": \"desc-reporting\", \"level\": 1}]\n[{\"department\": \"B\"}]", "x.json:2: has more after the array (expected one JSON array of rows and nothing else)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := exchange.ReadJSON("x.json", strings.NewReader(c.src), q)
			want := strings.ReplaceAll(c.want, "version 1)", fmt.Sprintf("version %d)", q.Version))
			if err == nil || err.Error() != want+"\nx.json: rejected: nothing was imported" {
				t.Errorf("error:\n%v\nwant:\n%s", err, c.want)
			}
		})
	}
}

// TestRoundTrip: what is written reads back to the same rows, in each format.
func TestRoundTrip(t *testing.T) {
	q := defaultQuestionnaire(t)
	rows := []store.Row{
		{Department: "Wijk, Noord", Assessment: "2026-11", Respondent: "Vos", Question: "desc-reporting", Level: "3", Note: "regel 1\nregel 2; \"citaat\""},
		{Department: "Wijk, Noord", Assessment: "2026-11", Respondent: "Vos", Question: "desc-timeliness", Level: "na"},
		{Department: "Wijk, Noord", Assessment: "2026-11", Respondent: "Vos", Question: "diag-sources", Level: "5"},
		{Department: "Wijk, Noord", Assessment: "2026-11", Respondent: "Uil", Question: "desc-reporting", Level: "1"},
		{Department: "Wijk, Noord", Assessment: "2026-11", Question: "quality", Note: "Groepsnotitie — één", NoteOnDimension: true},
	}
	var csvOut, jsonOut bytes.Buffer
	if err := exchange.WriteCSV(&csvOut, rows); err != nil {
		t.Fatal(err)
	}
	back, err := exchange.ReadCSV("x.csv", &csvOut, q)
	if err != nil || !reflect.DeepEqual(back, rows) {
		t.Errorf("CSV round trip = %+v, %v", back, err)
	}
	if err := exchange.WriteJSON(&jsonOut, rows); err != nil {
		t.Fatal(err)
	}
	back, err = exchange.ReadJSON("x.json", &jsonOut, q)
	if err != nil || !reflect.DeepEqual(back, rows) {
		t.Errorf("JSON round trip = %+v, %v", back, err)
	}
}

// TestWriteXLSX opens the workbook back with excelize and checks both sheets:
// levels as numbers, scores with every digit shown with one decimal.
func TestWriteXLSX(t *testing.T) {
	score, overall, lo, hi := 3.5, 2.7583, 2.91, 4.0
	rows := []store.Row{{Department: "Burgerzaken", Assessment: "2026-11", Respondent: "Vos", Question: "desc-reporting", Level: "5"},
		{Department: "Burgerzaken", Assessment: "2026-11", Respondent: "Vos", Question: "desc-timeliness", Level: "dk"}}
	scores := []exchange.ScoreRow{
		{Department: "Burgerzaken", Parent: "Dienstverlening", Round: "2026-11", Mode: "self", Open: true, Respondents: 1, Group: "ascendancy",
			Dimension: "descriptive", Score: &score, Level: 4, Target: 4, Confidence: "low", OverallScore: &overall, OverallLevel: 3, Stage: "descriptive", BlockedBy: "diagnostic",
			MinimumCapped: true, IntervalLow: &lo, IntervalHigh: &hi},
		{Department: "Burgerzaken", Round: "2026-11", Group: "ascendancy", Dimension: "diagnostic", Target: 4, Confidence: "none"},
	}
	var out bytes.Buffer
	due := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	actions := []store.Action{
		{ID: 1, Department: "Burgerzaken", Round: "2026-11", Dimension: "quality", Text: "=Kwaliteitsregels opschrijven", Owner: "teamleider", Due: "2026-11-30",
			Status: store.ActionPlanned, CreatedAt: due.Add(-48 * time.Hour), History: []store.ActionChange{}},
		{ID: 2, Department: "Burgerzaken", Dimension: "privacy-ethics", Text: "DPIA-checklist", Status: store.ActionDone, Evidence: "MT-besluit",
			CreatedAt: due.Add(-72 * time.Hour), History: []store.ActionChange{{At: due.Add(-24 * time.Hour), Field: "status", Old: "planned", New: "done"}}},
	}
	if err := exchange.WriteXLSX(&out, rows, scores, actions, due); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "answers,scores,actions" {
		t.Errorf("sheets = %s", got)
	}
	answers, _ := f.GetRows("answers")
	if len(answers) != 3 || strings.Join(answers[0], ",") != strings.Join(exchange.Columns, ",") || answers[1][4] != "5" || answers[2][4] != "dk" {
		t.Errorf("answers sheet = %v", answers)
	}
	if typ, _ := f.GetCellType("answers", "E2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("level 5 is stored as %v, not a number", typ)
	}
	got, _ := f.GetRows("scores")
	if len(got) != 3 || strings.Join(got[0], ",") != strings.Join(exchange.ScoreColumns, ",") {
		t.Fatalf("scores sheet = %v", got)
	}
	if r := got[1]; r[0] != "Burgerzaken" || r[1] != "Dienstverlening" || r[7] != "descriptive" || r[8] != "3.5" || r[9] != "4" || r[13] != "2.8" || r[14] != "3" || r[16] != "descriptive" || r[17] != "diagnostic" ||
		r[18] != "TRUE" || r[19] != "2.9" || r[20] != "4.0" {
		t.Errorf("scores row = %v", r)
	}
	// The cells hold the scores unrounded; only their format shows one decimal.
	for cell, want := range map[string]string{"I2": "3.5", "N2": "2.7583"} {
		v, err := f.GetCellValue("scores", cell, excelize.Options{RawCellValue: true})
		if err != nil || v != want {
			t.Errorf("%s holds %q, %v; want %s", cell, v, err, want)
		}
		style, _ := f.GetCellStyle("scores", cell)
		st, err := f.GetStyle(style)
		if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "0.0" {
			t.Errorf("%s has style %+v, %v; want the number format 0.0", cell, st, err)
		}
	}
	// The register: one row per action, overdue as of the export, a text
	// that starts with = stored as text, never as a formula.
	acts, _ := f.GetRows("actions")
	if len(acts) != 3 || strings.Join(acts[0], ",") != strings.Join(exchange.ActionColumns, ",") {
		t.Fatalf("actions sheet = %v", acts)
	}
	if a := acts[1]; a[0] != "1" || a[5] != "=Kwaliteitsregels opschrijven" || a[8] != "planned" || a[9] != "TRUE" || len(a) > 13 {
		t.Errorf("action 1 = %v", a)
	}
	if a := acts[2]; a[8] != "done" || a[9] != "FALSE" || a[10] != "MT-besluit" || a[13] != "2026-11-30T00:00:00Z" {
		t.Errorf("action 2 = %v", a)
	}
	if formula, _ := f.GetCellFormula("actions", "F2"); formula != "" {
		t.Errorf("an action's text became the formula %q", formula)
	}
	if r := got[2]; r[8] != "" || r[9] != "" || r[12] != "none" {
		t.Errorf("a dimension without score = %v; want empty score and level", r)
	}
}

// TestScanCSV: rows are handed over as they are read, until the first
// problem; duplicates are found across the whole file, whatever the case of
// the department's name and whether the first row was good.
func TestScanCSV(t *testing.T) {
	q := defaultQuestionnaire(t)
	src := header +
		"Burgerzaken,2026-11,Vos,desc-reporting,3,\n" +
		"Burgerzaken,2026-11,Vos,desc-timeliness,2,\n" +
		"Belastingen,2026-11,Uil,desc-reporting,0,\n" + // line 4: bad
		"Burgerzaken,2026-11,Vos,quality,,notitie\n" +
		"burgerzaken,2026-11,Vos,desc-reporting,1,\n" + // line 6: again, other case
		"Belastingen,2026-11,Uil,desc-reporting,2,\n" + // line 7: again, first was bad
		"Burgerzaken,2026-11,Vos,quality,,nog een\n" // line 8: a second note on the dimension
	var got []string
	err := exchange.ScanCSV("x.csv", strings.NewReader(src), q, func(r store.Row) { got = append(got, r.Question) })
	want := strings.Join([]string{
		`x.csv:4: level: "0" is out of range (expected 1, 2, 3, 4, 5, dk or na; an answer 0–4 on the old scale goes in a column named answer)`,
		`x.csv:6: respondent "Vos" answers question "desc-reporting" a second time (first on line 2; expected one row per respondent and question)`,
		`x.csv:7: respondent "Uil" answers question "desc-reporting" a second time (first on line 4; expected one row per respondent and question)`,
		`x.csv:8: respondent "Vos" answers question "quality" a second time (first on line 5; expected one row per respondent and question)`,
		`x.csv: rejected: nothing was imported`,
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
	if strings.Join(got, ",") != "desc-reporting,desc-timeliness" {
		t.Errorf("handed over %v; want the two rows before the first problem", got)
	}
}

// TestReadJSON_Lines: the line of a problem deep in a file is counted right
// (lines are counted on from the previous row, not from the start).
func TestReadJSON_Lines(t *testing.T) {
	q := defaultQuestionnaire(t)
	var b strings.Builder
	b.WriteString("[\n")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&b, "  {\"department\": \"A\", \"assessment\": \"1\", \"respondent\": \"r%d\",\n   \"question\": \"desc-reporting\", \"level\": %d},\n", i, 1+i%5)
	}
	b.WriteString("  {\"department\": \"A\", \"assessment\": \"1\", \"respondent\": \"x\", \"question\": \"desc-reporting\", \"level\": 6}\n]\n")
	_, err := exchange.ReadJSON("x.json", strings.NewReader(b.String()), q)
	want := "x.json:2002: level: \"6\" is out of range (expected 1, 2, 3, 4, 5, dk or na)\nx.json: rejected: nothing was imported"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}
