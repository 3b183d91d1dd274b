package lab

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/sim"
)

// A new run (a parameter that restarts it, r, s, a preset, the lab
// opening) can take a model a long time to set up: a Hopfield network
// storing 100 patterns, a readout refitting every layer. The lab never
// waits for that. It computes the new run on a second model, in the
// background, while the screen keeps the run it has; keys go on working
// (parameter changes queue up and show at once in the controls), the
// header says "computing…", and the new run takes the old one's place
// when it is ready. A run that finishes after further changes is stale:
// it is dropped and the next one starts from the latest values. Only one
// is computed at a time, and the goroutine computing it owns its model:
// the lab never touches a model another goroutine is resetting.
//
// A run ready within the budget is shown at once, so fast models never
// show "computing…".

// runBudget is how long a key waits for a new run before the lab shows
// "computing…" and lets it finish in the background.
const runBudget = 3 * time.Millisecond

// Option configures New.
type Option func(*Model)

// WithFactory lets the lab build the second model it computes new runs
// on. Without it every new run is computed on the model shown, before
// the key returns.
func WithFactory(f sim.Factory) Option { return func(m *Model) { m.c.factory = f } }

// withClock replaces the clock that times the budget (tests).
func withClock(after func(time.Duration) <-chan time.Time) Option {
	return func(m *Model) { m.c.after = after }
}

// compute is the lab's state for computing runs.
type compute struct {
	factory sim.Factory
	after   func(time.Duration) <-chan time.Time
	spare   *sim.Run // the run to compute the next one on; nil until needed

	ready   bool               // a run is shown
	busy    bool               // a run is being computed
	seq     int                // bumped by every change that needs a new run
	pending []setting          // changes since the run shown, in order
	values  map[string]float64 // their latest values, for the controls
	start   tea.Cmd            // the wait for the opening run, for Computing
}

type setting struct {
	key string
	v   float64
}

// ComputedMsg brings a run computed in the background to its lab.
type ComputedMsg struct {
	Lab, Seq int
	result   computed
}

type computed struct {
	run     *sim.Run
	metrics []float64
	failure string
}

// Busy reports whether a new run is being computed; the run shown is then
// the previous one, with other parameter values.
func (m Model) Busy() bool { return m.c.busy || !m.c.ready }

// Computing returns the wait for the run the lab opened with, when it
// was not ready within the budget (once; nil otherwise).
func (m *Model) Computing() tea.Cmd {
	cmd := m.c.start
	m.c.start = nil
	return cmd
}

// paramValue is a parameter's value as the learner set it, computed or
// not.
func (m Model) paramValue(key string) float64 {
	if v, ok := m.c.values[key]; ok {
		return v
	}
	v, _ := m.run.Model.Get(key)
	return v
}

// change records a parameter change that needs a new run.
func (m *Model) change(key string, v float64) {
	m.c.pending = append(m.c.pending, setting{key, v})
	if m.c.values == nil {
		m.c.values = map[string]float64{}
	}
	m.c.values[key] = v
}

// newRun asks for a new run with the changes so far and the lab's seed.
func (m *Model) newRun() tea.Cmd {
	m.c.seq++
	if m.c.busy {
		return nil // the run being computed will be followed by this one
	}
	return m.startRun()
}

// startRun computes the latest run: at once when it takes no longer than
// the budget, else in the background.
func (m *Model) startRun() tea.Cmd {
	if m.c.factory == nil { // no second model: compute on the one shown
		if m.c.ready {
			m.snapshotGhost()
		}
		return m.install(m.c.seq, computeRun(m.run, nil, m.c.pending, m.seed))
	}
	target, factory := m.c.spare, m.c.factory
	m.c.spare = nil
	var base []setting
	if m.c.ready { // start from the values of the run shown
		for _, p := range m.info.Params {
			v, _ := m.run.Model.Get(p.Key)
			base = append(base, setting{p.Key, v})
		}
	}
	pending := append([]setting(nil), m.c.pending...)
	seq, seed := m.c.seq, m.seed
	done := make(chan computed, 1)
	id := m.info.ID
	go func() {
		if target == nil { // built here too: some models take a while
			defer func() {
				if p := recover(); p != nil {
					done <- computed{failure: fmt.Sprintf("the %s model could not be built: %v — press r to try again", id, p)}
				}
			}()
			target = sim.NewRun(factory(), 0, 0)
		}
		done <- computeRun(target, base, pending, seed)
	}()
	m.c.busy = true
	after := m.c.after
	if after == nil {
		after = time.After
	}
	select {
	case res := <-done:
		return m.finish(seq, res)
	case <-after(runBudget):
		lab := m.id
		return func() tea.Msg { return ComputedMsg{Lab: lab, Seq: seq, result: <-done} }
	}
}

// computeRun sets r's model to base and then pending, resets it and reads
// its metrics, which makes models that work lazily do their work. It runs
// on the goroutine that owns r; a panic becomes the failure.
func computeRun(r *sim.Run, base, pending []setting, seed uint64) (res computed) {
	res.run = r
	defer func() {
		if p := recover(); p != nil {
			res.failure = fmt.Sprintf("the %s model stopped with an internal error: %v — press r to reset the run", r.Info().ID, p)
		}
	}()
	for _, list := range [][]setting{base, pending} {
		for _, s := range list {
			if err := r.Model.Set(s.key, s.v); err != nil {
				res.failure = err.Error()
				return res
			}
		}
	}
	r.Reset(seed)
	res.metrics = r.Metrics(nil)
	return res
}

// computed takes a run computed in the background.
func (m *Model) computed(msg ComputedMsg) tea.Cmd {
	if msg.Lab != m.id || !m.c.busy {
		return nil
	}
	cmd := m.finish(msg.Seq, msg.result)
	m.updateKeys()
	m.refresh()
	return cmd
}

// finish ends the computation of run seq: a stale run is dropped and the
// latest one started; a current one is shown.
func (m *Model) finish(seq int, res computed) tea.Cmd {
	m.c.busy = false
	if seq != m.c.seq {
		m.c.spare = res.run // free again
		return m.startRun()
	}
	return m.install(seq, res)
}

// install shows a computed run in place of the one shown, which becomes
// the ghost and the model the next run is computed on.
func (m *Model) install(seq int, res computed) tea.Cmd {
	if res.failure != "" {
		if res.run != m.run {
			m.c.spare = res.run
		}
		if m.c.ready { // back to the values of the run shown; before any, r retries the lesson's
			m.c.pending, m.c.values = nil, nil
		}
		m.failure, m.running = res.failure, false
		m.seq++
		return nil
	}
	if res.run != m.run {
		if m.c.ready {
			m.snapshotGhost()
		}
		m.c.spare, m.run = m.run, res.run
	}
	m.c.ready = true
	m.gen++ // a new run, or the one shown reset in place
	m.c.pending, m.c.values = nil, nil
	m.metrics = res.metrics
	m.failure = ""
	for _, k := range m.checks {
		k.Restart()
	}
	return m.evaluate()
}
