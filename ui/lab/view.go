package lab

import (
	"fmt"
	"math"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/ui/readout"
)

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
	head := m.headerLines()
	params := m.paramLines(m.paramRows())
	metrics := m.metricLines()
	challenge := m.challengeLines()
	note := m.noteLines()

	fixed := func() int { return len(head) + len(params) + len(metrics) + len(challenge) + len(note) }
	room := m.height - fixed()
	// Short of room for a legible plot, give way in order: the parameter
	// list folds to a window around the selection, then the selected
	// parameter's help gives way to the hint, a note or an error.
	need := m.minPlotHeight()
	if room < need && len(params) > 1 {
		params = m.paramLines(max(1, len(params)-(need-room)))
		room = m.height - fixed()
	}
	if room < need && m.note == "" && !m.typing {
		note = nil
		room = m.height - fixed()
	}
	var plots []string
	switch {
	case m.failure != "":
		plots = wrap(m.theme.Bad.Render(m.failure), w)
	case !m.c.ready:
		plots = []string{m.theme.Subtle.Render("Computing the first run…")}
	default:
		plots = m.plotLines(room)
	}
	// Room the page of plots leaves (the next plot would not be legible
	// in it) goes back to the parameter list.
	if left := room - len(plots); left > 0 && len(params) < len(m.controls) {
		params = m.paramLines(len(params) + left)
	}
	var body []string
	body = append(body, head...)
	m.textStart = len(head) + len(plots)
	body = append(body, plots...)
	body = append(body, params...)
	body = append(body, metrics...)
	body = append(body, challenge...)
	body = append(body, note...)
	if len(body) > m.height {
		body = body[:m.height]
	}
	for len(body) < m.height {
		body = append(body, "")
	}
	for i, l := range body {
		if lipgloss.Width(l) > w {
			body[i] = ansi.Truncate(l, w, "")
		}
	}
	m.view = strings.Join(body, "\n")
}

// headerLines are the model's title and the run's state: running or
// paused, speed, simulated time and the ghost. When both do not fit on one
// line the state gets a line of its own, so the clock is never cut.
func (m *Model) headerLines() []string {
	th := m.theme
	state := th.Warn.Render("⏸ paused")
	if m.running {
		state = th.Good.Render("▶ running")
	}
	if m.Busy() {
		state = th.Warn.Render("◌ computing…")
	}
	speed := m.paceText()
	t := m.run.Model.Time()
	clock := fmt.Sprintf("t = %s", formatTime(t))
	status := fmt.Sprintf("%s %s  %s", state, th.Subtle.Render(speed), th.Subtle.Render(clock))
	if m.hasGhost {
		g := "ghost off"
		if m.showGhost {
			g = "ghost on"
		}
		status += th.Subtle.Render("  " + g)
	}
	title := th.Title.Render(m.info.Title)
	if lipgloss.Width(title)+2+lipgloss.Width(status) <= m.width {
		return []string{title + "  " + status}
	}
	return append(wrap(title, m.width), wrap(status, m.width)...)
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
		v := m.paramValue(p.Key)
		mark := "  "
		if i == m.sel {
			mark = "▸ "
		}
		label := p.Label + strings.Repeat(" ", labelW-lipgloss.Width(p.Label))
		value := readout.Param(v, p)
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

// bar draws a slider for v within p's range, on a log scale for a log
// slider.
func bar(p sim.Param, v float64, w int) string {
	frac := 0.0
	switch lo := math.Max(p.Min, p.Step); {
	case p.Log && p.Max > lo && v >= lo: // on a log slider, the decades
		frac = math.Log(v/lo) / math.Log(p.Max/lo)
	case p.Log:
	case p.Max > p.Min:
		frac = (v - p.Min) / (p.Max - p.Min)
	}
	filled := int(math.Round(frac * float64(w)))
	return strings.Repeat("━", filled) + strings.Repeat("─", w-filled)
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
		v := readout.Metric(m.metrics[i], mt)
		item := mt.Label + " " + m.theme.Title.Render(v)
		if mt.Unit != "" && v != readout.None {
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
		return wrap(th.Good.Render(fmt.Sprintf("★ All %d challenges met.", len(m.checks)))+
			th.Subtle.Render(" Try the presets, or the next lesson (n)."), m.width)
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
	lines = append(lines, wrap(cur.Challenge.Prompt, m.width)...)
	if m.hint {
		lines = append(lines, wrap(th.Subtle.Render("Hint: "+cur.Challenge.Hint), m.width)...)
	}
	return lines
}

// noteLines are the transient message, else the selected parameter's
// help, wrapped to the pane.
func (m *Model) noteLines() []string {
	th := m.theme
	var typed []string
	if m.typing {
		typed = m.entryLines()
	}
	switch {
	case m.typing && m.note != "":
		return append(typed, wrap(th.Bad.Render(m.note), m.width)...)
	case m.typing:
		return typed
	case m.note != "" && m.noteBad:
		return wrap(th.Bad.Render(m.note), m.width)
	case m.note != "":
		return wrap(th.Good.Render(m.note), m.width)
	case len(m.controls) > 0:
		p := m.controls[m.sel]
		s := p.Label + ": " + p.Help + " (" + readout.Text(p.Allowed()) + ")"
		if !p.Live {
			s += " · restarts the run"
		}
		return wrap(th.Subtle.Render(s), m.width)
	}
	return nil
}

// wrap word-wraps s to w columns, keeping every line: nothing the lab
// says is cut off.
func wrap(s string, w int) []string {
	return strings.Split(lipgloss.Wrap(s, max(1, w), " "), "\n")
}
