// Package plot renders simulation plots as text: pure functions from a
// [sim.PlotData] and a size in terminal cells to a string of exactly that
// many lines and columns, coloured with ANSI sequences only where the
// [Palette] gives colours. Line charts and rasters use braille dots (2×4
// per cell), bars use eighth blocks, heat grids half blocks or a shade
// ramp; [Summary] gives a one-line text description for screen readers.
//
// We draw with our own small braille canvas rather than a chart library:
// the maintained braille chart package for Go (NimbleMarkets/ntcharts,
// v0.4.0) depends on Bubble Tea v1 and Lip Gloss v1, which would put a
// second, incompatible Charm stack beside our v2 one, and asciigraph has no
// braille. The canvas is about a hundred lines, allocates a handful of
// slices per frame, and lets us control layout, ghosts and NO_COLOR output
// exactly.
//
// The package imports no Bubble Tea: callers cache the strings and place
// them in their views.
package plot
