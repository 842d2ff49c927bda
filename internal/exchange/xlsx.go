package exchange

import (
	"fmt"
	"io"

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
)

// ScoreColumns are the headers of the scores sheet.
var ScoreColumns = []string{"department", "parent", "round", "mode", "open", "respondents", "group", "dimension",
	"score", "level", "target", "gap", "confidence", "overall_score", "overall_level", "capped", "stage", "blocked_by",
	"minimum_capped", "interval_low", "interval_high"}

// WriteXLSX writes a workbook with an answers sheet (the long format) and a
// scores sheet (one row per round and dimension), each with a header row,
// frozen panes and an auto filter.
func WriteXLSX(w io.Writer, rows []store.Row, scores []ScoreRow) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", answersSheet); err != nil {
		return err
	}
	if _, err := f.NewSheet(scoresSheet); err != nil {
		return err
	}
	answerRows := make([][]any, len(rows))
	for i, r := range rows {
		var level any = r.Level
		if len(r.Level) == 1 && r.Level[0] >= '1' && r.Level[0] <= '5' {
			level = int(r.Level[0] - '0') // a number, so that it sums and averages
		}
		answerRows[i] = []any{r.Department, r.Assessment, r.Respondent, r.Question, level, r.Note}
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
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
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
