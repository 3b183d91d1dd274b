package progress

import "slices"

// Tracker is what the tutorial needs of a learner's progress: the lesson
// last open, each lesson's state, and four changes that are saved as they
// happen. *Store (the progress file) implements it for the terminal; the
// classroom server keeps each student's progress in its database.
//
// A change reports whether anything changed; an error means it could not
// be saved, and the tracker keeps it in memory all the same.
type Tracker interface {
	Last() string
	Lesson(id string) Lesson
	SetLast(id string) (bool, error)
	MarkRead(id string) (bool, error)
	MarkSolved(lesson, challenge string) (bool, error)
	SetPlace(lesson string, p Place) (bool, error)
}

var _ Tracker = (*Store)(nil)

// Met reports whether a tracker has a challenge as met.
func Met(t Tracker, lesson, challenge string) bool {
	return slices.Contains(t.Lesson(lesson).Solved, challenge)
}
