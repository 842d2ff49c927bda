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
