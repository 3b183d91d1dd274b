package cortex

import (
	"fmt"
	"testing"
	"time"
)

// recapRun sets the knobs, resets with seed 1, runs for ms and returns the
// metrics.
func recapRun(t *testing.T, set map[string]float64, ms float64) []float64 {
	t.Helper()
	m := NewRecap()
	for k, v := range set {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(1)
	for m.Time() < ms {
		m.Step()
	}
	d := make([]float64, len(m.Info().Metrics))
	m.Metrics(d)
	return d
}

// TestRecapStages checks each stage's target is missed at the lab's
// defaults and met with the documented solution.
func TestRecapStages(t *testing.T) {
	cases := []struct {
		name     string
		stage    float64
		solution map[string]float64
	}{
		{"lif: I = 1.8 nA gives 50 Hz", RecapLIF, map[string]float64{"I": 1.8}},
		{"wta: β = 1 makes one winner", RecapWTA, map[string]float64{"beta": 1}},
		{"hopfield: P = 5 is below capacity", RecapHopfield, map[string]float64{"patterns": 5}},
		{"predictive: π₁ = 10 fills in", RecapPredictive, map[string]float64{"pi1": 10}},
	}
	for _, c := range cases {
		before := recapRun(t, map[string]float64{"stage": c.stage}, 1000)
		if before[0] != 0 || before[1] != 0 {
			t.Errorf("%s: met at the defaults (stage_ok %g, stages_done %g)", c.name, before[0], before[1])
		}
		set := map[string]float64{"stage": c.stage}
		for k, v := range c.solution {
			set[k] = v
		}
		after := recapRun(t, set, 1000)
		if after[0] != 1 || after[1] != 1 {
			t.Errorf("%s: stage_ok %g, stages_done %g with the solution; readouts %v", c.name, after[0], after[1], after[3:])
		}
	}
	tour := recapRun(t, map[string]float64{"stage": RecapTour, "I": 1.8, "beta": 1, "patterns": 5, "pi1": 10}, 4000)
	if tour[1] != 4 {
		t.Errorf("tour with every solution: stages_done = %g, want 4 (readouts %v)", tour[1], tour[3:])
	}
	partial := recapRun(t, map[string]float64{"stage": RecapTour, "I": 1.8, "beta": 1}, 4000)
	if partial[1] != 2 {
		t.Errorf("tour with two solutions: stages_done = %g, want 2", partial[1])
	}
}

func TestRecapStepDoesNotAllocate(t *testing.T) {
	m := NewRecap()
	_ = m.Set("stage", RecapTour)
	m.Reset(1)
	if a := testing.AllocsPerRun(5000, m.Step); a != 0 {
		t.Errorf("Step allocates %g times", a)
	}
}

func BenchmarkRecap(b *testing.B) {
	m := NewRecap()
	_ = m.Set("stage", RecapTour)
	m.Reset(1)
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		m.Step()
	}
	b.ReportMetric(float64(b.N)*recapDT/1000/time.Since(start).Seconds(), "x_realtime")
}

func ExampleRecap() {
	m := NewRecap()
	_ = m.Set("I", 1.8)
	m.Reset(1)
	for m.Time() < 1000 {
		m.Step()
	}
	d := make([]float64, 7)
	m.Metrics(d)
	fmt.Printf("LIF at 1.8 nA: %.4g Hz, target met %g\n", d[3], d[0])
	// Output: LIF at 1.8 nA: 50.21 Hz, target met 1
}
