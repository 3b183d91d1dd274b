package learning

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
)

func newForgettingWith(t testing.TB, kv map[string]float64, seed uint64) *Forgetting {
	t.Helper()
	m := NewForgetting()
	for k, v := range kv {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(seed)
	return m
}

func runForgettingTo(m *Forgetting, ms float64) {
	for m.Time() < ms {
		m.Step()
	}
}

// TestForgettingGradient checks the back-propagated gradient of the
// cross-entropy against central finite differences.
func TestForgettingGradient(t *testing.T) {
	m := newForgettingWith(t, nil, 3)
	runForgettingTo(m, 300)
	g := make([]float64, fgParams)
	th := append([]float64(nil), m.theta...)
	for _, taskB := range []bool{false, true} {
		x, y := m.sample(taskB)
		m.LossGrad(th, x, y, g)
		const h = 1e-6
		for i := range th {
			old := th[i]
			th[i] = old + h
			lp := m.Loss(th, x, y)
			th[i] = old - h
			lm := m.Loss(th, x, y)
			th[i] = old
			want := (lp - lm) / (2 * h)
			if d := math.Abs(g[i] - want); d > 1e-7*(1+math.Abs(want)) {
				t.Errorf("taskB=%v θ[%d]: gradient %.9g, finite difference %.9g (diff %.2g)", taskB, i, g[i], want, d)
			}
		}
	}
}

// TestForgettingPenaltyGradient checks that the EWC penalty's gradient is
// λ·F·(θ − θ*), both against its formula and a finite difference of the
// penalty.
func TestForgettingPenaltyGradient(t *testing.T) {
	m := newForgettingWith(t, map[string]float64{"lambda": 7, "steps": 500}, 1)
	runForgettingTo(m, 800) // past the switch: F and θ* are set
	g := make([]float64, fgParams)
	th := m.theta
	m.PenaltyGrad(th, g)
	const h = 1e-5
	for i := range th {
		want := 7 * m.fish[i] * (th[i] - m.star[i])
		if d := math.Abs(g[i] - want); d > 1e-12 {
			t.Errorf("θ[%d]: penalty gradient %.9g, λF(θ−θ*) = %.9g", i, g[i], want)
		}
		old := th[i]
		th[i] = old + h
		pp := m.Penalty(th)
		th[i] = old - h
		pm := m.Penalty(th)
		th[i] = old
		fd := (pp - pm) / (2 * h)
		if d := math.Abs(g[i] - fd); d > 1e-6*(1+math.Abs(fd)) {
			t.Errorf("θ[%d]: penalty gradient %.9g, finite difference %.9g", i, g[i], fd)
		}
	}
	var mean float64
	for _, f := range m.fish {
		mean += f / fgParams
	}
	if math.Abs(mean-1) > 1e-12 {
		t.Errorf("mean Fisher %.6g, want 1 after rescaling", mean)
	}
}

// TestForgettingFisher checks the Fisher estimate against its definition
// for the output bias c, whose ∂a/∂c = 1: F_c ∝ ⟨p(1−p)⟩.
func TestForgettingFisher(t *testing.T) {
	m := newForgettingWith(t, map[string]float64{"steps": 400}, 2)
	runForgettingTo(m, 400)
	var pq, norm float64
	g := make([]float64, fgParams)
	for _, x := range m.fisherX {
		a := m.logitGrad(m.theta, x, g)
		p := fgSigmoid(a)
		pq += p * (1 - p) / fgFisherN
		for _, gi := range g {
			norm += p * (1 - p) * gi * gi / fgFisherN / fgParams
		}
	}
	m.Step() // the switch: consolidate
	want := pq / norm
	if d := math.Abs(m.fish[fgParams-1] - want); d > 1e-9*want {
		t.Errorf("F_c = %.9g, want ⟨p(1−p)⟩/mean F = %.9g", m.fish[fgParams-1], want)
	}
}

// TestForgettingImportanceBars: a hidden unit's bar is the importance of
// all its parameters: its four input weights, its bias and its output
// weight (the bars once read two input weights, of the wrong units).
func TestForgettingImportanceBars(t *testing.T) {
	m := newForgettingWith(t, map[string]float64{"steps": 400}, 2)
	runForgettingTo(m, 400)
	m.Step() // the switch: consolidate
	var d sim.PlotData
	m.Plot("importance", &d)
	if len(d.Bars) != fgH {
		t.Fatalf("%d bars, want one per hidden unit (%d)", len(d.Bars), fgH)
	}
	for j, got := range d.Bars {
		want := m.fish[fgH*fgIn+j] + m.fish[fgH*fgIn+fgH+j]
		for k := range fgIn {
			want += m.fish[fgIn*j+k]
		}
		if math.Abs(got-want) > 1e-12*want {
			t.Errorf("unit %d: bar %g, want %g", j, got, want)
		}
	}
}

// TestForgettingScenarios runs the two tasks with a fixed seed: plain SGD
// forgets A when the tasks disagree, consolidation keeps it while B is
// learnt, and with identical inputs the two cannot both be kept.
func TestForgettingScenarios(t *testing.T) {
	cases := []struct {
		name                   string
		kv                     map[string]float64
		minA, maxA, minB, maxB float64
	}{
		{"sgd, reversed rule", map[string]float64{"lambda": 0, "angle": 180, "overlap": 0.8}, 0, 0.3, 0.9, 1},
		{"sgd, 120°", map[string]float64{"lambda": 0, "angle": 120, "overlap": 0.8}, 0, 0.6, 0.9, 1},
		{"sgd, similar rule", map[string]float64{"lambda": 0, "angle": 20, "overlap": 0.8}, 0.85, 1, 0.9, 1},
		{"ewc λ=10, reversed", map[string]float64{"lambda": 10, "angle": 180, "overlap": 0.8}, 0.95, 1, 0.9, 1},
		{"ewc λ=100, reversed", map[string]float64{"lambda": 100, "angle": 180, "overlap": 0.8}, 0.95, 1, 0.9, 1},
		{"ewc λ=100, same inputs", map[string]float64{"lambda": 100, "angle": 180, "overlap": 1}, 0.95, 1, 0, 0.1},
	}
	for _, c := range cases {
		for _, seed := range []uint64{1, 2, 3} {
			m := newForgettingWith(t, c.kv, seed)
			runForgettingTo(m, 1500)
			a0, _ := m.Accuracies()
			if a0 < 0.95 {
				t.Errorf("%s seed %d: accuracy on A at the switch %.3f, want ≥ 0.95", c.name, seed, a0)
			}
			runForgettingTo(m, 4500)
			a, b := m.Accuracies()
			if a < c.minA || a > c.maxA || b < c.minB || b > c.maxB {
				t.Errorf("%s seed %d: after B acc_a %.3f (want %g…%g), acc_b %.3f (want %g…%g)",
					c.name, seed, a, c.minA, c.maxA, b, c.minB, c.maxB)
			}
		}
	}
}

func TestForgettingStepNoAlloc(t *testing.T) {
	m := NewForgetting()
	if a := testing.AllocsPerRun(3000, m.Step); a != 0 {
		t.Errorf("Step allocates %v times", a)
	}
}

func BenchmarkForgetting(b *testing.B) {
	m := NewForgetting()
	run := sim.NewRun(m, 0, 0)
	run.Reset(1)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		run.Advance(1)
	}
	b.ReportMetric(1e6/(float64(b.Elapsed().Nanoseconds())/float64(b.N)), "x_realtime")
}

func ExampleForgetting() {
	for _, lambda := range []float64{0, 10} {
		m := NewForgetting()
		_ = m.Set("lambda", lambda)
		m.Reset(1)
		for m.Time() < 4500 {
			m.Step()
		}
		a, b := m.Accuracies()
		fmt.Printf("λ = %g: accuracy A %.2f, B %.2f\n", lambda, a, b)
	}
	// Output:
	// λ = 0: accuracy A 0.05, B 0.97
	// λ = 10: accuracy A 0.98, B 0.97
}
