// Package questionnaires holds the questionnaires that ship inside the binary.
// They are plain YAML files so that a programme manager can read and adapt
// them without reading Go; see the README for the format.
package questionnaires

import (
	"embed"

	"github.com/maturity-nl/maturity/internal/questionnaire"
)

// FS holds every embedded questionnaire file (*.yaml).
//
//go:embed *.yaml
var FS embed.FS

// Default is the file name of the questionnaire used when none is chosen.
const Default = "gemeente-datagedreven.yaml"

// LoadDefault parses the embedded default questionnaire.
func LoadDefault() (*questionnaire.Questionnaire, error) {
	return questionnaire.LoadFS(FS, "questionnaires", Default)
}
