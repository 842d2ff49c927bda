package report_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/locale"
	"github.com/maturity-nl/maturity/internal/report"
	"github.com/maturity-nl/maturity/internal/scoring"
)

// threeRounds is a department with two earlier rounds, compared with the
// previous one and, as the command does, with the first.
func threeRounds(t *testing.T, lang string) report.Department {
	q := defaultQuestionnaire(t)
	first, prev := department(q, lang, 5, 1).Round, department(q, lang, 4, 2).Round
	first.Label, prev.Label = "2024-11", "2025-11"
	in := withPrevious(department(q, lang, 6, 0), prev)
	in.Previous = []report.Round{first, prev}
	since := scoring.Result{Overall: in.Round.Result.Overall}
	scoring.Compare(&since, first.Result, 1, first.Label)
	in.SinceFirst = since.Overall.Change
	return in
}

// TestSummary_Trust: the summary says how far to trust it (respondents,
// interval, confidence, and on how many questions the team disagrees) and
// how the score moved since the previous round and since the first, with
// the shown Δ the difference of the shown scores.
func TestSummary_Trust(t *testing.T) {
	for _, lang := range []string{"nl", "en"} {
		in := threeRounds(t, lang)
		o, c := in.Round.Result.Overall, in.SinceFirst
		flagged := 0
		for _, x := range in.Round.Result.Questions {
			if x.Flagged {
				flagged++
			}
		}
		earlier, now := locale.Score(&c.Earlier, lang), locale.Score(o.Score, lang)
		want := map[string][]string{
			"nl": {fmt.Sprintf("Op basis van %d respondenten", o.Respondents), fmt.Sprintf("Het team verschilt bij %d van de 48 vragen: de antwoorden liggen 2 of meer niveaus uit elkaar", flagged),
				fmt.Sprintf("Sinds de eerste ronde, 2024-11: totaalscore %s → %s (%s, marge %s): %s.", earlier, now, locale.Delta(c.Earlier, *o.Score, lang), locale.Margin(*c.Margin, lang), map[scoring.Direction]string{scoring.Improvement: "verbetering", scoring.Decline: "achteruitgang", scoring.Unchanged: "ongewijzigd"}[c.Direction]),
				"Sinds ronde 2025-11: totaalscore"},
			"en": {fmt.Sprintf("Based on %d respondents", o.Respondents), fmt.Sprintf("The team disagrees on %d of the 48 questions", flagged),
				fmt.Sprintf("Since the first round, 2024-11: overall score %s → %s (%s, margin %s): %s.", earlier, now, locale.Delta(c.Earlier, *o.Score, lang), locale.Margin(*c.Margin, lang), c.Direction),
				"Since round 2025-11: overall score"},
		}[lang]
		text := strings.Join(strings.Fields(pdfText(t, render(t, in))), " ")
		page := renderHTML(t, in)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the PDF lacks %q", lang, w)
			}
			if !strings.Contains(page, strings.ReplaceAll(w, "'", "&#39;")) {
				t.Errorf("%s: the HTML lacks %q", lang, w)
			}
		}
		// With one earlier round the previous is the first: no second sentence.
		one := withPrevious(department(in.Questionnaire, lang, 6, 0), in.Previous[1])
		if s := map[string]string{"nl": "Sinds de eerste ronde", "en": "Since the first round"}[lang]; strings.Contains(renderHTML(t, one), s) {
			t.Errorf("%s: a department with one earlier round says %q", lang, s)
		}
	}
}

// TestProvisional: an open round is marked provisional on the cover, in
// the running header of every page after it, and in the HTML.
func TestProvisional(t *testing.T) {
	in := department(defaultQuestionnaire(t), "nl", 6, 0)
	in.Round.Provisional = true
	pdf := render(t, in)
	if cover := strings.Join(strings.Fields(pageText(t, pdf, 1)), " "); !strings.Contains(cover, "Voorlopig Deze ronde is nog open") || !strings.Contains(cover, "Ronde 2026-11 (voorlopig)") {
		t.Errorf("the cover does not say the round is provisional:\n%s", cover)
	}
	for _, page := range []int{2, 5} {
		if head := pageText(t, pdf, page); !strings.Contains(head, "Burgerzaken · Ronde 2026-11 (voorlopig) · 20 november 2026") || !strings.Contains(head, "Datagedreven werken in de gemeente (versie 2)") {
			t.Errorf("page %d: the running header lacks the provisional round or the questionnaire's title:\n%.300s", page, head)
		}
	}
	page := renderHTML(t, in)
	if !strings.Contains(page, `<div class="provisional" role="note"><p><strong>Voorlopig</strong></p>`) || !strings.Contains(page, "Ronde 2026-11 (voorlopig)") {
		t.Error("the HTML does not mark the round provisional")
	}
	in.Round.Provisional = false
	if strings.Contains(pdfText(t, render(t, in)), "voorlopig") || strings.Contains(renderHTML(t, in), "voorlopig") {
		t.Error("a closed round is marked provisional")
	}
}

// TestDistribution_CommonScale: a question's bars share one scale (a full
// bar is the round's respondents), with the count, don't know and not
// applicable; an answer option is never cut.
func TestDistribution_CommonScale(t *testing.T) {
	q := defaultQuestionnaire(t)
	in := department(q, "en", 6, 0)
	page := renderHTML(t, in)
	if !strings.Contains(page, "Every bar is on one scale: a full bar is 6 respondents.") {
		t.Error("the disagreement section does not name the common scale")
	}
	var x scoring.QuestionResult
	for _, r := range in.Round.Result.Questions {
		if r.Flagged && r.Visible && r.DontKnow > 0 {
			x = r
			break
		}
	}
	if x.ID == "" {
		t.Fatal("no flagged question with a don't know in the test data")
	}
	qu := q.Question(x.ID)
	start := strings.Index(page, ">"+qu.Text.In("en")+"</h3>")
	if start < 0 {
		t.Fatalf("no distribution of %s", x.ID)
	}
	block := page[start : start+strings.Index(page[start:], "</table>")]
	bar := regexp.MustCompile(`<tr><th scope="row">([^<]*)</th><td class="num">(\d+)</td><td><svg[^>]*><rect width="200" height="14" fill="#e9eef4"/><rect width="([0-9.]+)" height="14" fill="(#[0-9a-f]{6})"/></svg></td></tr>`)
	rows := bar.FindAllStringSubmatch(block, -1)
	if len(rows) != 7 {
		t.Fatalf("%d bars; want 7 (levels 1-5, don't know, not applicable):\n%s", len(rows), block)
	}
	counts := append(x.Counts[:], x.DontKnow, x.NotApplicable)
	colours := []string{"#b71c1c", "#b34700", "#8a6d00", "#2e7d32", "#00607a", "#6c757d", "#6c757d"}
	for i, r := range rows {
		label := map[int]string{5: "don't know", 6: "not applicable"}[i]
		if i < 5 {
			label = fmt.Sprintf("%d  %s", i+1, qu.Options[i].In("en"))
		}
		if want := fmt.Sprintf("%.1f", 200*float64(counts[i])/6); r[1] != strings.ReplaceAll(label, "'", "&#39;") || r[2] != fmt.Sprint(counts[i]) || r[3] != want || r[4] != colours[i] {
			t.Errorf("bar %d: %q %s %s %s; want %q %d %s %s", i, r[1], r[2], r[3], r[4], label, counts[i], want, colours[i])
		}
	}
	// In the PDF every option is whole: none ends in an ellipsis.
	if text := pdfText(t, render(t, in)); strings.Contains(text, "…") {
		t.Errorf("the PDF cuts a text: %q", text[max(0, strings.Index(text, "…")-80):strings.Index(text, "…")+3])
	}
}

// TestHTML_Structure: a table of contents whose every link has its
// target, every wide table in a scroll box, and no heading repeated as a
// figure's or a table's caption.
func TestHTML_Structure(t *testing.T) {
	in := threeRounds(t, "nl")
	page := renderHTML(t, in)
	links := regexp.MustCompile(`<li><a href="#([^"]+)">`).FindAllStringSubmatch(page, -1)
	if len(links) != 9 {
		t.Errorf("%d links in the table of contents; want 9", len(links))
	}
	for _, l := range links {
		if !strings.Contains(page, `id="`+l[1]+`"`) {
			t.Errorf("the contents link to #%s, which is not on the page", l[1])
		}
	}
	if tables, boxed := strings.Count(page, "<table"), strings.Count(page, `<div class="scroll" role="region" aria-label="Tabel: `); tables != boxed {
		t.Errorf("%d tables, %d in a scroll box", tables, boxed)
	}
	headings := map[string]bool{}
	for _, h := range regexp.MustCompile(`<h[1-4][^>]*>([^<]+)</h[1-4]>`).FindAllStringSubmatch(page, -1) {
		headings[h[1]] = true
	}
	for _, c := range regexp.MustCompile(`<(?:figcaption|caption)>([^<]+)</(?:figcaption|caption)>`).FindAllStringSubmatch(page, -1) {
		if headings[c[1]] {
			t.Errorf("%q is both a heading and a caption", c[1])
		}
	}
	if !strings.Contains(page, "print-color-adjust: exact") || !strings.Contains(page, "figcaption { break-before: avoid; }") {
		t.Error("the print styles do not keep colours and captions")
	}
}
