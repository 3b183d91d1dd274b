package classroom

import (
	"errors"
	"fmt"
	"strings"

	"github.com/neurotutor/neurotutor/classdb"
	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim"
)

// poll is a prediction put to the class.
type poll struct {
	lesson  *lessons.Lesson
	pred    *lessons.Prediction
	dbID    int64 // 0 when it could not be saved
	stage   Stage
	answers map[string]int // choice from 0, by student id
}

// advance asks the lesson's next prediction, or moves the open poll to
// its next stage. It returns a line for the teacher.
func (h *Hub) advance() string {
	p := h.poll
	if p == nil {
		return h.ask()
	}
	switch p.stage {
	case Asking:
		p.stage = Running
		pr := p.pred
		note := fmt.Sprintf("Prediction: the lab runs with %s; the answer shows after %s ms.", describe(h.reg, p.lesson, pr.Run), sim.FormatValue(pr.AfterMS))
		h.build(p.lesson, pr.Run, note, true)
		return fmt.Sprintf("Voting closed (%d answers); the lab runs the reveal. Press a again to show the tally to the class.", len(p.answers))
	case Running:
		p.stage = Revealed
		return "The tally is on every screen. Press a again to close the poll."
	}
	h.poll = nil
	return "Poll closed."
}

// ask puts the next prediction of the class's lesson to the class.
func (h *Hub) ask() string {
	l := h.lesson
	if l == nil {
		return "Open a lesson first: predictions come from the lesson's front matter."
	}
	if len(l.Predictions) == 0 {
		return fmt.Sprintf("%s has no prediction to ask (lessons declare them under predictions: in their front matter).", l.Title)
	}
	i := h.asked[l.ID] % len(l.Predictions)
	h.asked[l.ID] = i + 1
	pr := &l.Predictions[i]
	p := &poll{lesson: l, pred: pr, stage: Asking, answers: map[string]int{}}
	choices := make([]string, len(pr.Choices))
	for j, c := range pr.Choices {
		choices[j] = c.Text
	}
	id, err := h.db.NewPoll(classdb.Poll{Lesson: l.ID, Prediction: pr.ID, Question: pr.Question, Choices: choices, Answer: pr.Answer - 1})
	p.dbID = id
	h.poll = p
	// The question speaks of the lesson's starting state, and the reveal
	// runs from it: the class sees that state while it votes.
	h.build(l, nil, "Predict, then run: the lab is back at the lesson's starting values.", true)
	msg := fmt.Sprintf("Asked %q (%d of %d in this lesson). Answers come in live; press a to close voting and run the lab, A to cancel.", pr.ID, i+1, len(l.Predictions))
	if err != nil {
		h.logf("%v", err)
		msg += " The poll could not be saved (" + err.Error() + "); it runs in memory."
	}
	return msg
}

// cancelPoll drops the open poll.
func (h *Hub) cancelPoll() string {
	if h.poll == nil {
		return "No poll is open."
	}
	h.poll = nil
	return "Poll cancelled."
}

// answer records a student's choice and returns the poll's database id.
func (h *Hub) answer(s *Seat, choice int) (int64, error) {
	p := h.poll
	switch {
	case p == nil:
		return 0, errors.New("no question is open")
	case p.stage != Asking:
		return 0, errors.New("voting has closed for this question")
	case choice < 0 || choice >= len(p.pred.Choices):
		return 0, fmt.Errorf("there is no choice %d: choose 1 to %d", choice+1, len(p.pred.Choices))
	}
	if prev, ok := p.answers[s.id]; ok {
		return 0, fmt.Errorf("you already answered %d; one answer each", prev+1)
	}
	p.answers[s.id] = choice
	return p.dbID, nil
}

// pollView is the open poll as seat s may see it.
func (h *Hub) pollView(s *Seat) *PollView {
	p := h.poll
	if p == nil {
		return nil
	}
	pr := p.pred
	v := &PollView{Lesson: p.lesson.ID, Prediction: pr.ID, Question: pr.Question, Stage: p.stage, Mine: -1, Answer: -1,
		Answered: len(p.answers), Students: h.students(), Reveal: describe(h.reg, p.lesson, pr.Run), AfterMS: pr.AfterMS}
	for _, c := range pr.Choices {
		v.Choices = append(v.Choices, c.Text)
	}
	if c, ok := p.answers[s.id]; ok {
		v.Mine = c
	}
	if s.teacher || p.stage == Revealed {
		v.Counts = make([]int, len(pr.Choices))
		for _, c := range p.answers {
			v.Counts[c]++
		}
	}
	if p.stage == Revealed || s.teacher {
		v.Answer = pr.Answer - 1
	}
	if p.stage == Revealed {
		v.Explain = pr.Explain
	}
	return v
}

// students counts the students connected.
func (h *Hub) students() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for s := range h.seats {
		if !s.teacher {
			n++
		}
	}
	return n
}

// describe writes settings with their labels and units: "β = 1.2".
func describe(reg *sim.Registry, l *lessons.Lesson, s lessons.Settings) string {
	info, err := reg.Info(l.Lab.Model)
	var parts []string
	for _, x := range s {
		label, unit := x.Key, ""
		if err == nil {
			if p, ok := sim.FindParam(info.Params, x.Key); ok {
				label, unit = p.Label, p.Unit
				if len(p.Choices) > 0 {
					parts = append(parts, label+" = "+p.Format(x.Value))
					continue
				}
			}
		}
		part := label + " = " + sim.FormatValue(x.Value)
		if unit != "" {
			part += " " + unit
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, ", ")
}
