package lab

import (
	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim"
)

// Run is the lab's run, for reading its state (export, the command that
// reproduces it); callers must not step or reset it.
func (m Model) Run() *sim.Run { return m.run }

// Lesson is the lesson the lab belongs to.
func (m Model) Lesson() *lessons.Lesson { return m.lesson }

// Selected is the parameter selected in the lab, false when it has none.
func (m Model) Selected() (sim.Param, bool) {
	if len(m.controls) == 0 {
		return sim.Param{}, false
	}
	return m.controls[m.sel], true
}
