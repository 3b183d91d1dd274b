package plot

import (
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/neurotutor/neurotutor/sim"
)

// BenchmarkLine renders a 60×12 chart of 3 series × 2000 points plus a
// ghost, in colour: the lab's heaviest per-frame plot.
func BenchmarkLine(b *testing.B) {
	d := traceData(2000)
	extra := ghostData(2000)
	d.Series = append(d.Series, extra.Series[0])
	d.Series[2].Name = "u"
	g := ghostData(2000)
	o := Options{Width: 60, Height: 12, Palette: colourful(), XLabel: "t (ms)", YLabel: "V (mV)"}
	b.ReportAllocs()
	for b.Loop() {
		Line(d, g, o)
	}
}

func BenchmarkLine120x40(b *testing.B) {
	d := traceData(2000)
	o := Options{Width: 120, Height: 40, Palette: colourful()}
	b.ReportAllocs()
	for b.Loop() {
		Line(d, nil, o)
	}
}

func BenchmarkRaster(b *testing.B) {
	d := rasterData()
	o := Options{Width: 60, Height: 12, Palette: colourful()}
	b.ReportAllocs()
	for b.Loop() {
		Raster(d, o)
	}
}

func BenchmarkBars(b *testing.B) {
	d, g := barsData(), barsGhost()
	o := Options{Width: 60, Height: 12, Palette: colourful()}
	b.ReportAllocs()
	for b.Loop() {
		Bars(d, g, o)
	}
}

func BenchmarkHeat(b *testing.B) {
	d := heatData()
	o := Options{Width: 60, Height: 12, Palette: Palette{Series: OkabeIto(), Axis: lipgloss.Color("#aaaaaa")}}
	b.ReportAllocs()
	for b.Loop() {
		Heat(d, o)
	}
}

func BenchmarkSummary(b *testing.B) {
	d := traceData(2000)
	b.ReportAllocs()
	for b.Loop() {
		Summary(sim.PlotTrace, "V", d, "mV")
	}
}
