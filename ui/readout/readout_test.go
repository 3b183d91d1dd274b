package readout

import (
	"math"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
)

func TestMetric(t *testing.T) {
	hz := sim.Metric{Key: "rate_hz", Unit: "Hz"}
	ms := sim.Metric{Key: "decision_ms", Unit: "ms", NoneBelowZero: true}
	plain := sim.Metric{Key: "cv"}
	fine := sim.Metric{Key: "p", Resolution: 1e-6}
	for _, c := range []struct {
		name string
		v    float64
		m    sim.Metric
		want string
	}{
		{"tiny positive rate reads 0", 5.7e-26, hz, "0"},
		{"tiny negative drive reads 0, not −0", -4e-35, hz, "0"},
		{"below the precision reads 0", 0.004, hz, "0"},
		{"at the precision", 0.01, hz, "0.01"},
		{"three significant digits", 62.634, hz, "62.6"},
		{"hundreds without decimals", 326.4, hz, "326"},
		{"whole number", 12, hz, "12"},
		{"thousands stay whole", 11523, plain, "11523"},
		{"negative with the minus sign", -0.68, plain, "−0.680"},
		{"negative whole", -65, sim.Metric{Unit: "mV"}, "−65"},
		{"small ratio", 0.0123, plain, "0.012"},
		{"rounding noise in a CV", 7e-06, plain, "0"},
		{"a metric's own precision", 2.5e-5, fine, "0.000025"},
		{"none yet", -1, ms, None},
		{"zero is a value", 0, ms, "0"},
		{"a decision time", 26.08, ms, "26.1"},
		{"NaN", math.NaN(), hz, None},
		{"a named state", 1, sim.Metric{Names: []string{"none", "damped"}}, "damped"},
		{"huge values in powers of ten", 706710190284, plain, "7.07×10¹¹"},
		{"a million", 1e6, plain, "1.00×10⁶"},
		{"just under a million stays whole", 999999, plain, "999999"},
		{"huge negative", -2.5e7, hz, "−2.50×10⁷"},
		{"infinity", math.Inf(-1), hz, "−∞"},
	} {
		if got := Metric(c.v, c.m); got != c.want {
			t.Errorf("%s: Metric(%g) = %q, want %q", c.name, c.v, got, c.want)
		}
	}
}

func TestParam(t *testing.T) {
	for _, c := range []struct {
		name string
		v    float64
		p    sim.Param
		want string
	}{
		{"decimals of the step", -65, sim.Param{Step: 0.5, Unit: "mV"}, "−65.0 mV"},
		{"whole steps", 300, sim.Param{Step: 20, Unit: "µm"}, "300 µm"},
		{"log slider, shortest form", 0.0012, sim.Param{Step: 0.0001, Log: true}, "0.0012"},
		{"log slider, round value", 0.01, sim.Param{Step: 0.0001, Log: true}, "0.01"},
		{"negative zero", math.Copysign(0, -1), sim.Param{Step: 0.1}, "0.0"},
		{"choice", 1, sim.Param{Choices: []string{"hebb", "oja"}}, "oja"},
	} {
		if got := Param(c.v, c.p); got != c.want {
			t.Errorf("%s: Param(%g) = %q, want %q", c.name, c.v, got, c.want)
		}
	}
}

func TestText(t *testing.T) {
	for in, want := range map[string]string{
		"a number from -10 to 0.5":         "a number from −10 to 0.5",
		"-2 to 6, not a re-run":            "−2 to 6, not a re-run",
		"from -.5 (x-1 stays)":             "from −.5 (x-1 stays)",
		"centre–surround, E-I, non-linear": "centre–surround, E-I, non-linear",
	} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}
