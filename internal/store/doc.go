// Package store keeps departments, assessment rounds, respondents, answers,
// notes and targets in one SQLite file, and is the only package that speaks
// SQL. Every public method owns its transaction, so every write a user makes
// is committed when the method returns.
//
// It never computes a score and never parses a questionnaire: it stores the
// questionnaire file as a snapshot and hands back what scoring needs.
package store
