package vision

import (
	"math"

	"github.com/neurotutor/neurotutor/sim"
)

// Stimulus timing of the orientation model, the values of its "motion"
// parameter.
const (
	MotionSteady = iota // the bar is on, still, at its position
	MotionFlash         // on for 200 ms, off for 200 ms, at its position
	MotionDrift         // the bar sweeps across the image at `speed` px/s
)

const (
	oriDT     = 1.0 // step, ms
	oriHalf   = 16  // image is (2·oriHalf+1)² pixels, centre at (0, 0)
	oriN      = 2*oriHalf + 1
	oriMaxK   = 5     // most quadrature pairs a complex cell pools
	oriRMax   = 100.0 // Hz: simple-cell rate for its best possible bright bar
	oriTau    = 15.0  // ms, time constant of the rate response
	oriFlash  = 200.0 // ms on, then ms off
	oriTuneN  = 90    // orientations in the tuning curve, 0°…178° in 2° steps
	oriInvarN = 9     // bar positions across one wavelength for `invariance`
)

// Orientation is an oriented bar on a small image shown to a model simple
// cell and a model complex cell of primary visual cortex (Hubel & Wiesel
// 1962). Pixel (x, y) runs over −16…16 px with y up; orientations are in
// degrees counter-clockwise from horizontal, and both cells prefer 90°
// (a vertical bar).
//
// The simple cell is a linear Gabor filter followed by rectification
// (Jones & Palmer 1987):
//
//	G_φ,s(x, y) = exp(−((x − s)² + y²)/(2σ²)) · cos(2π(x − s)/λ − φ)
//	L_φ,s = Σ_xy G_φ,s(x, y) · I(x, y)
//	r_simple∞ = r_max · [L_0,0]₊ / Σ[G_0,0]₊
//
// so an even-symmetric, ON-centre cell gives r_max = 100 Hz for the best
// bright pattern its field can see. The complex cell takes the energy of a
// quadrature pair (φ = 0 and φ = 90°; Adelson & Bergen 1985) at K positions
// s_k = (k − (K−1)/2)·λ/2 across the field, and pools them with a maximum
// (Riesenhuber & Poggio 1999):
//
//	r_complex∞ = r_max · max_k √(L_0,s_k² + L_90,s_k²) / Σ[G_0,0]₊
//
// Both rates follow their drive with a time constant τ = 15 ms,
// τ dr/dt = −r + r∞, integrated exactly over each 1 ms step. The bar has
// contrast c (its luminance relative to the grey background, −1…1), a
// length and a width in px; its edges are anti-aliased by pixel coverage.
type Orientation struct {
	sim.Params
	Theta    float64 // bar orientation, degrees
	Pos      float64 // bar offset across its long axis, px
	Contrast float64 // −1…1
	Length   float64 // px
	Width    float64 // px
	Motion   float64 // MotionSteady, MotionFlash or MotionDrift
	Speed    float64 // drift speed, px/s
	Sigma    float64 // Gabor envelope σ, px
	Lambda   float64 // Gabor wavelength λ, px
	Pool     float64 // K, quadrature pairs pooled by the complex cell

	info sim.Info
	t    float64

	filt [oriMaxK][2][oriN * oriN]float64 // G_0,s_k and G_90,s_k
	k    int                              // pairs in use
	ref  float64                          // Σ[G_0,0]₊
	img  [oriN * oriN]float64             // the stimulus now
	tmp  [oriN * oriN]float64             // scratch image for derived metrics

	stim    stimKey // what img shows
	simpleI float64 // r_simple∞ now, Hz
	pairAmp [oriMaxK]float64
	rs, rc  float64 // rates now, Hz
	barPos  float64 // bar offset now, px

	derived stimKey // what the derived metrics were computed for
	tuneS   [oriTuneN]float64
	tuneC   [oriTuneN]float64
	invC    float64
	invS    float64
	width   float64
}

// stimKey is what a rendered image depends on.
type stimKey struct {
	theta, pos, c, length, width float64
	on                           bool
}

// NewOrientation returns the model with default parameters, reset with
// seed 1.
func NewOrientation() *Orientation {
	m := &Orientation{Params: sim.NewParams("orientation")}
	m.Bind(sim.Param{Key: "theta", Label: "θ bar", Unit: "deg", Min: 0, Max: 180, Step: 5, Default: 90,
		Help: "bar orientation (0 horizontal, 90 vertical: the cells' preferred)", Live: true}, &m.Theta)
	m.Bind(sim.Param{Key: "pos", Label: "position", Unit: "px", Min: -12, Max: 12, Step: 1, Default: 0,
		Help: "bar offset across its long axis from the field centre", Live: true}, &m.Pos)
	m.Bind(sim.Param{Key: "contrast", Label: "contrast", Min: -1, Max: 1, Step: 0.1, Default: 1,
		Help: "bar luminance against the grey background (negative: dark bar)", Live: true}, &m.Contrast)
	m.Bind(sim.Param{Key: "length", Label: "length", Unit: "px", Min: 1, Max: 33, Step: 1, Default: 12,
		Help: "bar length", Live: true}, &m.Length)
	m.Bind(sim.Param{Key: "width", Label: "width", Unit: "px", Min: 1, Max: 8, Step: 1, Default: 2,
		Help: "bar width", Live: true}, &m.Width)
	m.Bind(sim.Param{Key: "motion", Label: "motion", Choices: []string{"steady", "flash", "drift"},
		Default: MotionSteady, Help: "steady, flashed 200 ms on / 200 ms off, or drifting across", Live: true}, &m.Motion)
	m.Bind(sim.Param{Key: "speed", Label: "drift speed", Unit: "px/s", Min: 5, Max: 100, Step: 5, Default: 30,
		Help: "how fast a drifting bar sweeps across the image", Live: true}, &m.Speed)
	m.Bind(sim.Param{Key: "sigma", Label: "σ", Unit: "px", Min: 2, Max: 6, Step: 0.5, Default: 4,
		Help: "receptive-field envelope (Gaussian standard deviation)"}, &m.Sigma)
	m.Bind(sim.Param{Key: "lambda", Label: "λ", Unit: "px", Min: 4, Max: 16, Step: 1, Default: 8,
		Help: "receptive-field wavelength (ON and OFF stripes)"}, &m.Lambda)
	m.Bind(sim.Param{Key: "pool", Label: "pool K", Min: 1, Max: oriMaxK, Step: 1, Default: 1, Integer: true,
		Help: "positions whose quadrature pairs the complex cell max-pools"}, &m.Pool)
	m.info = m.describe()
	m.Reset(1)
	return m
}

// Info describes the model.
func (m *Orientation) Info() sim.Info { return m.info }

func (m *Orientation) describe() sim.Info {
	return sim.Info{
		ID:      "orientation",
		Title:   "Simple and complex cells",
		Summary: "an oriented bar seen by a Gabor simple cell and an energy-model complex cell",
		DT:      oriDT, Window: 2000, Speed: 500,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "simple", Label: "simple", Unit: "Hz", Help: "simple-cell rate now"},
			{Key: "complex", Label: "complex", Unit: "Hz", Help: "complex-cell rate now"},
			{Key: "invariance", Label: "complex invariance", Help: "complex response min/max over bar positions across one λ"},
			{Key: "simple_invariance", Label: "simple invariance", Help: "simple response min/max over bar positions across one λ"},
			{Key: "tuning_width_deg", Label: "tuning width", Unit: "deg", Help: "full width at half maximum of the complex cell's orientation tuning"},
		},
		Signals: []sim.Signal{
			{Key: "simple", Label: "simple", Unit: "Hz"},
			{Key: "complex", Label: "complex", Unit: "Hz"},
			{Key: "bar_pos", Label: "bar position", Unit: "px"},
		},
		Plots: []sim.PlotSpec{
			{Key: "images", Title: "Stimulus and receptive field (even, odd)", Kind: sim.PlotGrid},
			{Key: "responses", Title: "Responses", Kind: sim.PlotTrace, Signals: []string{"simple", "complex"}, YLabel: "Hz"},
			{Key: "tuning", Title: "Orientation tuning at this position", Kind: sim.PlotXY, XLabel: "bar orientation (deg)", YLabel: "Hz"},
			{Key: "pool", Title: "Complex-cell subunits and the simple cell", Kind: sim.PlotBars, YLabel: "Hz"},
		},
	}
}

// Reset rebuilds the receptive fields for the current σ, λ and K, and
// returns to time zero with both rates at 0 Hz.
func (m *Orientation) Reset(seed uint64) {
	_ = seed // the model is deterministic
	m.t, m.rs, m.rc = 0, 0, 0
	m.k = int(m.Pool)
	m.ref = 0
	for k := range m.k {
		s := (float64(k) - float64(m.k-1)/2) * m.Lambda / 2
		for i := range oriN {
			y := float64(oriHalf - i)
			for j := range oriN {
				x := float64(j-oriHalf) - s
				env := math.Exp(-(x*x + y*y) / (2 * m.Sigma * m.Sigma))
				ph := 2 * math.Pi * x / m.Lambda
				m.filt[k][0][i*oriN+j] = env * math.Cos(ph)
				m.filt[k][1][i*oriN+j] = env * math.Sin(ph)
			}
		}
	}
	c := (m.k - 1) / 2 // the centre pair (s = 0 for odd K)
	if m.k%2 == 0 {
		c = -1
	}
	for i := range oriN * oriN {
		var g float64
		if c >= 0 {
			g = m.filt[c][0][i]
		} else {
			g = m.centreEven(i)
		}
		m.ref += math.Max(g, 0)
	}
	m.stim = stimKey{theta: math.NaN()}
	m.derived = stimKey{theta: math.NaN()}
	m.drive()
}

// centreEven is G_0,0 at pixel i, for even K where no pair sits at s = 0.
func (m *Orientation) centreEven(i int) float64 {
	y := float64(oriHalf - i/oriN)
	x := float64(i%oriN - oriHalf)
	return math.Exp(-(x*x+y*y)/(2*m.Sigma*m.Sigma)) * math.Cos(2*math.Pi*x/m.Lambda)
}

// Time is the simulated time in ms.
func (m *Orientation) Time() float64 { return m.t }

// current is the stimulus shown at time t.
func (m *Orientation) current() stimKey {
	k := stimKey{theta: m.Theta, pos: m.Pos, c: m.Contrast, length: m.Length, width: m.Width, on: true}
	switch int(m.Motion) {
	case MotionFlash:
		k.on = math.Mod(m.t, 2*oriFlash) < oriFlash
	case MotionDrift:
		span := float64(oriN + 8) // from 4 px beyond one edge to 4 px beyond the other
		k.pos = -span/2 + math.Mod(m.Speed*m.t/1000, span)
	}
	return k
}

// render draws the bar k into img.
func render(img *[oriN * oriN]float64, k stimKey) {
	if !k.on || k.c == 0 {
		*img = [oriN * oriN]float64{}
		return
	}
	th := k.theta * math.Pi / 180
	dx, dy := math.Cos(th), math.Sin(th) // along the bar
	nx, ny := dy, -dx                    // across the bar
	for i := range oriN {
		y := float64(oriHalf - i)
		for j := range oriN {
			x := float64(j - oriHalf)
			u := x*nx + y*ny - k.pos
			v := x*dx + y*dy
			img[i*oriN+j] = k.c * coverage(u, k.width) * coverage(v, k.length)
		}
	}
}

// coverage is the fraction of a unit pixel at offset s covered by a band of
// the given width centred on 0 (exact for an axis-aligned band).
func coverage(s, width float64) float64 {
	return sim.Clamp(width/2+0.5-math.Abs(s), 0, 1)
}

// respond returns the simple-cell drive and fills amp with each pair's
// energy amplitude, both in Hz, for image img.
func (m *Orientation) respond(img *[oriN * oriN]float64, amp *[oriMaxK]float64) (simple, complex float64) {
	for k := range m.k {
		var le, lo float64
		e, o := &m.filt[k][0], &m.filt[k][1]
		for i, p := range img {
			if p != 0 {
				le += e[i] * p
				lo += o[i] * p
			}
		}
		amp[k] = oriRMax * math.Hypot(le, lo) / m.ref
		complex = math.Max(complex, amp[k])
		if 2*k+1 == m.k {
			simple = oriRMax * math.Max(le, 0) / m.ref
		}
	}
	if m.k%2 == 0 {
		var le float64
		for i, p := range img {
			if p != 0 {
				le += m.centreEven(i) * p
			}
		}
		simple = oriRMax * math.Max(le, 0) / m.ref
	}
	return simple, complex
}

// drive re-renders the stimulus if it changed and recomputes the
// steady-state rates.
func (m *Orientation) drive() {
	k := m.current()
	m.barPos = k.pos
	if k == m.stim {
		return
	}
	m.stim = k
	render(&m.img, k)
	m.simpleI, _ = m.respond(&m.img, &m.pairAmp)
}

// Step advances 1 ms: the stimulus, then both rates by the exact
// exponential update toward their drives.
func (m *Orientation) Step() {
	m.t += oriDT
	m.drive()
	a := math.Exp(-oriDT / oriTau)
	ci := 0.0
	for k := range m.k {
		ci = math.Max(ci, m.pairAmp[k])
	}
	m.rs = m.simpleI + (m.rs-m.simpleI)*a
	m.rc = ci + (m.rc-ci)*a
}

// Sample records the two rates and the bar position.
func (m *Orientation) Sample(dst []float64) {
	dst[0], dst[1], dst[2] = m.rs, m.rc, m.barPos
}

// Metrics reports the rates now and the steady-state tuning measures of
// the bar as set (its position, length, width and contrast).
func (m *Orientation) Metrics(dst []float64) {
	m.update()
	dst[0], dst[1] = m.rs, m.rc
	dst[2], dst[3], dst[4] = m.invC, m.invS, m.width
}

// update recomputes the tuning curves, tuning width and invariances when
// the bar's settings changed.
func (m *Orientation) update() {
	k := stimKey{theta: m.Theta, pos: m.Pos, c: m.Contrast, length: m.Length, width: m.Width, on: true}
	if k == m.derived {
		return
	}
	m.derived = k
	var amp [oriMaxK]float64
	for i := range oriTuneN {
		t := k
		t.theta = float64(2 * i)
		render(&m.tmp, t)
		m.tuneS[i], m.tuneC[i] = m.respond(&m.tmp, &amp)
	}
	m.width = fwhm(m.tuneC[:], 180.0/oriTuneN)
	loS, hiS, loC, hiC := math.Inf(1), 0.0, math.Inf(1), 0.0
	for i := range oriInvarN {
		t := k
		t.pos = m.Lambda * (float64(i)/float64(oriInvarN-1) - 0.5)
		render(&m.tmp, t)
		s, c := m.respond(&m.tmp, &amp)
		loS, hiS = math.Min(loS, s), math.Max(hiS, s)
		loC, hiC = math.Min(loC, c), math.Max(hiC, c)
	}
	m.invS, m.invC = ratio(loS, hiS), ratio(loC, hiC)
}

// ratio is lo/hi, 0 when hi is (nearly) 0.
func ratio(lo, hi float64) float64 {
	if hi < 1e-9 {
		return 0
	}
	return lo / hi
}

// fwhm is the full width at half maximum, in degrees, of a circular curve
// sampled every step degrees: the distance between the half-maximum
// crossings on either side of its peak, by linear interpolation; 180 when
// it never falls to half.
func fwhm(y []float64, step float64) float64 {
	n := len(y)
	p := 0
	for i, v := range y {
		if v > y[p] {
			p = i
		}
	}
	half := y[p] / 2
	if y[p] <= 1e-9 {
		return 180
	}
	side := func(dir int) float64 {
		prev := y[p]
		for d := 1; d <= n/2; d++ {
			v := y[((p+dir*d)%n+n)%n]
			if v < half {
				return (float64(d-1) + (prev-half)/(prev-v)) * step
			}
			prev = v
		}
		return 90
	}
	return math.Min(side(1)+side(-1), 180)
}

// Plot fills the stimulus and receptive-field grids, the tuning curves and
// the subunit bars.
func (m *Orientation) Plot(key string, dst *sim.PlotData) {
	switch key {
	case "images":
		g := dst.AddGrid("stimulus", oriN, oriN)
		copy(g.V, m.img[:])
		g.Min, g.Max = -1, 1
		c := m.k / 2
		for ph, title := range []string{"even (simple cell)", "odd"} {
			g := dst.AddGrid(title, oriN, oriN)
			for i := range g.V {
				if m.k%2 == 0 && ph == 0 {
					g.V[i] = m.centreEven(i)
				} else {
					g.V[i] = m.filt[c][ph][i]
				}
			}
			g.Min, g.Max = -1, 1
		}
	case "tuning":
		m.update()
		s := dst.AddSeries("simple", false)
		c := dst.AddSeries("complex", false)
		for i := range oriTuneN + 1 {
			j := i % oriTuneN
			s.Add(float64(2*i), m.tuneS[j])
			c.Add(float64(2*i), m.tuneC[j])
		}
		now := dst.AddSeries("this bar", true)
		i := int(math.Round(m.Theta/2)) % oriTuneN
		now.Add(m.Theta, m.tuneC[i])
		dst.XMin, dst.XMax = 0, 180
	case "pool":
		for k := range m.k {
			dst.Bars = append(dst.Bars, m.pairAmp[k])
			dst.BarLabels = append(dst.BarLabels, "C"+string(rune('₁'+k)))
		}
		dst.Bars = append(dst.Bars, m.simpleI)
		dst.BarLabels = append(dst.BarLabels, "simple")
		best := 0
		for k := range m.k {
			if m.pairAmp[k] > m.pairAmp[best] {
				best = k
			}
		}
		dst.Marked = best
	}
}
