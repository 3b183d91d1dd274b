package models_test

import (
	"testing"

	"github.com/neurotutor/neurotutor/sim/models"
)

// TestSlidersOnGrid: every parameter's slider grid runs from its minimum
// to its maximum in strictly rising steps that the model accepts, holds
// the default, and steps up and back down to where it started.
func TestSlidersOnGrid(t *testing.T) {
	reg := models.Registry()
	for _, id := range reg.IDs() {
		info, err := reg.Info(id)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range info.Params {
			g := p.Grid()
			if len(g) == 0 || g[0] != p.Min || g[len(g)-1] != p.Max {
				t.Errorf("%s.%s: grid %v… does not run from %g to %g", id, p.Key, g[:min(3, len(g))], p.Min, p.Max)
				continue
			}
			if !p.OnGrid(p.Default) {
				t.Errorf("%s.%s: default %g is not on the slider's grid", id, p.Key, p.Default)
			}
			for i, v := range g {
				if i > 0 && !(v > g[i-1]) {
					t.Errorf("%s.%s: grid not rising at %g, %g", id, p.Key, g[i-1], v)
				}
				if !p.Check(v) {
					t.Errorf("%s.%s: grid value %g is refused by the parameter", id, p.Key, v)
				}
				if len(p.Choices) > 0 {
					continue
				}
				if i+1 < len(g) && p.Next(v, 1) != g[i+1] {
					t.Errorf("%s.%s: → from %g gives %g, want %g", id, p.Key, v, p.Next(v, 1), g[i+1])
				}
				if i > 0 && p.Next(v, -1) != g[i-1] {
					t.Errorf("%s.%s: ← from %g gives %g, want %g", id, p.Key, v, p.Next(v, -1), g[i-1])
				}
			}
		}
	}
}
