package network

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

// Constants of Brunel's network (see Brunel's doc).
const (
	brDT        = 0.1   // ms
	brEps       = 0.1   // connection probability ε
	brTau       = 20.0  // ms, membrane time constant
	brTheta     = 20.0  // mV, threshold
	brVr        = 10.0  // mV, reset
	brTauRP     = 2.0   // ms, refractory period
	brTransient = 100.0 // ms left out of the metrics
	brMaxSlots  = 51    // delay slots (D/dt + 1): D ≤ 5 ms
	brMaxNE     = 10000 // largest N_E: N ≤ 12 500 fits the uint16 targets
	brRowsE     = 40    // raster rows of excitatory cells
	brRowsI     = 10    // raster rows of inhibitory cells
	brRows      = brRowsE + brRowsI
	brRasterCap = 16384 // spikes kept for the raster
	brBin       = 10    // steps per bin of the population-rate signal (1 ms)
	brWindow    = 250.0 // ms
	brOscBins   = 512   // 1 ms population counts kept for the spectrum
)

// Brunel is the sparsely connected network of excitatory and inhibitory
// leaky integrate-and-fire neurons of Brunel (2000), J Comput Neurosci
// 8(3):183–208 ("model A": identical E and I cells, delta synapses):
//
//	τ dV_i/dt = −V_i + R·I_i(t)
//	R·I_i(t) = τ Σ_j J_ij Σ_k δ(t − t_j^k − D)
//	V_i ≥ θ → spike; V_i = V_r for τ_rp, inputs arriving meanwhile are lost
//
// with τ = 20 ms, θ = 20 mV, V_r = 10 mV, τ_rp = 2 ms. There are N_E
// excitatory and N_I = N_E/4 inhibitory cells. Every neuron receives
// exactly C_E = ε·N_E inputs from distinct excitatory cells (J_ij = J) and
// C_I = ε·N_I from distinct inhibitory cells (J_ij = −gJ), ε = 0.1, and
// C_E external Poisson spike trains of rate ν_ext, each adding J.
// ν_thr = θ/(J·C_E·τ) is the external rate that brings the mean input to
// threshold without recurrence; the drive is set as ν_ext/ν_thr.
//
// Size. n_e sets N_E from 200 to 10 000 (N_I, C_E and C_I are rounded to
// whole numbers; N_E a multiple of 40 makes them exact). Brunel's own
// network is N_E = 10 000 (C_E = 1 000) with J = 0.1 mV; there his four
// states of figure 8 appear at his points (TestBrunelStatesFullSize, and
// beside Brian2, TestBrunelStatesBrian2). The lab's default is a tenth of
// that, N_E = 1 000, C_E = 100, with J = 1 mV: the mean input
// μ = C_E·J·τ·(ν_ext + ν(1 − g/4)) and ν_thr = 10 Hz are the paper's,
// while the fluctuations σ = J·√(C_E·τ·(ν_ext + ν(1 + g²/4))) are √10
// times larger; there his SR and AI states remain and the two SI rhythms
// dissolve (TestBrunelStates).
//
// Integration: the membrane decays exactly, V ← V·e^(−dt/τ), each 0.1 ms
// step, then the step's arriving jumps are added. The external input of
// each neuron, the superposition of C_E Poisson trains of rate ν_ext, is
// one Poisson process of rate C_E·ν_ext; its number of events in a step
// is Poisson(λ), λ = C_E·ν_ext·dt = (ν_ext/ν_thr)·θ·dt/(J·τ), and the
// counts of disjoint steps are independent. So each step draws every
// neuron's count k from Poisson(λ) and adds k·J — the same law as
// generating the events one by one and summing those that fall in the
// step. The count comes from one 32-bit uniform per neuron by inversion
// of a table of the cumulative probabilities in units of 2⁻³²
// (sim.PoissonTable), rebuilt whenever λ changes. Like recurrent input,
// the events of a step in which the neuron is refractory are lost.
//
// Delivery is event-driven: the connectivity is stored as compressed
// sparse rows of each neuron's targets (see connect), and a spike adds its
// jump to the targets' slots in a ring of D/dt + 1 per-neuron input
// buffers, the slot read D/dt steps later. A step costs O(N) for the
// membranes plus O(C) per spike; it allocates nothing.
//
// Metrics ignore the first 100 ms: see brunelStats.
type Brunel struct {
	sim.Params
	G, NuExt, J, D, NE float64

	info  sim.Info
	steps int
	t     float64
	src   rand.PCG // the one random stream: connectivity, V₀, input

	// Sizes fixed at Reset.
	nE, nI, n, cE, cI int

	v        []float64        // mV
	refEnd   []int32          // step at which the refractory period ends
	ext      sim.PoissonTable // external events per neuron per step
	outOff   []int32          // targets of neuron s: outTgt[outOff[s]:outOff[s+1]]
	outTgt   []uint16
	inbox    []float64 // brMaxSlots slots of n jumps (mV), delay+1 in use; padded
	fired    []int32   // scratch: the neurons that fired this step
	extCount []uint8   // scratch: external events of each neuron this step, n+1
	delay    int       // steps

	// Scratch of connect.
	mark   []bool
	cursor []int32
	row    []int32

	bias float64 // mV: constant input μ, 0 in the lab (tests)

	brunelStats
}

// NewBrunel returns the network at the lab's size (N_E = 1 000) in the
// asynchronous irregular state (g = 5, ν_ext = 2ν_thr), reset with seed 1.
func NewBrunel() *Brunel {
	m := &Brunel{Params: sim.NewParams("brunel")}
	m.Bind(sim.Param{Key: "g", Label: "g", Min: 0, Max: 8, Step: 0.1, Default: 5,
		Help: "relative strength of inhibition, J_I = −g·J"}, &m.G)
	m.Bind(sim.Param{Key: "nu_ext", Label: "ν_ext/ν_thr", Min: 0, Max: 5, Step: 0.05, Default: 2,
		Help: "external drive relative to the rate that reaches threshold alone"}, &m.NuExt)
	m.Bind(sim.Param{Key: "J", Label: "J", Unit: "mV", Min: 0.05, Max: 2, Step: 0.05, Default: 1,
		Help: "excitatory jump per input spike (Brunel: 0.1 mV at N_E = 10 000)"}, &m.J)
	m.Bind(sim.Param{Key: "D", Label: "D", Unit: "ms", Min: 0.5, Max: 5, Step: 0.1, Default: 1.5,
		Help: "transmission delay"}, &m.D)
	m.Bind(sim.Param{Key: "n_e", Label: "N_E", Min: 200, Max: brMaxNE, Step: 200, Default: 1000, Integer: true,
		Help: "excitatory neurons; N_I = N_E/4, C_E = N_E/10, C_I = N_I/10, rounded (Brunel: 10 000)"}, &m.NE)
	m.rasterT = make([]float64, brRasterCap)
	m.rasterRow = make([]int32, brRasterCap)
	m.info = m.describe()
	m.Reset(1)
	return m
}

func (m *Brunel) describe() sim.Info {
	return sim.Info{
		ID:      "brunel",
		Title:   "Sparse E–I network of spiking neurons (Brunel 2000)",
		Summary: "250 to 12 500 integrate-and-fire neurons: regular, asynchronous or oscillating, set by inhibition and drive",
		DT:      brDT, Window: brWindow, Speed: 50,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "rate_hz", Label: "rate", Unit: "Hz", Help: "mean firing rate per neuron after the first 100 ms"},
			{Key: "cv_isi", Label: "CV ISI", Help: "irregularity: mean CV of interspike intervals (1 for Poisson)"},
			{Key: "synchrony", Label: "synchrony χ", Help: "Golomb's χ: 0 asynchronous, 1 fully synchronous"},
			{Key: "pop_cv", Label: "rate swing", Help: "std/mean of the population rate in 1 ms bins after the first 100 ms: > 1 when the population fires in bursts"},
			{Key: "pop_rate", Label: "population rate", Unit: "Hz", Help: "population activity over the last 1 ms"},
			{Key: "osc_hz", Label: "rhythm", Unit: "Hz", Help: "frequency of the population rate's largest spectral peak above 5 Hz (last 512 ms)"},
			{Key: "osc_power", Label: "rhythm power", Help: "that peak's power over the mean power above 5 Hz: below 15 without a rhythm, > 20 for a clear one"},
		},
		Signals: []sim.Signal{
			{Key: "pop_rate", Label: "population rate", Unit: "Hz"},
			{Key: "v0", Label: "V of neuron 1", Unit: "mV"},
		},
		Plots: []sim.PlotSpec{
			{Key: "raster", Title: "Spikes of 50 neurons (40 E, top; 10 I, bottom)", Kind: sim.PlotRaster},
			{Key: "rate", Title: "Population rate (1 ms bins)", Kind: sim.PlotTrace, Signals: []string{"pop_rate"},
				YLabel: "Hz"},
			{Key: "vm", Title: "Membrane potential of one neuron", Kind: sim.PlotTrace, Signals: []string{"v0"},
				YLabel: "mV", YMin: -40, YMax: 21}, // V has no floor: inhibition drives it well below 0
		},
	}
}

// Info describes the model.
func (m *Brunel) Info() sim.Info { return m.info }

// Time is the simulated time in ms.
func (m *Brunel) Time() float64 { return m.t }

// Reset sizes the network from n_e, draws a new connectivity and external
// input from seed and starts every neuron at a random potential between
// V_r and θ (uniform). It allocates only when the network grows.
func (m *Brunel) Reset(seed uint64) {
	sim.Reseed(&m.src, seed)
	m.steps, m.t = 0, 0
	m.delay = max(1, int(math.Round(m.D/brDT)))
	m.resize(int(m.NE))
	m.connect()
	clear(m.inbox)
	m.ext.Reset(m.extRate() * brDT)
	for i := range m.n {
		m.v[i] = brVr + (brTheta-brVr)*uniform01(&m.src)
		m.refEnd[i] = 0
	}
	m.resetStats()
}

// resize sets N_E = nE, N_I = nE/4, C_E = ε·N_E, C_I = ε·N_I (rounded)
// and sizes the per-neuron storage, reusing it when it is large enough.
func (m *Brunel) resize(nE int) {
	m.nE = nE
	m.nI = int(math.Round(float64(nE) / 4))
	m.n = m.nE + m.nI
	m.cE = max(1, int(math.Round(brEps*float64(m.nE))))
	m.cI = max(1, int(math.Round(brEps*float64(m.nI))))
	n := m.n
	m.v = grow(m.v, n)
	m.refEnd = grow(m.refEnd, n)
	m.outOff = grow(m.outOff, n+1)
	m.outTgt = grow(m.outTgt, n*(m.cE+m.cI))
	m.inbox = grow(m.inbox, brMaxSlots*n+1<<16) // see deliver
	m.fired = grow(m.fired, n)
	m.extCount = grow(m.extCount, n+1)
	m.neurons = grow(m.neurons, n)
}

// grow returns s with length n, reallocated only if its capacity is short.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// extRate is the total external event rate per neuron, C_E·ν_ext =
// (ν_ext/ν_thr)·θ/(J·τ), in 1/ms.
func (m *Brunel) extRate() float64 {
	if m.J <= 0 {
		return 0
	}
	return m.NuExt * brTheta / (m.J * brTau)
}

// Step advances the network by 0.1 ms.
func (m *Brunel) Step() {
	m.steps++
	t := float64(m.steps) * brDT
	m.t = t
	decay := math.Exp(-brDT / brTau)
	// The ring holds delay+1 slots: this step reads one and writes the
	// one read `delay` steps later.
	ring := m.delay + 1
	n := m.n
	slot, later := m.steps%ring, (m.steps+m.delay)%ring
	in := m.inbox[slot*n : (slot+1)*n][:n]
	if lambda := m.extRate() * brDT; lambda != m.ext.Lambda() {
		m.ext.Reset(lambda) // nu_ext or J changed mid-run
	}
	J := m.J
	base := m.bias * (1 - decay)
	step := int32(m.steps)
	until := step + 1 + int32(math.Round(brTauRP/brDT)) // refractory end of a spike now
	v, refEnd := m.v[:n], m.refEnd[:n]
	fired := m.fired[:n]
	nf := 0
	ext := m.externalCounts(n)
	for i := range n {
		e := float64(ext[i]) * J
		if step < refEnd[i] {
			in[i] = 0
			continue
		}
		x := v[i]*decay + base + e + in[i]
		in[i] = 0
		if x >= brTheta {
			x = brVr
			refEnd[i] = until
			fired[nf] = int32(i)
			nf++
		}
		v[i] = x
	}
	fired = fired[:nf]
	m.deliver(fired, later*n)
	m.record(fired, t)
}

// externalCounts draws this step's external input events of each of the
// n neurons, Poisson(λ), from one 32-bit uniform per neuron, two per
// 64-bit draw (low half first); all 0, and no draw, when the count is
// always 0 (ν_ext = 0: the table holds the single value 0).
func (m *Brunel) externalCounts(n int) []uint8 {
	c := m.extCount[:n+1]
	if m.ext.Len() == 1 {
		clear(c)
		return c[:n]
	}
	for i := 0; i < n; i += 2 {
		r := m.src.Uint64()
		c[i] = uint8(m.ext.Draw(uint32(r)))
		c[i+1] = uint8(m.ext.Draw(uint32(r >> 32)))
	}
	return c[:n]
}

// deliver adds the jump of every neuron in fired to its targets' inputs
// in the ring slot that starts at inbox[start]: J from an excitatory
// cell, −gJ from an inhibitory one. The slot is taken as an array of
// 2¹⁶ entries (inbox has that much room past every slot), so a uint16
// target needs no bounds check; only the first n are ever written.
func (m *Brunel) deliver(fired []int32, start int) {
	out := (*[1 << 16]float64)(m.inbox[start:])
	wE, wI := m.J, -m.G*m.J
	nE := int32(m.nE)
	for _, s := range fired {
		w := wE
		if s >= nE {
			w = wI
		}
		tgt := m.outTgt[m.outOff[s]:m.outOff[s+1]]
		for len(tgt) >= 4 {
			out[tgt[0]] += w
			out[tgt[1]] += w
			out[tgt[2]] += w
			out[tgt[3]] += w
			tgt = tgt[4:]
		}
		for _, t := range tgt {
			out[t] += w
		}
	}
}

// Sample records the population rate over the last 1 ms and neuron 0's V.
func (m *Brunel) Sample(dst []float64) {
	dst[0] = m.popRate()
	dst[1] = m.v[0]
}

// Metrics reports rate_hz, cv_isi, synchrony, pop_cv, pop_rate, osc_hz
// and osc_power.
func (m *Brunel) Metrics(dst []float64) {
	dst[0] = m.RateHz()
	dst[1] = m.CV()
	dst[2] = m.Synchrony()
	dst[3] = m.PopCV()
	dst[4] = m.popRate()
	dst[5], dst[6] = m.Oscillation()
}
