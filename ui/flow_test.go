package ui_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestFlow runs the real program loop: open the contents, open a lesson,
// change a parameter, run, pause, reset, quit.
func TestFlow(t *testing.T) {
	m, store := newModel(t)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	waitFor := func(s string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			return bytes.Contains(b, []byte(s))
		}, teatest.WithDuration(5*time.Second))
	}
	waitFor("Contents")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor("A fixture lesson for the UI tests")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyRight})
	tm.Send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	waitFor("running")
	tm.Send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	waitFor("paused")
	tm.Send(tea.KeyPressMsg{Code: 'r', Text: "r"})
	waitFor("Run reset to t = 0.")
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	final := ansi.Strip(tm.FinalModel(t).View().Content)
	for _, want := range []string{"x₁     41 Hz", "⏸ paused", "t = 0 ms"} {
		if !strings.Contains(final, want) {
			t.Errorf("final view lacks %q:\n%s", want, final)
		}
	}
	if store.Last() != "linear" {
		t.Errorf("last lesson %q, want linear", store.Last())
	}
}
