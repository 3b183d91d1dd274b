package progress

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// FileName is the progress file's name inside the state directory.
const FileName = "progress.json"

// Lesson is the learner's state in one lesson.
type Lesson struct {
	Read   bool     `json:"read,omitempty"`   // scrolled to the end of the text
	Solved []string `json:"solved,omitempty"` // ids of challenges met
}

// State is everything saved.
type State struct {
	Version int                `json:"version"`
	Last    string             `json:"last,omitempty"` // id of the lesson last open
	Lessons map[string]*Lesson `json:"lessons,omitempty"`
}

// Store is the progress file and its contents in memory. A Store with an
// empty path keeps progress in memory only.
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
// and Open returns an empty store with a non-nil warning that says where
// the old file went; the store is usable either way.
func Open(path string) (*Store, error) {
	s := &Store{path: path, now: time.Now}
	s.state = State{Version: 1, Lessons: map[string]*Lesson{}}
	if path == "" {
		return s, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err == nil {
		var st State
		if err = json.Unmarshal(data, &st); err == nil {
			if st.Lessons == nil {
				st.Lessons = map[string]*Lesson{}
			}
			st.Version = 1
			s.state = st
			return s, nil
		}
	}
	aside := fmt.Sprintf("%s.corrupt-%s", path, s.now().Format("20060102-150405"))
	if rerr := os.Rename(path, aside); rerr != nil {
		// Keep it where it is and never write over it.
		s.path = ""
		return s, fmt.Errorf("progress file %s is unreadable and could not be moved aside, so progress will not be saved this session (%v; %v)", path, err, rerr)
	}
	return s, fmt.Errorf("progress file was unreadable, kept as %s in %s; starting afresh (%v)", filepath.Base(aside), filepath.Dir(aside), err)
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

// Solved reports whether a challenge has been met.
func (s *Store) Solved(lesson, challenge string) bool {
	return slices.Contains(s.Lesson(lesson).Solved, challenge)
}

// Save writes the state atomically: to a temporary file in the same
// directory, synced, then renamed over the progress file.
func (s *Store) Save() error {
	if s.path == "" {
		return nil
	}
	data, err := json.MarshalIndent(s.state, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(s.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	f, err := os.CreateTemp(dir, ".progress-*.tmp")
	if err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	tmp := f.Name()
	_, werr := f.Write(append(data, '\n'))
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("save progress: %w", err)
	}
	if err := os.Rename(tmp, s.path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("save progress: %w", err)
	}
	return nil
}
