package screencast

import (
	"io"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// MinInterval is the shortest time between two frames of one screen:
// views that come faster are drawn together, as the latest.
const MinInterval = time.Second / 60

// Screen is one session's terminal, drawn through a Caster. Run the
// session's program with [tea.WithoutRenderer] and the model wrapped by
// [Screen.Model], start the screen, and close it when the program ends.
type Screen struct {
	caster *Caster
	out    io.Writer // writes are whole frames, under outMu
	outMu  *sync.Mutex

	// OnPanic, if set before Start, hears of a panic while drawing; the
	// screen then draws nothing more.
	OnPanic func(any)

	mu      sync.Mutex
	term    Terminal
	view    tea.View
	pending bool
	closed  bool
	running bool
	wake    chan struct{}
	stopped chan struct{}

	// Owned by the painting goroutine.
	shown        Terminal
	group        *group // the caster's group for shown
	screen       uint64 // what the terminal shows; unknown after a resize
	content      string // the view drawn last
	title        string
	mouse        tea.MouseMode
	started      bool
	writeFailure error
}

// NewScreen makes the screen of a terminal t, which writes to out; the
// size in t is the terminal's first, and Resize changes it. Writes to out
// are serialised with mu, which the caller holds around its own writes to
// out (Bubble Tea's terminal queries): a frame is never split.
func (c *Caster) NewScreen(out io.Writer, mu *sync.Mutex, t Terminal) *Screen {
	return &Screen{
		caster: c, out: out, outMu: mu, term: t,
		wake: make(chan struct{}, 1), stopped: make(chan struct{}),
	}
}

// Start draws the screen as views come, until Close.
func (s *Screen) Start() {
	s.mu.Lock()
	s.running = true
	s.mu.Unlock()
	go s.run()
}

// Close stops drawing, waits for the frame being drawn, and puts the
// terminal back as it was: the main screen, the cursor shown, the mouse
// and the title released.
func (s *Screen) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	running := s.running
	s.mu.Unlock()
	if running {
		s.signal()
		<-s.stopped
	}
	if !s.started {
		return s.writeFailure
	}
	// As Bubble Tea does, from the bottom row: a terminal that keeps no
	// alternate screen is left below the picture, and tmux, if the pane
	// was resized meanwhile, otherwise keeps part of it.
	end := ansi.CursorPosition(1, max(s.shown.Height, 1)) + ansi.ResetModeAltScreenSaveCursor +
		ansi.SetModeTextCursorEnable + ansi.ResetModeBracketedPaste +
		ansi.ResetModeMouseButtonEvent + ansi.ResetModeMouseAnyEvent + ansi.ResetModeMouseExtSgr
	if s.title != "" {
		end += ansi.SetWindowTitle("")
	}
	return s.write([]byte(end))
}

// SetView is the program's latest view, drawn soon.
func (s *Screen) SetView(v tea.View) {
	s.mu.Lock()
	s.view, s.pending = v, true
	s.mu.Unlock()
	s.signal()
}

// Resize is the terminal's new size, drawn afresh.
func (s *Screen) Resize(width, height int) {
	s.mu.Lock()
	s.term.Width, s.term.Height = width, height
	s.pending = true
	s.mu.Unlock()
	s.signal()
}

func (s *Screen) signal() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// run draws the latest view whenever one comes, at most once per
// MinInterval.
func (s *Screen) run() {
	defer close(s.stopped)
	defer func() {
		if r := recover(); r != nil && s.OnPanic != nil {
			s.OnPanic(r)
		}
	}()
	var last time.Time
	for range s.wake {
		if wait := MinInterval - time.Since(last); wait > 0 {
			time.Sleep(wait)
		}
		if !s.Flush() {
			return
		}
		last = time.Now()
	}
}

// Flush draws the latest view now, if it has not been drawn, and reports
// whether the screen is still open. Start calls it as views come; call
// it yourself only on a screen not started (a benchmark).
func (s *Screen) Flush() bool {
	s.mu.Lock()
	v, t, pending, closed := s.view, s.term, s.pending, s.closed
	s.pending = false
	s.mu.Unlock()
	if pending && !closed && s.writeFailure == nil {
		s.draw(v, t)
	}
	return !closed
}

// draw sends what takes the terminal to view v.
func (s *Screen) draw(v tea.View, t Terminal) {
	var head []byte
	if !s.started {
		s.started = true
		head = append(head, ansi.SetModeAltScreenSaveCursor+ansi.ResetModeTextCursorEnable+ansi.SetModeBracketedPaste...)
	}
	if v.MouseMode != s.mouse {
		head = append(head, mouseMode(s.mouse, v.MouseMode)...)
		s.mouse = v.MouseMode
	}
	if v.WindowTitle != s.title {
		head = append(head, ansi.SetWindowTitle(v.WindowTitle)...)
		s.title = v.WindowTitle
	}
	if t != s.shown || s.group == nil {
		s.shown, s.screen, s.group = t, unknown, s.caster.group(t)
	}
	to := s.caster.hash(v.Content)
	var frame []byte
	if to != s.screen {
		frame = s.caster.draw(s.group, s.screen, s.content, to, v.Content)
		s.screen, s.content = to, v.Content
	}
	if len(head) == 0 && len(frame) == 0 {
		return
	}
	if len(head) > 0 {
		frame = append(head, frame...)
	}
	s.writeFailure = s.write(frame)
}

func (s *Screen) write(b []byte) error {
	s.outMu.Lock()
	defer s.outMu.Unlock()
	_, err := s.out.Write(b)
	return err
}

// mouseMode is the sequence that changes the terminal's mouse reporting.
func mouseMode(from, to tea.MouseMode) string {
	off := ""
	switch from {
	case tea.MouseModeCellMotion:
		off = ansi.ResetModeMouseButtonEvent + ansi.ResetModeMouseExtSgr
	case tea.MouseModeAllMotion:
		off = ansi.ResetModeMouseAnyEvent + ansi.ResetModeMouseExtSgr
	}
	switch to {
	case tea.MouseModeCellMotion:
		return off + ansi.SetModeMouseButtonEvent + ansi.SetModeMouseExtSgr
	case tea.MouseModeAllMotion:
		return off + ansi.SetModeMouseAnyEvent + ansi.SetModeMouseExtSgr
	}
	return off
}

// Model wraps a program's model so that its views come to the screen and
// its window sizes resize it.
func (s *Screen) Model(m tea.Model) tea.Model { return &model{inner: m, screen: s} }

type model struct {
	inner  tea.Model
	screen *Screen
}

func (m *model) Init() tea.Cmd { return m.inner.Init() }

func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		m.screen.Resize(ws.Width, ws.Height)
	}
	var cmd tea.Cmd
	m.inner, cmd = m.inner.Update(msg)
	return m, cmd
}

func (m *model) View() tea.View {
	v := m.inner.View()
	m.screen.SetView(v)
	return v
}
