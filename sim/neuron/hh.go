package neuron

import (
	"math"

	"github.com/neurotutor/neurotutor/sim"
)

// Hodgkin–Huxley constants in the modern sign convention with rest near
// −65 mV (Dayan & Abbott 2001, §5.6).
const (
	hhDT   = 0.01    // ms, the step
	hhC    = 1.0     // µF/cm², membrane capacitance
	hhENa  = 50.0    // mV
	hhEK   = -77.0   // mV
	hhEL   = -54.387 // mV
	hhV0   = -65.0   // mV, the starting potential
	hhIMax = 30.0    // µA/cm², the top of the I parameter's range
)

// The f–I sweep: currents 0…hhIMax in 1 µA/cm² steps, each simulated from
// rest with RK4 at a coarser step until enough intervals are measured.
const (
	hhSweepN       = 31
	hhSweepDT      = 0.05  // ms
	hhSweepSkipMS  = 30.0  // ms before intervals count
	hhSweepMaxMS   = 120.0 // ms at most per current
	hhSweepWantISI = 3     // intervals that end a point early
)

// HH is the Hodgkin–Huxley model of the squid giant axon (Hodgkin &
// Huxley 1952), a single isopotential patch of membrane with sodium,
// potassium and leak currents, in the parameters and sign convention of
// Dayan & Abbott (2001), eqs. 5.6–5.24:
//
//	C dV/dt = I − g_Na·m³h·(V − E_Na) − g_K·n⁴·(V − E_K) − g_L·(V − E_L)
//	dx/dt  = α_x(V)·(1 − x) − β_x(V)·x,   x ∈ {m, h, n}
//
//	α_n = 0.01(V + 55)/(1 − e^(−0.1(V + 55)))   β_n = 0.125·e^(−0.0125(V + 65))
//	α_m = 0.1(V + 40)/(1 − e^(−0.1(V + 40)))    β_m = 4·e^(−0.0556(V + 65))
//	α_h = 0.07·e^(−0.05(V + 65))                 β_h = 1/(1 + e^(−0.1(V + 35)))
//
// The rates are Hodgkin & Huxley's for the squid axon at 6.3 °C (no
// temperature factor). V in mV, t in ms, rates in 1/ms, conductances in mS/cm², I in µA/cm²,
// C = 1 µF/cm², E_Na = 50, E_K = −77, E_L = −54.387 mV. α_n and α_m are
// 0/0 at V = −55 and −40 mV; both are written as c·x/(1 − e^(−x)), whose
// limit at x = 0 is c, and evaluated with a series there. Integration is
// classical RK4 at 0.01 ms. A spike is an upward crossing of 0 mV.
type HH struct {
	sim.Params
	I   float64 // µA/cm²
	GNa float64 // mS/cm²
	GK  float64 // mS/cm²
	GL  float64 // mS/cm²

	info  sim.Info
	y     [4]float64 // V, m, h, n
	steps int
	rk    *sim.RK4
	sys   hhSystem
	cross sim.Crossing
	stats sim.SpikeStats
	peak  float64 // mV, the highest V in the run

	// The f–I sweep, computed for the conductances in sweepKey.
	sweepKey  [3]float64
	sweepOK   bool
	sweepI    []float64
	sweepRate []float64
	swRK      *sim.RK4
	swSys     hhSystem
	swY       [4]float64
}

// hhSystem is the right-hand side of the equations for one set of
// parameters; it does not allocate.
type hhSystem struct {
	I, gNa, gK, gL float64
}

// Factors relating the exponentials of the rate functions (see hhRates).
var (
	hhESqrt = math.Exp(0.5)  // e^(−0.1(V+35)) = e^(−0.1(V+40))·e^0.5
	hhE15   = math.Exp(-1.5) // e^(−0.1(V+55)) = e^(−0.1(V+40))·e^−1.5
)

// xOverOneMinusExp is x/(1 − e^(−x)) given e = e^(−x); it is continuous
// at x = 0, where it is 1, and uses its series there.
func xOverOneMinusExp(x, e float64) float64 {
	if math.Abs(x) < 1e-4 {
		return 1 + x/2 + x*x/12
	}
	return x / (1 - e)
}

// hhRates returns α and β of m, h and n at V (mV), in 1/ms. It needs three
// exponentials: e^(−0.1(V+40)) serves α_m, α_n and β_h, and e^(−0.0125(V+65))
// serves β_n and, to the fourth power, α_h.
func hhRates(v float64) (am, bm, ah, bh, an, bn float64) {
	xm := 0.1 * (v + 40)
	em := math.Exp(-xm)
	am = xOverOneMinusExp(xm, em)
	xn := 0.1 * (v + 55)
	an = 0.1 * xOverOneMinusExp(xn, em*hhE15)
	bh = 1 / (1 + em*hhESqrt)
	bm = 4 * math.Exp(-0.0556*(v+65))
	e := math.Exp(-0.0125 * (v + 65))
	bn = 0.125 * e
	e2 := e * e
	ah = 0.07 * e2 * e2
	return
}

// hhSteady returns the steady-state gates m∞, h∞, n∞ at V (mV).
func hhSteady(v float64) (m, h, n float64) {
	am, bm, ah, bh, an, bn := hhRates(v)
	return am / (am + bm), ah / (ah + bh), an / (an + bn)
}

// Deriv writes dV/dt, dm/dt, dh/dt, dn/dt.
func (s *hhSystem) Deriv(_ float64, y, dy []float64) {
	v, m, h, n := y[0], y[1], y[2], y[3]
	am, bm, ah, bh, an, bn := hhRates(v)
	iNa := s.gNa * m * m * m * h * (v - hhENa)
	n2 := n * n
	iK := s.gK * n2 * n2 * (v - hhEK)
	iL := s.gL * (v - hhEL)
	dy[0] = (s.I - iNa - iK - iL) / hhC
	dy[1] = am*(1-m) - bm*m
	dy[2] = ah*(1-h) - bh*h
	dy[3] = an*(1-n) - bn*n
}

// NewHH returns the model with default parameters, reset with seed 1.
func NewHH() *HH {
	m := &HH{Params: sim.NewParams("hh")}
	m.Bind(sim.Param{Key: "I", Label: "I", Unit: "µA/cm²", Min: 0, Max: hhIMax, ValidMin: -20, ValidMax: 200, Step: 0.1, Default: 10,
		Help: "injected current density"}, &m.I)
	m.Bind(sim.Param{Key: "gNa", Label: "ḡ_Na", Unit: "mS/cm²", Min: 0, Max: 240, ValidMin: 0, ValidMax: 360, Step: 1, Default: 120,
		Help: "maximal sodium conductance"}, &m.GNa)
	m.Bind(sim.Param{Key: "gK", Label: "ḡ_K", Unit: "mS/cm²", Min: 0, Max: 72, ValidMin: 0, ValidMax: 144, Step: 0.5, Default: 36,
		Help: "maximal potassium conductance"}, &m.GK)
	m.Bind(sim.Param{Key: "gL", Label: "g_L", Unit: "mS/cm²", Min: 0, Max: 1, ValidMin: 0, ValidMax: 3, Step: 0.01, Default: 0.3,
		Help: "leak conductance"}, &m.GL)
	m.rk = sim.NewRK4(4)
	m.swRK = sim.NewRK4(4)
	m.cross.Threshold = 0
	m.sweepI = make([]float64, hhSweepN)
	m.sweepRate = make([]float64, hhSweepN)
	for k := range m.sweepI {
		m.sweepI[k] = hhIMax * float64(k) / float64(hhSweepN-1)
	}
	m.info = m.describe()
	m.Reset(1)
	return m
}

// Info describes the model.
func (m *HH) Info() sim.Info { return m.info }

func (m *HH) describe() sim.Info {
	return sim.Info{
		ID:      "hh",
		Title:   "Hodgkin–Huxley",
		Summary: "squid-axon membrane with Na⁺, K⁺ and leak channels (RK4, 0.01 ms); spikes, gates and the type II f–I curve",
		DT:      hhDT, Window: 100, Speed: 40,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "rate_hz", Label: "rate", Unit: "Hz", Help: "firing rate after the first 100 ms"},
			{Key: "spikes", Label: "spikes", Help: "upward crossings of 0 mV in the run"},
			{Key: "peak_mv", Label: "peak V", Unit: "mV", Help: "highest membrane potential in the run"},
			{Key: "steady_hz", Label: "rate now", Unit: "Hz",
				Help: "1000 / mean of the last 16 interspike intervals (or the time since the last spike, if longer): the rate now, for challenges"},
		},
		Signals: []sim.Signal{
			{Key: "v", Label: "V", Unit: "mV"},
			{Key: "m", Label: "m (Na⁺ activation)"},
			{Key: "h", Label: "h (Na⁺ inactivation)"},
			{Key: "n", Label: "n (K⁺ activation)"},
		},
		Plots: []sim.PlotSpec{
			{Key: "v", Title: "Membrane potential", Kind: sim.PlotTrace, Signals: []string{"v"}, YLabel: "mV"},
			{Key: "gates", Title: "Gating variables", Kind: sim.PlotTrace, Signals: []string{"m", "h", "n"},
				YMin: 0, YMax: 1},
			{Key: "fi", Title: "f–I curve (simulated sweep; this run marked)", Kind: sim.PlotXY,
				XLabel: "I (µA/cm²)", YLabel: "rate (Hz)"},
		},
	}
}

// Reset returns to t = 0 at V = −65 mV with every gate at its steady state
// there. The model is deterministic; the seed is unused.
func (m *HH) Reset(uint64) {
	m.steps = 0
	m.y[0] = hhV0
	m.y[1], m.y[2], m.y[3] = hhSteady(hhV0)
	m.cross.Reset(hhV0)
	m.stats.Reset()
	m.peak = hhV0
}

// Time is the simulated time in ms.
func (m *HH) Time() float64 { return float64(m.steps) * hhDT }

// Step advances one RK4 step of 0.01 ms and detects spikes.
func (m *HH) Step() {
	m.sys = hhSystem{I: m.I, gNa: m.GNa, gK: m.GK, gL: m.GL}
	t0 := m.Time()
	v0 := m.y[0]
	m.rk.Step(&m.sys, t0, hhDT, m.y[:])
	m.steps++
	v := m.y[0]
	if m.cross.Update(v) {
		// Linear interpolation of the crossing time inside the step.
		m.stats.Add(t0 + hhDT*(0-v0)/(v-v0))
	}
	m.peak = math.Max(m.peak, v)
}

// Sample records V, m, h and n.
func (m *HH) Sample(dst []float64) { copy(dst, m.y[:]) }

// Metrics reports rate_hz, spikes, peak_mv and steady_hz.
func (m *HH) Metrics(dst []float64) {
	dst[0] = m.stats.RateHz(m.Time())
	dst[1] = float64(m.stats.Count())
	dst[2] = m.peak
	dst[3] = m.stats.SteadyRateHz(m.Time())
}

// SweepRates returns the simulated f–I points (µA/cm², Hz) for the current
// conductances, recomputing them only when a conductance has changed. The
// slices are the model's own.
func (m *HH) SweepRates() (I, rate []float64) {
	key := [3]float64{m.GNa, m.GK, m.GL}
	if !m.sweepOK || key != m.sweepKey {
		for k, I := range m.sweepI {
			m.sweepRate[k] = m.steadyRate(I, hhSweepDT)
		}
		m.sweepKey, m.sweepOK = key, true
	}
	return m.sweepI, m.sweepRate
}

// steadyRate simulates a step of current I (µA/cm²) from rest with RK4 at
// step dt (ms) and returns the repetitive firing rate in Hz: the inverse
// mean interval between spikes after hhSweepSkipMS, 0 with fewer than two
// such spikes within hhSweepMaxMS.
func (m *HH) steadyRate(I, dt float64) float64 {
	m.swSys = hhSystem{I: I, gNa: m.GNa, gK: m.GK, gL: m.GL}
	y := &m.swY
	y[0] = hhV0
	y[1], y[2], y[3] = hhSteady(hhV0)
	c := sim.Crossing{Threshold: 0}
	c.Reset(hhV0)
	n, first, last := 0, 0.0, 0.0
	steps := int(hhSweepMaxMS / dt)
	for k := range steps {
		t := float64(k) * dt
		v0 := y[0]
		m.swRK.Step(&m.swSys, t, dt, y[:])
		if c.Update(y[0]) && t >= hhSweepSkipMS {
			ts := t + dt*(0-v0)/(y[0]-v0)
			if n == 0 {
				first = ts
			}
			last = ts
			n++
			if n > hhSweepWantISI {
				break
			}
		}
	}
	if n < 2 {
		return 0
	}
	return 1000 * float64(n-1) / (last - first)
}

// Plot fills the f–I plot: the simulated sweep and this run's operating
// point (I, rate_hz).
func (m *HH) Plot(key string, dst *sim.PlotData) {
	if key != "fi" {
		return
	}
	I, rate := m.SweepRates()
	sw := dst.AddSeries("simulated", false)
	for k := range I {
		sw.Add(I[k], rate[k])
	}
	pts := dst.AddSeries("points", true)
	for k := range I {
		pts.Add(I[k], rate[k])
	}
	now := dst.AddSeries("this run", true)
	now.Add(m.I, m.stats.RateHz(m.Time()))
	dst.XMin, dst.XMax = 0, hhIMax
}
