package main

import (
	"sync"

	"github.com/maturity-nl/maturity/reports"
)

// labels are the fixed words of the plain-text output in one language.
type labels map[string]string

// labelsFor returns the Dutch words for nl and the English ones otherwise.
func labelsFor(lang string) labels {
	if lang == "nl" {
		return labelText()["nl"]
	}
	return labelText()["en"]
}

// labelText is reports/commands.yaml, one table per language, read when
// a command first prints with it rather than at every start-up.
var labelText = sync.OnceValue(func() map[string]labels {
	out := map[string]labels{}
	for lang, t := range reports.MustCatalogue("commands.yaml", reports.Commands) {
		out[lang] = t
	}
	return out
})
