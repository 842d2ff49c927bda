package demo

import (
	"math/rand/v2"

	"github.com/maturity-nl/maturity/internal/questionnaire"
)

// Role is the pattern a department's answers follow.
type Role string

// The roles of gemeente.yaml. A department without a role is ordinary.
const (
	RoleOrdinary Role = ""
	// RoleCluster is a cluster of departments: part of the hierarchy, never
	// assessed itself.
	RoleCluster Role = "cluster"
	// RoleImproving starts weak and rises clearly from round to round.
	RoleImproving Role = "improving"
	// RoleDisagreeing holds large workshops whose answers split on a number
	// of questions (spread ≥ 2).
	RoleDisagreeing Role = "disagreeing"
	// RoleCappedByGovernance has good analytics on weak data governance:
	// the foundation cap lowers its level.
	RoleCappedByGovernance Role = "capped-governance"
	// RoleCappedByReadiness has good analytics that never leave the pilot
	// stage: weak readiness caps its level.
	RoleCappedByReadiness Role = "capped-readiness"
	// RoleCappedByMinimum is strong on every group but breaks one legal
	// duty: the minimum cap, not the foundations, lowers its level.
	RoleCappedByMinimum Role = "capped-minimum"
	// RoleStrong is ahead of the organisation on every group.
	RoleStrong Role = "strong"
	// RoleLate joined after the first round.
	RoleLate Role = "late"
	// RoleStale took part in the first round only, so it has no recent
	// assessment.
	RoleStale Role = "stale"
)

// profile is a department's underlying level per dimension, on the level
// scale 1–5: the four ascendancy stages from descriptive to prescriptive,
// the two foundation groups, and any other group.
type profile struct {
	stages                [4]float64
	governance, readiness float64
	other                 float64
}

// plus raises every figure of p by d.
func (p profile) plus(d float64) profile {
	for i := range p.stages {
		p.stages[i] += d
	}
	p.governance += d
	p.readiness += d
	p.other += d
	return p
}

// course is how a role's profile moves from its first round (start) to its
// last (end), and how much its departments differ from one another.
type course struct {
	start, end profile
	// drift, when not zero, replaces end by start plus a drift drawn
	// between drift[0] and drift[1] per department.
	drift [2]float64
	// shift is the range of a department-wide offset.
	shift float64
	// damped is the kind of foundation group whose dimensions keep close
	// to the profile, so that the cap it causes holds for every seed; the
	// other groups of such a department vary half as much as usual. The
	// legal minimums in that group follow the weak profile too: a weak
	// foundation includes the duties it leaves unmet.
	damped questionnaire.GroupKind
	// minimumsFrom is the progress (0 at the first round, 1 at the last)
	// from which the department meets every legal minimum outside its
	// damped group; before it, the minimums follow the profile.
	minimumsFrom float64
}

// courseOf returns the course of a role.
func courseOf(r Role) (course, bool) {
	ordinary := profile{stages: [4]float64{3.5, 2.7, 1.9, 1.4}, governance: 2.3, readiness: 2.5, other: 2.5}
	switch r {
	case RoleOrdinary, RoleDisagreeing, RoleLate, RoleStale:
		return course{start: ordinary, drift: [2]float64{-0.1, 0.45}, shift: 0.4}, true
	case RoleStrong:
		p := profile{stages: [4]float64{4.1, 3.5, 2.6, 1.9}, governance: 3.2, readiness: 3.0, other: 3.0}
		return course{start: p, drift: [2]float64{0.1, 0.3}, shift: 0.2}, true
	// The improving department starts with legal gaps and has closed them
	// from its second round on.
	case RoleImproving:
		return course{
			start:        profile{stages: [4]float64{2.5, 1.8, 1.3, 1.1}, governance: 1.9, readiness: 2.0, other: 2.0},
			end:          profile{stages: [4]float64{4.0, 3.3, 2.4, 1.8}, governance: 3.1, readiness: 3.3, other: 3.2},
			minimumsFrom: 0.01,
		}, true
	// Strong enough that its overall score stays at level 3 or above, so
	// that the minimum cap its one breach causes lowers the level.
	case RoleCappedByMinimum:
		p := profile{stages: [4]float64{4.3, 3.8, 3.0, 1.8}, governance: 3.5, readiness: 3.4, other: 3.3}
		return course{start: p, drift: [2]float64{0.05, 0.2}, shift: 0.15}, true
	// The foundation cap bites only when the overall score reaches level 3
	// while the weak group stays under 2 (its level 1 caps at 2), and that
	// group is six of the sixteen dimensions: the rest of a capped
	// department has to be strong.
	case RoleCappedByGovernance:
		return course{
			start:  profile{stages: [4]float64{4.5, 4.1, 3.4, 2.0}, governance: 1.5, readiness: 4.7, other: 3.0},
			end:    profile{stages: [4]float64{4.7, 4.3, 3.6, 2.2}, governance: 1.55, readiness: 4.8, other: 3.1},
			damped: questionnaire.KindGovernance,
		}, true
	case RoleCappedByReadiness:
		return course{
			start:  profile{stages: [4]float64{4.6, 4.3, 3.7, 2.0}, governance: 4.6, readiness: 1.5, other: 3.0},
			end:    profile{stages: [4]float64{4.7, 4.4, 3.8, 2.2}, governance: 4.7, readiness: 1.55, other: 3.1},
			damped: questionnaire.KindReadiness,
		}, true
	}
	return course{}, false
}

// department is what the generator draws once per department: its course
// and its own offsets, kept across its rounds.
type department struct {
	course course
	start  profile
	end    profile
	// offset per question: the department's own strengths and weaknesses.
	offset map[string]float64
	// breach is the question whose legal minimum the department does not
	// meet in any round; "" for none.
	breach string
	// margin per question with a legal minimum: how far from the
	// minimum's level the department's score lies where it meets the
	// minimum (above it) or breaks it (below it), kept across its rounds.
	margin map[string]float64
}

// newDepartment draws a department's profile; orgOffset is the
// organisation's offset per dimension.
func newDepartment(q *questionnaire.Questionnaire, c course, orgOffset map[string]float64, r *rand.Rand) department {
	d := department{course: c, start: c.start, end: c.end, offset: map[string]float64{}, margin: map[string]float64{}}
	shift := uniform(r, -c.shift, c.shift)
	d.start = d.start.plus(shift)
	if c.drift != [2]float64{} {
		d.end = d.start.plus(uniform(r, c.drift[0], c.drift[1]))
	} else {
		d.end = d.end.plus(shift)
	}
	for _, dim := range q.Dimensions() {
		damp := 1.0
		switch {
		case c.damped == "":
		case dim.Group.Kind == c.damped:
			damp = 0.2
		default:
			damp = 0.5
		}
		dimOffset := orgOffset[dim.ID] + uniform(r, -0.35, 0.35)
		for _, qu := range dim.Questions {
			d.offset[qu.ID] = damp * (dimOffset + uniform(r, -0.35, 0.35))
			if qu.Minimum != nil {
				d.margin[qu.ID] = uniform(r, 0.5, 1.1)
			}
		}
	}
	return d
}

// mean is the department's underlying score on a question at progress p
// (0 at its first round, 1 at its last), within the levels 1–5.
func (d department) mean(q *questionnaire.Questionnaire, qu *questionnaire.Question, p float64) float64 {
	at := func(pr profile) float64 { return pr.of(q, qu.Dimension) }
	m := at(d.start) + p*(at(d.end)-at(d.start)) + d.offset[qu.ID]
	return min(questionnaire.MaxLevel, max(questionnaire.MinLevel, m))
}

// minimumMean moves a question's underlying score m to where its legal
// minimum puts it: at least a level below the minimum's level on the
// department's breach, so that every answer is below it; half a level or
// more above it where the department meets its minimums, so that every
// answer reaches it; unchanged otherwise. A question without a minimum
// keeps m.
func (d department) minimumMean(qu *questionnaire.Question, m, p float64) float64 {
	mn := qu.Minimum
	switch {
	case mn == nil:
		return m
	case qu.ID == d.breach:
		return max(questionnaire.MinLevel, min(m, float64(mn.Level)-0.5-d.margin[qu.ID]))
	case d.holdsMinimum(qu, p):
		return max(m, min(questionnaire.MaxLevel, float64(mn.Level)+d.margin[qu.ID]))
	}
	return m
}

// holdsMinimum says whether the department meets the minimum of qu at
// progress p, so that its answers must stay at or above the minimum.
func (d department) holdsMinimum(qu *questionnaire.Question, p float64) bool {
	return qu.Minimum != nil && qu.ID != d.breach && qu.Dimension.Group.Kind != d.course.damped && p >= d.course.minimumsFrom
}

// of is the profile's figure for a dimension: the stages are spread over
// however many stages the questionnaire has.
func (p profile) of(q *questionnaire.Questionnaire, dim *questionnaire.Dimension) float64 {
	switch dim.Group.Kind {
	case questionnaire.KindGovernance:
		return p.governance
	case questionnaire.KindReadiness:
		return p.readiness
	case questionnaire.KindStages:
		stages := dim.Group.Dimensions
		i := 0
		for i < len(stages) && stages[i] != dim {
			i++
		}
		x := float64(len(p.stages)-1) * float64(i) / float64(max(1, len(stages)-1))
		lo := min(int(x), len(p.stages)-2)
		return p.stages[lo] + (x-float64(lo))*(p.stages[lo+1]-p.stages[lo])
	}
	return p.other
}

// uniform draws from [lo, hi).
func uniform(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }
