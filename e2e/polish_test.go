package e2e

import (
	"os/exec"
	"strings"
	"testing"
)

// lastLine is the screen's last non-empty line: the footer's keys.
func lastLine(scr string) string {
	lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.TrimSpace(lines[i]) != "" {
			return lines[i]
		}
	}
	return ""
}

// TestFooterAt80x24: on the smallest terminal the footer always ends with
// "? help • q quit", in the text and in the lab, on the lessons whose labs
// have the most keys to show.
func TestFooterAt80x24(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; install it (apt-get install tmux) to run the end-to-end test")
	}
	bin := build(t)
	for _, lesson := range []string{"microcircuits", "generative", "spiking", "priors", "conclusion"} {
		s := start(t, bin, t.TempDir(), 80, 24, "--paused", lesson)
		for _, pane := range []string{"[Text]│ Lab", " Text │[Lab]"} {
			scr := s.waitFor(pane)
			if foot := lastLine(scr); !strings.HasSuffix(strings.TrimSpace(foot), "? help • q quit") {
				t.Errorf("%s, %s: the footer does not end with ? help • q quit: %q", lesson, pane, foot)
			}
			s.keys("Tab")
		}
		s.keys("q")
	}
}

// TestPlotPagerLabel: v pages through the plots without wrapping round,
// so the label names exactly the plots on screen: the conclusion's five
// plots at 80×24 go 1/5, 2/5 … 5/5 and back to 1/5, never "5–6/5".
func TestPlotPagerLabel(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; install it (apt-get install tmux) to run the end-to-end test")
	}
	bin := build(t)
	s := start(t, bin, t.TempDir(), 80, 24, "--paused", "conclusion")
	s.waitFor("[Text]│ Lab")
	s.keys("Tab")
	s.waitFor("[v: plot 1/5] Stages done")
	for _, want := range []string{"[v: plot 2/5] LIF", "[v: plot 3/5] WTA", "[v: plot 4/5] Hopfield", "[v: plot 5/5] Predictive", "[v: plot 1/5] Stages"} {
		s.keys("v")
		scr := s.waitFor(want)
		for _, line := range strings.Split(scr, "\n") {
			if i := strings.Index(line, "[v: plot "); i >= 0 {
				label := line[i:]
				if strings.Contains(label, "–6/") || strings.Contains(label, "6/5") {
					t.Errorf("the pager names a plot that does not exist: %q", label)
				}
			}
		}
	}
	s.keys("q")
}
