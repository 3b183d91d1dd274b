package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/ui/contents"
)

// View assembles the screen from the strings the screens rendered in
// Update.
func (m Model) View() tea.View {
	v := tea.NewView(m.safeContent())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "neurotutor"
	if m.lesson != nil && m.screen == screenLesson {
		v.WindowTitle = "neurotutor · " + m.lesson.Title
	}
	return v
}

func (m Model) content() string {
	if m.width == 0 {
		return ""
	}
	if m.tooSmall() {
		return m.tooSmallView()
	}
	if m.helpOpen {
		return m.helpView()
	}
	foot := m.footer()
	switch {
	case m.study.searching:
		foot = ansi.Truncate(m.searchLine(), m.width, "…")
	case m.labTyping():
		foot = m.theme.Subtle.Render(" type a value · enter sets it · esc cancels · ctrl+c quits")
	}
	bodyH := max(0, m.height-1-strings.Count(foot, "\n")-1) // a long status takes rows from the body
	if m.study.overlay != noOverlay {
		return m.header() + "\n" + fit(m.overlayView(bodyH), m.width, bodyH) + "\n" + foot
	}
	if m.class != nil && m.class.rosterOpen {
		return m.header() + "\n" + fit(m.rosterView(bodyH), m.width, bodyH) + "\n" + foot
	}
	if m.screen == screenContents {
		return m.header() + "\n" + fit(m.contents.View(), m.width, bodyH) + "\n" + foot
	}
	// The lesson screen is drawn every frame while a lab runs, and over
	// SSH for every follower of a class: one buffer, sized once.
	return m.lessonScreen(m.header(), foot, bodyH)
}

// fit pads or cuts s to exactly h lines of at most w columns.
func fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

func (m Model) tooSmallView() string {
	msg := fmt.Sprintf("Terminal too small: %d×%d.\nneurotutor needs at least %d×%d.\n\nEnlarge the window, or press q to quit.",
		m.width, m.height, MinWidth, MinHeight)
	msg = lipgloss.Wrap(msg, max(1, m.width), " ")
	return fit(lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, msg), m.width, m.height)
}

func (m Model) header() string {
	th := m.theme
	left := " neurotutor"
	right := ""
	if m.screen == screenContents {
		left += " › Contents"
		done := 0
		for _, l := range m.cat.All() {
			if mark, _ := contents.Mark(m.store, l); mark == "●" {
				done++
			}
		}
		right = fmt.Sprintf("%d of %d lessons complete ", done, len(m.cat.All()))
	} else if l := m.lesson; l != nil {
		ch := m.cat.ChapterOf(l)
		pos := 0
		for i, x := range ch.Lessons {
			if x == l {
				pos = i + 1
			}
		}
		left += fmt.Sprintf(" › %s › %d/%d %s", ch.Title, pos, len(ch.Lessons), l.Title)
		mark, state := contents.Mark(m.store, l)
		solved := contents.Met(m.store, l)
		right = fmt.Sprintf("%s %s · %d/%d ★ ", mark, state, solved, len(l.Challenges))
	}
	right = m.classBadge() + right
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		left = ansi.Truncate(left, max(0, m.width-lipgloss.Width(right)-1), "…")
		gap = max(1, m.width-lipgloss.Width(left)-lipgloss.Width(right))
	}
	return th.Header.Render(ansi.Truncate(left+strings.Repeat(" ", gap)+right, m.width, ""))
}

// footer is the key line, under any status message wrapped in full.
func (m Model) footer() string {
	keys := m.cachedKeyLine()
	if m.study.overlay != noOverlay && !m.study.searching {
		keys = m.theme.Subtle.Render(" esc closes · ctrl+c quits")
	}
	if m.status == "" {
		return keys
	}
	st := m.theme.Good
	if m.statusBad {
		st = m.theme.Bad
	}
	return strings.Join(append(m.statusLines(st), keys), "\n")
}

// statusLines wraps the status message to the screen, so a warning is read
// to its end.
func (m Model) statusLines(st lipgloss.Style) []string {
	lines := strings.Split(lipgloss.Wrap(m.status, max(1, m.width-1), " "), "\n")
	for i, l := range lines {
		lines[i] = st.Render(" " + l)
	}
	return lines
}

// keyLineCache holds the key line as last drawn and what it showed: the
// footer is drawn every frame while a lab runs (and for every follower of
// a class), its keys seldom change, and drawing them is most of a frame.
type keyLineCache struct{ line, sig string }

// cachedKeyLine is keyLine, drawn again only when the keys it shows, the
// width or the theme change.
func (m Model) cachedKeyLine() string {
	c := m.keyCache
	if c == nil {
		return m.keyLine()
	}
	var sig strings.Builder
	fmt.Fprintf(&sig, "%d %t %t", m.width, m.dark, m.noColor)
	for _, b := range m.shortHelp() {
		h := b.Help()
		fmt.Fprintf(&sig, "|%s %s %t", h.Key, h.Desc, b.Enabled())
	}
	if s := sig.String(); s != c.sig {
		c.line, c.sig = m.keyLine(), s
	}
	return c.line
}

// keyLine is the footer's list of keys. When they do not all fit, the
// screen's own keys give way from the end, tab (the way to the other pane)
// last; help and quit always show. Widths are summed rather than the line
// rendered once per try: the footer is drawn every frame.
func (m Model) keyLine() string {
	var local []key.Binding
	for _, b := range m.shortHelp() {
		if b.Enabled() {
			local = append(local, b)
		}
	}
	global := []key.Binding{m.global.Help, m.global.Quit}
	itemW := func(b key.Binding) int { return ansi.StringWidth(b.Help().Key) + 1 + ansi.StringWidth(b.Help().Desc) }
	sep := ansi.StringWidth(m.help.ShortSeparator)
	width := 1 - sep // the leading space, less the separator the first item lacks
	for _, b := range append(local[:len(local):len(local)], global...) {
		width += sep + itemW(b)
	}
	for width > m.width && len(local) > 0 {
		drop := len(local) - 1
		for drop > 0 && local[drop].Help().Key == m.lessonKeys.Focus.Help().Key {
			drop--
		}
		width -= sep + itemW(local[drop])
		local = slices.Delete(local, drop, drop+1)
	}
	h := m.help
	h.SetWidth(0) // measured above
	return ansi.Truncate(" "+h.ShortHelpView(append(local, global...)), m.width, "")
}

// shortHelp lists the active screen's bindings for the footer, most
// useful first; keyLine adds the global ones.
func (m Model) shortHelp() []key.Binding {
	if m.screen == screenContents {
		c := m.contents.Keys()
		return append(m.classBindings(), c.Up, c.Down, c.Open, m.studyKeys.Search)
	}
	lk := m.lessonKeys
	b := m.classBindings()
	k, hasLab := m.labKeys()
	if m.focusLab && hasLab {
		b = append(b, k.Next, k.Inc, k.Pause, m.tryItKey(), lk.Focus)
	} else {
		if !m.focusLab {
			r := m.reader.Keys()
			b = append(b, r.Down, m.tryItKey(), r.PageDown)
		}
		if hasLab {
			b = append(b, k.Pause)
		}
		b = append(b, lk.Focus)
	}
	if m.class != nil && m.class.following {
		return b // the teacher chooses the lesson
	}
	return append(b, lk.Next, lk.Contents)
}

// lessonView draws the text and the lab from lines the panes cached in
// Update, already cut to size: a frame joins strings and measures little.
// lessonScreen is the lesson screen: the header, the body in at most
// rows lines (the pane title or tab bar, then the text and the lab side
// by side, or the pane in front), the footer. It is drawn every frame
// while a lab runs, and over SSH for every follower of a class: into one
// buffer, sized once.
func (m Model) lessonScreen(head, foot string, rows int) string {
	title, text, lab, rule, w := m.lessonPanes()
	n := len(head) + len(title) + len(foot) + rows*(len(rule)+2)
	for _, ls := range [][]string{text, lab} {
		for _, l := range ls {
			n += len(l)
		}
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(head)
	b.WriteByte('\n')
	b.WriteString(title)
	split, lab1st := m.split(), !m.split() && m.focusLab // once: each call copies the whole Model
	for i := range min(m.height-3, rows-1) {
		b.WriteByte('\n')
		switch {
		case lab1st:
			b.WriteByte(' ')
			b.WriteString(line(lab, i))
		case !split:
			b.WriteString(line(text, i))
		default:
			if l := line(text, i); l != "" {
				b.WriteString(l)
			} else {
				b.WriteString(strings.Repeat(" ", w))
			}
			b.WriteString(rule)
			b.WriteString(line(lab, i))
		}
	}
	b.WriteByte('\n')
	b.WriteString(foot)
	return b.String()
}

// line is ls[i], or "" past its end.
func line(ls []string, i int) string {
	if i < len(ls) {
		return ls[i]
	}
	return ""
}

// lessonPanes is what the lesson screen shows: its title line (the
// panes' titles, or the tab bar), the text's lines and the lab's (those
// of the pane in front on a narrow terminal, in text), the rule between
// them and the text's width.
func (m Model) lessonPanes() (title string, text, lab []string, rule string, w int) {
	th := m.theme
	if m.labOK {
		lab = strings.Split(m.lab.View(), "\n")
	} else if m.leadsLab() {
		lab = m.classLabLines()
	}
	if !m.split() {
		// Brackets mark the open tab even without colour (NO_COLOR).
		textTab, labTab := "[Text]", " Lab "
		if m.focusLab {
			textTab, labTab = " Text ", "[Lab]"
			labTab = th.Selected.Render(labTab)
			textTab = th.Subtle.Render(textTab)
		} else {
			textTab = th.Selected.Render(textTab)
			labTab = th.Subtle.Render(labTab)
		}
		title = textTab + th.Subtle.Render("│") + labTab + th.Subtle.Render(fmt.Sprintf("   %d%% · tab switches", m.reader.Percent())+m.textNote())
		if m.focusLab {
			return title, nil, m.overPoll(lab, m.width-1), "", m.width
		}
		return title, m.overPoll(m.reader.Lines(), m.width-1), nil, "", m.width
	}
	rw := m.readerWidth()
	textTitle := fmt.Sprintf(" Text %d%%", m.reader.Percent())
	note := m.textNote()
	labTitle, adjust := "Lab", "  (tab to adjust)"
	if m.leadsLab() && !m.labOK {
		labTitle = "Class lab"
		if !m.class.teacher {
			labTitle, adjust = "Class lab, the teacher's", "  (x: a copy of your own)"
		}
	}
	if m.focusLab {
		labTitle = th.Accent.Render(labTitle + " ◂ keys")
		textTitle = th.Subtle.Render(textTitle)
	} else {
		textTitle = th.Accent.Render(textTitle + " ◂ keys")
		labTitle = th.Subtle.Render(labTitle + adjust)
	}
	rule = " " + th.Subtle.Render("│") + " "
	title = fitWidth(textTitle+th.Subtle.Render(note), rw) + rule + labTitle
	return title, m.overPoll(m.reader.Lines(), rw), lab, rule, rw
}

// fitWidth pads every line of s to exactly w columns.
func fitWidth(s string, w int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if d := w - lipgloss.Width(l); d > 0 {
			lines[i] = l + strings.Repeat(" ", d)
		} else if d < 0 {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}
