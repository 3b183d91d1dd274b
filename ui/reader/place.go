package reader

import tea "charm.land/bubbletea/v2"

// A place in the text that another width can find: the section the top
// of the pane is in (the index of its heading, −1 above the first) and
// how far into that section, 0 to 1. A class follows its teacher's text
// by place, whatever each terminal's width.

// place is a section and how far into it, as Place reports it.
type place struct {
	section int
	frac    float64
}

// Place is where the top of the pane is. Before the text renders it is
// the place SetPlace asked for, if any; ok is false when there is neither.
func (m Model) Place() (section int, frac float64, ok bool) {
	if !m.ready || m.preview {
		if p := m.pending; p != nil {
			return p.section, p.frac, true
		}
		return -1, 0, false
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

// SetPlace scrolls to a place, now or, before the text renders, when it
// arrives.
func (m *Model) SetPlace(section int, frac float64) tea.Cmd {
	p := place{section, min(1, max(0, frac))}
	if !m.ready || m.preview {
		m.pending = &p
		return nil
	}
	m.scrollTo(p)
	m.render()
	return m.checkRead()
}

// scrollTo puts the top of the pane at p.
func (m *Model) scrollTo(p place) {
	from, to := m.sectionLines(p.section)
	m.vp.SetYOffset(from + int(p.frac*float64(to-from)+0.5))
	m.anchor = -1
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
