package sim

import (
	"math"
	"testing"
)

// TestPoissonTableMoments draws 2·10⁶ values for each λ and compares the
// sample mean and variance with λ. The standard error of the mean is
// √(λ/n); that of the variance is √((μ₄ − σ⁴)/n) = √((λ + 2λ²)/n) for
// Poisson(λ), whose fourth central moment is λ + 3λ². Bound: 5 standard
// errors.
func TestPoissonTableMoments(t *testing.T) {
	const n = 2_000_000
	rng := NewRand(7)
	for _, lambda := range []float64{0.05, 0.3, 2, 10} {
		tab := NewPoissonTable(lambda)
		var s, s2 float64
		for i := 0; i < n; i += 2 {
			r := rng.Uint64()
			for _, u := range [2]uint32{uint32(r), uint32(r >> 32)} {
				x := float64(tab.Draw(u))
				s += x
				s2 += x * x
			}
		}
		mean := s / n
		vr := (s2 - s*s/n) / (n - 1)
		seM := math.Sqrt(lambda / n)
		seV := math.Sqrt((lambda + 2*lambda*lambda) / n)
		if d := mean - lambda; math.Abs(d) > 5*seM {
			t.Errorf("λ=%g: mean %.6g, want %g, diff %.3g (%.1f standard errors)", lambda, mean, lambda, d, d/seM)
		}
		if d := vr - lambda; math.Abs(d) > 5*seV {
			t.Errorf("λ=%g: variance %.6g, want %g, diff %.3g (%.1f standard errors)", lambda, vr, lambda, d, d/seV)
		}
	}
}

// TestPoissonTableExact checks the table's probabilities against the
// closed form e^(−λ) λ^k / k! to 2⁻³² (k = 0, 1, 2 and every other entry),
// that they sum to 1 with the cut tail below 2⁻³³, and that Draw turns
// over from k to k + 1 exactly at the table's steps, wherever the guide
// starts.
func TestPoissonTableExact(t *testing.T) {
	for _, lambda := range []float64{0, 0.05, 0.2, 0.3, 1, 2, 2.5, 10, MaxPoissonLambda} {
		tab := NewPoissonTable(lambda)
		if tab.Lambda() != lambda {
			t.Errorf("λ=%g: Lambda() = %g", lambda, tab.Lambda())
		}
		pmf := func(k int) float64 {
			lg, _ := math.Lgamma(float64(k) + 1)
			if lambda == 0 {
				if k == 0 {
					return 1
				}
				return 0
			}
			return math.Exp(-lambda + float64(k)*math.Log(lambda) - lg)
		}
		for _, c := range []struct {
			k    int
			want float64
		}{
			{0, math.Exp(-lambda)},
			{1, lambda * math.Exp(-lambda)},
			{2, lambda * lambda / 2 * math.Exp(-lambda)},
		} {
			if tab.Len() <= c.k && c.want < 0x1p-33 {
				continue // cut with the tail
			}
			if got := tab.Prob(c.k); math.Abs(got-c.want) > 0x1p-32 {
				t.Errorf("λ=%g: P(%d) = %.17g, closed form %.17g, diff %.3g (want ≤ 2⁻³²)",
					lambda, c.k, got, c.want, got-c.want)
			}
		}
		sum, tail := 0.0, 1.0
		for k := range tab.Len() {
			p := tab.Prob(k)
			sum += p
			tail -= pmf(k)
			if k < tab.Len()-1 && math.Abs(p-pmf(k)) > 0x1p-32 {
				t.Errorf("λ=%g: P(%d) = %.17g, closed form %.17g, diff %.3g", lambda, k, p, pmf(k), p-pmf(k))
			}
		}
		if last := tab.Len() - 1; math.Abs(tab.Prob(last)-pmf(last)-tail) > 0x1p-32 {
			t.Errorf("λ=%g: last entry P(%d) = %.17g, want %.17g + tail %.3g", lambda, last, tab.Prob(last), pmf(last), tail)
		}
		if sum != 1 || tail > 0x1p-33 {
			t.Errorf("λ=%g: probabilities sum to %.17g (want 1), cut tail %.3g (want < 2⁻³³)", lambda, sum, tail)
		}
		// Draw against the table: at both sides of every step of the CDF.
		lo := uint64(0)
		for k := range tab.Len() {
			hi := lo + uint64(math.Round(tab.Prob(k)*0x1p32))
			if hi > lo {
				if got := tab.Draw(uint32(lo)); got != k {
					t.Errorf("λ=%g: Draw(%d) = %d, want %d (first u of %d)", lambda, lo, got, k, k)
				}
				if got := tab.Draw(uint32(hi - 1)); got != k {
					t.Errorf("λ=%g: Draw(%d) = %d, want %d (last u of %d)", lambda, hi-1, got, k, k)
				}
			}
			lo = hi
		}
		if lo != 1<<32 {
			t.Errorf("λ=%g: table ends at %d, want 2³²", lambda, lo)
		}
	}
}

// TestPoissonTableDrawMatchesSearch compares Draw with a plain linear
// search over the cumulative table for 10⁶ random u and every guide slice
// edge.
func TestPoissonTableDrawMatchesSearch(t *testing.T) {
	rng := NewRand(3)
	for _, lambda := range []float64{0.05, 0.3, 2, 10} {
		tab := NewPoissonTable(lambda)
		linear := func(u uint32) int {
			k := 0
			for uint64(u) >= tab.cdf[k] {
				k++
			}
			return k
		}
		check := func(u uint32) {
			if got, want := tab.Draw(u), linear(u); got != want {
				t.Fatalf("λ=%g: Draw(%d) = %d, linear search %d", lambda, u, got, want)
			}
		}
		for g := range uint64(1024) {
			check(uint32(g << 22))
			check(uint32(g<<22 + 1<<22 - 1))
		}
		for range 1_000_000 {
			check(rng.Uint32())
		}
	}
}

func TestPoissonTableBadLambda(t *testing.T) {
	for _, lambda := range []float64{-0.1, math.NaN(), MaxPoissonLambda + 1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("λ=%g: Reset did not panic", lambda)
				}
			}()
			NewPoissonTable(lambda)
		}()
	}
}

func TestPoissonTableNoAllocs(t *testing.T) {
	tab := NewPoissonTable(0.2)
	u := uint32(12345)
	if a := testing.AllocsPerRun(100, func() {
		tab.Reset(0.3)
		for range 100 {
			u = u*1664525 + 1013904223
			_ = tab.Draw(u)
		}
	}); a > 0 {
		t.Errorf("%.2f allocations per Reset + 100 draws, want 0", a)
	}
}

func BenchmarkPoissonTableDraw(b *testing.B) {
	tab := NewPoissonTable(0.2)
	rng := NewRand(1)
	s := 0
	b.ReportAllocs()
	for b.Loop() {
		r := rng.Uint64()
		s += tab.Draw(uint32(r)) + tab.Draw(uint32(r>>32))
	}
	_ = s
}
