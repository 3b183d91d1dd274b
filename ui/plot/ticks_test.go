package plot

import (
	"math"
	"slices"
	"testing"
)

func TestNiceTicks(t *testing.T) {
	cases := []struct {
		lo, hi float64
		max    int
		want   []float64
		step   float64
	}{
		{0, 1, 4, []float64{0, 0.5, 1}, 0.5},
		{-1, 1, 4, []float64{-1, 0, 1}, 1},
		{-65, 38, 4, []float64{-50, 0}, 50},
		{-80, 40, 4, []float64{-50, 0}, 50}, // step 20 gives 7 ticks
		{0, 500, 6, []float64{0, 100, 200, 300, 400, 500}, 100},
		{0, 500, 4, []float64{0, 200, 400}, 200},
		{0.001, 0.0042, 4, []float64{0.001, 0.002, 0.003, 0.004}, 0.001},
		{0, 39, 4, []float64{0, 10, 20, 30}, 10},
		{3, 3, 4, nil, 0},
		{math.NaN(), 1, 4, nil, 0},
		{0, math.Inf(1), 4, nil, 0},
	}
	for _, c := range cases {
		got, step := niceTicks(c.lo, c.hi, c.max)
		if !slices.EqualFunc(got, c.want, func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }) || step != c.step {
			t.Errorf("niceTicks(%g, %g, %d) = %v step %g, want %v step %g", c.lo, c.hi, c.max, got, step, c.want, c.step)
		}
	}
}

// isNice reports whether s is 1, 2 or 5 × 10^k.
func isNice(s float64) bool {
	if !(s > 0) {
		return false
	}
	m := s / math.Pow(10, math.Floor(math.Log10(s)+1e-12))
	for _, n := range []float64{1, 2, 5} {
		if math.Abs(m-n) < 1e-9 {
			return true
		}
	}
	return false
}

// TestNiceTicksProperties checks, over many ranges, that every step is
// nice, ticks lie in the range, are multiples of the step, and number at
// most max; and that autoTicks gives 3–4 ticks for 4 wanted.
func TestNiceTicksProperties(t *testing.T) {
	for i := 0; i < 2000; i++ {
		lo := math.Sin(float64(i)*1.3) * math.Pow(10, float64(i%13-6))
		hi := lo + math.Abs(math.Cos(float64(i)*0.7))*math.Pow(10, float64(i%11-5)) + 1e-12
		for _, max := range []int{2, 3, 4, 6} {
			ticks, step := niceTicks(lo, hi, max)
			if !isNice(step) || len(ticks) > max || len(ticks) == 0 {
				t.Fatalf("niceTicks(%g, %g, %d) = %v step %g", lo, hi, max, ticks, step)
			}
			for _, v := range ticks {
				q := v / step
				tol := 1e-9*step + 1e-12*math.Abs(v)
				if v < lo-tol || v > hi+tol || math.Abs(q-math.Round(q)) > 1e-6+1e-12*math.Abs(q) {
					t.Fatalf("niceTicks(%g, %g, %d): tick %g off range or step %g", lo, hi, max, v, step)
				}
			}
		}
		ticks, _, lo2, hi2 := autoTicks(lo, hi, 4)
		tol := 1e-9 * (hi - lo)
		if len(ticks) < 3 || len(ticks) > 4 || lo2 > lo+tol || hi2 < hi-tol {
			t.Fatalf("autoTicks(%g, %g) = %v over %g…%g", lo, hi, ticks, lo2, hi2)
		}
	}
}

func TestAutoTicksWidensLeast(t *testing.T) {
	ticks, step, lo, hi := autoTicks(-70, 38, 4)
	if step != 50 || lo != -70 || hi != 50 || !slices.Equal(ticks, []float64{-50, 0, 50}) {
		t.Errorf("autoTicks(−70, 38) = %v step %g over %g…%g, want [−50 0 50] step 50 over −70…50", ticks, step, lo, hi)
	}
}

func TestFmtTick(t *testing.T) {
	cases := []struct {
		v, step float64
		want    string
	}{
		{-65, 5, "−65"},
		{0, 0.5, "0"},
		{-1e-17, 0.1, "0"},
		{0.5, 0.5, "0.5"},
		{1, 0.5, "1"},
		{0.3, 0.1, "0.3"},
		{0.05, 0.05, "0.05"},
		{1200, 200, "1.2k"},
		{1000, 500, "1k"},
		{-1500, 500, "−1.5k"},
		{2.5e6, 5e5, "2.5M"},
		{400, 200, "400"},
		{3e9, 1e9, "3G"},
	}
	for _, c := range cases {
		if got := fmtTick(c.v, c.step); got != c.want {
			t.Errorf("fmtTick(%g, %g) = %q, want %q", c.v, c.step, got, c.want)
		}
	}
}

func TestFmtNum(t *testing.T) {
	cases := []struct {
		v    float64
		want string
	}{
		{-65, "−65"},
		{38.04, "38"},
		{0.1234, "0.123"},
		{7.9, "7.9"},
		{0, "0"},
		{1234, "1.23k"},
		{999.7, "1k"},
		{-2.5e6, "−2.5M"},
		{1.5e-5, "1.5e−05"},
		{math.NaN(), "NaN"},
		{math.Inf(-1), "−∞"},
		{2e12, "2e+12"},
	}
	for _, c := range cases {
		if got := fmtNum(c.v); got != c.want {
			t.Errorf("fmtNum(%g) = %q, want %q", c.v, got, c.want)
		}
	}
}
