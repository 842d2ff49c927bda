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
	PhaseClosed                  // the round is closed
)

// Participant is one participant's progress.
type Participant struct {
	Pseudonym string
	Answered  int
}

// Snapshot is the workshop as the dashboard shows it.
type Snapshot struct {
	Participants []Participant
	Result       scoring.Result
}

// Facilitator is what the dashboard needs of the workshop.
type Facilitator interface {
	Snapshot() (Snapshot, error)
	// SetPhase moves the workshop on: answering closes at discussion.
	SetPhase(Phase) error
	// SaveDecision records the group's decision on a question as a note.
	SaveDecision(question, text string) error
}

// DashboardInfo is what does not change during a workshop.
type DashboardInfo struct {
	Questionnaire                 *questionnaire.Questionnaire
	Lang, Department, Round, Code string
	Connect                       string // the command participants type
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
	selected int // the highlighted question in discussion
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
	return Dashboard{f: f, info: info, styles: styles, t: textsFor(info.Lang), note: note, width: 100, height: 30}
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

// disagreement ranks the flagged questions: widest spread first, then most
// answers, then questionnaire order.
func (d Dashboard) disagreement() []scoring.QuestionResult {
	var out []scoring.QuestionResult
	for _, x := range d.snap.Result.Questions {
		if x.Flagged {
			out = append(out, x)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if *out[i].Spread != *out[j].Spread {
			return *out[i].Spread > *out[j].Spread
		}
		return out[i].N > out[j].N
	})
	return out
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
				flagged := d.disagreement()
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
				if err := d.f.SetPhase(d.phase + 1); err != nil {
					d.err = err
					return d, nil
				}
				d.phase++
				d.selected = 0
			}
			return d, d.refresh()
		case "up", "k":
			d.selected = max(0, d.selected-1)
		case "down", "j":
			d.selected = min(max(0, len(d.disagreement())-1), d.selected+1)
		case "e":
			if d.phase == PhaseDiscussion && len(d.disagreement()) > 0 {
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
	t, q, lang, w := d.t, d.info.Questionnaire, d.info.Lang, d.width
	phase := []string{t["phase answering"], t["phase discussion"], t["phase closed"]}[d.phase]
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
	total := len(q.Questions())
	barW := max(10, min(30, w/4))
	for _, p := range d.snap.Participants {
		filled := barW * p.Answered / max(1, total)
		lines = append(lines, fmt.Sprintf("  %-20s %s%s %d/%d", ansi.Truncate(p.Pseudonym, 20, "…"),
			d.styles.BarFull.Render(strings.Repeat("█", filled)), d.styles.BarEmpty.Render(strings.Repeat("░", barW-filled)), p.Answered, total))
	}
	lines = append(lines, "", d.styles.Header.Render(t["group scores"]))
	for _, dr := range d.snap.Result.Dimensions {
		lines = append(lines, fmt.Sprintf("  %-34s %s %s", ansi.Truncate(q.Dimension(dr.ID).Name.In(lang), 34, "…"), bar(d.styles, dr.Score, dr.Target, barW), scoreText(dr.Score)))
	}
	flagged := d.disagreement()
	lines = append(lines, "", d.styles.Header.Render(fmt.Sprintf(t["disagreement"], len(flagged))))
	shown := d.snap.Result.Respondents >= q.Rules.AnonymityThreshold
	switch {
	case len(flagged) > 0 && !shown:
		lines = append(lines, "  "+fmt.Sprintf(t["hidden below"], q.Rules.AnonymityThreshold))
	default:
		for i, x := range flagged {
			if i == 8 {
				lines = append(lines, fmt.Sprintf("  … +%d", len(flagged)-i))
				break
			}
			cursor := "  "
			if d.phase == PhaseDiscussion && i == d.selected {
				cursor = "› "
			}
			text := fmt.Sprintf("%s%s  (%s %d)", cursor, q.Question(x.ID).Text.In(lang), t["spread"], *x.Spread)
			lines = append(lines, ansi.Truncate(text, w, "…"))
			if d.phase == PhaseDiscussion {
				var dist []string
				for v, c := range x.Counts {
					dist = append(dist, fmt.Sprintf("%d:%s", v, strings.Repeat("■", c)))
				}
				lines = append(lines, "     "+ansi.Truncate(strings.Join(dist, "  "), w-5, "…"))
			}
		}
	}
	keys := t["dashboard keys answering"]
	if d.local {
		keys = t["dashboard keys local"]
	}
	if d.phase == PhaseDiscussion {
		keys = t["dashboard keys discussion"]
	}
	lines = append(lines, "", d.styles.Muted.Render(ansi.Truncate(keys, w, "…")))
	if len(lines) > d.height {
		lines = append(lines[:d.height-1], lines[len(lines)-1])
	}
	return strings.Join(lines, "\n")
}

func scoreText(s *float64) string {
	if s == nil {
		return "  –"
	}
	return fmt.Sprintf("%.2f", *s)
}
