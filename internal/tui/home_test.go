package tui_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/tui"
)

// fakeHome serves the home screen from memory.
type fakeHome struct {
	t              *testing.T
	depts          []tui.DepartmentInfo
	opened         []string
	backend        *fakeBackend
	questionnaires []tui.QuestionnaireChoice
	actions        []tui.Action
	reports        []string
}

func (h *fakeHome) Departments() ([]tui.DepartmentInfo, error) { return h.depts, nil }

func (h *fakeHome) Unfinished() ([]tui.Unfinished, error) {
	return []tui.Unfinished{{Department: "Burgerzaken", Round: "2026-11", Respondent: "Das", Answered: 1, Questions: 4}}, nil
}

func (h *fakeHome) Questionnaires() []tui.QuestionnaireChoice { return h.questionnaires }

func (h *fakeHome) Open(department, respondent, questionnaire, lang string) (tui.Session, error) {
	if department == "Kapot" {
		return tui.Session{}, errors.New("the database is read-only")
	}
	h.opened = append(h.opened, department+"/"+respondent+"/"+lang+questionnaire)
	s, b := session(h.t, small, nil)
	s.Department, s.Respondent, s.Lang = department, respondent, lang
	h.backend = b
	return s, nil
}

func (h *fakeHome) Past(department string) ([]tui.PastRound, error) {
	s, b := session(h.t, small, nil)
	b.answers = map[string]scoring.Value{"a": 5, "b": 5, "c": 1, "d": 2}
	r, _ := b.Result()
	return []tui.PastRound{{ID: 1, Department: department, Label: "2026-11", Questionnaire: s.Questionnaire, Result: r}}, nil
}

func (h *fakeHome) WorkshopCommands(department string) []string {
	return []string{"maturity workshop local --department " + department, "maturity workshop serve --department " + department + " --listen 0.0.0.0:2222"}
}

func (h *fakeHome) ReportPath(r tui.PastRound, format string) string { return "rapport." + format }

func (h *fakeHome) WriteReport(r tui.PastRound, format, path, lang string) (string, error) {
	h.reports = append(h.reports, fmt.Sprintf("%d %s %s %s", r.ID, format, path, lang))
	return "/tmp/" + path, nil
}

func (h *fakeHome) Actions(department string) ([]tui.Action, error) {
	var out []tui.Action
	for _, a := range h.actions {
		if a.Department == department {
			out = append(out, a)
		}
	}
	return out, nil
}

func (h *fakeHome) AddAction(n tui.NewAction) (tui.Action, error) {
	if n.Due != "" && len(n.Due) != 10 {
		return tui.Action{}, errors.New("due date is not a date")
	}
	a := tui.Action{ID: int64(len(h.actions) + 1), Department: n.Department, Round: "2026-11", Dimension: n.Dimension, Question: n.Question,
		Text: n.Text, Owner: n.Owner, Due: n.Due, Status: tui.ActionPlanned}
	h.actions = append(h.actions, a)
	return a, nil
}

func (h *fakeHome) UpdateAction(id int64, e tui.ActionEdit) (tui.Action, error) {
	for i := range h.actions {
		a := &h.actions[i]
		if a.ID != id {
			continue
		}
		set := func(dst *string, v *string) {
			if v != nil {
				*dst = *v
			}
		}
		set(&a.Text, e.Text)
		set(&a.Owner, e.Owner)
		set(&a.Due, e.Due)
		set(&a.Evidence, e.Evidence)
		set(&a.Reason, e.Reason)
		if e.Status != nil {
			a.Status = *e.Status
		}
		return *a, nil
	}
	return tui.Action{}, errors.New("no such action")
}

func (h *fakeHome) DefaultAlias() string { return "anon-123456" }

func startHome(t *testing.T, h *fakeHome, lang string) *teatest.TestModel {
	return teatest.NewTestModel(t, tui.NewApp(h, lang, tui.DefaultStyles()), teatest.WithInitialTermSize(80, 24))
}

// TestApp_StartNewDepartment: type a new name, accept the offered pseudonym,
// answer, leave back to the menu.
func TestApp_StartNewDepartment(t *testing.T) {
	h := &fakeHome{t: t, depts: []tui.DepartmentInfo{{Name: "Burgerzaken", Latest: "2026-11", Open: true}, {Name: "Belastingen"}}}
	tm := startHome(t, h, "nl")
	waitFor(t, tm, "Meting starten of hervatten")
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "Voor welke afdeling?")
	tm.Type("Wijk")
	waitFor(t, tm, "+ nieuwe afdeling: Wijk")
	tm.Type("teams")
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "onder welke schuilnaam")
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "Question A?")
	tm.Type("2")
	tm.Type("q")
	waitFor(t, tm, "Verder met een onafgemaakte meting")
	tm.Type("q")
	app := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(tui.App)
	if app.Page() != "menu" || strings.Join(h.opened, ",") != "Wijkteams/anon-123456/nl" || h.backend.log() != "a=2" {
		t.Errorf("page %s, opened %v, saves %q", app.Page(), h.opened, h.backend.log())
	}
}

// TestApp_FilterPickAndAlias: typing filters the list; a chosen pseudonym
// is used; the language switch carries into the answering screens.
func TestApp_FilterPickAndAlias(t *testing.T) {
	h := &fakeHome{t: t, depts: []tui.DepartmentInfo{{Name: "Burgerzaken"}, {Name: "Belastingen"}, {Name: "Sociaal Domein"}}}
	tm := startHome(t, h, "nl")
	waitFor(t, tm, "Language: English")
	for range 6 {
		tm.Send(key(tea.KeyDown))
	}
	tm.Send(key(tea.KeyEnter)) // switch to English
	waitFor(t, tm, "Start or resume an assessment")
	for range 6 {
		tm.Send(key(tea.KeyUp))
	}
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "For which department?")
	tm.Type("en")
	waitFor(t, tm, "+ new department: en")
	tm.Send(key(tea.KeyDown)) // Burgerzaken and Belastingen contain "en": the second
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "Department Belastingen: under which pseudonym")
	for range "anon-123456" {
		tm.Send(key(tea.KeyBackspace))
	}
	tm.Type("Reiger")
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "Question A?")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	waitFor(t, tm, "Continue an unfinished assessment")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if strings.Join(h.opened, ",") != "Belastingen/Reiger/en" {
		t.Errorf("opened %v", h.opened)
	}
}

func TestApp_ResumeAndResults(t *testing.T) {
	h := &fakeHome{t: t, depts: []tui.DepartmentInfo{{Name: "Burgerzaken", Latest: "2026-11"}, {Name: "Nieuw"}}}
	tm := startHome(t, h, "en")
	waitFor(t, tm, "Continue an unfinished assessment")
	tm.Send(key(tea.KeyDown))
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "Burgerzaken · round 2026-11 · Das  1/4")
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "Question A?")
	tm.Type("q")
	waitFor(t, tm, "View results")
	tm.Send(key(tea.KeyDown))
	tm.Send(key(tea.KeyDown))
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "Of which department?")
	// Only departments with a round can show results.
	tm.Type("Nieuw")
	waitFor(t, tm, "No department found.")
	for range "Nieuw" {
		tm.Send(key(tea.KeyBackspace))
	}
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "Maturity: level 3 Systematic")
	tm.Send(key(tea.KeyEsc))
	waitFor(t, tm, "Start or resume")
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if strings.Join(h.opened, ",") != "Burgerzaken/Das/en" {
		t.Errorf("opened %v", h.opened)
	}
}

// TestApp_ChooseQuestionnaire: with more than one questionnaire the start
// flow asks which one.
func TestApp_ChooseQuestionnaire(t *testing.T) {
	h := &fakeHome{t: t, depts: []tui.DepartmentInfo{{Name: "Burgerzaken"}},
		questionnaires: []tui.QuestionnaireChoice{{ID: "gemeente-datagedreven", Title: "Datagedreven werken"}, {ID: "eigen", Title: "Onze eigen meting"}}}
	tm := startHome(t, h, "nl")
	waitFor(t, tm, "Meting starten")
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "Burgerzaken")
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "schuilnaam")
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "Met welke vragenlijst?")
	tm.Send(key(tea.KeyDown))
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "Question A?")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	waitFor(t, tm, "Meting starten")
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if strings.Join(h.opened, ",") != "Burgerzaken/anon-123456/nleigen" {
		t.Errorf("opened %v", h.opened)
	}
}

func TestApp_OpenErrorShows(t *testing.T) {
	h := &fakeHome{t: t, depts: []tui.DepartmentInfo{{Name: "Kapot"}}}
	tm := startHome(t, h, "en")
	waitFor(t, tm, "Start or resume")
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "Kapot")
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "under which pseudonym")
	tm.Send(key(tea.KeyEnter))
	waitFor(t, tm, "the database is read-only")
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
