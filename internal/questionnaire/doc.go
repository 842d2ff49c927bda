// Package questionnaire owns the definition of a maturity questionnaire: its
// YAML file format, loading with exact positions, and validation that reports
// every problem at once as FILE:LINE:COL messages.
//
// It never touches answers, scores, storage or the terminal: a Questionnaire is
// read-only data that the scoring, store and view packages consume.
package questionnaire
