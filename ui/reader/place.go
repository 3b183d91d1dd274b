package reader

import tea "charm.land/bubbletea/v2"

// A place in the text that another width can find: the section the top
// of the pane is in (the index of its heading, −1 above the first) and
// how far into that section, 0 to 1. A class follows its teacher's text
// by place, whatever each terminal's width.

// Place is where the top of the pane is; false before the text renders.
func (m Model) Place() (section int, frac float64, ok bool) {
	if !m.ready {
		return 0, 0, false
	}
	y := m.vp.YOffset()
	section = -1
	for i, h := range m.headings {
		if h.Line >= 0 && h.Line <= y {
			section = i
		}
	}
	from, to := m.sectionLines(section)
	if to > from {
		frac = float64(y-from) / float64(to-from)
	}
	return section, min(1, max(0, frac)), true
}

// SetPlace scrolls to a place; before the text renders it does nothing
// (the caller applies it again once it has).
func (m *Model) SetPlace(section int, frac float64) tea.Cmd {
	if !m.ready {
		return nil
	}
	from, to := m.sectionLines(section)
	m.vp.SetYOffset(from + int(frac*float64(to-from)+0.5))
	m.anchor = -1
	m.render()
	return m.checkRead()
}

// sectionLines is the first line of a section and the first line after it.
func (m Model) sectionLines(section int) (from, to int) {
	to = m.vp.TotalLineCount()
	if section >= 0 && section < len(m.headings) && m.headings[section].Line >= 0 {
		from = m.headings[section].Line
	}
	for _, h := range m.headings[max(0, section+1):] {
		if h.Line > from {
			return from, h.Line
		}
	}
	return from, to
}
