package lab

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/ui/readout"
)

// TickMsg advances a running lab by one frame. Ticks of another lab, or
// from before the lab last paused, are dropped.
type TickMsg struct {
	Lab, Seq int
}

// SolvedMsg reports a challenge just met, for the progress store.
type SolvedMsg struct {
	Lesson, Challenge string
}

// tick schedules the next frame.
func (m Model) tick() tea.Cmd {
	id, seq := m.id, m.seq
	return tea.Tick(time.Second/time.Duration(m.fps), func(time.Time) tea.Msg { return TickMsg{Lab: id, Seq: seq} })
}

// Start runs the lab and returns the first tick.
func (m *Model) Start() tea.Cmd {
	if m.running || m.failure != "" {
		return nil
	}
	m.running = true
	m.lastTick, m.achieved, m.owed = m.now(), 0, 0
	m.seq++
	m.updateKeys()
	m.refresh()
	return m.tick()
}

// Stop pauses the lab; pending ticks become stale.
func (m *Model) Stop() {
	m.running = false
	m.seq++
	m.updateKeys()
	m.refresh()
}

// Update handles ticks and the lab keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case TickMsg:
		if msg.Lab != m.id || msg.Seq != m.seq || !m.running {
			return m, nil
		}
		if m.Busy() { // the next run is not ready: keep the frame
			return m, m.tick()
		}
		var cmd tea.Cmd
		if m.failure == "" {
			m.frame()
			cmd = m.evaluate()
		}
		m.refresh()
		if !m.running { // a panic stopped it
			return m, cmd
		}
		return m, tea.Batch(cmd, m.tick())
	case tea.KeyPressMsg:
		if m.typing {
			return m.entryKey(msg)
		}
		return m.handleKey(msg)
	case tea.PasteMsg:
		if m.typing {
			return m.entryKey(msg)
		}
	case ComputedMsg:
		return m, m.computed(msg)
	}
	return m, nil
}

func (m Model) handleKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	before := m
	m.note, m.noteBad = "", false // a key that does something clears the note
	var cmd tea.Cmd
	switch {
	case key.Matches(msg, k.Pause):
		if m.running {
			m.Stop()
		} else {
			cmd = m.Start()
		}
		return m, cmd
	case key.Matches(msg, k.Step):
		if m.Busy() {
			m.note = "The new run is being computed; . steps it once it is ready."
			break
		}
		cmd = m.advance(m.stepMS())
	case key.Matches(msg, k.Reset):
		cmd = m.newRun()
		m.note = "Run reset to t = 0."
	case key.Matches(msg, k.Seed):
		m.seed++
		cmd = m.newRun()
		m.note = fmt.Sprintf("New run with seed %d (the lesson starts from seed %d; r repeats this one).", m.seed, m.lesson.Lab.Seed)
	case key.Matches(msg, k.Preset):
		cmd = m.nextPreset()
	case key.Matches(msg, k.Faster):
		m.nextPace(1)
		m.achieved = 0
	case key.Matches(msg, k.Slower):
		m.nextPace(-1)
		m.achieved = 0
	case key.Matches(msg, k.Ghost):
		m.showGhost = !m.showGhost
	case key.Matches(msg, k.Hint):
		m.hint = !m.hint
	case key.Matches(msg, k.Plots):
		m.nextPage()
	case key.Matches(msg, k.Prev):
		m.sel = (m.sel + len(m.controls) - 1) % len(m.controls)
	case key.Matches(msg, k.Next):
		m.sel = (m.sel + 1) % len(m.controls)
	case key.Matches(msg, k.Dec):
		cmd = m.nudge(-1)
	case key.Matches(msg, k.Inc):
		cmd = m.nudge(1)
	case key.Matches(msg, k.DecBig):
		cmd = m.nudge(-10)
	case key.Matches(msg, k.IncBig):
		cmd = m.nudge(10)
	case key.Matches(msg, k.Default):
		cmd = m.toStart()
	case key.Matches(msg, k.Type):
		m.startEntry()
	default:
		return before, nil
	}
	m.updateKeys()
	m.refresh()
	return m, cmd
}

// guard runs f and turns a model panic into an error shown in the lab.
func (m *Model) guard(f func()) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			m.failure = fmt.Sprintf("the %s model stopped with an internal error: %v — press r to reset the run", m.info.ID, r)
			m.running = false
			m.seq++
			ok = false
		}
	}()
	f()
	return true
}

// advance runs the model forward and checks the challenges.
func (m *Model) advance(ms float64) tea.Cmd {
	if m.failure != "" || m.Busy() {
		return nil
	}
	if !m.guard(func() { m.run.Advance(ms) }) {
		m.updateKeys()
		return nil
	}
	return m.evaluate()
}

// evaluate reads the metrics and updates every challenge (not while a
// new run is computed: the run shown is not the one the values describe).
func (m *Model) evaluate() tea.Cmd {
	if m.Busy() {
		return nil
	}
	var cmds []tea.Cmd
	m.guard(func() { m.metrics = m.run.Metrics(m.metrics) })
	now := m.run.Model.Time()
	for _, k := range m.checks {
		if k.Update(now, m.value) && !m.solved[k.Challenge.ID] {
			m.solved[k.Challenge.ID] = true
			m.note = "✓ Challenge met: " + k.Challenge.Prompt
			m.hint = false
			lesson, ch := m.lesson.ID, k.Challenge.ID
			cmds = append(cmds, func() tea.Msg { return SolvedMsg{Lesson: lesson, Challenge: ch} })
		}
	}
	m.updateKeys()
	return tea.Batch(cmds...)
}

// snapshotGhost copies every plot of the current run for comparison.
func (m *Model) snapshotGhost() {
	if m.run.Model.Time() <= 0 {
		return
	}
	end := m.run.Model.Time()
	for i, spec := range m.plots {
		g := &m.ghost[i]
		g.end = end
		if spec.Kind == sim.PlotTrace {
			g.head.Reset()
			for _, key := range spec.Signals {
				m.run.TraceHead(key, g.head.AddSeries(key, false))
			}
		}
		copyPlot(&g.tail, &m.data[i])
	}
	m.hasGhost = true
}

// copyPlot deep-copies src into dst, reusing dst's storage.
func copyPlot(dst, src *sim.PlotData) {
	dst.Reset()
	for _, s := range src.Series {
		c := dst.AddSeries(s.Name, s.Points)
		c.X = append(c.X, s.X...)
		c.Y = append(c.Y, s.Y...)
	}
	dst.SpikeT = append(dst.SpikeT, src.SpikeT...)
	dst.SpikeRow = append(dst.SpikeRow, src.SpikeRow...)
	dst.Rows, dst.T0, dst.T1 = src.Rows, src.T0, src.T1
	dst.RowLabels = append(dst.RowLabels, src.RowLabels...)
	dst.Bars = append(dst.Bars, src.Bars...)
	dst.BarLabels = append(dst.BarLabels, src.BarLabels...)
	dst.Marked, dst.BarMax = src.Marked, src.BarMax
	for _, g := range src.Grids {
		c := dst.AddGrid(g.Title, g.Rows, g.Cols)
		copy(c.V, g.V)
		c.Min, c.Max = g.Min, g.Max
	}
	dst.XMin, dst.XMax, dst.YMin, dst.YMax = src.XMin, src.XMax, src.YMin, src.YMax
}

// set changes one parameter; a change to a parameter that is not live
// starts a new run (as does any change while one is computed).
func (m *Model) set(p sim.Param, v float64) tea.Cmd {
	if !p.Live || m.Busy() {
		if !p.Check(v) {
			m.note, m.noteBad = (&sim.ParamError{Model: m.info.ID, Key: p.Key, Value: p.Format(v), Param: &p}).Error(), true
			return nil
		}
		m.change(p.Key, v)
		return m.newRun()
	}
	if err := m.run.Model.Set(p.Key, v); err != nil {
		m.note, m.noteBad = err.Error(), true
		return nil
	}
	m.gen++ // the running model changed: its plots too
	for _, k := range m.checks {
		k.Restart()
	}
	return m.evaluate()
}

// nudge moves the selected parameter n steps along its slider's grid
// (see sim.Param.Grid), clamped to its range.
func (m *Model) nudge(n int) tea.Cmd {
	p := m.controls[m.sel]
	old := m.paramValue(p.Key)
	v := p.Next(old, n)
	if v == old {
		m.note = fmt.Sprintf("%s is at its %s (%s)", p.Label, map[bool]string{true: "maximum", false: "minimum"}[n > 0], readout.Text(p.Allowed()))
		return nil
	}
	return m.set(p, v)
}

// toStart puts the selected parameter back to the lesson's starting value.
func (m *Model) toStart() tea.Cmd {
	p := m.controls[m.sel]
	v := m.startValue(p)
	if m.paramValue(p.Key) == v {
		return nil
	}
	return m.set(p, v)
}

// nextPreset applies the next preset in the lesson, over the lab's
// starting values rather than whatever the learner left, and starts a new
// run.
func (m *Model) nextPreset() tea.Cmd {
	m.preset = (m.preset + 1) % len(m.lesson.Presets)
	ps := m.lesson.Presets[m.preset]
	note := fmt.Sprintf("Preset %d/%d: %s", m.preset+1, len(m.lesson.Presets), ps.Name)
	if ps.Note != "" {
		note += " — " + ps.Note
	}
	return m.applyOverStart(ps.Params, note)
}

// ApplyTryIt sets the lab to one of the lesson's Try-it states, over the
// lab's starting values, and starts a new run (the old one stays as the
// ghost).
func (m *Model) ApplyTryIt(st lessons.TryState) tea.Cmd {
	note := fmt.Sprintf("Try it, step %d: %s", st.Step, st.Name)
	if st.Note != "" {
		note += " — " + st.Note
	}
	cmd := m.applyOverStart(st.Params, note)
	m.updateKeys()
	m.refresh()
	return cmd
}

// applyOverStart sets every parameter to the lesson's starting value (its
// default where the lesson names none), then s, starts a new run and
// shows note.
func (m *Model) applyOverStart(s lessons.Settings, note string) tea.Cmd {
	for _, p := range m.info.Params {
		m.change(p.Key, p.Default) // defaults are in range by construction
	}
	for _, x := range append(append(lessons.Settings{}, m.lesson.Lab.Params...), s...) {
		m.change(x.Key, x.Value) // checked by the catalog
	}
	cmd := m.newRun()
	if m.failure == "" {
		m.note, m.noteBad = note, false
	}
	return cmd
}
