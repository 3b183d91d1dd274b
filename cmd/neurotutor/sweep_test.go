package main

import (
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"
)

// TestSweepReproducesHHLesson runs `sim sweep hh --param I` at the currents
// the hh lesson quotes and checks the rates it quotes, and that the lesson
// still says so.
func TestSweepReproducesHHLesson(t *testing.T) {
	text, err := os.ReadFile("../../lessons/content/01-neuron/03-hh.md")
	if err != nil {
		t.Fatal(err)
	}
	quotes := []struct {
		I, rate float64
		says    string
	}{
		{6.2, 0, "Set I = 6.2: a few spikes that die out (rate_hz 0 Hz)"},
		{6.3, 52, "at 6.3 µA/cm² it fires\nrepetitively at about 52 Hz"},
		{10, 69, "At I = 10 µA/cm² the axon fires at about 69 Hz"},
		{30, 99, "about 99 Hz at 30 µA/cm²"},
	}
	for _, q := range quotes {
		if !strings.Contains(strings.Join(strings.Fields(string(text)), " "), strings.Join(strings.Fields(q.says), " ")) {
			t.Errorf("the hh lesson no longer says %q: update this test with it", q.says)
		}
	}
	for _, rng := range [][]string{{"6.2", "6.3"}, {"10", "30"}} {
		out, errs, code := runCLI("sim", "sweep", "hh", "--param", "I", "--from", rng[0], "--to", rng[1], "--points", "2", "--metric", "rate_hz")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var r struct {
			Points []struct {
				Value   float64
				Metrics map[string]struct{ Mean float64 }
			}
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		for _, p := range r.Points {
			for _, q := range quotes {
				if q.I == p.Value {
					if got := p.Metrics["rate_hz"].Mean; math.Abs(got-q.rate) > 1 {
						t.Errorf("I = %g: rate %.2f Hz, the lesson says about %g Hz", q.I, got, q.rate)
					}
				}
			}
		}
	}
}

func TestSweepCSVAndSeeds(t *testing.T) {
	out, errs, code := runCLI("sim", "sweep", "wta", "--param", "beta", "--from", "0.2", "--to", "1", "--points", "3",
		"--metric", "winner,active", "--set", "noise=2", "--seeds", "3", "--duration", "200", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := "beta,winner_mean,winner_sd,winner_min,winner_max,active_mean,active_sd,active_min,active_max"
	if lines[0] != want || len(lines) != 4 || !strings.HasPrefix(lines[1], "0.2,") || !strings.HasPrefix(lines[3], "1,") {
		t.Errorf("csv:\n%s\nwant header %s and rows for 0.2, 0.6, 1", out, want)
	}
	out, _, _ = runCLI("sim", "sweep", "wta", "--param", "n", "--metric", "active", "--format", "csv", "--duration", "50")
	if got := strings.TrimSpace(out); !strings.HasPrefix(got, "n,active\n2,") || strings.Count(got, "\n") != 5 {
		t.Errorf("a whole-number sweep over 2…6 with 11 points should give 5 rows:\n%s", got)
	}
}
