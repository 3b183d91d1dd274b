package vision

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

const (
	spDT     = 1.0 // ms per patch
	spMinP   = 6   // smallest patch side, px
	spMaxP   = 8   // largest patch side, px (at 10 px a patch can take 1 ms)
	spMaxN   = spMaxP * spMaxP
	spMaxK   = 2 * spMaxN // dictionary elements at the largest ratio
	spBatch  = 100        // patches per dictionary update (Olshausen & Field's 100)
	spRefit  = 1000       // patches between Gabor fits of the whole dictionary
	spRecent = 1000       // patches in the running averages
	spGabor  = 0.6        // R² from which an element counts as Gabor-like
	spPower  = 3          // power-iteration steps after each dictionary update
	spSafety = 1.05       // step 1/(spSafety·L): power iteration estimates L from below
)

// Sparse learns a sparse code for small patches of a whitened image, after
// Olshausen & Field (1996). Each patch x (p×p pixels as a vector of
// n = p² values) is coded by coefficients a over a dictionary Φ of k unit
// columns (k = ratio·n; ratio > 1 is an overcomplete code), found by
// minimising
//
//	E(a) = ½‖x − Φa‖² + λ·Σ|a_i|
//
// with iterative soft thresholding (ISTA; Daubechies, Defrise & De Mol
// 2004), the lasso's proximal-gradient method, run for a fixed number of
// iterations from a = 0:
//
//	a ← T(a + (Φᵀx − ΦᵀΦ·a)/L),   T(u) = sign(u)·max(|u| − λ/L, 0)
//
// where L ≥ the largest eigenvalue of ΦᵀΦ (power iteration, times 1.05),
// so that E never increases. As a network: feedforward drive Φᵀx, lateral
// inhibition ΦᵀΦ between units with overlapping features, a threshold.
// (Rozell et al. 2008's locally competitive algorithm is the
// continuous-time version with the same fixed point.) The L1 cost stands
// in for Olshausen & Field's log(1 + a²): it is convex, so inference has
// no local minima, and it gives exact zeros, so the active count is well
// defined.
//
// Learning is Hebbian-like, the residual times the coefficient, summed
// over a batch of 100 patches, then every column is scaled back to unit
// length (Olshausen & Field adapted each column's gain instead):
//
//	ΔΦ = η·Σ_batch (x − Φa)·aᵀ,   φ_j ← φ_j/‖φ_j‖
//
// The patches come from a 256×256 dead-leaves image (see leafImage),
// drawn afresh from the run's seed, whitened with Olshausen & Field's
// filter R(f) = f·e^(−(f/f₀)⁴) and scaled to unit pixel variance; or from
// Gaussian noise with the same power spectrum, whitened alike, which has
// no edges. One patch per 1 ms step.
type Sparse struct {
	sim.Params
	Lambda float64 // λ, in units of the whitened pixels' standard deviation
	Eta    float64 // learning rate η per patch
	Ratio  float64 // k/n, the overcompleteness
	Patch  float64 // p, px
	Iters  float64 // ISTA iterations per patch
	Image  float64 // ImgLeaves or ImgNoise

	info    sim.Info
	t       float64
	patches int
	p, n, k int

	img    *leafImage
	imgKey [2]uint64 // image choice and seed of img
	imgOK  bool
	src    *rand.PCG
	rng    *rand.Rand

	phi   [spMaxK * spMaxN]float64 // column j is phi[j*n : (j+1)*n]
	dphi  [spMaxK * spMaxN]float64 // the batch's summed update
	gram  [spMaxK * spMaxK]float64 // ΦᵀΦ, k×k
	pv    [spMaxK]float64          // power-iteration vector
	lip   float64                  // L, the step's Lipschitz constant
	x, r  [spMaxN]float64          // the last patch and its residual
	b, a  [spMaxK]float64          // Φᵀx and the code
	grad  [spMaxK]float64
	act   [spMaxK]int // indices of the active units during inference
	fits  [spMaxK]float64
	fit   *gaborFitter
	gFrac float64 // fraction of Gabor-like elements at the last fit
	gMean float64 // mean R²

	errNum, errDen, l0 [spRecent]float64 // ‖r‖², ‖x‖², active count per patch
	head, nRec         int
	sumNum, sumDen     float64
	sumL0              float64
}

// NewSparse returns the model with default parameters, reset with seed 1.
func NewSparse() *Sparse {
	m := &Sparse{Params: sim.NewParams("sparse")}
	m.Bind(sim.Param{Key: "lambda", Label: "λ", Min: 0, Max: 2, Step: 0.05, Default: 0.6, Live: true,
		Help: "sparsity: the cost of each unit of |a|, in whitened-pixel standard deviations"}, &m.Lambda)
	m.Bind(sim.Param{Key: "eta", Label: "η", Min: 0.0005, Max: 0.05, Step: 0.0005, Default: 0.005, Live: true,
		Help: "learning rate of the dictionary, per patch"}, &m.Eta)
	m.Bind(sim.Param{Key: "ratio", Label: "k/n", Min: 0.5, Max: 2, Step: 0.25, Default: 1,
		Help: "dictionary elements per pixel: above 1 the code is overcomplete"}, &m.Ratio)
	m.Bind(sim.Param{Key: "patch", Label: "patch", Unit: "px", Min: spMinP, Max: spMaxP, Step: 1, Default: 8, Integer: true,
		Help: "side of the square image patches"}, &m.Patch)
	m.Bind(sim.Param{Key: "iters", Label: "iterations", Min: 1, Max: 100, Step: 1, Default: 20, Integer: true, Live: true,
		Help: "ISTA iterations per patch: 1 is a single feedforward pass"}, &m.Iters)
	m.Bind(sim.Param{Key: "image", Label: "image", Choices: []string{"leaves", "noise"}, Default: ImgLeaves,
		Help: "training image: whitened dead leaves (edges), or noise with the same spectrum"}, &m.Image)
	m.src = rand.NewPCG(1, 0)
	m.rng = rand.New(m.src)
	m.img = newLeafImage()
	m.fit = newGaborFitter()
	m.info = m.describe()
	m.Reset(1)
	return m
}

func (m *Sparse) describe() sim.Info {
	return sim.Info{
		ID:       "sparse",
		Title:    "Sparse coding of image patches",
		Summary:  "a dictionary learnt so that few elements explain each whitened patch turns into localised, oriented edge detectors",
		DT:       spDT,
		StepNote: "one image patch per 1 ms step; the dictionary changes every 100 patches",
		Window:   40000, Speed: 1000,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "recon_err", Label: "recon error", Help: "Σ‖x − Φa‖² / Σ‖x‖² over the last 1000 patches: the share of the variance the code misses"},
			{Key: "active", Label: "active", Help: "mean number of non-zero coefficients per patch (L0), last 1000 patches"},
			{Key: "gabor_frac", Label: "Gabor-like", Help: "fraction of elements a localised Gabor fits with R² ≥ 0.6 (refitted every 1000 patches)"},
			{Key: "fit_r2", Label: "mean fit", Help: "mean R² of the best Gabor over the elements"},
			{Key: "patches", Label: "patches", Help: "patches seen"},
		},
		Signals: []sim.Signal{
			{Key: "recon_err", Label: "recon error"},
			{Key: "gabor_frac", Label: "Gabor-like"},
			{Key: "active", Label: "active coefficients"},
		},
		Plots: []sim.PlotSpec{
			{Key: "dictionary", Title: "Dictionary: the learnt elements φ_j", Kind: sim.PlotGrid, Gallery: true},
			{Key: "learning", Title: "Reconstruction error and Gabor-like fraction", Kind: sim.PlotTrace,
				Signals: []string{"recon_err", "gabor_frac"}, YMin: 0, YMax: 1, XLabel: "patches (1 per ms)"},
			{Key: "patch", Title: "The last patch x, its reconstruction Φa, and the residual", Kind: sim.PlotGrid},
			{Key: "code", Title: "Its code a: one bar per element", Kind: sim.PlotBars},
			{Key: "sparsity", Title: "Active coefficients per patch (L0)", Kind: sim.PlotTrace, Signals: []string{"active"}},
		},
	}
}

// Info describes the model.
func (m *Sparse) Info() sim.Info { return m.info }

// Time is the simulated time in ms (= patches seen).
func (m *Sparse) Time() float64 { return m.t }

// Reset draws the image for the seed (kept if the image and seed are
// unchanged), a random unit-norm dictionary, and forgets the averages.
func (m *Sparse) Reset(seed uint64) {
	key := [2]uint64{uint64(m.Image), seed}
	if !m.imgOK || key != m.imgKey {
		m.img.make(int(m.Image), seed)
		m.imgKey, m.imgOK = key, true
	}
	sim.Reseed(m.src, seed)
	m.p = int(m.Patch)
	m.n = m.p * m.p
	m.k = max(1, int(math.Round(m.Ratio*float64(m.n))))
	m.t, m.patches = 0, 0
	for i := range m.k * m.n {
		m.phi[i] = m.rng.NormFloat64()
	}
	clear(m.dphi[:m.k*m.n])
	for j := range m.k {
		normalize(m.col(j))
		m.pv[j] = 1
	}
	m.updateGram(60)
	m.head, m.nRec, m.sumNum, m.sumDen, m.sumL0 = 0, 0, 0, 0, 0
	clear(m.x[:])
	clear(m.r[:])
	clear(m.a[:])
	m.fitAll()
}

// col returns dictionary element j.
func (m *Sparse) col(j int) []float64 { return m.phi[j*m.n : (j+1)*m.n] }

func normalize(v []float64) {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	if s = math.Sqrt(s); s > 0 {
		for i := range v {
			v[i] /= s
		}
	}
}

// updateGram recomputes ΦᵀΦ and refines L with iters power-iteration steps
// from the previous eigenvector.
func (m *Sparse) updateGram(iters int) {
	n, k := m.n, m.k
	for j := range k {
		cj := m.col(j)
		for l := 0; l <= j; l++ {
			cl := m.col(l)
			s := 0.0
			for i := range n {
				s += cj[i] * cl[i]
			}
			m.gram[j*k+l], m.gram[l*k+j] = s, s
		}
	}
	m.lip = spSafety * powerIteration(m.gram[:k*k], k, m.pv[:k], m.grad[:k], iters)
}

// powerIteration runs iters steps of v ← Gv/‖Gv‖ on the symmetric k×k
// matrix g from v (overwritten; tmp is scratch) and returns the Rayleigh
// quotient vᵀGv, at least 1e-12.
func powerIteration(g []float64, k int, v, tmp []float64, iters int) float64 {
	normalize(v)
	rho := 0.0
	for range iters {
		rho = 0
		for j := range k {
			s := 0.0
			row := g[j*k : (j+1)*k]
			for l, vl := range v {
				s += row[l] * vl
			}
			tmp[j] = s
			rho += s * v[j]
		}
		copy(v, tmp)
		normalize(v)
	}
	return math.Max(rho, 1e-12)
}
