package sim

import (
	"errors"
	"strings"
	"testing"
)

func TestParseAssignments(t *testing.T) {
	ps, _, _, _ := testParams()
	got, err := ParseAssignments("toy", ps.Specs(), []string{"x=-2.5", " n = 4", "kind=Beta"})
	if err != nil || len(got) != 3 || got[0] != (Assignment{"x", -2.5}) || got[1] != (Assignment{"n", 4}) || got[2] != (Assignment{"kind", 1}) {
		t.Fatalf("ParseAssignments = %v, %v", got, err)
	}
	for _, c := range []struct {
		kvs   []string
		want  string
		param bool // a *ParamError
	}{
		{[]string{"x"}, `"x" is not key=value (for example x=1)`, false},
		{[]string{"y=1"}, `model "toy" has no parameter "y"`, true},
		{[]string{"x=1", "x=2"}, "x is given twice (x=1, then x=2): give each parameter once", false},
		{[]string{"x=NaN"}, `x = "NaN" is not allowed (not a plain decimal number): a number from -5 to 5 mV`, false},
		{[]string{"x=1e-400"}, "would be taken as 0): a number from -5 to 5 mV", false},
		{[]string{"x=1_0"}, "not a plain decimal number): a number from -5 to 5 mV", false},
		{[]string{"x=0x1p0"}, "not a plain decimal number): a number from -5 to 5 mV", false},
		{[]string{"x=6"}, "x = 6 is not allowed: a number from -5 to 5 mV", true},
		{[]string{"n=2.5"}, "n = 2.5 is not allowed: a whole number from 1 to 9", true},
		{[]string{"kind=gamma"}, "one of alpha, beta", false},
	} {
		_, err := ParseAssignments("toy", ps.Specs(), c.kvs)
		var pe *ParamError
		if err == nil || !strings.Contains(err.Error(), c.want) || errors.As(err, &pe) != c.param {
			t.Errorf("ParseAssignments(%q) = %v; want an error containing %q (ParamError %t)", c.kvs, err, c.want, c.param)
		}
	}
}

// FuzzParseAssignments feeds any pair of --set arguments to the parser: it
// never panics, what it accepts is in range and given once, and what it
// refuses says what is allowed.
func FuzzParseAssignments(f *testing.F) {
	for _, s := range [][2]string{{"x=1", "n=2"}, {"x=1", "x=1"}, {"x", ""}, {"=", "=="}, {"kind=beta", "n=9"},
		{"x=1e-400", "n=1_0"}, {"y=1", "n=3"}, {"x= 5 ", " n=+1"}, {"kind=1", "x=-0"}, {"n=2.0000000000000001", "x=.5"}} {
		f.Add(s[0], s[1])
	}
	ps, _, _, _ := testParams()
	specs := ps.Specs()
	f.Fuzz(func(t *testing.T, a, b string) {
		got, err := ParseAssignments("toy", specs, []string{a, b})
		if err != nil {
			msg := err.Error()
			if !strings.Contains(msg, "allowed") && !strings.Contains(msg, "parameters: x, n, kind") &&
				!strings.Contains(msg, "key=value") && !strings.Contains(msg, "give each parameter once") {
				t.Fatalf("ParseAssignments(%q, %q): error %q names nothing allowed", a, b, msg)
			}
			return
		}
		if len(got) != 2 || got[0].Key == got[1].Key {
			t.Fatalf("ParseAssignments(%q, %q) = %v: want two different keys", a, b, got)
		}
		for _, g := range got {
			p, _ := FindParam(specs, g.Key)
			if !p.Check(g.Value) {
				t.Fatalf("ParseAssignments(%q, %q) accepted %s = %g, outside %s", a, b, g.Key, g.Value, p.Allowed())
			}
		}
	})
}
