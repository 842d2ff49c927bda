package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/report"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
)

// isTerminal reports whether r is a terminal the full-screen interface can use.
func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// runHome shows the home screen: start or resume answering, see results,
// choose the language.
func runHome(ctx context.Context, e env, opts *globalOptions) error {
	st, q, lang, err := openInteractive(ctx, e, opts)
	if err != nil {
		return err
	}
	defer st.Close()
	h := &storeHome{ctx: ctx, e: e, opts: opts, st: st, q: q}
	p := tea.NewProgram(tui.NewApp(h, lang, tui.DefaultStyles()), tea.WithAltScreen(), tea.WithInput(e.stdin), tea.WithOutput(e.stdout), tea.WithContext(ctx))
	final, err := p.Run()
	if app, ok := final.(tui.App); ok && app.Lang() != lang {
		lang = app.Lang()
		rememberLang(e, opts, lang)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s %s\n", labelsFor(lang)["saved to"], st.Path())
	return nil
}

// storeHome answers the home screen's questions from the store.
type storeHome struct {
	ctx  context.Context
	e    env
	opts *globalOptions
	st   *store.Store
	q    *questionnaire.Questionnaire // the default: --questionnaire or the embedded one
}

var _ tui.Home = (*storeHome)(nil)

func (h *storeHome) Departments() ([]tui.DepartmentInfo, error) {
	depts, err := h.st.Departments(h.ctx)
	if err != nil {
		return nil, err
	}
	var out []tui.DepartmentInfo
	for _, d := range depts {
		info := tui.DepartmentInfo{Name: d.Name}
		a, err := h.st.LatestAssessment(h.ctx, d.Name)
		switch {
		case err == nil:
			info.Latest, info.Open = a.Round, a.Open()
		case store.ErrorCode(err) != store.ENOTFOUND:
			return nil, err
		}
		out = append(out, info)
	}
	return out, nil
}

func (h *storeHome) Unfinished() ([]tui.Unfinished, error) {
	mine, err := ownFilter(h.e.getenv, labelsFor(h.opts.userLang()), h.opts.allRespondents)
	if err != nil {
		return nil, err
	}
	all, err := h.st.Assessments(h.ctx, "")
	if err != nil {
		return nil, err
	}
	var out []tui.Unfinished
	for _, a := range all {
		if !a.Open() {
			continue
		}
		data, err := h.st.LoadAssessment(h.ctx, a.ID)
		if err != nil {
			return nil, err
		}
		count := map[string]int{}
		for _, x := range data.Answers {
			count[x.Respondent]++
		}
		respondents, err := h.st.Respondents(h.ctx, a.ID)
		if err != nil {
			return nil, err
		}
		for _, r := range respondents {
			if count[r.Alias] < a.Questionnaire.Questions && mine(r.Alias) {
				out = append(out, tui.Unfinished{Department: a.Department, Round: a.Round, Respondent: r.Alias, Answered: count[r.Alias], Questions: a.Questionnaire.Questions})
			}
		}
	}
	return out, nil
}

func (h *storeHome) Questionnaires() []tui.QuestionnaireChoice {
	out := []tui.QuestionnaireChoice{{ID: h.q.ID, Title: h.q.Title.In(h.q.Languages[0])}}
	entries, err := catalog(h.e)
	if err != nil {
		return out
	}
	for _, en := range entries {
		if en.q != nil && en.q.ID != h.q.ID && !slices.ContainsFunc(out, func(c tui.QuestionnaireChoice) bool { return c.ID == en.q.ID }) {
			out = append(out, tui.QuestionnaireChoice{ID: en.q.ID, Title: en.q.Title.In(en.q.Languages[0])})
		}
	}
	return out
}

func (h *storeHome) Open(department, respondent, questionnaireID, lang string) (tui.Session, error) {
	d, err := h.st.Department(h.ctx, department)
	if store.ErrorCode(err) == store.ENOTFOUND {
		d, err = h.st.CreateDepartment(h.ctx, department, "")
	}
	if err != nil {
		return tui.Session{}, err
	}
	q := h.q
	switch {
	case questionnaireID != "":
		if q, err = resolveQuestionnaire(h.e, h.opts, questionnaireID); err != nil {
			return tui.Session{}, err
		}
	default:
		if q, err = roundQuestionnaire(h.ctx, h.st, d.Name, q); err != nil {
			return tui.Session{}, err
		}
	}
	s, _, err := openSession(h.ctx, h.e, h.opts, h.st, q, langFor(lang, q), d.Name, respondent)
	return s, err
}

func (h *storeHome) Past(department string) ([]tui.PastRound, error) {
	all, err := h.st.Assessments(h.ctx, department)
	if err != nil {
		return nil, err
	}
	// One scorer for every round: they share a questionnaire file.
	sc := newScorer(h.st)
	var out []tui.PastRound
	for _, a := range all {
		s, err := sc.compared(h.ctx, a.ID)
		if err != nil {
			return nil, err
		}
		r := s.result
		if a.Mode == store.ModeWorkshop && a.Open() && (a.Phase == store.PhaseAnswering || a.Phase == store.PhaseRevote) {
			// While a workshop votes nobody sees a figure derived from
			// the answers: the round shows as one without a score yet.
			r = scoring.Result{Respondents: r.Respondents}
		}
		out = append(out, tui.PastRound{ID: a.ID, Department: a.Department, Label: a.Round, Open: a.Open(), Questionnaire: s.q, Result: r})
	}
	return out, nil
}

func (h *storeHome) WorkshopCommands(department string) []string {
	prefix := "maturity"
	if h.opts.db != "" {
		prefix += " --db " + shellWord(h.opts.db)
	}
	d := shellWord(department)
	return []string{
		prefix + " workshop local --department " + d,
		prefix + " workshop serve --department " + d + " --listen 0.0.0.0:2222",
	}
}

// shellWord quotes s for a POSIX shell where it needs quotes.
func shellWord(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '-' || r == '_' || r == '.' || r == '/' || r == ':' || unicode.IsLetter(r) || unicode.IsDigit(r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// ReportPath is a file in the current folder named for the round.
func (h *storeHome) ReportPath(r tui.PastRound, format string) string {
	return fmt.Sprintf("rapport-%s-%s.%s", fileName(r.Department), fileName(r.Label), format)
}

// WriteReport writes the round's report as the report command does, with
// the house style, and returns the full path.
func (h *storeHome) WriteReport(r tui.PastRound, format, path, lang string) (string, error) {
	if err := notTheDatabase(h.e, h.opts, path); err != nil {
		return "", err
	}
	in, err := departmentReport(h.ctx, h.st, h.opts, "", r.ID)
	if err != nil {
		return "", err
	}
	in.Lang = langFor(lang, in.Questionnaire)
	in.Style = report.DefaultStyle()
	in.Organisation = in.Style.Organisation
	write := report.WritePDFContext
	if format == "html" {
		write = report.WriteHTMLContext
	}
	var buf bytes.Buffer
	if err := write(h.ctx, &buf, in); err != nil {
		return "", err
	}
	if err := writeFileAtomic(path, buf.Bytes()); err != nil {
		return "", err
	}
	if abs, err := filepath.Abs(path); err == nil {
		return abs, nil
	}
	return path, nil
}

func (h *storeHome) Actions(department string) ([]tui.Action, error) {
	return departmentActions(h.ctx, h.st, department)
}

func (h *storeHome) AddAction(n tui.NewAction) (tui.Action, error) {
	a, err := h.st.AddAction(h.ctx, store.NewAction{Department: n.Department, AssessmentID: n.Assessment, Dimension: n.Dimension,
		Question: n.Question, Text: n.Text, Owner: n.Owner, Due: n.Due})
	if err != nil {
		return tui.Action{}, err
	}
	return screenAction(a, h.st.Now()), nil
}

func (h *storeHome) UpdateAction(id int64, e tui.ActionEdit) (tui.Action, error) {
	u := store.ActionUpdate{Text: e.Text, Owner: e.Owner, Due: e.Due, Evidence: e.Evidence, Reason: e.Reason}
	if e.Status != nil {
		status := store.ActionStatus(*e.Status)
		u.Status = &status
	}
	a, err := h.st.UpdateAction(h.ctx, id, u)
	if err != nil {
		return tui.Action{}, err
	}
	return screenAction(a, h.st.Now()), nil
}

// departmentActions are a department's actions as the screens show them,
// overdue as of the store's clock.
func departmentActions(ctx context.Context, st *store.Store, department string) ([]tui.Action, error) {
	all, err := st.Actions(ctx, store.ActionFilter{Department: department})
	if store.ErrorCode(err) == store.ENOTFOUND {
		return nil, nil // a department not added yet has agreed nothing
	}
	if err != nil {
		return nil, err
	}
	now := st.Now()
	out := make([]tui.Action, 0, len(all))
	for _, a := range all {
		out = append(out, screenAction(a, now))
	}
	return out, nil
}

// screenAction is a stored action as the screens show it.
func screenAction(a store.Action, now time.Time) tui.Action {
	return tui.Action{ID: a.ID, Department: a.Department, Round: a.Round, Dimension: a.Dimension, Question: a.Question, Text: a.Text,
		Owner: a.Owner, Due: a.Due, Status: tui.ActionStatus(a.Status), Overdue: a.Overdue(now), Evidence: a.Evidence, Reason: a.Reason}
}

// DefaultAlias is this user's own random pseudonym. When it cannot be read
// or kept the field starts empty, and answering without a name says why.
func (h *storeHome) DefaultAlias() string {
	alias, _ := defaultAlias(h.e.getenv, labelsFor(h.opts.userLang()))
	return alias
}
