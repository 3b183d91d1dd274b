package lessons

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/neurotutor/neurotutor/sim/models"
)

func TestGlossary(t *testing.T) {
	c, err := Default(models.Registry())
	if err != nil {
		t.Fatal(err)
	}
	g := c.Glossary
	if len(g.Terms) < 20 {
		t.Errorf("%d terms, want the lessons' vocabulary (at least 20)", len(g.Terms))
	}
	for _, name := range []string{"Rheobase", "fano factor", "spike-timing-dependent plasticity", "attractor"} {
		if _, ok := g.Lookup(name); !ok {
			t.Errorf("Lookup(%q) found nothing", name)
		}
	}
	if _, err := g.Find("rheobse"); err == nil || !strings.Contains(err.Error(), "did you mean rheobase?") {
		t.Errorf("Find(rheobse): %v", err)
	}
	if m := g.Match("argmax"); len(m) == 0 || m[0].Term != "winner-take-all" {
		t.Errorf("Match(argmax) = %v, want winner-take-all (by its counterpart)", m)
	}
}

// TestGlossaryRefusesBadEntries: an unknown lesson, a lesson that never
// uses the term, a missing definition.
func TestGlossaryRefusesBadEntries(t *testing.T) {
	files := fstest.MapFS{}
	fs.WalkDir(Files, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(Files, p)
			files[p] = &fstest.MapFile{Data: b}
		}
		return nil
	})
	files["glossary.yaml"] = &fstest.MapFile{Data: []byte(`
- term: rheobase
  means: the least current that fires
  lessons: [lif, wtaa]
- term: zebra finch
  means: a songbird
  lessons: [wta]
- term: attractor
  lessons: [hopfield]
- term: Rheobase
  means: twice
  lessons: [lif]
`)}
	_, err := Load(files, models.Registry())
	if err == nil {
		t.Fatal("a bad glossary loaded")
	}
	for _, want := range []string{
		`term 1 ("rheobase"): lessons: unknown lesson "wtaa" (did you mean wta?)`,
		`term 2 ("zebra finch"): lessons: wta never mentions zebra finch`,
		`term 3 ("attractor"): means: missing`,
		`term 4 ("Rheobase"): term: listed twice`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}
