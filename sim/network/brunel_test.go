package network

import (
	"fmt"
	"math"
	"testing"
)

func newBrunel(t testing.TB, g, nu float64, seed uint64) *Brunel {
	t.Helper()
	return newBrunelAt(t, seed, "g", g, "nu_ext", nu)
}

// newBrunelAt returns the model with the parameters of kv (key, value,
// key, value, …) set over the defaults, reset with seed.
func newBrunelAt(t testing.TB, seed uint64, kv ...any) *Brunel {
	t.Helper()
	m := NewBrunel()
	for i := 0; i+1 < len(kv); i += 2 {
		if err := m.Set(kv[i].(string), kv[i+1].(float64)); err != nil {
			t.Fatal(err)
		}
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

// TestBrunelStates checks the lab's default size (N_E = 1 000, J = 1 mV)
// with seed 1 after 1100 ms at Brunel's four figure-8 points: the
// synchronous regular (g = 3, ν_ext = 2ν_thr) and asynchronous irregular
// (g = 5, ν_ext = 2ν_thr) states appear there, while at his two SI points
// this network stays irregular without a clear rhythm (the lesson's Try
// it 7; at N_E = 10 000 both rhythms appear, TestBrunelStatesFullSize).
// A fast rhythm with irregular cells does appear at this size with
// smaller jumps and a longer delay (J = 0.4 mV, D = 4 ms, g = 8,
// ν_ext = 5ν_thr). NaN bounds are open.
func TestBrunelStates(t *testing.T) {
	nan := math.NaN()
	open := [2]float64{nan, nan}
	for _, c := range []brunelState{
		{"SR", 1000, 1, 3, 2, 1.5, 1100,
			[2]float64{200, nan}, [2]float64{nan, 0.2}, [2]float64{0.35, nan}, open, [2]float64{320, 350},
			[2]float64{30, nan}, open},
		{"AI", 1000, 1, 5, 2, 1.5, 1100,
			[2]float64{nan, 80}, [2]float64{0.8, nan}, [2]float64{nan, 0.2}, open, open,
			[2]float64{nan, 15}, open},
		{"Brunel's SI fast point", 1000, 1, 6, 4, 1.5, 1100,
			open, [2]float64{1.5, nan}, [2]float64{nan, 0.15}, [2]float64{nan, 0.5}, open,
			[2]float64{nan, 12}, open},
		{"Brunel's SI slow point", 1000, 1, 4.5, 0.9, 1.5, 1100,
			open, [2]float64{1, nan}, [2]float64{0.1, 0.22}, [2]float64{nan, 1.2}, open,
			[2]float64{nan, 25}, open},
		{"fast rhythm at J = 0.4 mV, D = 4 ms", 1000, 0.4, 8, 5, 4, 1100,
			open, [2]float64{0.6, nan}, [2]float64{0.17, 0.3}, open, [2]float64{75, 105},
			[2]float64{20, nan}, open},
	} {
		checkBrunelState(t, c)
	}
}

// TestBrunelOscillation feeds the spectrum synthetic population counts:
// a sinusoid at f must come out at f within one frequency bin (1000/n Hz)
// with a power ratio far above the ≈ 1–3 of noise, a constant gives no
// power, and fewer than 128 bins give 0, 0.
func TestBrunelOscillation(t *testing.T) {
	for _, c := range []struct {
		n  int
		hz float64
	}{{512, 12}, {512, 97.3}, {512, 333}, {300, 40}, {128, 150}} {
		m := NewBrunel()
		for b := range c.n {
			m.popRing[b] = 50 + 20*math.Sin(2*math.Pi*c.hz*float64(b)/1000)
		}
		m.popN = c.n
		hz, pow := m.Oscillation()
		if bin := 1000 / float64(c.n); math.Abs(hz-c.hz) > bin || pow < 20 {
			t.Errorf("n=%d, sine at %g Hz: osc_hz %.4g (diff %.2g, bin %.2g), osc_power %.3g (want > 20)",
				c.n, c.hz, hz, hz-c.hz, bin, pow)
		}
	}
	m := NewBrunel()
	for b := range brOscBins {
		m.popRing[b] = 7
	}
	m.popN = 1000 // the ring has wrapped
	if hz, pow := m.Oscillation(); hz != 0 || pow != 0 {
		t.Errorf("constant counts: osc_hz %.3g, osc_power %.3g, want 0, 0", hz, pow)
	}
	m.popN = 100
	if hz, pow := m.Oscillation(); hz != 0 || pow != 0 {
		t.Errorf("100 bins: osc_hz %.3g, osc_power %.3g, want 0, 0", hz, pow)
	}
}

// TestBrunelExternalTable checks that the table of external counts
// follows λ = C_E·ν_ext·dt = ν_ext/ν_thr · θ/(J·τ) · dt after Reset and
// after a mid-run Set of nu_ext or J, without allocating.
func TestBrunelExternalTable(t *testing.T) {
	m := newBrunel(t, 5, 2, 1)
	want := func() float64 { return m.NuExt * brTheta / (m.J * brTau) * brDT }
	if got := m.ext.Lambda(); math.Abs(got-0.2) > 1e-12 || got != want() {
		t.Errorf("after Reset: λ %.6g, want %.6g (0.2 at the default drive)", got, want())
	}
	for _, c := range []struct {
		key string
		v   float64
	}{{"nu_ext", 5}, {"J", 0.2}, {"nu_ext", 0}, {"J", 2}, {"nu_ext", 1}} {
		if err := m.Set(c.key, c.v); err != nil {
			t.Fatal(err)
		}
		m.Step()
		if got := m.ext.Lambda(); got != want() {
			t.Errorf("after Set(%s, %g): λ %.6g, want %.6g", c.key, c.v, got, want())
		}
	}
	// Every measured step rebuilds the table.
	n := 0
	if a := testing.AllocsPerRun(20, func() {
		n++
		m.NuExt = 1 + float64(n%2)
		m.Step()
	}); a > 0 {
		t.Errorf("%.2f allocations per step that rebuilds the table, want 0", a)
	}
}

func TestBrunelNoAllocs(t *testing.T) {
	m := newBrunel(t, 3, 2, 1)
	for m.Time() < 700 {
		m.Step()
	}
	if a := testing.AllocsPerRun(500, m.Step); a > 0 {
		t.Errorf("%.2f allocations per step, want 0", a)
	}
	dst := make([]float64, len(m.Info().Metrics))
	if a := testing.AllocsPerRun(5, func() { m.Metrics(dst) }); a > 0 {
		t.Errorf("%.2f allocations per Metrics call, want 0", a)
	}
}

func BenchmarkBrunel(b *testing.B) { benchBrunel(b, NewBrunel()) }

// BenchmarkBrunelLarge steps the network of the Brian2 comparison
// (testdata/brunel_brian2_bench.py): N_E = 4 000, N_I = 1 000, J = 0.1 mV,
// g = 5, ν_ext = 2ν_thr, D = 1.5 ms, in its asynchronous state (≈ 60 Hz).
func BenchmarkBrunelLarge(b *testing.B) {
	benchBrunel(b, newBrunelAt(b, 1, "n_e", 4000.0, "J", 0.1))
}

// benchBrunel steps m after a 200 ms transient and reports simulated time
// per wall-clock time.
func benchBrunel(b *testing.B, m *Brunel) {
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

// BenchmarkBrunelReset draws Brunel's full network (N_E = 10 000,
// 15.6 million synapses): the pause when the lab starts a new run there.
func BenchmarkBrunelReset(b *testing.B) {
	m := newBrunelAt(b, 1, "n_e", float64(brMaxNE)) // allocates
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		m.Reset(uint64(i))
	}
}

func ExampleBrunel() {
	m := NewBrunel()
	for m.Time() < 500 {
		m.Step()
	}
	fmt.Printf("rate %.3g Hz, CV %.2g, χ %.2g\n", m.RateHz(), m.CV(), m.Synchrony())
	// Output: rate 49.9 Hz, CV 1.4, χ 0.1
}
