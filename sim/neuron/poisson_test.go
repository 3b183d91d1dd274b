package neuron

import (
	"fmt"
	"math"
	"testing"
)

func runPoisson(t testing.TB, ms float64, set ...kv) []float64 {
	t.Helper()
	m := NewPoisson()
	for _, s := range set {
		if err := m.Set(s.k, s.v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(7)
	for m.Time() < ms-1e-9 {
		m.Step()
	}
	dst := make([]float64, len(m.Info().Metrics))
	m.Metrics(dst)
	return dst
}

// normal CDF and density
func phi(x float64) float64 { return math.Exp(-x*x/2) / math.Sqrt(2*math.Pi) }
func cdf(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// TestPoissonStatistics checks Fano, CV and rate against closed forms.
// Tolerances are about 4 standard errors: 100 trials × 50 windows give
// 5000 counts (SE of a Fano estimate ≈ F·√(2/n) ≈ 0.02 F) and ~10⁵ ISIs.
func TestPoissonStatistics(t *testing.T) {
	const T = 50_000 // ms
	type want struct{ fano, cv, rate, tolF, tolCV float64 }
	cases := []struct {
		name string
		set  []kv
		want want
	}{
		{"Poisson 20 Hz: Fano = CV = 1", []kv{{"rate", 20}}, want{1, 1, 20, 0.08, 0.02}},
		{"Poisson 80 Hz, 200 ms window", []kv{{"rate", 80}, {"window_ms", 200}}, want{1, 1, 80, 0.08, 0.02}},
		// r·τ = 0.5: CV = 0.5, Fano → CV² = 0.25 (window ≫ mean ISI of 20 ms)
		{"dead time 10 ms at 50 Hz", []kv{{"rate", 50}, {"t_ref", 10}}, want{0.25, 0.5, 50, 0.03, 0.01}},
		// r·τ = 0.2: CV = 0.8, Fano → 0.64
		{"dead time 4 ms at 50 Hz", []kv{{"rate", 50}, {"t_ref", 4}}, want{0.64, 0.8, 50, 0.05, 0.015}},
		// capped: 200 Hz with 10 ms → 90 Hz, CV = 0.1, Fano → 0.01
		{"cap r·τ ≤ 0.9", []kv{{"rate", 200}, {"t_ref", 10}}, want{0.01, 0.1, 90, 0.005, 0.005}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := runPoisson(t, T, append([]kv{{"trials", 100}}, c.set...)...)
			if d := math.Abs(got[0] - c.want.fano); d > c.want.tolF {
				t.Errorf("Fano %.4g, want %.4g, difference %.3g > %g", got[0], c.want.fano, d, c.want.tolF)
			}
			if d := math.Abs(got[1] - c.want.cv); d > c.want.tolCV {
				t.Errorf("CV %.4g, want %.4g, difference %.3g > %g", got[1], c.want.cv, d, c.want.tolCV)
			}
			if d := math.Abs(got[2]-c.want.rate) / c.want.rate; d > 0.02 {
				t.Errorf("rate %.4g Hz, want %.4g, relative difference %.3g > 0.02", got[2], c.want.rate, d)
			}
			if c.want.cv != 1 && math.Abs(got[3]-c.want.cv) > 1e-12 {
				t.Errorf("cv_theory %.6g, want %.6g", got[3], c.want.cv)
			}
		})
	}
}

// TestPoissonThresholdAmplification checks Carandini's mechanism against
// the closed form for a rectified Gaussian: count = g·T·[μ + σξ]₊ (plus a
// rounding term of variance ≤ 1/4), so
//
//	E = gT(μΦ(a) + σφ(a)),  E₂ = (gT)²((μ² + σ²)Φ(a) + μσφ(a)),  a = μ/σ
func TestPoissonThresholdAmplification(t *testing.T) {
	for _, c := range []struct{ rate, sigma, window float64 }{
		{20, 1, 1000}, {10, 2, 1000}, {50, 0.5, 500},
	} {
		got := runPoisson(t, 100_000, kv{"mode", PoissonThreshold}, kv{"trials", 100},
			kv{"rate", c.rate}, kv{"sigma_v", c.sigma}, kv{"window_ms", c.window})
		gT := poissonGain * c.window / 1000
		mu := c.rate / poissonGain
		a := mu / c.sigma
		e := gT * (mu*cdf(a) + c.sigma*phi(a))
		e2 := gT * gT * ((mu*mu+c.sigma*c.sigma)*cdf(a) + mu*c.sigma*phi(a))
		fano := (e2 - e*e) / e
		if d := math.Abs(got[0]-fano) / fano; d > 0.06 {
			t.Errorf("rate %g, σ_V %g mV: Fano %.4g, closed form %.4g, relative difference %.3g", c.rate, c.sigma, got[0], fano, d)
		}
		if c.sigma >= 1 && got[0] < 2 {
			t.Errorf("rate %g, σ_V %g mV: Fano %.3g, want ≫ 1 (amplification)", c.rate, c.sigma, got[0])
		}
	}
}

func TestPoissonDeterministic(t *testing.T) {
	a := runPoisson(t, 5000, kv{"rate", 200}, kv{"trials", 100}, kv{"window_ms", 2000})
	b := runPoisson(t, 5000, kv{"rate", 200}, kv{"trials", 100}, kv{"window_ms", 2000})
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("metric %d differs: %v vs %v", i, a[i], b[i])
		}
	}
}

func BenchmarkPoisson(b *testing.B) {
	m := NewPoisson()
	m.Set("trials", 100)
	m.Set("rate", 50)
	m.Reset(1)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		m.Step()
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(poissonDT/1000/sec, "x_realtime")
}

func ExamplePoisson() {
	m := NewPoisson()
	m.Set("rate", 50)
	m.Set("t_ref", 10)
	m.Set("trials", 100)
	m.Reset(1)
	for m.Time() < 20_000 {
		m.Step()
	}
	dst := make([]float64, 5)
	m.Metrics(dst)
	fmt.Printf("Fano %.2f, CV %.2f (theory %.2f), rate %.3g Hz\n", dst[0], dst[1], dst[3], dst[2])
	// Output: Fano 0.26, CV 0.50 (theory 0.50), rate 49.9 Hz
}
