package network

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

// Population-code constants.
const (
	popDT      = 10.0 // ms of lab time per trial
	popMaxN    = 200  // largest population
	popGrid    = 360  // grid points of the maximum-likelihood search (1°)
	popNewton  = 3    // Newton refinements after the grid search
	popSweepK  = 100  // trials per point of the error-vs-N sweep
	popCurvePt = 73   // points per drawn tuning curve (5° apart)
	popMaxDraw = 36   // most tuning curves drawn
	popTwoPi   = 2 * math.Pi
	popDeg     = 180 / math.Pi
)

// popSweepN are the population sizes of the error-vs-N plot.
var popSweepN = [...]int{4, 8, 16, 32, 64, 128}

// Population is a ring of N neurons with von Mises tuning to a stimulus
// angle θ and independent Poisson spike counts in a counting window of T
// seconds, decoded on every trial by the population vector and by maximum
// likelihood:
//
//	fᵢ(θ) = b + A·exp((cos(θ − θᵢ) − 1)/w²),   θᵢ = 2π·i/N
//	nᵢ ~ Poisson(T·fᵢ(θ))
//	θ_PV = arg Σᵢ nᵢ·e^{iθᵢ}                          (Georgopoulos et al. 1986)
//	θ_ML = argmax_θ Σᵢ [nᵢ·log fᵢ(θ) − T·fᵢ(θ)]
//	I_F(θ) = T·Σᵢ fᵢ′(θ)²/fᵢ(θ),  RMS error ≥ 1/√I_F  (Seung & Sompolinsky 1993)
//
// b is the baseline rate and A the peak rate above it (Hz), w the tuning
// width in radians (near the peak the curve is a Gaussian of standard
// deviation w), T the window in s. The ML estimate is found on a 1° grid and
// refined by Newton's method on the log-likelihood. Errors are wrapped to
// (−180°, 180°].
type Population struct {
	sim.Params
	N        float64 // neurons
	Stimulus float64 // deg
	Width    float64 // deg
	Peak     float64 // Hz above baseline
	Baseline float64 // Hz
	Window   float64 // ms

	info sim.Info
	rng  *rand.Rand
	t    float64
	dec  popDecoder

	counts   [popMaxN]float64
	estML    float64 // rad, this trial
	estPV    float64 // rad, this trial
	trials   int
	sumSqML  float64 // rad²
	sumSqPV  float64
	sumErrPV float64 // rad, signed
	spikes   float64 // total spikes over trials

	// The error-vs-N sweep, cached by the parameters that shape it.
	seed      uint64 // of the current run
	sweepKey  [6]float64
	sweepML   [len(popSweepN)]float64 // deg
	sweepPV   [len(popSweepN)]float64
	sweepFish [len(popSweepN)]float64
	sweepDec  popDecoder
	sweepCnt  [popMaxN]float64
}

// NewPopulation returns the model with default parameters, reset with seed 1.
func NewPopulation() *Population {
	m := &Population{Params: sim.NewParams("population")}
	m.Bind(sim.Param{Key: "n", Label: "N", Min: 3, Max: popMaxN, Step: 1, Default: 16, Integer: true,
		Help: "number of neurons, preferred angles evenly spaced"}, &m.N)
	m.Bind(sim.Param{Key: "stimulus_deg", Label: "θ", Unit: "°", Min: 0, Max: 359, Step: 1, Default: 100,
		Help: "stimulus angle"}, &m.Stimulus)
	m.Bind(sim.Param{Key: "width_deg", Label: "w", Unit: "°", Min: 5, Max: 90, ValidMin: 1, ValidMax: 180, Step: 1, Default: 30,
		Help: "tuning width (Gaussian s.d. near the peak)"}, &m.Width)
	m.Bind(sim.Param{Key: "peak_hz", Label: "A", Unit: "Hz", Min: 1, Max: 100, ValidMin: 0.1, ValidMax: 500, Step: 1, Default: 20,
		Help: "peak rate above baseline"}, &m.Peak)
	m.Bind(sim.Param{Key: "baseline_hz", Label: "b", Unit: "Hz", Min: 0, Max: 20, ValidMin: 0, ValidMax: 100, Step: 0.5, Default: 1,
		Help: "baseline rate at every angle"}, &m.Baseline)
	m.Bind(sim.Param{Key: "window_ms", Label: "T", Unit: "ms", Min: 10, Max: 1000, ValidMin: 1, ValidMax: 10000, Step: 10, Default: 100,
		Help: "spike-counting window of one trial"}, &m.Window)
	m.info = m.describe()
	m.Reset(1)
	return m
}

// Info describes the model.
func (m *Population) Info() sim.Info { return m.info }

func (m *Population) describe() sim.Info {
	return sim.Info{
		ID:       "population",
		Title:    "Population coding",
		Summary:  "N tuned Poisson neurons; population-vector and maximum-likelihood decoding vs the Fisher bound",
		DT:       popDT,
		StepNote: "one trial (a fresh stimulus presentation, counts over window_ms) per 10 ms step",
		Window:   2000, Speed: 200,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "error_deg", Label: "ML error", Unit: "°", Help: "RMS error of maximum likelihood over the trials so far"},
			{Key: "error_pv_deg", Label: "PV error", Unit: "°", Help: "RMS error of the population vector over the trials so far"},
			{Key: "pv_over_ml", Label: "PV/ML", Help: "ratio of the two decoders' RMS errors"},
			{Key: "fisher_bound_deg", Label: "Cramér–Rao bound", Unit: "°", Help: "1/√I_F: least RMS error of an unbiased decoder"},
			{Key: "bias_pv_deg", Label: "PV bias", Unit: "°", Help: "mean signed error of the population vector"},
			{Key: "spikes", Label: "spikes/trial", Help: "mean total spike count per trial"},
			{Key: "trials", Label: "trials", Help: "trials so far"},
		},
		Signals: []sim.Signal{
			{Key: "stimulus", Label: "stimulus", Unit: "°"},
			{Key: "est_ml", Label: "ML estimate", Unit: "°"},
			{Key: "est_pv", Label: "PV estimate", Unit: "°"},
		},
		Plots: []sim.PlotSpec{
			{Key: "tuning", Title: "Tuning curves, stimulus and this trial's rates", Kind: sim.PlotXY,
				XLabel: "angle (°)", YLabel: "rate (Hz)"},
			{Key: "counts", Title: "Spike counts this trial (by preferred angle)", Kind: sim.PlotBars, YLabel: "spikes"},
			{Key: "error_vs_n", Title: "RMS error vs N: ML, PV and Cramér–Rao bound", Kind: sim.PlotXY,
				XLabel: "N (neurons)", YLabel: "error (°)"},
			{Key: "estimates", Title: "Estimates per trial", Kind: sim.PlotTrace,
				Signals: []string{"stimulus", "est_ml", "est_pv"}, YLabel: "°"},
		},
	}
}

// tuning returns the current tuning parameters in SI-like units: baseline
// and amplitude in Hz, κ = 1/w² (w in rad), T in s.
func (m *Population) tuning() popTuning {
	w := m.Width / popDeg
	return popTuning{b: m.Baseline, a: m.Peak, kappa: 1 / (w * w), T: m.Window / 1000}
}

// Reset returns to trial zero, rebuilds the decoder's tables and, when its
// parameters changed, the error-vs-N sweep.
func (m *Population) Reset(seed uint64) {
	m.rng = sim.NewRand(seed)
	m.t = 0
	m.trials = 0
	m.sumSqML, m.sumSqPV, m.sumErrPV, m.spikes = 0, 0, 0, 0
	clear(m.counts[:])
	tu := m.tuning()
	m.dec.build(int(m.N), tu)
	th := m.Stimulus / popDeg
	m.estML, m.estPV = th, th
	m.seed = seed // the sweep follows lazily, when first drawn
}

// ensureSweep runs the error-vs-N sweep for the current parameters unless
// it is cached. It is done when its plot is first drawn, not in Reset, so
// building and resetting the model stay cheap.
func (m *Population) ensureSweep() {
	key := [6]float64{m.Width, m.Peak, m.Baseline, m.Window, m.Stimulus, float64(m.seed)}
	if key != m.sweepKey {
		m.sweepKey = key
		m.sweep(m.seed, m.tuning(), m.Stimulus/popDeg)
	}
}

// sweep estimates the RMS errors of both decoders for each N of popSweepN by
// simulation, with its own random stream, and the bound in closed form.
func (m *Population) sweep(seed uint64, tu popTuning, th float64) {
	rng := sim.NewRand(seed ^ 0x5eed5eed)
	for j, n := range popSweepN {
		m.sweepDec.build(n, tu)
		var ml, pv float64
		for range popSweepK {
			m.sweepDec.draw(rng, th, m.sweepCnt[:n])
			e := popWrap(m.sweepDec.ml(m.sweepCnt[:n]) - th)
			ml += e * e
			e = popWrap(m.sweepDec.pv(m.sweepCnt[:n]) - th)
			pv += e * e
		}
		m.sweepML[j] = math.Sqrt(ml/popSweepK) * popDeg
		m.sweepPV[j] = math.Sqrt(pv/popSweepK) * popDeg
		m.sweepFish[j] = CramerRaoDeg(m.sweepDec.fisher(th))
	}
}

// Time is the simulated time in ms.
func (m *Population) Time() float64 { return m.t }

// Step runs one trial: draws the counts, decodes them both ways and
// accumulates the errors.
func (m *Population) Step() {
	n := int(m.N)
	th := m.Stimulus / popDeg
	c := m.counts[:n]
	m.dec.draw(m.rng, th, c)
	m.estML = m.dec.ml(c)
	m.estPV = m.dec.pv(c)
	e := popWrap(m.estML - th)
	m.sumSqML += e * e
	e = popWrap(m.estPV - th)
	m.sumSqPV += e * e
	m.sumErrPV += e
	for _, k := range c {
		m.spikes += k
	}
	m.trials++
	m.t += popDT
}

// Sample records the stimulus and this trial's two estimates, in degrees
// unwrapped to lie within 180° of the stimulus.
func (m *Population) Sample(dst []float64) {
	th := m.Stimulus / popDeg
	dst[0] = m.Stimulus
	dst[1] = (th + popWrap(m.estML-th)) * popDeg
	dst[2] = (th + popWrap(m.estPV-th)) * popDeg
}

// Metrics reports the decoders' errors and their ratio (1 before any
// error), the bound, the PV bias, the mean
// spike count and the number of trials.
func (m *Population) Metrics(dst []float64) {
	k := float64(max(m.trials, 1))
	ml := math.Sqrt(m.sumSqML/k) * popDeg
	pv := math.Sqrt(m.sumSqPV/k) * popDeg
	dst[0], dst[1] = ml, pv
	dst[2] = 1.0
	if ml > 0 {
		dst[2] = pv / ml
	}
	dst[3] = CramerRaoDeg(m.dec.fisher(m.Stimulus / popDeg))
	dst[4] = m.sumErrPV / k * popDeg
	dst[5] = m.spikes / k
	dst[6] = float64(m.trials)
}

// Plot fills the tuning curves, the spike-count bars or the error sweep.
func (m *Population) Plot(key string, dst *sim.PlotData) {
	n := int(m.N)
	tu := m.tuning()
	switch key {
	case "tuning":
		every := max(1, (n+popMaxDraw-1)/popMaxDraw)
		for i := 0; i < n; i += every {
			s := dst.AddSeries("", false)
			pref := m.dec.pref[i]
			for k := range popCurvePt {
				x := float64(k) * 5
				s.Add(x, tu.rate(x/popDeg-pref))
			}
		}
		s := dst.AddSeries("this trial nᵢ/T", true)
		for i := range n {
			s.Add(m.dec.pref[i]*popDeg, m.counts[i]/tu.T)
		}
		top := tu.b + tu.a
		for _, c := range m.counts[:n] {
			top = math.Max(top, c/tu.T)
		}
		s = dst.AddSeries("stimulus", false)
		s.Add(m.Stimulus, 0)
		s.Add(m.Stimulus, top)
		s = dst.AddSeries("ML estimate", false)
		x := math.Mod(m.estML*popDeg+360, 360)
		s.Add(x, 0)
		s.Add(x, top)
		dst.XMin, dst.XMax = 0, 360
	case "counts":
		best, bestD := -1, math.Inf(1)
		for i := range n {
			dst.Bars = append(dst.Bars, m.counts[i])
			if d := math.Abs(popWrap(m.dec.pref[i] - m.Stimulus/popDeg)); d < bestD {
				best, bestD = i, d
			}
		}
		dst.Marked = best
	case "error_vs_n":
		m.ensureSweep()
		ml := dst.AddSeries("ML", true)
		pv := dst.AddSeries("PV", true)
		cr := dst.AddSeries("bound 1/√I_F", false)
		for j, k := range popSweepN {
			x := float64(k)
			ml.Add(x, m.sweepML[j])
			pv.Add(x, m.sweepPV[j])
			cr.Add(x, m.sweepFish[j])
		}
		cur := dst.AddSeries("this N (bound)", true)
		cur.Add(m.N, CramerRaoDeg(m.dec.fisher(m.Stimulus/popDeg)))
		dst.YMin = 0
		dst.YMax = math.Max(1e-9, math.Max(m.sweepPV[0], m.sweepML[0])) * 1.05
	}
}

// CramerRaoDeg is the Cramér–Rao bound 1/√I_F converted to degrees, for I_F in
// rad⁻²; it is capped at the error of a uniform guess (180°/√3 ≈ 104°).
func CramerRaoDeg(fisher float64) float64 {
	const guess = 180 / 1.7320508075688772
	if fisher <= 0 {
		return guess
	}
	return math.Min(guess, popDeg/math.Sqrt(fisher))
}

// popWrap maps an angle difference to (−π, π].
func popWrap(d float64) float64 {
	d = math.Mod(d, popTwoPi)
	if d > math.Pi {
		d -= popTwoPi
	} else if d <= -math.Pi {
		d += popTwoPi
	}
	return d
}

// popTuning holds one von Mises tuning curve's parameters.
type popTuning struct {
	b, a  float64 // baseline, amplitude, Hz
	kappa float64 // 1/w², w in rad
	T     float64 // window, s
}

// rate is f(Δ) = b + A·exp(κ(cos Δ − 1)), Hz, at angle Δ from the preferred.
func (tu popTuning) rate(d float64) float64 {
	return tu.b + tu.a*math.Exp(tu.kappa*(math.Cos(d)-1))
}

// slope is f′(Δ) = −A·κ·sin Δ·exp(κ(cos Δ − 1)), Hz/rad.
func (tu popTuning) slope(d float64) float64 {
	return -tu.a * tu.kappa * math.Sin(d) * math.Exp(tu.kappa*(math.Cos(d)-1))
}

// curvature is f″(Δ) = A·κ·(κ·sin²Δ − cos Δ)·exp(κ(cos Δ − 1)), Hz/rad².
func (tu popTuning) curvature(d float64) float64 {
	s, c := math.Sin(d), math.Cos(d)
	return tu.a * tu.kappa * (tu.kappa*s*s - c) * math.Exp(tu.kappa*(c-1))
}

// popDecoder holds the tables of one population: preferred angles, and the
// rates and log rates of every neuron on the ML grid.
type popDecoder struct {
	n      int
	tu     popTuning
	pref   [popMaxN]float64 // rad
	cosP   [popMaxN]float64
	sinP   [popMaxN]float64
	logf   []float64 // [g*n+i] log fᵢ(θ_g)
	sumF   [popGrid]float64
	active [popMaxN]int
}

// build fills the tables for n neurons with tuning tu. It allocates only the
// first time (the log-rate table is sized for popMaxN).
func (d *popDecoder) build(n int, tu popTuning) {
	d.n, d.tu = n, tu
	if d.logf == nil {
		d.logf = make([]float64, popGrid*popMaxN)
	}
	for i := range n {
		p := popTwoPi * float64(i) / float64(n)
		d.pref[i], d.cosP[i], d.sinP[i] = p, math.Cos(p), math.Sin(p)
	}
	for g := range popGrid {
		th := popTwoPi * float64(g) / popGrid
		row := d.logf[g*n : (g+1)*n]
		var s float64
		for i := range n {
			f := tu.rate(th - d.pref[i])
			row[i] = math.Log(f)
			s += f
		}
		d.sumF[g] = tu.T * s
	}
}

// draw fills c with Poisson counts for stimulus th: the number of unit-rate
// exponential arrivals before T·fᵢ(θ).
func (d *popDecoder) draw(rng *rand.Rand, th float64, c []float64) {
	for i := range c {
		mean := d.tu.T * d.tu.rate(th-d.pref[i])
		k := 0
		for s := rng.ExpFloat64(); s < mean; s += rng.ExpFloat64() {
			k++
		}
		c[i] = float64(k)
	}
}

// pv is the population-vector estimate arg Σ nᵢ e^{iθᵢ}, rad (0 with no
// spikes).
func (d *popDecoder) pv(c []float64) float64 {
	var x, y float64
	for i, k := range c {
		x += k * d.cosP[i]
		y += k * d.sinP[i]
	}
	return math.Atan2(y, x)
}

// logLik is Σ nᵢ log fᵢ(θ) − T Σ fᵢ(θ) with its first two derivatives, in
// one pass with one exponential per neuron:
//
//	f = b + A·e,  e = exp(κ(cos Δ − 1)),  f′ = −Aκ·sin Δ·e,  f″ = Aκ(κ sin²Δ − cos Δ)·e
func (d *popDecoder) logLik(c []float64, th float64) (l, dl, ddl float64) {
	tu := d.tu
	st, ct := math.Sincos(th)
	for i, k := range c {
		s := st*d.cosP[i] - ct*d.sinP[i]  // sin(θ − θᵢ)
		co := ct*d.cosP[i] + st*d.sinP[i] // cos(θ − θᵢ)
		e := tu.a * math.Exp(tu.kappa*(co-1))
		f := tu.b + e
		f1 := -tu.kappa * s * e
		f2 := tu.kappa * (tu.kappa*s*s - co) * e
		g := k/f - tu.T
		l -= tu.T * f
		if k > 0 {
			l += k * math.Log(f)
		}
		dl += g * f1
		ddl += g*f2 - k*f1*f1/(f*f)
	}
	return l, dl, ddl
}

// ml is the maximum-likelihood estimate, rad: the best point of the 1° grid,
// refined by guarded Newton steps that never leave its neighbourhood and
// are kept only if they raise the likelihood.
func (d *popDecoder) ml(c []float64) float64 {
	na := 0
	for i, k := range c {
		if k > 0 {
			d.active[na] = i
			na++
		}
	}
	best, bestL := 0, math.Inf(-1)
	for g := range popGrid {
		row := d.logf[g*d.n : (g+1)*d.n]
		l := -d.sumF[g]
		for _, i := range d.active[:na] {
			l += c[i] * row[i]
		}
		if l > bestL {
			best, bestL = g, l
		}
	}
	const h = popTwoPi / popGrid
	th0 := float64(best) * h
	th := th0
	l0, dl, ddl := d.logLik(c, th0)
	l := l0
	for range popNewton {
		if ddl >= 0 {
			break
		}
		th = th0 + sim.Clamp(th-dl/ddl-th0, -h, h)
		l, dl, ddl = d.logLik(c, th)
	}
	if l < l0 {
		return th0
	}
	return th
}

// fisher is I_F(θ) = T Σ fᵢ′(θ)²/fᵢ(θ), rad⁻².
func (d *popDecoder) fisher(th float64) float64 {
	var s float64
	for i := range d.n {
		x := th - d.pref[i]
		f1 := d.tu.slope(x)
		s += f1 * f1 / d.tu.rate(x)
	}
	return d.tu.T * s
}
