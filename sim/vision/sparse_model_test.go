package vision

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// TestWhiteningGain checks R(f) = f·e^(−(f/f₀)⁴): zero at DC, linear at low
// frequency, its peak at f₀·4^(−1/4) (where d/df of ln R is 1/f − 4f³/f₀⁴
// = 0), and small at the Nyquist frequency.
func TestWhiteningGain(t *testing.T) {
	if g := WhiteningGain(0); g != 0 {
		t.Errorf("R(0) = %g, want 0", g)
	}
	if g := WhiteningGain(0.01); math.Abs(g/0.01-1) > 1e-6 {
		t.Errorf("R(0.01)/0.01 = %.9g, want ≈ 1", g/0.01)
	}
	peak := whitenF0 * math.Pow(4, -0.25)
	for _, f := range []float64{0.9 * peak, 1.1 * peak} {
		if WhiteningGain(f) >= WhiteningGain(peak) {
			t.Errorf("R(%.4g) = %.6g is not below R at the peak %.4g (%.6g)", f, WhiteningGain(f), peak, WhiteningGain(peak))
		}
	}
	if r := WhiteningGain(0.5) / WhiteningGain(peak); r > 0.2 {
		t.Errorf("R(Nyquist)/R(peak) = %.3g, want < 0.2", r)
	}
}

// radialPower returns the mean power of img's spectrum in rings of
// frequency [f, 1.25·f) for each f.
func radialPower(img []float64, fs []float64) []float64 {
	im := newLeafImage()
	for i, v := range img {
		im.spec[i] = complex(v, 0)
	}
	im.fft2(false)
	out := make([]float64, len(fs))
	for k, f := range fs {
		sum, cnt := 0.0, 0
		for y := range leafSide {
			for x := range leafSide {
				r := math.Hypot(float64(wrapFreq(x)), float64(wrapFreq(y))) / leafSide
				if r >= f && r < 1.25*f {
					sum += abs(im.spec[y*leafSide+x]) * abs(im.spec[y*leafSide+x])
					cnt++
				}
			}
		}
		out[k] = sum / float64(cnt)
	}
	return out
}

func kurtosis(v []float64) float64 {
	var m, m2, m4 float64
	for _, x := range v {
		m += x
	}
	m /= float64(len(v))
	for _, x := range v {
		d := (x - m) * (x - m)
		m2 += d
		m4 += d * d
	}
	m2 /= float64(len(v))
	return m4 / float64(len(v)) / (m2 * m2)
}

// TestTrainingImages checks the statistics the lesson relies on: the raw
// dead-leaves image has a power spectrum close to 1/f² (slope −2 on log–log
// axes, Lee, Mumford & Huang 2001); whitening flattens it below f₀; the
// whitened leaves are heavy-tailed (kurtosis about 4, above a Gaussian's
// 3: the edges), while noise with the same spectrum is Gaussian.
func TestTrainingImages(t *testing.T) {
	im := newLeafImage()
	im.deadLeaves(rand.New(rand.NewPCG(1, 0x1eaf)))
	raw := append([]float64(nil), im.px...)
	fs := []float64{0.02, 0.04, 0.08, 0.16}
	p := radialPower(raw, fs)
	slope := (math.Log(p[3]) - math.Log(p[0])) / (math.Log(fs[3]) - math.Log(fs[0]))
	if slope < -2.4 || slope > -1.6 {
		t.Errorf("raw dead leaves: power ∝ f^%.2f from %g to %g cycles/px, want close to f^−2", slope, fs[0], fs[3])
	}
	im.make(ImgLeaves, 1)
	w := radialPower(im.px, fs)
	if r := w[3] / w[0]; r < 0.5 || r > 2 {
		t.Errorf("whitened leaves: power at %g / power at %g cycles/px = %.3g, want ≈ 1 (flat)", fs[3], fs[0], r)
	}
	if k := kurtosis(im.px); k < 3.6 {
		t.Errorf("whitened leaves: kurtosis %.3g, want well above 3 (heavy tails from the edges)", k)
	}
	leaves := append([]float64(nil), im.px...)
	im.make(ImgNoise, 1)
	if k := kurtosis(im.px); math.Abs(k-3) > 0.15 {
		t.Errorf("whitened noise: kurtosis %.3g, want 3 (Gaussian)", k)
	}
	n := radialPower(im.px, fs)
	for i, f := range fs {
		if r := n[i] / w[i]; math.Abs(r-1) > 0.01 {
			t.Errorf("noise/leaves power at %g cycles/px = %.4g, want 1 (same spectrum)", f, r)
		}
	}
	im.make(ImgLeaves, 1)
	for i := range leaves {
		if im.px[i] != leaves[i] {
			t.Fatalf("the image for seed 1 is not the same twice (pixel %d)", i)
		}
	}
}

// gabor writes an even/odd Gabor (phase ψ) into a p×p element.
func gabor(p int, x0, y0, thetaDeg, f, sigU, sigV, psi float64) []float64 {
	el := make([]float64, p*p)
	th := thetaDeg * math.Pi / 180
	for i := range el {
		dx, dy := float64(i%p)-x0, float64(i/p)-y0
		u, v := math.Cos(th)*dx+math.Sin(th)*dy, -math.Sin(th)*dx+math.Cos(th)*dy
		el[i] = math.Exp(-u*u/(2*sigU*sigU)-v*v/(2*sigV*sigV)) * math.Cos(2*math.Pi*f*u+psi)
	}
	return el
}

// TestGaborFitter: a Gabor is fitted almost perfectly whatever its place,
// orientation, frequency and phase; random elements are not; nor is a
// grating that fills the whole patch (the fit must be localised).
func TestGaborFitter(t *testing.T) {
	g := newGaborFitter()
	g.setSize(8)
	for _, c := range []struct{ x0, y0, th, f, su, sv, psi float64 }{
		{3.5, 3.5, 0, 0.25, 1.2, 1.8, 0},
		{2, 5, 30, 0.3, 1, 2, math.Pi / 2},
		{4.2, 3.1, 100, 0.2, 1.5, 1.5, 1},
		{5, 2.5, 145, 0.35, 0.9, 2.2, -2},
	} {
		if r2 := g.fit(gabor(8, c.x0, c.y0, c.th, c.f, c.su, c.sv, c.psi)); r2 < 0.93 {
			t.Errorf("Gabor at (%g, %g), θ = %g°, f = %g: R² = %.3g, want ≥ 0.93", c.x0, c.y0, c.th, c.f, r2)
		}
	}
	rng := rand.New(rand.NewPCG(13, 14))
	sum, worst := 0.0, 0.0
	el := make([]float64, 64)
	for range 200 {
		for i := range el {
			el[i] = rng.NormFloat64()
		}
		r2 := g.fit(el)
		sum += r2
		worst = math.Max(worst, r2)
	}
	if mean := sum / 200; mean < 0.08 || mean > 0.25 {
		t.Errorf("random elements: mean R² %.3g, want about 0.15", mean)
	}
	if worst >= spGabor {
		t.Errorf("a random element reached R² %.3g, at or above the Gabor-like threshold %g", worst, spGabor)
	}
	if r2 := g.fit(gabor(8, 3.5, 3.5, 20, 0.25, 100, 100, 0)); r2 >= spGabor {
		t.Errorf("a grating across the whole patch: R² %.3g, want below %g", r2, spGabor)
	}
}

// run makes the model with the given values, resets it with seed 1 and
// runs it for n patches.
func run(t *testing.T, n int, set map[string]float64) *Sparse {
	t.Helper()
	m := NewSparse()
	for k, v := range set {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(1)
	for range n {
		m.Step()
	}
	return m
}

// TestSparseLearnsGabors is the lab's result: on whitened dead leaves the
// elements become localised, oriented Gabor-like fields (the random start
// has none), the code is sparse and reconstructs about 90% of the
// variance; on noise with the same spectrum they do not; without the
// sparsity cost (λ = 0) a complete dictionary reconstructs everything and
// stays unstructured.
func TestSparseLearnsGabors(t *testing.T) {
	if start := NewSparse(); start.GaborFraction() != 0 || start.gMean > 0.25 {
		t.Errorf("random dictionary: Gabor-like %.3g, mean R² %.3g; want 0 and ≈ 0.15", start.GaborFraction(), start.gMean)
	}
	leaves := run(t, 15000, nil)
	if g, e, a := leaves.GaborFraction(), leaves.ReconError(), leaves.Active(); g < 0.85 || e > 0.12 || a > 20 {
		t.Errorf("leaves after 15000 patches: Gabor-like %.3g (want ≥ 0.85), recon error %.3g (≤ 0.12), active %.3g of 64 (≤ 20)", g, e, a)
	}
	noise := run(t, 15000, map[string]float64{"image": ImgNoise})
	if g := noise.GaborFraction(); g > 0.2 || g > leaves.GaborFraction()-0.6 {
		t.Errorf("noise after 15000 patches: Gabor-like %.3g, want ≤ 0.2 (leaves: %.3g)", g, leaves.GaborFraction())
	}
	dense := run(t, 3000, map[string]float64{"lambda": 0})
	if e, g := dense.ReconError(), dense.GaborFraction(); e > 1e-3 || g > 0.1 {
		t.Errorf("λ = 0, k = n: recon error %.3g (want < 1e-3), Gabor-like %.3g (want ≈ 0)", e, g)
	}
}

// TestSparseDictionaryStaysNormalised checks every element keeps unit
// length through learning, at the largest learning rate.
func TestSparseDictionaryStaysNormalised(t *testing.T) {
	m := run(t, 1000, map[string]float64{"eta": 0.05, "ratio": 2, "patch": 6})
	for j := range m.k {
		if l := math.Sqrt(dotVec(m.col(j), m.col(j))); math.Abs(l-1) > 1e-12 {
			t.Fatalf("element %d has length %.15g, want 1", j, l)
		}
	}
}

func BenchmarkSparse(b *testing.B) {
	m := NewSparse()
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		m.Step()
	}
	b.ReportMetric(float64(b.N)*spDT/1000/time.Since(start).Seconds(), "x_realtime")
}

func ExampleSparse() {
	m := NewSparse()
	fmt.Printf("random start: %.4g of %d elements Gabor-like\n", m.GaborFraction(), m.k)
	for range 10000 {
		m.Step()
	}
	fmt.Printf("after 10000 patches: %.4g Gabor-like, %.4g of the variance missed, %.3g active per patch\n",
		m.GaborFraction(), m.ReconError(), m.Active())
	// Output:
	// random start: 0 of 64 elements Gabor-like
	// after 10000 patches: 0.7812 Gabor-like, 0.1035 of the variance missed, 17.2 active per patch
}
