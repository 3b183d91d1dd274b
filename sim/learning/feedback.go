package learning

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

const (
	fbDT      = 1.0 // ms per training example
	fbTest    = 100 // held-out examples for the test loss
	fbEval    = 50  // steps between test-loss evaluations
	fbAngleTC = 200 // steps: time constant of the running mean angle
	fbClip    = 10  // output errors are clipped to ±fbClip (a divergence guard)
)

// Feedback trains three copies of one small network online on the same
// stream of examples, from the same initial weights: one with
// backpropagation (BP), one with feedback alignment (FA; Lillicrap, Cownden,
// Tweed & Akerman 2016), and one that learns only its output layer
// ("fixed", a random-features baseline). With e = ŷ − y* and the loss
// ½‖e‖²,
//
//	h = tanh(W₁x),  ŷ = W₂h
//	ΔW₂ = −η·e·hᵀ                         (all three)
//	BP: δ = (W₂ᵀe) ⊙ (1 − h²),  ΔW₁ = −η·δ·xᵀ   (Rumelhart et al. 1986)
//	FA: δ = (B e)  ⊙ (1 − h²),  ΔW₁ = −η·δ·xᵀ
//
// where B is a fixed random H×5 matrix with entries N(0, (b/√5)²) for the
// feedback scale b. Inputs are x ~ N(0, I₂₀); the teacher is linear,
// y* = T·x, or a random tanh network, y* = T₂·tanh(T₁·x), with targets
// corrupted by Gaussian noise of standard deviation `noise`. One step is one
// training example. As a guard against divergence at large η, each output
// error is clipped to ±10 (far outside the range of a converging run).
// Losses are measured on 100 fixed held-out examples
// (noise-free targets) every 50 steps, normalised by the mean ‖y*‖², so a
// network that always answers 0 scores 1. The angle is that between the FA
// network's hidden update and the true gradient of its own loss (δ_FA vs
// W₂ᵀe ⊙ (1 − h²)); below 90° the FA update points downhill.
type Feedback struct {
	sim.Params
	Eta   float64 // learning rate η
	H     float64 // hidden units
	Task  float64 // TaskLinear or TaskNonlinear
	Noise float64 // target noise σ
	Scale float64 // feedback scale b

	info sim.Info
	t    float64
	step int
	rng  *rand.Rand
	h    int // hidden units in use

	bp, fa, fixed *net
	b             []float64 // B, H×fbOut
	grad          []float64 // the FA network's true hidden gradient, for the angle
	teacher       *teacher
	x             [fbIn]float64
	ystar         [fbOut]float64
	testX         []float64 // fbTest×fbIn
	testY         []float64 // fbTest×fbOut
	testNorm      float64   // mean ‖y*‖² over the test set

	lossBP, lossFA, lossFixed float64
	angle                     float64 // running mean, degrees
	wAngle                    float64 // angle between W₂ᵀ (FA net) and B, degrees
}

// NewFeedback returns the model with default parameters, reset with seed 1.
func NewFeedback() *Feedback {
	m := &Feedback{Params: sim.NewParams("feedback")}
	m.Bind(sim.Param{Key: "eta", Label: "η", Min: 0.001, Max: 0.05, Step: 0.001, Log: true, Default: 0.005,
		Help: "learning rate (per example)"}, &m.Eta)
	m.Bind(hiddenParam, &m.H)
	m.Bind(taskParam, &m.Task)
	m.Bind(sim.Param{Key: "noise", Label: "noise", Min: 0, Max: 1, Step: 0.05, Default: 0,
		Help: "standard deviation of the noise added to training targets"}, &m.Noise)
	m.Bind(sim.Param{Key: "fb_scale", Label: "feedback scale b", Min: 0.05, Max: 5, Step: 0.05, Default: 1,
		Help: "size of the fixed random feedback weights B"}, &m.Scale)
	m.bp, m.fa, m.fixed = newNet(), newNet(), newNet()
	m.b = make([]float64, fbMaxH*fbOut)
	m.grad = make([]float64, fbMaxH)
	m.teacher = newTeacher()
	m.testX = make([]float64, fbTest*fbIn)
	m.testY = make([]float64, fbTest*fbOut)
	m.info = m.describe()
	m.Reset(1)
	return m
}

// Info describes the model.
func (m *Feedback) Info() sim.Info { return m.info }

func (m *Feedback) describe() sim.Info {
	return sim.Info{
		ID:       "feedback",
		Title:    "Backpropagation and feedback alignment",
		Summary:  "one network trained side by side with exact gradients and with random feedback",
		DT:       fbDT,
		StepNote: "one training example per 1 ms step",
		Window:   20000, Speed: 2000,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "loss_bp", Label: "test loss BP", Help: "held-out squared error of the backprop network (1 = always answering 0)"},
			{Key: "loss_fa", Label: "test loss FA", Help: "held-out squared error of the feedback-alignment network"},
			{Key: "loss_fixed", Label: "test loss fixed", Help: "held-out squared error when only the output layer learns"},
			{Key: "angle_deg", Label: "∠ FA vs gradient", Unit: "deg", Help: "running mean angle between FA's hidden update and the true gradient"},
			{Key: "w_angle_deg", Label: "∠ W₂ᵀ vs B", Unit: "deg", Help: "angle between the FA network's output weights (transposed) and B"},
			{Key: "fa_minus_bp", Label: "FA − BP", Help: "test loss of FA minus that of BP: the price of random feedback"},
		},
		Signals: []sim.Signal{
			{Key: "loss_bp", Label: "BP"}, {Key: "loss_fa", Label: "FA"}, {Key: "loss_fixed", Label: "fixed W₁"},
			{Key: "angle_deg", Label: "∠ FA vs gradient", Unit: "deg"},
			{Key: "w_angle_deg", Label: "∠ W₂ᵀ vs B", Unit: "deg"},
		},
		Plots: []sim.PlotSpec{
			{Key: "loss", Title: "Test loss (1 = always answering 0)", Kind: sim.PlotTrace,
				Signals: []string{"loss_bp", "loss_fa", "loss_fixed"}, XLabel: "examples", YMin: 0, YMax: 1},
			{Key: "angle", Title: "Angles (90° = no help)", Kind: sim.PlotTrace,
				Signals: []string{"angle_deg", "w_angle_deg"}, XLabel: "examples", YLabel: "deg", YMin: 0, YMax: 120},
			{Key: "weights", Title: "Feedback B and FA's W₂ᵀ", Kind: sim.PlotGrid},
		},
	}
}

// Reset draws the teacher, the shared initial weights (W₁ ~ N(0, 1/20),
// W₂ ~ N(0, 1/H)), the feedback B and the test set from the seed, and
// returns to example 0.
func (m *Feedback) Reset(seed uint64) {
	m.t, m.step = 0, 0
	m.h = int(m.H)
	r := sim.NewRand(seed)
	// The teacher and test set depend on the seed only, not on H.
	m.teacher.draw(r, int(m.Task))
	m.testNorm = 0
	for n := range fbTest {
		x := m.testX[n*fbIn : (n+1)*fbIn]
		drawInput(r, x)
		m.teacher.teach(x, m.testY[n*fbOut:(n+1)*fbOut])
		for _, v := range m.testY[n*fbOut : (n+1)*fbOut] {
			m.testNorm += v * v
		}
	}
	m.testNorm /= fbTest
	H := m.h
	startTogether(r, H, m.b, m.Scale, []*net{m.bp, m.fa, m.fixed})
	m.rng = r
	m.angle = 90
	m.evaluate()
}

// Time is the simulated time in ms (one example per ms).
func (m *Feedback) Time() float64 { return m.t }

// Step draws one example and trains the three networks on it.
func (m *Feedback) Step() {
	m.teacher.example(m.rng, m.x[:], m.ystar[:])
	for k := range m.ystar {
		m.ystar[k] += m.Noise * m.rng.NormFloat64()
	}
	H := m.h
	for _, n := range []*net{m.bp, m.fa, m.fixed} {
		n.forward(m.x[:], H)
		for k := range fbOut {
			n.e[k] = sim.Clamp(n.y[k]-m.ystar[k], -fbClip, fbClip)
		}
	}
	// Hidden deltas: BP through W₂ᵀ; FA through B, and for the angle the
	// true gradient of the FA network through its own W₂ᵀ.
	m.bp.backprop(H)
	m.fa.feedback(m.b, false, H, m.fa.d)
	m.fa.feedback(m.fa.w2, true, H, m.grad)
	m.angle += (angleDeg(m.fa.d[:H], m.grad[:H]) - m.angle) / fbAngleTC
	for _, n := range []*net{m.bp, m.fa, m.fixed} {
		n.learnOutput(m.Eta, H)
	}
	m.bp.learnHidden(m.Eta, m.x[:], H)
	m.fa.learnHidden(m.Eta, m.x[:], H)
	m.step++
	m.t = float64(m.step) * fbDT
	if m.step%fbEval == 0 {
		m.evaluate()
	}
}

// evaluate measures the three test losses and the weight angle.
func (m *Feedback) evaluate() {
	m.lossBP, m.lossFA, m.lossFixed = m.testLoss(m.bp), m.testLoss(m.fa), m.testLoss(m.fixed)
	H := m.h
	var wb, ww, bb float64
	for j := range H {
		for k := range fbOut {
			w, b := m.fa.w2[k*H+j], m.b[j*fbOut+k]
			wb += w * b
			ww += w * w
			bb += b * b
		}
	}
	m.wAngle = 90
	if ww > 0 && bb > 0 {
		m.wAngle = math.Acos(sim.Clamp(wb/math.Sqrt(ww*bb), -1, 1)) * 180 / math.Pi
	}
}

// testLoss is the mean ‖ŷ − y*‖² over the test set over the mean ‖y*‖².
func (m *Feedback) testLoss(n *net) float64 {
	var s float64
	for i := range fbTest {
		n.forward(m.testX[i*fbIn:(i+1)*fbIn], m.h)
		for k := range fbOut {
			e := n.y[k] - m.testY[i*fbOut+k]
			s += e * e
		}
	}
	return s / fbTest / m.testNorm
}

// Sample records the three losses and the two angles.
func (m *Feedback) Sample(dst []float64) {
	dst[0], dst[1], dst[2], dst[3], dst[4] = m.lossBP, m.lossFA, m.lossFixed, m.angle, m.wAngle
}

// Metrics reports the latest test losses, the angles and the FA − BP gap.
func (m *Feedback) Metrics(dst []float64) {
	m.Sample(dst[:5])
	dst[5] = m.lossFA - m.lossBP
}

// Plot fills the grids of Bᵀ and the FA network's W₂ (both 5×H).
func (m *Feedback) Plot(key string, dst *sim.PlotData) {
	if key != "weights" {
		return
	}
	H := m.h
	gb := dst.AddGrid("Bᵀ (fixed, random)", fbOut, H)
	gw := dst.AddGrid("W₂ of the FA network", fbOut, H)
	var mb, mw float64
	for k := range fbOut {
		for j := range H {
			gb.V[k*H+j] = m.b[j*fbOut+k]
			gw.V[k*H+j] = m.fa.w2[k*H+j]
			mb = math.Max(mb, math.Abs(gb.V[k*H+j]))
			mw = math.Max(mw, math.Abs(gw.V[k*H+j]))
		}
	}
	gb.Min, gb.Max = -mb, mb
	gw.Min, gw.Max = -mw, mw
}
