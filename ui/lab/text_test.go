package lab

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim/models"
	"github.com/neurotutor/neurotutor/ui/theme"
)

// labSizes are the lab pane's sizes at 80×24 (its own tab) and at 120×40
// (beside the text).
var labSizes = [][2]int{{79, 21}, {55, 37}}

// TestNothingIsCutOff: for every lesson's lab at both sizes, each hint
// (revealed), preset note, Try-it note, success line and the clock is on
// screen in full, and no line of the lab's text (outside its plots) ends
// in "…".
func TestNothingIsCutOff(t *testing.T) {
	reg := models.Registry()
	cat, err := lessons.Default(reg)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range cat.All() {
		for _, size := range labSizes {
			model, err := reg.New(l.Lab.Model)
			if err != nil {
				t.Fatal(err)
			}
			m, err := New(1, l, model, nil, theme.Of(true))
			if err != nil {
				t.Fatal(err)
			}
			m.SetSize(size[0], size[1])
			m.SetFocused(true)
			where := func(what string) string { return l.ID + " " + what + " at " + sizeText(size) }
			shows(t, m, where("the clock"), "t = 0 ms")
			for i, k := range m.checks {
				for j, o := range m.checks {
					o.Solved = j < i
				}
				m.hint = true
				m.refresh()
				shows(t, m, where("challenge "+k.Challenge.ID), k.Challenge.Prompt)
				shows(t, m, where("hint "+k.Challenge.ID), "Hint: "+k.Challenge.Hint)
				m.hint = false
				m.note = "✓ Challenge met: " + k.Challenge.Prompt // as evaluate says it
				m.refresh()
				shows(t, m, where("success "+k.Challenge.ID), m.note)
				m.note = ""
			}
			if len(m.checks) > 0 {
				for _, o := range m.checks {
					o.Solved = true
				}
				m.refresh()
				shows(t, m, where("all challenges met"), fmt.Sprintf("★ All %d challenges met. Try the presets, or the next lesson (n).", len(m.checks)))
				for _, o := range m.checks {
					o.Solved = false
				}
			}
			for range l.Presets {
				m.nextPreset()
				m.refresh()
				shows(t, m, where("preset"), m.note)
			}
			for _, st := range l.TryIt {
				m.ApplyTryIt(st)
				shows(t, m, where("Try it "+st.Name), m.note)
			}
		}
	}
}

// shows fails unless the lab's text (after its plots) holds want in full,
// however it is wrapped, and none of its lines ends in "…".
func shows(t *testing.T, m Model, what, want string) {
	t.Helper()
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	for i, l := range lines {
		if (i < 2 || i >= m.textStart) && strings.HasSuffix(strings.TrimSpace(l), "…") {
			t.Errorf("%s: a line ends in …: %q", what, l)
		}
	}
	// Compared without spaces: a line may wrap after a hyphen.
	text := strings.Join(strings.Fields(strings.Join(lines[m.textStart:], "")), "")
	head := strings.Join(strings.Fields(strings.Join(lines[:min(2, len(lines))], "")), "")
	want = strings.Join(strings.Fields(want), "")
	if !strings.Contains(text, want) && !strings.Contains(head, want) {
		t.Errorf("%s: %q is not on screen in full:\n%s", what, want, strings.Join(lines, "\n"))
	}
}

func sizeText(s [2]int) string { return fmt.Sprintf("%d×%d", s[0], s[1]) }
