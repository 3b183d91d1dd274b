package lessons_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/models"
)

func loadCatalog(t *testing.T) *lessons.Catalog {
	t.Helper()
	c, err := lessons.Load(lessons.Files, models.Registry()) // checked, not the snapshot Default uses
	if err != nil {
		t.Fatalf("embedded catalog does not load:\n%v", err)
	}
	return c
}

func TestEmbeddedCatalogLoads(t *testing.T) {
	c := loadCatalog(t)
	if len(c.All()) == 0 {
		t.Fatal("catalog has no lessons")
	}
	for _, l := range c.All() {
		if c.Index(l.ID) < 0 || c.ChapterOf(l) == nil {
			t.Errorf("lesson %s is not placed in a chapter", l.ID)
		}
	}
}

// TestPrimerCitationsPresent checks the bibliography holds every key the
// primer in shared/seed cites.
func TestPrimerCitationsPresent(t *testing.T) {
	c := loadCatalog(t)
	for _, k := range []string{"hubel1962receptive", "fukushima1982neocognitron", "marr1976understanding",
		"schuman2017survey", "singh2017consensus", "herz2006modeling", "carandini2004amplification",
		"yamins2014performance"} {
		if _, ok := c.Bibliography.Lookup(k); !ok {
			t.Errorf("bibliography lacks primer key %s", k)
		}
	}
}

// TestBadLessonsRefused loads each fixture in testdata/bad next to a good
// bibliography and checks the error names the file and the field.
func TestBadLessonsRefused(t *testing.T) {
	bib, err := os.ReadFile("references.yaml")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/bad/*.md")
	if len(files) == 0 {
		t.Fatal("no fixtures in testdata/bad")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, _ := os.ReadFile(f)
			// The first line of a fixture, "<!-- want: … -->" after the
			// front matter's end, holds the expected message fragment.
			want := between(string(data), "<!-- want: ", " -->")
			fsys := fstest.MapFS{
				"references.yaml":                 {Data: bib},
				"content/01-neuron/01-fixture.md": {Data: data},
			}
			_, err := lessons.Load(fsys, models.Registry())
			if err == nil {
				t.Fatalf("loaded without error; want an error containing %q", want)
			}
			if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "01-neuron/01-fixture.md") {
				t.Errorf("error\n%v\ndoes not name the file and contain %q", err, want)
			}
		})
	}
}

func between(s, a, b string) string {
	_, rest, _ := strings.Cut(s, a)
	v, _, _ := strings.Cut(rest, b)
	return v
}

// TestChallengesSolvable applies each challenge's solution over the lab's
// starting values and runs the model until the challenge is met, and checks
// that the starting values alone do not meet it in the same time. The
// solution must work at the lab's seed and at the next two, where the
// lab's seed key takes a learner who wants another draw.
func TestChallengesSolvable(t *testing.T) {
	c := loadCatalog(t)
	reg := models.Registry()
	for _, l := range c.All() {
		if len(l.Challenges) == 0 {
			t.Errorf("%s: a lesson needs at least one challenge", l.ID)
		}
		for i := range l.Challenges {
			ch := &l.Challenges[i]
			t.Run(l.ID+"/"+ch.ID, func(t *testing.T) {
				t.Parallel()
				solved, at := runChallenge(t, reg, l, ch, true, 0)
				if !solved {
					t.Fatalf("solution %v does not meet %v within %g ms", ch.Solution, ch.When, at)
				}
				for _, seed := range []uint64{l.Lab.Seed + 1, l.Lab.Seed + 2} {
					met, end := runChecks(t, newLabModel(t, reg, l, ch.Solution), seed, []*lessons.Challenge{ch}, 0)
					if met[0] == 0 {
						t.Errorf("solution %v does not meet %v within %g ms at seed %d (the lab's seed key gives it); it does at seed %d", ch.Solution, ch.When, end, seed, l.Lab.Seed)
					}
				}
				if met, _ := runChallenge(t, reg, l, ch, false, at); met {
					t.Errorf("already met at the lab's starting values %v", l.Lab.Params)
				}
			})
		}
	}
}

// runChallenge runs the lesson's lab (with the solution applied when
// withSolution) and reports whether the challenge was met and when. With
// limit > 0 it runs exactly that long.
func runChallenge(t *testing.T, reg *sim.Registry, l *lessons.Lesson, ch *lessons.Challenge, withSolution bool, limit float64) (bool, float64) {
	t.Helper()
	var set lessons.Settings
	if withSolution {
		set = ch.Solution
	}
	met, end := runChecks(t, newLabModel(t, reg, l, set), l.Lab.Seed, []*lessons.Challenge{ch}, limit)
	if met[0] > 0 {
		return true, met[0]
	}
	return false, end
}

// newLabModel is the lesson's model at the lab's starting values with set
// applied over them, as a preset, a Try-it state or a solution is.
func newLabModel(t *testing.T, reg *sim.Registry, l *lessons.Lesson, set lessons.Settings) sim.Model {
	t.Helper()
	m, err := reg.New(l.Lab.Model)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []lessons.Settings{l.Lab.Params, set} {
		for _, x := range s {
			if err := m.Set(x.Key, x.Value); err != nil {
				t.Fatalf("set %s: %v", x.Key, err)
			}
		}
	}
	return m
}

// runChecks runs m from t = 0 with seed, following every challenge of chs
// as the lab does, until all are met or limit ms have passed (120 s when
// limit ≤ 0). It returns when each was met (0: not met) and the time the
// run reached.
func runChecks(t *testing.T, m sim.Model, seed uint64, chs []*lessons.Challenge, limit float64) (met []float64, end float64) {
	t.Helper()
	run := sim.NewRun(m, 0, 0)
	run.Reset(seed)
	info := m.Info()
	step := max(info.DT, 5.0)
	if limit <= 0 {
		limit = 120_000
	}
	checks := make([]*lessons.Check, len(chs))
	for i, ch := range chs {
		checks[i] = lessons.NewCheck(ch)
	}
	met = make([]float64, len(chs))
	var metrics []float64
	value := func(key string) float64 {
		for i, mt := range info.Metrics {
			if mt.Key == key {
				return metrics[i]
			}
		}
		v, _ := m.Get(key)
		return v
	}
	open := len(chs)
	for m.Time() < limit && open > 0 {
		run.Advance(step)
		metrics = run.Metrics(metrics)
		for i, k := range checks {
			if k.Update(m.Time(), value) {
				met[i] = m.Time()
				open--
			}
		}
	}
	return met, m.Time()
}
