package report

import "strings"

// method is the methodology of the appendix, a paragraph per rule of the
// scoring contract, with the questionnaire's own parameters: scale, scores,
// levels, stage, caps, legal minimums, interval and confidence, change,
// what to do first, discussion and anonymity.
func (w words) method() []string {
	r := w.q.Rules
	paras := []string{w.t["method_scale"], w.t["method_scores"], w.t.f("method_levels", r.DefaultTarget)}
	if w.q.StageGroup() != nil {
		paras = append(paras, w.t.f("method_stage", w.score(r.StageLevel)))
	}
	caps := w.t["method_foundation"]
	if !r.FoundationCap {
		caps = w.t["method_no_foundation"]
	}
	switch {
	case len(w.q.Minimums()) == 0:
		caps += " " + w.t["method_no_minimums"]
	case r.MinimumCap > 0:
		caps += " " + w.t.f("method_minimum_cap", r.MinimumCap)
	default:
		caps += " " + w.t["method_minimum_no_cap"]
	}
	paras = append(paras, caps, w.t["method_minimums"], w.t["method_interval"], w.t["method_confidence"], w.t["method_change"]+" "+w.t["method_change_first"],
		w.t["method_priority"], w.t.f("method_discussion", r.ConsensusSpread), w.t.f("method_anonymity", r.AnonymityThreshold))
	if len(w.res.Revotes) > 0 {
		paras = append(paras, w.t["method_revote"])
	}
	return paras
}

// methodExample is the worked example, a paragraph per step. It is the
// example questionnaire of testdata/method-example.yaml scored with the
// default rules; TestMethodExample keeps every number in it true.
func (w words) methodExample() []string {
	return strings.Split(strings.TrimSpace(w.t["method_example"]), "\n")
}
