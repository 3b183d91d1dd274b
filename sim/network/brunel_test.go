package network

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"
)

func newBrunel(t testing.TB, g, nu float64, seed uint64) *Brunel {
	t.Helper()
	m := NewBrunel()
	if err := m.Set("g", g); err != nil {
		t.Fatal(err)
	}
	if err := m.Set("nu_ext", nu); err != nil {
		t.Fatal(err)
	}
	m.Reset(seed)
	return m
}

// TestBrunelSingleNeuron switches off all input but a constant μ and
// compares the rate with the closed form of a LIF neuron,
// 1/ν = τ_rp + τ·ln((μ − V_r)/(μ − θ)). Spikes are detected at the end of
// a 0.1 ms step, so each interval may be up to one step long.
func TestBrunelSingleNeuron(t *testing.T) {
	for _, mu := range []float64{21, 25, 30, 40, 80} {
		m := newBrunel(t, 0, 0, 1)
		m.J, m.bias = 0, mu
		m.Reset(1)
		for m.Time() < 3000 {
			m.Step()
		}
		T := brTauRP + brTau*math.Log((mu-brVr)/(mu-brTheta))
		lo, hi := 1000/(T+brDT), 1000/T
		got := m.RateHz()
		// Whole intervals in a finite window: allow one interval's worth.
		slack := 1000 / (3000 - brTransient)
		if got < lo-slack || got > hi+slack {
			t.Errorf("μ=%g mV: rate %.4g Hz, closed form %.4g Hz (with step delay ≥ %.4g), diff %.2g",
				mu, got, hi, lo, got-hi)
		}
		if cv := m.CV(); cv > 0.02 {
			t.Errorf("μ=%g mV: CV %.3g for constant input, want ≈ 0", mu, cv)
		}
	}
}

// TestBrunelStates checks the two clearest states of Brunel's figure 8 in
// the scaled network: asynchronous irregular (g = 5, ν_ext = 2ν_thr) and
// synchronous regular (g = 3, ν_ext = 2ν_thr).
func TestBrunelStates(t *testing.T) {
	ai := newBrunel(t, 5, 2, 1)
	sr := newBrunel(t, 3, 2, 1)
	for ai.Time() < 800 {
		ai.Step()
		sr.Step()
	}
	if cv, chi := ai.CV(), ai.Synchrony(); cv < 0.8 || chi > 0.2 {
		t.Errorf("AI: CV %.3g (want > 0.8), χ %.3g (want < 0.2)", cv, chi)
	}
	if cv, chi, r := sr.CV(), sr.Synchrony(), sr.RateHz(); cv > 0.2 || chi < 0.35 || r < 200 {
		t.Errorf("SR: CV %.3g (want < 0.2), χ %.3g (want > 0.35), rate %.4g Hz (want > 200)", cv, chi, r)
	}
}

// TestBrunelBrian2 compares the metrics of three seeds of each figure-8
// point with the same network simulated in Brian2
// (testdata/brunel_brian2.py → brunel_brian2.json). The two schedule a
// step differently — Brian2 ends the refractory period and applies
// delayed spikes one 0.1 ms step later than this model — which shifts the
// rates by up to ≈ 20 % (this model fires faster), so the rate tolerance
// is 20 %.
func TestBrunelBrian2(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	raw, err := os.ReadFile("testdata/brunel_brian2.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref map[string]struct {
		G    float64   `json:"g"`
		Nu   float64   `json:"nu_ext"`
		Rate []float64 `json:"rate_hz"`
		CV   []float64 `json:"cv_isi"`
		Sync []float64 `json:"synchrony"`
	}
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	mean := func(x []float64) float64 {
		s := 0.0
		for _, v := range x {
			s += v
		}
		return s / float64(len(x))
	}
	for name, r := range ref {
		var rate, cv, chi float64
		for seed := uint64(1); seed <= 3; seed++ {
			m := newBrunel(t, r.G, r.Nu, seed)
			for m.Time() < 1100 {
				m.Step()
			}
			rate += m.RateHz() / 3
			cv += m.CV() / 3
			chi += m.Synchrony() / 3
		}
		for _, c := range []struct {
			key            string
			got, want, tol float64
			rel            bool
		}{
			{"rate_hz", rate, mean(r.Rate), 0.20, true},
			{"cv_isi", cv, mean(r.CV), 0.12, true},
			{"synchrony", chi, mean(r.Sync), 0.04, false},
		} {
			tol := c.tol
			if c.rel {
				tol *= c.want
			}
			if math.Abs(c.got-c.want) > tol {
				t.Errorf("%s (g=%g, ν=%g): %s %.4g, Brian2 %.4g, diff %.2g (tolerance %.2g)",
					name, r.G, r.Nu, c.key, c.got, c.want, c.got-c.want, tol)
			}
		}
		t.Logf("%s: rate %.4g (Brian2 %.4g), CV %.3g (%.3g), χ %.3g (%.3g)", name, rate, mean(r.Rate), cv, mean(r.CV), chi, mean(r.Sync))
	}
}

func TestBrunelNoAllocs(t *testing.T) {
	m := newBrunel(t, 3, 2, 1)
	for m.Time() < 200 {
		m.Step()
	}
	if a := testing.AllocsPerRun(500, m.Step); a > 0 {
		t.Errorf("%.2f allocations per step, want 0", a)
	}
}

func BenchmarkBrunel(b *testing.B) {
	m := NewBrunel()
	for m.Time() < 200 {
		m.Step()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		m.Step()
	}
	b.ReportMetric(brDT*1e-3/(b.Elapsed().Seconds()/float64(b.N)), "x_realtime")
}

func ExampleBrunel() {
	m := NewBrunel()
	for m.Time() < 500 {
		m.Step()
	}
	fmt.Printf("rate %.3g Hz, CV %.2g, χ %.2g\n", m.RateHz(), m.CV(), m.Synchrony())
	// Output: rate 54.2 Hz, CV 1.4, χ 0.099
}
