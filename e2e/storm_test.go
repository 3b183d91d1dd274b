package e2e

import (
	"fmt"
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// quitWithin bounds how long q may take after the storm.
const quitWithin = time.Second

// stormKeys are keys a learner presses in a lesson, sent at random. They
// leave out those that quit, leave the lesson or start typing (search), so
// the storm stays on the lab under test, and ? (help), which marks the end
// of the storm: help opening after the storm shows the program has read
// every key before it.
var stormKeys = []string{"Left", "Right", "Up", "Down", "h", "j", "k", "l", "H", "L", "0", "Space", ".", "r", "s",
	"c", "+", "-", "o", "i", "v", "g", "G", "PageUp", "PageDown", "Tab", "x", "BTab"}

// TestKeyAndResizeStorm sends 2000 random keys and a resize storm from 1×1
// to 300×100 to each of the heaviest labs running at max pace, then
// checks the program is alive, its last frame fits the terminal, and q
// ends it promptly.
func TestKeyAndResizeStorm(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; install it (apt-get install tmux) to run the end-to-end test")
	}
	bin := build(t)
	for li, lesson := range []string{"spiking", "forgetting", "generative"} {
		t.Run(lesson, func(t *testing.T) {
			s := start(t, bin, t.TempDir(), 120, 40, lesson)
			s.waitFor("Lab", "▶ running")
			s.keys("Tab")
			for range 16 { // up the paces to max
				s.keys("+")
			}
			s.waitFor("max")
			rng := rand.New(rand.NewPCG(12, uint64(li)))
			const total, batch = 2000, 20
			sizes := 0
			for sent := 0; sent < total; sent += batch {
				ks := make([]string, batch)
				for i := range ks {
					ks[i] = stormKeys[rng.IntN(len(stormKeys))]
				}
				s.keys(ks...)
				time.Sleep(20 * time.Millisecond) // a fast typist's pace, not a pasted backlog
				// A resize every other batch, growing from 1×1 to 300×100.
				if (sent/batch)%2 == 0 {
					f := float64(sizes) / float64(total/batch/2-1)
					w, h := 1+int(f*299), 1+int(f*99)
					// tmux may refuse the smallest sizes; that is tmux's business.
					exec.Command("tmux", "-S", s.socket, "resize-window", "-t", "0", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h)).Run()
					sizes++
				}
			}
			if s.exited() {
				t.Fatalf("the program ended during the storm")
			}
			// Open help and wait for it: no storm key opens help, so the
			// program has read every key of the storm. Then close it and
			// wait until it is gone (in help, q only closes it).
			last := time.Now()
			s.keys("?")
			s.waitForWithin(60*time.Second, "? or esc closes")
			t.Logf("read the last storm key %v after it was sent", time.Since(last).Round(time.Millisecond))
			s.keys("?")
			s.waitGone("? or esc closes")
			frameFits(t, s, 300, 100)
			sent := time.Now()
			s.keys("q")
			for !s.exited() {
				if time.Since(sent) > quitWithin {
					t.Fatalf("q did not quit within %v after the storm:\n%s", quitWithin, s.screen())
				}
				time.Sleep(10 * time.Millisecond)
			}
			t.Logf("q quit after %v", time.Since(sent).Round(time.Millisecond))
		})
	}
}

// frameFits waits for the terminal to be w×h and checks the frame fills it
// exactly: the header on the first row and the key line on the last, which
// an overlong or extra line would push out of place.
func frameFits(t *testing.T, s *session, w, h int) {
	t.Helper()
	// The program catches up with the keys and resizes first.
	deadline := time.Now().Add(60 * time.Second)
	for {
		scr := strings.TrimSuffix(s.screen(), "\n")
		lines := strings.Split(scr, "\n")
		ok := len(lines) == h && strings.HasPrefix(lines[0], " neurotutor") && strings.Contains(lines[h-1], "quit")
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("last frame does not fit %d×%d (%d lines):\n%s", w, h, len(lines), scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitGone polls the screen until it no longer contains what, or fails
// after ten seconds.
func (s *session) waitGone(what string) {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for strings.Contains(s.screen(), what) {
		if time.Now().After(deadline) {
			s.t.Fatalf("screen still shows %q:\n%s", what, s.screen())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
