package runbar

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

func TestShowsAfterASecondThenClears(t *testing.T) {
	var out bytes.Buffer
	clock := time.Unix(0, 0)
	b := newBar(&out, "brunel: 600 s", func() time.Time { return clock })
	b.Update(10, 1000)
	if out.Len() != 0 {
		t.Fatalf("drawn before a second: %q", out.String())
	}
	clock = clock.Add(1500 * time.Millisecond)
	b.Update(250, 1000)
	got := ansi.Strip(out.String())
	if !strings.Contains(got, "brunel: 600 s") || !strings.Contains(got, "25%") || !strings.Contains(got, "ctrl+c stops") ||
		!strings.Contains(got, "5s left") {
		t.Fatalf("bar at 25%% after 1.5 s = %q", got)
	}
	n := out.Len()
	clock = clock.Add(10 * time.Millisecond)
	b.Update(260, 1000)
	if out.Len() != n {
		t.Error("redrawn within 100 ms")
	}
	b.Clear()
	if !strings.HasSuffix(out.String(), "\r\x1b[K") {
		t.Errorf("Clear did not erase the line: %q", out.String())
	}
}

func TestNothingOnAPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	var buf bytes.Buffer
	if b := New(w, "x"); b != nil {
		t.Error("a bar on a pipe")
	}
	if b := New(&buf, "x"); b != nil {
		t.Error("a bar on a buffer")
	}
	var b *Bar
	b.Update(1, 2) // a nil bar draws nothing and does not panic
	b.Clear()
}
