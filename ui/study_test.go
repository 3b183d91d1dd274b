package ui_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/ui"
)

func typeText(t *testing.T, m tea.Model, s string) tea.Model {
	t.Helper()
	for _, r := range s {
		m = send(t, m, key(string(r)))
	}
	return m
}

func TestSearchInLesson(t *testing.T) {
	m, _ := newModel(t, ui.WithLesson("linear"))
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}, key("/"))
	m = typeText(t, m, "FIXTURE")
	s := screen(m)
	if !strings.Contains(s, "/FIXTURE▏   1 of 4") {
		t.Fatalf("typing a search does not count the matches as it goes:\n%s", s[len(s)-300:])
	}
	m = typeText(t, m, "q?") // letters, not quit and help
	if s := screen(m); !strings.Contains(s, "/FIXTUREq?▏   no match") {
		t.Fatalf("q and ? were not typed:\n%s", s)
	}
	m = send(t, m, tea.KeyPressMsg{Code: tea.KeyBackspace}, tea.KeyPressMsg{Code: tea.KeyBackspace}, key("enter"))
	if s := screen(m); !strings.Contains(s, "/FIXTURE 1/4") {
		t.Fatalf("the kept search is not in the text title:\n%s", s)
	}
	m = send(t, m, key("n"), key("n"))
	if s := screen(m); !strings.Contains(s, "/FIXTURE 3/4") || !strings.Contains(s, "Linear") {
		t.Errorf("n does not move to the next match, or left the lesson:\n%s", s)
	}
	m = send(t, m, key("N"))
	if s := screen(m); !strings.Contains(s, "/FIXTURE 2/4") {
		t.Errorf("N does not move back:\n%s", s)
	}
	m = send(t, m, key("esc"))
	if s := screen(m); strings.Contains(s, "/FIXTURE") || !strings.Contains(s, "Search cleared") {
		t.Errorf("esc does not clear the search first:\n%s", s)
	}
	m = send(t, m, key("n"))
	if s := screen(m); !strings.Contains(s, "Winner-take-all") {
		t.Errorf("without a search, n is the next lesson again:\n%s", s)
	}
}

func TestSearchAcrossLessons(t *testing.T) {
	m, _ := newModel(t)
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}, key("/"))
	m = typeText(t, m, "ARGMAX")
	s := screen(m)
	if !strings.Contains(s, "Search every lesson: 1 match") || !strings.Contains(s, "Winner-take-all › Deep-learning lens") {
		t.Fatalf("results do not name the lesson and heading:\n%s", s)
	}
	goldenView(t, "search-120x40", s)
	m = send(t, m, key("enter"))
	s = screen(m)
	if !strings.Contains(s, "Deep-learning lens") || !strings.Contains(s, "/ARGMAX 1/1") {
		t.Errorf("enter does not open the lesson at the match:\n%s", s)
	}
	m = send(t, m, key("esc"), key("esc"), key("/"))
	m = typeText(t, m, "zebra")
	if s := screen(m); !strings.Contains(s, `No lesson mentions "zebra"`) {
		t.Errorf("no result is not said:\n%s", s)
	}
}

func TestOutline(t *testing.T) {
	m, _ := newModel(t, ui.WithLesson("linear"))
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}, key("t"))
	s := screen(m)
	if !strings.Contains(s, "Table of contents: Linear") || !strings.Contains(s, "    Try it") {
		t.Fatalf("t does not list the headings:\n%s", s)
	}
	goldenView(t, "outline-120x40", s)
	m = send(t, m, key("down"), key("enter"))
	if s := screen(m); !strings.Contains(s, "§ Deep-learning lens") {
		t.Errorf("enter does not jump to the heading and show the section:\n%s", s)
	}
}

func TestSweepInLab(t *testing.T) {
	m, _ := newModel(t, ui.WithLesson("wta"))
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}, key("tab"))
	for range 8 { // select β
		m = send(t, m, key("down"))
	}
	m = send(t, m, key("w"))
	s := screen(m)
	if !strings.Contains(s, "Sweep: winner against β") || !strings.Contains(s, "this run, β = 1.00: winner = 2") {
		t.Fatalf("the sweep did not finish with the run marked:\n%s", s)
	}
	m = send(t, m, key("right"))
	if s := screen(m); !strings.Contains(s, "Sweep: active units against β") {
		t.Errorf("→ does not change the metric:\n%s", s)
	}
	goldenView(t, "sweep-120x40", screen(m))
	goldenView(t, "sweep-80x24", screen(send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})))
	dir := t.TempDir()
	t.Chdir(dir) // after the goldens, which are read from testdata/
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}, key("e"))
	files, _ := filepath.Glob(filepath.Join(dir, "neurotutor-wta-sweep-beta-seed1.*"))
	if s := screen(m); len(files) != 2 || !strings.Contains(s, "Saved the sweep") {
		t.Errorf("e in the sweep wrote %v:\n%s", files, s)
	} else if lines := strings.Split(s, "\n"); !strings.Contains(lines[len(lines)-1], "esc closes") {
		t.Errorf("with the sweep open the key line is not the overlay's: %q", lines[len(lines)-1])
	} else if b, _ := os.ReadFile(files[0]); !strings.HasPrefix(string(b), "beta,winner,active,") {
		t.Errorf("the sweep CSV does not read like sim sweep's: %.60q", b)
	}
	m = send(t, m, key("esc"))
	if s := screen(m); strings.Contains(s, "Sweep:") || !strings.Contains(s, "Lab ◂ keys") {
		t.Errorf("esc does not close the sweep:\n%s", s)
	}
}

func TestShareAndExport(t *testing.T) {
	dir := t.TempDir()
	m, _ := newModel(t, ui.WithLesson("wta"))
	t.Chdir(dir)
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}, key("tab"), key("down"), key("right"), key("."), key("y"))
	s := screen(m)
	for _, want := range []string{"neurotutor wta --set I1=10.1 --seed 1", "neurotutor sim run wta --set I1=10.1 --seed 1 --duration"} {
		if !strings.Contains(s, want) {
			t.Errorf("share lacks %q:\n%s", want, s)
		}
	}
	m = send(t, m, key("esc"), key("e"))
	s = screen(m)
	files, _ := filepath.Glob(filepath.Join(dir, "neurotutor-wta-seed1-t*ms.*"))
	if len(files) != 2 || !strings.Contains(s, "Saved the last") || !strings.Contains(s, dir) {
		t.Fatalf("export wrote %v; screen:\n%s", files, s)
	}
	b, _ := os.ReadFile(files[0])
	if !strings.HasPrefix(string(b), "t_ms,r1,") {
		t.Errorf("the CSV does not start like sim run's: %.40q", b)
	}
	m = send(t, m, key("e"))
	if again, _ := filepath.Glob(filepath.Join(dir, "neurotutor-wta-*")); len(again) != 4 {
		t.Errorf("a second export overwrote the first: %v", again)
	}
}

func TestLabStateFromCommandLine(t *testing.T) {
	seed := uint64(7)
	m, _ := newModel(t, ui.WithLabState("wta", lessons.Settings{{Key: "beta", Raw: "2.5", Value: 2.5}}, &seed), ui.WithLesson("wta"))
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}, key("y"))
	s := screen(m)
	if !strings.Contains(s, "neurotutor wta --set beta=2.5 --seed 7") {
		t.Errorf("the lab did not open in the state asked for:\n%s", s)
	}
}

func TestFixedThemeIgnoresTheTerminal(t *testing.T) {
	m, _ := newModel(t, ui.WithTheme(false), ui.WithLesson("wta"))
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	light := m.View().Content
	m = send(t, m, tea.BackgroundColorMsg{})
	if m.View().Content != light {
		t.Error("a background report changed a theme fixed by --theme")
	}
}

func TestGlossaryOverlay(t *testing.T) {
	m, _ := newModel(t, ui.WithLesson("wta"))
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}, key("d"))
	s := screen(m)
	if !strings.Contains(s, "Glossary") || !strings.Contains(s, "perceptron  · in linear") || !strings.Contains(s, "winner-take-all  · in wta") {
		t.Fatalf("d does not list the glossary:\n%s", s)
	}
	m = typeText(t, m, "hard max") // a counterpart finds its term
	s = screen(m)
	if strings.Contains(s, "perceptron") || !strings.Contains(s, "Deep learning: A hard max.") {
		t.Fatalf("filtering by the counterpart:\n%s", s)
	}
	goldenView(t, "glossary-120x40", s)
	m = send(t, m, tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	m = typeText(t, m, "perc")
	m = send(t, m, key("enter"))
	if s := screen(m); !strings.Contains(s, "Linear") || !strings.Contains(s, "/perceptron 1/1") {
		t.Errorf("enter does not open the lesson at the term:\n%s", s)
	}
}

// TestHelpPagesOnASmallTerminal: at 80×24 the keys do not fit one screen,
// so help turns pages rather than cutting the last groups off.
func TestHelpPagesOnASmallTerminal(t *testing.T) {
	m, _ := newModel(t, ui.WithLesson("wta"))
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24}, key("?"))
	s := screen(m)
	if !strings.Contains(s, "page 1 of 2") || !strings.Contains(s, "Find") || !strings.Contains(s, "╰") {
		t.Fatalf("help at 80×24:\n%s", s)
	}
	m = send(t, m, key("right"), key("right"))
	s = screen(m)
	if !strings.Contains(s, "page 2 of 2") || !strings.Contains(s, "Lab run") || !strings.Contains(s, "next plots") || !strings.Contains(s, "╰") {
		t.Errorf("second help page:\n%s", s)
	}
	m = send(t, m, key("left"))
	if s := screen(m); !strings.Contains(s, "page 1 of 2") {
		t.Errorf("← does not go back:\n%s", s)
	}
}
