package vision

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

const (
	prSide    = 16 // images are prSide×prSide
	prPix     = prSide * prSide
	prMaxR    = 8 // largest kernel radius, px
	prKSide   = 2*prMaxR + 1
	prDT      = 1.0 // ms per filter position
	prPool    = 4   // pooling blocks are prPool×prPool px
	prBlocks  = (prSide / prPool) * (prSide / prPool)
	prPerCls  = 128 // training pool per class
	prTest    = 200 // held-out images
	prRepeats = 8   // training sets drawn per point
	prMaxN    = 64  // most training examples
	prBarLen  = 8   // px
	prBarW    = 2   // px
	prRidge   = 0.1 // ridge penalty as a fraction of the mean squared feature norm
	prSurr    = 2.0 // surround σ over centre σ of the DoG
	prLambda  = 2.0 // Gabor wavelength over σ
)

// Filters of the priors lab, the values of its "filter" parameter.
const (
	PriorNone  = iota // identity: the raw image
	PriorDoG          // centre–surround difference of Gaussians
	PriorGabor        // even Gabor
)

// Images of the priors lab, the values of its "image" parameter.
const (
	ImgEdge = iota
	ImgChecker
	ImgTexture
	ImgSpot
	ImgBars
)

// prCurveN are the training-set sizes of the sample-efficiency curve.
var prCurveN = [...]int{2, 4, 8, 16, 32, 64}

// Priors applies a fixed receptive field to a 16×16 image and measures what
// that fixed front end is worth to a learner.
//
// Filters (x, y in px from the kernel's centre; image edges are extended
// by repeating the border pixel):
//
//	DoG:   K = G(σ) − G(2σ),  G(s) = e^(−(x²+y²)/(2s²)), each part scaled to sum 1
//	Gabor: K = e^(−(x²+y²)/(2σ²))·cos(2πu/λ),  u = −x·sin θ + y·cos θ,  λ = 2σ,
//	       less its mean, so that it also sums to 0
//	none:  K = δ (the output is the image)
//
// The difference of Gaussians is the centre–surround receptive field of
// retinal ganglion cells (Rodieck 1965; Enroth-Cugell & Robson 1966); the
// Gabor function fits simple cells of V1 (Daugman 1985; Jones & Palmer
// 1987). θ is the orientation of the bars the Gabor prefers (0° =
// horizontal). Both kernels sum to 0, so a uniform image gives 0. The
// kernel's radius is ⌈3·(largest σ)⌉, at most 8 px.
//
// The sample-efficiency experiment: images of one bar, 8×2 px, horizontal
// or vertical, at a random place, plus Gaussian pixel noise σ_n (the noise
// parameter); the task is to tell the orientation. Two learners use the
// same classifier — ridge regression on ±1 labels with centred features,
// penalty 0.1 × the mean squared feature norm, sign of the output:
//
//	raw:   the 256 pixels
//	prior: the filter's response maps at θ and θ + 90° (one map for DoG and
//	       none), rectified (|·|) and averaged over 4×4-px blocks: 32 (16)
//	       features
//
// Held-out accuracy on 200 images is averaged over 8 balanced training sets
// per size n (2, 4, …, 64; and the current n_train for the metrics), all
// seeded by the run's seed. The experiment is computed on demand and cached
// per parameters. A step of 1 ms moves the filter by one pixel across the
// image, revealing the output map row by row.
type Priors struct {
	sim.Params
	Filter float64 // PriorNone, PriorDoG or PriorGabor
	Sigma  float64 // px
	Theta  float64 // degrees
	Image  float64 // ImgEdge …
	Noise  float64 // pixel noise σ
	NTrain float64 // training examples for the metrics

	info sim.Info
	t    float64
	seed uint64
	pos  int // next output pixel of the scan

	img    [prPix]float64
	out    [prPix]float64 // full output map
	shown  [prPix]bool
	kernel [prKSide * prKSide]float64
	kR     int
	kKey   [3]float64
	kOK    bool

	// The experiment.
	src     *rand.PCG
	rng     *rand.Rand
	trainX  []float64 // raw pixels, (2·prPerCls)×prPix; class = index parity
	testX   []float64 // prTest×prPix
	testY   []float64
	trainF  []float64 // prior features, (2·prPerCls)×2·prBlocks
	testF   []float64
	nf      int // prior features in use
	scratch prScratch
	dataKey [2]float64 // noise, seed of the images
	dataOK  bool
	rawAcc  [len(prCurveN)]float64
	priAcc  [len(prCurveN)]float64
	curKey  [5]float64 // filter, sigma, theta, noise, seed of the curves
	curOK   bool
	nowKey  [6]float64
	nowRaw  float64
	nowPri  float64
	kTmp    [prKSide * prKSide]float64 // the orthogonal kernel
	mapTmp  [2][prPix]float64
}

// prScratch holds the ridge regression's buffers.
type prScratch struct {
	idx   [2 * prPerCls]int
	mean  [prPix]float64
	k     [prMaxN * prMaxN]float64
	alpha [prMaxN]float64
	w     [prPix]float64
}

// NewPriors returns the lab with default parameters, reset with seed 1.
func NewPriors() *Priors {
	m := &Priors{Params: sim.NewParams("priors")}
	m.Bind(sim.Param{Key: "filter", Label: "filter", Choices: []string{"none", "dog", "gabor"}, Default: PriorGabor,
		Help: "receptive field: none (raw pixels), centre–surround DoG, oriented Gabor"}, &m.Filter)
	m.Bind(sim.Param{Key: "sigma", Label: "σ", Unit: "px", Min: 0.5, Max: 2.5, Step: 0.1, Default: 1.5,
		Help: "scale: centre σ of the DoG (surround 2σ), envelope σ of the Gabor (wavelength 2σ)"}, &m.Sigma)
	m.Bind(sim.Param{Key: "theta", Label: "θ", Unit: "°", Min: 0, Max: 180, Step: 5, Default: 0,
		Help: "orientation of the bars the Gabor prefers (0° horizontal)"}, &m.Theta)
	m.Bind(sim.Param{Key: "image", Label: "image", Choices: []string{"edge", "checker", "texture", "spot", "bars"},
		Default: ImgBars, Help: "image shown in the filter maps"}, &m.Image)
	m.Bind(sim.Param{Key: "noise", Label: "σ noise", Min: 0, Max: 1.5, Step: 0.05, Default: 0.25,
		Help: "pixel noise, in the image shown and in the learning task (bar intensity 1)"}, &m.Noise)
	m.Bind(sim.Param{Key: "n_train", Label: "n train", Min: 2, Max: prMaxN, Step: 2, Default: 8, Integer: true,
		Help: "training examples for the accuracy metrics", Live: true}, &m.NTrain)
	m.src = rand.NewPCG(1, 0)
	m.rng = rand.New(m.src)
	m.trainX = make([]float64, 2*prPerCls*prPix)
	m.testX = make([]float64, prTest*prPix)
	m.testY = make([]float64, prTest)
	m.trainF = make([]float64, 2*prPerCls*2*prBlocks)
	m.testF = make([]float64, prTest*2*prBlocks)
	m.info = m.describe()
	m.Reset(1)
	return m
}

func (m *Priors) describe() sim.Info {
	return sim.Info{
		ID:       "priors",
		Title:    "Receptive fields as priors",
		Summary:  "centre–surround and Gabor filters on small images, and how much data a fixed front end saves",
		DT:       prDT,
		StepNote: "the filter moves one pixel across the image per 1 ms step",
		Window:   prPix, Speed: 64,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "acc_raw", Label: "acc raw", Help: "held-out accuracy from raw pixels with n_train examples"},
			{Key: "acc_prior", Label: "acc prior", Help: "held-out accuracy from the filter's pooled maps with n_train examples"},
			{Key: "gain", Label: "gain", Help: "acc_prior − acc_raw"},
			{Key: "out_mean", Label: "mean output", Help: "mean of the filter's output map over the image"},
		},
		Signals: []sim.Signal{{Key: "pixel", Label: "image"}, {Key: "response", Label: "filter output"}},
		Plots: []sim.PlotSpec{
			{Key: "maps", Title: "Image, receptive field, output (revealed as the filter slides)", Kind: sim.PlotGrid},
			{Key: "scan", Title: "Image and filter output along the scan", Kind: sim.PlotTrace,
				Signals: []string{"pixel", "response"}},
			{Key: "curve", Title: "Bar orientation task: held-out accuracy against training examples", Kind: sim.PlotXY,
				XLabel: "training examples", YLabel: "accuracy", YMin: 0.4, YMax: 1},
		},
	}
}

// Info describes the model.
func (m *Priors) Info() sim.Info { return m.info }

// Time is the simulated time in ms.
func (m *Priors) Time() float64 { return m.t }

// Reset draws the image with its noise, filters it and restarts the scan.
func (m *Priors) Reset(seed uint64) {
	m.seed, m.t, m.pos = seed, 0, 0
	m.shown = [prPix]bool{}
	rng := sim.NewRand(seed)
	DrawImage(int(m.Image), m.img[:])
	for p := range prPix {
		m.img[p] += m.Noise * rng.NormFloat64()
	}
	m.buildKernel()
	Filter(m.img[:], m.kernel[:], m.kR, m.out[:])
}

// DrawImage writes one of the built-in 16×16 images (values 0…1) into dst.
func DrawImage(which int, dst []float64) {
	c := float64(prSide-1) / 2
	for y := range prSide {
		for x := range prSide {
			v := 0.0
			switch which {
			case ImgEdge:
				if x >= prSide/2 {
					v = 1
				}
			case ImgChecker:
				if (x/4+y/4)%2 == 0 {
					v = 1
				}
			case ImgTexture:
				// A fixed sum of gratings with amplitude ∝ 1/f, the power
				// spectrum of natural images.
				for k := range 6 {
					f := 0.06 * math.Pow(1.6, float64(k)) // cycles/px
					th := 2.4 * float64(k)                // rad
					ph := 1.7 * float64(k*k)
					v += 0.18 / (1 + float64(k)) * math.Cos(2*math.Pi*f*(float64(x)*math.Cos(th)+float64(y)*math.Sin(th))+ph)
				}
				v = 0.5 + v
			case ImgSpot:
				if math.Hypot(float64(x)-c, float64(y)-c) <= 3 {
					v = 1
				}
			case ImgBars:
				if (y >= 4 && y < 6 && x >= 2 && x < 10) || (x >= 11 && x < 13 && y >= 7 && y < 15) {
					v = 1
				}
			}
			dst[y*prSide+x] = v
		}
	}
}

// kernelRadius is ⌈3·(largest σ)⌉ capped at prMaxR.
func kernelRadius(filter int, sigma float64) int {
	s := sigma
	if filter == PriorDoG {
		s *= prSurr
	}
	if filter == PriorNone {
		return 0
	}
	return min(prMaxR, int(math.Ceil(3*s)))
}

// BuildKernel writes the filter's (2R+1)² kernel, row-major, into k and
// returns R.
func BuildKernel(filter int, sigma, thetaDeg float64, k []float64) int {
	r := kernelRadius(filter, sigma)
	side := 2*r + 1
	clear(k[:side*side])
	switch filter {
	case PriorNone:
		k[0] = 1
	case PriorDoG:
		var sc, ss float64
		for y := -r; y <= r; y++ {
			for x := -r; x <= r; x++ {
				d2 := float64(x*x + y*y)
				sc += math.Exp(-d2 / (2 * sigma * sigma))
				ss += math.Exp(-d2 / (2 * prSurr * prSurr * sigma * sigma))
			}
		}
		for y := -r; y <= r; y++ {
			for x := -r; x <= r; x++ {
				d2 := float64(x*x + y*y)
				k[(y+r)*side+x+r] = math.Exp(-d2/(2*sigma*sigma))/sc - math.Exp(-d2/(2*prSurr*prSurr*sigma*sigma))/ss
			}
		}
	case PriorGabor:
		th := thetaDeg * math.Pi / 180
		lambda := prLambda * sigma
		mean := 0.0
		for y := -r; y <= r; y++ {
			for x := -r; x <= r; x++ {
				u := -float64(x)*math.Sin(th) + float64(y)*math.Cos(th)
				v := math.Exp(-float64(x*x+y*y)/(2*sigma*sigma)) * math.Cos(2*math.Pi*u/lambda)
				k[(y+r)*side+x+r] = v
				mean += v
			}
		}
		mean /= float64(side * side)
		for i := range side * side {
			k[i] -= mean
		}
	}
	return r
}

func (m *Priors) buildKernel() {
	key := [3]float64{m.Filter, m.Sigma, m.Theta}
	if m.kOK && key == m.kKey {
		return
	}
	m.kR = BuildKernel(int(m.Filter), m.Sigma, m.Theta, m.kernel[:])
	m.kKey, m.kOK = key, true
}

// filterAt is the kernel's response at pixel (x, y) of img, border pixels
// repeated beyond the edge.
func filterAt(img, k []float64, r, x, y int) float64 {
	side := 2*r + 1
	s := 0.0
	for dy := -r; dy <= r; dy++ {
		yy := min(prSide-1, max(0, y+dy))
		row := img[yy*prSide:]
		kr := k[(dy+r)*side:]
		for dx := -r; dx <= r; dx++ {
			xx := min(prSide-1, max(0, x+dx))
			s += kr[dx+r] * row[xx]
		}
	}
	return s
}

// Filter writes the response map of the kernel (radius r) on the 16×16 img
// into out.
func Filter(img, k []float64, r int, out []float64) {
	for y := range prSide {
		for x := range prSide {
			out[y*prSide+x] = filterAt(img, k, r, x, y)
		}
	}
}

// Step reveals the output at the next pixel of the scan; a finished scan
// starts again.
func (m *Priors) Step() {
	if m.pos >= prPix {
		m.pos = 0
		m.shown = [prPix]bool{}
	}
	m.shown[m.pos] = true
	m.pos++
	m.t += prDT
}

// current is the pixel the filter is on.
func (m *Priors) current() int { return max(0, m.pos-1) }

// Sample records the image and the filter output at the scan position.
func (m *Priors) Sample(dst []float64) {
	p := m.current()
	dst[0], dst[1] = m.img[p], m.out[p]
}

// Metrics reports acc_raw, acc_prior, gain and out_mean.
func (m *Priors) Metrics(dst []float64) {
	raw, pri := m.Accuracy()
	mean := 0.0
	for _, v := range m.out {
		mean += v
	}
	dst[0], dst[1], dst[2], dst[3] = raw, pri, pri-raw, mean/prPix
}

// Plot fills the maps or the accuracy curves.
func (m *Priors) Plot(key string, dst *sim.PlotData) {
	switch key {
	case "maps":
		g := dst.AddGrid("image", prSide, prSide)
		copy(g.V, m.img[:])
		side := 2*m.kR + 1
		k := dst.AddGrid("receptive field", side, side)
		copy(k.V, m.kernel[:side*side])
		lim := 0.0
		for _, v := range k.V {
			lim = math.Max(lim, math.Abs(v))
		}
		k.Min, k.Max = -lim, lim
		o := dst.AddGrid("output", prSide, prSide)
		lim = 1e-9
		for p := range prPix {
			lim = math.Max(lim, math.Abs(m.out[p]))
			o.V[p] = 0
			if m.shown[p] {
				o.V[p] = m.out[p]
			}
		}
		o.Min, o.Max = -lim, lim
	case "curve":
		m.ensureCurves()
		raw := dst.AddSeries("raw pixels", false)
		pri := dst.AddSeries("prior features", false)
		for i, n := range prCurveN {
			raw.Add(float64(n), m.rawAcc[i])
			pri.Add(float64(n), m.priAcc[i])
		}
		r, p := m.Accuracy()
		now := dst.AddSeries("n_train", true)
		now.Add(m.NTrain, r)
		now.Add(m.NTrain, p)
		dst.XMin, dst.XMax, dst.YMin, dst.YMax = 0, prMaxN, 0.4, 1
	}
}

// DrawBarTask writes one image of the orientation task into dst: a bar of
// 8×2 px (horizontal or vertical) at a random place, plus pixel noise.
func DrawBarTask(dst []float64, horizontal bool, noise float64, rng *rand.Rand) {
	w, h := prBarLen, prBarW
	if !horizontal {
		w, h = h, w
	}
	x0, y0 := rng.IntN(prSide-w+1), rng.IntN(prSide-h+1)
	for y := range prSide {
		for x := range prSide {
			v := 0.0
			if x >= x0 && x < x0+w && y >= y0 && y < y0+h {
				v = 1
			}
			dst[y*prSide+x] = v + noise*rng.NormFloat64()
		}
	}
}

// ensureData draws the task's training pool and test set for the current
// noise and seed. Training image i is horizontal when i is even.
func (m *Priors) ensureData() {
	key := [2]float64{m.Noise, float64(m.seed)}
	if m.dataOK && key == m.dataKey {
		return
	}
	m.dataKey, m.dataOK = key, true
	m.src.Seed(m.seed, 0x5eed)
	for i := range 2 * prPerCls {
		DrawBarTask(m.trainX[i*prPix:(i+1)*prPix], i%2 == 0, m.Noise, m.rng)
	}
	for i := range prTest {
		DrawBarTask(m.testX[i*prPix:(i+1)*prPix], i%2 == 0, m.Noise, m.rng)
		m.testY[i] = 1
		if i%2 == 1 {
			m.testY[i] = -1
		}
	}
	m.curOK = false
}

// features writes the prior features of the image img into f: |response|
// averaged over 4×4-px blocks, for the kernel (and, for the Gabor, the
// orthogonal kernel), and returns their number.
func (m *Priors) features(img, f []float64, r int) int {
	maps := 1
	if int(m.Filter) == PriorGabor {
		maps = 2
	}
	for k := range maps {
		kern := m.kernel[:]
		if k == 1 {
			kern = m.kTmp[:]
		}
		Filter(img, kern, r, m.mapTmp[k][:])
		for b := range prBlocks {
			bx, by := (b%(prSide/prPool))*prPool, (b/(prSide/prPool))*prPool
			s := 0.0
			for y := by; y < by+prPool; y++ {
				for x := bx; x < bx+prPool; x++ {
					s += math.Abs(m.mapTmp[k][y*prSide+x])
				}
			}
			f[k*prBlocks+b] = s / (prPool * prPool)
		}
	}
	return maps * prBlocks
}

// ensureCurves computes both accuracy curves for the current filter,
// scale, orientation, noise and seed.
func (m *Priors) ensureCurves() {
	m.ensureData()
	key := [5]float64{m.Filter, m.Sigma, m.Theta, m.Noise, float64(m.seed)}
	if m.curOK && key == m.curKey {
		return
	}
	m.buildKernel()
	r := BuildKernel(int(m.Filter), m.Sigma, m.Theta+90, m.kTmp[:])
	stride := 2 * prBlocks
	for i := range 2 * prPerCls {
		m.nf = m.features(m.trainX[i*prPix:(i+1)*prPix], m.trainF[i*stride:], r)
	}
	for i := range prTest {
		m.features(m.testX[i*prPix:(i+1)*prPix], m.testF[i*stride:], r)
	}
	for i, n := range prCurveN {
		m.rawAcc[i] = m.meanAccuracy(m.trainX, m.testX, prPix, prPix, n)
		m.priAcc[i] = m.meanAccuracy(m.trainF, m.testF, stride, m.nf, n)
	}
	m.curKey, m.curOK = key, true
}

// Accuracy returns the held-out accuracies from raw pixels and from the
// prior features with n_train examples (cached).
func (m *Priors) Accuracy() (raw, prior float64) {
	m.ensureCurves()
	key := [6]float64{m.Filter, m.Sigma, m.Theta, m.Noise, float64(m.seed), m.NTrain}
	if key != m.nowKey {
		n := int(m.NTrain)
		m.nowRaw = m.meanAccuracy(m.trainX, m.testX, prPix, prPix, n)
		m.nowPri = m.meanAccuracy(m.trainF, m.testF, 2*prBlocks, m.nf, n)
		m.nowKey = key
	}
	return m.nowRaw, m.nowPri
}

// meanAccuracy trains the ridge classifier on prRepeats balanced training
// sets of n images (the same sets for raw pixels and features: the stream
// is seeded by the run's seed and n) and returns its mean held-out
// accuracy. Rows of train and test are stride apart; the first d values
// of a row are its features.
func (m *Priors) meanAccuracy(train, test []float64, stride, d, n int) float64 {
	s := &m.scratch
	m.src.Seed(m.seed, uint64(n)+0xacc)
	total := 0.0
	for range prRepeats {
		// Partial shuffles of each class's pool.
		for i := range 2 * prPerCls {
			s.idx[i] = i
		}
		nh := n / 2
		for c, want := range [2]int{nh, n - nh} {
			for k := range want {
				j := k + m.rng.IntN(prPerCls-k)
				s.idx[2*k+c], s.idx[2*j+c] = s.idx[2*j+c], s.idx[2*k+c]
			}
		}
		pick := func(k int) int { // k-th training example: alternate classes
			if k < 2*nh {
				return s.idx[k]
			}
			return s.idx[2*(k-nh)+1]
		}
		label := func(i int) float64 {
			if i%2 == 0 {
				return 1
			}
			return -1
		}
		clear(s.mean[:d])
		ybar := 0.0
		for k := range n {
			row := train[pick(k)*stride:]
			for f := range d {
				s.mean[f] += row[f] / float64(n)
			}
			ybar += label(pick(k)) / float64(n)
		}
		tr := 0.0
		for a := range n {
			ra := train[pick(a)*stride:]
			for b := 0; b <= a; b++ {
				rb := train[pick(b)*stride:]
				v := 0.0
				for f := range d {
					v += (ra[f] - s.mean[f]) * (rb[f] - s.mean[f])
				}
				s.k[a*n+b], s.k[b*n+a] = v, v
			}
			tr += s.k[a*n+a]
		}
		lambda := prRidge*tr/float64(n) + 1e-12
		for a := range n {
			s.k[a*n+a] += lambda
			s.alpha[a] = label(pick(a)) - ybar
		}
		cholSolve(s.k[:n*n], s.alpha[:n], n)
		clear(s.w[:d])
		for a := range n {
			ra := train[pick(a)*stride:]
			for f := range d {
				s.w[f] += s.alpha[a] * (ra[f] - s.mean[f])
			}
		}
		correct := 0
		for i := range prTest {
			row := test[i*stride:]
			out := ybar
			for f := range d {
				out += s.w[f] * (row[f] - s.mean[f])
			}
			if (out > 0) == (m.testY[i] > 0) {
				correct++
			}
		}
		total += float64(correct) / prTest
	}
	return total / prRepeats
}

// cholSolve solves a·x = b in place (b becomes x) for a symmetric positive
// definite n×n a, which it overwrites with its Cholesky factor.
func cholSolve(a, b []float64, n int) {
	for j := range n {
		s := a[j*n+j]
		for k := range j {
			s -= a[j*n+k] * a[j*n+k]
		}
		d := math.Sqrt(math.Max(s, 1e-300))
		a[j*n+j] = d
		for i := j + 1; i < n; i++ {
			v := a[i*n+j]
			for k := range j {
				v -= a[i*n+k] * a[j*n+k]
			}
			a[i*n+j] = v / d
		}
	}
	for i := range n {
		v := b[i]
		for k := range i {
			v -= a[i*n+k] * b[k]
		}
		b[i] = v / a[i*n+i]
	}
	for i := n - 1; i >= 0; i-- {
		v := b[i]
		for k := i + 1; k < n; k++ {
			v -= a[k*n+i] * b[k]
		}
		b[i] = v / a[i*n+i]
	}
}
