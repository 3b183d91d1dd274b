package network

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
)

// popRun makes a population model with the given parameters, resets it
// with seed and runs trials trials.
func popRun(t testing.TB, set map[string]float64, seed uint64, trials int) *Population {
	t.Helper()
	m := NewPopulation()
	for k, v := range set {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(seed)
	for range trials {
		m.Step()
	}
	return m
}

// popMetric reads one metric of m by key.
func popMetric(m *Population, key string) float64 { return sim.MetricOf(m, key) }

// besselI1 is the modified Bessel function I₁(x) by its power series.
func besselI1(x float64) float64 {
	term, sum := x/2, 0.0
	for k := 0; k < 200; k++ {
		sum += term
		term *= (x / 2) * (x / 2) / float64((k+1)*(k+2))
	}
	return sum
}

// TestPopulationFisher checks f′ against a central difference of f, the
// closed-form Fisher information against the same sum with numerical
// derivatives, and, for a dense population without baseline, against the
// continuum limit I_F = T·N·A·κ·e^{−κ}·I₁(κ) (the integral of
// A·κ²·sin²Δ·e^{κ(cos Δ−1)} over Δ, times N/2π).
func TestPopulationFisher(t *testing.T) {
	cases := []struct {
		name           string
		n              int
		w, a, b, T, th float64 // deg, Hz, Hz, s, deg
		// tolerance of the continuum limit (b = 0 only): the sum over N
		// evenly spaced neurons differs from the integral by aliasing
		// terms that shrink fast as the spacing falls below the width.
		tol float64
	}{
		{"default", 16, 30, 20, 1, 0.1, 100, 0},
		{"narrow", 40, 8, 50, 0, 0.5, 3, 1e-4},
		{"broad", 7, 80, 5, 10, 1, 271, 0},
		{"dense", 200, 20, 30, 0, 0.2, 45, 1e-9},
	}
	for _, c := range cases {
		w := c.w / popDeg
		tu := popTuning{b: c.b, a: c.a, kappa: 1 / (w * w), T: c.T}
		var d popDecoder
		d.build(c.n, tu)
		th := c.th / popDeg
		const h = 1e-5
		var num float64
		for i := range c.n {
			x := th - d.pref[i]
			fd := (tu.rate(x+h) - tu.rate(x-h)) / (2 * h)
			if diff := math.Abs(tu.slope(x) - fd); diff > 1e-6*math.Max(1, math.Abs(fd)) {
				t.Errorf("%s neuron %d: f′ = %.9g, central difference %.9g, difference %.3g", c.name, i, tu.slope(x), fd, diff)
			}
			num += fd * fd / tu.rate(x)
		}
		num *= c.T
		got := d.fisher(th)
		if diff := math.Abs(got-num) / num; diff > 1e-6 {
			t.Errorf("%s: I_F = %.9g, numerical %.9g, relative difference %.3g", c.name, got, num, diff)
		}
		if c.tol > 0 {
			k := tu.kappa
			want := c.T * float64(c.n) * c.a * k * math.Exp(-k) * besselI1(k)
			if diff := math.Abs(got-want) / want; diff > c.tol {
				t.Errorf("%s: I_F = %.9g, continuum limit %.9g, relative difference %.3g", c.name, got, want, diff)
			}
		}
	}
}

// TestPopulationMLNearBound checks that the RMS error of maximum likelihood
// approaches the Cramér–Rao bound when N·T·A is large. With K = 4000
// trials the RMS error is estimated to about 1/√(2K) ≈ 1.1 % (1 s.d.), and
// the asymptotic theory leaves corrections of order 1/I_F relative to the
// bound; 7 % covers both with room to spare. In the low-count case the
// bound is far from tight and ML must do clearly worse than it.
func TestPopulationMLNearBound(t *testing.T) {
	cases := []struct {
		name  string
		set   map[string]float64
		ratio [2]float64 // allowed range of error_deg / fisher_bound_deg
	}{
		{"N=64 T=500ms", map[string]float64{"n": 64, "window_ms": 500}, [2]float64{0.93, 1.07}},
		{"N=128 A=50Hz T=1s", map[string]float64{"n": 128, "peak_hz": 50, "window_ms": 1000, "stimulus_deg": 33}, [2]float64{0.93, 1.07}},
		{"N=8 w=60° A=100Hz T=1s", map[string]float64{"n": 8, "width_deg": 60, "peak_hz": 100, "window_ms": 1000}, [2]float64{0.93, 1.07}},
		{"few spikes", map[string]float64{"n": 8, "window_ms": 50}, [2]float64{1.5, 10}},
	}
	for _, c := range cases {
		m := popRun(t, c.set, 11, 4000)
		got, bound := popMetric(m, "error_deg"), popMetric(m, "fisher_bound_deg")
		if r := got / bound; r < c.ratio[0] || r > c.ratio[1] {
			t.Errorf("%s: ML RMS error %.4g°, bound %.4g°, ratio %.3f, want %.2f…%.2f", c.name, got, bound, r, c.ratio[0], c.ratio[1])
		}
	}
}

// TestPopulationPVUnbiased checks that the population vector of evenly
// spaced preferred angles with broad tuning is unbiased: the mean signed
// error over K trials lies within 3.5 standard errors (RMS/√K) of zero, at
// preferred angles, between them and at arbitrary angles.
func TestPopulationPVUnbiased(t *testing.T) {
	const k = 4000
	for _, th := range []float64{0, 5, 37, 100, 271, 359} {
		m := popRun(t, map[string]float64{"n": 32, "stimulus_deg": th}, 5, k)
		bias, rms := popMetric(m, "bias_pv_deg"), popMetric(m, "error_pv_deg")
		se := rms / math.Sqrt(k)
		if math.Abs(bias) > 3.5*se {
			t.Errorf("θ = %g°: PV bias %.4g°, want 0 ± %.3g° (3.5 s.e.)", th, bias, 3.5*se)
		}
	}
}

// TestPopulationSweep checks the cached error-vs-N curve: the bound falls
// as 1/√N for a dense population, and the simulated ML error of the largest
// N is within 20 % of it (100 trials estimate an RMS to about 7 %).
func TestPopulationSweep(t *testing.T) {
	m := popRun(t, map[string]float64{"window_ms": 500}, 1, 0)
	m.ensureSweep() // drawn lazily in the lab
	last := len(popSweepN) - 1
	r := m.sweepFish[last-1] / m.sweepFish[last]
	want := math.Sqrt(float64(popSweepN[last]) / float64(popSweepN[last-1]))
	if math.Abs(r-want) > 1e-3 {
		t.Errorf("bound ratio N=%d/N=%d = %.5f, want √2 = %.5f", popSweepN[last-1], popSweepN[last], r, want)
	}
	if d := math.Abs(m.sweepML[last]/m.sweepFish[last] - 1); d > 0.2 {
		t.Errorf("sweep ML error %.3g° vs bound %.3g° at N=%d: off by %.0f %%", m.sweepML[last], m.sweepFish[last], popSweepN[last], 100*d)
	}
}

// TestPopulationDeterministic checks that a seed fixes the run and that
// another seed changes it.
func TestPopulationDeterministic(t *testing.T) {
	a := popRun(t, nil, 3, 300)
	b := popRun(t, nil, 3, 300)
	c := popRun(t, nil, 4, 300)
	ma, mb, mc := make([]float64, 7), make([]float64, 7), make([]float64, 7)
	a.Metrics(ma)
	b.Metrics(mb)
	c.Metrics(mc)
	for i := range ma {
		if ma[i] != mb[i] {
			t.Errorf("metric %s: %v and %v with the same seed", a.Info().Metrics[i].Key, ma[i], mb[i])
		}
	}
	if ma[0] == mc[0] && ma[1] == mc[1] {
		t.Errorf("seeds 3 and 4 gave the same errors %v", ma[:2])
	}
	a.ensureSweep()
	b.ensureSweep()
	if a.sweepML != b.sweepML || a.sweepML[0] == 0 {
		t.Errorf("sweeps differ with the same seed")
	}
}

func TestPopulationStepDoesNotAllocate(t *testing.T) {
	m := popRun(t, map[string]float64{"n": 200, "baseline_hz": 20}, 1, 10)
	if a := testing.AllocsPerRun(100, m.Step); a != 0 {
		t.Errorf("%.2f allocations per step, want 0", a)
	}
}

func BenchmarkPopulationStep(b *testing.B) {
	for _, n := range []float64{16, 200} {
		b.Run(fmt.Sprintf("n=%g", n), func(b *testing.B) {
			m := popRun(b, map[string]float64{"n": n}, 1, 0)
			b.ReportAllocs()
			for b.Loop() {
				m.Step()
			}
			ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			b.ReportMetric(m.Info().DT*1e6/ns, "x_realtime")
		})
	}
}

func BenchmarkPopulationReset(b *testing.B) {
	m := NewPopulation()
	seed := uint64(1)
	for b.Loop() {
		seed++ // a new seed defeats the sweep's cache
		m.Reset(seed)
	}
}

func ExamplePopulation() {
	m := NewPopulation()
	_ = m.Set("n", 64)
	_ = m.Set("window_ms", 500)
	m.Reset(1)
	run := sim.NewRun(m, 0, 0)
	run.Reset(1)
	run.Advance(20000) // 2000 trials
	fmt.Printf("ML %.2g°, PV %.2g°, bound %.2g°\n",
		popMetric(m, "error_deg"), popMetric(m, "error_pv_deg"), popMetric(m, "fisher_bound_deg"))
	// Output: ML 3.1°, PV 3.4°, bound 3.1°
}
