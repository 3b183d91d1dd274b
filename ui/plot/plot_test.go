package plot

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/neurotutor/neurotutor/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// colourful is a palette with every colour set.
func colourful() Palette {
	return Palette{
		Series: OkabeIto(),
		Ghost:  lipgloss.Color("#888888"),
		Axis:   lipgloss.Color("#aaaaaa"),
		Text:   lipgloss.Color("#dddddd"),
		Mark:   lipgloss.Color("#D55E00"),
	}
}

type renderCase struct {
	name     string
	spec     sim.PlotSpec
	d, ghost *sim.PlotData
	sizes    [][2]int
}

func renderCases() []renderCase {
	return []renderCase{
		{"trace", sim.PlotSpec{Kind: sim.PlotTrace, YLabel: "V (mV)"}, traceData(2000), ghostData(500), [][2]int{{60, 12}, {30, 6}}},
		{"xy", sim.PlotSpec{Kind: sim.PlotXY, XLabel: "I (nA)", YLabel: "rate (Hz)"}, xyData(), nil, [][2]int{{50, 14}, {24, 7}}},
		{"raster", sim.PlotSpec{Kind: sim.PlotRaster, YLabel: "neuron"}, rasterData(), nil, [][2]int{{60, 10}, {24, 5}}},
		{"bars", sim.PlotSpec{Kind: sim.PlotBars, YLabel: "rate (Hz)"}, barsData(), barsGhost(), [][2]int{{40, 12}, {16, 6}}},
		{"heat", sim.PlotSpec{Kind: sim.PlotGrid}, heatData(), nil, [][2]int{{60, 12}, {20, 5}}},
		{"gallery", sim.PlotSpec{Kind: sim.PlotGrid, Gallery: true}, galleryData(), nil, [][2]int{{60, 12}, {20, 5}}},
	}
}

// TestGolden compares each kind at two sizes, without colour, with
// testdata/<kind>_<w>x<h>.golden. Run with -update to rewrite them, and
// review the diff before accepting.
func TestGolden(t *testing.T) {
	for _, c := range renderCases() {
		for _, sz := range c.sizes {
			name := fmt.Sprintf("%s_%dx%d", c.name, sz[0], sz[1])
			t.Run(name, func(t *testing.T) {
				got := Render(c.spec, c.d, c.ghost, Options{Width: sz[0], Height: sz[1]})
				checkShape(t, got, sz[0], sz[1])
				path := filepath.Join("testdata", name+".golden")
				if *update {
					if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update)", err)
				}
				if got+"\n" != string(want) {
					t.Errorf("%s differs from %s:\ngot:\n%s\nwant:\n%s", name, path, got, want)
				}
			})
		}
	}
}

// TestColourKeepsLayout checks that colour only adds SGR sequences and
// styles: the stripped coloured output equals the colourless one, but for
// the braille dots and legend marks of line charts (without colour each
// series has its own dash pattern) and heat grids (half blocks with
// colour), which are only checked for shape.
func TestColourKeepsLayout(t *testing.T) {
	for _, c := range renderCases() {
		for _, sz := range c.sizes {
			plain := Render(c.spec, c.d, c.ghost, Options{Width: sz[0], Height: sz[1]})
			col := Render(c.spec, c.d, c.ghost, Options{Width: sz[0], Height: sz[1], Palette: colourful()})
			if col == plain {
				t.Errorf("%s %v: colour palette produced no colour", c.name, sz)
			}
			checkShape(t, col, sz[0], sz[1])
			if c.spec.Kind != sim.PlotGrid && layout(ansi.Strip(col)) != layout(plain) {
				t.Errorf("%s %v: colour changed the layout:\n%s\nvs\n%s", c.name, sz, ansi.Strip(col), plain)
			}
		}
	}
}

// layout blanks out what may differ between a coloured and a colourless
// chart: braille dots (and the blanks a dash leaves) and dash marks.
func layout(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x2800 && r <= 0x28ff || strings.ContainsRune(" ━╍┅┉┈•▪⁚", r) {
			return '·'
		}
		return r
	}, s)
}

// checkShape fails unless s has exactly h lines, each exactly w wide.
func checkShape(t *testing.T, s string, w, h int) {
	t.Helper()
	lines := strings.Split(s, "\n")
	if h <= 0 || w <= 0 {
		if s != "" {
			t.Fatalf("%dx%d: want empty output, got %q", w, h, s)
		}
		return
	}
	if len(lines) != h {
		t.Fatalf("%dx%d: got %d lines, want %d:\n%s", w, h, len(lines), h, s)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw != w {
			t.Fatalf("%dx%d: line %d has width %d, want %d: %q", w, h, i, lw, w, ansi.Strip(l))
		}
	}
}

// awkward returns data sets that have tripped chart code before: empty,
// NaN, infinite, flat, huge, single-point, out-of-range and inverted.
func awkward() []*sim.PlotData {
	nan, inf := math.NaN(), math.Inf(1)
	mk := func(xs, ys []float64) *sim.PlotData {
		return &sim.PlotData{Series: []sim.Series{{Name: "s", X: xs, Y: ys}}, Marked: -1}
	}
	return []*sim.PlotData{
		{},
		{Marked: 5},
		mk(nil, nil),
		mk([]float64{0}, []float64{1}),
		mk([]float64{0, 1, 2}, []float64{nan, nan, nan}),
		mk([]float64{0, 1, 2, 3}, []float64{1, nan, inf, -inf}),
		mk([]float64{0, 1, 2}, []float64{-65, -65, -65}),
		mk([]float64{0, 1, 2}, []float64{0, 0, 0}),
		mk([]float64{0, 1e308, -1e308}, []float64{1e308, -1e308, 5}),
		mk([]float64{0, 1, 2}, []float64{1, 2}), // mismatched lengths
		{Series: []sim.Series{{Name: "p", X: []float64{1, 2}, Y: []float64{3, 4}, Points: true}}, XMin: 5, XMax: 1, YMin: 0, YMax: 10},
		{Series: []sim.Series{{Name: "s", X: []float64{-10, 10}, Y: []float64{-100, 100}}}, XMin: 0, XMax: 1, YMin: 0, YMax: 1},
		{Rows: 3, T0: 0, T1: 100, SpikeT: []float64{-5, 0, 50, 100, 200, nan}, SpikeRow: []int{0, 1, 2, 5, 1, 0}},
		{Rows: 0, SpikeT: []float64{1, 2}, SpikeRow: []int{-1, 3}},
		{Rows: 5000, T0: 10, T1: 10, SpikeT: []float64{10}, SpikeRow: []int{4999}},
		{Bars: []float64{nan, inf, -inf, 0}, Marked: 9},
		{Bars: []float64{-1, -2, -3}, Marked: 0, BarLabels: []string{"", "寬寬寬", "x"}},
		{Bars: make([]float64, 500), Marked: 250, BarMax: 1},
		{Bars: []float64{1e300, -1e300, 5}, BarMax: nan},
		{Grids: []sim.Grid{{Rows: 0, Cols: 0}}},
		{Grids: []sim.Grid{{Title: "t", Rows: 2, Cols: 3, V: []float64{nan, 1, 1, 1, inf, -inf}}}},
		{Grids: []sim.Grid{{Rows: 3, Cols: 3, V: []float64{1}}}}, // short V
		{Grids: []sim.Grid{{Rows: 1, Cols: 300, V: make([]float64, 300)}, {Rows: 300, Cols: 1, V: make([]float64, 300), Min: 1, Max: 0}}},
		{Grids: make([]sim.Grid, 40)},
	}
}

// TestSizesNeverPanic renders every kind, with and without colour, for
// normal and awkward data at every size from 1×1 to 200×60 (sampled), and
// checks the shape of the result.
func TestSizesNeverPanic(t *testing.T) {
	kinds := []sim.PlotKind{sim.PlotTrace, sim.PlotRaster, sim.PlotBars, sim.PlotGrid, sim.PlotXY}
	var data []*sim.PlotData
	for _, c := range renderCases() {
		data = append(data, c.d)
	}
	data = append(data, awkward()...)
	ws := []int{1, 2, 3, 5, 7, 8, 9, 10, 12, 15, 20, 33, 60, 80, 121, 200}
	hs := []int{1, 2, 3, 4, 5, 6, 7, 9, 12, 24, 41, 60}
	for _, k := range kinds {
		for di, d := range data {
			for _, w := range ws {
				for _, h := range hs {
					for _, pal := range []Palette{{}, colourful()} {
						func() {
							defer func() {
								if r := recover(); r != nil {
									t.Fatalf("kind %v data %d size %dx%d: panic %v", k, di, w, h, r)
								}
							}()
							s := Render(sim.PlotSpec{Kind: k, XLabel: "a long x label", YLabel: "y"}, d, d, Options{Width: w, Height: h, Palette: pal})
							checkShape(t, s, w, h)
						}()
					}
				}
			}
		}
	}
	// Zero and negative sizes give nothing; nil data is allowed.
	for _, sz := range [][2]int{{0, 0}, {0, 5}, {5, 0}, {-1, -1}} {
		if s := Render(sim.PlotSpec{}, nil, nil, Options{Width: sz[0], Height: sz[1]}); s != "" {
			t.Errorf("%v: got %q, want empty", sz, s)
		}
	}
	checkShape(t, Render(sim.PlotSpec{Kind: 99}, nil, nil, Options{Width: 30, Height: 3}), 30, 3)
}

// TestTooSmall checks the notice for tiny sizes.
func TestTooSmall(t *testing.T) {
	got := Render(sim.PlotSpec{Kind: sim.PlotTrace}, traceData(10), nil, Options{Width: 7, Height: 3})
	if want := "(too s…\n       \n       "; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestSineRows checks where a sine's braille dots fall: its maximum in the
// top plot line, its minimum in the bottom one, its zero crossings in the
// middle, and the ends of the x axis in the first and last columns.
func TestSineRows(t *testing.T) {
	const w, h = 40, 11 // plot lines 1…8 (ph = 8), 32 dot lines
	d := &sim.PlotData{Marked: -1}
	s := d.AddSeries("sin", false)
	for i := 0; i <= 400; i++ {
		x := float64(i) / 400
		s.Add(x, math.Sin(2*math.Pi*x))
	}
	lines := strings.Split(Line(d, nil, Options{Width: w, Height: h}), "\n")
	r := splitRows(h)
	plot := lines[r.plot0 : r.plot0+r.ph]
	// Column of the braille cell holding x (x0 = width of "−1┤" = 3).
	x0 := 3
	cellAt := func(line string, col int) rune {
		return []rune(line)[col]
	}
	dots := func(col int) (top, bottom int) { // plot lines with dots in col
		top, bottom = -1, -1
		for y, l := range plot {
			if c := cellAt(l, col); c > 0x2800 && c <= 0x28ff {
				if top < 0 {
					top = y
				}
				bottom = y
			}
		}
		return
	}
	pw := w - x0
	colOf := func(x float64) int { return x0 + int(math.Round(x*float64(2*pw-1)))/2 }
	cases := []struct {
		name                string
		x                   float64
		wantTop, wantBottom int
	}{
		{"maximum at x=¼", 0.25, 0, 0},
		{"minimum at x=¾", 0.75, r.ph - 1, r.ph - 1},
		{"rising through 0 at x=0", 0, 3, 4},
		{"falling through 0 at x=½", 0.5, 3, 4},
		{"rising through 0 at x=1", 1, 3, 4},
	}
	for _, c := range cases {
		top, bottom := dots(colOf(c.x))
		if top < c.wantTop || bottom > c.wantBottom || top < 0 {
			t.Errorf("%s: dots in lines %d…%d of column %d, want within %d…%d\n%s",
				c.name, top, bottom, colOf(c.x), c.wantTop, c.wantBottom, strings.Join(plot, "\n"))
		}
	}
	// The top dot line of the maximum's cell is set: dots 1 or 4 (bits 0x01, 0x08).
	if c := cellAt(plot[0], colOf(0.25)); (c-0x2800)&0x09 == 0 {
		t.Errorf("maximum not in the top dot line: %q", c)
	}
}

// TestPointsAreDots checks that a Points series draws separate dots.
func TestPointsAreDots(t *testing.T) {
	d := &sim.PlotData{Series: []sim.Series{{Name: "p", X: []float64{0, 1}, Y: []float64{0, 1}, Points: true}}}
	got := ansi.Strip(Line(d, nil, Options{Width: 20, Height: 8}))
	n := 0
	for _, r := range got {
		if r > 0x2800 && r <= 0x28ff {
			n++
		}
	}
	if n != 2 {
		t.Errorf("got %d braille cells, want 2:\n%s", n, got)
	}
}

// TestBarsMarked checks the marker and the mark colour of the marked bar.
func TestBarsMarked(t *testing.T) {
	d := &sim.PlotData{Bars: []float64{1, 2, 3}, Marked: 2}
	o := Options{Width: 20, Height: 6, Palette: Palette{Mark: lipgloss.Color("#ff0000")}}
	got := Bars(d, nil, o)
	if !strings.Contains(ansi.Strip(got), "▲3") {
		t.Errorf("no ▲ under the marked bar:\n%s", ansi.Strip(got))
	}
	if !strings.Contains(got, "\x1b[38;2;255;0;0m█") {
		t.Errorf("marked bar not drawn in the mark colour: %q", got)
	}
}

// TestBarsCountsGetWholeTicks checks small whole-number bars (spike
// counts) are not labelled with fractional ticks.
func TestBarsCountsGetWholeTicks(t *testing.T) {
	for _, bars := range [][]float64{{0, 1, 0, 1}, {0, 1, 2, 1, 0}, {3, 0, 1}} {
		d := &sim.PlotData{Bars: bars, Marked: -1}
		out := ansi.Strip(Bars(d, nil, Options{Width: 30, Height: 12}))
		if strings.Contains(out, ".5") || strings.Contains(out, ".2") {
			t.Errorf("%v: fractional ticks on counts:\n%s", bars, out)
		}
	}
}

// TestSquareKeepsACircleRound checks equal axis scales: a unit circle drawn
// in a wide chart spans about twice as many columns as rows (a cell is two
// braille dots wide and four tall), instead of the whole width.
func TestSquareKeepsACircleRound(t *testing.T) {
	d := &sim.PlotData{XMin: -1, XMax: 1, YMin: -1, YMax: 1}
	s := d.AddSeries("circle", false)
	for i := 0; i <= 200; i++ {
		a := 2 * math.Pi * float64(i) / 200
		s.Add(math.Cos(a), math.Sin(a))
	}
	spec := sim.PlotSpec{Kind: sim.PlotXY, Square: true}
	out := ansi.Strip(Render(spec, d, nil, Options{Width: 80, Height: 12}))
	rows, minCol, maxCol := 0, 1000, 0
	for _, line := range strings.Split(out, "\n") {
		runes := []rune(line)
		found := false
		for i, r := range runes {
			if r >= 0x2801 && r <= 0x28FF { // a braille cell with dots
				minCol, maxCol, found = min(minCol, i), max(maxCol, i), true
			}
		}
		if found {
			rows++
		}
	}
	cols := maxCol - minCol + 1
	if rows == 0 || math.Abs(float64(cols)-2*float64(rows)) > 3 {
		t.Errorf("circle spans %d columns and %d rows, want about twice as many columns:\n%s", cols, rows, out)
	}
}

// TestDashesLeaveGaps checks the strokes of sim.Dash on a flat line, in
// colour: long dashes set two dots in three of those a solid line sets (4
// on, 2 off), short dashes one in two (2 on, 2 off), and the legend shows
// each stroke's mark.
func TestDashesLeaveGaps(t *testing.T) {
	dots := func(dash sim.Dash) (int, string) {
		d := &sim.PlotData{YMin: 0, YMax: 1}
		s := d.AddSeries("line", false)
		s.Dash = dash
		s.Add(0, 0.5)
		s.Add(1, 0.5)
		out := ansi.Strip(Line(d, nil, Options{Width: 60, Height: 8}))
		n := 0
		for _, r := range out {
			if r > 0x2800 && r <= 0x28ff {
				for b := r - 0x2800; b != 0; b &= b - 1 {
					n++
				}
			}
		}
		return n, out
	}
	full, out := dots(sim.DashNone)
	if !strings.Contains(out, "━ line") {
		t.Errorf("solid: legend lacks ━:\n%s", out)
	}
	for _, c := range []struct {
		dash sim.Dash
		mark string
		frac float64
	}{
		{sim.DashLong, "╍ line", 2.0 / 3},
		{sim.DashShort, "┅ line", 0.5},
	} {
		n, out := dots(c.dash)
		if got := float64(n) / float64(full); math.Abs(got-c.frac) > 0.03 {
			t.Errorf("dash %d: %d of %d dots (%.2f), want %.2f:\n%s", c.dash, n, full, got, c.frac, out)
		}
		if !strings.Contains(out, c.mark) {
			t.Errorf("dash %d: legend lacks %q:\n%s", c.dash, c.mark, out)
		}
	}
}
