package neuron

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/neurotutor/neurotutor/sim"
)

func setParamsT(t testing.TB, m sim.Model, kv map[string]float64) {
	t.Helper()
	for k, v := range kv {
		if err := m.Set(k, v); err != nil {
			t.Fatalf("set %s = %g: %v", k, v, err)
		}
	}
}

// TestLinearRelaxation checks the drive against the closed form of
// τ du/dt = −u + S from u(0) = 0: u(t) = S·(1 − e^(−t/τ)), and the output
// against f(u) for each nonlinearity.
func TestLinearRelaxation(t *testing.T) {
	cases := []struct {
		name   string
		params map[string]float64
		tMS    float64
		wantU  float64
		wantY  float64
		tol    float64
	}{
		{"defaults at τ", nil, 10, 30 * (1 - math.Exp(-1)), 30 * (1 - math.Exp(-1)), 1e-9},
		{"defaults at 5τ", nil, 50, 30 * (1 - math.Exp(-5)), 30 * (1 - math.Exp(-5)), 1e-9},
		{"slow τ=100", map[string]float64{"tau": 100}, 37.5, 30 * (1 - math.Exp(-0.375)), 30 * (1 - math.Exp(-0.375)), 1e-9},
		{"negative sum, rectified", map[string]float64{"x3": 50}, 200, -10 * (1 - math.Exp(-20)), 0, 1e-9},
		{"negative sum, linear", map[string]float64{"x3": 50, "nonlin": NonlinLinear}, 200, -10 * (1 - math.Exp(-20)), -10 * (1 - math.Exp(-20)), 1e-9},
		{"threshold on", map[string]float64{"nonlin": NonlinThreshold, "theta": 25}, 100, 5 * (1 - math.Exp(-10)), linearYMax, 1e-9},
		{"threshold off", map[string]float64{"nonlin": NonlinThreshold, "theta": 35}, 100, -5 * (1 - math.Exp(-10)), 0, 1e-9},
	}
	for _, c := range cases {
		m := NewLinear()
		setParamsT(t, m, c.params)
		m.Reset(1)
		for m.Time() < c.tMS-1e-9 {
			m.Step()
		}
		var got [3]float64
		m.Metrics(got[:])
		if d := math.Abs(got[0] - c.wantU); d > c.tol {
			t.Errorf("%s: drive = %.12g, want %.12g (diff %.3g)", c.name, got[0], c.wantU, d)
		}
		if d := math.Abs(got[1] - c.wantY); d > c.tol {
			t.Errorf("%s: output = %.12g, want %.12g (diff %.3g)", c.name, got[1], c.wantY, d)
		}
	}
}

// TestLinearSum checks the steady-state metric is the exact weighted sum.
func TestLinearSum(t *testing.T) {
	m := NewLinear()
	setParamsT(t, m, map[string]float64{"x1": 80, "x2": 40, "x3": 20, "w1": 0.25, "w2": -0.5, "w3": 2, "theta": -7})
	want := 0.25*80 - 0.5*40 + 2*20 + 7
	if got := m.Sum(); math.Abs(got-want) > 1e-12 {
		t.Errorf("Sum() = %g, want %g", got, want)
	}
}

// TestLinearNoise checks the input noise is deterministic per seed, keeps
// the inputs non-negative, and has the stated standard deviation.
func TestLinearNoise(t *testing.T) {
	run := func(seed uint64) []float64 {
		m := NewLinear()
		setParamsT(t, m, map[string]float64{"noise": 10, "x1": 50})
		m.Reset(seed)
		var s [5]float64
		out := make([]float64, 0, 40000)
		for range 40000 {
			m.Step()
			m.Sample(s[:])
			if s[0] < 0 || s[1] < 0 || s[2] < 0 {
				t.Fatalf("negative input rate %v", s[:3])
			}
			out = append(out, s[0])
		}
		return out
	}
	a, b := run(3), run(3)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed differs at step %d: %g vs %g", i, a[i], b[i])
		}
	}
	// x1 = 50 Hz sits 5 σ above 0, so clipping is negligible.
	_, v := sim.MeanVar(a)
	if sd := math.Sqrt(v); math.Abs(sd-10) > 1 {
		t.Errorf("input sd = %.3g Hz, want 10 ± 1 Hz", sd)
	}
}

func TestLinearBars(t *testing.T) {
	m := NewLinear()
	var d sim.PlotData
	d.Reset()
	m.Plot("terms", &d)
	want := []float64{20, 20, -10, 0, 0}
	if len(d.Bars) != len(want) || len(d.BarLabels) != len(want) {
		t.Fatalf("bars %v labels %v", d.Bars, d.BarLabels)
	}
	for i, w := range want {
		if d.Bars[i] != w {
			t.Errorf("bar %s = %g, want %g", d.BarLabels[i], d.Bars[i], w)
		}
	}
}

// realtimeFactor is simulated time over wall time.
func realtimeFactor(simMS float64, wall time.Duration) float64 {
	return simMS / (wall.Seconds() * 1000)
}

func ExampleLinear() {
	m := NewLinear()
	for m.Time() < 100 {
		m.Step()
	}
	var v [3]float64
	m.Metrics(v[:])
	fmt.Printf("drive %.4g Hz, output %.4g Hz, sum %.4g Hz\n", v[0], v[1], v[2])
	// Output: drive 30 Hz, output 30 Hz, sum 30 Hz
}

func BenchmarkLinear(b *testing.B) {
	m := NewLinear()
	setParamsT(b, m, map[string]float64{"noise": 5})
	m.Reset(1)
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		m.Step()
	}
	b.ReportMetric(realtimeFactor(float64(b.N)*linearDT, time.Since(start)), "x_realtime")
}
