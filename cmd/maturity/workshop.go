package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"net"
	"path/filepath"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/maturity-nl/maturity/internal/workshop"
	"github.com/spf13/cobra"
)

// workshopOptions are the flags of workshop serve and workshop local.
type workshopOptions struct {
	department string
	listen     string
	code       string
	idle       time.Duration
	// newRound opens a new round after the department's last workshop
	// round was closed; takeOver makes an open self-assessment the
	// workshop's round.
	newRound, takeOver bool
}

func newWorkshopCmd(e env, opts *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "workshop",
		Short: "Run a workshop: participants answer over SSH from their own terminal",
		Args:  cobra.NoArgs,
	}
	o := &workshopOptions{}
	serve := &cobra.Command{
		Use:   "serve --department NAME [--listen 127.0.0.1:2222] [--code CODE] [--new-round] [--take-over] [--idle 2h]",
		Short: "Serve the questionnaire to participants over SSH",
		Long: `Open (or resume) the department's round and serve the questionnaire over SSH. Participants
connect with ssh -p PORT HOST, type the workshop code and a pseudonym, and answer with the same
screens as maturity assess. A new pseudonym gets a resume code; rejoining under it needs that
code, and nobody joins a pseudonym whose owner is connected. Every answer is saved as it is
given. Stop with q on the dashboard (or ctrl+c); starting again loses nothing.

After the discussion, n opens the agreements step: the group picks recommendations (or says in
its own words what it will do for a dimension) and the facilitator types the owner — a role such
as teamleider or informatiemanager, never a person's name — and the due date. Each agreement is
saved in the improvement register as an action of the department after this round (see maturity
actions), and the presenter view shows them all.

Once the department's workshop round is closed, serve opens another only with --new-round; an
open self-assessment of the department becomes the workshop's round only with --take-over.

Listens on loopback unless --listen says otherwise. The host key is kept in the data directory.
Only an interactive session is served: no shell, commands, environment, agent, forwarding or
subsystems. Every code is answered after a second, wrong codes are limited for the whole server
and end a connection after five; connections are capped and must log in within 20 seconds.
A joined participant is never disconnected for being idle while the workshop runs.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.department == "" {
				return badInput("workshop serve needs --department NAME")
			}
			if o.idle <= 0 {
				return badInput("--idle %s: expected a duration above zero, e.g. 2h or 90m", o.idle)
			}
			return runWorkshop(cmd.Context(), e, opts, o)
		},
	}
	serve.Flags().StringVar(&o.department, "department", "", "the department the workshop is for")
	serve.Flags().StringVar(&o.listen, "listen", "127.0.0.1:2222", "the address to listen on")
	serve.Flags().StringVar(&o.code, "code", "", "the workshop code (default: six random digits)")
	serve.Flags().DurationVar(&o.idle, "idle", workshop.DefaultIdle, "end sessions without input for this long, except joined participants' while the workshop runs")
	local := &cobra.Command{
		Use:   "local --department NAME [--new-round] [--take-over]",
		Short: "Run a workshop at one keyboard: participants take turns under their own pseudonym",
		Long: `Open (or resume) the department's round and show the facilitator's dashboard; a lets a
participant answer at this keyboard under their own pseudonym (with its resume code to come back),
leaving the questions gives the keyboard back. Phases, decisions, agreements and saving work as
with workshop serve.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.department == "" {
				return badInput("workshop local needs --department NAME")
			}
			if !isTerminal(e.stdin) {
				return badInput("workshop local needs a terminal")
			}
			return runLocal(cmd.Context(), e, opts, o)
		},
	}
	local.Flags().StringVar(&o.department, "department", "", "the department the workshop is for")
	for _, c := range []*cobra.Command{serve, local} {
		c.Flags().BoolVar(&o.newRound, "new-round", false, "open a new round once the department's workshop round is closed")
		c.Flags().BoolVar(&o.takeOver, "take-over", false, "make the department's open self-assessment this workshop's round")
	}
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
// room participants join. A closed workshop round is not followed by a new
// one unless asked (--new-round), and an open self-assessment is not taken
// over unless asked (--take-over): either would be a surprise in front of
// a room.
func openWorkshop(ctx context.Context, e env, opts *globalOptions, o *workshopOptions) (*store.Store, *storeRoom, error) {
	st, q, lang, err := openInteractive(ctx, e, opts)
	if err != nil {
		return nil, nil, err
	}
	room, err := func() (*storeRoom, error) {
		l := labelsFor(opts.userLang())
		d, err := departmentFor(ctx, e, l, st, o.department)
		if err != nil {
			return nil, err
		}
		latest, err := st.LatestAssessment(ctx, d.Name)
		switch {
		case store.ErrorCode(err) == store.ENOTFOUND:
		case err != nil:
			return nil, err
		case latest.Open() && o.newRound:
			return nil, badInput(l["workshop round open"], d.Name, latest.Round, d.Name)
		case latest.Open() && latest.Mode == store.ModeSelf && !o.takeOver:
			return nil, badInput(l["workshop self open"], d.Name, latest.Round, plural(l, "n respondents", latest.Respondents), d.Name)
		case latest.Open() && latest.Mode == store.ModeSelf:
			if err := st.SetMode(ctx, latest.ID, store.ModeWorkshop); err != nil {
				return nil, err
			}
		case !latest.Open() && latest.Mode == store.ModeWorkshop && !o.newRound:
			return nil, badInput(l["workshop round closed"], latest.Round, d.Name, latest.ClosedAt.Local().Format("2006-01-02"))
		}
		a, err := st.StartAssessment(ctx, store.StartOptions{Department: d.Name, Questionnaire: storeFile(q), Mode: store.ModeWorkshop})
		if err != nil {
			return nil, err
		}
		room := newStoreRoom(ctx, e, opts, st, q, lang, a)
		return room, room.resumePhase()
	}()
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, room, nil
}

// roundOf is the round the room serves, as the dashboard names it.
func (r *storeRoom) roundOf() (store.Assessment, error) { return r.st.Assessment(r.ctx, r.assessment) }

// runLocal runs a workshop at one keyboard: the dashboard, and participants
// taking turns under their own pseudonym.
func runLocal(ctx context.Context, e env, opts *globalOptions, o *workshopOptions) error {
	st, room, err := openWorkshop(ctx, e, opts, o)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := room.roundOf()
	if err != nil {
		return err
	}
	info := tui.DashboardInfo{Questionnaire: room.q, Lang: room.lang, Department: room.department, Round: a.Round, Code: "–", Connect: "–", Phase: room.Phase()}
	p := tea.NewProgram(tui.NewLocal(room, localGate{room}, info, tui.DefaultStyles()), tea.WithAltScreen(), tea.WithInput(e.stdin), tea.WithOutput(e.stdout), tea.WithContext(ctx))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return err
	}
	room.End()
	fmt.Fprintf(e.stdout, "%s %s\n", labelsFor(room.lang)["saved to"], st.Path())
	return nil
}

func runWorkshop(ctx context.Context, e env, opts *globalOptions, o *workshopOptions) error {
	// Listening comes first: an address that cannot be had opens no round.
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return badInput("cannot listen on %s: %v", o.listen, err)
	}
	serving := false
	defer func() {
		if !serving {
			ln.Close()
		}
	}()
	st, room, err := openWorkshop(ctx, e, opts, o)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := room.roundOf()
	if err != nil {
		return err
	}
	code := o.code
	if code == "" {
		if code, err = newCode(); err != nil {
			return err
		}
	}
	dir, err := dataDir(e.getenv)
	if err != nil {
		return badInput("%v", err)
	}
	srv, err := workshop.New(workshop.Config{Listen: o.listen, HostKeyPath: filepath.Join(dir, "ssh_host_ed25519"), Code: code, Lang: room.lang, Room: room, Idle: o.idle})
	if err != nil {
		return err
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	l := labelsFor(opts.userLang())
	if !workshop.IsLoopback(o.listen) {
		fmt.Fprintf(e.stderr, l["workshop open reachable"]+"\n", o.listen)
	}
	fmt.Fprintf(e.stdout, l["workshop serving"]+"\n",
		tui.Printable(room.department), tui.Printable(a.Round), a.ID, code, port, hostOf(o.listen))
	done := make(chan error, 1)
	serving = true
	go func() { done <- srv.Serve(ln) }()
	if isTerminal(e.stdin) && isTerminal(e.stdout) {
		info := tui.DashboardInfo{Questionnaire: room.q, Lang: room.lang, Department: room.department, Round: a.Round, Code: code,
			Connect: fmt.Sprintf("ssh -p %s %s", port, hostOf(o.listen)), Phase: room.Phase()}
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
	// Participants see that the workshop ends before their connection does.
	room.End()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown)
	if room.Phase() == tui.PhaseClosed {
		fmt.Fprintf(e.stdout, l["workshop stopped closed"]+"\n", tui.Printable(a.Round), tui.Printable(room.department))
	} else {
		fmt.Fprintln(e.stdout, l["workshop stopped open"])
	}
	return nil
}

func hostOf(listen string) string {
	host, _, err := net.SplitHostPort(listen)
	if err != nil || host == "" || host == "0.0.0.0" || host == "::" {
		return "HOST"
	}
	return host
}
