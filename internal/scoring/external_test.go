package scoring_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/scoring"
)

// externalModel is a real five-level maturity model written elsewhere (the UK
// government's Data Maturity Assessment), kept beside the repository as test
// data for a general engine. Its text never enters the repository: the test
// converts it to the questionnaire format in memory.
const externalModel = "../../../shared/external/uk-dma-2023.json"

type dmaFile struct {
	Title      string   `json:"title"`
	Levels     []string `json:"levels"`
	Dimensions []struct {
		Name       string `json:"name"`
		Activities []struct {
			Questions []struct {
				Text       string `json:"text"`
				Statements []struct {
					Text  string `json:"text"`
					Level int    `json:"associatedLevel"`
				} `json:"statements"`
			} `json:"questions"`
		} `json:"activities"`
	} `json:"dimensions"`
}

func externalAvailable() bool {
	_, err := os.Stat(filepath.FromSlash(externalModel))
	return err == nil
}

// externalQuestionnaire converts the external model to a questionnaire in
// memory: one dimension per topic, its statements as levels 1–5 in order.
func externalQuestionnaire(t *testing.T) *questionnaire.Questionnaire {
	t.Helper()
	raw, err := os.ReadFile(filepath.FromSlash(externalModel))
	if err != nil {
		t.Fatal(err)
	}
	var dma dmaFile
	if err := json.Unmarshal(raw, &dma); err != nil {
		t.Fatal(err)
	}
	type question struct {
		ID      string   `yaml:"id"`
		Text    string   `yaml:"text"`
		Options []string `yaml:"options"`
	}
	type dimension struct {
		ID        string     `yaml:"id"`
		Name      string     `yaml:"name"`
		Questions []question `yaml:"questions"`
	}
	var dims []dimension
	n := 0
	for i, d := range dma.Dimensions {
		dim := dimension{ID: fmt.Sprintf("topic-%d", i+1), Name: d.Name}
		for _, a := range d.Activities {
			for _, q := range a.Questions {
				sort.SliceStable(q.Statements, func(i, j int) bool { return q.Statements[i].Level < q.Statements[j].Level })
				n++
				qu := question{ID: fmt.Sprintf("q%d", n), Text: q.Text}
				for _, s := range q.Statements {
					qu.Options = append(qu.Options, s.Text)
				}
				dim.Questions = append(dim.Questions, qu)
			}
		}
		dims = append(dims, dim)
	}
	doc := map[string]any{
		"id": "uk-dma", "version": 2023, "languages": []string{"en"}, "title": dma.Title,
		"levels": dma.Levels,
		"groups": []any{map[string]any{"id": "dma", "name": "Data maturity", "dimensions": dims}},
	}
	src, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return parse(t, string(src))
}

// TestScore_ExternalFiveLevelModel loads a model nobody on the project wrote,
// in English only, with its own level names, no stages and no foundation
// groups, and scores it.
func TestScore_ExternalFiveLevelModel(t *testing.T) {
	if !externalAvailable() {
		t.Skipf("%s is not beside this checkout", externalModel)
	}
	q := externalQuestionnaire(t)
	if len(q.Dimensions()) != 10 || len(q.Questions()) != 97 {
		t.Fatalf("%d dimensions, %d questions; want 10 and 97", len(q.Dimensions()), len(q.Questions()))
	}
	if q.LevelName(1, "en") == "Basic" || q.LevelName(5, "en") == "" {
		t.Errorf("level names not taken from the model")
	}

	// Every respondent chooses the fourth statement everywhere: level 4,
	// all scores 4.
	var as []scoring.Answer
	for r := 0; r < 4; r++ {
		for _, x := range q.Questions() {
			as = append(as, scoring.Answer{Respondent: fmt.Sprint(r), Question: x.ID, Value: 4})
		}
	}
	r := scoring.Score(q, scoring.Input{Answers: as})
	if r.Stage.Applicable || r.Overall.Cap != 0 || r.Overall.Capped {
		t.Errorf("stage %+v, overall %+v; want no stage result and no cap", r.Stage, r.Overall)
	}
	checkScore(t, "overall", r.Overall.Score, 4)
	if r.Overall.Level != 4 || len(r.Dimensions) != 10 || r.Respondents != 4 {
		t.Errorf("overall level %d, %d dimensions, %d respondents", r.Overall.Level, len(r.Dimensions), r.Respondents)
	}
	// The default target is level 4: no gaps, no recommendations.
	if len(r.Recommendations) != 0 {
		t.Errorf("recommendations = %+v", r.Recommendations)
	}
}
