package report_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/locale"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/report"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/questionnaires"
)

// tool returns the path of a command-line tool the test needs; CI installs
// them, elsewhere the test skips without them.
func tool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed; .ci/run installs it", name)
		}
		t.Skipf("%s is not installed (apt-get install poppler-utils qpdf)", name)
	}
	return path
}

// department scores n respondents with a fixed pattern on q (levels 1–5,
// some don't know).
func department(q *questionnaire.Questionnaire, lang string, n int, shift int) report.Department {
	var as []scoring.Answer
	for r := 0; r < n; r++ {
		for i, x := range q.Questions() {
			v := scoring.Value((i*3+r*2+shift)%5 + 1)
			if (i+r)%11 == 0 {
				v = scoring.DontKnow
			}
			as = append(as, scoring.Answer{Respondent: fmt.Sprint("r", r), Question: x.ID, Value: v})
		}
	}
	res := scoring.Score(q, scoring.Input{Answers: as})
	date := time.Date(2026, 11, 20, 15, 4, 5, 0, time.UTC)
	return report.Department{
		Lang: lang, Organisation: "Gemeente Voorbeeldstad", Name: "Burgerzaken", Parent: "Dienstverlening", Questionnaire: q,
		Round: report.Round{Label: "2026-11", Mode: "workshop", Date: date, Respondents: res.Respondents, Result: res},
		Notes: []report.Note{{Question: q.Questions()[0].ID, Text: "Besloten: niveau 2, het maandrapport wordt niet besproken."}, {Dimension: q.Dimensions()[0].ID, Text: "Groepsnotitie over één dimensie — met €, ë en é."}},
	}
}

// withPrevious adds an earlier round to in and compares with it, as the
// command does.
func withPrevious(in report.Department, prev report.Round) report.Department {
	in.Previous = []report.Round{prev}
	scoring.Compare(&in.Round.Result, prev.Result, 1, prev.Label)
	return in
}

// shownScore is a score the way the report writes it: locale's rule,
// with a decimal comma in Dutch.
func shownScore(s float64, lang string) string { return locale.Score(&s, lang) }

func render(t *testing.T, in report.Department) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WritePDF(&buf, in); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool(t, "pdftotext"), "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(tool(t, "qpdf"), "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	return string(out)
}

// pageText is the text of one page of a PDF, as pdftotext lays it out.
func pageText(t *testing.T, pdf []byte, page int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	n := fmt.Sprint(page)
	out, err := exec.Command(tool(t, "pdftotext"), "-layout", "-f", n, "-l", n, path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func defaultQuestionnaire(t testing.TB) *questionnaire.Questionnaire {
	q, err := questionnaires.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// TestWritePDF_Deterministic: the same input gives the same bytes.
func TestWritePDF_Deterministic(t *testing.T) {
	in := department(defaultQuestionnaire(t), "nl", 6, 0)
	a, b := render(t, in), render(t, in)
	if !bytes.Equal(a, b) {
		t.Fatalf("two renderings differ (%d and %d bytes)", len(a), len(b))
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20261120150405")) {
		t.Errorf("the creation date is not the round's date")
	}
	// The default questionnaire with six respondents: cover, summary, the
	// legal minimums, two pages of charts, three groups, disagreement,
	// confidence, appendix. Nearly every question is far apart here, and
	// each distribution shows its options whole with don't know and not
	// applicable.
	if pages := bytes.Count(a, []byte("/Type /Page\n")); pages < 11 || pages > 36 {
		t.Errorf("%d pages; want 11 to 36", pages)
	}
}

// TestWritePDF_Content: the figures of the result are in the text, in
// each language, and the file passes qpdf --check.
func TestWritePDF_Content(t *testing.T) {
	q := defaultQuestionnaire(t)
	for _, lang := range []string{"nl", "en"} {
		prev := department(q, lang, 4, 2).Round
		prev.Label = "2025-11"
		in := withPrevious(department(q, lang, 6, 0), prev)
		text := strings.Join(strings.Fields(pdfText(t, render(t, in))), " ")
		r := in.Round.Result
		want := []string{
			"Burgerzaken", "Gemeente Voorbeeldstad", "2026-11",
			q.LevelName(r.Overall.Level, lang), shownScore(*r.Overall.Score, lang),
			q.Title.In(lang), "€", "één",
		}
		for _, d := range r.Dimensions {
			want = append(want, shownScore(*d.Score, lang), q.Dimension(d.ID).Name.In(lang))
		}
		// Reader-facing tables name a question by its text, never its id.
		for _, x := range r.Questions {
			want = append(want, strings.Join(strings.Fields(q.Question(x.ID).Text.In(lang)), " "))
			if strings.Contains(text, x.ID+" ") {
				t.Errorf("%s: the report shows the question id %s", lang, x.ID)
			}
		}
		if lang == "nl" {
			want = append(want, "Samenvatting", "Eerst aanpakken", "Sinds ronde 2025-11", "Waar het team verschilt", "Hoe zeker zijn de cijfers?", "Bijlage: methode en alle vragen", "20 november 2026", "Plafonds", "Hoe zeker", "90%-interval")
		} else {
			want = append(want, "Summary", "Do first", "Since round 2025-11", "Where the team disagrees", "How far to trust the figures", "Appendix: method and every question", "20 November 2026", "Caps", "How sure", "90% interval")
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the report lacks %q", lang, w)
			}
		}
	}
}

// TestWritePDF_Anonymity: with fewer respondents than the threshold no
// distribution is shown.
func TestWritePDF_Anonymity(t *testing.T) {
	in := department(defaultQuestionnaire(t), "en", 2, 0)
	text := strings.Join(strings.Fields(pdfText(t, render(t, in))), " ")
	for _, want := range []string{"but they have fewer than 3 answers: their distributions are not shown, so that nobody can be identified",
		"Figures per question are shown only where at least 3 people answered the question with a level"} {
		if !strings.Contains(text, want) {
			t.Errorf("no anonymity notice %q:\n%.3000s", want, text)
		}
	}
	// No question has three answers: every row of the appendix hides its
	// figures, and no distribution is drawn.
	if n, want := len(regexp.MustCompile(`<\s?3`).FindAllString(text, -1)), len(in.Round.Result.Questions); n != want {
		t.Errorf("%d hidden question rows; want %d", n, want)
	}
	if strings.Contains(text, "Score ") && strings.Contains(text, " · median ") {
		t.Error("a distribution is shown below the anonymity threshold")
	}
}

// TestWritePDF_Extremes: a very long department name and note, and a
// questionnaire of 80 dimensions, still give a sound PDF.
func TestWritePDF_Extremes(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: big\nversion: 1\nlanguages: [en]\ntitle: A questionnaire with eighty dimensions\ngroups:\n")
	for g := 0; g < 4; g++ {
		fmt.Fprintf(&b, "  - id: g%d\n    name: Group %d with a name that goes on and on for quite a while\n    dimensions:\n", g, g)
		for d := 0; d < 20; d++ {
			fmt.Fprintf(&b, "      - id: d%d-%d\n        name: Dimension %d of group %d with an unusually long name for a chart label\n        recommendations: {1: %s, 2: b, 3: c, 4: d}\n        questions:\n", g, d, d, g, strings.Repeat("Do this. ", 40))
			fmt.Fprintf(&b, "          - {id: q%d-%d, text: %s, options: [a, b, c, d, e]}\n", g, d, strings.Repeat("Long question text ", 12))
		}
	}
	q, err := questionnaire.Parse("big.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"nl", "en"} {
		in := department(q, lang, 5, 1)
		in.Name = strings.Repeat("Afdeling Dienstverlening en Burgerzaken ", 6) + "Supercalifragilisticexpialidocious-team-with-no-spaces-at-all"
		in.Notes = []report.Note{{Question: "q0-0", Text: strings.Repeat("A very long note that keeps going. ", 80)}}
		pdf := render(t, in)
		// The name is shortened on the cover (and in the running header);
		// the note is whole.
		cover := pageText(t, pdf, 1)
		if !strings.Contains(cover, "Afdeling Dienstverlening en Burgerzaken Afdeling") || !strings.Contains(cover, "…") || strings.Contains(cover, "Supercalifragilistic") {
			t.Errorf("%s: the cover does not show the start of the long name with an ellipsis:\n%s", lang, cover)
		}
		// The running header and footer of a page break inside the note are
		// left out of the count.
		text := regexp.MustCompile(`(page|pagina) \d+ (of|van) \d+ .{0,200}?\((version|versie) 1\) `).ReplaceAllString(strings.Join(strings.Fields(pdfText(t, pdf)), " "), "")
		if n := strings.Count(text, "A very long note that keeps going."); n != 80 {
			t.Errorf("%s: the note is shown %d times; want 80", lang, n)
		}
	}
}

// TestWritePDF_NoAnswers: a round without scored answers still reports.
func TestWritePDF_NoAnswers(t *testing.T) {
	q := defaultQuestionnaire(t)
	in := report.Department{Lang: "nl", Name: "Leeg", Questionnaire: q,
		Round: report.Round{Label: "2026-11", Mode: "self", Date: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Result: scoring.Score(q, scoring.Input{})}}
	text := pdfText(t, render(t, in))
	if !strings.Contains(text, "Er zijn nog geen antwoorden met een score.") {
		t.Errorf("no message for an empty round")
	}
}

// BenchmarkWritePDF is one department report on the default questionnaire
// with twelve respondents and an earlier round.
func BenchmarkWritePDF(b *testing.B) {
	q := defaultQuestionnaire(b)
	in := withPrevious(department(q, "nl", 12, 0), department(q, "nl", 8, 3).Round)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := report.WritePDF(&bytes.Buffer{}, in); err != nil {
			b.Fatal(err)
		}
	}
}

// organisation builds an organisation of n departments under clusters of
// ten, each with a latest round and, for every other one, a previous round.
func organisation(q *questionnaire.Questionnaire, n, respondents int) report.Organisation {
	org := report.Organisation{Lang: "nl", Organisation: "Gemeente Voorbeeldstad", Questionnaire: q, StaleMonths: 12,
		Date: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}
	for i := 0; i < n; i++ {
		if i%10 == 0 {
			org.Departments = append(org.Departments, report.OrgDepartment{Name: fmt.Sprintf("Cluster %02d", i/10)})
		}
		d := department(q, "nl", respondents, i%5)
		od := report.OrgDepartment{Name: fmt.Sprintf("Afdeling %03d met een lange naam", i), Parent: fmt.Sprintf("Cluster %02d", i/10), Depth: 1, Latest: &d.Round, Comparable: true}
		if i%2 == 0 {
			p := department(q, "nl", respondents, (i+3)%5).Round
			p.Label = "2025-05"
			od.Previous = &p
			latest := d.Round
			scoring.Compare(&latest.Result, p.Result, int64(i), p.Label)
			od.Latest = &latest
		}
		if i%7 == 0 {
			old := *od.Latest
			old.Date = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
			od.Latest = &old
		}
		org.Departments = append(org.Departments, od)
	}
	return org
}

func TestWriteOrganisationPDF(t *testing.T) {
	q := defaultQuestionnaire(t)
	org := organisation(q, 12, 5)
	org.Departments = append(org.Departments, report.OrgDepartment{Name: "Team zonder meting", Parent: "Cluster 00", Depth: 1})
	var a, b bytes.Buffer
	if err := report.WriteOrganisationPDF(&a, org); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteOrganisationPDF(&b, org); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two renderings differ")
	}
	text := pdfText(t, a.Bytes())
	for _, w := range []string{"Datavolwassenheid van de organisatie", "Gemeente Voorbeeldstad", "Afdelingen per volwassenheidsniveau",
		"Afdelingen gerangschikt", "Score per afdeling en dimensie", "Ontwikkeling sinds de vorige ronde", "Zonder recente meting",
		"Team zonder meting", "nooit gemeten", "Afdeling 007", "Cluster 01", "Zwakste funderingen"} {
		if !strings.Contains(text, w) {
			t.Errorf("the organisation report lacks %q", w)
		}
	}
	// The clusters group departments: they are not departments without a round.
	if n := strings.Count(text, "nooit gemeten"); n != 1 {
		t.Errorf("%d departments never assessed; want 1, the team (not its clusters)", n)
	}
}

// TestWriteOrganisationPDF_300 checks that 300 departments paginate.
func TestWriteOrganisationPDF_300(t *testing.T) {
	q := defaultQuestionnaire(t)
	var buf bytes.Buffer
	if err := report.WriteOrganisationPDF(&buf, organisation(q, 300, 3)); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	if !strings.Contains(text, "Afdeling 299") || !strings.Contains(text, "pagina 20 van") {
		t.Errorf("300 departments: missing the last department or fewer than 20 pages")
	}
}

// BenchmarkWriteOrganisationPDF is the organisation report for 300
// departments of 30 respondents on the default questionnaire (the scoring is
// done before the timer starts, as the command does it once per round).
func BenchmarkWriteOrganisationPDF(b *testing.B) {
	org := organisation(defaultQuestionnaire(b), 300, 30)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := report.WriteOrganisationPDF(&bytes.Buffer{}, org); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWritePDF_UnusualText: characters beyond the font's plane (emoji) and
// very long unbroken words neither crash nor stall the report.
func TestWritePDF_UnusualText(t *testing.T) {
	in := department(defaultQuestionnaire(t), "nl", 5, 0)
	in.Name = "Team 👍 Data"
	in.Notes = []report.Note{{Question: "desc-reporting", Text: "Top 👍 " + strings.Repeat("x", 20000)}}
	start := time.Now()
	text := pdfText(t, render(t, in))
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("the report took %v", d)
	}
	if !strings.Contains(text, "Team \uFFFD Data") {
		t.Errorf("the name with an emoji is missing")
	}
	org := organisation(defaultQuestionnaire(t), 3, 3)
	org.Organisation = "Gemeente 🌷"
	var buf bytes.Buffer
	if err := report.WriteOrganisationPDF(&buf, org); err != nil {
		t.Fatal(err)
	}
}

// TestWritePDF_Revote: a workshop's re-vote appears as the spread of the
// first vote beside the re-vote's, in both renderers, and only from the
// anonymity threshold on.
func TestWritePDF_Revote(t *testing.T) {
	q := defaultQuestionnaire(t)
	id := q.Questions()[0].ID
	var final, first []scoring.Answer
	for r, v := range []scoring.Value{1, 5, 3, 4} {
		who := fmt.Sprint("r", r)
		first = append(first, scoring.Answer{Respondent: who, Question: id, Value: v})
		final = append(final, scoring.Answer{Respondent: who, Question: id, Value: 3 + scoring.Value(r%2)})
	}
	in := department(q, "nl", 4, 0)
	in.Round.Result = scoring.Score(q, scoring.Input{Answers: final, Revote: []string{id}, FirstVotes: first})
	text := strings.Join(strings.Fields(pdfText(t, render(t, in))), " ")
	want := "Herstemming na de bespreking"
	if !strings.Contains(text, want) || !strings.Contains(text, "opnieuw over één vraag.") || !strings.Contains(text, "Beide stemmen zijn bewaard.") {
		t.Fatalf("the PDF has no re-vote section %q", want)
	}
	row := regexp.MustCompile(regexp.QuoteMeta(strings.Fields(q.Question(id).Text.In("nl"))[0]) + `\s.*?\s4\s+1\s+3,3\s+3,5`)
	if !row.MatchString(text) {
		t.Errorf("the re-vote row (spread 4 → 1, score 3,25 → 3,5 shown as 3,3 → 3,5) is missing from the PDF text")
	}
	html := renderHTML(t, in)
	if !strings.Contains(html, `<td class="num">4</td><td class="num">1</td><td class="num">3,3</td><td class="num">3,5</td>`) {
		t.Error("the HTML has no re-vote row with spread 4 → 1")
	}

	// Two respondents: below the anonymity threshold no spread is shown.
	in.Round.Result = scoring.Score(q, scoring.Input{Answers: final[:2], Revote: []string{id}, FirstVotes: first[:2]})
	html = renderHTML(t, in)
	if !strings.Contains(html, `<h3 id="revote">Herstemming na de bespreking</h3>`) || strings.Contains(html, "<caption>Herstemming na de bespreking</caption>") ||
		!strings.Contains(html, "Spreiding en score per vraag worden alleen getoond als minstens 3 respondenten beide keren antwoordden.") {
		t.Error("below the anonymity threshold the re-vote must be named without its spreads")
	}
}

var samples = flag.String("samples", "", "write sample reports (PDF and HTML, nl and en) into this folder, to look at")

// TestSamples writes the reports of a few fixed departments for a person to
// look at: go test ./internal/report -run Samples -samples /tmp/samples.
func TestSamples(t *testing.T) {
	if *samples == "" {
		t.Skip("no -samples folder")
	}
	q := defaultQuestionnaire(t)
	mq := minimumsQuestionnaire(t)
	for _, lang := range []string{"nl", "en"} {
		prev := department(q, lang, 4, 2).Round
		prev.Label = "2025-11"
		cases := map[string]report.Department{
			"department": withPrevious(department(q, lang, 6, 0), prev),
			"one":        department(q, lang, 1, 0),
			"two":        department(q, lang, 2, 0),
			"minimums":   minimumsDepartment(t, mq, lang),
			"example":    methodExampleDepartment(t, lang),
		}
		for name, in := range cases {
			base := filepath.Join(*samples, name+"."+lang)
			if err := os.WriteFile(base+".pdf", render(t, in), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(base+".html", []byte(renderHTML(t, in)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		org := organisation(q, 12, 5)
		org.Lang = lang
		var buf bytes.Buffer
		if err := report.WriteOrganisationPDF(&buf, org); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(*samples, "organisation."+lang+".pdf"), buf.Bytes(), 0o644)
		buf.Reset()
		if err := report.WriteOrganisationHTML(&buf, org); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(*samples, "organisation."+lang+".html"), buf.Bytes(), 0o644)
	}
}
