// Package exchange reads and writes answers in the long exchange format —
// one answer per row: department, assessment, respondent, question, answer,
// note — as CSV and JSON, and writes workbooks (xlsx) for BI analysts.
//
// A file is checked whole against the questionnaire before anything is
// written: every bad row is reported with its line and reason. It never
// touches the database itself; it hands store.Row values to the caller.
package exchange
