package ui_test

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/ui"
)

// TestTryItStates: T lists the lesson's Try-it states; enter sets the lab
// to one, says so, and on a narrow terminal shows the lab. A lesson
// without states lists T as not available.
func TestTryItStates(t *testing.T) {
	m, _ := newModel(t, ui.WithLesson("linear"))
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if s := screen(m); !strings.Contains(s, "T try-it steps") {
		t.Errorf("the footer does not offer T:\n%s", s)
	}
	m = send(t, m, key("T"))
	s := screen(m)
	if !strings.Contains(s, "Try it: a step's values") || !strings.Contains(s, "1 · x1 = 0 Hz") || !strings.Contains(s, "enter sets the lab") {
		t.Fatalf("T does not list the states:\n%s", s)
	}
	m = send(t, m, key("enter"))
	s = screen(m)
	if !strings.Contains(s, "[Lab]") || !strings.Contains(s, "x₁     0 Hz") ||
		!strings.Contains(s, "Try it, step 1: x1 = 0 Hz — input 1 falls silent") {
		t.Errorf("enter did not set the state and show the lab:\n%s", s)
	}

	m, _ = newModel(t, ui.WithLesson("wta"))
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}, key("T"))
	if s := screen(m); strings.Contains(s, "Try it: a step's") {
		t.Errorf("T opened a list in a lesson without states:\n%s", s)
	}
	m = send(t, m, key("?"))
	if s := screen(m); !strings.Contains(s, "try-it steps (n/a)") {
		t.Errorf("help does not list T as not available:\n%s", s)
	}
}
