package neuron

import (
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/neurotutor/neurotutor/sim"
)

// Values of the poisson model's "mode" parameter.
const (
	PoissonRenewal   = iota // Poisson spikes with an absolute refractory period
	PoissonThreshold        // deterministic spiking at a rectified function of a noisy Vm
)

const (
	poissonDT        = 1.0  // ms
	poissonMaxRows   = 100  // trials on the lab's slider, and raster rows
	poissonMaxTrials = 5000 // trials the model runs (sim run); the raster shows the first poissonMaxRows
	poissonMaxRate   = 500  // Hz, cap on a trial's rate in threshold mode
	poissonMaxRT     = 0.9  // cap on rate·t_ref: the dead time may fill at most 90% of the mean ISI
	poissonGain      = 10.0 // Hz/mV, gain of the threshold-linear rate function
	poissonISIBins   = 40
	poissonTauPSTH   = 25.0 // ms, smoothing of the population rate
)

// Poisson generates spike trains on many trials at once and measures their
// variability: the Fano factor of spike counts in a window (variance over
// mean, across trials) and the coefficient of variation of interspike
// intervals.
//
// Mode "poisson" is a renewal process with an absolute refractory period
// τ (dead-time Poisson): every interval is τ plus an exponential interval of
// rate λ′, chosen so that the mean rate is r:
//
//	ISI = τ + Exp(λ′),  λ′ = r / (1 − r·τ),  mean ISI = 1/r
//	CV = (1/λ′) / (τ + 1/λ′) = 1 − r·τ
//	Fano(T → ∞) = CV² = (1 − r·τ)²          (any renewal process)
//
// With τ = 0 this is the Poisson process: CV = 1 and Fano = 1 for every
// window (Dayan & Abbott 2001, §1.4). r·τ is capped at 0.9 (r above 0.9/τ is
// lowered to it). Each trial starts in the stationary state (its first spike
// drawn from the forward-recurrence density), so counts are unbiased from
// t = 0.
//
// Mode "threshold" illustrates Carandini (2004): spiking itself is
// noiseless, but the firing rate is a rectified-linear function of the
// membrane potential, whose mean differs a little from trial to trial:
//
//	V − θ = r/g + σ_V·ξ,  ξ ~ N(0, 1) drawn once per trial
//	rate = g·[V − θ]₊,    g = 10 Hz/mV
//
// and each trial fires regularly at its rate (from a random phase). A small
// σ_V makes a large spread of counts, so Fano ≫ 1 and grows with the mean.
//
// Trials run side by side; every `window_ms` their counts are added to the
// statistics and a new window begins, so the estimates sharpen as the run
// goes on.
type Poisson struct {
	sim.Params
	Rate   float64 // Hz
	TRef   float64 // ms
	Trials float64
	Window float64 // ms
	Mode   float64 // PoissonRenewal or PoissonThreshold
	SigmaV float64 // mV

	info    sim.Info
	rng     *rand.Rand
	t, t0   float64 // time, start of the current window (ms)
	rows    int
	next    []float64 // per trial: next spike time (renewal mode), ms
	last    []float64 // last spike time, NaN if none yet
	phase   []float64 // threshold mode: phase in [0, 1)
	rowRate []float64 // threshold mode: this window's rate, Hz
	count   []int     // spikes in the current window
	rEff    float64   // Hz, renewal-mode rate after the cap
	lam     float64   // 1/ms, λ′
	// accumulated statistics
	nWin, nSpk           int
	sumC, sumC2          float64
	nISI                 int
	sumISI, sumISI2      float64
	hist                 []int // count histogram over completed windows
	isiHist              [poissonISIBins]int
	isiMax               float64 // ms, range of the ISI histogram
	psth                 float64 // Hz, smoothed population rate
	spikeT               []float64
	spikeRow             []int
	decayPSTH, stepSpike float64
}

// NewPoisson returns the model with default parameters, reset with seed 1.
func NewPoisson() *Poisson {
	m := &Poisson{Params: sim.NewParams("poisson")}
	m.Bind(sim.Param{Key: "rate", Label: "rate", Unit: "Hz", Min: 1, Max: 200, ValidMin: 0.1, ValidMax: 500, Step: 1, Default: 20,
		Help: "mean firing rate (threshold mode: rate without Vm noise)"}, &m.Rate)
	m.Bind(sim.Param{Key: "t_ref", Label: "t_ref", Unit: "ms", Min: 0, Max: 20, Step: 0.5, Default: 0,
		Help: "absolute refractory period (poisson mode)"}, &m.TRef)
	m.Bind(sim.Param{Key: "trials", Label: "trials", Min: 2, Max: poissonMaxRows, ValidMin: 2, ValidMax: poissonMaxTrials, Step: 1, Integer: true, Default: 20,
		Help: "trials run side by side (raster rows, the first 100 shown)"}, &m.Trials)
	m.Bind(sim.Param{Key: "window_ms", Label: "window", Unit: "ms", Min: 100, Max: 2000, ValidMin: 10, ValidMax: 5000, Step: 50, Default: 1000,
		Help: "counting window"}, &m.Window)
	m.Bind(sim.Param{Key: "mode", Label: "mode", Choices: []string{"poisson", "threshold"}, Default: PoissonRenewal,
		Help: "random spikes, or noiseless spikes from a noisy Vm through a threshold"}, &m.Mode)
	m.Bind(sim.Param{Key: "sigma_v", Label: "σ_V", Unit: "mV", Min: 0, Max: 5, ValidMin: 0, ValidMax: 20, Step: 0.1, Default: 1,
		Help: "trial-to-trial SD of the membrane potential (threshold mode)"}, &m.SigmaV)
	m.info = m.describe()
	m.hist = make([]int, poissonMaxRate*2+2) // a window ≤ 2 s at ≤ 500 Hz
	m.Reset(1)
	return m
}

func (m *Poisson) describe() sim.Info {
	return sim.Info{
		ID:      "poisson",
		Title:   "Spike-train variability",
		Summary: "Poisson and dead-time spike trains across trials: Fano factor, ISI CV, threshold amplification",
		DT:      poissonDT, Window: 1000, Speed: 500,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "fano", Label: "Fano", Help: "variance / mean of spike counts over completed windows"},
			{Key: "cv_isi", Label: "CV(ISI)", Help: "coefficient of variation of interspike intervals"},
			{Key: "mean_rate_hz", Label: "mean rate", Unit: "Hz", Help: "spikes per trial per second so far"},
			{Key: "cv_theory", Label: "1 − r·t_ref", Help: "dead-time Poisson CV (its Fano → CV²); 0 in threshold mode"},
			{Key: "windows", Label: "counts", Help: "spike counts collected (trials × windows)"},
		},
		Signals: []sim.Signal{{Key: "pop_rate", Label: "population rate", Unit: "Hz"}},
		Plots: []sim.PlotSpec{
			{Key: "raster", Title: "Spikes, one row per trial (current window)", Kind: sim.PlotRaster},
			{Key: "counts", Title: "Spike counts per window (marked: mean)", Kind: sim.PlotBars, YLabel: "windows"},
			{Key: "isi", Title: "ISI density: measured (points), dead-time Poisson (line)", Kind: sim.PlotXY,
				XLabel: "ISI (ms)", YLabel: "1/ms"},
			{Key: "psth", Title: "Population rate", Kind: sim.PlotTrace, Signals: []string{"pop_rate"}, YLabel: "Hz"},
		},
	}
}

// Info describes the model.
func (m *Poisson) Info() sim.Info { return m.info }

// Time is the simulated time in ms.
func (m *Poisson) Time() float64 { return m.t }

// EffectiveRate is the renewal-mode rate after the cap r·t_ref ≤ 0.9, Hz.
func (m *Poisson) EffectiveRate() float64 {
	if m.TRef > 0 {
		return math.Min(m.Rate, poissonMaxRT/(m.TRef/1000))
	}
	return m.Rate
}

// Reset starts all trials at t = 0, in the stationary state, with the given
// seed, and clears the statistics.
func (m *Poisson) Reset(seed uint64) {
	m.rng = sim.NewRand(seed)
	m.rows = int(m.Trials)
	if cap(m.next) < m.rows {
		m.next, m.last, m.phase = make([]float64, m.rows), make([]float64, m.rows), make([]float64, m.rows)
		m.rowRate, m.count = make([]float64, m.rows), make([]int, m.rows)
	}
	m.next, m.last, m.phase = m.next[:m.rows], m.last[:m.rows], m.phase[:m.rows]
	m.rowRate, m.count = m.rowRate[:m.rows], m.count[:m.rows]
	m.t, m.t0 = 0, 0
	m.rEff = m.EffectiveRate()
	r := m.rEff / 1000 // 1/ms
	m.lam = r / (1 - r*m.TRef)
	m.nWin, m.nSpk, m.sumC, m.sumC2 = 0, 0, 0, 0
	m.nISI, m.sumISI, m.sumISI2 = 0, 0, 0
	clear(m.hist)
	m.isiHist = [poissonISIBins]int{}
	m.psth = 0
	m.decayPSTH = math.Exp(-poissonDT / poissonTauPSTH)
	maxRate := m.rEff
	if int(m.Mode) == PoissonThreshold {
		maxRate = poissonMaxRate
		m.isiMax = 4000 / math.Max(m.Rate, 5)
	} else {
		m.isiMax = m.TRef + 4000/m.rEff
	}
	need := int(float64(min(m.rows, poissonMaxRows))*m.Window/1000*maxRate*1.5) + 256
	if cap(m.spikeT) < need {
		m.spikeT = make([]float64, 0, need)
		m.spikeRow = make([]int, 0, need)
	}
	m.spikeT, m.spikeRow = m.spikeT[:0], m.spikeRow[:0]
	for i := range m.rows {
		m.last[i] = math.NaN()
		m.count[i] = 0
		m.phase[i] = m.rng.Float64()
		if m.rng.Float64() < r*m.TRef { // inside the dead time of a past spike
			m.next[i] = m.rng.Float64() * m.TRef
		} else {
			m.next[i] = m.TRef + m.rng.ExpFloat64()/m.lam
		}
	}
	m.newWindowRates()
}

// newWindowRates draws each trial's rate for the window in threshold mode.
func (m *Poisson) newWindowRates() {
	if int(m.Mode) != PoissonThreshold {
		return
	}
	mu := m.Rate / poissonGain // mV above threshold
	for i := range m.rows {
		v := mu + m.SigmaV*m.rng.NormFloat64()
		m.rowRate[i] = math.Min(poissonGain*math.Max(v, 0), poissonMaxRate)
	}
}

// Step advances all trials by one millisecond.
func (m *Poisson) Step() {
	end := m.t + poissonDT
	n := 0
	if int(m.Mode) == PoissonThreshold {
		for i := range m.rows {
			m.phase[i] += m.rowRate[i] * poissonDT / 1000
			for m.phase[i] >= 1 {
				m.phase[i]--
				m.spike(i, end-m.phase[i]/(m.rowRate[i]/1000))
				n++
			}
		}
	} else {
		for i := range m.rows {
			for m.next[i] <= end {
				m.spike(i, m.next[i])
				m.next[i] += m.TRef + m.rng.ExpFloat64()/m.lam
				n++
			}
		}
	}
	m.t = end
	m.psth = m.psth*m.decayPSTH + (1-m.decayPSTH)*float64(n)/float64(m.rows)/(poissonDT/1000)
	if m.t-m.t0 >= m.Window-1e-9 {
		m.closeWindow()
	}
}

func (m *Poisson) spike(i int, t float64) {
	m.count[i]++
	m.nSpk++
	if !math.IsNaN(m.last[i]) {
		isi := t - m.last[i]
		m.nISI++
		m.sumISI += isi
		m.sumISI2 += isi * isi
		if b := int(isi / m.isiMax * poissonISIBins); b < poissonISIBins {
			m.isiHist[b]++
		}
	}
	m.last[i] = t
	if i < poissonMaxRows && len(m.spikeT) < cap(m.spikeT) {
		m.spikeT = append(m.spikeT, t)
		m.spikeRow = append(m.spikeRow, i)
	}
}

func (m *Poisson) closeWindow() {
	for i := range m.rows {
		c := m.count[i]
		m.nWin++
		m.sumC += float64(c)
		m.sumC2 += float64(c) * float64(c)
		m.hist[min(c, len(m.hist)-1)]++
		m.count[i] = 0
	}
	m.t0 = m.t
	m.spikeT, m.spikeRow = m.spikeT[:0], m.spikeRow[:0]
	m.newWindowRates()
}

// Sample records the smoothed population rate.
func (m *Poisson) Sample(dst []float64) { dst[0] = m.psth }

// Metrics reports fano, cv_isi, mean_rate_hz, cv_theory and windows.
func (m *Poisson) Metrics(dst []float64) {
	dst[0], dst[1], dst[2], dst[3] = 0, 0, 0, 0
	if m.nWin >= 2 {
		n := float64(m.nWin)
		mean := m.sumC / n
		if mean > 0 {
			dst[0] = (m.sumC2 - n*mean*mean) / (n - 1) / mean
		}
	}
	if m.nISI >= 2 {
		n := float64(m.nISI)
		mean := m.sumISI / n
		dst[1] = math.Sqrt(math.Max(m.sumISI2/n-mean*mean, 0)) / mean
	}
	if m.t > 0 {
		dst[2] = float64(m.nSpk) / float64(m.rows) / (m.t / 1000)
	}
	if int(m.Mode) == PoissonRenewal {
		dst[3] = 1 - m.rEff*m.TRef/1000
	}
	dst[4] = float64(m.nWin)
}

// Plot fills the raster, the count histogram and the ISI density.
func (m *Poisson) Plot(key string, dst *sim.PlotData) {
	switch key {
	case "raster":
		dst.SpikeT = append(dst.SpikeT, m.spikeT...)
		dst.SpikeRow = append(dst.SpikeRow, m.spikeRow...)
		dst.Rows, dst.T0, dst.T1 = min(m.rows, poissonMaxRows), m.t0, m.t0+m.Window
	case "counts":
		m.plotCounts(dst)
	case "isi":
		pts := dst.AddSeries("measured", true)
		w := m.isiMax / poissonISIBins
		for b, c := range m.isiHist {
			if m.nISI > 0 {
				pts.Add((float64(b)+0.5)*w, float64(c)/float64(m.nISI)/w)
			}
		}
		if int(m.Mode) == PoissonRenewal {
			th := dst.AddSeries("dead-time Poisson", false)
			th.Add(0, 0)
			th.Add(m.TRef, 0)
			for k := range 81 {
				x := m.TRef + float64(k)/80*(m.isiMax-m.TRef)
				th.Add(x, m.lam*math.Exp(-m.lam*(x-m.TRef)))
			}
		}
		dst.XMin, dst.XMax, dst.YMin = 0, m.isiMax, 0
	}
}

// plotCounts draws the count histogram, merging counts into at most 30
// bars, and marks the bar holding the mean count.
func (m *Poisson) plotCounts(dst *sim.PlotData) {
	lo, hi := -1, -1
	for c, n := range m.hist {
		if n > 0 {
			if lo < 0 {
				lo = c
			}
			hi = c
		}
	}
	if lo < 0 {
		return
	}
	width := (hi-lo)/30 + 1
	mean := m.sumC / float64(m.nWin)
	for c := lo; c <= hi; c += width {
		s := 0
		for k := c; k < c+width && k <= hi; k++ {
			s += m.hist[k]
		}
		dst.Bars = append(dst.Bars, float64(s))
		label := strconv.Itoa(c)
		if width > 1 {
			label += "–" + strconv.Itoa(c+width-1)
		}
		dst.BarLabels = append(dst.BarLabels, label)
		if mean >= float64(c) && mean < float64(c+width) {
			dst.Marked = len(dst.Bars) - 1
		}
	}
}
