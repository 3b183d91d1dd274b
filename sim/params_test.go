package sim

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func testParams() (*Params, *float64, *float64, *float64) {
	t := NewParams("toy")
	var x, n, c float64
	t.Bind(Param{Key: "x", Label: "x", Unit: "mV", Min: -5, Max: 5, Step: 0.5, Default: 1}, &x)
	t.Bind(Param{Key: "n", Label: "n", Min: 1, Max: 9, Step: 1, Default: 3, Integer: true}, &n)
	t.Bind(Param{Key: "kind", Label: "kind", Choices: []string{"alpha", "beta"}}, &c)
	return &t, &x, &n, &c
}

func TestParamsSetAndRefuse(t *testing.T) {
	ps, x, n, _ := testParams()
	if *x != 1 || *n != 3 {
		t.Fatalf("defaults not applied: x %g n %g", *x, *n)
	}
	if err := ps.Set("x", -5); err != nil || *x != -5 {
		t.Errorf("Set(x, −5): %v, x %g", err, *x)
	}
	for _, c := range []struct {
		key  string
		v    float64
		want string
	}{
		{"x", 5.5, "x = 5.5 is not allowed: a number from -5 to 5 mV"},
		{"x", math.NaN(), "x = NaN is not allowed"},
		{"n", 2.5, "n = 2.5 is not allowed: a whole number from 1 to 9"},
		{"kind", 2, "kind = 2 is not allowed: one of alpha, beta"},
		{"y", 1, `model "toy" has no parameter "y" (did you mean x?) (parameters: x, n, kind)`},
	} {
		err := ps.Set(c.key, c.v)
		var pe *ParamError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Set(%s, %g) = %v, want a ParamError containing %q", c.key, c.v, err, c.want)
		}
	}
	if *x != -5 || *n != 3 {
		t.Errorf("refused values changed the fields: x %g n %g", *x, *n)
	}
}

func TestParamParseAndFormat(t *testing.T) {
	ps, _, _, _ := testParams()
	kind := ps.Specs()[2]
	if v, err := kind.Parse("Beta"); err != nil || v != 1 {
		t.Errorf("Parse(Beta) = %g, %v", v, err)
	}
	if _, err := kind.Parse("gama"); err == nil || !strings.Contains(err.Error(), "one of alpha, beta") {
		t.Errorf("Parse(gama) = %v", err)
	}
	if got := kind.Format(1); got != "beta" {
		t.Errorf("Format(1) = %q", got)
	}
	x := ps.Specs()[0]
	if _, err := x.Parse("12abc"); err == nil || !strings.Contains(err.Error(), "not a plain decimal number") {
		t.Errorf("Parse(12abc) = %v", err)
	}
	if _, err := x.Parse("Inf"); err == nil {
		t.Error("Parse(Inf) accepted")
	}
}

func TestSuggest(t *testing.T) {
	for _, c := range []struct{ s, want string }{
		{"wtaa", "wta"}, {"lfi", "lif"}, {"hopfeld", "hopfield"}, {"xyzzy", ""},
	} {
		if got := Suggest(c.s, []string{"wta", "lif", "hh", "hopfield"}); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.s, got, c.want)
		}
	}
}
