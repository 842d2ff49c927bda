// Package reports holds the fixed texts of the reports for leadership, in
// Dutch and English, embedded in the binary so that they can be read and
// changed without reading Go.
package reports

import _ "embed"

// Texts is texts.yaml: every fixed sentence of the department report.
//
//go:embed texts.yaml
var Texts []byte
