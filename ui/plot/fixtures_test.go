package plot

import (
	"math"

	"github.com/neurotutor/neurotutor/sim"
)

// Fixtures shared by the golden, property and benchmark tests.

// traceData is a membrane-potential-like trace with spikes, plus a second
// slower series, sampled every dt ms over 0…500 ms.
func traceData(n int) *sim.PlotData {
	d := &sim.PlotData{Marked: -1}
	// Fill each series before adding the next: AddSeries may move
	// d.Series, leaving earlier pointers stale.
	v := d.AddSeries("V", false)
	for i := 0; i < n; i++ {
		t := 500 * float64(i) / float64(n-1)
		phase := math.Mod(t, 100) / 100
		y := -65 + 15*phase
		if phase > 0.97 {
			y = 38
		}
		v.Add(t, y)
	}
	w := d.AddSeries("w", false)
	for i := 0; i < n; i++ {
		t := 500 * float64(i) / float64(n-1)
		w.Add(t, -70+10*math.Sin(2*math.Pi*t/500))
	}
	d.XMin, d.XMax = 0, 500
	return d
}

// ghostData is traceData shifted, for a previous run.
func ghostData(n int) *sim.PlotData {
	d := &sim.PlotData{Marked: -1}
	g := d.AddSeries("V", false)
	for i := 0; i < n; i++ {
		t := 500 * float64(i) / float64(n-1)
		g.Add(t, -60+8*math.Sin(2*math.Pi*t/250))
	}
	return d
}

// xyData is an f–I curve and a point set.
func xyData() *sim.PlotData {
	d := &sim.PlotData{Marked: -1}
	fI := func(x float64) float64 {
		if x > 0.5 {
			return 120 * math.Sqrt(x-0.5)
		}
		return 0
	}
	c := d.AddSeries("model", false)
	for i := 0; i <= 40; i++ {
		x := float64(i) * 0.05
		c.Add(x, fI(x))
	}
	p := d.AddSeries("data", true)
	for i := 0; i <= 40; i += 5 {
		x := float64(i) * 0.05
		p.Add(x, fI(x)+5*math.Sin(float64(i)))
	}
	return d
}

// rasterData is a 40-row raster with regular, row-dependent firing.
func rasterData() *sim.PlotData {
	d := &sim.PlotData{Marked: -1, Rows: 40, T0: 0, T1: 500}
	for r := 0; r < 40; r++ {
		period := 20 + 3*float64(r)
		for t := float64(r%7) * 3; t < 500; t += period {
			d.SpikeT = append(d.SpikeT, t)
			d.SpikeRow = append(d.SpikeRow, r)
		}
	}
	return d
}

// barsData has six bars, one negative, the third marked.
func barsData() *sim.PlotData {
	return &sim.PlotData{
		Bars:      []float64{0.1, 7.9, 3.2, -1.5, 5, 0},
		BarLabels: []string{"a", "b", "c", "d", "e", "f"},
		Marked:    1,
	}
}

// barsGhost is a previous run of barsData.
func barsGhost() *sim.PlotData {
	return &sim.PlotData{Bars: []float64{2, 6, 5, -0.5, 3, 1}, Marked: -1}
}

// heatData has two 8×8 grids: a gradient and a centred blob.
func heatData() *sim.PlotData {
	d := &sim.PlotData{Marked: -1}
	g := d.AddGrid("gradient", 8, 8)
	h := d.AddGrid("blob", 8, 8)
	for r := 0; r < 8; r++ {
		for c := 0; c < 8; c++ {
			g.V[r*8+c] = float64(c-r) / 7
			dx, dy := float64(c)-3.5, float64(r)-3.5
			h.V[r*8+c] = math.Exp(-(dx*dx + dy*dy) / 6)
		}
	}
	g.Min, g.Max = -1, 1
	return d
}
