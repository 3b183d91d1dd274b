package network

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
)

func newRobustnessWith(t testing.TB, kv map[string]float64, seed uint64) *Robustness {
	t.Helper()
	m := NewRobustness()
	for k, v := range kv {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(seed)
	return m
}

// TestRobustnessLocalistExact checks the localist accuracy without noise
// against the closed form 1 − m/K + m/K² for the silenced set drawn, and,
// averaged over seeds, against (1 − f) + f/K.
func TestRobustnessLocalistExact(t *testing.T) {
	const trials = 10000
	for _, c := range []struct{ n, k, f float64 }{{100, 10, 0.3}, {50, 5, 0.5}, {200, 20, 0.8}, {20, 20, 0.25}} {
		var sum, sumTheory float64
		const seeds = 8
		for s := uint64(1); s <= seeds; s++ {
			m := newRobustnessWith(t, map[string]float64{"n": c.n, "k": c.k, "silenced": c.f, "noise": 0}, s)
			for range trials {
				m.Step()
			}
			got, want := m.Accuracy(CodeLocalist), m.ExpectedLocalist()
			// binomial standard error of the running estimate
			se := math.Sqrt(want * (1 - want) / trials)
			if d := math.Abs(got - want); d > 4*se+1e-12 {
				t.Errorf("n=%g k=%g f=%g seed %d: localist accuracy %.4f, want %.4f (diff %.3g, 4 SE %.3g)",
					c.n, c.k, c.f, s, got, want, d, 4*se)
			}
			sum += got / seeds
			sumTheory += want / seeds
		}
		// The mean over silenced sets: E[m]/K = round(fN)/N.
		fr := math.Round(c.f*c.n) / c.n
		avg := (1 - fr) + fr/c.k
		if c.n == c.k {
			if d := math.Abs(sumTheory - avg); d > 1e-12 {
				t.Errorf("n=k=%g f=%g: exact theory %.4f, want (1−f)+f/K = %.4f", c.n, c.f, sumTheory, avg)
			}
		}
		t.Logf("n=%g k=%g f=%g: mean accuracy over seeds %.4f, (1−f)+f/K = %.4f", c.n, c.k, c.f, sum, avg)
	}
}

// TestRobustnessLocalistMean checks that over random silenced sets the
// exact localist accuracy averages to (1 − f) + f/K.
func TestRobustnessLocalistMean(t *testing.T) {
	for _, c := range []struct{ n, k, f float64 }{{100, 10, 0.3}, {50, 5, 0.5}, {200, 20, 0.8}} {
		const seeds = 1000
		var sum, sum2 float64
		for s := uint64(1); s <= seeds; s++ {
			m := newRobustnessWith(t, map[string]float64{"n": c.n, "k": c.k, "silenced": c.f, "noise": 0}, s)
			e := m.ExpectedLocalist()
			sum += e
			sum2 += e * e
		}
		mean := sum / seeds
		se := math.Sqrt((sum2/seeds - mean*mean) / seeds)
		fr := math.Round(c.f*c.n) / c.n
		want := (1 - fr) + fr/c.k
		if d := math.Abs(mean - want); d > 4*se {
			t.Errorf("n=%g k=%g f=%g: mean exact accuracy %.4f, want (1−f)+f/K = %.4f (diff %.3g, 4 SE %.3g)",
				c.n, c.k, c.f, mean, want, d, 4*se)
		}
	}
}

// TestRobustnessDistributedGraceful checks that a dense distributed code
// over many units stays near perfect when half the units are silenced,
// while the localist code falls to about (1 − f) + f/K.
func TestRobustnessDistributedGraceful(t *testing.T) {
	for _, c := range []struct {
		n, f, noise, minDist, maxLoc float64
	}{{200, 0.5, 0.3, 0.99, 0.65}, {400, 0.7, 0.3, 0.99, 0.45}, {100, 0.3, 0.5, 0.95, 0.85}} {
		m := newRobustnessWith(t, map[string]float64{"n": c.n, "k": 10, "silenced": c.f, "noise": c.noise}, 1)
		for range 5000 {
			m.Step()
		}
		dist, loc := m.Accuracy(CodeDistributed), m.Accuracy(CodeLocalist)
		if dist < c.minDist {
			t.Errorf("n=%g f=%g noise=%g: distributed accuracy %.4f, want ≥ %g", c.n, c.f, c.noise, dist, c.minDist)
		}
		if loc > c.maxLoc {
			t.Errorf("n=%g f=%g noise=%g: localist accuracy %.4f, want ≤ %g", c.n, c.f, c.noise, loc, c.maxLoc)
		}
	}
}

// TestRobustnessChance checks that with every unit silenced each code is
// at chance, 1/K.
func TestRobustnessChance(t *testing.T) {
	m := newRobustnessWith(t, map[string]float64{"k": 4, "silenced": 1}, 1)
	const trials = 20000
	for range trials {
		m.Step()
	}
	se := math.Sqrt(0.25 * 0.75 / trials)
	for c := range 3 {
		if d := math.Abs(m.Accuracy(c) - 0.25); d > 4*se {
			t.Errorf("code %d: accuracy %.4f with all units silenced, want 0.25 (diff %.3g)", c, m.Accuracy(c), d)
		}
	}
}

func TestRobustnessSweepCached(t *testing.T) {
	m := newRobustnessWith(t, map[string]float64{"silenced": 0.4}, 1)
	for range 100 {
		m.Step()
	}
	dead := append([]bool(nil), m.dead[:m.n]...)
	var d sim.PlotData
	m.Plot("sweep", &d)
	if len(d.Series) != 5 || len(d.Series[0].Y) != robSweepPts {
		t.Fatalf("sweep has %d series", len(d.Series))
	}
	if d.Series[1].Y[0] != 1 && d.Series[1].Y[0] < 0.99 {
		t.Errorf("distributed accuracy with nothing silenced %.3f", d.Series[1].Y[0])
	}
	for i := range dead {
		if dead[i] != m.dead[i] {
			t.Fatal("sweep changed the silenced set of the run")
		}
	}
	allocs := testing.AllocsPerRun(5, func() { d.Reset(); m.Plot("sweep", &d) })
	if allocs > 0 {
		t.Errorf("a cached sweep allocates %v times", allocs)
	}
}

func BenchmarkRobustness(b *testing.B) {
	m := NewRobustness()
	run := sim.NewRun(m, 0, 0)
	run.Reset(1)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		run.Advance(1)
	}
	b.ReportMetric(1e6/(float64(b.Elapsed().Nanoseconds())/float64(b.N)), "x_realtime")
}

func ExampleRobustness() {
	m := NewRobustness()
	_ = m.Set("silenced", 0.5)
	m.Reset(1)
	for range 2000 {
		m.Step()
	}
	fmt.Printf("localist %.2f, distributed %.2f, sparse %.2f\n",
		m.Accuracy(CodeLocalist), m.Accuracy(CodeDistributed), m.Accuracy(CodeSparse))
	// Output: localist 0.71, distributed 1.00, sparse 0.93
}
