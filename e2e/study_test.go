package e2e

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// TestFindSweepExport searches across lessons and in one, opens the table
// of contents, sweeps a parameter, exports the run and opens a shared lab
// state, with the real binary in tmux.
func TestFindSweepExport(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; install it (apt-get install tmux) to run the end-to-end test")
	}
	bin := build(t)
	state, work := t.TempDir(), t.TempDir()
	s := startIn(t, bin, state, work, 120, 40, "--paused", "--theme", "light")
	s.waitFor("Contents")
	s.keys("/")
	s.keys("-l", "rheobase")
	s.waitFor("Search every lesson:", "Leaky integrate-and-fire", "rheobase")
	s.keys("Enter")
	s.waitFor("/rheobase 1/")
	s.keys("n")
	s.waitFor("/rheobase 2/")
	s.keys("Escape")
	s.waitFor("Search cleared")
	s.keys("t")
	s.waitFor("Table of contents:", "Try it")
	s.keys("Escape")
	s.waitFor("◂ keys") // before the next key, which would read as alt+key
	s.keys("d")
	s.waitFor("Glossary")
	s.keys("-l", "fano")
	s.waitFor("Fano factor", "Deep learning:")
	s.keys("Escape")
	s.waitFor("◂ keys")
	s.keys("w") // sweep the selected parameter, I
	s.waitFor("Sweep: rate against I", "this run, I = ")
	s.keys("Escape")
	s.waitFor("◂ keys")
	s.keys("e")
	s.waitFor("Saved the last")
	if files, _ := filepath.Glob(filepath.Join(work, "neurotutor-lif-seed1-t0ms.*")); len(files) != 2 {
		t.Errorf("export wrote %v in %s", files, work)
	}
	s.keys("y")
	s.waitFor("neurotutor lif --seed 1", "neurotutor sim run lif")
	s.keys("Escape")
	s.waitFor("◂ keys")
	s.keys("q")

	s2 := startIn(t, bin, state, work, 120, 40, "--paused", "hh", "--set", "I=6.3", "--seed", "4")
	s2.waitFor("Hodgkin–Huxley", "6.3 µA/cm²")
	s2.keys("y")
	s2.waitFor("neurotutor hh --set I=6.3 --seed 4", "neurotutor sim run hh --set I=6.3 --seed 4")
	s2.keys("Escape")
	s2.waitFor("◂ keys")
	s2.keys("q")
}
