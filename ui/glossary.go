package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/ui/picker"
)

// openGlossary lists the glossary, filtered as the learner types.
func (m *Model) openGlossary() {
	m.study.picker = picker.New("Glossary", true, m.theme)
	m.study.overlay = glossaryOverlay
	m.sizeOverlay()
	m.fillGlossary()
}

func (m *Model) glossaryTerms() []lessons.Term {
	return m.cat.Glossary.Match(m.study.picker.Query())
}

func (m *Model) fillGlossary() {
	terms := m.glossaryTerms()
	items := make([]picker.Item, len(terms))
	for i, t := range terms {
		more := []string{t.Means}
		if t.DL != "" {
			more = append(more, "Deep learning: "+t.DL)
		}
		if len(t.Also) > 0 {
			more = append(more, "Also: "+strings.Join(t.Also, ", "))
		}
		more = append(more, "enter opens a lesson that uses it (this one if it does) at the first mention")
		items[i] = picker.Item{Title: t.Term + "  · in " + strings.Join(t.Lessons, ", "), Detail: t.Means, More: more}
	}
	m.study.picker.SetItems(items, "No term matches; esc closes.")
}

// chooseTerm opens the lesson that uses term i (this one if it does) at
// the term's first mention.
func (m *Model) chooseTerm(i int) tea.Cmd {
	terms := m.glossaryTerms()
	if i >= len(terms) {
		return nil
	}
	t := terms[i]
	target := t.Lessons[0]
	for _, id := range t.Lessons {
		if m.lesson != nil && m.screen == screenLesson && id == m.lesson.ID {
			target = id
		}
	}
	l, _ := m.cat.Lesson(target)
	name := t.Term
	for _, n := range t.Names() {
		if strings.Contains(strings.ToLower(m.cat.Markdown(l)), strings.ToLower(n)) {
			name = n
			break
		}
	}
	return m.openAt(target, name, -1, 0)
}
