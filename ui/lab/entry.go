package lab

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/ui/readout"
)

// Typing reports whether the learner is typing a parameter's value: every
// key then goes to the lab, q and ? included.
func (m Model) Typing() bool { return m.typing }

// startEntry opens the line to type the selected parameter's value,
// starting from its current value.
func (m *Model) startEntry() {
	p := m.controls[m.sel]
	v, _ := m.run.Model.Get(p.Key)
	m.typing = true
	m.input.SetValue(p.Format(v))
}

// entryKey edits the typed value: enter sets it when it is allowed (else
// says what is allowed and keeps the text to fix), esc gives up.
func (m Model) entryKey(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			m.typing = false
			m.note, m.noteBad = "", false
			m.refresh()
			return m, nil
		case "enter":
			cmd = m.setTyped()
			m.updateKeys()
			m.refresh()
			return m, cmd
		}
	}
	if m.input.Update(msg) {
		m.note, m.noteBad = "", false
		m.refresh()
	}
	return m, nil
}

// setTyped applies the typed value. Both − and - are minus signs.
func (m *Model) setTyped() tea.Cmd {
	p := m.controls[m.sel]
	text := strings.ReplaceAll(strings.TrimSpace(m.input.Value()), "−", "-")
	v, err := p.Parse(text)
	if err == nil && !p.Check(v) {
		err = errNotAllowed(p.Label, text, readout.Text(p.Allowed()))
	}
	if err != nil {
		m.note, m.noteBad = readout.Text(err.Error()), true
		return nil
	}
	m.typing = false
	m.note, m.noteBad = "", false
	if cur, _ := m.run.Model.Get(p.Key); cur == v {
		return nil
	}
	return m.set(p, v)
}

// entryLines is the line being typed and what it accepts.
func (m *Model) entryLines() []string {
	p := m.controls[m.sel]
	th := m.theme
	line := th.Selected.Render(m.input.View(p.Label+" = ")) + " " + th.Subtle.Render(p.Unit)
	help := th.Subtle.Render(readout.Text(p.Allowed()) + " · enter sets it · esc cancels")
	return append(wrap(line, m.width), wrap(help, m.width)...)
}

// errNotAllowed names a value outside a parameter's range and what is
// allowed.
func errNotAllowed(label, text, allowed string) error {
	return fmt.Errorf("%s = %s is not allowed: %s", label, text, allowed)
}
