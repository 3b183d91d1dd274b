package lab

import (
	"fmt"
	"math"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/ui/plot"
)

// minPlotHeight is the fewest lines a plot takes, its title included: with
// the legend and the x axis that leaves four rows of data, sixteen braille
// dots. When not every plot gets that, fewer are shown and v pages.
const minPlotHeight = 8

// View returns the lab as last rendered.
func (m Model) View() string { return m.view }

// refresh renders the whole pane into m.view. It runs in Update, after
// every change, never in View.
func (m *Model) refresh() {
	if m.width <= 0 || m.height <= 0 {
		m.view = ""
		return
	}
	w := m.width
	head := m.headerLine()
	params := m.paramLines(m.paramRows())
	metrics := m.metricLines()
	challenge := m.challengeLines()
	note := m.noteLine()

	fixed := 1 + len(params) + len(metrics) + len(challenge) + 1
	room := m.height - fixed
	if room < minPlotHeight && len(params) > 3 { // fold the parameter list
		params = m.paramLines(max(3, len(params)-(minPlotHeight-room)))
		room = m.height - (1 + len(params) + len(metrics) + len(challenge) + 1)
	}
	var body []string
	body = append(body, head)
	if m.failure != "" {
		body = append(body, wrap(m.theme.Bad.Render(m.failure), w, max(1, room))...)
	} else {
		body = append(body, m.plotLines(room)...)
	}
	body = append(body, params...)
	body = append(body, metrics...)
	body = append(body, challenge...)
	body = append(body, note)
	if len(body) > m.height {
		body = body[:m.height]
	}
	for len(body) < m.height {
		body = append(body, "")
	}
	for i, l := range body {
		body[i] = ansi.Truncate(l, w, "…")
	}
	m.view = strings.Join(body, "\n")
}

func (m *Model) headerLine() string {
	th := m.theme
	state := th.Warn.Render("⏸ paused")
	if m.running {
		state = th.Good.Render("▶ running")
	}
	speed := fmt.Sprintf("%g×", speeds[m.speed])
	t := m.run.Model.Time()
	clock := fmt.Sprintf("t = %s", formatTime(t))
	title := th.Title.Render(m.info.Title)
	return fmt.Sprintf("%s  %s %s  %s", title, state, th.Subtle.Render(speed), th.Subtle.Render(clock))
}

// formatTime writes a simulated time in ms or s.
func formatTime(ms float64) string {
	if ms >= 10_000 {
		return fmt.Sprintf("%.1f s", ms/1000)
	}
	return fmt.Sprintf("%.0f ms", ms)
}

// paramRows is how many parameter lines to show: all of them when the pane
// is tall, else a window around the selection that leaves room for plots.
func (m Model) paramRows() int {
	return min(len(m.controls), max(4, (m.height-12)/2))
}

// plotsShown is how many plots fit at the current size.
func (m Model) plotsShown() int {
	room := m.height - (1 + m.paramRows() + 2 + 3 + 1)
	return max(1, min(len(m.plots), room/minPlotHeight))
}

// plotLines fills the plot data and renders as many plots as fit in h
// lines, starting at firstPlot.
func (m *Model) plotLines(h int) []string {
	if h < 3 || len(m.plots) == 0 {
		return nil
	}
	n := max(1, min(len(m.plots), h/minPlotHeight))
	heights := m.plotHeights(h, n)
	var out []string
	for j := range n {
		i := (m.firstPlot + j) % len(m.plots)
		spec := m.plots[i]
		d := &m.data[i]
		m.guard(func() { m.run.FillPlot(spec, d) })
		ghost := m.ghostFor(i, d)
		title := m.theme.Subtle.Render(spec.Title)
		if n < len(m.plots) && j == 0 {
			shown := fmt.Sprint(m.firstPlot + 1)
			if n > 1 {
				shown += fmt.Sprintf("–%d", m.firstPlot+n)
			}
			title = m.theme.Subtle.Render(fmt.Sprintf("[v: plot %s/%d] ", shown, len(m.plots))) + title
		}
		opts := plot.Options{Width: m.width, Height: heights[j] - 1, Palette: m.theme.Palette}
		out = append(out, title)
		out = append(out, strings.Split(plot.Render(spec, d, ghost, opts), "\n")...)
	}
	return out
}

// plotWeight is the share of height a plot asks for: images and square
// pictures need more rows than a line to be read.
func plotWeight(p sim.PlotSpec) int {
	if p.Kind == sim.PlotGrid || p.Square {
		return 3
	}
	return 2
}

// plotHeights splits h lines among the n plots shown, in proportion to
// their weights, each getting at least minPlotHeight.
func (m *Model) plotHeights(h, n int) []int {
	total := 0
	for j := range n {
		total += plotWeight(m.plots[(m.firstPlot+j)%len(m.plots)])
	}
	hs := make([]int, n)
	left := h
	for j := range n {
		w := plotWeight(m.plots[(m.firstPlot+j)%len(m.plots)])
		hs[j] = max(minPlotHeight, h*w/total)
		if j == n-1 {
			hs[j] = max(3, left)
		}
		left -= hs[j]
	}
	return hs
}

// ghostFor returns the ghost to draw under plot i, or nil. A trace ghost is
// the previous run's first window while this run is in its first window,
// then its last window shifted to end where this one ends.
func (m *Model) ghostFor(i int, cur *sim.PlotData) *sim.PlotData {
	if !m.showGhost || !m.hasGhost {
		return nil
	}
	g := &m.ghost[i]
	if m.plots[i].Kind != sim.PlotTrace {
		return &g.tail
	}
	now := m.run.Model.Time()
	if now <= m.info.Window {
		return &g.head
	}
	shift := now - g.end
	for k := range g.tail.Series {
		s := &g.tail.Series[k]
		for j := range s.X {
			s.X[j] += shift
		}
	}
	g.end = now
	return &g.tail
}

// paramLines renders up to n controls, a window around the selection.
func (m *Model) paramLines(n int) []string {
	if len(m.controls) == 0 {
		return nil
	}
	n = min(n, len(m.controls))
	start := min(max(0, m.sel-n/2), len(m.controls)-n)
	labelW := 0
	for _, p := range m.controls {
		labelW = max(labelW, lipgloss.Width(p.Label))
	}
	valueW := 13
	barW := max(4, min(24, m.width-labelW-valueW-6))
	var out []string
	for i := start; i < start+n; i++ {
		p := m.controls[i]
		v, _ := m.run.Model.Get(p.Key)
		mark := "  "
		if i == m.sel {
			mark = "▸ "
		}
		label := p.Label + strings.Repeat(" ", labelW-lipgloss.Width(p.Label))
		value := formatParam(p, v)
		value += strings.Repeat(" ", max(0, valueW-lipgloss.Width(value)))
		line := mark + label + "  " + value + " " + bar(p, v, barW)
		if i == m.sel && m.focused {
			line = m.theme.Selected.Render(line)
		} else if i == m.sel {
			line = m.theme.Accent.Render(line)
		}
		out = append(out, line)
	}
	if n < len(m.controls) {
		out[len(out)-1] = out[len(out)-1] + m.theme.Subtle.Render(fmt.Sprintf("  (%d of %d, ↑↓)", n, len(m.controls)))
	}
	return out
}

// bar draws a slider for v within p's range.
func bar(p sim.Param, v float64, w int) string {
	frac := 0.0
	if p.Max > p.Min {
		frac = (v - p.Min) / (p.Max - p.Min)
	}
	filled := int(math.Round(frac * float64(w)))
	return strings.Repeat("━", filled) + strings.Repeat("─", w-filled)
}

// formatParam writes a parameter value with its unit, at the precision of
// its step.
func formatParam(p sim.Param, v float64) string {
	if len(p.Choices) > 0 {
		return p.Format(v)
	}
	dec := 0
	if p.Step < 1 {
		dec = int(math.Ceil(-math.Log10(p.Step) - 1e-9))
	}
	s := fmt.Sprintf("%.*f", dec, v)
	if p.Unit != "" {
		s += " " + p.Unit
	}
	return s
}

// formatMetric writes a metric value compactly.
func formatMetric(v float64) string {
	switch a := math.Abs(v); {
	case v == math.Trunc(v) && a < 1e6:
		return fmt.Sprintf("%.0f", v)
	case a >= 100:
		return fmt.Sprintf("%.0f", v)
	case a >= 10:
		return fmt.Sprintf("%.1f", v)
	case a >= 0.01:
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.2g", v)
}

// metricLines lays the metrics out as "label value unit" items, wrapped.
func (m *Model) metricLines() []string {
	var items []string
	filter, _ := m.run.Model.(sim.MetricFilter)
	for i, mt := range m.info.Metrics {
		if i >= len(m.metrics) {
			break
		}
		if filter != nil && !filter.MetricActive(mt.Key) {
			continue
		}
		item := mt.Label + " " + m.theme.Title.Render(formatMetric(m.metrics[i]))
		if mt.Unit != "" {
			item += " " + mt.Unit
		}
		items = append(items, item)
	}
	return flow(items, m.width, m.theme.Subtle.Render(" · "))
}

// flow joins items into lines no wider than w.
func flow(items []string, w int, sep string) []string {
	var lines []string
	cur := ""
	for _, it := range items {
		switch {
		case cur == "":
			cur = it
		case lipgloss.Width(cur)+lipgloss.Width(sep)+lipgloss.Width(it) <= w:
			cur += sep + it
		default:
			lines = append(lines, cur)
			cur = it
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// challengeLines shows the challenge count and the current challenge with
// its progress, and its hint when revealed.
func (m *Model) challengeLines() []string {
	if len(m.checks) == 0 {
		return nil
	}
	th := m.theme
	done := 0
	for _, k := range m.checks {
		if k.Solved {
			done++
		}
	}
	cur := m.current()
	if cur == nil {
		return []string{th.Good.Render(fmt.Sprintf("★ All %d challenges met.", len(m.checks))) +
			th.Subtle.Render(" Try the presets, or the next lesson (n).")}
	}
	idx := 0
	for i, k := range m.checks {
		if k == cur {
			idx = i
		}
	}
	now := m.run.Model.Time()
	status := th.Subtle.Render("○ not yet")
	if held := cur.Held(now); held > 0 || cur.Challenge.HoldsAll(m.value) {
		status = th.Warn.Render(fmt.Sprintf("◐ holding %.0f/%.0f ms", held, cur.Challenge.HoldMS))
	}
	head := th.Accent.Render(fmt.Sprintf("Challenge %d/%d", idx+1, len(m.checks))) +
		th.Subtle.Render(fmt.Sprintf(" (%d met) ", done)) + status
	lines := []string{head}
	lines = append(lines, wrap(cur.Challenge.Prompt, m.width, 3)...)
	if m.hint {
		lines = append(lines, wrap(th.Subtle.Render("Hint: "+cur.Challenge.Hint), m.width, 3)...)
	}
	return lines
}

// noteLine is the transient message, else the selected parameter's help.
func (m *Model) noteLine() string {
	th := m.theme
	switch {
	case m.note != "" && m.noteBad:
		return th.Bad.Render(m.note)
	case m.note != "":
		return th.Good.Render(m.note)
	case len(m.controls) > 0:
		p := m.controls[m.sel]
		s := p.Label + ": " + p.Help + " (" + p.Allowed() + ")"
		if !p.Live {
			s += " · restarts the run"
		}
		return th.Subtle.Render(s)
	}
	return ""
}

// wrap word-wraps s to w columns, keeping at most n lines.
func wrap(s string, w, n int) []string {
	lines := strings.Split(lipgloss.Wrap(s, max(1, w), " "), "\n")
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = ansi.Truncate(lines[n-1]+" …", w, "…")
	}
	return lines
}
