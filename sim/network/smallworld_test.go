package network

import (
	"fmt"
	"math"
	"testing"
)

func newSW(t testing.TB, n, k, p float64) *SmallWorld {
	t.Helper()
	m := NewSmallWorld()
	for key, v := range map[string]float64{"n": n, "k": k, "p": p} {
		if err := m.Set(key, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(1)
	return m
}

// TestSWLattice checks the p = 0 graph against the closed forms: the
// clustering 3(k−2)/(4(k−1)), the exact mean path length of the ring
// lattice and its large-n limit n/(2k).
func TestSWLattice(t *testing.T) {
	for _, c := range []struct{ n, k int }{{20, 4}, {100, 6}, {200, 10}, {1000, 10}, {501, 20}} {
		m := newSW(t, float64(c.n), float64(c.k), 0)
		wantC := 3 * float64(c.k-2) / (4 * float64(c.k-1))
		if got := metric(m, "clustering"); math.Abs(got-wantC) > 1e-12 {
			t.Errorf("n=%d k=%d: C(0) %.6g, closed form %.6g, diff %.2g", c.n, c.k, got, wantC, got-wantC)
		}
		// BFS from every node (exact) against the formula.
		m.build(0, 0)
		wantL := LatticePathLength(c.n, c.k/2)
		if got := m.pathLength(c.n); math.Abs(got-wantL) > 1e-12 {
			t.Errorf("n=%d k=%d: L(0) by BFS %.6g, formula %.6g", c.n, c.k, got, wantL)
		}
		if got := metric(m, "path_length"); math.Abs(got-wantL) > 1e-12 {
			t.Errorf("n=%d k=%d: path_length %.6g, formula %.6g", c.n, c.k, got, wantL)
		}
		if c.n >= 200 {
			approx := float64(c.n) / (2 * float64(c.k))
			if math.Abs(wantL-approx) > 0.05*approx {
				t.Errorf("n=%d k=%d: L(0) %.4g, large-n limit n/2k = %.4g", c.n, c.k, wantL, approx)
			}
		}
		if r := metric(m, "clustering_ratio"); math.Abs(r-1) > 1e-12 {
			t.Errorf("n=%d k=%d: clustering_ratio %g at p = 0, want 1", c.n, c.k, r)
		}
	}
}

// TestSWRandomLimit checks p = 1 against the random-graph estimates
// C ≈ k/n and L ≈ ln n/ln k (Watts & Strogatz 1998).
func TestSWRandomLimit(t *testing.T) {
	for _, c := range []struct {
		n, k   int
		tolL   float64 // relative
		maxCkn float64 // C/(k/n) at most
	}{{1000, 10, 0.12, 2}, {400, 8, 0.15, 2.5}} {
		m := newSW(t, float64(c.n), float64(c.k), 1)
		wantL := math.Log(float64(c.n)) / math.Log(float64(c.k))
		if got := metric(m, "path_length"); math.Abs(got-wantL) > c.tolL*wantL {
			t.Errorf("n=%d k=%d: L(1) %.4g, ln n/ln k %.4g, diff %.2g", c.n, c.k, got, wantL, got-wantL)
		}
		kn := float64(c.k) / float64(c.n)
		if got := metric(m, "clustering"); got > c.maxCkn*kn || got < 0.2*kn {
			t.Errorf("n=%d k=%d: C(1) %.4g, want near k/n = %.4g", c.n, c.k, got, kn)
		}
	}
}

// TestSWSmallWorld checks the paper's regime at n = 1000, k = 10: at
// p = 0.01 clustering is nearly that of the lattice while paths have
// shrunk several-fold, and the cached curves fall as Watts & Strogatz's
// figure 2 shows.
func TestSWSmallWorld(t *testing.T) {
	m := newSW(t, 1000, 10, 0.01)
	m.ensureCurve() // drawn lazily in the lab
	cr, lr := metric(m, "clustering_ratio"), metric(m, "path_ratio")
	t.Logf("n=1000 k=10 p=0.01: C/C0 %.4g, L/L0 %.4g; curves C %.3g L %.3g", cr, lr, m.curveC, m.curveL)
	if cr < 0.9 || lr > 0.5 {
		t.Errorf("p=0.01: C/C0 %.3g (want > 0.9), L/L0 %.3g (want < 0.5)", cr, lr)
	}
	for i := 1; i < swCurvePts; i++ {
		if m.curveC[i] > m.curveC[i-1]+0.02 || m.curveL[i] > m.curveL[i-1]+0.02 {
			t.Errorf("curves not falling at p=%.3g: C %.3g→%.3g, L %.3g→%.3g", m.curveP[i],
				m.curveC[i-1], m.curveC[i], m.curveL[i-1], m.curveL[i])
		}
	}
	if m.curveC[0] < 0.98 || m.curveL[0] < 0.8 {
		t.Errorf("p=1e-4: C/C0 %.3g, L/L0 %.3g, want both near 1", m.curveC[0], m.curveL[0])
	}
	if last := swCurvePts - 1; m.curveC[last] > 0.05 || m.curveL[last] > 0.1 {
		t.Errorf("p=1: C/C0 %.3g, L/L0 %.3g, want both small", m.curveC[last], m.curveL[last])
	}
}

// TestSWWave checks that the wave covers the connected graph in as many
// hops as the source's eccentricity and restarts.
func TestSWWave(t *testing.T) {
	m := newSW(t, 200, 6, 0)
	// On the lattice every node has eccentricity ⌈(n/2)/h⌉ = 34.
	if m.ecc != 34 {
		t.Errorf("lattice eccentricity %d, want 34", m.ecc)
	}
	for range m.ecc {
		m.Step()
	}
	if r := metric(m, "reached"); r != 1 {
		t.Errorf("after %d hops reached %g, want 1", m.ecc, r)
	}
}

func BenchmarkSmallWorld(b *testing.B) {
	m := NewSmallWorld()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		m.Step()
	}
	b.ReportMetric(swDT*1e-3/(b.Elapsed().Seconds()/float64(b.N)), "x_realtime")
}

func BenchmarkSmallWorldReset(b *testing.B) {
	m := NewSmallWorld()
	for range b.N {
		m.Reset(uint64(b.N)) // a new seed: the curves are recomputed
	}
}

func ExampleSmallWorld() {
	m := NewSmallWorld()
	d := make([]float64, len(m.Info().Metrics))
	m.Metrics(d)
	fmt.Printf("C/C0 %.4g, L/L0 %.4g\n", d[0], d[1])
	// Output: C/C0 0.9733, L/L0 0.545
}
