package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/export"
	"github.com/neurotutor/neurotutor/sim/sweep"
	"github.com/neurotutor/neurotutor/ui/plot"
	"github.com/neurotutor/neurotutor/ui/readout"
)

// sweepPoints is how many values the lab's sweep takes across a range.
const sweepPoints = 21

// sweepState is the lab's sweep: running (done of total points) or done.
type sweepState struct {
	id          int
	cancel      context.CancelFunc
	param       sim.Param
	current     float64 // the lab's value of the parameter, marked
	seed        uint64
	duration    float64
	done, total int
	res         *sweep.Result
	err         string
	metric      int             // index into the model's metrics
	lastMetric  map[string]int  // the metric last shown, per model
	metricsUsed []int           // metrics that apply, in order
	base        []sweep.Setting // the lab's values every point started from
}

// sweepProgressMsg and sweepDoneMsg come from the sweep's goroutine.
type sweepProgressMsg struct {
	id, done, total int
	ch              chan tea.Msg
}

type sweepDoneMsg struct {
	id  int
	res *sweep.Result
	err error
}

// startSweep sweeps the lab's selected parameter over its range, each
// point a fresh model in the lab's state with the lab's seed, off the UI
// goroutine.
func (m *Model) startSweep() tea.Cmd {
	p, ok := m.lab.Selected()
	if !ok {
		m.status, m.statusBad = "This lab has no parameter to sweep.", true
		return nil
	}
	run := m.lab.Run()
	info := run.Info()
	values, err := sweep.Points(p, p.Min, p.Max, sweepPoints)
	if err != nil {
		m.status, m.statusBad = err.Error(), true
		return nil
	}
	cur, _ := run.Model.Get(p.Key)
	if !slices.Contains(values, cur) { // the lab's own value is a point too
		values = append(values, cur)
		slices.Sort(values)
	}
	sw := &m.study.sweep
	m.sweepCancel()
	sw.id++
	sw.param, sw.current, sw.seed = p, cur, run.Seed()
	sw.duration = sweep.DefaultDuration(info)
	sw.done, sw.total, sw.res, sw.err = 0, len(values), nil, ""
	sw.metricsUsed = sw.metricsUsed[:0]
	filter, _ := run.Model.(sim.MetricFilter)
	for i, mt := range info.Metrics {
		if filter == nil || filter.MetricActive(mt.Key) {
			sw.metricsUsed = append(sw.metricsUsed, i)
		}
	}
	if sw.lastMetric == nil {
		sw.lastMetric = map[string]int{}
	}
	sw.metric = sw.lastMetric[info.ID]
	m.study.overlay = sweepOverlay
	ctx, cancel := context.WithCancel(context.Background())
	sw.cancel = cancel
	reg, model := m.reg, info.ID
	spec := sweep.Spec{
		New:      func() sim.Model { x, _ := reg.New(model); return x },
		Settings: sweep.SettingsOf(run.Model),
		Param:    p.Key, Values: values, Seeds: []uint64{sw.seed}, Duration: sw.duration,
	}
	id := sw.id
	sw.base = spec.Settings
	m.renderSweep()
	ch := make(chan tea.Msg, 8)
	go func() {
		res, err := sweep.Run(ctx, spec, func(done, total int) {
			select {
			case ch <- sweepProgressMsg{id, done, total, ch}:
			default: // the UI is behind; the next one will do
			}
		})
		ch <- sweepDoneMsg{id, res, err}
		close(ch)
	}()
	return waitSweep(ch)
}

// waitSweep reads the sweep's next message.
func waitSweep(ch chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		return msg
	}
}

// sweepCancel stops a sweep in flight.
func (m *Model) sweepCancel() {
	if c := m.study.sweep.cancel; c != nil {
		c()
		m.study.sweep.cancel = nil
	}
}

// sweepMsg takes in the sweep's progress and result; stale ones are dropped.
func (m *Model) sweepMsg(msg tea.Msg) tea.Cmd {
	defer m.renderSweep()
	sw := &m.study.sweep
	switch msg := msg.(type) {
	case sweepProgressMsg:
		if msg.id == sw.id {
			sw.done, sw.total = msg.done, msg.total
		}
		return waitSweep(msg.ch)
	case sweepDoneMsg:
		if msg.id != sw.id {
			return nil
		}
		sw.cancel = nil
		if msg.err != nil {
			if msg.err != context.Canceled {
				sw.err = msg.err.Error()
			}
			return nil
		}
		sw.res, sw.done = msg.res, sw.total
	}
	return nil
}

// sweepKey: ←/→ choose the metric, esc cancels or closes.
func (m *Model) sweepKey(msg tea.KeyPressMsg) tea.Cmd {
	sw := &m.study.sweep
	switch msg.String() {
	case "esc", "enter", "q", "w":
		if sw.cancel != nil {
			m.status = fmt.Sprintf("Sweep of %s cancelled after %d of %d points.", sw.param.Label, sw.done, sw.total)
		}
		m.sweepCancel()
		m.study.overlay = noOverlay
	case "e":
		if !m.refuseFiles() {
			m.exportSweep()
		}
	case "right", "l", "tab", "m":
		m.cycleMetric(1)
	case "left", "h", "shift+tab", "M":
		m.cycleMetric(-1)
	}
	return nil
}

func (m *Model) cycleMetric(dir int) {
	sw := &m.study.sweep
	n := len(sw.metricsUsed)
	if n == 0 {
		return
	}
	i := 0
	for k, mi := range sw.metricsUsed {
		if mi == sw.metric {
			i = k
		}
	}
	sw.metric = sw.metricsUsed[((i+dir)%n+n)%n]
	sw.lastMetric[m.lab.Run().Info().ID] = sw.metric
	m.renderSweep()
}

// renderSweep draws the sweep for the overlay, after every change, so
// that frames of the lab animating underneath cost nothing.
func (m *Model) renderSweep() {
	if m.study.overlay == sweepOverlay && m.labOK {
		m.study.sweepText = m.sweepView(m.height - 2)
	}
}

// sweepView draws the sweep: its progress, then the chosen metric
// against the parameter with the lab's value marked.
func (m Model) sweepView(h int) string {
	th := m.theme
	sw := m.study.sweep
	info := m.lab.Run().Info()
	if len(sw.metricsUsed) > 0 && !containsInt(sw.metricsUsed, sw.metric) {
		sw.metric = sw.metricsUsed[0]
	}
	mt := info.Metrics[sw.metric]
	unit := func(u string) string {
		if u == "" {
			return ""
		}
		return " (" + u + ")"
	}
	head := []string{
		th.Title.Render(fmt.Sprintf("Sweep: %s against %s%s", mt.Label, sw.param.Label, unit(sw.param.Unit))),
		th.Subtle.Render(fmt.Sprintf("%s to %s, %d points, seed %d, %s ms each, a fresh model per point",
			sim.FormatValue(sw.param.Min), sim.FormatValue(sw.param.Max), sw.total, sw.seed, sim.FormatValue(sw.duration))),
	}
	keysLine := th.Subtle.Render(fmt.Sprintf("←/→ metric (%s) · e saves CSV, JSON · esc closes · upright line: this run", mt.Key))
	if sw.err != "" {
		return indent(strings.Join(append(head, "", th.Bad.Render("The sweep stopped: "+sw.err), "", keysLine), "\n"))
	}
	if sw.res == nil {
		w := max(10, m.width-30)
		filled := w * sw.done / max(1, sw.total)
		bar := th.Accent.Render(strings.Repeat("━", filled)) + th.Subtle.Render(strings.Repeat("─", w-filled))
		return indent(strings.Join(append(head, "", fmt.Sprintf("computing %s %d/%d points", bar, sw.done, sw.total), "",
			th.Subtle.Render("esc cancels")), "\n"))
	}
	var d sim.PlotData
	d.Reset()
	line := d.AddSeries(mt.Label, false)
	for i, v := range sw.res.Values {
		line.Add(v, sw.res.Stat(i, sw.metric).Mean)
	}
	ymin, ymax := line.Y[0], line.Y[0]
	for _, y := range line.Y {
		ymin, ymax = min(ymin, y), max(ymax, y)
	}
	pts := d.AddSeries("points", true)
	for i, v := range sw.res.Values {
		pts.Add(v, sw.res.Stat(i, sw.metric).Mean)
	}
	here := d.AddSeries("this run's "+sw.param.Label, false)
	here.Add(sw.current, ymin)
	here.Add(sw.current, ymax)
	d.XMin, d.XMax = sw.param.Min, sw.param.Max
	ph := max(4, h-len(head)-3)
	chart := plot.Line(&d, nil, plot.Options{Width: m.width - 2, Height: ph, Palette: th.Palette,
		XLabel: sw.param.Label + unit(sw.param.Unit), YLabel: mt.Label + unit(mt.Unit)})
	return indent(strings.Join(append(head, chart, m.sweepReadout(), keysLine), "\n"))
}

// sweepReadout names the metric at the point nearest the lab's value.
func (m Model) sweepReadout() string {
	sw := m.study.sweep
	best := 0
	for i, v := range sw.res.Values {
		if abs(v-sw.current) < abs(sw.res.Values[best]-sw.current) {
			best = i
		}
	}
	mt := m.lab.Run().Info().Metrics[sw.metric]
	return fmt.Sprintf("this run, %s = %s: %s = %s %s", sw.param.Label, readout.Param(sw.res.Values[best], sw.param), mt.Label,
		readout.Metric(sw.res.Stat(best, sw.metric).Mean, mt), mt.Unit)
}

func abs(x float64) float64 { return max(x, -x) }

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// exportSweep writes the finished sweep, every metric, as sim sweep
// prints it, to CSV and JSON in the working directory.
func (m *Model) exportSweep() {
	sw := &m.study.sweep
	if sw.res == nil {
		return
	}
	info := m.lab.Run().Info()
	cols, _ := sweep.Columns(info.Metrics, nil)
	vals := make([]float64, len(sw.base))
	for i, s := range sw.base {
		vals[i] = s.Value
	}
	dir, err := os.Getwd()
	if err != nil {
		dir = "."
	}
	stem := fmt.Sprintf("neurotutor-%s-sweep-%s-seed%d", m.lesson.ID, sw.param.Key, sw.seed)
	c, j, err := export.SaveWith(dir, stem,
		func(w io.Writer) error { return sw.res.WriteCSV(w, cols) },
		func(w io.Writer) error { return sw.res.WriteJSON(w, info.ID, info.Params, vals, cols) })
	if err != nil {
		m.status, m.statusBad = "Export failed: "+err.Error()+" (nothing was written)", true
		return
	}
	m.status, m.statusBad = fmt.Sprintf("Saved the sweep: %s and %s in %s", filepath.Base(c), filepath.Base(j), dir), false
}
