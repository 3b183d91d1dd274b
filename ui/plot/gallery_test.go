package plot

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/neurotutor/neurotutor/sim"
)

// galleryData has 20 grids of 5×5, each an oriented stripe from −1 to 1.
func galleryData() *sim.PlotData {
	d := &sim.PlotData{Marked: -1}
	for k := range 20 {
		g := d.AddGrid("", 5, 5)
		th := float64(k) * math.Pi / 20
		for i := range g.V {
			x, y := float64(i%5)-2, float64(i/5)-2
			g.V[i] = math.Cos(x*math.Cos(th) + y*math.Sin(th))
		}
		g.V[0], g.V[1] = -1, 1
		g.Min, g.Max = -1, 1
	}
	return d
}

// TestGalleryPlacesTiles checks, without colour, where two 3×3 tiles with
// one bright pixel each land: one pixel is two columns of "█", tiles are
// one pixel (two columns) apart, and the tile order runs along the row.
func TestGalleryPlacesTiles(t *testing.T) {
	d := &sim.PlotData{Marked: -1}
	for _, at := range []int{0, 7} { // tile 0: row 0, col 0; tile 1: row 2, col 1
		g := d.AddGrid("", 3, 3)
		g.V[at] = 1
		g.Min, g.Max = 0, 1
	}
	lines := strings.Split(Gallery(d, Options{Width: 20, Height: 5}), "\n")
	want := []string{
		"██                  ",
		"                    ",
		"          ██        ",
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d: %q, want %q", i, lines[i], w)
		}
	}
	if !strings.HasPrefix(lines[4], "0  ░▒▓█ 1") {
		t.Errorf("legend %q, want the shared range 0…1", lines[4])
	}
}

// TestGalleryScalesAndCounts checks the scale (the largest that still
// shows every tile) and the "n of N shown" note.
func TestGalleryScalesAndCounts(t *testing.T) {
	few := &sim.PlotData{Marked: -1}
	for range 4 {
		g := few.AddGrid("", 3, 3)
		for i := range g.V {
			g.V[i] = 1
		}
	}
	// Colour, 60×12: 22 pixel lines. Scale 4 gives 4 tiles of 12 columns
	// across and one row; scale 5 would fit only 3.
	out := ansi.Strip(Gallery(few, Options{Width: 60, Height: 12, Palette: colourful()}))
	if got := strings.Count(strings.Split(out, "\n")[0], "▀"); got != 4*12 {
		t.Errorf("scale: %d painted cells on the first line, want 48 (4 tiles × 3 px × scale 4)", got)
	}
	for _, c := range []struct {
		w, h int
		note string
	}{
		{60, 12, ""},             // 10 across × 3 down at scale 1: all 20
		{20, 5, "3 of 20 shown"}, // 3 across × 1 down
		{30, 12, ""},             // 5 across × 4 down, the legend line given to the tiles
		{12, 2, "0 of"},          // no room for a tile: the legend, cut short
		{121, 41, ""},            // room to spare: scaled up
	} {
		out := ansi.Strip(Gallery(galleryData(), Options{Width: c.w, Height: c.h, Palette: colourful()}))
		checkShape(t, out, c.w, c.h)
		last := strings.Split(out, "\n")[c.h-1]
		if c.note == "" && strings.Contains(last, " of ") || !strings.Contains(last, c.note) {
			t.Errorf("%d×%d: legend %q, want %q", c.w, c.h, strings.TrimRight(last, " "), c.note)
		}
	}
}

// TestGalleryAwkward renders awkward data at many sizes, with and without
// colour, through Render, and checks the shape.
func TestGalleryAwkward(t *testing.T) {
	spec := sim.PlotSpec{Kind: sim.PlotGrid, Gallery: true}
	data := append([]*sim.PlotData{galleryData(), {}}, awkward()...)
	mixed := galleryData()
	mixed.Grids[3] = sim.Grid{Rows: 2, Cols: 7, V: make([]float64, 14)}
	mixed.Grids[4].V = mixed.Grids[4].V[:3]
	data = append(data, mixed)
	for di, d := range data {
		for _, w := range []int{1, 8, 9, 20, 57, 80, 200} {
			for _, h := range []int{1, 2, 3, 5, 12, 41} {
				for _, pal := range []Palette{{}, colourful()} {
					name := fmt.Sprintf("data %d %d×%d colour %v", di, w, h, pal.Series != nil)
					func() {
						defer func() {
							if r := recover(); r != nil {
								t.Fatalf("%s: panic %v", name, r)
							}
						}()
						checkShape(t, Render(spec, d, nil, Options{Width: w, Height: h, Palette: pal}), w, h)
					}()
				}
			}
		}
	}
}
