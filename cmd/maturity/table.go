package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/maturity-nl/maturity/internal/tui"
)

// table writes aligned columns for human readers.
type table struct{ tw *tabwriter.Writer }

func newTable(w io.Writer, header ...string) *table {
	t := &table{tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
	t.row(header...)
	return t
}

// row writes one row; each cell is shown as Printable makes it, so that a
// name stored with an escape code or a tab can neither act on the terminal
// nor break the columns.
func (t *table) row(cells ...string) {
	shown := make([]string, len(cells))
	for i, c := range cells {
		shown[i] = tui.Printable(c)
	}
	fmt.Fprintln(t.tw, strings.Join(shown, "\t"))
}

func (t *table) flush() error { return t.tw.Flush() }

// plural writes n with the words of key in l: the key's singular, "key
// one", when n is 1 ("1 respondent"), else its plural ("3 respondenten").
func plural(l labels, key string, n int) string {
	if one, ok := l[key+" one"]; ok && n == 1 {
		return fmt.Sprintf(one, n)
	}
	return fmt.Sprintf(l[key], n)
}
