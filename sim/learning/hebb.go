package learning

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

// Learning rules of the Hebb model, the values of its "rule" parameter.
const (
	RuleHebb = iota // Δw = η·y·x
	RuleOja         // Δw = η·y·(x − y·w)
	RuleBCM         // Δw = η·x·y·(y − θ), θ = ⟨y²⟩
)

const (
	hebbDT     = 1.0  // ms; one input sample per step
	hebbCap    = 1e6  // largest |w| kept: Hebb's rule is rescaled to it
	hebbRecent = 300  // input samples kept for the scatter plot
	hebbW0     = 0.5  // |w| at the start
	hebbStart  = 70.0 // degrees between w and the principal axis at the start
	hebbFrame  = 4.0  // half-width of the scatter plot, in units of √λ₁
)

// Hebb is a linear neuron y = w·x with two inputs that learns its weights
// from one input sample per step with a local rule:
//
//	Hebb:  Δw = η·y·x
//	Oja:   Δw = η·y·(x − y·w)
//	BCM:   Δw = η·x·y·(y − θ),   y = [w·x]₊,   θ ← θ + (y² − θ)/τ_θ
//
// The inputs are zero-mean Gaussian with covariance C = λ₁e₁e₁ᵀ + λ₂e₂e₂ᵀ,
// λ₁ = 1, λ₂ = ratio·λ₁, and e₁ = (cos φ, sin φ) the principal axis at angle
// φ. In the mean, Hebb's rule is ⟨Δw⟩ = η·C·w: w turns toward e₁ while |w|
// grows as (1 + ηλ₁)ᵗ without bound (Dayan & Abbott 2001, §8.2). Here |w| is
// rescaled to 10⁶ whenever it passes that cap, to stay finite. Oja's rule
// (Oja 1982, J Math Biol 15:267–273) adds a decay −η·y²·w whose fixed point
// is the unit-norm first eigenvector ±e₁ of C. BCM (Bienenstock, Cooper &
// Munro 1982, J Neurosci 2:32–48) makes the sign of the change depend on y
// against a sliding threshold θ, here in the form of Intrator & Cooper (1992,
// Neural Networks 5:3–17): a running average of y² over τ_θ samples (the
// 1982 paper's θ is a power of the averaged output, (ȳ/y₀)ᵖ·ȳ);
// the output is rectified, as a rate. For Gaussian input, Stein's lemma
// gives, with the threshold at its mean θ = ⟨y²⟩ = s²/2,
//
//	⟨Δw⟩ = η·C·w·(2s/√(2π) − s²/4),   s² = wᵀCw,
//
// so the output variance settles where s = 8/√(2π): s² = 32/π and
// θ = 16/π ≈ 5.09, whatever the input covariance. Every w on that ellipse
// is a fixed point: Gaussian statistics do not pin the direction of w (BCM
// seeks non-Gaussian, selective projections), though w turns toward e₁
// while it grows. BCM wants η about ten times smaller than Oja (its change
// is cubic in the input).
//
// The weights start with |w| = 0.5 at 70° from the principal axis.
type Hebb struct {
	sim.Params
	Rule     float64 // RuleHebb, RuleOja or RuleBCM
	Angle    float64 // principal-axis angle φ, degrees
	Ratio    float64 // λ₂/λ₁
	Eta      float64 // learning rate η
	TauTheta float64 // BCM threshold time constant, samples (= ms)

	info  sim.Info
	t     float64
	w     [2]float64
	x     [2]float64 // last input sample
	y     float64    // last output
	theta float64    // running ⟨y²⟩, the BCM threshold
	rec   [hebbRecent][2]float64
	nrec  int // samples stored in rec
	head  int // next slot of rec
	rng   *rand.Rand
}

// NewHebb returns the model with default parameters, reset with seed 1.
func NewHebb() *Hebb {
	m := &Hebb{Params: sim.NewParams("hebb")}
	m.Bind(sim.Param{Key: "rule", Label: "rule", Choices: []string{"hebb", "oja", "bcm"}, Default: RuleHebb,
		Help: "learning rule: plain Hebb, Oja's normalised Hebb, or BCM with a sliding threshold"}, &m.Rule)
	m.Bind(sim.Param{Key: "angle", Label: "φ", Unit: "°", Min: 0, Max: 180, Step: 5, Default: 30,
		Help: "angle of the inputs' principal axis", Live: true}, &m.Angle)
	m.Bind(sim.Param{Key: "ratio", Label: "λ₂/λ₁", Min: 0, Max: 1, Step: 0.05, Default: 0.2,
		Help: "variance across the principal axis over the variance along it", Live: true}, &m.Ratio)
	m.Bind(sim.Param{Key: "eta", Label: "η", Min: 0.0001, Max: 0.05, Step: 0.0001, Log: true, Default: 0.01,
		Help: "learning rate per sample", Live: true}, &m.Eta)
	m.Bind(sim.Param{Key: "tau_theta", Label: "τ_θ", Unit: "ms", Min: 1, Max: 1000, Step: 1, Log: true, Default: 20,
		Help: "time constant of the running ⟨y²⟩ (the BCM threshold), in samples", Live: true}, &m.TauTheta)
	m.info = m.describe()
	m.Reset(1)
	return m
}

// Info describes the model.
func (m *Hebb) Info() sim.Info { return m.info }

func (m *Hebb) describe() sim.Info {
	return sim.Info{
		ID:       "hebb",
		Title:    "Hebbian learning: Hebb, Oja and BCM",
		Summary:  "a linear neuron learns from 2-D Gaussian inputs with a local rule; Oja's rule finds the first principal component",
		DT:       hebbDT,
		StepNote: "one input sample per 1 ms step",
		Window:   4000, Speed: 1000,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "angle_deg", Label: "angle(w, PC1)", Unit: "°", Help: "angle between w and the principal axis, folded to 0–90°"},
			{Key: "w_norm", Label: "|w|", Help: "length of the weight vector (capped at 10⁶)"},
			{Key: "y2", Label: "⟨y²⟩", Help: "running average of y² over τ_θ: the BCM threshold θ"},
			{Key: "corr", Label: "corr(x₁,x₂)", Help: "correlation coefficient of the two inputs"},
		},
		Signals: []sim.Signal{
			{Key: "w1", Label: "w₁"}, {Key: "w2", Label: "w₂"},
			{Key: "w_norm", Label: "|w|"},
			{Key: "angle_deg", Label: "angle(w, PC1)", Unit: "°"},
			{Key: "y2", Label: "⟨y²⟩ = θ"},
		},
		Plots: []sim.PlotSpec{
			{Key: "cloud", Title: "Inputs, principal axis and weight vector", Kind: sim.PlotXY, XLabel: "x₁", YLabel: "x₂"},
			{Key: "angle", Title: "Angle between w and the principal axis", Kind: sim.PlotTrace,
				Signals: []string{"angle_deg"}, YLabel: "°", YMin: 0, YMax: 90},
			{Key: "norm", Title: "Length of w", Kind: sim.PlotTrace, Signals: []string{"w_norm"}, YLabel: "|w|"},
			{Key: "weights", Title: "Weights", Kind: sim.PlotTrace, Signals: []string{"w1", "w2"}},
			{Key: "threshold", Title: "Running ⟨y²⟩ (BCM threshold θ)", Kind: sim.PlotTrace, Signals: []string{"y2"}},
		},
	}
}

// Reset returns to time zero with |w| = 0.5 at 70° from the principal axis.
func (m *Hebb) Reset(seed uint64) {
	m.t = 0
	a := (m.Angle + hebbStart) * math.Pi / 180
	m.w = [2]float64{hebbW0 * math.Cos(a), hebbW0 * math.Sin(a)}
	m.x = [2]float64{}
	m.y, m.theta = 0, 0
	m.nrec, m.head = 0, 0
	m.rng = sim.NewRand(seed)
}

// Time is the simulated time in ms (= samples seen).
func (m *Hebb) Time() float64 { return m.t }

// W returns the weight vector.
func (m *Hebb) W() [2]float64 { return m.w }

// PC1 is the unit first eigenvector e₁ of the input covariance.
func (m *Hebb) PC1() [2]float64 {
	a := m.Angle * math.Pi / 180
	return [2]float64{math.Cos(a), math.Sin(a)}
}

// Covariance returns the input covariance matrix entries C₁₁, C₁₂, C₂₂.
func (m *Hebb) Covariance() (c11, c12, c22 float64) {
	e := m.PC1()
	l1, l2 := 1.0, m.Ratio
	c11 = l1*e[0]*e[0] + l2*e[1]*e[1]
	c22 = l1*e[1]*e[1] + l2*e[0]*e[0]
	c12 = (l1 - l2) * e[0] * e[1]
	return
}

// Step draws one input sample and applies the learning rule once.
func (m *Hebb) Step() {
	e := m.PC1()
	z1 := m.rng.NormFloat64()
	z2 := math.Sqrt(m.Ratio) * m.rng.NormFloat64()
	m.x = [2]float64{z1*e[0] - z2*e[1], z1*e[1] + z2*e[0]}
	y := m.w[0]*m.x[0] + m.w[1]*m.x[1]
	switch int(m.Rule) {
	case RuleHebb:
		for i := range 2 {
			m.w[i] += m.Eta * y * m.x[i]
		}
	case RuleOja:
		for i := range 2 {
			m.w[i] += m.Eta * y * (m.x[i] - y*m.w[i])
		}
	case RuleBCM:
		y = math.Max(y, 0)
		for i := range 2 {
			m.w[i] += m.Eta * m.x[i] * y * (y - m.theta)
		}
	}
	if n := math.Hypot(m.w[0], m.w[1]); n > hebbCap {
		m.w[0] *= hebbCap / n
		m.w[1] *= hebbCap / n
	}
	m.y = y
	m.theta += (y*y - m.theta) / m.TauTheta
	m.rec[m.head] = m.x
	m.head = (m.head + 1) % hebbRecent
	m.nrec = min(m.nrec+1, hebbRecent)
	m.t += hebbDT
}

// AngleDeg is the angle between w and the principal axis, folded to 0–90°
// (w and −w are the same axis); 90° when w = 0.
func (m *Hebb) AngleDeg() float64 {
	n := math.Hypot(m.w[0], m.w[1])
	if n == 0 {
		return 90
	}
	e := m.PC1()
	c := math.Abs(m.w[0]*e[0]+m.w[1]*e[1]) / n
	return math.Acos(math.Min(c, 1)) * 180 / math.Pi
}

// Corr is the correlation coefficient of the two inputs.
func (m *Hebb) Corr() float64 {
	c11, c12, c22 := m.Covariance()
	d := math.Sqrt(c11 * c22)
	if d == 0 {
		return 0
	}
	return c12 / d
}

// Sample records w₁, w₂, |w|, the angle to PC1 and ⟨y²⟩.
func (m *Hebb) Sample(dst []float64) {
	dst[0], dst[1] = m.w[0], m.w[1]
	dst[2] = math.Hypot(m.w[0], m.w[1])
	dst[3] = m.AngleDeg()
	dst[4] = m.theta
}

// Metrics reports the angle, |w|, ⟨y²⟩ and the input correlation.
func (m *Hebb) Metrics(dst []float64) {
	dst[0] = m.AngleDeg()
	dst[1] = math.Hypot(m.w[0], m.w[1])
	dst[2] = m.theta
	dst[3] = m.Corr()
}

// Plot fills the scatter of recent inputs with the principal axis and the
// weight vector (drawn to scale while it fits the frame, else shortened to
// the frame's edge along its direction).
func (m *Hebb) Plot(key string, dst *sim.PlotData) {
	if key != "cloud" {
		return
	}
	pts := dst.AddSeries("inputs", true)
	for i := range m.nrec {
		p := m.rec[(m.head-m.nrec+i+hebbRecent)%hebbRecent]
		pts.Add(p[0], p[1])
	}
	e := m.PC1()
	ax := dst.AddSeries("principal axis", false)
	const r = hebbFrame * 0.95
	ax.Add(-r*e[0], -r*e[1])
	ax.Add(r*e[0], r*e[1])
	wv := dst.AddSeries("w", false)
	wx, wy := m.w[0], m.w[1]
	if n := math.Hypot(wx, wy); n > r {
		wx, wy = wx*r/n, wy*r/n
	}
	const steps = 8 // a line drawn as a few points so it shows at any length
	for k := range steps + 1 {
		f := float64(k) / steps
		wv.Add(f*wx, f*wy)
	}
	dst.XMin, dst.XMax, dst.YMin, dst.YMax = -hebbFrame, hebbFrame, -hebbFrame, hebbFrame
}
