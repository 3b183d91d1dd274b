package network

import (
	"fmt"
	"math"
	"math/cmplx"
	"sort"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
)

func newChaosWith(t testing.TB, kv map[string]float64, seed uint64) *Chaos {
	t.Helper()
	m := NewChaos()
	for k, v := range kv {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(seed)
	return m
}

func runChaosTo(m *Chaos, ms float64) {
	for m.Time() < ms-1e-9 {
		m.Step()
	}
}

// spontaneous is the untrained network: no readout, no feedback.
var spontaneous = map[string]float64{"train_s": 0}

func with(base map[string]float64, kv ...any) map[string]float64 {
	out := map[string]float64{}
	for k, v := range base {
		out[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1].(float64)
	}
	return out
}

// TestChaosCircularLaw checks the spectrum of J against the circular law
// (Girko 1984): for N → ∞ the eigenvalues of a matrix with independent
// entries of variance 1/N fill the unit disc uniformly, so the spectral
// radius tends to 1 and a fraction r² of them lies within radius r.
func TestChaosCircularLaw(t *testing.T) {
	t.Parallel()
	for seed := uint64(1); seed <= 3; seed++ {
		m := newChaosWith(t, map[string]float64{"n": chaosMaxN}, seed)
		wr, wi, err := m.Eigenvalues()
		if err != nil {
			t.Fatal(err)
		}
		radius, inside := 0.0, 0
		for i := range wr {
			a := math.Hypot(wr[i], wi[i])
			radius = math.Max(radius, a)
			if a < 0.5 {
				inside++
			}
		}
		if radius < 0.95 || radius > 1.1 {
			t.Errorf("seed %d: spectral radius of J %.4f, want 1 (0.95…1.1 at N = %d)", seed, radius, chaosMaxN)
		}
		if f := float64(inside) / float64(len(wr)); math.Abs(f-0.25) > 0.04 {
			t.Errorf("seed %d: fraction of eigenvalues within radius ½ is %.3f, want ¼ ± 0.04", seed, f)
		}
	}
}

// leadingFactor is the largest |1 − h + h·g·μ| over the eigenvalues μ of J:
// the growth factor per Euler step of the network linearised at x = 0.
func leadingFactor(t *testing.T, m *Chaos) float64 {
	t.Helper()
	wr, wi, err := m.Eigenvalues()
	if err != nil {
		t.Fatal(err)
	}
	h := chaosDT / chaosTau
	best := 0.0
	for i := range wr {
		best = math.Max(best, cmplx.Abs(complex(1-h, 0)+complex(h*m.G, 0)*complex(wr[i], wi[i])))
	}
	return best
}

// TestChaosQuietBelowOne checks that for g < 1 activity dies from a random
// start at the rate of the linearisation, which the largest Lyapunov
// exponent reproduces exactly once x ≈ 0.
func TestChaosQuietBelowOne(t *testing.T) {
	t.Parallel()
	for _, g := range []float64{0.3, 0.8, 0.9} {
		m := newChaosWith(t, with(spontaneous, "g", g), 1)
		want := math.Log(leadingFactor(t, m)) / chaosDT * 1000 // 1/s
		runChaosTo(m, 3000)
		if _, _, varX := m.Windowed(); varX > 1e-8 {
			t.Errorf("g=%g: ⟨x²⟩ = %.3g after 3 s, want the activity gone", g, varX)
		}
		// Disjoint 2 s windows, averaged: when the leading eigenvalues are a
		// complex pair the tangent vector's length wobbles, and only a
		// long average pins the rate down.
		var lyap float64
		for k := 1; k <= 10; k++ {
			runChaosTo(m, 3000+2000*float64(k))
			_, l, _ := m.Windowed()
			lyap += l / 10
		}
		t.Logf("g=%g: λ_max %.6g 1/s, linearisation %.6g 1/s", g, lyap, want)
		if d := math.Abs(lyap - want); d > 2e-3*math.Abs(want) {
			t.Errorf("g=%g: λ_max %.6g 1/s, linearisation %.6g 1/s (off by %.2g)", g, lyap, want, d)
		}
		if lyap >= 0 {
			t.Errorf("g=%g: λ_max %.3g 1/s, want negative", g, lyap)
		}
	}
}

// TestChaosAboveOne checks that for g > 1 activity is sustained and
// chaotic: the largest Lyapunov exponent is positive and grows with g, and
// the variance agrees with the dynamic mean-field theory. One network of
// 400 units scatters by up to ±15% around the theory (quenched disorder);
// the mean over six networks is within a few per cent.
func TestChaosAboveOne(t *testing.T) {
	t.Parallel()
	const seeds, windows = 6, 3 // 6 s per network, in windows of 2 s
	prev := 0.0
	for _, g := range []float64{1.5, 2, 2.5} {
		var lyap, varX float64
		for seed := uint64(1); seed <= seeds; seed++ {
			m := newChaosWith(t, with(spontaneous, "g", g, "n", float64(chaosMaxN)), seed)
			runChaosTo(m, 2000)
			for k := 1; k <= windows; k++ {
				runChaosTo(m, 2000+2000*float64(k))
				_, l, v := m.Windowed()
				lyap += l / (seeds * windows)
				varX += v / (seeds * windows)
			}
		}
		want := DMFTVariance(g)
		if d := math.Abs(varX-want) / want; d > 0.03 {
			t.Errorf("g=%g: mean ⟨x²⟩ %.4g, mean-field theory %.4g (off by %.1f%%, allowed 3%%)", g, varX, want, 100*d)
		}
		if lyap <= prev {
			t.Errorf("g=%g: mean λ_max %.3g 1/s, want positive and above %.3g 1/s (the value at the smaller g)", g, lyap, prev)
		}
		prev = lyap
		t.Logf("g=%g: mean λ_max %.3g 1/s, ⟨x²⟩ %.4g (theory %.4g)", g, lyap, varX, want)
	}
}

// TestChaosNearbyTrajectoriesDiverge starts two copies of the network a
// distance 1e−9 apart: for g > 1 the distance grows at about the rate the
// tangent vector measures, for g < 1 it shrinks.
func TestChaosNearbyTrajectoriesDiverge(t *testing.T) {
	for _, g := range []float64{0.8, 2} {
		a := newChaosWith(t, with(spontaneous, "g", g), 3)
		b := newChaosWith(t, with(spontaneous, "g", g), 3)
		runChaosTo(a, 1000)
		runChaosTo(b, 1000)
		b.x[0] += 1e-9
		dist := func() float64 {
			var s float64
			for i := range a.n {
				s += (a.x[i] - b.x[i]) * (a.x[i] - b.x[i])
			}
			return math.Sqrt(s)
		}
		runChaosTo(a, 1300) // let the difference align with the leading direction
		runChaosTo(b, 1300)
		d0 := dist()
		runChaosTo(a, 3300)
		runChaosTo(b, 3300)
		d1 := dist()
		rate := math.Log(d1/d0) / 2 // 1/s
		_, lyap, _ := a.Windowed()
		if (g > 1) != (d1 > d0) {
			t.Errorf("g=%g: distance went from %.3g to %.3g in 2 s", g, d0, d1)
		}
		if g > 1 && math.Abs(rate-lyap) > 0.3*lyap {
			t.Errorf("g=%g: two trajectories separate at %.3g 1/s, tangent vector says %.3g 1/s", g, rate, lyap)
		}
	}
}

// TestDMFTVarianceLimits checks the mean-field variance against its two
// closed-form limits: Δ₀ ≈ g − 1 just above the transition, and
// Δ₀ → 2(1 − 2/π)·g² for large g, where ln cosh x ≈ |x| − ln 2.
func TestDMFTVarianceLimits(t *testing.T) {
	for _, c := range []struct {
		name      string
		g         float64
		want, tol float64 // relative tolerance
	}{
		{"below the transition", 0.9, 0, 0},
		{"just above, g − 1", 1.001, 0.001, 0.003},
		{"large g, 2(1 − 2/π)g²", 30, 2 * (1 - 2/math.Pi) * 900, 0.02},
	} {
		got := DMFTVariance(c.g)
		if d := math.Abs(got - c.want); d > c.tol*c.want || (c.want == 0 && got != 0) {
			t.Errorf("%s: Δ₀(%g) = %.6g, want %.6g (off by %.2g)", c.name, c.g, got, c.want, d)
		}
	}
}

// TestChaosFORCE reproduces the training protocol of Sussillo & Abbott
// (2009, fig. 2A–C) on a 600 ms triangle wave: the output follows the
// target during learning, the chaos is gone (λ_max ≈ 0 on the learned
// cycle), and with learning off the network keeps producing it.
func TestChaosFORCE(t *testing.T) {
	t.Parallel()
	good := 0
	for seed := uint64(1); seed <= 6; seed++ {
		m := newChaosWith(t, nil, seed) // triangle, 600 ms, 10 s of learning
		runChaosTo(m, 10000)
		errTrain, lyap, _ := m.Windowed()
		if errTrain > 0.05 || math.Abs(lyap) > 1 {
			t.Errorf("seed %d, end of learning: error %.3g (want < 0.05), λ_max %.3g 1/s (want |λ| < 1)", seed, errTrain, lyap)
		}
		runChaosTo(m, 20000)
		if e, _, _ := m.Windowed(); e < 0.1 {
			good++
		}
		if s := sim.MetricOf(m, "test_s"); math.Abs(s-10) > 0.01 {
			t.Errorf("seed %d: test_s = %g after 10 s on its own", seed, s)
		}
	}
	if good < 5 {
		t.Errorf("%d of 6 networks keep the error below 0.1 for 10 s after learning, want at least 5", good)
	}
}

// TestChaosFORCELimits checks the failures Sussillo & Abbott describe: a
// target of too small an amplitude does not suppress the chaos (fig. 2K),
// and neither does too large a gain (fig. 5); in both cases learning fails.
func TestChaosFORCELimits(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		set  map[string]float64
	}{
		{"amplitude 0.1", map[string]float64{"amp": 0.1}},
		{"g = 2.2", map[string]float64{"g": 2.2}},
	} {
		m := newChaosWith(t, c.set, 1)
		runChaosTo(m, 10000)
		_, lyap, _ := m.Windowed()
		runChaosTo(m, 15000)
		e, _, _ := m.Windowed()
		if lyap < 1 || e < 0.5 {
			t.Errorf("%s: λ_max %.3g 1/s at the end of learning, error %.3g 5 s later: want chaos left (λ > 1) and failure (error > 0.5)", c.name, lyap, e)
		}
	}
}

// TestChaosFourSines is the paper's fig. 2D target (period 1200 ms): too
// much for 300 units, learned by 400 with 30 s of training.
func TestChaosFourSines(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("40 s of simulated learning")
	}
	m := newChaosWith(t, map[string]float64{"target": ChaosSines, "period_ms": 1200, "n": 400, "train_s": 30}, 1)
	runChaosTo(m, 40000)
	if e, _, _ := m.Windowed(); e > 0.05 {
		t.Errorf("N = 400: error %.3g 10 s after 30 s of learning, want < 0.05", e)
	}
}

// TestChaosStepConverges compares the 1 ms Euler step with a reference
// integration (RK4, 0.01 ms) over 50 ms of chaotic activity: the error is
// small and halves with the step (first order).
func TestChaosStepConverges(t *testing.T) {
	m := newChaosWith(t, spontaneous, 4)
	runChaosTo(m, 500)
	n := m.n
	x0 := append([]float64(nil), m.x[:n]...)
	sys := chaosODE{m}
	ref := append([]float64(nil), x0...)
	rk := sim.NewRK4(n)
	for k := range 5000 {
		rk.Step(sys, float64(k)*0.01, 0.01, ref)
	}
	euler := func(h float64) float64 {
		y := append([]float64(nil), x0...)
		e, steps := sim.NewEuler(n), int(math.Round(50/h))
		for k := range steps {
			e.Step(sys, float64(k)*h, h, y)
		}
		var s float64
		for i := range y {
			s += (y[i] - ref[i]) * (y[i] - ref[i])
		}
		return math.Sqrt(s / float64(n))
	}
	runChaosTo(m, 550)
	var s float64
	for i := range n {
		s += (m.x[i] - ref[i]) * (m.x[i] - ref[i])
	}
	model, half := math.Sqrt(s/float64(n)), euler(0.5)
	if math.Abs(model-euler(1)) > 1e-12 {
		t.Errorf("the model's step differs from an Euler step of 1 ms: %.3g vs %.3g", model, euler(1))
	}
	if model > 0.02 {
		t.Errorf("RMS error after 50 ms: %.3g, want < 0.02", model)
	}
	if r := model / half; r < 1.8 || r > 2.2 {
		t.Errorf("error ratio dt = 1 ms / 0.5 ms: %.3g, want ≈ 2 (first order)", r)
	}
}

// chaosODE is the untrained network's right-hand side, per ms.
type chaosODE struct{ m *Chaos }

func (s chaosODE) Deriv(_ float64, x, dx []float64) {
	m := s.m
	r := m.u[:len(x)] // scratch: the model's tangent buffer is unused here
	for i, xi := range x {
		r[i] = math.Tanh(xi)
	}
	for i := range x {
		var a float64
		for q := m.rowStart[i]; q < m.rowStart[i+1]; q++ {
			a += m.val[q] * r[m.col[q]]
		}
		dx[i] = (-x[i] + m.G*a) / chaosTau
	}
}

// TestChaosFiniteLongRuns runs the settings most likely to break RLS for a
// whole minute of learning: the fastest learning (α = 1), the largest
// gain and a discontinuous target at the extremes of period and amplitude.
func TestChaosFiniteLongRuns(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("minutes of simulated learning")
	}
	for _, set := range []map[string]float64{
		{"g": 3, "target": ChaosSquare, "period_ms": 50, "amp": 2, "train_s": 60},
		{"g": 0, "target": ChaosSquare, "period_ms": 8000, "amp": 0.05, "train_s": 60, "n": 100},
	} {
		m := newChaosWith(t, set, 1)
		dst := make([]float64, len(m.Info().Metrics))
		for m.Time() < 60000 {
			runChaosTo(m, m.Time()+5000)
			m.Metrics(dst)
			for i, v := range dst {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("%v: metric %s = %g at %g ms", set, m.Info().Metrics[i].Key, v, m.Time())
				}
			}
		}
	}
}

func TestChaosSpectrumPlot(t *testing.T) {
	m := newChaosWith(t, map[string]float64{"g": 2}, 1)
	var d sim.PlotData
	m.Plot("spectrum", &d)
	if len(d.Series) != 3 || len(d.Series[0].X) != 300 {
		t.Fatalf("spectrum: %d series, %d points; want 3 series and 300 eigenvalues", len(d.Series), len(d.Series[0].X))
	}
	r := make([]float64, len(d.Series[0].X))
	for i := range r {
		r[i] = math.Hypot(d.Series[0].X[i], d.Series[0].Y[i])
	}
	sort.Float64s(r)
	if top := r[len(r)-1]; math.Abs(top-2) > 0.25 {
		t.Errorf("largest |λ| of g·J at g = 2: %.3g, want ≈ 2", top)
	}
}

func BenchmarkChaos(b *testing.B) {
	for _, n := range []float64{300, chaosMaxN} {
		b.Run(fmt.Sprintf("N=%g", n), func(b *testing.B) {
			m := NewChaos()
			_ = m.Set("n", n)
			_ = m.Set("train_s", 60)
			m.Reset(1)
			b.ReportAllocs()
			for b.Loop() {
				m.Step()
			}
			b.ReportMetric(chaosDT*1e6/(float64(b.Elapsed().Nanoseconds())/float64(b.N)), "x_realtime")
		})
	}
}

func ExampleChaos() {
	m := NewChaos()
	_ = m.Set("train_s", 0) // no learning: the spontaneous network
	m.Reset(1)
	for m.Time() < 5000 {
		m.Step()
	}
	_, lyap, varX := m.Windowed()
	fmt.Printf("g = 1.5: λ_max %.4g 1/s, ⟨x²⟩ %.4g (mean-field theory %.4g)\n", lyap, varX, DMFTVariance(1.5))
	_ = m.Set("train_s", 10) // learn the triangle wave for 10 s
	m.Reset(1)
	for m.Time() < 20000 {
		m.Step()
	}
	e, lyap, _ := m.Windowed()
	fmt.Printf("10 s after learning: error %.4g, λ_max %.4g 1/s\n", e, lyap)
	// Output:
	// g = 1.5: λ_max 1.94 1/s, ⟨x²⟩ 0.7347 (mean-field theory 0.7477)
	// 10 s after learning: error 0.005745, λ_max -0.3593 1/s
}
