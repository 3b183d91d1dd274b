// Package runbar draws a one-line progress bar on a terminal's standard
// error for a long headless run (`neurotutor sim run`). It shows itself
// only once the run has taken a second, redraws at most ten times a
// second, and erases itself when the run ends. On a pipe or a file it
// draws nothing, so output meant for another program stays clean.
package runbar

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
)

// After is how long a run goes before the bar shows.
const After = time.Second

// every is the least time between two redraws.
const every = 100 * time.Millisecond

// width is the bar's length in cells.
const width = 30

// Bar is the progress bar of one run. A nil *Bar draws nothing.
type Bar struct {
	w           io.Writer
	label       string
	now         func() time.Time
	start, last time.Time
	shown       bool
}

// New returns a bar for a run described by label ("brunel: 600 s of
// simulated time"), drawn on w, or nil when w is not a terminal.
func New(w io.Writer, label string) *Bar {
	f, ok := w.(interface{ Fd() uintptr })
	if !ok || !term.IsTerminal(f.Fd()) {
		return nil
	}
	return newBar(w, label, time.Now)
}

func newBar(w io.Writer, label string, now func() time.Time) *Bar {
	return &Bar{w: w, label: label, now: now, start: now()}
}

// Update reports done of total steps, drawing the bar when it is due.
func (b *Bar) Update(done, total int) {
	if b == nil || total <= 0 {
		return
	}
	t := b.now()
	if t.Sub(b.start) < After || (b.shown && t.Sub(b.last) < every && done < total) {
		return
	}
	b.shown, b.last = true, t
	frac := min(1, max(0, float64(done)/float64(total)))
	eta := ""
	if done > 0 && done < total {
		left := time.Duration(float64(t.Sub(b.start)) * (1/frac - 1))
		eta = fmt.Sprintf(" · %s left", left.Round(time.Second))
	}
	full := int(frac * width)
	bar := strings.Repeat("█", full) + strings.Repeat("░", width-full)
	fmt.Fprintf(b.w, "\r\x1b[K%s %s %3.0f%%%s · ctrl+c stops", b.label, bar, 100*frac, eta)
}

// Clear erases the bar, if it was drawn.
func (b *Bar) Clear() {
	if b == nil || !b.shown {
		return
	}
	fmt.Fprint(b.w, "\r\x1b[K")
	b.shown = false
}
