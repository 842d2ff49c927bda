package report_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/report"
)

// TestWrite_Agreements: the section right after the summary lists what was
// agreed now and, for the round before, what became of each action with
// its dimension's change; the summary counts done, open and overdue.
func TestWrite_Agreements(t *testing.T) {
	q := defaultQuestionnaire(t)
	before := department(q, "nl", 6, 0).Round
	before.Label = "2026-05"
	in := withPrevious(department(q, "nl", 6, 1), before)
	in.EarlierRound = "2026-05"
	in.Earlier = []report.Action{
		{Dimension: "quality", Text: "Kwaliteitsregels opschrijven", Owner: "teamleider", Due: "2026-03-31", Status: "done",
			Evidence: "Vastgesteld in het MT", Closed: time.Date(2026, 3, 12, 10, 0, 0, 0, time.UTC)},
		{Dimension: "privacy-ethics", Text: "DPIA-checklist invoeren", Owner: "informatiemanager", Due: "2026-01-31", Status: "planned", Overdue: true},
	}
	in.Agreed = []report.Action{{Dimension: "metadata", Text: "Catalogus vullen", Owner: "databeheerder", Due: "2027-06-30", Status: "planned"}}
	text := strings.Join(strings.Fields(pdfText(t, render(t, in))), " ")
	for _, want := range []string{
		"Van de 2 afspraken na ronde " + in.EarlierRound + ": 1 gereed, 1 nog open (waarvan 1 verlopen), 0 vervallen.",
		"Wat werd er van de afspraken na ronde " + in.EarlierRound,
		"Kwaliteitsregels opschrijven", "gereed", "Vastgesteld in het MT",
		"Afgesproken na deze ronde", "Catalogus vullen", "databeheerder",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	// A cell of two lines is read back line by line across the row.
	if !regexp.MustCompile(`Privacy, ethiek en algoritmes: gepland, .{0,80}DPIA-checklist invoeren verlopen`).MatchString(text) {
		t.Error("the PDF lacks the overdue earlier action")
	}
	// The section comes right after the summary, before the minimums and charts.
	if a, b := strings.Index(text, "Afgesproken na deze ronde"), strings.Index(text, "In beeld"); a < 0 || b >= 0 && a > b {
		t.Errorf("agreements at %d, charts at %d", a, b)
	}
	html := renderHTML(t, in)
	for _, want := range []string{`<h2 id="agreements">Afspraken</h2>`, `<tr class="late"><th scope="row">Privacy`, `<td>Vastgesteld in het MT</td>`} {
		if !strings.Contains(html, want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}

	// Without earlier actions after a previous round, the summary says
	// that nothing was agreed.
	in.Earlier, in.Agreed = nil, nil
	if text := strings.Join(strings.Fields(pdfText(t, render(t, in))), " "); !strings.Contains(text, "Na ronde "+in.EarlierRound+" is niets afgesproken") {
		t.Error("the summary does not say that nothing was agreed after the previous round")
	}
}
