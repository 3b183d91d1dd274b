// Package reader shows a lesson's text: markdown rendered by glamour once
// per (lesson, width, theme) in a command, cached by the caller, and
// scrolled in a viewport.
package reader

import (
	"fmt"
	"math"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
	xansi "github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/search"
	"github.com/neurotutor/neurotutor/ui/keys"
	"github.com/neurotutor/neurotutor/ui/theme"
)

// CacheKey names one rendering of a lesson.
func CacheKey(lesson string, width int, dark bool) string {
	return fmt.Sprintf("%s/%d/%t", lesson, width, dark)
}

// RenderedMsg carries a lesson rendered for one width and theme.
type RenderedMsg struct {
	Key     string
	Content string
	Err     error
}

// ReadMsg reports that the learner reached the end of a lesson's text.
type ReadMsg struct{ Lesson string }

// Render renders markdown to terminal text wrapped at width columns.
func Render(markdown string, width int, dark bool) (string, error) {
	style := styles.LightStyleConfig
	if dark {
		style = styles.DarkStyleConfig
	}
	// Headings read as headings, not as markdown source: no "##" prefixes.
	for _, h := range []*ansi.StyleBlock{&style.H2, &style.H3, &style.H4} {
		h.Prefix = ""
	}
	style.H2.Underline = boolPtr(true)
	// A narrow pane: one column of margin, code blocks indented by two.
	one, two := uint(1), uint(2)
	style.Document.Margin = &one
	style.CodeBlock.Margin = &two
	// Equations are code blocks: set them in the colour glamour's styles
	// give code text (glamour is built here without syntax highlighting,
	// see third_party/glamour), not the dimmer colour of the block.
	if c := style.CodeBlock.Chroma; c != nil && c.Text.Color != nil {
		style.CodeBlock.Color = c.Text.Color
	}
	r, err := glamour.NewTermRenderer(
		glamour.WithStyles(style),
		glamour.WithWordWrap(max(20, width-2)),
	)
	if err != nil {
		return "", err
	}
	// Glamour sets code in the wrap width less its margins.
	out, err := r.Render(protectBreaks(wrapCode(Reflow(markdown), max(20, width-2)-4)))
	return restoreBreaks(out), err
}

func boolPtr(b bool) *bool { return &b }

// RenderCmd renders off the update loop and reports a RenderedMsg.
func RenderCmd(key, markdown string, width int, dark bool) tea.Cmd {
	return func() tea.Msg {
		s, err := Render(markdown, width, dark)
		return RenderedMsg{Key: key, Content: s, Err: err}
	}
}

// Model is the text pane.
type Model struct {
	lesson  string
	key     string // cache key of the content shown
	vp      viewport.Model
	keys    keys.Reader
	theme   *theme.Theme
	ready   bool
	preview bool // showing the first screen only (preview.go)
	read    bool // ReadMsg sent
	focused bool
	lines   []string // the visible text, each line padded to the width

	raw, plain []string // the content's lines, styled and plain
	headings   []Heading
	query      search.Query
	matches    []match
	count      int    // matches (a match over a line break has two parts)
	cur        int    // the current match's id, −1 for none
	jump       *jump  // a search to apply when the text arrives
	anchor     int    // the line jumped to, until the learner scrolls; −1 for none
	pending    *place // the place to show when the text arrives (SetPlace)
}

// New returns an empty reader for a lesson.
func New(lesson string, th *theme.Theme) Model {
	vp := viewport.New()
	vp.MouseWheelEnabled = true
	vp.MouseWheelDelta = 3
	return Model{lesson: lesson, vp: vp, keys: keys.NewReader(), theme: th, cur: -1, anchor: -1}
}

// SetSize sets the pane size.
func (m *Model) SetSize(w, h int) {
	if w == m.vp.Width() && h == m.vp.Height() {
		return // a layout that moved nothing (a change of focus)
	}
	m.vp.SetWidth(w)
	m.vp.SetHeight(h)
	m.render()
}

// render caches the visible lines, padded to the pane width, so that
// drawing a frame (the lab animates at 30 fps beside the text) measures
// no text.
func (m *Model) render() {
	w, h := m.vp.Width(), m.vp.Height()
	m.lines = m.lines[:0]
	if m.ready {
		m.lines = append(m.lines, strings.Split(m.vp.View(), "\n")...)
		if len(m.matches) > 0 {
			top := m.vp.YOffset()
			for i := range m.lines {
				if l := top + i; l < len(m.raw) {
					m.lines[i] = m.highlight(l, m.raw[l])
				}
			}
		}
	} else {
		m.lines = append(m.lines, m.theme.Subtle.Render("  Rendering…"))
	}
	if len(m.lines) > h {
		m.lines = m.lines[:max(0, h)]
	}
	for i, l := range m.lines {
		if d := w - lipgloss.Width(l); d > 0 {
			m.lines[i] = l + strings.Repeat(" ", d)
		} else if d < 0 {
			m.lines[i] = xansi.Truncate(l, w, "")
		}
	}
	for len(m.lines) < h {
		m.lines = append(m.lines, strings.Repeat(" ", max(0, w)))
	}
}

// Lines returns the visible text: exactly the pane's height in lines, each
// exactly its width.
func (m Model) Lines() []string { return m.lines }

// SetTheme changes the theme.
func (m *Model) SetTheme(th *theme.Theme) {
	m.theme = th
	m.render()
}

// SetFocused says whether the scroll keys go to the text: keys act on
// the focused pane only (the mouse wheel scrolls the pane under it).
func (m *Model) SetFocused(f bool) {
	m.focused = f
	for _, b := range []*key.Binding{&m.keys.Up, &m.keys.Down, &m.keys.PageUp, &m.keys.PageDown, &m.keys.Top, &m.keys.Bottom} {
		b.SetEnabled(f)
	}
}

// Keys returns the reader's bindings.
func (m Model) Keys() keys.Reader { return m.keys }

// Key is the cache key of the content shown, "" before any.
func (m Model) Key() string { return m.key }

// SetContent shows rendered text, keeping the scroll position in
// proportion when it replaces a rendering at another width.
func (m *Model) SetContent(key, content string) tea.Cmd {
	frac, off, wasPreview := m.vp.ScrollPercent(), m.vp.YOffset(), m.preview
	m.vp.SetContent(content)
	m.raw = strings.Split(content, "\n")
	m.plain = make([]string, len(m.raw))
	for i, l := range m.raw {
		m.plain[i] = xansi.Strip(l)
	}
	m.locateHeadings()
	if !m.query.Empty() { // a new width wraps the text differently
		cur := m.cur
		m.SetQuery(m.query.String())
		m.cur = min(max(cur, 0), m.count-1)
	}
	switch {
	case m.pending != nil && (!m.ready || wasPreview): // a place to come back to
		m.scrollTo(*m.pending)
		m.pending = nil
	case wasPreview: // the preview's lines begin the text: stay on them
		m.vp.SetYOffset(off)
	case m.ready:
		m.vp.SetYOffset(int(math.Round(frac * float64(max(0, m.vp.TotalLineCount()-m.vp.Height())))))
	}
	m.key, m.ready, m.preview = key, true, false
	if m.jump != nil {
		m.applyJump()
	}
	m.render()
	return m.checkRead()
}

// Percent is how far the learner has scrolled, 0–100.
func (m Model) Percent() int {
	if !m.ready || m.preview {
		return 0
	}
	return int(m.vp.ScrollPercent() * 100)
}

// checkRead reports the lesson read once its end has been on screen.
func (m *Model) checkRead() tea.Cmd {
	if m.read || !m.ready || m.preview || !m.vp.AtBottom() {
		return nil
	}
	m.read = true
	id := m.lesson
	return func() tea.Msg { return ReadMsg{Lesson: id} }
}

// Update scrolls on keys and the mouse wheel.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		m.anchor = -1
		switch {
		case key.Matches(msg, m.keys.Up):
			m.vp.ScrollUp(1)
		case key.Matches(msg, m.keys.Down):
			m.vp.ScrollDown(1)
		case key.Matches(msg, m.keys.PageUp):
			m.vp.PageUp()
		case key.Matches(msg, m.keys.PageDown):
			m.vp.PageDown()
		case key.Matches(msg, m.keys.Top):
			m.vp.GotoTop()
		case key.Matches(msg, m.keys.Bottom):
			m.vp.GotoBottom()
		default:
			return m, nil
		}
	case tea.MouseWheelMsg:
		m.anchor = -1
		var cmd tea.Cmd
		m.vp, cmd = m.vp.Update(msg)
		m.render()
		return m, tea.Batch(cmd, m.checkRead())
	default:
		return m, nil
	}
	m.render()
	return m, m.checkRead()
}

// View shows the text, or a line while it renders.
func (m Model) View() string { return strings.Join(m.lines, "\n") }
