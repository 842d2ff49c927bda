package report_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/report"
	"github.com/maturity-nl/maturity/internal/scoring"
)

func writeOrg(t *testing.T, org report.Organisation) (pdf []byte, html string) {
	t.Helper()
	var a, b bytes.Buffer
	if err := report.WriteOrganisationPDF(&a, org); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteOrganisationHTML(&b, org); err != nil {
		t.Fatal(err)
	}
	return a.Bytes(), b.String()
}

// TestWriteOrganisation_ClustersAreNotDepartments: the clusters that group
// departments are not counted as departments, on the cover, in the HTML
// and in the command's count alike.
func TestWriteOrganisation_ClustersAreNotDepartments(t *testing.T) {
	q := defaultQuestionnaire(t)
	org := organisation(q, 30, 3)
	d := department(q, "nl", 3, 1)
	org.Departments = append(org.Departments, report.OrgDepartment{Name: "Concernstaf", Latest: &d.Round, Comparable: true},
		report.OrgDepartment{Name: "Team zonder meting", Parent: "Cluster 01", Depth: 1})
	if got := org.Units(); got != 32 {
		t.Errorf("Units() = %d, want 32 (34 units, 3 of them clusters... and 1 without a round)", got)
	}
	pdf, html := writeOrg(t, org)
	cover := flat(pageText(t, pdf, 1))
	want := "32 afdelingen in 3 clusters, waarvan 31 gemeten"
	if !strings.Contains(cover, want) || !strings.Contains(html, want) {
		t.Errorf("the cover says %q; want %q in the PDF and the HTML", cover, want)
	}
	text := flat(pdfText(t, pdf))
	if strings.Contains(text, "35 afdelingen") || strings.Contains(html, "35 afdelingen") {
		t.Error("the clusters are counted as departments")
	}
	// The department at the top without parts is in no cluster; the
	// clusters themselves are never "without a recent assessment".
	if !strings.Contains(html, `<th scope="row">Concernstaf</th><td>Zonder cluster</td>`) {
		t.Error("the ranking does not put Concernstaf in no cluster")
	}
	if !strings.Contains(text, "Team zonder meting Cluster 01 nooit gemeten") || strings.Contains(text, "Cluster 00 – nooit gemeten") {
		t.Error("the rounds that are not recent list a cluster, or miss the department without a round")
	}
}

// rounded is a department whose latest round has an overall score with
// an interval (nil for none).
func rounded(name, parent string, score float64, iv *scoring.Interval, respondents int) report.OrgDepartment {
	conf := scoring.ConfidenceHigh
	if iv == nil {
		conf = scoring.ConfidenceLow
	}
	res := scoring.Result{Respondents: respondents, Overall: scoring.Overall{Score: &score, Level: scoring.Level(score), UncappedLevel: scoring.Level(score),
		Estimate: scoring.Estimate{Respondents: respondents, Interval: iv, Confidence: conf}}}
	date := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	return report.OrgDepartment{Name: name, Parent: parent, Depth: 1, Comparable: true,
		Latest: &report.Round{Label: "2026-10", Mode: "self", Date: date, Respondents: respondents, Result: res}}
}

// TestWriteOrganisation_RankingTies: departments whose intervals overlap
// share a place; the ranking names cluster, n and confidence.
func TestWriteOrganisation_RankingTies(t *testing.T) {
	q := defaultQuestionnaire(t)
	org := report.Organisation{Lang: "nl", Questionnaire: q, StaleMonths: 12, Date: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
		Departments: []report.OrgDepartment{{Name: "Ruimte"}, {Name: "Sociaal"},
			rounded("Wonen", "Ruimte", 3.4, &scoring.Interval{Low: 3.2, High: 3.6}, 6),
			rounded("Wijkteams", "Sociaal", 2.5, &scoring.Interval{Low: 2.3, High: 2.7}, 8),
			rounded("Mobiliteit", "Ruimte", 3.5, &scoring.Interval{Low: 3.3, High: 3.7}, 12),
			rounded("Jeugd", "Sociaal", 2.4, nil, 1)}}
	org.Departments[2].Depth, org.Departments[3].Depth = 1, 1
	_, html := writeOrg(t, org)
	rows := regexp.MustCompile(`<tr(?: class="group")?><td>([^<]*)</td><th scope="row">([^<]*)</th><td>([^<]*)</td><td class="num">(\d+)</td><td class="num">([^<]*)</td><td class="num">([^<]*)</td><td>([^<]*)</td>`).FindAllStringSubmatch(html, -1)
	var got []string
	for _, r := range rows {
		got = append(got, strings.Join(r[1:], " | "))
	}
	want := []string{
		"1–2 | Mobiliteit | Ruimte | 12 | 3,5 | 3,3–3,7 | hoog",
		"1–2 | Wonen | Ruimte | 6 | 3,4 | 3,2–3,6 | hoog",
		"3–4 | Wijkteams | Sociaal | 8 | 2,5 | 2,3–2,7 | hoog",
		"3–4 | Jeugd | Sociaal | 1 | 2,4 | – | laag",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("ranking rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := strings.Count(html, `<tr class="group">`); n != 2 {
		t.Errorf("%d tie groups marked, want 2", n)
	}
}

// agreed is an organisation of two departments with actions: Werk agreed
// one after its latest round and finished one agreed after its previous
// round; Jeugd agreed nothing after its latest round and has an overdue
// action from before.
func agreed(t *testing.T, lang string) report.Organisation {
	q := defaultQuestionnaire(t)
	org := organisation(q, 2, 5)
	org.Lang = lang
	dim := q.Dimensions()[4].ID
	org.Departments[1].Name, org.Departments[2].Name = "Werk en Inkomen", "Jeugd en Onderwijs"
	werk, jeugd := &org.Departments[1], &org.Departments[2]
	done := report.Action{Dimension: dim, Text: "Eigenaar per registratie benoemen", Owner: "teamleider", Due: "2026-06-01", Status: "done",
		Evidence: "Besluit MT", Closed: time.Date(2026, 5, 20, 0, 0, 0, 0, time.UTC)}
	planned := report.Action{Dimension: dim, Text: "Datakwaliteit meten", Owner: "informatiemanager", Due: "2027-03-01", Status: "planned"}
	late := report.Action{Dimension: dim, Text: "Dashboard bouwen", Owner: "teamleider", Due: "2026-01-01", Status: "in_progress", Overdue: true}
	werk.Actions, werk.Agreed, werk.Earlier = []report.Action{done, planned}, []report.Action{planned}, []report.Action{done}
	jeugd.Actions = []report.Action{late}
	return org
}

// TestWriteOrganisation_Agreements: the register across the organisation:
// counts, who agreed nothing, and the done actions beside their
// dimension's change.
func TestWriteOrganisation_Agreements(t *testing.T) {
	org := agreed(t, "nl")
	pdf, html := writeOrg(t, org)
	text := flat(pdfText(t, pdf))
	for _, want := range []string{
		"In het register staan 3 afspraken: 2 open (waarvan 1 verlopen), 1 gereed, 0 vervallen. 1 van de 2 gemeten afdelingen maakte na haar laatste ronde geen afspraken.",
		"Deze 1 afdeling legde na haar laatste ronde niets vast.",
	} {
		if !strings.Contains(text, want) || !strings.Contains(html, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if !strings.Contains(html, "<dt>Cluster 00</dt><dd>Jeugd en Onderwijs</dd>") {
		t.Error("the HTML does not name Jeugd en Onderwijs as having agreed nothing")
	}
	// Werk's dimension change since its previous round, with direction.
	werk := org.Departments[1]
	var change *scoring.Change
	for _, d := range werk.Latest.Result.Dimensions {
		if d.ID == werk.Earlier[0].Dimension {
			change = d.Change
		}
	}
	if change == nil {
		t.Fatal("the test's department has no change on the action's dimension")
	}
	cell := regexp.MustCompile(`<th scope="row">Werk en Inkomen</th><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td>`).FindStringSubmatch(html)
	if cell == nil || !strings.HasSuffix(cell[1], ": Eigenaar per registratie benoemen") || cell[2] != "20 mei 2026" ||
		!regexp.MustCompile(`^[+−±]\d,\d \(±[<≤ ]*\d,\d\) (verbetering|achteruitgang|ongewijzigd)$`).MatchString(cell[3]) {
		t.Errorf("the done action's row is %q", cell)
	}
	counts := regexp.MustCompile(`<th scope="row">Jeugd en Onderwijs</th><td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">(\d+)</td>`).FindStringSubmatch(html)
	if counts == nil || strings.Join(counts[1:], " ") != "0 1 1 0 0" {
		t.Errorf("Jeugd's counts are %q, want after-latest 0, open 1, overdue 1, done 0, dropped 0", counts)
	}
}

// TestWriteOrganisation_NoActions: without any action the section says
// so in one sentence instead of listing every department.
func TestWriteOrganisation_NoActions(t *testing.T) {
	_, html := writeOrg(t, organisation(defaultQuestionnaire(t), 3, 3))
	if !strings.Contains(html, "Er zijn nog geen afspraken vastgelegd") || strings.Contains(html, `class="noncommittal"`) {
		t.Error("an empty register is not said in one sentence")
	}
}

// TestWriteOrganisationPDF_Title: without an organisation name the title
// has no dangling dash.
func TestWriteOrganisationPDF_Title(t *testing.T) {
	org := organisation(defaultQuestionnaire(t), 2, 3)
	for _, c := range []struct{ organisation, want string }{{"", "Datavolwassenheid van de organisatie"}, {"Gemeente X", "Datavolwassenheid van de organisatie — Gemeente X"}} {
		org.Organisation = c.organisation
		pdf, html := writeOrg(t, org)
		path := filepath.Join(t.TempDir(), "o.pdf")
		if err := os.WriteFile(path, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(tool(t, "pdfinfo"), path).Output()
		if err != nil {
			t.Fatal(err)
		}
		title := regexp.MustCompile(`(?m)^Title:\s+(.*)$`).FindStringSubmatch(string(out))
		if title == nil || title[1] != c.want || !strings.Contains(html, "<title>"+c.want+"</title>") {
			t.Errorf("organisation %q: title %q, want %q", c.organisation, title, c.want)
		}
	}
}

// TestWriteOrganisationPDF_ClusterHeadingsContinue: a cluster whose rows
// fill more than a page is named again, "(vervolg)", on the next page of
// the progress table and of the heatmap.
func TestWriteOrganisationPDF_ClusterHeadingsContinue(t *testing.T) {
	q := defaultQuestionnaire(t)
	org := organisation(q, 120, 3)
	for i := range org.Departments {
		if org.Departments[i].Depth == 0 {
			org.Departments[i].Name = "Sociaal Domein"
		}
		org.Departments[i].Parent = map[bool]string{true: "", false: "Sociaal Domein"}[org.Departments[i].Depth == 0]
	}
	// One cluster of 120 departments: keep only the first cluster row.
	var ds []report.OrgDepartment
	for i, d := range org.Departments {
		if d.Depth > 0 || i == 0 {
			ds = append(ds, d)
		}
	}
	org.Departments = ds
	pdf, _ := writeOrg(t, org)
	pages := strings.Split(pdfText(t, pdf), "\f")
	heat, progress := 0, 0
	for _, p := range pages {
		switch {
		case strings.Contains(p, "Sociaal Domein (vervolg)") && strings.Contains(p, "Beschrijvend") && !strings.Contains(p, "Vorige ronde"):
			heat++
		case strings.Contains(p, "Sociaal Domein (vervolg)") && strings.Contains(p, "Vorige ronde"):
			progress++
		}
	}
	// 120 rows of 5 mm are three heatmap pages; 60 rows of progress two.
	if heat != 2 || progress != 1 {
		t.Errorf("continued cluster headings: %d heatmap pages, %d progress pages; want 2 and 1", heat, progress)
	}
}

// TestWriteOrganisationPDF_300Conclusions: at 300 departments the second
// page is still the conclusions leadership needs.
func TestWriteOrganisationPDF_300Conclusions(t *testing.T) {
	pdf, _ := writeOrg(t, organisation(defaultQuestionnaire(t), 300, 3))
	page := flat(pageText(t, pdf, 2))
	for _, want := range []string{"Conclusies voor de organisatie", "over alle 300 gemeten afdelingen", "Wat eerst, over de hele organisatie",
		"Zwakste dimensies over alle afdelingen:", "De trend van de organisatie", "Van de 150 afdelingen met een eerdere ronde"} {
		if !strings.Contains(page, want) {
			t.Errorf("page 2 lacks %q:\n%s", want, page)
		}
	}
	if cover := flat(pageText(t, pdf, 1)); !strings.Contains(cover, "300 afdelingen in 30 clusters, waarvan 300 gemeten") {
		t.Errorf("the cover says %q", cover)
	}
}

// TestWriteOrganisation_Golden compares the organisation report's text
// (PDF, nl) and its HTML (en) with the golden files; -update rewrites them.
func TestWriteOrganisation_Golden(t *testing.T) {
	for _, c := range []struct {
		lang, file string
		html       bool
	}{{"nl", "organisation.nl.txt", false}, {"en", "organisation.en.html", true}} {
		pdf, html := writeOrg(t, agreed(t, c.lang))
		got := html
		if !c.html {
			got = pdfText(t, pdf)
		}
		path := filepath.Join("testdata", c.file)
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
			t.Errorf("%s differs from the golden file (go test -run TestWriteOrganisation_Golden -update, and read the diff)", c.file)
		}
	}
}
