package reader

import (
	"regexp"
	"testing"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim/models"
)

// trailingRE is what TrimLineEnds does, as a regular expression.
var trailingRE = regexp.MustCompile(`(?m)(\x1b\[[0-9;]*m| )+$`)

func TestTrimLineEndsAsTheRegexp(t *testing.T) {
	for _, s := range []string{"", "\n", " ", "a", "a ", " a", "a \x1b[0m", "a\x1b[1;38;2;1;2;3m  \n b \n", "x\x1b[m\x1b[0m \x1b[K",
		"m \x1b[m", "[0m", "\x1b[", "\x1b[m", "a\x1b[12m\n\n  \x1b[0m", "é \x1b[0m\nü"} {
		if got, want := TrimLineEnds(s), trailingRE.ReplaceAllString(s, "\x1b[m"); got != want {
			t.Errorf("TrimLineEnds(%q) = %q, want %q", s, got, want)
		}
	}
	cat, err := lessons.Default(models.Registry())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range cat.All()[:4] {
		s, err := Render(cat.Markdown(l), 100, true)
		if err != nil {
			t.Fatal(err)
		}
		if TrimLineEnds(s) != trailingRE.ReplaceAllString(s, "\x1b[m") {
			t.Errorf("%s: TrimLineEnds differs from the regexp on the rendered lesson", l.ID)
		}
	}
}

func BenchmarkTrimLineEnds(b *testing.B) {
	cat, _ := lessons.Default(models.Registry())
	l, _ := cat.Lesson("wta")
	s, _ := Render(cat.Markdown(l), 100, true)
	for b.Loop() {
		TrimLineEnds(s)
	}
}
