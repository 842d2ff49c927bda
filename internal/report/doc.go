// Package report turns a scored assessment into the report leadership
// reads: an A4 PDF with a summary, charts drawn as vectors, the detail per
// group, disagreement, confidence and a methodology appendix.
//
// It only shows a scoring.Result: it computes no figure and touches no
// storage. Every PDF call of the project stays in this package, so that a
// change of PDF library is one import.
package report
