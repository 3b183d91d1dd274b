package reader

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/search"
	"github.com/neurotutor/neurotutor/ui/theme"
)

const md = "# Title\n\nIntro about τ.\n\n## First\n\n" + "Filler line.\n\n" + "The Τ constant τ_m sets the pace.\n\n## Second\n\nMore τ here, and Σ w.\n"

func rendered(t *testing.T, h int) Model {
	t.Helper()
	s, err := Render(md, 60, true)
	if err != nil {
		t.Fatal(err)
	}
	m := New("x", theme.Of(true))
	m.SetSize(60, h)
	m.SetHeadings(search.Headings(md))
	m.SetContent("k", s)
	return m
}

func TestSearchInLesson(t *testing.T) {
	m := rendered(t, 40)
	if n := m.SetQuery("τ"); n != 4 {
		t.Fatalf("%d matches of τ, want 4 (τ, Τ, τ_m, τ)", n)
	}
	if cur, total := m.Matches(); cur != 1 || total != 4 {
		t.Errorf("match %d of %d, want 1 of 4", cur, total)
	}
	m.NextMatch(-1)
	if cur, _ := m.Matches(); cur != 4 {
		t.Errorf("previous from the first wraps to %d, want 4", cur)
	}
	view := m.View()
	if ansi.Strip(view) == view || !strings.Contains(view, m.theme.MatchCurrent.Render("τ")) {
		t.Error("the current match is not drawn in its style")
	}
	if got := strings.Count(view, m.theme.Match.Render("τ")) + strings.Count(view, m.theme.Match.Render("Τ")); got != 3 {
		t.Errorf("%d other matches drawn, want 3", got)
	}
	// The text reads the same with highlights as without.
	m2 := rendered(t, 40)
	if ansi.Strip(view) != ansi.Strip(m2.View()) {
		t.Errorf("highlighting changed the text:\n%s\nvs\n%s", ansi.Strip(view), ansi.Strip(m2.View()))
	}
	m.ClearQuery()
	if _, total := m.Matches(); total != 0 || m.Query() != "" {
		t.Error("ClearQuery left matches")
	}
	if m.SetQuery("nothing like it") != 0 {
		t.Error("a missing word matched")
	}
}

func TestHeadingsAndSections(t *testing.T) {
	m := rendered(t, 4)
	hs := m.Headings()
	if len(hs) != 3 || hs[1].Title != "First" || hs[2].Title != "Second" {
		t.Fatalf("headings %+v", hs)
	}
	for _, h := range hs {
		if h.Line < 0 || !strings.Contains(m.plain[h.Line], h.Title) {
			t.Errorf("heading %q not located (line %d)", h.Title, h.Line)
		}
	}
	if m.Section() != 0 {
		t.Errorf("at the top the section is %d, want 0 (the title)", m.Section())
	}
	m.GotoHeading(2)
	if m.Section() != 2 || !strings.Contains(ansi.Strip(m.View()), "Second") {
		t.Errorf("after jumping to Second: section %d, view %q", m.Section(), ansi.Strip(m.View()))
	}
	m.SetQuery("τ")
	m.GotoLine(0)
	m.JumpToMatch(2, 0)
	if cur, _ := m.Matches(); cur != 4 {
		t.Errorf("jump to the first match under Second: match %d, want 4", cur)
	}
}

// TestSearchOverLineBreak finds a phrase the rendering wrapped over two
// lines, and marks both parts.
func TestSearchOverLineBreak(t *testing.T) {
	text, err := Render("# T\n\nA long paragraph about the refractory period of a neuron that must wrap over several lines here.\n", 30, true)
	if err != nil {
		t.Fatal(err)
	}
	m := New("x", theme.Of(true))
	m.SetSize(30, 20)
	m.SetContent("k", text)
	for i := 0; i+1 < len(m.plain); i++ {
		a, b := strings.Fields(m.plain[i]), strings.Fields(m.plain[i+1])
		if len(a) == 0 || len(b) == 0 {
			continue
		}
		q := a[len(a)-1] + " " + b[0]
		if m.SetQuery(q) == 0 {
			t.Fatalf("%q, wrapped over lines %d and %d, is not found", q, i, i+1)
		}
		lines := map[int]bool{}
		for _, mt := range m.matches {
			lines[mt.line] = true
		}
		if !lines[i] || !lines[i+1] {
			t.Errorf("%q is not marked on both lines %d and %d: %+v", q, i, i+1, m.matches)
		}
		return
	}
	t.Fatal("the fixture has no wrapped text")
}
