package learning

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
)

func newFeedback(t testing.TB, kv map[string]float64) *Feedback {
	t.Helper()
	m := NewFeedback()
	for k, v := range kv {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(1)
	return m
}

// outputs is W₂·tanh(W₁x) for H hidden units, computed independently of
// the models' own forward pass.
func outputs(w1, w2, x []float64, H int) [fbOut]float64 {
	var y [fbOut]float64
	h := make([]float64, H)
	for j := range H {
		var a float64
		for i := range x {
			a += w1[j*fbIn+i] * x[i]
		}
		h[j] = math.Tanh(a)
	}
	for k := range fbOut {
		for j := range H {
			y[k] += w2[k*H+j] * h[j]
		}
	}
	return y
}

// exampleLoss is ½‖W₂·tanh(W₁x) − y*‖² for H hidden units.
func exampleLoss(w1, w2, x, y []float64, H int) float64 {
	var l float64
	for k, a := range outputs(w1, w2, x, H) {
		l += (a - y[k]) * (a - y[k]) / 2
	}
	return l
}

// TestBackpropMatchesFiniteDifferences checks that one BP step changes
// every weight by −η·∂L/∂w, with ∂L/∂w taken by central differences of the
// example's loss at the weights before the step.
func TestBackpropMatchesFiniteDifferences(t *testing.T) {
	for _, c := range []struct {
		name string
		kv   map[string]float64
	}{
		{"linear teacher H=20", map[string]float64{}},
		{"nonlinear teacher H=7 noisy", map[string]float64{"task": TaskNonlinear, "hidden": 7, "noise": 0.3}},
	} {
		m := newFeedback(t, c.kv)
		for range 300 { // leave the initial weights
			m.Step()
		}
		H := m.h
		w1 := append([]float64(nil), m.bp.w1[:H*fbIn]...)
		w2 := append([]float64(nil), m.bp.w2[:fbOut*H]...)
		m.Step()
		x, y := m.x[:], m.ystar[:]
		checkGradientStep(t, c.name, w1, w2, m.bp, m.Eta, func() float64 { return exampleLoss(w1, w2, x, y, H) })
	}
}

// checkGradientStep checks that the step that took the weights w1, w2 to
// those of n was −η·∂L/∂w for every weight, with ∂L/∂w the central
// difference (step 1e-6) of loss, which reads w1 and w2.
func checkGradientStep(t *testing.T, name string, w1, w2 []float64, n *net, eta float64, loss func() float64) {
	t.Helper()
	const eps = 1e-6
	worst := 0.0
	check := func(w, after []float64, i int, which string) {
		old := w[i]
		w[i] = old + eps
		lp := loss()
		w[i] = old - eps
		lm := loss()
		w[i] = old
		fd := (lp - lm) / (2 * eps)
		got := (old - after[i]) / eta
		d := math.Abs(got - fd)
		if d > 1e-6*(1+math.Abs(fd)) {
			t.Errorf("%s: %s[%d]: update/−η = %.9g, finite difference %.9g, difference %.2g", name, which, i, got, fd, d)
		}
		worst = math.Max(worst, d)
	}
	for i := range w1 {
		check(w1, n.w1, i, "W₁")
	}
	for i := range w2 {
		check(w2, n.w2, i, "W₂")
	}
	t.Logf("%s: largest |gradient − finite difference| = %.2g", name, worst)
}

// TestFeedbackAlignmentLearns checks Lillicrap et al.'s result on the
// linear task: the FA update's angle to the true gradient falls well below
// 90°, W₂ᵀ turns toward B, FA's test loss falls by more than 10× and ends
// within a factor 2 of BP's, and both beat the network whose hidden layer
// does not learn.
func TestFeedbackAlignmentLearns(t *testing.T) {
	for _, c := range []struct {
		name string
		kv   map[string]float64
	}{
		{"linear", map[string]float64{}},
		{"nonlinear", map[string]float64{"task": TaskNonlinear}},
	} {
		m := newFeedback(t, c.kv)
		d := make([]float64, len(m.Info().Metrics))
		m.Metrics(d)
		start := d[1]
		for range 20000 {
			m.Step()
		}
		m.Metrics(d)
		t.Logf("%s: loss BP %.4f, FA %.4f (from %.3f), fixed %.4f; ∠ update %.1f°, ∠ W₂ᵀ·B %.1f°", c.name, d[0], d[1], start, d[2], d[3], d[4])
		if d[3] > 60 || d[4] > 60 {
			t.Errorf("%s: angles %.1f° (update) and %.1f° (weights), want < 60°", c.name, d[3], d[4])
		}
		if d[1] > start/10 || d[1] > 2*d[0]+0.01 || d[1] > d[2]/2 || d[0] > d[2]/2 {
			t.Errorf("%s: losses BP %.4f, FA %.4f (start %.3f), fixed %.4f: want FA < start/10, FA ≤ 2·BP + 0.01, both < fixed/2", c.name, d[0], d[1], start, d[2])
		}
	}
}

// TestFeedbackUpdate checks one FA step against its rule: ΔW₁ = −η·δ·xᵀ
// with δ = (B e) ⊙ (1 − h²), computed here from the weights before the
// step, and that the three networks start from the same weights.
func TestFeedbackUpdate(t *testing.T) {
	m := newFeedback(t, map[string]float64{"hidden": 9})
	H := m.h
	for i := range H * fbIn {
		if m.bp.w1[i] != m.fa.w1[i] || m.fa.w1[i] != m.fixed.w1[i] {
			t.Fatalf("initial W₁[%d] differs between networks", i)
		}
	}
	w1 := append([]float64(nil), m.fa.w1[:H*fbIn]...)
	w2 := append([]float64(nil), m.fa.w2[:fbOut*H]...)
	fixed1 := append([]float64(nil), m.fixed.w1[:H*fbIn]...)
	m.Step()
	h := make([]float64, H)
	var e [fbOut]float64
	for j := range H {
		var a float64
		for i := range fbIn {
			a += w1[j*fbIn+i] * m.x[i]
		}
		h[j] = math.Tanh(a)
	}
	for k := range fbOut {
		var a float64
		for j := range H {
			a += w2[k*H+j] * h[j]
		}
		e[k] = a - m.ystar[k]
	}
	for j := range H {
		var s float64
		for k := range fbOut {
			s += m.b[j*fbOut+k] * e[k]
		}
		delta := s * (1 - h[j]*h[j])
		for i := range fbIn {
			want := w1[j*fbIn+i] - m.Eta*delta*m.x[i]
			if d := math.Abs(m.fa.w1[j*fbIn+i] - want); d > 1e-12 {
				t.Errorf("FA W₁[%d,%d]: got %.12g, want %.12g, difference %.2g", j, i, m.fa.w1[j*fbIn+i], want, d)
			}
		}
	}
	for i := range fixed1 {
		if m.fixed.w1[i] != fixed1[i] {
			t.Fatalf("the fixed network's W₁[%d] changed", i)
		}
	}
}

// TestFeedbackBottleneck checks the known weakness: with fewer hidden
// units (2) than outputs (5), FA ends clearly behind BP.
func TestFeedbackBottleneck(t *testing.T) {
	m := newFeedback(t, map[string]float64{"hidden": 2})
	for range 20000 {
		m.Step()
	}
	d := make([]float64, len(m.Info().Metrics))
	m.Metrics(d)
	if d[5] < 0.1 {
		t.Errorf("hidden = 2: FA − BP = %.3f (BP %.3f, FA %.3f), want ≥ 0.1", d[5], d[0], d[1])
	}
}

func TestFeedbackDeterministic(t *testing.T) {
	run := func() []float64 {
		m := newFeedback(t, map[string]float64{"task": TaskNonlinear, "noise": 0.5})
		r := sim.NewRun(m, 0, 0)
		r.Reset(7)
		r.Advance(3000)
		return r.Metrics(nil)
	}
	a, b := run(), run()
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("metric %d: %v then %v", i, a[i], b[i])
		}
	}
}

func ExampleFeedback() {
	m := NewFeedback()
	for range 20000 {
		m.Step()
	}
	d := make([]float64, 6)
	m.Metrics(d)
	fmt.Printf("BP %.2g, FA %.2g, fixed %.2g, angle %.2g°\n", d[0], d[1], d[2], d[3])
	// Output: BP 0.0062, FA 0.0067, fixed 0.17, angle 36°
}

// BenchmarkFeedback times 1 ms of simulated time (one example through
// three networks, plus the amortised test-loss evaluation).
func BenchmarkFeedback(b *testing.B) { benchmarkRealTime(b, newFeedback(b, nil)) }

// benchmarkRealTime times m's steps through a Run and reports how many
// times faster than real time it runs.
func benchmarkRealTime(b *testing.B, m sim.Model) {
	r := sim.NewRun(m, 0, 0)
	r.Reset(1)
	dt := m.Info().DT
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		r.Advance(dt)
	}
	b.ReportMetric(dt*1e-3/(b.Elapsed().Seconds()/float64(b.N)), "x_realtime")
}
