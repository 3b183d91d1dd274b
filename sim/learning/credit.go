package learning

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

// Baselines of node perturbation's reward prediction, the values of the
// credit model's "baseline" parameter.
const (
	BaselineClean = iota // the loss of a noise-free pass on the same input
	BaselineMean         // a running mean of past losses
)

// Which learners the credit model shows, the values of its "show" parameter.
const (
	ShowAll = iota
	ShowBPFA
	ShowBPNP
	ShowFANP
)

const (
	crTest    = 500 // held-out examples for the test accuracy
	crEval    = 200 // steps between evaluations
	crAvg     = 5   // evaluations in the windowed accuracy (1000 examples)
	crAngleTC = 200 // steps: time constant of the running mean angles
	crMeanTC  = 100 // steps: time constant of the running-mean baseline
	crClip    = 10  // nats: bound on a loss difference (a divergence guard)
)

// Learner indices.
const (
	crBP = iota
	crFA
	crNP
)

// Credit trains three copies of one small classifier online on the same
// stream of labelled examples, from the same initial weights, with three
// ways of assigning credit to the hidden layer: backpropagation (BP;
// Rumelhart et al. 1986), feedback alignment (FA; Lillicrap et al. 2016,
// Nat. Commun. 7:13276) and node perturbation (NP), a rule that sees only
// a scalar reward (Williams 1992, Mach. Learn. 8:229; Fiete & Seung 2006,
// Phys. Rev. Lett. 97:048104; Werfel, Xie & Seung 2005, Neural Comput.
// 17:2699). With 20 inputs x ~ N(0, I), H tanh units and 5 classes,
//
//	h = tanh(W₁x),  z = W₂h,  p = softmax(z),  L = −ln p_c
//	e = p − onehot(c)                          (∂L/∂z)
//	BP: δ = (W₂ᵀe) ⊙ (1 − h²)
//	FA: δ = (B e)  ⊙ (1 − h²),  B fixed, random, N(0, 1/5)
//	BP, FA: ΔW₂ = −η·e·hᵀ,  ΔW₁ = −η·δ·xᵀ
//
// Node perturbation adds independent noise ξ ~ N(0, σ²) to every unit's
// input on a second, noisy pass, and correlates the change in loss with
// the noise each unit received:
//
//	h̃ = tanh(W₁x + ξ₁),  z̃ = W₂h̃ + ξ₂,  L̃ = −ln p̃_c
//	NP: ΔW₂ = −η_NP·(L̃ − b)/σ²·ξ₂·h̃ᵀ,  ΔW₁ = −η_NP·(L̃ − b)/σ²·ξ₁·xᵀ
//
// a three-factor rule: presynaptic activity, the unit's own perturbation,
// and one global signal L̃ − b broadcast to every synapse. Since
// E[(L̃ − L)·ξ]/σ² = ∂L/∂(W·input) + O(σ²), the update follows the gradient
// on average for any baseline b that does not depend on ξ: the noise-free
// loss L of the same input ("clean"), or a running mean of past L̃ over
// 100 examples ("mean"), which needs no second pass but adds variance. As
// a divergence guard, L̃ − b is clipped to ±10 nats.
//
// The class c is the argmax of the feedback model's random teacher (linear
// or a tanh network) applied to x; with probability `label_noise` a
// training label is replaced by a random class. Test accuracy is measured
// every 200 examples on 500 fixed held-out inputs with clean labels; the
// windowed accuracy is the mean of the last 5 measurements (1000
// examples). The angles are running means (over 200 examples) of the
// angle between each rule's hidden error δ and the true gradient of its
// own network on the same example: below 90° the update points downhill.
type Credit struct {
	sim.Params
	Task       float64 // TaskLinear or TaskNonlinear
	LabelNoise float64 // probability that a training label is random
	H          float64 // hidden units
	Eta        float64 // learning rate of BP and FA
	EtaNP      float64 // learning rate of NP
	Sigma      float64 // NP perturbation σ
	Baseline   float64 // BaselineClean or BaselineMean
	Show       float64 // which learners the plots and metrics show

	info sim.Info
	t    float64
	step int
	h    int // hidden units in use

	data, noise *rand.Rand
	dataSrc     rand.PCG
	noiseSrc    rand.PCG

	nets    [3]*net
	b       []float64 // B, H×fbOut
	grad    []float64 // true hidden gradient, for the angles
	xi1     []float64 // ξ₁
	xi2     [fbOut]float64
	teacher *teacher
	x       [fbIn]float64
	ystar   [fbOut]float64
	label   int
	testX   []float64 // crTest×fbIn
	testC   []uint8   // test labels

	acc      [3]float64        // latest test accuracy, %
	hist     [3][crAvg]float64 // the last crAvg accuracies
	evals    int
	angle    [3]float64 // running mean angles (BP's is 0 by construction)
	meanLoss float64    // NP's running-mean baseline
}

// NewCredit returns the model with default parameters, reset with seed 1.
func NewCredit() *Credit {
	m := &Credit{Params: sim.NewParams("credit")}
	m.Bind(taskParam, &m.Task)
	m.Bind(sim.Param{Key: "label_noise", Label: "label noise", Min: 0, Max: 0.5, Step: 0.05, Default: 0,
		Help: "probability that a training label is replaced by a random class"}, &m.LabelNoise)
	m.Bind(hiddenParam, &m.H)
	m.Bind(sim.Param{Key: "eta", Label: "η (BP, FA)", Min: 0.002, Max: 0.2, Step: 0.002, Default: 0.02,
		Help: "learning rate of backprop and feedback alignment (per example)"}, &m.Eta)
	m.Bind(sim.Param{Key: "eta_np", Label: "η (NP)", Min: 0.0005, Max: 0.02, Step: 0.0005, Default: 0.001,
		Help: "learning rate of node perturbation (per example)"}, &m.EtaNP)
	m.Bind(sim.Param{Key: "sigma", Label: "σ (NP)", Min: 0.01, Max: 2, Step: 0.01, Default: 0.1,
		Help: "size of node perturbation's noise on each unit's input"}, &m.Sigma)
	m.Bind(sim.Param{Key: "baseline", Label: "NP baseline", Choices: []string{"clean", "mean"}, Default: BaselineClean,
		Help: "NP compares its loss with a noise-free pass (clean) or with a running mean of past losses"}, &m.Baseline)
	m.Bind(sim.Param{Key: "show", Label: "show", Choices: []string{"all", "BP+FA", "BP+NP", "FA+NP"}, Default: ShowAll, Live: true,
		Help: "which learners the plots and readout show (all three always learn)"}, &m.Show)
	for i := range m.nets {
		m.nets[i] = newNet()
	}
	m.b = make([]float64, fbMaxH*fbOut)
	m.grad = make([]float64, fbMaxH)
	m.xi1 = make([]float64, fbMaxH)
	m.teacher = newTeacher()
	m.testX = make([]float64, crTest*fbIn)
	m.testC = make([]uint8, crTest)
	m.data, m.noise = rand.New(&m.dataSrc), rand.New(&m.noiseSrc)
	m.info = m.describe()
	m.Reset(1)
	return m
}

// Info describes the model.
func (m *Credit) Info() sim.Info { return m.info }

// Reset draws the teacher, the test set, the shared initial weights and B
// from the seed, and returns to example 0. The teacher, the test set, the
// stream of training examples and the perturbations depend on the seed
// only, not on the other parameters.
func (m *Credit) Reset(seed uint64) {
	m.t, m.step = 0, 0
	m.h = int(m.H)
	r := sim.NewRand(seed)
	m.teacher.draw(r, int(m.Task))
	for n := range crTest {
		x := m.testX[n*fbIn : (n+1)*fbIn]
		drawInput(r, x)
		m.teacher.teach(x, m.ystar[:])
		m.testC[n] = uint8(argmax(m.ystar[:]))
	}
	sim.Reseed(&m.dataSrc, r.Uint64())
	sim.Reseed(&m.noiseSrc, r.Uint64())
	H := m.h
	startTogether(r, H, m.b, 1, m.nets[:])
	m.angle = [3]float64{0, 90, 90}
	m.meanLoss = math.Log(fbOut) // the loss of a network that cannot tell the classes apart
	m.evals = 0
	m.evaluate()
}

// Time is the simulated time in ms (one example per ms).
func (m *Credit) Time() float64 { return m.t }

// Step draws one labelled example and trains the three networks on it.
func (m *Credit) Step() {
	m.teacher.example(m.data, m.x[:], m.ystar[:])
	m.label = argmax(m.ystar[:])
	u, c := m.data.Float64(), m.data.IntN(fbOut)
	if u < m.LabelNoise {
		m.label = c
	}
	H, x := m.h, m.x[:]
	bp, fa := m.nets[crBP], m.nets[crFA]
	for _, n := range [2]*net{bp, fa} {
		n.forward(x, H)
		crossEntropy(n, m.label)
	}
	bp.backprop(H)
	fa.feedback(m.b, false, H, fa.d)
	fa.feedback(fa.w2, true, H, m.grad)
	m.angle[crFA] += (angleDeg(fa.d[:H], m.grad[:H]) - m.angle[crFA]) / crAngleTC
	for _, n := range [2]*net{bp, fa} {
		n.learnOutput(m.Eta, H)
		n.learnHidden(m.Eta, x, H)
	}
	m.perturb(x, H)
	m.step++
	m.t = float64(m.step) * fbDT
	if m.step%crEval == 0 {
		m.evaluate()
	}
}

// perturb trains the NP network on x with the three-factor rule.
func (m *Credit) perturb(x []float64, H int) {
	np := m.nets[crNP]
	noisy := m.estimate(x, H)
	m.meanLoss += (noisy - m.meanLoss) / crMeanTC
	m.angle[crNP] += (angleDeg(np.d[:H], m.grad[:H]) - m.angle[crNP]) / crAngleTC
	np.learnOutput(m.EtaNP, H)
	np.learnHidden(m.EtaNP, x, H)
}

// estimate runs NP's two passes on x: a clean pass for the true hidden
// gradient (left in m.grad, for the angle) and the clean baseline, then a
// noisy pass. It leaves in the NP network's e and d each unit's estimate
// of ∂L/∂(its input), (L̃ − b)·ξ/σ², with h̃ in its h, and returns L̃.
func (m *Credit) estimate(x []float64, H int) float64 {
	np := m.nets[crNP]
	np.forward(x, H)
	clean := crossEntropy(np, m.label)
	np.backprop(H)
	copy(m.grad[:H], np.d[:H])
	s := m.Sigma
	for j := range H {
		m.xi1[j] = s * m.noise.NormFloat64()
	}
	for k := range m.xi2 {
		m.xi2[k] = s * m.noise.NormFloat64()
	}
	np.perturbed(x, H, m.xi1, m.xi2[:])
	noisy := crossEntropy(np, m.label)
	base := clean
	if int(m.Baseline) == BaselineMean {
		base = m.meanLoss
	}
	// The global signal, broadcast to every unit.
	g := sim.Clamp(noisy-base, -crClip, crClip) / (s * s)
	for k, xi := range m.xi2 {
		np.e[k] = g * xi
	}
	for j := range H {
		np.d[j] = g * m.xi1[j]
	}
	return noisy
}

// crossEntropy sets n.e = softmax(n.y) − onehot(c) and returns −ln p_c.
func crossEntropy(n *net, c int) float64 {
	top := n.y[0]
	for _, z := range n.y[1:] {
		top = math.Max(top, z)
	}
	var sum float64
	for k, z := range n.y {
		n.e[k] = math.Exp(z - top)
		sum += n.e[k]
	}
	for k := range n.e {
		n.e[k] /= sum
	}
	loss := math.Log(sum) + top - n.y[c]
	n.e[c]--
	return loss
}

// argmax returns the index of the largest element of v (the first on ties).
func argmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}

// evaluate measures the three test accuracies and updates their windows.
func (m *Credit) evaluate() {
	for i, n := range m.nets {
		right := 0
		for k := range crTest {
			n.forward(m.testX[k*fbIn:(k+1)*fbIn], m.h)
			if argmax(n.y[:]) == int(m.testC[k]) {
				right++
			}
		}
		m.acc[i] = 100 * float64(right) / crTest
		m.hist[i][m.evals%crAvg] = m.acc[i]
	}
	m.evals++
}

// windowed returns learner i's mean accuracy over the last crAvg
// evaluations (fewer at the start of a run).
func (m *Credit) windowed(i int) float64 {
	n := min(m.evals, crAvg)
	var s float64
	for _, a := range m.hist[i][:n] {
		s += a
	}
	return s / float64(n)
}
