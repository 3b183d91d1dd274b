package plot

import (
	"image/color"
	"math"
	"strings"

	"github.com/neurotutor/neurotutor/sim"
)

// shades is the colourless ramp of heat grids, low to high.
var shades = [5]rune{' ', '░', '▒', '▓', '█'}

// viridis stops (matplotlib's viridis at 0, ¼, ½, ¾, 1): perceptually
// uniform, readable by colour-blind viewers, and in order of lightness.
var viridis = [5][3]uint8{
	{0x44, 0x01, 0x54},
	{0x3b, 0x52, 0x8b},
	{0x21, 0x91, 0x8c},
	{0x5e, 0xc9, 0x62},
	{0xfd, 0xe7, 0x25},
}

// heatLevels is the number of colours a heat ramp is quantised to.
const heatLevels = 16

// Heat draws d.Grids side by side, each with its title above it and a
// scale right under the tallest grid ("min ramp max"). Each grid keeps its aspect ratio (square
// cells) and scales by whole factors when it is smaller than its share of
// the space. With colour on (Palette.Heat or Palette.Series set) a text
// cell shows two grid pixels as "▀" with foreground and background
// colours; without colour each value is one of the shades " ░▒▓█", so the
// grid stays readable under NO_COLOR. A grid's scale is Min…Max when
// Min < Max, else the range of its finite values; NaN cells are blank.
func Heat(d *sim.PlotData, o Options) string {
	if s, small := tooSmall(o); small {
		return s
	}
	f := newFrame(o.Width, o.Height)
	text, axis := f.color(o.Palette.Text), f.color(o.Palette.Axis)
	n := len(d.Grids)
	if n == 0 {
		f.text(0, 0, "(no data)", text, f.w)
		return f.String()
	}
	var ramp []uint8
	if len(o.Palette.Heat) >= 2 || len(o.Palette.Series) > 0 {
		ramp = heatRamp(f, o.Palette.Heat)
	}
	const gap = 2
	aw := (o.Width - gap*(n-1)) / n
	if aw < 1 { // too many grids: show as many as fit
		n = max(1, (o.Width+gap)/(1+gap))
		aw = (o.Width - gap*(n-1)) / n
		if aw < 1 {
			n, aw = 1, o.Width
		}
	}
	title, scale, g0 := 0, o.Height-1, 1
	switch {
	case o.Height < 2:
		title, scale, g0 = -1, -1, 0
	case o.Height < 3:
		scale = -1
	}
	// Titles too long for their column wrap onto a second line when the
	// grids can spare it, rather than lose their ends.
	titles := make([][]string, n)
	for k := range n {
		titles[k] = wrapWords(d.Grids[k].Title, aw)
		if title >= 0 && len(titles[k]) > 1 && o.Height >= 8 {
			g0 = 2
		}
	}
	gh := o.Height - g0
	if scale >= 0 {
		gh--
	}
	used := 0 // text lines the tallest grid takes; the scales go under it
	for k := 0; k < n; k++ {
		g := &d.Grids[k]
		x := k * (aw + gap)
		lo, hi := gridRange(g)
		_, h := drawGrid(f, g, x, g0, aw, gh, lo, hi, ramp)
		used = max(used, h)
		for i := 0; title >= 0 && i < g0 && i < len(titles[k]); i++ {
			l := titles[k][i]
			if i == g0-1 && i < len(titles[k])-1 {
				l = truncate(strings.Join(titles[k][i:], " "), aw)
			}
			f.text(x, title+i, l, text, x+aw)
		}
	}
	if scale >= 0 {
		scale = min(scale, g0+max(used, 1))
		for k := 0; k < n; k++ {
			lo, hi := gridRange(&d.Grids[k])
			drawScale(f, k*(aw+gap), scale, aw, lo, hi, ramp, axis)
		}
	}
	return f.String()
}

// gridRange is the colour scale of g: Min…Max when Min < Max, else the
// range of its finite values (0…1 when there are none; widened when flat).
func gridRange(g *sim.Grid) (lo, hi float64) {
	if g.Min < g.Max && finite(g.Max-g.Min) {
		return g.Min, g.Max
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range g.V {
		if finite(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	return pad(lo, hi)
}

// level maps v in lo…hi to 0…n−1, or −1 for NaN.
func level(v, lo, hi float64, n int) int {
	if math.IsNaN(v) {
		return -1
	}
	l := int((v - lo) / (hi - lo) * float64(n))
	return min(max(l, 0), n-1)
}

// drawGrid draws g into the aw×gh cells at (x, y) and returns the width
// and the number of text lines used. Without a ramp each grid cell aims
// for 2×1 text cells (square); with one, 1×½ (a half block).
func drawGrid(f *frame, g *sim.Grid, x, y, aw, gh int, lo, hi float64, ramp []uint8) (w, h int) {
	if g.Rows < 1 || g.Cols < 1 || len(g.V) < g.Rows*g.Cols || aw < 1 || gh < 1 {
		return 0, 0
	}
	// Pixel grid available and pixel aspect (text columns per pixel).
	pw, ph, xrep := aw, gh, 2
	if ramp != nil {
		ph, xrep = 2*gh, 1
	}
	s := math.Min(float64(pw)/float64(xrep*g.Cols), float64(ph)/float64(g.Rows))
	if s >= 1 {
		s = math.Floor(s)
	}
	ow := min(max(int(float64(xrep*g.Cols)*s), 1), pw) // text columns
	oh := min(max(int(float64(g.Rows)*s), 1), ph)      // pixel lines
	at := func(px, py int) float64 {
		return g.V[(py*g.Rows/oh)*g.Cols+px*g.Cols/ow]
	}
	if ramp == nil {
		for py := 0; py < oh; py++ {
			for px := 0; px < ow; px++ {
				if l := level(at(px, py), lo, hi, len(shades)); l >= 0 {
					f.set(x+px, y+py, shades[l], 0)
				}
			}
		}
		return ow, oh
	}
	for cy := 0; cy*2 < oh; cy++ {
		for px := 0; px < ow; px++ {
			var fg, bg uint8
			if l := level(at(px, 2*cy), lo, hi, len(ramp)); l >= 0 {
				fg = ramp[l]
			}
			if 2*cy+1 < oh {
				if l := level(at(px, 2*cy+1), lo, hi, len(ramp)); l >= 0 {
					bg = ramp[l]
				}
			}
			switch {
			case fg != 0:
				f.setBG(x+px, y+cy, '▀', fg, bg)
			case bg != 0:
				f.setBG(x+px, y+cy, '▄', bg, 0)
			}
		}
	}
	return ow, (oh + 1) / 2
}

// drawScale writes "lo ramp hi" in at most w columns from (x, y).
func drawScale(f *frame, x, y, w int, lo, hi float64, ramp []uint8, axis uint8) {
	l, h := fmtNum(lo), fmtNum(hi)
	rw := w - textWidth(l) - textWidth(h) - 2
	if rw < 2 { // no room for a ramp: "lo…hi", or nothing
		if s := l + "…" + h; textWidth(s) <= w {
			f.text(x, y, s, axis, x+w)
		}
		return
	}
	if ramp == nil {
		rw = min(rw, len(shades))
	} else {
		rw = min(rw, 8)
	}
	c := f.text(x, y, l, axis, x+w) + 1
	for i := 0; i < rw; i++ {
		if ramp == nil {
			f.set(c+i, y, shades[i*(len(shades)-1)/max(rw-1, 1)], axis)
		} else {
			f.set(c+i, y, '█', ramp[i*(len(ramp)-1)/max(rw-1, 1)])
		}
	}
	f.text(c+rw+1, y, h, axis, x+w)
}

// heatRamp registers heatLevels colours interpolated along stops (viridis
// when fewer than two are given) and returns their indices, low to high.
func heatRamp(f *frame, stops []color.Color) []uint8 {
	rgb := make([][3]float64, 0, max(len(stops), len(viridis)))
	if len(stops) >= 2 {
		for _, c := range stops {
			if c == nil {
				continue
			}
			r, g, b, _ := c.RGBA()
			rgb = append(rgb, [3]float64{float64(r >> 8), float64(g >> 8), float64(b >> 8)})
		}
	}
	if len(rgb) < 2 {
		rgb = rgb[:0]
		for _, v := range viridis {
			rgb = append(rgb, [3]float64{float64(v[0]), float64(v[1]), float64(v[2])})
		}
	}
	out := make([]uint8, heatLevels)
	for i := range out {
		t := float64(i) / float64(heatLevels-1) * float64(len(rgb)-1)
		j := min(int(t), len(rgb)-2)
		u := t - float64(j)
		var c color.RGBA
		c.A = 0xff
		c.R = uint8(math.Round(rgb[j][0]*(1-u) + rgb[j+1][0]*u))
		c.G = uint8(math.Round(rgb[j][1]*(1-u) + rgb[j+1][1]*u))
		c.B = uint8(math.Round(rgb[j][2]*(1-u) + rgb[j+1][2]*u))
		out[i] = f.color(c)
	}
	return out
}
