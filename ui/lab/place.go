package lab

import (
	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/sim"
)

// startValue is a parameter's value at the start of the lesson's lab.
func (m Model) startValue(p sim.Param) float64 {
	if v, ok := m.lesson.Lab.Params.Lookup(p.Key); ok {
		return v
	}
	return p.Default
}

// Place returns what the learner changed, to come back to: the values of
// the parameters they can change that differ from the lesson's starting
// values, and the seed when it is not the lesson's (else 0).
func (m Model) Place() (params map[string]float64, seed uint64) {
	for _, p := range m.controls {
		if v := m.paramValue(p.Key); v != m.startValue(p) {
			if params == nil {
				params = map[string]float64{}
			}
			params[p.Key] = v
		}
	}
	if m.seed != m.lesson.Lab.Seed {
		seed = m.seed
	}
	return params, seed
}

// RestorePlace puts back what Place returned in an earlier session and
// starts the run anew. A value the lab no longer accepts (the lesson
// changed) is left at the lesson's; 0 and the presets still start from
// the lesson's values.
func (m *Model) RestorePlace(params map[string]float64, seed uint64) tea.Cmd {
	changed := false
	for _, p := range m.controls {
		if v, ok := params[p.Key]; ok && v != m.startValue(p) && p.Check(v) {
			m.change(p.Key, v)
			changed = true
		}
	}
	if seed != 0 && seed != m.seed {
		m.seed, changed = seed, true
	}
	if !changed {
		return nil
	}
	cmd := m.newRun()
	m.note = "Your values from last time are back (0 returns the selected one to the lesson's)."
	m.refresh()
	return cmd
}
