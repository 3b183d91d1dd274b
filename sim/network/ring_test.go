package network

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
)

func newRingWith(t testing.TB, kv map[string]float64, seed uint64) *Ring {
	t.Helper()
	m := NewRing()
	for k, v := range kv {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(seed)
	return m
}

func runRingTo(m *Ring, ms float64) {
	for m.Time() < ms-1e-9 {
		m.Step()
	}
}

// TestRingUniformState checks the homogeneous fixed point r₀ = I₀/(1 − J₀)
// of the threshold-linear ring without cue or noise.
func TestRingUniformState(t *testing.T) {
	for _, j0 := range []float64{-4, -1, 0, 0.5} {
		m := newRingWith(t, map[string]float64{"j0": j0, "noise": 0, "cue_ms": 0}, 1)
		runRingTo(m, 1000)
		got, want := m.MeanRate(), ringI0/(1-j0)
		if d := math.Abs(got - want); d > 1e-9 {
			t.Errorf("j0=%g: mean rate %.6g Hz, want %.6g Hz (diff %.3g)", j0, got, want, d)
		}
	}
}

// TestRingThreshold checks that the bump outlives its cue exactly when J₂
// exceeds the critical value 2 of the linear stability analysis.
func TestRingThreshold(t *testing.T) {
	for _, j2 := range []float64{0.5, 1, 1.8, 1.95, 2.05, 2.2, 3, 4} {
		m := newRingWith(t, map[string]float64{"j2": j2, "noise": 0, "cue_deg": 45}, 1)
		runRingTo(m, ringCueOn+m.CueMS+2000)
		deg, amp := m.Bump()
		persists := amp > 1
		if want := j2 > CriticalJ2(); persists != want {
			t.Errorf("J2=%g: bump amplitude %.3g Hz 2 s after the cue; persists=%v, want %v", j2, amp, persists, want)
		}
		if persists && math.Abs(ringWrapDeg(deg-45)) > 3.5 {
			t.Errorf("J2=%g: bump at %.2f°, want 45° ± 3.5° (lattice spacing 5.6°)", j2, deg)
		}
	}
}

// TestRingDecayRate checks that below threshold the bump decays at the
// rate (1 − J₂/2)/τ of the linearised dynamics (Euler: −ln(1 − dt·λ)/dt).
func TestRingDecayRate(t *testing.T) {
	// Each case starts late enough after the cue for every neuron to be
	// above threshold again (the linear regime).
	for _, c := range []struct{ j2, from, tol float64 }{{0, 20, 1e-6}, {1, 200, 1e-6}, {1.6, 300, 1e-6}} {
		m := newRingWith(t, map[string]float64{"j2": c.j2, "noise": 0}, 1)
		t1 := ringCueOn + m.CueMS + c.from
		runRingTo(m, t1)
		_, a1 := m.Bump()
		runRingTo(m, t1+50)
		_, a2 := m.Bump()
		got := math.Log(a1/a2) / 50
		lam := (1 - c.j2/2) / ringTau
		want := -math.Log(1-ringDT*lam) / ringDT
		if d := math.Abs(got-want) / want; d > c.tol {
			t.Errorf("J2=%g: decay rate %.6g /ms, want %.6g /ms (rel diff %.2g)", c.j2, got, want, d)
		}
	}
}

// TestRingDiffusion checks that under noise the bump position diffuses:
// its mean squared displacement grows linearly with the lag.
func TestRingDiffusion(t *testing.T) {
	const seeds, dur, every = 16, 20000.0, 100.0
	lags := []int{10, 20, 40} // samples of 100 ms: 1, 2, 4 s
	msd := make([]float64, len(lags))
	cnt := make([]float64, len(lags))
	for s := 1; s <= seeds; s++ {
		m := newRingWith(t, map[string]float64{"n": 128, "noise": 1}, uint64(s))
		start := ringCueOn + m.CueMS + 500
		runRingTo(m, start)
		var pos []float64
		prev, _ := m.Bump()
		unwrapped := prev
		for m.Time() < start+dur {
			runRingTo(m, m.Time()+every)
			d, _ := m.Bump()
			unwrapped += ringWrapDeg(d - prev)
			prev = d
			pos = append(pos, unwrapped)
		}
		for k, L := range lags {
			for i := L; i < len(pos); i++ {
				x := pos[i] - pos[i-L]
				msd[k] += x * x
				cnt[k]++
			}
		}
	}
	for k := range msd {
		msd[k] /= cnt[k]
	}
	for k, L := range lags[1:] {
		got := msd[k+1] / msd[0]
		want := float64(L) / float64(lags[0])
		if d := math.Abs(got-want) / want; d > 0.25 {
			t.Errorf("MSD(%g s)/MSD(1 s) = %.3g, want %.3g (rel diff %.2g); MSD(1 s) = %.3g deg²",
				float64(L)/10, got, want, d, msd[0])
		}
	}
	t.Logf("MSD at 1, 2, 4 s: %.3g, %.3g, %.3g deg²", msd[0], msd[1], msd[2])
}

// TestRingHeterogeneity checks that frozen heterogeneity breaks the
// continuous attractor: without noise the bump leaves the cue position.
func TestRingHeterogeneity(t *testing.T) {
	for _, c := range []struct {
		hetero, minDrift, maxDrift float64
	}{{0, 0, 3.5}, {1, 10, 180}} {
		m := newRingWith(t, map[string]float64{"hetero": c.hetero, "noise": 0, "cue_deg": 90}, 1)
		runRingTo(m, ringCueOn+m.CueMS+5000)
		d := math.Abs(m.Drift())
		if d < c.minDrift || d > c.maxDrift {
			t.Errorf("hetero=%g: |drift| %.3g° after 5 s, want in [%g, %g]", c.hetero, d, c.minDrift, c.maxDrift)
		}
	}
}

func TestRingDeterministic(t *testing.T) {
	a := newRingWith(t, map[string]float64{"hetero": 0.3}, 7)
	b := newRingWith(t, map[string]float64{"hetero": 0.3}, 7)
	runRingTo(a, 3000)
	runRingTo(b, 3000)
	for i := range a.r {
		if a.r[i] != b.r[i] {
			t.Fatalf("rate %d differs: %v vs %v", i, a.r[i], b.r[i])
		}
	}
}

func BenchmarkRing(b *testing.B) {
	m := NewRing()
	if err := m.Set("n", 256); err != nil {
		b.Fatal(err)
	}
	run := sim.NewRun(m, 0, 0)
	run.Reset(1)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		run.Advance(ringDT)
	}
	b.ReportMetric(ringDT*1e6/(float64(b.Elapsed().Nanoseconds())/float64(b.N)), "x_realtime")
}

func ExampleRing() {
	m := NewRing()
	_ = m.Set("noise", 0)
	_ = m.Set("cue_deg", 90)
	m.Reset(1)
	for m.Time() < 2500 {
		m.Step()
	}
	deg, amp := m.Bump()
	fmt.Printf("bump at %.4g deg, amplitude %.4g Hz\n", deg, amp)
	// Output: bump at 90 deg, amplitude 18.34 Hz
}
