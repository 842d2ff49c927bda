package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/maturity-nl/maturity/internal/questionnaire"
)

// Defaults and limits of Options.
const (
	DefaultDepartments = 12
	DefaultRounds      = 3
	MaxDepartments     = 1000
	MaxRespondents     = 100
	MaxRounds          = 6
)

// BaseDate is when the fictional programme starts: the departments are
// created then, and the rounds follow from the next month on, over two
// years. It is fixed, so that no date depends on when the demo is made.
func BaseDate() time.Time { return time.Date(2025, time.January, 6, 9, 0, 0, 0, time.UTC) }

// ReferenceDay is the demo's today, as YYYY-MM-DD: every round has closed
// and every action was agreed and changed before it, and whether an action
// is overdue is counted on it. It is fixed, so that the demo tells the
// same story whenever it is made; an action overdue on it stays overdue.
const ReferenceDay = "2026-11-02"

// ReferenceDate is ReferenceDay at the start of the working day, UTC.
func ReferenceDate() time.Time {
	d, _ := time.Parse(time.DateOnly, ReferenceDay)
	return d.Add(9 * time.Hour)
}

// programmeMonths is how many months after the first the last round may
// start (before its two months of jitter): the last round closes in
// October 2026 at the latest, before ReferenceDay.
const programmeMonths = 18

// Options say how large the municipality is.
type Options struct {
	Seed uint64
	// Departments counts the departments that are assessed (clusters come
	// on top); 0 means DefaultDepartments.
	Departments int
	// Respondents is the number of respondents in every round; 0 lets it
	// vary: 4–8 in a self-assessment, 8–20 in a workshop.
	Respondents int
	// Rounds is the number of rounds of the programme, spread over 2025
	// and 2026; 0 means DefaultRounds.
	Rounds int
}

// Check fills in the defaults and refuses options out of range, saying what
// is expected.
func (o Options) Check() (Options, error) {
	if o.Departments == 0 {
		o.Departments = DefaultDepartments
	}
	if o.Rounds == 0 {
		o.Rounds = DefaultRounds
	}
	switch {
	case o.Departments < 1 || o.Departments > MaxDepartments:
		return o, fmt.Errorf("%d departments: expected 1 to %d", o.Departments, MaxDepartments)
	case o.Respondents < 0 || o.Respondents > MaxRespondents:
		return o, fmt.Errorf("%d respondents: expected 1 to %d", o.Respondents, MaxRespondents)
	case o.Rounds < 1 || o.Rounds > MaxRounds:
		return o, fmt.Errorf("%d rounds: expected 1 to %d", o.Rounds, MaxRounds)
	}
	return o, nil
}

// Municipality is the invented organisation with everything it answered.
type Municipality struct {
	Name string
	// Departments lists the clusters first, then the departments in the
	// order they were made; a parent always comes before its children.
	Departments []Department
	// Rounds are by department, oldest first.
	Rounds []Round
	// Actions are what the departments agreed after their rounds, by
	// department and round, in the order they were agreed.
	Actions []Action
}

// Department is a cluster or a department of the municipality.
type Department struct {
	Name, Parent string
	Role         Role
	// Targets are the department's own target levels by dimension.
	Targets map[string]int
	// Breach is the question whose legal minimum the department does not
	// meet in any round (a capped-minimum department); "" for none.
	Breach string
	// AgreesNothing says the department agreed no action after any of
	// its rounds.
	AgreesNothing bool
}

// Round is one assessment round of one department.
type Round struct {
	Department string
	// Label is the round's month, as maturity labels rounds: 2025-03.
	Label string
	// Closed is when the round closed; every answer was given by then.
	Closed   time.Time
	Workshop bool
	// Respondents are pseudonyms, in the order they were drawn.
	Respondents []string
	Answers     []Answer
	// Notes are the group's notes on the questions it discussed.
	Notes []Note
	// Disputed are the questions whose answers were made to diverge (a
	// spread of at least 2), in questionnaire order.
	Disputed []string
	// Revote holds the second votes of a workshop that voted again on its
	// disputed questions after discussing them; empty for other rounds.
	Revote []Answer
}

// Answer is one respondent's answer: a level 1–5, dk (don't know) or na
// (not applicable), as in the long exchange format.
type Answer struct {
	Respondent, Question, Value string
}

// Note is a note of the group on a question.
type Note struct {
	Question, Text string
}

// WithRole returns the names of the departments with role r.
func (m *Municipality) WithRole(r Role) []string {
	var out []string
	for _, d := range m.Departments {
		if d.Role == r {
			out = append(out, d.Name)
		}
	}
	return out
}

// Showcase is the department whose report shows the most: the improving
// one, else the first department assessed.
func (m *Municipality) Showcase() string {
	if names := m.WithRole(RoleImproving); len(names) > 0 {
		return names[0]
	}
	return m.Rounds[0].Department
}

// Answers counts every answer of every round.
func (m *Municipality) Answers() int {
	n := 0
	for _, r := range m.Rounds {
		n += len(r.Answers)
	}
	return n
}

// Generate invents a municipality that answered q. The same q, options and
// seed give the same municipality.
func Generate(q *questionnaire.Questionnaire, o Options) (*Municipality, error) {
	o, err := o.Check()
	if err != nil {
		return nil, err
	}
	if len(q.Questions()) == 0 {
		return nil, fmt.Errorf("questionnaire %s has no questions", q.ID)
	}
	c, err := loadContent()
	if err != nil {
		return nil, err
	}
	// Stream 0 draws what the whole organisation shares; stream i+1 is
	// department i's own, so a department does not change when more are
	// added after it.
	org := newRand(o.Seed, 0)
	orgOffset := map[string]float64{}
	for _, dim := range q.Dimensions() {
		orgOffset[dim.ID] = uniform(org, -0.3, 0.3)
	}
	m := &Municipality{Name: c.Organisation}
	type planned struct {
		name, cluster string
		role          Role
		breach        string
		agreesNothing bool
	}
	var depts []planned
	used := make([]bool, len(c.Clusters))
	for i := 0; i < o.Departments; i++ {
		ci, k := i%len(c.Clusters), i/len(c.Clusters)
		list := c.Clusters[ci].Departments
		entry, n := list[k%len(list)], k/len(list)
		p := planned{name: c.departmentName(entry.Name, n), cluster: c.Clusters[ci].Name}
		if n == 0 {
			p.role = entry.Role
			if p.role == RoleCappedByMinimum {
				p.breach = breachOf(q, entry.Breach)
			}
			p.agreesNothing = entry.AgreesNothing
		}
		used[ci] = true
		depts = append(depts, p)
	}
	for ci, cl := range c.Clusters {
		if used[ci] {
			m.Departments = append(m.Departments, Department{Name: cl.Name, Role: RoleCluster})
		}
	}
	g := generator{q: q, o: o, c: c}
	for i, p := range depts {
		r := newRand(o.Seed, uint64(i)+1)
		crs, _ := courseOf(p.role)
		d := Department{Name: p.name, Parent: p.cluster, Role: p.role, Breach: p.breach, AgreesNothing: p.agreesNothing}
		if p.role == RoleImproving {
			d.Targets = g.improvingTargets()
		}
		m.Departments = append(m.Departments, d)
		dept := newDepartment(q, crs, orgOffset, r)
		dept.breach = p.breach
		rounds := g.rounds(p.name, p.role, dept, r)
		m.Rounds = append(m.Rounds, rounds...)
		if !p.agreesNothing {
			// A stream of its own, so that the answers stay as they were
			// before the demo agreed actions.
			m.Actions = append(m.Actions, g.actions(p.name, p.role, dept, rounds, newRand(o.Seed, actionStream|(uint64(i)+1)))...)
		}
	}
	return m, nil
}

// breachOf is the question whose legal minimum a capped-minimum department
// breaks: the one the content names, else the questionnaire's first
// minimum that can be unmet (a minimum of level 1 cannot), else none.
func breachOf(q *questionnaire.Questionnaire, named string) string {
	if x := q.Question(named); x != nil && x.Minimum != nil && x.Minimum.Level > questionnaire.MinLevel {
		return named
	}
	for _, x := range q.Minimums() {
		if x.Minimum.Level > questionnaire.MinLevel {
			return x.ID
		}
	}
	return ""
}

func newRand(seed, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15^stream))
}

// generator holds what every department's rounds are made from.
type generator struct {
	q *questionnaire.Questionnaire
	o Options
	c content
}

// improvingTargets: the improving department aims, for now, at level 3 on
// the later stages of the ladder, below the questionnaire's default.
func (g generator) improvingTargets() map[string]int {
	sg := g.q.StageGroup()
	if sg == nil || len(sg.Dimensions) < 3 {
		return nil
	}
	t := map[string]int{}
	for _, d := range sg.Dimensions[2:] {
		t[d.ID] = 3
	}
	return t
}

// slots are the months of the programme's rounds, counted from the month
// after BaseDate: spread over programmeMonths, so that they fall in 2025
// and 2026, before ReferenceDay.
func slots(rounds int) []int {
	if rounds == 1 {
		return []int{8}
	}
	out := make([]int, rounds)
	for i := range out {
		out[i] = i * programmeMonths / (rounds - 1)
	}
	return out
}

// rounds makes a department's rounds.
func (g generator) rounds(name string, role Role, d department, r *rand.Rand) []Round {
	all := slots(g.o.Rounds)
	taken := all
	if len(all) > 1 {
		switch role {
		case RoleStale:
			taken = all[:1]
		case RoleLate:
			taken = all[1:]
		}
	}
	// The same people tend to answer again: one order of pseudonyms per
	// department, each round starting at one of its first three.
	perm := r.Perm(len(g.c.Pseudonyms))
	base := BaseDate()
	first := time.Date(base.Year(), base.Month()+1, 1, 0, 0, 0, 0, time.UTC)
	var out []Round
	for i, slot := range taken {
		// The spacing of the slots is at least three months (MaxRounds
		// over programmeMonths), so two months of jitter keep the rounds
		// in order.
		month := first.AddDate(0, slot+r.IntN(3), 0)
		last := i == len(taken)-1
		rd := Round{Department: name, Label: month.Format("2006-01")}
		rd.Closed = month.Add(time.Duration(4+r.IntN(20))*24*time.Hour + time.Duration(9+r.IntN(8))*time.Hour + time.Duration(r.IntN(4))*15*time.Minute)
		switch role {
		case RoleImproving:
			rd.Workshop = i > 0
		case RoleDisagreeing:
			rd.Workshop = last || r.IntN(2) == 0
		default:
			rd.Workshop = r.Float64() < 0.4
		}
		n := g.o.Respondents
		if n == 0 {
			switch {
			case role == RoleDisagreeing && last:
				n = 16 + r.IntN(5)
			case rd.Workshop:
				n = 8 + r.IntN(13)
			default:
				n = 4 + r.IntN(5)
			}
		}
		start := r.IntN(3)
		for k := range n {
			rd.Respondents = append(rd.Respondents, g.c.pseudonym(perm, start+k))
		}
		disputes := 0
		switch {
		case n < 2:
		case role == RoleDisagreeing && last:
			disputes = 8
		case role == RoleDisagreeing:
			disputes = 4
		case rd.Workshop:
			disputes = 2 + r.IntN(3)
		default:
			disputes = r.IntN(2)
		}
		p := 0.0
		if len(all) > 1 {
			p = float64(slot) / float64(all[len(all)-1])
		}
		g.answer(&rd, d, p, disputes, role == RoleDisagreeing, r)
		// The improving department's latest workshop votes again on what
		// it discussed, and comes closer together.
		if role == RoleImproving && last && rd.Workshop {
			revote(&rd, r)
		}
		out = append(out, rd)
	}
	return out
}

// answer fills a round's answers: around the department's underlying score
// on each question, the team within one point of each other, except on the
// disputed questions, whose answers lie two points apart.
func (g generator) answer(rd *Round, d department, p float64, disputes int, camps bool, r *rand.Rand) {
	var candidates []*questionnaire.Question
	for _, qu := range g.q.Questions() {
		// A capped department's disputes stay out of the group that caps
		// it, so that the camps do not lift that group over the cap, and
		// out of its breach. A minimum it meets is disputed only where
		// the split's lowest answer (at most level 3) still reaches it.
		switch {
		case d.course.damped != "" && qu.Dimension.Group.Kind == d.course.damped:
		case qu.ID == d.breach:
		case d.holdsMinimum(qu, p) && qu.Minimum.Level > questionnaire.MaxLevel-2:
		default:
			candidates = append(candidates, qu)
		}
	}
	disputed := map[string]bool{}
	for _, i := range r.Perm(len(candidates))[:min(disputes, len(candidates))] {
		disputed[candidates[i].ID] = true
	}
	for _, qu := range g.q.Questions() {
		m := d.minimumMean(qu, d.mean(g.q, qu, p), p)
		if disputed[qu.ID] {
			rd.Disputed = append(rd.Disputed, qu.ID)
			g.split(rd, qu.ID, m, camps, r)
			if rd.Workshop {
				rd.Notes = append(rd.Notes, Note{Question: qu.ID, Text: g.note(qu.ID, r)})
			}
			continue
		}
		dk, na := 0.03, 0.01
		switch kind := qu.Dimension.Group.Kind; {
		case kind == questionnaire.KindGovernance:
			dk = 0.07 // who owns the data, is there a catalogue: often unknown
		case kind == questionnaire.KindStages && m < 2:
			na = 0.03 // "we do not forecast anything" reads as not applicable
		}
		for _, resp := range rd.Respondents {
			v := ""
			switch x := r.Float64(); {
			case x < dk:
				v = "dk"
			case x < dk+na:
				v = "na"
			default:
				v = fmt.Sprint(roundRandomly(m, r))
			}
			rd.Answers = append(rd.Answers, Answer{Respondent: resp, Question: qu.ID, Value: v})
		}
	}
}

// split answers a disputed question with a low answer and a high one two
// points above it, both given at least once, and some in between. In
// camps, the group splits in two halves (a disagreeing team); otherwise the
// answers keep close to m, a few seeing it differently.
func (g generator) split(rd *Round, question string, m float64, camps bool, r *rand.Rand) {
	lo := min(questionnaire.MaxLevel-2, max(questionnaire.MinLevel, int(m+0.5)-1))
	const mid = 0.2
	high := 0.4
	if !camps {
		// lo + mid + 2·high = m, within reason.
		high = min(0.8, max(0.1, (m-float64(lo)-mid)/2))
	}
	values := make([]int, len(rd.Respondents))
	for i := range values {
		switch x := r.Float64(); {
		case x < mid:
			values[i] = lo + 1
		case x < mid+high:
			values[i] = lo + 2
		default:
			values[i] = lo
		}
	}
	values[0], values[len(values)-1] = lo, lo+2
	for i, resp := range rd.Respondents {
		rd.Answers = append(rd.Answers, Answer{Respondent: resp, Question: question, Value: fmt.Sprint(values[i])})
	}
}

// revote gives every respondent a second vote on each disputed question:
// after the discussion most who stood apart take the group's middle
// answer and the others come one step towards it, so the spread narrows.
func revote(rd *Round, r *rand.Rand) {
	for _, q := range rd.Disputed {
		var first []Answer
		var values []int
		for _, a := range rd.Answers {
			if a.Question == q {
				first = append(first, a)
				if v, err := strconv.Atoi(a.Value); err == nil {
					values = append(values, v)
				}
			}
		}
		slices.Sort(values)
		middle := values[len(values)/2]
		for _, a := range first {
			v, err := strconv.Atoi(a.Value)
			switch {
			case err != nil || v == middle:
			case r.Float64() < 0.8:
				v = middle
			case v < middle:
				v++
			default:
				v--
			}
			rd.Revote = append(rd.Revote, Answer{Respondent: a.Respondent, Question: q, Value: fmt.Sprint(v)})
		}
	}
}

// note is what the group wrote down on a disputed question.
func (g generator) note(question string, r *rand.Rand) string {
	notes := g.c.Notes[question]
	if len(notes) == 0 {
		notes = g.c.GenericNotes
	}
	return notes[r.IntN(len(notes))]
}

// roundRandomly rounds m down or up, up with a chance of its fraction, so
// that the mean of many answers comes close to m.
func roundRandomly(m float64, r *rand.Rand) int {
	lo := int(m)
	if r.Float64() < m-float64(lo) {
		return lo + 1
	}
	return lo
}
