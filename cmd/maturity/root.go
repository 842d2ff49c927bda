package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// version is set at build time with -ldflags "-X main.version=…"; without it
// the module version or VCS revision from the build information is used.
var version = ""

// globalOptions are the flags every command accepts.
type globalOptions struct {
	db            string
	lang          string // --lang, as nl or en once check has run
	questionnaire string
	// allRespondents makes the home screen's resume list show everyone's
	// unfinished rounds, not only this user's.
	allRespondents bool

	// settings are the user's remembered choices, read before a command runs.
	settings settings
	// writes says that the command may change the database, and so may
	// create it; every other command refuses a database that does not exist.
	writes bool
}

// runState records whether cobra got as far as running a command, which
// separates usage errors from failures of the command itself.
type runState struct{ started bool }

func newRootCmd(e env) (*cobra.Command, *runState) {
	state := &runState{}
	opts := &globalOptions{}
	root := &cobra.Command{
		Use:   "maturity",
		Short: "Measure how data-driven a municipal department is",
		Long: `maturity measures how data-driven a municipal department is: Gartner's analytics
ascendancy (descriptive, diagnostic, predictive, prescriptive) plus data governance and
organisational readiness. Answers are stored in SQLite; results and reports say where a
department stands, what blocks the next level and what to do first.

Without a command, in a terminal, it opens the home screen: start or resume an assessment,
see results, choose the language. The language chosen there is remembered in settings.yaml in
the configuration directory ($XDG_CONFIG_HOME/maturity); the resume list shows your own
unfinished rounds (--all-respondents: everyone's).

Only commands that write create the database (--db, $MATURITY_DB, else maturity.db in the
data directory, $XDG_DATA_HOME/maturity) and say so the first time; a command that only reads
refuses a database that does not exist.`,
		Version:       buildVersion(),
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			state.started = true
			if err := opts.check(); err != nil {
				return err
			}
			opts.settings = loadSettings(e, opts.userLang())
			opts.writes = writesDatabase(cmd)
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if !isTerminal(e.stdin) {
				return cmd.Help()
			}
			return runHome(cmd.Context(), e, opts)
		},
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetVersionTemplate("maturity {{.Version}}\n")

	f := root.PersistentFlags()
	f.StringVar(&opts.db, "db", "", "database file (default $MATURITY_DB, else maturity.db in the user's data directory)")
	f.StringVar(&opts.lang, "lang", "", "language of what is shown: nl or en (default: the one last chosen on the home screen, else nl)")
	f.StringVar(&opts.questionnaire, "questionnaire", "", "questionnaire id or YAML file (default: the embedded "+defaultQuestionnaireID+")")
	root.Flags().BoolVar(&opts.allRespondents, "all-respondents", false, "the home screen's resume list shows everyone's unfinished rounds, not only yours")
	if opts.db == "" {
		opts.db = e.getenv("MATURITY_DB")
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return suggestFlag(e, opts, cmd, err)
	})

	root.AddCommand(
		newAssessCmd(e, opts),
		newQuestionnaireCmd(e, opts),
		newResultsCmd(e, opts),
		newReportCmd(e, opts),
		newDepartmentCmd(e, opts),
		newAssessmentCmd(e, opts),
		newTargetsCmd(e, opts),
		newImportCmd(e, opts),
		newWorkshopCmd(e, opts),
		newExportCmd(e, opts),
		newDemoCmd(e, opts),
		newBackupCmd(e, opts),
		newActionsCmd(e, opts),
	)
	root.InitDefaultCompletionCmd()
	refuseUnknownSubcommands(root)
	return root, state
}

// refuseUnknownSubcommands makes a group of commands (department,
// assessment, completion, …) show its help when called alone, and refuse
// an unknown subcommand as bad usage, where cobra would show the help and
// exit 0.
func refuseUnknownSubcommands(c *cobra.Command) {
	for _, sub := range c.Commands() {
		refuseUnknownSubcommands(sub)
	}
	if c.HasParent() && c.HasSubCommands() && !c.Runnable() {
		c.Args = cobra.NoArgs
		c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	}
}

// check validates the global flags before any command runs. --lang is
// taken in any case: EN, Nl and nl all name a language.
func (o *globalOptions) check() error {
	if o.lang == "" {
		return nil
	}
	lang, ok := normalLang(o.lang)
	if !ok {
		return badInput("--lang %q: unknown language (expected nl or en)", o.lang)
	}
	o.lang = lang
	return nil
}

// userLang is the language of the command line's own messages: --lang,
// else the one last chosen on the home screen, else Dutch.
func (o *globalOptions) userLang() string {
	switch {
	case o.lang != "":
		return o.lang
	case o.settings.lang != "":
		return o.settings.lang
	}
	return "nl"
}

// writesDatabase says whether cmd may change the database. Only these
// commands create a database that does not exist yet; the others read one
// and refuse a path where there is none, so that a mistyped --db is an
// error rather than a new, empty database.
func writesDatabase(cmd *cobra.Command) bool {
	switch strings.TrimPrefix(cmd.CommandPath(), "maturity") {
	case "", // the home screen: start answering
		" assess", " import",
		" workshop serve", " workshop local",
		" department add", " department rename", " department move",
		" assessment start", " assessment close", " assessment reopen",
		" actions add", " actions update", " actions done", " actions drop":
		return true
	case " targets":
		return cmd.Flags().Changed("set") || cmd.Flags().Changed("clear")
	}
	return false
}

// suggestFlag adds a did-you-mean to an unknown flag, as cobra does for an
// unknown command: the command's flag nearest to the one typed.
func suggestFlag(e env, opts *globalOptions, cmd *cobra.Command, err error) error {
	name, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok {
		return err
	}
	best, bestDistance := "", 3 // farther than 2 edits is not a typo
	visit := func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		d := editDistance(strings.ToLower(name), f.Name)
		if strings.HasPrefix(f.Name, strings.ToLower(name)) && len(name) >= 3 {
			d = min(d, 1)
		}
		if d < bestDistance && d < len(name) {
			best, bestDistance = f.Name, d
		}
	}
	cmd.LocalFlags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	if best == "" {
		return err
	}
	// The flags are parsed in order: --lang counts when it came before.
	lang, ok := normalLang(opts.lang)
	if !ok {
		opts.settings = loadSettings(e, "nl")
		lang = opts.userLang()
	}
	return fmt.Errorf("%w ("+labelsFor(lang)["did you mean"]+")", err, "--"+best)
}

// editDistance is the Levenshtein distance between a and b, in bytes:
// flag names are ASCII.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func buildVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v = fmt.Sprintf("%s (%s)", v, s.Value[:12])
		}
	}
	return v
}
