// Package tui is the terminal interface: bubbletea models for answering a
// questionnaire — one question per screen, an overview, notes, help — the
// results screen and the workshop dashboard, plus a plain line-by-line mode
// for screen readers and scripts and the plain text of maturity results.
//
// It only shows: answers go out through a Backend the caller provides, and
// every figure on screen or in the text comes from a scoring.Result, on the
// one scale 1–5 with one decimal (a decimal comma in Dutch). Question-level
// figures appear only where the result marks them visible (anonymity), and
// none while a workshop votes. It never touches SQL.
package tui
