package export_test

import (
	"strings"
	"testing"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/export"
	"github.com/neurotutor/neurotutor/sim/models"
)

// TestSetFlagsReproduce: for every lesson's starting values and every
// preset, the --set flags written against the model's defaults, applied in
// order to a fresh model, give back every parameter.
func TestSetFlagsReproduce(t *testing.T) {
	reg := models.Registry()
	cat, err := lessons.Default(reg)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range cat.All() {
		states := []lessons.Settings{l.Lab.Params}
		for _, p := range l.Presets {
			states = append(states, append(append(lessons.Settings{}, l.Lab.Params...), p.Params...))
		}
		for si, st := range states {
			m, _ := reg.New(l.Lab.Model)
			for _, s := range st {
				if err := m.Set(s.Key, s.Value); err != nil {
					t.Fatal(err)
				}
			}
			info := m.Info()
			values := make([]float64, len(info.Params))
			for i, p := range info.Params {
				values[i], _ = m.Get(p.Key)
			}
			def := func(k string) float64 { p, _ := sim.FindParam(info.Params, k); return p.Default }
			flags := export.SetFlags(info.Params, values, def)
			fresh, _ := reg.New(l.Lab.Model)
			for _, f := range flags {
				kv := strings.TrimPrefix(f, "--set ")
				k, v, _ := strings.Cut(kv, "=")
				p, _ := sim.FindParam(info.Params, k)
				x, err := p.Parse(v)
				if err != nil {
					t.Fatalf("%s state %d: %s does not parse: %v", l.ID, si, f, err)
				}
				if err := fresh.Set(k, x); err != nil {
					t.Fatalf("%s state %d: %s refused: %v", l.ID, si, f, err)
				}
			}
			for i, p := range info.Params {
				if got, _ := fresh.Get(p.Key); got != values[i] {
					t.Errorf("%s state %d: %s = %v after %v, want %v", l.ID, si, p.Key, got, flags, values[i])
				}
			}
		}
	}
}
