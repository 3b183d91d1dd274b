package vision

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

// Sizes of the readout model.
const (
	roImg      = 16  // image side, pixels
	roMaxTrain = 400 // most training stimuli
	roTest     = 100 // held-out stimuli
	roStimuli  = roMaxTrain + roTest
	roNeurons  = 20 // recorded neurons
	roLayers   = 5  // pixels + four stages
	roDT       = 20 // ms of lab time per revealed test stimulus
	roNetSeed  = 2014
)

// roWidth is the number of units in each representation: pixels (16×16),
// S1 (4 orientations × 8×8), S2 (8 × 4×4), S3 (16 × 2×2), S4 (32).
var roWidth = [roLayers]int{roImg * roImg, 4 * 8 * 8, 8 * 4 * 4, 16 * 2 * 2, 32}

// roOffset is where each layer's units start in a stimulus's feature row.
var roOffset = func() (o [roLayers + 1]int) {
	for l := range roLayers {
		o[l+1] = o[l] + roWidth[l]
	}
	return o
}()

// roLayerNames label the bars.
var roLayerNames = [roLayers]string{"px", "S1", "S2", "S3", "S4"}

// Readout asks the question of Yamins et al. (2014) of a small, fixed
// hierarchical network: which of its layers best predicts, through a linear
// map fitted on some stimuli and tested on others, the responses of a set
// of recorded neurons?
//
// The network sees 16×16 images, each the sum of three randomly placed,
// oriented, signed Gaussian bars. Its four stages are
//
//	S1 = pool₂ₓ₂ᵃᵛᵍ [G ∗ image]₊      G: four 5×5 even Gabor filters (0°, 45°, 90°, 135°)
//	S2 = pool₂ₓ₂ᵐᵃˣ [W₂ ∗ S1]₊        W₂: 8 random 3×3×4 kernels
//	S3 = pool₂ₓ₂ᵐᵃˣ [W₃ ∗ S2]₊        W₃: 16 random 3×3×8 kernels
//	S4 = [W₄ · S3]₊                  W₄: 32 × 64 random weights
//
// with fixed weights (the same in every run). The "recorded" neurons are
// noisy random linear combinations of the units of one stage, the source:
//
//	rₘ(s) = zscore(Σⱼ vₘⱼ·xⱼ(s)) + σ·εₘ(s),   vₘⱼ, εₘ(s) ~ N(0, 1)
//
// so the nonlinearity between image and neuron is the network's own, up to
// the source stage, and σ is the noise-to-signal ratio of standard
// deviations: the best possible held-out R² is 1/(1 + σ²).
//
// For every representation (pixels and the four stages) a ridge regression
//
//	Ŵ = argmin ‖Y − ZW‖² + λ·n·‖W‖²     (Z: n training stimuli × p units, z-scored)
//
// is fitted on the first n stimuli and evaluated on the last 100 (never
// used for training, whatever n), by the
// held-out R² = 1 − Σ(r − r̂)²/Σ(r − r̄)² averaged over neurons. The normal
// equations are solved by Cholesky factorisation in the primal
// (ZᵀZ + λnI)W = ZᵀY when p ≤ n, or the dual (ZZᵀ + λnI)A = Y, W = ZᵀA,
// when p > n.
//
// All fitting happens in Reset. A step reveals one held-out stimulus and
// its recorded and predicted responses.
type Readout struct {
	sim.Params
	Source float64 // stage the neurons come from, 1…4
	Train  float64 // training stimuli
	Ridge  float64 // log₁₀ λ
	Noise  float64 // σ, noise s.d. / signal s.d.

	info  sim.Info
	t     float64
	step  int
	seed  uint64
	stale bool // the fit has not been done for the current seed and parameters

	net      roNet
	featSeed uint64
	haveFeat bool
	images   []float64 // roStimuli × 256
	feat     []float64 // roStimuli × roOffset[roLayers]

	signal []float64 // roStimuli × roNeurons, noiseless z-scored responses
	resp   []float64 // roStimuli × roNeurons, recorded
	pred   []float64 // roLayers × roTest × roNeurons, held-out predictions

	neuronW []float64 // roNeurons × source units
	r2      [roLayers]float64
	best    int

	fit [roLayers]roRidge
}

// NewReadout returns the model with default parameters, reset with seed 1.
func NewReadout() *Readout {
	m := &Readout{Params: sim.NewParams("readout")}
	m.Bind(sim.Param{Key: "source_layer", Label: "source", Min: 1, Max: 4, Step: 1, Default: 4, Integer: true,
		Help: "the network stage the recorded neurons are drawn from (S1…S4)"}, &m.Source)
	m.Bind(sim.Param{Key: "train", Label: "n train", Min: 20, Max: roMaxTrain, Step: 10, Default: 100, Integer: true,
		Help: "training stimuli for the ridge fit (another 100 are held out)"}, &m.Train)
	m.Bind(sim.Param{Key: "ridge", Label: "log₁₀ λ", Min: -4, Max: 3, Step: 0.25, Default: -1,
		Help: "ridge penalty λ = 10^ridge, per stimulus, on z-scored units"}, &m.Ridge)
	m.Bind(sim.Param{Key: "noise", Label: "σ", Min: 0, Max: 2, Step: 0.05, Default: 0.5,
		Help: "recording noise: s.d. of noise over s.d. of signal"}, &m.Noise)
	m.net.init(sim.NewRand(roNetSeed))
	m.info = m.describe()
	m.Reset(1)
	return m
}

// Info describes the model.
func (m *Readout) Info() sim.Info { return m.info }

func (m *Readout) describe() sim.Info {
	ms := []sim.Metric{{Key: "r2_px", Label: "R² pixels", Help: "held-out R² of the pixel readout"}}
	for l := 1; l < roLayers; l++ {
		n := string(rune('0' + l))
		ms = append(ms, sim.Metric{Key: "r2_" + n, Label: "R² S" + n, Help: "held-out R² of the readout from stage S" + n})
	}
	ms = append(ms,
		sim.Metric{Key: "best_layer", Label: "best layer", Help: "representation with the highest held-out R² (0 = pixels)"},
		sim.Metric{Key: "r2_best", Label: "R² best", Help: "held-out R² of the best representation"},
		sim.Metric{Key: "r2_source", Label: "R² source", Help: "held-out R² of the stage the neurons come from"},
		sim.Metric{Key: "ceiling", Label: "ceiling", Help: "best possible held-out R², 1/(1 + σ²)"},
	)
	return sim.Info{
		ID:       "readout",
		Title:    "Linear readout of a hierarchical network",
		Summary:  "ridge regression from each layer of a small fixed network to synthetic neurons; held-out R² per layer",
		DT:       roDT,
		StepNote: "the fit is done at reset; each 20 ms step reveals one held-out stimulus",
		Window:   roTest * roDT, Speed: 400,
		Params:  m.Specs(),
		Metrics: ms,
		Signals: []sim.Signal{
			{Key: "recorded", Label: "neuron 1 recorded"},
			{Key: "predicted", Label: "neuron 1 predicted (best layer)"},
		},
		Plots: []sim.PlotSpec{
			{Key: "r2", Title: "Held-out R² by layer", Kind: sim.PlotBars, YLabel: "R²"},
			{Key: "scatter", Title: "Held-out responses: predicted (best layer) vs recorded", Kind: sim.PlotXY,
				XLabel: "predicted (z)", YLabel: "recorded (z)"},
			{Key: "stimulus", Title: "Current held-out stimulus", Kind: sim.PlotGrid},
			{Key: "neuron", Title: "Neuron 1, stimulus by stimulus", Kind: sim.PlotTrace,
				Signals: []string{"recorded", "predicted"}, YLabel: "z"},
		},
	}
}

// Reset returns to the first held-out stimulus. The work — drawing the
// stimuli and the network's responses (for a new seed), the neurons and
// their noise, and fitting every layer's readout — is done on the first
// call that needs its results, so that building the model is cheap.
func (m *Readout) Reset(seed uint64) {
	m.t, m.step = 0, 0
	m.seed, m.stale = seed, true
}

// ensure does the fit if it is stale.
func (m *Readout) ensure() {
	if !m.stale {
		return
	}
	m.stale = false
	if m.images == nil {
		m.images = make([]float64, roStimuli*roImg*roImg)
		m.feat = make([]float64, roStimuli*roOffset[roLayers])
		m.signal = make([]float64, roStimuli*roNeurons)
		m.resp = make([]float64, roStimuli*roNeurons)
		m.pred = make([]float64, roLayers*roTest*roNeurons)
		m.neuronW = make([]float64, roNeurons*roImg*roImg)
	}
	if !m.haveFeat || m.featSeed != m.seed {
		m.makeStimuli(sim.NewRand(m.seed))
		for s := range roStimuli {
			m.net.forward(m.images[s*roImg*roImg:(s+1)*roImg*roImg], m.feat[s*roOffset[roLayers]:(s+1)*roOffset[roLayers]])
		}
		m.featSeed, m.haveFeat = m.seed, true
	}
	m.makeNeurons(sim.NewRand(m.seed ^ 0x6e6575726f6e73))
	n := int(m.Train)
	lambda := math.Pow(10, m.Ridge) * float64(n)
	m.best = 0
	for l := range roLayers {
		m.r2[l] = m.fit[l].fit(m, l, n, lambda, m.pred[l*roTest*roNeurons:(l+1)*roTest*roNeurons])
		if m.r2[l] > m.r2[m.best] {
			m.best = l
		}
	}
}

// makeStimuli draws every image: three Gaussian bars of random position,
// orientation, sign and contrast, length s.d. 2.5 px and width s.d. 0.8 px.
func (m *Readout) makeStimuli(rng *rand.Rand) {
	for s := range roStimuli {
		img := m.images[s*roImg*roImg : (s+1)*roImg*roImg]
		clear(img)
		for range 3 {
			cx, cy := 2+12*rng.Float64(), 2+12*rng.Float64()
			th := math.Pi * rng.Float64()
			a := 0.5 + 0.5*rng.Float64()
			if rng.IntN(2) == 0 {
				a = -a
			}
			c, sn := math.Cos(th), math.Sin(th)
			for y := range roImg {
				for x := range roImg {
					dx, dy := float64(x)-cx, float64(y)-cy
					u, v := c*dx+sn*dy, -sn*dx+c*dy
					img[y*roImg+x] += a * math.Exp(-u*u/(2*2.5*2.5)-v*v/(2*0.8*0.8))
				}
			}
		}
	}
}

// makeNeurons draws the neurons' weights on the source stage, z-scores
// their drive over all stimuli, and adds the recording noise.
func (m *Readout) makeNeurons(rng *rand.Rand) {
	src := int(m.Source)
	p, off := roWidth[src], roOffset[src]
	w := m.neuronW[:p*roNeurons]
	for i := range w {
		w[i] = rng.NormFloat64()
	}
	for k := range roNeurons {
		var sum, sumSq float64
		for s := range roStimuli {
			x := m.feat[s*roOffset[roLayers]+off : s*roOffset[roLayers]+off+p]
			var u float64
			for j, v := range x {
				u += w[k*p+j] * v
			}
			m.signal[s*roNeurons+k] = u
			sum += u
			sumSq += u * u
		}
		mean := sum / roStimuli
		sd := math.Sqrt(math.Max(sumSq/roStimuli-mean*mean, 0))
		if sd == 0 {
			sd = 1
		}
		for s := range roStimuli {
			i := s*roNeurons + k
			m.signal[i] = (m.signal[i] - mean) / sd
		}
	}
	for i := range m.resp {
		m.resp[i] = m.signal[i] + m.Noise*rng.NormFloat64()
	}
}

// Time is the simulated time in ms.
func (m *Readout) Time() float64 { return m.t }

// Step reveals the next held-out stimulus (the last stays once all are
// shown).
func (m *Readout) Step() {
	m.ensure()
	m.step++
	m.t += roDT
}

// shown is how many held-out stimuli have been revealed: the first at
// reset, one more each step.
func (m *Readout) shown() int { return min(m.step+1, roTest) }

// current is the index among held-out stimuli of the one on show.
func (m *Readout) current() int { return m.shown() - 1 }

// Sample records neuron 1's recorded and predicted response to the current
// held-out stimulus.
func (m *Readout) Sample(dst []float64) {
	m.ensure()
	k := m.current()
	dst[0] = m.resp[(roMaxTrain+k)*roNeurons]
	dst[1] = m.pred[(m.best*roTest+k)*roNeurons]
}

// Metrics reports R² per layer, the best layer and its R², the source
// stage's R², and the noise ceiling.
func (m *Readout) Metrics(dst []float64) {
	m.ensure()
	copy(dst, m.r2[:])
	dst[roLayers] = float64(m.best)
	dst[roLayers+1] = m.r2[m.best]
	dst[roLayers+2] = m.r2[int(m.Source)]
	dst[roLayers+3] = 1 / (1 + m.Noise*m.Noise)
}

// R2 returns the held-out R² of layer l (0 = pixels, 1…4 = S1…S4).
func (m *Readout) R2(l int) float64 {
	m.ensure()
	return m.r2[l]
}

// Plot fills the R² bars, the predicted-vs-recorded scatter or the image.
func (m *Readout) Plot(key string, dst *sim.PlotData) {
	m.ensure()
	switch key {
	case "r2":
		for l := range roLayers {
			dst.Bars = append(dst.Bars, m.r2[l])
			dst.BarLabels = append(dst.BarLabels, roLayerNames[l])
		}
		dst.Marked = m.best
		dst.BarMax = 1
	case "scatter":
		s := dst.AddSeries("held-out stimuli × neurons", true)
		n0 := roMaxTrain
		lo, hi := -3.0, 3.0
		for k := range m.shown() {
			for j := range roNeurons {
				x := m.pred[(m.best*roTest+k)*roNeurons+j]
				y := m.resp[(n0+k)*roNeurons+j]
				s.Add(x, y)
				lo, hi = math.Min(lo, math.Min(x, y)), math.Max(hi, math.Max(x, y))
			}
		}
		d := dst.AddSeries("identity", false)
		d.Add(lo, lo)
		d.Add(hi, hi)
		dst.XMin, dst.XMax, dst.YMin, dst.YMax = lo, hi, lo, hi
	case "stimulus":
		g := dst.AddGrid("stimulus", roImg, roImg)
		s := roMaxTrain + m.current()
		copy(g.V, m.images[s*roImg*roImg:(s+1)*roImg*roImg])
		g.Min, g.Max = -1.5, 1.5
	}
}

// roNet holds the fixed weights of the network and its scratch maps.
type roNet struct {
	gabor [4][25]float64
	w2    [8][4 * 9]float64
	w3    [16][8 * 9]float64
	w4    [32][64]float64
	c1    [4][roImg * roImg]float64
	c2    [8][8 * 8]float64
	c3    [16][4 * 4]float64
	pad   [20 * 20]float64 // padded input: the largest is 1×20² (S1) or 4×10² (S2)
}

// init builds the Gabor filters (σ = 1.2 px, wavelength 4 px, zero mean,
// unit norm) and draws the random stages' weights, N(0, 1/fan-in).
func (n *roNet) init(rng *rand.Rand) {
	for o := range 4 {
		th := float64(o) * math.Pi / 4
		var mean, norm float64
		for y := range 5 {
			for x := range 5 {
				dx, dy := float64(x-2), float64(y-2)
				u := dx*math.Cos(th) + dy*math.Sin(th)
				n.gabor[o][y*5+x] = math.Exp(-(dx*dx+dy*dy)/(2*1.2*1.2)) * math.Cos(2*math.Pi*u/4)
				mean += n.gabor[o][y*5+x] / 25
			}
		}
		for i := range 25 {
			n.gabor[o][i] -= mean
			norm += n.gabor[o][i] * n.gabor[o][i]
		}
		for i := range 25 {
			n.gabor[o][i] /= math.Sqrt(norm)
		}
	}
	fill := func(w []float64) {
		sd := 1 / math.Sqrt(float64(len(w)))
		for i := range w {
			w[i] = sd * rng.NormFloat64()
		}
	}
	for c := range n.w2 {
		fill(n.w2[c][:])
	}
	for c := range n.w3 {
		fill(n.w3[c][:])
	}
	for c := range n.w4 {
		fill(n.w4[c][:])
	}
}

// roConv computes out = [Σ_c w_c ∗ in_c]₊ with zero padding ("same" size)
// for a k×k kernel over cin channels of side×side maps, using pad as
// scratch for the padded input (cin·(side+k−1)² values).
func roConv(in []float64, cin, side int, w []float64, k int, out, pad []float64) {
	h, ps := k/2, side+k-1
	pad = pad[:cin*ps*ps]
	clear(pad)
	for c := range cin {
		for y := range side {
			copy(pad[c*ps*ps+(y+h)*ps+h:], in[c*side*side+y*side:c*side*side+(y+1)*side])
		}
	}
	clear(out[:side*side])
	for c := range cin {
		pc := pad[c*ps*ps : (c+1)*ps*ps]
		for dy := range k {
			for dx := range k {
				wv := w[(c*k+dy)*k+dx]
				for y := range side {
					src := pc[(y+dy)*ps+dx : (y+dy)*ps+dx+side]
					dst := out[y*side : (y+1)*side]
					for x, v := range src {
						dst[x] += wv * v
					}
				}
			}
		}
	}
	for i, v := range out[:side*side] {
		out[i] = math.Max(v, 0)
	}
}

// roPool2 writes the 2×2 average (or maximum) of a side×side map into out.
func roPool2(in []float64, side int, maxPool bool, out []float64) {
	h := side / 2
	for y := range h {
		for x := range h {
			a, b := in[2*y*side+2*x], in[2*y*side+2*x+1]
			c, d := in[(2*y+1)*side+2*x], in[(2*y+1)*side+2*x+1]
			if maxPool {
				out[y*h+x] = math.Max(math.Max(a, b), math.Max(c, d))
			} else {
				out[y*h+x] = (a + b + c + d) / 4
			}
		}
	}
}

// forward writes the pixels and the four stages' units of img into out.
func (n *roNet) forward(img, out []float64) {
	copy(out, img)
	s1 := out[roOffset[1]:roOffset[2]]
	for o := range 4 {
		roConv(img, 1, roImg, n.gabor[o][:], 5, n.c1[o][:], n.pad[:])
		roPool2(n.c1[o][:], roImg, false, s1[o*64:(o+1)*64])
	}
	s2 := out[roOffset[2]:roOffset[3]]
	for c := range 8 {
		roConv(s1, 4, 8, n.w2[c][:], 3, n.c2[c][:], n.pad[:])
		roPool2(n.c2[c][:], 8, true, s2[c*16:(c+1)*16])
	}
	s3 := out[roOffset[3]:roOffset[4]]
	for c := range 16 {
		roConv(s2, 8, 4, n.w3[c][:], 3, n.c3[c][:], n.pad[:])
		roPool2(n.c3[c][:], 4, true, s3[c*4:(c+1)*4])
	}
	s4 := out[roOffset[4]:roOffset[5]]
	for c := range 32 {
		var s float64
		for j, v := range s3 {
			s += n.w4[c][j] * v
		}
		s4[c] = math.Max(s, 0)
	}
}

// roRidge holds the ridge fits of one layer. What depends only on the
// stimuli and n (the centred, scaled units and their Gram matrix) and what
// depends also on λ (its Cholesky factor) is cached, so a change of the
// source, the noise or the seed's neurons costs only the solves.
type roRidge struct {
	p, k     int       // units; order of the system, min(n, p)
	z, zt    []float64 // training (n×p) and test (roTest×p) units, centred and scaled
	gram     []float64 // k×k: ZᵀZ (primal, p ≤ n) or ZZᵀ (dual)
	chol     []float64 // Cholesky factor of gram + λI
	rhs, w   []float64 // right-hand sides / solution; p×roNeurons weights
	ymean    [roNeurons]float64
	dataKey  [2]float64 // seed, n of z, zt, gram
	cholKey  float64    // λ of chol
	haveData bool
}

// prepare centres each unit on its training mean and scales the layer by
// one factor so its units' mean training variance is 1 (a per-unit z-score
// would blow up units that fire for only a few training stimuli), then
// forms the Gram matrix.
func (r *roRidge) prepare(m *Readout, l, n int) {
	p, off, row := roWidth[l], roOffset[l], roOffset[roLayers]
	r.p, r.k = p, min(n, p)
	if r.z == nil {
		r.z = make([]float64, roMaxTrain*p)
		r.zt = make([]float64, roTest*p)
		r.gram = make([]float64, p*p)
		r.chol = make([]float64, p*p)
		r.rhs = make([]float64, p*roNeurons)
		r.w = make([]float64, p*roNeurons)
	}
	z, zt := r.z[:n*p], r.zt[:roTest*p]
	var mean [roImg * roImg]float64
	for s := range n {
		for j, v := range m.feat[s*row+off : s*row+off+p] {
			mean[j] += v
		}
	}
	for j := range p {
		mean[j] /= float64(n)
	}
	var ss float64
	for s := range n {
		for j, v := range m.feat[s*row+off : s*row+off+p] {
			d := v - mean[j]
			z[s*p+j] = d
			ss += d * d
		}
	}
	scale := 1.0
	if ss > 0 {
		scale = 1 / math.Sqrt(ss/float64(n*p))
	}
	for i := range z {
		z[i] *= scale
	}
	for t := range roTest {
		s := roMaxTrain + t
		for j, v := range m.feat[s*row+off : s*row+off+p] {
			zt[t*p+j] = (v - mean[j]) * scale
		}
	}
	k := r.k
	g := r.gram[:k*k]
	clear(g)
	if p <= n { // ZᵀZ, lower triangle
		for s := range n {
			zs := z[s*p : (s+1)*p]
			for a, za := range zs {
				if za == 0 {
					continue
				}
				ga := g[a*p : a*p+a+1]
				for c, zc := range zs[:a+1] {
					ga[c] += za * zc
				}
			}
		}
	} else { // ZZᵀ, lower triangle
		for s := range n {
			zs := z[s*p : (s+1)*p]
			for t := 0; t <= s; t++ {
				var d float64
				for j, v := range z[t*p : (t+1)*p] {
					d += v * zs[j]
				}
				g[s*k+t] = d
			}
		}
	}
}

// fit fits the ridge readout of layer l on the first n stimuli with
// penalty λ (already multiplied by n), writes the held-out predictions into
// pred (roTest × roNeurons) and returns the mean held-out R² over neurons.
func (r *roRidge) fit(m *Readout, l, n int, lambda float64, pred []float64) float64 {
	if key := [2]float64{float64(m.featSeed), float64(n)}; !r.haveData || key != r.dataKey {
		r.prepare(m, l, n)
		r.dataKey, r.haveData = key, true
		r.cholKey = math.NaN()
	}
	p, k := r.p, r.k
	if r.cholKey != lambda {
		c := r.chol[:k*k]
		copy(c, r.gram[:k*k])
		for i := range k {
			c[i*k+i] += lambda
		}
		roCholesky(c, k)
		r.cholKey = lambda
	}
	for j := range roNeurons {
		var sum float64
		for s := range n {
			sum += m.resp[s*roNeurons+j]
		}
		r.ymean[j] = sum / float64(n)
	}
	z, w := r.z[:n*p], r.w[:p*roNeurons]
	if p <= n { // primal: (ZᵀZ + λI) W = ZᵀY
		clear(w)
		for s := range n {
			y := m.resp[s*roNeurons : (s+1)*roNeurons]
			for a, za := range z[s*p : (s+1)*p] {
				if za == 0 {
					continue
				}
				wa := w[a*roNeurons : (a+1)*roNeurons]
				for j, v := range y {
					wa[j] += za * (v - r.ymean[j])
				}
			}
		}
		roCholeskySolve(r.chol[:k*k], k, w, roNeurons)
	} else { // dual: (ZZᵀ + λI) A = Y, W = ZᵀA
		a := r.rhs[:n*roNeurons]
		for s := range n {
			for j := range roNeurons {
				a[s*roNeurons+j] = m.resp[s*roNeurons+j] - r.ymean[j]
			}
		}
		roCholeskySolve(r.chol[:k*k], k, a, roNeurons)
		clear(w)
		for s := range n {
			as := a[s*roNeurons : (s+1)*roNeurons]
			for c, v := range z[s*p : (s+1)*p] {
				wc := w[c*roNeurons : (c+1)*roNeurons]
				for j, x := range as {
					wc[j] += v * x
				}
			}
		}
	}
	for t := range roTest {
		pt := pred[t*roNeurons : (t+1)*roNeurons]
		copy(pt, r.ymean[:])
		for c, v := range r.zt[t*p : (t+1)*p] {
			if v == 0 {
				continue
			}
			for j, x := range w[c*roNeurons : (c+1)*roNeurons] {
				pt[j] += v * x
			}
		}
	}
	var r2 float64
	for j := range roNeurons {
		var ssRes, ssTot, mean float64
		for t := range roTest {
			mean += m.resp[(roMaxTrain+t)*roNeurons+j]
		}
		mean /= roTest
		for t := range roTest {
			obs := m.resp[(roMaxTrain+t)*roNeurons+j]
			d := obs - pred[t*roNeurons+j]
			ssRes += d * d
			ssTot += (obs - mean) * (obs - mean)
		}
		if ssTot > 0 {
			r2 += 1 - ssRes/ssTot
		}
	}
	return r2 / roNeurons
}

// roCholesky overwrites the lower triangle of the symmetric
// positive-definite k×k matrix g (row-major) with its Cholesky factor L,
// g = L·Lᵀ. A pivot that is not positive (g not positive definite to
// working precision) is replaced by a tiny one, so results stay finite.
func roCholesky(g []float64, k int) {
	for j := range k {
		gj := g[j*k : j*k+j]
		d := g[j*k+j]
		for _, v := range gj {
			d -= v * v
		}
		d = math.Sqrt(math.Max(d, 1e-300))
		g[j*k+j] = d
		for i := j + 1; i < k; i++ {
			gi := g[i*k : i*k+j]
			s := g[i*k+j]
			for c, v := range gi {
				s -= v * gj[c]
			}
			g[i*k+j] = s / d
		}
	}
}

// roCholeskySolve solves L·Lᵀ·X = B in place, for the Cholesky factor L in
// the lower triangle of l (k×k, from roCholesky) and B of k rows and nrhs
// columns (row-major), which is overwritten by X.
func roCholeskySolve(l []float64, k int, b []float64, nrhs int) {
	for i := range k { // L·Y = B
		bi := b[i*nrhs : (i+1)*nrhs]
		for c := range i {
			if v := l[i*k+c]; v != 0 {
				bc := b[c*nrhs : (c+1)*nrhs]
				for r := range bi {
					bi[r] -= v * bc[r]
				}
			}
		}
		d := l[i*k+i]
		for r := range bi {
			bi[r] /= d
		}
	}
	for i := k - 1; i >= 0; i-- { // Lᵀ·X = Y
		bi := b[i*nrhs : (i+1)*nrhs]
		for c := i + 1; c < k; c++ {
			if v := l[c*k+i]; v != 0 {
				bc := b[c*nrhs : (c+1)*nrhs]
				for r := range bi {
					bi[r] -= v * bc[r]
				}
			}
		}
		d := l[i*k+i]
		for r := range bi {
			bi[r] /= d
		}
	}
}
