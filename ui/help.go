package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
)

// helpGroup is one titled column of the help overlay.
type helpGroup struct {
	title    string
	bindings []key.Binding
}

// helpGroups lists every binding of the current screen. Disabled ones are
// kept so the overlay can say they do not apply here.
func (m Model) helpGroups() []helpGroup {
	general := []key.Binding{m.global.Help, m.global.Quit}
	if m.screen == screenContents {
		c := m.contents.Keys()
		sk := m.studyKeys
		return append([]helpGroup{{"Contents", append([]key.Binding{c.Up, c.Down, c.Top, c.Bottom, c.Open, sk.Search, sk.Glossary}, general...)}}, m.classHelp()...)
	}
	r := m.reader.Keys()
	lk := m.lessonKeys
	lk.Next.SetEnabled(m.reader.Query() == "") // n moves between matches then
	text := helpGroup{"Text", []key.Binding{r.Up, r.Down, r.PageUp, r.PageDown, r.Top, r.Bottom}}
	if m.focusLab && m.labOK {
		text.title = "Text (after tab)"
	}
	groups := []helpGroup{
		text,
		{"Lesson", append([]key.Binding{lk.Focus, lk.Next, lk.Prev, lk.Contents}, general...)},
	}
	sk := m.studyKeys
	searching := m.reader.Query() != ""
	next, prev := sk.NextMatch, sk.PrevMatch
	next.SetEnabled(searching)
	prev.SetEnabled(searching)
	groups = append(groups, helpGroup{"Find", []key.Binding{sk.Search, next, prev, sk.Outline, sk.Glossary}})
	groups = append(groups, m.classHelp()...)
	if k, ok := m.labKeys(); ok {
		groups = append(groups, helpGroup{"Keep", []key.Binding{sk.Sweep, sk.Export, sk.Share}})
		params := "Lab parameters"
		if !m.focusLab {
			params += " (after tab)"
		}
		groups = append(groups,
			helpGroup{params, []key.Binding{k.Prev, k.Next, k.Dec, k.Inc, k.DecBig, k.IncBig, k.Default, k.Type}},
			helpGroup{"Lab run", []key.Binding{k.Pause, k.Step, k.Reset, k.Seed, k.Preset, m.tryItKey(), k.Faster, k.Slower, k.Ghost, k.Hint, k.Plots}},
		)
	}
	return groups
}

// helpView is the full-screen help overlay.
func (m Model) helpView() string {
	th := m.theme
	pages := m.helpLayout()
	page := min(m.helpPage, len(pages)-1)
	title := m.helpTitle()
	if len(pages) > 1 {
		title += "\n" + th.Subtle.Render(fmt.Sprintf("page %d of %d · → and ← turn the page", page+1, len(pages)))
	}
	body := title + "\n\n" + strings.Join(pages[page], "\n\n")
	box := th.Overlay.Render(body)
	return fit(lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, box), m.width, m.height)
}

// helpTitle is the overlay's first lines: how to close it, what (n/a)
// means and, in a lesson, which pane the keys act on.
func (m Model) helpTitle() string {
	th := m.theme
	title := th.Title.Render("Keys") + th.Subtle.Render(" · ? or esc closes · (n/a): not available here and now")
	if m.screen == screenLesson && m.labOK {
		note := "Keys act on the pane that has them (tab switches); the mouse wheel scrolls the pane under it."
		title += "\n" + th.Subtle.Render(lipgloss.Wrap(note, max(20, m.width-8), " "))
	}
	return title
}

// helpLayout lays the groups out in as many columns as fit, and the rows
// of groups on as many pages as the height needs.
func (m Model) helpLayout() [][]string {
	th := m.theme
	var cols []string
	for _, g := range m.helpGroups() {
		lines := []string{th.Title.Render(g.title)}
		for _, b := range g.bindings {
			h := b.Help()
			k := fmt.Sprintf("%-6s", h.Key)
			if b.Enabled() {
				lines = append(lines, th.Key.Render(k)+" "+h.Desc)
			} else {
				lines = append(lines, th.Subtle.Render(k+" "+h.Desc+" (n/a)"))
			}
		}
		cols = append(cols, strings.Join(lines, "\n"))
	}
	colW := 0
	for _, c := range cols {
		colW = max(colW, lipgloss.Width(c))
	}
	perRow := max(1, (m.width-4)/(colW+2))
	var rows []string
	for i := 0; i < len(cols); i += perRow {
		row := cols[i:min(len(cols), i+perRow)]
		styled := make([]string, len(row))
		for j, c := range row {
			styled[j] = lipgloss.NewStyle().Width(colW + 2).Render(c)
		}
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, styled...))
	}
	// Border, title, page line and gap.
	return helpPages(rows, m.height-4-lipgloss.Height(m.helpTitle()))
}

// helpPages splits rows of groups into pages of at most h lines, so that
// a short terminal shows every key over a few pages instead of cutting
// the last ones off. A row taller than h gets a page to itself.
func helpPages(rows []string, h int) [][]string {
	var pages [][]string
	var cur []string
	used := 0
	for _, r := range rows {
		n := strings.Count(r, "\n") + 1
		if len(cur) > 0 && used+1+n > h {
			pages = append(pages, cur)
			cur, used = nil, 0
		}
		if len(cur) > 0 {
			used++ // the blank line between rows
		}
		cur = append(cur, r)
		used += n
	}
	if len(cur) > 0 || len(pages) == 0 {
		pages = append(pages, cur)
	}
	return pages
}
