// Package tui is the terminal interface: bubbletea models for answering a
// questionnaire — one question per screen, an overview, notes, help — the
// results screen, a workshop participant's gate (code, pseudonym, resume
// code) and the facilitator's dashboard and presenter view, plus a plain
// line-by-line mode for screen readers and scripts and the plain text of
// maturity results. Every screen fits or scrolls from 50×15 up, with a mark
// where something is cut, and running text is set at most 100 columns wide.
//
// It only shows: answers go out through a Backend the caller provides, and
// every figure on screen or in the text comes from a scoring.Result, on the
// one scale 1–5 with one decimal (a decimal comma in Dutch). Question-level
// figures appear only where the result marks them visible (anonymity), and
// none while a workshop votes: the dashboard then shows progress and how
// many answered each question, nothing more. It never touches SQL.
package tui
