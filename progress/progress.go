package progress

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// FileName is the progress file's name inside the state directory.
const FileName = "progress.json"

// Version is the version of the file this program writes. A file with a
// higher version is kept aside before it is rewritten.
const Version = 1

// Store is the progress file and its contents in memory. A Store with an
// empty path keeps progress in memory only.
//
// Every save merges: under an exclusive lock on path.lock it re-reads the
// file, takes the union of its lessons read and challenges met with this
// store's, keeps fields it does not know, and writes the result
// atomically with the file's mode. Two programs sharing the file (two
// terminals) therefore lose nothing of each other's progress.
type Store struct {
	path  string
	state State
	now   func() time.Time
}

// DefaultDir is the state directory: $XDG_STATE_HOME/neurotutor, or
// ~/.local/state/neurotutor.
func DefaultDir() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "neurotutor"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the state directory: %w", err)
	}
	return filepath.Join(home, ".local", "state", "neurotutor"), nil
}

// Open reads the progress file at path. A missing file is an empty state.
// A file that cannot be read or parsed is renamed to path.corrupt-<time>
// (with -2, -3… when that name is taken), a file written by a newer
// version to path.newer-<time> after reading what this version
// understands; Open then returns a usable store with a non-nil warning
// that says where the old file went.
func Open(path string) (*Store, error) { return open(path, time.Now) }

func open(path string, now func() time.Time) (*Store, error) {
	s := &Store{path: path, now: now, state: newState()}
	if path == "" {
		return s, nil
	}
	if _, err := os.Stat(filepath.Dir(path)); errors.Is(err, fs.ErrNotExist) {
		return s, nil // nothing saved yet; Save makes the directory
	}
	unlock, lerr := lock(path)
	if lerr != nil {
		s.path = ""
		return s, fmt.Errorf("progress file %s cannot be locked, so progress will not be saved this session: %v", path, lerr)
	}
	defer unlock()
	st, err := read(path)
	switch {
	case err == nil && st.Version > Version:
		aside, rerr := s.setAside("newer")
		if rerr != nil {
			s.path = ""
			return s, fmt.Errorf("progress file %s was written by a newer neurotutor (version %d) and could not be kept aside, so this session will not change it: %v", path, st.Version, rerr)
		}
		v := st.Version
		st.Version = Version
		s.state = st
		return s, fmt.Errorf("progress file was written by a newer neurotutor (version %d), kept as %s in %s; carrying on with what this version understands", v, filepath.Base(aside), filepath.Dir(aside))
	case err == nil:
		s.state = st
		return s, nil
	case errors.Is(err, fs.ErrNotExist):
		return s, nil
	}
	aside, rerr := s.setAside("corrupt")
	if rerr != nil {
		// Keep it where it is and never write over it.
		s.path = ""
		return s, fmt.Errorf("progress file %s is unreadable and could not be moved aside, so progress will not be saved this session (%v; %v)", path, err, rerr)
	}
	return s, fmt.Errorf("progress file was unreadable, kept as %s in %s; starting afresh (%v)", filepath.Base(aside), filepath.Dir(aside), err)
}

// setAside renames the progress file to path.<why>-<time>, adding -2,
// -3… when that name is taken. The caller holds the lock.
func (s *Store) setAside(why string) (string, error) {
	base := fmt.Sprintf("%s.%s-%s", s.path, why, s.now().Format("20060102-150405"))
	for n := 1; ; n++ {
		name := base
		if n > 1 {
			name = fmt.Sprintf("%s-%d", base, n)
		}
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			return name, os.Rename(s.path, name)
		} else if n > 1000 {
			return "", fmt.Errorf("no free name beside %s", base)
		}
	}
}

// Path is the file the store saves to ("" when in memory only).
func (s *Store) Path() string { return s.path }

// Last is the id of the lesson last open.
func (s *Store) Last() string { return s.state.Last }

// Lesson returns the state of one lesson (a zero value if untouched).
func (s *Store) Lesson(id string) Lesson {
	if l := s.state.Lessons[id]; l != nil {
		return *l
	}
	return Lesson{}
}

func (s *Store) lesson(id string) *Lesson {
	l := s.state.Lessons[id]
	if l == nil {
		l = &Lesson{}
		s.state.Lessons[id] = l
	}
	return l
}

// SetLast records the lesson now open and saves. It reports whether
// anything changed.
func (s *Store) SetLast(id string) (bool, error) {
	if s.state.Last == id {
		return false, nil
	}
	s.state.Last = id
	return true, s.Save()
}

// MarkRead records that the learner reached the end of a lesson's text and
// saves.
func (s *Store) MarkRead(id string) (bool, error) {
	l := s.lesson(id)
	if l.Read {
		return false, nil
	}
	l.Read = true
	return true, s.Save()
}

// MarkSolved records a challenge as met and saves.
func (s *Store) MarkSolved(lesson, challenge string) (bool, error) {
	l := s.lesson(lesson)
	if slices.Contains(l.Solved, challenge) {
		return false, nil
	}
	l.Solved = append(l.Solved, challenge)
	slices.Sort(l.Solved)
	return true, s.Save()
}

// SetPlace records where the learner left a lesson and saves. It reports
// whether anything changed.
func (s *Store) SetPlace(id string, p Place) (bool, error) {
	l := s.lesson(id)
	if l.Place != nil && placeEqual(*l.Place, p) {
		return false, nil
	}
	l.Place, l.placed = &p, true
	return true, s.Save()
}

func placeEqual(a, b Place) bool {
	return a.Section == b.Section && a.Frac == b.Frac && a.Seed == b.Seed && maps.Equal(a.Params, b.Params)
}

// Solved reports whether a challenge has been met.
func (s *Store) Solved(lesson, challenge string) bool {
	return slices.Contains(s.Lesson(lesson).Solved, challenge)
}

// Save merges the state into the file: under the lock it re-reads the
// file, merges what another program saved meanwhile into this store (see
// Store), and writes the union atomically — to a temporary file in the
// same directory with the old file's mode, synced, then renamed over it.
// A file that became unreadable or newer meanwhile is kept aside first.
func (s *Store) Save() error {
	if s.path == "" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	unlock, err := lock(s.path)
	if err != nil {
		return fmt.Errorf("save progress: lock %s: %w", s.path, err)
	}
	defer unlock()
	mode := fs.FileMode(0o600)
	if fi, err := os.Stat(s.path); err == nil {
		mode = fi.Mode().Perm()
	}
	disk, err := read(s.path)
	switch {
	case err == nil && disk.Version <= Version:
		s.state.merge(disk)
	case errors.Is(err, fs.ErrNotExist):
	default: // unreadable or newer: never write over it
		if _, err := s.setAside(map[bool]string{true: "newer", false: "corrupt"}[err == nil]); err != nil {
			return fmt.Errorf("save progress: keep the changed file aside: %w", err)
		}
	}
	s.state.Version = Version
	data, err := s.state.encode()
	if err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	if err := writeAtomic(s.path, data, mode); err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	return nil
}

// writeAtomic writes data to path through a synced temporary file renamed
// over it, with the given mode.
func writeAtomic(path string, data []byte, mode fs.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".progress-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	merr := f.Chmod(mode)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, merr, serr, cerr); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
