// Package screencast draws the screens of many terminal sessions and
// encodes each distinct change of screen once, whoever shows it.
//
// Bubble Tea gives every program its own renderer, which parses the
// program's view into cells, compares them with the screen before and
// encodes the difference. In a class, a hundred students following the
// teacher at one terminal size see the same screen and receive the same
// bytes, so that work is the same a hundred times. A Caster keeps, per
// terminal (size, colour profile, TERM), the recent changes of screen it
// has encoded, keyed by the screen before and after; a session whose
// terminal shows the screen before gets the bytes already encoded. A
// session whose screen is its own (a help overlay, a status line) is
// encoded for it alone, as before.
//
// For the bytes of a change to fit every terminal that shows the screen
// before, a terminal's state must be its screen and nothing else: every
// change ends with the pen reset (the renderer does it) and the cursor
// at the top left (the painter puts it there). The programs drawn are
// full-screen (the alternate screen), with the cursor hidden.
package screencast

import (
	"bytes"
	"hash/maphash"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
)

// Terminal is what the bytes of a screen depend on besides the screen.
type Terminal struct {
	Width, Height int
	Profile       colorprofile.Profile
	Term          string // $TERM
	// MapNewline says the line discipline turns a line feed into a
	// carriage return and line feed, as the terminal Wish emulates for an
	// SSH session does.
	MapNewline bool
}

// unknown is the state of a terminal whose screen is not known: after it
// connects or resizes. The change from it clears the screen first, so its
// bytes fit any terminal.
const unknown = 0

// keep is how long encoded changes and idle painters are kept.
const keep = 2 * time.Second

// Caster shares the encoding of screens between sessions. Its zero value
// is not usable; make one with New. It is safe for concurrent use.
type Caster struct {
	seed maphash.Seed

	mu     sync.Mutex
	groups map[Terminal]*group
	stats  Stats
}

// Stats counts how the changes of screen were drawn.
type Stats struct {
	Shared  int64 // sent as already encoded for another session
	Encoded int64 // encoded from a painter already showing the screen before
	Rebuilt int64 // encoded after rebuilding the screen before in a painter
}

// New makes a Caster.
func New() *Caster {
	return &Caster{seed: maphash.MakeSeed(), groups: map[Terminal]*group{}}
}

// Stats reports how the changes so far were drawn.
func (c *Caster) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

func (c *Caster) count(f func(*Stats)) {
	c.mu.Lock()
	f(&c.stats)
	c.mu.Unlock()
}

// group is the encoded changes and the painters of one kind of terminal.
type group struct {
	term Terminal

	mu      sync.Mutex
	changes map[change]*encoded
	free    []*painter // painters not in use, each showing a known screen
	swept   time.Time
}

// change is a change of screen, by the hashes of the screens.
type change struct{ from, to uint64 }

// encoded is a change's bytes, ready once done is closed; failed if
// encoding them panicked.
type encoded struct {
	done   chan struct{}
	bytes  []byte
	made   time.Time
	failed bool
}

// beforePaint, if set (by tests), runs before each paint.
var beforePaint func(content string)

func (c *Caster) group(t Terminal) *group {
	c.mu.Lock()
	defer c.mu.Unlock()
	g := c.groups[t]
	if g == nil {
		g = &group{term: t, changes: map[change]*encoded{}}
		c.groups[t] = g
	}
	return g
}

// hash names a screen; never unknown.
func (c *Caster) hash(content string) uint64 {
	h := maphash.String(c.seed, content)
	if h == unknown {
		h = 1
	}
	return h
}

// draw returns the bytes that take a terminal of kind g from the screen
// from (drawn from fromContent) to content, whose hash is to. The bytes
// are shared: do not change them.
func (c *Caster) draw(g *group, from uint64, fromContent string, to uint64, content string) []byte {
	k := change{from, to}
	g.mu.Lock()
	if e, ok := g.changes[k]; ok {
		g.mu.Unlock()
		<-e.done
		if e.failed { // the session encoding it panicked: try again here
			return c.draw(g, from, fromContent, to, content)
		}
		c.count(func(s *Stats) { s.Shared++ })
		return e.bytes
	}
	e := &encoded{done: make(chan struct{}), made: time.Now()}
	g.changes[k] = e
	p := g.take(from)
	g.mu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			// Whoever waits for these bytes encodes them itself; the
			// painter, in an unknown state, is dropped.
			g.mu.Lock()
			delete(g.changes, k)
			g.mu.Unlock()
			e.failed = true
			close(e.done)
			panic(r)
		}
	}()

	rebuilt := false
	if p == nil {
		p = newPainter(g.term)
		if from != unknown {
			p.paint(fromContent, from) // the screen before, its bytes unsent
			rebuilt = true
		}
	}
	if from == unknown {
		p.scr.Erase()
	}
	e.bytes = p.paint(content, to)
	close(e.done)
	c.count(func(s *Stats) {
		if rebuilt {
			s.Rebuilt++
		} else {
			s.Encoded++
		}
	})

	g.mu.Lock()
	g.put(p)
	g.sweep()
	g.mu.Unlock()
	return e.bytes
}

// take removes and returns a free painter showing screen, or nil.
func (g *group) take(screen uint64) *painter {
	if screen == unknown {
		if n := len(g.free); n > 0 { // any painter will do: it clears first
			p := g.free[n-1]
			g.free = g.free[:n-1]
			return p
		}
		return nil
	}
	for i, p := range g.free {
		if p.screen == screen {
			g.free = append(g.free[:i], g.free[i+1:]...)
			return p
		}
	}
	return nil
}

// put returns a painter to the free list, unless one already shows its
// screen.
func (g *group) put(p *painter) {
	for _, q := range g.free {
		if q.screen == p.screen {
			return
		}
	}
	p.used = time.Now()
	g.free = append(g.free, p)
}

// sweep forgets changes and painters not used for a while.
func (g *group) sweep() {
	now := time.Now()
	if now.Sub(g.swept) < keep/4 {
		return
	}
	g.swept = now
	for k, e := range g.changes {
		if now.Sub(e.made) > keep {
			select {
			case <-e.done:
				delete(g.changes, k)
			default: // still being encoded
			}
		}
	}
	free := g.free[:0]
	for _, p := range g.free {
		if now.Sub(p.used) <= keep {
			free = append(free, p)
		}
	}
	clear(g.free[len(free):])
	g.free = free
}

// painter is a renderer with the screen it shows.
type painter struct {
	scr    *uv.TerminalRenderer
	buf    uv.ScreenBuffer
	out    bytes.Buffer
	screen uint64
	lines  []string // the screen by line, when each line stands alone; nil if not known
	used   time.Time
}

func newPainter(t Terminal) *painter {
	p := &painter{buf: uv.NewScreenBuffer(t.Width, t.Height)}
	p.scr = uv.NewTerminalRenderer(&p.out, []string{"TERM=" + t.Term})
	p.scr.SetColorProfile(t.Profile)
	p.scr.SetFullscreen(true)
	p.scr.SetRelativeCursor(false)
	p.scr.SetScrollOptim(true)
	p.scr.SetMapNewline(t.MapNewline)
	p.scr.SetTabStops(-1)
	p.scr.Resize(t.Width, t.Height)
	p.scr.Erase()
	return p
}

// paint draws content, whose hash is screen, and returns the bytes that
// change the screen it showed into it, ending with the cursor at the top
// left. Only the lines that changed are parsed and compared, when every
// line stands alone (leaves no style or link open for the next).
func (p *painter) paint(content string, screen uint64) []byte {
	if beforePaint != nil {
		beforePaint(content)
	}
	lines := strings.Split(content, "\n")
	alone := !strings.Contains(content, "\r")
	for y := 0; alone && y < len(lines); y++ {
		// A line as it was in p.lines was found to stand alone then.
		alone = (p.lines != nil && line(p.lines, y) == lines[y]) || standsAlone(lines[y])
	}
	if p.lines == nil || !alone {
		p.buf.Clear()
		uv.NewStyledString(content).Draw(p.buf, p.buf.Bounds())
	} else {
		w := p.buf.Width()
		for y := range p.buf.Height() {
			if line(lines, y) != line(p.lines, y) {
				uv.NewStyledString(line(lines, y)).Draw(p.buf, uv.Rect(0, y, w, 1))
			}
		}
	}
	p.lines = nil
	if alone {
		p.lines = lines
	}
	p.scr.Render(p.buf.RenderBuffer)
	p.scr.MoveTo(0, 0)
	_ = p.scr.Flush() // into p.out, which does not fail
	b := bytes.Clone(p.out.Bytes())
	p.out.Reset()
	p.screen = screen
	return b
}

func line(lines []string, y int) string {
	if y < len(lines) {
		return lines[y]
	}
	return ""
}

// standsAlone reports whether a line ends with the pen at the default,
// as it began: its last control sequence, if any, resets the style, and
// its last hyperlink, if any, is closed. It may say no to a line that
// does; then the whole screen is parsed, as Bubble Tea does.
func standsAlone(l string) bool {
	if !strings.HasSuffix(l, "\x1b[m") && !strings.HasSuffix(l, "\x1b[0m") {
		if strings.IndexByte(l, '\x1b') < 0 {
			return true // plain text
		}
		if j := strings.LastIndex(l, "\x1b["); j >= 0 && !strings.HasPrefix(l[j:], "\x1b[m") && !strings.HasPrefix(l[j:], "\x1b[0m") {
			return false // a style left set, or another sequence
		}
	}
	if strings.Contains(l, "\x1b]8;") {
		j := strings.LastIndex(l, "\x1b]8;")
		if !strings.HasPrefix(l[j:], "\x1b]8;;\a") && !strings.HasPrefix(l[j:], "\x1b]8;;\x1b\\") {
			return false // a link left open
		}
	}
	return true
}
