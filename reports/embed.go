// Package reports holds the fixed texts of the reports for leadership, in
// Dutch and English, and the HTML template, embedded in the binary so that
// they can be read and changed without reading Go.
package reports

import _ "embed"

// Texts is texts.yaml: every fixed sentence of the department report.
//
//go:embed texts.yaml
var Texts []byte

// HTMLTemplate is report.html.tmpl: the HTML form of the department report.
//
//go:embed report.html.tmpl
var HTMLTemplate string

// OrganisationHTMLTemplate is organisation.html.tmpl: the HTML form of the
// organisation report.
//
//go:embed organisation.html.tmpl
var OrganisationHTMLTemplate string

// CSS is style.css, the house style both HTML reports inline.
//
//go:embed style.css
var CSS string

// Terminal is terminal.yaml: every fixed word of the terminal screens.
//
//go:embed terminal.yaml
var Terminal []byte

// Commands is commands.yaml: every fixed word of the command line's output.
//
//go:embed commands.yaml
var Commands []byte
