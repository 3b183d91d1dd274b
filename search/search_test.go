package search

import (
	"slices"
	"testing"
)

func TestFindUnicode(t *testing.T) {
	for _, c := range []struct {
		q, s string
		want []string
	}{
		{"τ", "τ dV/dt = −V; Τ is the capital", []string{"τ", "Τ"}},
		{"Σ", "Σ_j w_ij, σ and final ς", []string{"Σ", "σ", "ς"}},
		{"fano", "The Fano factor; FANO again", []string{"Fano", "FANO"}},
		{"k", "K k \u212a", []string{"K", "k", "\u212a"}}, // Kelvin sign
		{"fano factor", "a Fano\n  factor here", []string{"Fano\n  factor"}},
		{"aa", "aaaa", []string{"aa", "aa"}},
		{"  ", "anything", nil},
		{"é", "café CAFÉ", []string{"é", "É"}},
	} {
		var got []string
		for _, sp := range NewQuery(c.q).Find(c.s) {
			got = append(got, c.s[sp.Start:sp.End])
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Find(%q) in %q = %q, want %q", c.q, c.s, got, c.want)
		}
	}
}

const lesson = "# LIF\nIntro with a *rheobase* mention.\n\n## The model\n\n```text\nτ_m dV/dt = −(V − E_L) + R·I\n## not a heading\n```\n\nThe **rheobase** is the\nsmallest current [that fires](http://x).\n\n- a list item about rheobase\n"

func TestSections(t *testing.T) {
	s := Sections(lesson)
	if len(s) != 2 || s[0].Heading != "LIF" || s[1].Heading != "The model" || s[1].Level != 2 {
		t.Fatalf("sections %+v", s)
	}
	want := []string{"τ_m dV/dt = −(V − E_L) + R·I", "## not a heading", "The rheobase is the smallest current that fires.", "a list item about rheobase"}
	if !slices.Equal(s[1].Lines, want) {
		t.Errorf("lines %q, want %q", s[1].Lines, want)
	}
	if h := Headings(lesson); len(h) != 2 || h[1].Heading != "The model" {
		t.Errorf("headings %+v", h)
	}
}

func TestIndexSearch(t *testing.T) {
	ix := NewIndex([]Doc{{ID: "lif", Title: "LIF", Markdown: lesson}, {ID: "hh", Title: "HH", Markdown: "# HH\n\nNo such word.\n"}})
	hits := ix.Search("RHEOBASE", 0)
	if len(hits) != 3 {
		t.Fatalf("%d hits, want 3: %+v", len(hits), hits)
	}
	h := hits[2]
	if h.Lesson != "lif" || h.Heading != "The model" || h.Section != 1 || h.Ordinal != 1 {
		t.Errorf("third hit %+v", h)
	}
	if got := h.Snippet[h.Match.Start:h.Match.End]; got != "rheobase" {
		t.Errorf("snippet match %q in %q", got, h.Snippet)
	}
	if hits[0].Section != 0 || hits[0].Ordinal != 0 {
		t.Errorf("first hit %+v", hits[0])
	}
	if len(ix.Search("rheobase", 2)) != 2 || ix.Search("", 0) != nil || len(ix.Search("τ_m", 0)) != 1 {
		t.Error("limit, empty query or a code-block match wrong")
	}
}

func TestSnippetCuts(t *testing.T) {
	line := "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty target word and then a lot more words after it so that the end is cut as well for sure"
	sp := NewQuery("target").Find(line)[0]
	s, m := snippet(line, sp)
	if s[m.Start:m.End] != "target" || s[:3] != "…" || s[len(s)-3:] != "…" {
		t.Errorf("snippet %q match %q", s, s[m.Start:m.End])
	}
}
