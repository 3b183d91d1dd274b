package plot

import "math"

// canvas is a braille dot canvas: each terminal cell holds a 2×4 block of
// dots (Unicode U+2800–U+28FF), so a w×h cell canvas has 2w×4h dots. Each
// cell also remembers the colour of the last series that drew in it.
type canvas struct {
	w, h   int // in cells
	dw, dh int // in dots
	bits   []uint8
	col    []uint8

	// Pattern state for dashed lines: the last dot visited and a count of
	// distinct dots visited along the path.
	lastX, lastY, n int
}

// dash is a line's pattern: on dots drawn, then off dots skipped, along
// the path; the zero dash is a solid line.
type dash struct{ on, off int }

// Dash patterns, densest first, and the legend mark that pictures each.
var (
	solid    = dash{}
	ghostDot = dash{1, 1} // the previous run, in its own colour
	dashes   = [...]dash{solid, {4, 2}, {2, 2}, {1, 1}}
	marks    = [...]rune{'━', '╍', '┅', '┉'}
	// Without colour the ghost must differ from every series: sparser.
	ghostSparse = dash{1, 3}
)

// brailleBit[y][x] is the bit of dot (x, y) within a cell.
var brailleBit = [4][2]uint8{
	{0x01, 0x08},
	{0x02, 0x10},
	{0x04, 0x20},
	{0x40, 0x80},
}

// newCanvas returns an empty w×h cell canvas.
func newCanvas(w, h int) *canvas {
	return &canvas{
		w: w, h: h, dw: 2 * w, dh: 4 * h,
		bits: make([]uint8, w*h),
		col:  make([]uint8, w*h),
	}
}

// dot sets the dot at (x, y) in colour col; dots outside are ignored.
func (c *canvas) dot(x, y int, col uint8) {
	if x < 0 || y < 0 || x >= c.dw || y >= c.dh {
		return
	}
	i := (y>>2)*c.w + x>>1
	c.bits[i] |= brailleBit[y&3][x&1]
	c.col[i] = col
}

// pattern sets (x, y) if it falls on a drawn part of the dash d along
// the current path (each distinct dot visited counts once).
func (c *canvas) pattern(x, y int, col uint8, d dash) {
	if x != c.lastX || y != c.lastY {
		c.lastX, c.lastY = x, y
		if c.n%(d.on+d.off) < d.on {
			c.dot(x, y, col)
		}
		c.n++
	}
}

// startPath resets the dash pattern.
func (c *canvas) startPath() { c.lastX, c.lastY, c.n = -1, -1, 0 }

// line draws a straight line between dot positions (x0, y0) and (x1, y1),
// given in fractional dots, clipped to the canvas, solid or in the dash d.
func (c *canvas) line(x0, y0, x1, y1 float64, col uint8, d dash) {
	var ok bool
	x0, y0, x1, y1, ok = clip(x0, y0, x1, y1, float64(c.dw-1), float64(c.dh-1))
	if !ok {
		return
	}
	ix0, iy0 := int(math.Round(x0)), int(math.Round(y0))
	ix1, iy1 := int(math.Round(x1)), int(math.Round(y1))
	dx, dy := abs(ix1-ix0), -abs(iy1-iy0)
	sx, sy := 1, 1
	if ix1 < ix0 {
		sx = -1
	}
	if iy1 < iy0 {
		sy = -1
	}
	e := dx + dy
	for n := max(dx, -dy); n >= 0; n-- {
		if d == solid {
			c.dot(ix0, iy0, col)
		} else {
			c.pattern(ix0, iy0, col, d)
		}
		if ix0 == ix1 && iy0 == iy1 {
			return
		}
		e2 := 2 * e
		if e2 >= dy {
			e += dy
			ix0 += sx
		}
		if e2 <= dx {
			e += dx
			iy0 += sy
		}
	}
}

// point sets the single dot nearest (x, y), given in fractional dots.
func (c *canvas) point(x, y float64, col uint8) {
	if !(x > -0.5 && y > -0.5 && x < float64(c.dw)-0.5 && y < float64(c.dh)-0.5) {
		return
	}
	c.dot(int(math.Round(x)), int(math.Round(y)), col)
}

// draw copies the canvas into f with its top-left cell at (x, y); empty
// cells are left as they are.
func (c *canvas) draw(f *frame, x, y int) {
	for cy := 0; cy < c.h; cy++ {
		for cx := 0; cx < c.w; cx++ {
			i := cy*c.w + cx
			if b := c.bits[i]; b != 0 {
				f.set(x+cx, y+cy, rune(0x2800+int(b)), c.col[i])
			}
		}
	}
}

// clip clips the segment (x0,y0)–(x1,y1) to the box [0,xmax]×[0,ymax]
// (Liang–Barsky). It reports false when nothing is left or an end is not
// finite.
func clip(x0, y0, x1, y1, xmax, ymax float64) (float64, float64, float64, float64, bool) {
	if !finite(x0) || !finite(y0) || !finite(x1) || !finite(y1) {
		return 0, 0, 0, 0, false
	}
	t0, t1 := 0.0, 1.0
	dx, dy := x1-x0, y1-y0
	for _, pq := range [4][2]float64{{-dx, x0}, {dx, xmax - x0}, {-dy, y0}, {dy, ymax - y0}} {
		p, q := pq[0], pq[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, 0, 0, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			if r > t1 {
				return 0, 0, 0, 0, false
			}
			if r > t0 {
				t0 = r
			}
		} else {
			if r < t0 {
				return 0, 0, 0, 0, false
			}
			if r < t1 {
				t1 = r
			}
		}
	}
	a, b, c, d := x0+t0*dx, y0+t0*dy, x0+t1*dx, y0+t1*dy
	// Guard against overflow in dx, dy for enormous finite inputs.
	in := func(v, max float64) bool { return v >= -1 && v <= max+1 }
	if !in(a, xmax) || !in(c, xmax) || !in(b, ymax) || !in(d, ymax) {
		return 0, 0, 0, 0, false
	}
	return a, b, c, d, true
}

// finite reports whether v is neither NaN nor infinite (v−v is NaN then).
func finite(v float64) bool { return v-v == 0 }

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
