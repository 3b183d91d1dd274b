package reader

import (
	"strings"

	xansi "github.com/charmbracelet/x/ansi"
)

// A lesson's first screen is shown before the whole lesson is rendered:
// glamour takes milliseconds per page, and the first frame needs only
// the top. Preview renders the beginning of the markdown, cut between
// blocks; the lines it gives are those the whole rendering starts with.
// The reader shows a preview like the text itself, except that it never
// reports the lesson read and its scroll position reads 0%; SetContent
// replaces it.

// Preview renders enough of markdown to fill a pane of width × height.
// It reports false when the lesson is short enough that the preview
// would be the whole of it, or the rendering failed (the whole
// rendering reports it).
func Preview(markdown string, width, height int, dark bool) (string, bool) {
	head, ok := Head(markdown, width*height*3/2)
	if !ok {
		return "", false
	}
	s, err := Render(head, width, dark)
	return s, err == nil
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
