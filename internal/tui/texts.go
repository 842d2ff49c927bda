package tui

import (
	"sync"

	"github.com/maturity-nl/maturity/reports"
)

// texts are the fixed words of the interface in one language.
type texts map[string]string

// textsFor returns the Dutch words for nl and the English ones otherwise.
func textsFor(lang string) texts {
	if lang == "nl" {
		return textTable()["nl"]
	}
	return textTable()["en"]
}

// textTable is reports/terminal.yaml, one table per language, read when a
// screen first needs it: a command without a screen does not pay for it at
// start-up.
var textTable = sync.OnceValue(func() map[string]texts {
	out := map[string]texts{}
	for lang, t := range reports.MustCatalogue("terminal.yaml", reports.Terminal) {
		out[lang] = t
	}
	return out
})
