package network

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
)

func runWTA(t *testing.T, set map[string]float64, seed uint64, ms float64) *WTA {
	t.Helper()
	m := NewWTA()
	for k, v := range set {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(seed)
	for m.Time() < ms {
		m.Step()
	}
	return m
}

func metric(m sim.Model, key string) float64 { return sim.MetricOf(m, key) }

// TestWTASteadyState compares the lone winner's rate with the closed form
// r = I/(1−α) and checks the losers are silent.
func TestWTASteadyState(t *testing.T) {
	for _, c := range []struct {
		alpha, beta, iw float64
	}{{0.5, 1, 12}, {0, 1, 12}, {0.8, 2, 15}} {
		m := runWTA(t, map[string]float64{"alpha": c.alpha, "beta": c.beta, "I2": c.iw}, 1, 2000)
		want := c.iw / (1 - c.alpha)
		if got := m.r[1]; math.Abs(got-want) > 1e-3*want {
			t.Errorf("α=%g β=%g: winner rate got %.5g want %.5g diff %.2g", c.alpha, c.beta, got, want, got-want)
		}
		for i := range 4 {
			if i != 1 && m.r[i] > 1e-6 {
				t.Errorf("α=%g β=%g: loser %d rate %g, want 0", c.alpha, c.beta, i+1, m.r[i])
			}
		}
	}
}

// TestWTALargestWins checks the documented margin: without noise the
// largest input wins for every seed once its gap exceeds 0.1·(α+β−1) Hz,
// the largest head start the random initial rates can give a rival.
func TestWTALargestWins(t *testing.T) {
	for _, c := range []struct{ alpha, beta float64 }{{0.5, 1}, {0.2, 2}, {1.2, 1}} {
		margin := 0.1 * (c.alpha + c.beta - 1)
		for seed := uint64(1); seed <= 20; seed++ {
			set := map[string]float64{"alpha": c.alpha, "beta": c.beta, "I1": 10, "I2": 10 + 1.01*margin, "I3": 10, "I4": 10}
			m := runWTA(t, set, seed, 1000)
			if w := metric(m, "winner"); w != 2 || metric(m, "agree") != 1 {
				t.Errorf("α=%g β=%g seed %d: gap %.3g Hz, winner %g, want 2", c.alpha, c.beta, seed, 1.01*margin, w)
			}
		}
	}
}

// TestWTATiesBySeed checks an exact tie yields one winner, the same for
// the same seed, and different winners across seeds.
func TestWTATiesBySeed(t *testing.T) {
	set := map[string]float64{"I1": 10, "I2": 10, "I3": 10, "I4": 10}
	seen := map[float64]bool{}
	for seed := uint64(1); seed <= 12; seed++ {
		a := metric(runWTA(t, set, seed, 1000), "winner")
		b := metric(runWTA(t, set, seed, 1000), "winner")
		if a != b || a == 0 {
			t.Fatalf("seed %d: winners %g and %g, want one and the same", seed, a, b)
		}
		seen[a] = true
	}
	if len(seen) < 2 {
		t.Errorf("12 seeds all gave winner %v; ties should fall to the seed", seen)
	}
}

// TestWTASoft checks weak inhibition lets two close inputs both stay on.
func TestWTASoft(t *testing.T) {
	m := runWTA(t, map[string]float64{"beta": 0.2, "alpha": 0, "I1": 2, "I2": 12, "I3": 2, "I4": 11}, 1, 1000)
	if a := metric(m, "active"); a != 2 {
		t.Errorf("active = %g, want 2", a)
	}
}

func BenchmarkWTAStep(b *testing.B) {
	m := NewWTA()
	m.Set("noise", 1)
	m.Reset(1)
	b.ReportAllocs()
	for b.Loop() {
		m.Step()
	}
	b.ReportMetric(wtaDT*1e6/(float64(b.Elapsed().Nanoseconds())/float64(b.N)), "x_realtime")
}

func ExampleWTA() {
	m := NewWTA()
	for m.Time() < 500 {
		m.Step()
	}
	fmt.Printf("winner %.4g, rate %.4g Hz\n", metric(m, "winner"), m.r[1])
	// Output: winner 2, rate 24 Hz
}
