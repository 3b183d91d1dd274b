package cortex

import (
	"math"
	"math/bits"

	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/network"
	"github.com/neurotutor/neurotutor/sim/neuron"
)

const (
	recapDT     = 1.0    // ms
	recapSlot   = 1000.0 // ms each stage runs in the tour
	recapStages = 4
)

// Stages of the recap lab, the values of its "stage" parameter.
const (
	RecapLIF = iota
	RecapWTA
	RecapHopfield
	RecapPredictive
	RecapTour
)

// Targets of the recap stages.
const (
	recapRateLo, recapRateHi = 45.0, 55.0 // Hz, the LIF stage's band
	recapOverlap             = 0.95       // Hopfield: overlap with the cued pattern
	recapFill                = 0.5        // predictive coding: fill-in of the hidden side
)

// Recap revisits four earlier labs by running the tutorial's own models
// (neuron.LIF, network.WTA, network.Hopfield and Predictive), each with one
// knob the learner sets and one target:
//
//	lif         I (nA) sets the drive; target: 45 ≤ rate_hz ≤ 55 Hz
//	            (noise-free, so r(I) = 1/(t_ref + τ_m·ln(RI/(RI − 15 mV))))
//	wta         β sets the shared inhibition (α = 0.5, inputs 10, 12, 9,
//	            11 Hz); target: one unit alone active, the argmax (agree = 1)
//	hopfield    P stored patterns in N = 100 units, cue with 20% of bits
//	            flipped; target: overlap ≥ 0.95 after a quiet sweep
//	predictive  π₁ sets how hard level 2's prediction pulls level 1, on the
//	            frame with a hidden side (π₀ = 0.3, π₂ = 0.05); target: the
//	            settled prediction fills the hidden pixels to ≥ 0.5
//
// All other parameters of the four models keep their defaults. With stage
// = tour the lab runs each stage in turn for 1000 ms (a stage resumes where
// it stopped on the next round) and counts a stage done when its target is
// met at the end of its turn; with a single stage, the stage is done once
// its target is met. stage_ok is 1 while the shown stage meets its target.
type Recap struct {
	sim.Params
	Stage    float64 // RecapLIF … RecapTour
	I        float64 // nA
	Beta     float64
	Patterns float64
	Pi1      float64

	info  sim.Info
	t     float64
	shown int // stage on show
	local float64
	done  uint8 // bit s: stage s done

	lif  *neuron.LIF
	wta  *network.WTA
	hop  *network.Hopfield
	pc   *Predictive
	subs [recapStages]sim.Model
	met  [recapStages][]float64 // metric buffers of each stage's model
	sig  [recapStages][]float64 // signal buffers
	// indices of the metrics each target reads
	iRate, iAgree, iOverlap, iConv, iFill, iSettled int
}

// NewRecap returns the recap lab with default parameters, reset with seed 1.
func NewRecap() *Recap {
	m := &Recap{Params: sim.NewParams("recap")}
	m.Bind(sim.Param{Key: "stage", Label: "stage", Choices: []string{"lif", "wta", "hopfield", "predictive", "tour"},
		Default: RecapLIF, Help: "which earlier lab to revisit; tour runs all four in turn"}, &m.Stage)
	m.Bind(sim.Param{Key: "I", Label: "LIF: I", Unit: "nA", Min: 0, Max: 5, Step: 0.05, Default: 1,
		Help: "LIF stage: input current (rheobase 1.5 nA)"}, &m.I)
	m.Bind(sim.Param{Key: "beta", Label: "WTA: β", Min: 0, Max: 3, Step: 0.05, Default: 0.2,
		Help: "WTA stage: shared inhibition"}, &m.Beta)
	m.Bind(sim.Param{Key: "patterns", Label: "Hopfield: P", Min: 1, Max: 40, Step: 1, Default: 30, Integer: true,
		Help: "Hopfield stage: stored patterns in 100 units"}, &m.Patterns)
	m.Bind(sim.Param{Key: "pi1", Label: "PC: π₁", Min: 0.05, Max: 10, Step: 0.05, Default: 1,
		Help: "predictive-coding stage: precision of level 1 (pull of the top-down prediction)"}, &m.Pi1)
	m.lif, m.wta, m.hop, m.pc = neuron.NewLIF(), network.NewWTA(), network.NewHopfield(), NewPredictive()
	m.subs = [recapStages]sim.Model{m.lif, m.wta, m.hop, m.pc}
	for s, sub := range m.subs {
		inf := sub.Info()
		m.met[s] = make([]float64, len(inf.Metrics))
		m.sig[s] = make([]float64, len(inf.Signals))
	}
	m.iRate = metricIndex(m.lif, "steady_hz")
	m.iAgree = metricIndex(m.wta, "agree")
	m.iOverlap = metricIndex(m.hop, "overlap")
	m.iConv = metricIndex(m.hop, "converged")
	m.iFill = metricIndex(m.pc, "fill_in")
	m.iSettled = metricIndex(m.pc, "settled_ms")
	m.info = m.describe()
	m.Reset(1)
	return m
}

// metricIndex finds a metric of an imported model; a missing one is a
// programmer error.
func metricIndex(mod sim.Model, key string) int {
	for i, mt := range mod.Info().Metrics {
		if mt.Key == key {
			return i
		}
	}
	panic("sim: recap: model " + mod.Info().ID + " has no metric " + key)
}

func (m *Recap) describe() sim.Info {
	return sim.Info{
		ID:       "recap",
		Title:    "Recap: four labs, four targets",
		Summary:  "revisit the LIF neuron, winner-take-all, Hopfield memory and predictive coding; meet each target",
		DT:       recapDT,
		StepNote: "1 ms of the stage's own model (its own finer steps inside)",
		Window:   1000, Speed: 250,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "stage_ok", Label: "target met", Help: "1 while the stage on show meets its target"},
			{Key: "stages_done", Label: "stages done", Help: "stages whose target has been met in this run (of 4)"},
			{Key: "showing", Label: "showing", Help: "stage on show: 1 lif, 2 wta, 3 hopfield, 4 predictive"},
			{Key: "rate_hz", Label: "LIF rate", Unit: "Hz", Help: "LIF stage: the rate it fires at now (1000 / mean of its last interspike intervals)"},
			{Key: "agree", Label: "WTA agrees", Help: "WTA stage: 1 when one unit wins and it has the largest input"},
			{Key: "overlap", Label: "Hopfield m", Help: "Hopfield stage: overlap with the cued pattern"},
			{Key: "fill_in", Label: "PC fill-in", Help: "predictive stage: mean prediction on the hidden pixels"},
		},
		Signals: []sim.Signal{
			{Key: "v", Label: "LIF V", Unit: "mV", Gaps: true}, {Key: "r_max", Label: "WTA top rate", Unit: "Hz", Gaps: true},
			{Key: "overlap", Label: "Hopfield m", Gaps: true}, {Key: "error", Label: "PC error 2F", Gaps: true},
		},
		Plots: []sim.PlotSpec{
			{Key: "score", Title: "Stages done (stage on show marked)", Kind: sim.PlotBars, MaxRows: 2},
			{Key: "lif", Title: "LIF membrane potential", Kind: sim.PlotTrace, Signals: []string{"v"}, YLabel: "mV"},
			{Key: "wta", Title: "WTA: largest rate", Kind: sim.PlotTrace, Signals: []string{"r_max"}, YLabel: "Hz"},
			{Key: "hopfield", Title: "Hopfield: overlap with the cued pattern", Kind: sim.PlotTrace,
				Signals: []string{"overlap"}, YMin: -1, YMax: 1},
			{Key: "predictive", Title: "Predictive coding: total error", Kind: sim.PlotTrace, Signals: []string{"error"}},
		},
	}
}

// Info describes the lab.
func (m *Recap) Info() sim.Info { return m.info }

// Time is the simulated time in ms.
func (m *Recap) Time() float64 { return m.t }

// Reset passes the knobs to the four models and resets them all.
func (m *Recap) Reset(seed uint64) {
	must := func(mod sim.Model, key string, v float64) {
		if err := mod.Set(key, v); err != nil {
			panic("sim: recap: " + err.Error())
		}
	}
	must(m.lif, "I", m.I)
	must(m.wta, "beta", m.Beta)
	must(m.hop, "patterns", m.Patterns)
	must(m.pc, "input", PCOccluded)
	must(m.pc, "pi0", 0.3)
	must(m.pc, "pi2", 0.05)
	must(m.pc, "pi1", m.Pi1)
	for _, sub := range m.subs {
		sub.Reset(seed)
	}
	m.t, m.local, m.done = 0, 0, 0
	for s, sub := range m.subs {
		sub.Metrics(m.met[s])
	}
	m.shown = int(m.Stage)
	if m.shown == RecapTour {
		m.shown = RecapLIF
	}
}

// refresh reads the metrics of the stage on show.
func (m *Recap) refresh() { m.subs[m.shown].Metrics(m.met[m.shown]) }

// ok reports whether stage s meets its target, from its last metrics.
func (m *Recap) ok(s int) bool {
	v := m.met[s]
	switch s {
	case RecapLIF:
		return v[m.iRate] >= recapRateLo && v[m.iRate] <= recapRateHi
	case RecapWTA:
		return v[m.iAgree] == 1
	case RecapHopfield:
		return v[m.iOverlap] >= recapOverlap && v[m.iConv] == 1
	case RecapPredictive:
		return v[m.iFill] >= recapFill && v[m.iSettled] >= 0
	}
	return false
}

// Step advances the stage on show by 1 ms and, on a tour, moves on at the
// end of its turn.
func (m *Recap) Step() {
	sub := m.subs[m.shown]
	end := sub.Time() + recapDT
	for sub.Time() < end-1e-9 {
		sub.Step()
	}
	m.t += recapDT
	m.local += recapDT
	m.refresh()
	tour := int(m.Stage) == RecapTour
	if !tour && m.ok(m.shown) {
		m.done |= 1 << m.shown
	}
	if tour && m.local >= recapSlot-1e-9 {
		if m.ok(m.shown) {
			m.done |= 1 << m.shown
		}
		m.shown = (m.shown + 1) % recapStages
		m.local = 0
		m.refresh()
	}
}

// Sample records each stage's main signal (0 for stages not on show).
func (m *Recap) Sample(dst []float64) {
	for i := range dst[:4] {
		dst[i] = math.NaN() // a stage not on show has no value: a gap
	}
	s := m.shown
	m.subs[s].Sample(m.sig[s])
	switch s {
	case RecapLIF:
		dst[0] = m.sig[s][0]
	case RecapWTA:
		dst[1] = 0
		for _, r := range m.sig[s] {
			dst[1] = max(dst[1], r)
		}
	case RecapHopfield:
		dst[2] = m.sig[s][0]
	case RecapPredictive:
		dst[3] = m.sig[s][0]
	}
}

// Metrics reports stage_ok, stages_done, showing and the four readouts.
func (m *Recap) Metrics(dst []float64) {
	ok := 0.0
	if m.ok(m.shown) {
		ok = 1
	}
	dst[0], dst[1], dst[2] = ok, float64(bits.OnesCount8(m.done)), float64(m.shown+1)
	dst[3] = m.met[RecapLIF][m.iRate]
	dst[4] = m.met[RecapWTA][m.iAgree]
	dst[5] = m.met[RecapHopfield][m.iOverlap]
	dst[6] = m.met[RecapPredictive][m.iFill]
}

var recapLabels = [recapStages]string{"LIF", "WTA", "Hopfield", "PC"}

// Plot fills the score bars: 1 for a stage done, 0.5 while the stage on
// show meets its target but is not yet counted.
func (m *Recap) Plot(key string, dst *sim.PlotData) {
	if key != "score" {
		return
	}
	for s := range recapStages {
		v := 0.0
		if m.done&(1<<s) != 0 {
			v = 1
		} else if s == m.shown && m.ok(s) {
			v = 0.5
		}
		dst.Bars = append(dst.Bars, v)
		dst.BarLabels = append(dst.BarLabels, recapLabels[s])
	}
	dst.Marked, dst.BarMax = m.shown, 1
}
