package lessons_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/models"
)

// TestRangesNarrowTheSlider loads a lesson that narrows one slider and
// checks the lab's parameter: its slider and what it allows are the
// lesson's, the other parameters keep the model's slider.
func TestRangesNarrowTheSlider(t *testing.T) {
	bib, err := os.ReadFile("references.yaml")
	if err != nil {
		t.Fatal(err)
	}
	bad, err := os.ReadFile("testdata/bad/range-excludes-start.md")
	if err != nil {
		t.Fatal(err)
	}
	good := strings.Replace(string(bad), "params: {x1: 50}", "params: {x1: 20}", 1)
	fsys := fstest.MapFS{"references.yaml": {Data: bib}, "content/01-neuron/01-fixture.md": {Data: []byte(good)}}
	c, err := lessons.Load(fsys, models.Registry())
	if err != nil {
		t.Fatal(err)
	}
	l, _ := c.Lesson("fixture")
	info, _ := models.Registry().Info("linear")
	x1, _ := sim.FindParam(info.Params, "x1")
	s := l.Slider(x1)
	if s.Min != 0 || s.Max != 40 || !strings.Contains(s.Allowed(), "from 0 to 40 Hz") || s.Check(41) {
		t.Errorf("x1's slider is %g…%g (%s), want 0…40", s.Min, s.Max, s.Allowed())
	}
	x2, _ := sim.FindParam(info.Params, "x2")
	if s := l.Slider(x2); s.Min != x2.Min || s.Max != x2.Max {
		t.Errorf("x2's slider is %g…%g, want the model's %g…%g", s.Min, s.Max, x2.Min, x2.Max)
	}
}
