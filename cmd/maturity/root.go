package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=…"; without it
// the module version or VCS revision from the build information is used.
var version = ""

// globalOptions are the flags every command accepts.
type globalOptions struct {
	db            string
	lang          string
	questionnaire string
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
see results, choose the language.`,
		Version:       buildVersion(),
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			state.started = true
			return opts.check()
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
	f.StringVar(&opts.lang, "lang", "", "language of what is shown: nl or en (default: the questionnaire's first language)")
	f.StringVar(&opts.questionnaire, "questionnaire", "", "questionnaire id or YAML file (default: the embedded "+defaultQuestionnaireID+")")
	if opts.db == "" {
		opts.db = e.getenv("MATURITY_DB")
	}

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

// check validates the global flags before any command runs.
func (o *globalOptions) check() error {
	switch o.lang {
	case "", "nl", "en":
		return nil
	}
	return badInput("--lang %q: unknown language (expected nl or en)", o.lang)
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
