package store_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/questionnaires"
)

// benchRound makes a database holding one round of the default
// questionnaire, with its parsed form, answered by 30 respondents (the
// size of a department in .ci/bench), and returns its path and the round.
func benchRound(b *testing.B) (string, int64) {
	b.Helper()
	q, err := questionnaires.LoadDefault()
	if err != nil {
		b.Fatal(err)
	}
	file := fileOf(q)
	if file.Parsed, err = q.Parsed(); err != nil {
		b.Fatal(err)
	}
	values := []string{"1", "2", "3", "4", "5", "dk", "na"}
	var rows []store.Row
	for r := range 30 {
		for i, x := range q.Questions() {
			rows = append(rows, store.Row{Department: "Burgerzaken", Assessment: "2026-11", Respondent: fmt.Sprintf("Respondent %02d", r), Question: x.ID, Level: values[(i*5+r*3)%7]})
		}
	}
	path := filepath.Join(b.TempDir(), "m.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ImportRows(ctx, file, rows); err != nil {
		b.Fatal(err)
	}
	a, err := s.LatestAssessment(ctx, "Burgerzaken")
	if err != nil {
		b.Fatal(err)
	}
	return path, a.ID
}

// BenchmarkLoadAssessment reads one round of 30 respondents with its
// questionnaire snapshot and parsed form, as `maturity report` does once
// per round it shows.
func BenchmarkLoadAssessment(b *testing.B) {
	path, id := benchRound(b)
	s, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		d, err := s.LoadAssessment(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		if len(d.Answers) != 30*d.Assessment.Questionnaire.Questions || len(d.Parsed) == 0 {
			b.Fatalf("%d answers, %d bytes parsed", len(d.Answers), len(d.Parsed))
		}
	}
}

// BenchmarkOpen opens an existing, up-to-date database and closes it: what
// every command that reads the database pays before its first query.
func BenchmarkOpen(b *testing.B) {
	path, _ := benchRound(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		s, err := store.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkLoadAssessmentKnowing is LoadAssessment for a caller that holds
// the round's questionnaire file already, as a report does for every round
// after the first on the same file (the organisation report: 300 of them).
func BenchmarkLoadAssessmentKnowing(b *testing.B) {
	path, id := benchRound(b)
	s, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	known := func(string) bool { return true }
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		d, err := s.LoadAssessmentKnowing(ctx, id, known)
		if err != nil {
			b.Fatal(err)
		}
		if len(d.Answers) != 30*d.Assessment.Questionnaire.Questions || d.Definition != nil {
			b.Fatalf("%d answers, %d bytes of definition", len(d.Answers), len(d.Definition))
		}
	}
}
