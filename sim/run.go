package sim

import (
	"context"
	"fmt"
	"math"
	"time"
)

// Run drives a model and records its signals. It is the one harness behind
// the live lab and `neurotutor sim run`: Advance steps the model, samples
// every signal each Every steps into ring buffers that hold the last
// Window ms, and counts time.
type Run struct {
	Model Model
	info  Info
	every int // steps per recorded sample
	steps int // steps since reset
	seed  uint64
	t     []ring      // sample times, ms
	sig   []ring      // one ring per signal
	head  [][]float64 // the first window: times, then one slice per signal
	buf   []float64   // scratch for Sample
}

// NewRun wraps m, recording enough samples for window ms (Info().Window when
// window ≤ 0) at about one sample per `every` steps (chosen so a window holds
// no more than 2000 samples when every ≤ 0).
func NewRun(m Model, window float64, every int) *Run {
	info := m.Info()
	if window <= 0 {
		window = info.Window
	}
	steps := int(math.Ceil(window / info.DT))
	if every <= 0 {
		every = max(1, steps/2000)
	}
	n := steps/every + 2
	r := &Run{Model: m, info: info, every: every, buf: make([]float64, len(info.Signals))}
	r.t = []ring{newRing(n)}
	r.sig = make([]ring, len(info.Signals))
	for i := range r.sig {
		r.sig[i] = newRing(n)
	}
	r.head = make([][]float64, 1+len(info.Signals))
	for i := range r.head {
		r.head[i] = make([]float64, 0, n)
	}
	return r
}

// Info is the model's description.
func (r *Run) Info() Info { return r.info }

// Seed is the seed of the current run.
func (r *Run) Seed() uint64 { return r.seed }

// SampleMS is the time between recorded samples, in ms.
func (r *Run) SampleMS() float64 { return float64(r.every) * r.info.DT }

// Reset restarts the model at time zero with seed and clears the record.
func (r *Run) Reset(seed uint64) {
	r.seed = seed
	r.steps = 0
	r.Model.Reset(seed)
	r.t[0].clear()
	for i := range r.sig {
		r.sig[i].clear()
	}
	for i := range r.head {
		r.head[i] = r.head[i][:0]
	}
	r.record()
}

// Advance steps the model forward by ms of simulated time (rounded to whole
// steps) and records samples. It does not allocate.
func (r *Run) Advance(ms float64) { r.step(r.StepsIn(ms)) }

// StepsIn is the number of whole steps Advance(ms) takes.
func (r *Run) StepsIn(ms float64) int { return int(math.Round(ms / r.info.DT)) }

// sliceTime is the wall-clock time AdvanceContext steps between looks at
// its context: short enough to stop at once, long enough to cost nothing.
const sliceTime = 10 * time.Millisecond

// AdvanceContext is Advance for long runs. It steps in slices of about
// 10 ms of wall-clock time and, between slices, stops with ctx's error as
// soon as ctx is done (the run then stands where it stopped) and calls
// report, if not nil, with the steps done so far and the steps asked for.
func (r *Run) AdvanceContext(ctx context.Context, ms float64, report func(done, total int)) error {
	total := r.StepsIn(ms)
	slice := 16
	for done := 0; done < total; {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := min(slice, total-done)
		start := time.Now()
		r.step(n)
		done += n
		if report != nil {
			report(done, total)
		}
		// Keep each slice near sliceTime.
		if took := time.Since(start); took < sliceTime/2 {
			slice *= 2
		} else if took > sliceTime {
			slice = max(1, slice/2)
		}
	}
	return nil
}

func (r *Run) step(n int) {
	for range n {
		r.Model.Step()
		r.steps++
		if r.steps%r.every == 0 {
			r.record()
		}
	}
}

// now is the simulated time counted in whole steps, free of the rounding a
// running sum of DT collects.
func (r *Run) now() float64 {
	return math.Round(float64(r.steps)*r.info.DT*1e9) / 1e9
}

// Steps is the number of steps since the last Reset.
func (r *Run) Steps() int { return r.steps }

func (r *Run) record() {
	r.Model.Sample(r.buf)
	now := r.now()
	r.t[0].push(now)
	for i, v := range r.buf {
		r.sig[i].push(v)
	}
	if len(r.head[0]) < cap(r.head[0]) && now <= r.info.Window {
		r.head[0] = append(r.head[0], now)
		for i, v := range r.buf {
			r.head[i+1] = append(r.head[i+1], v)
		}
	}
}

// Trace copies the recorded samples of the signal key into s (X = time in
// ms), reusing its storage. It reports false for an unknown signal.
func (r *Run) Trace(key string, s *Series) bool {
	for i, sg := range r.info.Signals {
		if sg.Key == key {
			s.X = r.t[0].appendTo(s.X[:0])
			s.Y = r.sig[i].appendTo(s.Y[:0])
			return true
		}
	}
	return false
}

// TraceHead copies the samples of the signal key recorded in the run's
// first window (0…Window ms) into s: what a ghost of this run shows.
func (r *Run) TraceHead(key string, s *Series) bool {
	for i, sg := range r.info.Signals {
		if sg.Key == key {
			s.X = append(s.X[:0], r.head[0]...)
			s.Y = append(s.Y[:0], r.head[i+1]...)
			return true
		}
	}
	return false
}

// FillPlot fills dst for the plot with the given key: traces from the
// record, anything else from the model.
func (r *Run) FillPlot(spec PlotSpec, dst *PlotData) {
	dst.Reset()
	if spec.Kind != PlotTrace {
		r.Model.Plot(spec.Key, dst)
		return
	}
	filter, _ := r.Model.(SignalFilter)
	for _, key := range spec.Signals {
		if filter != nil && !filter.SignalActive(key) {
			continue
		}
		label, dash := key, DashNone
		for _, sg := range r.info.Signals {
			if sg.Key == key {
				label, dash = sg.Label, sg.Dash
			}
		}
		s := dst.AddSeries(label, false)
		s.Dash = dash
		r.Trace(key, s)
	}
	end := r.Model.Time()
	dst.XMin, dst.XMax = max(0, end-r.info.Window), max(end, r.info.Window)
	dst.YMin, dst.YMax = spec.YMin, spec.YMax
}

// Metrics returns the model's metrics now, in the order of Info().Metrics,
// written into dst (grown if needed).
func (r *Run) Metrics(dst []float64) []float64 {
	if cap(dst) < len(r.info.Metrics) {
		dst = make([]float64, len(r.info.Metrics))
	}
	dst = dst[:len(r.info.Metrics)]
	r.Model.Metrics(dst)
	return dst
}

// CheckFinite reports the first non-finite signal or metric, if any: a
// guard the tests run over every model and parameter range.
func (r *Run) CheckFinite() error {
	r.Model.Sample(r.buf)
	for i, v := range r.buf {
		if math.IsNaN(v) && r.info.Signals[i].Gaps {
			continue
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("signal %s = %v at t = %g ms", r.info.Signals[i].Key, v, r.Model.Time())
		}
	}
	ms := r.Metrics(nil)
	for i, v := range ms {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("metric %s = %v at t = %g ms", r.info.Metrics[i].Key, v, r.Model.Time())
		}
	}
	return nil
}

// ring is a fixed-capacity ring buffer of float64 that overwrites its
// oldest value.
type ring struct {
	v    []float64
	head int // index of the oldest value
	n    int
}

func newRing(n int) ring { return ring{v: make([]float64, n)} }

func (b *ring) clear() { b.head, b.n = 0, 0 }

func (b *ring) push(x float64) {
	if b.n < len(b.v) {
		b.v[(b.head+b.n)%len(b.v)] = x
		b.n++
		return
	}
	b.v[b.head] = x
	b.head = (b.head + 1) % len(b.v)
}

func (b *ring) appendTo(dst []float64) []float64 {
	for i := range b.n {
		dst = append(dst, b.v[(b.head+i)%len(b.v)])
	}
	return dst
}
