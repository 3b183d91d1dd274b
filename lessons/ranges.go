package lessons

import (
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/neurotutor/neurotutor/sim"
)

// Range narrows the lab's slider for one parameter, for teaching: its
// values as written and as read. It must lie in the model's valid range
// and hold every value the lesson sets.
type Range struct {
	Key      string
	Raw      [2]string
	Min, Max float64
}

// Ranges are a lesson's narrowed sliders, in the order written.
type Ranges []Range

// UnmarshalYAML reads a mapping of key: [min, max].
func (r *Ranges) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: want a mapping of parameter: [min, max]", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.SequenceNode || len(v.Content) != 2 || v.Content[0].Kind != yaml.ScalarNode || v.Content[1].Kind != yaml.ScalarNode {
			return fmt.Errorf("line %d: the range of %s must be two numbers, [min, max]", v.Line, k.Value)
		}
		*r = append(*r, Range{Key: k.Value, Raw: [2]string{v.Content[0].Value, v.Content[1].Value}})
	}
	return nil
}

// Slider is p as the lesson's lab offers it: narrowed to the lesson's
// range for it, else to the model's slider range, Min…Max (see
// sim.Param.Narrowed).
func (l *Lesson) Slider(p sim.Param) sim.Param {
	for _, r := range l.Lab.Ranges {
		if r.Key == p.Key {
			return p.Narrowed(r.Min, r.Max)
		}
	}
	return p.Narrowed(p.Min, p.Max)
}

// checkRanges reads the lesson's ranges against the model, then checks
// that every value the lesson sets (starting values, the model's
// defaults for a narrowed parameter, presets, solutions) lies on its
// slider.
func checkRanges(l *Lesson, info sim.Info, bad func(field, format string, args ...any)) {
	var valid Ranges
	for _, r := range l.Lab.Ranges {
		field := "lab.ranges"
		p, ok := sim.FindParam(info.Params, r.Key)
		switch {
		case !ok:
			bad(field, "model %s has no parameter %q%s", info.ID, r.Key, didYouMean(r.Key, paramKeys(info)))
			continue
		case len(p.Choices) > 0:
			bad(field, "%s is a choice (%s); it has no range to narrow", r.Key, p.Allowed())
			continue
		}
		lo, err1 := sim.ParseDecimal(r.Raw[0])
		hi, err2 := sim.ParseDecimal(r.Raw[1])
		switch {
		case err1 != nil || err2 != nil:
			bad(field, "%s: [%s, %s] is not allowed: two plain decimal numbers, the lowest and the highest value", r.Key, r.Raw[0], r.Raw[1])
		case lo >= hi:
			bad(field, "%s: [%s, %s] is not allowed: the first number must be below the second", r.Key, r.Raw[0], r.Raw[1])
		case !p.Check(lo) || !p.Check(hi):
			bad(field, "%s: [%s, %s] is not allowed: it must lie within the model's valid range, %s", r.Key, r.Raw[0], r.Raw[1], p.Allowed())
		default:
			valid = append(valid, Range{Key: r.Key, Raw: r.Raw, Min: lo, Max: hi})
			continue
		}
	}
	l.Lab.Ranges = valid
	onSlider := func(field string, s Settings) {
		for _, x := range s {
			p, ok := sim.FindParam(info.Params, x.Key)
			if !ok || !p.Check(x.Value) { // reported already
				continue
			}
			if sl := l.Slider(p); !sl.OnSlider(x.Value) {
				bad(field, "%s = %s is outside the lab's slider for it, %s (narrow or widen it with lab.ranges)", x.Key, x.Raw, sl.Allowed())
			}
		}
	}
	for _, r := range l.Lab.Ranges {
		if _, set := l.Lab.Params.Lookup(r.Key); !set {
			p, _ := sim.FindParam(info.Params, r.Key)
			onSlider("lab.ranges", Settings{{Key: r.Key, Raw: sim.FormatValue(p.Default) + " (the model's default)", Value: p.Default}})
		}
	}
	onSlider("lab.params", l.Lab.Params)
	for i, p := range l.Presets {
		onSlider(fmt.Sprintf("presets[%d].params", i), p.Params)
	}
	for i, ch := range l.Challenges {
		onSlider(fmt.Sprintf("challenges[%d].solution", i), ch.Solution)
	}
}
