package network

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

// Sizes and constants of the scaled Brunel network (see Brunel's doc).
const (
	brDT        = 0.1  // ms
	brNE        = 1000 // excitatory neurons
	brNI        = 250  // inhibitory neurons
	brN         = brNE + brNI
	brEps       = 0.1   // connection probability
	brCE        = 100   // excitatory inputs per neuron, ε·N_E
	brCI        = 25    // inhibitory inputs per neuron, ε·N_I
	brTau       = 20.0  // ms, membrane time constant
	brTheta     = 20.0  // mV, threshold
	brVr        = 10.0  // mV, reset
	brTauRP     = 2.0   // ms, refractory period
	brTransient = 100.0 // ms left out of the metrics
	brMaxSlots  = 51    // delay slots (D/dt + 1): D ≤ 5 ms
	brRows      = 50    // raster rows: 40 excitatory, 10 inhibitory
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
// with τ = 20 ms, θ = 20 mV, V_r = 10 mV, τ_rp = 2 ms. Every neuron
// receives exactly C_E = ε·N_E inputs from distinct excitatory cells
// (J_ij = J) and C_I = ε·N_I from distinct inhibitory cells (J_ij = −gJ),
// ε = 0.1, and C_E external Poisson spike trains of rate ν_ext, each
// adding J. ν_thr = θ/(J·C_E·τ) is the external rate that brings the mean
// input to threshold without recurrence; the lab's drive is ν_ext/ν_thr.
//
// Scaling. Brunel used N_E = 10 000, N_I = 2 500 (C_E = 1 000) and
// J = 0.1 mV. We keep N_E = 4·N_I and ε = 0.1 but take N_E = 1 000,
// N_I = 250, so C_E = 100 and C_I = 25, and scale J by 1000/C_E to 1 mV:
// the mean recurrent and external input μ = C_E·J·τ·(ν_ext + ν(1 − g/4))
// and ν_thr = 10 Hz are the paper's, while the input fluctuations
// σ = J·√(C_E·τ·(ν_ext + ν(1 + g²/4))) are √10 times larger (J ≈ 0.32 mV
// would keep σ but cut the recurrent mean coupling C_E·J threefold; no J
// keeps both). The synchronous regular (g = 3, ν_ext = 2ν_thr) and
// asynchronous irregular (g = 5, ν_ext = 2ν_thr) states of his figure 8
// remain at his points; at his two synchronous irregular points the
// population rate here has no clear rhythm (osc_power as in AI; checked
// against Brian2, testdata/brunel_*). A clear fast rhythm with irregular
// cells appears only with less noise and a longer loop, e.g. J = 0.4 mV,
// D = 4 ms, g = 8, ν_ext = 5ν_thr (≈ 90 Hz, χ ≈ 0.2, CV ≈ 0.8), but at
// that J every irregular point resonates (osc_power 10–40).
//
// Integration: the membrane decays exactly, V ← V·e^(−dt/τ), each 0.1 ms
// step, then the step's arriving jumps are added. Recurrent spikes enter a
// ring buffer of D/dt slots. The external input of each neuron, the
// superposition of C_E Poisson trains of rate ν_ext, is one Poisson
// process of rate C_E·ν_ext; its number of events in a step (t − dt, t] is
// Poisson(λ), λ = C_E·ν_ext·dt (0.2 at the default drive, ≤ 2.5 in the
// parameter range), and the counts of disjoint steps are independent. So
// each step draws every neuron's count k from Poisson(λ) and adds k·J —
// the same law as generating the events one by one (as an exponential
// interval stream would) and summing those that fall in the step, since
// within a step only their number matters. The count comes from one
// 32-bit uniform per neuron by inversion of a table of the cumulative
// probabilities in units of 2⁻³² (sim.PoissonTable, exact to 2⁻³² per
// value), rebuilt whenever λ changes. Like recurrent input, the events of
// a step in which the neuron is refractory are lost.
//
// Metrics ignore the first 100 ms: rate_hz is the mean rate over all
// neurons; cv_isi the mean over neurons with ≥ 3 spikes of the coefficient
// of variation of their interspike intervals; synchrony is Golomb's χ
// (Golomb 2007, Scholarpedia 2(1):1347) applied to spike counts in 1 ms
// bins: the standard deviation in time of the population activity over
// the root-mean-square of the single neurons' standard deviations — 1 for
// identical spike trains, ≈ 1/√N = 0.03 for independent ones; osc_hz and
// osc_power locate the largest peak of the population rate's spectrum over
// the last 512 ms (see Oscillation).
type Brunel struct {
	sim.Params
	G, NuExt, J, D float64

	info  sim.Info
	steps int
	t     float64
	rng   *rand.Rand

	v      [brN]float64
	refEnd [brN]int32       // step at which the refractory period ends
	ext    sim.PoissonTable // external events per neuron per step
	outOff [brN + 1]int32
	outTgt []int32 // targets of each neuron's spikes, CSR
	inbox  []float64
	delay  int       // steps
	mark   [brN]bool // scratch while drawing connections
	inSrc  []int32   // scratch: sources of each neuron, C_E + C_I per row

	bias float64 // mV: constant input μ, 0 in the lab (tests)

	// Statistics after the transient.
	count, countAll     int
	lastSpike           [brN]float64
	nISI                [brN]int32
	sumISI, sumISI2     [brN]float64
	spikesAfter         [brN]int32 // spikes after the transient
	sumM, sumM2         float64
	nV                  int
	binCount            [brBin]int32
	binSum              int32
	popRing             [brOscBins]float64 // 1 ms population counts after the transient
	popN                int                // bins written to popRing
	oscX                [brOscBins]float64 // scratch: windowed counts
	oscP                [brOscBins/2 + 1]float64
	rasterT             []float64
	rasterRow           []int32
	rasterHead, rasterN int
}

// NewBrunel returns the scaled network in the asynchronous irregular state
// (g = 5, ν_ext = 2ν_thr), reset with seed 1.
func NewBrunel() *Brunel {
	m := &Brunel{Params: sim.NewParams("brunel")}
	m.Bind(sim.Param{Key: "g", Label: "g", Min: 0, Max: 8, Step: 0.1, Default: 5,
		Help: "relative strength of inhibition, J_I = −g·J"}, &m.G)
	m.Bind(sim.Param{Key: "nu_ext", Label: "ν_ext/ν_thr", Min: 0, Max: 5, Step: 0.05, Default: 2,
		Help: "external drive relative to the rate that reaches threshold alone"}, &m.NuExt)
	m.Bind(sim.Param{Key: "J", Label: "J", Unit: "mV", Min: 0.2, Max: 2, Step: 0.05, Default: 1,
		Help: "excitatory jump per input spike (scaled network: 1 mV ≙ Brunel's 0.1 mV)"}, &m.J)
	m.Bind(sim.Param{Key: "D", Label: "D", Unit: "ms", Min: 0.5, Max: 5, Step: 0.1, Default: 1.5,
		Help: "transmission delay"}, &m.D)
	m.outTgt = make([]int32, brN*(brCE+brCI))
	m.inSrc = make([]int32, brN*(brCE+brCI))
	m.inbox = make([]float64, brMaxSlots*brN)
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
		Summary: "1 250 integrate-and-fire neurons: regular, asynchronous or oscillating, set by inhibition and drive",
		DT:      brDT, Window: brWindow, Speed: 50,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "rate_hz", Label: "rate", Unit: "Hz", Help: "mean firing rate per neuron after the first 100 ms"},
			{Key: "cv_isi", Label: "CV ISI", Help: "irregularity: mean CV of interspike intervals (1 for Poisson)"},
			{Key: "synchrony", Label: "synchrony χ", Help: "Golomb's χ: 0 asynchronous, 1 fully synchronous"},
			{Key: "pop_rate", Label: "population rate", Unit: "Hz", Help: "population activity over the last 1 ms"},
			{Key: "osc_hz", Label: "rhythm", Unit: "Hz", Help: "frequency of the population rate's largest spectral peak above 5 Hz (last 512 ms)"},
			{Key: "osc_power", Label: "rhythm power", Help: "that peak's power over the mean power above 5 Hz: 5–10 in AI, > 20 for a clear rhythm"},
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

// Reset draws a new connectivity and external input from seed and starts
// every neuron at a random potential between V_r and θ (uniform).
func (m *Brunel) Reset(seed uint64) {
	m.rng = sim.NewRand(seed)
	m.steps, m.t = 0, 0
	m.delay = max(1, int(math.Round(m.D/brDT)))
	m.connect()
	clear(m.inbox)
	m.ext.Reset(m.extRate() * brDT)
	for i := range brN {
		m.v[i] = brVr + (brTheta-brVr)*m.rng.Float64()
		m.refEnd[i] = 0
		m.lastSpike[i] = -1
		m.nISI[i], m.sumISI[i], m.sumISI2[i] = 0, 0, 0
		m.spikesAfter[i] = 0
	}
	m.count, m.countAll, m.nV, m.sumM, m.sumM2 = 0, 0, 0, 0, 0
	m.binCount, m.binSum = [brBin]int32{}, 0
	m.popN = 0
	m.rasterHead, m.rasterN = 0, 0
}

// extRate is the total external event rate per neuron, C_E·ν_ext, in 1/ms.
func (m *Brunel) extRate() float64 {
	if m.J <= 0 {
		return 0
	}
	nuThr := brTheta / (m.J * brCE * brTau) // 1/ms
	return m.NuExt * nuThr * brCE
}

// connect draws C_E distinct excitatory and C_I distinct inhibitory sources
// for every neuron and stores the transpose, each neuron's targets.
func (m *Brunel) connect() {
	const c = brCE + brCI
	pick := func(row []int32, lo, n, k int) {
		for j := 0; j < k; {
			s := lo + m.rng.IntN(n)
			if m.mark[s] {
				continue
			}
			m.mark[s] = true
			row[j] = int32(s)
			j++
		}
		for _, s := range row[:k] {
			m.mark[s] = false
		}
	}
	var deg [brN]int32
	for i := range brN {
		row := m.inSrc[i*c : (i+1)*c]
		pick(row[:brCE], 0, brNE, brCE)
		pick(row[brCE:], brNE, brNI, brCI)
		for _, s := range row {
			deg[s]++
		}
	}
	m.outOff[0] = 0
	for s := range brN {
		m.outOff[s+1] = m.outOff[s] + deg[s]
		deg[s] = m.outOff[s]
	}
	for i := range brN {
		for _, s := range m.inSrc[i*c : (i+1)*c] {
			m.outTgt[deg[s]] = int32(i)
			deg[s]++
		}
	}
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
	slot, later := m.steps%ring, (m.steps+m.delay)%ring
	in := m.inbox[slot*brN : (slot+1)*brN]
	out := m.inbox[later*brN : (later+1)*brN]
	if lambda := m.extRate() * brDT; lambda != m.ext.Lambda() {
		m.ext.Reset(lambda) // nu_ext or J changed mid-run
	}
	J, wI := m.J, -m.G*m.J
	base := m.bias * (1 - decay)
	stats := t > brTransient
	step := int32(m.steps)
	spikes := int32(0)
	// One 32-bit uniform per neuron, two per 64-bit draw; none when the
	// count is always 0 (ν_ext = 0: the table holds the single value 0).
	drive := m.ext.Len() > 1
	var r uint64
	for i := range brN {
		if i&1 == 1 {
			r >>= 32
		} else if drive {
			r = m.rng.Uint64()
		}
		ext := float64(m.ext.Draw(uint32(r))) * J
		if step < m.refEnd[i] {
			in[i] = 0
			continue
		}
		v := m.v[i]*decay + base + ext + in[i]
		in[i] = 0
		if v >= brTheta {
			v = brVr
			m.refEnd[i] = step + 1 + int32(math.Round(brTauRP/brDT))
			m.spike(i, t, stats)
			spikes++
			// Deliver after the delay: the slot read `delay` steps on.
			w := J
			if i >= brNE {
				w = wI
			}
			for _, tgt := range m.outTgt[m.outOff[i]:m.outOff[i+1]] {
				out[tgt] += w
			}
		}
		m.v[i] = v
	}
	b := m.steps % brBin
	m.binSum += spikes - m.binCount[b]
	m.binCount[b] = spikes
	if stats && b == 0 {
		// A 1 ms bin has closed: its population count enters χ.
		c := float64(m.binSum)
		m.sumM += c
		m.sumM2 += c * c
		m.nV++
		m.popRing[m.popN%brOscBins] = c
		m.popN++
	}
}

// spike records a spike of neuron i at time t.
func (m *Brunel) spike(i int, t float64, stats bool) {
	m.countAll++
	if stats {
		m.count++
		m.spikesAfter[i]++
		if last := m.lastSpike[i]; last > brTransient {
			d := t - last
			m.nISI[i]++
			m.sumISI[i] += d
			m.sumISI2[i] += d * d
		}
	}
	m.lastSpike[i] = t
	row := -1
	switch {
	case i < 40:
		row = i
	case i >= brNE && i < brNE+10:
		row = 40 + i - brNE
	}
	if row < 0 {
		return
	}
	k := (m.rasterHead + m.rasterN) % brRasterCap
	if m.rasterN == brRasterCap {
		m.rasterHead = (m.rasterHead + 1) % brRasterCap
	} else {
		m.rasterN++
	}
	m.rasterT[k], m.rasterRow[k] = t, int32(row)
}

// Sample records the population rate over the last 1 ms and neuron 0's V.
func (m *Brunel) Sample(dst []float64) {
	dst[0] = m.popRate()
	dst[1] = m.v[0]
}

func (m *Brunel) popRate() float64 {
	bins := min(m.steps, brBin)
	if bins == 0 {
		return 0
	}
	return float64(m.binSum) / (brN * float64(bins) * brDT) * 1000
}

// Metrics reports rate_hz, cv_isi, synchrony, pop_rate, osc_hz and
// osc_power.
func (m *Brunel) Metrics(dst []float64) {
	dst[0] = m.RateHz()
	dst[1] = m.CV()
	dst[2] = m.Synchrony()
	dst[3] = m.popRate()
	dst[4], dst[5] = m.Oscillation()
}

// Oscillation finds the rhythm of the population rate. It takes the 1 ms
// population counts A(b) of the last n ≤ 512 ms after the transient
// (n ≥ 128, else it reports 0, 0), removes their mean, applies a Hann
// window w(b), and computes the periodogram
//
//	P_k = | Σ_b w(b)·A(b)·e^(−2πi·k·b/n) |²,  f_k = k/n kHz,
//
// smoothed over 2h + 1 neighbouring frequencies (h = n/256, ≈ 10 Hz in
// all). It returns the frequency f of the largest smoothed P_k with
// 5 Hz ≤ f_k ≤ 500 Hz, and that peak over the mean of P_k on the same
// band. For white noise the ratio is the maximum of ≈ 50 independent
// estimates, about 1.5–3; the AI state's spectrum falls with frequency,
// which gives 5–10 here; a clear rhythm gives > 20 (SR ≈ 50).
func (m *Brunel) Oscillation() (hz, power float64) {
	n := min(m.popN, brOscBins)
	if n < 128 {
		return 0, 0
	}
	x := m.oscX[:n]
	start := m.popN - n
	mean := 0.0
	for b := range n {
		x[b] = m.popRing[(start+b)%brOscBins]
		mean += x[b]
	}
	mean /= float64(n)
	for b := range n {
		w := 0.5 - 0.5*math.Cos(2*math.Pi*float64(b)/float64(n))
		x[b] = w * (x[b] - mean)
	}
	half := n / 2
	p := m.oscP[:half+1]
	for k := range half + 1 {
		// Σ x_b e^(−iθb) by rotation of a unit phasor.
		c, s := math.Cos(2*math.Pi*float64(k)/float64(n)), -math.Sin(2*math.Pi*float64(k)/float64(n))
		re, im, zr, zi := 0.0, 0.0, 1.0, 0.0
		for _, v := range x {
			re += v * zr
			im += v * zi
			zr, zi = zr*c-zi*s, zr*s+zi*c
		}
		p[k] = re*re + im*im
	}
	lo := int(math.Ceil(5 * float64(n) / 1000))
	h := max(1, n/256)
	var sum, best float64
	bestK := 0
	for k := lo; k <= half; k++ {
		sum += p[k]
		var sm float64
		cnt := 0
		for j := max(lo, k-h); j <= min(half, k+h); j++ {
			sm += p[j]
			cnt++
		}
		if sm /= float64(cnt); sm > best {
			best, bestK = sm, k
		}
	}
	sum /= float64(half - lo + 1)
	if sum <= 0 {
		return 0, 0
	}
	return float64(bestK) * 1000 / float64(n), best / sum
}

// RateHz is the mean rate per neuron after the transient (whole run when it
// lasts 200 ms or less).
func (m *Brunel) RateHz() float64 {
	switch {
	case m.t <= 0:
		return 0
	case m.t <= 2*brTransient:
		return float64(m.countAll) / brN / m.t * 1000
	}
	return float64(m.count) / brN / (m.t - brTransient) * 1000
}

// CV is the mean over neurons with at least three spikes after the
// transient of the CV of their interspike intervals.
func (m *Brunel) CV() float64 {
	var sum float64
	n := 0
	for i := range brN {
		k := float64(m.nISI[i])
		if k < 2 {
			continue
		}
		mean := m.sumISI[i] / k
		vr := m.sumISI2[i]/k - mean*mean
		if mean > 0 {
			sum += math.Sqrt(math.Max(vr, 0)) / mean
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// Synchrony is Golomb's χ after the transient, computed on spike counts
// in 1 ms bins: with n_i(b) the count of neuron i in bin b and
// A(b) = Σ_i n_i(b)/N,
//
//	χ² = Var_b[A] / ( (1/N) Σ_i Var_b[n_i] )
//
// A neuron fires at most once per bin (τ_rp = 2 ms), so Var_b[n_i] =
// p_i(1 − p_i) with p_i its fraction of bins holding a spike.
func (m *Brunel) Synchrony() float64 {
	if m.nV < 2 {
		return 0
	}
	k := float64(m.nV)
	mean := m.sumM / k / brN
	varA := m.sumM2/k/(brN*brN) - mean*mean
	var vi float64
	for i := range brN {
		p := math.Min(float64(m.spikesAfter[i])/k, 1)
		vi += p * (1 - p)
	}
	vi /= brN
	if vi <= 0 {
		return 0
	}
	return math.Sqrt(sim.Clamp(varA/vi, 0, 1))
}

// Plot fills the raster of the last window.
func (m *Brunel) Plot(key string, dst *sim.PlotData) {
	if key != "raster" {
		return
	}
	t0 := math.Max(0, m.t-brWindow)
	for k := range m.rasterN {
		j := (m.rasterHead + k) % brRasterCap
		if m.rasterT[j] >= t0 {
			dst.SpikeT = append(dst.SpikeT, m.rasterT[j])
			dst.SpikeRow = append(dst.SpikeRow, int(m.rasterRow[j]))
		}
	}
	dst.Rows, dst.T0, dst.T1 = brRows, t0, math.Max(m.t, brWindow)
}
