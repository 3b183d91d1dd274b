package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/classroom"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/ui/contents"
	"github.com/neurotutor/neurotutor/ui/keys"
	"github.com/neurotutor/neurotutor/ui/lab"
)

// classState is a session's part in a class led by a teacher. A student
// follows by default: the teacher's lesson, place in the text and lab
// (drawn by the hub) are on screen, and the lab is the teacher's to drive.
// Detached, the student has a private copy of the lab; the teacher always
// leads.
type classState struct {
	seat      *classroom.Seat
	teacher   bool
	following bool
	keys      keys.Class
	view      classroom.View
	self      tea.Model // the model as last returned to Bubble Tea

	placeSeq   uint64          // the teacher's last place applied here
	place      classroom.Place // the teacher's place last sent
	placed     bool            // place has been sent once
	watching   classroom.FrameKey
	watched    bool
	status     classroom.Status
	reported   bool
	metFor     lessonMet // the lesson and its count that metTotal was counted at
	metTotal   int       // challenges met in every lesson, counted when metFor changes
	lessonSent string    // the teacher's lesson last sent

	rosterOpen bool
	rosterTop  int
}

// lessonMet is a lesson and the number of its challenges met.
type lessonMet struct {
	lesson string
	met    int
}

// WithClass makes the session part of a class through its seat: a
// teacher leads, a student follows. Give it before WithLesson.
func WithClass(seat *classroom.Seat) Option {
	return func(m *Model) {
		m.class = &classState{seat: seat, teacher: seat.Teacher(), following: !seat.Teacher(), keys: keys.NewClass()}
	}
}

// classAnswerMsg is the outcome of a student's answer.
type classAnswerMsg struct {
	choice int
	err    error
}

// classInit subscribes to the class's views.
func (m Model) classInit() tea.Cmd {
	if m.class == nil {
		return nil
	}
	return m.class.seat.Next()
}

// leadsLab reports whether the lesson's lab pane shows the class lab:
// for the teacher, and for a student who follows.
func (m Model) leadsLab() bool {
	return m.class != nil && (m.class.teacher || m.class.following)
}

// classMsg takes in a view of the class or an answer's outcome.
func (m *Model) classMsg(msg tea.Msg) tea.Cmd {
	c := m.class
	if c == nil {
		return nil
	}
	switch msg := msg.(type) {
	case classAnswerMsg:
		if msg.err != nil {
			m.status, m.statusBad = msg.err.Error(), true
		} else {
			m.status, m.statusBad = fmt.Sprintf("Your answer, %d, is in. The tally shows when the teacher reveals it.", msg.choice+1), false
		}
		return nil
	case classroom.ViewMsg:
		return tea.Batch(m.classView(msg.View), c.seat.Next())
	}
	return nil
}

// waitingNote tells a student who arrives before the class has a lesson
// what will happen.
const waitingNote = "You follow the teacher: the class starts when they open a lesson. x explores on your own meanwhile."

// classView shows a new view: a follower goes to the teacher's lesson
// and place; a teacher who arrives on the contents joins the class's
// lesson.
func (m *Model) classView(v classroom.View) tea.Cmd {
	c := m.class
	first := c.view.Seq == 0
	c.view = v
	if v.Lesson == "" {
		if first && c.following {
			m.status, m.statusBad = waitingNote, false
		}
		return nil
	}
	if m.status == waitingNote { // the class has started
		m.status = ""
	}
	var cmd tea.Cmd
	onLesson := m.screen == screenLesson && m.lesson != nil && m.lesson.ID == v.Lesson
	if (c.following || (c.teacher && first && m.screen == screenContents)) && !onLesson {
		if l, ok := m.cat.Lesson(v.Lesson); ok {
			cmd = m.open(l)
			if c.teacher {
				c.lessonSent = l.ID
			}
		}
	}
	if c.following && (v.PlaceSeq != c.placeSeq || cmd != nil) {
		c.placeSeq = v.PlaceSeq
		cmd = tea.Batch(cmd, m.reader.SetPlace(v.Place.Section, v.Place.Frac))
	}
	return cmd
}

// classPlaced applies the teacher's place once the text has rendered.
func (m *Model) classPlaced() tea.Cmd {
	if c := m.class; c != nil && c.following && c.view.Lesson == m.lessonID() {
		return m.reader.SetPlace(c.view.Place.Section, c.view.Place.Frac)
	}
	return nil
}

func (m Model) lessonID() string {
	if m.lesson == nil {
		return ""
	}
	return m.lesson.ID
}

// classAfter runs after every message: the teacher's lesson and place go
// to the class, the lab pane's size to the hub, the session's status to
// the roster.
func classAfter(next tea.Model, cmd tea.Cmd) (tea.Model, tea.Cmd) {
	if m, ok := next.(Model); ok && m.class != nil {
		m.classSync() // changes only *m.class: next need not be boxed again
		m.class.self = next
	}
	return next, cmd
}

// classFrame takes in a view that changes nothing but the class's own
// state (a new frame of the class lab, a poll's tally): the model itself
// is unchanged, so Update returns the value Bubble Tea already holds
// instead of copying a new one. At 15 frames a second for every student
// that is most of what a follower costs in memory traffic.
func (m Model) classFrame(msg tea.Msg) (tea.Model, tea.Cmd, bool) {
	vm, ok := msg.(classroom.ViewMsg)
	c := m.class
	if !ok || c == nil || c.self == nil {
		return nil, nil, false
	}
	v := vm.View
	moves := c.following && (v.Lesson != m.lessonID() || m.screen != screenLesson || v.PlaceSeq != c.placeSeq)
	if moves || v.Lesson == "" || c.view.Seq == 0 {
		return nil, nil, false
	}
	c.view = v
	return c.self, c.seat.Next(), true
}

func (m *Model) classSync() {
	c := m.class
	onLesson := m.screen == screenLesson && m.lesson != nil
	if c.teacher && onLesson {
		if m.lesson.ID != c.lessonSent {
			c.lessonSent = m.lesson.ID
			c.placed = false
			c.seat.Open(m.lesson.ID)
		}
		if sec, frac, ok := m.reader.Place(); ok {
			p := classroom.Place{Section: sec, Frac: frac}
			if !c.placed || p != c.place {
				c.place, c.placed = p, true
				c.seat.Scroll(p)
			}
		}
	}
	labShown := m.split() || m.focusLab // a narrow terminal shows one pane
	if m.leadsLab() && onLesson && m.width > 0 && labShown && !m.tooSmall() {
		w, h := m.labPane()
		k := classroom.FrameKey{W: w, H: h, Dark: m.dark, NoColor: m.noColor, Focused: c.teacher && m.focusLab}
		if !c.watched || k != c.watching {
			c.watching, c.watched = k, true
			c.seat.Watch(k)
		}
	} else if c.watched {
		c.watched = false
		c.seat.Unwatch()
	}
	st := classroom.Status{Lesson: m.lessonID(), Following: c.following}
	if m.lesson != nil {
		st.LessonMet, st.LessonTotal = contents.Met(m.store, m.lesson), len(m.lesson.Challenges)
	}
	// Challenges are met in the lesson open: count them all again only
	// when its count (or the lesson) changes, not after every message.
	if key := (lessonMet{st.Lesson, st.LessonMet}); key != c.metFor || !c.reported {
		c.metFor, c.metTotal = key, 0
		for _, l := range m.cat.All() {
			c.metTotal += contents.Met(m.store, l) // ids a lesson no longer has do not count
		}
	}
	st.Met = c.metTotal
	if !c.reported || st != c.status {
		c.status, c.reported = st, true
		c.seat.Report(st)
	}
}

// classKey handles the class's keys: detach and follow, the teacher's
// class view and polls, a student's answer. It reports false for a key
// it leaves to the screens.
func (m *Model) classKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	c := m.class
	if c == nil {
		return nil, false
	}
	if c.rosterOpen {
		return nil, m.rosterKey(msg)
	}
	if m.typing() || m.study.overlay != noOverlay {
		return nil, false
	}
	k := c.keys
	switch {
	case c.teacher && key.Matches(msg, k.Roster):
		c.rosterOpen, c.rosterTop = true, 0
		return nil, true
	case c.teacher && key.Matches(msg, k.Ask):
		msg, err := c.seat.Ask()
		m.classNote(msg, err)
		return nil, true
	case c.teacher && key.Matches(msg, k.Cancel):
		msg, err := c.seat.Cancel()
		m.classNote(msg, err)
		return nil, true
	case !c.teacher && c.following && key.Matches(msg, k.Detach):
		return m.detach(), true
	case !c.teacher && !c.following && key.Matches(msg, k.Follow):
		return m.rejoin(), true
	case !c.teacher && key.Matches(msg, k.Answer):
		return m.answer(msg), true
	}
	return nil, false
}

func (m *Model) classNote(msg string, err error) {
	if err != nil {
		m.status, m.statusBad = err.Error(), true
		return
	}
	m.status, m.statusBad = msg, false
}

// answer sends a student's choice to the hub, off the update loop.
func (m *Model) answer(msg tea.KeyPressMsg) tea.Cmd {
	p := m.class.view.Poll
	switch {
	case p == nil:
		m.status, m.statusBad = "No question is open: the teacher asks with a, then you answer with 1–4.", true
		return nil
	case p.Stage != classroom.Asking:
		m.status, m.statusBad = "Voting has closed for this question.", true
		return nil
	case p.Mine >= 0:
		m.status, m.statusBad = fmt.Sprintf("You already answered %d; one answer each.", p.Mine+1), true
		return nil
	}
	choice := int(msg.String()[0] - '1')
	seat := m.class.seat
	return func() tea.Msg { return classAnswerMsg{choice, seat.Answer(choice)} }
}

// detach gives the student a private copy of the class lab to explore.
func (m *Model) detach() tea.Cmd {
	c := m.class
	c.following = false
	if m.screen != screenLesson || m.lesson == nil || c.view.Lesson != m.lesson.ID {
		m.status, m.statusBad = "On your own now: open any lesson. Press f to follow the teacher again.", false
		return nil
	}
	st := c.view.Lab
	m.newLab(lab.WithState(m.lesson, st))
	var cmd tea.Cmd
	if m.labOK {
		m.lab.Restore(st)
		if st.Running {
			cmd = m.lab.Start()
		}
		m.lab.Note("Your own copy of the class lab (same parameters and seed, from t = 0): change anything. f follows the teacher again.", false)
	}
	m.setFocus(m.focusLab)
	return tea.Batch(cmd, m.layout())
}

// rejoin drops the private lab and goes back to the teacher's lesson,
// place and lab.
func (m *Model) rejoin() tea.Cmd {
	c := m.class
	m.stopLab()
	m.sweepCancel()
	m.labOK = false
	c.following = true
	m.status, m.statusBad = "Following the teacher again.", false
	if c.view.Lesson == "" {
		return nil
	}
	var cmd tea.Cmd
	if m.screen != screenLesson || m.lessonID() != c.view.Lesson {
		if l, ok := m.cat.Lesson(c.view.Lesson); ok {
			cmd = m.open(l)
		}
	} else {
		m.setFocus(m.focusLab)
		cmd = m.layout()
	}
	c.placeSeq = c.view.PlaceSeq
	return tea.Batch(cmd, m.reader.SetPlace(c.view.Place.Section, c.view.Place.Frac))
}

// classBlocks refuses, with a note, what a follower cannot do: leave the
// teacher's lesson.
func (m *Model) classBlocks(msg tea.KeyPressMsg) bool {
	c := m.class
	if c == nil || !c.following {
		return false
	}
	lk := m.lessonKeys
	if key.Matches(msg, lk.Next) || key.Matches(msg, lk.Prev) || key.Matches(msg, lk.Contents) {
		m.status, m.statusBad = "You are following the teacher's lesson. Press x to go your own way (f follows again).", true
		return true
	}
	return false
}

// classLabKey sends a key meant for the lab to the class lab (teacher),
// or tells a follower that the lab is the teacher's.
func (m *Model) classLabKey(msg tea.KeyPressMsg) {
	c := m.class
	if !m.leadsLab() || m.screen != screenLesson {
		return
	}
	if c.teacher {
		c.seat.LabKey(msg, m.focusLab)
		return
	}
	if labKeyMatches(c.view.LabKeys, msg, m.focusLab) {
		m.status, m.statusBad = "The class lab is the teacher's to drive. Press x for your own copy to explore (f follows again).", true
	}
}

// labKeyMatches reports whether msg is one of the lab's keys: any of
// them when the lab has the keys, else those that act from the text.
func labKeyMatches(k keys.Lab, msg tea.KeyPressMsg, focused bool) bool {
	always := []key.Binding{k.Pause, k.Step, k.Reset, k.Seed, k.Preset, k.Faster, k.Slower, k.Ghost, k.Hint, k.Plots}
	if focused {
		always = append(always, k.Prev, k.Next, k.Dec, k.Inc, k.DecBig, k.IncBig, k.Default)
	}
	for _, b := range always {
		if key.Matches(msg, b) {
			return true
		}
	}
	return false
}

// classContentsOpen: a follower who opens a lesson from the contents goes
// their own way.
func (m *Model) classContentsOpen() {
	if c := m.class; c != nil && c.following {
		c.following = false
		m.status, m.statusBad = "On your own now. Press f to follow the teacher again.", false
	}
}

// labKeys are the keys of the lab the learner drives: their own, or the
// class lab for its teacher. A follower drives none.
func (m Model) labKeys() (keys.Lab, bool) {
	switch {
	case m.labOK:
		return m.lab.Keys(), true
	case m.class != nil && m.class.teacher && m.screen == screenLesson && m.class.view.Lesson != "":
		return m.class.view.LabKeys, true
	}
	return keys.Lab{}, false
}

// classLab runs f on the class lab's run, on the hub's goroutine, and
// reports whether there was one.
func (m Model) classLab(f func(run *sim.Run)) bool {
	if m.class == nil {
		return false
	}
	return m.class.seat.Lab(func(l lab.Model) { f(l.Run()) })
}

// classNoSweep says why the class lab is not swept.
func (m *Model) classNoSweep() {
	if m.class.teacher {
		m.status, m.statusBad = "Sweeps are off for the class lab: each takes the server's cores from the class. A student can detach (x) and sweep a copy.", true
		return
	}
	m.status, m.statusBad = "The class lab is the teacher's: press x for your own copy, then w sweeps it.", true
}

// refuseFiles says why no file is written over SSH, and reports whether
// it refused.
func (m *Model) refuseFiles() bool {
	if !m.remote {
		return false
	}
	m.status, m.statusBad = "Files are not saved over SSH: they would land on the server, not on your machine. y shows the command that reproduces this lab on your own computer.", true
	return true
}
