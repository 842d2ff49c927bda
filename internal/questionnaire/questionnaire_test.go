package questionnaire_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/questionnaires"
)

var update = flag.Bool("update", false, "rewrite the expected messages of testdata/invalid")

// TestParse_Invalid checks the exact messages for each malformed file: every
// problem is reported, in file order, as FILE:LINE:COL: FIELD: MESSAGE.
func TestParse_Invalid(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 15 {
		t.Fatalf("only %d malformed files; want at least 15", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			q, err := questionnaire.Parse(filepath.Base(f), src)
			var verr *questionnaire.ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("Parse = %v, %v; want a *ValidationError", q, err)
			}
			if q != nil {
				t.Errorf("Parse returned a questionnaire along with problems")
			}
			got := err.Error() + "\n"
			wantFile := strings.TrimSuffix(f, ".yaml") + ".want"
			if *update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("messages differ\n got:\n%s\nwant:\n%s", got, want)
			}
			for _, p := range verr.Problems {
				if p.Line == 0 && name != "empty" {
					t.Errorf("problem without a line: %s", p)
				}
			}
		})
	}
}

func mustLoad(t *testing.T, path string) *questionnaire.Questionnaire {
	t.Helper()
	q, err := questionnaire.LoadFile(path)
	if err != nil {
		t.Fatalf("LoadFile(%s): %v", path, err)
	}
	return q
}

func TestParse_Minimal(t *testing.T) {
	q := mustLoad(t, "testdata/valid/minimal.yaml")
	if q.ID != "mini" || q.Version != 1 {
		t.Errorf("id, version = %q, %d; want mini, 1", q.ID, q.Version)
	}
	if got := strings.Join(q.Languages, ","); got != "nl,en" {
		t.Errorf("languages = %s; want the default nl,en", got)
	}
	if q.Rules != questionnaire.DefaultRules() {
		t.Errorf("rules = %+v; want the defaults %+v", q.Rules, questionnaire.DefaultRules())
	}
	if got := q.LevelName(3, "nl") + "/" + q.LevelName(5, "en"); got != "Systematisch/Transformational" {
		t.Errorf("level names = %s; want Gartner's defaults", got)
	}
	if g := q.StageGroup(); g == nil || g.ID != "ladder" || len(g.Dimensions) != 2 {
		t.Fatalf("stage group = %+v; want ladder with 2 stages", g)
	}
	q2 := q.Question("q2")
	if q2 == nil || q2.Dimension.ID != "second" || q2.Dimension.Group.ID != "ladder" || q2.Weight != 1 {
		t.Fatalf("question q2 = %+v; want weight 1 in second/ladder", q2)
	}
	if got := q2.Options[4].In("en"); got != "better" {
		t.Errorf("option 4 = %q; want better", got)
	}
	if len(q.Digest) != 64 {
		t.Errorf("digest = %q; want a SHA-256 in hex", q.Digest)
	}
}

func TestParse_DutchOnly(t *testing.T) {
	q := mustLoad(t, "testdata/valid/dutch-only.yaml")
	if got := strings.Join(q.Languages, ","); got != "nl" {
		t.Errorf("languages = %s; want nl", got)
	}
	// The file gives the legacy stage_threshold 2.5 (0–4): stage level 3.5.
	want := questionnaire.Rules{StageLevel: 3.5, FoundationCap: false, MinimumCap: 2, ConsensusSpread: 2, AnonymityThreshold: 3, DefaultTarget: 4}
	if q.Rules != want {
		t.Errorf("rules = %+v; want %+v", q.Rules, want)
	}
	if got := q.Description.In("nl"); got != "Een korte meting die de afdeling zelf heeft opgesteld.\nTwee regels tekst in een blok.\n" {
		t.Errorf("block description = %q", got)
	}
	d := q.Dimension("rapportage")
	if d.Weight != 2 || d.Target != 3 || len(d.Recommendations) != 2 || d.Recommendations[3].In("nl") != "Deel de overzichten met andere afdelingen." {
		t.Errorf("dimension = %+v", d)
	}
	if x := q.Question("r1"); x.Weight != 0.5 || x.Options[1].In("nl") != "Af en toe" {
		t.Errorf("question = %+v", x)
	}
	if q.StageGroup() != nil {
		t.Errorf("a questionnaire without kind: stages has a stage group")
	}
	// A text asked in a language the file lacks falls back to one it has.
	if got := q.Title.In("en"); got != "Onze eigen meting" {
		t.Errorf("fallback title = %q", got)
	}
}

func TestParse_OwnLevelsAndAliases(t *testing.T) {
	q := mustLoad(t, "testdata/valid/english-levels.yaml")
	if got := q.LevelName(1, "en") + "/" + q.LevelName(5, "en"); got != "Beginning/Mastering" {
		t.Errorf("level names = %s", got)
	}
	if q.LevelName(0, "en") != "" || q.LevelName(6, "en") != "" {
		t.Errorf("LevelName outside 1–5 is not empty")
	}
	c2 := q.Question("c2")
	if len(c2.Options) != 5 || c2.Options[3].In("en") != "Most" {
		t.Errorf("aliased options = %v", c2.Options)
	}
}

// TestParse_AliasBomb: nested aliases that would expand to billions of
// values are refused quickly instead of exhausting memory.
func TestParse_AliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: bomb\nversion: 1\ntitle: {nl: a, en: a}\n")
	b.WriteString("x0: &o0 [{nl: a, en: a}, {nl: a, en: a}, {nl: a, en: a}, {nl: a, en: a}, {nl: a, en: a}]\n")
	b.WriteString("q0: &q0 [")
	for i := 0; i < 30; i++ {
		if i > 0 {
			b.WriteString(",\n  ")
		}
		b.WriteString(`{id: q, text: {nl: a, en: a}, options: *o0}`)
	}
	b.WriteString("]\n")
	b.WriteString("d0: &d0 [")
	for i := 0; i < 100; i++ {
		if i > 0 {
			b.WriteString(",\n  ")
		}
		b.WriteString(`{id: d, name: {nl: a, en: a}, questions: *q0}`)
	}
	b.WriteString("]\ngroups: [")
	for i := 0; i < 100; i++ {
		if i > 0 {
			b.WriteString(",\n  ")
		}
		b.WriteString(`{id: g, name: {nl: a, en: a}, dimensions: *d0}`)
	}
	b.WriteString("]\n")
	_, err := questionnaire.Parse("bomb.yaml", []byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "expands to more than") {
		t.Fatalf("Parse(alias bomb) = %v; want the expansion refused", err)
	}
}

// TestDefault checks the shipped questionnaire against what the project
// promises of it: three groups, the four ordered stages, 45 to 55
// questions, every text, help and recommendation in Dutch and English,
// at least eight legal minimums whose lower options read as a breach, and
// recommendations that each name their owner and what proves them done.
func TestDefault(t *testing.T) {
	q, err := questionnaires.LoadDefault()
	if err != nil {
		t.Fatalf("default questionnaire: %v", err)
	}
	if q.ID != "gemeente-datagedreven" || q.Version != 2 {
		t.Errorf("id %q version %d; want gemeente-datagedreven version 2", q.ID, q.Version)
	}
	kinds := map[questionnaire.GroupKind]int{}
	for _, g := range q.Groups {
		kinds[g.Kind] = len(g.Dimensions)
	}
	if kinds[questionnaire.KindStages] != 4 || kinds[questionnaire.KindGovernance] < 6 || kinds[questionnaire.KindReadiness] < 6 {
		t.Errorf("dimensions per kind = %v; want 4 stages and at least 6 governance and 6 readiness", kinds)
	}
	var stages []string
	for _, d := range q.StageGroup().Dimensions {
		stages = append(stages, d.ID)
	}
	if got := strings.Join(stages, ","); got != "descriptive,diagnostic,predictive,prescriptive" {
		t.Errorf("stages = %s", got)
	}
	// A team finishes in 20–30 minutes.
	if n := len(q.Questions()); n < 45 || n > 55 {
		t.Errorf("%d questions; want 45 to 55", n)
	}
	// Restraint is not penalised: the prescriptive stage aims at level 3
	// unless a department sets its own target.
	if d := q.Dimension("prescriptive"); d == nil || d.Target != 3 {
		t.Errorf("prescriptive target = %v; want 3", d)
	}
	// Level and group names a municipal reader accepts, not Gartner's
	// commercial labels or crisis vocabulary.
	var levels []string
	for l := 1; l <= questionnaire.MaxLevel; l++ {
		levels = append(levels, q.LevelName(l, "nl")+"/"+q.LevelName(l, "en"))
	}
	if got := strings.Join(levels, ", "); got != "Beginnend/Initial, Ad hoc/Ad hoc, Vastgelegd/Defined, Beheerst/Managed, Continu verbeterend/Continuously improving" {
		t.Errorf("levels = %s", got)
	}
	if got := strings.Join(q.GroupNames([]string{"ascendancy", "governance", "readiness"}, "nl"), ", "); got != "Gebruik van data-analyse, Datagovernance, Randvoorwaarden" {
		t.Errorf("group names = %s", got)
	}
	// The options are not a checklist: the description and the first
	// question say so.
	if first := q.Questions()[0]; !strings.Contains(q.Description["nl"], "geen afvinklijst") || !strings.Contains(q.Description["en"], "not a checklist") ||
		!strings.Contains(first.Help["nl"], "geen afvinklijst") || !strings.Contains(first.Help["en"], "not a checklist") {
		t.Error("description or first help does not say that the options are not a checklist")
	}
	standalone := map[string][2]string{"nl": {"Eigenaar: ", "Klaar als "}, "en": {"Owner: ", "Done when "}}
	for _, d := range q.Dimensions() {
		for level := 1; level < questionnaire.MaxLevel; level++ {
			for _, lang := range []string{"nl", "en"} {
				// Every recommendation stands on its own: it names its
				// owner and what proves it done.
				text, words := d.Recommendations[level][lang], standalone[lang]
				if !strings.Contains(text, words[0]) || !strings.Contains(text, words[1]) {
					t.Errorf("dimension %s, level %d, %s: recommendation %q names no owner or proof", d.ID, level, lang, text)
				}
			}
		}
		if len(d.Questions) < 2 {
			t.Errorf("dimension %s has %d question(s); want at least 2", d.ID, len(d.Questions))
		}
	}
	breach := map[string][]string{"nl": {"in strijd met", "voldoet niet"}, "en": {"breach", "does not meet"}}
	reads := func(text, lang string) bool {
		for _, w := range breach[lang] {
			if strings.Contains(text, w) {
				return true
			}
		}
		return false
	}
	minimums := 0
	for _, x := range q.Questions() {
		if len(x.Options) != 5 {
			t.Errorf("question %s has %d options", x.ID, len(x.Options))
		}
		for _, lang := range []string{"nl", "en"} {
			if x.Text[lang] == "" || x.Help[lang] == "" {
				t.Errorf("question %s lacks text or help in %s", x.ID, lang)
			}
			seen := map[string]bool{}
			for i, o := range x.Options {
				if seen[o[lang]] {
					t.Errorf("question %s: option %d repeats another in %s", x.ID, i, lang)
				}
				seen[o[lang]] = true
				// Below a legal minimum an option reads as a breach;
				// at or above it, never.
				below := x.Minimum != nil && i+1 < x.Minimum.Level
				if reads(o[lang], lang) != below {
					t.Errorf("question %s, option %d (%s): reads as a breach %v; want %v: %q", x.ID, i+1, lang, !below, below, o[lang])
				}
			}
		}
		if m := x.Minimum; m != nil {
			minimums++
			for _, lang := range []string{"nl", "en"} {
				if m.Basis[lang] == "" || !strings.Contains(m.Action[lang], standalone[lang][0]) || !strings.Contains(m.Action[lang], standalone[lang][1]) {
					t.Errorf("minimum of %s in %s: basis %q, action %q; want a basis and an action with its owner", x.ID, lang, m.Basis[lang], m.Action[lang])
				}
			}
		}
	}
	if minimums < 8 {
		t.Errorf("%d legal minimums; want at least 8", minimums)
	}
	// Jargon a question or its options use is explained: in its help, or
	// in brackets where it stands.
	jargon := map[string][]string{
		"nl": {"pre-DPIA", "DPIA", "autorisatiematrix", "P&C", "BI-omgeving", "backlog", "portfolioboard", "CISO", "DIV", "SOC", "FG", "DEDA", "IAMA", "GGM", "DCAT-AP-NL", "ENSIA", "I&A"},
		"en": {"pre-DPIA", "DPIA", "authorisation matrix", "BI environment", "portfolio board", "CISO", "DIV", "SOC", "DEDA", "IAMA", "GGM", "DCAT-AP-NL", "ENSIA", "I&A"},
	}
	for _, x := range q.Questions() {
		for lang, terms := range jargon {
			body := x.Text[lang]
			for _, o := range x.Options {
				body += " " + o[lang]
			}
			for _, term := range terms {
				if strings.Contains(body, term) && !strings.Contains(x.Help[lang], term) && !strings.Contains(body, term+" (") && !strings.Contains(body, "("+term+")") {
					t.Errorf("question %s (%s) uses %q without explaining it", x.ID, lang, term)
				}
			}
		}
	}
	// The retired words of version 1 stay out: one term for one thing,
	// and an interviewee's estimate is not a norm.
	for _, text := range texts(q) {
		for _, w := range []string{"kerncijfer", "KPI", "werkoverleg", "organisatiebre", "concernbre", "op een vast ritme", "telt als niet",
			"mandaatbeschrijving", "acht tot negen", "Opportunistisch", "paraatheid", "base regist", "point on the horizon", "fixed rhythm",
			"loose cop", "chain partner", "eight to nine", "organisation-wide", "gut feeling"} {
			if strings.Contains(text, w) {
				t.Errorf("%q appears in %q", w, text)
			}
		}
	}
}

// texts lists every user-facing text of q in every language.
func texts(q *questionnaire.Questionnaire) []string {
	var out []string
	add := func(ts ...questionnaire.Text) {
		for _, t := range ts {
			for _, s := range t {
				out = append(out, s)
			}
		}
	}
	add(q.Title, q.Description)
	add(q.Levels...)
	for _, g := range q.Groups {
		add(g.Name, g.Description)
	}
	for _, d := range q.Dimensions() {
		add(d.Name, d.Description)
		for _, r := range d.Recommendations {
			add(r)
		}
		for _, x := range d.Questions {
			add(x.Text, x.Help)
			add(x.Options...)
			if x.Minimum != nil {
				add(x.Minimum.Basis, x.Minimum.Action)
			}
		}
	}
	return out
}

// TestParse_ByteOrderMarkAndNotations: a file saved with a UTF-8 byte-order
// mark loads, and a weight in another of YAML's integer notations is read
// as its number.
func TestParse_ByteOrderMarkAndNotations(t *testing.T) {
	src := "\ufeffid: bom\nversion: 1\ntitle: {nl: T, en: T}\ngroups:\n  - id: g\n    name: {nl: G, en: G}\n    dimensions:\n      - id: d\n        name: {nl: D, en: D}\n        weight: 0x10\n        questions:\n          - {id: q, weight: 1_000, text: {nl: v, en: q}, options: [{nl: a, en: a}, {nl: b, en: b}, {nl: c, en: c}, {nl: d, en: d}, {nl: e, en: e}]}\n"
	q, err := questionnaire.Parse("bom.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if q.ID != "bom" || q.Dimension("d").Weight != 16 || q.Question("q").Weight != 1000 {
		t.Errorf("id %q, weights %v and %v; want bom, 16 and 1000", q.ID, q.Dimension("d").Weight, q.Question("q").Weight)
	}
	// The digest is of the file as it was, mark and all.
	if q.Digest == "" || len(q.Source) != len(src) {
		t.Errorf("source kept as %d bytes of %d", len(q.Source), len(src))
	}
	_, err = questionnaire.Parse("big.yaml", []byte(strings.Replace(src, "0x10", "0x1000", 1)))
	if err == nil || !strings.Contains(err.Error(), `weight: is 4096 (expected a weight above 0, at most 1000)`) {
		t.Errorf("weight 0x1000: %v", err)
	}
}

// TestParse_DeepNestingIsCheap: nesting far beyond MaxDepth is refused
// before the parser, whose cost grows with the square of the depth, sees it.
func TestParse_DeepNestingIsCheap(t *testing.T) {
	for name, src := range map[string]string{
		"flow":     "id: x\nversion: 1\ntitle: " + strings.Repeat("[", 200_000) + "\n",
		"sequence": "id: x\nversion: 1\ntitle:\n" + strings.Repeat(" - ", 100_000) + "x\n",
	} {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := questionnaire.Parse(name+".yaml", []byte(src))
			runtime.ReadMemStats(&after)
			if err == nil || !strings.Contains(err.Error(), "nests deeper than 64 levels") {
				t.Fatalf("Parse = %v; want the depth refused", err)
			}
			if grown := after.TotalAlloc - before.TotalAlloc; grown > 64<<20 {
				t.Errorf("refusing the file allocated %d MB; want under 64", grown>>20)
			}
		})
	}
}
