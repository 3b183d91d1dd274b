package ui

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/progress"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/network"
	"github.com/neurotutor/neurotutor/sim/neuron"
	"github.com/neurotutor/neurotutor/ui/contents"
)

// faultyLinear is the linear neuron with a bug: changing a parameter
// panics.
type faultyLinear struct{ *neuron.Linear }

func (faultyLinear) Set(string, float64) error { panic("set exploded") }

func guardModel(t *testing.T, opts ...Option) Model {
	t.Helper()
	reg := sim.NewRegistry(
		func() sim.Model { return faultyLinear{neuron.NewLinear()} },
		func() sim.Model { return network.NewWTA() },
	)
	cat, err := lessons.Load(os.DirFS("testdata/fixture"), reg)
	if err != nil {
		t.Fatal(err)
	}
	store, _ := progress.Open(filepath.Join(t.TempDir(), progress.FileName))
	m := New(cat, reg, store, append([]Option{WithAutoRun(false), WithDark(true)}, opts...)...)
	m = settle(m, m.Init()) // the lab's first run, computed
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	return next.(Model)
}

// settle runs cmd and feeds its messages back until none are left,
// leaving out the terminal's (background colour, quit).
func settle(m Model, cmd tea.Cmd) Model {
	if cmd == nil {
		return m
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			m = settle(m, c)
		}
	default:
		if reflect.TypeOf(msg).PkgPath() == "charm.land/bubbletea/v2" {
			return m
		}
		next, c := m.Update(msg)
		m = settle(next.(Model), c)
	}
	return m
}

func press(m Model, k tea.KeyPressMsg) (Model, tea.Cmd) {
	next, cmd := m.Update(k)
	return next.(Model), cmd
}

func TestPanicInTheLabLeavesTheProgramRunning(t *testing.T) {
	m := guardModel(t, WithLesson("linear"))
	m, _ = press(m, tea.KeyPressMsg{Code: tea.KeyTab})
	m, cmd := press(m, tea.KeyPressMsg{Code: tea.KeyRight}) // Set panics
	if cmd != nil {
		t.Error("a command after the panic")
	}
	v := ansi.Strip(m.View().Content)
	if !strings.Contains(v, "Internal error in the lab (set exploded)") {
		t.Errorf("no message about the panic:\n%s", v)
	}
	m, _ = press(m, tea.KeyPressMsg{Code: tea.KeyEsc})
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "Contents") {
		t.Errorf("esc after the panic does not reach the contents:\n%s", v)
	}
}

func TestPanicInTheContentsLeavesTheProgramRunning(t *testing.T) {
	m := guardModel(t)
	m.contents = contents.Model{} // a contents without its catalog: any key panics
	m, _ = press(m, tea.KeyPressMsg{Code: 'j', Text: "j"})
	if m.status == "" || !strings.Contains(m.status, "Internal error in the contents") {
		t.Errorf("status %q, want the contents' internal error", m.status)
	}
	if v := m.View().Content; v == "" {
		t.Error("nothing drawn after the panic")
	}
}

func TestPanicInTheTextLeavesTheProgramRunning(t *testing.T) {
	m := guardModel(t, WithLesson("linear"))
	m.lesson = nil // the text pane loses its lesson: drawing and keys panic
	next, _ := m.Update(tea.KeyPressMsg{Code: 'n', Text: "n"})
	m = next.(Model)
	if !strings.Contains(m.status, "Internal error in the lesson text") {
		t.Errorf("status %q, want the text's internal error", m.status)
	}
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "could not draw this screen") && !strings.Contains(v, "Internal error") {
		t.Errorf("view after the panic:\n%s", v)
	}
}
