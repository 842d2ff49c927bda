package exchange

import (
	"fmt"
	"io"
	"time"
	"unicode/utf16"

	"github.com/maturity-nl/maturity/internal/store"
	"github.com/xuri/excelize/v2"
)

// ScoreRow is one department round × dimension of the scores sheet, its
// scores and levels on the one scale 1–5: long format, so that an analyst
// can pivot it any way.
type ScoreRow struct {
	Department  string
	Parent      string
	Round       string
	Mode        string
	Open        bool
	Respondents int
	Group       string
	Dimension   string
	Score       *float64
	Level       int // 0 without a score
	Target      int
	Gap         int
	Confidence  string
	// The round's overall figures, repeated on each of its rows.
	OverallScore *float64
	OverallLevel int
	Capped       bool
	Stage        string
	BlockedBy    string
	// MinimumCapped says an unmet legal minimum lowered the round's level.
	MinimumCapped bool
	// IntervalLow and IntervalHigh bound the dimension's 90% interval;
	// nil without one.
	IntervalLow, IntervalHigh *float64
}

// Sheet names and headers of the workbook.
const (
	answersSheet = "answers"
	scoresSheet  = "scores"
	actionsSheet = "actions"
)

// ScoreColumns are the headers of the scores sheet.
var ScoreColumns = []string{"department", "parent", "round", "mode", "open", "respondents", "group", "dimension",
	"score", "level", "target", "gap", "confidence", "overall_score", "overall_level", "capped", "stage", "blocked_by",
	"minimum_capped", "interval_low", "interval_high"}

// WriteXLSX writes a workbook with an answers sheet (the long format), an
// actions sheet (the improvement register, overdue as of now) and a
// scores sheet (one row per round and dimension), each with a header row,
// frozen panes and an auto filter.
func WriteXLSX(w io.Writer, rows []store.Row, scores []ScoreRow, actions []store.Action, now time.Time) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", answersSheet); err != nil {
		return err
	}
	for _, sheet := range []string{scoresSheet, actionsSheet} {
		if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
	}
	answerRows := make([][]any, len(rows))
	for i, r := range rows {
		var level any = r.Level
		if len(r.Level) == 1 && r.Level[0] >= '1' && r.Level[0] <= '5' {
			level = int(r.Level[0] - '0') // a number, so that it sums and averages
		}
		answerRows[i] = []any{cellText(r.Department), cellText(r.Assessment), cellText(r.Respondent), cellText(r.Question), level, cellText(r.Note)}
	}
	if err := writeSheet(f, answersSheet, Columns, answerRows); err != nil {
		return err
	}
	// Scores keep every digit, shown with one decimal as everywhere else.
	oneDecimal, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("0.0")})
	if err != nil {
		return err
	}
	scoreRows := make([][]any, len(scores))
	for i, s := range scores {
		scoreRows[i] = []any{s.Department, s.Parent, s.Round, s.Mode, s.Open, s.Respondents, s.Group, s.Dimension,
			scoreCell(s.Score, oneDecimal), optionalInt(s.Level), s.Target, s.Gap, s.Confidence, scoreCell(s.OverallScore, oneDecimal), optionalInt(s.OverallLevel),
			s.Capped, s.Stage, s.BlockedBy, s.MinimumCapped, scoreCell(s.IntervalLow, oneDecimal), scoreCell(s.IntervalHigh, oneDecimal)}
	}
	if err := writeSheet(f, scoresSheet, ScoreColumns, scoreRows); err != nil {
		return err
	}
	if err := writeSheet(f, actionsSheet, ActionColumns, actionRows(actions, now)); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

// ActionColumns are the headers of the actions sheet: the improvement
// register, one row per action, overdue as of the export.
var ActionColumns = []string{"id", "department", "round", "dimension", "question", "text", "owner", "due", "status", "overdue",
	"evidence", "reason", "created_at", "closed_at"}

func actionRows(actions []store.Action, now time.Time) [][]any {
	out := make([][]any, len(actions))
	for i, a := range actions {
		closed := ""
		if at := a.ClosedAt(); !at.IsZero() {
			closed = at.Format(time.RFC3339)
		}
		out[i] = []any{a.ID, cellText(a.Department), cellText(a.Round), a.Dimension, a.Question, cellText(a.Text), cellText(a.Owner), a.Due,
			string(a.Status), a.Overdue(now), cellText(a.Evidence), cellText(a.Reason), a.CreatedAt.Format(time.RFC3339), closed}
	}
	return out
}

func writeSheet(f *excelize.File, sheet string, header []string, rows [][]any) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	hdr := make([]any, len(header))
	for i, h := range header {
		hdr[i] = h
	}
	if err := sw.SetRow("A1", hdr); err != nil {
		return err
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, r); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(header), len(rows)+1)
	return f.AutoFilter(sheet, "A1:"+last, nil)
}

// scoreCell is a score in the given number format; a missing score leaves
// the cell empty rather than writing 0.
func scoreCell(p *float64, style int) any {
	if p == nil {
		return nil
	}
	return excelize.Cell{StyleID: style, Value: *p}
}

func ptr[T any](v T) *T { return &v }

func optionalInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// MaxCellChars is the most text a workbook cell holds, in UTF-16 code
// units (a character, or two for one outside the Basic Multilingual Plane):
// Excel's limit, at which excelize would cut a longer text without a word.
const MaxCellChars = excelize.TotalCellChars

// Cut is a text of the answers sheet that is too long for its cell and is
// cut there, with a mark that says so.
type Cut struct {
	Cell   string    // e.g. F12
	Row    store.Row // the row it belongs to
	Column string    // one of Columns
	Chars  int       // the text's length in UTF-16 code units
}

// Cuts lists the texts of rows that WriteXLSX cuts to fit a cell, in the
// order of the sheet. The CSV and JSON exports keep them whole.
func Cuts(rows []store.Row) []Cut {
	var out []Cut
	for i, r := range rows {
		for c, text := range []string{r.Department, r.Assessment, r.Respondent, r.Question, r.Level, r.Note} {
			if n := utf16Len(text); n > MaxCellChars {
				cell, _ := excelize.CoordinatesToCellName(c+1, i+2)
				out = append(out, Cut{Cell: cell, Row: r, Column: Columns[c], Chars: n})
			}
		}
	}
	return out
}

// cutMark ends a text cut to fit its cell; %d is the text's whole length.
const cutMark = " […] (cut: %d characters in all, more than a workbook cell holds; the CSV and JSON exports hold the whole text)"

// cellText is a text as its cell holds it: whole when it fits, else cut,
// with cutMark at the end. Every text is written as an inline string, which
// a spreadsheet never runs as a formula, so no apostrophe is needed here.
func cellText(s string) string {
	n := utf16Len(s)
	if n <= MaxCellChars {
		return s
	}
	mark := fmt.Sprintf(cutMark, n)
	room := MaxCellChars - utf16Len(mark)
	used := 0
	for i, r := range s {
		if used+utf16.RuneLen(r) > room {
			return s[:i] + mark
		}
		used += utf16.RuneLen(r)
	}
	return s
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
