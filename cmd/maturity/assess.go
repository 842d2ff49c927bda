package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/report"
	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/spf13/cobra"
)

// assessOptions are the flags of maturity assess.
type assessOptions struct {
	department string
	respondent string
	accessible bool
}

func newAssessCmd(e env, opts *globalOptions) *cobra.Command {
	o := &assessOptions{}
	cmd := &cobra.Command{
		Use:   "assess --department NAME [--respondent ALIAS]",
		Short: "Answer the questionnaire in the terminal; resumes where you stopped",
		Long: `Answer the questionnaire for a department, one question per screen. Every answer is saved
the moment it is given; leave at any time (q) and the same command resumes at the first
unanswered question. The answers join the department's open round, or start a new one.

--respondent is your pseudonym in the round (no personal data needed); without it your
default pseudonym is used: made at random the first time and kept in the data directory, so
you resume as yourself and nobody can tell from it who you are. --accessible
(or ACCESSIBLE=1) asks the same questions as plain numbered prompts, for screen readers and
for answers piped in from a script.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.department == "" {
				return badInput("assess needs --department NAME")
			}
			if e.getenv("ACCESSIBLE") != "" {
				o.accessible = true
			}
			if !o.accessible && !isTerminal(e.stdin) {
				return badInput("assess needs a terminal; --accessible (or ACCESSIBLE=1) asks the questions as plain numbered prompts, for a screen reader or answers piped in")
			}
			return runAssess(cmd.Context(), e, opts, o)
		},
	}
	cmd.Flags().StringVar(&o.department, "department", "", "the department you answer for")
	cmd.Flags().StringVar(&o.respondent, "respondent", "", "your pseudonym in the round (default: your own random one, kept in the data directory)")
	cmd.Flags().BoolVar(&o.accessible, "accessible", false, "plain numbered prompts instead of the full-screen interface")
	return cmd
}

func runAssess(ctx context.Context, e env, opts *globalOptions, o *assessOptions) error {
	st, q, lang, err := openInteractive(ctx, e, opts)
	if err != nil {
		return err
	}
	defer st.Close()
	if opts.questionnaire == "" {
		if q, err = roundQuestionnaire(ctx, st, o.department, q); err != nil {
			return err
		}
		lang = langFor(lang, q)
	}
	s, backend, err := openSession(ctx, e, opts, st, q, lang, o.department, o.respondent)
	if err != nil {
		return err
	}
	if o.accessible {
		actions, err := departmentActions(ctx, st, s.Department)
		if err != nil {
			return err
		}
		if err := tui.WriteOpenActions(e.stdout, s, actions); err != nil {
			return err
		}
		if err := tui.RunAccessible(s, e.stdin, e.stdout); err != nil {
			return err
		}
		sc, err := scoreAssessment(ctx, st, backend.assessment)
		if err != nil || sc.result.Overall.Score == nil {
			return err
		}
		fmt.Fprintln(e.stdout)
		return writeResult(e.stdout, sc, lang, textWidth(e))
	}
	// The app shows the department's open actions first, and after the
	// last answer the results screen with its report and action keys.
	actions, err := departmentActions(ctx, st, s.Department)
	if err != nil {
		return err
	}
	h := &storeHome{ctx: ctx, e: e, opts: opts, st: st, q: q}
	m := tui.NewAssessApp(h, s, actions, tui.DefaultStyles())
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithInput(e.stdin), tea.WithOutput(e.stdout), tea.WithContext(ctx))
	final, err := p.Run()
	if err != nil {
		return err
	}
	fm := final.(tui.App).Assess()
	if err := fm.Err(); err != nil {
		return fmt.Errorf(labelsFor(lang)["answer not saved"], err)
	}
	fmt.Fprintf(e.stdout, "%s %d/%d · %s %q · %s\n", labelsFor(lang)["answered"], len(fm.Answers()), len(q.Questions()),
		labelsFor(lang)["respondent"], s.Respondent, labelsFor(lang)["saved to"]+" "+st.Path())
	return nil
}

// openSession finds or starts the department's round and the respondent in
// it, with what they answered before. An unknown department is added,
// unless its name looks like one that exists (a typo, most likely).
func openSession(ctx context.Context, e env, opts *globalOptions, st *store.Store, q *questionnaire.Questionnaire, lang, department, alias string) (tui.Session, *storeBackend, error) {
	// The pseudonym first: a broken pseudonyms file stops before anything
	// is added to the database.
	var err error
	if alias == "" {
		if alias, err = defaultAlias(e.getenv, labelsFor(opts.userLang())); err != nil {
			return tui.Session{}, nil, err
		}
	} else if err := rememberPseudonym(e.getenv, labelsFor(opts.userLang()), alias); err != nil {
		// Only the resume list's filter misses the name; answering goes on.
		fmt.Fprintln(e.stderr, "maturity:", err)
	}
	d, err := departmentFor(ctx, e, labelsFor(opts.userLang()), st, department)
	if err != nil {
		return tui.Session{}, nil, err
	}
	a, err := st.StartAssessment(ctx, store.StartOptions{Department: d.Name, Questionnaire: storeFile(q), Mode: store.ModeSelf})
	if err != nil {
		return tui.Session{}, nil, err
	}
	return sessionIn(ctx, opts, st, q, lang, a.ID, alias)
}

// sessionIn opens the respondent's session in a round, with what they
// answered before. A workshop's phase decides what they see: during a
// re-vote only its questions, with their first vote marked; once answering
// is closed, the results.
func sessionIn(ctx context.Context, opts *globalOptions, st *store.Store, q *questionnaire.Questionnaire, lang string, assessment int64, alias string) (tui.Session, *storeBackend, error) {
	r, err := st.Respondent(ctx, assessment, alias)
	if err != nil {
		return tui.Session{}, nil, err
	}
	return sessionFor(ctx, opts, st, q, lang, assessment, r)
}

// sessionFor is sessionIn for a respondent known to be in the round.
func sessionFor(ctx context.Context, opts *globalOptions, st *store.Store, q *questionnaire.Questionnaire, lang string, assessment int64, r store.Respondent) (tui.Session, *storeBackend, error) {
	data, err := st.LoadAssessment(ctx, assessment)
	if err != nil {
		return tui.Session{}, nil, err
	}
	a := data.Assessment
	s := tui.Session{
		Questionnaire: q, Lang: lang, Department: a.Department, Round: a.Round, Respondent: r.Alias,
		Answers: map[string]scoring.Value{}, Notes: map[string]string{},
		ReportHint: fmt.Sprintf("maturity report --department %q -o rapport.pdf", a.Department),
	}
	backend := &storeBackend{ctx: ctx, opts: opts, st: st, assessment: a.ID, respondent: r.ID, alias: r.Alias, lang: lang}
	s.Backend = backend
	revote := a.Phase == store.PhaseRevote
	if revote {
		s.Only, s.Earlier, s.Notice = data.Revote, map[string]scoring.Value{}, labelsFor(lang)["revote notice"]
		for _, x := range data.FirstVotes {
			if v, err := scoring.ParseValue(x.Value); err == nil && x.Respondent == r.Alias {
				s.Earlier[x.Question] = v
			}
		}
	}
	s.Closed = a.Phase == store.PhaseDiscussion || !a.Open()
	for _, x := range data.Answers {
		if v, err := scoring.ParseValue(x.Value); err == nil && x.Respondent == r.Alias && (!revote || x.Vote == 2) {
			s.Answers[x.Question] = v
		}
	}
	for _, n := range data.Notes {
		if n.Respondent == r.Alias && n.Question != "" {
			s.Notes[n.Question] = n.Text
		}
	}
	return s, backend, nil
}

// roundQuestionnaire is the questionnaire of the department's open round,
// so that resuming goes on with the file the round was started on; else q.
func roundQuestionnaire(ctx context.Context, st *store.Store, department string, q *questionnaire.Questionnaire) (*questionnaire.Questionnaire, error) {
	a, err := st.LatestAssessment(ctx, department)
	if err != nil || !a.Open() {
		return q, nil
	}
	s, err := scoreAssessment(ctx, st, a.ID)
	if err != nil {
		return nil, err
	}
	return s.q, nil
}

// departmentFor finds a department, or adds it when the name is new. A name
// that looks like an existing one is refused as a likely typo. It says so
// in l's words when it adds one.
func departmentFor(ctx context.Context, e env, l labels, st *store.Store, name string) (store.Department, error) {
	d, err := st.Department(ctx, name)
	var se *store.Error
	if !errors.As(err, &se) || se.Code != store.ENOTFOUND {
		return d, err
	}
	if len(se.Suggestions) > 0 {
		return d, fmt.Errorf("%w; to add a new department, run: maturity department add %q", err, name)
	}
	if d, err = st.CreateDepartment(ctx, name, ""); err == nil {
		fmt.Fprintf(e.stderr, l["new department"]+"\n", tui.Printable(d.Name))
	}
	return d, err
}

// storeBackend keeps a respondent's answers and notes in the store.
type storeBackend struct {
	lang       string
	alias      string
	ctx        context.Context
	opts       *globalOptions
	st         *store.Store
	assessment int64
	respondent int64
}

var _ tui.Backend = (*storeBackend)(nil)

// SaveAnswer saves an answer; the store refuses it while a workshop
// discusses, and after the round closed: a refusal the screen does not
// try again, and whose answer it takes back.
func (b *storeBackend) SaveAnswer(question string, v scoring.Value) error {
	err := b.st.SaveAnswer(b.ctx, b.respondent, question, v.String())
	var se *store.Error
	if errors.As(err, &se) && se.Code == store.ECONFLICT {
		return &tui.RefusedError{Reason: labelsFor(b.lang)["answering closed"]}
	}
	return err
}

// SaveNote saves the respondent's note in the language of their screen.
func (b *storeBackend) SaveNote(question, text, lang string) error {
	return b.st.SaveNote(b.ctx, store.NoteInput{AssessmentID: b.assessment, RespondentID: b.respondent, Question: question, Text: text, Lang: lang})
}

// WriteReport writes the round's PDF report in the current folder.
func (b *storeBackend) WriteReport() (string, error) {
	in, err := departmentReport(b.ctx, b.st, b.opts, "", b.assessment)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := report.WritePDF(&buf, in); err != nil {
		return "", err
	}
	name := fmt.Sprintf("rapport-%s-%s.pdf", fileName(in.Name), fileName(in.Round.Label))
	if err := writeFileAtomic(name, buf.Bytes()); err != nil {
		return "", err
	}
	if abs, err := filepath.Abs(name); err == nil {
		return abs, nil
	}
	return name, nil
}

// fileName makes s safe as part of a file name.
func fileName(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' {
			return unicode.ToLower(r)
		}
		return '-'
	}, s)
}

// Result scores the round. In a workshop that is still voting, a
// participant sees only their own result: the group's stays hidden until
// the facilitator closes answering.
func (b *storeBackend) Result() (scoring.Result, error) {
	s, err := scoreAssessment(b.ctx, b.st, b.assessment)
	a := s.data.Assessment
	if err != nil || a.Mode != store.ModeWorkshop || a.Phase == store.PhaseDiscussion || !a.Open() {
		return s.result, err
	}
	in := scoring.Input{AssessmentTargets: s.data.AssessmentTargets, DepartmentTargets: s.data.DepartmentTargets}
	for _, x := range s.data.Answers {
		if x.Respondent == b.alias {
			v, _ := scoring.ParseValue(x.Value)
			in.Answers = append(in.Answers, scoring.Answer{Respondent: x.Respondent, Question: x.Question, Value: v})
		}
	}
	return scoring.Score(s.q, in), nil
}
