package ui_test

import (
	"io"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/neurotutor/neurotutor/classroom"
	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/progress"
	"github.com/neurotutor/neurotutor/screencast"
	"github.com/neurotutor/neurotutor/sim/models"
	"github.com/neurotutor/neurotutor/ui"
)

// BenchmarkFollowerFrame measures what one student following a class
// costs per frame of the class lab, on the spiking lesson at 120×40: the
// program takes in the hub's view and draws its screen, and the server's
// screencast encodes the change for the terminal (into a buffer: SSH's
// encryption is not counted, nor the hub's simulation and drawing of the
// lab, which every follower shares). With shared, 99 more followers at
// the same size take the same frame, as in a class where everyone's
// terminal is one size; without, the follower is alone at its size and
// every frame is encoded for it.
func BenchmarkFollowerFrame(b *testing.B) {
	for _, shared := range []bool{false, true} {
		name := "alone"
		if shared {
			name = "shared-by-100"
		}
		b.Run(name, func(b *testing.B) { benchmarkFollowerFrame(b, shared) })
	}
}

func benchmarkFollowerFrame(b *testing.B, shared bool) {
	reg := models.Registry()
	cat, err := lessons.Default(reg)
	if err != nil {
		b.Fatal(err)
	}
	hub := classroom.New(cat, reg, nil, 10, nil)
	defer hub.Close()
	teacher := hub.Join("t", "teacher", true, nil)
	seat := hub.Join("s", "student", false, nil)
	defer seat.Leave()
	defer teacher.Leave()
	teacher.Open("spiking")
	store, _ := progress.Open("")
	var m tea.Model = ui.New(cat, reg, store, ui.WithClass(seat), ui.WithTheme(true))
	m = settle(b, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	// Frames of the running lab, as the hub sent them.
	var views []tea.Msg
	for len(views) < 30 {
		msg := seat.Next()()
		m = settle(b, m, msg)
		if v := msg.(classroom.ViewMsg).View; v.Frame != nil && v.Lesson == "spiking" {
			views = append(views, msg)
		}
	}
	if s := m.View().Content; !strings.Contains(s, "Spiking networks") || !strings.Contains(s, "following teacher") {
		b.Fatalf("not following the spiking lesson:\n%s", s)
	}
	term := screencast.Terminal{Width: 120, Height: 40, Profile: colorprofile.ANSI256, Term: "xterm-256color", MapNewline: true}
	caster := screencast.New()
	screens := []*screencast.Screen{caster.NewScreen(io.Discard, new(sync.Mutex), term)}
	for range 99 {
		if shared {
			screens = append(screens, caster.NewScreen(io.Discard, new(sync.Mutex), term))
		}
	}
	b.ReportAllocs()
	cpu0 := cpuTime()
	n := 0
	for i := 0; b.Loop(); i++ {
		m, _ = m.Update(views[i%len(views)])
		v := m.View()
		// The 30 frames come round again: each round ends its screens
		// with more resets, which change no cell, so that no change of
		// screen is found already encoded from an earlier round.
		v.Content += strings.Repeat("\x1b[m", i/len(views)%1000)
		for _, s := range screens {
			s.SetView(v)
			s.Flush()
		}
		n++
	}
	// CPU time is steadier than wall time on a shared machine; it includes
	// the hub's own work, which followers share.
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(n*len(screens)), "cpu-µs/follower-frame")
}

// cpuTime is the process's CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// settle takes in msg and what its commands send back, except the class
// subscription (which waits for the next view).
func settle(b *testing.B, m tea.Model, msg tea.Msg) tea.Model {
	queue := []tea.Msg{msg}
	for n := 0; len(queue) > 0; n++ {
		if n > 200 {
			b.Fatalf("message loop did not settle: %T %+v", queue[0], queue[0])
		}
		var cmd tea.Cmd
		m, cmd = m.Update(queue[0])
		queue = queue[1:]
		queue = append(queue, runSkipping(cmd)...)
	}
	return m
}

func runSkipping(cmd tea.Cmd) []tea.Msg {
	if cmd == nil || strings.Contains(runtimeName(cmd), "(*Seat).Next") || isTick(cmd) {
		return nil
	}
	if batch, ok := cmd().(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, runSkipping(c)...)
		}
		return out
	}
	return run(cmd)
}
