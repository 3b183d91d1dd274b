package learning

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
)

func newCredit(t testing.TB, kv map[string]float64, seed uint64) *Credit {
	t.Helper()
	m := NewCredit()
	for k, v := range kv {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(seed)
	return m
}

// creditRun runs a fresh model and returns its metrics by key after n
// examples, or after each of several counts (ascending) in one run.
func creditRun(t testing.TB, kv map[string]float64, seed uint64, n int) map[string]float64 {
	t.Helper()
	return creditRuns(t, kv, seed, n)[0]
}

func creditRuns(t testing.TB, kv map[string]float64, seed uint64, counts ...int) []map[string]float64 {
	t.Helper()
	m := newCredit(t, kv, seed)
	d := make([]float64, len(m.Info().Metrics))
	var out []map[string]float64
	for _, n := range counts {
		for m.step < n {
			m.Step()
		}
		m.Metrics(d)
		at := map[string]float64{}
		for i, mt := range m.Info().Metrics {
			at[mt.Key] = d[i]
		}
		out = append(out, at)
	}
	return out
}

// exampleCrossEntropy is −ln softmax(W₂·tanh(W₁x))_c, computed
// independently of the model's forward pass.
func exampleCrossEntropy(w1, w2, x []float64, c, H int) float64 {
	z := outputs(w1, w2, x, H)
	var s float64
	for _, v := range z {
		s += math.Exp(v)
	}
	return math.Log(s) - z[c]
}

// TestCreditBackpropMatchesFiniteDifferences checks that one BP step of
// the classifier changes every weight by −η·∂L/∂w for the cross-entropy
// of the example's (possibly noisy) label.
func TestCreditBackpropMatchesFiniteDifferences(t *testing.T) {
	for _, c := range []struct {
		name string
		kv   map[string]float64
	}{
		{"linear teacher H=20", nil},
		{"nonlinear teacher H=7, 30% label noise", map[string]float64{"task": TaskNonlinear, "hidden": 7, "label_noise": 0.3}},
	} {
		m := newCredit(t, c.kv, 1)
		for range 300 {
			m.Step()
		}
		bp, H := m.nets[crBP], m.h
		w1 := append([]float64(nil), bp.w1[:H*fbIn]...)
		w2 := append([]float64(nil), bp.w2[:fbOut*H]...)
		m.Step()
		x, label := m.x[:], m.label
		checkGradientStep(t, c.name, w1, w2, bp, m.Eta, func() float64 { return exampleCrossEntropy(w1, w2, x, label, H) })
	}
}

// TestCreditStartsTogether checks that the three networks start from the
// same weights and that one FA step follows its rule, ΔW₁ = −η·δ·xᵀ with
// δ = (B e) ⊙ (1 − h²) from the weights before the step.
func TestCreditStartsTogether(t *testing.T) {
	m := newCredit(t, map[string]float64{"hidden": 9}, 4)
	H := m.h
	bp, fa, np := m.nets[crBP], m.nets[crFA], m.nets[crNP]
	for i := range H * fbIn {
		if bp.w1[i] != fa.w1[i] || fa.w1[i] != np.w1[i] {
			t.Fatalf("initial W₁[%d] differs between networks", i)
		}
	}
	for i := range fbOut * H {
		if bp.w2[i] != fa.w2[i] || fa.w2[i] != np.w2[i] {
			t.Fatalf("initial W₂[%d] differs between networks", i)
		}
	}
	w1 := append([]float64(nil), fa.w1[:H*fbIn]...)
	w2 := append([]float64(nil), fa.w2[:fbOut*H]...)
	m.Step()
	z := outputs(w1, w2, m.x[:], H)
	var s float64
	for _, v := range z {
		s += math.Exp(v)
	}
	var e [fbOut]float64
	for k, v := range z {
		e[k] = math.Exp(v) / s
	}
	e[m.label]--
	for j := range H {
		var a, b float64
		for i := range fbIn {
			a += w1[j*fbIn+i] * m.x[i]
		}
		for k := range fbOut {
			b += m.b[j*fbOut+k] * e[k]
		}
		h := math.Tanh(a)
		delta := b * (1 - h*h)
		for i := range fbIn {
			want := w1[j*fbIn+i] - m.Eta*delta*m.x[i]
			if d := math.Abs(fa.w1[j*fbIn+i] - want); d > 1e-12 {
				t.Errorf("FA W₁[%d,%d]: got %.12g, want %.12g, difference %.2g", j, i, fa.w1[j*fbIn+i], want, d)
			}
		}
	}
}

// TestCreditSameStream checks that the training examples depend on the
// seed alone: the width, the learning rates, σ and the baseline leave the
// stream of inputs and labels unchanged.
func TestCreditSameStream(t *testing.T) {
	a := newCredit(t, nil, 3)
	b := newCredit(t, map[string]float64{"hidden": 57, "eta": 0.1, "eta_np": 0.01, "sigma": 1.3, "baseline": BaselineMean}, 3)
	for n := range 500 {
		a.Step()
		b.Step()
		if a.x != b.x || a.label != b.label {
			t.Fatalf("example %d differs between parameter settings", n)
		}
	}
}

// npEstimate averages NP's estimates of the output and hidden gradients
// over n noise draws on the model's current example, without learning, and
// returns their means, the standard error of each mean, and the true
// gradient (output then hidden units).
func npEstimate(m *Credit, n int) (mean, se, truth []float64) {
	H, x := m.h, m.x[:]
	np := m.nets[crNP]
	dim := fbOut + H
	sum, sq := make([]float64, dim), make([]float64, dim)
	for range n {
		m.estimate(x, H)
		for k := range fbOut {
			sum[k] += np.e[k]
			sq[k] += np.e[k] * np.e[k]
		}
		for j := range H {
			sum[fbOut+j] += np.d[j]
			sq[fbOut+j] += np.d[j] * np.d[j]
		}
	}
	mean, se = make([]float64, dim), make([]float64, dim)
	for i := range dim {
		mean[i] = sum[i] / float64(n)
		v := sq[i]/float64(n) - mean[i]*mean[i]
		se[i] = math.Sqrt(v / float64(n))
	}
	// The clean pass of the last estimate left the true hidden gradient in
	// m.grad; the output gradient is softmax − onehot of a clean pass.
	np.forward(x, H)
	crossEntropy(np, m.label)
	truth = append(append([]float64(nil), np.e[:]...), m.grad[:H]...)
	return mean, se, truth
}

// TestNodePerturbationUnbiased checks the rule's foundation: averaged over
// the noise, (L̃ − b)·ξ/σ² is the gradient of the loss with respect to each
// unit's input, up to an O(σ²) bias. With the clean baseline at σ = 0.01,
// every component of the mean over 40 000 draws lies within 4.5 standard
// errors of the true gradient and the mean points within 3° of it. The
// running-mean baseline is unbiased too (b does not depend on ξ), within
// 4.5 standard errors and 15° at σ = 0.1, but its standard errors are at
// least 5× those of the clean baseline. At σ = 2 the bias shows: a
// component misses by at least 10 standard errors.
func TestNodePerturbationUnbiased(t *testing.T) {
	m := newCredit(t, nil, 2)
	for range 2001 {
		m.Step()
	}
	const n = 40000
	spread := map[float64]float64{} // summed standard errors at σ = 0.1, by baseline
	for _, c := range []struct {
		name          string
		sigma, base   float64
		maxSE, maxDeg float64 // unbiased within these; 0: want a bias
	}{
		{"σ = 0.01, clean baseline", 0.01, BaselineClean, 4.5, 3},
		{"σ = 0.1, clean baseline", 0.1, BaselineClean, 4.5, 3},
		{"σ = 0.1, running-mean baseline", 0.1, BaselineMean, 4.5, 15},
		{"σ = 2, clean baseline", 2, BaselineClean, 0, 0},
	} {
		m.Sigma, m.Baseline = c.sigma, c.base
		mean, se, truth := npEstimate(m, n)
		worst, sum := 0.0, 0.0
		for i := range mean {
			worst = math.Max(worst, math.Abs(mean[i]-truth[i])/se[i])
			sum += se[i]
		}
		if c.sigma == 0.1 {
			spread[c.base] = sum
		}
		ang := angleDeg(mean, truth)
		t.Logf("%s: mean %.2f° from the gradient, largest deviation %.1f standard errors", c.name, ang, worst)
		switch {
		case c.maxSE > 0 && (worst > c.maxSE || ang > c.maxDeg):
			t.Errorf("%s: mean estimate %.2f° from the gradient, a component %.1f standard errors off; want ≤ %g° and ≤ %g",
				c.name, ang, worst, c.maxDeg, c.maxSE)
		case c.maxSE == 0 && worst < 10:
			t.Errorf("%s: largest deviation %.1f standard errors, want the O(σ²) bias to show (≥ 10)", c.name, worst)
		}
	}
	if r := spread[BaselineMean] / spread[BaselineClean]; r < 5 {
		t.Errorf("σ = 0.1: standard errors with the running-mean baseline %.1f× those of the clean one, want ≥ 5×", r)
	}
}

// TestCreditLearns checks the three learners on the default task (seeds 1
// to 3): BP and FA above 80% after 2000 examples, where NP is still below
// 60%; after 50 000 examples all three above 88% (BP and FA above 90%),
// and the FA update within 40° of the gradient, NP's within 90°.
func TestCreditLearns(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		runs := creditRuns(t, nil, seed, 2000, 50000)
		early, late := runs[0], runs[1]
		t.Logf("seed %d: at 2000 BP %.1f FA %.1f NP %.1f; at 50 000 BP %.1f FA %.1f NP %.1f, ∠FA %.1f° ∠NP %.1f°", seed,
			early["bp_avg"], early["fa_avg"], early["np_avg"], late["bp_avg"], late["fa_avg"], late["np_avg"], late["angle_fa"], late["angle_np"])
		if early["bp_avg"] < 80 || early["fa_avg"] < 80 || early["np_avg"] > 60 {
			t.Errorf("seed %d, 2000 examples: BP %.1f%%, FA %.1f%%, NP %.1f%%; want BP, FA ≥ 80%%, NP ≤ 60%%", seed, early["bp_avg"], early["fa_avg"], early["np_avg"])
		}
		if late["bp_avg"] < 90 || late["fa_avg"] < 90 || late["np_avg"] < 88 {
			t.Errorf("seed %d, 50 000 examples: BP %.1f%%, FA %.1f%%, NP %.1f%%; want ≥ 90, 90, 88", seed, late["bp_avg"], late["fa_avg"], late["np_avg"])
		}
		if late["angle_fa"] > 40 || late["angle_np"] >= 90 {
			t.Errorf("seed %d: angles FA %.1f°, NP %.1f°; want FA ≤ 40°, NP < 90°", seed, late["angle_fa"], late["angle_np"])
		}
	}
}

// TestFeedbackAlignmentAngleFalls checks Lillicrap et al.'s finding in the
// classifier: FA's update starts at right angles to the gradient (the
// running mean starts at 90°) and turns well below 90° as W₂ aligns with
// B, for a narrow, a wide and a nonlinear case.
func TestFeedbackAlignmentAngleFalls(t *testing.T) {
	for _, kv := range []map[string]float64{
		{"hidden": 5}, {"hidden": 100}, {"task": TaskNonlinear},
	} {
		runs := creditRuns(t, kv, 1, 20, 20000)
		first, later := runs[0]["angle_fa"], runs[1]["angle_fa"]
		t.Logf("%v: ∠FA %.1f° after 20 examples, %.1f° after 20 000", kv, first, later)
		if first < 80 || later > 60 {
			t.Errorf("%v: ∠FA %.1f° after 20 examples and %.1f° after 20 000; want ≥ 80° then ≤ 60°", kv, first, later)
		}
	}
}

// TestNodePerturbationCosts checks the two costs the lesson shows. Width:
// at η_NP = 0.01 a 100-unit layer leaves NP at least 15 points lower than
// a 20-unit one after 30 000 examples, its update further from the
// gradient. Baseline: with the running mean, σ = 0.1 leaves NP near chance
// (< 35%) while σ = 0.7 reaches 80%. Task: on the nonlinear teacher NP
// stalls at least 8 points behind BP.
func TestNodePerturbationCosts(t *testing.T) {
	narrow := creditRun(t, map[string]float64{"eta_np": 0.01}, 1, 30000)
	wide := creditRun(t, map[string]float64{"eta_np": 0.01, "hidden": 100}, 1, 30000)
	t.Logf("η_NP 0.01: H = 20 NP %.1f%% ∠ %.1f°; H = 100 NP %.1f%% ∠ %.1f°", narrow["np_avg"], narrow["angle_np"], wide["np_avg"], wide["angle_np"])
	if narrow["np_avg"]-wide["np_avg"] < 15 || wide["angle_np"] <= narrow["angle_np"] {
		t.Errorf("η_NP 0.01: NP %.1f%% (∠ %.1f°) at H = 20, %.1f%% (∠ %.1f°) at H = 100; want ≥ 15 points lower and a larger angle when wide",
			narrow["np_avg"], narrow["angle_np"], wide["np_avg"], wide["angle_np"])
	}
	small := creditRun(t, map[string]float64{"baseline": BaselineMean}, 1, 20000)["np_avg"]
	large := creditRun(t, map[string]float64{"baseline": BaselineMean, "sigma": 0.7}, 1, 20000)["np_avg"]
	t.Logf("running-mean baseline: σ = 0.1 NP %.1f%%, σ = 0.7 NP %.1f%%", small, large)
	if small > 35 || large < 80 {
		t.Errorf("running-mean baseline: NP %.1f%% at σ = 0.1, %.1f%% at σ = 0.7; want ≤ 35%% and ≥ 80%%", small, large)
	}
	nl := creditRun(t, map[string]float64{"task": TaskNonlinear}, 1, 50000)
	t.Logf("nonlinear: BP %.1f%% FA %.1f%% NP %.1f%%", nl["bp_avg"], nl["fa_avg"], nl["np_avg"])
	if nl["np_gap"] < 8 {
		t.Errorf("nonlinear teacher: BP − NP = %.1f points, want ≥ 8", nl["np_gap"])
	}
}

// TestCreditShowIsDisplayOnly checks that the live "show" parameter hides
// learners without changing what any of them learns.
func TestCreditShowIsDisplayOnly(t *testing.T) {
	a := creditRun(t, nil, 5, 3000)
	b := creditRun(t, map[string]float64{"show": ShowFANP}, 5, 3000)
	for k, v := range a {
		if b[k] != v {
			t.Errorf("%s: %v with all shown, %v with FA+NP shown", k, v, b[k])
		}
	}
	m := newCredit(t, map[string]float64{"show": ShowBPFA}, 1)
	if m.SignalActive("np_avg") || m.MetricActive("acc_np") || m.MetricActive("np_gap") || !m.SignalActive("fa_avg") {
		t.Error("show = BP+FA: NP's signal or metrics still active, or FA's hidden")
	}
	var d sim.PlotData
	m.Plot("now", &d)
	if len(d.Bars) != 2 || d.BarLabels[0] != "BP" || d.BarLabels[1] != "FA" {
		t.Errorf("show = BP+FA: bars %v %v, want BP and FA", d.BarLabels, d.Bars)
	}
}

func ExampleCredit() {
	m := NewCredit()
	for range 20000 {
		m.Step()
	}
	d := make([]float64, len(m.Info().Metrics))
	m.Metrics(d)
	fmt.Printf("BP %.4g%%, FA %.4g%%, NP %.4g%%; angle FA %.4g°, NP %.4g°\n", d[3], d[4], d[5], d[6], d[7])
	// Output: BP 92.48%, FA 94.56%, NP 90.4%; angle FA 22.89°, NP 82.68°
}

// BenchmarkCredit times 1 ms of simulated time (one example through three
// networks, NP's two passes, and the amortised test evaluation).
func BenchmarkCredit(b *testing.B) { benchmarkRealTime(b, newCredit(b, nil, 1)) }
