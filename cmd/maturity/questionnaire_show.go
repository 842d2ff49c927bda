package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/spf13/cobra"
)

func newQuestionnaireShowCmd(e env, opts *globalOptions) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show [ID|FILE]",
		Short: "Print a questionnaire readably, or as JSON",
		Long: `Print a questionnaire: its groups, dimensions, questions with their five anchored
options, the recommendations per level and the scoring rules. Without an argument it shows
the questionnaire of --questionnaire, else the embedded default. --json prints the parsed
definition (documented in the README) in every language the questionnaire has.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ref := ""
			if len(args) == 1 {
				ref = args[0]
			}
			q, err := resolveQuestionnaire(e, opts, ref)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(q)
			}
			lang, err := language(opts, q)
			if err != nil {
				return err
			}
			return writeQuestionnaire(e.stdout, q, lang, textWidth(e))
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the definition as JSON")
	return cmd
}

// decimal writes x with at most one decimal, with a decimal comma in Dutch.
func decimal(x float64, lang string) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if lang == "nl" {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}

// textWidth is the width plain-text output wraps at: $COLUMNS, else the
// width of the terminal it is written to (at most 100, a readable line),
// else 100.
func textWidth(e env) int {
	if n, err := strconv.Atoi(e.getenv("COLUMNS")); err == nil && n >= 40 {
		return min(n, 160)
	}
	if f, ok := e.stdout.(*os.File); ok && term.IsTerminal(f.Fd()) {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w >= 40 {
			return min(w, 100)
		}
	}
	return 100
}

// writeQuestionnaire prints q in lang as indented, wrapped plain text.
func writeQuestionnaire(w io.Writer, q *questionnaire.Questionnaire, lang string, width int) error {
	l := labelsFor(lang)
	p := &printer{w: w, width: width}
	p.line(0, fmt.Sprintf("%s (%s, %s %d)", q.Title.In(lang), q.ID, l["version"], q.Version))
	p.para(0, q.Description.In(lang))
	p.blank()
	var levels []string
	for i := range q.Levels {
		levels = append(levels, fmt.Sprintf("%d %s", i+1, q.LevelName(i+1, lang)))
	}
	p.line(0, l["levels"]+": "+strings.Join(levels, " · "))
	cap := l["off"]
	if q.Rules.FoundationCap {
		cap = l["on"]
	}
	minCap := l["off"]
	if q.Rules.MinimumCap > 0 {
		minCap = strconv.Itoa(q.Rules.MinimumCap)
	}
	p.line(0, fmt.Sprintf("%s: %s %s · %s %s · %s %s · %s %d · %s %s · %s %d", l["rules"],
		l["threshold"], decimal(q.Rules.StageLevel, lang), l["cap"], cap, l["minimum cap"], minCap,
		l["spread"], q.Rules.ConsensusSpread, l["anonymity"], plural(l, "n respondents", q.Rules.AnonymityThreshold),
		l["target"], q.Rules.DefaultTarget))
	for gi, g := range q.Groups {
		p.blank()
		head := fmt.Sprintf("%d  %s", gi+1, strings.ToUpper(g.Name.In(lang)))
		if g.Kind != questionnaire.KindPlain {
			head += "  (" + l[string(g.Kind)] + ")"
		}
		p.line(0, head)
		p.para(3, g.Description.In(lang))
		for di, d := range g.Dimensions {
			p.blank()
			meta := fmt.Sprintf("%s %s", l["weight"], strconv.FormatFloat(d.Weight, 'f', -1, 64))
			if d.Target > 0 {
				meta += fmt.Sprintf(" · %s %d", l["target"], d.Target)
			}
			p.line(3, fmt.Sprintf("%d.%d  %s  [%s]  %s", gi+1, di+1, d.Name.In(lang), d.ID, meta))
			p.para(8, d.Description.In(lang))
			for qi, x := range d.Questions {
				p.blank()
				num := fmt.Sprintf("%d.%d.%d  ", gi+1, di+1, qi+1)
				text := x.Text.In(lang) + "  [" + x.ID + "]"
				if x.Weight != 1 {
					text += fmt.Sprintf("  (%s %s)", l["weight"], strconv.FormatFloat(x.Weight, 'f', -1, 64))
				}
				p.hanging(8, num, text)
				p.para(8+len(num), x.Help.In(lang))
				for oi, o := range x.Options {
					p.hanging(8+len(num), fmt.Sprintf("%d  ", oi+1), o.In(lang))
				}
				if m := x.Minimum; m != nil {
					p.hanging(8+len(num), "", fmt.Sprintf("%s %d (%s) · %s: %s", l["minimum"], m.Level, m.Basis.In(lang), l["action"], m.Action.In(lang)))
				}
			}
			if len(d.Recommendations) > 0 {
				p.blank()
				p.line(8, l["recs"]+":")
				for level := 1; level < questionnaire.MaxLevel; level++ {
					if r, ok := d.Recommendations[level]; ok {
						p.hanging(10, fmt.Sprintf("%d → %d  ", level, level+1), r.In(lang))
					}
				}
			}
		}
	}
	return p.err
}

// printer writes wrapped, indented text and remembers the first write error.
type printer struct {
	w     io.Writer
	width int
	err   error
}

func (p *printer) write(s string) {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, s)
	}
}

func (p *printer) blank() { p.write("\n") }

func (p *printer) line(indent int, s string) { p.hanging(indent, "", s) }

// para prints s wrapped at indent; nothing when s is empty.
func (p *printer) para(indent int, s string) {
	if strings.TrimSpace(s) != "" {
		p.hanging(indent, "", s)
	}
}

// hanging prints lead at indent and s wrapped beside it, continuation lines
// aligned under the start of s.
func (p *printer) hanging(indent int, lead, s string) {
	pad := indent + ansi.StringWidth(lead)
	for i, ln := range wrap(s, max(p.width-pad, 20)) {
		if i == 0 {
			p.write(strings.Repeat(" ", indent) + lead + ln + "\n")
		} else {
			p.write(strings.Repeat(" ", pad) + ln + "\n")
		}
	}
}

// wrap breaks s into lines of at most width columns at spaces, keeping the
// line breaks s has; a single word longer than width stands on its own line.
func wrap(s string, width int) []string {
	var lines []string
	for _, para := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if ansi.StringWidth(para) <= width {
			lines = append(lines, para)
			continue
		}
		line, lineWidth := "", 0
		for _, word := range strings.Fields(para) {
			w := ansi.StringWidth(word)
			switch {
			case lineWidth == 0:
				line, lineWidth = word, w
			case lineWidth+1+w <= width:
				line, lineWidth = line+" "+word, lineWidth+1+w
			default:
				lines = append(lines, line)
				line, lineWidth = word, w
			}
		}
		lines = append(lines, line)
	}
	return lines
}
