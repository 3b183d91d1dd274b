package models_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/models"
)

// testSpan is how long each check runs a model: 300 ms or 3000 steps,
// whichever is shorter.
func testSpan(info sim.Info) float64 { return math.Min(300, 3000*info.DT) }

func TestInfoConsistent(t *testing.T) {
	reg := models.Registry()
	for _, id := range reg.IDs() {
		m, _ := reg.New(id)
		info := m.Info()
		if info.ID != id || info.Title == "" || info.Summary == "" {
			t.Errorf("%s: id, title and summary are required", id)
		}
		if !(info.DT > 0 && info.Window > 0 && info.Speed > 0) {
			t.Errorf("%s: DT %g, Window %g and Speed %g must be positive", id, info.DT, info.Window, info.Speed)
		}
		keys := map[string]bool{}
		for _, p := range info.Params {
			if keys[p.Key] {
				t.Errorf("%s: parameter %s repeated", id, p.Key)
			}
			keys[p.Key] = true
		}
		for _, mt := range info.Metrics {
			if keys[mt.Key] {
				t.Errorf("%s: metric %s shares a key with a parameter or metric", id, mt.Key)
			}
			keys[mt.Key] = true
		}
		if len(info.Plots) == 0 {
			t.Errorf("%s: offers no plot", id)
		}
		for _, p := range info.Plots {
			for _, s := range p.Signals {
				if !slices.ContainsFunc(info.Signals, func(g sim.Signal) bool { return g.Key == s }) {
					t.Errorf("%s: plot %s draws unknown signal %s", id, p.Key, s)
				}
			}
			if p.Kind == sim.PlotTrace && len(p.Signals) == 0 {
				t.Errorf("%s: trace plot %s has no signals", id, p.Key)
			}
		}
	}
}

func TestSetRejectsBadInput(t *testing.T) {
	reg := models.Registry()
	for _, id := range reg.IDs() {
		m, _ := reg.New(id)
		var pe *sim.ParamError
		if err := m.Set("no_such_param", 1); !errors.As(err, &pe) {
			t.Errorf("%s: Set(unknown) = %v, want a *sim.ParamError", id, err)
		}
		for _, p := range m.Info().Params {
			before, _ := m.Get(p.Key)
			for _, bad := range []float64{p.ValidMin - 1, p.ValidMax + 1, math.NaN()} {
				if err := m.Set(p.Key, bad); err == nil {
					t.Errorf("%s: Set(%s, %g) accepted a value outside %g…%g", id, p.Key, bad, p.ValidMin, p.ValidMax)
				}
			}
			if !(p.ValidMin <= p.Min && p.Min <= p.Max && p.Max <= p.ValidMax) {
				t.Errorf("%s: %s: the slider's range %g…%g is not inside the valid range %g…%g", id, p.Key, p.Min, p.Max, p.ValidMin, p.ValidMax)
			}
			if after, _ := m.Get(p.Key); after != before {
				t.Errorf("%s: a refused Set changed %s from %g to %g", id, p.Key, before, after)
			}
		}
	}
}

// TestFiniteOverRange sets each parameter in turn to the minimum and the
// maximum of its valid range, runs the model and checks every signal,
// metric and plot value stays finite.
func TestFiniteOverRange(t *testing.T) {
	reg := models.Registry()
	for _, id := range reg.IDs() {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			probe, _ := reg.New(id)
			for _, p := range probe.Info().Params {
				for _, v := range []float64{p.ValidMin, p.ValidMax} {
					m, _ := reg.New(id)
					if err := m.Set(p.Key, v); err != nil {
						t.Fatalf("Set(%s, %g): %v", p.Key, v, err)
					}
					run := sim.NewRun(m, 0, 0)
					run.Reset(7)
					span := testSpan(m.Info())
					for m.Time() < span {
						run.Advance(span / 10)
						if err := run.CheckFinite(); err != nil {
							t.Fatalf("%s = %g: %v", p.Key, v, err)
						}
					}
					var d sim.PlotData
					for _, spec := range m.Info().Plots {
						run.FillPlot(spec, &d)
						if err := finitePlot(&d, gapsAllowed(m.Info(), spec)); err != nil {
							t.Fatalf("%s = %g: plot %s: %v", p.Key, v, spec.Key, err)
						}
					}
				}
			}
		})
	}
}

// gapsAllowed reports whether a trace plot draws only signals that may be
// NaN (gaps).
func gapsAllowed(info sim.Info, spec sim.PlotSpec) bool {
	if spec.Kind != sim.PlotTrace {
		return false
	}
	for _, key := range spec.Signals {
		i := slices.IndexFunc(info.Signals, func(s sim.Signal) bool { return s.Key == key })
		if i < 0 || !info.Signals[i].Gaps {
			return false
		}
	}
	return true
}

func finitePlot(d *sim.PlotData, gaps bool) error {
	bad := func(xs []float64) bool {
		return slices.ContainsFunc(xs, func(x float64) bool { return math.IsNaN(x) || math.IsInf(x, 0) })
	}
	badY := func(ys []float64) bool {
		return slices.ContainsFunc(ys, func(y float64) bool { return math.IsInf(y, 0) || (math.IsNaN(y) && !gaps) })
	}
	for _, s := range d.Series {
		if bad(s.X) || badY(s.Y) {
			return errors.New("series " + s.Name + " is not finite")
		}
	}
	for _, g := range d.Grids {
		if bad(g.V) {
			return errors.New("grid " + g.Title + " is not finite")
		}
	}
	if bad(d.Bars) || bad(d.SpikeT) {
		return errors.New("bars or spikes are not finite")
	}
	return nil
}

// TestDeterministic runs each model twice with the same seed and compares
// every recorded sample bit for bit.
func TestDeterministic(t *testing.T) {
	reg := models.Registry()
	for _, id := range reg.IDs() {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			var traces [2][][]float64
			for k := range 2 {
				m, _ := reg.New(id)
				run := sim.NewRun(m, 0, 0)
				run.Reset(42)
				run.Advance(testSpan(m.Info()))
				for _, s := range m.Info().Signals {
					var series sim.Series
					run.Trace(s.Key, &series)
					traces[k] = append(traces[k], series.Y)
				}
				traces[k] = append(traces[k], run.Metrics(nil))
			}
			for i := range traces[0] {
				if !slices.EqualFunc(traces[0][i], traces[1][i], func(a, b float64) bool {
					return a == b || (math.IsNaN(a) && math.IsNaN(b))
				}) {
					t.Errorf("record %d differs between two runs with the same seed", i)
				}
			}
		})
	}
}

// TestStepDoesNotAllocate checks the contract's zero allocations per step,
// after a warm-up that lets amortised buffers reach their size.
func TestStepDoesNotAllocate(t *testing.T) {
	reg := models.Registry()
	for _, id := range reg.IDs() {
		m, _ := reg.New(id)
		run := sim.NewRun(m, 0, 0)
		run.Reset(3)
		run.Advance(testSpan(m.Info()))
		run.Reset(3)
		if a := testing.AllocsPerRun(200, m.Step); a > 0.05 {
			t.Errorf("%s: %.2f allocations per step, want 0", id, a)
		}
	}
}

// BenchmarkModels times one step of every model at its default parameters
// and reports how many times faster than real time it runs.
func BenchmarkModels(b *testing.B) {
	reg := models.Registry()
	for _, id := range reg.IDs() {
		b.Run(id, func(b *testing.B) {
			m, _ := reg.New(id)
			m.Reset(1)
			b.ReportAllocs()
			for b.Loop() {
				m.Step()
			}
			ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			b.ReportMetric(m.Info().DT*1e6/ns, "x_realtime")
		})
	}
}

// TestRegistryIDs checks the ids the registry names models by before
// building them: one per factory, in order.
func TestRegistryIDs(t *testing.T) {
	eager := sim.NewRegistry(models.Factories()...)
	lazy := models.Registry()
	if !slices.Equal(eager.IDs(), lazy.IDs()) {
		t.Fatalf("models.ids lists %v; the factories make %v", lazy.IDs(), eager.IDs())
	}
	for _, id := range lazy.IDs() {
		m, err := lazy.New(id)
		if err != nil || m.Info().ID != id {
			t.Errorf("%s: New gives %v, %v", id, m, err)
		}
	}
}
