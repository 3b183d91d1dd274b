package lessons

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/neuron"
)

// FuzzParseCondition feeds any text to the challenge condition parser
// against the linear neuron's metrics and parameters: it never panics, and
// a condition it accepts names a key, a known operator, and either a key or
// a finite number.
func FuzzParseCondition(f *testing.F) {
	for _, s := range []string{"output >= 10", "output<=x1", "nonlin == threshold", "x1 != 0x10", "output > NaN",
		"output >= 1e-400", "output==", "== 3", "output >= 1_0", "x1 >= x2 >= 3", " output  <  5 ", "nonlin == 7"} {
		f.Add(s)
	}
	info := neuron.NewLinear().Info()
	f.Fuzz(func(t *testing.T, text string) {
		c, err := parseCondition(text, info)
		if err != nil {
			if !strings.Contains(err.Error(), "condition ") {
				t.Fatalf("parseCondition(%q): error %q does not quote the condition", text, err)
			}
			return
		}
		if !isKey(c.Left, info) || !strings.Contains(strings.Join(condOps, " "), c.Op) {
			t.Fatalf("parseCondition(%q) = %+v: left side or operator unknown", text, c)
		}
		if c.Right != "" && !isKey(c.Right, info) {
			t.Fatalf("parseCondition(%q) = %+v: right side is not a key", text, c)
		}
		if c.Right == "" && (c.Value != c.Value || c.Value > 1e308 || c.Value < -1e308) {
			t.Fatalf("parseCondition(%q) = %+v: right side not a finite number", text, c)
		}
		c.Holds(func(string) float64 { return 1 })
	})
}

// FuzzLoadLesson feeds any bytes as a lesson file to the front-matter
// loader and validator: it never panics, and refusals name the file.
func FuzzLoadLesson(f *testing.F) {
	files, _ := filepath.Glob("testdata/bad/*.md")
	good, _ := filepath.Glob("content/01-neuron/01-*.md")
	for _, p := range append(files, good...) {
		data, _ := os.ReadFile(p)
		f.Add(data)
	}
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\nlab: [1, 2\n---\n"))
	f.Add([]byte("---\nchallenges: [{when: [\"output >= 1\"], hold_ms: .inf}]\n---\n"))
	bib, err := os.ReadFile("references.yaml")
	if err != nil {
		f.Fatal(err)
	}
	reg := sim.NewRegistry(func() sim.Model { return neuron.NewLinear() })
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"references.yaml":                 {Data: bib},
			"content/01-neuron/01-fixture.md": {Data: data},
		}
		cat, err := Load(fsys, reg)
		if err != nil {
			if !strings.Contains(err.Error(), "01-neuron/01-fixture.md") {
				t.Fatalf("refusal does not name the file: %v", err)
			}
			return
		}
		for _, l := range cat.All() {
			for _, ch := range l.Challenges {
				if !(ch.HoldMS >= 0) {
					t.Fatalf("accepted hold_ms %v", ch.HoldMS)
				}
			}
		}
	})
}
