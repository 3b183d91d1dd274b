package network

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/linalg"
)

const (
	chaosDT     = 1.0    // ms, Euler step: 0.1 τ, as in Sussillo & Abbott's code
	chaosTau    = 10.0   // ms, unit time constant
	chaosP      = 0.1    // probability of a recurrent connection
	chaosLearn  = 2      // steps between RLS updates (Δt = 2 ms)
	chaosMaxN   = 400    // largest network
	chaosBlock  = 10     // steps per block of the windowed metrics (10 ms)
	chaosBlocks = 200    // blocks in the metric window (2 s)
	chaosUnits  = 4      // units whose rates are recorded
	chaosX0     = 0.5    // standard deviation of the initial x
	chaosTiny   = 1e-100 // |x| below this is set to 0: no subnormal arithmetic once activity has died
)

// chaosTargets are the shapes of f(t) the readout can be trained on.
var chaosTargets = []string{"sines", "triangle", "sine", "square"}

// Target shapes, the values of the target parameter.
const (
	ChaosSines = iota
	ChaosTriangle
	ChaosSine
	ChaosSquare
)

// Chaos is a random recurrent rate network whose linear readout can be
// trained by FORCE learning to generate a target signal:
//
//	τ dxᵢ/dt = −xᵢ + g·Σⱼ Jᵢⱼ rⱼ + w_fᵢ·z,   rᵢ = tanh(xᵢ)
//	z = wᵀr
//
// Each Jᵢⱼ is non-zero with probability p = 0.1 and then drawn from
// N(0, 1/(pN)), so every row has variance 1/N; w_fᵢ ~ U(−1, 1); τ = 10 ms.
// These are the generator network of Sussillo & Abbott (2009), Neuron
// 63(4):544–557, fig. 1A (g_GG = g, g_Gz = 1, p_GG = 0.1), integrated as in
// their published code: Euler steps of 1 ms (0.1 τ), initial xᵢ ~ N(0, 0.25),
// w = 0.
//
// Without feedback (w = 0) this is the network of Sompolinsky, Crisanti &
// Sommers (1988), Phys Rev Lett 61:259: the eigenvalues of g·J fill a disc
// of radius g (the circular law), x = 0 is stable for g < 1, and for g > 1
// the activity is chaotic, with a variance Δ₀ = ⟨x²⟩ given by the dynamic
// mean-field theory (see DMFTVariance).
//
// For the first train_s seconds, FORCE learning updates w every Δt = 2 ms
// by recursive least squares (linalg.RLS, P(0) = I/α) on the error
// e = wᵀr − f(t), and the output after the update, w(t)ᵀr(t), is fed back.
// f is a sum of four sines (the paper's fig. 2D, period 1200 ms there:
// amplitudes 1, ½, ⅙, ⅓ of the fundamental and its first three harmonics,
// times amp/1.5), a triangle, a sine or a square wave of the given period.
//
// The largest Lyapunov exponent is measured by carrying a tangent vector v
// through the Jacobian of the Euler map,
//
//	v ← (1 − h)·v + h·(g·J + w_f·wᵀ)·diag(1 − r²)·v,   h = 1 ms/τ,
//
// renormalised every 10 ms (Benettin et al. 1980). The metrics average over
// the last 2 s.
type Chaos struct {
	sim.Params
	G      float64 // gain of the recurrent weights
	N      float64 // units
	TrainS float64 // s of FORCE learning from t = 0
	Alpha  float64 // RLS regulariser: P(0) = I/α
	Target float64 // shape of f (a ChaosSines… value)
	Period float64 // ms
	Amp    float64 // amplitude of f

	info  sim.Info
	t     float64
	steps int
	n     int
	seed  uint64
	src   *rand.PCG
	rng   *rand.Rand

	rowStart []int32 // CSR form of J (unscaled by g)
	col      []int32
	val      []float64
	wf       []float64 // feedback weights
	x, r     []float64
	v, u     []float64 // tangent vector and diag(1 − r²)·v
	z, f     float64
	rls      *linalg.RLS
	dw       float64 // |Δw|/Δt, 1/s
	updates  int     // RLS updates so far
	lastLrn  float64 // ms of the last update

	win  chaosWindow
	spec chaosSpectrum
	dmft struct { // DMFTVariance(g), cached
		g, v float64
		ok   bool
	}
}

// NewChaos returns the network with Sussillo & Abbott's parameters at
// N = 300 (g = 1.5, α = 1, amplitude 1.3), learning a 600 ms triangle wave
// for 10 s (about 1000 τ, their typical training time), reset with seed 1.
func NewChaos() *Chaos {
	m := &Chaos{Params: sim.NewParams("chaos")}
	m.Bind(sim.Param{Key: "g", Label: "g", Min: 0, Max: 3, Step: 0.05, Default: 1.5, Live: true,
		Help: "gain of the random recurrent weights (chaos above 1)"}, &m.G)
	m.Bind(sim.Param{Key: "n", Label: "N", Min: 100, Max: chaosMaxN, Step: 10, Default: 300, Integer: true,
		Help: "number of units"}, &m.N)
	m.Bind(sim.Param{Key: "train_s", Label: "learn for", Unit: "s", Min: 0, Max: 60, Step: 1, Default: 10,
		Help: "FORCE learning runs from t = 0 for this long, then stops"}, &m.TrainS)
	m.Bind(sim.Param{Key: "alpha", Label: "α", Min: 1, Max: 100, Step: 1, Default: 1,
		Help: "RLS regulariser, P(0) = I/α: small learns fast, large learns gently"}, &m.Alpha)
	m.Bind(sim.Param{Key: "target", Label: "target", Choices: chaosTargets, Default: ChaosTriangle, Live: true,
		Help: "shape of the signal f the readout learns"}, &m.Target)
	m.Bind(sim.Param{Key: "period_ms", Label: "period", Unit: "ms", Min: 50, Max: 8000, Step: 50, Default: 600, Live: true,
		Help: "period of the target"}, &m.Period)
	m.Bind(sim.Param{Key: "amp", Label: "amplitude", Min: 0.05, Max: 2, Step: 0.05, Default: 1.3, Live: true,
		Help: "amplitude of the target"}, &m.Amp)
	m.rowStart = make([]int32, chaosMaxN+1)
	nnz := int(1.2 * chaosP * chaosMaxN * chaosMaxN) // room for every draw but the rarest
	m.col, m.val = make([]int32, 0, nnz), make([]float64, 0, nnz)
	m.wf = make([]float64, chaosMaxN)
	m.x, m.r = make([]float64, chaosMaxN), make([]float64, chaosMaxN)
	m.v, m.u = make([]float64, chaosMaxN), make([]float64, chaosMaxN)
	m.rls = linalg.NewRLS(chaosMaxN)
	m.src = rand.NewPCG(0, 0)
	m.rng = rand.New(m.src)
	m.info = m.describe()
	m.Reset(1)
	return m
}

func (m *Chaos) describe() sim.Info {
	return sim.Info{
		ID:      "chaos",
		Title:   "Chaotic rate network and FORCE learning",
		Summary: "random recurrent network: chaos above gain 1, and a readout trained by FORCE to generate a signal",
		DT:      chaosDT, Window: 3000, Speed: 2000, // 2×: FORCE learns for tens of seconds
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "error", Label: "error", Help: "RMS of z − f over the last 2 s over the RMS of f (0 perfect, 1 as far off as z = 0)"},
			{Key: "lyapunov", Label: "λ_max", Unit: "1/s", Help: "largest Lyapunov exponent over the last 2 s: > 0 chaos, 0 a rhythm, < 0 a fixed point"},
			{Key: "var_x", Label: "⟨x²⟩", Help: "variance of the units' input x over the last 2 s"},
			{Key: "var_dmft", Label: "⟨x²⟩ theory", Help: "mean-field prediction of ⟨x²⟩ for this g (N → ∞, no feedback)"},
			{Key: "w_norm", Label: "|w|", Help: "length of the readout weight vector"},
			{Key: "learning", Label: "learning", Help: "1 while FORCE learning runs"},
			{Key: "test_s", Label: "on its own", Unit: "s", Help: "time since learning stopped (0 before any learning)"},
		},
		Signals: []sim.Signal{
			{Key: "z", Label: "output z"}, {Key: "f", Label: "target f"},
			{Key: "r1", Label: "r₁"}, {Key: "r2", Label: "r₂"}, {Key: "r3", Label: "r₃"}, {Key: "r4", Label: "r₄"},
			{Key: "dw", Label: "|dw/dt|", Unit: "1/s"},
		},
		Plots: []sim.PlotSpec{
			{Key: "units", Title: "Rates r = tanh(x) of four units", Kind: sim.PlotTrace,
				Signals: []string{"r1", "r2", "r3", "r4"}, YLabel: "r", YMin: -1, YMax: 1},
			{Key: "output", Title: "Readout z and target f", Kind: sim.PlotTrace, Signals: []string{"z", "f"}, YLabel: "z, f"},
			{Key: "learning", Title: "How fast the readout weights change, |dw/dt|", Kind: sim.PlotTrace,
				Signals: []string{"dw"}, YLabel: "1/s"},
			{Key: "spectrum", Title: "Eigenvalues of g·J, the circle of radius g and the line Re λ = 1", Kind: sim.PlotXY,
				XLabel: "Re λ", YLabel: "Im λ", Square: true},
		},
	}
}

// Info describes the model.
func (m *Chaos) Info() sim.Info { return m.info }

// Time is the simulated time in ms.
func (m *Chaos) Time() float64 { return m.t }

// Reset draws the network for the seed (the same seed and N give the same
// J, w_f and initial state), sets w = 0 and P = I/α, and clears the record.
func (m *Chaos) Reset(seed uint64) {
	m.n, m.seed = int(m.N), seed
	sim.Reseed(m.src, seed)
	n := m.n
	sd := 1 / math.Sqrt(chaosP*float64(n))
	m.col, m.val = m.col[:0], m.val[:0]
	for i := range n {
		for j := range n {
			if m.rng.Float64() < chaosP {
				m.col = append(m.col, int32(j))
				m.val = append(m.val, sd*m.rng.NormFloat64())
			}
		}
		m.rowStart[i+1] = int32(len(m.col))
	}
	var vv float64
	for i := range n {
		m.wf[i] = 2*m.rng.Float64() - 1
		m.x[i] = chaosX0 * m.rng.NormFloat64()
		m.r[i] = math.Tanh(m.x[i])
		m.v[i] = m.rng.NormFloat64()
		vv += m.v[i] * m.v[i]
	}
	for i := range n {
		m.v[i] /= math.Sqrt(vv)
	}
	m.rls.Reset(n, m.Alpha)
	m.t, m.steps, m.z, m.dw, m.updates, m.lastLrn = 0, 0, 0, 0, 0, 0
	m.f = m.target(0)
	m.win.clear()
	m.spec.invalidate(n, seed)
}

// target is f at time t (ms).
func (m *Chaos) target(t float64) float64 {
	ph := t / m.Period
	switch int(m.Target) {
	case ChaosSines:
		w := 2 * math.Pi * ph
		return m.Amp / 1.5 * (math.Sin(w) + math.Sin(2*w)/2 + math.Sin(3*w)/6 + math.Sin(4*w)/3)
	case ChaosTriangle:
		return m.Amp * (1 - 4*math.Abs(ph+0.25-math.Floor(ph+0.25)-0.5))
	case ChaosSine:
		return m.Amp * math.Sin(2*math.Pi*ph)
	}
	if ph-math.Floor(ph) < 0.5 {
		return m.Amp
	}
	return -m.Amp
}

// learning reports whether FORCE learning runs now.
func (m *Chaos) learning() bool { return m.t < m.TrainS*1000 }

// Step advances the network, its tangent vector and, while learning, the
// readout by one Euler step of 1 ms.
func (m *Chaos) Step() {
	n, h, g := m.n, chaosDT/chaosTau, m.G
	x, r, v, u := m.x[:n], m.r[:n], m.v[:n], m.u[:n]
	for i, ri := range r {
		u[i] = (1 - ri*ri) * v[i]
	}
	wu, z := m.rls.Output(u), m.z
	start, col, val, wf := m.rowStart[:n+1], m.col, m.val, m.wf[:n]
	for i := range x {
		cols := col[start[i]:start[i+1]]
		vals := val[start[i]:start[i+1]]
		vals = vals[:len(cols)]
		var a, b float64
		for q, j := range cols {
			a += vals[q] * r[j]
			b += vals[q] * u[j]
		}
		xi := x[i] + h*(-x[i]+g*a+wf[i]*z)
		if math.Abs(xi) < chaosTiny {
			xi = 0
		}
		x[i] = xi
		v[i] += h * (-v[i] + g*b + wf[i]*wu)
	}
	var xx float64
	for i, xi := range x {
		r[i] = math.Tanh(xi)
		xx += xi * xi
	}
	m.z = m.rls.Output(r)
	m.t += chaosDT
	m.steps++
	m.f = m.target(m.t)
	switch {
	case m.learning() && m.steps%chaosLearn == 0:
		dw := m.rls.Update(r, m.z-m.f)
		m.z = m.rls.Output(r)
		m.dw = dw / (chaosLearn * chaosDT) * 1000
		m.updates++
		m.lastLrn = m.t
	case !m.learning():
		m.dw = 0
	}
	m.win.add(m.z-m.f, m.f, xx/float64(n))
	if m.steps%chaosBlock == 0 {
		var vv float64
		for _, vi := range v {
			vv += vi * vi
		}
		norm := math.Sqrt(vv)
		for i := range v {
			v[i] /= norm
		}
		m.win.close(math.Log(norm))
	}
}
