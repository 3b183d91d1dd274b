package vision

import (
	"fmt"
	"math"
	"testing"
	"time"
)

// disk writes a centred disk (ρ₀ < r ≤ ρ₁ from pixel (8, 8)) of intensity 1.
func disk(img []float64, r0, r1 float64) {
	for y := range prSide {
		for x := range prSide {
			d := math.Hypot(float64(x-8), float64(y-8))
			img[y*prSide+x] = 0
			if d > r0 && d <= r1 {
				img[y*prSide+x] = 1
			}
		}
	}
}

// TestDoGCentreSurround checks the DoG is balanced (a uniform image gives
// 0) and that its response at the centre of a spot or an annulus matches
// the continuous closed form: a normalised 2-D Gaussian of width s puts
// e^(−a²/2s²) − e^(−b²/2s²) of its weight on the ring a < r ≤ b, so
//
//	DoG(ring) = [e^(−a²/2σ²) − e^(−b²/2σ²)] − [e^(−a²/8σ²) − e^(−b²/8σ²)]
//
// The discrete disk and kernel differ from the continuous ones by up to a
// few hundredths at these small radii; each case has its own tolerance.
func TestDoGCentreSurround(t *testing.T) {
	k := make([]float64, prKSide*prKSide)
	img, out := make([]float64, prPix), make([]float64, prPix)
	r := BuildKernel(PriorDoG, 1, 0, k)
	for i := range img {
		img[i] = 0.7
	}
	Filter(img, k, r, out)
	for p, v := range out {
		if math.Abs(v) > 1e-12 {
			t.Fatalf("uniform image: output %.3g at pixel %d, want 0", v, p)
		}
	}
	ring := func(a, b, s float64) float64 {
		return math.Exp(-a*a/(2*s*s)) - math.Exp(-b*b/(2*s*s))
	}
	cases := []struct {
		name   string
		sigma  float64
		r0, r1 float64
		tol    float64
	}{
		{"spot ρ = 1.5 px, σ = 1", 1, -1, 1.5, 0.06},
		{"spot ρ = 2.5 px, σ = 1", 1, -1, 2.5, 0.03},
		{"annulus 1.5–4 px, σ = 1", 1, 1.5, 4, 0.05},
		{"spot ρ = 3 px, σ = 1.3", 1.3, -1, 3, 0.015},
		{"annulus 3–6 px, σ = 1.3", 1.3, 3, 6, 0.015},
	}
	for _, c := range cases {
		r := BuildKernel(PriorDoG, c.sigma, 0, k)
		disk(img, c.r0, c.r1)
		got := filterAt(img, k, r, 8, 8)
		a := math.Max(c.r0, 0)
		want := ring(a, c.r1, c.sigma) - ring(a, c.r1, prSurr*c.sigma)
		if d := math.Abs(got - want); d > c.tol {
			t.Errorf("%s: response %.4g, want %.4g (difference %.3g)", c.name, got, want, d)
		}
		if (got > 0) != (c.r0 < 0) {
			t.Errorf("%s: response %.4g has the wrong sign (spot +, annulus −)", c.name, got)
		}
	}
}

// TestGaborOrientation checks orientation selectivity: a grating of the
// preferred wavelength drives the Gabor far more at its preferred
// orientation than at the orthogonal one, and a uniform image not at all.
func TestGaborOrientation(t *testing.T) {
	k := make([]float64, prKSide*prKSide)
	img, out := make([]float64, prPix), make([]float64, prPix)
	grating := func(thetaDeg, lambda float64) {
		th := thetaDeg * math.Pi / 180
		for y := range prSide {
			for x := range prSide {
				u := -float64(x)*math.Sin(th) + float64(y)*math.Cos(th)
				img[y*prSide+x] = 0.5 + 0.5*math.Cos(2*math.Pi*u/lambda)
			}
		}
	}
	energy := func() float64 { // mean |response| away from the border
		s := 0.0
		for y := 4; y < 12; y++ {
			for x := 4; x < 12; x++ {
				s += math.Abs(out[y*prSide+x])
			}
		}
		return s / 64
	}
	for _, c := range []struct{ sigma, theta, minRatio float64 }{
		{1.5, 0, 20}, {1.5, 90, 20}, {2, 30, 5}, {1.5, 45, 5},
	} {
		r := BuildKernel(PriorGabor, c.sigma, c.theta, k)
		grating(c.theta, prLambda*c.sigma)
		Filter(img, k, r, out)
		pref := energy()
		grating(c.theta+90, prLambda*c.sigma)
		Filter(img, k, r, out)
		orth := energy()
		if pref < c.minRatio*orth {
			t.Errorf("σ = %g, θ = %g°: preferred %.4g, orthogonal %.4g (ratio %.3g, want ≥ %g)",
				c.sigma, c.theta, pref, orth, pref/orth, c.minRatio)
		}
		sum := 0.0
		for _, v := range k[:(2*r+1)*(2*r+1)] {
			sum += v
		}
		if math.Abs(sum) > 1e-12 {
			t.Errorf("σ = %g, θ = %g°: kernel sums to %.3g, want 0", c.sigma, c.theta, sum)
		}
	}
}

// TestPriorsSampleEfficiency checks the experiment is deterministic and
// that the Gabor prior helps with few examples while a mismatched one
// (45°, or the isotropic DoG) does not.
func TestPriorsSampleEfficiency(t *testing.T) {
	acc := func(set map[string]float64) (float64, float64) {
		m := NewPriors()
		for k, v := range set {
			if err := m.Set(k, v); err != nil {
				t.Fatal(err)
			}
		}
		m.Reset(1)
		return m.Accuracy()
	}
	r1, p1 := acc(map[string]float64{})
	r2, p2 := acc(map[string]float64{})
	if r1 != r2 || p1 != p2 {
		t.Errorf("not deterministic: (%g, %g) then (%g, %g)", r1, p1, r2, p2)
	}
	if !(p1-r1 >= 0.2 && p1 >= 0.8 && r1 <= 0.6) {
		t.Errorf("Gabor σ = 1.5 px, 8 examples: raw %.3g, prior %.3g; want the prior ≥ 0.8 and ≥ 0.2 better", r1, p1)
	}
	for _, set := range []map[string]float64{{"theta": 45}, {"filter": PriorDoG}, {"filter": PriorNone}} {
		r, p := acc(set)
		if p-r > 0.1 {
			t.Errorf("%v: raw %.3g, prior %.3g; a prior blind to orientation should not help much", set, r, p)
		}
	}
	m := NewPriors()
	m.ensureCurves()
	for i, n := range prCurveN {
		_ = m.Set("n_train", float64(n))
		if r, p := m.Accuracy(); r != m.rawAcc[i] || p != m.priAcc[i] {
			t.Errorf("n = %d: metrics (%g, %g) differ from the curve (%g, %g)", n, r, p, m.rawAcc[i], m.priAcc[i])
		}
	}
}

func TestPriorsStepDoesNotAllocate(t *testing.T) {
	m := NewPriors()
	if a := testing.AllocsPerRun(1000, m.Step); a != 0 {
		t.Errorf("Step allocates %g times", a)
	}
}

func BenchmarkPriors(b *testing.B) {
	m := NewPriors()
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		m.Step()
	}
	b.ReportMetric(float64(b.N)*prDT/1000/time.Since(start).Seconds(), "x_realtime")
}

func ExamplePriors() {
	m := NewPriors()
	raw, prior := m.Accuracy()
	fmt.Printf("8 examples: raw pixels %.4g, Gabor features %.4g\n", raw, prior)
	// Output: 8 examples: raw pixels 0.4975, Gabor features 0.8394
}
