package reader

import (
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/search"
)

// Heading is one heading of the lesson and the rendered line it is on.
type Heading struct {
	Title string
	Level int
	Line  int // −1 until the text is rendered, or when it cannot be found
}

// match is a search match, or the part of one on one rendered line: a
// phrase can run over a line break.
type match struct {
	id   int // the match it is part of, 0, 1, … in text order
	line int
	span search.Span // bytes of the line's plain text
}

// SetHeadings gives the lesson's headings (from its markdown) so the
// reader can find them in the rendered text.
func (m *Model) SetHeadings(hs []search.Section) {
	m.headings = m.headings[:0]
	for _, h := range hs {
		m.headings = append(m.headings, Heading{Title: h.Heading, Level: h.Level, Line: -1})
	}
	m.locateHeadings()
}

// locateHeadings finds each heading's rendered line, in order: the first
// line after the previous heading whose text is the heading's (or starts
// it, when a long heading wraps).
func (m *Model) locateHeadings() {
	from := 0
	for i := range m.headings {
		h := &m.headings[i]
		h.Line = -1
		want := strings.Join(strings.Fields(h.Title), " ")
		for l := from; l < len(m.plain); l++ {
			got := strings.Join(strings.Fields(m.plain[l]), " ")
			if got != "" && (got == want || strings.HasPrefix(want, got+" ")) {
				h.Line, from = l, l+1
				break
			}
		}
	}
}

// Headings lists the lesson's headings with their lines.
func (m Model) Headings() []Heading { return m.headings }

// Section is the index of the heading the top of the pane is under, −1
// above the first.
func (m Model) Section() int {
	at := m.vp.YOffset() + 1
	if m.anchor >= 0 { // a jump that the end of the text kept from the top
		at = m.anchor
	}
	cur := -1
	for i, h := range m.headings {
		if h.Line >= 0 && h.Line <= at {
			cur = i
		}
	}
	return cur
}

// GotoLine scrolls so that line is at the top of the pane.
func (m *Model) GotoLine(line int) {
	m.vp.SetYOffset(line)
	m.anchor = line
	m.render()
}

// GotoHeading scrolls to heading i.
func (m *Model) GotoHeading(i int) {
	if i >= 0 && i < len(m.headings) && m.headings[i].Line >= 0 {
		m.GotoLine(m.headings[i].Line)
	}
}

// SetQuery highlights every match of q in the text and moves to the first
// match at or below the top of the pane. It returns the number of matches.
func (m *Model) SetQuery(q string) int {
	m.query = search.NewQuery(q)
	m.matches = m.matches[:0]
	m.count = 0
	// Search the whole text at once, so a phrase wrapped over two lines is
	// found (white space, line breaks and margins included, matches any
	// white space), then cut each match at the line breaks.
	joined := strings.Join(m.plain, "\n")
	starts := make([]int, len(m.plain))
	off := 0
	for i, l := range m.plain {
		starts[i] = off
		off += len(l) + 1
	}
	line := 0
	for _, sp := range m.query.Find(joined) {
		for line+1 < len(starts) && starts[line+1] <= sp.Start {
			line++
		}
		for l := line; l < len(starts) && starts[l] < sp.End; l++ {
			a := max(sp.Start, starts[l]) - starts[l]
			b := min(sp.End, starts[l]+len(m.plain[l])) - starts[l]
			text := m.plain[l]
			for a < b && text[a] == ' ' { // margins are not part of a match
				a++
			}
			for b > a && text[b-1] == ' ' {
				b--
			}
			if a < b {
				m.matches = append(m.matches, match{m.count, l, search.Span{Start: a, End: b}})
			}
		}
		m.count++
	}
	m.cur = -1
	top := m.vp.YOffset()
	for _, mt := range m.matches {
		if mt.line >= top {
			m.cur = mt.id
			break
		}
	}
	if m.cur < 0 && m.count > 0 {
		m.cur = 0
	}
	m.show()
	return m.count
}

// Query is the search in force, "" for none.
func (m Model) Query() string { return m.query.String() }

// ClearQuery removes the search and its highlights.
func (m *Model) ClearQuery() {
	m.query = search.Query{}
	m.matches = m.matches[:0]
	m.count = 0
	m.cur = -1
	m.render()
}

// Matches reports the current match (1-based, 0 for none) and the count.
func (m Model) Matches() (cur, total int) {
	if m.count == 0 {
		return 0, 0
	}
	return m.cur + 1, m.count
}

// NextMatch moves to the next (dir > 0) or previous match, wrapping.
func (m *Model) NextMatch(dir int) {
	if m.count == 0 {
		return
	}
	n := m.count
	m.cur = ((m.cur+dir)%n + n) % n
	m.show()
}

// JumpToMatch moves to the ordinal-th match (0-based) below heading
// section (−1: from the top), or the nearest one before it.
func (m *Model) JumpToMatch(section, ordinal int) {
	from := 0
	if section >= 0 && section < len(m.headings) && m.headings[section].Line >= 0 {
		from = m.headings[section].Line
	}
	for _, mt := range m.matches {
		if mt.line >= from {
			m.cur = min(mt.id+ordinal, m.count-1)
			m.show()
			return
		}
	}
	m.NextMatch(0)
}

// show scrolls the current match into view, a few lines from the top.
func (m *Model) show() {
	if i := slices.IndexFunc(m.matches, func(mt match) bool { return mt.id == m.cur }); i >= 0 {
		l := m.matches[i].line
		if top := m.vp.YOffset(); l < top || l >= top+m.vp.Height() {
			m.vp.SetYOffset(max(0, l-m.vp.Height()/3))
		}
		m.anchor = l
	}
	m.render()
}

// highlight redraws content line l with its matches marked, keeping the
// rendering's styles around them.
func (m Model) highlight(l int, line string) string {
	var spans []int // indices into m.matches
	for i, mt := range m.matches {
		if mt.line == l {
			spans = append(spans, i)
		} else if mt.line > l {
			break
		}
	}
	if len(spans) == 0 {
		return line
	}
	plain := m.plain[l]
	var b strings.Builder
	col := 0
	for _, i := range spans {
		sp := m.matches[i].span
		c0 := ansi.StringWidth(plain[:sp.Start])
		c1 := c0 + ansi.StringWidth(plain[sp.Start:sp.End])
		b.WriteString(ansi.Cut(line, col, c0))
		st := m.theme.Match
		if m.matches[i].id == m.cur {
			st = m.theme.MatchCurrent
		}
		b.WriteString(st.Render(plain[sp.Start:sp.End]))
		col = c1
	}
	b.WriteString(ansi.Cut(line, col, ansi.StringWidth(plain)))
	return b.String()
}

// JumpOnContent puts a search in force and moves to the ordinal-th match
// below heading section, now if the text is shown, else once it arrives.
func (m *Model) JumpOnContent(query string, section, ordinal int) {
	m.jump = &jump{query, section, ordinal}
	if m.ready {
		m.applyJump()
	}
}

type jump struct {
	query            string
	section, ordinal int
}

func (m *Model) applyJump() {
	j := m.jump
	m.jump = nil
	m.SetQuery(j.query)
	m.JumpToMatch(j.section, j.ordinal)
}
