package store_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/maturity-nl/maturity/internal/exchange"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/questionnaires"
)

// benchRows makes n rows of the default questionnaire as a department's
// export would hold them: 52 respondents per department, every question in
// questionnaire order, every 50th answer with a note.
func benchRows(b *testing.B, n int) []store.Row {
	b.Helper()
	q, err := questionnaires.LoadDefault()
	if err != nil {
		b.Fatal(err)
	}
	qs := q.Questions()
	values := []string{"1", "2", "3", "4", "5", "dk", "na"}
	rows := make([]store.Row, n)
	for i := range rows {
		r := i / len(qs)
		rows[i] = store.Row{
			Department: fmt.Sprintf("Afdeling %03d", r/52), Assessment: "2026-11", Respondent: fmt.Sprintf("Respondent %02d", r%52),
			Question: qs[i%len(qs)].ID, Level: values[(i*5+r*3)%7],
		}
		if i%50 == 0 {
			rows[i].Note = fmt.Sprint("Toelichting bij antwoord ", i)
		}
	}
	return rows
}

// benchImport runs import into a fresh database b.N times and reports rows
// per second.
func benchImport(b *testing.B, rows int, importRows func(*store.Store) (store.ImportStats, error)) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := store.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprint(i, ".db")))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		st, err := importRows(s)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if st.Answers != rows {
			b.Fatalf("%d answers imported; want %d", st.Answers, rows)
		}
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkImportRows writes 100,000 checked rows into a fresh database in
// one transaction: the store's half of `maturity import`.
func BenchmarkImportRows(b *testing.B) {
	rows := benchRows(b, 100_000)
	file := defaultFile(b)
	benchImport(b, len(rows), func(s *store.Store) (store.ImportStats, error) { return s.ImportRows(ctx, file, rows) })
}

// BenchmarkImport is `maturity import` of a CSV file of 100,000 rows into a
// fresh database, without starting the process: reading and checking the
// file beside writing it.
func BenchmarkImport(b *testing.B) {
	q, err := questionnaires.LoadDefault()
	if err != nil {
		b.Fatal(err)
	}
	rows := benchRows(b, 100_000)
	var src bytes.Buffer
	if err := exchange.WriteCSV(&src, rows); err != nil {
		b.Fatal(err)
	}
	file := defaultFile(b)
	b.SetBytes(int64(src.Len()))
	benchImport(b, len(rows), func(s *store.Store) (store.ImportStats, error) {
		return s.Import(ctx, file, store.ImportOptions{}, func(add func(store.Row)) error {
			return exchange.ScanCSV("bench.csv", bytes.NewReader(src.Bytes()), q, add)
		})
	})
}
