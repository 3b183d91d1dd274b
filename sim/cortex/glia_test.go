package cortex

import (
	"fmt"
	"math"
	"testing"
)

func gliaMetric(m *Glia, key string) float64 {
	d := make([]float64, len(m.Info().Metrics))
	m.Metrics(d)
	for i, mt := range m.Info().Metrics {
		if mt.Key == key {
			return d[i]
		}
	}
	panic("no metric " + key)
}

// TestLiRinzelRegimes integrates the Li–Rinzel model at fixed IP3 from
// just beside its steady state and checks the published behaviour with
// the standard constants: a stable rest at low IP3, Ca²⁺ oscillations for
// intermediate IP3 (≈ 0.36–0.65 µM) and a stable, raised steady state at
// high IP3.
func TestLiRinzelRegimes(t *testing.T) {
	for _, c := range []struct {
		ip3 float64
		osc bool
	}{{0.1, false}, {0.2, false}, {0.3, false}, {0.4, true}, {0.5, true}, {0.6, true}, {0.8, false}, {1.0, false}} {
		c0, h0 := LiRinzelRest(c.ip3)
		if dc, dh := LiRinzelRates(c.ip3, c0, h0); math.Abs(dc) > 1e-9 || math.Abs(dh) > 1e-9 {
			t.Errorf("IP3 %.2f µM: rest (%.4g, %.4g) has rates (%.2g, %.2g), want 0", c.ip3, c0, h0, dc, dh)
		}
		m := NewGlia()
		y := []float64{c.ip3, c0 * 1.05, h0}
		m.VBeta = 0
		lo, hi := math.Inf(1), math.Inf(-1)
		for k := range 200000 { // 200 s at 1 ms
			dc, dh := LiRinzelRates(y[0], y[1], y[2])
			y[1] += 1e-3 * dc
			y[2] += 1e-3 * dh
			if y[1] < 0 || y[1] > lrC0 || y[2] < 0 || y[2] > 1 {
				t.Fatalf("IP3 %.2f µM: state left its bounds: C %.4g, h %.4g", c.ip3, y[1], y[2])
			}
			if k > 100000 {
				lo, hi = math.Min(lo, y[1]), math.Max(hi, y[1])
			}
		}
		if osc := hi-lo > 0.05; osc != c.osc {
			t.Errorf("IP3 %.2f µM: Ca²⁺ swings %.3g…%.3g µM, oscillating %v, want %v", c.ip3, lo, hi, osc, c.osc)
		}
	}
}

// TestTsodyksMarkramSteadyState drives the synapse with a regular train
// and compares the release per spike after many spikes with the closed
// form, for a depressing and a facilitating synapse.
func TestTsodyksMarkramSteadyState(t *testing.T) {
	for _, c := range []struct {
		u0, tauD, tauF, f float64
	}{{0.5, 500, 50, 20}, {0.5, 500, 1000, 5}, {0.1, 100, 1000, 10}, {0.2, 800, 300, 40}} {
		m := NewGlia()
		for k, v := range map[string]float64{"U0": c.u0, "tau_d": c.tauD, "tau_f": c.tauF, "rate": c.f,
			"pattern": 1, "modulation": gliaNone} {
			if err := m.Set(k, v); err != nil {
				t.Fatal(err)
			}
		}
		m.Reset(1)
		for m.Time() < 20000 {
			m.Step()
		}
		want := SteadyRelease(c.u0, c.tauD, c.tauF, c.f)
		if got := m.lastR; math.Abs(got-want) > 1e-9 {
			t.Errorf("U0 %g τd %g τf %g f %g: release %.8g, closed form %.8g, diff %.2g", c.u0, c.tauD, c.tauF, c.f, got, want, got-want)
		}
	}
}

// TestGliaModulation checks the astrocyte's feedback: with IP3 production
// high enough for Ca²⁺ oscillations a release-decreasing astrocyte lowers
// U₀ and turns the depressing synapse facilitating; a release-increasing
// one raises U₀; Ca²⁺ stays within its bounds.
func TestGliaModulation(t *testing.T) {
	for _, c := range []struct {
		mod        float64
		lo, hi     float64 // U₀ bounds at the end
		facilitate bool
	}{{gliaDecrease, 0, 0.3, true}, {gliaIncrease, 0.6, 1, false}, {gliaNone, 0.5, 0.5, false}} {
		m := NewGlia()
		m.Set("ip3_rate", 0.4)
		m.Set("coupling", 0.8)
		m.Set("modulation", c.mod)
		m.Reset(1)
		maxCa := 0.0
		for m.Time() < 40000 {
			m.Step()
			maxCa = math.Max(maxCa, m.y[1])
		}
		u0 := gliaMetric(m, "release_prob")
		if u0 < c.lo-1e-12 || u0 > c.hi+1e-12 {
			t.Errorf("modulation %g: U0 %.3g, want %g…%g", c.mod, u0, c.lo, c.hi)
		}
		if ev := gliaMetric(m, "gliotransmission"); ev < 3 {
			t.Errorf("modulation %g: %g gliotransmitter events, want ≥ 3", c.mod, ev)
		}
		if f := gliaMetric(m, "stp_ratio") > 1; f != c.facilitate {
			t.Errorf("modulation %g: stp_ratio %.3g, facilitating %v, want %v", c.mod, gliaMetric(m, "stp_ratio"), f, c.facilitate)
		}
		if maxCa > 1.5 || maxCa <= 0 {
			t.Errorf("modulation %g: Ca²⁺ peak %.3g µM out of range", c.mod, maxCa)
		}
	}
}

func TestGliaNoAllocs(t *testing.T) {
	m := NewGlia()
	m.Set("ip3_rate", 0.4)
	m.Reset(1)
	for m.Time() < 20000 {
		m.Step()
	}
	if a := testing.AllocsPerRun(1000, m.Step); a > 0 {
		t.Errorf("%.2f allocations per step, want 0", a)
	}
}

func BenchmarkGlia(b *testing.B) {
	m := NewGlia()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		m.Step()
	}
	b.ReportMetric(gliaDT*1e-3/(b.Elapsed().Seconds()/float64(b.N)), "x_realtime")
}

func ExampleGlia() {
	m := NewGlia()
	m.Set("ip3_rate", 0.4)
	m.Reset(1)
	for m.Time() < 60000 {
		m.Step()
	}
	fmt.Printf("%g events, U0 %.3g, r*/U0 %.3g\n", gliaMetric(m, "gliotransmission"),
		gliaMetric(m, "release_prob"), gliaMetric(m, "stp_ratio"))
	// Output: 6 events, U0 0.263, r*/U0 1.07
}
