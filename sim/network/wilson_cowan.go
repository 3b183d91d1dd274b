package network

import (
	"math"

	"github.com/neurotutor/neurotutor/sim"
)

const (
	wcDT     = 0.1    // ms, RK4 step
	wcEvery  = 5      // steps between entries of the model's own record
	wcSpan   = 2000.0 // ms of history kept for the metrics and phase plot
	wcPhase  = 300.0  // ms of trajectory drawn in the phase plane
	wcMinAmp = 0.005  // peak-to-peak E below which the network is not oscillating
	wcDamped = 0.8    // last third's swing over the first third's below which the rhythm is damped
	wcGrid   = 240    // E samples for nullclines and the fixed-point search
)

// Sigmoid constants of Wilson & Cowan (1972), the limit-cycle set.
const (
	wcAE, wcThetaE = 1.3, 4.0 // excitatory slope and threshold
	wcAI, wcThetaI = 2.0, 3.7 // inhibitory slope and threshold
	wcRE, wcRI     = 1.0, 1.0 // refractory factors r_E, r_I
)

// WilsonCowan is the Wilson–Cowan model of a local pair of excitatory (E)
// and inhibitory (I) populations, the proportions of cells firing per unit
// time:
//
//	τ_E dE/dt = −E + (k_E − r_E·E)·S_E(c₁E − c₂I + P)
//	τ_I dI/dt = −I + (k_I − r_I·I)·S_I(c₃E − c₄I + Q)
//	S(x) = 1/(1 + e^(−a(x−θ))) − 1/(1 + e^(aθ)),   k = S(∞) = 1 − 1/(1 + e^(aθ))
//
// with the limit-cycle constants of Wilson & Cowan (1972), Biophysical
// Journal 12(1):1–24: a_E = 1.3, θ_E = 4, a_I = 2, θ_I = 3.7, r_E = r_I = 1,
// and by default c₁ = 16, c₂ = 12, c₃ = 15, c₄ = 3, P = 1.25, Q = 0. E and I
// are dimensionless (fractions of the population, at most ≈ 0.5 with r = 1);
// time is in ms with τ_E = τ_I = 10 ms by default (our choice of time scale;
// the equations are otherwise in units of τ). Both start at 0, the resting
// state for P = Q = 0. Classical RK4, 0.1 ms steps.
//
// Metrics are read from the last 2000 ms: amplitude is the peak-to-peak E
// over the most recent 1000 ms. rhythm says whether E swings at all
// (amplitude above 0.005) and, if it does, whether the swing is sustained
// or damped: damped when the peak-to-peak E of the last third of those
// 1000 ms is below 0.8 times that of the first third, as in the ringing
// decay into a stable focus (Re λ < 0), where it falls as e^(Re λ·t). Only
// a sustained rhythm has a frequency: the number of upward crossings of the
// window's mean E, less one, over the time between the first and last
// crossing (at least three crossings, i.e. two full periods); otherwise
// freq_hz is 0. re_lambda is the largest real part of the Jacobian's
// eigenvalues at the fixed point nearest the window's mean state.
type WilsonCowan struct {
	sim.Params
	P, Q           float64 // external drive to E and I, dimensionless
	C1, C2, C3, C4 float64 // coupling: E→E, I→E, E→I, I→I
	TauE, TauI     float64 // ms

	info sim.Info
	t    float64
	y    [2]float64 // E, I
	rk   *sim.RK4
	sys  wcSystem

	steps  int
	histE  []float64 // ring of E every wcEvery steps over wcSpan
	histI  []float64
	head   int // index of the oldest entry
	nHist  int
	fp     wcFixedPoints // cached for the parameters in fpKey
	fpKey  [8]float64
	fpGood bool
}

// wcFixedPoints holds the fixed points of the current parameters.
type wcFixedPoints struct {
	n    int
	e, i [8]float64
	re   [8]float64 // largest real part of the eigenvalues, 1/ms
}

// wcSystem is the right-hand side, bound to its model's parameters.
type wcSystem struct{ m *WilsonCowan }

// NewWilsonCowan returns the model with the limit-cycle parameters, reset
// with seed 1.
func NewWilsonCowan() *WilsonCowan {
	m := &WilsonCowan{Params: sim.NewParams("wilson_cowan")}
	m.Bind(sim.Param{Key: "P", Label: "P", Min: -2, Max: 6, ValidMin: -10, ValidMax: 10, Step: 0.05, Default: 1.25,
		Help: "external drive to the excitatory population", Live: true}, &m.P)
	m.Bind(sim.Param{Key: "Q", Label: "Q", Min: -4, Max: 4, ValidMin: -10, ValidMax: 10, Step: 0.05, Default: 0,
		Help: "external drive to the inhibitory population", Live: true}, &m.Q)
	m.Bind(sim.Param{Key: "c1", Label: "c₁ E→E", Min: 0, Max: 30, Step: 0.5, Default: 16,
		Help: "recurrent excitation", Live: true}, &m.C1)
	m.Bind(sim.Param{Key: "c2", Label: "c₂ I→E", Min: 0, Max: 30, Step: 0.5, Default: 12,
		Help: "inhibition of E by I", Live: true}, &m.C2)
	m.Bind(sim.Param{Key: "c3", Label: "c₃ E→I", Min: 0, Max: 30, Step: 0.5, Default: 15,
		Help: "excitation of I by E", Live: true}, &m.C3)
	m.Bind(sim.Param{Key: "c4", Label: "c₄ I→I", Min: 0, Max: 20, Step: 0.5, Default: 3,
		Help: "inhibition among inhibitory cells", Live: true}, &m.C4)
	m.Bind(sim.Param{Key: "tau_e", Label: "τ_E", Unit: "ms", Min: 2, Max: 50, ValidMin: 1, ValidMax: 200, Step: 1, Default: 10,
		Help: "time constant of the excitatory population", Live: true}, &m.TauE)
	m.Bind(sim.Param{Key: "tau_i", Label: "τ_I", Unit: "ms", Min: 2, Max: 100, ValidMin: 1, ValidMax: 200, Step: 1, Default: 10,
		Help: "time constant of the inhibitory population", Live: true}, &m.TauI)
	m.sys = wcSystem{m}
	m.rk = sim.NewRK4(2)
	n := int(wcSpan / (wcEvery * wcDT))
	m.histE, m.histI = make([]float64, n), make([]float64, n)
	m.info = m.describe()
	m.Reset(1)
	return m
}

func (m *WilsonCowan) describe() sim.Info {
	return sim.Info{
		ID:      "wilson_cowan",
		Title:   "Wilson–Cowan E–I populations",
		Summary: "excitatory and inhibitory populations: fixed point or rhythm (limit cycle)",
		DT:      wcDT, Window: 300, Speed: 100,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "freq_hz", Label: "frequency", Unit: "Hz", Help: "frequency of a sustained rhythm of E; 0 when there is none or it is damped"},
			{Key: "amplitude", Label: "amplitude", Help: "peak-to-peak E over the last 1000 ms"},
			{Key: "E", Label: "E", Help: "excitatory activity now"},
			{Key: "I", Label: "I", Help: "inhibitory activity now"},
			{Key: "re_lambda", Label: "Re λ", Unit: "1/s", Help: "growth rate at the fixed point: > 0 means unstable"},
			{Key: "fixed_points", Label: "fixed points", Help: "number of steady states"},
			{Key: "rhythm", Label: "rhythm", Help: "0 none (E steady), 1 damped (a swing dying out), 2 sustained",
				Names: []string{"none", "damped", "sustained"}},
		},
		Signals: []sim.Signal{{Key: "E", Label: "E"}, {Key: "I", Label: "I"}},
		Plots: []sim.PlotSpec{
			{Key: "activity", Title: "E and I over time", Kind: sim.PlotTrace, Signals: []string{"E", "I"},
				YLabel: "activity", YMin: 0, YMax: 0.5},
			{Key: "phase", Title: "Phase plane: trajectory and nullclines", Kind: sim.PlotXY, XLabel: "E", YLabel: "I"},
		},
	}
}

// Info describes the model.
func (m *WilsonCowan) Info() sim.Info { return m.info }

// Time is the simulated time in ms.
func (m *WilsonCowan) Time() float64 { return m.t }

// Reset starts both populations at rest (E = I = 0). The model is
// deterministic; the seed is unused.
func (m *WilsonCowan) Reset(seed uint64) {
	m.t, m.steps = 0, 0
	m.y = [2]float64{}
	m.head, m.nHist = 0, 0
	m.record()
}

// wcS is the Wilson–Cowan sigmoid, shifted so that S(0) = 0.
func wcS(x, a, theta float64) float64 {
	return 1/(1+math.Exp(-a*(x-theta))) - 1/(1+math.Exp(a*theta))
}

// wcDS is dS/dx.
func wcDS(x, a, theta float64) float64 {
	s := 1 / (1 + math.Exp(-a*(x-theta)))
	return a * s * (1 - s)
}

// wcK is S(∞), the maximum of the sigmoid.
func wcK(a, theta float64) float64 { return 1 - 1/(1+math.Exp(a*theta)) }

// Deriv is the right-hand side, per ms.
func (s wcSystem) Deriv(_ float64, y, dy []float64) {
	m := s.m
	e, i := y[0], y[1]
	dy[0] = (-e + (wcK(wcAE, wcThetaE)-wcRE*e)*wcS(m.C1*e-m.C2*i+m.P, wcAE, wcThetaE)) / m.TauE
	dy[1] = (-i + (wcK(wcAI, wcThetaI)-wcRI*i)*wcS(m.C3*e-m.C4*i+m.Q, wcAI, wcThetaI)) / m.TauI
}

// Step advances one RK4 step of 0.1 ms.
func (m *WilsonCowan) Step() {
	m.rk.Step(m.sys, m.t, wcDT, m.y[:])
	m.t += wcDT
	m.steps++
	if m.steps%wcEvery == 0 {
		m.record()
	}
}

func (m *WilsonCowan) record() {
	n := len(m.histE)
	if m.nHist < n {
		k := (m.head + m.nHist) % n
		m.histE[k], m.histI[k] = m.y[0], m.y[1]
		m.nHist++
		return
	}
	m.histE[m.head], m.histI[m.head] = m.y[0], m.y[1]
	m.head = (m.head + 1) % n
}

// hist returns the k-th oldest recorded (E, I).
func (m *WilsonCowan) hist(k int) (float64, float64) {
	j := (m.head + k) % len(m.histE)
	return m.histE[j], m.histI[j]
}

// Rhythm states, the values of the rhythm metric.
const (
	wcNone      = 0 // E steady
	wcRinging   = 1 // a damped swing
	wcSustained = 2
)

// Oscillation returns the frequency of a sustained rhythm (Hz; 0 when E is
// steady or its swing is damped), the peak-to-peak amplitude of E and the
// rhythm state from the recorded history, as documented on the type, and
// the mean state over the history.
func (m *WilsonCowan) Oscillation() (freq, amp float64, state int, meanE, meanI float64) {
	n := m.nHist
	if n == 0 {
		return 0, 0, wcNone, m.y[0], m.y[1]
	}
	amp = m.swing(n/2, n)
	for k := range n {
		e, i := m.hist(k)
		meanE += e
		meanI += i
	}
	meanE /= float64(n)
	meanI /= float64(n)
	if amp < wcMinAmp {
		return 0, amp, wcNone, meanE, meanI
	}
	third := (n - n/2) / 3
	if m.swing(n-third, n) < wcDamped*m.swing(n/2, n/2+third) {
		return 0, amp, wcRinging, meanE, meanI
	}
	const h = wcEvery * wcDT // ms between entries
	first, last, count := 0.0, 0.0, 0
	prev, _ := m.hist(0)
	for k := 1; k < n; k++ {
		e, _ := m.hist(k)
		if prev < meanE && e >= meanE {
			tc := (float64(k-1) + (meanE-prev)/(e-prev)) * h
			if count == 0 {
				first = tc
			}
			last = tc
			count++
		}
		prev = e
	}
	if count < 3 || last <= first {
		return 0, amp, wcSustained, meanE, meanI
	}
	return float64(count-1) / (last - first) * 1000, amp, wcSustained, meanE, meanI
}

// swing is the peak-to-peak E over history entries from…to−1.
func (m *WilsonCowan) swing(from, to int) float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for k := from; k < to; k++ {
		e, _ := m.hist(k)
		lo, hi = math.Min(lo, e), math.Max(hi, e)
	}
	return hi - lo
}

// Sample records E and I.
func (m *WilsonCowan) Sample(dst []float64) { dst[0], dst[1] = m.y[0], m.y[1] }

// Metrics reports freq_hz, amplitude, E, I, re_lambda, fixed_points and
// rhythm.
func (m *WilsonCowan) Metrics(dst []float64) {
	f, amp, state, me, mi := m.Oscillation()
	fp := m.FixedPoints()
	re := 0.0
	if fp.n > 0 {
		best := math.Inf(1)
		for k := range fp.n {
			if d := math.Hypot(fp.e[k]-me, fp.i[k]-mi); d < best {
				best, re = d, fp.re[k]
			}
		}
	}
	dst[0], dst[1], dst[2], dst[3], dst[4], dst[5] = f, amp, m.y[0], m.y[1], re*1000, float64(fp.n)
	dst[6] = float64(state)
}

// iNull solves the I equation's steady state for a given E: the unique I
// with −I + (k_I − r_I·I)·S_I(c₃E − c₄I + Q) = 0 (its left side falls
// strictly with I), by bisection.
func (m *WilsonCowan) iNull(e float64) float64 {
	kI := wcK(wcAI, wcThetaI)
	g := func(i float64) float64 { return -i + (kI-wcRI*i)*wcS(m.C3*e-m.C4*i+m.Q, wcAI, wcThetaI) }
	lo, hi := -0.1, 1.0
	if g(lo) <= 0 {
		return lo
	}
	if g(hi) >= 0 {
		return hi
	}
	for range 60 {
		mid := (lo + hi) / 2
		if g(mid) > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// eResidual is dE/dt·τ_E on the I-nullcline.
func (m *WilsonCowan) eResidual(e float64) float64 {
	i := m.iNull(e)
	return -e + (wcK(wcAE, wcThetaE)-wcRE*e)*wcS(m.C1*e-m.C2*i+m.P, wcAE, wcThetaE)
}

// wcERange is the span of E searched for fixed points (E stays above
// −0.01 and below 0.5 for every parameter).
const wcELo, wcEHi = -0.02, 0.6

// FixedPoints returns the steady states of the current parameters (cached):
// the roots of dE/dt along the I-nullcline, bracketed on a grid of E and
// refined by bisection, with their stability.
func (m *WilsonCowan) FixedPoints() wcFixedPoints {
	key := [8]float64{m.P, m.Q, m.C1, m.C2, m.C3, m.C4, m.TauE, m.TauI}
	if m.fpGood && key == m.fpKey {
		return m.fp
	}
	var fp wcFixedPoints
	de := (wcEHi - wcELo) / wcGrid
	prevE, prevR := wcELo, m.eResidual(wcELo)
	for k := 1; k <= wcGrid && fp.n < len(fp.e); k++ {
		e := wcELo + float64(k)*de
		r := m.eResidual(e)
		if (prevR < 0) != (r < 0) {
			lo, hi, rlo := prevE, e, prevR
			for range 60 {
				mid := (lo + hi) / 2
				if rm := m.eResidual(mid); (rm < 0) == (rlo < 0) {
					lo, rlo = mid, rm
				} else {
					hi = mid
				}
			}
			es := (lo + hi) / 2
			is := m.iNull(es)
			fp.e[fp.n], fp.i[fp.n] = es, is
			fp.re[fp.n] = m.maxReal(es, is)
			fp.n++
		}
		prevE, prevR = e, r
	}
	m.fp, m.fpKey, m.fpGood = fp, key, true
	return fp
}

// Jacobian returns the matrix of partial derivatives of (dE/dt, dI/dt) at
// (e, i), per ms: [[a, b], [c, d]].
func (m *WilsonCowan) Jacobian(e, i float64) (a, b, c, d float64) {
	ue, ui := m.C1*e-m.C2*i+m.P, m.C3*e-m.C4*i+m.Q
	kE, kI := wcK(wcAE, wcThetaE), wcK(wcAI, wcThetaI)
	gE := (kE - wcRE*e) * wcDS(ue, wcAE, wcThetaE)
	gI := (kI - wcRI*i) * wcDS(ui, wcAI, wcThetaI)
	a = (-1 - wcRE*wcS(ue, wcAE, wcThetaE) + gE*m.C1) / m.TauE
	b = -gE * m.C2 / m.TauE
	c = gI * m.C3 / m.TauI
	d = (-1 - wcRI*wcS(ui, wcAI, wcThetaI) - gI*m.C4) / m.TauI
	return
}

// maxReal is the largest real part of the Jacobian's eigenvalues at (e, i),
// per ms.
func (m *WilsonCowan) maxReal(e, i float64) float64 {
	a, b, c, d := m.Jacobian(e, i)
	tr, det := a+d, a*d-b*c
	disc := tr*tr/4 - det
	if disc >= 0 {
		return tr/2 + math.Sqrt(disc)
	}
	return tr / 2
}

// Plot fills the phase plane: the E-nullcline (where dE/dt = 0, drawn as I
// against E; absent when c₂ = 0), the I-nullcline, the last 300 ms of the
// trajectory and the fixed points.
func (m *WilsonCowan) Plot(key string, dst *sim.PlotData) {
	if key != "phase" {
		return
	}
	kE := wcK(wcAE, wcThetaE)
	s0 := 1 / (1 + math.Exp(wcAE*wcThetaE)) // −S_E(−∞)
	en := dst.AddSeries("dE/dt = 0", false)
	if m.C2 > 1e-9 {
		for k := 0; k <= wcGrid; k++ {
			e := wcELo + (wcEHi-wcELo)*float64(k)/wcGrid
			y := e/(kE-wcRE*e) + s0 // logistic value needed, in (0, 1)
			if kE-wcRE*e <= 0 || y <= 0 || y >= 1 {
				continue
			}
			x := wcThetaE - math.Log(1/y-1)/wcAE // S_E⁻¹
			i := (m.C1*e + m.P - x) / m.C2
			if i >= -0.1 && i <= 1 {
				en.Add(e, i)
			}
		}
	}
	in := dst.AddSeries("dI/dt = 0", false)
	for k := 0; k <= wcGrid; k++ {
		e := wcELo + (wcEHi-wcELo)*float64(k)/wcGrid
		in.Add(e, m.iNull(e))
	}
	tr := dst.AddSeries("trajectory", false)
	n := min(m.nHist, int(wcPhase/(wcEvery*wcDT)))
	for k := m.nHist - n; k < m.nHist; k++ {
		e, i := m.hist(k)
		tr.Add(e, i)
	}
	fp := m.FixedPoints()
	pts := dst.AddSeries("fixed points", true)
	for k := range fp.n {
		pts.Add(fp.e[k], fp.i[k])
	}
	dst.XMin, dst.XMax, dst.YMin, dst.YMax = 0, 0.5, 0, 0.5
}
