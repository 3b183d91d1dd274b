package neuron

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
)

// runIzh runs a fresh model of the given type and step current for ms and
// returns it.
func runIzh(t testing.TB, typ int, I, hold, ms float64) *Izhikevich {
	t.Helper()
	m := NewIzhikevich()
	for _, kv := range []struct {
		k string
		v float64
	}{{"type", float64(typ)}, {"I", I}, {"hold", hold}} {
		if err := m.Set(kv.k, kv.v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(1)
	for m.Time() < ms-1e-9 {
		m.Step()
	}
	return m
}

func izhMetric(m *Izhikevich, key string) float64 { return sim.MetricOf(m, key) }

func TestIzhikevichTypeSetsConstants(t *testing.T) {
	m := NewIzhikevich()
	for i, p := range IzhPresets {
		if err := m.Set("type", float64(i)); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			key  string
			want float64
		}{{"a", p.A}, {"b", p.B}, {"c", p.C}, {"d", p.D}} {
			if got, _ := m.Get(c.key); got != c.want {
				t.Errorf("type %s: %s = %g, want %g", p.Name, c.key, got, c.want)
			}
		}
	}
}

func TestIzhikevichRest(t *testing.T) {
	// 0.04v² + 4.8v + 140 = 0 has roots −70 and −50 mV (b = 0.2).
	v, u, ok := IzhRest(0.2, 0)
	if !ok || math.Abs(v+70) > 1e-9 || math.Abs(u+14) > 1e-9 {
		t.Errorf("rest(b=0.2) = (%g, %g, %v), want (−70, −14, true)", v, u, ok)
	}
	m := runIzh(t, IzhRS, 0, 0, 1000)
	if got := izhMetric(m, "spikes"); got != 0 {
		t.Errorf("RS at I = 0 fired %g spikes, want 0 (rest is stable)", got)
	}
	if math.Abs(m.y[0]+70) > 1e-6 {
		t.Errorf("RS at I = 0 drifted to v = %g mV, want −70", m.y[0])
	}
}

// TestIzhikevichPatterns checks the behaviours of Fig. 2 of Izhikevich
// (2003) for a step of I = 10 with quantitative criteria.
func TestIzhikevichPatterns(t *testing.T) {
	cases := []struct {
		name  string
		typ   int
		I     float64
		hold  float64
		check func(m *Izhikevich) error
	}{
		{"RS adapts: first ISI ≤ 1/2.5 of the last, then tonic", IzhRS, 10, 0, func(m *Izhikevich) error {
			if a := izhMetric(m, "adaptation"); a < 2.5 {
				return fmt.Errorf("adaptation = %.3g, want ≥ 2.5", a)
			}
			if cv := izhMetric(m, "cv_isi"); cv > 0.05 {
				return fmt.Errorf("CV after 100 ms = %.3g, want ≤ 0.05 (tonic)", cv)
			}
			return nil
		}},
		{"IB: initial burst of ≥ 3 spikes with ISI < 5 ms, then tonic ISIs > 25 ms", IzhIB, 10, 0, func(m *Izhikevich) error {
			s := m.Spikes()
			if s[1]-s[0] >= 5 || s[2]-s[1] >= 5 {
				return fmt.Errorf("first ISIs %.3g, %.3g ms, want < 5", s[1]-s[0], s[2]-s[1])
			}
			for i := 4; i < len(s); i++ {
				if s[i]-s[i-1] <= 25 {
					return fmt.Errorf("ISI %d = %.3g ms, want > 25 (tonic after the burst)", i, s[i]-s[i-1])
				}
			}
			return nil
		}},
		{"CH bursts repetitively: CV > 1, most ISIs in bursts", IzhCH, 10, 0, func(m *Izhikevich) error {
			if cv := izhMetric(m, "cv_isi"); cv < 1 {
				return fmt.Errorf("CV = %.3g, want > 1", cv)
			}
			if b := izhMetric(m, "burst_frac"); b < 0.7 {
				return fmt.Errorf("burst_frac = %.3g, want ≥ 0.7", b)
			}
			return nil
		}},
		{"FS: > 100 Hz, tonic, no bursts, ≥ 5× the RS rate", IzhFS, 10, 0, func(m *Izhikevich) error {
			r := izhMetric(m, "rate_hz")
			rs := izhMetric(runIzh(t, IzhRS, 10, 0, 1000), "rate_hz")
			if r < 100 || r < 5*rs {
				return fmt.Errorf("rate = %.4g Hz (RS %.4g Hz), want > 100 and ≥ 5× RS", r, rs)
			}
			if cv, b := izhMetric(m, "cv_isi"), izhMetric(m, "burst_frac"); cv > 0.05 || b != 0 {
				return fmt.Errorf("CV = %.3g, burst_frac = %.3g, want tonic", cv, b)
			}
			return nil
		}},
		{"TC: rebound burst after release from −87 mV, then silence", IzhTC, 0, -30, func(m *Izhikevich) error {
			s := m.Spikes()
			if len(s) < 3 || s[len(s)-1] > 100 {
				return fmt.Errorf("spikes %v, want ≥ 3, all in the first 100 ms", s)
			}
			return nil
		}},
		{"TC: tonic when depolarised from rest", IzhTC, 5, 0, func(m *Izhikevich) error {
			if cv := izhMetric(m, "cv_isi"); cv > 0.05 || izhMetric(m, "rate_hz") < 50 {
				return fmt.Errorf("CV = %.3g, rate = %.4g Hz, want tonic firing", cv, izhMetric(m, "rate_hz"))
			}
			return nil
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := c.check(runIzh(t, c.typ, c.I, c.hold, 1000)); err != nil {
				t.Error(err)
			}
		})
	}
	if v, _, _ := IzhRest(0.25, -30); math.Abs(v+87.2) > 0.1 {
		t.Errorf("TC rest under −30: %g mV, want −87.2", v)
	}
}

// TestIzhikevichBrian2 compares spike times with Brian2's RK4 at a 125×
// finer step (testdata/izhikevich_brian2.py). Brian2 reports a spike at the
// end of its 0.002 ms step, so its times lag the true crossing by up to
// 0.002 ms; ours are located inside the step.
func TestIzhikevichBrian2(t *testing.T) {
	data, err := os.ReadFile("testdata/izhikevich_brian2.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		I          float64
		DurationMS float64              `json:"duration_ms"`
		Spikes     map[string][]float64 `json:"spikes_ms"`
	}
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	// Brian2 resets at the end of the step in which v passed the peak, so
	// each of its spike times lags the crossing by up to one of its steps
	// and the lag accumulates along the train; compare the first spike and
	// every interval instead. The largest interval differences (0.013 ms,
	// CH) are at the end of a burst, where the interval is most sensitive to
	// u; at a 0.01 ms Brian2 step they were 5× larger, so they are Brian2's.
	const tolFirst, tolISI = 0.003, 0.02 // ms
	for typ, p := range IzhPresets {
		want, ok := ref.Spikes[p.Name]
		if !ok {
			continue
		}
		t.Run(p.Name, func(t *testing.T) {
			got := runIzh(t, typ, ref.I, 0, ref.DurationMS).Spikes()
			if len(got) != len(want) {
				t.Fatalf("%d spikes, Brian2 %d", len(got), len(want))
			}
			if d := math.Abs(got[0] - want[0]); d > tolFirst {
				t.Errorf("first spike at %.4f ms, Brian2 %.4f ms, difference %.3g > %g", got[0], want[0], d, tolFirst)
			}
			worst := 0.0
			for i := 1; i < len(got); i++ {
				g, w := got[i]-got[i-1], want[i]-want[i-1]
				worst = max(worst, math.Abs(g-w))
				if math.Abs(g-w) > tolISI {
					t.Fatalf("ISI %d = %.4f ms, Brian2 %.4f ms, difference %.3g > %g", i, g, w, math.Abs(g-w), tolISI)
				}
			}
			t.Logf("%d spikes, worst ISI difference %.3g ms", len(got), worst)
		})
	}
}

// TestIzhikevichCrossingExact checks the located first spike against a fine
// (1 µs) RK4 scan.
func TestIzhikevichCrossingExact(t *testing.T) {
	m := runIzh(t, IzhRS, 10, 0, 30)
	s := m.Spikes()
	ref := NewIzhikevich()
	ref.Reset(1)
	y := ref.y
	rk := sim.NewRK4(2)
	const h = 1e-3
	tt := 0.0
	for y[0] < izhPeak {
		rk.Step(ref, tt, h, y[:])
		tt += h
	}
	if d := math.Abs(s[0] - tt); d > 2*h {
		t.Errorf("first spike %.5f ms, fine RK4 %.5f ms, difference %.3g", s[0], tt, d)
	}
}

func TestIzhikevichDeterministicAndFinite(t *testing.T) {
	a := runIzh(t, IzhCH, 40, 0, 2000)
	b := runIzh(t, IzhCH, 40, 0, 2000)
	if a.y != b.y || len(a.Spikes()) != len(b.Spikes()) {
		t.Error("two runs with the same parameters differ")
	}
	if math.IsNaN(a.y[0]) || math.IsNaN(a.y[1]) {
		t.Error("non-finite state")
	}
}

func BenchmarkIzhikevich(b *testing.B) {
	m := NewIzhikevich()
	m.Set("type", IzhCH)
	m.Reset(1)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		m.Step()
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(izhDT/1000/sec, "x_realtime")
}

func ExampleIzhikevich() {
	m := NewIzhikevich()
	m.Set("type", IzhRS)
	m.Set("I", 10)
	m.Reset(1)
	for m.Time() < 1000 {
		m.Step()
	}
	s := m.Spikes()
	fmt.Printf("%d spikes; first ISI %.4g ms, last ISI %.4g ms\n", len(s), s[1]-s[0], s[len(s)-1]-s[len(s)-2])
	// Output: 23 spikes; first ISI 17.11 ms, last ISI 44.81 ms
}
