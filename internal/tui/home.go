package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
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
	Register
	Reports
	Departments() ([]DepartmentInfo, error)
	Unfinished() ([]Unfinished, error)
	// Questionnaires lists the questionnaires to answer, the default first.
	Questionnaires() []QuestionnaireChoice
	// Open starts or resumes answering for the department as respondent on
	// the questionnaire (an id from Questionnaires); an unknown department
	// is added.
	Open(department, respondent, questionnaire, lang string) (Session, error)
	// Past scores every round of the department, oldest first, each
	// compared with the round before it on the same questionnaire.
	Past(department string) ([]PastRound, error)
	// WorkshopCommands are the command lines that run a workshop for the
	// department: at one keyboard, and over SSH.
	WorkshopCommands(department string) []string
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
	pageActions
	pageWorkshop
)

// pick is what the department picker leads to.
type pick int

const (
	pickStart pick = iota
	pickResults
	pickReport
	pickActions
	pickWorkshop
)

// menu entries, in order.
const (
	itemStart = iota
	itemResume
	itemResults
	itemReport
	itemActions
	itemWorkshop
	itemLanguage
	itemQuit
	itemCount
)

// App is the home screen: start or resume answering, see the results of
// any department and write its report, follow its actions, see how to run
// a workshop, switch language. It hosts the answering model and, after the
// last answer, shows the round's results.
type App struct {
	home   Home
	styles Styles
	lang   string
	page   page
	cursor int
	width  int
	height int
	err    error

	// pick is what the department picker leads to.
	pick       pick
	filter     textinput.Model
	alias      textinput.Model
	depts      []DepartmentInfo
	choice     string // the department chosen
	respondent string // the pseudonym chosen
	unfinished []Unfinished
	choices    []QuestionnaireChoice

	assess  Model
	results resultsPage
	actions actionsPage
	// names are the dimension names the actions screen shows.
	names dimensionName
	// workshop are the command lines the workshop page shows.
	workshop []string
	// direct: the app was opened on one round's questions (maturity
	// assess); leaving them, or their results, ends the program.
	direct bool
	// fromResults: the actions screen returns to the results.
	fromResults bool
}

var _ tea.Model = App{}

// NewApp makes the home screen in lang.
func NewApp(home Home, lang string, styles Styles) App {
	a := App{home: home, styles: styles, lang: lang, filter: textinput.New(), alias: textinput.New(), width: 80, height: 24}
	a.filter.Prompt = "› "
	a.alias.Prompt = "› "
	a.alias.CharLimit = 40
	return a
}

// NewAssessApp opens the app on one respondent's questions, as maturity
// assess does: after the last answer it shows the round's results, with
// everything the results screen offers; leaving ends the program.
// actions are the department's actions, of which it shows the open ones
// agreed before this round first.
func NewAssessApp(home Home, s Session, actions []Action, styles Styles) App {
	a := NewApp(home, s.Lang, styles)
	a.direct, a.choice = true, s.Department
	a.assess, a.page = a.newAssess(s, actions), pageAssess
	return a
}

// Init implements tea.Model.
func (a App) Init() tea.Cmd {
	if a.page == pageAssess {
		return a.assess.Init()
	}
	return nil
}

// Page names what is on screen, for tests.
func (a App) Page() string {
	return [...]string{"menu", "pick", "alias", "questionnaire", "unfinished", "assess", "results", "actions", "workshop"}[a.page]
}

// Assess is the answering model last shown: what it saved, and its error.
func (a App) Assess() Model { return a.assess }

// Lang is the language the home screen was left in, so that the next start
// can open in it.
func (a App) Lang() string { return a.lang }

// tooSmall says whether the window is below the smallest the screens are
// drawn in.
func (a App) tooSmall() bool { return a.width < MinWidth || a.height < MinHeight }

// DoneMsg tells the home screen that the answering model is done.
type DoneMsg struct{}

func (a App) t() texts { return textsFor(a.lang) }

// Update implements tea.Model.
func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if size, ok := msg.(tea.WindowSizeMsg); ok {
		a.width, a.height = size.Width, size.Height
		if a.page == pageAssess {
			m, cmd := a.assess.Update(msg)
			a.assess = m.(Model)
			return a, cmd
		}
		if a.page == pagePast {
			p := a.results
			a.results = p.scrolled(0, false, p.lang, a.styles, textsFor(p.lang), a.width, a.height)
		}
		return a, nil
	}
	if _, ok := msg.(DoneMsg); ok {
		if a.direct {
			return a, tea.Quit
		}
		a.page, a.err, a.cursor = pageMenu, nil, itemStart
		return a, nil
	}
	if done, ok := msg.(reportDoneMsg); ok {
		a.results = a.results.reported(done, textsFor(a.results.lang))
		return a, nil
	}
	if a.page == pageAssess {
		m, cmd := a.assess.Update(msg)
		a.assess = m.(Model)
		// After the last answer, once it is saved: the round's results.
		if a.assess.Screen() == "results" && !a.assess.Busy() && !a.assess.quitting {
			return a.showPast(a.assess.s.Department, a.assess.s.Round)
		}
		return a, cmd
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return a, nil
	}
	if k.String() == "ctrl+c" {
		return a, tea.Quit
	}
	// Behind the window-too-small screen no key acts but leaving.
	if a.tooSmall() {
		if k.String() == "q" {
			return a, tea.Quit
		}
		return a, nil
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
		p, leave, cmd := a.results.update(k, a.home, a.styles, a.width, a.height)
		a.results = p
		switch leave {
		case leaveResults:
			if a.direct {
				return a, tea.Quit
			}
			a.page = pageMenu
		case openActions:
			return a.showActions(p.round().Department, true)
		}
		return a, cmd
	case pageActions:
		p, back, cmd := a.actions.update(k, a.home, a.t())
		a.actions = p
		if back {
			if a.fromResults {
				a.page = pagePast
			} else {
				a.page = pageMenu
			}
		}
		return a, cmd
	case pageWorkshop:
		if k.String() == "esc" || k.String() == "q" || k.String() == "enter" {
			a.page, a.cursor = pageMenu, itemWorkshop
		}
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
		case itemStart, itemResults, itemReport, itemActions, itemWorkshop:
			depts, err := a.home.Departments()
			if err != nil {
				a.err = err
				return a, nil
			}
			a.pick = map[int]pick{itemStart: pickStart, itemResults: pickResults, itemReport: pickReport, itemActions: pickActions, itemWorkshop: pickWorkshop}[a.cursor]
			a.depts, a.page = depts, pagePick
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
	// Results, reports and actions need a round; answering and a
	// workshop may start a department.
	needRound := a.pick == pickResults || a.pick == pickReport || a.pick == pickActions
	for _, d := range a.depts {
		if needRound && d.Latest == "" {
			continue
		}
		if strings.Contains(strings.ToLower(d.Name), f) {
			out = append(out, d.Name)
		}
		exact = exact || strings.EqualFold(d.Name, f)
	}
	return out, f != "" && !exact && !needRound
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
		switch a.pick {
		case pickResults:
			return a.showPast(a.choice, "")
		case pickReport:
			// The results, asking at once where the PDF goes.
			next, cmd := a.showPast(a.choice, "")
			if app := next.(App); app.page == pagePast {
				return app.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("r")})
			}
			return next, cmd
		case pickActions:
			return a.showActions(a.choice, false)
		case pickWorkshop:
			a.workshop, a.page = a.home.WorkshopCommands(a.choice), pageWorkshop
			return a, nil
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
	actions, err := a.home.Actions(s.Department)
	if err != nil {
		a.err, a.page, a.cursor = err, pageMenu, itemStart
		return a, nil
	}
	a.assess, a.page = a.newAssess(s, actions), pageAssess
	return a, a.assess.Init()
}

// newAssess makes the answering model inside the app, at the app's size.
func (a App) newAssess(s Session, actions []Action) Model {
	m := New(s, DefaultKeyMap(s.Lang), a.styles).withOpenActions(earlierOpen(actions, s.Round))
	m.embedded = true
	next, _ := m.Update(tea.WindowSizeMsg{Width: a.width, Height: a.height})
	return next.(Model)
}

// showPast opens the results screen of a department on round (its label),
// else on its latest round.
func (a App) showPast(department, round string) (tea.Model, tea.Cmd) {
	rounds, err := a.home.Past(department)
	if err == nil && len(rounds) == 0 {
		err = fmt.Errorf(a.t()["no rounds"], Printable(department))
	}
	if err != nil {
		a.err, a.page = err, pageMenu
		return a, nil
	}
	p := resultsPage{rounds: rounds, sel: len(rounds) - 1, last: a.direct}
	for i, r := range rounds {
		if r.Label == round {
			p.sel = i
		}
	}
	p.lang = a.lang
	if q := p.round().Questionnaire; !q.HasLanguage(p.lang) {
		p.lang = q.Languages[0]
	}
	a.results, a.page, a.err = p, pagePast, nil
	return a, nil
}

// showActions opens the actions screen of a department.
func (a App) showActions(department string, fromResults bool) (tea.Model, tea.Cmd) {
	list, err := a.home.Actions(department)
	if err != nil {
		a.err, a.page = err, pageMenu
		return a, nil
	}
	a.names = func(id string) string { return id }
	if rounds, err := a.home.Past(department); err == nil && len(rounds) > 0 {
		q, lang := rounds[len(rounds)-1].Questionnaire, a.lang
		a.names = func(id string) string {
			if d := q.Dimension(id); d != nil {
				return d.Name.In(lang)
			}
			return id
		}
	}
	a.actions, a.page, a.fromResults, a.err = actionsPage{department: department, list: list}, pageActions, fromResults, nil
	return a, nil
}

// View implements tea.Model.
func (a App) View() string {
	t := a.t()
	if a.page == pageAssess {
		return a.assess.View()
	}
	if a.tooSmall() {
		return tooSmallView(t, a.width, a.height)
	}
	switch a.page {
	case pagePast:
		return a.results.view(a.styles, a.width, a.height)
	case pageActions:
		return strings.Join(clip(a.actions.view(a.names, a.styles, t, a.width, a.height), a.width, a.height), "\n")
	}
	lines := []string{a.styles.Title.Render(t["home title"]), ""}
	switch a.page {
	case pageMenu:
		items := []string{t["home start"], t["home resume"], t["home results"], t["home report"], t["home actions"], t["home workshop"], t["home language"], t["home quit"]}
		for i, it := range items {
			lines = append(lines, a.item(i == a.cursor, it))
		}
		lines = append(lines, "", a.styles.Muted.Render(t["home keys"]))
	case pagePick:
		head := t["pick start"]
		switch a.pick {
		case pickResults, pickReport:
			head = t["pick results"]
		case pickActions:
			head = t["pick actions"]
		case pickWorkshop:
			head = t["pick workshop"]
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
		keys := t["pick keys"]
		if len(names) == 0 && !canAdd {
			lines = append(lines, a.styles.Muted.Render(t["pick none"]))
			keys = t["list back keys"]
		}
		lines = append(lines, "", a.styles.Muted.Render(keys))
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
		keys := t["pick keys"]
		if len(a.unfinished) == 0 {
			lines = append(lines, t["none unfinished"])
			keys = t["list back keys"]
		}
		var items []string
		for i, u := range a.unfinished {
			items = append(items, a.item(i == a.cursor, fmt.Sprintf("%s · %s %s · %s  %d/%d", u.Department, t["round"], u.Round, u.Respondent, u.Answered, u.Questions)))
		}
		// The highlighted one stays in view on a short screen.
		shown, _ := window(items, 0, a.height-len(lines)-2, a.cursor, a.cursor, t, a.styles)
		lines = append(append(lines, shown...), "", a.styles.Muted.Render(keys))
	case pageWorkshop:
		w := min(a.width, readableWidth)
		lines = append(lines, a.styles.Header.Render(fmt.Sprintf(t["workshop for"], Printable(a.choice))), "")
		lines = append(lines, hang("", t["workshop what"], w)...)
		for i, c := range a.workshop {
			lines = append(lines, "", a.styles.Muted.Render(t[fmt.Sprintf("workshop command %d", i+1)]))
			lines = append(lines, hang("  ", a.styles.Key.Render(Printable(c)), w)...)
		}
		lines = append(lines, "")
		lines = append(lines, hang("", t["workshop share"], w)...)
		lines = append(lines, "", a.styles.Muted.Render(t["list back keys"]))
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
