// Package scoring computes every figure the tool shows — question statistics,
// dimension, group and overall scores, levels, the ascendancy stage, the
// foundation cap, consensus flags, gaps, confidence and recommendations — from
// a questionnaire and a set of answers.
//
// It is pure: no I/O, no clock, no randomness, and it imports nothing of the
// project but questionnaire. Views only show a Result; they never compute.
package scoring
