package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/ui/lab"
)

// Update handles one message. A panic anywhere below it — in the lab and
// its model, the reader or the contents — does not end the program: the
// message is dropped (the model stays as it was before it), a running lab
// is paused, and the status line says what failed, so the learner can
// carry on and nothing saved is lost.
func (m Model) Update(msg tea.Msg) (next tea.Model, cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			next, cmd = m.recovered(msg, r), nil
		}
	}()
	if next, cmd, ok := m.classFrame(msg); ok {
		return next, cmd
	}
	return classAfter(m.update(msg))
}

// recovered is m after a panic r while handling msg.
func (m Model) recovered(msg tea.Msg, r any) Model {
	where := "the contents"
	switch {
	case m.screen != screenLesson:
	case m.focusLab || isTick(msg):
		where = "the lab"
	default:
		where = "the lesson text"
	}
	if m.labOK {
		func() {
			defer func() {
				if recover() != nil {
					m.labOK = false // the lab cannot even pause: leave it out
				}
			}()
			m.stopLab()
		}()
	}
	if m.class != nil {
		m.class.self = nil // what Bubble Tea holds is this model now
	}
	m.status, m.statusBad = fmt.Sprintf("Internal error in %s (%v); that action was undone and the lab paused. Everything else works, and your progress is saved.", where, r), true
	return m
}

func isTick(msg tea.Msg) bool {
	_, ok := msg.(lab.TickMsg)
	return ok
}

// safeContent is content, or a plain message when drawing panics.
func (m Model) safeContent() (s string) {
	defer func() {
		if r := recover(); r != nil {
			s = fmt.Sprintf(" neurotutor could not draw this screen: internal error (%v).\n Press esc for the contents, or q to quit.", r)
			s = fit(s, max(1, m.width), max(1, m.height))
		}
	}()
	return m.content()
}
