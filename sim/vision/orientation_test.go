package vision

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
)

// newOri returns an orientation model with the given settings, reset.
func newOri(t testing.TB, kv map[string]float64) *Orientation {
	t.Helper()
	m := NewOrientation()
	for k, v := range kv {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(1)
	return m
}

// grating fills img with cos(2π·(x·cos θ' + y·sin θ')/λ + φ), stripes at
// orientation θ' + 90°.
func grating(img *[oriN * oriN]float64, lambda, across, phase float64) {
	cx, cy := math.Cos(across), math.Sin(across)
	for i := range oriN {
		y := float64(oriHalf - i)
		for j := range oriN {
			x := float64(j - oriHalf)
			img[i*oriN+j] = math.Cos(2*math.Pi*(x*cx+y*cy)/lambda + phase)
		}
	}
}

// dot is Σ a·b.
func dot(a, b *[oriN * oriN]float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// TestGaborGratingClosedForm checks the even filter's response to gratings
// against the continuous Gaussian integrals
//
//	preferred:  Σ G·cos(kx)       = πσ²·(1 + e^{−2k²σ²})
//	orthogonal: Σ G·cos(ky)       = 2πσ²·e^{−k²σ²}
//
// which the 1 px sampling reproduces to within Poisson-summation error
// (∝ e^{−2π²σ²}).
func TestGaborGratingClosedForm(t *testing.T) {
	for _, c := range []struct{ sigma, lambda float64 }{{3, 8}, {4, 8}, {3, 12}, {2, 6}} {
		m := newOri(t, map[string]float64{"sigma": c.sigma, "lambda": c.lambda})
		k := 2 * math.Pi / c.lambda
		s2 := c.sigma * c.sigma
		var img [oriN * oriN]float64
		grating(&img, c.lambda, 0, 0)
		pref := dot(&m.filt[0][0], &img)
		wantPref := math.Pi * s2 * (1 + math.Exp(-2*k*k*s2))
		grating(&img, c.lambda, math.Pi/2, 0)
		orth := dot(&m.filt[0][0], &img)
		wantOrth := 2 * math.Pi * s2 * math.Exp(-k*k*s2)
		name := fmt.Sprintf("σ=%g λ=%g", c.sigma, c.lambda)
		if d := math.Abs(pref-wantPref) / wantPref; d > 1e-4 {
			t.Errorf("%s preferred: got %.6g, want %.6g, relative difference %.2g", name, pref, wantPref, d)
		}
		if d := math.Abs(orth - wantOrth); d > 1e-4*wantPref {
			t.Errorf("%s orthogonal: got %.6g, want %.6g, difference %.2g", name, orth, wantOrth, d)
		}
	}
}

// TestEnergyPhaseInvariance checks the quadrature pair: the energy
// amplitude √(L_even² + L_odd²) to a preferred grating does not depend on
// the grating's phase (to e^{−2k²σ²}), while the simple cell's drive
// follows cos φ.
func TestEnergyPhaseInvariance(t *testing.T) {
	for _, c := range []struct{ sigma, lambda, tol float64 }{{3, 8, 1e-3}, {4, 8, 1e-4}, {4, 12, 1e-2}} {
		m := newOri(t, map[string]float64{"sigma": c.sigma, "lambda": c.lambda})
		var img [oriN * oriN]float64
		lo, hi := math.Inf(1), 0.0
		var e0 float64
		for i := range 16 {
			phi := 2 * math.Pi * float64(i) / 16
			grating(&img, c.lambda, 0, phi)
			le, lo2 := dot(&m.filt[0][0], &img), dot(&m.filt[0][1], &img)
			a := math.Hypot(le, lo2)
			lo, hi = math.Min(lo, a), math.Max(hi, a)
			if i == 0 {
				e0 = le
			}
			if d := math.Abs(le - e0*math.Cos(phi)); d > c.tol*math.Abs(e0) {
				t.Errorf("σ=%g λ=%g φ=%.3g: even drive %.6g, want L₀·cos φ = %.6g, difference %.2g", c.sigma, c.lambda, phi, le, e0*math.Cos(phi), d)
			}
		}
		if d := hi/lo - 1; d > c.tol {
			t.Errorf("σ=%g λ=%g: energy amplitude varies over phase by %.3g (max/min − 1), want < %g", c.sigma, c.lambda, d, c.tol)
		}
	}
}

// TestTuningWidthLongBar checks the complex cell's orientation tuning to a
// long thin bar through the field centre against the line integral of the
// Gabor, ∫ G dl ∝ exp(−(kσ·sin δ)²/2) for a bar δ from the preferred
// orientation, whose full width at half maximum is
//
//	FWHM = 2·asin(√(2 ln 2)/(kσ)),  k = 2π/λ.
func TestTuningWidthLongBar(t *testing.T) {
	for _, c := range []struct{ sigma, lambda, tol float64 }{{4, 8, 3}, {6, 8, 2}, {4, 12, 3}, {5, 10, 3}} {
		m := newOri(t, map[string]float64{"sigma": c.sigma, "lambda": c.lambda, "length": 33, "width": 1})
		d := make([]float64, len(m.Info().Metrics))
		m.Metrics(d)
		k := 2 * math.Pi / c.lambda
		want := 2 * math.Asin(math.Sqrt(2*math.Ln2)/(k*c.sigma)) * 180 / math.Pi
		t.Logf("σ=%g λ=%g: tuning width %.2f°, closed form %.2f°", c.sigma, c.lambda, d[4], want)
		if got := d[4]; math.Abs(got-want) > c.tol {
			t.Errorf("σ=%g λ=%g: tuning width %.2f°, want %.2f°, difference %.2f° (tolerance %g°)", c.sigma, c.lambda, got, want, got-want, c.tol)
		}
	}
}

// TestPositionInvariance checks `invariance` for a full-height one-pixel
// bar, where the sum along the bar factors out exactly: a single pair's
// energy amplitude at offset x is ∝ exp(−x²/(2σ²)), so across positions
// −λ/2…λ/2 the ratio is exp(−(λ/2)²/(2σ²)); max-pooling K = 3 pairs spaced
// λ/2 apart leaves the worst position λ/4 from a pair, exp(−(λ/4)²/(2σ²)).
// The rectified simple cell is silent for part of the range (invariance 0).
func TestPositionInvariance(t *testing.T) {
	for _, c := range []struct{ sigma, lambda, pool, want float64 }{
		{4, 8, 1, math.Exp(-16.0 / 32)},
		{4, 8, 3, math.Exp(-4.0 / 32)},
		{6, 8, 1, math.Exp(-16.0 / 72)},
		{3, 8, 5, math.Exp(-4.0 / 18)},
		{4, 16, 1, math.Exp(-64.0 / 32)},
	} {
		m := newOri(t, map[string]float64{"sigma": c.sigma, "lambda": c.lambda, "pool": c.pool, "length": 33, "width": 1})
		d := make([]float64, len(m.Info().Metrics))
		m.Metrics(d)
		if math.Abs(d[2]-c.want) > 1e-9 {
			t.Errorf("σ=%g λ=%g K=%g: invariance %.10g, want %.10g, difference %.2g", c.sigma, c.lambda, c.pool, d[2], c.want, d[2]-c.want)
		}
		if d[3] != 0 {
			t.Errorf("σ=%g λ=%g K=%g: simple invariance %g, want 0", c.sigma, c.lambda, c.pool, d[3])
		}
	}
}

// TestPolarityAndPhase checks that a bar on the OFF flank silences the
// simple cell but not the complex cell, and that reversing contrast leaves
// the complex cell unchanged.
func TestPolarityAndPhase(t *testing.T) {
	run := func(kv map[string]float64) (s, c float64) {
		m := newOri(t, kv)
		for range 300 {
			m.Step()
		}
		d := make([]float64, len(m.Info().Metrics))
		m.Metrics(d)
		return d[0], d[1]
	}
	s0, c0 := run(map[string]float64{})
	s1, c1 := run(map[string]float64{"pos": 4})
	s2, c2 := run(map[string]float64{"contrast": -1})
	if s0 < 20 || s1 != 0 || s2 != 0 {
		t.Errorf("simple cell: centre %.3g Hz, OFF flank %.3g Hz, dark bar %.3g Hz; want >20, 0, 0", s0, s1, s2)
	}
	if c1 < 0.5*c0 || math.Abs(c2-c0) > 1e-9 {
		t.Errorf("complex cell: centre %.6g Hz, OFF flank %.6g Hz, dark bar %.6g Hz; want flank > half, dark = centre", c0, c1, c2)
	}
}

// TestRateTimeConstant checks the first-order rise toward the steady rate:
// r(t) = r∞·(1 − e^{−t/τ}), τ = 15 ms.
func TestRateTimeConstant(t *testing.T) {
	m := newOri(t, nil)
	rinf := m.simpleI
	for range 30 {
		m.Step()
	}
	want := rinf * (1 - math.Exp(-30/oriTau))
	if math.Abs(m.rs-want) > 1e-9 {
		t.Errorf("simple rate at 30 ms: got %.10g Hz, want %.10g Hz, difference %.2g", m.rs, want, m.rs-want)
	}
}

// TestFlashAndDrift checks the time course: a flashed bar turns the drive
// off in its second 200 ms, and a drifting bar sweeps the simple cell
// through ON and OFF zones (it falls to 0) while the pooled complex cell
// stays up longer.
func TestFlashAndDrift(t *testing.T) {
	m := newOri(t, map[string]float64{"motion": MotionFlash})
	for range 199 {
		m.Step()
	}
	on := m.rs
	for range 200 {
		m.Step()
	}
	if on < 40 || m.rs > 1e-3*on {
		t.Errorf("flash: rate at 199 ms %.3g Hz, at 399 ms %.3g Hz; want > 40 and ≈ 0", on, m.rs)
	}
	m = newOri(t, map[string]float64{"motion": MotionDrift, "speed": 10, "pool": 3})
	var sAbove, cAbove int
	for range 4100 {
		m.Step()
		if m.rs > 10 {
			sAbove++
		}
		if m.rc > 10 {
			cAbove++
		}
	}
	if cAbove < 2*sAbove || sAbove == 0 {
		t.Errorf("drift: simple above 10 Hz for %d ms, complex for %d ms; want complex ≥ 2× simple", sAbove, cAbove)
	}
}

func TestOrientationDeterministic(t *testing.T) {
	run := func() []float64 {
		m := newOri(t, map[string]float64{"motion": MotionDrift, "pool": 2})
		r := sim.NewRun(m, 0, 0)
		r.Reset(3)
		r.Advance(1500)
		return r.Metrics(nil)
	}
	a, b := run(), run()
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("metric %d: %v then %v", i, a[i], b[i])
		}
	}
}

func ExampleOrientation() {
	m := NewOrientation()
	_ = m.Set("length", 33)
	_ = m.Set("width", 1)
	m.Reset(1)
	d := make([]float64, 5)
	m.Metrics(d)
	fmt.Printf("invariance %.4g, tuning width %.4g°\n", d[2], d[4])
	// Output: invariance 0.6065, tuning width 42.58°
}

// BenchmarkOrientation times 1 ms of a drifting bar (a new image and all
// filter responses every step: the worst case) with K = 5.
func BenchmarkOrientation(b *testing.B) {
	m := newOri(b, map[string]float64{"motion": MotionDrift, "pool": 5})
	r := sim.NewRun(m, 0, 0)
	r.Reset(1)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		r.Advance(oriDT)
	}
	b.ReportMetric(oriDT*1e-3/(b.Elapsed().Seconds()/float64(b.N)), "x_realtime")
}
