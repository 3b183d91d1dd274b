package progress

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestTwoStoresLoseNothing is two windows sharing one file: each marks a
// different lesson, and both lessons survive.
func TestTwoStoresLoseNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	a, _ := Open(path)
	b, _ := Open(path)
	a.SetLast("wta")
	a.MarkRead("wta")
	b.SetLast("lif")
	b.MarkRead("lif")
	b.MarkSolved("hh", "spike")
	a.MarkSolved("hh", "burst")
	c, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Lesson("wta").Read || !c.Lesson("lif").Read || !c.Solved("hh", "spike") || !c.Solved("hh", "burst") {
		t.Errorf("merged file lost progress: %+v", c.state.Lessons)
	}
	if c.Last() != "wta" {
		t.Errorf("last = %q, want wta (the last save)", c.Last())
	}
	if !a.Lesson("lif").Read {
		t.Error("a save did not bring the other window's progress into the store")
	}
}

// TestConcurrentSaversLoseNothing runs eight stores saving at once.
func TestConcurrentSaversLoseNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			s, _ := Open(path)
			for i := range 15 {
				if _, err := s.MarkRead(fmt.Sprintf("l%d-%d", w, i)); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.state.Lessons); n != 8*15 {
		t.Errorf("%d lessons read after 8 stores each saved 15, want 120", n)
	}
}

func TestUnknownFieldsAreKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, []byte(`{"version":1,"theme":"light","lessons":{"wta":{"read":true,"notes":["a"]}}}`), 0o644)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.MarkSolved("wta", "pick")
	var got map[string]any
	data, _ := os.ReadFile(path)
	json.Unmarshal(data, &got)
	wta, _ := got["lessons"].(map[string]any)["wta"].(map[string]any)
	if got["theme"] != "light" || wta["notes"] == nil || wta["read"] != true || wta["solved"] == nil {
		t.Errorf("unknown fields lost on save:\n%s", data)
	}
}

func TestNewerVersionIsKeptAside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	newer := `{"version":2,"last":"hh","lessons":{"hh":{"read":true,"stars":3}}}`
	os.WriteFile(path, []byte(newer), 0o644)
	s, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "newer neurotutor (version 2)") || !strings.Contains(err.Error(), "kept as progress.json.newer-") {
		t.Fatalf("Open(version 2) warning = %v", err)
	}
	if !s.Lesson("hh").Read || s.Last() != "hh" {
		t.Error("what this version understands of the newer file was not carried on")
	}
	matches, _ := filepath.Glob(path + ".newer-*")
	if len(matches) != 1 {
		t.Fatalf("newer file not kept aside: %v", matches)
	}
	if data, _ := os.ReadFile(matches[0]); string(data) != newer {
		t.Errorf("kept file changed: %s", data)
	}
}

func TestSaveKeepsTheFileMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, []byte(`{"version":1}`), 0o640)
	os.Chmod(path, 0o640)
	s, _ := Open(path)
	s.SetLast("wta")
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode after save %v, want -rw-r-----", fi.Mode().Perm())
	}
}

// TestCorruptCopiesNeverOverwriteEachOther sets three corrupt files aside
// within the same second.
func TestCorruptCopiesNeverOverwriteEachOther(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	clock := func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	for i := range 3 {
		os.WriteFile(path, []byte(fmt.Sprintf("{bad %d", i)), 0o644)
		if _, err := open(path, clock); err == nil {
			t.Fatal("no warning")
		}
	}
	matches, _ := filepath.Glob(path + ".corrupt-*")
	if len(matches) != 3 {
		t.Fatalf("corrupt copies %v, want 3", matches)
	}
	seen := map[string]bool{}
	for _, m := range matches {
		data, _ := os.ReadFile(m)
		seen[string(data)] = true
	}
	if len(seen) != 3 {
		t.Errorf("corrupt copies overwrote each other: %v", seen)
	}
}

// TestPlacesLastAndMerge: where the learner left each lesson survives a
// restart, and two windows that left different lessons keep both places.
func TestPlacesLastAndMerge(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	a, _ := Open(path)
	b, _ := Open(path)
	wta := Place{Section: 2, Frac: 0.4, Params: map[string]float64{"beta": 1.1, "I4": 11.5}, Seed: 3}
	if changed, err := a.SetPlace("wta", wta); !changed || err != nil {
		t.Fatalf("SetPlace = %v, %v", changed, err)
	}
	if changed, _ := a.SetPlace("wta", wta); changed {
		t.Error("the same place again reported a change")
	}
	b.SetPlace("lif", Place{Section: 5, Frac: 1})
	c, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	got := c.Lesson("wta").Place
	if got == nil || !placeEqual(*got, wta) {
		t.Errorf("wta place after restart = %+v, want %+v", got, wta)
	}
	if p := c.Lesson("lif").Place; p == nil || p.Section != 5 || p.Frac != 1 || p.Params != nil {
		t.Errorf("lif place = %+v, want section 5 to its end and no parameters", p)
	}
	// A window that moves on in wta keeps its own place over the file's.
	b.SetPlace("wta", Place{Section: 3, Frac: 0.9})
	a.SetPlace("wta", Place{Section: 1, Frac: 0.1})
	if p := a.Lesson("wta").Place; p.Section != 1 || p.Frac != 0.1 {
		t.Errorf("a's own place was replaced by the file's: %+v", p)
	}
}
