package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestWarningWrapsAndAKeyDismissesIt shows the corrupt-file warning at
// 120 columns: all of it is on screen, and a key clears it.
func TestWarningWrapsAndAKeyDismissesIt(t *testing.T) {
	warning := "progress file was unreadable, kept as progress.json.corrupt-20260102-030405-2 in /home/someone/.local/state/neurotutor; starting afresh (invalid character 'g' looking for beginning of object key string)"
	m := guardModel(t, WithStatus(warning, true))
	v := ansi.Strip(m.View().Content)
	flat := strings.Join(strings.Fields(v), " ")
	if !strings.Contains(flat, warning) {
		t.Errorf("warning not shown in full at 120 columns:\n%s", v)
	}
	if n := len(strings.Split(v, "\n")); n != 40 {
		t.Errorf("%d lines on a 40-line terminal", n)
	}
	m, _ = press(m, tea.KeyPressMsg{Code: 'x', Text: "x"})
	if v := ansi.Strip(m.View().Content); strings.Contains(v, "unreadable") {
		t.Errorf("a key did not dismiss the warning:\n%s", v)
	}
}
