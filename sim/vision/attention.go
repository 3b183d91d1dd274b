package vision

import (
	"math"

	"github.com/neurotutor/neurotutor/sim"
)

const (
	attnDT     = 10.0   // ms; time only sweeps the contrast
	attnSweep  = 8000.0 // ms, period of the contrast sweep (up and down)
	attnCMin   = 0.1    // %, lowest contrast of the curves and the sweep
	attnCMax   = 100.0  // %
	attnRF     = 1.0    // deg, σ of the receptive field
	attnPool   = 4.0    // deg, σ of the suppressive pool
	attnHalf   = 40.0   // deg, the grid spans ±attnHalf
	attnDX     = 0.1    // deg, grid spacing of the pooling integral
	attnNX     = int(2*attnHalf/attnDX) + 1
	attnCurveN = 61 // points of a contrast-response curve
	attnSpaceN = 81
	attnFWHM   = 2.3548200450309493 // 2√(2 ln 2): FWHM of a Gaussian over σ
)

// Attention is the normalisation model of attention (Reynolds & Heeger
// 2009) on a 1-D line of visual space, for a neuron whose receptive field
// is centred on a grating patch of width stim_size and contrast c:
//
//	E(x) = c·[Φ((x + s/2)/σ_RF) − Φ((x − s/2)/σ_RF)]   stimulus drive
//	A(x) = 1 + (g − 1)·exp(−x²/2σ_A²)                 attention field
//	S(x) = K * [A·E](x),  K Gaussian (σ = 4 deg, unit area)  suppressive drive
//	R(x) = A(x)·E(x) / (S(x) + σ)                       response
//
// with σ_RF = 1 deg, σ_A = attn_size/2.355 (attn_size is the full width at
// half maximum), the attention field centred on the stimulus and A ≡ 1 when
// unattended. E and S are linear in c, so at the centre neuron
//
//	R(c) = a·c/(b·c + σ),   a = A(0)E₁(0),  b = S₁(0)
//
// a Naka–Rushton curve with R_max = a/b and c₅₀ = σ/b (E₁, S₁ at unit
// contrast). A stimulus much smaller than the attention field scales E and
// S alike (contrast gain: c₅₀ falls by up to g, R_max stays); an attention
// field much smaller than the stimulus raises E at the centre but hardly
// the pooled S (response gain: R_max rises, c₅₀ barely moves). S₁(0) is a
// trapezoid sum over ±40 deg at 0.1 deg.
//
// The model is static; each step moves a probe contrast along a triangle
// sweep from 0.1% to 100% and back (log scale, 8 s period) so the lab
// animates.
type Attention struct {
	sim.Params
	StimSize float64 // deg
	AttnSize float64 // deg, FWHM
	Gain     float64 // g
	Contrast float64 // %
	Sigma    float64 // %, semi-saturation constant
	Attend   float64 // 0 off, 1 on

	info sim.Info
	t    float64

	// Coefficients at the centre, per % contrast, and the values they
	// were computed for.
	aAtt, bAtt, aUn, bUn float64
	key                  [3]float64
	kernel               [attnNX]float64 // K at grid offsets −40…40 deg
	e1                   [attnNX]float64 // E₁(x) on the grid
	fieldG               [attnNX]float64 // A(x) on the grid
}

// NewAttention returns the model with default parameters, reset with seed 1.
func NewAttention() *Attention {
	m := &Attention{Params: sim.NewParams("attention")}
	m.Bind(sim.Param{Key: "stim_size", Label: "stimulus size", Unit: "deg", Min: 0.5, Max: 30, Step: 0.5, Default: 2,
		Help: "width of the grating patch", Live: true}, &m.StimSize)
	m.Bind(sim.Param{Key: "attn_size", Label: "attention size", Unit: "deg", Min: 0.5, Max: 60, Step: 0.5, Default: 20,
		Help: "full width at half maximum of the attention field", Live: true}, &m.AttnSize)
	m.Bind(sim.Param{Key: "attn_gain", Label: "g", Min: 1, Max: 5, ValidMin: 1, ValidMax: 10, Step: 0.1, Default: 2,
		Help: "peak gain of the attention field", Live: true}, &m.Gain)
	m.Bind(sim.Param{Key: "contrast", Label: "contrast", Unit: "%", Min: attnCMin, Max: attnCMax, Step: attnCMin, Log: true, Default: 10,
		Help: "contrast of the stimulus", Live: true}, &m.Contrast)
	m.Bind(sim.Param{Key: "sigma", Label: "σ", Unit: "%", Min: 0.5, Max: 50, ValidMin: 0.1, ValidMax: 100, Step: 0.5, Default: 5,
		Help: "semi-saturation constant of the normalisation", Live: true}, &m.Sigma)
	m.Bind(sim.Param{Key: "attend", Label: "attend", Choices: []string{"off", "on"}, Default: 1,
		Help: "whether the stimulus is attended (for the response metric)", Live: true}, &m.Attend)
	for k := range attnNX {
		x := float64(k)*attnDX - attnHalf
		m.kernel[k] = math.Exp(-x*x/(2*attnPool*attnPool)) / (math.Sqrt(2*math.Pi) * attnPool)
	}
	m.info = m.describe()
	m.Reset(1)
	return m
}

// Info describes the model.
func (m *Attention) Info() sim.Info { return m.info }

func (m *Attention) describe() sim.Info {
	return sim.Info{
		ID:       "attention",
		Title:    "Normalisation model of attention",
		Summary:  "attention multiplies the stimulus drive before divisive normalisation: contrast gain or response gain",
		DT:       attnDT,
		StepNote: "the model is static; time sweeps a probe contrast from 0.1% to 100% and back every 8 s",
		Window:   attnSweep, Speed: 2000,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "response", Label: "response R", Help: "response at the set contrast (attended if attend is on)"},
			{Key: "response_ratio", Label: "R_att/R_unatt", Help: "attentional modulation at the set contrast"},
			{Key: "c50", Label: "c₅₀ unattended", Unit: "%", Help: "contrast at half the maximal response, unattended"},
			{Key: "c50_att", Label: "c₅₀ attended", Unit: "%", Help: "contrast at half the maximal response, attended"},
			{Key: "c50_shift", Label: "c₅₀ att/unatt", Help: "ratio of semi-saturation contrasts (below 1: contrast gain)"},
			{Key: "rmax_ratio", Label: "R_max att/unatt", Help: "ratio of the saturated responses (above 1: response gain)"},
		},
		Signals: []sim.Signal{
			{Key: "c_probe", Label: "probe contrast", Unit: "%"},
			{Key: "r_att", Label: "R attended"},
			{Key: "r_unatt", Label: "R unattended"},
		},
		Plots: []sim.PlotSpec{
			{Key: "crf", Title: "Contrast–response at the attended location", Kind: sim.PlotXY,
				XLabel: "log₁₀ contrast (%)", YLabel: "R"},
			{Key: "space", Title: "Across space: stimulus drive, attention field, responses", Kind: sim.PlotXY,
				XLabel: "position (deg)", YLabel: "normalised"},
			{Key: "sweep", Title: "Responses to the sweeping probe contrast", Kind: sim.PlotTrace,
				Signals: []string{"r_att", "r_unatt"}, YLabel: "R"},
			{Key: "probe", Title: "Probe contrast", Kind: sim.PlotTrace, Signals: []string{"c_probe"}, YLabel: "%"},
		},
	}
}

// Reset returns the probe sweep to time zero and recomputes the model.
func (m *Attention) Reset(uint64) {
	m.t = 0
	m.update(true)
}

// Time is the simulated time in ms.
func (m *Attention) Time() float64 { return m.t }

// Step advances the probe sweep by 10 ms.
func (m *Attention) Step() { m.t += attnDT }

// attnPhi is the standard normal cumulative distribution.
func attnPhi(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

// drive1 is the stimulus drive at unit contrast at position x.
func (m *Attention) drive1(x float64) float64 {
	h := m.StimSize / 2
	return attnPhi((x+h)/attnRF) - attnPhi((x-h)/attnRF)
}

// field is the attention field at x (attended).
func (m *Attention) field(x float64) float64 {
	s := m.AttnSize / attnFWHM
	return 1 + (m.Gain-1)*math.Exp(-x*x/(2*s*s))
}

// update recomputes the centre coefficients when the parameters they
// depend on have changed (or always, when force).
func (m *Attention) update(force bool) {
	key := [3]float64{m.StimSize, m.AttnSize, m.Gain}
	if !force && key == m.key {
		return
	}
	m.key = key
	var bAtt, bUn float64
	for k := range attnNX {
		x := float64(k)*attnDX - attnHalf
		e, f := m.drive1(x), m.field(x)
		m.e1[k], m.fieldG[k] = e, f
		w := m.kernel[k] * attnDX
		if k == 0 || k == attnNX-1 {
			w /= 2
		}
		bUn += w * e
		bAtt += w * e * f
	}
	m.aUn, m.bUn = m.drive1(0), bUn
	m.aAtt, m.bAtt = m.drive1(0)*m.field(0), bAtt
}

// respond is R = a·c/(b·c + σ).
func (m *Attention) respond(a, b, c float64) float64 { return a * c / (b*c + m.Sigma) }

// Responses returns the attended and unattended responses of the centre
// neuron at contrast c (%).
func (m *Attention) Responses(c float64) (att, unatt float64) {
	m.update(false)
	return m.respond(m.aAtt, m.bAtt, c), m.respond(m.aUn, m.bUn, c)
}

// Probe is the sweeping contrast now, %.
func (m *Attention) Probe() float64 {
	f := math.Mod(m.t, attnSweep) / attnSweep * 2
	if f > 1 {
		f = 2 - f
	}
	lo, hi := math.Log10(attnCMin), math.Log10(attnCMax)
	return math.Pow(10, lo+f*(hi-lo))
}

// Sample records the probe contrast and both responses to it.
func (m *Attention) Sample(dst []float64) {
	c := m.Probe()
	dst[0] = c
	dst[1], dst[2] = m.Responses(c)
}

// C50 returns the unattended and attended semi-saturation contrasts, %.
func (m *Attention) C50() (unatt, att float64) {
	m.update(false)
	return m.Sigma / m.bUn, m.Sigma / m.bAtt
}

// RMax returns the unattended and attended saturated responses.
func (m *Attention) RMax() (unatt, att float64) {
	m.update(false)
	return m.aUn / m.bUn, m.aAtt / m.bAtt
}

// Metrics reports the response, its attentional modulation, c₅₀s and ratios.
func (m *Attention) Metrics(dst []float64) {
	att, un := m.Responses(m.Contrast)
	dst[0] = un
	if m.Attend == 1 {
		dst[0] = att
	}
	dst[1] = att / un
	c0, c1 := m.C50()
	r0, r1 := m.RMax()
	dst[2], dst[3], dst[4], dst[5] = c0, c1, c1/c0, r1/r0
}

// Plot fills the contrast–response curves or the spatial profiles.
func (m *Attention) Plot(key string, dst *sim.PlotData) {
	m.update(false)
	switch key {
	case "crf":
		att, un := dst.AddSeries("attended", false), dst.AddSeries("unattended", false)
		lo, hi := math.Log10(attnCMin), math.Log10(attnCMax)
		for k := range attnCurveN {
			lc := lo + (hi-lo)*float64(k)/(attnCurveN-1)
			ra, ru := m.Responses(math.Pow(10, lc))
			att.Add(lc, ra)
			un.Add(lc, ru)
		}
		ra, ru := m.Responses(m.Contrast)
		mk := dst.AddSeries("set contrast", true)
		mk.Add(math.Log10(m.Contrast), ra)
		mk.Add(math.Log10(m.Contrast), ru)
		pr := dst.AddSeries("probe", true)
		c := m.Probe()
		pa, pu := m.Responses(c)
		pr.Add(math.Log10(c), pa)
		pr.Add(math.Log10(c), pu)
		dst.XMin, dst.XMax = lo, hi
	case "space":
		e := dst.AddSeries("stimulus drive E/c", false)
		a := dst.AddSeries("attention (A−1)/(g−1)", false)
		ra := dst.AddSeries("R attended", false)
		ru := dst.AddSeries("R unattended", false)
		const half = 20.0 // deg shown
		var peak float64
		for k := range attnSpaceN {
			x := -half + 2*half*float64(k)/(attnSpaceN-1)
			sAtt, sUn := m.pooled(int(math.Round((x + attnHalf) / attnDX)))
			c := m.Contrast
			e.Add(x, m.drive1(x))
			if m.Gain > 1 {
				a.Add(x, (m.field(x)-1)/(m.Gain-1))
			} else {
				a.Add(x, 0)
			}
			ra.Add(x, m.drive1(x)*m.field(x)*c/(sAtt*c+m.Sigma))
			ru.Add(x, m.drive1(x)*c/(sUn*c+m.Sigma))
			peak = max(peak, ra.Y[k])
		}
		if peak > 0 {
			for k := range ra.Y {
				ra.Y[k] /= peak
				ru.Y[k] /= peak
			}
		}
		dst.XMin, dst.XMax, dst.YMin, dst.YMax = -half, half, 0, 1.05
	}
}

// pooled is S₁ at grid point i, attended and unattended: a trapezoid
// sum over the grid (the kernel beyond ±40 deg, 10σ, is taken as 0).
func (m *Attention) pooled(i int) (att, unatt float64) {
	const c = (attnNX - 1) / 2 // index of offset 0 in kernel
	for k := range attnNX {
		j := i - k + c
		if j < 0 || j >= attnNX {
			continue
		}
		w := m.kernel[j] * attnDX
		if k == 0 || k == attnNX-1 {
			w /= 2
		}
		unatt += w * m.e1[k]
		att += w * m.e1[k] * m.fieldG[k]
	}
	return att, unatt
}
