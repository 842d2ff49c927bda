// Package tui is the terminal interface: bubbletea models for answering a
// questionnaire — one question per screen, an overview, notes, help — and
// the results screen, plus a plain line-by-line mode for screen readers and
// scripts.
//
// It only shows: answers go out through a Backend the caller provides, and
// every figure on screen comes from a scoring.Result. It never touches SQL.
package tui
