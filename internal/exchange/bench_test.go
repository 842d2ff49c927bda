package exchange_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/maturity-nl/maturity/internal/exchange"
	"github.com/maturity-nl/maturity/internal/store"
)

// BenchmarkScanCSV reads and checks 100,000 rows: the half of `maturity
// import` that runs beside the database's.
func BenchmarkScanCSV(b *testing.B) {
	q := defaultQuestionnaire(b)
	var src bytes.Buffer
	src.WriteString(header)
	values := []string{"1", "2", "3", "4", "5", "dk", "na"}
	qs := q.Questions()
	const n = 100_000
	for i := 0; i < n; i++ {
		r := i / len(qs)
		note := ""
		if i%50 == 0 {
			note = fmt.Sprint("Toelichting bij antwoord ", i)
		}
		fmt.Fprintf(&src, "Afdeling %03d,2026-11,Respondent %02d,%s,%s,%s\n", r/52, r%52, qs[i%len(qs)].ID, values[(i*5+r*3)%7], note)
	}
	b.SetBytes(int64(src.Len()))
	b.ReportAllocs()
	for b.Loop() {
		rows := 0
		if err := exchange.ScanCSV("bench.csv", bytes.NewReader(src.Bytes()), q, func(store.Row) { rows++ }); err != nil {
			b.Fatal(err)
		}
		if rows != n {
			b.Fatalf("%d rows; want %d", rows, n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkScanJSON reads and checks 100,000 rows of the JSON form, as it
// streams: the half of `maturity import FILE.json` that runs beside the
// database's.
func BenchmarkScanJSON(b *testing.B) {
	q := defaultQuestionnaire(b)
	values := []string{"1", "2", "3", "4", "5", "dk", "na"}
	qs := q.Questions()
	const n = 100_000
	rows := make([]store.Row, n)
	for i := range rows {
		r := i / len(qs)
		rows[i] = store.Row{Department: fmt.Sprintf("Afdeling %03d", r/52), Assessment: "2026-11", Respondent: fmt.Sprintf("Respondent %02d", r%52),
			Question: qs[i%len(qs)].ID, Level: values[(i*5+r*3)%7]}
		if i%50 == 0 {
			rows[i].Note = fmt.Sprint("Toelichting bij antwoord ", i)
		}
	}
	var src bytes.Buffer
	if err := exchange.WriteJSON(&src, rows); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(src.Len()))
	b.ReportAllocs()
	for b.Loop() {
		got := 0
		if err := exchange.ScanJSON("bench.json", bytes.NewReader(src.Bytes()), q, func(store.Row) { got++ }); err != nil {
			b.Fatal(err)
		}
		if got != n {
			b.Fatalf("%d rows; want %d", got, n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
