package lessons

import (
	"fmt"
	"math"
	"strings"

	"github.com/neurotutor/neurotutor/sim"
)

// Condition is one comparison of a challenge: `name op value`, where name is
// a metric or parameter key and value a number, a choice name of that
// parameter, or another key. Operators: < <= > >= == !=. Equality between
// numbers allows a relative tolerance of 1e-9.
type Condition struct {
	Text  string
	Left  string
	Op    string
	Right string  // a key, or "" when the right side is a number
	Value float64 // the number on the right
}

var condOps = []string{"<=", ">=", "==", "!=", "<", ">"}

// parseCondition reads a clause against the model's metric and parameter
// keys.
func parseCondition(text string, info sim.Info) (Condition, error) {
	c := Condition{Text: text}
	for _, op := range condOps {
		if i := strings.Index(text, op); i > 0 {
			c.Left = strings.TrimSpace(text[:i])
			c.Op = op
			right := strings.TrimSpace(text[i+len(op):])
			if !isKey(c.Left, info) {
				return c, fmt.Errorf("condition %q: %q is not a metric or parameter of model %s (metrics: %s; parameters: %s)",
					text, c.Left, info.ID, strings.Join(metricKeys(info), ", "), strings.Join(paramKeys(info), ", "))
			}
			if v, err := sim.ParseDecimal(right); err == nil {
				c.Value = v
				return c, nil
			}
			if p, ok := sim.FindParam(info.Params, c.Left); ok && len(p.Choices) > 0 {
				v, err := p.Parse(right)
				if err != nil {
					return c, fmt.Errorf("condition %q: %w", text, err)
				}
				c.Value = v
				return c, nil
			}
			if !isKey(right, info) {
				return c, fmt.Errorf("condition %q: right side %q is neither a number nor a metric or parameter", text, right)
			}
			c.Right = right
			return c, nil
		}
	}
	return c, fmt.Errorf("condition %q: want `name op value` with op one of %s", text, strings.Join(condOps, " "))
}

// Holds evaluates the condition with the given values of metrics and
// parameters.
func (c Condition) Holds(value func(key string) float64) bool {
	l, r := value(c.Left), c.Value
	if c.Right != "" {
		r = value(c.Right)
	}
	eq := math.Abs(l-r) <= 1e-9*math.Max(1, math.Abs(r))
	switch c.Op {
	case "<":
		return l < r && !eq
	case "<=":
		return l <= r || eq
	case ">":
		return l > r && !eq
	case ">=":
		return l >= r || eq
	case "==":
		return eq
	case "!=":
		return !eq
	}
	return false
}

// HoldsAll reports whether every condition of ch holds.
func (ch *Challenge) HoldsAll(value func(key string) float64) bool {
	for _, c := range ch.conds {
		if !c.Holds(value) {
			return false
		}
	}
	return true
}

func isKey(k string, info sim.Info) bool {
	for _, m := range info.Metrics {
		if m.Key == k {
			return true
		}
	}
	_, ok := sim.FindParam(info.Params, k)
	return ok
}

func metricKeys(info sim.Info) []string {
	ks := make([]string, len(info.Metrics))
	for i, m := range info.Metrics {
		ks[i] = m.Key
	}
	return ks
}

func paramKeys(info sim.Info) []string {
	ks := make([]string, len(info.Params))
	for i, p := range info.Params {
		ks[i] = p.Key
	}
	return ks
}
