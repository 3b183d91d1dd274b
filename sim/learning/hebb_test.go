package learning

import (
	"fmt"
	"math"
	"testing"
)

func newHebb(t testing.TB, set map[string]float64) *Hebb {
	t.Helper()
	m := NewHebb()
	for k, v := range set {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(1)
	return m
}

// eig1 is the closed-form first eigenvector of the symmetric 2×2 matrix
// [[a, b], [b, c]] and its eigenvalue.
func eig1(a, b, c float64) (v [2]float64, lambda float64) {
	phi := 0.5 * math.Atan2(2*b, a-c)
	lambda = (a+c)/2 + math.Sqrt((a-c)*(a-c)/4+b*b)
	return [2]float64{math.Cos(phi), math.Sin(phi)}, lambda
}

// TestOjaConvergesToPC1 runs Oja's rule and compares the time-averaged
// weight vector with the unit-norm first eigenvector of the covariance,
// computed in closed form from the covariance entries.
func TestOjaConvergesToPC1(t *testing.T) {
	cases := []struct {
		angle, ratio, eta float64
		tolDeg, tolNorm   float64
	}{
		{30, 0.2, 0.002, 1.5, 0.01},
		{120, 0.5, 0.002, 2.5, 0.01},
		{75, 0, 0.005, 0.5, 0.01},
		{170, 0.8, 0.001, 4, 0.01},
	}
	for _, c := range cases {
		name := fmt.Sprintf("φ=%g,ratio=%g", c.angle, c.ratio)
		m := newHebb(t, map[string]float64{"rule": RuleOja, "angle": c.angle, "ratio": c.ratio, "eta": c.eta})
		for range 40000 {
			m.Step()
		}
		var sum [2]float64
		var norm float64
		const n = 20000
		for range n {
			m.Step()
			w := m.W()
			if w[0]*m.PC1()[0]+w[1]*m.PC1()[1] < 0 {
				w = [2]float64{-w[0], -w[1]}
			}
			sum[0] += w[0] / n
			sum[1] += w[1] / n
			norm += math.Hypot(w[0], w[1]) / n
		}
		e, _ := eig1(m.Covariance())
		got := math.Acos(math.Min(1, math.Abs(sum[0]*e[0]+sum[1]*e[1])/math.Hypot(sum[0], sum[1]))) * 180 / math.Pi
		t.Logf("%s: angle(⟨w⟩, e₁) = %.3g°, ⟨|w|⟩ = %.5g", name, got, norm)
		if got > c.tolDeg {
			t.Errorf("%s: angle(⟨w⟩, e₁) = %.3g°, want < %g°", name, got, c.tolDeg)
		}
		if d := math.Abs(norm - 1); d > c.tolNorm {
			t.Errorf("%s: ⟨|w|⟩ = %.4g, want 1 ± %g (diff %.3g)", name, norm, c.tolNorm, d)
		}
	}
}

// TestHebbGrowsExponentially checks that plain Hebb's |w| grows at the mean
// rate η·λ₁ per sample once aligned with e₁ (λ₁ = 1), to second order
// E[ln|w'|/|w|] = η − η²(3 − λ₂)/2 for Gaussian input, and is capped.
func TestHebbGrowsExponentially(t *testing.T) {
	for _, eta := range []float64{0.005, 0.02} {
		var rate float64
		const seeds = 20
		for seed := range uint64(seeds) {
			m := newHebb(t, map[string]float64{"rule": RuleHebb, "eta": eta, "ratio": 0.2})
			m.Reset(seed + 1)
			var t0, n0 float64
			for {
				m.Step()
				n := math.Hypot(m.W()[0], m.W()[1])
				if t0 == 0 && n >= 100 {
					t0, n0 = m.Time(), n
				}
				if n >= 1e5 {
					rate += math.Log(n/n0) / (m.Time() - t0) / seeds
					break
				}
			}
		}
		want := eta - eta*eta*(3-0.2)/2
		t.Logf("η=%g: growth rate %.5g per sample, want %.5g", eta, rate, want)
		if d := math.Abs(rate-want) / want; d > 0.05 {
			t.Errorf("η=%g: growth rate of ln|w| = %.4g per sample, want %.4g (rel. diff %.3g)", eta, rate, want, d)
		}
	}
	m := newHebb(t, map[string]float64{"rule": RuleHebb, "eta": 0.05})
	for range 20000 {
		m.Step()
	}
	if n := math.Hypot(m.W()[0], m.W()[1]); n > hebbCap*(1+1e-9) || n < hebbCap/2 {
		t.Errorf("|w| = %g after a long run, want at the cap %g", n, hebbCap)
	}
}

// TestBCMThresholdTracksY2 checks the sliding threshold: θ is the running
// average of y², and at BCM's fixed point for Gaussian input its mean is
// the closed form 16/π with wᵀCw = 32/π (see the Hebb doc comment).
func TestBCMThresholdTracksY2(t *testing.T) {
	m := newHebb(t, map[string]float64{"rule": RuleBCM, "eta": 0.0005, "tau_theta": 20})
	for range 60000 {
		m.Step()
	}
	var theta, y2, s2 float64
	const n = 200000
	c11, c12, c22 := m.Covariance()
	for range n {
		m.Step()
		theta += m.theta / n
		y2 += m.y * m.y / n
		w := m.W()
		s2 += (c11*w[0]*w[0] + 2*c12*w[0]*w[1] + c22*w[1]*w[1]) / n
	}
	cases := []struct {
		name      string
		got, want float64
		tol       float64
	}{
		{"⟨θ⟩ vs ⟨y²⟩", theta, y2, 0.02},
		{"⟨θ⟩ vs 16/π", theta, 16 / math.Pi, 0.08},
		{"⟨wᵀCw⟩ vs 32/π", s2, 32 / math.Pi, 0.08},
	}
	for _, c := range cases {
		t.Logf("%s: got %.4g, want %.4g", c.name, c.got, c.want)
		if d := math.Abs(c.got-c.want) / c.want; d > c.tol {
			t.Errorf("%s: got %.4g, want %.4g (rel. diff %.3g > %g)", c.name, c.got, c.want, d, c.tol)
		}
	}
}

func TestHebbAngleMetric(t *testing.T) {
	m := newHebb(t, map[string]float64{"angle": 40})
	if got := m.AngleDeg(); math.Abs(got-hebbStart) > 1e-9 {
		t.Errorf("start angle = %g°, want %g°", got, hebbStart)
	}
	m.w = [2]float64{-math.Cos(40 * math.Pi / 180), -math.Sin(40 * math.Pi / 180)}
	if got := m.AngleDeg(); got > 1e-6 {
		t.Errorf("angle of −e₁ = %g°, want 0° (folded)", got)
	}
	if got := m.Corr(); got > 1 || got <= 0 {
		t.Errorf("corr = %g, want in (0, 1] for φ = 40°", got)
	}
}

func BenchmarkHebbStep(b *testing.B) {
	m := NewHebb()
	b.ReportAllocs()
	for b.Loop() {
		m.Step()
	}
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(hebbDT*1e6/ns, "x_realtime")
}

func ExampleHebb() {
	m := NewHebb()
	_ = m.Set("rule", RuleOja)
	_ = m.Set("eta", 0.002)
	m.Reset(1)
	for range 20000 {
		m.Step()
	}
	d := make([]float64, len(m.Info().Metrics))
	m.Metrics(d)
	fmt.Printf("|w| = %.2f, angle < 5°: %v\n", d[1], d[0] < 5)
	// Output: |w| = 1.00, angle < 5°: true
}
