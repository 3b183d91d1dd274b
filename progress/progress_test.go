package progress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", FileName)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.SetLast("lif")
	s.MarkRead("linear")
	if changed, _ := s.MarkSolved("linear", "silenced"); !changed {
		t.Error("first MarkSolved reported no change")
	}
	if changed, _ := s.MarkSolved("linear", "silenced"); changed {
		t.Error("second MarkSolved reported a change")
	}
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if s2.Last() != "lif" || !s2.Lesson("linear").Read || !s2.Solved("linear", "silenced") {
		t.Errorf("reopened state = %+v", s2.state)
	}
	entries, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".progress-*"))
	if len(entries) != 0 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestCorruptFileMovedAside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	os.WriteFile(path, []byte("{not json"), 0o644)
	s, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "kept as") {
		t.Fatalf("Open(corrupt) warning = %v, want one saying where the file was kept", err)
	}
	if s == nil || s.Last() != "" {
		t.Fatal("Open(corrupt) must return a usable empty store")
	}
	matches, _ := filepath.Glob(path + ".corrupt-*")
	if len(matches) != 1 {
		t.Fatalf("corrupt file not kept aside: %v", matches)
	}
	if data, _ := os.ReadFile(matches[0]); string(data) != "{not json" {
		t.Errorf("kept file changed: %q", data)
	}
	if _, err := s.SetLast("wta"); err != nil {
		t.Fatal(err)
	}
	if s2, err := Open(path); err != nil || s2.Last() != "wta" {
		t.Errorf("after recovery: last %q, err %v", s2.Last(), err)
	}
}

func TestUnreadableFileIsNotOverwritten(t *testing.T) {
	// A directory where the file should be is unreadable as a file, even
	// for root.
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	os.Mkdir(path, 0o755) // a directory where the file should be
	os.WriteFile(filepath.Join(path, "keep"), []byte("x"), 0o644)
	s, err := Open(path)
	if err == nil {
		t.Fatal("want a warning")
	}
	s.SetLast("hh")
	matches, _ := filepath.Glob(path + ".corrupt-*")
	if len(matches) != 1 {
		t.Fatalf("unreadable file not kept aside: %v", matches)
	}
	if _, err := os.Stat(filepath.Join(matches[0], "keep")); err != nil {
		t.Errorf("original contents lost: %v", err)
	}
}

func TestInMemory(t *testing.T) {
	s, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkRead("x"); err != nil {
		t.Fatal(err)
	}
}

func TestDefaultDirHonoursXDG(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/tmp/xdg-state")
	if d, _ := DefaultDir(); d != "/tmp/xdg-state/neurotutor" {
		t.Errorf("DefaultDir = %s", d)
	}
	t.Setenv("XDG_STATE_HOME", "relative/ignored")
	t.Setenv("HOME", "/home/u")
	if d, _ := DefaultDir(); d != "/home/u/.local/state/neurotutor" {
		t.Errorf("DefaultDir = %s", d)
	}
}
