package cortex

import (
	"math"

	"github.com/neurotutor/neurotutor/sim"
)

const (
	pcSide    = 6 // the input is a pcSide×pcSide image
	pcPix     = pcSide * pcSide
	pcN1      = 2 * pcSide  // level-1 causes: one per horizontal and vertical bar
	pcN2      = 4           // level-2 causes: one per shape
	pcN       = pcN1 + pcN2 // latent units in all
	pcDT      = 0.5         // ms
	pcSettled = 1e-3        // 1/ms: the network has settled when every |dr/dt| is below this
	pcMaxSub  = 64          // most Euler substeps per step
	pcStable  = 1.0         // κ·h·L ≤ this for each substep (L: Gershgorin bound of the Hessian)
)

// Inputs of the predictive-coding lab, the values of its "input" parameter.
const (
	PCPlus     = iota // row 2 and column 2: a shape level 2 knows
	PCFrame           // rows 0, 5 and columns 0, 5
	PCStripes         // rows 1, 3, 5
	PCOccluded        // the frame with its right side (column 5) hidden
	PCNovel           // row 4 and column 3: bars no level-2 shape uses
)

// pcShapes lists the bars (rows 0–5 as 0–5, columns 0–5 as 6–11) of each
// level-2 shape: plus, frame, stripes, ladder.
var pcShapes = [pcN2][]int{
	{2, 8},
	{0, 5, 6, 11},
	{1, 3, 5},
	{7, 10, 2},
}

// pcInputs lists the bars of each input; the occluded frame also hides the
// pixels of column 5 that no other bar covers.
var pcInputs = [...][]int{
	PCPlus:     {2, 8},
	PCFrame:    {0, 5, 6, 11},
	PCStripes:  {1, 3, 5},
	PCOccluded: {0, 5, 6, 11},
	PCNovel:    {4, 9},
}

// Predictive is a two-level linear predictive-coding network in the form of
// Rao & Ballard (1999) and Bogacz (2017), settling on a 6×6 image. Level 1
// holds 12 causes r₁ (one per horizontal or vertical bar; the generative
// weights U₁ draw bar j as a line of ones), level 2 holds 4 causes r₂ (one
// per shape: plus, frame, stripes, ladder; U₂ switches on the shape's
// bars). Each level sends a prediction down and receives the
// precision-weighted error of that prediction back up:
//
//	ε₀ = π₀·(x − U₁r₁)          sensory prediction error
//	ε₁ = π₁·(r₁ − U₂r₂)         level-1 error (U₂r₂ → 0 with top-down off)
//	ε₂ = π₂·r₂                  level-2 error against its prior mean 0
//	dr₁/dt = κ·(U₁ᵀε₀ − ε₁)
//	dr₂/dt = κ·(U₂ᵀε₁ − ε₂)
//
// This is gradient descent, dr/dt = −κ·∂F/∂r, on the energy (the negative
// log joint of a linear-Gaussian model, up to a constant)
//
//	F = ½π₀‖x − U₁r₁‖² + ½π₁‖r₁ − U₂r₂‖² + ½π₂‖r₂‖²
//
// so F never rises when the steps are small enough, and the settled state
// is the MAP estimate, the solution of the linear system H·r = b with
// H = [[π₀U₁ᵀU₁ + π₁I, −π₁U₂], [−π₁U₂ᵀ, π₁U₂ᵀU₂ + π₂I]], b = [π₀U₁ᵀx; 0].
// Each step of 0.5 ms takes as many forward-Euler substeps as needed for
// κ·h·L ≤ 1, L being the Gershgorin bound on the largest eigenvalue of H,
// so the descent is monotone for every parameter value. The generative
// weights are fixed (Rao & Ballard learn them slowly; here they stand for
// what learning would have found). Pixel noise of standard deviation σ is
// drawn once per run, seeded. The causes start at 0.
//
// Metrics: error = 2F (precision-weighted total squared error), error_l1 =
// ‖x − U₁r₁‖², error_l2 = ‖r₁ − U₂r₂‖² (unweighted), clean_mse = mean
// squared difference between the prediction U₁r₁ and the noise-free image,
// fill_in = mean prediction on the 4 hidden pixels of the occluded frame (0
// for other inputs), settled_ms = the first time every |dr/dt| < 10⁻³/ms.
type Predictive struct {
	sim.Params
	Input   float64 // PCPlus … PCNovel
	Noise   float64 // pixel noise σ
	Pi0     float64 // sensory precision
	Pi1     float64 // level-1 precision
	Pi2     float64 // level-2 precision
	Kappa   float64 // inference rate, 1/ms
	TopDown float64 // 1: level 2 predicts level 1; 0: loop cut

	info sim.Info
	t    float64

	u1    [pcPix][pcN1]float64 // generative weights image ← level 1
	u2    [pcN1][pcN2]float64  // generative weights level 1 ← level 2
	clean [pcPix]float64       // the noise-free image
	hide  [pcPix]bool          // pixels hidden by the occluder
	x     [pcPix]float64       // the image the network sees
	r     [pcN]float64         // r₁ then r₂
	grad  [pcN]float64         // ∂F/∂r
	e0    [pcPix]float64       // ε₀
	e1    [pcN1]float64        // ε₁
	pred1 [pcN1]float64        // U₂r₂, the top-down prediction of r₁

	lip     float64 // Gershgorin bound L for the current precisions
	lipKey  [4]float64
	settled float64 // ms; −1 until settled
}

// NewPredictive returns the network with default parameters, reset with
// seed 1.
func NewPredictive() *Predictive {
	m := &Predictive{Params: sim.NewParams("predictive")}
	m.Bind(sim.Param{Key: "input", Label: "input",
		Choices: []string{"plus", "frame", "stripes", "occluded", "novel"}, Default: PCFrame,
		Help: "image shown: a known shape, the frame with a side hidden, or a novel shape"}, &m.Input)
	m.Bind(sim.Param{Key: "noise", Label: "σ noise", Min: 0, Max: 1, Step: 0.05, Default: 0,
		Help: "standard deviation of pixel noise (image values are 0 and 1)"}, &m.Noise)
	m.Bind(sim.Param{Key: "pi0", Label: "π₀ sensory", Min: 0.05, Max: 10, Step: 0.05, Default: 1,
		Help: "precision (inverse variance) of the sensory prediction error"}, &m.Pi0)
	m.Bind(sim.Param{Key: "pi1", Label: "π₁ level 1", Min: 0.05, Max: 10, Step: 0.05, Default: 1,
		Help: "precision of level 1's error: how strongly top-down predictions pull"}, &m.Pi1)
	m.Bind(sim.Param{Key: "pi2", Label: "π₂ level 2", Min: 0.05, Max: 10, Step: 0.05, Default: 1,
		Help: "precision of level 2's prior (mean 0): how reluctant the shapes are"}, &m.Pi2)
	m.Bind(sim.Param{Key: "rate", Label: "κ rate", Unit: "1/ms", Min: 0.01, Max: 1, Step: 0.01, Log: true, Default: 0.05,
		Help: "inference rate: the gain of the gradient descent"}, &m.Kappa)
	m.Bind(sim.Param{Key: "topdown", Label: "top-down", Choices: []string{"off", "on"}, Default: 1,
		Help: "level 2 sends its prediction down (on) or the loop is cut (off)"}, &m.TopDown)
	for j := range pcSide {
		for k := range pcSide {
			m.u1[j*pcSide+k][j] = 1        // row j: horizontal bar j
			m.u1[k*pcSide+j][pcSide+j] = 1 // column j: vertical bar j
		}
	}
	for s, bars := range pcShapes {
		for _, b := range bars {
			m.u2[b][s] = 1
		}
	}
	m.info = m.describe()
	m.Reset(1)
	return m
}

func (m *Predictive) describe() sim.Info {
	return sim.Info{
		ID:      "predictive",
		Title:   "Predictive coding in two levels",
		Summary: "prediction and error units in two levels settle on an image; prediction error falls",
		DT:      pcDT, Window: 200, Speed: 50,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "error", Label: "total error 2F", Help: "precision-weighted sum of squared prediction errors"},
			{Key: "error_l1", Label: "sensory error", Help: "‖x − U₁r₁‖²: squared error of the prediction of the image"},
			{Key: "error_l2", Label: "level-1 error", Help: "‖r₁ − U₂r₂‖²: squared error of level 2's prediction of level 1"},
			{Key: "clean_mse", Label: "MSE to clean", Help: "mean squared difference of the prediction U₁r₁ from the noise-free image"},
			{Key: "fill_in", Label: "fill-in", Help: "mean prediction on the hidden pixels of the occluded frame (0 otherwise)"},
			{Key: "settled_ms", Label: "settled at", Unit: "ms", Help: "first time every |dr/dt| < 0.001/ms; −1 before", NoneBelowZero: true},
		},
		Signals: []sim.Signal{
			{Key: "error", Label: "total 2F"}, {Key: "error_l1", Label: "sensory ‖ε‖²"},
			{Key: "error_l2", Label: "level-1 ‖ε‖²"},
		},
		Plots: []sim.PlotSpec{
			{Key: "images", Title: "Input, prediction U₁r₁, error x − U₁r₁, level 2's guess U₁U₂r₂", Kind: sim.PlotGrid},
			{Key: "errors", Title: "Squared prediction errors by level", Kind: sim.PlotTrace,
				Signals: []string{"error_l1", "error_l2"}},
			{Key: "total", Title: "Total error 2F (never rises)", Kind: sim.PlotTrace, Signals: []string{"error"}},
			{Key: "causes", Title: "Causes: bars r₁ (rows, columns) and shapes r₂", Kind: sim.PlotBars},
		},
	}
}

// Info describes the model.
func (m *Predictive) Info() sim.Info { return m.info }

// Time is the simulated time in ms.
func (m *Predictive) Time() float64 { return m.t }

// Reset draws the image (with its noise) and starts every cause at 0.
func (m *Predictive) Reset(seed uint64) {
	rng := sim.NewRand(seed)
	m.t, m.settled = 0, -1
	m.clean, m.hide, m.r = [pcPix]float64{}, [pcPix]bool{}, [pcN]float64{}
	in := int(m.Input)
	for _, b := range pcInputs[in] {
		for p := range pcPix {
			if m.u1[p][b] > 0 {
				m.clean[p] = 1
			}
		}
	}
	if in == PCOccluded {
		for j := 1; j < pcSide-1; j++ {
			p := j*pcSide + pcSide - 1
			m.clean[p], m.hide[p] = 0, true
		}
	}
	for p := range pcPix {
		m.x[p] = m.clean[p] + m.Noise*rng.NormFloat64()
	}
	m.errors()
}

// topDown reports whether level 2 predicts level 1.
func (m *Predictive) topDown() bool { return m.TopDown >= 0.5 }

// errors computes ε₀, ε₁, U₂r₂ and the gradient ∂F/∂r from r.
func (m *Predictive) errors() {
	r1, r2 := m.r[:pcN1], m.r[pcN1:]
	for p := range pcPix {
		s := 0.0
		for j := range pcN1 {
			s += m.u1[p][j] * r1[j]
		}
		m.e0[p] = m.Pi0 * (m.x[p] - s)
	}
	td := m.topDown()
	for j := range pcN1 {
		s := 0.0
		if td {
			for k := range pcN2 {
				s += m.u2[j][k] * r2[k]
			}
		}
		m.pred1[j] = s
		m.e1[j] = m.Pi1 * (r1[j] - s)
	}
	for j := range pcN1 {
		g := m.e1[j]
		for p := range pcPix {
			g -= m.u1[p][j] * m.e0[p]
		}
		m.grad[j] = g
	}
	for k := range pcN2 {
		g := m.Pi2 * r2[k]
		if td {
			for j := range pcN1 {
				g -= m.u2[j][k] * m.e1[j]
			}
		}
		m.grad[pcN1+k] = g
	}
}

// Hessian writes H = ∂²F/∂r² for the current parameters into h (row-major
// pcN×pcN): the matrix of the linear system the settled state solves.
func (m *Predictive) Hessian(h []float64) {
	clear(h[:pcN*pcN])
	td := m.topDown()
	for i := range pcN1 {
		for j := range pcN1 {
			s := 0.0
			for p := range pcPix {
				s += m.u1[p][i] * m.u1[p][j]
			}
			h[i*pcN+j] = m.Pi0 * s
		}
		h[i*pcN+i] += m.Pi1
		if td {
			for k := range pcN2 {
				h[i*pcN+pcN1+k] = -m.Pi1 * m.u2[i][k]
				h[(pcN1+k)*pcN+i] = -m.Pi1 * m.u2[i][k]
			}
		}
	}
	for k := range pcN2 {
		for l := range pcN2 {
			s := 0.0
			if td {
				for j := range pcN1 {
					s += m.u2[j][k] * m.u2[j][l]
				}
			}
			h[(pcN1+k)*pcN+pcN1+l] = m.Pi1 * s
		}
		h[(pcN1+k)*pcN+pcN1+k] += m.Pi2
	}
}

// lipschitz returns the Gershgorin bound on H's largest eigenvalue, cached
// per precisions; it does not allocate.
func (m *Predictive) lipschitz() float64 {
	key := [4]float64{m.Pi0, m.Pi1, m.Pi2, m.TopDown}
	if key == m.lipKey && m.lip > 0 {
		return m.lip
	}
	var h [pcN * pcN]float64
	m.Hessian(h[:])
	l := 0.0
	for i := range pcN {
		s := 0.0
		for j := range pcN {
			s += math.Abs(h[i*pcN+j])
		}
		l = math.Max(l, s)
	}
	m.lip, m.lipKey = l, key
	return l
}

// Step advances 0.5 ms of gradient descent in forward-Euler substeps.
func (m *Predictive) Step() {
	n := int(math.Ceil(m.Kappa * pcDT * m.lipschitz() / pcStable))
	n = max(1, min(n, pcMaxSub))
	h := pcDT / float64(n)
	for range n {
		for i := range pcN {
			m.r[i] -= h * m.Kappa * m.grad[i]
		}
		m.errors()
	}
	m.t += pcDT
	if m.settled < 0 {
		worst := 0.0
		for i := range pcN {
			worst = math.Max(worst, math.Abs(m.Kappa*m.grad[i]))
		}
		if worst < pcSettled {
			m.settled = m.t
		}
	}
}

// Energy is F = ½π₀‖x − U₁r₁‖² + ½π₁‖r₁ − U₂r₂‖² + ½π₂‖r₂‖².
func (m *Predictive) Energy() float64 {
	f := 0.0
	for p := range pcPix {
		f += m.e0[p] * m.e0[p] / m.Pi0
	}
	for j := range pcN1 {
		f += m.e1[j] * m.e1[j] / m.Pi1
	}
	for k := pcN1; k < pcN; k++ {
		f += m.Pi2 * m.r[k] * m.r[k]
	}
	return f / 2
}

// levelErrors returns ‖x − U₁r₁‖² and ‖r₁ − U₂r₂‖².
func (m *Predictive) levelErrors() (l1, l2 float64) {
	for p := range pcPix {
		e := m.e0[p] / m.Pi0
		l1 += e * e
	}
	for j := range pcN1 {
		e := m.e1[j] / m.Pi1
		l2 += e * e
	}
	return l1, l2
}

// prediction is (U₁r₁)_p.
func (m *Predictive) prediction(p int) float64 { return m.x[p] - m.e0[p]/m.Pi0 }

// State returns the causes r = (r₁, r₂).
func (m *Predictive) State() []float64 { return m.r[:] }

// RHS writes the right-hand side b = [π₀U₁ᵀx; 0] of the MAP system
// H·r = b into b.
func (m *Predictive) RHS(b []float64) {
	clear(b[:pcN])
	for j := range pcN1 {
		for p := range pcPix {
			b[j] += m.Pi0 * m.u1[p][j] * m.x[p]
		}
	}
}

// Sample records error, error_l1 and error_l2.
func (m *Predictive) Sample(dst []float64) {
	l1, l2 := m.levelErrors()
	dst[0], dst[1], dst[2] = 2*m.Energy(), l1, l2
}

// Metrics reports error, error_l1, error_l2, clean_mse, fill_in and
// settled_ms.
func (m *Predictive) Metrics(dst []float64) {
	l1, l2 := m.levelErrors()
	mse, fill, nh := 0.0, 0.0, 0
	for p := range pcPix {
		d := m.prediction(p) - m.clean[p]
		mse += d * d
		if m.hide[p] {
			fill += m.prediction(p)
			nh++
		}
	}
	if nh > 0 {
		fill /= float64(nh)
	}
	dst[0], dst[1], dst[2] = 2*m.Energy(), l1, l2
	dst[3], dst[4], dst[5] = mse/pcPix, fill, m.settled
}

var pcBarLabels = [pcN]string{"r0", "r1", "r2", "r3", "r4", "r5", "c0", "c1", "c2", "c3", "c4", "c5",
	"plus", "frame", "strp", "lddr"}

// Plot fills the image grids and the bars of causes.
func (m *Predictive) Plot(key string, dst *sim.PlotData) {
	switch key {
	case "images":
		in := dst.AddGrid("input x", pcSide, pcSide)
		pr := dst.AddGrid("prediction U₁r₁", pcSide, pcSide)
		er := dst.AddGrid("error x − U₁r₁", pcSide, pcSide)
		td := dst.AddGrid("level 2: U₁U₂r₂", pcSide, pcSide)
		for p := range pcPix {
			in.V[p] = m.x[p]
			pr.V[p] = m.prediction(p)
			er.V[p] = m.e0[p] / m.Pi0
			s := 0.0
			for j := range pcN1 {
				s += m.u1[p][j] * m.pred1[j]
			}
			td.V[p] = s
		}
		in.Min, in.Max, pr.Min, pr.Max, td.Min, td.Max = -0.5, 1.5, -0.5, 1.5, -0.5, 1.5
		er.Min, er.Max = -1, 1
	case "causes":
		for i := range pcN {
			dst.Bars = append(dst.Bars, m.r[i])
			dst.BarLabels = append(dst.BarLabels, pcBarLabels[i])
		}
		dst.Marked = -1
	}
}
