package learning

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

// Constants of the forgetting model.
const (
	fgH       = 64  // hidden units
	fgIn      = 4   // inputs: two channels per task
	fgTest    = 200 // held-out test points per task
	fgFisherN = 200 // inputs of task A used to estimate the Fisher information
	fgSpread  = 0.8 // standard deviation of each task's input points
	fgMapSize = 28  // cells per side of the decision map
	fgMapHalf = 3.0 // the map spans [−3, 3]²
	fgEvery   = 20  // examples between measurements of the held-out accuracy
)

// fgParams is the number of trainable parameters: W (H×4), b (H), v (H), c.
const fgParams = fgH*fgIn + fgH + fgH + 1

// Forgetting trains a one-hidden-layer network online, one example per step,
// first on task A and then on task B, and measures how well it still does A.
//
//	a(x) = Σⱼ vⱼ·tanh(Wⱼ·x + bⱼ) + c,   p(y=1|x) = σ(a)
//	L(θ) = −y·ln p − (1−y)·ln(1−p)   (cross-entropy)
//
// with 64 hidden units and 4 input channels. Each task is a 2-D problem:
// a point z ~ N(0, 0.8²·I) of its plane is labelled by a line through the
// origin, y = [z₁ > 0] for task A and y = [cos φ·z₁ + sin φ·z₂ > 0] for
// task B (φ = 0: the same rule; φ = 180°: the rule reversed). Task A's
// points arrive on channels 1–2, x = (z, 0); task B's on a mixture,
// x = (o·z, √(1−o²)·z), o the input overlap — like two stimulus sets that
// share part of their input population (o = 1: the same inputs, so rules
// that disagree cannot both be right; o < 1: one network can do both). Plain
// SGD on B overwrites A the more, the larger o and φ.
//
// Consolidation is elastic weight consolidation (Kirkpatrick et al. 2017,
// PNAS 114:3521): at the switch the diagonal Fisher information of task A
// is estimated on 200 inputs of A,
//
//	Fᵢ = ⟨p(1−p)·(∂a/∂θᵢ)²⟩ₓ   (the expected squared score of the Bernoulli output)
//
// rescaled to mean 1 over the parameters (a choice of units for λ, so that
// λ does not depend on how confident the network was), and training on B
// minimises L_B + (λ/2)·Σᵢ Fᵢ·(θᵢ − θ*ᵢ)², θ* the parameters at the switch.
// The penalty's gradient λ·Fᵢ·(θᵢ − θ*ᵢ) is applied implicitly (a proximal
// step, θᵢ ← θ*ᵢ + (θᵢ′ − θ*ᵢ)/(1 + η·λ·Fᵢ) after the SGD step θ′), which
// equals the explicit step to first order and stays stable for any λ.
type Forgetting struct {
	sim.Params
	Lambda  float64
	Angle   float64 // deg
	LR      float64
	Steps   float64 // training examples per task
	Overlap float64 // overlap of the two tasks' input channels

	info  sim.Info
	t     float64
	step  int
	rng   *rand.Rand
	theta []float64 // W (row-major H×fgIn), b, v, c
	star  []float64 // θ* at the switch
	fish  []float64 // diagonal Fisher of task A
	grad  []float64
	h     []float64 // hidden activity, scratch

	testA, testB [fgTest][fgIn]float64
	labA, labB   [fgTest]float64
	fisherX      [fgFisherN][fgIn]float64
	accA, accB   float64
	accAEnd      float64
}

// NewForgetting returns the model with default parameters, reset with seed 1.
func NewForgetting() *Forgetting {
	m := &Forgetting{Params: sim.NewParams("forgetting")}
	m.Bind(sim.Param{Key: "lambda", Label: "λ", Min: 0, Max: 100, Step: 0.5, Default: 0,
		Help: "consolidation strength (elastic weight consolidation); 0 is plain SGD"}, &m.Lambda)
	m.Bind(sim.Param{Key: "angle", Label: "task angle φ", Unit: "deg", Min: 0, Max: 180, Step: 5, Default: 180,
		Help: "angle between the decision boundaries of tasks A and B (0: same rule, 180: reversed)"}, &m.Angle)
	m.Bind(sim.Param{Key: "lr", Label: "learning rate η", Min: 0.005, Max: 0.5, Step: 0.005, Log: true, Default: 0.1,
		Help: "SGD step size"}, &m.LR)
	m.Bind(sim.Param{Key: "steps", Label: "steps per task", Min: 200, Max: 5000, Step: 100, Default: 1500, Integer: true,
		Help: "training examples of task A before the switch to task B"}, &m.Steps)
	m.Bind(sim.Param{Key: "overlap", Label: "input overlap", Min: 0, Max: 1, Step: 0.05, Default: 0.8,
		Help: "how much task B's inputs reuse task A's input channels (1: the same channels)"}, &m.Overlap)
	m.theta = make([]float64, fgParams)
	m.star = make([]float64, fgParams)
	m.fish = make([]float64, fgParams)
	m.grad = make([]float64, fgParams)
	m.h = make([]float64, fgH)
	m.info = m.describe()
	m.Reset(1)
	return m
}

// Info describes the model.
func (m *Forgetting) Info() sim.Info { return m.info }

func (m *Forgetting) describe() sim.Info {
	return sim.Info{
		ID:       "forgetting",
		Title:    "Catastrophic forgetting and consolidation",
		Summary:  "a small network learns task A, then task B; elastic weight consolidation keeps A",
		DT:       1,
		StepNote: "one training example per 1 ms step; held-out accuracy measured every 20 examples",
		Window:   6000, Speed: 1000,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "acc_a", Label: "accuracy A", Help: "held-out accuracy on task A now"},
			{Key: "acc_b", Label: "accuracy B", Help: "held-out accuracy on task B now"},
			{Key: "task", Label: "task", Help: "task being trained: 1 = A, 2 = B"},
			{Key: "acc_a_end", Label: "A at switch", Help: "accuracy on A when training switched to B (0 before)"},
			{Key: "forgotten", Label: "forgotten", Help: "accuracy on A lost since the switch (0 before)"},
			{Key: "examples_b", Label: "examples of B", Help: "training examples of task B so far"},
		},
		Signals: []sim.Signal{
			{Key: "acc_a", Label: "accuracy A"},
			{Key: "acc_b", Label: "accuracy B"},
			{Key: "task_b", Label: "training B"},
		},
		Plots: []sim.PlotSpec{
			{Key: "accuracy", Title: "Held-out accuracy (step: task B starts)", Kind: sim.PlotTrace,
				Signals: []string{"acc_a", "acc_b", "task_b"}, YMin: 0, YMax: 1},
			{Key: "map", Title: "Network output p(y=1) over each task's plane (left A, right B)", Kind: sim.PlotGrid},
			{Key: "importance", Title: "Importance of each hidden unit for A (summed Fisher)", Kind: sim.PlotBars},
		},
	}
}

// Reset draws the initial weights and both test sets.
func (m *Forgetting) Reset(seed uint64) {
	m.rng = sim.NewRand(seed)
	m.t, m.step = 0, 0
	for j := range fgH {
		for k := range fgIn {
			m.theta[fgIn*j+k] = m.rng.NormFloat64()
		}
		m.theta[fgH*fgIn+j] = m.rng.NormFloat64()
		m.theta[fgH*fgIn+fgH+j] = m.rng.NormFloat64() / math.Sqrt(fgH)
	}
	m.theta[fgParams-1] = 0
	clear(m.star)
	clear(m.fish)
	for i := range fgTest {
		m.testA[i], m.labA[i] = m.sample(false)
		m.testB[i], m.labB[i] = m.sample(true)
	}
	for i := range fgFisherN {
		m.fisherX[i], _ = m.sample(false)
	}
	m.accAEnd = 0
	m.evaluate()
}

// sample draws one labelled input of task A or B.
func (m *Forgetting) sample(taskB bool) ([fgIn]float64, float64) {
	z := [2]float64{fgSpread * m.rng.NormFloat64(), fgSpread * m.rng.NormFloat64()}
	return m.embed(z, taskB), m.rule(z, taskB)
}

// embed places a point z of a task's plane on the input channels: task A on
// channels 1–2, task B on o·(1–2) + √(1−o²)·(3–4), o the overlap.
func (m *Forgetting) embed(z [2]float64, taskB bool) [fgIn]float64 {
	if !taskB {
		return [fgIn]float64{z[0], z[1], 0, 0}
	}
	o := m.Overlap
	q := math.Sqrt(1 - o*o)
	return [fgIn]float64{o * z[0], o * z[1], q * z[0], q * z[1]}
}

// rule labels z by task A's boundary (z₁ = 0) or task B's, turned by φ.
func (m *Forgetting) rule(z [2]float64, taskB bool) float64 {
	if !taskB {
		return fgLabel(z[0] > 0)
	}
	phi := m.Angle * math.Pi / 180
	return fgLabel(math.Cos(phi)*z[0]+math.Sin(phi)*z[1] > 0)
}

func fgLabel(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Logit computes a(x) with parameters th, leaving the hidden activity in m.h.
func (m *Forgetting) logit(th []float64, x [fgIn]float64) float64 {
	a := th[fgParams-1]
	for j := range fgH {
		u := th[fgH*fgIn+j]
		for k, xk := range x {
			u += th[fgIn*j+k] * xk
		}
		m.h[j] = math.Tanh(u)
		a += th[fgH*fgIn+fgH+j] * m.h[j]
	}
	return a
}

// logitGrad writes ∂a/∂θ at x into g and returns a.
func (m *Forgetting) logitGrad(th []float64, x [fgIn]float64, g []float64) float64 {
	a := m.logit(th, x)
	for j := range fgH {
		v := th[fgH*fgIn+fgH+j]
		d := v * (1 - m.h[j]*m.h[j])
		for k, xk := range x {
			g[fgIn*j+k] = d * xk
		}
		g[fgH*fgIn+j] = d
		g[fgH*fgIn+fgH+j] = m.h[j]
	}
	g[fgParams-1] = 1
	return a
}

func fgSigmoid(a float64) float64 { return 1 / (1 + math.Exp(-a)) }

// Loss is the cross-entropy of parameters th on one example.
func (m *Forgetting) Loss(th []float64, x [fgIn]float64, y float64) float64 {
	a := m.logit(th, x)
	// −y·ln σ(a) − (1−y)·ln(1−σ(a)) = softplus(a) − y·a
	return math.Max(a, 0) + math.Log1p(math.Exp(-math.Abs(a))) - y*a
}

// LossGrad writes ∂L/∂θ on one example into g: (p − y)·∂a/∂θ.
func (m *Forgetting) LossGrad(th []float64, x [fgIn]float64, y float64, g []float64) {
	a := m.logitGrad(th, x, g)
	e := fgSigmoid(a) - y
	for i := range g {
		g[i] *= e
	}
}

// Penalty is the EWC term (λ/2)·Σ Fᵢ(θᵢ − θ*ᵢ)².
func (m *Forgetting) Penalty(th []float64) float64 {
	var s float64
	for i, f := range m.fish {
		d := th[i] - m.star[i]
		s += f * d * d
	}
	return m.Lambda / 2 * s
}

// PenaltyGrad writes the gradient of the EWC term, λ·Fᵢ·(θᵢ − θ*ᵢ), into g.
func (m *Forgetting) PenaltyGrad(th, g []float64) {
	for i, f := range m.fish {
		g[i] = m.Lambda * f * (th[i] - m.star[i])
	}
}

// consolidate stores θ* and the diagonal Fisher information of task A.
func (m *Forgetting) consolidate() {
	copy(m.star, m.theta)
	clear(m.fish)
	for _, x := range m.fisherX {
		a := m.logitGrad(m.theta, x, m.grad)
		p := fgSigmoid(a)
		w := p * (1 - p) / fgFisherN
		for i, g := range m.grad {
			m.fish[i] += w * g * g
		}
	}
	var mean float64
	for _, f := range m.fish {
		mean += f / fgParams
	}
	if mean > 0 {
		for i := range m.fish {
			m.fish[i] /= mean
		}
	}
	m.accAEnd = m.accA
}

// TaskB reports whether task B is being trained.
func (m *Forgetting) TaskB() bool { return m.step >= int(m.Steps) }

// Step trains on one fresh example of the current task.
func (m *Forgetting) Step() {
	if m.step == int(m.Steps) {
		m.evaluate()
		m.consolidate()
	}
	taskB := m.TaskB()
	x, y := m.sample(taskB)
	m.LossGrad(m.theta, x, y, m.grad)
	for i, g := range m.grad {
		m.theta[i] -= m.LR * g
	}
	if taskB && m.Lambda > 0 {
		for i, f := range m.fish {
			m.theta[i] = m.star[i] + (m.theta[i]-m.star[i])/(1+m.LR*m.Lambda*f)
		}
	}
	m.step++
	m.t++
	if m.step%fgEvery == 0 {
		m.evaluate()
	}
}

// evaluate measures the held-out accuracy on both tasks.
func (m *Forgetting) evaluate() {
	m.accA = m.accuracy(&m.testA, &m.labA)
	m.accB = m.accuracy(&m.testB, &m.labB)
}

func (m *Forgetting) accuracy(xs *[fgTest][fgIn]float64, ys *[fgTest]float64) float64 {
	ok := 0
	for i := range xs {
		if fgLabel(m.logit(m.theta, xs[i]) > 0) == ys[i] {
			ok++
		}
	}
	return float64(ok) / fgTest
}

// Time is the simulated time in ms (one example per ms).
func (m *Forgetting) Time() float64 { return m.t }

// Accuracies returns the held-out accuracy on tasks A and B now.
func (m *Forgetting) Accuracies() (a, b float64) { return m.accA, m.accB }

// Sample records both accuracies and the task-B marker.
func (m *Forgetting) Sample(dst []float64) {
	dst[0], dst[1], dst[2] = m.accA, m.accB, fgLabel(m.TaskB())
}

// Metrics reports the accuracies, the task, and what was forgotten.
func (m *Forgetting) Metrics(dst []float64) {
	dst[0], dst[1] = m.accA, m.accB
	dst[2], dst[3], dst[4], dst[5] = 1, 0, 0, 0
	if m.TaskB() {
		dst[2] = 2
		dst[5] = float64(m.step - int(m.Steps))
	}
	if m.step > int(m.Steps) {
		dst[3], dst[4] = m.accAEnd, m.accAEnd-m.accA
	}
}

// Plot fills the decision map or the importance bars.
func (m *Forgetting) Plot(key string, dst *sim.PlotData) {
	switch key {
	case "map":
		for task := range 2 {
			title := "task A: z₁ → right, z₂ ↑ up, [−3, 3]²"
			if task == 1 {
				title = "task B: z₁ → right, z₂ ↑ up, [−3, 3]²"
			}
			g := dst.AddGrid(title, fgMapSize, fgMapSize)
			for r := range fgMapSize {
				z2 := fgMapHalf - 2*fgMapHalf*(float64(r)+0.5)/fgMapSize
				for c := range fgMapSize {
					z1 := -fgMapHalf + 2*fgMapHalf*(float64(c)+0.5)/fgMapSize
					x := m.embed([2]float64{z1, z2}, task == 1)
					g.V[r*fgMapSize+c] = fgSigmoid(m.logit(m.theta, x))
				}
			}
			g.Min, g.Max = 0, 1
		}
	case "importance":
		for j := range fgH {
			s := m.fish[fgH*fgIn+j] + m.fish[fgH*fgIn+fgH+j] // its bias and output weight
			for k := range fgIn {
				s += m.fish[fgIn*j+k] // its input weights
			}
			dst.Bars = append(dst.Bars, s)
		}
		dst.Marked = -1
	}
}
