package ui_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/progress"
	"github.com/neurotutor/neurotutor/sim/models"
	"github.com/neurotutor/neurotutor/ui"
)

// labFrames is how many frames the golden views advance each lab by
// ('.' while paused), so that its plots have something to show.
const labFrames = 12

// embedded loads the embedded catalog once for the tests of this file.
var embedded = sync.OnceValues(func() (*lessons.Catalog, error) { return lessons.Default(models.Registry()) })

// realModel opens the embedded catalog's lesson id, paused.
func realModel(t *testing.T, id string, opts ...ui.Option) tea.Model {
	t.Helper()
	reg := models.Registry()
	cat, err := embedded()
	if err != nil {
		t.Fatal(err)
	}
	store, err := progress.Open(filepath.Join(t.TempDir(), "progress.json"))
	if err != nil {
		t.Fatal(err)
	}
	opts = append([]ui.Option{ui.WithAutoRun(false), ui.WithDark(true)}, opts...)
	m := ui.New(cat, reg, store, append(opts, ui.WithLesson(id))...)
	return send(t, m, run(m.Init())...) // the lab's first run, computed
}

// TestLabGoldens keeps every lesson's lab on screen, colour stripped, at
// 80×24 (the lab's tab, its first hint revealed) and 120×40 (beside the
// text), after labFrames frames: testdata/TestLabGoldens/<lesson>-<size>.
// Review the diff before accepting go test -update.
func TestLabGoldens(t *testing.T) {
	cat, err := embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range cat.All() {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			m := realModel(t, l.ID)
			m = send(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]}, key("tab"))
			for range labFrames {
				m = send(t, m, key("."))
			}
			if size[0] == 80 {
				m = send(t, m, key("i"))
			}
			s := screen(m)
			if lines := strings.Split(s, "\n"); len(lines) != size[1] {
				t.Errorf("%s %v: %d lines", l.ID, size, len(lines))
			}
			goldenView(t, l.ID+"-"+sizeName(size), s)
		}
	}
}

func sizeName(s [2]int) string { return fmt.Sprintf("%dx%d", s[0], s[1]) }

// TestNoColorSeriesDiffer: without colour (NO_COLOR) every series of a
// plot has its own dash pattern, named in the legend, and the ghost of the
// previous run its own sparse dots: the feedback-alignment lab's three
// test losses, golden at 120×40 with a previous run kept.
func TestNoColorSeriesDiffer(t *testing.T) {
	m := realModel(t, "cautions", ui.WithoutColor())
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}, key("tab"))
	for range 3 { // 10×: a frame is a third of a second, 333 examples
		m = send(t, m, key("+"))
	}
	for range 30 {
		m = send(t, m, key("."))
	}
	m = send(t, m, key("r")) // the run so far becomes the ghost
	for range 15 {
		m = send(t, m, key("."))
	}
	s := screen(m)
	for _, want := range []string{"━ BP  ╍ FA  ┅ fixed W₁", "┈ previous run", "ghost on"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q without colour:\n%s", want, s)
		}
	}
	goldenView(t, "cautions-nocolor-120x40", s)
}
