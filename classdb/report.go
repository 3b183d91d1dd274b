package classdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// Report is everything the database holds about a class: each student's
// progress and answers, and each poll with its tally. Teachers, whose
// progress is kept too, are apart from the students.
type Report struct {
	Students []StudentReport `json:"students"`
	Teachers []StudentReport `json:"teachers"`
	Polls    []PollReport    `json:"polls"`
}

// StudentReport is one student's progress. Times are RFC 3339, UTC.
type StudentReport struct {
	ID          string         `json:"id"`
	Name        string         `json:"name"`
	FirstSeen   string         `json:"first_seen"`
	LastSeen    string         `json:"last_seen"`
	LastLesson  string         `json:"last_lesson"`
	Teacher     bool           `json:"-"`
	LessonsRead []string       `json:"lessons_read"`
	Challenges  []ChallengeMet `json:"challenges_met"`
	Answers     []AnswerReport `json:"answers"`
}

// ChallengeMet is one challenge a student met.
type ChallengeMet struct {
	Lesson    string `json:"lesson"`
	Challenge string `json:"challenge"`
}

// AnswerReport is one student's answer to a poll; Choice counts from 1,
// as the students pressed it.
type AnswerReport struct {
	Poll   int64 `json:"poll"`
	Choice int   `json:"choice"`
	Right  bool  `json:"right"`
}

// PollReport is one poll: the question as asked, the right choice (from
// 1), and how many students chose each choice.
type PollReport struct {
	ID         int64    `json:"id"`
	Lesson     string   `json:"lesson"`
	Prediction string   `json:"prediction"`
	Question   string   `json:"question"`
	Choices    []string `json:"choices"`
	Answer     int      `json:"answer"`
	AskedAt    string   `json:"asked_at"`
	Counts     []int    `json:"counts"`
	Answered   int      `json:"answered"`
	Right      int      `json:"right"`
}

// Report reads the whole class, students by name, polls in the order
// asked.
func (d *DB) Report() (*Report, error) {
	r := &Report{Students: []StudentReport{}, Teachers: []StudentReport{}, Polls: []PollReport{}}
	if d == nil {
		return r, nil
	}
	err := d.read(func(q querier) error {
		if err := r.readStudents(q); err != nil {
			return err
		}
		return r.readPolls(q)
	})
	if err != nil {
		return nil, explain(d.path, err)
	}
	return r, nil
}

func (r *Report) readStudents(tx querier) error {
	byID := map[string]*StudentReport{}
	err := each(tx, `SELECT id, name, first_seen, last_seen, last_lesson, teacher FROM students ORDER BY name, id`, func(rows *sql.Rows) error {
		s := StudentReport{LessonsRead: []string{}, Challenges: []ChallengeMet{}, Answers: []AnswerReport{}}
		if err := rows.Scan(&s.ID, &s.Name, &s.FirstSeen, &s.LastSeen, &s.LastLesson, &s.Teacher); err != nil {
			return err
		}
		r.Students = append(r.Students, s)
		return nil
	})
	if err != nil {
		return err
	}
	for i := range r.Students {
		byID[r.Students[i].ID] = &r.Students[i]
	}
	err = each(tx, `SELECT student, lesson FROM lessons_read ORDER BY lesson`, func(rows *sql.Rows) error {
		var id, l string
		if err := rows.Scan(&id, &l); err != nil {
			return err
		}
		if s := byID[id]; s != nil {
			s.LessonsRead = append(s.LessonsRead, l)
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = each(tx, `SELECT student, lesson, challenge FROM challenges_met ORDER BY lesson, challenge`, func(rows *sql.Rows) error {
		var id string
		var c ChallengeMet
		if err := rows.Scan(&id, &c.Lesson, &c.Challenge); err != nil {
			return err
		}
		if s := byID[id]; s != nil {
			s.Challenges = append(s.Challenges, c)
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = each(tx, `SELECT a.student, a.poll, a.choice, a.choice = p.answer FROM answers a JOIN polls p ON p.id = a.poll ORDER BY a.poll`, func(rows *sql.Rows) error {
		var id string
		var a AnswerReport
		if err := rows.Scan(&id, &a.Poll, &a.Choice, &a.Right); err != nil {
			return err
		}
		a.Choice++
		if s := byID[id]; s != nil {
			s.Answers = append(s.Answers, a)
		}
		return nil
	})
	if err != nil {
		return err
	}
	all := r.Students
	r.Students = []StudentReport{}
	for _, s := range all {
		if s.Teacher {
			r.Teachers = append(r.Teachers, s)
		} else {
			r.Students = append(r.Students, s)
		}
	}
	return nil
}

func (r *Report) readPolls(tx querier) error {
	err := each(tx, `SELECT id, lesson, prediction, question, choices, answer, asked_at FROM polls ORDER BY id`, func(rows *sql.Rows) error {
		var p PollReport
		var choices string
		if err := rows.Scan(&p.ID, &p.Lesson, &p.Prediction, &p.Question, &choices, &p.Answer, &p.AskedAt); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(choices), &p.Choices); err != nil {
			return fmt.Errorf("poll %d: choices: %w", p.ID, err)
		}
		p.Counts = make([]int, len(p.Choices))
		p.Answer++
		r.Polls = append(r.Polls, p)
		return nil
	})
	if err != nil {
		return err
	}
	byID := map[int64]*PollReport{}
	for i := range r.Polls {
		byID[r.Polls[i].ID] = &r.Polls[i]
	}
	return each(tx, `SELECT poll, choice, COUNT(*) FROM answers GROUP BY poll, choice`, func(rows *sql.Rows) error {
		var id int64
		var choice, n int
		if err := rows.Scan(&id, &choice, &n); err != nil {
			return err
		}
		if p := byID[id]; p != nil && choice >= 0 && choice < len(p.Counts) {
			p.Counts[choice] += n
			p.Answered += n
			if choice+1 == p.Answer {
				p.Right += n
			}
		}
		return nil
	})
}

// querier runs a query.
type querier func(query string) (*sql.Rows, error)

// read runs f in one read transaction, which takes no write lock: a
// report while the server writes sees one consistent state.
func (d *DB) read(f func(querier) error) error {
	ctx := context.Background()
	c, err := d.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return err
	}
	defer c.ExecContext(ctx, "ROLLBACK")
	return f(func(query string) (*sql.Rows, error) { return c.QueryContext(ctx, query) })
}

// each runs a query and calls f on every row.
func each(q querier, query string, f func(*sql.Rows) error) error {
	rows, err := q(query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := f(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
