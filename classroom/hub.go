// Package classroom is a class led by a teacher: the teacher's lesson,
// place in the text and lab, shared with every student who follows. The
// class lab is simulated once, on one goroutine, and drawn once per
// distinct terminal (size, theme, focus) however many students share it,
// so a follower costs drawing, not simulation. The hub also runs the
// teacher's polls (predict, then run) and keeps the roster.
package classroom

import (
	"fmt"
	"log"
	"slices"
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/classdb"
	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/ui/lab"
	"github.com/neurotutor/neurotutor/ui/theme"
)

// Hub is the class. Its state belongs to one goroutine (loop); seats
// talk to it through that goroutine and read the Views it publishes.
type Hub struct {
	cat *lessons.Catalog
	reg *sim.Registry
	db  *classdb.DB
	fps int
	log *log.Logger

	work chan func()
	msgs chan tea.Msg // from the class lab's commands
	stop chan struct{}
	done chan struct{}

	mu    sync.Mutex
	seats map[*Seat]bool

	// Owned by loop.
	lesson   *lessons.Lesson
	lab      lab.Model
	labOK    bool
	labs     int // labs built: the next one's id
	place    Place
	placeSeq uint64
	poll     *poll
	asked    map[string]int // the next prediction to ask, per lesson
	seq      uint64
	frames   map[FrameKey][]string
	themes   map[[2]bool]*theme.Theme // by dark and no colour, built once
	dirty    bool                     // the lab changed since frames were drawn
	resume   bool                     // run the lab when someone joins
}

// New starts a class over a catalog and registry; db (nil for none)
// keeps the polls. fps is the class lab's animation rate.
func New(cat *lessons.Catalog, reg *sim.Registry, db *classdb.DB, fps int, logger *log.Logger) *Hub {
	h := &Hub{
		cat: cat, reg: reg, db: db, fps: fps, log: logger,
		work: make(chan func(), 64), msgs: make(chan tea.Msg, 64),
		stop: make(chan struct{}), done: make(chan struct{}),
		seats: map[*Seat]bool{}, asked: map[string]int{}, frames: map[FrameKey][]string{},
	}
	go h.loop()
	return h
}

// Close stops the hub; seats see no more views.
func (h *Hub) Close() {
	select {
	case <-h.stop:
	default:
		close(h.stop)
	}
	<-h.done
}

// Open makes a lesson the class's, its lab built paused: the lesson the
// class starts at before a teacher arrives.
func (h *Hub) Open(id string) error {
	l, err := h.cat.Find(id)
	if err != nil {
		return err
	}
	h.run(func() {
		h.openLesson(l, false)
		h.resume = true
	})
	return nil
}

// run queues f for the loop and waits for it to be done (false when the
// hub has stopped).
func (h *Hub) run(f func()) bool {
	done := make(chan struct{})
	select {
	case h.work <- func() { defer close(done); f() }:
	case <-h.stop:
		return false
	}
	select {
	case <-done:
		return true
	case <-h.stop:
		return false
	}
}

// loop owns the class: it runs queued work and the lab's messages, then
// publishes a view to every seat.
func (h *Hub) loop() {
	defer close(h.done)
	for {
		select {
		case <-h.stop:
			return
		case f := <-h.work:
			h.guard("a class action", f)
		case msg := <-h.msgs:
			h.guard("the class lab", func() { h.labMsg(msg) })
		}
		// Take whatever else is waiting before drawing once.
		for more := true; more; {
			select {
			case f := <-h.work:
				h.guard("a class action", f)
			case msg := <-h.msgs:
				h.guard("the class lab", func() { h.labMsg(msg) })
			default:
				more = false
			}
		}
		h.guard("drawing the class", h.publish)
	}
}

// guard runs f, turning a panic into a log line and a paused class lab:
// one bad action never ends the class.
func (h *Hub) guard(what string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			h.logf("internal error in %s (%v); the class lab is paused", what, r)
			func() {
				defer func() { recover() }()
				if h.labOK && h.lab.Running() {
					h.lab.Stop()
				}
				h.lab.Note(fmt.Sprintf("Internal error in %s (%v); the lab is paused.", what, r), true)
			}()
			h.dirty = true
		}
	}()
	f()
}

func (h *Hub) logf(format string, args ...any) {
	if h.log != nil {
		h.log.Printf(format, args...)
	}
}

// exec runs a command of the class lab as Bubble Tea would, sending its
// message back to the loop: ticks, and whatever else the lab asks for.
func (h *Hub) exec(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		defer func() {
			if r := recover(); r != nil {
				h.logf("internal error in a class lab command (%v)", r)
			}
		}()
		switch msg := cmd().(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range msg {
				h.exec(c)
			}
		default:
			select {
			case h.msgs <- msg:
			case <-h.stop:
			}
		}
	}()
}

// labMsg hands a message to the class lab. A challenge met in the class
// lab is the class's, not a student's: it is shown, not recorded.
func (h *Hub) labMsg(msg tea.Msg) {
	if !h.labOK {
		return
	}
	if _, ok := msg.(lab.SolvedMsg); ok {
		return
	}
	var cmd tea.Cmd
	h.lab, cmd = h.lab.Update(msg)
	h.exec(cmd)
	h.dirty = true
}

// openLesson builds the class lab for l, from its starting values.
func (h *Hub) openLesson(l *lessons.Lesson, run bool) {
	h.lesson = l
	h.place, h.placeSeq = Place{Section: -1}, h.placeSeq+1
	h.build(l, nil, "", run)
}

// build makes a fresh class lab for l with the given values over its
// own, running or paused, with a note.
func (h *Hub) build(l *lessons.Lesson, over lessons.Settings, note string, run bool) {
	if h.labOK && h.lab.Running() {
		h.lab.Stop()
	}
	h.labOK = false
	h.dirty = true
	model, err := h.reg.New(l.Lab.Model)
	if err != nil {
		h.logf("the lab of %s could not start: %v", l.ID, err)
		return
	}
	if len(over) > 0 {
		c := *l
		c.Lab.Params = append(append(lessons.Settings{}, l.Lab.Params...), over...)
		l = &c
	}
	h.labs++
	lb, err := lab.New(h.labs, l, model, nil, theme.Of(true))
	if err != nil {
		h.logf("the lab of %s could not start: %v", l.ID, err)
		return
	}
	lb.SetFPS(h.fps)
	h.lab, h.labOK = lb, true
	if note != "" {
		h.lab.Note(note, false)
	}
	if run && h.watched() {
		h.exec(h.lab.Start())
	}
}

// watched reports whether any seat is connected.
func (h *Hub) watched() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.seats) > 0
}

// frame draws the class lab for one key, by line.
func (h *Hub) frame(k FrameKey) []string {
	th := h.themes[[2]bool{k.Dark, k.NoColor}]
	if th == nil {
		t := theme.New(k.Dark)
		if k.NoColor {
			t = t.WithoutColor()
		}
		if h.themes == nil {
			h.themes = map[[2]bool]*theme.Theme{}
		}
		th = &t
		h.themes[[2]bool{k.Dark, k.NoColor}] = th
	}
	return strings.Split(h.lab.RenderAt(k.W, k.H, th, k.Focused), "\n")
}

// publish draws the frames the seats need and gives every seat its view.
func (h *Hub) publish() {
	h.seq++
	h.mu.Lock()
	seats := make([]*Seat, 0, len(h.seats))
	for s := range h.seats {
		seats = append(seats, s)
	}
	h.mu.Unlock()
	if h.dirty {
		clear(h.frames)
		h.dirty = false
	}
	var roster *Roster
	teacher := ""
	var state lab.State
	if h.labOK {
		state = h.lab.State()
	}
	for _, s := range seats {
		key, wants, _ := s.frameKey()
		if wants && h.labOK {
			if _, ok := h.frames[key]; !ok {
				h.frames[key] = h.frame(key)
			}
		}
		if s.teacher {
			if teacher == "" {
				teacher = s.name
			}
			if roster == nil {
				roster = h.roster(seats)
			}
		}
	}
	base := View{Seq: h.seq, Place: h.place, PlaceSeq: h.placeSeq, Lab: state, Teacher: teacher}
	if h.lesson != nil {
		base.Lesson = h.lesson.ID
	}
	if h.labOK {
		base.LabKeys = h.lab.KeysAt(true)
		base.Running = h.lab.Running()
	}
	for _, s := range seats {
		v := base
		if key, wants, _ := s.frameKey(); wants {
			v.Frame = h.frames[key]
		}
		if s.teacher {
			v.Roster = roster
		}
		v.Poll = h.pollView(s)
		s.publish(v)
	}
}

// roster lists the seats, teachers first, then by name.
func (h *Hub) roster(seats []*Seat) *Roster {
	r := &Roster{}
	for _, s := range seats {
		_, _, st := s.frameKey()
		m := Member{Name: s.name, Teacher: s.teacher, Following: st.Following, Lesson: st.Lesson,
			Met: st.Met, LessonMet: st.LessonMet, LessonChallenges: st.LessonTotal}
		if h.poll != nil {
			_, m.Answered = h.poll.answers[s.id]
		}
		switch {
		case s.teacher:
			r.Teachers++
		case st.Following:
			r.Following++
		default:
			r.Detached++
		}
		r.Members = append(r.Members, m)
	}
	slices.SortFunc(r.Members, func(a, b Member) int {
		if a.Teacher != b.Teacher {
			if a.Teacher {
				return -1
			}
			return 1
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return r
}
