package progress

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
)

// Lesson is the learner's state in one lesson.
type Lesson struct {
	Read   bool     // scrolled to the end of the text
	Solved []string // ids of challenges met, sorted
	Place  *Place   // where the learner left it; nil if never left
	extra  map[string]json.RawMessage
	// placed says this program set Place, so a merge keeps it.
	placed bool
}

// Place is where the learner left a lesson, to come back to: where the
// text was (a section, by the index of its heading, −1 above the first,
// and how far into it, which any width finds again), and the lab's
// parameter values and seed.
type Place struct {
	Section int                `json:"section"`
	Frac    float64            `json:"frac"`             // 0–1 of the way through the section
	Params  map[string]float64 `json:"params,omitempty"` // lab parameters by key
	Seed    uint64             `json:"seed,omitempty"`   // the lab's seed; 0: the lesson's
}

// State is everything saved. Fields this version does not know (written
// by a newer one) are kept and written back unchanged.
type State struct {
	Version int
	Last    string // id of the lesson last open
	Lessons map[string]*Lesson
	extra   map[string]json.RawMessage
}

func newState() State { return State{Version: Version, Lessons: map[string]*Lesson{}} }

// merge takes in what another program saved: lessons read and challenges
// met are the union; the lesson last open, and each lesson's place, stay
// this program's unless it has none; unknown fields this store lacks are
// added.
func (s *State) merge(disk State) {
	if s.Last == "" {
		s.Last = disk.Last
	}
	for id, dl := range disk.Lessons {
		l := s.Lessons[id]
		if l == nil {
			l = &Lesson{}
			s.Lessons[id] = l
		}
		l.Read = l.Read || dl.Read
		for _, c := range dl.Solved {
			if !slices.Contains(l.Solved, c) {
				l.Solved = append(l.Solved, c)
			}
		}
		slices.Sort(l.Solved)
		if !l.placed {
			l.Place = dl.Place
		}
		l.extra = mergeExtra(l.extra, dl.extra)
	}
	s.extra = mergeExtra(s.extra, disk.extra)
}

func mergeExtra(mine, theirs map[string]json.RawMessage) map[string]json.RawMessage {
	for k, v := range theirs {
		if _, ok := mine[k]; !ok {
			if mine == nil {
				mine = map[string]json.RawMessage{}
			}
			mine[k] = v
		}
	}
	return mine
}

// read parses the file at path.
func read(path string) (State, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return State{}, err
	}
	st := newState()
	if err := st.decode(data); err != nil {
		return State{}, err
	}
	return st, nil
}

// The known fields' names in the file.
var (
	stateFields  = []string{"version", "last", "lessons"}
	lessonFields = []string{"read", "solved", "place"}
)

func (s *State) decode(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	if raw == nil {
		return fmt.Errorf("the file holds null, not an object")
	}
	var lessons map[string]json.RawMessage
	for k, dst := range map[string]any{"version": &s.Version, "last": &s.Last, "lessons": &lessons} {
		if v, ok := raw[k]; ok {
			if err := json.Unmarshal(v, dst); err != nil {
				return fmt.Errorf("field %s: %w", k, err)
			}
		}
	}
	s.extra = without(raw, stateFields)
	s.Lessons = map[string]*Lesson{}
	for id, v := range lessons {
		var lraw map[string]json.RawMessage
		if err := json.Unmarshal(v, &lraw); err != nil {
			return fmt.Errorf("lesson %s: %w", id, err)
		}
		l := &Lesson{}
		for k, dst := range map[string]any{"read": &l.Read, "solved": &l.Solved, "place": &l.Place} {
			if v, ok := lraw[k]; ok {
				if err := json.Unmarshal(v, dst); err != nil {
					return fmt.Errorf("lesson %s, field %s: %w", id, k, err)
				}
			}
		}
		l.extra = without(lraw, lessonFields)
		s.Lessons[id] = l
	}
	return nil
}

func without(raw map[string]json.RawMessage, known []string) map[string]json.RawMessage {
	var out map[string]json.RawMessage
	for k, v := range raw {
		if !slices.Contains(known, k) {
			if out == nil {
				out = map[string]json.RawMessage{}
			}
			out[k] = v
		}
	}
	return out
}

func (s *State) encode() ([]byte, error) {
	top := map[string]any{"version": s.Version}
	for k, v := range s.extra {
		top[k] = v
	}
	if s.Last != "" {
		top["last"] = s.Last
	}
	lessons := map[string]any{}
	for id, l := range s.Lessons {
		m := map[string]any{}
		for k, v := range l.extra {
			m[k] = v
		}
		if l.Read {
			m["read"] = true
		}
		if len(l.Solved) > 0 {
			m["solved"] = l.Solved
		}
		if l.Place != nil {
			m["place"] = l.Place
		}
		lessons[id] = m
	}
	if len(lessons) > 0 {
		top["lessons"] = lessons
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	err := enc.Encode(top)
	return b.Bytes(), err
}
