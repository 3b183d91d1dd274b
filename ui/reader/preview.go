package reader

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	xansi "github.com/charmbracelet/x/ansi"
)

// A lesson's first screen is shown before the whole lesson is rendered:
// glamour takes milliseconds per page, and the first frame needs only
// the top. PreviewCmd renders the beginning of the markdown, cut between
// blocks; the lines it gives are those the whole rendering starts with.
// The reader shows a preview like the text itself, except that it never
// reports the lesson read and its scroll position reads 0%; SetContent
// replaces it.

// PreviewMsg carries the first screen of a lesson, rendered.
type PreviewMsg struct {
	Key     string
	Content string
}

// PreviewCmd renders enough of markdown to fill a pane of width × height,
// off the update loop. It returns nil when the lesson is short enough
// that the preview would be the whole of it.
func PreviewCmd(key, markdown string, width, height int, dark bool) tea.Cmd {
	head, ok := Head(markdown, width*height*3/2)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		s, err := Render(head, width, dark)
		if err != nil {
			return nil // the whole rendering reports it
		}
		return PreviewMsg{Key: key, Content: s}
	}
}

// Head is the beginning of markdown up to the first blank line outside a
// code fence after at least chars characters, and whether that is less
// than all of it.
func Head(markdown string, chars int) (string, bool) {
	n, fence := 0, false
	for line := range strings.Lines(markdown) {
		n += len(line)
		if strings.HasPrefix(line, "```") {
			fence = !fence
		}
		if n >= chars && !fence && strings.TrimSpace(line) == "" {
			return markdown[:n], n < len(markdown)
		}
	}
	return markdown, false
}

// SetPreview shows the first screen of the text until SetContent brings
// all of it. It does nothing once the text is shown.
func (m *Model) SetPreview(content string) {
	if m.key != "" {
		return
	}
	m.vp.SetContent(content)
	m.raw = strings.Split(content, "\n")
	m.plain = make([]string, len(m.raw))
	for i, l := range m.raw {
		m.plain[i] = xansi.Strip(l)
	}
	m.ready, m.preview = true, true
	m.render()
}
