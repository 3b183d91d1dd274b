package sim

import (
	"context"
	"errors"
	"testing"
)

// counter is a model whose one signal is its step count.
type counter struct {
	Params
	t, n float64
}

func (m *counter) Info() Info {
	return Info{ID: "counter", Title: "Counter", Summary: "counts", DT: 0.5, Window: 10, Speed: 1,
		Signals: []Signal{{Key: "n", Label: "n"}},
		Plots:   []PlotSpec{{Key: "n", Title: "n", Kind: PlotTrace, Signals: []string{"n"}}}}
}
func (m *counter) Reset(uint64)           { m.t, m.n = 0, 0 }
func (m *counter) Step()                  { m.t += 0.5; m.n++ }
func (m *counter) Time() float64          { return m.t }
func (m *counter) Sample(d []float64)     { d[0] = m.n }
func (m *counter) Metrics([]float64)      {}
func (m *counter) Plot(string, *PlotData) {}

func TestRunRecordsLastWindowAndHead(t *testing.T) {
	r := NewRun(&counter{Params: NewParams("counter")}, 0, 1)
	r.Reset(1)
	r.Advance(30) // 60 steps; the window holds 10 ms = 20 steps
	var s Series
	r.Trace("n", &s)
	if got := s.Y[len(s.Y)-1]; got != 60 {
		t.Errorf("last sample %g, want 60", got)
	}
	if s.X[len(s.X)-1] != 30 || s.X[0] > 20 {
		t.Errorf("trace spans %g…%g ms, want up to 30 ms and the last window", s.X[0], s.X[len(s.X)-1])
	}
	var h Series
	r.TraceHead("n", &h)
	if h.X[0] != 0 || h.X[len(h.X)-1] != 10 || h.Y[len(h.Y)-1] != 20 {
		t.Errorf("head spans %g…%g ms ending at n = %g, want 0…10 ms and n = 20", h.X[0], h.X[len(h.X)-1], h.Y[len(h.Y)-1])
	}
	var d PlotData
	r.FillPlot(r.Info().Plots[0], &d)
	if d.XMin != 20 || d.XMax != 30 || len(d.Series) != 1 {
		t.Errorf("plot x range %g…%g with %d series, want 20…30 and 1", d.XMin, d.XMax, len(d.Series))
	}
	if a := testing.AllocsPerRun(10, func() { r.Advance(5) }); a != 0 {
		t.Errorf("Advance allocates %g times", a)
	}
}

func TestRunTimeCountsSteps(t *testing.T) {
	r := NewRun(&counter{Params: NewParams("counter")}, 100, 1)
	r.Reset(1)
	r.Advance(100)
	var s Series
	r.Trace("n", &s)
	for i, x := range s.X {
		if want := float64(i) * 0.5; x != want {
			t.Fatalf("sample %d at %v ms, want %v", i, x, want)
		}
	}
}

func TestAdvanceContextRunsToTheEndOrStops(t *testing.T) {
	r := NewRun(&counter{Params: NewParams("counter")}, 0, 1)
	r.Reset(1)
	last := 0
	err := r.AdvanceContext(context.Background(), 5000, func(done, total int) {
		if done <= last || total != 10000 {
			t.Fatalf("report(%d, %d) after %d: want steps rising to 10000", done, total, last)
		}
		last = done
	})
	if err != nil || r.Steps() != 10000 || last != 10000 {
		t.Fatalf("uncancelled: err %v, %d steps, last report %d; want nil and 10000", err, r.Steps(), last)
	}

	ctx, cancel := context.WithCancel(context.Background())
	r.Reset(1)
	err = r.AdvanceContext(ctx, 5e6, func(done, _ int) {
		if done >= 1000 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || r.Steps() >= 10_000_000 || r.Steps() < 1000 {
		t.Errorf("cancelled after 1000 steps: err %v, %d steps; want context.Canceled soon after", err, r.Steps())
	}
}

// dashed is the counter with its signal drawn in long dashes.
type dashed struct{ counter }

func (m *dashed) Info() Info {
	info := m.counter.Info()
	info.Signals = []Signal{{Key: "n", Label: "n", Dash: DashLong}}
	return info
}

// TestFillPlotCarriesDash checks that a trace plot's series take their
// signal's stroke, and that a series reused by AddSeries starts solid.
func TestFillPlotCarriesDash(t *testing.T) {
	r := NewRun(&dashed{counter{Params: NewParams("counter")}}, 0, 1)
	r.Reset(1)
	r.Advance(5)
	var d PlotData
	r.FillPlot(r.Info().Plots[0], &d)
	if len(d.Series) != 1 || d.Series[0].Dash != DashLong {
		t.Fatalf("series %+v, want one in long dashes", d.Series)
	}
	d.Reset()
	if s := d.AddSeries("again", false); s.Dash != DashNone {
		t.Errorf("a reused series keeps dash %d, want solid", s.Dash)
	}
}
