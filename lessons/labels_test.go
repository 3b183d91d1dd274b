package lessons_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/neurotutor/neurotutor/sim/models"
)

// TestTextNamesMetricsByLabel: what the lab shows beside the plots (a
// preset's note, a Try-it step, a challenge's prompt and hint) names a
// metric as its readout does ("decided at"), not by the key a command
// line or a condition uses ("decision_ms"), which the learner never sees
// there. Keys are the metric keys with an underscore; a key that is its
// own label is fine.
func TestTextNamesMetricsByLabel(t *testing.T) {
	c := loadCatalog(t)
	reg := models.Registry()
	for _, l := range c.All() {
		info, err := reg.Info(l.Lab.Model)
		if err != nil {
			t.Fatal(err)
		}
		texts := map[string]string{}
		for _, p := range l.Presets {
			texts["preset "+p.Name] = p.Note
		}
		for _, s := range l.TryIt {
			texts["Try it "+s.Name] = s.Name + " " + s.Note
		}
		for _, ch := range l.Challenges {
			texts["challenge "+ch.ID] = ch.Prompt + " " + ch.Hint
		}
		for _, mt := range info.Metrics {
			if mt.Key == mt.Label || !strings.Contains(mt.Key, "_") {
				continue
			}
			word := regexp.MustCompile(`(^|[^A-Za-z0-9_])` + regexp.QuoteMeta(mt.Key) + `($|[^A-Za-z0-9_])`)
			for where, s := range texts {
				if word.MatchString(s) {
					t.Errorf("%s, %s: names the metric %q, which the lab shows as %q", l.ID, where, mt.Key, mt.Label)
				}
			}
		}
	}
}
