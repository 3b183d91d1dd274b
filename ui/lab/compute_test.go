package lab

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/ui/theme"
)

// slow is a model whose Reset waits for the test to let it finish, and
// which counts every call made on it while a Reset is under way: the lab
// must never touch a model another goroutine is resetting.
type slow struct {
	sim.Params
	x, t    float64
	gate    chan struct{} // Reset waits for a value here, when not nil
	fail    *atomic.Bool  // Reset panics once when set
	inReset atomic.Bool
	overlap *atomic.Int32
}

func newSlow(gate chan struct{}, overlap *atomic.Int32) *slow {
	m := &slow{Params: sim.NewParams("slow"), gate: gate, overlap: overlap}
	m.Bind(sim.Param{Key: "x", Label: "x", Min: 0, Max: 10, Step: 1, Default: 1}, &m.x)
	return m
}

func (m *slow) touch() {
	if m.inReset.Load() {
		m.overlap.Add(1)
	}
}

func (m *slow) Info() sim.Info {
	return sim.Info{ID: "slow", Title: "Slow", Summary: "slow to reset", DT: 1, Window: 100, Speed: 100,
		Params: m.Specs(), Metrics: []sim.Metric{{Key: "x_seen", Label: "x seen"}},
		Signals: []sim.Signal{{Key: "t", Label: "t"}},
		Plots:   []sim.PlotSpec{{Key: "t", Title: "t", Kind: sim.PlotTrace, Signals: []string{"t"}}}}
}
func (m *slow) Reset(uint64) {
	if m.fail != nil && m.fail.CompareAndSwap(true, false) {
		panic("boom")
	}
	m.inReset.Store(true)
	if m.gate != nil {
		<-m.gate
	}
	m.t = 0
	m.inReset.Store(false)
}
func (m *slow) Set(k string, v float64) error { m.touch(); return m.Params.Set(k, v) }
func (m *slow) Get(k string) (float64, bool)  { m.touch(); return m.Params.Get(k) }
func (m *slow) Step()                         { m.touch(); m.t++ }
func (m *slow) Time() float64                 { m.touch(); return m.t }
func (m *slow) Sample(d []float64)            { m.touch(); d[0] = m.t }
func (m *slow) Metrics(d []float64)           { m.touch(); d[0] = m.x }
func (m *slow) Plot(string, *sim.PlotData)    { m.touch() }
func (m *slow) SignalActive(string) bool      { m.touch(); return true }
func (m *slow) MetricActive(key string) bool  { m.touch(); return true }
func slowLesson() *lessons.Lesson {
	return &lessons.Lesson{ID: "slow", Lab: lessons.Lab{Model: "slow", Seed: 1}}
}
func expired(time.Duration) <-chan time.Time      { c := make(chan time.Time); close(c); return c }
func neverExpires(time.Duration) <-chan time.Time { return nil }

// promptly runs f and fails the test if it has not returned within a
// second: with the budget's clock faked, a key that waited for a model
// would wait until the test released it, that is, for ever.
func promptly[T any](t *testing.T, what string, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(time.Second):
		t.Fatalf("%s waited on the model", what)
	}
	var zero T
	return zero
}

type step struct {
	m   Model
	cmd tea.Cmd
}

func timedPress(t *testing.T, m Model, k tea.KeyPressMsg) step {
	t.Helper()
	return promptly(t, "key "+k.String(), func() step { m, cmd := m.Update(k); return step{m, cmd} })
}

func TestKeysNeverWaitOnASlowRun(t *testing.T) {
	gate := make(chan struct{})
	var overlap atomic.Int32
	factory := func() sim.Model { return newSlow(gate, &overlap) }
	m := promptly(t, "opening the lab", func() Model {
		m, err := New(7, slowLesson(), newSlow(gate, &overlap), nil, theme.Of(true), WithFactory(factory), withClock(expired))
		if err != nil {
			t.Fatal(err)
		}
		return m
	})
	m.SetSize(60, 30)
	m.SetFocused(true)
	first := m.Computing()
	if first == nil || !m.Busy() || !strings.Contains(ansi.Strip(m.View()), "Computing the first run") {
		t.Fatalf("a run not ready within the budget does not show as computing:\n%s", ansi.Strip(m.View()))
	}
	// Keys go on working: x goes 1 → 2 → 3 while the first run computes.
	s := timedPress(t, m, tea.KeyPressMsg{Code: tea.KeyRight})
	s = timedPress(t, s.m, tea.KeyPressMsg{Code: tea.KeyRight})
	s = timedPress(t, s.m, tea.KeyPressMsg{Code: ' ', Text: " "})
	m = s.m
	if v := ansi.Strip(m.View()); !strings.Contains(v, "computing…") || !strings.Contains(v, "x  3") {
		t.Errorf("while computing, the lab does not say so or does not show x = 3:\n%s", v)
	}
	// The first run finishes: it is stale (x changed since), so the lab
	// computes the next one rather than show it.
	gate <- struct{}{}
	msg := first().(ComputedMsg)
	s = promptly(t, "a stale run", func() step { m, cmd := m.Update(msg); return step{m, cmd} })
	m = s.m
	if s.cmd == nil || !m.Busy() {
		t.Fatal("a stale run was shown, or the latest one not started")
	}
	gate <- struct{}{}
	msg = s.cmd().(ComputedMsg)
	m, _ = m.Update(msg)
	if m.Busy() {
		t.Fatal("the latest run was not shown")
	}
	if x, _ := m.run.Model.Get("x"); x != 3 || m.metrics[0] != 3 {
		t.Errorf("the run shown has x = %g (metric %g), want 3", x, m.metrics[0])
	}
	if v := ansi.Strip(m.View()); strings.Contains(v, "computing") || !strings.Contains(v, "running") {
		t.Errorf("after the run is ready the lab still says computing, or is not running:\n%s", v)
	}
	// r and s start new runs the same way; a tick meanwhile keeps the frame.
	s = timedPress(t, m, tea.KeyPressMsg{Code: 's', Text: "s"})
	m = s.m
	tick, _ := m.Update(TickMsg{Lab: m.id, Seq: m.seq})
	if tick.Time() != 0 || !tick.Busy() {
		t.Error("a tick advanced the run while the next one was computed")
	}
	gate <- struct{}{}
	m, _ = m.Update(s.cmd().(ComputedMsg))
	if m.Busy() || m.run.Seed() != 2 {
		t.Errorf("after s the run shown has seed %d (busy %v), want 2", m.run.Seed(), m.Busy())
	}
	if n := overlap.Load(); n != 0 {
		t.Errorf("the lab called a model %d times while another goroutine reset it", n)
	}
}

func TestAFastRunShowsAtOnce(t *testing.T) {
	var overlap atomic.Int32
	factory := func() sim.Model { return newSlow(nil, &overlap) }
	m, err := New(7, slowLesson(), newSlow(nil, &overlap), nil, theme.Of(true), WithFactory(factory), withClock(neverExpires))
	if err != nil {
		t.Fatal(err)
	}
	m.SetSize(60, 30)
	m.SetFocused(true)
	if m.Busy() || m.Computing() != nil {
		t.Fatal("a run ready within the budget was not shown at once")
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: '.', Text: "."})
	m, cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyRight})
	if m.Busy() || cmd != nil || m.Time() != 0 || !m.hasGhost {
		t.Errorf("a fast new run did not replace the old one at once, keeping it as the ghost (busy %v, t = %g)", m.Busy(), m.Time())
	}
	if x, _ := m.run.Model.Get("x"); x != 2 {
		t.Errorf("x = %g in the run shown, want 2", x)
	}
}

// TestAFailedFirstRunCanBeRetried: the model panics computing the lab's
// first run; the lab says so, and r computes it again with the lesson's
// values.
func TestAFailedFirstRunCanBeRetried(t *testing.T) {
	var overlap atomic.Int32
	var fail atomic.Bool
	fail.Store(true)
	factory := func() sim.Model { m := newSlow(nil, &overlap); m.fail = &fail; return m }
	l := slowLesson()
	l.Lab.Params = lessons.Settings{{Key: "x", Raw: "7", Value: 7}}
	m, err := New(7, l, newSlow(nil, &overlap), nil, theme.Of(true), WithFactory(factory), withClock(neverExpires))
	if err != nil {
		t.Fatal(err)
	}
	m.SetSize(60, 30)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "boom") {
		t.Fatalf("the failure is not shown:\n%s", v)
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: 'r', Text: "r"})
	if x, _ := m.run.Model.Get("x"); m.Busy() || x != 7 || strings.Contains(ansi.Strip(m.View()), "boom") {
		t.Errorf("after r the lab is busy %v with x = %g, or still shows the failure", m.Busy(), x)
	}
}
