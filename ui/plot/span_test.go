package plot

import (
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/sim"
)

// yLabels returns the y tick labels of a rendered chart, top to bottom.
func yLabels(s string) []string {
	var out []string
	for _, l := range strings.Split(ansi.Strip(s), "\n") {
		if i := strings.Index(l, "┤"); i > 0 {
			out = append(out, strings.TrimSpace(l[:i]))
		}
	}
	return out
}

// TestFlatSignalsKeepReadableTicks: a cell at rest (hh at g_L = 0.6,
// I = 9.9) gives a constant membrane potential, or one that differs only
// in the twelfth decimal. Its axis must show a few distinct, short ticks
// around the value, never floating-point noise such as −59.099618695426.
func TestFlatSignalsKeepReadableTicks(t *testing.T) {
	const v = -59.099618695426
	series := func(spread float64) *sim.PlotData {
		d := &sim.PlotData{}
		s := d.AddSeries("V", false)
		for i := range 200 {
			s.Add(float64(i), v+spread*float64(i%2))
		}
		return d
	}
	for _, c := range []struct {
		name     string
		spread   float64
		minSpan  float64
		decimals int // at most, on every label
	}{
		{"constant, unit floor 1 mV", 0, 1, 1},
		{"1e-12 spread, unit floor 1 mV", 1e-12, 1, 1},
		{"constant, no unit", 0, 0, 1},
		{"1e-12 spread, no unit", 1e-12, 0, 2},
	} {
		got := Line(series(c.spread), nil, Options{Width: 40, Height: 10, MinSpan: c.minSpan})
		labels := yLabels(got)
		if len(labels) < 2 {
			t.Errorf("%s: %d y ticks, want at least 2:\n%s", c.name, len(labels), got)
			continue
		}
		seen := map[string]bool{}
		for _, l := range labels {
			if seen[l] {
				t.Errorf("%s: tick %q repeated:\n%s", c.name, l, got)
			}
			seen[l] = true
			x, err := strconv.ParseFloat(strings.ReplaceAll(l, "−", "-"), 64)
			if err != nil {
				t.Errorf("%s: tick %q is not a number", c.name, l)
				continue
			}
			if _, frac, ok := strings.Cut(l, "."); ok && len(frac) > c.decimals {
				t.Errorf("%s: tick %q has %d decimals, want at most %d:\n%s", c.name, l, len(frac), c.decimals, got)
			}
			if x < v-10 || x > v+10 {
				t.Errorf("%s: tick %q far from the signal at %g", c.name, l, v)
			}
		}
	}
}

// TestRasterRowsNeverShareADotLine: 50 neurons in a raster of 5 text lines
// (20 dot lines) used to share dot lines two or three at a time, so that a
// busy network became a solid block. At most one row per dot line is drawn
// (an evenly spaced subset), and the header says how many are shown. Each
// neuron here fires once, at its own time, so every dot drawn is one
// neuron's spike.
func TestRasterRowsNeverShareADotLine(t *testing.T) {
	d := &sim.PlotData{Rows: 50, T0: 0, T1: 100}
	for row := range 50 {
		d.SpikeT = append(d.SpikeT, 1+float64(row)*1.9)
		d.SpikeRow = append(d.SpikeRow, row)
	}
	got := ansi.Strip(Raster(d, Options{Width: 60, Height: 8})) // 5 plot lines
	if !strings.Contains(got, "20 of 50 rows shown") || !strings.Contains(got, "20 spikes") {
		t.Errorf("the header does not say which rows and spikes are shown:\n%s", got)
	}
	dots := 0
	_, body, _ := strings.Cut(got, "\n") // the legend's ⠿ is not a spike
	for _, r := range body {
		if r > 0x2800 && r <= 0x28ff {
			for b := r - 0x2800; b != 0; b &= b - 1 {
				dots++
			}
		}
	}
	if dots != 20 {
		t.Errorf("%d dots drawn, want 20 (one per row shown):\n%s", dots, got)
	}
}

// TestRasterRowLabels: a raster of two named rows (the glia lab's
// presynaptic spikes and gliotransmission) labels them by name.
func TestRasterRowLabels(t *testing.T) {
	d := &sim.PlotData{Rows: 2, T0: 0, T1: 100, RowLabels: []string{"pre", "glio"},
		SpikeT: []float64{10, 50}, SpikeRow: []int{0, 1}}
	got := ansi.Strip(Raster(d, Options{Width: 40, Height: 8}))
	for _, want := range []string{"pre┤", "glio┤"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q label:\n%s", want, got)
		}
	}
	if strings.Contains(got, "0┤") || strings.Contains(got, "1┤") {
		t.Errorf("rows numbered as well as named:\n%s", got)
	}
}

// TestHeatTitlesWrap: four grids side by side in 55 columns leave each
// 12; their titles wrap onto a second line instead of losing their ends
// ("prediction …").
func TestHeatTitlesWrap(t *testing.T) {
	d := &sim.PlotData{}
	for _, title := range []string{"input x", "prediction U₁r₁", "error x − U₁r₁", "level 2: U₁U₂r₂"} {
		g := d.AddGrid(title, 4, 4)
		for i := range g.V {
			g.V[i] = float64(i)
		}
	}
	got := ansi.Strip(Heat(d, Options{Width: 55, Height: 10}))
	lines := strings.Split(got, "\n")
	head := lines[0] + " " + lines[1]
	for _, w := range []string{"prediction", "U₁r₁", "error x −", "level 2:", "U₁U₂r₂"} {
		if !strings.Contains(head, w) {
			t.Errorf("title part %q missing:\n%s", w, got)
		}
	}
	if strings.Contains(head, "…") {
		t.Errorf("a title was cut:\n%s", got)
	}
}
