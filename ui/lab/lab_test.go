package lab

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/network"
	"github.com/neurotutor/neurotutor/ui/theme"
)

// panicky is a model that panics once its clock passes 10 ms.
type panicky struct {
	sim.Params
	x, t float64
}

func newPanicky() *panicky {
	m := &panicky{Params: sim.NewParams("panicky")}
	m.Bind(sim.Param{Key: "x", Label: "x", Min: 0, Max: 1, Step: 0.1}, &m.x)
	return m
}

func (m *panicky) Info() sim.Info {
	return sim.Info{ID: "panicky", Title: "Panicky", Summary: "panics", DT: 1, Window: 100, Speed: 600,
		Params: m.Specs(), Signals: []sim.Signal{{Key: "t", Label: "t"}},
		Plots: []sim.PlotSpec{{Key: "t", Title: "t", Kind: sim.PlotTrace, Signals: []string{"t"}}}}
}
func (m *panicky) Reset(uint64)               { m.t = 0 }
func (m *panicky) Time() float64              { return m.t }
func (m *panicky) Sample(d []float64)         { d[0] = m.t }
func (m *panicky) Metrics([]float64)          {}
func (m *panicky) Plot(string, *sim.PlotData) {}
func (m *panicky) Step() {
	m.t++
	if m.t > 10 {
		panic("boom")
	}
}

// fakeClock is a wall clock that moves only when told.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func wtaLesson() *lessons.Lesson {
	return &lessons.Lesson{ID: "wta", Lab: lessons.Lab{Model: "wta", Seed: 1},
		Challenges: []lessons.Challenge{}}
}

func newLab(t *testing.T, l *lessons.Lesson, m sim.Model) Model {
	t.Helper()
	lab, err := New(7, l, m, nil, theme.Of(true))
	if err != nil {
		t.Fatal(err)
	}
	lab.SetSize(60, 30)
	return lab
}

func TestTicksOnlyWhileRunning(t *testing.T) {
	m := newLab(t, wtaLesson(), network.NewWTA())
	clock := &fakeClock{}
	m.now = clock.now
	if m.Running() {
		t.Fatal("a new lab must start paused")
	}
	// A tick while paused does nothing and schedules nothing.
	m, cmd := m.Update(TickMsg{Lab: 7, Seq: m.seq})
	if cmd != nil || m.Time() != 0 {
		t.Fatalf("paused lab ticked: cmd %v, t %g", cmd, m.Time())
	}
	if cmd := m.Start(); cmd == nil {
		t.Fatal("Start scheduled no tick")
	}
	seq := m.seq
	clock.advance(time.Second / DefaultFPS)
	m, cmd = m.Update(TickMsg{Lab: 7, Seq: seq})
	if cmd == nil || m.Time() == 0 {
		t.Fatal("a current tick did not advance and reschedule")
	}
	before := m.Time()
	// Ticks of another lab, or from before a pause, are dropped.
	for _, stale := range []TickMsg{{Lab: 8, Seq: seq}, {Lab: 7, Seq: seq - 1}} {
		if m, cmd = m.Update(stale); cmd != nil || m.Time() != before {
			t.Errorf("stale tick %+v was acted on", stale)
		}
	}
	m.Stop()
	if m, cmd = m.Update(TickMsg{Lab: 7, Seq: seq}); cmd != nil || m.Time() != before {
		t.Error("a tick from before the pause was acted on")
	}
}

func TestPanicIsContained(t *testing.T) {
	l := &lessons.Lesson{ID: "p", Lab: lessons.Lab{Model: "panicky", Seed: 1}}
	m := newLab(t, l, newPanicky())
	clock := &fakeClock{}
	m.now = clock.now
	m.Start()
	clock.advance(100 * time.Millisecond) // 60 ms of model time at 0.6×
	m, _ = m.Update(TickMsg{Lab: 7, Seq: m.seq})
	if m.Running() {
		t.Error("lab still running after the model panicked")
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "internal error: boom") || !strings.Contains(v, "press r") {
		t.Errorf("panic not shown:\n%s", v)
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: 'r', Text: "r"})
	if v := ansi.Strip(m.View()); strings.Contains(v, "boom") {
		t.Errorf("r did not clear the failure:\n%s", v)
	}
}

func TestNonLiveChangeRestartsAndKeepsGhost(t *testing.T) {
	m := newLab(t, wtaLesson(), network.NewWTA())
	m.SetFocused(true)
	m, _ = m.Update(tea.KeyPressMsg{Code: '.', Text: "."})
	if m.Time() == 0 {
		t.Fatal(". did not step")
	}
	if m.keys.Ghost.Enabled() {
		t.Error("ghost key enabled before any previous run exists")
	}
	// Select alpha (not live) and raise it: a new run starts.
	for m.controls[m.sel].Key != "alpha" {
		m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyRight})
	if m.Time() != 0 {
		t.Errorf("changing alpha did not restart the run (t = %g)", m.Time())
	}
	if !m.keys.Ghost.Enabled() || !m.hasGhost {
		t.Error("the previous run was not kept as a ghost")
	}
	// Inputs are live: no restart.
	m, _ = m.Update(tea.KeyPressMsg{Code: '.', Text: "."})
	for m.controls[m.sel].Key != "I1" {
		m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyUp})
	}
	t0 := m.Time()
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyRight})
	if m.Time() != t0 {
		t.Error("changing a live input restarted the run")
	}
}

// TestPaceSteps: the wta lab starts at its model's pace (0.1×, its Speed
// of 100 ms a second); + steps through 0.2×, 0.5×, 1× (real time) … up to
// max, and − back down to 0.01×.
func TestPaceSteps(t *testing.T) {
	m := newLab(t, wtaLesson(), network.NewWTA())
	if m.pace != 0.1 || !strings.Contains(ansi.Strip(m.View()), "0.1×") {
		t.Fatalf("pace %g at the start, want 0.1× shown:\n%s", m.pace, ansi.Strip(m.View()))
	}
	var seen []string
	for range 20 {
		m, _ = m.Update(tea.KeyPressMsg{Code: '+', Text: "+"})
		seen = append(seen, m.paceLabel())
	}
	if want := "0.2× 0.5× 1× 2× 5× 10× 20× 50× 100× max"; strings.Join(seen[:10], " ") != want {
		t.Errorf("+ stepped through %v, want %s", seen[:10], want)
	}
	if m.pace != 0 || m.keys.Faster.Enabled() || !strings.Contains(ansi.Strip(m.View()), "max") {
		t.Errorf("pace %g, faster enabled %v at the top", m.pace, m.keys.Faster.Enabled())
	}
	for range 20 {
		m, _ = m.Update(tea.KeyPressMsg{Code: '-', Text: "-"})
	}
	if m.pace != 0.01 || m.keys.Slower.Enabled() {
		t.Errorf("pace %g, slower enabled %v at the bottom", m.pace, m.keys.Slower.Enabled())
	}
}

func TestTinySizesDoNotPanic(t *testing.T) {
	m := newLab(t, wtaLesson(), network.NewWTA())
	for _, s := range [][2]int{{1, 1}, {2, 3}, {10, 5}, {0, 0}, {200, 3}, {3, 200}} {
		m.SetSize(s[0], s[1])
		if v := m.View(); s[1] > 0 && len(strings.Split(v, "\n")) > s[1] {
			t.Errorf("size %v: view has %d lines", s, len(strings.Split(v, "\n")))
		}
	}
}

// TestPresetStartsFromLabValues checks a preset applies over the lesson's
// starting values, not over what the learner changed before.
func TestPresetStartsFromLabValues(t *testing.T) {
	l := wtaLesson()
	l.Lab.Params = lessons.Settings{{Key: "beta", Value: 0.2}}
	l.Presets = []lessons.Preset{{Name: "inputs", Params: lessons.Settings{{Key: "I1", Value: 20}}}}
	m := newLab(t, l, network.NewWTA())
	m.run.Model.Set("beta", 2.5)
	m.run.Model.Set("alpha", 1.2)
	m, _ = m.Update(tea.KeyPressMsg{Code: 'c', Text: "c"})
	for key, want := range map[string]float64{"I1": 20, "beta": 0.2, "alpha": 0.5} {
		if got, _ := m.run.Model.Get(key); got != want {
			t.Errorf("after the preset %s = %g, want %g", key, got, want)
		}
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Preset 1/1: inputs") {
		t.Errorf("no preset note:\n%s", v)
	}
}

// probe is a model with one live parameter whose value its bar chart
// shows (copied, so the chart changes only when it is filled again).
type probe struct {
	sim.Params
	x, t float64
}

func newProbe() *probe {
	m := &probe{Params: sim.NewParams("probe")}
	m.Bind(sim.Param{Key: "x", Label: "x", Min: 0, Max: 10, Step: 1, Default: 1, Live: true}, &m.x)
	return m
}

func (m *probe) Info() sim.Info {
	return sim.Info{ID: "probe", Title: "Probe", Summary: "shows x", DT: 1, Window: 100, Speed: 100,
		Params: m.Specs(), Plots: []sim.PlotSpec{{Key: "x", Title: "x", Kind: sim.PlotBars}}}
}
func (m *probe) Reset(uint64)      { m.t = 0 }
func (m *probe) Time() float64     { return m.t }
func (m *probe) Step()             { m.t++ }
func (m *probe) Sample([]float64)  {}
func (m *probe) Metrics([]float64) {}
func (m *probe) Plot(_ string, d *sim.PlotData) {
	d.Reset()
	d.Bars = append(d.Bars, m.x)
	d.BarMax = 10
}

// TestLiveChangeRedrawsPlots: a live parameter changed while paused
// shows in the plots at once (plots are filled again only when the run
// changes, and a live change is such a change).
func TestLiveChangeRedrawsPlots(t *testing.T) {
	lab := newLab(t, &lessons.Lesson{ID: "probe", Lab: lessons.Lab{Model: "probe", Seed: 1}}, newProbe())
	lab.SetFocused(true)
	plots := func() string { return strings.Join(strings.Split(ansi.Strip(lab.View()), "\n")[1:lab.textStart], "\n") }
	before := plots()
	lab, _ = lab.Update(tea.KeyPressMsg{Code: 'L', Text: "L"})
	if v, _ := lab.run.Model.Get("x"); v != 10 {
		t.Fatalf("x = %v after L, want 10", v)
	}
	if after := plots(); after == before {
		t.Errorf("raising x from 1 to 10 left the bar as it was:\n%s", after)
	}
}
