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

// stateLimit is how long each preset and Try-it state of l runs, in
// simulated ms: what a learner sees in a minute of watching the lab at its
// starting pace (Info.Speed ms a second; three times what a solution may
// take at that pace, ui/lab's solveBound), plus the longest hold of l's
// challenges (the lab hurries holds), and never more than the 120 s that
// TestChallengesSolvable allows a solution.
func stateLimit(info sim.Info, l *lessons.Lesson) float64 {
	hold := 0.0
	for _, ch := range l.Challenges {
		hold = max(hold, ch.HoldMS)
	}
	return min(120_000, 60*info.Speed+hold)
}

// TestStatesLeaveChallengesOpen: a challenge asks the learner to find
// something, so no preset and no Try-it state meets one on its own. Each
// state is applied over the lab's starting values, as the lab's preset and
// Try-it keys apply it, and run from t = 0 for stateLimit ms at the lab's
// seed and the next two (where the lab's seed key takes a learner),
// following every challenge of its lesson at once; states
// that set the same values share one run, and a state runs only for the
// challenges its parameters leave reachable. -short leaves out Brunel's
// network at full size, whose states take seconds each.
func TestStatesLeaveChallengesOpen(t *testing.T) {
	c := loadCatalog(t)
	reg := models.Registry()
	for _, l := range c.All() {
		t.Run(l.ID, func(t *testing.T) {
			t.Parallel()
			chs := make([]*lessons.Challenge, len(l.Challenges))
			for i := range l.Challenges {
				chs[i] = &l.Challenges[i]
			}
			info, err := reg.Info(l.Lab.Model)
			if err != nil {
				t.Fatal(err)
			}
			limit := stateLimit(info, l)
			for _, g := range labStates(t, reg, l) {
				t.Run(g.names[0], func(t *testing.T) {
					t.Parallel()
					if testing.Short() && g.full {
						t.Skip("-short: Brunel's full network takes seconds per simulated second")
					}
					m := newLabModel(t, reg, l, g.set)
					open := reachable(m, chs)
					if len(open) == 0 {
						return
					}
					for _, seed := range []uint64{l.Lab.Seed, l.Lab.Seed + 1, l.Lab.Seed + 2} {
						if seed != l.Lab.Seed {
							m = newLabModel(t, reg, l, g.set)
						}
						met, _ := runChecks(t, m, seed, open, limit)
						for i, at := range met {
							if at > 0 {
								t.Errorf("%s: %s meets challenge %s on its own after %.0f ms at seed %d (%s)",
									l.ID, strings.Join(g.names, " and "), open[i].ID, at, seed, strings.Join(open[i].When, ", "))
							}
						}
					}
				})
			}
		})
	}
}

// reachable leaves out of chs the challenges m cannot meet in a run: a
// condition on parameters alone (task == nonlinear, g <= 4.5) cannot
// change while nothing sets them, so a challenge with such a condition
// that fails at the start stays unmet. It saves the runs of states that
// every challenge rules out (chaos's learning states, for one).
func reachable(m sim.Model, chs []*lessons.Challenge) []*lessons.Challenge {
	params := m.Info().Params
	static := func(key string) bool {
		if key == "" {
			return true
		}
		_, isParam := sim.FindParam(params, key)
		return isParam && !slices.ContainsFunc(m.Info().Metrics, func(mt sim.Metric) bool { return mt.Key == key })
	}
	get := func(key string) float64 { v, _ := m.Get(key); return v }
	var open []*lessons.Challenge
	for _, ch := range chs {
		if !slices.ContainsFunc(ch.Conditions(), func(c lessons.Condition) bool {
			return static(c.Left) && static(c.Right) && !c.Holds(get)
		}) {
			open = append(open, ch)
		}
	}
	return open
}

// TestReachableKeepsSolutions: reachable never rules out a challenge for
// its own solution, so TestStatesLeaveChallengesOpen cannot pass by
// skipping runs it needed.
func TestReachableKeepsSolutions(t *testing.T) {
	c := loadCatalog(t)
	reg := models.Registry()
	for _, l := range c.All() {
		for i := range l.Challenges {
			ch := &l.Challenges[i]
			if len(reachable(newLabModel(t, reg, l, ch.Solution), []*lessons.Challenge{ch})) != 1 {
				t.Errorf("%s/%s: reachable rules the challenge out for its own solution %v", l.ID, ch.ID, ch.Solution)
			}
		}
	}
}

// stateRun is one distinct lab state: what it sets over the lab's starting
// values, and the presets and Try-it states that set it.
type stateRun struct {
	names []string
	set   lessons.Settings
	full  bool // Brunel's network at full size (n_e = 10 000)
}

// labStates lists the presets and Try-it states of l, one entry per
// distinct set of parameter values they leave the model with.
func labStates(t *testing.T, reg *sim.Registry, l *lessons.Lesson) []*stateRun {
	t.Helper()
	var runs []*stateRun
	byValues := map[string]*stateRun{}
	add := func(name string, set lessons.Settings) {
		m := newLabModel(t, reg, l, set)
		var key strings.Builder
		for _, p := range m.Info().Params {
			v, _ := m.Get(p.Key)
			fmt.Fprintf(&key, "%s=%v ", p.Key, v)
		}
		if r, ok := byValues[key.String()]; ok {
			r.names = append(r.names, name)
			return
		}
		ne, _ := m.Get("n_e")
		r := &stateRun{names: []string{name}, set: set, full: l.Lab.Model == "brunel" && ne >= 10_000}
		byValues[key.String()] = r
		runs = append(runs, r)
	}
	for _, p := range l.Presets {
		add(fmt.Sprintf("preset %q", p.Name), p.Params)
	}
	for _, s := range l.TryIt {
		add(fmt.Sprintf("Try it %d (%s)", s.Step, s.Name), s.Params)
	}
	return runs
}
