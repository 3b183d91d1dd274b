package lab

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// The lab's pace is simulated time per wall-clock time: 1× is real time,
// one second of the model's time each second. A lab starts at its model's
// own pace (Info.Speed, simulated ms per second), and + and − step
// through paces, the last of them "max": as fast as the machine allows
// while the screen keeps up.
var paces = []float64{0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100}

// maxPace is the pace of "max" when the machine is faster still (and the
// bound of a frame under a clock that does not move, as in tests).
const maxPace = 1000

// stall is the longest wall-clock gap a frame makes up for: after a
// stall (a suspended terminal, a busy machine) the lab goes on from where
// it was rather than leaping ahead.
const stall = 250 * time.Millisecond

// holdWall is the wall-clock time a challenge's hold is fast-forwarded to
// at most: once its conditions hold, the lab runs fast enough to finish
// the hold in this long, so a learner waits seconds, not minutes.
const holdWall = 2 * time.Second

// paceLabel names the pace set: "max", or a multiple of real time.
func (m Model) paceLabel() string {
	if m.pace == 0 {
		return "max"
	}
	return formatPace(m.pace)
}

// formatPace writes a pace: 0.08×, 1×, 20×.
func formatPace(p float64) string {
	if p >= 10 {
		return strconv.FormatFloat(math.Round(p), 'f', 0, 64) + "×"
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(p, 'g', 2, 64), 64) // two significant digits
	return strconv.FormatFloat(r, 'f', -1, 64) + "×"
}

// nextPace is the pace one step up (n > 0) or down from the current one
// along paces, the top step being max.
func (m *Model) nextPace(n int) {
	switch {
	case n > 0 && m.pace == 0:
	case n > 0:
		next := 0.0 // max
		for _, p := range paces {
			if p > m.pace*(1+1e-9) {
				next = p
				break
			}
		}
		m.pace = next
	case m.pace == 0:
		m.pace = paces[len(paces)-1]
	default:
		for i := len(paces) - 1; i >= 0; i-- {
			if paces[i] < m.pace*(1-1e-9) {
				m.pace = paces[i]
				return
			}
		}
	}
}

// effectivePace is the pace this frame runs at: the set pace, or faster
// while a challenge's hold is being fast-forwarded.
func (m *Model) effectivePace() float64 {
	p := m.pace
	if p == 0 {
		p = maxPace
	}
	if hold := m.holding(); hold > 0 {
		p = math.Max(p, hold/float64(holdWall.Milliseconds()))
	}
	return p
}

// holding is the longest hold (ms) of the challenges not yet met whose
// conditions hold now, 0 when none: the lab hurries such holds.
func (m *Model) holding() float64 {
	if !m.running {
		return 0
	}
	now, hold := m.run.Model.Time(), 0.0
	for _, k := range m.checks {
		if !k.Solved && k.Held(now) > 0 {
			hold = math.Max(hold, k.Challenge.HoldMS)
		}
	}
	return hold
}

// fastForward reports whether a hold is being hurried.
func (m *Model) fastForward() bool { return m.effectivePace() > math.Max(m.pace, 0) && m.pace != 0 }

// stepMS is the simulated time one frame advances at the pace set, for
// the one-frame key.
func (m Model) stepMS() float64 {
	p := m.pace
	if p == 0 {
		p = maxPace
	}
	return math.Max(m.info.DT, p*1000/float64(m.fps))
}

// frame advances the run by the wall-clock time since the last frame at
// the effective pace, as far as the frame's compute budget allows, and
// measures the pace achieved.
func (m *Model) frame() {
	now := m.now()
	wall := now.Sub(m.lastTick)
	m.lastTick = now
	wall = min(max(wall, 0), stall)
	wallMS := wall.Seconds() * 1000
	want := m.effectivePace() * wallMS // simulated ms
	if wall <= 0 {
		want = m.effectivePace() * 1000 / float64(m.fps) // a clock that does not move
	}
	want += m.owed
	done := m.advanceFor(want, now.Add(m.frameBudget()))
	// Carry what whole steps could not cover, so that 1× stays exact; time
	// the machine could not keep up with is let go.
	m.owed = min(max(want-done, 0), m.info.DT)
	if wall > 0 { // running mean of the pace achieved, over about a second
		got := done / wallMS
		a := math.Min(1, float64(wall)/float64(time.Second))
		if m.achieved == 0 {
			a = 1
		}
		m.achieved += a * (got - m.achieved)
	}
}

// frameBudget is the wall-clock time a frame may spend simulating: most of the
// frame, so that drawing and keys still fit in it.
func (m Model) frameBudget() time.Duration { return time.Second / time.Duration(m.fps) * 6 / 10 }

// advanceFor steps the run toward ms of simulated time, in slices, until
// done or the deadline passes, and returns the simulated time advanced.
func (m *Model) advanceFor(ms float64, deadline time.Time) float64 {
	total := int(ms / m.info.DT) // whole steps; the rest is owed
	t0 := m.run.Model.Time()
	slice := 64
	for done := 0; done < total; {
		n := min(slice, total-done)
		if !m.guard(func() { m.run.Advance(float64(n) * m.info.DT) }) {
			break
		}
		done += n
		if m.now().After(deadline) {
			break
		}
		slice *= 2
	}
	return m.run.Model.Time() - t0
}

// behind reports whether the machine does not keep up with the pace set.
func (m Model) behind() bool {
	want := m.pace
	if want == 0 {
		want = maxPace
	}
	return m.running && m.achieved > 0 && m.achieved < 0.9*want
}

// paceText is the header's account of the pace: the pace set, and the
// pace achieved when the machine falls behind it ("1× · actual 0.4×"),
// or for max what max is ("max · 37×").
func (m Model) paceText() string {
	s := m.paceLabel()
	switch {
	case m.fastForward():
		s += " ⏩"
	case m.pace == 0 && m.running && m.achieved > 0:
		s += " · " + formatPace(m.achieved)
	case m.behind():
		s += fmt.Sprintf(" · actual %s", formatPace(m.achieved))
	}
	return s
}
