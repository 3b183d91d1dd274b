package learning

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"
)

func newSTDP(t testing.TB, set map[string]float64) *STDP {
	t.Helper()
	m := NewSTDP()
	for k, v := range set {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(1)
	return m
}

func stdpMetric(m *STDP, key string) float64 {
	d := make([]float64, len(m.Info().Metrics))
	m.Metrics(d)
	for i, mt := range m.Info().Metrics {
		if mt.Key == key {
			return d[i]
		}
	}
	panic("no metric " + key)
}

// runMS steps m for ms of simulated time.
func runMS(m *STDP, ms float64) {
	for range int(math.Round(ms / stdpDT)) {
		m.Step()
	}
}

// TestSTDPPairingWindow drives isolated pairs (1 Hz, so traces have decayed
// by e^{−50} between pairings) and compares the weight change with the
// window A₊e^{−Δt/τ₊} / −A₋e^{Δt/τ₋}.
func TestSTDPPairingWindow(t *testing.T) {
	cases := []struct {
		dt, tauP, tauM, aRatio float64
	}{
		{-50, 20, 20, 1.05}, {-20, 20, 20, 1.05}, {-5, 20, 20, 1.05}, {-1, 17, 34, 0.8},
		{0, 20, 20, 1.05}, {1, 20, 20, 1.05}, {10, 20, 20, 1.05}, {25, 10, 40, 1.5}, {100, 50, 20, 1},
	}
	for _, c := range cases {
		m := newSTDP(t, map[string]float64{"dt_pair": c.dt, "tau_plus": c.tauP, "tau_minus": c.tauM,
			"a_ratio": c.aRatio, "freq": 1, "n_pairs": 3, "a_plus": 0.01})
		runMS(m, 1100)
		want := 1.0 // %
		if c.dt >= 0 {
			want *= math.Exp(-c.dt / c.tauP)
		} else {
			want *= -c.aRatio * math.Exp(c.dt/c.tauM)
		}
		if got := stdpMetric(m, "dw"); math.Abs(got-want) > 1e-9 {
			t.Errorf("Δt = %g ms: dw = %.10g%%, want %.10g%% (diff %.2g)", c.dt, got, want, got-want)
		}
		if got := m.Window(c.dt) * 100; math.Abs(got-want) > 1e-12 {
			t.Errorf("Δt = %g ms: Window = %.10g%%, want %.10g%%", c.dt, got, want)
		}
		runMS(m, 3000)
		if got := stdpMetric(m, "dw_total"); math.Abs(got-3*want) > 1e-9 {
			t.Errorf("Δt = %g ms: 3 pairings changed w by %.10g%%, want %.10g%%", c.dt, got, 3*want)
		}
	}
}

// TestSTDPPairingFrequency checks the all-to-all interaction of traces at
// a high pairing rate against the geometric sums: with period T and
// 0 < Δt < T, a pairing in the steady train changes w by
//
//	A₊e^{−Δt/τ₊}/(1 − e^{−T/τ₊}) − A₋e^{−(T−Δt)/τ₋}/(1 − e^{−T/τ₋})
func TestSTDPPairingFrequency(t *testing.T) {
	for _, c := range []struct{ freq, dt float64 }{{20, 10}, {10, 5}, {40, 20}} {
		m := newSTDP(t, map[string]float64{"dt_pair": c.dt, "freq": c.freq, "n_pairs": 40, "a_plus": 0.005})
		T := 1000 / c.freq
		runMS(m, stdpPair0+39*T+c.dt+1) // through the 40th pairing
		ap, am, tau := 0.005, 0.005*1.05, 20.0
		want := 100 * (ap*math.Exp(-c.dt/tau)/(1-math.Exp(-T/tau)) - am*math.Exp(-(T-c.dt)/tau)/(1-math.Exp(-T/tau)))
		if got := stdpMetric(m, "dw"); math.Abs(got-want) > 1e-6 {
			t.Errorf("%g Hz, Δt = %g ms: dw = %.8g%%, want %.8g%% (diff %.2g)", c.freq, c.dt, got, want, got-want)
		}
	}
}

// TestSTDPCorrelatedGroupWins checks that correlated inputs end stronger
// than uncorrelated ones (Song et al. 2000), seed 1, 60 s.
func TestSTDPCorrelatedGroupWins(t *testing.T) {
	m := newSTDP(t, map[string]float64{"mode": STDPNetwork, "corr": 0.2, "corr_frac": 0.1})
	runMS(m, 60000)
	wc, wu, sel := stdpMetric(m, "w_corr"), stdpMetric(m, "w_uncorr"), stdpMetric(m, "selectivity")
	t.Logf("after 60 s: w_corr %.3g, w_uncorr %.3g, selectivity %.3g", wc, wu, sel)
	if wc < 0.9 || wu > 0.5 || sel < 0.3 {
		t.Errorf("after 60 s: w_corr = %.3g (want > 0.9), w_uncorr = %.3g (want < 0.5), selectivity = %.3g (want > 0.3)", wc, wu, sel)
	}
	// Without correlation the group is not special.
	m = newSTDP(t, map[string]float64{"mode": STDPNetwork, "corr": 0, "corr_frac": 0.1})
	runMS(m, 60000)
	if sel := stdpMetric(m, "selectivity"); math.Abs(sel) > 0.1 {
		t.Errorf("c = 0: selectivity = %.3g, want |sel| < 0.1", sel)
	}
}

// brianRef is the output of testdata/stdp_brian2.py.
type brianRef struct {
	Runs []struct {
		Hist     []float64 `json:"hist"`
		FracHigh float64   `json:"frac_high"`
		FracLow  float64   `json:"frac_low"`
		WMean    float64   `json:"w_mean"`
		Rate     float64   `json:"post_rate_hz_last20s"`
	} `json:"runs"`
}

// TestSTDPBimodal runs the uncorrelated network for 100 s with A₋ = 1.05·A₊
// (τ₊ = τ₋) and checks the weights split toward both bounds, against the
// Brian 2 reference (testdata/stdp_brian2.json, three seeds); with
// A₋ < A₊ instead, nearly every weight goes to w_max.
func TestSTDPBimodal(t *testing.T) {
	data, err := os.ReadFile("testdata/stdp_brian2.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref brianRef
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	var hi, lo, wm, rate float64
	n := float64(len(ref.Runs))
	for _, r := range ref.Runs {
		hi += r.FracHigh * 100 / n
		lo += r.FracLow * 100 / n
		wm += r.WMean / n
		rate += r.Rate / n
	}
	var gHi, gLo, gW, gRate float64
	var hist [stdpBins]float64
	const seeds = 3
	for seed := range uint64(seeds) {
		m := newSTDP(t, map[string]float64{"mode": STDPNetwork, "corr_frac": 0})
		m.Reset(seed + 1)
		runMS(m, 80000)
		var spikes0 = m.nPost
		runMS(m, 20000)
		gRate += float64(m.nPost-spikes0) / 20 / seeds
		gHi += stdpMetric(m, "frac_high") / seeds
		gLo += stdpMetric(m, "frac_low") / seeds
		gW += stdpMetric(m, "w_uncorr") / seeds
		for i := range m.n {
			hist[min(int(m.w[i]*stdpBins), stdpBins-1)]++
		}
	}
	cases := []struct {
		name      string
		got, want float64
		tol       float64
	}{
		{"% of weights > 0.8 w_max", gHi, hi, 4},
		{"% of weights < 0.2 w_max", gLo, lo, 4},
		{"mean w/w_max", gW, wm, 0.04},
		{"output rate, last 20 s (Hz)", gRate, rate, 4},
	}
	for _, c := range cases {
		t.Logf("%s: got %.4g, Brian 2 %.4g", c.name, c.got, c.want)
		if d := math.Abs(c.got - c.want); d > c.tol {
			t.Errorf("%s: got %.4g, Brian 2 %.4g (diff %.3g > %g)", c.name, c.got, c.want, d, c.tol)
		}
	}
	var mid float64
	for b := 5; b < 15; b++ {
		mid += hist[b] / 10
	}
	if hist[0] < 1.5*mid || hist[stdpBins-1] < 1.5*mid {
		t.Errorf("histogram %v is not bimodal: end bins %g and %g vs middle mean %g", hist, hist[0], hist[stdpBins-1], mid)
	}

	m := newSTDP(t, map[string]float64{"mode": STDPNetwork, "corr_frac": 0, "a_ratio": 0.8})
	runMS(m, 60000)
	if h := stdpMetric(m, "frac_high"); h < 90 {
		t.Errorf("A₋/A₊ = 0.8: %.3g%% of weights above 0.8 w_max, want > 90%%", h)
	}
}

func TestSTDPStepDoesNotAllocate(t *testing.T) {
	for _, mode := range []float64{STDPPairing, STDPNetwork} {
		m := newSTDP(t, map[string]float64{"mode": mode, "freq": 50})
		runMS(m, 1000)
		if a := testing.AllocsPerRun(10000, m.Step); a != 0 {
			t.Errorf("mode %g: %g allocations per step, want 0", mode, a)
		}
	}
}

func BenchmarkSTDPStep(b *testing.B) {
	for _, mode := range []float64{STDPPairing, STDPNetwork} {
		b.Run(fmt.Sprint("mode=", mode), func(b *testing.B) {
			m := newSTDP(b, map[string]float64{"mode": mode})
			b.ReportAllocs()
			for b.Loop() {
				m.Step()
			}
			ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			b.ReportMetric(stdpDT*1e6/ns, "x_realtime")
		})
	}
}

func ExampleSTDP() {
	m := NewSTDP()
	_ = m.Set("dt_pair", 10)
	_ = m.Set("n_pairs", 1)
	m.Reset(1)
	for range 5000 {
		m.Step()
	}
	d := make([]float64, len(m.Info().Metrics))
	m.Metrics(d)
	fmt.Printf("Δw = %.4g%% of w_max (A₊e^{−10/20} = %.4g%%)\n", d[0], math.Exp(-0.5))
	// Output: Δw = 0.6065% of w_max (A₊e^{−10/20} = 0.6065%)
}

func TestSTDPMetricsFollowMode(t *testing.T) {
	m := NewSTDP()
	for _, c := range []struct {
		mode   float64
		active []string
		hidden []string
	}{
		{STDPPairing, []string{"dw", "dw_total"}, []string{"w_corr", "post_rate_hz"}},
		{STDPNetwork, []string{"w_corr", "selectivity", "post_rate_hz"}, []string{"dw", "dw_total"}},
	} {
		if err := m.Set("mode", c.mode); err != nil {
			t.Fatal(err)
		}
		for _, k := range c.active {
			if !m.MetricActive(k) {
				t.Errorf("mode %g: metric %s hidden, want shown", c.mode, k)
			}
		}
		for _, k := range c.hidden {
			if m.MetricActive(k) {
				t.Errorf("mode %g: metric %s shown, want hidden", c.mode, k)
			}
		}
	}
}
