package plot

import (
	"fmt"

	"github.com/neurotutor/neurotutor/sim"
)

// Gallery draws d.Grids, which share the first grid's size, as untitled
// tiles in rows, one blank pixel between neighbours, as many as fit at the
// largest whole scale (at least 1) that still shows them all, else at
// scale 1. Its last line is the colour ramp, with the range when every
// tile has the same one ("low … high, per tile" when not), and "n of N
// shown" when not every tile fits. Each tile keeps its own colour range
// (Min…Max, else the range of its values). Colour draws two pixels per
// cell with half blocks; without colour a pixel is two columns of a shade
// " ░▒▓█".
func Gallery(d *sim.PlotData, o Options) string {
	if s, small := tooSmall(o); small {
		return s
	}
	f := newFrame(o.Width, o.Height)
	text, axis := f.color(o.Palette.Text), f.color(o.Palette.Axis)
	if len(d.Grids) == 0 || d.Grids[0].Rows < 1 || d.Grids[0].Cols < 1 {
		f.text(0, 0, "(no data)", text, f.w)
		return f.String()
	}
	var ramp []uint8
	if len(o.Palette.Heat) >= 2 || len(o.Palette.Series) > 0 {
		ramp = heatRamp(f, o.Palette.Heat)
	}
	rows, cols := d.Grids[0].Rows, d.Grids[0].Cols
	// Pixel space: xrep columns per pixel across, yper pixels per line.
	xrep, yper := 2, 1
	if ramp != nil {
		xrep, yper = 1, 2
	}
	layout := func(lines int) (scale, across, shown int) {
		pw, ph := o.Width, lines*yper
		fit := func(s int) (across, down int) {
			return (pw + xrep) / (xrep * (cols*s + 1)), (ph + 1) / (rows*s + 1)
		}
		scale = 1
		for s := 2; ; s++ {
			if a, dn := fit(s); a*dn < len(d.Grids) {
				break
			}
			scale = s
		}
		a, dn := fit(scale)
		return scale, a, min(len(d.Grids), a*dn)
	}
	// The last line holds the ramp, unless giving it to the tiles shows more.
	scale, across, shown := layout(o.Height - 1)
	withLegend := true
	if s, a, n := layout(o.Height); n > shown {
		scale, across, shown, withLegend = s, a, n, false
	}
	for t := range shown {
		g := &d.Grids[t]
		if g.Rows != rows || g.Cols != cols || len(g.V) < rows*cols {
			continue
		}
		lo, hi := gridRange(g)
		x0 := (t % across) * xrep * (cols*scale + 1)
		y0 := (t / across) * (rows*scale + 1) // in pixels
		for py := range rows * scale {
			for px := range cols * scale {
				v := g.V[(py/scale)*cols+px/scale]
				y := y0 + py
				if ramp == nil {
					if l := level(v, lo, hi, len(shades)); l >= 0 {
						for c := range xrep {
							f.set(x0+xrep*px+c, y, shades[l], 0)
						}
					}
					continue
				}
				if l := level(v, lo, hi, len(ramp)); l >= 0 {
					paintHalf(f, x0+px, y, ramp[l])
				}
			}
		}
	}
	if withLegend {
		legend(f, d, o.Height-1, shown, ramp, axis)
	}
	return f.String()
}

// paintHalf colours the upper or lower half of the cell holding pixel line
// y (two pixel lines per text line), keeping the other half.
func paintHalf(f *frame, x, y int, c uint8) {
	cy := y / 2
	if x < 0 || cy < 0 || x >= f.w || cy >= f.h {
		return
	}
	i := cy*f.w + x
	top, bot := uint8(0), uint8(0)
	switch f.r[i] {
	case '▀':
		top, bot = f.fg[i], f.bg[i]
	case '▄':
		bot = f.fg[i]
	}
	if y%2 == 0 {
		top = c
	} else {
		bot = c
	}
	if top != 0 {
		f.setBG(x, cy, '▀', top, bot)
	} else {
		f.setBG(x, cy, '▄', bot, 0)
	}
}

// legend writes the ramp line of a gallery on line y: "lo ramp hi" and a
// note, with a shorter ramp or none when the line is narrow.
func legend(f *frame, d *sim.PlotData, y, shown int, ramp []uint8, axis uint8) {
	lo, hi := gridRange(&d.Grids[0])
	same := true
	for i := range d.Grids {
		if l, h := gridRange(&d.Grids[i]); l != lo || h != hi {
			same = false
			break
		}
	}
	loS, hiS, note := fmtNum(lo), fmtNum(hi), ""
	if !same {
		loS, hiS, note = "low", "high", ", per tile"
	}
	if shown < len(d.Grids) {
		note += fmt.Sprintf(" · %d of %d shown", shown, len(d.Grids))
	}
	steps := len(shades)
	if ramp != nil {
		steps = 8
	}
	for _, n := range []int{steps, 4, 0} {
		if n > len(shades) && ramp == nil {
			continue
		}
		if textWidth(loS)+textWidth(hiS)+textWidth(note)+n+2 > f.w && n > 0 {
			continue
		}
		if n == 0 {
			f.text(0, y, loS+"…"+hiS+note, axis, f.w)
			return
		}
		x := f.text(0, y, loS, axis, f.w) + 1
		for i := range n {
			if ramp == nil {
				f.set(x+i, y, shades[i*(len(shades)-1)/(n-1)], axis)
			} else {
				f.set(x+i, y, '█', ramp[i*(len(ramp)-1)/(n-1)])
			}
		}
		x = f.text(x+n+1, y, hiS, axis, f.w)
		f.text(x, y, note, axis, f.w)
		return
	}
}
