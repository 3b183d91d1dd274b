package neuron

import (
	"math"

	"github.com/neurotutor/neurotutor/sim"
)

// Output nonlinearities of the linear-summation neuron, the values of its
// "nonlin" parameter.
const (
	NonlinLinear    = iota // y = u
	NonlinThreshold        // y = y_max·H(u), the perceptron's step
	NonlinRectified        // y = [u]₊, a ReLU
)

// linearDT is the step, ms.
const linearDT = 0.5

// linearYMax is the output of the threshold unit when it is on, in Hz.
const linearYMax = 100.0

// Linear is a point neuron that weighs and sums three input rates, leaks
// toward that sum with a membrane time constant, and passes the result
// through an output nonlinearity:
//
//	τ du/dt = −u + Σₖ wₖ·xₖ − θ
//	y = f(u),  f ∈ {u, y_max·H(u), [u]₊}
//
// At steady state u = Σ wₖxₖ − θ, the perceptron's weighted sum (Rosenblatt
// 1958); with f = [·]₊ it is the rate model of Dayan & Abbott (2001), §7.2.
// Rates are in Hz, τ in ms. Optional input noise is an Ornstein–Uhlenbeck
// fluctuation of standard deviation `noise` Hz and correlation time τ_x =
// 20 ms around each input rate, clipped at 0 Hz.
type Linear struct {
	sim.Params
	X      [3]float64 // input rates, Hz
	W      [3]float64 // weights, dimensionless
	Theta  float64    // threshold, Hz
	Nonlin float64    // NonlinLinear, NonlinThreshold or NonlinRectified
	Tau    float64    // ms
	Noise  float64    // Hz

	info sim.Info
	t    float64
	u    float64    // summed drive, Hz
	eta  [3]float64 // input fluctuations, Hz
	rng  interface{ NormFloat64() float64 }
}

// NewLinear returns the model with default parameters, reset with seed 1.
func NewLinear() *Linear {
	m := &Linear{Params: sim.NewParams("linear")}
	for k := range 3 {
		n := string(rune('1' + k))
		m.Bind(sim.Param{Key: "x" + n, Label: "x" + sub(k), Unit: "Hz", Min: 0, Max: 100, ValidMin: 0, ValidMax: 1000, Step: 1,
			Default: []float64{40, 20, 10}[k], Help: "rate of input " + n, Live: true}, &m.X[k])
		m.Bind(sim.Param{Key: "w" + n, Label: "w" + sub(k), Min: -2, Max: 2, ValidMin: -10, ValidMax: 10, Step: 0.05,
			Default: []float64{0.5, 1, -1}[k], Help: "weight of input " + n + " (negative: inhibitory)", Live: true}, &m.W[k])
	}
	m.Bind(sim.Param{Key: "theta", Label: "θ", Unit: "Hz", Min: -50, Max: 100, ValidMin: -1000, ValidMax: 1000, Step: 1, Default: 0,
		Help: "threshold, subtracted from the sum (a bias of −θ)", Live: true}, &m.Theta)
	m.Bind(sim.Param{Key: "nonlin", Label: "f", Choices: []string{"linear", "threshold", "rectified"},
		Default: NonlinRectified, Help: "output nonlinearity", Live: true}, &m.Nonlin)
	m.Bind(sim.Param{Key: "tau", Label: "τ", Unit: "ms", Min: 1, Max: 100, ValidMin: 1, ValidMax: 1000, Step: 1, Default: 10,
		Help: "membrane time constant", Live: true}, &m.Tau)
	m.Bind(sim.Param{Key: "noise", Label: "noise", Unit: "Hz", Min: 0, Max: 20, ValidMin: 0, ValidMax: 100, Step: 0.5, Default: 0,
		Help: "input rate fluctuation (standard deviation)", Live: true}, &m.Noise)
	m.info = m.describe()
	m.Reset(1)
	return m
}

func sub(k int) string { return string(rune('₁' + k)) }

// Info describes the model.
func (m *Linear) Info() sim.Info { return m.info }

func (m *Linear) describe() sim.Info {
	return sim.Info{
		ID:      "linear",
		Title:   "Linear summation",
		Summary: "point neuron: weighted sum of three input rates, leak, output nonlinearity",
		DT:      linearDT, Window: 1000, Speed: 500,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "drive", Label: "drive u", Unit: "Hz", Help: "summed drive now"},
			{Key: "output", Label: "output y", Unit: "Hz", Help: "output rate now"},
			{Key: "sum", Label: "Σwx − θ", Unit: "Hz", Help: "steady-state drive: the exact weighted sum"},
		},
		Signals: []sim.Signal{
			{Key: "x1", Label: "x₁", Unit: "Hz"}, {Key: "x2", Label: "x₂", Unit: "Hz"},
			{Key: "x3", Label: "x₃", Unit: "Hz"},
			{Key: "u", Label: "drive u", Unit: "Hz"}, {Key: "y", Label: "output y", Unit: "Hz"},
		},
		Plots: []sim.PlotSpec{
			{Key: "inputs", Title: "Input rates", Kind: sim.PlotTrace, Signals: []string{"x1", "x2", "x3"}, YLabel: "Hz"},
			{Key: "output", Title: "Drive and output", Kind: sim.PlotTrace, Signals: []string{"u", "y"}, YLabel: "Hz"},
			{Key: "terms", Title: "Weighted inputs wₖxₖ and output", Kind: sim.PlotBars, YLabel: "Hz"},
		},
	}
}

// Reset returns to time zero with the drive at rest (u = 0).
func (m *Linear) Reset(seed uint64) {
	m.t, m.u = 0, 0
	m.eta = [3]float64{}
	m.rng = sim.NewRand(seed)
}

// Time is the simulated time in ms.
func (m *Linear) Time() float64 { return m.t }

// input is the momentary rate of input k, Hz.
func (m *Linear) input(k int) float64 { return math.Max(0, m.X[k]+m.eta[k]) }

// Sum is the exact steady-state drive Σ wₖxₖ − θ for the set rates, Hz.
func (m *Linear) Sum() float64 {
	s := -m.Theta
	for k := range 3 {
		s += m.W[k] * m.X[k]
	}
	return s
}

// Step advances one step: the input fluctuations by the exact OU update, the
// drive by the exact exponential update for a constant input over the step.
func (m *Linear) Step() {
	const dt = linearDT
	const tauX = 20.0 // ms, correlation time of input noise
	drive := -m.Theta
	for k := range 3 {
		if m.Noise > 0 {
			a := math.Exp(-dt / tauX)
			m.eta[k] = a*m.eta[k] + m.Noise*math.Sqrt(1-a*a)*m.rng.NormFloat64()
		} else {
			m.eta[k] = 0
		}
		drive += m.W[k] * m.input(k)
	}
	m.u = drive + (m.u-drive)*math.Exp(-dt/m.Tau)
	m.t += dt
}

// Output is f(u), Hz.
func (m *Linear) Output() float64 {
	switch int(m.Nonlin) {
	case NonlinThreshold:
		if m.u > 0 {
			return linearYMax
		}
		return 0
	case NonlinRectified:
		return math.Max(m.u, 0)
	}
	return m.u
}

// Sample records x₁, x₂, x₃, u and y.
func (m *Linear) Sample(dst []float64) {
	dst[0], dst[1], dst[2] = m.input(0), m.input(1), m.input(2)
	dst[3], dst[4] = m.u, m.Output()
}

// Metrics reports drive, output and the exact sum.
func (m *Linear) Metrics(dst []float64) {
	dst[0], dst[1], dst[2] = m.u, m.Output(), m.Sum()
}

// Plot fills the bars of weighted inputs, the threshold and the output.
func (m *Linear) Plot(key string, dst *sim.PlotData) {
	if key != "terms" {
		return
	}
	for k := range 3 {
		dst.Bars = append(dst.Bars, m.W[k]*m.input(k))
		dst.BarLabels = append(dst.BarLabels, "w"+sub(k)+"x"+sub(k))
	}
	dst.Bars = append(dst.Bars, -m.Theta, m.Output())
	dst.BarLabels = append(dst.BarLabels, "−θ", "y")
	dst.Marked = 4
}
