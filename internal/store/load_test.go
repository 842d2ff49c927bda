package store_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

// TestLoadAssessmentKnowing: a round whose file the caller holds is read
// without the file and its parsed form, and otherwise as LoadAssessment
// reads it; the caller is asked about the round's own file.
func TestLoadAssessmentKnowing(t *testing.T) {
	s := openStore(t)
	if _, err := s.CreateDepartment(ctx, "Burgerzaken", ""); err != nil {
		t.Fatal(err)
	}
	file := defaultFile(t)
	file.Parsed = []byte("parsed")
	a, err := s.StartAssessment(ctx, store.StartOptions{Department: "Burgerzaken", Questionnaire: file, Mode: store.ModeSelf})
	if err != nil {
		t.Fatal(err)
	}
	for _, alias := range []string{"bert", "anna"} {
		r, err := s.Respondent(ctx, a.ID, alias)
		if err != nil {
			t.Fatal(err)
		}
		for q, v := range map[string]string{"desc-reporting": "2", "desc-timeliness": "dk"} {
			if err := s.SaveAnswer(ctx, r.ID, q, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	all, err := s.LoadAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := answersText(all.Answers); got != "anna desc-reporting 2 (1)|anna desc-timeliness dk (1)|bert desc-reporting 2 (1)|bert desc-timeliness dk (1)" {
		t.Errorf("answers = %s", got)
	}
	if !bytes.Equal(all.Definition, file.Source) || string(all.Parsed) != "parsed" {
		t.Errorf("LoadAssessment: %d bytes of definition, parsed form %q", len(all.Definition), all.Parsed)
	}
	var asked []string
	for _, holds := range []bool{false, true} {
		d, err := s.LoadAssessmentKnowing(ctx, a.ID, func(digest string) bool {
			asked = append(asked, digest)
			return holds
		})
		if err != nil {
			t.Fatal(err)
		}
		want := all
		if holds {
			want.Definition, want.Parsed = nil, nil
		}
		if !reflect.DeepEqual(d, want) {
			t.Errorf("known says %v: read %+v, want %+v", holds, d, want)
		}
	}
	if len(asked) != 2 || asked[0] != file.Digest || asked[1] != file.Digest {
		t.Errorf("asked about %q, want the round's digest %s twice", asked, file.Digest)
	}
}

// TestSaveQuestionnaire_NewerParsedForm: saving a kept file again with a
// parsed form replaces the one kept (which may be of an earlier format);
// saving it without one keeps it.
func TestSaveQuestionnaire_NewerParsedForm(t *testing.T) {
	s := openStore(t)
	file := defaultFile(t)
	for i, parsed := range []string{"format 1", "format 2", ""} {
		name := []string{"Burgerzaken", "Wijkteams", "Jeugd"}[i]
		if _, err := s.CreateDepartment(ctx, name, ""); err != nil {
			t.Fatal(err)
		}
		file.Parsed = []byte(parsed)
		if parsed == "" {
			file.Parsed = nil
		}
		a, err := s.StartAssessment(ctx, store.StartOptions{Department: name, Questionnaire: file, Mode: store.ModeSelf})
		if err != nil {
			t.Fatal(err)
		}
		d, err := s.LoadAssessment(ctx, a.ID)
		want := parsed
		if parsed == "" {
			want = "format 2"
		}
		if err != nil || string(d.Parsed) != want {
			t.Errorf("saved with %q: parsed form %q, %v; want %q", parsed, d.Parsed, err, want)
		}
	}
}
