package ui_test

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/progress"
	"github.com/neurotutor/neurotutor/sim/models"
	"github.com/neurotutor/neurotutor/ui"
	"github.com/neurotutor/neurotutor/ui/lab"
	"github.com/neurotutor/neurotutor/ui/reader"
)

// BenchmarkFirstFrame measures start to first frame: load and validate the
// embedded catalog, build the program at a lesson, take the window size
// and draw. The lesson text renders afterwards, in a command.
func BenchmarkFirstFrame(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		reg := models.Registry()
		cat, err := lessons.Default(reg)
		if err != nil {
			b.Fatal(err)
		}
		store, _ := progress.Open("")
		var m tea.Model = ui.New(cat, reg, store, ui.WithLesson("wta"), ui.WithAutoRun(false))
		m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		_ = m.View()
	}
}

// lessonAt returns the program at a lesson, laid out at 120×40 with its
// text rendered and the lab focused.
func lessonAt(b *testing.B, id string) tea.Model {
	reg := models.Registry()
	cat, err := lessons.Default(reg)
	if err != nil {
		b.Fatal(err)
	}
	store, _ := progress.Open("")
	var m tea.Model = ui.New(cat, reg, store, ui.WithLesson(id), ui.WithAutoRun(false))
	return send(b, m, append(run(m.Init()), tea.WindowSizeMsg{Width: 120, Height: 40}, key("tab"))...)
}

// BenchmarkKeypressRedraw measures one parameter change and the redraw it
// causes at 120×40 (a live parameter: the run goes on).
func BenchmarkKeypressRedraw(b *testing.B) {
	m := lessonAt(b, "wta")
	right, left := key("right"), key("left")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k := right
		if i%2 == 1 {
			k = left
		}
		m, _ = m.Update(k)
		_ = m.View()
	}
}

// BenchmarkScrollRedraw measures scrolling the text one line and redrawing.
func BenchmarkScrollRedraw(b *testing.B) {
	m := lessonAt(b, "wta")
	m = send(b, m, key("tab"))
	down, up := key("down"), key("up")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k := down
		if i%2 == 1 {
			k = up
		}
		m, _ = m.Update(k)
		_ = m.View()
	}
}

// BenchmarkAnimationFrame measures one frame of a running lab: advance the
// model by a frame's simulated time, re-render plots and draw.
func BenchmarkAnimationFrame(b *testing.B) {
	for _, id := range []string{"wta", "hh", "spiking"} {
		b.Run(id, func(b *testing.B) {
			m := lessonAt(b, id)
			m = send(b, m, key("space"))
			b.ReportAllocs()
			for b.Loop() {
				m, _ = m.Update(currentTick(m))
				_ = m.View()
			}
		})
	}
}

// currentTick finds the tick the running lab expects by probing sequence
// numbers (the lab's id is 1 in a fresh program).
func currentTick(m tea.Model) tea.Msg {
	return lab.TickMsg{Lab: 1, Seq: 1}
}

// BenchmarkRenderLesson measures rendering one lesson's markdown with
// glamour at 62 columns (the text pane at 120×40); it happens once per
// lesson, width and theme, in a command.
func BenchmarkRenderLesson(b *testing.B) {
	reg := models.Registry()
	cat, err := lessons.Default(reg)
	if err != nil {
		b.Fatal(err)
	}
	l, _ := cat.Lesson("wta")
	md := cat.Markdown(l)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reader.Render(md, 62, true); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKeypressDuringRefit measures a key that changes the readout
// lab's training-set size, which refits every layer (25–80 ms of work):
// the key returns once the work is handed to the background, after the
// lab's budget of 3 ms at most, and the frame says computing…. The refit
// is left to finish before the next key.
func BenchmarkKeypressDuringRefit(b *testing.B) {
	m := lessonAt(b, "readout")
	m = send(b, m, key("down")) // n train
	right, left := key("right"), key("left")
	var worst time.Duration
	for i := 0; b.Loop(); i++ {
		k := right
		if i%2 == 1 {
			k = left
		}
		start := time.Now()
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		_ = m.View()
		worst = max(worst, time.Since(start))
		b.StopTimer()
		m = send(b, m, run(cmd)...) // the refit finishes
		b.StartTimer()
	}
	b.ReportMetric(float64(worst)/1e6, "worst-ms")
}
