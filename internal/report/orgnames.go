package report

import (
	"sort"
	"strings"
)

// Department names in a municipality often share a long start and differ
// at the end ("Documentaire Informatievoorziening Centrum", "… Noord",
// "… Oud-Zuid"). Where such a name does not fit, the shared start is
// shortened and the part that tells it apart is kept.

// distinguishing is, for each name, the byte offset where the part that
// tells it apart begins: after the longest run of whole words it shares at
// its start with another name. The longest such run is shared with a
// neighbour in sorted order, so sorting once finds it.
func distinguishing(names []string) []int {
	order := make([]int, len(names))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return names[order[a]] < names[order[b]] })
	out := make([]int, len(names))
	for k, i := range order {
		for _, j := range []int{k - 1, k + 1} {
			if j >= 0 && j < len(order) {
				out[i] = max(out[i], sharedWords(names[i], names[order[j]]))
			}
		}
	}
	return out
}

// sharedWords is the length of the longest start of a made of whole words
// that b starts with too (followed in b by a space or its end).
func sharedWords(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	wordEnd := func(s string, i int) bool { return i == len(s) || s[i] == ' ' }
	for n > 0 && !(wordEnd(a, n) && wordEnd(b, n)) {
		n--
	}
	return n
}

// fitName is a name shortened to width w: when it does not fit and its
// distinguishing part (from tail) is short enough to keep, the shared
// start is cut with an ellipsis before it; otherwise the end is cut.
func (p *pdf) fitName(name string, tail int, w float64) string {
	if fitted := p.fitText(name, w); !strings.HasSuffix(fitted, "…") || strings.HasSuffix(name, "…") || tail <= 0 || tail >= len(name) {
		return fitted
	}
	rest := strings.TrimLeft(name[tail:], " ")
	restW := p.GetStringWidth(" " + rest)
	if restW > w*0.6 {
		return p.fitText(name, w)
	}
	return p.fitText(strings.TrimRight(name[:tail], " "), w-restW) + " " + rest
}
