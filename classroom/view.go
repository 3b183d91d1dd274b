package classroom

import (
	"github.com/neurotutor/neurotutor/ui/keys"
	"github.com/neurotutor/neurotutor/ui/lab"
)

// FrameKey is one way of drawing the class lab: the pane's size, the
// theme and whether the lab has the keys (a teacher adjusting it). The
// hub draws each distinct key once per frame, whoever asks for it.
type FrameKey struct {
	W, H          int
	Dark, NoColor bool
	Focused       bool
}

// Place is a position in a lesson's text that survives another width:
// the section (a heading's index, −1 above the first) and how far into
// it, 0–1.
type Place struct {
	Section int
	Frac    float64
}

// View is what one seat sees of the class now. The hub sends a new one
// whenever anything in it changes; a seat only ever sees the latest.
type View struct {
	Seq      uint64
	Lesson   string   // the class's lesson, "" before the first
	Place    Place    // the teacher's place in its text
	PlaceSeq uint64   // changes when the teacher moves
	Frame    []string // the class lab drawn for this seat's FrameKey, by line (shared: do not change)
	Lab      lab.State
	LabKeys  keys.Lab // the class lab's keys, as the teacher has them
	Running  bool
	Poll     *PollView
	Roster   *Roster // teachers only
	Teacher  string  // a teacher's name, "" when no teacher is here
}

// Stage is where a poll is: students answering, the lab running the
// reveal, or the tally shown to everyone.
type Stage int

// The stages of a poll.
const (
	Asking Stage = iota
	Running
	Revealed
)

// PollView is the poll as one seat may see it: students see the tally
// and the right answer only once revealed, and never who chose what.
type PollView struct {
	Lesson, Prediction, Question string
	Choices                      []string
	Stage                        Stage
	Mine                         int   // this seat's choice from 0, −1 for none
	Answer                       int   // the right choice from 0; −1 until revealed (students)
	Counts                       []int // per choice; nil until revealed (students)
	Answered, Students           int
	Reveal                       string // the lab state that reveals it, "β = 1.2"
	AfterMS                      float64
	Explain                      string // shown once revealed
}

// Member is one connected seat, for the teacher's class view.
type Member struct {
	Name             string
	Teacher          bool
	Following        bool
	Lesson           string
	Met              int // challenges met in all lessons
	LessonMet        int // in the lesson shown
	LessonChallenges int
	Answered         bool // the current poll
}

// Roster is everyone connected, teachers first, then by name.
type Roster struct {
	Members                       []Member
	Teachers, Following, Detached int
}

// Status is what a seat tells the hub about itself.
type Status struct {
	Lesson                      string
	Following                   bool
	Met, LessonMet, LessonTotal int
}
