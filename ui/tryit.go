package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/ui/picker"
)

// openTryIt lists the lesson's Try-it states: each step's values, to set
// the lab to with enter.
func (m *Model) openTryIt() {
	l := m.lesson
	m.study.picker = picker.New("Try it: a step's values", false, m.theme)
	m.study.picker.SetAction("sets the lab")
	items := make([]picker.Item, len(l.TryIt))
	for i, st := range l.TryIt {
		items[i] = picker.Item{Title: fmt.Sprintf("%d · %s", st.Step, st.Name), Detail: st.Note}
	}
	m.study.picker.SetItems(items, "This lesson's Try it has no lab states.")
	m.study.overlay = tryItOverlay
	m.sizeOverlay()
}

// chooseTryIt applies state i to the lab and, on a narrow terminal, shows
// the lab.
func (m *Model) chooseTryIt(i int) tea.Cmd {
	if !m.labOK || i >= len(m.lesson.TryIt) {
		return nil
	}
	cmd := m.lab.ApplyTryIt(m.lesson.TryIt[i])
	if !m.split() && !m.focusLab {
		m.setFocus(true)
		return tea.Batch(cmd, m.layout())
	}
	return cmd
}

// tryItKey is the Try-it binding, disabled when the lesson declares no
// states.
func (m Model) tryItKey() key.Binding {
	k := m.studyKeys.TryIt
	k.SetEnabled(m.lesson != nil && len(m.lesson.TryIt) > 0)
	return k
}
