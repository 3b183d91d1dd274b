package ui_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/progress"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/models"
	"github.com/neurotutor/neurotutor/ui"
)

var textPercent = regexp.MustCompile(`(\d+)% `)

// percentShown reads the text pane's "Text N%" from the screen.
func percentShown(t *testing.T, m tea.Model) string {
	t.Helper()
	p := textPercent.FindStringSubmatch(screen(m))
	if p == nil {
		t.Fatalf("no text position on screen:\n%s", screen(m))
	}
	return p[1]
}

// TestScrollKeptPerLesson: esc to the contents and back, or another lesson
// and back, finds the text where the learner left it.
func TestScrollKeptPerLesson(t *testing.T) {
	cat, reg := realCatalog(t)
	store, _ := progress.Open("")
	var m tea.Model = ui.New(cat, reg, store, ui.WithLesson("wta"), ui.WithAutoRun(false), ui.WithDark(true))
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	for range 12 {
		m = send(t, m, key("down"))
	}
	before := percentShown(t, m)
	if before == "0" {
		t.Fatal("scrolling did not move the text")
	}
	m = send(t, m, key("esc"), key("enter"))
	if got := percentShown(t, m); got != before {
		t.Errorf("after esc and back the text is at %s%%, want %s%%", got, before)
	}
	m = send(t, m, key("p"), key("n"))
	if got := percentShown(t, m); got != before {
		t.Errorf("after the previous lesson and back the text is at %s%%, want %s%%", got, before)
	}
}

// TestResumeRestoresTextAndLab: quit, start again, and the lesson opens
// with the text where it was and the lab's changed values and seed.
func TestResumeRestoresTextAndLab(t *testing.T) {
	cat, reg := realCatalog(t)
	path := filepath.Join(t.TempDir(), "progress.json")
	store, _ := progress.Open(path)
	var m tea.Model = ui.New(cat, reg, store, ui.WithLesson("wta"), ui.WithAutoRun(false), ui.WithDark(true))
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	for range 9 {
		m = send(t, m, key("down"))
	}
	text := percentShown(t, m)
	// In the lab: the second parameter up by three steps, and a new seed.
	m = send(t, m, key("tab"), key("down"), key("right"), key("right"), key("right"), key("s"))
	lab := selectedControl(t, m)
	m = send(t, m, key("q"))

	store, err := progress.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	m = ui.New(cat, reg, store, ui.WithLesson(store.Last()), ui.WithAutoRun(false), ui.WithDark(true))
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if got := percentShown(t, m); got != text {
		t.Errorf("resumed text at %s%%, want %s%%", got, text)
	}
	m = send(t, m, key("tab"), key("down"))
	if got := selectedControl(t, m); got != lab {
		t.Errorf("resumed lab control %q, want %q", got, lab)
	}
	if p := store.Lesson("wta").Place; p == nil || p.Seed != 2 {
		t.Errorf("saved place = %+v, want seed 2", p)
	}
}

// realCatalog is the embedded catalog (loaded once, see embedded) and a
// registry of every model.
func realCatalog(t *testing.T) (*lessons.Catalog, *sim.Registry) {
	t.Helper()
	cat, err := embedded()
	if err != nil {
		t.Fatal(err)
	}
	return cat, models.Registry()
}

// selectedControl returns the lab's selected parameter line (marked ▸).
func selectedControl(t *testing.T, m tea.Model) string {
	t.Helper()
	for _, l := range strings.Split(screen(m), "\n") {
		if i := strings.Index(l, "▸ "); i >= 0 {
			return strings.TrimSpace(l[i:])
		}
	}
	t.Fatalf("no selected control on screen:\n%s", screen(m))
	return ""
}

// TestOrphanedChallengeNotCounted: a challenge met under an id the lesson
// no longer has does not count in the header's stars.
func TestOrphanedChallengeNotCounted(t *testing.T) {
	cat, reg := realCatalog(t)
	store, _ := progress.Open("")
	store.MarkSolved("wta", "a-challenge-since-rewritten")
	store.MarkSolved("wta", "close-call")
	var m tea.Model = ui.New(cat, reg, store, ui.WithLesson("wta"), ui.WithAutoRun(false), ui.WithDark(true))
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	if s := screen(m); !strings.Contains(strings.Split(s, "\n")[0], "1/3 ★") {
		t.Errorf("header counts a challenge the lesson no longer has:\n%s", strings.Split(s, "\n")[0])
	}
}
