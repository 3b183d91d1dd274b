package neuron

import (
	"math"

	"github.com/neurotutor/neurotutor/sim"
)

// The published cell types of Izhikevich (2003), Fig. 2: the values of the
// izhikevich model's "type" parameter.
const (
	IzhRS  = iota // regular spiking (excitatory cortical cell)
	IzhIB         // intrinsically bursting
	IzhCH         // chattering
	IzhFS         // fast spiking (inhibitory interneuron)
	IzhLTS        // low-threshold spiking (inhibitory interneuron)
	IzhTC         // thalamo-cortical
	IzhRZ         // resonator
)

// IzhPreset is one published (a, b, c, d) set.
type IzhPreset struct {
	Name       string
	A, B, C, D float64
}

// IzhPresets are the parameter sets of Izhikevich (2003), Fig. 2, in the
// order of the type constants.
var IzhPresets = [...]IzhPreset{
	{"RS", 0.02, 0.2, -65, 8},
	{"IB", 0.02, 0.2, -55, 4},
	{"CH", 0.02, 0.2, -50, 2},
	{"FS", 0.1, 0.2, -65, 2},
	{"LTS", 0.02, 0.25, -65, 2},
	{"TC", 0.02, 0.25, -65, 0.05},
	{"RZ", 0.1, 0.26, -65, 2},
}

const (
	izhDT      = 0.25    // ms
	izhPeak    = 30.0    // mV, spike cut-off
	izhMaxSp   = 1 << 16 // spike times kept (the count goes on beyond)
	izhPlotISI = 60      // intervals shown in the ISI plot, from the step onset
)

// Izhikevich is the simple model of spiking neurons of Izhikevich (2003):
// a quadratic integrate-and-fire membrane potential v coupled to a slow
// recovery variable u, with an after-spike reset.
//
//	v′ = 0.04·v² + 5·v + 140 − u + I
//	u′ = a·(b·v − u)
//	if v ≥ 30 mV:  v ← c,  u ← u + d
//
// v is in mV and t in ms, so u and I enter dv/dt in mV/ms (the paper
// scales the polynomial so that v reads in mV; I is not a current in nA). a is the rate
// of recovery (1/ms), b the sensitivity of u to v, c the reset potential
// (mV) and d the after-spike jump of u. The seven published types (RS, IB,
// CH, FS, LTS, TC, RZ) set (a, b, c, d); choosing a type sets all four.
//
// Integration: classical RK4 (sim.RK4) at 0.25 ms. When v passes 30 mV
// inside a step, the crossing time is located by bisection on the RK4 step
// length, the reset is applied at that time and the rest of the step is
// integrated from the reset, so spike times are not rounded to the grid.
// Izhikevich's published code used forward Euler with a 1 ms step for u and
// two 0.5 ms half-steps for v, checking the peak once per 1 ms; that scheme
// rounds spike times to the millisecond and lets v overshoot the peak by a
// variable amount. We check ours against Brian2 (RK4 at 0.01 ms, spike at
// the first step end with v ≥ 30 mV; testdata/izhikevich_brian2.json).
//
// The run starts at the resting state under the holding current h, v = v_r,
// u = b·v_r with v_r the lower root of 0.04v² + (5 − b)v + 140 + h = 0
// (−70 mV for b = 0.2, h = 0), and I is a current step at t = 0, as in the
// published figure; a negative h followed by I = 0 is the release from
// hyperpolarisation that makes a thalamo-cortical cell fire a rebound
// burst. When no resting state exists it starts at v = −65 mV, u = b·v.
//
// Reference: E. M. Izhikevich, Simple model of spiking neurons, IEEE Trans.
// Neural Networks 14(6):1569–1572 (2003).
type Izhikevich struct {
	sim.Params
	Type       float64 // IzhRS … IzhRZ
	A, B, C, D float64
	I          float64
	Hold       float64

	info   sim.Info
	t      float64
	y      [2]float64 // v (mV), u
	rk     *sim.RK4
	spikes sim.SpikeTrain // the first izhMaxSp spike times
	n      int            // spikes since reset
	nLate  int            // spikes at t ≥ 100 ms
	peak   bool           // the last step ended in a spike
}

// NewIzhikevich returns the model with default parameters (regular spiking,
// I = 10), reset with seed 1.
func NewIzhikevich() *Izhikevich {
	m := &Izhikevich{Params: sim.NewParams("izhikevich"), rk: sim.NewRK4(2)}
	names := make([]string, len(IzhPresets))
	for i, p := range IzhPresets {
		names[i] = p.Name
	}
	rs := IzhPresets[IzhRS]
	m.Bind(sim.Param{Key: "type", Label: "type", Choices: names, Default: IzhRS,
		Help: "published cell type: sets a, b, c, d"}, &m.Type)
	m.Bind(sim.Param{Key: "a", Label: "a", Unit: "1/ms", Min: 0.001, Max: 0.2, Step: 0.001, Default: rs.A,
		Help: "recovery rate of u (small = slow recovery)"}, &m.A)
	m.Bind(sim.Param{Key: "b", Label: "b", Min: -0.3, Max: 0.3, Step: 0.005, Default: rs.B,
		Help: "sensitivity of u to v"}, &m.B)
	m.Bind(sim.Param{Key: "c", Label: "c", Unit: "mV", Min: -80, Max: -40, Step: 0.5, Default: rs.C,
		Help: "reset potential after a spike"}, &m.C)
	m.Bind(sim.Param{Key: "d", Label: "d", Min: 0, Max: 10, Step: 0.05, Default: rs.D,
		Help: "jump of u after a spike"}, &m.D)
	m.Bind(sim.Param{Key: "I", Label: "I", Min: -10, Max: 40, ValidMin: -50, ValidMax: 100, Step: 0.5, Default: 10,
		Help: "injected current, a step at t = 0"}, &m.I)
	m.Bind(sim.Param{Key: "hold", Label: "I_hold", Min: -30, Max: 5, ValidMin: -50, ValidMax: 20, Step: 0.5, Default: 0,
		Help: "holding current before the step: the run starts at rest under it"}, &m.Hold)
	m.info = m.describe()
	m.spikes.T = make([]float64, 0, izhMaxSp)
	m.Reset(1)
	return m
}

func (m *Izhikevich) describe() sim.Info {
	return sim.Info{
		ID:      "izhikevich",
		Title:   "Izhikevich neuron",
		Summary: "two-variable spiking model with the published cortical and thalamic cell types",
		DT:      izhDT, Window: 500, Speed: 200,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "spikes", Label: "spikes", Help: "spikes since the start of the run"},
			{Key: "rate_hz", Label: "rate", Unit: "Hz", Help: "firing rate after the first 100 ms"},
			{Key: "adaptation", Label: "adaptation", Help: "last ISI / first ISI (1: none, >1: slows down)"},
			{Key: "burst_frac", Label: "burst ISIs", Help: "fraction of ISIs shorter than half the mean ISI"},
			{Key: "cv_isi", Label: "CV(ISI)", Help: "coefficient of variation of ISIs after 100 ms"},
		},
		Signals: []sim.Signal{
			{Key: "v", Label: "v", Unit: "mV"},
			{Key: "u", Label: "u"},
		},
		Plots: []sim.PlotSpec{
			{Key: "v", Title: "Membrane potential", Kind: sim.PlotTrace, Signals: []string{"v"}, YLabel: "mV", YMin: -90, YMax: 40},
			{Key: "u", Title: "Recovery variable u", Kind: sim.PlotTrace, Signals: []string{"u"}},
			{Key: "isi", Title: "Interspike intervals after the step", Kind: sim.PlotXY, XLabel: "interval number", YLabel: "ISI (ms)"},
		},
	}
}

// Info describes the model.
func (m *Izhikevich) Info() sim.Info { return m.info }

// Set changes a parameter; choosing a type sets a, b, c and d to its
// published values.
func (m *Izhikevich) Set(key string, v float64) error {
	if err := m.Params.Set(key, v); err != nil {
		return err
	}
	if key == "type" {
		p := IzhPresets[int(v)]
		m.A, m.B, m.C, m.D = p.A, p.B, p.C, p.D
	}
	return nil
}

// IzhRest is the resting state (v, u) of the model with sensitivity b under
// a constant current h, and whether one exists.
func IzhRest(b, h float64) (v, u float64, ok bool) {
	disc := (5-b)*(5-b) - 4*0.04*(140+h)
	if disc < 0 {
		return -65, -65 * b, false
	}
	v = (-(5 - b) - math.Sqrt(disc)) / (2 * 0.04)
	return v, b * v, true
}

// Reset returns to t = 0 at rest (see the type's doc). The model is
// deterministic; the seed is unused.
func (m *Izhikevich) Reset(seed uint64) {
	m.t = 0
	m.y[0], m.y[1], _ = IzhRest(m.B, m.Hold)
	m.spikes.Clear()
	m.n, m.nLate = 0, 0
	m.peak = false
}

// Time is the simulated time in ms.
func (m *Izhikevich) Time() float64 { return m.t }

// Deriv is the right-hand side of the model (sim.System).
func (m *Izhikevich) Deriv(_ float64, y, dy []float64) {
	v, u := y[0], y[1]
	dy[0] = 0.04*v*v + 5*v + 140 - u + m.I
	dy[1] = m.A * (m.B*v - u)
}

// Step advances one RK4 step. When v reaches the 30 mV peak inside the
// step, the crossing time is found by bisection on the length of a single
// RK4 step from the step's start; the spike is recorded at that time, the
// reset applied there, and the rest of the step integrated from the reset.
func (m *Izhikevich) Step() {
	y0 := m.y
	m.rk.Step(m, m.t, izhDT, m.y[:])
	m.peak = false
	if m.y[0] >= izhPeak || math.IsNaN(m.y[0]) {
		lo, hi := 0.0, izhDT // v(lo) < peak ≤ v(hi)
		for range 14 {
			h := (lo + hi) / 2
			m.y = y0
			m.rk.Step(m, m.t, h, m.y[:])
			if m.y[0] >= izhPeak || math.IsNaN(m.y[0]) {
				hi = h
			} else {
				lo = h
			}
		}
		m.y = y0
		m.rk.Step(m, m.t, hi, m.y[:])
		m.spike(m.t + hi)
		m.rk.Step(m, m.t+hi, izhDT-hi, m.y[:])
		if m.y[0] >= izhPeak || math.IsNaN(m.y[0]) { // a second spike within the step
			m.spike(m.t + izhDT)
		}
	}
	m.t += izhDT
}

// spike records a spike at time t (ms) and applies the reset.
func (m *Izhikevich) spike(t float64) {
	m.y[0] = m.C
	m.y[1] += m.D
	m.peak = true
	m.n++
	if t >= 100 {
		m.nLate++
	}
	if len(m.spikes.T) < izhMaxSp {
		m.spikes.Add(t)
	}
}

// Sample records v (drawn at the 30 mV peak on a spike step) and u.
func (m *Izhikevich) Sample(dst []float64) {
	dst[0] = m.y[0]
	if m.peak {
		dst[0] = izhPeak
	}
	dst[1] = m.y[1]
}

// Spikes returns the spike times so far (ms); the caller must not keep it.
func (m *Izhikevich) Spikes() []float64 { return m.spikes.T }

// Metrics reports spikes, rate_hz, adaptation, burst_frac and cv_isi.
func (m *Izhikevich) Metrics(dst []float64) {
	t := m.spikes.T
	dst[0] = float64(m.n)
	dst[1] = m.spikes.RateHz(m.t)
	if m.n > len(t) { // beyond the stored times: count-based, same definition
		dst[1] = float64(m.nLate) / (m.t - 100) * 1000
	}
	dst[2], dst[3] = 0, 0
	if n := len(t); n >= 3 {
		first := t[1] - t[0]
		last := t[n-1] - t[n-2]
		dst[2] = last / first
		half := (t[n-1] - t[0]) / float64(n-1) / 2
		short := 0
		for i := 1; i < n; i++ {
			if t[i]-t[i-1] < half {
				short++
			}
		}
		dst[3] = float64(short) / float64(n-1)
	}
	i := 0
	for i < len(t) && t[i] < 100 {
		i++
	}
	dst[4] = sim.CVISI(t[i:])
}

// Plot fills the ISI sequence.
func (m *Izhikevich) Plot(key string, dst *sim.PlotData) {
	if key != "isi" {
		return
	}
	s := dst.AddSeries("ISI", true)
	t := m.spikes.T
	for i := 1; i < len(t) && i <= izhPlotISI; i++ {
		s.Add(float64(i), t[i]-t[i-1])
	}
	dst.XMin, dst.YMin = 0, 0
}
