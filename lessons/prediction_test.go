package lessons_test

import (
	"testing"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/models"
)

// TestPredictionsAnswerable runs each prediction's reveal as a teacher
// would (the lab's starting values, then its run values, from the lab's
// seed, for after_ms) and checks that the right choice holds and no other
// does: the lab answers the question the way the lesson says.
func TestPredictionsAnswerable(t *testing.T) {
	c := loadCatalog(t)
	reg := models.Registry()
	for _, l := range c.All() {
		for i := range l.Predictions {
			p := &l.Predictions[i]
			t.Run(l.ID+"/"+p.ID, func(t *testing.T) {
				t.Parallel()
				value := revealRun(t, reg, l, p)
				for j := range p.Choices {
					ch := &p.Choices[j]
					if holds := ch.Holds(value); holds != (j+1 == p.Answer) {
						t.Errorf("choice %d %q: its conditions %v hold = %v after %g ms of %v; the right answer is %d",
							j+1, ch.Text, ch.When, holds, p.AfterMS, p.Run, p.Answer)
					}
				}
			})
		}
	}
}

// TestPredictionsInKeyLessons: the lessons a class is most likely to be
// led through each have one.
func TestPredictionsInKeyLessons(t *testing.T) {
	c := loadCatalog(t)
	for _, id := range []string{"why", "lif", "hh", "wta", "hopfield", "stdp", "spiking"} {
		if l, ok := c.Lesson(id); !ok || len(l.Predictions) == 0 {
			t.Errorf("lesson %s has no prediction for a class", id)
		}
	}
}

// revealRun runs the prediction's reveal and returns its metrics and
// parameters by key.
func revealRun(t *testing.T, reg *sim.Registry, l *lessons.Lesson, p *lessons.Prediction) func(string) float64 {
	t.Helper()
	m, err := reg.New(l.Lab.Model)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range append(append(lessons.Settings{}, l.Lab.Params...), p.Run...) {
		if err := m.Set(s.Key, s.Value); err != nil {
			t.Fatalf("set %s: %v", s.Key, err)
		}
	}
	run := sim.NewRun(m, 0, 0)
	run.Reset(l.Lab.Seed)
	run.Advance(p.AfterMS)
	metrics := run.Metrics(nil)
	info := m.Info()
	return func(key string) float64 {
		for i, mt := range info.Metrics {
			if mt.Key == key {
				return metrics[i]
			}
		}
		v, _ := m.Get(key)
		return v
	}
}
