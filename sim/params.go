package sim

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParamError reports a parameter change that was refused: an unknown key or
// a value outside the allowed range. Its message names both and what is
// allowed.
type ParamError struct {
	Model string
	Key   string
	Value string   // the value as given
	Param *Param   // nil when the key is unknown
	Known []string // the model's parameter keys, for an unknown key
}

func (e *ParamError) Error() string {
	if e.Param == nil {
		return fmt.Sprintf("model %q has no parameter %q%s (parameters: %s)",
			e.Model, e.Key, didYouMean(e.Key, e.Known), strings.Join(e.Known, ", "))
	}
	return fmt.Sprintf("%s = %s is not allowed: %s", e.Key, e.Value, e.Param.Allowed())
}

// Allowed says in words which values p accepts, its valid range: "a
// number from 0 to 10 nA".
func (p Param) Allowed() string {
	if len(p.Choices) > 0 {
		return "one of " + strings.Join(p.Choices, ", ")
	}
	kind := "a number"
	if p.Integer {
		kind = "a whole number"
	}
	unit := ""
	if p.Unit != "" {
		unit = " " + p.Unit
	}
	return fmt.Sprintf("%s from %s to %s%s", kind, FormatValue(p.ValidMin), FormatValue(p.ValidMax), unit)
}

// Check reports whether v is an allowed value of p: a value in its valid
// range (a whole number for a whole-number or choice parameter).
func (p Param) Check(v float64) bool {
	if math.IsNaN(v) || v < p.ValidMin || v > p.ValidMax {
		return false
	}
	if (p.Integer || len(p.Choices) > 0) && v != math.Trunc(v) {
		return false
	}
	return true
}

// Parse reads a value of p from text: a plain decimal number (see
// [ParseDecimal]), or a choice's name (or index) for a choice parameter.
// It does not check the range; see Check.
func (p Param) Parse(s string) (float64, error) {
	s = strings.TrimSpace(s)
	for i, c := range p.Choices {
		if strings.EqualFold(s, c) {
			return float64(i), nil
		}
	}
	v, err := ParseDecimal(s)
	if err != nil {
		if len(p.Choices) > 0 {
			return 0, fmt.Errorf("%s = %q is not allowed: %s%s", p.Key, s, p.Allowed(), didYouMean(s, p.Choices))
		}
		return 0, fmt.Errorf("%s = %q is not allowed (%v): %s", p.Key, s, err, p.Allowed())
	}
	return v, nil
}

// Format writes v the way a user would type it: a choice's name, or the
// shortest decimal.
func (p Param) Format(v float64) string {
	if i := int(v); len(p.Choices) > 0 && float64(i) == v && i >= 0 && i < len(p.Choices) {
		return p.Choices[i]
	}
	return FormatValue(v)
}

// Narrowed is p with both its slider and its valid range set to min…max:
// the parameter as a lab offers it, where Check and Allowed speak of the
// slider.
func (p Param) Narrowed(min, max float64) Param {
	p.Min, p.Max, p.ValidMin, p.ValidMax = min, max, min, max
	return p
}

// OnSlider reports whether v lies in the slider's range, Min…Max.
func (p Param) OnSlider(v float64) bool { return v >= p.Min && v <= p.Max }

// FormatValue writes v as the shortest decimal that reads back the same.
func FormatValue(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// Params binds a model's parameter descriptions to the fields that hold
// their values, and implements Set and Get over them. A model embeds it:
//
//	m.Params.Bind(sim.Param{Key: "I", …}, &m.I)
type Params struct {
	model string
	specs []Param
	ptrs  []*float64
}

// NewParams starts an empty table for the model with the given id.
func NewParams(model string) Params { return Params{model: model} }

// Bind adds p to the table, bound to *v, and sets *v to p.Default. It panics
// if p is malformed, which is a programmer error.
func (t *Params) Bind(p Param, v *float64) {
	if len(p.Choices) > 0 {
		p.Min, p.Max, p.Integer = 0, float64(len(p.Choices)-1), true
		p.ValidMin, p.ValidMax = p.Min, p.Max
		if p.Step == 0 {
			p.Step = 1
		}
	}
	if p.ValidMin == 0 && p.ValidMax == 0 {
		p.ValidMin, p.ValidMax = p.Min, p.Max
	}
	if p.Key == "" || p.Min > p.Max || p.ValidMin > p.Min || p.Max > p.ValidMax || math.IsInf(p.ValidMin, 0) || math.IsInf(p.ValidMax, 0) ||
		p.Step <= 0 || !p.Check(p.Default) || !p.OnSlider(p.Default) || (p.Log && p.Min < 0) || (p.Max-p.Min)/p.Step > maxGrid {
		panic(fmt.Sprintf("sim: model %s: malformed parameter %+v", t.model, p))
	}
	t.specs = append(t.specs, p)
	t.ptrs = append(t.ptrs, v)
	*v = p.Default
}

// Specs returns the bound parameter descriptions in binding order.
func (t *Params) Specs() []Param { return t.specs }

// Set changes the value bound to key, refusing unknown keys and values out
// of range with a *ParamError.
func (t *Params) Set(key string, v float64) error {
	i := t.index(key)
	if i < 0 {
		return &ParamError{Model: t.model, Key: key, Value: FormatValue(v), Known: t.keys()}
	}
	if !t.specs[i].Check(v) {
		return &ParamError{Model: t.model, Key: key, Value: t.specs[i].Format(v), Param: &t.specs[i]}
	}
	*t.ptrs[i] = v
	return nil
}

// Get returns the value bound to key.
func (t *Params) Get(key string) (float64, bool) {
	if i := t.index(key); i >= 0 {
		return *t.ptrs[i], true
	}
	return 0, false
}

func (t *Params) index(key string) int {
	for i := range t.specs {
		if t.specs[i].Key == key {
			return i
		}
	}
	return -1
}

func (t *Params) keys() []string { return paramKeys(t.specs) }

// FindParam returns the description of key among ps.
func FindParam(ps []Param, key string) (Param, bool) {
	for _, p := range ps {
		if p.Key == key {
			return p, true
		}
	}
	return Param{}, false
}
