package e2e

import (
	"fmt"
	"os/exec"
	"testing"
)

// TestCtrlCStopsALongSimRun runs a ten-minute Brunel simulation (about half
// a minute of CPU) on a terminal: after a second it shows a progress bar on
// stderr, and ctrl+c stops it with exit status 130.
func TestCtrlCStopsALongSimRun(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; install it (apt-get install tmux) to run the end-to-end test")
	}
	bin := build(t)
	s := newSession(t)
	cmdline := fmt.Sprintf("%s sim run brunel --duration 600000 > /dev/null; echo EXIT=$?; sleep 60", bin)
	s.tmux("new-session", "-d", "-x", "120", "-y", "10", cmdline)
	s.waitFor("brunel: 600000 ms of simulated time", "%", "ctrl+c stops")
	s.keys("C-c")
	s.waitFor("interrupted: sim run brunel stopped at t = ", "EXIT=130")
}
