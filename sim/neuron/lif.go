package neuron

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

// lifDT is the step of the leaky integrate-and-fire model, ms.
const lifDT = 0.1

// Sweep of the f–I plot: currents 0…lifIMax nA in lifSweepN points, each
// simulated for a transient and then a measurement window.
const (
	lifIMax        = 5.0    // nA, the top of the I parameter's range
	lifSweepN      = 26     // points, 0.2 nA apart
	lifSweepSkipMS = 100.0  // ms discarded at the start of each point
	lifSweepMS     = 2000.0 // ms measured
	lifSweepSeed   = 1      // the sweep's own random stream
	lifCurveN      = 200    // points of the closed-form curve
	lifSpikeDrawMV = 20.0   // mV: a spike is drawn as a stroke to this value
)

// LIF is the leaky integrate-and-fire neuron (Lapicque 1907; see Brunel &
// van Rossum 2007 for the history, Gerstner et al. 2014, ch. 1, for the
// modern form) driven by a constant current and, optionally, membrane
// noise:
//
//	τ_m dV/dt = −(V − V_rest) + R·I + σ·√(2τ_m)·ξ(t)
//	V ≥ V_th  ⇒  spike; V ← V_reset, held there for t_ref
//
// V in mV, I in nA, R in MΩ (so R·I is in mV), τ_m and t_ref in ms. ξ is
// Gaussian white noise; σ (mV) is the standard deviation the free membrane
// potential would have without a threshold. Without noise the neuron fires
// periodically for R·I > V_th − V_rest (the rheobase current is
// (V_th − V_rest)/R) at the rate
//
//	r(I) = 1 / (t_ref + τ_m·ln((R·I + V_rest − V_reset)/(R·I + V_rest − V_th)))
//
// Each step applies the exact solution of the linear equation (the
// Ornstein–Uhlenbeck update when σ > 0), so there is no integration error.
// Without noise the threshold crossing time is solved exactly inside the
// step and the reset and the end of the refractory period also fall inside
// it, so interspike intervals match the formula to rounding error; with
// noise the crossing is interpolated linearly within the step.
type LIF struct {
	sim.Params
	I      float64 // nA
	R      float64 // MΩ
	TauM   float64 // ms
	VRest  float64 // mV
	VTh    float64 // mV
	VReset float64 // mV
	TRef   float64 // ms
	Sigma  float64 // mV

	info sim.Info
	st   lifState
	src  *rand.PCG
	rng  *rand.Rand

	// Exponential factors for a full step, for the τ_m and σ they were
	// computed with.
	decTau, decSigma, decA, decSD float64

	// The f–I sweep, computed for the parameters in sweepKey.
	sweepKey  [7]float64
	sweepOK   bool
	sweepI    []float64
	sweepRate []float64
	swSrc     *rand.PCG
	swRng     *rand.Rand
}

// lifState is the state of one simulated neuron.
type lifState struct {
	steps  int
	v      float64 // mV
	refEnd float64 // ms, end of the refractory period
	spiked bool    // a spike fell in the last step
	stats  sim.SpikeStats
}

// NewLIF returns the model with default parameters, reset with seed 1.
func NewLIF() *LIF {
	m := &LIF{Params: sim.NewParams("lif")}
	m.Bind(sim.Param{Key: "I", Label: "I", Unit: "nA", Min: 0, Max: lifIMax, ValidMin: -10, ValidMax: 20, Step: 0.05, Default: 2,
		Help: "injected current"}, &m.I)
	m.Bind(sim.Param{Key: "R", Label: "R", Unit: "MΩ", Min: 1, Max: 50, ValidMin: 1, ValidMax: 200, Step: 0.5, Default: 10,
		Help: "membrane resistance"}, &m.R)
	m.Bind(sim.Param{Key: "tau_m", Label: "τ_m", Unit: "ms", Min: 1, Max: 100, ValidMin: 0.5, ValidMax: 200, Step: 0.5, Default: 10,
		Help: "membrane time constant"}, &m.TauM)
	m.Bind(sim.Param{Key: "v_rest", Label: "V_rest", Unit: "mV", Min: -80, Max: -55, Step: 0.5, Default: -65,
		Help: "resting potential"}, &m.VRest)
	m.Bind(sim.Param{Key: "v_th", Label: "V_th", Unit: "mV", Min: -55, Max: -30, Step: 0.5, Default: -50,
		Help: "spike threshold"}, &m.VTh)
	m.Bind(sim.Param{Key: "v_reset", Label: "V_reset", Unit: "mV", Min: -85, Max: -56, Step: 0.5, Default: -65,
		Help: "reset potential after a spike (below the lowest threshold)"}, &m.VReset)
	m.Bind(sim.Param{Key: "t_ref", Label: "t_ref", Unit: "ms", Min: 0.5, Max: 10, ValidMin: 0, ValidMax: 50, Step: 0.1, Default: 2,
		Help: "absolute refractory period"}, &m.TRef)
	m.Bind(sim.Param{Key: "sigma", Label: "σ", Unit: "mV", Min: 0, Max: 10, ValidMin: 0, ValidMax: 20, Step: 0.25, Default: 0,
		Help: "membrane noise: sd of the free membrane potential"}, &m.Sigma)
	m.src = rand.NewPCG(0, 0)
	m.rng = rand.New(m.src)
	m.swSrc = rand.NewPCG(0, 0)
	m.swRng = rand.New(m.swSrc)
	m.sweepI = make([]float64, lifSweepN)
	m.sweepRate = make([]float64, lifSweepN)
	for k := range m.sweepI {
		m.sweepI[k] = lifIMax * float64(k) / float64(lifSweepN-1)
	}
	m.info = m.describe()
	m.Reset(1)
	return m
}

// Info describes the model.
func (m *LIF) Info() sim.Info { return m.info }

func (m *LIF) describe() sim.Info {
	return sim.Info{
		ID:      "lif",
		Title:   "Leaky integrate-and-fire",
		Summary: "leaky membrane + threshold and reset, driven by a current; f–I curve against the closed form",
		DT:      lifDT, Window: 200, Speed: 80,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "rate_hz", Label: "rate", Unit: "Hz", Help: "firing rate after the first 100 ms"},
			{Key: "spikes", Label: "spikes", Help: "spikes in the run"},
			{Key: "cv_isi", Label: "CV(ISI)", Help: "coefficient of variation of the interspike intervals"},
			{Key: "steady_hz", Label: "rate now", Unit: "Hz",
				Help: "1000 / mean of the last 16 interspike intervals (or the time since the last spike, if longer): the rate now, for challenges"},
		},
		Signals: []sim.Signal{
			{Key: "v", Label: "V", Unit: "mV"},
			{Key: "th", Label: "V_th", Unit: "mV"},
		},
		Plots: []sim.PlotSpec{
			{Key: "v", Title: "Membrane potential (spikes drawn to +20 mV)", Kind: sim.PlotTrace,
				Signals: []string{"v", "th"}, YLabel: "mV"},
			{Key: "fi", Title: "f–I curve: theory (line), simulation (points), this run (marked)",
				Kind: sim.PlotXY, XLabel: "I (nA)", YLabel: "rate (Hz)"},
		},
	}
}

// Reset returns to t = 0 with the membrane at rest.
func (m *LIF) Reset(seed uint64) {
	sim.Reseed(m.src, seed)
	m.st = lifState{v: m.VRest}
	m.st.stats.Reset()
}

// Time is the simulated time in ms.
func (m *LIF) Time() float64 { return float64(m.st.steps) * lifDT }

// Step advances the neuron by one step of 0.1 ms.
func (m *LIF) Step() { m.advance(&m.st, m.I, m.rng) }

// factors returns e^(−h/τ_m) and the noise sd σ·√(1 − e^(−2h/τ_m)) for a
// full step, recomputed only when τ_m or σ has changed.
func (m *LIF) factors() (a, sd float64) {
	if m.decTau != m.TauM || m.decSigma != m.Sigma || m.decA == 0 {
		m.decTau, m.decSigma = m.TauM, m.Sigma
		m.decA = math.Exp(-lifDT / m.TauM)
		m.decSD = m.Sigma * math.Sqrt(1-m.decA*m.decA)
	}
	return m.decA, m.decSD
}

// advance moves s forward one step at current I (nA), drawing noise from
// rng. Spikes, resets and refractory ends that fall inside the step are
// handled at their own times.
func (m *LIF) advance(s *lifState, I float64, rng *rand.Rand) {
	t0 := float64(s.steps) * lifDT
	t1 := float64(s.steps+1) * lifDT
	s.steps++
	s.spiked = false
	vInf := m.VRest + m.R*I
	tc, full := t0, true
	if s.refEnd > t0 {
		s.v = m.VReset
		if s.refEnd >= t1 {
			return
		}
		tc, full = s.refEnd, false
	}
	for {
		var a, sd float64
		h := t1 - tc
		if full {
			a, sd = m.factors()
		} else {
			a = math.Exp(-h / m.TauM)
			sd = m.Sigma * math.Sqrt(1-a*a)
		}
		v := vInf + (s.v-vInf)*a
		if m.Sigma > 0 {
			v += sd * rng.NormFloat64()
		}
		if v < m.VTh {
			s.v = v
			return
		}
		// Threshold crossed inside (tc, t1].
		var dt float64
		if m.Sigma == 0 {
			dt = m.TauM * math.Log((s.v-vInf)/(m.VTh-vInf))
		} else {
			dt = h * (m.VTh - s.v) / (v - s.v)
		}
		ts := tc + sim.Clamp(dt, 0, h)
		s.stats.Add(ts)
		s.spiked = true
		s.v = m.VReset
		s.refEnd = ts + m.TRef
		if s.refEnd >= t1 {
			return
		}
		tc, full = s.refEnd, false
	}
}

// Sample records V (a spike in the last step is drawn at +20 mV) and the
// threshold.
func (m *LIF) Sample(dst []float64) {
	dst[0] = m.st.v
	if m.st.spiked {
		dst[0] = lifSpikeDrawMV
	}
	dst[1] = m.VTh
}

// Metrics reports rate_hz, spikes, cv_isi and steady_hz.
func (m *LIF) Metrics(dst []float64) {
	dst[0] = m.st.stats.RateHz(m.Time())
	dst[1] = float64(m.st.stats.Count())
	dst[2] = m.st.stats.CV()
	dst[3] = m.st.stats.SteadyRateHz(m.Time())
}

// Rheobase is the smallest current that makes the noise-free neuron fire,
// (V_th − V_rest)/R, in nA.
func (m *LIF) Rheobase() float64 { return (m.VTh - m.VRest) / m.R }

// TheoryRate is the noise-free firing rate at current I (nA), in Hz: the
// closed form above, 0 at or below rheobase.
func (m *LIF) TheoryRate(I float64) float64 {
	drive := m.R*I + m.VRest // mV, the potential the membrane relaxes to
	if drive <= m.VTh {
		return 0
	}
	return 1000 / (m.TRef + m.TauM*math.Log((drive-m.VReset)/(drive-m.VTh)))
}

// SweepRates returns the simulated f–I points (currents in nA, rates in
// Hz) for the current parameters, computing them if the parameters other
// than I have changed since the last call. The slices are the model's own.
func (m *LIF) SweepRates() (I, rate []float64) {
	key := [7]float64{m.R, m.TauM, m.VRest, m.VTh, m.VReset, m.TRef, m.Sigma}
	if !m.sweepOK || key != m.sweepKey {
		m.sweep()
		m.sweepKey, m.sweepOK = key, true
	}
	return m.sweepI, m.sweepRate
}

// sweep simulates each current of the f–I plot with the model's own
// stepper and a fixed seed. Without noise the rate is the inverse of the
// mean interspike interval in the window (exact to rounding); with noise
// it is the spike count over the window.
func (m *LIF) sweep() {
	sim.Reseed(m.swSrc, lifSweepSeed)
	skip := int(lifSweepSkipMS / lifDT)
	total := skip + int(lifSweepMS/lifDT)
	for k, I := range m.sweepI {
		s := lifState{v: m.VRest}
		s.stats.Reset()
		for range skip {
			m.advance(&s, I, m.swRng)
		}
		s.stats.Reset()
		for s.steps < total {
			m.advance(&s, I, m.swRng)
		}
		st := &s.stats
		switch {
		case m.Sigma == 0 && st.Count() >= 2:
			m.sweepRate[k] = 1000 / st.MeanISI()
		default:
			m.sweepRate[k] = 1000 * float64(st.Count()) / lifSweepMS
		}
	}
}

// Plot fills the f–I plot: the closed-form curve, the simulated points and
// this run's operating point (I, rate_hz).
func (m *LIF) Plot(key string, dst *sim.PlotData) {
	if key != "fi" {
		return
	}
	I, rate := m.SweepRates()
	th := dst.AddSeries("theory (σ = 0)", false)
	rh := m.Rheobase()
	for k := range lifCurveN + 1 {
		x := lifIMax * float64(k) / lifCurveN
		if rh > 0 && rh < lifIMax && k > 0 && x > rh && lifIMax*float64(k-1)/lifCurveN <= rh {
			th.Add(rh, 0) // the corner at rheobase
		}
		th.Add(x, m.TheoryRate(x))
	}
	sp := dst.AddSeries("simulated", true)
	for k := range I {
		sp.Add(I[k], rate[k])
	}
	now := dst.AddSeries("this run", true)
	now.Add(m.I, m.st.stats.RateHz(m.Time()))
	dst.XMin, dst.XMax = 0, lifIMax
}
