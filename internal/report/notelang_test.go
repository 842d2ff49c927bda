package report_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/maturity-nl/maturity/internal/report"
)

// TestWriteHTML_NoteLang: in a Dutch report the note written in English
// carries lang="en" on its text, and no other note carries a lang: not
// the Dutch one, nor the one whose language is unknown (WCAG 3.1.2, the
// rule the PDF's /Lang follows).
func TestWriteHTML_NoteLang(t *testing.T) {
	q := defaultQuestionnaire(t)
	in := department(q, "nl", 6, 0)
	in.Notes = []report.Note{
		report.Note{Question: q.Questions()[1].ID, Text: "Written in English by the team.", Lang: "en"},
		report.Note{Question: q.Questions()[2].ID, Text: "Door het team in het Nederlands geschreven.", Lang: "nl"},
		report.Note{Question: q.Questions()[3].ID, Text: "Van vóór de taal.", Lang: ""}}
	out := renderHTML(t, in)
	var got []string
	for _, m := range regexp.MustCompile(`<p dir="auto"([^>]*)>([^<]*)</p>`).FindAllStringSubmatch(out, -1) {
		got = append(got, m[1]+"|"+m[2])
	}
	want := []string{
		` lang="en"|Written in English by the team.`,
		`|Door het team in het Nederlands geschreven.`,
		`|Van vóór de taal.`,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("notes in the HTML\n%q\nwant\n%q", got, want)
	}
	if n := len(regexp.MustCompile(` lang="`).FindAllString(out, -1)); n != 2 {
		t.Errorf("%d lang attributes; want 2: the page's and the English note's", n)
	}
}
