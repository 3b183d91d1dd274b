package network

import (
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"
)

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

// brian2Run is one Brian2 run's statistics in the testdata files, with
// brunel.go's definitions (brunel_standalone.py).
type brian2Run struct {
	Rate     float64 `json:"rate_hz"`
	CV       float64 `json:"cv_isi"`
	Sync     float64 `json:"synchrony"`
	PopCV    float64 `json:"pop_cv"`
	OscHz    float64 `json:"osc_hz"`
	OscPower float64 `json:"osc_power"`
}

// brian2Mean averages the statistics of runs.
func brian2Mean(runs []brian2Run) brian2Run {
	var m brian2Run
	k := float64(len(runs))
	for _, r := range runs {
		m.Rate += r.Rate / k
		m.CV += r.CV / k
		m.Sync += r.Sync / k
		m.PopCV += r.PopCV / k
		m.OscHz += r.OscHz / k
		m.OscPower += r.OscPower / k
	}
	return m
}

// readBrian2Fig8 reads testdata/brunel_brian2_fig8.json: Brunel's four
// figure-8 points at N_E = 10 000 in Brian2, keyed "SR", "SI fast", "AI",
// "SI slow".
func readBrian2Fig8(t *testing.T) map[string][]brian2Run {
	t.Helper()
	raw, err := os.ReadFile("testdata/brunel_brian2_fig8.json")
	if err != nil {
		t.Fatal(err)
	}
	var file map[string]struct {
		Runs []brian2Run `json:"runs"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	out := map[string][]brian2Run{}
	for k, v := range file {
		out[strings.ReplaceAll(k, "_", " ")] = v.Runs
	}
	return out
}

// compareBrian2 checks m (seed 1, 1100 ms) against the mean of Brian2's
// runs of the same point. The two simulators schedule a step
// differently — Brian2 ends the refractory period and applies a delayed
// spike one 0.1 ms step later — which lengthens the SR cycle there
// (312 Hz against 333 Hz) and slows and sharpens the fast rhythm (Brian2:
// 170–174 Hz, osc_power 29; here ≈ 176–190 Hz, 16–24). The SI slow
// point is the noisiest: Brian2's two seeds differ by 8 % in rate and
// put its broad spectral peak at 14 and 23 Hz. So the tolerances are
// 15 % on rates, 0.12 on cv_isi, 0.04 on χ, 15 % on pop_cv, and on
// osc_hz 10 % for SI fast and 8 Hz for SI slow; osc_hz is not compared
// for SR, whose comb aliases differently at the two rates (see
// Oscillation), nor for AI, which has no peak.
func compareBrian2(t *testing.T, name string, m *Brunel, runs []brian2Run) {
	t.Helper()
	if len(runs) == 0 {
		t.Errorf("%s: no Brian2 reference in testdata/brunel_brian2_fig8.json", name)
		return
	}
	r := brian2Mean(runs)
	hz, _ := m.Oscillation()
	for _, c := range []struct {
		key            string
		got, want, tol float64
		rel, skip      bool
	}{
		{"rate_hz", m.RateHz(), r.Rate, 0.15, true, false},
		{"cv_isi", m.CV(), r.CV, 0.12, false, false},
		{"synchrony", m.Synchrony(), r.Sync, 0.04, false, false},
		{"pop_cv", m.PopCV(), r.PopCV, 0.15, true, false},
		{"osc_hz", hz, r.OscHz, 0.10, true, name != "SI fast"},
		{"osc_hz", hz, r.OscHz, 8, false, name != "SI slow"},
	} {
		if c.skip {
			continue
		}
		tol := c.tol
		if c.rel {
			tol *= c.want
		}
		if math.Abs(c.got-c.want) > tol {
			t.Errorf("%s: %s %.4g, Brian2 %.4g, diff %.3g (tolerance %.3g)", name, c.key, c.got, c.want, c.got-c.want, tol)
		}
	}
	t.Logf("%s beside Brian2: rate %.4g (%.4g) Hz, CV %.3g (%.3g), χ %.3g (%.3g), pop_cv %.3g (%.3g), osc %.4g (%.4g) Hz",
		name, m.RateHz(), r.Rate, m.CV(), r.CV, m.Synchrony(), r.Sync, m.PopCV(), r.PopCV, hz, r.OscHz)
}

// TestBrunelBrian2Large compares the network of the timing comparison
// (N_E = 4 000, J = 0.1 mV, g = 5, ν_ext = 2ν_thr, 1000 ms) with Brian2's
// runs of it in testdata/brunel_brian2_bench.json, three seeds each: a
// mean-driven asynchronous state (CV ≈ 0.2) whose rate the step
// scheduling moves little. Tolerances: 5 % on the rate, 10 % on cv_isi
// and pop_cv, 0.02 on χ.
func TestBrunelBrian2Large(t *testing.T) {
	if testing.Short() {
		t.Skip("three runs of 5 000 neurons")
	}
	raw, err := os.ReadFile("testdata/brunel_brian2_bench.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Seeds []struct {
			Brian2 brian2Run `json:"brian2"`
		} `json:"seeds"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	var runs, ours []brian2Run
	for i, s := range file.Seeds {
		runs = append(runs, s.Brian2)
		m := newBrunelAt(t, uint64(i+1), "n_e", 4000.0, "J", 0.1, "g", 5.0, "nu_ext", 2.0, "D", 1.5)
		for m.Time() < 1000-brDT/2 {
			m.Step()
		}
		ours = append(ours, brian2Run{Rate: m.RateHz(), CV: m.CV(), Sync: m.Synchrony(), PopCV: m.PopCV()})
	}
	if len(runs) == 0 {
		t.Fatal("no Brian2 runs in testdata/brunel_brian2_bench.json")
	}
	r, o := brian2Mean(runs), brian2Mean(ours)
	for _, c := range []struct {
		key            string
		got, want, tol float64
	}{
		{"rate_hz", o.Rate, r.Rate, 0.05 * r.Rate},
		{"cv_isi", o.CV, r.CV, 0.10 * r.CV},
		{"synchrony", o.Sync, r.Sync, 0.02},
		{"pop_cv", o.PopCV, r.PopCV, 0.10 * r.PopCV},
	} {
		if math.Abs(c.got-c.want) > c.tol {
			t.Errorf("N_E = 4 000: %s %.4g, Brian2 %.4g, diff %.3g (tolerance %.3g)", c.key, c.got, c.want, c.got-c.want, c.tol)
		}
	}
	t.Logf("N_E = 4 000 beside Brian2: rate %.4g (%.4g) Hz, CV %.3g (%.3g), χ %.3g (%.3g), pop_cv %.3g (%.3g)",
		o.Rate, r.Rate, o.CV, r.CV, o.Sync, r.Sync, o.PopCV, r.PopCV)
}
