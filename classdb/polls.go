package classdb

import (
	"database/sql"
	"encoding/json"
	"errors"

	"modernc.org/sqlite"
)

// Poll is a prediction put to the class: its lesson and id, the question
// and choices as asked, and the index of the right choice (from 0).
type Poll struct {
	Lesson, Prediction, Question string
	Choices                      []string
	Answer                       int
}

// ErrAnswered is returned when a student answers a poll twice.
var ErrAnswered = errors.New("this student has already answered this poll")

// codeConstraint is SQLITE_CONSTRAINT's primary code.
const codeConstraint = 19

// NewPoll records a poll as asked now and returns its id (0 on a nil DB).
func (d *DB) NewPoll(p Poll) (int64, error) {
	if d == nil {
		return 0, nil
	}
	choices, err := json.Marshal(p.Choices)
	if err != nil {
		return 0, err
	}
	var id int64
	err = d.tx(func(tx *sql.Tx) error {
		r, err := tx.Exec(`INSERT INTO polls (lesson, prediction, question, choices, answer, asked_at) VALUES (?, ?, ?, ?, ?, ?)`,
			p.Lesson, p.Prediction, p.Question, string(choices), p.Answer, d.stamp())
		if err != nil {
			return err
		}
		id, err = r.LastInsertId()
		return err
	})
	if err != nil {
		return 0, explain(d.path, err)
	}
	return id, nil
}

// Answer records a student's choice (from 0) in a poll, once: a second
// answer is refused with ErrAnswered and the first one stands.
func (d *DB) Answer(poll int64, student string, choice int) error {
	if d == nil || poll == 0 {
		return nil
	}
	err := d.tx(func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO answers (poll, student, choice, at) VALUES (?, ?, ?, ?)`, poll, student, choice, d.stamp())
		return err
	})
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == codeConstraint {
		return ErrAnswered
	}
	if err != nil {
		return explain(d.path, err)
	}
	return nil
}
