package report

import (
	"fmt"
	"sync"

	"github.com/goccy/go-yaml"
	"github.com/maturity-nl/maturity/reports"
)

// texts are the report's fixed sentences in one language.
type texts map[string]string

var (
	loadOnce sync.Once
	loaded   map[string]map[string]string // key → language → text
	loadErr  error
)

// textsFor returns the fixed texts in lang (English for any other than nl).
func textsFor(lang string) (texts, error) {
	loadOnce.Do(func() {
		loadErr = yaml.Unmarshal(reports.Texts, &loaded)
		if loadErr != nil {
			loadErr = fmt.Errorf("reports/texts.yaml: %w", loadErr)
		}
	})
	if loadErr != nil {
		return nil, loadErr
	}
	if lang != "nl" {
		lang = "en"
	}
	t := texts{}
	for k, byLang := range loaded {
		t[k] = byLang[lang]
	}
	return t, nil
}

// f fills in a text's placeholders.
func (t texts) f(key string, args ...any) string { return fmt.Sprintf(t[key], args...) }
