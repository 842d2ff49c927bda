package tui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
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
	PhaseClosed                  // the round is closed
)

// Participant is one participant's progress.
type Participant struct {
	Pseudonym string
	Answered  int
	// Revoted counts their answers in the re-vote.
	Revoted int
}

// Snapshot is the workshop as the dashboard shows it.
type Snapshot struct {
	Participants []Participant
	Result       scoring.Result
	// Revote lists the questions of the re-vote, once one has started.
	Revote []string
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
	// SaveDecision records the group's decision on a question as a note.
	SaveDecision(question, text string) error
}

// DashboardInfo is what does not change during a workshop.
type DashboardInfo struct {
	Questionnaire                 *questionnaire.Questionnaire
	Lang, Department, Round, Code string
	Connect                       string // the command participants type
	// Phase is where the workshop stood when the dashboard opened.
	Phase Phase
}

// Dashboard is the facilitator's live view of a workshop.
type Dashboard struct {
	f        Facilitator
	info     DashboardInfo
	styles   Styles
	t        texts
	phase    Phase
	snap     Snapshot
	err      error
	selected int             // the highlighted question in discussion
	marked   map[string]bool // questions chosen for the re-vote
	editing  bool
	note     textarea.Model
	saved    string
	width    int
	height   int
	local    bool // participants answer at this keyboard
}

var _ tea.Model = Dashboard{}

// RefreshEvery is how often the dashboard reads the workshop.
const RefreshEvery = time.Second

// NewDashboard makes the facilitator's view.
func NewDashboard(f Facilitator, info DashboardInfo, styles Styles) Dashboard {
	note := textarea.New()
	note.ShowLineNumbers = false
	note.CharLimit = 2000
	return Dashboard{f: f, info: info, styles: styles, t: textsFor(info.Lang), note: note, phase: info.Phase, marked: map[string]bool{}, width: 100, height: 30}
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
// counts them.
func (d Dashboard) disagreement() (list []discussed, hidden int) {
	first := map[string]*scoring.QuestionResult{}
	for i, r := range d.snap.Result.Revotes {
		first[r.Question] = &d.snap.Result.Revotes[i].Before
	}
	var out []discussed
	for _, x := range d.snap.Result.Questions {
		// During a re-vote the list is the re-vote's questions alone.
		if !(x.Flagged && d.phase != PhaseRevote) && first[x.ID] == nil {
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

// next is the phase n moves to: answering and a re-vote end in discussion,
// discussion ends the workshop.
func (p Phase) next() Phase {
	if p == PhaseDiscussion || p == PhaseClosed {
		return PhaseClosed
	}
	return PhaseDiscussion
}

// Update implements tea.Model.
func (d Dashboard) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.width, d.height = msg.Width, msg.Height
		d.note.SetWidth(max(20, msg.Width-4))
		d.note.SetHeight(4)
	case snapshotMsg:
		if msg.err != nil {
			d.err = msg.err
		} else {
			d.snap, d.err = msg.snap, nil
		}
		return d, tea.Tick(RefreshEvery, func(time.Time) tea.Msg { return tickMsg{} })
	case tickMsg:
		return d, d.refresh()
	case tea.KeyMsg:
		if d.editing {
			switch msg.String() {
			case "esc":
				d.editing = false
				d.note.Blur()
				flagged, _ := d.disagreement()
				if text := strings.TrimSpace(d.note.Value()); text != "" && d.selected < len(flagged) {
					if err := d.f.SaveDecision(flagged[d.selected].ID, text); err != nil {
						d.err = err
					} else {
						d.saved = fmt.Sprintf(d.t["decision saved"], flagged[d.selected].ID)
					}
				}
				return d, nil
			}
			var cmd tea.Cmd
			d.note, cmd = d.note.Update(msg)
			return d, cmd
		}
		switch msg.String() {
		case "ctrl+c", "q":
			return d, tea.Quit
		case "n":
			if d.phase < PhaseClosed {
				if err := d.f.SetPhase(d.phase.next()); err != nil {
					d.err = err
					return d, nil
				}
				d.phase, d.selected, d.err = d.phase.next(), 0, nil
			}
			return d, d.refresh()
		case "r":
			if qs := d.revoteQuestions(); d.phase == PhaseDiscussion && len(qs) > 0 {
				if err := d.f.StartRevote(qs); err != nil {
					d.err = err
					return d, nil
				}
				d.phase, d.err = PhaseRevote, nil
				d.saved = fmt.Sprintf(d.t["revote started"], len(qs))
				if len(qs) == 1 {
					d.saved = d.t["revote started one"]
				}
			}
			return d, d.refresh()
		case " ":
			if flagged, _ := d.disagreement(); d.phase == PhaseDiscussion && len(d.snap.Revote) == 0 && d.selected < len(flagged) {
				id := flagged[d.selected].ID
				d.marked[id] = !d.marked[id]
			}
		case "up", "k":
			d.selected = max(0, d.selected-1)
		case "down", "j":
			list, _ := d.disagreement()
			d.selected = min(max(0, len(list)-1), d.selected+1)
		case "e":
			if list, _ := d.disagreement(); d.phase == PhaseDiscussion && len(list) > 0 {
				d.editing = true
				d.note.SetValue("")
				return d, d.note.Focus()
			}
		}
	}
	return d, nil
}

// View implements tea.Model.
func (d Dashboard) View() string {
	t, q, w := d.t, d.info.Questionnaire, d.width
	phase := []string{t["phase answering"], t["phase discussion"], t["phase revote"], t["phase closed"]}[d.phase]
	lines := []string{
		d.styles.Title.Render(fmt.Sprintf("%s — %s, %s %s", t["workshop title"], d.info.Department, t["round"], d.info.Round)),
		fmt.Sprintf("%s: %s   %s: %s   %s: %s", t["code"], d.styles.Header.Render(d.info.Code), t["connect"], d.info.Connect, t["phase"], d.styles.Header.Render(phase)),
	}
	// What the facilitator is doing comes first, so a short screen never hides it.
	if d.editing {
		lines = append(lines, "", t["decision prompt"], d.note.View())
	}
	if d.saved != "" {
		lines = append(lines, d.styles.Good.Render(d.saved))
	}
	if d.err != nil {
		lines = append(lines, d.styles.Error.Render(ansi.Truncate(d.err.Error(), w, "…")))
	}
	lines = append(lines, "", d.styles.Header.Render(fmt.Sprintf(t["participants"], len(d.snap.Participants))))
	// During a re-vote, progress is on its questions.
	total := len(q.Questions())
	if d.phase == PhaseRevote {
		total = len(d.snap.Revote)
	}
	barW := max(10, min(30, w/4))
	for _, p := range d.snap.Participants {
		done := p.Answered
		if d.phase == PhaseRevote {
			done = p.Revoted
		}
		filled := barW * min(done, total) / max(1, total)
		lines = append(lines, fmt.Sprintf("  %-20s %s%s %d/%d", ansi.Truncate(p.Pseudonym, 20, "…"),
			d.styles.BarFull.Render(strings.Repeat("█", filled)), d.styles.BarEmpty.Render(strings.Repeat("░", barW-filled)), done, total))
	}
	// The questions to discuss come before the scores: on a short screen
	// the discussion is what must stay in view.
	lines = append(lines, d.viewDisagreement()...)
	lines = append(lines, d.viewScores()...)
	keys := t["dashboard keys answering"]
	switch {
	case d.phase == PhaseDiscussion && len(d.snap.Revote) > 0:
		keys = t["dashboard keys discussed"]
	case d.phase == PhaseDiscussion:
		keys = t["dashboard keys discussion"]
	case d.phase == PhaseRevote && d.local:
		keys = t["dashboard keys revote local"]
	case d.phase == PhaseRevote:
		keys = t["dashboard keys revote"]
	case d.phase == PhaseClosed:
		keys = t["dashboard keys closed"]
	case d.local:
		keys = t["dashboard keys local"]
	}
	lines = append(lines, "", d.styles.Muted.Render(ansi.Truncate(keys, w, "…")))
	if len(lines) > d.height {
		lines = append(lines[:d.height-1], lines[len(lines)-1])
	}
	return strings.Join(lines, "\n")
}

// voting says whether the workshop is in a silent vote: nobody, the
// facilitator's beamer included, sees a figure derived from answers then.
func (d Dashboard) voting() bool { return d.phase == PhaseAnswering || d.phase == PhaseRevote }

// viewScores is the group's score per dimension on the level scale, once
// answering has closed.
func (d Dashboard) viewScores() []string {
	t, q, lang, w := d.t, d.info.Questionnaire, d.info.Lang, d.width
	lines := []string{"", d.styles.Header.Render(ansi.Truncate(t["group scores"], w, "…"))}
	if d.voting() {
		for _, l := range hang("  ", t["scores after vote"], w) {
			lines = append(lines, d.styles.Muted.Render(l))
		}
		return lines
	}
	nameW := min(34, max(12, w/3))
	cells := max(1, min(6, (w-nameW-16)/4))
	lines = append(lines, d.styles.Muted.Render(fmt.Sprintf("  %-*s %s", nameW, "", axis(cells))))
	for _, dr := range d.snap.Result.Dimensions {
		level := " "
		if dr.Score != nil {
			level = fmt.Sprint(dr.Level)
		}
		lines = append(lines, ansi.Truncate(fmt.Sprintf("  %-*s %s  %3s  %s ▏%d", nameW, ansi.Truncate(q.Dimension(dr.ID).Name.In(lang), nameW, "…"),
			bar(d.styles, dr.Score, dr.Target, cells), scoreText(dr.Score, lang), level, dr.Target), w, "…"))
	}
	return lines
}

// viewDisagreement lists the questions to discuss: during a vote which
// ones diverge, without figures; in discussion each with its spread and
// distribution. A question with fewer scored answers than the anonymity
// threshold is only counted; a re-voted question shows its first vote
// beside the final.
func (d Dashboard) viewDisagreement() []string {
	t, q, lang, w := d.t, d.info.Questionnaire, d.info.Lang, d.width
	flagged, hidden := d.disagreement()
	head := fmt.Sprintf(t["disagreement"], len(flagged))
	if len(flagged) == 1 {
		head = t["disagreement one"]
	}
	lines := []string{"", d.styles.Header.Render(head)}
	switch {
	case hidden == 1:
		lines = append(lines, "  "+d.styles.Muted.Render(ansi.Truncate(fmt.Sprintf(t["hidden one"], q.Rules.AnonymityThreshold), w-2, "…")))
	case hidden > 1:
		lines = append(lines, "  "+d.styles.Muted.Render(ansi.Truncate(fmt.Sprintf(t["hidden below"], hidden, q.Rules.AnonymityThreshold), w-2, "…")))
	}
	// Eight at a time, scrolled so that the selected question is one of them.
	const shown = 8
	from := 0
	if d.phase == PhaseDiscussion && d.selected >= shown {
		from = d.selected - shown + 1
	}
	if from > 0 {
		lines = append(lines, fmt.Sprintf("  … %d", from))
	}
	for i, x := range flagged {
		if i < from {
			continue
		}
		if i == from+shown {
			return append(lines, fmt.Sprintf("  … +%d", len(flagged)-i))
		}
		cursor, mark := "  ", ""
		if d.phase == PhaseDiscussion && i == d.selected {
			cursor = "› "
		}
		if d.marked[x.ID] && len(d.snap.Revote) == 0 {
			mark = "↺ "
		}
		tail := ""
		if !d.voting() {
			spread := fmt.Sprintf("%s %d", t["spread"], x.spread())
			if x.first != nil && x.Spread != nil {
				spread = fmt.Sprintf("%s %d → %d", t["spread"], x.spread(), *x.Spread)
			}
			tail = fmt.Sprintf("  (%s)", spread)
		}
		// A long question is cut, never its spread.
		text := ansi.Truncate(q.Question(x.ID).Text.In(lang), max(10, w-ansi.StringWidth(cursor+mark+tail)), "…")
		lines = append(lines, ansi.Truncate(cursor+mark+text+tail, w, "…"))
		if d.phase != PhaseDiscussion {
			continue
		}
		dist := distribution(x.Counts)
		if x.first != nil {
			dist = fmt.Sprintf("%s %s   %s %s", t["first vote"], distribution(x.first.Counts), t["revote"], dist)
		}
		lines = append(lines, "     "+ansi.Truncate(dist, w-5, "…"))
	}
	return lines
}

// distribution draws how many chose each level: 1:■ 2:■■■ …
func distribution(counts [5]int) string {
	var out []string
	for i, c := range counts {
		out = append(out, fmt.Sprintf("%d:%s", i+1, strings.Repeat("■", c)))
	}
	return strings.Join(out, "  ")
}
