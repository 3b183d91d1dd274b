package classdb

import (
	"database/sql"
	"encoding/json"
	"maps"
	"slices"
	"sync"

	"github.com/neurotutor/neurotutor/progress"
)

// Student is one student's progress: read from the database when the
// student connects, kept in memory, and written through on every change.
// It implements progress.Tracker. When a write fails (a locked database)
// the change stays in memory and the error says so; the next write saves
// everything the student has, so nothing is lost once the database frees.
type Student struct {
	db       *DB
	id, name string

	mu      sync.Mutex
	last    string
	lessons map[string]*progress.Lesson
}

var _ progress.Tracker = (*Student)(nil)

// Student returns the student with this id (a key fingerprint, or
// "user:<name>"), recording the name and the time seen. On a nil DB, or
// when the database cannot be read, the student starts empty in memory;
// the error says why.
func (d *DB) Student(id, name string) (*Student, error) { return d.seat(id, name, false) }

// Teacher is Student for a teacher, whose progress is kept the same way
// but who is not one of the class in its report.
func (d *DB) Teacher(id, name string) (*Student, error) { return d.seat(id, name, true) }

func (d *DB) seat(id, name string, teacher bool) (*Student, error) {
	s := &Student{db: d, id: id, name: name, lessons: map[string]*progress.Lesson{}}
	if d == nil {
		return s, nil
	}
	err := d.tx(func(tx *sql.Tx) error {
		now := d.stamp()
		if _, err := tx.Exec(`INSERT INTO students (id, name, first_seen, last_seen, teacher) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, last_seen = excluded.last_seen, teacher = excluded.teacher`,
			id, name, now, now, teacher); err != nil {
			return err
		}
		return s.load(tx)
	})
	if err != nil {
		s.lessons = map[string]*progress.Lesson{}
		s.last = ""
		return s, explain(d.path, err)
	}
	return s, nil
}

// load reads the student's rows.
func (s *Student) load(tx *sql.Tx) error {
	if err := tx.QueryRow(`SELECT last_lesson FROM students WHERE id = ?`, s.id).Scan(&s.last); err != nil {
		return err
	}
	rows, err := tx.Query(`SELECT lesson FROM lessons_read WHERE student = ?`, s.id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			rows.Close()
			return err
		}
		s.lesson(l).Read = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.Query(`SELECT lesson, challenge FROM challenges_met WHERE student = ? ORDER BY lesson, challenge`, s.id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var l, c string
		if err := rows.Scan(&l, &c); err != nil {
			rows.Close()
			return err
		}
		s.lesson(l).Solved = append(s.lesson(l).Solved, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.Query(`SELECT lesson, place FROM places WHERE student = ?`, s.id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var l, place string
		if err := rows.Scan(&l, &place); err != nil {
			return err
		}
		p := &progress.Place{}
		if json.Unmarshal([]byte(place), p) == nil { // a place that does not read is only a place lost
			s.lesson(l).Place = p
		}
	}
	return rows.Err()
}

func (s *Student) lesson(id string) *progress.Lesson {
	l := s.lessons[id]
	if l == nil {
		l = &progress.Lesson{}
		s.lessons[id] = l
	}
	return l
}

// ID is the student's key: a fingerprint or user:<name>.
func (s *Student) ID() string { return s.id }

// Name is the name the student is shown by.
func (s *Student) Name() string { return s.name }

// Last is the lesson last open.
func (s *Student) Last() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last
}

// Lesson is the student's state in one lesson.
func (s *Student) Lesson(id string) progress.Lesson {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l := s.lessons[id]; l != nil {
		out := progress.Lesson{Read: l.Read, Solved: slices.Clone(l.Solved)}
		if l.Place != nil {
			p := *l.Place
			p.Params = maps.Clone(p.Params)
			out.Place = &p
		}
		return out
	}
	return progress.Lesson{}
}

// Met counts the challenges met in every lesson.
func (s *Student) Met() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, l := range s.lessons {
		n += len(l.Solved)
	}
	return n
}

// SetLast records the lesson now open.
func (s *Student) SetLast(id string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.last == id {
		return false, nil
	}
	s.last = id
	return true, s.save()
}

// MarkRead records a lesson read to its end.
func (s *Student) MarkRead(id string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.lesson(id)
	if l.Read {
		return false, nil
	}
	l.Read = true
	return true, s.save()
}

// MarkSolved records a challenge met.
func (s *Student) MarkSolved(lesson, challenge string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.lesson(lesson)
	if slices.Contains(l.Solved, challenge) {
		return false, nil
	}
	l.Solved = append(l.Solved, challenge)
	slices.Sort(l.Solved)
	return true, s.save()
}

// SetPlace records where the student left a lesson.
func (s *Student) SetPlace(id string, p progress.Place) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.lesson(id)
	if l.Place != nil && l.Place.Section == p.Section && l.Place.Frac == p.Frac && l.Place.Seed == p.Seed && maps.Equal(l.Place.Params, p.Params) {
		return false, nil
	}
	p.Params = maps.Clone(p.Params)
	l.Place = &p
	return true, s.save()
}

// save writes everything the student has in one transaction (rows already
// there are kept), so a change that failed earlier is saved with the next.
// The caller holds s.mu.
func (s *Student) save() error {
	d := s.db
	if d == nil {
		return nil
	}
	err := d.tx(func(tx *sql.Tx) error {
		now := d.stamp()
		if _, err := tx.Exec(`INSERT INTO students (id, name, first_seen, last_seen, last_lesson) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen, last_lesson = excluded.last_lesson`,
			s.id, s.name, now, now, s.last); err != nil {
			return err
		}
		for _, id := range slices.Sorted(maps.Keys(s.lessons)) {
			l := s.lessons[id]
			if l.Read {
				if _, err := tx.Exec(`INSERT OR IGNORE INTO lessons_read (student, lesson, at) VALUES (?, ?, ?)`, s.id, id, now); err != nil {
					return err
				}
			}
			if l.Place != nil {
				place, err := json.Marshal(l.Place)
				if err != nil {
					return err
				}
				if _, err := tx.Exec(`INSERT INTO places (student, lesson, place, at) VALUES (?, ?, ?, ?)
					ON CONFLICT (student, lesson) DO UPDATE SET place = excluded.place, at = excluded.at`, s.id, id, string(place), now); err != nil {
					return err
				}
			}
			for _, c := range l.Solved {
				if _, err := tx.Exec(`INSERT OR IGNORE INTO challenges_met (student, lesson, challenge, at) VALUES (?, ?, ?, ?)`, s.id, id, c, now); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return explain(d.path, err)
	}
	return nil
}
