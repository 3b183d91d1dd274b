package lessons

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// Chapter is one part of the tutorial.
type Chapter struct {
	ID      string // directory name under content/ without its number: "neuron"
	Title   string
	Lessons []*Lesson // in order
}

// chapterTitles lists the chapters in reading order.
var chapterTitles = []struct{ id, title string }{
	{"introduction", "Introduction"},
	{"neuron", "The neuron"},
	{"network", "The network"},
	{"concepts", "High-level concepts"},
	{"conclusion", "Conclusion"},
}

// Lesson is one lesson: front matter and markdown body.
type Lesson struct {
	ID         string      `yaml:"id"`
	Title      string      `yaml:"title"`
	Chapter    string      `yaml:"chapter"`
	Order      int         `yaml:"order"`
	Summary    string      `yaml:"summary"`
	Requires   []string    `yaml:"requires"`
	Lab        Lab         `yaml:"lab"`
	Presets    []Preset    `yaml:"presets"`
	TryIt      []TryState  `yaml:"tryit"`
	Challenges []Challenge `yaml:"challenges"`
	Refs       []string    `yaml:"refs"`
	// Predictions are questions a teacher can put to a class (see
	// prediction.go).
	Predictions []Prediction `yaml:"predictions"`

	File string `yaml:"-"` // path inside the content tree
	Body string `yaml:"-"` // markdown after the front matter
}

// Lab says which model a lesson embeds and how it starts.
type Lab struct {
	Model    string   `yaml:"model"`
	Params   Settings `yaml:"params"`   // starting values; others default
	Controls []string `yaml:"controls"` // parameters the learner may change; empty: all
	Plots    []string `yaml:"plots"`    // plots to show, in order; empty: all
	Seed     uint64   `yaml:"seed"`     // default 1
	Ranges   Ranges   `yaml:"ranges"`   // sliders narrowed for teaching (ranges.go)
}

// Preset is a named set of parameter values the learner can cycle through.
type Preset struct {
	Name   string   `yaml:"name"`
	Note   string   `yaml:"note"`
	Params Settings `yaml:"params"`
}

// TryState is the lab state one step of the lesson's Try it section asks
// for, applied with the lab's Try-it key over the lab's starting values,
// so that a learner follows the text without counting key presses.
type TryState struct {
	Step   int      `yaml:"step"` // the numbered Try-it step it belongs to
	Name   string   `yaml:"name"` // what the step does: "Set I = 1.45 nA"
	Note   string   `yaml:"note"` // optional: what to look for
	Params Settings `yaml:"params"`
}

// Challenge is a goal checked live against the running model.
type Challenge struct {
	ID     string   `yaml:"id"`
	Prompt string   `yaml:"prompt"`
	Hint   string   `yaml:"hint"`
	When   []string `yaml:"when"`    // conditions that must all hold
	HoldMS float64  `yaml:"hold_ms"` // for this long, in simulated ms
	// Solution is one setting of parameters that solves the challenge
	// (applied over the lab's starting values); a test runs it.
	Solution Settings `yaml:"solution"`

	conds []Condition
}

// Conditions are the parsed When clauses.
func (c *Challenge) Conditions() []Condition { return c.conds }

// Setting is one parameter value, kept as written and as resolved against
// the model's parameter (a choice name becomes its index).
type Setting struct {
	Key   string
	Raw   string
	Value float64
}

// Settings is an ordered list of parameter values; order matters when one
// parameter sets others (a neuron type sets its constants).
type Settings []Setting

// UnmarshalYAML reads a mapping of key: value, keeping its order.
func (s *Settings) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: want a mapping of parameter: value", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			return fmt.Errorf("line %d: value of %s must be a number or a name", v.Line, k.Value)
		}
		*s = append(*s, Setting{Key: k.Value, Raw: v.Value})
	}
	return nil
}

// Lookup returns the value set for key.
func (s Settings) Lookup(key string) (float64, bool) {
	for _, x := range s {
		if x.Key == key {
			return x.Value, true
		}
	}
	return 0, false
}
