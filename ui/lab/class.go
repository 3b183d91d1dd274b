package lab

import (
	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/ui/keys"
	"github.com/neurotutor/neurotutor/ui/theme"
)

// What a classroom needs of a lab: one lab simulated on the server and
// drawn for every terminal that follows it, and a private copy of its
// state for a student who detaches.

// RenderAt draws the lab at a pane size, theme and focus without changing
// it (it renders a copy), so one simulated lab can be drawn for terminals
// of every size. Call it from the goroutine that owns the lab.
func (m Model) RenderAt(w, h int, th *theme.Theme, focused bool) string {
	m.width, m.height, m.theme, m.focused = w, h, th, focused
	m.updateKeys()
	m.refresh()
	return m.view
}

// KeysAt is the lab's key map as a learner with the given focus has it.
func (m Model) KeysAt(focused bool) keys.Lab {
	m.focused = focused
	m.updateKeys()
	return m.keys
}

// State is what makes a copy of the lab look and run the same: every
// parameter, the seed, the pace, the selected parameter, the ghost
// switch and whether it runs. Time is the run's simulated time, ms.
type State struct {
	Params    lessons.Settings
	Seed      uint64
	Pace      float64 // simulated time per wall time; 0 for as fast as it goes
	Selected  int
	ShowGhost bool
	Running   bool
	Time      float64
}

// State reads the lab's state.
func (m Model) State() State {
	s := State{Seed: m.seed, Pace: m.pace, Selected: m.sel, ShowGhost: m.showGhost, Running: m.running, Time: m.run.Model.Time()}
	for _, p := range m.info.Params {
		v, _ := m.run.Model.Get(p.Key)
		s.Params = append(s.Params, lessons.Setting{Key: p.Key, Raw: sim.FormatValue(v), Value: v})
	}
	return s
}

// Restore takes the pace, selection and ghost switch of a state; the
// parameters and seed go to New through the lesson (see WithState).
func (m *Model) Restore(s State) {
	if s.Pace >= 0 {
		m.pace = s.Pace
	}
	if s.Selected >= 0 && s.Selected < len(m.controls) {
		m.sel = s.Selected
	}
	m.showGhost = s.ShowGhost
	m.updateKeys()
	m.refresh()
}

// WithState returns a copy of lesson l whose lab starts with the state's
// parameters and seed, over its own, for New.
func WithState(l *lessons.Lesson, s State) *lessons.Lesson {
	c := *l
	c.Lab.Params = append(append(lessons.Settings{}, l.Lab.Params...), s.Params...)
	c.Lab.Seed = s.Seed
	return &c
}

// Note shows a message in the lab until the next key.
func (m *Model) Note(msg string, bad bool) {
	m.note, m.noteBad = msg, bad
	m.refresh()
}
