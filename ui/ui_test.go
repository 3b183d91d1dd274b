package ui_test

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/progress"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/network"
	"github.com/neurotutor/neurotutor/sim/neuron"
	"github.com/neurotutor/neurotutor/ui"
	"github.com/neurotutor/neurotutor/ui/lab"
)

// fixture loads the two-lesson catalog in testdata/fixture, which keeps
// these tests independent of the real lessons' text.
func fixture(t testing.TB) (*lessons.Catalog, *sim.Registry) {
	t.Helper()
	reg := sim.NewRegistry(
		func() sim.Model { return neuron.NewLinear() },
		func() sim.Model { return network.NewWTA() },
	)
	cat, err := lessons.Load(os.DirFS("testdata/fixture"), reg)
	if err != nil {
		t.Fatal(err)
	}
	return cat, reg
}

func newModel(t testing.TB, opts ...ui.Option) (tea.Model, *progress.Store) {
	t.Helper()
	cat, reg := fixture(t)
	store, err := progress.Open(filepath.Join(t.TempDir(), "progress.json"))
	if err != nil {
		t.Fatal(err)
	}
	opts = append([]ui.Option{ui.WithAutoRun(false), ui.WithDark(true)}, opts...)
	m := ui.New(cat, reg, store, opts...)
	// Init's commands: among them the lab's first run, when it was not
	// ready within the lab's budget (a loaded machine).
	return send(t, m, run(m.Init())...), store
}

// send delivers msgs in order and runs the commands they return, feeding
// their messages back, except animation ticks (tests step labs by hand).
func send(t testing.TB, m tea.Model, msgs ...tea.Msg) tea.Model {
	t.Helper()
	queue := append([]tea.Msg(nil), msgs...)
	for n := 0; len(queue) > 0; n++ {
		if n > 200 {
			t.Fatal("message loop did not settle")
		}
		msg := queue[0]
		queue = queue[1:]
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		queue = append(queue, run(cmd)...)
	}
	return m
}

// run executes a command, flattening batches and dropping ticks and
// terminal queries.
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	if isTick(cmd) {
		return nil
	}
	msg := cmd()
	switch msg := msg.(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, run(c)...)
		}
		return out
	case nil, lab.TickMsg:
		return nil
	}
	if reflect.TypeOf(msg).PkgPath() == "charm.land/bubbletea/v2" {
		return nil // queries to the terminal, quit
	}
	return []tea.Msg{msg}
}

// isTick spots the lab's animation command without waiting on it: it is
// the only command built by tea.Tick.
func isTick(cmd tea.Cmd) bool {
	return strings.Contains(runtimeName(cmd), "Tick")
}

func key(s string) tea.Msg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func screen(m tea.Model) string {
	return ansi.Strip(m.View().Content)
}

// goldenView compares a screen with testdata/TestGoldenViews/<name>.golden
// (go test -update rewrites it).
func goldenView(t *testing.T, name, got string) {
	t.Run(name, func(t *testing.T) { golden.RequireEqual(t, []byte(got)) })
}

func TestContentsListsChaptersAndOpensLesson(t *testing.T) {
	m, store := newModel(t)
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	s := screen(m)
	for _, want := range []string{"Contents", "The neuron", "Linear summation", "The network", "Winner-take-all", "○"} {
		if !strings.Contains(s, want) {
			t.Errorf("contents lack %q:\n%s", want, s)
		}
	}
	m = send(t, m, key("down"), key("enter"))
	s = screen(m)
	if !strings.Contains(s, "The network › 1/1 Winner-take-all") || !strings.Contains(s, "the winner takes all") {
		t.Errorf("enter did not open the wta lesson:\n%s", s)
	}
	if store.Last() != "wta" {
		t.Errorf("last lesson saved as %q, want wta", store.Last())
	}
	m = send(t, m, key("esc"))
	if s := screen(m); !strings.Contains(s, "Contents") {
		t.Errorf("esc did not return to the contents:\n%s", s)
	}
}

func TestLabKeysChangeParameters(t *testing.T) {
	m, _ := newModel(t, ui.WithLesson("linear"))
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	if s := screen(m); !strings.Contains(s, "x₁     40 Hz") {
		t.Fatalf("lab does not show x₁ = 40 Hz:\n%s", s)
	}
	m = send(t, m, key("right")) // text has focus: no change
	if s := screen(m); !strings.Contains(s, "x₁     40 Hz") {
		t.Errorf("→ changed a parameter while the text had focus")
	}
	m = send(t, m, key("tab"), key("right"), key("right"), key("L"))
	if s := screen(m); !strings.Contains(s, "x₁     52 Hz") {
		t.Errorf("→ → L did not take x₁ from 40 to 52 Hz:\n%s", s)
	}
	m = send(t, m, key("down"), key("H"), key("H"), key("H"), key("H"), key("H"), key("H"))
	s := screen(m)
	if !strings.Contains(s, "w₁     −2.00") || !strings.Contains(s, "is at its minimum") {
		t.Errorf("H did not clamp w₁ at −2 with a note:\n%s", s)
	}
	m = send(t, m, key("0"))
	if s := screen(m); !strings.Contains(s, "w₁     0.50") {
		t.Errorf("0 did not restore w₁'s starting value:\n%s", s)
	}
}

func TestPauseStepReset(t *testing.T) {
	m, _ := newModel(t, ui.WithLesson("linear"))
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	if s := screen(m); !strings.Contains(s, "⏸ paused") || !strings.Contains(s, "t = 0 ms") {
		t.Fatalf("lab should open paused at t = 0:\n%s", s)
	}
	m = send(t, m, key("."), key("."))
	if s := screen(m); !strings.Contains(s, "t = 33 ms") {
		t.Errorf("two frames at 500 ms/s should reach t = 33 ms:\n%s", s)
	}
	m = send(t, m, key("r"))
	if s := screen(m); !strings.Contains(s, "t = 0 ms") || !strings.Contains(s, "Run reset") {
		t.Errorf("r did not reset the run:\n%s", s)
	}
	m = send(t, m, key("space"))
	if s := screen(m); !strings.Contains(s, "▶ running") {
		t.Errorf("space did not start the lab:\n%s", s)
	}
}

func TestChallengeSolvedIsSaved(t *testing.T) {
	m, store := newModel(t, ui.WithLesson("linear"))
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}, key("tab"))
	// x₁ to 0 Hz, then x₂ from 20 to 50 Hz: output 40 Hz.
	for range 4 {
		m = send(t, m, key("H"))
	}
	m = send(t, m, key("down"), key("down"), key("L"), key("L"), key("L"))
	for range 30 {
		m = send(t, m, key("."))
	}
	if !store.Solved("linear", "silenced") {
		t.Fatalf("challenge not recorded as solved:\n%s", screen(m))
	}
	if s := screen(m); !strings.Contains(s, "Challenge 2/2 (1 met)") {
		t.Errorf("lab does not move on to the next challenge:\n%s", s)
	}
}

func TestTooSmallAndBack(t *testing.T) {
	m, _ := newModel(t, ui.WithLesson("wta"))
	m = send(t, m, tea.WindowSizeMsg{Width: 60, Height: 20})
	if s := screen(m); !strings.Contains(s, "Terminal too small: 60×20") || !strings.Contains(s, "80×24") {
		t.Errorf("no too-small notice:\n%s", s)
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 1, Height: 1}, key("x"), key("space"))
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if s := screen(m); !strings.Contains(s, "Winner-take-all") {
		t.Errorf("resizing back did not restore the lesson:\n%s", s)
	}
}

func TestHelpOverlaySaysWhatDoesNotApply(t *testing.T) {
	m, _ := newModel(t, ui.WithLesson("wta"))
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}, key("?"))
	s := screen(m)
	// The wta fixture has no presets, and no run has been reset yet.
	for _, want := range []string{"cycle presets (n/a)", "ghost of previous run (n/a)", "run/pause", "? or esc closes"} {
		if !strings.Contains(s, want) {
			t.Errorf("help lacks %q:\n%s", want, s)
		}
	}
	m = send(t, m, key("esc"))
	if s := screen(m); strings.Contains(s, "? or esc closes") {
		t.Error("esc did not close help")
	}
}

func TestNextPreviousLesson(t *testing.T) {
	m, _ := newModel(t, ui.WithLesson("linear"))
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24}, key("n"))
	if s := screen(m); !strings.Contains(s, "Winner-take-all") {
		t.Errorf("n did not open the next lesson:\n%s", s)
	}
	m = send(t, m, key("n"))
	if s := screen(m); !strings.Contains(s, "This is the last lesson.") {
		t.Errorf("n on the last lesson gives no message:\n%s", s)
	}
	m = send(t, m, key("p"))
	if s := screen(m); !strings.Contains(s, "Linear summation") {
		t.Errorf("p did not go back:\n%s", s)
	}
}

func TestGoldenViews(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		name := func(s string) string { return s + "-" + fmtInt(size.w) + "x" + fmtInt(size.h) }
		m, _ := newModel(t)
		m = send(t, m, tea.WindowSizeMsg{Width: size.w, Height: size.h})
		goldenView(t, name("contents"), screen(m))
		m = send(t, m, key("enter"))
		goldenView(t, name("lesson-text"), screen(m))
		m = send(t, m, key("tab"))
		for range 3 {
			m = send(t, m, key("."))
		}
		goldenView(t, name("lesson-lab"), screen(m))
	}
}

func TestNewSeedKey(t *testing.T) {
	m, _ := newModel(t, ui.WithLesson("wta"))
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}, key("."), key("s"))
	if s := screen(m); !strings.Contains(s, "New run with seed 2") || !strings.Contains(s, "t = 0 ms") {
		t.Errorf("s did not start a run with a new seed:\n%s", s)
	}
}

// TestAnyKeySequence sends a long seeded random sequence of keys, resizes
// and ticks, and checks the program never panics and always draws within
// the terminal.
func TestAnyKeySequence(t *testing.T) {
	keys := []string{"enter", "tab", "esc", "right", "left", "up", "down", "space", ".", "r", "s", "c", "+", "-",
		"o", "i", "v", "n", "p", "?", "H", "L", "0", "g", "G", "j", "k", "h", "l", "x", "q"}
	sizes := [][2]int{{80, 24}, {120, 40}, {1, 1}, {79, 23}, {200, 60}, {110, 30}}
	rng := rand.New(rand.NewPCG(5, 6))
	m, _ := newModel(t)
	w, h := 80, 24
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	for i := range 3000 {
		var msg tea.Msg
		switch r := rng.IntN(40); {
		case r == 0:
			s := sizes[rng.IntN(len(sizes))]
			w, h = s[0], s[1]
			msg = tea.WindowSizeMsg{Width: w, Height: h}
		case r == 1:
			msg = lab.TickMsg{Lab: rng.IntN(4), Seq: rng.IntN(6)}
		default:
			k := keys[rng.IntN(len(keys))]
			if k == "q" {
				continue // quitting ends the sequence
			}
			msg = key(k)
		}
		m = send(t, m, msg)
		lines := strings.Split(m.View().Content, "\n")
		if len(lines) > max(h, 1) {
			t.Fatalf("step %d (%v): %d lines on a %d-line terminal", i, msg, len(lines), h)
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > w {
				t.Fatalf("step %d (%v): a line %d wide on a %d-column terminal:\n%s", i, msg, ansi.StringWidth(l), w, l)
			}
		}
	}
}
