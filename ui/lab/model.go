package lab

import (
	"fmt"
	"slices"
	"time"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/ui/keys"
	"github.com/neurotutor/neurotutor/ui/picker"
	"github.com/neurotutor/neurotutor/ui/theme"
)

// DefaultFPS is the animation rate while running, frames per second.
const DefaultFPS = 30

// Model is one lesson's lab.
type Model struct {
	id       int // distinguishes this lab's ticks from an earlier lab's
	seq      int // bumped whenever ticking stops or restarts
	lesson   *lessons.Lesson
	run      *sim.Run
	info     sim.Info
	controls []sim.Param
	plots    []sim.PlotSpec
	data     []sim.PlotData // current data per plot
	filled   []fillKey      // the run state each plot's data was filled at
	gen      int            // bumped whenever the run is replaced or changed in place
	ghost    []ghostData    // the previous run, per plot
	metrics  []float64
	checks   []*lessons.Check
	solved   map[string]bool // challenges solved, including earlier sessions

	seed      uint64  // of the current run; starts at the lesson's
	sel       int     // selected control
	running   bool    // animating
	pace      float64 // simulated time per wall-clock time; 0 for max
	achieved  float64 // the pace of the last second or so
	owed      float64 // simulated ms short of a whole step, carried to the next frame
	lastTick  time.Time
	now       func() time.Time // the wall clock (a fake one in tests)
	preset    int              // index of the last preset applied, −1 for none
	showGhost bool
	hasGhost  bool
	hint      bool // the current challenge's hint is revealed
	firstPlot int  // first plot shown when not all fit
	pageEnd   int  // one past the last plot shown
	note      string
	noteBad   bool
	failure   string // a model panic, shown instead of the plots
	typing    bool   // a parameter's value is being typed into input
	input     picker.Input

	fps           int // frames per second while running
	width, height int
	theme         *theme.Theme // shared, not copied with the lab
	keys          keys.Lab
	focused       bool
	view          string
	textStart     int // the first line of the view after the plots

	c compute // new runs, computed beside the one shown (compute.go)
}

// fillKey says which state of the run a plot's data shows: a key that
// redraws or pages without a step of the model fills no plot again.
type fillKey struct{ gen, steps int }

// ghostData is a snapshot of one plot from the previous run: for traces,
// its first window and its last window (ending at end ms); otherwise the
// last data shown.
type ghostData struct {
	head, tail sim.PlotData
	end        float64
}

// New builds the lab for a lesson around a fresh model. solved lists the
// challenges already met in earlier sessions. With WithFactory the first
// run is computed on a second model, in the background if it takes time
// (see Computing).
func New(id int, l *lessons.Lesson, m sim.Model, solved []string, th *theme.Theme, opts ...Option) (Model, error) {
	info := m.Info()
	lab := Model{
		id: id, lesson: l, info: info, pace: info.Speed / 1000, now: time.Now, preset: -1,
		theme: th, keys: keys.NewLab(), showGhost: true, fps: DefaultFPS,
		solved: map[string]bool{},
	}
	for _, s := range solved {
		lab.solved[s] = true
	}
	for _, o := range opts {
		o(&lab)
	}
	if err := lab.apply(m, l.Lab.Params); err != nil {
		return lab, err
	}
	for _, p := range info.Params {
		if len(l.Lab.Controls) == 0 || slices.Contains(l.Lab.Controls, p.Key) {
			lab.controls = append(lab.controls, l.Slider(p)) // the slider's range, the lesson's if it narrows it
		}
	}
	for _, p := range info.Plots {
		if len(l.Lab.Plots) == 0 || slices.Contains(l.Lab.Plots, p.Key) {
			lab.plots = append(lab.plots, p)
		}
	}
	if len(l.Lab.Controls) > 0 { // the lesson's order
		slices.SortStableFunc(lab.controls, func(a, b sim.Param) int {
			return slices.Index(l.Lab.Controls, a.Key) - slices.Index(l.Lab.Controls, b.Key)
		})
	}
	if len(l.Lab.Plots) > 0 { // the lesson's order
		slices.SortStableFunc(lab.plots, func(a, b sim.PlotSpec) int {
			return slices.Index(l.Lab.Plots, a.Key) - slices.Index(l.Lab.Plots, b.Key)
		})
	}
	lab.data = make([]sim.PlotData, len(lab.plots))
	lab.filled = make([]fillKey, len(lab.plots))
	lab.ghost = make([]ghostData, len(lab.plots))
	for i := range l.Challenges {
		k := lessons.NewCheck(&l.Challenges[i])
		k.Solved = lab.solved[l.Challenges[i].ID]
		lab.checks = append(lab.checks, k)
	}
	lab.run = sim.NewRun(m, 0, 0)
	lab.seed = l.Lab.Seed
	if lab.c.factory == nil {
		lab.c.ready = true
		lab.guard(func() { lab.run.Reset(lab.seed) })
		lab.evaluate() // metrics from the start, so the layout does not jump
	} else {
		for _, s := range l.Lab.Params {
			lab.change(s.Key, s.Value)
		}
		lab.c.start = lab.newRun()
	}
	lab.updateKeys()
	lab.refresh()
	return lab, nil
}

// apply sets parameters on m in order.
func (m *Model) apply(model sim.Model, s lessons.Settings) error {
	for _, x := range s {
		if err := model.Set(x.Key, x.Value); err != nil {
			return fmt.Errorf("lesson %s: %w", m.lesson.ID, err)
		}
	}
	return nil
}

// SetFPS sets the animation rate (over SSH a lower rate saves bandwidth);
// simulated time per wall second stays the same.
func (m *Model) SetFPS(fps int) {
	if fps > 0 {
		m.fps = fps
	}
}

// ID is the lab's identity for ticks.
func (m Model) ID() int { return m.id }

// Running reports whether the lab animates.
func (m Model) Running() bool { return m.running }

// Time is the simulated time of the run, ms.
func (m Model) Time() float64 { return m.run.Model.Time() }

// Keys returns the lab's bindings, with those that do not apply disabled.
func (m Model) Keys() keys.Lab { return m.keys }

// SetSize sets the pane size and re-renders.
func (m *Model) SetSize(w, h int) {
	if w == m.width && h == m.height {
		return // a layout that moved nothing (a change of focus)
	}
	m.width, m.height = w, h
	m.refresh()
}

// SetTheme changes the theme and re-renders.
func (m *Model) SetTheme(th *theme.Theme) {
	m.theme = th
	m.refresh()
}

// SetFocused says whether the parameter keys go to the lab.
func (m *Model) SetFocused(f bool) {
	m.focused = f
	m.updateKeys()
	m.refresh()
}

// updateKeys disables the bindings that do not apply now.
func (m *Model) updateKeys() {
	k := &m.keys
	hasControls := m.focused && len(m.controls) > 0
	k.Prev.SetEnabled(hasControls && len(m.controls) > 1)
	k.Next.SetEnabled(hasControls && len(m.controls) > 1)
	k.Dec.SetEnabled(hasControls)
	k.Inc.SetEnabled(hasControls)
	k.DecBig.SetEnabled(hasControls)
	k.IncBig.SetEnabled(hasControls)
	k.Default.SetEnabled(hasControls)
	k.Type.SetEnabled(hasControls)
	k.Step.SetEnabled(!m.running && m.failure == "")
	k.Pause.SetEnabled(m.failure == "")
	k.Preset.SetEnabled(len(m.lesson.Presets) > 0)
	k.Faster.SetEnabled(m.pace != 0)
	k.Slower.SetEnabled(m.pace == 0 || m.pace > paces[0])
	k.Ghost.SetEnabled(m.hasGhost)
	k.Hint.SetEnabled(m.current() != nil)
	k.Plots.SetEnabled(m.firstPlot > 0 || m.pageEnd < len(m.plots))
}

// current is the challenge shown in full: the first one not yet met.
func (m Model) current() *lessons.Check {
	for _, k := range m.checks {
		if !k.Solved {
			return k
		}
	}
	return nil
}

// value looks up a metric or a parameter for challenge conditions.
func (m Model) value(key string) float64 {
	for i, mt := range m.info.Metrics {
		if mt.Key == key && i < len(m.metrics) {
			return m.metrics[i]
		}
	}
	return m.paramValue(key)
}
