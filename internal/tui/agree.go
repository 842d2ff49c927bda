package tui

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/maturity-nl/maturity/internal/scoring"
)

// The agreements step comes after the discussion: the group picks from the
// round's recommendations what it will do, or says in its own words what it
// will do for a dimension, and the facilitator types who owns it (a role)
// and when it is due, on the screen the room watches. Each agreement is
// saved as it is made; the presenter view shows them all.

// Agreement is an action the group agreed after the round: what will be
// done, for which dimension (and question or legal minimum), which role
// owns it and when it is due.
type Agreement struct {
	// ID is the action's number in the register; 0 for one not saved yet.
	ID        int64
	Dimension string
	// Question is the question or legal minimum it answers, "" for none.
	Question string
	Text     string
	// Owner is a role ("teamleider"), not a person's name.
	Owner string
	// Due is a date written YYYY-MM-DD.
	Due string
}

// Limits of what the facilitator types for an agreement.
const (
	// MaxAgreementRunes bounds an agreement's text, in characters: the
	// default questionnaire's longest recommendation has about 600.
	MaxAgreementRunes = 1000
	// MaxOwnerRunes bounds an owner, the name of a role: "informatiemanager"
	// has 17 characters.
	MaxOwnerRunes = 60
	// MaxDueYears is how far ahead a due date may lie; a date beyond it is
	// a typing error, not a plan.
	MaxDueYears = 10
	// agreeDueRunes bounds what the date field takes: a date has 10
	// characters, and a longer paste is refused as no date, not cut into one.
	agreeDueRunes = 20
)

// agreeDueFormat is how a due date is typed and shown.
const agreeDueFormat = "2006-01-02"

// agreeField is the field of the agreement form that has the cursor.
type agreeField int

const (
	fieldText agreeField = iota
	fieldOwner
	fieldDue
)

// agreeForm is an agreement being typed: a recommendation's text comes
// filled in, an own agreement's is typed; owner and due date always are.
type agreeForm struct {
	draft   Agreement // its dimension and question; its ID when it is changed
	field   agreeField
	text    textarea.Model
	owner   textinput.Model
	due     textinput.Model
	problem string // what is wrong with what was typed
}

// agreeItem is a line of the agreements step the cursor stops at: a
// recommendation, the own agreement, or an agreement made.
type agreeItem struct {
	rec    *scoring.Recommendation
	own    bool
	agreed *Agreement
}

// agreeItems are the lines to choose from: the recommendations in the
// order of what to do first, an own agreement, then what was agreed.
func (d Dashboard) agreeItems() []agreeItem {
	var out []agreeItem
	for i := range d.snap.Result.Recommendations {
		out = append(out, agreeItem{rec: &d.snap.Result.Recommendations[i]})
	}
	out = append(out, agreeItem{own: true})
	for i := range d.snap.Agreements {
		out = append(out, agreeItem{agreed: &d.snap.Agreements[i]})
	}
	return out
}

// recText is a recommendation's text in the dashboard's language.
func (d Dashboard) recText(r scoring.Recommendation) string {
	return agreementText(r.Text(d.info.Questionnaire).In(d.info.Lang))
}

// agreementText is s with every run of white space one space: an agreement is
// one paragraph.
func agreementText(s string) string { return strings.Join(strings.Fields(s), " ") }

// agreedAlready says whether the recommendation was agreed as it stands.
func (d Dashboard) agreedAlready(r scoring.Recommendation) bool {
	text := d.recText(r)
	for _, a := range d.snap.Agreements {
		if a.Dimension == r.Dimension && a.Question == r.Question && a.Text == text {
			return true
		}
	}
	return false
}

// dimensionName is a dimension as people read it.
func (d Dashboard) dimensionName(id string) string {
	if x := d.info.Questionnaire.Dimension(id); x != nil {
		return x.Name.In(d.info.Lang)
	}
	return id
}

// agreeKey acts on a key of the agreements step outside the form.
func (d Dashboard) agreeKey(k string) (Dashboard, tea.Cmd, bool) {
	items := d.agreeItems()
	d.agreeSel = min(d.agreeSel, len(items)-1)
	page := max(1, d.height-8)
	switch k {
	case "up", "k":
		d.agreeSel = max(0, d.agreeSel-1)
	case "down", "j":
		d.agreeSel = min(len(items)-1, d.agreeSel+1)
	case "pgup":
		d.agreeSel = max(0, d.agreeSel-page/2)
	case "pgdown":
		d.agreeSel = min(len(items)-1, d.agreeSel+page/2)
	case "home":
		d.agreeSel = 0
	case "end":
		d.agreeSel = len(items) - 1
	case "o":
		d.mode, d.dimSel = modeDimension, 0
	case "enter":
		switch it := items[d.agreeSel]; {
		case it.rec != nil && d.agreedAlready(*it.rec):
			d.say(d.t["agree already"])
		case it.rec != nil:
			m, cmd := d.openForm(Agreement{Dimension: it.rec.Dimension, Question: it.rec.Question, Text: d.recText(*it.rec)})
			return m, cmd, true
		case it.own:
			d.mode, d.dimSel = modeDimension, 0
		default:
			m, cmd := d.openForm(*it.agreed)
			return m, cmd, true
		}
	case "d", "delete":
		if it := items[d.agreeSel]; it.agreed != nil {
			d = d.askDrop(*it.agreed)
		}
	default:
		return d, nil, false
	}
	return d, nil, true
}

// dimensionKey acts on a key while the facilitator picks the dimension of
// an own agreement.
func (d Dashboard) dimensionKey(k string) (Dashboard, tea.Cmd) {
	dims := d.info.Questionnaire.Dimensions()
	switch k {
	case "up", "k":
		d.dimSel = max(0, d.dimSel-1)
	case "down", "j":
		d.dimSel = min(len(dims)-1, d.dimSel+1)
	case "home":
		d.dimSel = 0
	case "end":
		d.dimSel = len(dims) - 1
	case "enter":
		if d.dimSel < len(dims) {
			return d.openForm(Agreement{Dimension: dims[d.dimSel].ID})
		}
	case "esc", "q":
		d.mode = modeNormal
	case "ctrl+c":
		d.mode = modeNormal
		return d.quit(), nil
	}
	return d, nil
}

// openForm opens the agreement form on a draft: a new agreement starts at
// its text when it has none, else at its owner.
func (d Dashboard) openForm(draft Agreement) (Dashboard, tea.Cmd) {
	text := textarea.New()
	text.ShowLineNumbers = false
	text.Prompt = "  "
	// One character beyond the limit is taken, so that a text cut by the
	// limit is said to be too long rather than saved cut.
	text.CharLimit = max(MaxAgreementRunes, utf8.RuneCountInString(draft.Text)) + 1
	text.SetWidth(max(20, min(d.width, readableWidth)-2))
	text.SetHeight(3)
	text.SetValue(draft.Text)
	owner := textinput.New()
	owner.Prompt = "› "
	owner.CharLimit = MaxOwnerRunes + 1
	owner.SetValue(draft.Owner)
	due := textinput.New()
	due.Prompt = "› "
	due.CharLimit = agreeDueRunes
	due.Placeholder = d.t["agree due placeholder"]
	due.SetValue(draft.Due)
	d.form = agreeForm{draft: draft, text: text, owner: owner, due: due}
	if draft.Text != "" {
		d.form.field = fieldOwner
	}
	d.mode = modeAgree
	return d, d.focusField()
}

// focusField puts the cursor in the form's current field.
func (d *Dashboard) focusField() tea.Cmd {
	d.form.text.Blur()
	d.form.owner.Blur()
	d.form.due.Blur()
	switch d.form.field {
	case fieldText:
		return d.form.text.Focus()
	case fieldOwner:
		return d.form.owner.Focus()
	}
	return d.form.due.Focus()
}

// formKey acts on a key while the agreement form is open: enter goes to
// the next field and saves on the last, esc leaves without saving.
func (d Dashboard) formKey(msg tea.KeyMsg) (Dashboard, tea.Cmd) {
	switch msg.String() {
	case "esc":
		d.mode = modeNormal
		d.say(d.t["not done"])
		return d, nil
	case "ctrl+c":
		d.mode = modeNormal
		return d.quit(), nil
	case "enter", "tab":
		if d.form.field == fieldDue && msg.String() == "enter" {
			return d.saveForm()
		}
		d.form.field = (d.form.field + 1) % 3
		return d, d.focusField()
	case "shift+tab":
		d.form.field = (d.form.field + 2) % 3
		return d, d.focusField()
	}
	var cmd tea.Cmd
	switch d.form.field {
	case fieldText:
		d.form.text, cmd = d.form.text.Update(msg)
	case fieldOwner:
		d.form.owner, cmd = d.form.owner.Update(msg)
	default:
		d.form.due, cmd = d.form.due.Update(msg)
	}
	return d, cmd
}

// saveForm checks what was typed and saves the agreement; a due date
// before today asks first, and a problem keeps the form open at its field.
func (d Dashboard) saveForm() (Dashboard, tea.Cmd) {
	a := d.form.draft
	a.Text, a.Owner, a.Due = agreementText(d.form.text.Value()), strings.TrimSpace(d.form.owner.Value()), strings.TrimSpace(d.form.due.Value())
	field, problem, past := d.checkAgreement(a)
	if problem != "" {
		d.form.field, d.form.problem = field, problem
		return d, d.focusField()
	}
	if past {
		form := d.form
		d.ask(fmt.Sprintf(d.t["confirm due past"], a.Due), func(d Dashboard) (Dashboard, tea.Cmd) { return d.commitAgreement(a) })
		d.confirm.cancel = func(d Dashboard) Dashboard {
			d.mode, d.form = modeAgree, form
			d.form.field = fieldDue
			return d
		}
		return d, nil
	}
	return d.commitAgreement(a)
}

// checkAgreement says which field is wrong and why, and whether the due
// date lies before today.
func (d Dashboard) checkAgreement(a Agreement) (agreeField, string, bool) {
	t := d.t
	switch n := utf8.RuneCountInString(a.Text); {
	case n == 0:
		return fieldText, t["agree no text"], false
	case n > max(MaxAgreementRunes, utf8.RuneCountInString(agreementText(d.form.draft.Text))):
		return fieldText, fmt.Sprintf(t["agree text long"], MaxAgreementRunes), false
	}
	switch n := utf8.RuneCountInString(a.Owner); {
	case n == 0:
		return fieldOwner, t["agree no owner"], false
	case n > MaxOwnerRunes:
		return fieldOwner, fmt.Sprintf(t["agree owner long"], MaxOwnerRunes), false
	}
	for _, r := range a.Owner {
		if !unicode.IsGraphic(r) || unicode.Is(unicode.Bidi_Control, r) {
			return fieldOwner, t["agree owner bad"], false
		}
	}
	if a.Due == "" {
		return fieldDue, t["agree no due"], false
	}
	due, err := time.Parse(agreeDueFormat, a.Due)
	if err != nil || due.Format(agreeDueFormat) != a.Due {
		return fieldDue, fmt.Sprintf(t["agree due bad"], Printable(a.Due)), false
	}
	today := d.now().Format(agreeDueFormat)
	if due.After(d.now().AddDate(MaxDueYears, 0, 0)) {
		return fieldDue, fmt.Sprintf(t["agree due far"], a.Due, MaxDueYears), false
	}
	return 0, "", a.Due < today
}

// commitAgreement saves the agreement; a refusal keeps the form open with
// what was typed.
func (d Dashboard) commitAgreement(a Agreement) (Dashboard, tea.Cmd) {
	saved, err := d.f.Agree(a)
	if err != nil {
		d.mode, d.form.problem = modeAgree, err.Error()
		return d, d.focusField()
	}
	d.mode = modeNormal
	replaced := false
	for i := range d.snap.Agreements {
		if d.snap.Agreements[i].ID == saved.ID {
			d.snap.Agreements[i], replaced = saved, true
		}
	}
	if replaced {
		d.say(fmt.Sprintf(d.t["agreement changed"], saved.ID))
	} else {
		d.snap.Agreements = append(d.snap.Agreements, saved)
		d.say(fmt.Sprintf(d.t["agreement saved"], saved.ID, Printable(saved.Owner), saved.Due))
	}
	// The cursor goes to what was saved, so that the room sees it.
	for i, it := range d.agreeItems() {
		if it.agreed != nil && it.agreed.ID == saved.ID {
			d.agreeSel = i
		}
	}
	return d, d.refresh()
}

// askDrop asks whether to withdraw an agreement: it stays in the register
// as dropped, with the reason that the workshop withdrew it.
func (d Dashboard) askDrop(a Agreement) Dashboard {
	d.ask(fmt.Sprintf(d.t["confirm drop"], a.ID), func(d Dashboard) (Dashboard, tea.Cmd) {
		if err := d.f.Drop(a.ID, d.t["drop reason"]); err != nil {
			d.err = err
			return d, nil
		}
		var kept []Agreement
		for _, x := range d.snap.Agreements {
			if x.ID != a.ID {
				kept = append(kept, x)
			}
		}
		d.snap.Agreements = kept
		d.agreeSel = min(d.agreeSel, len(d.agreeItems())-1)
		d.say(fmt.Sprintf(d.t["agreement dropped"], a.ID))
		return d, d.refresh()
	})
	return d
}
