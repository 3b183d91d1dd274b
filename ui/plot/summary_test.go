package plot

import (
	"math"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
)

func TestSummary(t *testing.T) {
	trace := &sim.PlotData{Series: []sim.Series{
		{Name: "V", X: []float64{0, 1, 2, 3}, Y: []float64{-65, -70, math.NaN(), 38}},
		{Name: "w", X: []float64{0, 1}, Y: []float64{0.5, 0.25}},
		{Name: "empty"},
	}}
	cases := []struct {
		name  string
		kind  sim.PlotKind
		title string
		d     *sim.PlotData
		unit  string
		want  string
	}{
		{"trace", sim.PlotTrace, "", trace, "mV",
			"trace: V: −65 → +38 mV (min −70, max 38); w: 0.5 → 0.25 mV (min 0.25, max 0.5); empty: no data"},
		{"xy points", sim.PlotXY, "f–I", &sim.PlotData{Series: []sim.Series{{Name: "data", X: []float64{1, 2}, Y: []float64{3, 40}, Points: true}}}, "Hz",
			"f–I: data: 2 points, 3 to 40 Hz"},
		{"raster", sim.PlotRaster, "", &sim.PlotData{Rows: 12, T0: 0, T1: 500, SpikeT: make([]float64, 48), SpikeRow: make([]int, 48)}, "",
			"raster: 12 rows, 48 spikes over 0–500 ms"},
		{"bars", sim.PlotBars, "", &sim.PlotData{Bars: []float64{0.1, 7.9, 0}, Marked: -1}, "",
			"bars: 0.1, 7.9, 0 (max at 2)"},
		{"bars labelled marked", sim.PlotBars, "rates", &sim.PlotData{Bars: []float64{3, 1}, BarLabels: []string{"A", "B"}, Marked: 1}, "Hz",
			"rates: 3, 1 Hz (max at A, marked B)"},
		{"many bars", sim.PlotBars, "", &sim.PlotData{Bars: make([]float64, 20), Marked: -1}, "",
			"bars: 20 bars, 0 to 0 (max at 1)"},
		{"grid", sim.PlotGrid, "", &sim.PlotData{Grids: []sim.Grid{{Rows: 8, Cols: 8, V: append(make([]float64, 62), -1, 1)}}}, "",
			"grid: 8×8: min −1, max 1"},
		{"grids titled", sim.PlotGrid, "weights", &sim.PlotData{Grids: []sim.Grid{{Title: "W", Rows: 1, Cols: 2, V: []float64{2, 3}}, {Title: "E", Rows: 1, Cols: 1, V: []float64{math.NaN()}}}}, "",
			"weights: W 1×2: min 2, max 3; E 1×1: no data"},
		{"gallery", sim.PlotGrid, "dictionary", galleryData(), "",
			"dictionary: 20 grids 5×5: min −1, max 1"},
		{"empty", sim.PlotTrace, "", &sim.PlotData{}, "", "trace: no data"},
		{"nil", sim.PlotBars, "b", nil, "", "b: no data"},
	}
	for _, c := range cases {
		if got := Summary(c.kind, c.title, c.d, c.unit); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}
