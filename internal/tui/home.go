package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/maturity-nl/maturity/internal/scoring"
)

// DepartmentInfo is a department as the home screen lists it.
type DepartmentInfo struct {
	Name string
	// Latest is the label of the department's latest round, "" for none;
	// Open says whether that round still collects answers.
	Latest string
	Open   bool
}

// Unfinished is a respondent of an open round who has not answered every
// question yet.
type Unfinished struct {
	Department, Round, Respondent string
	Answered, Questions           int
}

// QuestionnaireChoice is a questionnaire the home screen offers.
type QuestionnaireChoice struct {
	ID    string
	Title string
}

// Home is what the home screen needs of the outside world.
type Home interface {
	Departments() ([]DepartmentInfo, error)
	Unfinished() ([]Unfinished, error)
	// Questionnaires lists the questionnaires to answer, the default first.
	Questionnaires() []QuestionnaireChoice
	// Open starts or resumes answering for the department as respondent on
	// the questionnaire (an id from Questionnaires); an unknown department
	// is added.
	Open(department, respondent, questionnaire, lang string) (Session, error)
	// Past scores the department's latest round.
	Past(department, lang string) (Session, scoring.Result, error)
	// DefaultAlias is the pseudonym offered when none is typed.
	DefaultAlias() string
}

// page is what the home program shows.
type page int

const (
	pageMenu page = iota
	pagePick
	pageAlias
	pageQuestionnaire
	pageUnfinished
	pageAssess
	pagePast
)

// menu entries, in order.
const (
	itemStart = iota
	itemResume
	itemResults
	itemLanguage
	itemQuit
	itemCount
)

// App is the home screen: start or resume answering, see the results of a
// department, switch language. It hosts the answering model.
type App struct {
	home   Home
	styles Styles
	lang   string
	page   page
	cursor int
	width  int
	height int
	err    error

	// pickResults says whether the department picker leads to results
	// (else to answering).
	pickResults bool
	filter      textinput.Model
	alias       textinput.Model
	depts       []DepartmentInfo
	choice      string // the department chosen
	respondent  string // the pseudonym chosen
	unfinished  []Unfinished
	choices     []QuestionnaireChoice

	assess Model
	past   viewport.Model
}

var _ tea.Model = App{}

// NewApp makes the home screen in lang.
func NewApp(home Home, lang string, styles Styles) App {
	a := App{home: home, styles: styles, lang: lang, filter: textinput.New(), alias: textinput.New(), past: viewport.New(80, 22), width: 80, height: 24}
	a.filter.Prompt = "› "
	a.alias.Prompt = "› "
	a.alias.CharLimit = 40
	return a
}

// Init implements tea.Model.
func (a App) Init() tea.Cmd { return nil }

// Page names what is on screen, for tests.
func (a App) Page() string {
	return [...]string{"menu", "pick", "alias", "questionnaire", "unfinished", "assess", "past"}[a.page]
}

// DoneMsg tells the home screen that the answering model is done.
type DoneMsg struct{}

func (a App) t() texts { return textsFor(a.lang) }

// Update implements tea.Model.
func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if size, ok := msg.(tea.WindowSizeMsg); ok {
		a.width, a.height = size.Width, size.Height
		a.past.Width, a.past.Height = size.Width, max(1, size.Height-2)
		if a.page == pageAssess {
			m, cmd := a.assess.Update(msg)
			a.assess = m.(Model)
			return a, cmd
		}
		return a, nil
	}
	if _, ok := msg.(DoneMsg); ok {
		a.page, a.err, a.cursor = pageMenu, nil, itemStart
		return a, nil
	}
	if a.page == pageAssess {
		m, cmd := a.assess.Update(msg)
		a.assess = m.(Model)
		return a, cmd
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return a, nil
	}
	if k.String() == "ctrl+c" {
		return a, tea.Quit
	}
	switch a.page {
	case pageMenu:
		return a.updateMenu(k)
	case pagePick:
		return a.updatePick(k)
	case pageAlias:
		return a.updateAlias(k)
	case pageQuestionnaire:
		return a.updateQuestionnaire(k)
	case pageUnfinished:
		return a.updateUnfinished(k)
	case pagePast:
		if k.String() == "esc" || k.String() == "q" {
			a.page = pageMenu
			return a, nil
		}
		var cmd tea.Cmd
		a.past, cmd = a.past.Update(k)
		return a, cmd
	}
	return a, nil
}

func (a App) updateMenu(k tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch k.String() {
	case "up", "k":
		a.cursor = cycle(a.cursor, -1, itemCount)
	case "down", "j":
		a.cursor = cycle(a.cursor, 1, itemCount)
	case "q":
		return a, tea.Quit
	case "enter":
		a.err = nil
		switch a.cursor {
		case itemStart, itemResults:
			depts, err := a.home.Departments()
			if err != nil {
				a.err = err
				return a, nil
			}
			a.depts, a.pickResults, a.page = depts, a.cursor == itemResults, pagePick
			a.filter.SetValue("")
			a.cursor = 0
			return a, a.filter.Focus()
		case itemResume:
			list, err := a.home.Unfinished()
			if err != nil {
				a.err = err
				return a, nil
			}
			a.unfinished, a.page, a.cursor = list, pageUnfinished, 0
		case itemLanguage:
			if a.lang == "nl" {
				a.lang = "en"
			} else {
				a.lang = "nl"
			}
		case itemQuit:
			return a, tea.Quit
		}
	}
	return a, nil
}

// matches lists the departments the filter selects, and whether the typed
// name is new (so it can be added).
func (a App) matches() ([]string, bool) {
	f := strings.ToLower(strings.TrimSpace(a.filter.Value()))
	var out []string
	exact := false
	for _, d := range a.depts {
		if a.pickResults && d.Latest == "" {
			continue
		}
		if strings.Contains(strings.ToLower(d.Name), f) {
			out = append(out, d.Name)
		}
		exact = exact || strings.EqualFold(d.Name, f)
	}
	return out, f != "" && !exact && !a.pickResults
}

func (a App) updatePick(k tea.KeyMsg) (tea.Model, tea.Cmd) {
	names, canAdd := a.matches()
	n := len(names)
	if canAdd {
		n++
	}
	switch k.String() {
	case "esc":
		a.page, a.cursor = pageMenu, 0
		return a, nil
	case "up":
		a.cursor = cycle(a.cursor, -1, n)
		return a, nil
	case "down":
		a.cursor = cycle(a.cursor, 1, n)
		return a, nil
	case "enter":
		if n == 0 {
			return a, nil
		}
		a.cursor = min(a.cursor, n-1)
		if a.cursor < len(names) {
			a.choice = names[a.cursor]
		} else {
			a.choice = strings.TrimSpace(a.filter.Value())
		}
		if a.pickResults {
			return a.showPast(a.choice)
		}
		a.page = pageAlias
		a.alias.SetValue(a.home.DefaultAlias())
		a.alias.CursorEnd()
		return a, a.alias.Focus()
	}
	var cmd tea.Cmd
	a.filter, cmd = a.filter.Update(k)
	a.cursor = 0
	return a, cmd
}

func (a App) updateAlias(k tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch k.String() {
	case "esc":
		a.page = pagePick
		return a, a.filter.Focus()
	case "enter":
		a.respondent = strings.TrimSpace(a.alias.Value())
		if a.respondent == "" {
			a.respondent = a.home.DefaultAlias()
		}
		a.choices = a.home.Questionnaires()
		if len(a.choices) > 1 {
			a.page, a.cursor = pageQuestionnaire, 0
			return a, nil
		}
		return a.startAssess(a.choice, a.respondent, "")
	}
	var cmd tea.Cmd
	a.alias, cmd = a.alias.Update(k)
	return a, cmd
}

func (a App) updateQuestionnaire(k tea.KeyMsg) (tea.Model, tea.Cmd) {
	n := len(a.choices)
	switch k.String() {
	case "esc":
		a.page = pageAlias
		return a, a.alias.Focus()
	case "up", "k":
		a.cursor = cycle(a.cursor, -1, n)
	case "down", "j":
		a.cursor = cycle(a.cursor, 1, n)
	case "enter":
		return a.startAssess(a.choice, a.respondent, a.choices[a.cursor].ID)
	}
	return a, nil
}

func (a App) updateUnfinished(k tea.KeyMsg) (tea.Model, tea.Cmd) {
	n := len(a.unfinished)
	switch k.String() {
	case "esc", "q":
		a.page, a.cursor = pageMenu, itemResume
	case "up", "k":
		a.cursor = cycle(a.cursor, -1, n)
	case "down", "j":
		a.cursor = cycle(a.cursor, 1, n)
	case "enter":
		if n > 0 {
			u := a.unfinished[a.cursor]
			return a.startAssess(u.Department, u.Respondent, "")
		}
	}
	return a, nil
}

// startAssess opens the answering model inside the home screen; an empty
// questionnaire means the default (or, for an open round, its own).
func (a App) startAssess(department, alias, questionnaire string) (tea.Model, tea.Cmd) {
	s, err := a.home.Open(department, alias, questionnaire, a.lang)
	if err != nil {
		a.err, a.page, a.cursor = err, pageMenu, itemStart
		return a, nil
	}
	m := New(s, DefaultKeyMap(s.Lang), a.styles)
	m.embedded = true
	next, _ := m.Update(tea.WindowSizeMsg{Width: a.width, Height: a.height})
	a.assess, a.page = next.(Model), pageAssess
	return a, nil
}

func (a App) showPast(department string) (tea.Model, tea.Cmd) {
	s, r, err := a.home.Past(department, a.lang)
	if err != nil {
		a.err, a.page = err, pageMenu
		return a, nil
	}
	a.past.SetContent(renderResult(r, s, a.styles, textsFor(s.Lang), a.width))
	a.past.GotoTop()
	a.page = pagePast
	return a, nil
}

// View implements tea.Model.
func (a App) View() string {
	t := a.t()
	if a.width < MinWidth || a.height < MinHeight {
		return wrapText(fmt.Sprintf(t["too small"], MinWidth, MinHeight, a.width, a.height), max(a.width, 10))
	}
	switch a.page {
	case pageAssess:
		return a.assess.View()
	case pagePast:
		return a.past.View() + "\n" + a.styles.Muted.Render(t["past keys"])
	}
	lines := []string{a.styles.Title.Render(t["home title"]), ""}
	switch a.page {
	case pageMenu:
		items := []string{t["home start"], t["home resume"], t["home results"], t["home language"], t["home quit"]}
		for i, it := range items {
			lines = append(lines, a.item(i == a.cursor, it))
		}
		lines = append(lines, "", a.styles.Muted.Render(t["home keys"]))
	case pagePick:
		head := t["pick start"]
		if a.pickResults {
			head = t["pick results"]
		}
		lines = append(lines, head, a.filter.View(), "")
		names, canAdd := a.matches()
		room := a.height - len(lines) - 3
		for i, n := range names {
			if i >= room {
				lines = append(lines, a.styles.Muted.Render(fmt.Sprintf("  … +%d", len(names)-i)))
				break
			}
			lines = append(lines, a.item(i == a.cursor, n))
		}
		if canAdd {
			lines = append(lines, a.item(a.cursor == len(names), fmt.Sprintf(t["pick add"], strings.TrimSpace(a.filter.Value()))))
		}
		if len(names) == 0 && !canAdd {
			lines = append(lines, a.styles.Muted.Render(t["pick none"]))
		}
		lines = append(lines, "", a.styles.Muted.Render(t["pick keys"]))
	case pageAlias:
		lines = append(lines, wrapText(fmt.Sprintf(t["alias"], a.choice), min(a.width, readableWidth)), a.alias.View(), "",
			a.styles.Muted.Render(wrapText(t["alias help"], min(a.width, readableWidth))), "", a.styles.Muted.Render(t["alias keys"]))
	case pageQuestionnaire:
		lines = append(lines, a.t()["pick questionnaire"], "")
		for i, c := range a.choices {
			lines = append(lines, a.item(i == a.cursor, fmt.Sprintf("%s  (%s)", c.Title, c.ID)))
		}
		lines = append(lines, "", a.styles.Muted.Render(t["pick keys"]))
	case pageUnfinished:
		if len(a.unfinished) == 0 {
			lines = append(lines, t["none unfinished"])
		}
		var items []string
		for i, u := range a.unfinished {
			items = append(items, a.item(i == a.cursor, fmt.Sprintf("%s · %s %s · %s  %d/%d", u.Department, t["round"], u.Round, u.Respondent, u.Answered, u.Questions)))
		}
		// The highlighted one stays in view on a short screen.
		shown, _ := window(items, 0, a.height-len(lines)-2, a.cursor, a.cursor, t, a.styles)
		lines = append(append(lines, shown...), "", a.styles.Muted.Render(t["pick keys"]))
	}
	if a.err != nil {
		lines = append(lines, "", a.styles.Error.Render(wrapText(a.err.Error(), a.width)))
	}
	return strings.Join(clip(strings.Split(strings.Join(lines, "\n"), "\n"), a.width, a.height), "\n")
}

// item is one line of a list; the text is shown as Printable makes it,
// since it may hold a name from the database.
func (a App) item(selected bool, text string) string {
	text = Printable(text)
	if selected {
		return a.styles.Cursor.Render("› " + text)
	}
	return "  " + text
}
