package scoring

import (
	"math"
	"sort"
	"sync"

	"github.com/maturity-nl/maturity/internal/questionnaire"
)

// respondentScores gives, per dimension, every respondent's own dimension
// score: the question-weighted mean of their scored answers there.
func respondentScores(q *questionnaire.Questionnaire, byQuestion map[string]map[string]Value) map[string]map[string]float64 {
	out := map[string]map[string]float64{}
	for _, d := range q.Dimensions() {
		sums, weights := map[string]float64{}, map[string]float64{}
		for _, qu := range d.Questions {
			for r, v := range byQuestion[qu.ID] {
				if v.Scored() {
					sums[r] += float64(v) * qu.Weight
					weights[r] += qu.Weight
				}
			}
		}
		own := map[string]float64{}
		for r, s := range sums {
			own[r] = s / weights[r]
		}
		out[d.ID] = own
	}
	return out
}

// overallEstimate is the interval and confidence of the overall score, from
// every respondent's own overall score: the dimension-weighted mean of
// their own dimension scores.
func overallEstimate(q *questionnaire.Questionnaire, score *float64, own map[string]map[string]float64, dims []DimensionResult) Estimate {
	sums, weights := map[string]float64{}, map[string]float64{}
	for _, d := range q.Dimensions() {
		for r, s := range own[d.ID] {
			sums[r] += s * d.Weight
			weights[r] += d.Weight
		}
	}
	overall := map[string]float64{}
	for r, s := range sums {
		overall[r] = s / weights[r]
	}
	answered, dontKnow := 0, 0
	for _, d := range dims {
		answered += d.Answered
		dontKnow += d.DontKnow
	}
	return estimate(score, values(overall), answered, dontKnow)
}

// values returns a map's values in the order of its keys, so that sums come
// out the same to the last bit on every run.
func values(m map[string]float64) []float64 {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]float64, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

// estimate puts a 90% interval around score from the respondents' own
// scores xs: h = t(0.95; n−1)·s/√n with s their sample standard deviation,
// and grades the confidence.
func estimate(score *float64, xs []float64, answered, dontKnow int) Estimate {
	e := Estimate{Respondents: len(xs)}
	if answered+dontKnow > 0 {
		e.DontKnowShare = float64(dontKnow) / float64(answered+dontKnow)
	}
	if score != nil && len(xs) >= 2 {
		n := float64(len(xs))
		mean := 0.0
		for _, x := range xs {
			mean += x
		}
		mean /= n
		ss := 0.0
		for _, x := range xs {
			ss += (x - mean) * (x - mean)
		}
		h := StudentT95(len(xs)-1) * math.Sqrt(ss/(n-1)) / math.Sqrt(n)
		e.HalfWidth = &h
		e.Interval = &Interval{
			Low:  max(*score-h, questionnaire.MinLevel),
			High: min(*score+h, questionnaire.MaxLevel),
		}
	}
	e.Confidence = ConfidenceOf(score != nil, e.Respondents, e.HalfWidth, e.DontKnowShare)
	return e
}

// tCache holds t(0.95; df) by degrees of freedom: every round of the same
// size asks for the same quantile.
var tCache sync.Map

// StudentT95 is the 0.95 quantile of Student's t distribution with df
// degrees of freedom (df ≥ 1): the factor of a two-sided 90% interval.
func StudentT95(df int) float64 {
	if df < 1 {
		return math.NaN()
	}
	if t, ok := tCache.Load(df); ok {
		return t.(float64)
	}
	t := tQuantile(0.95, float64(df))
	tCache.Store(df, t)
	return t
}

// tQuantile finds t with P(T ≤ t) = p for p > 0.5 by bisection on the
// distribution function, to well below the precision any view shows.
func tQuantile(p, df float64) float64 {
	lo, hi := 0.0, 1.0
	for tCDF(hi, df) < p {
		hi *= 2
	}
	for i := 0; i < 200 && hi-lo > 1e-12; i++ {
		mid := (lo + hi) / 2
		if tCDF(mid, df) < p {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// tCDF is P(T ≤ t) for t ≥ 0: 1 − ½·I_x(df/2, ½) with x = df/(df + t²).
func tCDF(t, df float64) float64 {
	return 1 - 0.5*regIncBeta(df/2, 0.5, df/(df+t*t))
}

// regIncBeta is the regularised incomplete beta function I_x(a, b), by its
// continued fraction (evaluated with the modified Lentz method), using the
// symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where that converges faster.
func regIncBeta(a, b, x float64) float64 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 1
	}
	la, _ := math.Lgamma(a + b)
	lb, _ := math.Lgamma(a)
	lc, _ := math.Lgamma(b)
	front := math.Exp(la - lb - lc + a*math.Log(x) + b*math.Log(1-x))
	if x < (a+1)/(a+b+2) {
		return front * betaFraction(a, b, x) / a
	}
	return 1 - front*betaFraction(b, a, 1-x)/b
}

// betaFraction evaluates the continued fraction of the incomplete beta
// function.
func betaFraction(a, b, x float64) float64 {
	const tiny = 1e-300
	c, d := 1.0, 1-(a+b)*x/(a+1)
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	f := d
	for m := 1; m <= 300; m++ {
		mf := float64(m)
		for _, num := range [2]float64{
			mf * (b - mf) * x / ((a + 2*mf - 1) * (a + 2*mf)),
			-(a + mf) * (a + b + mf) * x / ((a + 2*mf) * (a + 2*mf + 1)),
		} {
			d = 1 + num*d
			if math.Abs(d) < tiny {
				d = tiny
			}
			c = 1 + num/c
			if math.Abs(c) < tiny {
				c = tiny
			}
			d = 1 / d
			f *= c * d
		}
		if math.Abs(c*d-1) < 1e-15 {
			break
		}
	}
	return f
}
