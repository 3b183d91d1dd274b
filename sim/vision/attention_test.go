package vision

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
)

func newAttention(t testing.TB, kv map[string]float64) *Attention {
	t.Helper()
	m := NewAttention()
	for k, v := range kv {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(1)
	return m
}

// TestAttentionUnattendedClosedForm compares the unattended centre
// coefficients with the closed forms for a box stimulus seen through a
// Gaussian receptive field and pooled by a Gaussian kernel:
//
//	E₁(0) = 2Φ(s/2σ_RF) − 1,   S₁(0) = 2Φ(s/(2√(σ_RF² + σ_S²))) − 1
//
// so that c₅₀ = σ/S₁(0) and R_max = E₁(0)/S₁(0).
func TestAttentionUnattendedClosedForm(t *testing.T) {
	for _, s := range []float64{0.5, 2, 10, 30} {
		m := newAttention(t, map[string]float64{"stim_size": s, "sigma": 7})
		e := 2*attnPhi(s/(2*attnRF)) - 1
		b := 2*attnPhi(s/(2*math.Hypot(attnRF, attnPool))) - 1
		c50, _ := m.C50()
		rmax, _ := m.RMax()
		cases := []struct {
			name      string
			got, want float64
		}{
			{"c50", c50, 7 / b},
			{"rmax", rmax, e / b},
		}
		for _, c := range cases {
			if d := math.Abs(c.got-c.want) / c.want; d > 1e-6 {
				t.Errorf("size %g: %s = %.8g, want %.8g (rel. diff %.2g)", s, c.name, c.got, c.want, d)
			}
		}
		// R(c₅₀) is half of R_max.
		_, un := m.Responses(c50)
		if d := math.Abs(un - rmax/2); d > 1e-12 {
			t.Errorf("size %g: R(c50) = %g, want R_max/2 = %g", s, un, rmax/2)
		}
	}
}

// TestAttentionGainRegimes checks Reynolds & Heeger's (2009) prediction:
// a small stimulus inside a large attention field gives contrast gain
// (c₅₀ falls by the factor g, R_max unchanged: the one-point limit
// R = g·c/(g·c + σ)), a large stimulus with a small attention field gives
// response gain (R_max up, c₅₀ nearly unchanged).
func TestAttentionGainRegimes(t *testing.T) {
	cases := []struct {
		name             string
		stim, attn, g    float64
		shiftLo, shiftHi float64
		rmaxLo, rmaxHi   float64
	}{
		{"contrast gain g=2", 1, 60, 2, 0.495, 0.505, 0.99, 1.01},
		{"contrast gain g=4", 1, 60, 4, 0.245, 0.255, 0.99, 1.01},
		{"contrast gain 10° stimulus", 10, 60, 2, 0.49, 0.51, 0.99, 1.01},
		{"response gain g=2", 30, 1, 2, 0.85, 1, 1.6, 2},
		{"response gain g=4", 30, 1, 4, 0.7, 1, 2.6, 4},
		{"mixed", 10, 10, 2, 0.5, 0.6, 1.02, 1.2},
	}
	for _, c := range cases {
		m := newAttention(t, map[string]float64{"stim_size": c.stim, "attn_size": c.attn, "attn_gain": c.g})
		d := make([]float64, len(m.Info().Metrics))
		m.Metrics(d)
		shift, rmax := d[4], d[5]
		if shift < c.shiftLo || shift > c.shiftHi {
			t.Errorf("%s: c50_shift = %.4g, want in [%g, %g]", c.name, shift, c.shiftLo, c.shiftHi)
		}
		if rmax < c.rmaxLo || rmax > c.rmaxHi {
			t.Errorf("%s: rmax_ratio = %.4g, want in [%g, %g]", c.name, rmax, c.rmaxLo, c.rmaxHi)
		}
	}
}

// TestAttentionNoGain checks that g = 1 changes nothing.
func TestAttentionNoGain(t *testing.T) {
	m := newAttention(t, map[string]float64{"attn_gain": 1, "stim_size": 7})
	d := make([]float64, len(m.Info().Metrics))
	m.Metrics(d)
	for _, k := range []int{1, 4, 5} {
		if math.Abs(d[k]-1) > 1e-12 {
			t.Errorf("g = 1: %s = %.15g, want 1", m.Info().Metrics[k].Key, d[k])
		}
	}
}

// TestAttentionLiveUpdate checks that a parameter change takes effect
// without a Reset (all parameters are live).
func TestAttentionLiveUpdate(t *testing.T) {
	m := newAttention(t, nil)
	before, _ := m.C50()
	if err := m.Set("stim_size", 20); err != nil {
		t.Fatal(err)
	}
	after, _ := m.C50()
	if before == after {
		t.Errorf("c50 did not change with stim_size: %g", after)
	}
}

func TestAttentionProbeSweep(t *testing.T) {
	m := newAttention(t, nil)
	if c := m.Probe(); math.Abs(c-attnCMin) > 1e-12 {
		t.Errorf("probe at t = 0: %g%%, want %g%%", c, attnCMin)
	}
	for m.Time() < attnSweep/2 {
		m.Step()
	}
	if c := m.Probe(); math.Abs(c-attnCMax) > 1e-9 {
		t.Errorf("probe at half period: %g%%, want %g%%", c, attnCMax)
	}
}

func BenchmarkAttentionStep(b *testing.B) {
	m := NewAttention()
	run := sim.NewRun(m, 0, 1)
	run.Reset(1)
	b.ReportAllocs()
	for b.Loop() {
		run.Advance(attnDT) // one step and one recorded sample
	}
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(attnDT*1e6/ns, "x_realtime")
}

func ExampleAttention() {
	m := NewAttention()
	_ = m.Set("stim_size", 1)
	_ = m.Set("attn_size", 60)
	d := make([]float64, len(m.Info().Metrics))
	m.Metrics(d)
	fmt.Printf("contrast gain: c50 ratio %.2f, Rmax ratio %.2f\n", d[4], d[5])
	_ = m.Set("stim_size", 30)
	_ = m.Set("attn_size", 1)
	m.Metrics(d)
	fmt.Printf("response gain: c50 ratio %.2f, Rmax ratio %.2f\n", d[4], d[5])
	// Output:
	// contrast gain: c50 ratio 0.50, Rmax ratio 1.00
	// response gain: c50 ratio 0.90, Rmax ratio 1.81
}
