package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/search"
	"github.com/neurotutor/neurotutor/ui/picker"
)

// overlay is a screen drawn over the body: a list to choose from, the
// sweep, or the command that reproduces the lab.
type overlay int

const (
	noOverlay overlay = iota
	outlineOverlay
	findOverlay
	glossaryOverlay
	sweepOverlay
	shareOverlay
	tryItOverlay
)

// study is the state of the find, sweep, keep and share tools.
type study struct {
	overlay   overlay
	picker    picker.Model
	searching bool         // typing a search in the lesson
	input     picker.Input // what is typed
	index     *search.Index
	hits      []search.Hit
	share     string // the share overlay's text
	sweep     sweepState
	sweepText string // the sweep overlay as last drawn
}

// maxHits bounds the search results listed across lessons.
const maxHits = 300

// studyKey handles the study keys and overlays; it reports false for a
// key it leaves to the screens.
func (m *Model) studyKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if m.study.searching {
		return m.searchKey(msg), true
	}
	if m.study.overlay != noOverlay {
		return m.overlayKey(msg), true
	}
	sk := m.studyKeys
	if m.screen == screenContents {
		if key.Matches(msg, sk.Search) {
			m.openFind("")
			return nil, true
		}
		if key.Matches(msg, sk.Glossary) {
			m.openGlossary()
			return nil, true
		}
		return nil, false
	}
	switch {
	case key.Matches(msg, sk.Search):
		m.study.searching = true
		m.study.input.SetValue(m.reader.Query())
		return nil, true
	case m.reader.Query() != "" && key.Matches(msg, sk.NextMatch):
		m.reader.NextMatch(1)
		return nil, true
	case m.reader.Query() != "" && key.Matches(msg, sk.PrevMatch):
		m.reader.NextMatch(-1)
		return nil, true
	case m.reader.Query() != "" && key.Matches(msg, m.lessonKeys.Contents) && msg.String() == "esc":
		m.reader.ClearQuery()
		m.status = "Search cleared."
		return nil, true
	case key.Matches(msg, sk.Outline):
		m.openOutline()
		return nil, true
	case key.Matches(msg, sk.Glossary):
		m.openGlossary()
		return nil, true
	}
	return m.labStudyKey(msg)
}

// searchKey edits the search typed in a lesson; matches update as it is
// typed.
func (m *Model) searchKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		m.study.searching = false
		m.reader.ClearQuery()
		return nil
	case "enter":
		m.study.searching = false
		if _, n := m.reader.Matches(); n == 0 && m.reader.Query() != "" {
			m.status, m.statusBad = fmt.Sprintf("No match for %q in this lesson.", m.reader.Query()), true
			m.reader.ClearQuery()
		} else if !m.split() && m.focusLab { // narrow: show the text the match is in
			m.setFocus(false)
			return m.layout()
		}
		return nil
	}
	if m.study.input.Update(msg) {
		m.reader.SetQuery(m.study.input.Value())
	}
	return nil
}

// searchLine is the footer while a search is typed.
func (m Model) searchLine() string {
	cur, n := m.reader.Matches()
	count := "no match"
	switch {
	case m.study.input.Value() == "":
		count = "type to search this lesson"
	case n > 0:
		count = fmt.Sprintf("%d of %d", cur, n)
	}
	return " " + m.study.input.View("/") + m.theme.Subtle.Render("   "+count+" · enter keeps it (n/N move) · esc clears")
}

// textNote is the text pane's title addition: the section, and the
// search in force.
func (m Model) textNote() string {
	var parts []string
	if i := m.reader.Section(); i >= 0 && m.reader.Headings()[i].Level > 1 {
		parts = append(parts, "§ "+m.reader.Headings()[i].Title)
	}
	if q := m.reader.Query(); q != "" {
		cur, n := m.reader.Matches()
		parts = append(parts, fmt.Sprintf("/%s %d/%d", q, cur, n))
	}
	if len(parts) == 0 {
		return ""
	}
	return " · " + strings.Join(parts, " · ")
}

// overlayKey routes a key to the open overlay.
func (m *Model) overlayKey(msg tea.KeyPressMsg) tea.Cmd {
	switch m.study.overlay {
	case sweepOverlay:
		return m.sweepKey(msg)
	case shareOverlay:
		if msg.String() == "esc" || msg.String() == "enter" || key.Matches(msg, m.studyKeys.Share) {
			m.study.overlay = noOverlay
		}
		return nil
	}
	pk := m.study.picker.Keys()
	if key.Matches(msg, pk.Close) {
		m.study.overlay = noOverlay
		return nil
	}
	if key.Matches(msg, pk.Choose) {
		return m.choose(m.study.picker.Selected())
	}
	var changed bool
	m.study.picker, _, changed = m.study.picker.Update(msg)
	if changed {
		m.refill()
	}
	return nil
}

// paste sends a paste to whatever is being typed.
func (m *Model) paste(msg tea.PasteMsg) {
	switch {
	case m.labTyping():
		m.lab, _ = m.lab.Update(msg)
	case m.study.searching:
		if m.study.input.Update(msg) {
			m.reader.SetQuery(m.study.input.Value())
		}
	case m.study.overlay == findOverlay || m.study.overlay == glossaryOverlay:
		var changed bool
		m.study.picker, _, changed = m.study.picker.Update(msg)
		if changed {
			m.refill()
		}
	}
}

// refill recomputes the open picker's items from its query.
func (m *Model) refill() {
	switch m.study.overlay {
	case findOverlay:
		m.fillFind()
	case glossaryOverlay:
		m.fillGlossary()
	}
}

// choose acts on item i of the open picker.
func (m *Model) choose(i int) tea.Cmd {
	ov := m.study.overlay
	m.study.overlay = noOverlay
	if i < 0 {
		return nil
	}
	switch ov {
	case outlineOverlay:
		m.reader.GotoHeading(i)
		if !m.split() && m.focusLab {
			m.setFocus(false)
			return m.layout()
		}
	case findOverlay:
		h := m.study.hits[i]
		return m.openAt(h.Lesson, m.study.picker.Query(), h.Section, h.Ordinal)
	case glossaryOverlay:
		return m.chooseTerm(i)
	case tryItOverlay:
		return m.chooseTryIt(i)
	}
	return nil
}

// openAt opens a lesson (or stays in it) with a search in force, at the
// ordinal-th match below heading section.
func (m *Model) openAt(lesson, query string, section, ordinal int) tea.Cmd {
	var cmd tea.Cmd
	if m.screen != screenLesson || m.lesson == nil || m.lesson.ID != lesson {
		l, ok := m.cat.Lesson(lesson)
		if !ok {
			return nil
		}
		cmd = m.open(l)
	}
	m.reader.JumpOnContent(query, section, ordinal)
	return cmd
}

func (m *Model) openOutline() {
	m.study.picker = picker.New("Table of contents: "+m.lesson.Title, false, m.theme)
	var items []picker.Item
	for _, h := range m.reader.Headings() {
		items = append(items, picker.Item{Title: strings.Repeat("  ", max(0, h.Level-1)) + h.Title})
	}
	m.study.picker.SetItems(items, "The text is still rendering.")
	m.study.picker.Select(max(0, m.reader.Section()))
	m.study.overlay = outlineOverlay
	m.sizeOverlay()
}

func (m *Model) openFind(q string) {
	if m.study.index == nil {
		var docs []search.Doc
		for _, l := range m.cat.All() {
			docs = append(docs, search.Doc{ID: l.ID, Title: l.Title, Markdown: m.cat.Markdown(l)})
		}
		m.study.index = search.NewIndex(docs)
	}
	m.study.picker = picker.New("Search every lesson", true, m.theme)
	m.study.picker.SetQuery(q)
	m.study.overlay = findOverlay
	m.sizeOverlay()
	m.fillFind()
}

func (m *Model) fillFind() {
	q := m.study.picker.Query()
	m.study.hits = m.study.index.Search(q, maxHits)
	items := make([]picker.Item, len(m.study.hits))
	for i, h := range m.study.hits {
		where := h.Title
		if h.Heading != "" && h.Heading != h.Title {
			where += " › " + h.Heading
		}
		items[i] = picker.Item{Title: where, Detail: h.Snippet, Mark: h.Match}
	}
	hint := "Type a word: τ, rheobase, Fano factor… (case and accents of capitals do not matter)."
	if strings.TrimSpace(q) != "" {
		hint = fmt.Sprintf("No lesson mentions %q.", q)
	}
	title := "Search every lesson"
	if n := len(items); n > 0 {
		title = fmt.Sprintf("Search every lesson: %d matches", n)
		if n == 1 {
			title = "Search every lesson: 1 match"
		}
		if n == maxHits {
			title = fmt.Sprintf("Search every lesson: the first %d matches", n)
		}
	}
	m.study.picker.SetItems(items, hint)
	m.study.picker.SetTitle(title)
}

// sizeOverlay fits the open overlay to the body.
func (m *Model) sizeOverlay() {
	m.study.picker.SetSize(m.width-2, m.height-2)
	m.renderSweep()
	if m.study.overlay == shareOverlay {
		m.openShare() // re-centred; the clipboard has it already
	}
}

// overlayView draws the open overlay over the body.
func (m Model) overlayView(h int) string {
	switch m.study.overlay {
	case sweepOverlay:
		return m.study.sweepText
	case shareOverlay:
		return m.study.share
	}
	return indent(m.study.picker.View())
}

func indent(s string) string { return " " + strings.ReplaceAll(s, "\n", "\n ") }

// typing reports whether keys are text being typed (a search, a filter),
// so q and ? are letters rather than quit and help.
func (m Model) typing() bool {
	return m.study.searching || m.study.overlay == findOverlay || m.study.overlay == glossaryOverlay ||
		m.labTyping()
}

// labTyping reports whether a value is being typed into the lab.
func (m Model) labTyping() bool { return m.screen == screenLesson && m.labOK && m.lab.Typing() }
