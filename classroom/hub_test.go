package classroom

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim/models"
)

func newHub(t *testing.T) *Hub {
	t.Helper()
	reg := models.Registry()
	cat, err := lessons.Default(reg)
	if err != nil {
		t.Fatal(err)
	}
	h := New(cat, reg, nil, 15, nil)
	t.Cleanup(h.Close)
	return h
}

// next waits for the seat's next view that satisfies ok.
func next(t *testing.T, s *Seat, what string, ok func(View) bool) View {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		got := make(chan tea.Msg, 1)
		go func() { got <- s.Next()() }()
		select {
		case msg := <-got:
			vm, _ := msg.(ViewMsg)
			if ok(vm.View) {
				return vm.View
			}
		case <-deadline:
			t.Fatalf("no view with %s", what)
		}
	}
}

func key(s string) tea.KeyPressMsg {
	switch s {
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	}
	return tea.KeyPressMsg{Code: rune(s[0]), Text: s}
}

// TestTeacherDrivesFollowersSee: the teacher's lesson and parameter
// change reach a follower's frame; a student cannot drive.
func TestTeacherDrivesFollowersSee(t *testing.T) {
	h := newHub(t)
	teacher := h.Join("SHA256:t", "Prof", true, nil)
	student := h.Join("user:s", "sam", false, nil)
	k := FrameKey{W: 50, H: 30, Dark: true}
	student.Watch(k)
	if err := teacher.Open("wta"); err != nil {
		t.Fatal(err)
	}
	v := next(t, student, "the wta lab", func(v View) bool {
		return v.Lesson == "wta" && strings.Contains(strings.Join(v.Frame, "\n"), "β   0.20")
	})
	if v.Roster != nil || v.Poll != nil {
		t.Error("a student sees the roster or a poll")
	}
	// β is the ninth control: select it and raise it by ten steps.
	for range 8 {
		teacher.LabKey(key("down"), true)
	}
	teacher.LabKey(key("L"), true)
	next(t, student, "β raised to 0.70", func(v View) bool { return strings.Contains(strings.Join(v.Frame, "\n"), "β   0.70") })
	if err := student.LabKey(key("L"), true); err != ErrNotTeacher {
		t.Errorf("a student drove the class lab: %v", err)
	}
	tv := next(t, teacher, "the roster", func(v View) bool { return v.Roster != nil && len(v.Roster.Members) == 2 })
	if tv.Roster.Teachers != 1 || tv.Roster.Following != 1 || tv.Roster.Members[0].Name != "Prof" {
		t.Errorf("roster: %+v", tv.Roster)
	}
}

// TestPollOnceEachAndPrivate: answers are tallied, once per student,
// hidden from students until the reveal.
func TestPollOnceEachAndPrivate(t *testing.T) {
	h := newHub(t)
	teacher := h.Join("SHA256:t", "Prof", true, nil)
	a := h.Join("user:a", "a", false, nil)
	b := h.Join("user:b", "b", false, nil)
	teacher.Open("wta")
	// The teacher strays from the lesson's values first; asking brings
	// the class lab back to them, which is what the question speaks of.
	teacher.LabKey(key("L"), true)
	if msg, err := teacher.Ask(); err != nil || !strings.Contains(msg, `Asked "beta-up"`) {
		t.Fatalf("ask: %q %v", msg, err)
	}
	next(t, a, "the starting values", func(v View) bool {
		n, _ := v.Lab.Params.Lookup("n")
		beta, _ := v.Lab.Params.Lookup("beta")
		return v.Poll != nil && n == 4 && beta == 0.2
	})
	if _, err := a.Ask(); err != ErrNotTeacher {
		t.Errorf("a student asked: %v", err)
	}
	if err := a.Answer(1); err != nil {
		t.Fatal(err)
	}
	if err := a.Answer(0); err == nil || !strings.Contains(err.Error(), "you already answered 2") {
		t.Errorf("second answer: %v", err)
	}
	if err := b.Answer(7); err == nil || !strings.Contains(err.Error(), "choose 1 to 4") {
		t.Errorf("out of range: %v", err)
	}
	b.Answer(0)
	sv := next(t, a, "the poll", func(v View) bool { return v.Poll != nil && v.Poll.Answered == 2 })
	if sv.Poll.Counts != nil || sv.Poll.Answer != -1 || sv.Poll.Mine != 1 {
		t.Errorf("a student sees before the reveal: %+v", sv.Poll)
	}
	tv := next(t, teacher, "the tally", func(v View) bool { return v.Poll != nil && v.Poll.Answered == 2 })
	if tv.Poll.Counts[0] != 1 || tv.Poll.Counts[1] != 1 {
		t.Errorf("teacher's tally: %v", tv.Poll.Counts)
	}
	teacher.Ask() // voting closes, the lab runs β = 1.2
	if err := b.Answer(1); err == nil || !strings.Contains(err.Error(), "voting has closed") {
		t.Errorf("late answer: %v", err)
	}
	teacher.Ask() // revealed
	rv := next(t, b, "the reveal", func(v View) bool { return v.Poll != nil && v.Poll.Stage == Revealed })
	if rv.Poll.Answer != 1 || rv.Poll.Counts[1] != 1 || rv.Poll.Mine != 0 || rv.Poll.Explain == "" {
		t.Errorf("reveal: %+v", rv.Poll)
	}
	if rv.Lab.Params == nil {
		t.Fatal("no lab state")
	}
	if v, _ := rv.Lab.Params.Lookup("beta"); v != 1.2 {
		t.Errorf("the reveal runs β = %v, want 1.2", v)
	}
}
