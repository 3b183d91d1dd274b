package vision

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
)

// roModel makes a readout model with the given parameters, reset with seed.
func roModel(t testing.TB, set map[string]float64, seed uint64) *Readout {
	t.Helper()
	m := NewReadout()
	for k, v := range set {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(seed)
	return m
}

// roMetric reads one metric of m by key.
func roMetric(m *Readout, key string) float64 { return sim.MetricOf(m, key) }

// TestRidgeClosedForm checks the Cholesky ridge solver against the closed
// form w = (XᵀX + λI)⁻¹Xᵀy on a 6×3 case, with the 3×3 inverse written out
// by cofactors, and the dual form Xᵀ(XXᵀ + λI)⁻¹y against the same w.
func TestRidgeClosedForm(t *testing.T) {
	x := [6][3]float64{{1, 2, 0.5}, {-1, 0.3, 2}, {0.7, -1.2, 1}, {2, 0.1, -0.4}, {0, 1, 1}, {-0.5, -2, 0.3}}
	y := [6]float64{1.5, -0.2, 0.9, 2.2, 0.4, -1.7}
	for _, lambda := range []float64{1e-3, 0.5, 10} {
		var a [3][3]float64
		var b [3]float64
		for i := range 6 {
			for r := range 3 {
				b[r] += x[i][r] * y[i]
				for c := range 3 {
					a[r][c] += x[i][r] * x[i][c]
				}
			}
		}
		for r := range 3 {
			a[r][r] += lambda
		}
		det := a[0][0]*(a[1][1]*a[2][2]-a[1][2]*a[2][1]) - a[0][1]*(a[1][0]*a[2][2]-a[1][2]*a[2][0]) + a[0][2]*(a[1][0]*a[2][1]-a[1][1]*a[2][0])
		inv := [3][3]float64{
			{a[1][1]*a[2][2] - a[1][2]*a[2][1], a[0][2]*a[2][1] - a[0][1]*a[2][2], a[0][1]*a[1][2] - a[0][2]*a[1][1]},
			{a[1][2]*a[2][0] - a[1][0]*a[2][2], a[0][0]*a[2][2] - a[0][2]*a[2][0], a[0][2]*a[1][0] - a[0][0]*a[1][2]},
			{a[1][0]*a[2][1] - a[1][1]*a[2][0], a[0][1]*a[2][0] - a[0][0]*a[2][1], a[0][0]*a[1][1] - a[0][1]*a[1][0]},
		}
		var want [3]float64
		for r := range 3 {
			for c := range 3 {
				want[r] += inv[r][c] / det * b[c]
			}
		}
		// Primal, through the solver.
		g := make([]float64, 9)
		for r := range 3 {
			copy(g[r*3:], a[r][:])
		}
		w := append([]float64(nil), b[:]...)
		roCholesky(g, 3)
		roCholeskySolve(g, 3, w, 1)
		// Dual: α = (XXᵀ + λI)⁻¹y, w = Xᵀα.
		k := make([]float64, 36)
		for i := range 6 {
			for j := range 6 {
				for c := range 3 {
					k[i*6+j] += x[i][c] * x[j][c]
				}
			}
			k[i*6+i] += lambda
		}
		alpha := append([]float64(nil), y[:]...)
		roCholesky(k, 6)
		roCholeskySolve(k, 6, alpha, 1)
		for r := range 3 {
			var dual float64
			for i := range 6 {
				dual += x[i][r] * alpha[i]
			}
			for name, got := range map[string]float64{"primal": w[r], "dual": dual} {
				if d := math.Abs(got - want[r]); d > 1e-10*math.Max(1, math.Abs(want[r])) {
					t.Errorf("λ = %g, %s w[%d] = %.12g, closed form %.12g, difference %.3g", lambda, name, r, got, want[r], d)
				}
			}
		}
	}
}

// TestReadoutNoiseless checks that without noise, with ample data and a
// tiny ridge, the source stage predicts its own neurons almost perfectly
// and is the best layer.
func TestReadoutNoiseless(t *testing.T) {
	for _, src := range []float64{2, 3, 4} {
		m := roModel(t, map[string]float64{"source_layer": src, "train": 400, "ridge": -4, "noise": 0}, 1)
		if got := roMetric(m, "r2_source"); got < 0.995 {
			t.Errorf("source S%g: noiseless held-out R² = %.5f, want ≥ 0.995", src, got)
		}
		if got := roMetric(m, "best_layer"); got != src {
			t.Errorf("source S%g: best layer %g", src, got)
		}
	}
}

// TestReadoutCeiling checks the held-out R² of the source stage against
// the explained variance signal/(signal + noise) = 1/(1 + σ²), less the
// excess error of a least-squares fit of p weights on n samples,
// σ²·p/(n − p − 1) in units of signal variance (the ridge is tiny). One
// seed's R² scatters by about 0.03 (s.d. at σ = 1, 100 held-out stimuli);
// the mean over 8 seeds has a standard error near 0.011, and the
// tolerance, 0.035, is three of those.
func TestReadoutCeiling(t *testing.T) {
	const n, p, seeds = 400, 32, 8 // S4
	sigmas := []float64{0.25, 0.5, 1, 1.5}
	var mean [4]float64
	for seed := range uint64(seeds) {
		m := roModel(t, map[string]float64{"source_layer": 4, "train": n, "ridge": -3}, 1)
		for i, sigma := range sigmas {
			_ = m.Set("noise", sigma)
			m.Reset(seed + 20)
			mean[i] += roMetric(m, "r2_source") / seeds
			if c, want := roMetric(m, "ceiling"), 1/(1+sigma*sigma); c != want {
				t.Errorf("σ = %g: ceiling metric %g, want %g", sigma, c, want)
			}
		}
	}
	for i, sigma := range sigmas {
		s2 := sigma * sigma
		want := (1 - s2*p/(n-p-1)) / (1 + s2)
		if d := math.Abs(mean[i] - want); d > 0.035 {
			t.Errorf("σ = %g: mean R² = %.4f, want %.4f (ceiling %.4f), difference %.4f", sigma, mean[i], want, 1/(1+s2), d)
		}
	}
}

// TestReadoutBestIsSource checks the lesson's main claim in the model:
// with enough data, the stage that generated the neurons predicts them best.
func TestReadoutBestIsSource(t *testing.T) {
	for _, src := range []float64{1, 2, 3, 4} {
		m := roModel(t, map[string]float64{"source_layer": src, "train": 400}, 1)
		if got := roMetric(m, "best_layer"); got != src {
			t.Errorf("source S%g: best layer %g (R² %v)", src, got, m.r2)
		}
	}
}

func TestReadoutDeterministic(t *testing.T) {
	a := roModel(t, nil, 3)
	b := roModel(t, nil, 3)
	c := roModel(t, nil, 4)
	for l := range roLayers {
		if a.R2(l) != b.R2(l) {
			t.Errorf("layer %d: R² %v and %v with the same seed", l, a.R2(l), b.R2(l))
		}
	}
	if a.R2(4) == c.R2(4) {
		t.Errorf("seeds 3 and 4 gave the same R² %v", a.R2(4))
	}
	// A cached fit must equal a fresh one.
	_ = a.Set("ridge", 1)
	a.Reset(3)
	_ = a.Set("ridge", -1)
	a.Reset(3)
	if a.R2(2) != b.R2(2) {
		t.Errorf("after a round trip of ridge, R² %v, fresh %v", a.R2(2), b.R2(2))
	}
}

func TestReadoutStepDoesNotAllocate(t *testing.T) {
	m := roModel(t, nil, 1)
	m.Step()
	if a := testing.AllocsPerRun(200, m.Step); a != 0 {
		t.Errorf("%.2f allocations per step, want 0", a)
	}
}

func BenchmarkReadoutStep(b *testing.B) {
	m := roModel(b, nil, 1)
	m.Step()
	b.ReportAllocs()
	for b.Loop() {
		m.Step()
	}
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(m.Info().DT*1e6/ns, "x_realtime")
}

// BenchmarkReadoutReset times a full refit after a parameter change
// (new neurons, λ), and after a new seed (new stimuli as well).
func BenchmarkReadoutReset(b *testing.B) {
	b.Run("ridge", func(b *testing.B) {
		m := roModel(b, nil, 1)
		m.ensure()
		r := []float64{-1, 0}
		i := 0
		for b.Loop() {
			i++
			_ = m.Set("ridge", r[i%2])
			m.Reset(1)
			m.ensure()
		}
	})
	b.Run("train", func(b *testing.B) {
		m := roModel(b, nil, 1)
		m.ensure()
		r := []float64{400, 390}
		i := 0
		for b.Loop() {
			i++
			_ = m.Set("train", r[i%2])
			m.Reset(1)
			m.ensure()
		}
	})
	b.Run("seed", func(b *testing.B) {
		m := roModel(b, nil, 1)
		seed := uint64(1)
		for b.Loop() {
			seed++
			m.Reset(seed)
			m.ensure()
		}
	})
}

func ExampleReadout() {
	m := NewReadout()
	run := sim.NewRun(m, 0, 0)
	run.Reset(1)
	for l := range roLayers {
		fmt.Printf("%s %.2f\n", roLayerNames[l], m.R2(l))
	}
	// Output:
	// px -0.68
	// S1 0.12
	// S2 0.41
	// S3 0.64
	// S4 0.77
}
