package tui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
)

// Phase is where a workshop stands.
type Phase int

// The phases of a workshop, in order.
const (
	PhaseAnswering  Phase = iota // a silent vote: nobody sees another's answers
	PhaseDiscussion              // answering closed; distributions shown, decisions noted
	PhaseRevote                  // the discussed questions voted on again, silently
	PhaseAgreements              // answering closed; the group agrees what it will do
	PhaseClosed                  // the round is closed
)

// Participant is one participant's progress.
type Participant struct {
	Pseudonym string
	Answered  int
	// Revoted counts their answers in the re-vote.
	Revoted int
	// Connected says whether they have a screen on the workshop now.
	Connected bool
}

// Snapshot is the workshop as the dashboard shows it.
type Snapshot struct {
	Participants []Participant
	Result       scoring.Result
	// Revote lists the questions of the re-vote, once one has started.
	Revote []string
	// Answered counts, per question id, the answers of this vote: the
	// re-vote's own during a re-vote. It is all the dashboard shows of the
	// answers while the group votes.
	Answered map[string]int
	// Deadline is the end of the phase timer, zero without one.
	Deadline time.Time
	// Failed is what last went wrong for a participant, for the
	// facilitator to see.
	Failed error
	// Agreements are the actions agreed after this round, in the order
	// they were agreed; withdrawn ones are left out.
	Agreements []Agreement
}

// Facilitator is what the dashboard needs of the workshop.
type Facilitator interface {
	Snapshot() (Snapshot, error)
	// SetPhase moves the workshop to answering, discussion or closed:
	// answering closes at discussion.
	SetPhase(Phase) error
	// StartRevote puts questions to a second vote: answering opens again
	// for them alone, and both votes are kept.
	StartRevote(questions []string) error
	// SaveDecision records the group's decision on a question as a note,
	// written on a screen in lang ("nl", "en"): the note's language.
	SaveDecision(question, text, lang string) error
	// SetTimer sets the phase timer every participant's screen shows; the
	// zero time clears it. It changes nothing else.
	SetTimer(deadline time.Time) error
	// Remove removes a participant with their answers and notes; it
	// returns how many answers went.
	Remove(pseudonym string) (int, error)
	// End tells every participant that the facilitator stops.
	End()
	// Agree saves an action the group agreed after this round, or a change
	// to one agreed before (an ID), and returns it as saved.
	Agree(Agreement) (Agreement, error)
	// Drop withdraws an agreed action: it stays in the register as
	// dropped, with the reason.
	Drop(id int64, reason string) error
}

// DashboardInfo is what does not change during a workshop.
type DashboardInfo struct {
	Questionnaire                 *questionnaire.Questionnaire
	Lang, Department, Round, Code string
	Connect                       string // the command participants type
	// Phase is where the workshop stood when the dashboard opened.
	Phase Phase
	// Now is the dashboard's clock, for the timer; time.Now when nil.
	Now func() time.Time
}

// mode is what the dashboard's keys act on besides the workshop.
type mode int

const (
	modeNormal    mode = iota
	modeConfirm        // a question: go ahead or not
	modeDecision       // typing the group's decision on a question
	modeTimer          // typing the timer's minutes
	modePick           // choosing a participant to remove
	modeHelp           // every key explained
	modeAgree          // typing an agreement: its text, owner and due date
	modeDimension      // choosing the dimension of an own agreement
)

// confirmation is a change waiting for the facilitator's yes.
type confirmation struct {
	question string
	do       func(Dashboard) (Dashboard, tea.Cmd)
	// cancel, when set, is where no leads: back to what was being typed.
	cancel func(Dashboard) Dashboard
}

// Dashboard is the facilitator's live view of a workshop.
type Dashboard struct {
	f        Facilitator
	info     DashboardInfo
	styles   Styles
	t        texts
	now      func() time.Time
	phase    Phase
	snap     Snapshot
	err      error
	selected int             // the highlighted question in discussion
	marked   map[string]bool // questions chosen for the re-vote
	mode     mode
	confirm  confirmation
	note     textarea.Model
	timer    textinput.Model
	picked   int // the highlighted participant when removing one
	// status says what the last action did, until statusUntil.
	status      string
	statusUntil time.Time
	failed      string // what went wrong for a participant, shown a while
	failedUntil time.Time
	scroll      int // the first body line shown
	helpScroll  int
	presenting  bool // the presenter view is on
	// onAgreements: the presenter view shows the agreements page;
	// presentScroll is its first line shown.
	onAgreements  bool
	presentScroll int
	agreeSel      int // the highlighted line of the agreements step
	dimSel        int // the highlighted dimension of an own agreement
	form          agreeForm
	width         int
	height        int
	local         bool // participants answer at this keyboard
}

var _ tea.Model = Dashboard{}

// RefreshEvery is how often the dashboard reads the workshop.
const RefreshEvery = time.Second

// StatusFor is how long the line about the last action stays.
const StatusFor = 8 * time.Second

// MaxTimerMinutes is the longest phase timer the facilitator may set.
const MaxTimerMinutes = 180

// NewDashboard makes the facilitator's view.
func NewDashboard(f Facilitator, info DashboardInfo, styles Styles) Dashboard {
	note := textarea.New()
	note.ShowLineNumbers = false
	note.CharLimit = 2000
	timer := textinput.New()
	timer.Prompt = "› "
	timer.CharLimit = 8
	now := info.Now
	if now == nil {
		now = time.Now
	}
	return Dashboard{f: f, info: info, styles: styles, t: textsFor(info.Lang), note: note, timer: timer, now: now, phase: info.Phase,
		marked: map[string]bool{}, width: 100, height: 30}
}

type tickMsg struct{}

type snapshotMsg struct {
	snap Snapshot
	err  error
}

func (d Dashboard) refresh() tea.Cmd {
	f := d.f
	return func() tea.Msg {
		s, err := f.Snapshot()
		return snapshotMsg{s, err}
	}
}

// Init implements tea.Model.
func (d Dashboard) Init() tea.Cmd { return d.refresh() }

// Phase returns the workshop's phase.
func (d Dashboard) Phase() Phase { return d.phase }

// idle says that no prompt, question or help is open: the keys are the
// dashboard's own.
func (d Dashboard) idle() bool { return d.mode == modeNormal && !d.presenting }

// discussed is a question on the disagreement list, with its first vote
// when it was voted on again.
type discussed struct {
	scoring.QuestionResult
	first *scoring.QuestionResult
}

// spread is the spread the question was put on the list for: the first
// vote's when there was a re-vote.
func (x discussed) spread() int {
	if x.first != nil && x.first.Spread != nil {
		return *x.first.Spread
	}
	if x.Spread != nil {
		return *x.Spread
	}
	return 0
}

// disagreement ranks the questions to discuss: those flagged, and those
// voted on again even when the re-vote brought them together; widest
// spread first, then most answers, then questionnaire order. It leaves out
// the questions whose figures people may not see (the anonymity rule) and
// counts them. While the group votes there is no list: which questions
// diverge is itself a figure of the answers.
func (d Dashboard) disagreement() (list []discussed, hidden int) {
	if d.voting() {
		return nil, 0
	}
	first := map[string]*scoring.QuestionResult{}
	for i, r := range d.snap.Result.Revotes {
		first[r.Question] = &d.snap.Result.Revotes[i].Before
	}
	var out []discussed
	for _, x := range d.snap.Result.Questions {
		if !x.Flagged && first[x.ID] == nil {
			continue
		}
		if !x.Visible || (first[x.ID] != nil && !first[x.ID].Visible) {
			hidden++
			continue
		}
		out = append(out, discussed{x, first[x.ID]})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].spread() != out[j].spread() {
			return out[i].spread() > out[j].spread()
		}
		return out[i].N > out[j].N
	})
	return out, hidden
}

// revoteQuestions are the questions to vote on again: those marked, else
// every question on the list; once a re-vote was held, its own.
func (d Dashboard) revoteQuestions() []string {
	if len(d.snap.Revote) > 0 {
		return d.snap.Revote
	}
	var marked, all []string
	list, _ := d.disagreement()
	for _, x := range list {
		all = append(all, x.ID)
		if d.marked[x.ID] {
			marked = append(marked, x.ID)
		}
	}
	if len(marked) > 0 {
		return marked
	}
	return all
}

// voting says whether the workshop is in a silent vote: nobody, the
// facilitator's beamer included, sees a figure derived from answers then.
func (d Dashboard) voting() bool { return d.phase == PhaseAnswering || d.phase == PhaseRevote }

// total is how many questions a participant answers in this vote.
func (d Dashboard) total() int {
	if d.phase == PhaseRevote {
		return len(d.snap.Revote)
	}
	return len(d.info.Questionnaire.Questions())
}

// done is how many of this vote's questions p has answered.
func (d Dashboard) done(p Participant) int {
	if d.phase == PhaseRevote {
		return p.Revoted
	}
	return p.Answered
}

// notDone lists the participants who have not answered every question of
// this vote yet.
func (d Dashboard) notDone() []string {
	var out []string
	for _, p := range d.snap.Participants {
		if d.done(p) < d.total() {
			out = append(out, Printable(p.Pseudonym))
		}
	}
	return out
}

// connected counts the participants with a screen on the workshop.
func (d Dashboard) connected() int {
	n := 0
	for _, p := range d.snap.Participants {
		if p.Connected {
			n++
		}
	}
	return n
}

// Update implements tea.Model.
func (d Dashboard) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.width, d.height = msg.Width, msg.Height
		d.note.SetWidth(max(20, min(msg.Width, readableWidth)-4))
		d.note.SetHeight(3)
		return d, nil
	case snapshotMsg:
		if msg.err != nil {
			d.err = msg.err
		} else {
			d.snap, d.err = msg.snap, nil
			if msg.snap.Failed != nil {
				d.failed, d.failedUntil = fmt.Sprintf(d.t["participant failed"], msg.snap.Failed), d.now().Add(StatusFor)
			}
		}
		d.picked = min(d.picked, max(0, len(d.snap.Participants)-1))
		return d, tea.Tick(RefreshEvery, func(time.Time) tea.Msg { return tickMsg{} })
	case tickMsg:
		if !d.now().Before(d.statusUntil) {
			d.status = ""
		}
		if !d.now().Before(d.failedUntil) {
			d.failed = ""
		}
		return d, d.refresh()
	case tea.KeyMsg:
		// Keys typed fast arrive as one burst of runes; each is a key of
		// its own ("t5" is the timer, then 5) — except in a text being
		// typed, which takes the burst at once.
		typing := d.mode == modeAgree || d.mode == modeDecision
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !typing {
			return keyBurst(d, msg.Runes, Dashboard.key)
		}
		return d.key(msg)
	}
	return d, nil
}

func (d Dashboard) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := msg.String()
	switch d.mode {
	case modeConfirm:
		switch k {
		case "j", "y", "enter":
			d.mode = modeNormal
			return d.confirm.do(d)
		case "n", "esc", "q", "ctrl+c":
			d.mode = modeNormal
			if d.confirm.cancel != nil {
				return d.confirm.cancel(d), nil
			}
			d.say(d.t["not done"])
		}
		return d, nil
	case modeHelp:
		switch k {
		case "up", "k":
			d.helpScroll = max(0, d.helpScroll-1)
		case "down", "j":
			d.helpScroll++
		case "pgdown", " ":
			d.helpScroll += max(1, d.height-4)
		case "pgup":
			d.helpScroll = max(0, d.helpScroll-max(1, d.height-4))
		case "ctrl+c":
			d.mode = modeNormal
			return d.quit(), nil
		default:
			d.mode = modeNormal
		}
		return d, nil
	case modeDecision:
		if k != "esc" {
			var cmd tea.Cmd
			d.note, cmd = d.note.Update(msg)
			return d, cmd
		}
		d.mode = modeNormal
		d.note.Blur()
		list, _ := d.disagreement()
		if text := strings.TrimSpace(d.note.Value()); text != "" && d.selected < len(list) {
			id := list[d.selected].ID
			if err := d.f.SaveDecision(id, text, d.info.Lang); err != nil {
				d.err = err
			} else {
				d.say(fmt.Sprintf(d.t["decision saved"], questionLabel(d.info.Questionnaire, id, d.info.Lang)))
			}
		}
		return d, nil
	case modeTimer:
		switch k {
		case "esc":
			d.mode = modeNormal
			return d, nil
		case "enter":
			return d.setTimer(d.timer.Value())
		}
		var cmd tea.Cmd
		d.timer, cmd = d.timer.Update(msg)
		return d, cmd
	case modeAgree:
		return d.formKey(msg)
	case modeDimension:
		return d.dimensionKey(k)
	case modePick:
		switch k {
		case "up", "k":
			d.picked = max(0, d.picked-1)
		case "down", "j":
			d.picked = min(max(0, len(d.snap.Participants)-1), d.picked+1)
		case "enter":
			if d.picked < len(d.snap.Participants) {
				return d.askRemove(d.snap.Participants[d.picked]), nil
			}
			d.mode = modeNormal
		case "esc", "q", "x":
			d.mode = modeNormal
		}
		return d, nil
	}
	if d.presenting {
		return d.presenterKey(msg)
	}
	if d.phase == PhaseAgreements {
		if next, cmd, ok := d.agreeKey(k); ok {
			return next, cmd
		}
	}
	list, _ := d.disagreement()
	page := max(1, d.height-8)
	switch k {
	case "ctrl+c", "q":
		return d.quit(), nil
	case "?":
		d.mode, d.helpScroll = modeHelp, 0
	case "n":
		if d.phase < PhaseClosed {
			return d.next(), nil
		}
	case "b":
		switch {
		case d.phase == PhaseDiscussion && len(d.snap.Revote) == 0:
			d.ask(d.t["confirm back"], func(d Dashboard) (Dashboard, tea.Cmd) { return d.setPhase(PhaseAnswering) })
		case d.phase == PhaseAgreements:
			// Back to the discussion loses nothing: the agreements stay.
			return d.setPhase(PhaseDiscussion)
		}
	case "r":
		if qs := d.revoteQuestions(); d.phase == PhaseDiscussion && len(qs) > 0 {
			q := fmt.Sprintf(d.t["confirm revote"], len(qs))
			if len(qs) == 1 {
				q = d.t["confirm revote one"]
			}
			d.ask(q, func(d Dashboard) (Dashboard, tea.Cmd) {
				if err := d.f.StartRevote(qs); err != nil {
					d.err = err
					return d, nil
				}
				d.phase, d.err, d.scroll, d.presenting = PhaseRevote, nil, 0, false
				d.say(fmt.Sprintf(d.t["revote started"], len(qs)))
				if len(qs) == 1 {
					d.say(d.t["revote started one"])
				}
				return d, d.refresh()
			})
		}
	case "t":
		if d.phase < PhaseClosed {
			d.mode = modeTimer
			d.timer.SetValue("")
			return d, d.timer.Focus()
		}
	case "x":
		if len(d.snap.Participants) > 0 && d.phase < PhaseClosed {
			d.mode, d.picked = modePick, 0
		}
	case "p":
		if d.hasAgreementsPage() {
			d.presenting, d.onAgreements, d.presentScroll = true, true, 0
			return d, nil
		}
		if d.phase == PhaseDiscussion || d.phase == PhaseClosed {
			if len(list) == 0 {
				d.say(d.t["presenter empty"])
				return d, nil
			}
			d.presenting, d.onAgreements = true, false
		} else {
			d.say(d.t["presenter voting"])
		}
	case " ":
		if d.phase == PhaseDiscussion && len(d.snap.Revote) == 0 && d.selected < len(list) {
			id := list[d.selected].ID
			d.marked[id] = !d.marked[id]
		}
	case "up", "k":
		if d.phase == PhaseDiscussion {
			d.selected = max(0, d.selected-1)
		} else {
			d.scroll = max(0, d.scroll-1)
		}
	case "down", "j":
		if d.phase == PhaseDiscussion {
			d.selected = min(max(0, len(list)-1), d.selected+1)
		} else {
			d.scroll++
		}
	case "pgup":
		if d.phase == PhaseDiscussion {
			d.selected = max(0, d.selected-page/2)
		}
		d.scroll = max(0, d.scroll-page)
	case "pgdown":
		if d.phase == PhaseDiscussion {
			d.selected = min(max(0, len(list)-1), d.selected+page/2)
		}
		d.scroll += page
	case "home":
		d.scroll, d.selected = 0, 0
	case "end":
		d.scroll, d.selected = 1<<20, max(0, len(list)-1)
	case "e":
		return d.decide()
	}
	d.scroll = min(d.scroll, d.maxScroll())
	return d, nil
}

// maxScroll is the furthest the body scrolls: its last line at the bottom.
func (d Dashboard) maxScroll() int {
	head, panel, body, _, footer := d.layout()
	room := d.height - len(head) - len(panel) - len(footer)
	return max(0, len(body)-max(1, room-1))
}
