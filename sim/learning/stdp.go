package learning

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

// Modes of the STDP model, the values of its "mode" parameter.
const (
	STDPPairing = iota // one synapse, pre/post spike pairs at a set Δt
	STDPNetwork        // a LIF neuron with many plastic Poisson inputs
)

const (
	stdpDT    = 0.1    // ms
	stdpMaxN  = 1000   // most inputs
	stdpBins  = 20     // histogram bins of w/w_max
	stdpBars  = 50     // bars of the weight vector
	stdpW0    = 0.5    // pairing: starting weight, fraction of w_max
	stdpPair0 = 200.0  // ms, time of the first pairing's base
	stdpTauR  = 2000.0 // ms, time constant of the post rate estimate

	// The neuron, as in the Brian 2 example after Song et al. (2000).
	stdpTauM = 10.0  // ms
	stdpEL   = -74.0 // mV
	stdpVT   = -54.0 // mV
	stdpVR   = -60.0 // mV
	stdpEE   = 0.0   // mV
	stdpTauE = 5.0   // ms
	stdpGTot = 10.0  // N·g_max: g_max = 0.01 for 1000 inputs
)

// STDP is pair-based spike-timing-dependent plasticity with exponential
// windows, implemented with all-to-all traces (Song, Miller & Abbott 2000):
//
//	Δw = +A₊·e^{−Δt/τ₊}   for Δt = t_post − t_pre ≥ 0  (pre before post)
//	Δw = −A₋·e^{+Δt/τ₋}   for Δt < 0                 (post before pre)
//
// Each synapse keeps a presynaptic trace a_pre (+A₊ per pre spike, decay
// τ₊) and the neuron a postsynaptic trace a_post (−A₋ per post spike, decay
// τ₋). A post spike adds a_pre to every weight; a pre spike adds a_post to
// its weight. Weights are clipped to [0, w_max] (additive STDP with hard
// bounds) and A± are fractions of w_max. The window has the shape measured
// by Bi & Poo (1998).
//
// Mode "pairing" drives one synapse (starting at w = 0.5·w_max) with
// n_pairs pre/post pairs at the set Δt, one pairing every 1/freq, the first
// at 200 ms. Traces interact across pairings, so at high rates a post spike
// also depresses against the next pre spike (the steady change per pairing
// is then a geometric sum; see the tests). Mode "network" is one leaky integrate-and-fire neuron with
// n_inputs plastic excitatory Poisson inputs, with the parameters of the
// Brian 2 STDP example after Song et al. (2000):
//
//	τ_m dV/dt = E_L − V + g_e·(E_e − V_r)      (synaptic current linearised)
//	dg_e/dt = −g_e/τ_e,   g_e += w at each input spike
//	V > V_t: spike, V → V_r
//
// τ_m = 10 ms, E_L = −74 mV, V_t = −54 mV, V_r = −60 mV, E_e = 0 mV,
// τ_e = 5 ms, w_max = g_max = 10/N (0.01 for N = 1000, in units of the leak
// conductance), weights starting uniform in [0, w_max]. V and g_e are
// updated exactly over each 0.1 ms step. A fraction corr_frac of the inputs
// (the first ones) is correlated: each fires independently at rate·(1 − c)
// and copies each spike of a shared Poisson "mother" train of the same rate
// with probability c, so every input fires at `rate` and pairs within the
// group have spike-count correlation c. With A₋τ₋ slightly above A₊τ₊,
// the weights split into a strong and a weak group (a bimodal
// distribution) and the correlated inputs win. The uncorrelated network is
// checked against Brian 2 running the same example
// (testdata/stdp_brian2.py).
type STDP struct {
	sim.Params
	Mode     float64
	DtPair   float64 // ms, t_post − t_pre
	Freq     float64 // Hz, pairings per second
	NPairs   float64
	APlus    float64 // fraction of w_max
	ARatio   float64 // A₋/A₊
	TauPlus  float64 // ms
	TauMinus float64 // ms
	NInputs  float64
	Rate     float64 // Hz
	CorrFrac float64 // fraction of inputs in the correlated group
	Corr     float64 // c

	info sim.Info
	t    float64
	step int64
	rng  *rand.Rand

	// Plasticity state (both modes). Weights in units of w_max.
	w      [stdpMaxN]float64
	preA   [stdpMaxN]float64 // a_pre at the input's last spike
	preT   [stdpMaxN]float64 // time of the input's last spike, ms
	postA  float64           // a_post now (≤ 0)
	decM   float64           // e^{−dt/τ₋}
	aPlus  float64           // A₊
	aMinus float64           // A₋

	// Pairing mode.
	period, lag int64   // steps between pairings, and post − pre in steps
	pairs       int     // pairings completed
	wBefore     float64 // w before the current pairing's first spike
	dw          float64 // % of w_max, change by the last completed pairing

	// Network mode.
	n, nCorr int
	v, ge    float64
	next     heapTimes // next independent spike of each input
	mother   float64   // next spike of the shared train, ms
	postRate float64   // Hz, filtered
	nPost    int
	aM, aE   float64 // e^{−dt/τ_m}, e^{−dt/τ_e}
	aR       float64 // e^{−dt/τ_r} of the rate filter
	gmax     float64
}

// heapTimes is a binary min-heap of (spike time, input) pairs.
type heapTimes struct {
	t []float64
	i []int32
}

func (h *heapTimes) reset(n int) {
	if cap(h.t) < n {
		h.t, h.i = make([]float64, 0, n), make([]int32, 0, n)
	}
	h.t, h.i = h.t[:0], h.i[:0]
}

func (h *heapTimes) push(t float64, i int) {
	h.t, h.i = append(h.t, t), append(h.i, int32(i))
	for k := len(h.t) - 1; k > 0; {
		p := (k - 1) / 2
		if h.t[p] <= h.t[k] {
			break
		}
		h.swap(p, k)
		k = p
	}
}

func (h *heapTimes) swap(a, b int) {
	h.t[a], h.t[b] = h.t[b], h.t[a]
	h.i[a], h.i[b] = h.i[b], h.i[a]
}

// replaceTop gives the earliest entry a new time and restores the heap.
func (h *heapTimes) replaceTop(t float64) {
	h.t[0] = t
	n := len(h.t)
	for k := 0; ; {
		l, r, m := 2*k+1, 2*k+2, k
		if l < n && h.t[l] < h.t[m] {
			m = l
		}
		if r < n && h.t[r] < h.t[m] {
			m = r
		}
		if m == k {
			return
		}
		h.swap(k, m)
		k = m
	}
}

// NewSTDP returns the model with default parameters, reset with seed 1.
func NewSTDP() *STDP {
	m := &STDP{Params: sim.NewParams("stdp")}
	m.Bind(sim.Param{Key: "mode", Label: "mode", Choices: []string{"pairing", "network"}, Default: STDPPairing,
		Help: "pairing protocol on one synapse, or a neuron with many plastic inputs"}, &m.Mode)
	m.Bind(sim.Param{Key: "dt_pair", Label: "Δt", Unit: "ms", Min: -100, Max: 100, Step: 1, Default: 10,
		Help: "pairing: post spike time minus pre spike time"}, &m.DtPair)
	m.Bind(sim.Param{Key: "freq", Label: "f_pair", Unit: "Hz", Min: 0.1, Max: 50, ValidMin: 0.1, ValidMax: 100, Step: 0.1, Log: true, Default: 1,
		Help: "pairing: pairings per second"}, &m.Freq)
	m.Bind(sim.Param{Key: "n_pairs", Label: "pairings", Min: 1, Max: 200, ValidMin: 1, ValidMax: 1000, Step: 1, Default: 60, Integer: true,
		Help: "pairing: number of pre/post pairs"}, &m.NPairs)
	m.Bind(sim.Param{Key: "a_plus", Label: "A₊", Min: 0.001, Max: 0.05, ValidMin: 0.0001, ValidMax: 0.1, Step: 0.001, Log: true, Default: 0.01,
		Help: "potentiation per pair at Δt = 0, fraction of w_max"}, &m.APlus)
	m.Bind(sim.Param{Key: "a_ratio", Label: "A₋/A₊", Min: 0.5, Max: 2, Step: 0.01, Default: 1.05,
		Help: "depression amplitude over potentiation amplitude"}, &m.ARatio)
	m.Bind(sim.Param{Key: "tau_plus", Label: "τ₊", Unit: "ms", Min: 5, Max: 50, ValidMin: 1, ValidMax: 100, Step: 1, Default: 20,
		Help: "width of the potentiation window"}, &m.TauPlus)
	m.Bind(sim.Param{Key: "tau_minus", Label: "τ₋", Unit: "ms", Min: 5, Max: 100, ValidMin: 1, ValidMax: 200, Step: 1, Default: 20,
		Help: "width of the depression window"}, &m.TauMinus)
	m.Bind(sim.Param{Key: "n_inputs", Label: "N", Min: 100, Max: stdpMaxN, Step: 100, Default: 1000, Integer: true,
		Help: "network: number of plastic inputs"}, &m.NInputs)
	m.Bind(sim.Param{Key: "rate", Label: "input rate", Unit: "Hz", Min: 5, Max: 40, ValidMin: 0.5, ValidMax: 100, Step: 1, Default: 15,
		Help: "network: firing rate of every input"}, &m.Rate)
	m.Bind(sim.Param{Key: "corr_frac", Label: "correlated", Min: 0, Max: 0.5, Step: 0.05, Default: 0.1,
		Help: "network: fraction of inputs in the correlated group"}, &m.CorrFrac)
	m.Bind(sim.Param{Key: "corr", Label: "c", Min: 0, Max: 1, Step: 0.05, Default: 0.2,
		Help: "network: spike correlation within the correlated group"}, &m.Corr)
	m.info = m.describe()
	m.Reset(1)
	return m
}

// Info describes the model.
func (m *STDP) Info() sim.Info { return m.info }

func (m *STDP) describe() sim.Info {
	return sim.Info{
		ID:      "stdp",
		Title:   "Spike-timing-dependent plasticity",
		Summary: "pair-based STDP: a pairing protocol on one synapse, or a LIF neuron whose inputs compete",
		DT:      stdpDT, Window: 60000, Speed: 10000,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "dw", Label: "Δw last pairing", Unit: "%", Help: "pairing: weight change by the last pairing, % of w_max"},
			{Key: "dw_total", Label: "Δw total", Unit: "%", Help: "pairing: weight change since the start, % of w_max"},
			{Key: "w_corr", Label: "w̄ correlated", Help: "network: mean weight of the correlated group, fraction of w_max"},
			{Key: "w_uncorr", Label: "w̄ uncorrelated", Help: "network: mean weight of the other inputs, fraction of w_max"},
			{Key: "selectivity", Label: "selectivity", Help: "network: (w̄_corr − w̄_uncorr)/(w̄_corr + w̄_uncorr)"},
			{Key: "post_rate_hz", Label: "post rate", Unit: "Hz", Help: "network: output rate, filtered over 2 s"},
			{Key: "frac_high", Label: "strong", Unit: "%", Help: "network: inputs with w > 0.8·w_max"},
			{Key: "frac_low", Label: "weak", Unit: "%", Help: "network: inputs with w < 0.2·w_max"},
		},
		Signals: []sim.Signal{
			{Key: "w_mean", Label: "w/w_max (pairing: the synapse; network: mean)"},
			{Key: "w_corr", Label: "w̄ correlated"},
			{Key: "w_uncorr", Label: "w̄ uncorrelated"},
			{Key: "rate", Label: "post rate", Unit: "Hz"},
			{Key: "v", Label: "V", Unit: "mV"},
		},
		Plots: []sim.PlotSpec{
			{Key: "window", Title: "Learning window Δw(Δt)", Kind: sim.PlotXY, XLabel: "Δt = t_post − t_pre (ms)", YLabel: "Δw (% of w_max)"},
			{Key: "weight", Title: "Weight", Kind: sim.PlotTrace, Signals: []string{"w_mean"}, YLabel: "w/w_max", YMin: 0, YMax: 1},
			{Key: "groups", Title: "Mean weights: correlated vs uncorrelated", Kind: sim.PlotTrace,
				Signals: []string{"w_corr", "w_uncorr"}, YLabel: "w/w_max", YMin: 0, YMax: 1},
			{Key: "hist", Title: "Weight distribution (w/w_max, 20 bins)", Kind: sim.PlotBars, YLabel: "inputs"},
			{Key: "weights", Title: "Weights by input (correlated group first)", Kind: sim.PlotBars, YLabel: "w/w_max"},
			{Key: "rate", Title: "Output rate", Kind: sim.PlotTrace, Signals: []string{"rate"}, YLabel: "Hz"},
			{Key: "v", Title: "Membrane potential", Kind: sim.PlotTrace, Signals: []string{"v"}, YLabel: "mV"},
		},
	}
}

// Window is the weight change of one isolated pair at Δt = t_post − t_pre
// (ms), as a fraction of w_max: A₊e^{−Δt/τ₊} for Δt ≥ 0, −A₋e^{Δt/τ₋}
// otherwise.
func (m *STDP) Window(dt float64) float64 {
	if dt >= 0 {
		return m.APlus * math.Exp(-dt/m.TauPlus)
	}
	return -m.APlus * m.ARatio * math.Exp(dt/m.TauMinus)
}

// Reset returns to time zero: the pairing synapse at 0.5·w_max, or the
// network's weights uniform in [0, w_max] and V = V_r.
func (m *STDP) Reset(seed uint64) {
	m.t, m.step = 0, 0
	m.rng = sim.NewRand(seed)
	m.aPlus, m.aMinus = m.APlus, m.APlus*m.ARatio
	m.decM = math.Exp(-stdpDT / m.TauMinus)
	m.postA = 0
	m.pairs, m.dw = 0, 0
	m.period = int64(math.Round(1000 / m.Freq / stdpDT))
	m.lag = int64(math.Round(m.DtPair / stdpDT))
	m.n = int(m.NInputs)
	m.nCorr = int(math.Round(m.CorrFrac * m.NInputs))
	m.v, m.ge = stdpVR, 0
	m.postRate, m.nPost = 0, 0
	m.aM, m.aE = math.Exp(-stdpDT/stdpTauM), math.Exp(-stdpDT/stdpTauE)
	m.aR = math.Exp(-stdpDT / stdpTauR)
	m.gmax = stdpGTot / m.NInputs
	for i := range m.w {
		m.w[i], m.preA[i], m.preT[i] = 0, 0, 0
	}
	m.next.reset(stdpMaxN)
	if int(m.Mode) == STDPPairing {
		m.w[0] = stdpW0
		m.wBefore = stdpW0
		return
	}
	for i := range m.n {
		m.w[i] = m.rng.Float64()
		m.next.push(m.expInterval(m.indepRate(i)), i)
	}
	m.mother = m.expInterval(m.Rate)
}

// indepRate is input i's independent rate, Hz.
func (m *STDP) indepRate(i int) float64 {
	if i < m.nCorr {
		return m.Rate * (1 - m.Corr)
	}
	return m.Rate
}

// expInterval draws a Poisson interval in ms at rate r Hz (+Inf for r = 0).
func (m *STDP) expInterval(r float64) float64 {
	if r <= 0 {
		return math.Inf(1)
	}
	return m.rng.ExpFloat64() * 1000 / r
}

// Time is the simulated time in ms.
func (m *STDP) Time() float64 { return m.t }

// pre handles a presynaptic spike of input i now: depression by the post
// trace, then the input's own trace jumps by A₊.
func (m *STDP) pre(i int) {
	m.w[i] = sim.Clamp(m.w[i]+m.postA, 0, 1)
	m.preA[i] = m.preA[i]*math.Exp(-(m.t-m.preT[i])/m.TauPlus) + m.aPlus
	m.preT[i] = m.t
}

// post handles a postsynaptic spike now: potentiation of inputs 0…n−1 by
// their pre traces, then the post trace jumps by −A₋.
func (m *STDP) post(n int) {
	for i := range n {
		if m.preA[i] != 0 {
			m.w[i] = sim.Clamp(m.w[i]+m.preA[i]*math.Exp(-(m.t-m.preT[i])/m.TauPlus), 0, 1)
		}
	}
	m.postA -= m.aMinus
}

// Step advances 0.1 ms. Every event of a step happens at its start time:
// input spikes first (so a pre spike in the same step as a post spike counts
// as pre-before-post), then V is integrated and may cross threshold.
func (m *STDP) Step() {
	if int(m.Mode) == STDPPairing {
		m.stepPairing()
	} else {
		m.stepNetwork()
	}
	m.postA *= m.decM
	m.step++
	m.t = float64(m.step) * stdpDT
}

func (m *STDP) stepPairing() {
	s := m.step - int64(stdpPair0/stdpDT)
	// Pairing k has its pre spike at base_k and its post at base_k + lag.
	first, last := min(int64(0), m.lag), max(int64(0), m.lag)
	for _, off := range [2]int64{0, m.lag} {
		u := s - off
		if u < 0 || u%m.period != 0 {
			continue
		}
		k := int(u / m.period)
		if k >= int(m.NPairs) {
			continue
		}
		if off == first {
			m.wBefore = m.w[0]
		}
		if off == 0 {
			m.pre(0)
		}
		if off == m.lag {
			m.post(1)
		}
		if off == last {
			m.dw = (m.w[0] - m.wBefore) * 100
			m.pairs = k + 1
		}
		if m.lag == 0 {
			break
		}
	}
}

func (m *STDP) stepNetwork() {
	end := m.t + stdpDT
	var g float64 // conductance arriving in this step
	for len(m.next.t) > 0 && m.next.t[0] < end {
		i := int(m.next.i[0])
		g += m.w[i]
		m.pre(i)
		m.next.replaceTop(m.next.t[0] + m.expInterval(m.indepRate(i)))
	}
	for m.mother < end {
		for i := range m.nCorr {
			if m.rng.Float64() < m.Corr {
				g += m.w[i]
				m.pre(i)
			}
		}
		m.mother += m.expInterval(m.Rate)
	}
	m.ge += g * m.gmax
	// Exact update of the linear system over the step with g_e decaying:
	// V − E_L = (V₀ − E_L − B)e^{−h/τ_m} + B e^{−h/τ_e}, B = k·g_e·τ_e/(τ_e − τ_m).
	b := (stdpEE - stdpVR) * m.ge * stdpTauE / (stdpTauE - stdpTauM)
	m.v = stdpEL + (m.v-stdpEL-b)*m.aM + b*m.aE
	m.ge *= m.aE
	m.postRate *= m.aR
	if m.v > stdpVT {
		m.v = stdpVR
		m.post(m.n)
		m.nPost++
		m.postRate += 1000 / stdpTauR
	}
}

// groupMeans returns the mean weights (fractions of w_max) of the
// correlated group and of the others, and the fractions above 0.8 and
// below 0.2.
func (m *STDP) groupMeans() (wc, wu, hi, lo float64) {
	for i := range m.n {
		if i < m.nCorr {
			wc += m.w[i]
		} else {
			wu += m.w[i]
		}
		if m.w[i] > 0.8 {
			hi++
		}
		if m.w[i] < 0.2 {
			lo++
		}
	}
	if m.nCorr > 0 {
		wc /= float64(m.nCorr)
	}
	if m.n > m.nCorr {
		wu /= float64(m.n - m.nCorr)
	}
	return wc, wu, hi / float64(m.n), lo / float64(m.n)
}

// PostRate is the output rate filtered over 2 s (bias-corrected at the
// start), Hz.
func (m *STDP) PostRate() float64 {
	if m.t <= 0 {
		return 0
	}
	return m.postRate / (1 - math.Exp(-m.t/stdpTauR))
}

func (m *STDP) network() bool { return int(m.Mode) == STDPNetwork }

// MetricActive reports whether a metric applies in the current mode: the
// pairing metrics in pairing mode, the network metrics in network mode.
func (m *STDP) MetricActive(key string) bool {
	pairing := key == "dw" || key == "dw_total"
	return pairing != m.network()
}

// Sample records the weight (pairing) or mean weight, the group means, the
// output rate and V.
func (m *STDP) Sample(dst []float64) {
	if !m.network() {
		dst[0] = m.w[0]
		dst[1], dst[2], dst[3], dst[4] = 0, 0, 0, 0
		return
	}
	wc, wu, _, _ := m.groupMeans()
	f := float64(m.nCorr) / float64(m.n)
	dst[0] = f*wc + (1-f)*wu
	dst[1], dst[2] = wc, wu
	dst[3] = m.PostRate()
	dst[4] = m.v
}

// Metrics reports the pairing and network metrics; those of the other mode
// are 0.
func (m *STDP) Metrics(dst []float64) {
	for i := range dst {
		dst[i] = 0
	}
	if !m.network() {
		dst[0] = m.dw
		dst[1] = (m.w[0] - stdpW0) * 100
		return
	}
	wc, wu, hi, lo := m.groupMeans()
	dst[2], dst[3] = wc, wu
	if m.nCorr > 0 && wc+wu > 0 {
		dst[4] = (wc - wu) / (wc + wu)
	}
	dst[5] = m.PostRate()
	dst[6], dst[7] = hi*100, lo*100
}

// Plot fills the learning window, the weight histogram or the weight bars.
func (m *STDP) Plot(key string, dst *sim.PlotData) {
	switch key {
	case "window":
		s := dst.AddSeries("Δw(Δt)", false)
		for dt := -100.0; dt < 0; dt++ {
			s.Add(dt, m.Window(dt)*100)
		}
		s.Add(0, -m.aMinus*100) // the jump at Δt = 0
		for dt := 0.0; dt <= 100; dt++ {
			s.Add(dt, m.Window(dt)*100)
		}
		zero := dst.AddSeries("0", false)
		zero.Add(-100, 0)
		zero.Add(100, 0)
		if !m.network() {
			mk := dst.AddSeries("Δt set", false)
			lo, hi := -m.aMinus*100, m.aPlus*100
			mk.Add(m.DtPair, lo)
			mk.Add(m.DtPair, hi)
			if m.pairs > 0 {
				p := dst.AddSeries("last pairing", true)
				p.Add(m.DtPair, m.dw)
			}
		}
		dst.XMin, dst.XMax = -100, 100
	case "hist":
		if !m.network() {
			return
		}
		for range stdpBins {
			dst.Bars = append(dst.Bars, 0)
		}
		for i := range m.n {
			b := min(int(m.w[i]*stdpBins), stdpBins-1)
			dst.Bars[b]++
		}
	case "weights":
		if !m.network() {
			return
		}
		per := max(1, m.n/stdpBars)
		for b := 0; b*per < m.n; b++ {
			var s float64
			k := 0
			for i := b * per; i < min(m.n, (b+1)*per); i++ {
				s += m.w[i]
				k++
			}
			dst.Bars = append(dst.Bars, s/float64(k))
		}
		dst.BarMax = 1
	}
}
