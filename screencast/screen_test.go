package screencast

import (
	"bytes"
	"fmt"
	"image/color"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/vt"
)

// terminal is a session's screen with the terminal emulator its bytes
// go to.
type terminal struct {
	*Screen
	em    *vt.Emulator
	out   *bytes.Buffer
	onlcr bool // the line discipline sends \n as \r\n
}

func newTerminal(c *Caster, w, h int, onlcr bool) *terminal {
	var out bytes.Buffer
	t := Terminal{Width: w, Height: h, Profile: colorprofile.TrueColor, Term: "xterm-256color", MapNewline: onlcr}
	return &terminal{Screen: c.NewScreen(&out, new(sync.Mutex), t), em: vt.NewEmulator(w, h), out: &out, onlcr: onlcr}
}

// show draws v now and passes what was sent to the emulator.
func (t *terminal) show(v tea.View) {
	t.mu.Lock()
	term := t.term
	t.mu.Unlock()
	t.draw(v, term)
	b := t.out.Bytes()
	if t.onlcr {
		b = bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
	}
	t.em.Write(b)
	t.out.Reset()
}

func (t *terminal) resize(w, h int) {
	t.Resize(w, h)
	t.em.Resize(w, h)
}

// check fails unless the emulator shows content, cell by cell with its
// styles.
func (t *terminal) check(tb testing.TB, content, what string) {
	tb.Helper()
	w, h := t.em.Width(), t.em.Height()
	want := uv.NewScreenBuffer(w, h)
	uv.NewStyledString(content).Draw(want, want.Bounds())
	for y := range h {
		for x := range w {
			got, exp := t.em.CellAt(x, y), want.CellAt(x, y)
			if text(got) != text(exp) || !sameColor(got.Style.Fg, exp.Style.Fg) || !sameColor(got.Style.Bg, exp.Style.Bg) || got.Style.Attrs != exp.Style.Attrs || got.Link.URL != exp.Link.URL {
				tb.Fatalf("%s: cell (%d, %d) is %q %+v, want %q %+v\nscreen:\n%s\nwant:\n%s", what, x, y, text(got), got.Style, text(exp), exp.Style, t.em.String(), content)
			}
		}
	}
}

func text(c *uv.Cell) string {
	if c == nil || c.Content == "" {
		return " "
	}
	return c.Content
}

func sameColor(a, b color.Color) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	return ar == br && ag == bg && ab == bb && aa == ba
}

// frame is a screen like a lesson's: a text pane that scrolls every
// seventh frame and a lab pane that changes with n, with a line of its
// own for who.
func frame(w, h, n int, who string) string {
	var b strings.Builder
	for y := range h {
		if y > 0 {
			b.WriteByte('\n')
		}
		left := fmt.Sprintf("%-24s", "")
		if line := y + n/7; line%3 != 0 { // every third line of the text is blank
			left = fmt.Sprintf("\x1b[1m%-24s\x1b[0m", fmt.Sprintf("line %d of the text", line))
		}
		v := (n*7 + y*13) % 40
		bar := fmt.Sprintf("\x1b[38;2;%d;%d;200m%s\x1b[0m%s", 20+5*v, 250-5*v, strings.Repeat("█", v%(w/3)), strings.Repeat("·", (n+y)%5))
		line := left + "  " + bar
		if y == h-1 && who != "" {
			line = "\x1b[7m" + who + "\x1b[0m"
		}
		b.WriteString(line)
	}
	return b.String()
}

func view(content string) tea.View {
	v := tea.NewView(content)
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "neurotutor"
	return v
}

// A class following one lab at one size: the frames are encoded once and
// every terminal shows them right, whether or not its line discipline
// turns \n into \r\n.
func TestFollowersShareFrames(t *testing.T) {
	for _, onlcr := range []bool{false, true} {
		c := New()
		var class []*terminal
		for range 20 {
			class = append(class, newTerminal(c, 60, 12, onlcr))
		}
		for n := range 30 {
			content := frame(60, 12, n, "")
			for i, term := range class {
				term.show(view(content))
				term.check(t, content, fmt.Sprintf("onlcr %v, frame %d, terminal %d", onlcr, n, i))
			}
		}
		if s := c.Stats(); s.Encoded+s.Rebuilt != 30 || s.Shared != 30*19 {
			t.Errorf("onlcr %v: stats %+v, want 30 encoded and %d shared", onlcr, s, 30*19)
		}
	}
}

// Terminals that leave the class's screen (an overlay, a line of their
// own), skip frames, join late or resize still show exactly their view.
func TestDivergingTerminals(t *testing.T) {
	c := New()
	rng := rand.New(rand.NewPCG(1, 2))
	var terms []*terminal
	for i := range 6 {
		terms = append(terms, newTerminal(c, 50, 10, i != 0)) // the first alone
	}
	for n := range 300 {
		common := frame(50, 10, n, "")
		for i, term := range terms {
			content := common
			switch r := rng.IntN(10); {
			case r == 0:
				continue // a frame missed
			case r == 1:
				content = frame(50, 10, n, fmt.Sprintf("terminal %d has its own line", i))
			case r == 2 && i == 5:
				content = frame(50, 10, n+1000, "") // a private lab
			case r == 2 && i == 2: // a style and a link carried from one line into the next
				lines := strings.Split(common, "\n")
				lines[2] += "\x1b[3m\x1b]8;;https://example.org\a"
				lines[3] += "\x1b]8;;\a\x1b[m"
				content = strings.Join(lines, "\n")
			case r == 3 && i == 4 && n%50 == 0:
				term = newTerminal(c, 50, 10, true) // reconnects
				terms[i] = term
			case r == 3 && i == 3 && n%40 == 0:
				w := 50 + 10*((n/40)%2)
				term.resize(w, 10)
				content = frame(w, 10, n, "")
			}
			w := term.em.Width()
			if w != 50 {
				content = frame(w, 10, n, "")
			}
			term.show(view(content))
			term.check(t, content, fmt.Sprintf("step %d, terminal %d", n, i))
		}
	}
	s := c.Stats()
	t.Logf("%+v", s)
	if s.Shared < 300 || s.Rebuilt == 0 { // four terminals share a group
		t.Errorf("stats %+v: a frame should be shared at least once on average, and some rebuilt", s)
	}
}

// A screen starts the alternate screen with the cursor hidden, sets the
// title and mouse, and puts the terminal back on Close, from the bottom
// row (tmux leaves the picture on the main screen of a pane resized
// meanwhile if the cursor is elsewhere).
func TestScreenLifecycle(t *testing.T) {
	c := New()
	// The screen writes under mu, as it would around Bubble Tea's writes;
	// the test reads under it too.
	var out bytes.Buffer
	var mu sync.Mutex
	written := func() string {
		mu.Lock()
		defer mu.Unlock()
		return out.String()
	}
	s := c.NewScreen(&out, &mu, Terminal{Width: 40, Height: 5, Profile: colorprofile.ANSI256, Term: "xterm-256color"})
	s.Start()
	m := s.Model(stub{content: "hello"})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 40, Height: 5})
	m.View()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(written(), "hello") {
		if time.Now().After(deadline) {
			t.Fatalf("nothing drawn: %q", written())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	got := written()
	for _, want := range []string{"\x1b[?1049h", "\x1b[?25l", "\x1b[?1002h", "\x1b]2;neurotutor\a"} {
		if !strings.HasPrefix(got, want) && !strings.Contains(got[:strings.Index(got, "hello")], want) {
			t.Errorf("missing %q before the first frame: %q", want, got)
		}
	}
	if !strings.HasSuffix(got, "\x1b[5;1H\x1b[?1049l\x1b[?25h\x1b[?2004l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b]2;\a") {
		t.Errorf("the terminal is not put back: %q", got[strings.LastIndex(got, "hello"):])
	}
	m.View() // after Close: nothing more is written
	time.Sleep(2 * MinInterval)
	if written() != got {
		t.Error("a view after Close was drawn")
	}
}

type stub struct{ content string }

func (s stub) Init() tea.Cmd                       { return nil }
func (s stub) Update(tea.Msg) (tea.Model, tea.Cmd) { return s, nil }
func (s stub) View() tea.View                      { return view(s.content) }

// BenchmarkEncode is the cost of one terminal's change of screen when no
// other terminal shares it: a 120×40 screen whose every line changes
// colour and length, as a lab beside the text does.
func BenchmarkEncode(b *testing.B) {
	var frames []string
	for n := range 30 {
		frames = append(frames, frame(120, 40, n, ""))
	}
	p := newPainter(Terminal{Width: 120, Height: 40, Profile: colorprofile.TrueColor, Term: "xterm-256color"})
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p.paint(frames[i%len(frames)], uint64(i%len(frames)+1))
	}
}

func TestStandsAlone(t *testing.T) {
	for line, want := range map[string]bool{
		"":                                 true,
		"plain text":                       true,
		"\x1b[1mbold\x1b[m":                true,
		"\x1b[1mbold\x1b[0m and plain":     true,
		"\x1b[1mbold":                      false,
		"\x1b[1mbold\x1b[m\x1b[3m":         false,
		"text\x1b[K":                       false, // not a style: not known
		"\x1b]8;;https://a.b\aa\x1b]8;;\a": true,
		"\x1b]8;;https://a.b\x1b\\a\x1b]8;;\x1b\\\x1b[m": true,
		"\x1b]8;;https://a.b\aa link":                    false,
		"\x1b[4m\x1b]8;;https://a.b\a\x1b[m":             false,
	} {
		if got := standsAlone(line); got != want {
			t.Errorf("standsAlone(%q) = %v, want %v", line, got, want)
		}
	}
}

// A panic while encoding a change ends only the session encoding it:
// another terminal waiting for the same bytes encodes them itself.
func TestPanicWhileEncodingSharedChange(t *testing.T) {
	c := New()
	a, b := newTerminal(c, 40, 6, true), newTerminal(c, 40, 6, true)
	first := frame(40, 6, 0, "")
	for _, term := range []*terminal{a, b} {
		term.show(view(first))
	}
	next := frame(40, 6, 1, "")
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	beforePaint = func(content string) {
		if content == next {
			once.Do(func() {
				close(entered)
				<-release // b asks for the same change meanwhile
				panic("painting failed")
			})
		}
	}
	defer func() { beforePaint = nil }()
	panicked := make(chan any)
	go func() {
		defer func() { panicked <- recover() }()
		a.show(view(next))
	}()
	<-entered
	done := make(chan struct{})
	go func() {
		defer close(done)
		b.show(view(next))
	}()
	time.Sleep(20 * time.Millisecond) // b waits for a's bytes
	close(release)
	if r := <-panicked; r == nil {
		t.Fatal("a's panic was lost")
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("b waits forever for the bytes a was encoding")
	}
	b.check(t, next, "b after a's panic")
}
