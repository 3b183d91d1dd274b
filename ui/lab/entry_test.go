package lab

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim/learning"
)

// press sends key presses by name ("enter", "esc", "left") or as typed text.
func press(m Model, keys ...string) Model {
	for _, k := range keys {
		var msg tea.KeyPressMsg
		switch k {
		case "enter":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		case "esc":
			msg = tea.KeyPressMsg{Code: tea.KeyEscape}
		case "backspace":
			msg = tea.KeyPressMsg{Code: tea.KeyBackspace}
		case "ctrl+u":
			msg = tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
		case "left":
			msg = tea.KeyPressMsg{Code: tea.KeyLeft}
		case "right":
			msg = tea.KeyPressMsg{Code: tea.KeyRight}
		case "down":
			msg = tea.KeyPressMsg{Code: tea.KeyDown}
		case "H", "L":
			msg = tea.KeyPressMsg{Code: rune(k[0]), Text: k}
		default:
			for _, r := range k {
				m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
			continue
		}
		m, _ = m.Update(msg)
	}
	return m
}

func hebbLab(t *testing.T) Model {
	t.Helper()
	l := &lessons.Lesson{ID: "hebb", Lab: lessons.Lab{Model: "hebb", Seed: 1, Controls: []string{"eta"}}}
	m := newLab(t, l, learning.NewHebb())
	m.SetFocused(true)
	return m
}

func eta(m Model) float64 { v, _ := m.run.Model.Get("eta"); return v }

// TestLogSliderKeepsLessonValues: η steps on 1, 1.2, 1.5 … × 10ᵏ, so the
// lesson's 0.01 and 0.001 stay reachable whatever the learner does first.
func TestLogSliderKeepsLessonValues(t *testing.T) {
	m := hebbLab(t)
	if eta(m) != 0.01 {
		t.Fatalf("η starts at %g, want the default 0.01", eta(m))
	}
	m = press(m, "H")
	if eta(m) != 0.001 {
		t.Errorf("H took η from 0.01 to %g, want 0.001 (a decade)", eta(m))
	}
	m = press(m, "H", "H", "L")
	if eta(m) != 0.001 {
		t.Errorf("H H L from 0.001 gave %g, want 0.001 (clamped at 0.0001, then a decade up)", eta(m))
	}
	m = press(m, "right", "right", "left", "left")
	if eta(m) != 0.001 {
		t.Errorf("→ → ← ← from 0.001 gave %g", eta(m))
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "η  0.001 ") {
		t.Errorf("η not shown as 0.001:\n%s", v)
	}
}

func TestTypedValue(t *testing.T) {
	m := hebbLab(t)
	m = press(m, "enter")
	if !m.Typing() {
		t.Fatal("enter did not open the typed entry")
	}
	m = press(m, "ctrl+u", "0.7", "enter")
	v := ansi.Strip(m.View())
	if !m.Typing() || eta(m) != 0.01 {
		t.Errorf("an out-of-range value was taken (η %g) or the entry closed", eta(m))
	}
	if !strings.Contains(v, "η = 0.7 is not allowed: a number from 0.0001 to 0.05") || !strings.Contains(v, "η = 0.7▏") {
		t.Errorf("no error naming the range, or the typed text was lost:\n%s", v)
	}
	m = press(m, "ctrl+u", "abc", "enter")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "not a plain decimal number") {
		t.Errorf("a word was not refused in plain words:\n%s", v)
	}
	m = press(m, "ctrl+u", "0.0011", "enter")
	if m.Typing() || eta(m) != 0.0011 {
		t.Errorf("0.0011 not set exactly: η %g, typing %t", eta(m), m.Typing())
	}
	m = press(m, "right")
	if eta(m) != 0.0012 {
		t.Errorf("→ from a typed 0.0011 gave %g, want the next grid value 0.0012", eta(m))
	}
	m = press(m, "enter", "ctrl+u", "5", "esc")
	if m.Typing() || eta(m) != 0.0012 {
		t.Errorf("esc did not cancel: η %g", eta(m))
	}
}
