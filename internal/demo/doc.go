// Package demo invents the data of a fictional municipality for
// `maturity demo`: clusters and departments, assessment rounds over two
// years, pseudonymous respondents, their answers and the notes of workshop
// discussions, with the patterns the model is built to make visible —
// strong descriptive reporting and weak prescriptive use, foundations that
// cap the maturity level, a strong department capped by the one legal
// minimum it does not meet, a department that improves, a team that
// disagrees — and the actions agreed after the rounds, with what became of
// them by ReferenceDay, the demo's today: done, dropped, overdue or not yet
// due, and one department that agreed none.
//
// It is pure and seeded: the same questionnaire, options and seed give the
// same municipality, and it never reads a clock, a file, the network or the
// database — only what the caller passes and its own embedded content
// (gemeente.yaml). Storing and reporting the result is the caller's job.
package demo
