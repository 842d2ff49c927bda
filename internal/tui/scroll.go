package tui

import "fmt"

// window shows room lines of body from line off, moved as little as needed
// to keep the lines keepFrom…keepTo in view (keepFrom < 0: none). Where
// lines are cut off, the first or last line shown says how many, so that
// nothing is hidden without a mark. It returns the lines and the offset
// used, which the caller keeps for the next view.
func window(body []string, off, room, keepFrom, keepTo int, t texts, st Styles) ([]string, int) {
	if room <= 0 {
		return nil, 0
	}
	if len(body) <= room {
		return body, 0
	}
	if room < 3 {
		// No room for marks: the kept lines, else the top.
		off = max(0, min(keepFrom, len(body)-room))
		return body[off : off+room], off
	}
	// avail is how many lines of body show from off, beside the marks.
	avail := func(off int) int {
		n := room
		if off > 0 {
			n--
		}
		if off+n < len(body) {
			n--
		}
		return n
	}
	last := len(body) - (room - 1) // the furthest offset: a mark above only
	for pass := 0; pass < 3; pass++ {
		if keepFrom >= 0 {
			n := avail(off)
			to := min(keepTo, keepFrom+n-1)
			switch {
			case keepFrom < off:
				off = keepFrom
			case to >= off+n:
				off = to - n + 1
			}
		}
		off = max(0, min(off, last))
	}
	n := avail(off)
	var out []string
	if off > 0 {
		out = append(out, st.Muted.Render(fmt.Sprintf(t["more above"], off)))
	}
	out = append(out, body[off:off+n]...)
	if below := len(body) - off - n; below > 0 {
		out = append(out, st.Muted.Render(fmt.Sprintf(t["more below"], below)))
	}
	return out, off
}
