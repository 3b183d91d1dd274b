package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/neurotutor/neurotutor/classdb"
)

// TestClassReport prints a database written by classdb in each format,
// and refuses a bad format and a missing database.
func TestClassReport(t *testing.T) {
	path := filepath.Join(t.TempDir(), classdb.FileName)
	db, err := classdb.Open(path, classdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := db.Student("user:ada", "ada")
	s.MarkSolved("wta", "pick")
	id, _ := db.NewPoll(classdb.Poll{Lesson: "wta", Prediction: "beta-up", Question: "Which unit wins?", Choices: []string{"1", "2"}, Answer: 1})
	db.Answer(id, s.ID(), 1)
	db.Close()

	for format, want := range map[string]string{
		"table": "✓ 2. 2",
		"csv":   "ada,user:ada,",
		"json":  `"question": "Which unit wins?"`,
	} {
		out, errs, code := runCLI("class", "report", "--db", path, "--format", format)
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("--format %s: exit %d, stderr %q, stdout lacks %q:\n%s", format, code, errs, want, out)
		}
	}
	if _, errs, code := runCLI("class", "report", "--db", path, "--format", "xml"); code != 2 || !strings.Contains(errs, `--format "xml" is not allowed: use table, csv or json`) {
		t.Errorf("bad format: exit %d, %q", code, errs)
	}
	missing := filepath.Join(t.TempDir(), "none.db")
	if _, errs, code := runCLI("class", "report", "--db", missing); code != 1 || !strings.Contains(errs, "no class database at "+missing) {
		t.Errorf("missing database: exit %d, %q", code, errs)
	}
}
