package classroom

import (
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/classdb"
	"github.com/neurotutor/neurotutor/ui/lab"
)

// Seat is one session's place in the class: a student's or a teacher's.
// Its methods are safe to call from the session's goroutine.
type Seat struct {
	hub      *Hub
	id, name string
	teacher  bool
	touch    func()

	notify chan struct{} // a new view is waiting
	closed chan struct{}

	// Guarded by hub.mu.
	key    FrameKey
	wants  bool // draw the class lab for key
	status Status
	view   View
}

// ViewMsg carries a seat's latest view to its program.
type ViewMsg struct{ View View }

// ErrNotTeacher is returned when a student tries what only a teacher may.
var ErrNotTeacher = errors.New("only the teacher leads the class")

// Join seats a visitor: id keys their answers (a key fingerprint or
// user:<name>), name is shown to the teacher. touch, if not nil, is
// called while the teacher teaches, to keep a following student's
// session from timing out as idle.
func (h *Hub) Join(id, name string, teacher bool, touch func()) *Seat {
	s := &Seat{hub: h, id: id, name: name, teacher: teacher, touch: touch,
		notify: make(chan struct{}, 1), closed: make(chan struct{}), status: Status{Following: true}}
	h.mu.Lock()
	h.seats[s] = true
	h.mu.Unlock()
	h.run(func() {
		if h.resume && h.labOK && !h.lab.Running() {
			h.exec(h.lab.Start()) // someone is watching again
		}
		h.resume = false
	})
	return s
}

// seatsNow is the seats connected (loop goroutine).
func (h *Hub) seatsNow() []*Seat {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]*Seat, 0, len(h.seats))
	for s := range h.seats {
		out = append(out, s)
	}
	return out
}

// Leave takes the seat out of the class. When nobody is left the class
// lab pauses: no one is watching it.
func (s *Seat) Leave() {
	h := s.hub
	h.mu.Lock()
	delete(h.seats, s)
	empty := len(h.seats) == 0
	h.mu.Unlock()
	close(s.closed)
	h.run(func() {
		if empty && h.labOK && h.lab.Running() {
			h.lab.Stop()
			h.resume = true
		}
	})
}

// Teacher reports whether the seat leads the class.
func (s *Seat) Teacher() bool { return s.teacher }

// Next waits for the seat's next view: subscribe with it, and again after
// every ViewMsg. It returns nil once the seat has left.
func (s *Seat) Next() tea.Cmd {
	return func() tea.Msg {
		select {
		case <-s.notify:
		case <-s.closed:
			return nil
		}
		s.hub.mu.Lock()
		defer s.hub.mu.Unlock()
		return ViewMsg{s.view}
	}
}

// publish stores a view and wakes the seat; a seat that is behind skips
// to the latest (hub.mu is not held).
func (s *Seat) publish(v View) {
	s.hub.mu.Lock()
	s.view = v
	s.hub.mu.Unlock()
	select {
	case s.notify <- struct{}{}:
	default:
	}
}

// frameKey is the seat's frame key, whether it wants the class lab drawn,
// and its status.
func (s *Seat) frameKey() (FrameKey, bool, Status) {
	s.hub.mu.Lock()
	defer s.hub.mu.Unlock()
	return s.key, s.wants, s.status
}

// Watch asks for the class lab drawn for k (a follower's or teacher's
// lab pane); Unwatch stops drawing it (a student who detached).
func (s *Seat) Watch(k FrameKey) {
	s.hub.mu.Lock()
	changed := !s.wants || s.key != k
	s.key, s.wants = k, true
	s.hub.mu.Unlock()
	if changed {
		s.hub.run(func() {})
	}
}

// Unwatch stops drawing the class lab for this seat.
func (s *Seat) Unwatch() {
	s.hub.mu.Lock()
	s.wants = false
	s.hub.mu.Unlock()
}

// Report tells the hub where the seat is, for the teacher's class view.
func (s *Seat) Report(st Status) {
	s.hub.mu.Lock()
	changed := s.status != st
	s.status = st
	s.hub.mu.Unlock()
	if changed {
		s.hub.run(func() {})
	}
}

// teach runs a teacher's action on the loop and keeps the followers'
// sessions awake.
func (s *Seat) teach(f func()) error {
	if !s.teacher {
		return ErrNotTeacher
	}
	h := s.hub
	h.run(func() {
		f()
		for _, o := range h.seatsNow() {
			if o.touch != nil && !o.teacher {
				if _, _, st := o.frameKey(); st.Following {
					o.touch()
				}
			}
		}
	})
	return nil
}

// Open makes a lesson the class's (teacher only); its lab starts running.
func (s *Seat) Open(id string) error {
	l, err := s.hub.cat.Find(id)
	if err != nil {
		return err
	}
	return s.teach(func() {
		if s.hub.lesson != l {
			s.hub.openLesson(l, true)
		}
	})
}

// Scroll moves the class to a place in the text (teacher only).
func (s *Seat) Scroll(p Place) error {
	return s.teach(func() {
		if s.hub.place != p {
			s.hub.place = p
			s.hub.placeSeq++
		}
	})
}

// LabKey drives the class lab with a key, as the teacher pressed it with
// the lab focused or not (teacher only).
func (s *Seat) LabKey(msg tea.KeyPressMsg, focused bool) error {
	return s.teach(func() {
		h := s.hub
		if !h.labOK {
			return
		}
		h.lab.SetFocused(focused)
		var cmd tea.Cmd
		h.lab, cmd = h.lab.Update(msg)
		h.exec(cmd)
		h.dirty = true
	})
}

// Lab runs f on the class lab, on the hub's goroutine, and reports
// whether there was one: read it (its run, its state), never change it.
func (s *Seat) Lab(f func(l lab.Model)) bool {
	ok := false
	s.hub.run(func() {
		if s.hub.labOK {
			f(s.hub.lab)
			ok = true
		}
	})
	return ok
}

// Answer records the student's choice (from 0) in the open poll, once.
// The error says why an answer was refused, or that it counts in class
// but could not be saved.
func (s *Seat) Answer(choice int) error {
	if s.teacher {
		return errors.New("the teacher does not answer: the tally is the class's")
	}
	var dbID int64
	var err error
	s.hub.run(func() { dbID, err = s.hub.answer(s, choice) })
	if err != nil {
		return err
	}
	if err := s.hub.db.Answer(dbID, s.id, choice); err != nil && !errors.Is(err, classdb.ErrAnswered) {
		return fmt.Errorf("your answer counts in class, but it could not be saved: %w", err)
	}
	return nil
}

// Ask puts the lesson's next prediction to the class, or moves the open
// poll on: voting closes and the lab runs the reveal, then the tally is
// shown to everyone, then the poll closes (teacher only). It says what
// happened, for the teacher's status line.
func (s *Seat) Ask() (string, error) {
	var msg string
	err := s.teach(func() { msg = s.hub.advance() })
	return msg, err
}

// Cancel closes the open poll at once (teacher only).
func (s *Seat) Cancel() (string, error) {
	var msg string
	err := s.teach(func() { msg = s.hub.cancelPoll() })
	return msg, err
}
