package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"net"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/maturity-nl/maturity/internal/workshop"
	"github.com/spf13/cobra"
)

func newWorkshopCmd(e env, opts *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "workshop",
		Short: "Run a workshop: participants answer over SSH from their own terminal",
		Args:  cobra.NoArgs,
	}
	var department, listen, code string
	serve := &cobra.Command{
		Use:   "serve --department NAME [--listen 127.0.0.1:2222] [--code CODE]",
		Short: "Serve the questionnaire to participants over SSH",
		Long: `Open (or resume) the department's round and serve the questionnaire over SSH. Participants
connect with ssh -p PORT HOST, type the workshop code and a pseudonym, and answer with the same
screens as maturity assess; reconnecting with the same pseudonym resumes. Every answer is saved
as it is given. Stop with ctrl+c; starting again loses nothing.

Listens on loopback unless --listen says otherwise. The host key is kept in the data directory.
Only an interactive session is served: no shell, commands, forwarding or subsystems; wrong codes
are answered slowly and refused after five from one address.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if department == "" {
				return badInput("workshop serve needs --department NAME")
			}
			return runWorkshop(cmd.Context(), e, opts, department, listen, code)
		},
	}
	serve.Flags().StringVar(&department, "department", "", "the department the workshop is for")
	serve.Flags().StringVar(&listen, "listen", "127.0.0.1:2222", "the address to listen on")
	serve.Flags().StringVar(&code, "code", "", "the workshop code (default: six random digits)")
	var localDept string
	local := &cobra.Command{
		Use:   "local --department NAME",
		Short: "Run a workshop at one keyboard: participants take turns under their own pseudonym",
		Long: `Open (or resume) the department's round and show the facilitator's dashboard; a lets a
participant answer at this keyboard under their own pseudonym, leaving the questions gives the
keyboard back. Phases, decisions and saving work as with workshop serve.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if localDept == "" {
				return badInput("workshop local needs --department NAME")
			}
			if !isTerminal(e.stdin) {
				return badInput("workshop local needs a terminal")
			}
			return runLocal(cmd.Context(), e, opts, localDept)
		},
	}
	local.Flags().StringVar(&localDept, "department", "", "the department the workshop is for")
	cmd.AddCommand(serve, local)
	return cmd
}

// newCode makes a six-digit workshop code.
func newCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// openWorkshop opens (or resumes) the department's workshop round and the
// room participants join.
func openWorkshop(ctx context.Context, e env, opts *globalOptions, department string) (*store.Store, *storeRoom, store.Assessment, error) {
	st, q, lang, err := openInteractive(ctx, e, opts)
	if err != nil {
		return nil, nil, store.Assessment{}, err
	}
	d, err := departmentFor(ctx, e, st, department)
	if err == nil {
		var a store.Assessment
		a, err = st.StartAssessment(ctx, store.StartOptions{Department: d.Name, Questionnaire: storeFile(q), Mode: store.ModeWorkshop})
		if err == nil {
			room := &storeRoom{ctx: ctx, e: e, opts: opts, st: st, q: q, lang: lang, department: d.Name, assessment: a.ID, scorer: newScorer(st)}
			return st, room, a, nil
		}
	}
	st.Close()
	return nil, nil, store.Assessment{}, err
}

// runLocal runs a workshop at one keyboard: the dashboard, and participants
// taking turns under their own pseudonym.
func runLocal(ctx context.Context, e env, opts *globalOptions, department string) error {
	st, room, a, err := openWorkshop(ctx, e, opts, department)
	if err != nil {
		return err
	}
	defer st.Close()
	info := tui.DashboardInfo{Questionnaire: room.q, Lang: room.lang, Department: room.department, Round: a.Round, Code: "–", Connect: "–", Phase: dashboardPhase(a.Phase)}
	p := tea.NewProgram(tui.NewLocal(room, localGate{room}, info, tui.DefaultStyles()), tea.WithAltScreen(), tea.WithInput(e.stdin), tea.WithOutput(e.stdout), tea.WithContext(ctx))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return err
	}
	fmt.Fprintf(e.stdout, "%s %s\n", labelsFor(room.lang)["saved to"], st.Path())
	return nil
}

// localGate lets participants at the facilitator's keyboard in without a code.
type localGate struct{ *storeRoom }

func (localGate) CheckCode(string) (bool, bool) { return true, false }

func runWorkshop(ctx context.Context, e env, opts *globalOptions, department, listen, code string) error {
	// Listening comes first: an address that cannot be had opens no round.
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return badInput("cannot listen on %s: %v", listen, err)
	}
	serving := false
	defer func() {
		if !serving {
			ln.Close()
		}
	}()
	st, room, a, err := openWorkshop(ctx, e, opts, department)
	if err != nil {
		return err
	}
	defer st.Close()
	q, lang, d := room.q, room.lang, store.Department{Name: room.department}
	if code == "" {
		if code, err = newCode(); err != nil {
			return err
		}
	}
	dir, err := dataDir(e.getenv)
	if err != nil {
		return badInput("%v", err)
	}
	srv, err := workshop.New(workshop.Config{Listen: listen, HostKeyPath: filepath.Join(dir, "ssh_host_ed25519"), Code: code, Lang: lang, Room: room})
	if err != nil {
		return err
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	if !workshop.IsLoopback(listen) {
		fmt.Fprintf(e.stderr, "warning: listening on %s, reachable from other machines: share the code only with the participants\n", listen)
	}
	fmt.Fprintf(e.stdout, "workshop for %s, round %s (assessment %d)\n  code:    %s\n  connect: ssh -p %s %s\nstop with ctrl+c; everything is saved as it is given\n",
		d.Name, a.Round, a.ID, code, port, hostOf(listen))
	done := make(chan error, 1)
	serving = true
	go func() { done <- srv.Serve(ln) }()
	if isTerminal(e.stdin) && isTerminal(e.stdout) {
		info := tui.DashboardInfo{Questionnaire: q, Lang: lang, Department: d.Name, Round: a.Round, Code: code,
			Connect: fmt.Sprintf("ssh -p %s %s", port, hostOf(listen)), Phase: dashboardPhase(a.Phase)}
		p := tea.NewProgram(tui.NewDashboard(room, info, tui.DefaultStyles()), tea.WithAltScreen(), tea.WithInput(e.stdin), tea.WithOutput(e.stdout), tea.WithContext(ctx))
		go func() {
			if err := <-done; err != nil {
				p.Quit()
			}
		}()
		if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
			return err
		}
	} else {
		select {
		case err := <-done:
			return err
		case <-ctx.Done():
		}
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown)
	fmt.Fprintln(e.stdout, "workshop stopped; everything is saved")
	return nil
}

func hostOf(listen string) string {
	host, _, err := net.SplitHostPort(listen)
	if err != nil || host == "" || host == "0.0.0.0" || host == "::" {
		return "HOST"
	}
	return host
}

// dashboardPhase is the dashboard's name for a stored phase.
func dashboardPhase(p store.Phase) tui.Phase {
	switch p {
	case store.PhaseDiscussion:
		return tui.PhaseDiscussion
	case store.PhaseRevote:
		return tui.PhaseRevote
	}
	return tui.PhaseAnswering
}

// storeRoom lets participants join the department's open round. Its phase
// lives in the store, so a restarted server goes on where it was.
type storeRoom struct {
	mu       sync.Mutex // the dashboard may refresh twice at once
	changeMu sync.Mutex
	changed  chan struct{} // closed, and replaced, at each phase change

	assessment int64
	scorer     *scorer
	ctx        context.Context
	e          env
	opts       *globalOptions
	st         *store.Store
	q          *questionnaire.Questionnaire
	lang       string
	department string
}

var (
	_ tui.Facilitator = (*storeRoom)(nil)
	_ tui.Announcer   = (*storeRoom)(nil)
)

// Join opens a participant's session in the workshop's own round. Once
// the round is closed, those who took part see its results; nobody new
// joins it.
func (r *storeRoom) Join(pseudonym string) (tui.Session, error) {
	a, err := r.st.Assessment(r.ctx, r.assessment)
	if err != nil {
		return tui.Session{}, err
	}
	if !a.Open() {
		known, err := r.st.Respondents(r.ctx, r.assessment)
		if err != nil {
			return tui.Session{}, err
		}
		if !slices.ContainsFunc(known, func(x store.Respondent) bool { return strings.EqualFold(x.Alias, strings.TrimSpace(pseudonym)) }) {
			return tui.Session{}, errors.New(labelsFor(r.lang)["workshop ended"])
		}
	}
	s, _, err := sessionIn(r.ctx, r.opts, r.st, r.q, r.lang, r.assessment, strings.TrimSpace(pseudonym))
	return s, err
}

// Changed is closed when the workshop next changes phase.
func (r *storeRoom) Changed() <-chan struct{} {
	r.changeMu.Lock()
	defer r.changeMu.Unlock()
	if r.changed == nil {
		r.changed = make(chan struct{})
	}
	return r.changed
}

// announce tells every participant's screen that the phase changed.
func (r *storeRoom) announce() {
	r.changeMu.Lock()
	defer r.changeMu.Unlock()
	if r.changed != nil {
		close(r.changed)
	}
	r.changed = make(chan struct{})
}

// Snapshot reads the participants' progress and the group's result.
func (r *storeRoom) Snapshot() (tui.Snapshot, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, err := r.scorer.score(r.ctx, r.assessment)
	if err != nil {
		return tui.Snapshot{}, err
	}
	answered, revoted := map[string]int{}, map[string]int{}
	for _, x := range s.data.Answers {
		answered[x.Respondent]++
		if x.Vote == 2 {
			revoted[x.Respondent]++
		}
	}
	respondents, err := r.st.Respondents(r.ctx, r.assessment)
	if err != nil {
		return tui.Snapshot{}, err
	}
	snap := tui.Snapshot{Result: s.result, Revote: s.data.Revote}
	for _, p := range respondents {
		snap.Participants = append(snap.Participants, tui.Participant{Pseudonym: p.Alias, Answered: answered[p.Alias], Revoted: revoted[p.Alias]})
	}
	return snap, nil
}

// SetPhase keeps the workshop's phase in the store (answering closes at
// discussion) and closes the round at the end.
func (r *storeRoom) SetPhase(p tui.Phase) error {
	var err error
	switch p {
	case tui.PhaseAnswering:
		err = r.st.SetPhase(r.ctx, r.assessment, store.PhaseAnswering, nil)
	case tui.PhaseDiscussion:
		err = r.st.SetPhase(r.ctx, r.assessment, store.PhaseDiscussion, nil)
	case tui.PhaseClosed:
		_, err = r.st.CloseAssessment(r.ctx, r.department)
	default:
		err = fmt.Errorf("a re-vote needs its questions")
	}
	if err == nil {
		r.announce()
	}
	return err
}

// StartRevote opens a second vote on the questions the group discussed.
func (r *storeRoom) StartRevote(questions []string) error {
	for _, id := range questions {
		if r.q.Question(id) == nil {
			return fmt.Errorf("question %s is not in the questionnaire %s", id, r.q.ID)
		}
	}
	if err := r.st.SetPhase(r.ctx, r.assessment, store.PhaseRevote, questions); err != nil {
		return err
	}
	r.announce()
	return nil
}

// SaveDecision keeps the group's decision on a question as a note of the round.
func (r *storeRoom) SaveDecision(question, text string) error {
	return r.st.SaveNote(r.ctx, store.NoteInput{AssessmentID: r.assessment, Question: question, Text: text})
}
