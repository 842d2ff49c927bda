package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkReport_DepartmentPDF is `maturity report --department … -o d.pdf`
// in-process on the data of .ci/bench (300 departments of 30 respondents):
// opening the store, loading and scoring the round, and writing the tagged
// PDF (.ci/bench 1a times the whole process).
func BenchmarkReport_DepartmentPDF(b *testing.B) {
	dir := b.TempDir()
	vars := map[string]string{"XDG_DATA_HOME": dir, "HOME": dir}
	var out, errb bytes.Buffer
	e := env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}
	if err := run(context.Background(), []string{"demo", "-o", filepath.Join(dir, "demo"), "--departments", "300", "--respondents", "30", "--rounds", "1"}, e); err != nil {
		b.Fatalf("demo: %v: %s", err, errb.String())
	}
	args := []string{"--db", filepath.Join(dir, "demo", "demo.db"), "report", "--department", "Basisregistraties", "-o", filepath.Join(dir, "d.pdf")}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := run(context.Background(), args, e); err != nil {
			b.Fatalf("report: %v: %s", err, errb.String())
		}
	}
}
