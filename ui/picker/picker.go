// Package picker is a list overlay: a title, an optional line to type a
// query into, and items to move through and choose. The table of contents,
// the search across lessons and the glossary are pickers; what the items
// are and what choosing one does belong to the caller.
package picker

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/search"
	"github.com/neurotutor/neurotutor/ui/keys"
	"github.com/neurotutor/neurotutor/ui/theme"
)

// Item is one row: a title, and an optional second line with a part of
// it marked (a search match).
type Item struct {
	Title  string
	Detail string
	Mark   search.Span // bytes of Detail to mark; empty for none
	// More is shown, wrapped, under the selected item only, in place of
	// Detail: a glossary entry in full.
	More []string
}

// Model is the overlay.
type Model struct {
	title         string
	action        string // what enter does to the selection: "open" unless SetAction
	hint          string // shown when there are no items
	items         []Item
	sel, top      int
	input         Input
	typing        bool // has a query line
	keys          keys.Picker
	theme         *theme.Theme
	width, height int
	view          string // drawn on every change, so View costs nothing
}

// New returns a picker; with typing it has a query line, focused.
func New(title string, typing bool, th *theme.Theme) Model {
	return Model{title: title, action: "open", typing: typing, keys: keys.NewPicker(), theme: th}
}

// SetAction names what enter does to the selection ("open", "set"), for
// the picker's key line.
func (m *Model) SetAction(a string) { m.action = a; m.refresh() }

// SetItems replaces the items, keeping the selection in range.
func (m *Model) SetItems(items []Item, hint string) {
	m.items, m.hint = items, hint
	m.sel = min(m.sel, max(0, len(items)-1))
	m.scroll()
	m.refresh()
}

// Select moves the selection to item i.
func (m *Model) Select(i int) {
	if i >= 0 && i < len(m.items) {
		m.sel = i
		m.scroll()
		m.refresh()
	}
}

// Selected is the selected item's index, −1 when there are none.
func (m Model) Selected() int {
	if len(m.items) == 0 {
		return -1
	}
	return m.sel
}

// Query is the text typed.
func (m Model) Query() string { return m.input.Value() }

// SetQuery sets the text typed.
func (m *Model) SetQuery(q string) { m.input.SetValue(q); m.refresh() }

// Keys returns the bindings.
func (m Model) Keys() keys.Picker { return m.keys }

// SetSize sets the overlay's size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.scroll()
	m.refresh()
}

// rowsShown is how many items fit.
func (m Model) rowsShown() int {
	head := 2
	if m.typing {
		head++
	}
	return max(1, (m.height-head-1)/2)
}

func (m *Model) scroll() {
	n := m.rowsShown()
	if m.sel < m.top {
		m.top = m.sel
	}
	if m.sel >= m.top+n {
		m.top = m.sel - n + 1
	}
	m.top = max(0, min(m.top, len(m.items)-n))
}

// Update moves the selection and edits the query. It reports whether the
// query changed, so the caller can refill the items.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd, bool) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		if m.typing {
			changed := m.input.Update(msg) // a paste
			m.refresh()
			return m, nil, changed
		}
		return m, nil, false
	}
	switch {
	case key.Matches(km, m.keys.Up):
		m.sel = max(0, m.sel-1)
	case key.Matches(km, m.keys.Down):
		m.sel = min(max(0, len(m.items)-1), m.sel+1)
	case key.Matches(km, m.keys.PageUp):
		m.sel = max(0, m.sel-m.rowsShown())
	case key.Matches(km, m.keys.PageDown):
		m.sel = min(max(0, len(m.items)-1), m.sel+m.rowsShown())
	default:
		if !m.typing {
			return m, nil, false
		}
		changed := m.input.Update(msg)
		if changed {
			m.sel, m.top = 0, 0
		}
		m.refresh()
		return m, nil, changed
	}
	m.scroll()
	m.refresh()
	return m, nil, false
}

// View is the overlay as last drawn.
func (m Model) View() string { return m.view }

// refresh draws the overlay at its size.
func (m *Model) refresh() {
	th := m.theme
	if th == nil { // the zero picker, never opened: nothing to draw
		return
	}
	w := max(10, m.width)
	lines := []string{th.Title.Render(m.title) + th.Subtle.Render("  ↑/↓ move · enter "+m.action+" · esc close")}
	if m.typing {
		lines = append(lines, m.input.View("/ "))
	}
	lines = append(lines, "")
	if len(m.items) == 0 && m.hint != "" {
		lines = append(lines, th.Subtle.Render(m.hint))
	}
	for i := m.top; i < min(len(m.items), m.top+m.rowsShown()); i++ {
		it := m.items[i]
		cursor := "  "
		title := ansi.Truncate(it.Title, w-2, "…")
		if i == m.sel {
			cursor = th.Accent.Render("▸ ")
			title = th.Selected.Render(title)
		}
		lines = append(lines, cursor+title)
		if i == m.sel && len(it.More) > 0 {
			for _, p := range it.More {
				for _, l := range strings.Split(lipgloss.Wrap(p, max(10, w-6), " "), "\n") {
					lines = append(lines, "    "+l)
				}
			}
			continue
		}
		if it.Detail != "" {
			lines = append(lines, "    "+m.detail(it, w-4))
		}
	}
	for k, l := range lines {
		lines[k] = ansi.Truncate(l, w, "…")
	}
	m.view = strings.Join(lines, "\n")
}

// detail draws an item's second line with its mark, cut to w columns.
func (m Model) detail(it Item, w int) string {
	d := it.Detail
	if it.Mark.End <= it.Mark.Start || it.Mark.End > len(d) {
		return m.theme.Subtle.Render(ansi.Truncate(d, w, "…"))
	}
	pre, mid, post := d[:it.Mark.Start], d[it.Mark.Start:it.Mark.End], d[it.Mark.End:]
	// Keep the mark in view when the text before it is long.
	if ansi.StringWidth(pre)+ansi.StringWidth(mid) > w-4 {
		keep := max(0, w-4-ansi.StringWidth(mid)-10)
		pre = "…" + ansi.TruncateLeft(pre, ansi.StringWidth(pre)-keep, "")
	}
	s := m.theme.Subtle.Render(pre) + m.theme.MatchCurrent.Render(mid) + m.theme.Subtle.Render(post)
	return ansi.Truncate(s, w, "…")
}

// SetTitle changes the title.
func (m *Model) SetTitle(t string) { m.title = t; m.refresh() }
