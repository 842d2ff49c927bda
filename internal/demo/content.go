package demo

import (
	_ "embed"
	"fmt"

	"github.com/goccy/go-yaml"
)

// contentFile holds the municipality's names, pseudonyms and notes.
//
//go:embed gemeente.yaml
var contentFile []byte

// content is gemeente.yaml.
type content struct {
	Organisation string              `yaml:"organisation"`
	Clusters     []cluster           `yaml:"clusters"`
	Districts    []string            `yaml:"districts"`
	Pseudonyms   []string            `yaml:"pseudonyms"`
	Notes        map[string][]string `yaml:"notes"`
	GenericNotes []string            `yaml:"generic_notes"`
	// Actions are what departments agree, by dimension; GenericActions
	// serve a dimension without texts of its own.
	Actions        map[string][]string `yaml:"actions"`
	GenericActions []string            `yaml:"generic_actions"`
	Owners         []string            `yaml:"owners"`
	Evidence       []string            `yaml:"evidence"`
	DropReasons    []string            `yaml:"drop_reasons"`
}

type cluster struct {
	Name        string `yaml:"name"`
	Departments []struct {
		Name string `yaml:"name"`
		Role Role   `yaml:"role"`
		// Breach is the question whose legal minimum a capped-minimum
		// department breaks, by id in the default questionnaire.
		Breach string `yaml:"breach"`
		// AgreesNothing says the department agrees no action after any
		// of its rounds.
		AgreesNothing bool `yaml:"agrees_nothing"`
	} `yaml:"departments"`
}

// loadContent parses the embedded content file and checks what the
// generator relies on.
func loadContent() (content, error) {
	var c content
	if err := yaml.UnmarshalWithOptions(contentFile, &c, yaml.Strict(), yaml.DisallowUnknownField()); err != nil {
		return c, fmt.Errorf("demo content gemeente.yaml: %w", err)
	}
	switch {
	case c.Organisation == "":
		return c, fmt.Errorf("demo content gemeente.yaml: organisation is empty")
	case len(c.Clusters) == 0, len(c.Districts) == 0, len(c.Pseudonyms) == 0, len(c.GenericNotes) == 0,
		len(c.GenericActions) == 0, len(c.Owners) == 0, len(c.Evidence) == 0, len(c.DropReasons) == 0:
		return c, fmt.Errorf("demo content gemeente.yaml: clusters, districts, pseudonyms, generic_notes, generic_actions, owners, evidence and drop_reasons must not be empty")
	}
	for _, cl := range c.Clusters {
		if len(cl.Departments) == 0 {
			return c, fmt.Errorf("demo content gemeente.yaml: cluster %s has no departments", cl.Name)
		}
		for _, d := range cl.Departments {
			if _, ok := courseOf(d.Role); !ok {
				return c, fmt.Errorf("demo content gemeente.yaml: department %s has unknown role %q", d.Name, d.Role)
			}
			if d.Breach != "" && d.Role != RoleCappedByMinimum {
				return c, fmt.Errorf("demo content gemeente.yaml: department %s names a breach but its role is %q (expected %s)", d.Name, d.Role, RoleCappedByMinimum)
			}
		}
	}
	return c, nil
}

// departmentName is the n-th use of a listed name: the name itself, then
// the name with a district, then with a district and a number.
func (c content) departmentName(base string, n int) string {
	if n == 0 {
		return base
	}
	d := c.Districts[(n-1)%len(c.Districts)]
	if k := (n - 1) / len(c.Districts); k > 0 {
		return fmt.Sprintf("%s %s %d", base, d, k+1)
	}
	return base + " " + d
}

// pseudonym is the k-th alias in the order perm gives the pseudonyms; past
// the end of the list, aliases repeat with a number: "Vos 2".
func (c content) pseudonym(perm []int, k int) string {
	name := c.Pseudonyms[perm[k%len(perm)]]
	if n := k / len(perm); n > 0 {
		return fmt.Sprintf("%s %d", name, n+1)
	}
	return name
}
