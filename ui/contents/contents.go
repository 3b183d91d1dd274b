// Package contents is the table of contents: chapters with their lessons,
// each marked with the learner's progress. Enter opens a lesson.
package contents

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/progress"
	"github.com/neurotutor/neurotutor/ui/keys"
	"github.com/neurotutor/neurotutor/ui/theme"
)

// OpenMsg asks to open a lesson.
type OpenMsg struct{ Lesson string }

// Model is the contents screen.
type Model struct {
	cat           *lessons.Catalog
	store         progress.Tracker
	sel           int // index into cat.All()
	keys          keys.Contents
	theme         *theme.Theme
	width, height int
	view          string
}

// New returns the contents with the given lesson selected.
func New(cat *lessons.Catalog, store progress.Tracker, selected string, th *theme.Theme) Model {
	m := Model{cat: cat, store: store, keys: keys.NewContents(), theme: th}
	m.sel = max(0, cat.Index(selected))
	return m
}

// Keys returns the bindings.
func (m Model) Keys() keys.Contents { return m.keys }

// Select moves the selection to a lesson.
func (m *Model) Select(id string) {
	if i := m.cat.Index(id); i >= 0 {
		m.sel = i
	}
	m.Refresh()
}

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.Refresh()
}

// SetTheme changes the theme.
func (m *Model) SetTheme(th *theme.Theme) {
	m.theme = th
	m.Refresh()
}

// Update moves the selection and opens lessons.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	n := len(m.cat.All())
	switch {
	case key.Matches(km, m.keys.Up):
		m.sel = max(0, m.sel-1)
	case key.Matches(km, m.keys.Down):
		m.sel = min(n-1, m.sel+1)
	case key.Matches(km, m.keys.Top):
		m.sel = 0
	case key.Matches(km, m.keys.Bottom):
		m.sel = n - 1
	case key.Matches(km, m.keys.Open):
		id := m.cat.All()[m.sel].ID
		return m, func() tea.Msg { return OpenMsg{Lesson: id} }
	default:
		return m, nil
	}
	m.Refresh()
	return m, nil
}

// Mark is the progress glyph of a lesson and a short description.
func Mark(store progress.Tracker, l *lessons.Lesson) (string, string) {
	st := store.Lesson(l.ID)
	solved := Met(store, l)
	switch {
	case len(l.Challenges) > 0 && solved == len(l.Challenges):
		return "●", "challenges met"
	case st.Read || solved > 0:
		return "◐", "read"
	}
	return "○", "not started"
}

// Met counts the lesson's challenges met; a challenge met under an id the
// lesson no longer has (it was rewritten since) does not count.
func Met(store progress.Tracker, l *lessons.Lesson) int {
	n := 0
	for _, ch := range l.Challenges {
		if progress.Met(store, l.ID, ch.ID) {
			n++
		}
	}
	return n
}

// View returns the rendered screen.
func (m Model) View() string { return m.view }

// Refresh renders the screen; call it after the store changes.
func (m *Model) Refresh() {
	if m.width <= 0 || m.height <= 0 {
		return
	}
	th := m.theme
	var lines []string
	selLine := 0
	i := 0
	for ci, ch := range m.cat.Chapters {
		if len(ch.Lessons) == 0 {
			continue
		}
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, th.Title.Render(fmt.Sprintf("%d  %s", ci, ch.Title)))
		for _, l := range ch.Lessons {
			mark, _ := Mark(m.store, l)
			count := fmt.Sprintf("%d/%d", Met(m.store, l), len(l.Challenges))
			title := l.Title
			avail := m.width - 6 - 8 - len(l.ID) - 3
			title = ansi.Truncate(title, max(10, avail), "…")
			pad := max(1, avail-lipgloss.Width(title))
			cursor := " "
			if i == m.sel {
				cursor = "▸"
			}
			row := fmt.Sprintf("%s%s  %s%s%s  %s", cursor, mark, title, strings.Repeat(" ", pad), th.Subtle.Render(l.ID), th.Subtle.Render(count+" ★"))
			if mark == "●" {
				row = fmt.Sprintf("%s%s  %s%s%s  %s", cursor, th.Good.Render(mark), title, strings.Repeat(" ", pad), th.Subtle.Render(l.ID), th.Good.Render(count+" ★"))
			}
			if i == m.sel {
				row = th.Selected.Render(ansi.Strip(row) + strings.Repeat(" ", max(0, m.width-2-lipgloss.Width(ansi.Strip(row)))))
				selLine = len(lines)
			}
			lines = append(lines, row)
			i++
		}
	}
	// Below the list: the selected lesson's summary and the legend.
	l := m.cat.All()[m.sel]
	_, state := Mark(m.store, l)
	foot := []string{
		"",
		th.Accent.Render(l.Title) + th.Subtle.Render("  ("+state+")"),
	}
	foot = append(foot, strings.Split(lipgloss.Wrap(l.Summary, max(20, m.width-2), " "), "\n")...)
	foot = append(foot, th.Subtle.Render("○ not started  ◐ read  ● all challenges met  ★ challenges met/total"))
	listH := max(3, m.height-len(foot))
	top := 0
	if len(lines) > listH {
		top = min(max(0, selLine-listH/2), len(lines)-listH)
		lines = lines[top : top+listH]
	}
	for len(lines) < listH {
		lines = append(lines, "")
	}
	out := append(lines, foot...)
	if len(out) > m.height {
		out = out[:m.height]
	}
	for k := range out {
		out[k] = ansi.Truncate(out[k], m.width, "…")
	}
	m.view = strings.Join(out, "\n")
}
