package sim

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestParseDecimal(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"12", 12}, {"-0.5", -0.5}, {"+3", 3}, {".25", 0.25}, {"5.", 5}, {"3e-4", 3e-4},
		{"1E3", 1000}, {"0", 0}, {"-0", 0}, {"0.000", 0}, {"1e-300", 1e-300},
		{"0.30000000000000004", 0.30000000000000004}, {"1.7976931348623157e308", math.MaxFloat64},
		{"000012.500000000000000000", 12.5}, // zeros are not significant
	} {
		got, err := ParseDecimal(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseDecimal(%q) = %g, %v; want %g", c.in, got, err, c.want)
		}
	}
	for _, c := range []struct{ in, why string }{
		{"NaN", "not a plain decimal"}, {"nan", "not a plain decimal"}, {"Inf", "not a plain decimal"},
		{"-infinity", "not a plain decimal"}, {"0x1p0", "not a plain decimal"}, {"0x10", "not a plain decimal"},
		{"1_0", "not a plain decimal"}, {"1,5", "not a plain decimal"}, {" 1", "not a plain decimal"},
		{"", "not a plain decimal"}, {".", "not a plain decimal"}, {"-", "not a plain decimal"},
		{"1e", "not a plain decimal"}, {"e5", "not a plain decimal"}, {"1..2", "not a plain decimal"},
		{"1e5.5", "not a plain decimal"}, {"12abc", "not a plain decimal"}, {"１２", "not a plain decimal"},
		{"1e400", "too large"}, {"-2e308", "too large"},
		{"1e-400", "taken as 0"}, {"1e-320", "too close to zero"}, {"-4.9e-324", "too close to zero"},
		{"1.000000000000000001", "significant digits"},
	} {
		got, err := ParseDecimal(c.in)
		if err == nil || !strings.Contains(err.Error(), c.why) {
			t.Errorf("ParseDecimal(%q) = %g, %v; want an error saying %q", c.in, got, err, c.why)
		}
	}
}

func TestParseWholeAndSeed(t *testing.T) {
	if n, err := ParseWhole("15", 1, 30); err != nil || n != 15 {
		t.Errorf("ParseWhole(15) = %d, %v", n, err)
	}
	for _, s := range []string{"0x0f", "1_5", "1e1", "15.0", "0", "31", "", "+", " 5"} {
		if n, err := ParseWhole(s, 1, 30); err == nil {
			t.Errorf("ParseWhole(%q, 1, 30) = %d, want an error", s, n)
		}
	}
	for _, c := range []struct {
		in   string
		want uint64
	}{{"0", 0}, {"+7", 7}, {"18446744073709551615", math.MaxUint64}} {
		if n, err := ParseSeed(c.in); err != nil || n != c.want {
			t.Errorf("ParseSeed(%q) = %d, %v", c.in, n, err)
		}
	}
	for _, s := range []string{"-1", "18446744073709551616", "0x1", "1_0", "1e3", "", "1.0"} {
		if n, err := ParseSeed(s); err == nil {
			t.Errorf("ParseSeed(%q) = %d, want an error", s, n)
		}
	}
}

// FuzzParamParse checks that reading a parameter value from any text never
// panics, and that whatever it accepts is a finite number written the way
// a person writes one, which reads back to the same value.
func FuzzParamParse(f *testing.F) {
	for _, s := range []string{"1", "-0.5", "1e-400", "1_0", "0x1p0", "NaN", "Inf", "beta", "Beta", "1e400",
		".5", "5.", "+3", "1e-320", "１", "9999999999999999999", " 2 "} {
		f.Add(s)
	}
	ps, _, _, _ := testParams()
	x, kind := ps.Specs()[0], ps.Specs()[2]
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range []Param{x, kind} {
			v, err := p.Parse(s)
			if err != nil {
				if !strings.Contains(err.Error(), p.Allowed()) {
					t.Fatalf("%s.Parse(%q) error %q does not name what is allowed (%s)", p.Key, s, err, p.Allowed())
				}
				continue
			}
			if math.IsNaN(v) || math.IsInf(v, 0) || (v != 0 && math.Abs(v) < 0x1p-1022) {
				t.Fatalf("%s.Parse(%q) = %g, a number it should refuse", p.Key, s, v)
			}
			if len(p.Choices) > 0 && p.Check(v) {
				continue
			}
			back, err := ParseDecimal(FormatValue(v))
			if err != nil || back != v {
				t.Fatalf("%s.Parse(%q) = %g, which does not read back (%g, %v)", p.Key, s, v, back, err)
			}
			if w, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil || w != v {
				t.Fatalf("%s.Parse(%q) = %g but strconv reads %g, %v", p.Key, s, v, w, err)
			}
		}
	})
}
