package store_test

import (
	"bytes"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

// TestLoadAssessment_Parsed: a round reads back its questionnaire's parsed
// form beside the file; a snapshot kept without one gains it when the
// same file is saved again with one.
func TestLoadAssessment_Parsed(t *testing.T) {
	s := openStore(t)
	for _, name := range []string{"Burgerzaken", "Wijkteams"} {
		if _, err := s.CreateDepartment(ctx, name, ""); err != nil {
			t.Fatal(err)
		}
	}
	file := defaultFile(t)
	file.Parsed = nil
	a, err := s.StartAssessment(ctx, store.StartOptions{Department: "Burgerzaken", Questionnaire: file, Mode: store.ModeSelf})
	if err != nil {
		t.Fatal(err)
	}
	data, err := s.LoadAssessment(ctx, a.ID)
	if err != nil || data.Parsed != nil || !bytes.Equal(data.Definition, file.Source) {
		t.Fatalf("without a parsed form: %d bytes parsed, %v", len(data.Parsed), err)
	}
	file.Parsed = []byte(`{"format":1}`)
	b, err := s.StartAssessment(ctx, store.StartOptions{Department: "Wijkteams", Questionnaire: file, Mode: store.ModeSelf})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{a.ID, b.ID} {
		data, err := s.LoadAssessment(ctx, id)
		if err != nil || string(data.Parsed) != `{"format":1}` {
			t.Errorf("round %d: parsed form %q, %v", id, data.Parsed, err)
		}
	}
}
