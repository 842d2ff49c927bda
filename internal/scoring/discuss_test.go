package scoring

import "testing"

// TestResult_ToDiscuss: only flagged questions count; the visible ones are
// listed in order, the hidden ones counted.
func TestResult_ToDiscuss(t *testing.T) {
	r := Result{Questions: []QuestionResult{
		{ID: "a", Flagged: true, Visible: true},
		{ID: "b", Flagged: false, Visible: true},
		{ID: "c", Flagged: true, Visible: false},
		{ID: "d", Flagged: true, Visible: true},
		{ID: "e", Flagged: true, Visible: false},
		{ID: "f", Flagged: false, Visible: false},
	}}
	shown, hidden := r.ToDiscuss()
	if len(shown) != 2 || shown[0].ID != "a" || shown[1].ID != "d" || hidden != 2 {
		t.Errorf("shown %v, hidden %d; want a and d shown, 2 hidden", shown, hidden)
	}
}
