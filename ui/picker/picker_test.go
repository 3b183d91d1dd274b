package picker

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/search"
	"github.com/neurotutor/neurotutor/ui/theme"
)

func TestPickerTypingAndMoving(t *testing.T) {
	m := New("Things", true, theme.Of(true))
	m.SetSize(40, 12)
	m.SetItems([]Item{{Title: "one"}, {Title: "two", Detail: "a τ here", Mark: search.Span{Start: 2, End: 4}}, {Title: "three"}}, "")
	var changed bool
	m, _, changed = m.Update(tea.KeyPressMsg{Code: 'τ', Text: "τ"})
	if !changed || m.Query() != "τ" {
		t.Fatalf("typing τ: changed %v, query %q", changed, m.Query())
	}
	m, _, changed = m.Update(tea.PasteMsg{Content: " x\x1b"})
	if !changed || m.Query() != "τ x" {
		t.Errorf("paste: query %q (control characters must be dropped)", m.Query())
	}
	m, _, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	m, _, _ = m.Update(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	if m.Query() != "" {
		t.Errorf("backspace then ctrl+u left %q", m.Query())
	}
	m, _, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	m, _, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	m, _, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	if m.Selected() != 2 {
		t.Errorf("three downs over three items select %d, want 2", m.Selected())
	}
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "▸ three") || !strings.Contains(v, "a τ here") {
		t.Errorf("view:\n%s", v)
	}
	for _, l := range strings.Split(m.View(), "\n") {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("line wider than 40: %q", ansi.Strip(l))
		}
	}
	m.SetItems(nil, "Nothing here.")
	if m.Selected() != -1 || !strings.Contains(ansi.Strip(m.View()), "Nothing here.") {
		t.Error("an empty list does not say so")
	}
}
