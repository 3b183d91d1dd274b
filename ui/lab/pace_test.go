package lab

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/sim/models"
	"github.com/neurotutor/neurotutor/sim/network"
	"github.com/neurotutor/neurotutor/ui/theme"
)

// solveBound is the wall-clock time within which every challenge's
// solution, set in the lab, is met at the lab's own pace (the model's
// starting pace, on a machine that keeps up): the time the model needs to
// get there plus the hold, which the lab fast-forwards to at most two
// seconds.
const solveBound = 20 * time.Second

// TestChallengesMetAtTheLabsPace opens every lesson's lab with each
// challenge's solution over the lesson's values, runs it frame by frame at
// 30 frames a second on a fake clock, and checks the challenge is met
// within solveBound of wall-clock time.
func TestChallengesMetAtTheLabsPace(t *testing.T) {
	reg := models.Registry()
	cat, err := lessons.Default(reg)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range cat.All() {
		for i := range l.Challenges {
			ch := &l.Challenges[i]
			t.Run(l.ID+"/"+ch.ID, func(t *testing.T) {
				t.Parallel()
				wall, ok := solveAtPace(t, l, ch, solveBound)
				if !ok {
					t.Fatalf("not met within %v of wall-clock time at the lab's pace (solution %v)", solveBound, ch.Solution)
				}
				t.Logf("met after %.1f s", wall.Seconds())
			})
		}
	}
}

// solveAtPace runs the lesson's lab with ch's solution applied on a fake
// clock until ch is met or limit passes, and returns the wall-clock time.
func solveAtPace(t *testing.T, l *lessons.Lesson, ch *lessons.Challenge, limit time.Duration) (time.Duration, bool) {
	t.Helper()
	model, err := models.Registry().New(l.Lab.Model)
	if err != nil {
		t.Fatal(err)
	}
	c := *l
	c.Lab.Params = append(append(lessons.Settings{}, l.Lab.Params...), ch.Solution...)
	m, err := New(1, &c, model, nil, theme.Of(true))
	if err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{}
	m.now = clock.now
	m.Start()
	frame := time.Second / DefaultFPS
	for wall := time.Duration(0); wall <= limit; wall += frame {
		clock.advance(frame)
		m, _ = m.Update(TickMsg{Lab: m.id, Seq: m.seq})
		if m.solved[ch.ID] {
			return wall + frame, true
		}
		if m.failure != "" {
			t.Fatalf("the model failed: %s", m.failure)
		}
	}
	return limit, false
}

// TestOneTimesIsRealTime: at 1× a second of wall-clock time advances the
// model by a second, whatever the frame rate.
func TestOneTimesIsRealTime(t *testing.T) {
	for _, fps := range []int{30, 15} {
		m := newLab(t, wtaLesson(), network.NewWTA())
		m.SetFPS(fps)
		clock := &fakeClock{}
		m.now = clock.now
		for m.pace != 1 {
			m.nextPace(1)
		}
		m.Start()
		for range fps {
			clock.advance(time.Second / time.Duration(fps))
			m, _ = m.Update(TickMsg{Lab: m.id, Seq: m.seq})
		}
		if got := m.Time(); math.Abs(got-1000) > 1 {
			t.Errorf("%d fps: %.1f ms of model time after 1 s at 1×, want 1000", fps, got)
		}
		if h := ansi.Strip(m.View()); !strings.Contains(h, "▶ running 1×  t = 1000 ms") {
			t.Errorf("%d fps: header does not show 1× and the clock:\n%s", fps, h)
		}
	}
}

// TestPaceShowsWhenBehind: when simulating a frame takes longer than the
// frame's budget, the lab does what it can and says so: the pace set and
// the pace achieved.
func TestPaceShowsWhenBehind(t *testing.T) {
	m := newLab(t, wtaLesson(), network.NewWTA())
	clock := &fakeClock{}
	m.now = func() time.Time { // every look at the clock costs 5 ms
		clock.advance(5 * time.Millisecond)
		return clock.now()
	}
	for m.pace != 100 {
		m.nextPace(1)
	}
	m.Start()
	for range 30 {
		clock.advance(time.Second / 30)
		m, _ = m.Update(TickMsg{Lab: m.id, Seq: m.seq})
	}
	h := ansi.Strip(m.View())
	if !m.behind() || !strings.Contains(h, "100× · actual ") {
		t.Errorf("achieved %.3g× at 100× set, behind %v; header:\n%s", m.achieved, m.behind(), h)
	}
	m.nextPace(1) // max says what max is
	m, _ = m.Update(TickMsg{Lab: m.id, Seq: m.seq})
	if h := ansi.Strip(m.View()); !strings.Contains(h, "max · ") {
		t.Errorf("max does not show its pace:\n%s", h)
	}
}

// TestHoldIsFastForwarded: lif's first challenge holds for 1000 ms of
// model time; at the lab's 0.08× that would be 12.5 s of waiting. Once
// the conditions hold the lab hurries, and says so.
func TestHoldIsFastForwarded(t *testing.T) {
	reg := models.Registry()
	cat, err := lessons.Default(reg)
	if err != nil {
		t.Fatal(err)
	}
	l, _ := cat.Lesson("lif")
	ch := &l.Challenges[0]
	if ch.HoldMS != 1000 {
		t.Fatalf("lif's first challenge holds %g ms; the test assumes 1000", ch.HoldMS)
	}
	wall, ok := solveAtPace(t, l, ch, solveBound)
	if !ok || wall > 5*time.Second {
		t.Errorf("met %v after %v of wall-clock time; want within 5 s (1000 ms held at 0.08× would be 12.5 s)", ok, wall)
	}
}
