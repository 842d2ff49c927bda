// Package report turns a scored assessment into the report leadership
// reads: an A4 PDF (and the same content as accessible HTML) with a
// summary, the legal minimums, charts drawn as vectors, the detail per
// group, disagreement, confidence and a methodology appendix; and the
// organisation report across departments.
//
// Everything it shows is on the one scale 1–5: scores with one decimal,
// never shown as a level they have not reached (internal/locale), levels as whole numbers, every
// chart on an axis 1–5 with its levels labelled. Question-level figures
// appear only where scoring marks the question Visible (the anonymity
// rule), and a change only with its direction.
//
// It only shows a scoring.Result: it computes no score and touches no
// storage. Every PDF call of the project stays in this package, so that a
// change of PDF library is one import.
package report
