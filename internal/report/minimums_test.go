package report_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/report"
	"github.com/maturity-nl/maturity/internal/scoring"
)

func minimumsQuestionnaire(t testing.TB) *questionnaire.Questionnaire {
	t.Helper()
	q, err := questionnaire.LoadFile("testdata/minimums.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// answers turns rows of "question: one level per respondent" (1–5, d for
// don't know, n for not applicable, - for no answer) into answers of
// respondents A, B, C, …
func answers(t testing.TB, rows map[string]string) []scoring.Answer {
	t.Helper()
	var out []scoring.Answer
	for qid, levels := range rows {
		for i, c := range strings.Fields(levels) {
			var v scoring.Value
			switch c {
			case "-":
				continue
			case "d":
				v = scoring.DontKnow
			case "n":
				v = scoring.NotApplicable
			default:
				var err error
				if v, err = scoring.ParseValue(c); err != nil {
					t.Fatal(err)
				}
			}
			out = append(out, scoring.Answer{Respondent: string(rune('A' + i)), Question: qid, Value: v})
		}
	}
	return out
}

// minimumsDepartment is a round on the minimums questionnaire with one
// legal minimum of each kind: unmet (dpia), met (register), unknown
// (archive: only don't know) and met but not shown (access: two answers).
func minimumsDepartment(t testing.TB, q *questionnaire.Questionnaire, lang string) report.Department {
	res := scoring.Score(q, scoring.Input{Answers: answers(t, map[string]string{
		"desc":     "4 4 4 3",
		"diag":     "3 4 3 3",
		"dpia":     "2 2 3 2",
		"register": "3 3 4 2",
		"archive":  "d d d d",
		"access":   "4 4 d d",
		"logging":  "3 3 3 4",
		"literacy": "4 4 4 4",
	})})
	return report.Department{Lang: lang, Name: "Sociaal Domein", Questionnaire: q,
		Round: report.Round{Label: "2026-03", Mode: "self", Date: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), Respondents: res.Respondents, Result: res}}
}

// TestWritePDF_Minimums: the summary counts the legal minimums, names the
// unmet one and says that it caps the level; the section lists each with
// its question, required level, status, basis and action, and a score only
// where the question's figures may be shown.
func TestWritePDF_Minimums(t *testing.T) {
	q := minimumsQuestionnaire(t)
	in := minimumsDepartment(t, q, "nl")
	o := in.Round.Result.Overall
	if o.UncappedLevel != 3 || o.Level != 2 || !o.MinimumCapped || o.Capped {
		t.Fatalf("the fixture no longer has a minimum cap that lowers level 3 to 2: %+v", o)
	}
	text := strings.Join(strings.Fields(pdfText(t, render(t, in))), " ")
	for _, want := range []string{
		"Volwassenheidsniveau 2 Opportunistisch",
		"Zonder plafond hoorde daar niveau 3 bij.",
		"Minimumplafond: 1 wettelijk minimum is niet gehaald, dus het niveau is hooguit 2; de totaalscore alleen hoorde bij niveau 3.",
		"4 wettelijke minima: 2 gehaald, 1 niet gehaald, 1 onbekend. Niet gehaald: Voert de afdeling een DPIA uit waar de AVG die eist? (AVG art. 35).",
		// What to do first starts with the minimum, its basis and action.
		"1. Voert de afdeling een DPIA uit waar de AVG die eist? (AVG art. 35) Waarom eerst: een wettelijk minimum. AVG art. 35 eist niveau 3, en de afdeling haalt dat niet. De vraag scoort 2,3. Voer voor elke verwerking met hoog risico een DPIA uit",
		"2. Privacy en ethiek: niveau 2 → 3",
		// The section.
		"Vereist niveau: 3 · Score: 2,3 · Grondslag: AVG art. 35 Status: niet gehaald",
		"Vereist niveau: 2 · Score: 3,0 · Grondslag: AVG art. 30 Status: gehaald Actie: Zet elke verwerking in het register",
		"Vereist niveau: 3 · Score: – · Grondslag: Archiefwet 1995 art. 3 Status: onbekend (geen score)",
		"Vereist niveau: 3 · Score: niet getoond (minder dan 3 antwoorden) · Grondslag: BIO2 9.2 Status: gehaald",
		"Zolang een minimum niet gehaald is, is het volwassenheidsniveau hooguit 2.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// The access question has two answers: its score is nowhere.
	if strings.Contains(text, "Score: 4,0 · Grondslag: BIO2") {
		t.Error("the score of a question with two answers is shown")
	}
}

// TestWriteHTML_Minimums compares the English HTML of the minimums round
// with a golden file, and checks the section's rows.
func TestWriteHTML_Minimums(t *testing.T) {
	in := minimumsDepartment(t, minimumsQuestionnaire(t), "en")
	page := renderHTML(t, in)
	for _, want := range []string{
		`<h2 id="minimums">Legal minimums</h2>`,
		`<tr class="unmet"><th scope="row">Does the department carry out a DPIA where the GDPR requires one?</th><td class="num">3</td><td class="num">2.3</td><td class="status">unmet</td><td>GDPR art. 35</td><td>Carry out a DPIA for every high-risk processing and involve the data protection officer.</td></tr>`,
		`<td class="num">3</td><td class="num">not shown (fewer than 3 answers)</td><td class="status">met</td><td>BIO2 9.2</td>`,
		`<td class="num">3</td><td class="num">–</td><td class="status">unknown (no score)</td>`,
		"4 legal minimums: 2 met, 1 unmet, 1 unknown. Unmet: Does the department carry out a DPIA where the GDPR requires one? (GDPR art. 35).",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	golden(t, "testdata/minimums.en.html", page)
}

// TestWritePDF_NoMinimums: a questionnaire without minimums has no
// minimum section and no minimum cap sentence.
func TestWritePDF_NoMinimums(t *testing.T) {
	q := defaultQuestionnaire(t) // a copy of its own, parsed anew
	for _, x := range q.Questions() {
		x.Minimum = nil
	}
	in := department(q, "nl", 6, 0)
	text := pdfText(t, render(t, in))
	for _, bad := range []string{"Wettelijke minima", "Minimumplafond"} {
		if strings.Contains(text, bad) {
			t.Errorf("a report without minimums says %q", bad)
		}
	}
	if page := renderHTML(t, in); strings.Contains(page, `id="minimums"`) {
		t.Error("the HTML has a minimum section without minimums")
	}
}

// TestWritePDF_OneRespondent: a round of one respondent shows the figures
// per question and says they are that person's answers.
func TestWritePDF_OneRespondent(t *testing.T) {
	q := defaultQuestionnaire(t)
	in := department(q, "en", 1, 0)
	text := strings.Join(strings.Fields(pdfText(t, render(t, in))), " ")
	for _, want := range []string{
		"This round has one respondent: the figures per question in this report are that one person's answers.",
		"Based on 1 respondent: too few for an interval",
		"This round has one respondent: the figures per question are that one person's answers.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if strings.Contains(text, "< 3") {
		t.Error("a round of one respondent hides question figures")
	}
	first := in.Round.Result.Questions[1]
	if !first.Visible || first.Score == nil {
		t.Fatalf("question %s of a one-respondent round is not visible", first.ID)
	}
	// The row starts with the question's text (its first words: a table
	// cell wraps it), never its id.
	if !strings.Contains(text, strings.Join(strings.Fields(q.Question(first.ID).Text.In("en"))[:3], " ")) || strings.Contains(text, first.ID) || !strings.Contains(text, fmt.Sprintf("%d–%d", *first.Min, *first.Max)) {
		t.Errorf("the appendix lacks the row of %s with its figures", first.ID)
	}
}

// golden compares got with the file at path; -update rewrites the file.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the HTML differs from %s (run with -update and read the diff)", path)
	}
}

// TestWriteOrganisation_Minimums: the organisation report counts the
// departments an unmet minimum holds down and marks them in the ranking.
func TestWriteOrganisation_Minimums(t *testing.T) {
	q := minimumsQuestionnaire(t)
	d := minimumsDepartment(t, q, "en")
	org := report.Organisation{Lang: "en", Questionnaire: q, StaleMonths: 12, Date: d.Round.Date,
		Departments: []report.OrgDepartment{{Name: "Sociaal Domein", Latest: &d.Round, Comparable: true}}}
	var buf bytes.Buffer
	if err := report.WriteOrganisationPDF(&buf, org); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfText(t, buf.Bytes())), " ")
	for _, want := range []string{"For 1 of the 1 assessed departments an unmet legal minimum holds the level down.",
		"2 Opportunistic †", "† capped by an unmet legal minimum", shownScore(*d.Round.Result.Overall.Score, "en")} {
		if !strings.Contains(text, want) {
			t.Errorf("the organisation report lacks %q", want)
		}
	}
	buf.Reset()
	if err := report.WriteOrganisationHTML(&buf, org); err != nil {
		t.Fatal(err)
	}
	if page := buf.String(); !strings.Contains(page, "<td>2 Opportunistic †</td>") || !strings.Contains(page, `<td class="l3">3.8</td>`) {
		t.Error("the organisation HTML lacks the minimum mark or the heatmap's score")
	}
}
