package learning

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

// The two-layer network and the random teacher shared by the models that
// compare credit-assignment rules (feedback, credit).
const (
	fbIn     = 20  // input dimension
	fbOut    = 5   // output dimension
	fbMaxH   = 100 // most hidden units
	fbTeachH = 20  // hidden units of the nonlinear teacher
	fbTeachG = 2.0 // gain of the nonlinear teacher's hidden layer
)

// hiddenParam is the width of the models' hidden layer.
var hiddenParam = sim.Param{Key: "hidden", Label: "hidden units", Min: 2, Max: fbMaxH, Step: 1, Default: 20, Integer: true,
	Help: "units in the tanh hidden layer"}

// taskParam chooses the models' random teacher.
var taskParam = sim.Param{Key: "task", Label: "teacher", Choices: []string{"linear", "nonlinear"}, Default: TaskLinear,
	Help: "a random linear map, y* = T·x, or a random tanh network, y* = T₂·tanh(T₁·x)"}

// Teachers, the values of the models' "task" parameter.
const (
	TaskLinear    = iota // y* = T·x
	TaskNonlinear        // y* = T₂·tanh(T₁·x)
)

// net is a two-layer network ŷ = W₂·tanh(W₁x + ξ₁) + ξ₂, no biases, where
// the perturbations ξ are zero except in node perturbation's noisy pass.
// e and d hold the error signals a rule assigns to the output and hidden
// units (for gradient descent ∂L/∂(W₂h) and ∂L/∂(W₁x)); learn applies them.
type net struct {
	w1 []float64 // H×fbIn, row-major
	w2 []float64 // fbOut×H
	h  []float64 // hidden activity for the last input
	y  [fbOut]float64
	e  [fbOut]float64 // output error signal
	d  []float64      // hidden error signal δ
}

func newNet() *net {
	return &net{w1: make([]float64, fbMaxH*fbIn), w2: make([]float64, fbOut*fbMaxH),
		h: make([]float64, fbMaxH), d: make([]float64, fbMaxH)}
}

// forward computes h = tanh(W₁x) and ŷ = W₂h for H hidden units.
func (n *net) forward(x []float64, H int) { n.perturbed(x, H, nil, nil) }

// perturbed computes h = tanh(W₁x + ξ₁) and ŷ = W₂h + ξ₂; a nil ξ is zero.
func (n *net) perturbed(x []float64, H int, xi1, xi2 []float64) {
	for j := range H {
		var a float64
		row := n.w1[j*fbIn : (j+1)*fbIn]
		for i, xi := range x {
			a += row[i] * xi
		}
		if xi1 != nil {
			a += xi1[j]
		}
		n.h[j] = math.Tanh(a)
	}
	for k := range fbOut {
		var a float64
		row := n.w2[k*H : (k+1)*H]
		for j, hj := range n.h[:H] {
			a += row[j] * hj
		}
		if xi2 != nil {
			a += xi2[k]
		}
		n.y[k] = a
	}
}

// init draws the weights W₁ ~ N(0, 1/fbIn), W₂ ~ N(0, 1/H) from r.
func (n *net) init(r *rand.Rand, H int) {
	for i := range H * fbIn {
		n.w1[i] = r.NormFloat64() / math.Sqrt(fbIn)
	}
	for i := range fbOut * H {
		n.w2[i] = r.NormFloat64() / math.Sqrt(float64(H))
	}
}

// startTogether draws the first network's weights and the H×fbOut
// feedback matrix b, with N(0, (scale/√fbOut)²) entries, from r, and
// gives every other network the first one's weights.
func startTogether(r *rand.Rand, H int, b []float64, scale float64, nets []*net) {
	nets[0].init(r, H)
	for i := range H * fbOut {
		b[i] = scale * r.NormFloat64() / math.Sqrt(fbOut)
	}
	for _, n := range nets[1:] {
		n.copyFrom(nets[0], H)
	}
}

// copyFrom sets n's weights to src's.
func (n *net) copyFrom(src *net, H int) {
	copy(n.w1[:H*fbIn], src.w1[:H*fbIn])
	copy(n.w2[:fbOut*H], src.w2[:fbOut*H])
}

// backprop sets the hidden error to the true gradient, δ = (W₂ᵀe) ⊙ (1 − h²).
func (n *net) backprop(H int) { n.feedback(n.w2, true, H, n.d) }

// feedback writes (M e) ⊙ (1 − h²) into dst for the H×fbOut matrix M,
// stored row-major, or for M = W₂ᵀ when transposed (W₂ itself is fbOut×H).
func (n *net) feedback(m []float64, transposed bool, H int, dst []float64) {
	for j := range H {
		var s float64
		for k := range fbOut {
			if transposed {
				s += m[k*H+j] * n.e[k]
			} else {
				s += m[j*fbOut+k] * n.e[k]
			}
		}
		dst[j] = s * (1 - n.h[j]*n.h[j])
	}
}

// learnOutput steps W₂ by −η·e·hᵀ.
func (n *net) learnOutput(eta float64, H int) {
	for k := range fbOut {
		g := eta * n.e[k]
		row := n.w2[k*H : (k+1)*H]
		for j := range row {
			row[j] -= g * n.h[j]
		}
	}
}

// learnHidden steps W₁ by −η·δ·xᵀ.
func (n *net) learnHidden(eta float64, x []float64, H int) {
	for j := range H {
		g := eta * n.d[j]
		row := n.w1[j*fbIn : (j+1)*fbIn]
		for i := range row {
			row[i] -= g * x[i]
		}
	}
}

// teacher is a fixed random target function of fbIn inputs and fbOut
// outputs: linear, y* = T·x with T ~ N(0, 1/fbIn), or a tanh network,
// y* = T₂·tanh(T₁·x) with T₁ ~ N(0, (g²/fbIn)) and T₂ ~ N(0, 1/fbTeachH).
type teacher struct {
	task int
	t1   []float64 // T₁ (fbTeachH×fbIn) or T (fbOut×fbIn)
	t2   []float64 // T₂, fbOut×fbTeachH
	th   [fbTeachH]float64
}

func newTeacher() *teacher {
	return &teacher{t1: make([]float64, fbTeachH*fbIn), t2: make([]float64, fbOut*fbTeachH)}
}

// draw picks a new teacher of the given task from r.
func (t *teacher) draw(r *rand.Rand, task int) {
	t.task = task
	if task == TaskLinear {
		for i := range fbOut * fbIn {
			t.t1[i] = r.NormFloat64() / math.Sqrt(fbIn)
		}
		return
	}
	for i := range fbTeachH * fbIn {
		t.t1[i] = fbTeachG * r.NormFloat64() / math.Sqrt(fbIn)
	}
	for i := range fbOut * fbTeachH {
		t.t2[i] = r.NormFloat64() / math.Sqrt(fbTeachH)
	}
}

// teach writes the noise-free target for x into y.
func (t *teacher) teach(x, y []float64) {
	if t.task == TaskLinear {
		for k := range fbOut {
			var a float64
			for i, xi := range x {
				a += t.t1[k*fbIn+i] * xi
			}
			y[k] = a
		}
		return
	}
	for j := range fbTeachH {
		var a float64
		for i, xi := range x {
			a += t.t1[j*fbIn+i] * xi
		}
		t.th[j] = math.Tanh(a)
	}
	for k := range fbOut {
		var a float64
		for j, hj := range t.th {
			a += t.t2[k*fbTeachH+j] * hj
		}
		y[k] = a
	}
}

// example draws an input x ~ N(0, I) from r and writes its noise-free
// target into y.
func (t *teacher) example(r *rand.Rand, x, y []float64) {
	drawInput(r, x)
	t.teach(x, y)
}

// drawInput fills x with independent N(0, 1) values from r.
func drawInput(r *rand.Rand, x []float64) {
	for i := range x {
		x[i] = r.NormFloat64()
	}
}

// angleDeg returns the angle between a and b in degrees, or 90 when either
// is zero.
func angleDeg(a, b []float64) float64 {
	var ab, aa, bb float64
	for i := range a {
		ab += a[i] * b[i]
		aa += a[i] * a[i]
		bb += b[i] * b[i]
	}
	if aa == 0 || bb == 0 {
		return 90
	}
	return math.Acos(math.Max(-1, math.Min(1, ab/math.Sqrt(aa*bb)))) * 180 / math.Pi
}
