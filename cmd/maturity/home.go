package main

import (
	"context"
	"fmt"
	"os"
	"slices"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"
	"github.com/maturity-nl/maturity/internal/questionnaire"
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
	if _, err := p.Run(); err != nil {
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
			if count[r.Alias] < a.Questionnaire.Questions {
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

func (h *storeHome) Past(department, lang string) (tui.Session, scoring.Result, error) {
	a, err := h.st.LatestAssessment(h.ctx, department)
	if err != nil {
		return tui.Session{}, scoring.Result{}, err
	}
	s, err := scoreAssessment(h.ctx, h.st, a.ID)
	if err != nil {
		return tui.Session{}, scoring.Result{}, err
	}
	return tui.Session{Questionnaire: s.q, Lang: langFor(lang, s.q), Department: a.Department, Round: a.Round,
		ReportHint: fmt.Sprintf("maturity report --department %q -o rapport.pdf", a.Department)}, s.result, nil
}

func (h *storeHome) DefaultAlias() string { return defaultAlias(h.e.getenv) }
