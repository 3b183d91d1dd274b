package lessons_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/models"
)

// TestTryItValuesReachable: every value a lesson names for its lab — its
// starting values, presets, Try-it states and challenge solutions — is a
// value the lab's slider stops at (sim.Param.Grid), so a learner can dial
// it with ← → H L from anywhere; and every parameter a Try-it state or a
// solution sets is one of the lab's controls. Every lesson has Try-it
// states, one at least for each step that names values.
func TestTryItValuesReachable(t *testing.T) {
	c := loadCatalog(t)
	reg := models.Registry()
	for _, l := range c.All() {
		info, err := reg.Info(l.Lab.Model)
		if err != nil {
			t.Fatal(err)
		}
		if len(l.TryIt) == 0 {
			t.Errorf("%s: no Try-it states (tryit in the front matter)", l.ID)
		}
		controls := l.Lab.Controls
		if len(controls) == 0 {
			for _, p := range info.Params {
				controls = append(controls, p.Key)
			}
		}
		check := func(where string, s lessons.Settings, mustControl bool) {
			for _, x := range s {
				p, _ := sim.FindParam(info.Params, x.Key)
				if !p.OnGrid(x.Value) {
					t.Errorf("%s %s: %s = %s is not on the slider's grid (%s)", l.ID, where, x.Key, x.Raw, gridSummary(p))
				}
				if mustControl && !slices.Contains(controls, x.Key) {
					t.Errorf("%s %s: %s is not one of the lab's controls %v", l.ID, where, x.Key, controls)
				}
			}
		}
		check("lab.params", l.Lab.Params, false)
		for _, ps := range l.Presets {
			check("preset "+ps.Name, ps.Params, false)
		}
		for _, st := range l.TryIt {
			check(fmt.Sprintf("Try it %d (%s)", st.Step, st.Name), st.Params, true)
		}
		for _, ch := range l.Challenges {
			check("solution of "+ch.ID, ch.Solution, true)
		}
	}
}

// gridSummary describes a parameter's grid for a failure message.
func gridSummary(p sim.Param) string {
	g := p.Grid()
	if len(g) > 8 {
		return fmt.Sprintf("%g, %g, %g … %g, %d values", g[0], g[1], g[2], g[len(g)-1], len(g))
	}
	var s []string
	for _, v := range g {
		s = append(s, sim.FormatValue(v))
	}
	return strings.Join(s, ", ")
}

// TestTryItSteps: the numbered steps of a Try it section, continuation
// lines joined, and nothing from the next section.
func TestTryItSteps(t *testing.T) {
	body := "Intro.\n\n## Try it\n\nT lists them.\n\n1. Set x = 1.\n   Then look.\n2. Set y = −2.\n\n## Challenges\n\n3. not a step\n"
	got := lessons.TryItSteps(body)
	want := []string{"Set x = 1. Then look.", "Set y = −2."}
	if !slices.Equal(got, want) {
		t.Errorf("TryItSteps = %q, want %q", got, want)
	}
}
