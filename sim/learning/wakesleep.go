package learning

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

const (
	wsSide   = 4 // images are wsSide×wsSide
	wsVis    = wsSide * wsSide
	wsMaxH   = 16   // most hidden units the lab offers
	wsMaxTop = 4    // most top units the lab offers
	wsDT     = 0.1  // ms per wake–sleep pair
	wsRecent = 1000 // samples in the running averages
	wsShow   = 4    // data images and dreams drawn
	wsInit   = 0.05 // initial weights are uniform in ±wsInit
)

// WakeSleep is a Helmholtz machine — stochastic binary units in three
// layers, top x (1–4 units), hidden y and visible d (4×4 pixels) — learnt
// with the wake–sleep algorithm (Hinton, Dayan, Frey & Neal 1995; Dayan,
// Hinton, Neal & Zemel 1995). It has two separate sets of weights. The
// generative model runs top-down,
//
//	p(x_k = 1) = σ(b_k)
//	p(y_j = 1 | x) = σ(b_j + Σ_k G_jk x_k)
//	p(d_i = 1 | y) = σ(b_i + Σ_j G_ij y_j)
//
// and the recognition model bottom-up,
//
//	q(y_j = 1 | d) = σ(c_j + Σ_i R_ji d_i)
//	q(x_k = 1 | y) = σ(c_k + Σ_j R_kj y_j)
//
// with σ(u) = 1/(1 + e^(−u)). One step is one wake phase and one sleep
// phase. Wake: draw an image d from the data, sample y ~ q(y|d) and
// x ~ q(x|y), and move each generative weight by the local delta rule
//
//	ΔG_ij = ε·(d_i − p_i)·y_j,  Δb_i = ε·(d_i − p_i),  p_i = p(d_i = 1 | y)
//
// (likewise for the y ← x weights and the top biases). Sleep: dream a
// sample x ~ p(x), y ~ p(y|x), d ~ p(d|y) and move each recognition weight
// the same way toward the states the dream actually had:
//
//	ΔR_ji = ε·(y_j − q_j)·d_i,  Δc_j = ε·(y_j − q_j),  q_j = q(y_j = 1 | d)
//
// Each rule uses only the activities on the two sides of the synapse.
//
// The data are the bars problem: choose horizontal or vertical with equal
// probability, then switch on each of the 4 bars of that orientation with
// probability bar_p. An image is a valid bar image when all its rows are
// all-on or all-off, or all its columns are (the blank image counts). A
// generator that knew only each pixel's probability (bar_p) and drew pixels
// independently makes valid images at the rate `chance`, computed in closed
// form. Initial weights are uniform in ±0.05, biases 0, seeded.
//
// Metrics: valid_dreams is the fraction of the last 1000 dreams that are
// valid; recon_error the mean over the last 1000 wake phases of
// Σ_i |d_i − p(d_i = 1 | y)|, the expected number of wrong pixels when the
// recognised code is sent back down; steps the wake–sleep pairs done.
type WakeSleep struct {
	sim.Params
	Rate   float64 // learning rate ε
	Hidden float64 // hidden units
	Top    float64 // top units
	BarP   float64 // probability of each bar

	info  sim.Info
	t     float64
	steps int
	src   *rand.PCG
	rng   *rand.Rand
	nh, k int

	// Generative weights and biases.
	gTop  [wsMaxTop]float64         // b_k
	gHid  [wsMaxH][wsMaxTop]float64 // G_jk
	gHidB [wsMaxH]float64           // b_j
	gVis  [wsVis][wsMaxH]float64    // G_ij
	gVisB [wsVis]float64            // b_i
	// Recognition weights and biases.
	rHid  [wsMaxH][wsVis]float64    // R_ji
	rHidB [wsMaxH]float64           // c_j
	rTop  [wsMaxTop][wsMaxH]float64 // R_kj
	rTopB [wsMaxTop]float64         // c_k

	valid  [wsRecent]bool
	recon  [wsRecent]float64
	nRec   int
	head   int
	nValid int
	sumRec float64

	shownData, shownDream [wsShow][wsVis]float64
	shown                 int
}

// NewWakeSleep returns the machine with default parameters, reset with
// seed 1.
func NewWakeSleep() *WakeSleep {
	m := &WakeSleep{Params: sim.NewParams("wakesleep")}
	m.Bind(sim.Param{Key: "rate", Label: "ε", Min: 0.001, Max: 0.5, Step: 0.001, Log: true, Default: 0.1,
		Help: "learning rate of both phases", Live: true}, &m.Rate)
	m.Bind(sim.Param{Key: "hidden", Label: "hidden", Min: 1, Max: wsMaxH, Step: 1, Default: 8, Integer: true,
		Help: "hidden units (the data have 8 different bars)"}, &m.Hidden)
	m.Bind(sim.Param{Key: "top", Label: "top", Min: 1, Max: wsMaxTop, Step: 1, Default: 1, Integer: true,
		Help: "top-layer units"}, &m.Top)
	m.Bind(sim.Param{Key: "bar_p", Label: "p(bar)", Min: 0.05, Max: 0.5, Step: 0.05, Default: 0.2,
		Help: "probability that each bar of the chosen orientation is on"}, &m.BarP)
	m.src = rand.NewPCG(1, 0)
	m.rng = rand.New(m.src)
	m.info = m.describe()
	m.Reset(1)
	return m
}

func (m *WakeSleep) describe() sim.Info {
	return sim.Info{
		ID:       "wakesleep",
		Title:    "Helmholtz machine: wake–sleep on bars",
		Summary:  "separate recognition and generative weights learn the bars problem with local wake and sleep rules",
		DT:       wsDT,
		StepNote: "one wake phase and one sleep phase (one data image, one dream) per 0.1 ms step",
		Window:   10000, Speed: 1000,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "valid_dreams", Label: "valid dreams", Help: "fraction of the last 1000 dreams that are valid bar images"},
			{Key: "recon_error", Label: "recon error", Unit: "px", Help: "expected wrong pixels when a recognised image is regenerated (last 1000)"},
			{Key: "steps", Label: "wake–sleep pairs", Help: "training steps so far"},
			{Key: "chance", Label: "chance", Help: "valid fraction of a generator with the right pixel rates but no structure"},
		},
		Signals: []sim.Signal{
			{Key: "valid_dreams", Label: "valid dreams"}, {Key: "chance", Label: "chance"},
			{Key: "recon_error", Label: "recon error", Unit: "px"},
		},
		Plots: []sim.PlotSpec{
			{Key: "samples", Title: "Data (top) and dreams from the generative model (bottom)", Kind: sim.PlotGrid},
			{Key: "weights", Title: "Generative fields: hidden unit → image weights G", Kind: sim.PlotGrid},
			{Key: "learning", Title: "Fraction of valid dreams", Kind: sim.PlotTrace,
				Signals: []string{"valid_dreams", "chance"}, YMin: 0, YMax: 1},
			{Key: "recon", Title: "Reconstruction error", Kind: sim.PlotTrace, Signals: []string{"recon_error"}, YLabel: "px"},
		},
	}
}

// Info describes the model.
func (m *WakeSleep) Info() sim.Info { return m.info }

// Time is the simulated time in ms.
func (m *WakeSleep) Time() float64 { return m.t }

// Reset draws fresh small weights and forgets the running averages.
func (m *WakeSleep) Reset(seed uint64) {
	sim.Reseed(m.src, seed)
	m.nh, m.k = int(m.Hidden), int(m.Top)
	m.t, m.steps = 0, 0
	m.nRec, m.head, m.nValid, m.sumRec, m.shown = 0, 0, 0, 0, 0
	u := func() float64 { return wsInit * (2*m.rng.Float64() - 1) }
	m.gTop, m.gHidB, m.gVisB, m.rHidB, m.rTopB = [wsMaxTop]float64{}, [wsMaxH]float64{}, [wsVis]float64{}, [wsMaxH]float64{}, [wsMaxTop]float64{}
	m.gHid, m.gVis, m.rHid, m.rTop = [wsMaxH][wsMaxTop]float64{}, [wsVis][wsMaxH]float64{}, [wsMaxH][wsVis]float64{}, [wsMaxTop][wsMaxH]float64{}
	for j := range m.nh {
		for k := range m.k {
			m.gHid[j][k], m.rTop[k][j] = u(), u()
		}
		for i := range wsVis {
			m.gVis[i][j], m.rHid[j][i] = u(), u()
		}
	}
	m.shownData, m.shownDream = [wsShow][wsVis]float64{}, [wsShow][wsVis]float64{}
}

func wsSigmoid(u float64) float64 { return 1 / (1 + math.Exp(-u)) }

// bit draws a binary unit that is on with probability p.
func (m *WakeSleep) bit(p float64) float64 {
	if m.rng.Float64() < p {
		return 1
	}
	return 0
}

// drawBars writes a bars image into d.
func (m *WakeSleep) drawBars(d []float64) {
	vertical := m.rng.Float64() < 0.5
	clear(d[:wsVis])
	for b := range wsSide {
		if m.rng.Float64() >= m.BarP {
			continue
		}
		for k := range wsSide {
			if vertical {
				d[k*wsSide+b] = 1
			} else {
				d[b*wsSide+k] = 1
			}
		}
	}
}

// ValidBars reports whether the 4×4 binary image d is made of whole bars of
// one orientation (every row all-on or all-off, or every column so).
func ValidBars(d []float64) bool {
	rows, cols := true, true
	for a := range wsSide {
		for b := 1; b < wsSide; b++ {
			if d[a*wsSide+b] != d[a*wsSide] {
				rows = false
			}
			if d[b*wsSide+a] != d[a] {
				cols = false
			}
		}
	}
	return rows || cols
}

// ChanceValid is the probability that a 4×4 image of independent pixels,
// each on with probability q, is a valid bar image: the blank image, or
// 1–4 full rows (or columns) and nothing else, less the full image counted
// twice.
func ChanceValid(q float64) float64 {
	p := math.Pow(1-q, wsVis) // blank
	for s := 1; s <= wsSide; s++ {
		ways := float64(wsBinom(wsSide, s))
		p += 2 * ways * math.Pow(q, float64(wsSide*s)) * math.Pow(1-q, float64(wsSide*(wsSide-s)))
	}
	return p - math.Pow(q, wsVis)
}

func wsBinom(n, k int) int {
	r := 1
	for i := range k {
		r = r * (n - i) / (i + 1)
	}
	return r
}

// Wake runs one wake phase on the image d: recognise, then adapt the
// generative weights. It returns Σ_i |d_i − p(d_i = 1 | y)|.
func (m *WakeSleep) Wake(d []float64) float64 {
	eps := m.Rate
	var y, x [wsMaxH]float64
	for j := range m.nh {
		u := m.rHidB[j]
		for i := range wsVis {
			u += m.rHid[j][i] * d[i]
		}
		y[j] = m.bit(wsSigmoid(u))
	}
	for k := range m.k {
		u := m.rTopB[k]
		for j := range m.nh {
			u += m.rTop[k][j] * y[j]
		}
		x[k] = m.bit(wsSigmoid(u))
	}
	return m.LearnGenerative(eps, d, y[:m.nh], x[:m.k])
}

// LearnGenerative applies the wake-phase delta rules for the given states
// of the three layers and returns Σ_i |d_i − p(d_i = 1 | y)| before the
// change.
func (m *WakeSleep) LearnGenerative(eps float64, d, y, x []float64) float64 {
	for k := range x {
		m.gTop[k] += eps * (x[k] - wsSigmoid(m.gTop[k]))
	}
	for j := range y {
		u := m.gHidB[j]
		for k := range x {
			u += m.gHid[j][k] * x[k]
		}
		delta := eps * (y[j] - wsSigmoid(u))
		m.gHidB[j] += delta
		for k := range x {
			m.gHid[j][k] += delta * x[k]
		}
	}
	errSum := 0.0
	for i := range wsVis {
		u := m.gVisB[i]
		for j := range y {
			u += m.gVis[i][j] * y[j]
		}
		diff := d[i] - wsSigmoid(u)
		errSum += math.Abs(diff)
		delta := eps * diff
		m.gVisB[i] += delta
		for j := range y {
			m.gVis[i][j] += delta * y[j]
		}
	}
	return errSum
}

// Sleep runs one sleep phase: dream top-down into d, then adapt the
// recognition weights.
func (m *WakeSleep) Sleep(d []float64) {
	var y, x [wsMaxH]float64
	for k := range m.k {
		x[k] = m.bit(wsSigmoid(m.gTop[k]))
	}
	for j := range m.nh {
		u := m.gHidB[j]
		for k := range m.k {
			u += m.gHid[j][k] * x[k]
		}
		y[j] = m.bit(wsSigmoid(u))
	}
	for i := range wsVis {
		u := m.gVisB[i]
		for j := range m.nh {
			u += m.gVis[i][j] * y[j]
		}
		d[i] = m.bit(wsSigmoid(u))
	}
	m.LearnRecognition(m.Rate, d, y[:m.nh], x[:m.k])
}

// LearnRecognition applies the sleep-phase delta rules for the given dreamt
// states of the three layers.
func (m *WakeSleep) LearnRecognition(eps float64, d, y, x []float64) {
	for j := range y {
		u := m.rHidB[j]
		for i := range wsVis {
			u += m.rHid[j][i] * d[i]
		}
		delta := eps * (y[j] - wsSigmoid(u))
		m.rHidB[j] += delta
		for i := range wsVis {
			m.rHid[j][i] += delta * d[i]
		}
	}
	for k := range x {
		u := m.rTopB[k]
		for j := range y {
			u += m.rTop[k][j] * y[j]
		}
		delta := eps * (x[k] - wsSigmoid(u))
		m.rTopB[k] += delta
		for j := range y {
			m.rTop[k][j] += delta * y[j]
		}
	}
}

// Step runs one wake phase and one sleep phase.
func (m *WakeSleep) Step() {
	var d, dream [wsVis]float64
	m.drawBars(d[:])
	rec := m.Wake(d[:])
	m.Sleep(dream[:])
	ok := ValidBars(dream[:])
	if m.nRec == wsRecent {
		if m.valid[m.head] {
			m.nValid--
		}
		m.sumRec -= m.recon[m.head]
	} else {
		m.nRec++
	}
	m.valid[m.head], m.recon[m.head] = ok, rec
	if ok {
		m.nValid++
	}
	m.sumRec += rec
	m.head = (m.head + 1) % wsRecent
	if m.steps%97 == 0 { // keep a few examples for the plot, now and then
		s := m.shown % wsShow
		m.shownData[s], m.shownDream[s] = d, dream
		m.shown++
	}
	m.steps++
	m.t = float64(m.steps) * wsDT
}

// ValidDreams is the fraction of recent dreams that are valid bar images.
func (m *WakeSleep) ValidDreams() float64 {
	if m.nRec == 0 {
		return 0
	}
	return float64(m.nValid) / float64(m.nRec)
}

func (m *WakeSleep) reconError() float64 {
	if m.nRec == 0 {
		return 0
	}
	return m.sumRec / float64(m.nRec)
}

// Sample records valid_dreams, chance and recon_error.
func (m *WakeSleep) Sample(dst []float64) {
	dst[0], dst[1], dst[2] = m.ValidDreams(), ChanceValid(m.BarP), m.reconError()
}

// Metrics reports valid_dreams, recon_error, steps and chance.
func (m *WakeSleep) Metrics(dst []float64) {
	dst[0], dst[1], dst[2], dst[3] = m.ValidDreams(), m.reconError(), float64(m.steps), ChanceValid(m.BarP)
}

// Plot fills the sample bitmaps or the generative fields.
func (m *WakeSleep) Plot(key string, dst *sim.PlotData) {
	switch key {
	case "samples":
		for s := range wsShow {
			g := dst.AddGrid("data", wsSide, wsSide)
			copy(g.V, m.shownData[s][:])
			g.Min, g.Max = 0, 1
		}
		for s := range wsShow {
			g := dst.AddGrid("dream", wsSide, wsSide)
			copy(g.V, m.shownDream[s][:])
			g.Min, g.Max = 0, 1
		}
	case "weights":
		for j := range m.nh {
			g := dst.AddGrid(wsHiddenLabels[j], wsSide, wsSide)
			for i := range wsVis {
				g.V[i] = m.gVis[i][j]
			}
			g.Min, g.Max = -6, 6
		}
	}
}

var wsHiddenLabels = [wsMaxH]string{"y1", "y2", "y3", "y4", "y5", "y6", "y7", "y8",
	"y9", "y10", "y11", "y12", "y13", "y14", "y15", "y16"}
