package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/questionnaires"
	"github.com/spf13/cobra"
)

const defaultQuestionnaireID = "gemeente-datagedreven"

func newQuestionnaireCmd(e env, opts *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "questionnaire",
		Short: "List, show and validate questionnaires",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newQuestionnaireListCmd(e, opts), newQuestionnaireShowCmd(e, opts), newQuestionnaireValidateCmd(e, opts))
	return cmd
}

// entry is one questionnaire the program knows of, or a file that failed to load.
type entry struct {
	source string // "embedded" or the file's path
	q      *questionnaire.Questionnaire
	err    error
}

// catalog returns the embedded questionnaires, then every *.yaml / *.yml in
// the questionnaires folder of the user's data directory.
func catalog(e env) ([]entry, error) {
	var out []entry
	names, err := fs.Glob(questionnaires.FS, "*.yaml")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		q, err := questionnaire.LoadFS(questionnaires.FS, "questionnaires", n)
		if err != nil {
			return nil, fmt.Errorf("embedded questionnaire %s: %w", n, err)
		}
		out = append(out, entry{source: "embedded", q: q})
	}
	dir, err := userQuestionnaireDir(e)
	if err != nil {
		return out, nil
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.y*ml"))
	sort.Strings(files)
	for _, f := range files {
		if ext := filepath.Ext(f); ext != ".yaml" && ext != ".yml" {
			continue
		}
		q, err := questionnaire.LoadFile(f)
		out = append(out, entry{source: f, q: q, err: err})
	}
	return out, nil
}

func userQuestionnaireDir(e env) (string, error) {
	d, err := dataDir(e.getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "questionnaires"), nil
}

// resolveQuestionnaire finds a questionnaire by id (the highest version known)
// or by file path; "" means the --questionnaire flag, else the default.
func resolveQuestionnaire(e env, opts *globalOptions, ref string) (*questionnaire.Questionnaire, error) {
	if ref == "" {
		ref = opts.questionnaire
	}
	if ref == "" {
		ref = defaultQuestionnaireID
	}
	if looksLikeFile(ref) {
		q, err := questionnaire.LoadFile(ref)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, badInput("questionnaire file %s does not exist", ref)
		}
		return q, err
	}
	entries, err := catalog(e)
	if err != nil {
		return nil, err
	}
	var best *questionnaire.Questionnaire
	var known []string
	for _, en := range entries {
		if en.q == nil {
			continue
		}
		known = append(known, en.q.ID)
		if en.q.ID == ref && (best == nil || en.q.Version > best.Version) {
			best = en.q
		}
	}
	if best == nil {
		return nil, badInput("unknown questionnaire %q (known: %s; or give the path of a YAML file)", ref, strings.Join(known, ", "))
	}
	return best, nil
}

func looksLikeFile(ref string) bool {
	if strings.ContainsAny(ref, `/\`) || strings.HasSuffix(ref, ".yaml") || strings.HasSuffix(ref, ".yml") {
		return true
	}
	info, err := os.Stat(ref)
	return err == nil && !info.IsDir()
}

// language picks the language to show q in: --lang, else the one last chosen
// on the home screen when q has it, else q's first language.
func language(opts *globalOptions, q *questionnaire.Questionnaire) (string, error) {
	if opts.lang == "" {
		return langFor(opts.settings.lang, q), nil
	}
	if !q.HasLanguage(opts.lang) {
		return "", badInput("--lang %s: questionnaire %s has no texts in %q (it has: %s)", opts.lang, q.ID, opts.lang, strings.Join(q.Languages, ", "))
	}
	return opts.lang, nil
}

// summary says in l's words what a questionnaire holds.
func summary(l labels, q *questionnaire.Questionnaire) string {
	return fmt.Sprintf(l["questionnaire summary"], q.ID, q.Version, plural(l, "n groups", len(q.Groups)),
		plural(l, "n dimensions", len(q.Dimensions())), plural(l, "n questions", len(q.Questions())), strings.Join(q.Languages, ", "))
}

func newQuestionnaireListCmd(e env, opts *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the embedded questionnaires and those in the user's questionnaires folder",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			entries, err := catalog(e)
			if err != nil {
				return err
			}
			l := labelsFor(opts.userLang())
			w := newTable(e.stdout, l["col id"], l["col version"], l["col languages"], l["col dimensions"], l["col questions"], l["col source"])
			invalid := 0
			for _, en := range entries {
				if en.err != nil {
					invalid++
					w.row("-", "-", "-", "-", "-", en.source+" ("+l["invalid questionnaire"]+")")
					continue
				}
				source := en.source
				if source == "embedded" {
					source = l["embedded"]
				}
				w.row(en.q.ID, fmt.Sprint(en.q.Version), strings.Join(en.q.Languages, ","),
					fmt.Sprint(len(en.q.Dimensions())), fmt.Sprint(len(en.q.Questions())), source)
			}
			if err := w.flush(); err != nil {
				return err
			}
			if dir, err := userQuestionnaireDir(e); err == nil {
				fmt.Fprintf(e.stdout, "\n"+l["own questionnaires"]+"\n", dir)
			}
			if invalid > 0 {
				return badInput("%d questionnaire file(s) in the user's folder are invalid", invalid)
			}
			return nil
		},
	}
}

func newQuestionnaireValidateCmd(e env, opts *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check questionnaire files and report every problem with its line and column",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var problems []questionnaire.Problem
			var failed error
			for _, path := range args {
				q, err := questionnaire.LoadFile(path)
				var verr *questionnaire.ValidationError
				switch {
				case errors.As(err, &verr):
					problems = append(problems, verr.Problems...)
				case errors.Is(err, fs.ErrNotExist):
					failed = badInput("%s: no such file", path)
				case err != nil:
					failed = badInput("%s: %v", path, err)
				default:
					fmt.Fprintf(e.stdout, "%s: ok: %s\n", path, summary(labelsFor(opts.userLang()), q))
				}
			}
			if len(problems) > 0 {
				return &questionnaire.ValidationError{Problems: problems}
			}
			return failed
		},
	}
}
