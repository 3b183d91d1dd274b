package sim

import (
	"slices"
	"testing"
)

func TestGridLinearAndLog(t *testing.T) {
	for _, c := range []struct {
		name string
		p    Param
		want []float64
	}{
		{"linear", Param{Min: 0, Max: 0.5, Step: 0.1}, []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5}},
		{"linear, max off the steps", Param{Min: 1, Max: 2.5, Step: 1}, []float64{1, 2, 2.5}},
		{"log", Param{Min: 0.0001, Max: 0.05, Step: 0.0001, Log: true}, []float64{
			0.0001, 0.00012, 0.00015, 0.0002, 0.00025, 0.0003, 0.0004, 0.0005, 0.0006, 0.0008,
			0.001, 0.0012, 0.0015, 0.002, 0.0025, 0.003, 0.004, 0.005, 0.006, 0.008,
			0.01, 0.012, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05}},
		{"log from 0", Param{Min: 0, Max: 0.002, Step: 0.001, Log: true}, []float64{0, 0.001, 0.0012, 0.0015, 0.002}},
		{"log, ends off the series", Param{Min: 0.07, Max: 0.13, Step: 0.01, Log: true}, []float64{0.07, 0.08, 0.1, 0.12, 0.13}},
		{"choices", Param{Choices: []string{"a", "b", "c"}}, []float64{0, 1, 2}},
	} {
		if got := c.p.Grid(); !slices.Equal(got, c.want) {
			t.Errorf("%s: Grid() = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestGridNext(t *testing.T) {
	eta := Param{Min: 0.0001, Max: 0.05, Step: 0.0001, Log: true}
	lin := Param{Min: 0, Max: 10, Step: 0.5}
	kind := Param{Choices: []string{"a", "b", "c"}, Max: 2, Step: 1}
	for _, c := range []struct {
		name string
		p    Param
		v    float64
		n    int
		want float64
	}{
		{"log up", eta, 0.001, 1, 0.0012},
		{"log down", eta, 0.001, -1, 0.0008},
		{"log up a decade", eta, 0.001, 10, 0.01},
		{"log down a decade", eta, 0.01, -10, 0.001},
		{"log clamps at max", eta, 0.04, 10, 0.05},
		{"log clamps at min", eta, 0.0002, -10, 0.0001},
		{"log from a typed value up", eta, 0.0011, 1, 0.0012},
		{"log from a typed value down", eta, 0.0011, -1, 0.001},
		{"linear up", lin, 2, 1, 2.5},
		{"linear from a typed value up", lin, 2.2, 1, 2.5},
		{"linear from a typed value down", lin, 2.2, -1, 2},
		{"linear ten steps", lin, 2, 10, 7},
		{"linear clamps", lin, 9.5, 10, 10},
		{"choices wrap up", kind, 2, 1, 0},
		{"choices wrap down", kind, 0, -1, 2},
	} {
		if got := c.p.Next(c.v, c.n); got != c.want {
			t.Errorf("%s: Next(%g, %d) = %g, want %g", c.name, c.v, c.n, got, c.want)
		}
	}
	if !eta.OnGrid(0.001) || eta.OnGrid(0.0011) {
		t.Errorf("OnGrid: 0.001 %t (want true), 0.0011 %t (want false)", eta.OnGrid(0.001), eta.OnGrid(0.0011))
	}
}
