package main

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/base64"
	endian "encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"html"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The rows of the README's "Bad input" table about reports and their
// inputs: style files, logos, the texts a report shows and stopping a
// report. Each runs the real binary under the bounds of runBad.
func init() { badCases = append(badCases, reportBadCases...) }

// reportArgs is the report every row of this file writes.
var reportArgs = []string{"report", "--department", "Burgerzaken", "--style", "huisstijl.yaml", "-o", "rapport.pdf"}

const styleFieldsExpected = "(expected the fields organisation, logo, colours {primary, accent}, font)"

var reportBadCases = []badCase{
	{name: "style-alias-bomb", what: "style file: a billion laughs (aliases that would expand to a billion values; took 6.5 GB)", db: true, args: reportArgs,
		files: map[string]string{"huisstijl.yaml": aliasBombStyle()}, code: 2,
		want: `huisstijl.yaml:1:1: unknown field "lol" ` + styleFieldsExpected + "\nhuisstijl.yaml:12:15: organisation: is a list (expected a text)",
		also: "TestLoadStyle, FuzzParseStyle"},
	{name: "style-deep", what: "style file: nested 60,000 levels deep", db: true, args: reportArgs,
		files: map[string]string{"huisstijl.yaml": "colours: " + strings.Repeat("[", 60_000) + "\n"}, code: 2,
		want: "huisstijl.yaml:1:74: nests deeper than 64 levels " + styleFieldsExpected, also: "TestLoadStyle, TestPrecheckYAML"},
	{name: "style-endless", what: "style file: endless (/dev/zero)", db: true,
		args: []string{"report", "--department", "Burgerzaken", "--style", "/dev/zero", "-o", "rapport.pdf"}, code: 2,
		want: "/dev/zero: is larger than 65536 bytes (expected a style file of a few lines, at most 65536 bytes)", also: "TestLoadStyle_Endless"},
	{name: "style-large", what: "style file: 50 MB (a 100 MB PDF and 1.8 GB before)", db: true, shown: "maturity " + strings.Join(reportArgs, " "),
		run: func(t *testing.T, bin, dir string) (string, int) {
			writeFile(t, filepath.Join(dir, "huisstijl.yaml"), "organisation: "+strings.Repeat("Gemeente ", 50<<20/9)+"\n")
			return runBad(t, bin, dir, reportArgs...)
		}, code: 2,
		want: "huisstijl.yaml: is larger than 65536 bytes (expected a style file of a few lines, at most 65536 bytes)", also: "TestLoadStyle"},
	{name: "style-named-pipe", what: "style file: a named pipe that nobody writes (waited for ever, even after ctrl+c)", db: true, shown: "maturity " + strings.Join(reportArgs, " "),
		run: func(t *testing.T, bin, dir string) (string, int) {
			mkfifo(t, filepath.Join(dir, "huisstijl.yaml"))
			return runBad(t, bin, dir, reportArgs...)
		}, code: 2, want: "huisstijl.yaml: is a named pipe (expected a style file)"},
	{name: "logo-endless", what: "logo: endless (/dev/zero)", db: true, args: reportArgs,
		files: map[string]string{"huisstijl.yaml": "logo: /dev/zero\n"}, code: 2,
		want: "huisstijl.yaml:1:7: logo: /dev/zero is larger than 4194304 bytes (expected a PNG or JPEG file of at most 4 MiB)", also: "TestLoadStyle"},
	{name: "logo-named-pipe", what: "logo: a named pipe that nobody writes", db: true, shown: "maturity " + strings.Join(reportArgs, " "),
		run: func(t *testing.T, bin, dir string) (string, int) {
			writeFile(t, filepath.Join(dir, "huisstijl.yaml"), "logo: logo.png\n")
			mkfifo(t, filepath.Join(dir, "logo.png"))
			return runBad(t, bin, dir, reportArgs...)
		}, code: 2, want: "huisstijl.yaml:1:7: logo: logo.png is a named pipe (expected a PNG or JPEG file)"},
	{name: "logo-bomb", what: "logo: a PNG bomb, 30000×30000 pixels in 3.5 MB (3.6 GB decoded; crashed the PDF at 4.2 GB)", db: true, shown: "maturity " + strings.Join(reportArgs, " "),
		run: func(t *testing.T, bin, dir string) (string, int) {
			writeFile(t, filepath.Join(dir, "huisstijl.yaml"), "logo: bom.png\n")
			writeFile(t, filepath.Join(dir, "bom.png"), string(pngBomb(30000, 30000, 8)))
			return runBad(t, bin, dir, reportArgs...)
		}, code: 2, want: "huisstijl.yaml:1:7: logo: bom.png is 30000×30000 pixels (expected at most 4000×4000)", also: "TestLoadStyle_Logo"},
	{name: "logo-deep-colour", what: "logo: 4000×4000 pixels of 16 bits per channel (128 MB decoded)", db: true, shown: "maturity " + strings.Join(reportArgs, " "),
		run: func(t *testing.T, bin, dir string) (string, int) {
			writeFile(t, filepath.Join(dir, "huisstijl.yaml"), "logo: diep.png\n")
			writeFile(t, filepath.Join(dir, "diep.png"), string(pngBomb(4000, 4000, 16)))
			return runBad(t, bin, dir, reportArgs...)
		}, code: 2,
		want: "huisstijl.yaml:1:7: logo: diep.png is 4000×4000 pixels of 8 bytes each, 122 MiB decoded (expected at most 64 MiB: save it with 8 bits per channel, or smaller)",
		also: "TestLoadStyle_Logo"},
	{name: "logo-large", what: "logo: 4000×4000 pixels, allowed: scaled down, not copied into both reports as it is", db: true,
		shown: "maturity " + strings.Join(reportArgs, " ") + " (and -o rapport.html)", run: largeLogo, code: 0,
		want: "the PDF and the HTML embed the logo as a PNG of 1200×1200 pixels", also: "TestLoadStyle_Logo"},

	// The texts of the report.
	{name: "report-long-word", what: "a note of 1,000,000 characters without a space (took 107 s; the line breaking was quadratic)", db: true, writes: true,
		shown: "maturity --lang en report --department Burgerzaken -o rapport.pdf", run: noteReport("replace(hex(zeroblob(1000000)), '00', 'x')"), code: 0,
		want: "wrote rapport.pdf", also: "TestLines_AsBefore, TestLines_LongWord, BenchmarkLines_LongWord"},
	{name: "report-long-cjk", what: "a note of 300,000 Chinese characters (took 26 s)", db: true, writes: true,
		shown: "maturity --lang en report --department Burgerzaken -o rapport.pdf", run: noteReport("replace(hex(zeroblob(300000)), '00', '数')"), code: 0,
		want: "wrote rapport.pdf", also: "TestLines_LongWord, BenchmarkLines_LongWord"},
	{name: "report-huge-note", what: "a note of 20,000,000 characters in the database (written before import bounded notes)", db: true, writes: true,
		shown: "maturity --lang en report --department Burgerzaken -o rapport.pdf", run: noteReport("replace(hex(zeroblob(20000000)), '00', 'x')"), code: 0,
		want: "wrote rapport.pdf: [… 19000000 more characters: this note is shortened; maturity export gives it whole]", also: "TestWritePDF_BoundedNotes"},
	{name: "report-long-name", what: "a department name of 2,000 characters (pushed the cover's facts to page 3)", db: true, writes: true,
		shown: "maturity --lang en report --department NAME -o rapport.pdf", run: longNameReport, code: 0,
		want: "the cover (page 1) ends the name with … and holds every fact: Round 2026-11, Date, Respondents 5, Method, Questionnaire",
		also: "TestWritePDF_LongName"},
	{name: "report-scripts", what: "notes with an emoji, Chinese and Arabic (were ?, blank boxes, and Arabic unshaped and reversed)", db: true, writes: true,
		shown: "maturity --lang en report --department Burgerzaken -o rapport.pdf (and -o rapport.html)", run: scriptsReport, code: 0,
		want: "the PDF shows \uFFFD for each character its fonts lack and ends with \"Characters this PDF cannot show\"; the HTML shows them as written",
		also: "TestWritePDF_Scripts, TestPDFText"},

	// Stopping a report.
	{name: "report-sigterm", what: "report: SIGTERM halfway (was ignored: only kill -9 ended it)", db: true, writes: true,
		shown: "maturity report --department Burgerzaken -o rapport.pdf, then kill -TERM", run: stopReport(syscall.SIGTERM), code: 1,
		want: "maturity: onderbroken", also: "TestWrite_Stopped"},
	{name: "report-ctrl-c", what: "report: ctrl+c halfway", db: true, writes: true,
		shown: "maturity report --department Burgerzaken -o rapport.pdf, then ctrl+c", run: stopReport(syscall.SIGINT), code: 1,
		want: "maturity: onderbroken", also: "TestWrite_Stopped"},
}

// aliasBombStyle is a style file with a billion laughs: ten levels of nine
// aliases each under one field, and the organisation an alias of the top.
func aliasBombStyle() string {
	var b strings.Builder
	b.WriteString("lol:\n  - &a0 [x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "  - &a%d [*a%[2]d, *a%[2]d, *a%[2]d, *a%[2]d, *a%[2]d, *a%[2]d, *a%[2]d, *a%[2]d, *a%[2]d]\n", i, i-1)
	}
	return b.String() + "organisation: *a9\n"
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}

// pngBomb is a PNG of w×h black RGBA pixels of depth 8 or 16 bits per
// channel, w a multiple of nothing and h of 16, made without compressing
// every pixel: sixteen rows of zeros are compressed once (a run of
// non-final deflate blocks that refer only to zeros before them) and
// repeated.
func pngBomb(w, h, depth int) []byte {
	chunk := func(out *bytes.Buffer, kind string, data []byte) {
		endian.Write(out, endian.BigEndian, uint32(len(data)))
		out.WriteString(kind)
		out.Write(data)
		endian.Write(out, endian.BigEndian, crc32.ChecksumIEEE(append([]byte(kind), data...)))
	}
	row := 1 + w*4*depth/8 // a filter byte, then the pixels
	var block bytes.Buffer
	fw, _ := flate.NewWriter(&block, flate.BestCompression)
	fw.Write(make([]byte, 16*row))
	fw.Flush()
	var z bytes.Buffer
	z.Write([]byte{0x78, 0xda})
	for i := 0; i < h/16; i++ {
		z.Write(block.Bytes())
	}
	z.Write([]byte{0x03, 0x00}) // the final, empty block
	// The Adler-32 of n zero bytes: a = 1, b = n mod 65521.
	endian.Write(&z, endian.BigEndian, uint32(uint64(h)*uint64(row)%65521<<16|1))
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := endian.BigEndian.AppendUint32(endian.BigEndian.AppendUint32(nil, uint32(w)), uint32(h))
	chunk(&out, "IHDR", append(ihdr, byte(depth), 6, 0, 0, 0))
	chunk(&out, "IDAT", z.Bytes())
	chunk(&out, "IEND", nil)
	return out.Bytes()
}

// TestPNGBomb: the bomb is a real PNG, read back whole at a small size.
func TestPNGBomb(t *testing.T) {
	img, err := decodePNG(pngBomb(40, 32, 8))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 40 || b.Dy() != 32 {
		t.Errorf("the bomb is %v; want 40×32", b)
	}
	if got := len(pngBomb(30000, 30000, 8)); got < 3_000_000 || got > 4<<20 {
		t.Errorf("the 30000×30000 bomb is %d bytes; want about 3.5 MB, below the 4 MiB a logo may have", got)
	}
}

// sqlite runs SQL on the row's database with the sqlite3 tool.
func sqlite(t *testing.T, dir, sql string) {
	t.Helper()
	if out, err := exec.Command(needTool(t, "sqlite3", "sqlite3"), filepath.Join(dir, "m.db"), sql).CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v\n%s", err, out)
	}
}

// reportRun writes the report with args under the bounds of runBad and
// returns the error text of a failure, or "" when it exits 0, leaves the
// database as it was and writes the file.
func reportRun(t *testing.T, bin, dir, output string, args ...string) (string, int) {
	t.Helper()
	db := filepath.Join(dir, "m.db")
	before := fileState(t, db)
	got, code := runBad(t, bin, dir, append(append([]string{}, args...), "-o", output)...)
	if code != 0 {
		return got, code
	}
	if fileState(t, db) != before {
		return "the report changed the database", code
	}
	if _, err := os.Stat(filepath.Join(dir, output)); err != nil {
		return fmt.Sprintf("no %s: %v", output, err), code
	}
	return got, code
}

// noteReport makes the first note of the example round the SQL text expr
// (the database holds what an import of another version may have let in)
// and writes the report. A shortened note says so.
func noteReport(expr string) func(t *testing.T, bin, dir string) (string, int) {
	return func(t *testing.T, bin, dir string) (string, int) {
		sqlite(t, dir, "UPDATE notes SET text = "+expr+" WHERE id = (SELECT min(id) FROM notes)")
		got, code := reportRun(t, bin, dir, "rapport.pdf", "--lang", "en", "report", "--department", "Burgerzaken")
		if code != 0 || got != "" {
			return got, code
		}
		text := pdfToText(t, filepath.Join(dir, "rapport.pdf"), 0)
		if m := regexp.MustCompile(`\[… \d+ more characters: this note is shortened; maturity export gives it whole\]`).FindString(strings.Join(strings.Fields(text), " ")); m != "" {
			return "wrote rapport.pdf: " + m, code
		}
		return "wrote rapport.pdf", code
	}
}

// pdfToText is the text of a PDF (page 0: all pages), as pdftotext reads it.
func pdfToText(t *testing.T, path string, page int) string {
	t.Helper()
	args := []string{"-layout"}
	if page > 0 {
		args = append(args, "-f", fmt.Sprint(page), "-l", fmt.Sprint(page))
	}
	out, err := exec.Command(needTool(t, "pdftotext", "poppler-utils"), append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// longNameReport renames the department to 2,000 characters and writes its
// report in English; the cover must keep every fact.
func longNameReport(t *testing.T, bin, dir string) (string, int) {
	name := strings.Repeat("Afdeling Burgerzaken ", 100)[:2000]
	sqlite(t, dir, "UPDATE departments SET name = '"+name+"' WHERE name = 'Burgerzaken'")
	got, code := reportRun(t, bin, dir, "rapport.pdf", "--lang", "en", "report", "--department", name)
	if code != 0 || got != "" {
		return got, code
	}
	cover := strings.Join(strings.Fields(pdfToText(t, filepath.Join(dir, "rapport.pdf"), 1)), " ")
	var missing []string
	for _, fact := range []string{"… Round 2026-11", "Date ", "Respondents 5", "Method self-assessment", "Questionnaire "} {
		if !strings.Contains(cover, fact) {
			missing = append(missing, fact)
		}
	}
	if len(missing) > 0 {
		return fmt.Sprintf("the cover lacks %q:\n%s", missing, cover), code
	}
	return "the cover (page 1) ends the name with … and holds every fact: Round 2026-11, Date, Respondents 5, Method, Questionnaire", code
}

// scriptsReport gives the example round notes in scripts the PDF's fonts
// lack and writes both reports.
func scriptsReport(t *testing.T, bin, dir string) (string, int) {
	sqlite(t, dir, "UPDATE notes SET text = CASE id % 3 WHEN 1 THEN 'Top 👍 gedaan' WHEN 2 THEN '数据质量很好' ELSE 'مرحبا بالعالم' END")
	got, code := reportRun(t, bin, dir, "rapport.pdf", "--lang", "en", "report", "--department", "Burgerzaken")
	if code != 0 || got != "" {
		return got, code
	}
	text := strings.Join(strings.Fields(pdfToText(t, filepath.Join(dir, "rapport.pdf"), 0)), " ")
	for _, want := range []string{"Top \uFFFD gedaan", "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD", "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD",
		"Characters this PDF cannot show In this PDF the mark \uFFFD stands for a character its font does not have"} {
		if !strings.Contains(text, want) {
			return fmt.Sprintf("the PDF lacks %q", want), code
		}
	}
	if got, code := reportRun(t, bin, dir, "rapport.html", "--lang", "en", "report", "--department", "Burgerzaken"); code != 0 || got != "" {
		return got, code
	}
	page, _ := os.ReadFile(filepath.Join(dir, "rapport.html"))
	for _, want := range []string{`<p dir="auto">Top 👍 gedaan</p>`, `<p dir="auto">数据质量很好</p>`, `<p dir="auto">مرحبا بالعالم</p>`} {
		if !bytes.Contains(page, []byte(want)) {
			return fmt.Sprintf("the HTML lacks %q", want), code
		}
	}
	return "the PDF shows \uFFFD for each character its fonts lack and ends with \"Characters this PDF cannot show\"; the HTML shows them as written", code
}

// largeLogo writes both reports with a logo of 4000×4000 pixels; each must
// embed it scaled down to 1200×1200.
func largeLogo(t *testing.T, bin, dir string) (string, int) {
	writeFile(t, filepath.Join(dir, "huisstijl.yaml"), "logo: groot.png\n")
	big := pngBomb(4000, 4000, 8)
	writeFile(t, filepath.Join(dir, "groot.png"), string(big))
	args := append([]string{}, reportArgs[:len(reportArgs)-2]...)
	if got, code := reportRun(t, bin, dir, "rapport.pdf", args...); code != 0 || got != "" {
		return got, code
	}
	out, err := exec.Command(needTool(t, "pdfimages", "poppler-utils"), "-list", filepath.Join(dir, "rapport.pdf")).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^\s*1\s+\d+\s+image\s+1200\s+1200\s`).Match(out) {
		return fmt.Sprintf("the PDF's images are not one of 1200×1200:\n%s", out), 0
	}
	if got, code := reportRun(t, bin, dir, "rapport.html", args...); code != 0 || got != "" {
		return got, code
	}
	page, _ := os.ReadFile(filepath.Join(dir, "rapport.html"))
	m := regexp.MustCompile(`src="data:image/png;base64,([^"]+)"`).FindSubmatch(page)
	if m == nil {
		return "the HTML has no logo", 0
	}
	img, err := decodeBase64PNG(html.UnescapeString(string(m[1])))
	if err != nil || img.Bounds().Dx() != 1200 || img.Bounds().Dy() != 1200 {
		return fmt.Sprintf("the HTML's logo is not 1200×1200: %v", err), 0
	}
	return "the PDF and the HTML embed the logo as a PNG of 1200×1200 pixels", 0
}

// stopReport writes the report of a department with 1,000 earlier rounds
// and a note of a million characters, once to the end to measure how long
// it takes, then again with sig sent halfway: it must stop within a second
// or two, exit 1 and write nothing, not even a temporary file.
func stopReport(sig syscall.Signal) func(t *testing.T, bin, dir string) (string, int) {
	return func(t *testing.T, bin, dir string) (string, int) {
		sqlite(t, dir, `
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO assessments (department_id, questionnaire_id, round, mode, created_at, closed_at)
    SELECT 1, 1, printf('2020-%04d', i), 'self', printf('2020-01-01T%02d:%02d:%02dZ', i / 3600, i / 60 % 60, i % 60),
        printf('2020-01-01T%02d:%02d:%02dZ', i / 3600, i / 60 % 60, i % 60) FROM n;
INSERT INTO respondents (assessment_id, alias, created_at)
    SELECT a.id, r.alias, r.created_at FROM assessments a, respondents r WHERE a.round LIKE '2020-%' AND r.assessment_id = 1;
INSERT INTO answers (respondent_id, question, vote, level, answered_at)
    SELECT r2.id, x.question, x.vote, x.level, x.answered_at FROM respondents r2
    JOIN respondents r1 ON r1.alias = r2.alias AND r1.assessment_id = 1 JOIN answers x ON x.respondent_id = r1.id
    WHERE r2.assessment_id <> 1;
UPDATE notes SET text = replace(hex(zeroblob(1000000)), '00', 'x') WHERE id = (SELECT min(id) FROM notes);`)
		args := []string{"report", "--department", "Burgerzaken", "-o", "rapport.pdf"}
		start := time.Now()
		if got, code := runBad(t, bin, dir, args...); code != 0 {
			t.Fatalf("the whole report: exit %d: %s", code, got)
		}
		whole := time.Since(start)
		if whole < time.Second {
			t.Fatalf("the whole report took %v: too short to stop halfway", whole)
		}
		os.Remove(filepath.Join(dir, "rapport.pdf"))
		got, code, after := runSignalled(t, bin, dir, sig, whole/2, args...)
		if after > 2*time.Second {
			t.Errorf("the report ended %v after the signal; the whole report takes %v", after, whole)
		}
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			for _, e := range entries {
				if strings.Contains(e.Name(), "rapport") {
					t.Errorf("the stopped report left %s", e.Name())
				}
			}
		}
		return got, code
	}
}

// runSignalled is runBad with sig sent to the program after delay: it
// returns standard error, the exit code and how long the program took to
// end after the signal.
func runSignalled(t *testing.T, bin, dir string, sig syscall.Signal, delay time.Duration, args ...string) (string, int, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), badTimeLimit)
	defer cancel()
	// prlimit sets the limit on itself and then becomes maturity, so the
	// signal reaches maturity.
	cmd := exec.CommandContext(ctx, needTool(t, "prlimit", "util-linux"), append([]string{fmt.Sprintf("--data=%d", badDataLimit), "--", bin}, args...)...)
	cmd.Dir = dir
	cmd.Env = badEnv(filepath.Join(dir, "data"), "m.db")
	var stderr bytes.Buffer
	cmd.Stderr, cmd.Stdout = &stderr, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	peak := watchPeak(cmd.Process.Pid)
	time.Sleep(delay)
	cmd.Process.Signal(sig)
	sent := time.Now()
	err := cmd.Wait()
	after := time.Since(sent)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	if ctx.Err() != nil {
		t.Fatalf("maturity %s did not finish within %v", strings.Join(args, " "), badTimeLimit)
	}
	if used := peak(); used > badPeakMemory {
		t.Errorf("maturity %s used %d MB at its peak; the bound is %d MB", strings.Join(args, " "), used>>20, badPeakMemory>>20)
	}
	return strings.TrimSuffix(stderr.String(), "\n"), cmd.ProcessState.ExitCode(), after
}

func decodePNG(data []byte) (image.Image, error) { return png.Decode(bytes.NewReader(data)) }

func decodeBase64PNG(s string) (image.Image, error) {
	data, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, err
	}
	return decodePNG(data)
}
