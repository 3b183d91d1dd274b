package neuron

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"
	"time"
)

// TestHHRateFunctions checks the rate functions against the textbook
// formulas away from the removable singularities, and that α_m (V = −40 mV)
// and α_n (V = −55 mV) are finite and continuous through them.
func TestHHRateFunctions(t *testing.T) {
	naive := func(v float64) [6]float64 {
		return [6]float64{
			0.1 * (v + 40) / (1 - math.Exp(-0.1*(v+40))),
			4 * math.Exp(-0.0556*(v+65)),
			0.07 * math.Exp(-0.05*(v+65)),
			1 / (1 + math.Exp(-0.1*(v+35))),
			0.01 * (v + 55) / (1 - math.Exp(-0.1*(v+55))),
			0.125 * math.Exp(-0.0125*(v+65)),
		}
	}
	names := [6]string{"α_m", "β_m", "α_h", "β_h", "α_n", "β_n"}
	for _, v := range []float64{-100, -80, -65, -54, -41, -39.9, -20, 0, 40, 60} {
		am, bm, ah, bh, an, bn := hhRates(v)
		got, want := [6]float64{am, bm, ah, bh, an, bn}, naive(v)
		for i := range got {
			if d := math.Abs(got[i]-want[i]) / want[i]; d > 1e-11 {
				t.Errorf("%s(%g mV) = %.15g, textbook %.15g (rel. diff %.2g)", names[i], v, got[i], want[i], d)
			}
		}
	}
	// At the singular points: the limits 1/ms (α_m) and 0.1/ms (α_n), and
	// the slope c/2 per unit of x = 0.1(V − V*) on either side.
	for _, c := range []struct {
		name  string
		at    float64
		limit float64
		pick  func(v float64) float64
	}{
		{"α_m", -40, 1, func(v float64) float64 { a, _, _, _, _, _ := hhRates(v); return a }},
		{"α_n", -55, 0.1, func(v float64) float64 { _, _, _, _, a, _ := hhRates(v); return a }},
	} {
		for _, dv := range []float64{0, 1e-12, -1e-12, 1e-7, -1e-7, 1e-4, -1e-4, 1e-2, -1e-2} {
			got := c.pick(c.at + dv)
			x := 0.1 * dv
			want := c.limit * (1 + x/2 + x*x/12)
			if math.IsNaN(got) || math.Abs(got-want) > 1e-12 {
				t.Errorf("%s(%g %+g mV) = %.15g, want %.15g", c.name, c.at, dv, got, want)
			}
		}
	}
}

type hhBrian struct {
	Rest   float64 `json:"rest_mV"`
	Steady struct {
		I     []float64 `json:"I_uA_cm2"`
		Rates []float64 `json:"rate_hz"`
		Peaks []float64 `json:"peak_mV"`
	} `json:"steady"`
	Trace struct {
		T []float64 `json:"t_ms"`
		V []float64 `json:"v_mV"`
	} `json:"trace_I10"`
	Rheobase struct {
		From float64 `json:"repetitive_from_uA_cm2"`
	} `json:"rheobase"`
}

func loadHHBrian(t *testing.T) hhBrian {
	t.Helper()
	data, err := os.ReadFile("testdata/hh_brian2.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref hhBrian
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	return ref
}

// hhRunLate runs a fresh HH at current I for 1000 ms and returns the
// model and the number of spikes in 500–1000 ms.
func hhRunLate(t testing.TB, I float64) (*HH, int) {
	t.Helper()
	m := NewHH()
	setParamsT(t, m, map[string]float64{"I": I})
	m.Reset(1)
	for m.steps < 50_000 {
		m.Step()
	}
	early := m.stats.Count()
	for m.steps < 100_000 {
		m.Step()
	}
	return m, m.stats.Count() - early
}

// TestHHBrian2 compares with Brian2 running the same equations with RK4 at
// the same step (testdata/hh_brian2.py): resting potential, spike peaks,
// steady firing rates, a V trace and the rheobase for repetitive firing.
// The two differ only by floating-point rounding.
func TestHHBrian2(t *testing.T) {
	ref := loadHHBrian(t)
	m, _ := hhRunLate(t, 0)
	if d := math.Abs(m.y[0] - ref.Rest); d > 1e-6 {
		t.Errorf("rest: V = %.9g mV, Brian2 %.9g mV (diff %.2g)", m.y[0], ref.Rest, d)
	}
	for k, I := range ref.Steady.I {
		m, _ := hhRunLate(t, I)
		if d := math.Abs(m.peak - ref.Steady.Peaks[k]); d > 1e-6 {
			t.Errorf("I = %g µA/cm²: peak %.9g mV, Brian2 %.9g mV (diff %.2g)", I, m.peak, ref.Steady.Peaks[k], d)
		}
		got := m.steadyRate(I, hhDT) // 1/mean interval after 40 ms
		if want := ref.Steady.Rates[k]; math.Abs(got-want) > 1e-3*max(want, 1) {
			t.Errorf("I = %g µA/cm²: rate %.7g Hz, Brian2 %.7g Hz", I, got, want)
		}
	}
	m = NewHH()
	k := 0
	for _, tt := range ref.Trace.T {
		for m.Time() < tt-1e-9 {
			m.Step()
		}
		if d := math.Abs(m.y[0] - ref.Trace.V[k]); d > 1e-6 {
			t.Errorf("I = 10 µA/cm², t = %g ms: V = %.9g mV, Brian2 %.9g mV (diff %.2g)", tt, m.y[0], ref.Trace.V[k], d)
		}
		k++
	}
	rh := ref.Rheobase.From
	if _, n := hhRunLate(t, rh); n < 2 {
		t.Errorf("I = %g µA/cm² (Brian2's rheobase): %d spikes in 500–1000 ms, want repetitive firing", rh, n)
	}
	if _, n := hhRunLate(t, rh-0.01); n != 0 {
		t.Errorf("I = %g µA/cm² (below Brian2's rheobase): %d spikes in 500–1000 ms, want 0", rh-0.01, n)
	}
}

// TestHHPublished checks the textbook facts of this parameter set: rest
// near −65 mV, spikes peaking near +40 mV, a single spike (no repetitive
// firing) at moderate currents, and repetitive firing that starts at about
// 6.2 µA/cm² with a jump to a finite rate (type II excitability).
func TestHHPublished(t *testing.T) {
	m, _ := hhRunLate(t, 0)
	if math.Abs(m.y[0]+65) > 0.1 {
		t.Errorf("rest %.4g mV, want −65 ± 0.1 mV", m.y[0])
	}
	m, _ = hhRunLate(t, 10)
	if math.Abs(m.peak-40) > 2 {
		t.Errorf("peak %.4g mV at 10 µA/cm², want 40 ± 2 mV", m.peak)
	}
	if m5, n := hhRunLate(t, 5); n != 0 || m5.stats.Count() != 1 {
		t.Errorf("5 µA/cm²: %d spikes, %d of them late; want 1 onset spike only", m5.stats.Count(), n)
	}
	I, rate := NewHH().SweepRates()
	first := -1
	for k := range I {
		if rate[k] > 0 && first < 0 {
			first = k
		}
	}
	if first < 0 || I[first] != 7 || rate[first] < 40 {
		t.Fatalf("sweep: first firing point %d (rates %v), want a jump to > 40 Hz at 7 µA/cm²", first, rate)
	}
}

// TestHHSweepCached checks the f–I sweep matches the full-resolution model
// and is recomputed only when a conductance changes.
func TestHHSweepCached(t *testing.T) {
	m := NewHH()
	I, rate := m.SweepRates()
	for _, k := range []int{7, 10, 20, 30} {
		want := m.steadyRate(I[k], hhDT)
		if math.Abs(rate[k]-want) > 1e-3*want {
			t.Errorf("I = %g: sweep (dt %g ms) %.6g Hz, at dt %g ms %.6g Hz", I[k], hhSweepDT, rate[k], hhDT, want)
		}
	}
	setParamsT(t, m, map[string]float64{"I": 20})
	before := rate[10]
	rate[10] = -1 // a recomputation would overwrite this
	if _, r := m.SweepRates(); r[10] != -1 {
		t.Error("changing only I recomputed the sweep")
	}
	rate[10] = before
	setParamsT(t, m, map[string]float64{"gK": 30})
	if _, r := m.SweepRates(); r[10] == before {
		t.Error("changing gK did not recompute the sweep")
	}
}

func ExampleHH() {
	m := NewHH() // I = 10 µA/cm²
	for m.Time() < 1000 {
		m.Step()
	}
	var v [4]float64
	m.Metrics(v[:])
	fmt.Printf("rate %.4g Hz, %v spikes, peak %.4g mV\n", v[0], v[1], v[2])
	// Output: rate 68.89 Hz, 69 spikes, peak 40.27 mV
}

func BenchmarkHH(b *testing.B) {
	m := NewHH()
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		m.Step()
	}
	b.ReportMetric(realtimeFactor(float64(b.N)*hhDT, time.Since(start)), "x_realtime")
}

// BenchmarkHHSweep times one recomputation of the f–I curve.
func BenchmarkHHSweep(b *testing.B) {
	m := NewHH()
	b.ReportAllocs()
	for b.Loop() {
		m.sweepOK = false
		m.SweepRates()
	}
}
