package ui

import (
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/ui/reader"
)

// RenderCache shares rendered lessons between the sessions of a server:
// when a teacher opens a lesson, a class of terminals of one width renders
// it once, not once per student. It keeps the most recent renderings.
type RenderCache struct {
	mu    sync.Mutex
	byKey map[string]*rendering
	order []string // keys, oldest first
	max   int
}

// rendering is one lesson rendered, or being rendered.
type rendering struct {
	done    chan struct{}
	content string
	err     error
}

// NewRenderCache keeps up to max renderings (each is a lesson at one
// width and theme, some 100 kB).
func NewRenderCache(max int) *RenderCache {
	return &RenderCache{byKey: map[string]*rendering{}, max: max}
}

// WithRenderCache renders lessons through a cache shared with other
// sessions.
func WithRenderCache(c *RenderCache) Option {
	return func(m *Model) { m.renders = c }
}

// render returns the rendering for key, rendering it once however many
// sessions ask at the same time.
func (c *RenderCache) render(key, markdown string, width int, dark bool) (string, error) {
	c.mu.Lock()
	r := c.byKey[key]
	if r != nil {
		c.mu.Unlock()
		<-r.done
		return r.content, r.err
	}
	r = &rendering{done: make(chan struct{})}
	c.byKey[key] = r
	c.order = append(c.order, key)
	if len(c.order) > c.max {
		delete(c.byKey, c.order[0])
		c.order = c.order[1:]
	}
	c.mu.Unlock()
	r.content, r.err = reader.Render(markdown, width, dark)
	close(r.done)
	return r.content, r.err
}

// renderCmd renders a lesson off the update loop, through the shared
// cache when there is one.
func (m Model) renderCmd(key, markdown string, width int, dark bool) tea.Cmd {
	if m.renders == nil {
		return reader.RenderCmd(key, markdown, width, dark)
	}
	c := m.renders
	return func() tea.Msg {
		s, err := c.render(key, markdown, width, dark)
		return reader.RenderedMsg{Key: key, Content: s, Err: err}
	}
}
