package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/maturity-nl/maturity/internal/exchange"
	"github.com/maturity-nl/maturity/internal/questionnaire"
	"github.com/maturity-nl/maturity/internal/store"
	"github.com/maturity-nl/maturity/internal/tui"
	"github.com/spf13/cobra"
)

// statusNames are the names an action's status is typed with, in Dutch and
// English, each mapped to the stored status.
var statusNames = map[string]store.ActionStatus{
	"gepland": store.ActionPlanned, "planned": store.ActionPlanned,
	"bezig": store.ActionInProgress, "in_progress": store.ActionInProgress, "in-progress": store.ActionInProgress, "in progress": store.ActionInProgress,
	"gereed": store.ActionDone, "done": store.ActionDone,
	"vervallen": store.ActionDropped, "dropped": store.ActionDropped,
}

// parseStatus reads a status typed in either language, in any case.
func parseStatus(s string) (store.ActionStatus, error) {
	if st, ok := statusNames[strings.ToLower(strings.TrimSpace(s))]; ok {
		return st, nil
	}
	return "", badInput("--status %q: unknown status (expected gepland, bezig, gereed or vervallen; in English planned, in_progress, done or dropped)", s)
}

// statusWord is a status as people read it, in the words of l.
func statusWord(l labels, s store.ActionStatus) string {
	if w, ok := l["status "+string(s)]; ok {
		return w
	}
	return string(s)
}

// oneOrMore is key's text for n things: "key one" when n is 1 and the
// catalogue has it, else key.
func oneOrMore(l labels, key string, n int) string {
	if one, ok := l[key+" one"]; ok && n == 1 {
		return one
	}
	return l[key]
}

func newActionsCmd(e env, opts *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "actions",
		Short: "The improvement register: what a department agreed to do, and what became of it",
		Long: `The improvement register. An action belongs to a department and a dimension (optionally a
question or legal minimum) and the round after which it was agreed; it has a text, an owner —
a role such as teamleider or informatiemanager, never a person's name — a due date and a
status: gepland, bezig, gereed or vervallen (planned, in progress, done, dropped). Done needs
the evidence of it, dropped a reason. Every change is kept with its date; an open action past
its due date is verlopen (overdue).`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newActionsAddCmd(e, opts), newActionsListCmd(e, opts), newActionsUpdateCmd(e, opts),
		newActionsCloseCmd(e, opts, "done", "ID --evidence TEXT", "Mark an action done, with the evidence of it", store.ActionDone),
		newActionsCloseCmd(e, opts, "drop", "ID --reason TEXT", "Drop an action, with the reason", store.ActionDropped))
	return cmd
}

func newActionsAddCmd(e env, opts *globalOptions) *cobra.Command {
	var n store.NewAction
	cmd := &cobra.Command{
		Use:   "add --department NAME --dimension DIM --text TEXT [--owner ROLE] [--due YYYY-MM-DD] [--question ID]",
		Short: "Agree an action after the department's latest round (or --assessment ID); prints its number",
		Args:  cobra.NoArgs,
	}
	cmd.RunE = withStore(e, opts, func(ctx context.Context, st *store.Store, _ []string) error {
		if n.Department == "" {
			return badInput("actions add needs --department NAME")
		}
		d, err := st.Department(ctx, n.Department)
		if err != nil {
			return err
		}
		q, err := actionQuestionnaire(ctx, e, opts, st, d.Name, n.AssessmentID)
		if err != nil {
			return err
		}
		if n.Dimension, err = actionDimension(q, n.Dimension, n.Question); err != nil {
			return err
		}
		a, err := st.AddAction(ctx, n)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, labelsFor(opts.userLang())["action added"]+"\n", a.ID, tui.Printable(a.Department))
		return nil
	})
	f := cmd.Flags()
	f.StringVar(&n.Department, "department", "", "the department that agrees it")
	f.StringVar(&n.Dimension, "dimension", "", "the dimension it improves (an id, see maturity questionnaire show)")
	f.StringVar(&n.Question, "question", "", "the question or legal minimum it answers (an id; sets the dimension)")
	f.StringVar(&n.Text, "text", "", "what will be done")
	f.StringVar(&n.Owner, "owner", "", "the role that owns it, e.g. teamleider (not a person's name)")
	f.StringVar(&n.Due, "due", "", "the date it is due, YYYY-MM-DD")
	f.Int64Var(&n.AssessmentID, "assessment", 0, "the round it follows (default: the department's latest)")
	return cmd
}

// actionQuestionnaire is the questionnaire an action's dimension is checked
// against: that of the round it follows, else the department's latest
// round's, else the command's questionnaire.
func actionQuestionnaire(ctx context.Context, e env, opts *globalOptions, st *store.Store, department string, assessment int64) (*questionnaire.Questionnaire, error) {
	if assessment == 0 {
		a, err := st.LatestAssessment(ctx, department)
		if store.ErrorCode(err) == store.ENOTFOUND {
			return resolveQuestionnaire(e, opts, "")
		}
		if err != nil {
			return nil, err
		}
		assessment = a.ID
	}
	s, err := newScorer(st).score(ctx, assessment)
	if err != nil {
		return nil, err
	}
	return s.q, nil
}

// actionDimension checks the dimension and question an action names, and
// takes the dimension from the question when only that is given.
func actionDimension(q *questionnaire.Questionnaire, dimension, question string) (string, error) {
	dimension, question = strings.TrimSpace(dimension), strings.TrimSpace(question)
	if question != "" {
		x := q.Question(question)
		if x == nil {
			return "", badInput("--question %q: not a question of %s version %d (see maturity questionnaire show)", question, q.ID, q.Version)
		}
		if dimension != "" && dimension != x.Dimension.ID {
			return "", badInput("--question %s belongs to dimension %s, not to %s", question, x.Dimension.ID, dimension)
		}
		return x.Dimension.ID, nil
	}
	if q.Dimension(dimension) == nil {
		var ids []string
		for _, d := range q.Dimensions() {
			ids = append(ids, d.ID)
		}
		what := "actions add needs --dimension DIM"
		if dimension != "" {
			what = fmt.Sprintf("--dimension %q: not a dimension of %s version %d", dimension, q.ID, q.Version)
		}
		return "", badInput("%s (expected one of: %s)", what, strings.Join(ids, ", "))
	}
	return dimension, nil
}

func newActionsListCmd(e env, opts *globalOptions) *cobra.Command {
	var department, status string
	var overdue, asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--department NAME] [--status S] [--overdue] [--json]",
		Short: "List the agreed actions, with their status and whether they are overdue",
		Args:  cobra.NoArgs,
	}
	cmd.RunE = withStore(e, opts, func(ctx context.Context, st *store.Store, _ []string) error {
		f := store.ActionFilter{Department: department}
		if status != "" {
			s, err := parseStatus(status)
			if err != nil {
				return err
			}
			f.Status = s
		}
		all, err := st.Actions(ctx, f)
		if err != nil {
			return err
		}
		now := st.Now()
		var shown []store.Action
		for _, a := range all {
			if !overdue || a.Overdue(now) {
				shown = append(shown, a)
			}
		}
		if asJSON {
			return exchange.WriteActions(e.stdout, shown, now)
		}
		return writeActions(e, opts.userLang(), shown, now)
	})
	f := cmd.Flags()
	f.StringVar(&department, "department", "", "only this department's actions")
	f.StringVar(&status, "status", "", "only actions with this status: gepland, bezig, gereed, vervallen (or planned, in_progress, done, dropped)")
	f.BoolVar(&overdue, "overdue", false, "only open actions past their due date")
	f.BoolVar(&asJSON, "json", false, "print JSON (documented in the README)")
	return cmd
}

// writeActions prints the actions as a table in the user's language.
func writeActions(e env, lang string, actions []store.Action, now time.Time) error {
	l := labelsFor(lang)
	if len(actions) == 0 {
		_, err := fmt.Fprintln(e.stdout, l["actions none"])
		return err
	}
	t := newTable(e.stdout, l["actions col id"], l["actions col department"], l["col dimension"], l["actions col owner"], l["actions col due"],
		l["actions col status"], l["actions col round"], l["actions col text"])
	for _, a := range actions {
		status := statusWord(l, a.Status)
		if a.Overdue(now) {
			status += ", " + l["actions overdue"]
		}
		t.row(strconv.FormatInt(a.ID, 10), a.Department, a.Dimension, dash(a.Owner), dash(a.Due), status, dash(a.Round), clip(a.Text, 60))
	}
	return t.flush()
}

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// clip shortens a text for a table cell.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// actionID reads the ID argument of update, done and drop.
func actionID(arg string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimSpace(arg), 10, 64)
	if err != nil || id < 1 {
		return 0, badInput("%q is not an action number (see maturity actions list)", arg)
	}
	return id, nil
}

func newActionsUpdateCmd(e env, opts *globalOptions) *cobra.Command {
	var status, owner, due, text string
	cmd := &cobra.Command{
		Use:   "update ID [--status S] [--owner ROLE] [--due YYYY-MM-DD] [--text TEXT]",
		Short: "Change an action's status, owner, due date or text; the change is kept in its history",
		Args:  cobra.ExactArgs(1),
	}
	cmd.RunE = withStore(e, opts, func(ctx context.Context, st *store.Store, args []string) error {
		id, err := actionID(args[0])
		if err != nil {
			return err
		}
		var u store.ActionUpdate
		f := cmd.Flags()
		if f.Changed("owner") {
			u.Owner = &owner
		}
		if f.Changed("due") {
			u.Due = &due
		}
		if f.Changed("text") {
			u.Text = &text
		}
		if cmd.Flags().Changed("status") {
			s, err := parseStatus(status)
			if err != nil {
				return err
			}
			u.Status = &s
		}
		if u == (store.ActionUpdate{}) {
			return badInput("actions update %d: nothing to change (give --status, --owner, --due or --text)", id)
		}
		a, err := st.UpdateAction(ctx, id, u)
		if err != nil {
			return err
		}
		return printAction(e, opts.userLang(), a, st.Now())
	})
	f := cmd.Flags()
	f.StringVar(&status, "status", "", "gepland, bezig, gereed or vervallen (planned, in_progress, done, dropped)")
	f.StringVar(&owner, "owner", "", "the role that owns it")
	f.StringVar(&due, "due", "", "the date it is due, YYYY-MM-DD (\"\" for none)")
	f.StringVar(&text, "text", "", "what will be done")
	return cmd
}

func newActionsCloseCmd(e env, opts *globalOptions, name, args, short string, to store.ActionStatus) *cobra.Command {
	var why string
	flag, usage := "evidence", "what shows it was done, e.g. the decision or document"
	if to == store.ActionDropped {
		flag, usage = "reason", "why it is dropped"
	}
	cmd := &cobra.Command{Use: name + " " + args, Short: short, Args: cobra.ExactArgs(1)}
	cmd.RunE = withStore(e, opts, func(ctx context.Context, st *store.Store, args []string) error {
		id, err := actionID(args[0])
		if err != nil {
			return err
		}
		if strings.TrimSpace(why) == "" {
			return badInput("actions %s %d needs --%s TEXT (%s)", name, id, flag, usage)
		}
		u := store.ActionUpdate{Status: &to}
		if to == store.ActionDone {
			u.Evidence = &why
		} else {
			u.Reason = &why
		}
		a, err := st.UpdateAction(ctx, id, u)
		if err != nil {
			return err
		}
		return printAction(e, opts.userLang(), a, st.Now())
	})
	cmd.Flags().StringVar(&why, flag, "", usage)
	return cmd
}

// printAction prints one action's line after a change.
func printAction(e env, lang string, a store.Action, now time.Time) error {
	return writeActions(e, lang, []store.Action{a}, now)
}
