package lessons

import (
	"fmt"

	"github.com/neurotutor/neurotutor/sim"
)

// Prediction is a multiple-choice question a teacher puts to a class
// before running the lab: predict, then run. Run is the lab state that
// reveals the answer (over lab.params, from the lab's seed, for AfterMS of
// simulated time); each choice states, as conditions on the lab, what the
// lab shows when that choice is right, so a test runs the model and checks
// that exactly the right one holds.
type Prediction struct {
	ID       string   `yaml:"id"`
	Question string   `yaml:"question"`
	Choices  []Choice `yaml:"choices"`
	Answer   int      `yaml:"answer"`   // the right choice, from 1
	Run      Settings `yaml:"run"`      // the lab state that reveals it
	AfterMS  float64  `yaml:"after_ms"` // simulated time before the answer shows
	Explain  string   `yaml:"explain"`  // one or two sentences shown at the reveal
}

// Choice is one answer to a prediction.
type Choice struct {
	Text string   `yaml:"text"`
	When []string `yaml:"when"` // conditions that hold when this choice is right

	conds []Condition
}

// Conditions are the parsed When clauses.
func (c *Choice) Conditions() []Condition { return c.conds }

// Holds reports whether every condition of the choice holds.
func (c *Choice) Holds(value func(key string) float64) bool {
	for _, cond := range c.conds {
		if !cond.Holds(value) {
			return false
		}
	}
	return true
}

// Right is the right choice.
func (p *Prediction) Right() *Choice { return &p.Choices[p.Answer-1] }

// validatePredictions checks a lesson's predictions against its model:
// bad reports a problem in a field, resolve checks parameter values.
func validatePredictions(l *Lesson, info sim.Info, bad func(field, format string, args ...any), resolve func(field string, s Settings)) {
	ids := map[string]bool{}
	for i := range l.Predictions {
		p := &l.Predictions[i]
		field := fmt.Sprintf("predictions[%d]", i)
		if !idRE.MatchString(p.ID) || ids[p.ID] {
			bad(field+".id", "missing, repeated or not lower-case letters, digits, - and _: %q", p.ID)
		}
		ids[p.ID] = true
		if p.Question == "" {
			bad(field+".question", "missing")
		}
		if n := len(p.Choices); n < 2 || n > 4 {
			bad(field+".choices", "has %d choices: give 2 to 4", n)
		}
		if p.Answer < 1 || p.Answer > len(p.Choices) {
			bad(field+".answer", "%d is not allowed: the number of the right choice, from 1 to %d", p.Answer, len(p.Choices))
		}
		if len(p.Run) == 0 {
			bad(field+".run", "give the lab state that reveals the answer (parameter: value over lab.params)")
		}
		if !(p.AfterMS > 0 && p.AfterMS <= 1e6) {
			bad(field+".after_ms", "%v is not allowed: the simulated ms to run before the answer shows, more than 0 and at most 1000000", p.AfterMS)
		}
		resolve(field+".run", p.Run)
		for j := range p.Choices {
			c := &p.Choices[j]
			cf := fmt.Sprintf("%s.choices[%d]", field, j)
			if c.Text == "" {
				bad(cf+".text", "missing")
			}
			if len(c.When) == 0 {
				bad(cf+".when", "say what the lab shows when this choice is right (conditions, as in challenges); a test checks only the right one holds")
			}
			c.conds = c.conds[:0]
			for _, w := range c.When {
				cond, err := parseCondition(w, info)
				if err != nil {
					bad(cf+".when", "%v", err)
					continue
				}
				c.conds = append(c.conds, cond)
			}
		}
	}
}
