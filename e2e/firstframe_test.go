package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// The start-up benchmarks time the real binary as a user meets it: started
// in a 120×40 pseudo-terminal that answers terminal queries as xterm does
// (ptyterm_test.go), from exec to the first complete frame. When
// NEUROTUTOR_PEER_GLOW names a glow binary (v2), glow runs the same lesson
// text in the same loop, alternating with neurotutor, so both see the same
// machine load. Each reports the median, fastest and slowest run in ms:
//
//	go test ./e2e/ -run '^$' -bench Start -benchtime 20x
//	NEUROTUTOR_PEER_GLOW=/tmp/glow go test ./e2e/ -run '^$' -bench Start -benchtime 20x
//
// NEUROTUTOR_BIN times another neurotutor binary instead of this tree's.

// wtaFrame is what a complete first frame of `neurotutor wta` at 120×40
// shows: the header, the first line of the rendered text (the text is
// rendered after the first window size is known), the lab's challenge
// line, and the key line at the bottom, the last row drawn.
var wtaFrame = []string{"The network › ", "The previous chapter looked at single neurons", "Challenge 1/3", "q quit"}

// glowFrame is glow's pager (glow -t) complete on the same text: the first
// line of the text and the status bar under it.
var glowFrame = []string{"The previous chapter looked at single neurons", "? Help"}

func BenchmarkStartToFirstFrame(b *testing.B) {
	bin, glow, md, env := startBench(b)
	var nt, peer times
	empty := 0
	for b.Loop() {
		d, cpu, err := frameTime(env, wtaFrame, 10*time.Second, bin, "wta")
		if err != nil {
			b.Fatal(err)
		}
		nt.add(d, cpu)
		if glow != "" {
			// In about one run in four glow v2.1.2 shows its status
			// bar over an empty page and never draws the text: such a
			// run is counted (glow-empty-runs) and left out of glow's
			// times, which favours glow.
			if d, cpu, err := frameTime(env, glowFrame, 2*time.Second, glow, "-t", md); err == nil {
				peer.add(d, cpu)
			} else {
				empty++
			}
		}
	}
	report(b, "", nt)
	report(b, "glow-", peer)
	if glow != "" {
		b.ReportMetric(float64(empty), "glow-empty-runs")
	}
}

// BenchmarkStartShow times `neurotutor show wta --width 100` against
// `glow -w 100` on the same text (show --plain's output), each writing to
// the terminal, from exec to exit.
func BenchmarkStartShow(b *testing.B) {
	bin, glow, md, env := startBench(b)
	var nt, peer times
	for b.Loop() {
		nt.add(exitTime(b, env, bin, "show", "wta", "--width", "100"))
		if glow != "" {
			peer.add(exitTime(b, env, glow, "-w", "100", md))
		}
	}
	report(b, "", nt)
	report(b, "glow-", peer)
}

// BenchmarkStartVersion times `--version`: process start and the command
// line, the floor under the two above.
func BenchmarkStartVersion(b *testing.B) {
	bin, glow, _, env := startBench(b)
	var nt, peer times
	for b.Loop() {
		nt.add(exitTime(b, env, bin, "--version"))
		if glow != "" {
			peer.add(exitTime(b, env, glow, "--version"))
		}
	}
	report(b, "", nt)
	report(b, "glow-", peer)
}

// startBench builds neurotutor, writes the wta lesson as show --plain
// prints it (glow's input), and makes a clean environment: a fresh home
// and state directory, a 256-colour xterm with true colour.
func startBench(b *testing.B) (bin, glow, md string, env []string) {
	bin = os.Getenv("NEUROTUTOR_BIN") // another build to time, for a before and after
	if bin == "" {
		bin = build(b)
	}
	dir := b.TempDir()
	md = filepath.Join(dir, "wta.md")
	out, err := exec.Command(bin, "show", "wta", "--plain").Output()
	if err != nil {
		b.Fatalf("show wta --plain: %v", err)
	}
	if err := os.WriteFile(md, out, 0o644); err != nil {
		b.Fatal(err)
	}
	env = []string{"HOME=" + dir, "XDG_STATE_HOME=" + dir, "XDG_CONFIG_HOME=" + dir,
		"TERM=xterm-256color", "COLORTERM=truecolor", "LANG=C.UTF-8", "PATH=" + os.Getenv("PATH")}
	if glow = os.Getenv("NEUROTUTOR_PEER_GLOW"); glow != "" {
		if _, err := os.Stat(glow); err != nil {
			b.Fatalf("NEUROTUTOR_PEER_GLOW: %v", err)
		}
	}
	return bin, glow, md, env
}

// frameTime starts argv at 120×40 and returns the time until frame is
// drawn, then ends the program.
// The CPU time is the program's until it is ended, a little after.
func frameTime(env, frame []string, limit time.Duration, argv ...string) (wall, cpu time.Duration, err error) {
	t, err := startPTY(120, 40, env, argv...)
	if err != nil {
		return 0, 0, err
	}
	wall, err = t.waitDrawn(limit, frame...)
	t.close()
	if err != nil {
		return 0, 0, fmt.Errorf("%v: %w", argv, err)
	}
	return wall, t.cpu, nil
}

// exitTime runs argv at 120×40 and returns the time until it has ended
// and its output has been read.
func exitTime(b *testing.B, env []string, argv ...string) (wall, cpu time.Duration) {
	b.Helper()
	t, err := startPTY(120, 40, env, argv...)
	if err != nil {
		b.Fatal(err)
	}
	defer t.close()
	wall, err = t.waitExit(10 * time.Second)
	if err != nil {
		b.Fatalf("%v: %v", argv, err)
	}
	return wall, t.cpu
}

// times are the wall-clock and CPU times of the runs of one program.
type times struct{ wall, cpu []time.Duration }

func (t *times) add(wall, cpu time.Duration) {
	t.wall = append(t.wall, wall)
	t.cpu = append(t.cpu, cpu)
}

// report gives the median, fastest and slowest wall-clock time in ms, and
// the median CPU time, which depends less on what else the machine runs.
func report(b *testing.B, prefix string, t times) {
	if len(t.wall) == 0 {
		return
	}
	b.ReportMetric(ms(median(t.wall)), prefix+"median-ms")
	b.ReportMetric(ms(slices.Min(t.wall)), prefix+"min-ms")
	b.ReportMetric(ms(slices.Max(t.wall)), prefix+"max-ms")
	b.ReportMetric(ms(median(t.cpu)), prefix+"cpu-ms")
}

func median(ds []time.Duration) time.Duration {
	s := slices.Sorted(slices.Values(ds))
	n := len(s)
	return (s[(n-1)/2] + s[n/2]) / 2
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }
