package plot

import (
	"image/color"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// frame is a grid of terminal cells, each one column wide, with an optional
// foreground and background colour. Colours are small indices into a table
// owned by the frame (0 means "no colour"), so a cell costs three bytes of
// style and the emitter can cache one SGR sequence per colour pair.
type frame struct {
	w, h   int
	r      []rune  // rune of each cell; 0 marks the right half of a wide rune
	fg, bg []uint8 // colour indices, 0 = none
	cols   []color.Color
}

// newFrame returns a w×h frame of blank cells.
func newFrame(w, h int) *frame {
	f := &frame{w: w, h: h, cols: []color.Color{nil}}
	n := w * h
	f.r = make([]rune, n)
	f.fg = make([]uint8, n)
	f.bg = make([]uint8, n)
	for i := range f.r {
		f.r[i] = ' '
	}
	return f
}

// color registers c and returns its index; nil gives 0 (no colour). Equal
// colours (by RGBA) share an index. At most 255 colours are kept; beyond
// that the last registered one is reused.
func (f *frame) color(c color.Color) uint8 {
	if c == nil {
		return 0
	}
	r, g, b, a := c.RGBA()
	for i := 1; i < len(f.cols); i++ {
		r2, g2, b2, a2 := f.cols[i].RGBA()
		if r == r2 && g == g2 && b == b2 && a == a2 {
			return uint8(i)
		}
	}
	if len(f.cols) >= 256 {
		return uint8(len(f.cols) - 1)
	}
	f.cols = append(f.cols, c)
	return uint8(len(f.cols) - 1)
}

// set writes one single-width rune at (x, y) with foreground fg, ignoring
// positions outside the frame.
func (f *frame) set(x, y int, r rune, fg uint8) {
	if x < 0 || y < 0 || x >= f.w || y >= f.h {
		return
	}
	i := y*f.w + x
	f.r[i], f.fg[i], f.bg[i] = r, fg, 0
}

// setBG writes one rune with both colours.
func (f *frame) setBG(x, y int, r rune, fg, bg uint8) {
	if x < 0 || y < 0 || x >= f.w || y >= f.h {
		return
	}
	i := y*f.w + x
	f.r[i], f.fg[i], f.bg[i] = r, fg, bg
}

// at returns the rune at (x, y), or 0 outside the frame.
func (f *frame) at(x, y int) rune {
	if x < 0 || y < 0 || x >= f.w || y >= f.h {
		return 0
	}
	return f.r[y*f.w+x]
}

// text writes s from column x of row y, clipped to columns before limit (and
// the frame's width), and returns the column after the last cell written.
// Wide runes take two cells; zero-width runes are dropped.
func (f *frame) text(x, y int, s string, fg uint8, limit int) int {
	if limit > f.w {
		limit = f.w
	}
	if y < 0 || y >= f.h {
		return x
	}
	for _, r := range s {
		rw := runeWidth(r)
		if rw == 0 {
			continue
		}
		if x+rw > limit {
			break
		}
		if x >= 0 {
			f.set(x, y, r, fg)
			if rw == 2 {
				f.set(x+1, y, 0, fg)
			}
		}
		x += rw
	}
	return x
}

// textWidth is the display width of s as text() lays it out.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// truncate shortens s to at most w columns, ending in "…" when cut.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if textWidth(s) <= w {
		return s
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		rw := runeWidth(r)
		if n+rw > w-1 {
			break
		}
		b.WriteRune(r)
		n += rw
	}
	b.WriteRune('…')
	return b.String()
}

// runeWidth is the number of cells r takes: 0 for control and combining
// marks, 2 for wide runes, else 1. Latin, Greek, box drawing, blocks and
// braille take the fast path.
func runeWidth(r rune) int {
	switch {
	case r < 0x20 || r == 0x7f:
		return 0
	case r < 0x300:
		return 1
	case r < 0x370:
		return 0 // combining diacritics
	case r < 0x1100,
		r >= 0x2000 && r < 0x2300, // punctuation, arrows, maths (−, →, ×)
		r >= 0x2500 && r < 0x25fd, // box drawing, blocks, shapes (▲)
		r >= 0x2800 && r < 0x2900: // braille
		return 1
	}
	return ansi.StringWidth(string(r))
}

// String renders the frame: h lines joined by "\n", each exactly w columns,
// colour runs wrapped in SGR sequences.
func (f *frame) String() string {
	if f.w <= 0 || f.h <= 0 {
		return ""
	}
	nc := len(f.cols)
	var sgr []string
	if nc > 1 {
		sgr = make([]string, nc*nc)
	}
	var b strings.Builder
	b.Grow(f.h * (f.w*3 + 1))
	for y := 0; y < f.h; y++ {
		if y > 0 {
			b.WriteByte('\n')
		}
		var cf, cb uint8
		row := y * f.w
		for x := 0; x < f.w; x++ {
			i := row + x
			r := f.r[i]
			if r == 0 {
				continue
			}
			fg, bg := f.fg[i], f.bg[i]
			if r == ' ' && bg == 0 && cb == 0 {
				fg = cf // a blank shows no foreground: keep the current run
			}
			if fg != cf || bg != cb {
				if cf != 0 || cb != 0 {
					b.WriteString(ansi.ResetStyle)
				}
				if fg != 0 || bg != 0 {
					k := int(fg)*nc + int(bg)
					if sgr[k] == "" {
						st := ansi.Style{}
						if fg != 0 {
							st = st.ForegroundColor(f.cols[fg])
						}
						if bg != 0 {
							st = st.BackgroundColor(f.cols[bg])
						}
						sgr[k] = st.String()
					}
					b.WriteString(sgr[k])
				}
				cf, cb = fg, bg
			}
			if r < 0x80 {
				b.WriteByte(byte(r))
			} else {
				b.WriteRune(r)
			}
		}
		if cf != 0 || cb != 0 {
			b.WriteString(ansi.ResetStyle)
		}
	}
	return b.String()
}

// message returns a w×h block showing msg (truncated) on its first line.
// Used for sizes too small to draw anything useful, and for "no data".
func message(w, h int, msg string) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	f := newFrame(w, h)
	f.text(0, 0, truncate(msg, w), 0, w)
	return f.String()
}

// wrapWords breaks s into lines of at most w columns at spaces; a word
// longer than w is cut with "…".
func wrapWords(s string, w int) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = word
		case textWidth(cur)+1+textWidth(word) <= w:
			cur += " " + word
		default:
			lines = append(lines, truncate(cur, w))
			cur = word
		}
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, truncate(cur, w))
	}
	return lines
}
