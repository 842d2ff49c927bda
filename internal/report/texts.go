package report

import (
	"fmt"
	"sync"

	"github.com/maturity-nl/maturity/reports"
)

// texts are the report's fixed sentences in one language.
type texts map[string]string

var (
	loadOnce sync.Once
	loaded   map[string]map[string]string // language → key → text
	loadErr  error
)

// textsFor returns the fixed texts in lang (English for any other than nl).
// The table is shared: callers read it and never write to it.
func textsFor(lang string) (texts, error) {
	loadOnce.Do(func() { loaded, loadErr = reports.Catalogue("texts.yaml", reports.Texts) })
	if loadErr != nil {
		return nil, loadErr
	}
	if lang != "nl" {
		lang = "en"
	}
	return loaded[lang], nil
}

// f fills in a text's placeholders.
func (t texts) f(key string, args ...any) string { return fmt.Sprintf(t[key], args...) }
