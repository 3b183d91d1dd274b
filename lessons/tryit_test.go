package lessons_test

import (
	"math"
	"strings"
	"testing"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/models"
)

// quoted is one number a lesson quotes (most in its Try it section), and how to
// reproduce it: the lesson's lab (its starting values and seed) with set
// applied, run for ms of simulated time, must report metric within tol of
// want. The same run is `neurotutor sim run <model> --seed <lab seed>
// --duration <ms>` with the lab's values and set given as --set.
type quoted struct {
	lesson string
	quote  string // as it appears in the lesson (line breaks are spaces)
	set    string // space-separated key=value pairs, applied over the lab's values
	ms     float64
	metric string
	want   float64
	tol    float64 // absolute
}

// tryItNumbers is the table of quoted numbers. Tolerances cover the
// rounding of the quote and, for the noisy spiking network, the spread
// between seeds that the text states.
var tryItNumbers = []quoted{
	{"lif", "reads 63.0 Hz from the second spike on", "", 40, "steady_hz", 63.0, 0.15},
	{"hh", "fires at about 69 Hz", "I=10", 1000, "rate_hz", 69, 1.5},
	{"hh", "peak_mv 40.3 mV", "I=10", 1000, "peak_mv", 40.3, 0.1},
	{"hh", "steady firing at about 52 Hz", "I=6.3", 1000, "rate_hz", 52, 1.5},
	{"hh", "Set I = 6.2: a few spikes that die out (rate_hz 0 Hz)", "I=6.2", 1000, "rate_hz", 0, 0},
	{"hh", "Apply **Strong drive** (30 µA/cm²): about 99 Hz", "I=30", 1000, "rate_hz", 99, 1.5},

	{"microcircuits", "clean_mse is about 0.13", "noise=0.5", 200, "clean_mse", 0.13, 0.005},
	{"microcircuits", "set topdown = off and it rises to about 0.14", "noise=0.5 topdown=off", 200, "clean_mse", 0.14, 0.005},
	{"microcircuits", "gets *worse*, about 0.14", "noise=0.5 pi0=4", 200, "clean_mse", 0.14, 0.005},
	{"microcircuits", "Set π₀ = 0.25 instead: about 0.11", "noise=0.5 pi0=0.25", 200, "clean_mse", 0.11, 0.005},

	{"forgetting", "falls below 20% within 200 examples of B (15%)", "", 1700, "acc_a", 0.15, 0.025},
	{"forgetting", "to about 9% after 500 examples of B", "", 2000, "acc_a", 0.09, 0.015},
	{"forgetting", "about 5% after 2000 (examples_b = 2000, 3500 examples in all)", "", 3500, "acc_a", 0.05, 0.015},

	{"ei", "rhythm reads damped and freq_hz stays 0", "P=2", 1000, "rhythm", 1, 0},
	{"ei", "rhythm reads damped and freq_hz stays 0", "P=2", 2000, "freq_hz", 0, 0},
	{"ei", "rhythm reads damped and freq_hz stays 0", "P=2", 2000, "rhythm", 1, 0},
	{"ei", "rhythm speeds up from 20 to 38 Hz", "P=1.25", 2000, "freq_hz", 20, 0.5},
	{"ei", "rhythm speeds up from 20 to 38 Hz", "P=1.75", 2000, "freq_hz", 38, 0.5},

	{"spiking", "rate ≈ 330 Hz", "g=3", 2000, "rate_hz", 330, 10},
	{"spiking", "cv_isi ≈ 0.08, synchrony ≈ 0.47", "g=3", 2000, "synchrony", 0.47, 0.04},
	{"spiking", "Raise g to 3.5 (still ≈ 285 Hz)", "g=3.5", 2000, "rate_hz", 285, 10},
	{"spiking", "to ≈ 125 Hz (120–140 Hz from seed to seed)", "g=4", 2000, "rate_hz", 130, 10},
	{"spiking", "g = 5 (the AI preset): ≈ 55 Hz", "g=5", 2000, "rate_hz", 55, 3},
	{"spiking", "nu_ext = 1 gives ≈ 25 Hz", "g=5 nu_ext=1", 2000, "rate_hz", 25, 2.5},
	{"spiking", "0.8 gives ≈ 17 Hz", "g=5 nu_ext=0.8", 2000, "rate_hz", 17, 2},
	{"spiking", "Set g = 8, nu_ext = 2: ≈ 25 Hz with synchrony ≈ 0.08", "g=8 nu_ext=2", 2000, "rate_hz", 25, 2},
	{"spiking", "Set g = 8, nu_ext = 2: ≈ 25 Hz with synchrony ≈ 0.08", "g=8 nu_ext=2", 2000, "synchrony", 0.08, 0.01},
	{"spiking", "osc_hz holds steady near 90 Hz", "J=0.4 D=4 g=8 nu_ext=5", 2000, "osc_hz", 90, 5},
	{"spiking", "drops to ≈ 11–18 near 60 Hz", "J=0.4 D=4 g=5 nu_ext=2", 2000, "osc_power", 14.5, 4},
}

// TestTryItNumbersReproduced runs every quoted number of tryItNumbers and
// checks that the quote is still in the lesson, so text and model cannot
// drift apart unnoticed.
func TestTryItNumbersReproduced(t *testing.T) {
	c := loadCatalog(t)
	reg := models.Registry()
	for _, q := range tryItNumbers {
		t.Run(q.lesson+"/"+q.metric+"/"+q.set, func(t *testing.T) {
			t.Parallel()
			l, ok := c.Lesson(q.lesson)
			if !ok {
				t.Fatalf("no lesson %q", q.lesson)
			}
			if !strings.Contains(strings.Join(strings.Fields(l.Body), " "), q.quote) {
				t.Errorf("the lesson no longer says %q", q.quote)
			}
			got := runQuoted(t, reg, l, q)
			if d := math.Abs(got - q.want); d > q.tol {
				t.Errorf("%q: %s = %.4g after %g ms with %s, want %g ± %g (off by %.3g)",
					q.quote, q.metric, got, q.ms, q.set, q.want, q.tol, d)
			}
		})
	}
}

func runQuoted(t *testing.T, reg *sim.Registry, l *lessons.Lesson, q quoted) float64 {
	t.Helper()
	m, err := reg.New(l.Lab.Model)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range l.Lab.Params {
		if err := m.Set(x.Key, x.Value); err != nil {
			t.Fatalf("lab value %s: %v", x.Key, err)
		}
	}
	for _, kv := range strings.Fields(q.set) {
		key, text, _ := strings.Cut(kv, "=")
		v := math.NaN()
		for _, p := range m.Info().Params {
			if p.Key == key {
				if v, err = p.Parse(text); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := m.Set(key, v); err != nil {
			t.Fatalf("set %s: %v", kv, err)
		}
	}
	run := sim.NewRun(m, 0, 0)
	run.Reset(l.Lab.Seed)
	run.Advance(q.ms)
	return sim.MetricOf(m, q.metric)
}
