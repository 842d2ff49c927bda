// Package exchange reads and writes answers in the long exchange format —
// one answer per row: department, assessment, respondent, question, level,
// note — as CSV and JSON, and writes workbooks (xlsx) for BI analysts. A
// level is 1–5, dk or na; files written before the one scale, with an
// answer column (0–4) instead of level, read as level = answer + 1.
//
// A file is checked whole against the questionnaire: every bad row is
// reported with its line and reason, and any bad row rejects the file. It
// never touches the database itself; it hands store.Row values to the
// caller, all at once (ReadCSV, ReadJSON) or one by one while it reads
// (ScanCSV, ScanJSON), for a caller that writes them in a transaction that
// a rejected file rolls back.
//
// A file is read as a stream through a guard that bounds it before any
// parser holds it (MaxFileSize, a row of at most 256 KiB, no NUL byte), and
// names and notes keep the store's limits (store.CheckName,
// store.CheckNote). CSV is written so that a spreadsheet never runs a cell
// as a formula, and read back to the same texts.
//
// It also writes and reads the improvement register as JSON (WriteActions,
// ScanActions): the array of `actions list --json`, each action with its
// history, checked on its own (store.CheckImportedAction) and bounded by
// MaxActions, MaxActionBytes and MaxActionHistory.
package exchange
