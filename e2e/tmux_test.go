package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// session is one tmux server and window running neurotutor.
type session struct {
	t      *testing.T
	socket string // the server's socket, in the test's temporary directory
}

// newSession names a tmux server of the test's own, killed at the end of
// the test; its socket goes with the test's temporary directory.
func newSession(t *testing.T) *session {
	s := &session{t: t, socket: filepath.Join(t.TempDir(), "tmux")}
	t.Cleanup(func() { exec.Command("tmux", "-S", s.socket, "kill-server").Run() })
	return s
}

func build(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "neurotutor")
	cmd := exec.Command("go", "build", "-o", bin, "../cmd/neurotutor")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func start(t *testing.T, bin, state string, w, h int, args ...string) *session {
	t.Helper()
	return startIn(t, bin, state, ".", w, h, args...)
}

// startIn starts neurotutor with dir as its working directory.
func startIn(t *testing.T, bin, state, dir string, w, h int, args ...string) *session {
	t.Helper()
	s := newSession(t)
	cmdline := fmt.Sprintf("env XDG_STATE_HOME=%s TERM=xterm-256color %s %s", state, bin, strings.Join(args, " "))
	s.tmux("new-session", "-d", "-c", dir, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), cmdline)
	return s
}

func (s *session) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (s *session) keys(keys ...string) { s.tmux(append([]string{"send-keys", "-t", "0"}, keys...)...) }

func (s *session) screen() string { return s.tmux("capture-pane", "-p", "-t", "0") }

// waitFor polls the screen until it contains every string, or fails after
// ten seconds showing the last screen.
func (s *session) waitFor(what ...string) string {
	s.t.Helper()
	return s.waitForWithin(10*time.Second, what...)
}

// waitForWithin is waitFor with its own time limit.
func (s *session) waitForWithin(limit time.Duration, what ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(limit)
	for {
		scr := s.screen()
		missing := ""
		for _, w := range what {
			if !strings.Contains(scr, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("screen never showed %q:\n%s", missing, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// exited reports whether the program in the window has ended.
func (s *session) exited() bool {
	out, err := exec.Command("tmux", "-S", s.socket, "list-panes", "-F", "#{pane_dead} #{pane_current_command}").CombinedOutput()
	return err != nil || strings.HasPrefix(string(out), "1") || !strings.Contains(string(out), "neurotutor")
}

// textPercent finds how far down the text pane is scrolled.
var textPercent = regexp.MustCompile(`(\d+)% `)

// waitForScroll waits until the text is scrolled from the top, and
// returns how far.
func (s *session) waitForScroll() string {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		scr := s.screen()
		if p := textPercent.FindStringSubmatch(scr); p != nil && p[1] != "0" {
			return p[1]
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the text stays at the top:\n%s", scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; install it (apt-get install tmux) to run the end-to-end test")
	}
	bin := build(t)
	state := t.TempDir()

	// A lesson by id, paused, at 120×40: text and lab side by side.
	s := start(t, bin, state, 120, 40, "--paused", "wta")
	s.waitFor("Winner-take-all", "Text", "Lab", "⏸ paused", "t = 0 ms")
	s.keys("Space")
	s.waitFor("▶ running")
	s.keys("Space")
	s.waitFor("⏸ paused")
	s.keys("r")
	s.waitFor("t = 0 ms", "Run reset")
	s.keys("PageDown", "PageDown")
	scrolled := s.waitForScroll()
	s.keys("Tab")
	s.waitFor("Lab ◂ keys")
	s.keys("Right") // n from 4 to 5 units: left where it is
	s.waitFor("n   5")
	s.keys("?")
	s.waitFor("Keys", "run/pause", "? or esc closes")
	s.keys("Escape")
	s.waitFor("Lab ◂ keys")
	s.keys("Escape") // back to the contents
	s.waitFor("Contents", "The neuron", "The network")
	// Too small, then back.
	s.tmux("resize-window", "-t", "0", "-x", "60", "-y", "20")
	s.waitFor("Terminal too small: 60×20")
	s.tmux("resize-window", "-t", "0", "-x", "120", "-y", "40")
	s.waitFor("Contents")
	s.keys("q")
	deadline := time.Now().Add(5 * time.Second)
	for !s.exited() {
		if time.Now().After(deadline) {
			t.Fatalf("q did not quit:\n%s", s.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
	var st struct{ Last string }
	data, err := os.ReadFile(filepath.Join(state, "neurotutor", "progress.json"))
	if err != nil || json.Unmarshal(data, &st) != nil || st.Last != "wta" {
		t.Fatalf("progress not saved with last = wta: %v %s", err, data)
	}

	// No argument resumes the last lesson, at 80×24: text and lab switch,
	// the text scrolled as it was left and the lab with n = 5.
	s2 := start(t, bin, state, 80, 24, "--paused")
	s2.waitFor("Winner-take-all", "[Text]│ Lab")
	t.Logf("text left at %s%% at 120×40, resumed at %s%% at 80×24", scrolled, s2.waitForScroll())
	s2.keys("Tab")
	s2.waitFor("⏸ paused", "Challenge", "n   5", "values from last time")
	s2.keys("q")
}

func TestCorruptProgressIsKeptAside(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; install it (apt-get install tmux) to run the end-to-end test")
	}
	bin := build(t)
	state := t.TempDir()
	dir := filepath.Join(state, "neurotutor")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "progress.json"), []byte("{garbage"), 0o644)
	s := start(t, bin, state, 120, 40, "--paused")
	s.waitFor("Contents", "progress file was unreadable, kept as", "corrupt-")
	s.keys("q")
	matches, _ := filepath.Glob(filepath.Join(dir, "progress.json.corrupt-*"))
	if len(matches) != 1 {
		t.Fatalf("corrupt file not kept aside: %v", matches)
	}
}
