package network

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

const (
	hopMaxN      = 400  // most neurons the lab offers
	hopMaxP      = 100  // most stored patterns the lab offers
	hopDT        = 1.0  // ms per single-unit update
	hopMaxSweeps = 40   // a recall test gives up after this many sweeps
	hopErrFrac   = 0.01 // a recall with at most this fraction of wrong bits counts as stable
	hopAlphaC    = 0.138
	hopCapSeeds  = 3    // networks averaged per point of the capacity curve
	hopCapTests  = 20   // patterns cued per network and point
	hopCapMaxA   = 0.25 // capacity curve spans loads P/N up to this
	hopCapPoints = 10
)

// Hopfield is a Hopfield network of N binary (±1) neurons storing P random
// patterns ξ^μ with the Hebbian rule, recalled from a corrupted cue by
// asynchronous updates:
//
//	W_ij = (1/N)·Σ_μ ξ_i^μ ξ_j^μ  (i ≠ j),   W_ii = 0
//	s_i ← sgn(h_i),   h_i = Σ_j W_ij s_j   (s_i kept when h_i = 0)
//	E = −½·Σ_ij W_ij s_i s_j   (never rises under these updates)
//	m = (1/N)·Σ_i ξ_i^1 s_i   (overlap with the cued pattern, −1…1)
//
// (Hopfield 1982, PNAS 79(8):2554–2558). Each 1 ms step updates one unit;
// a sweep visits all N units once in a fresh seeded random order. W is
// never formed: the field is computed from the pattern overlaps,
// h_i = (1/N)·Σ_μ ξ_i^μ M_μ − (P/N)·s_i with M_μ = Σ_j ξ_j^μ s_j, which is
// the same number at O(P) cost per update.
//
// The cue is pattern 1 with exactly round(flip·N) distinct bits flipped.
// stable_fraction is the fraction of the P stored patterns that, used
// uncorrupted as cues, settle (a sweep without a flip, or 40 sweeps) with at
// most 1% of bits wrong; it is computed at Reset (about 0.2 s at the
// largest N and P). Beyond the load P/N = α_c ≈ 0.14 (Amit, Gutfreund &
// Sompolinsky 1985, PRL 55(14):1530–1533; 0.138 in their 1987 Annals of
// Physics analysis) the stored patterns stop being attractors for large N;
// the capacity plot measures this for the current N (loads 0.025–0.25,
// averaged over 3 fixed-seed networks, 20 cued patterns each, cached per N).
type Hopfield struct {
	sim.Params
	N        float64 // neurons
	Patterns float64 // stored patterns P
	Flip     float64 // fraction of cue bits flipped

	info sim.Info
	t    float64
	rng  *rand.Rand

	n, p   int
	xi     []float64 // pattern-major: xi[μ·N + i]
	xiT    []float64 // unit-major:    xiT[i·P + μ]
	s, cue []float64
	M      []float64 // M_μ = Σ_j ξ_j^μ s_j
	order  []int
	pos    int
	flips  int // flips in the current sweep
	conv   bool
	stable float64

	rec    hopRecall // scratch for stable_fraction and the capacity curve
	capN   int       // N the capacity curve was computed for; 0 if none
	capX   []float64
	capY   []float64
	capXiT []float64
	capPCG *rand.PCG
	capRng *rand.Rand
}

// hopRecall is scratch space for recall tests.
type hopRecall struct {
	s, M  []float64
	order []int
}

// NewHopfield returns the network with default parameters, reset with
// seed 1.
func NewHopfield() *Hopfield {
	m := &Hopfield{Params: sim.NewParams("hopfield")}
	m.Bind(sim.Param{Key: "n", Label: "N", Min: 16, Max: hopMaxN, Step: 1, Default: 100, Integer: true,
		Help: "number of neurons (drawn as a near-square bitmap)"}, &m.N)
	m.Bind(sim.Param{Key: "patterns", Label: "P", Min: 1, Max: hopMaxP, Step: 1, Default: 5, Integer: true,
		Help: "number of stored random patterns"}, &m.Patterns)
	m.Bind(sim.Param{Key: "flip", Label: "flipped", Min: 0, Max: 0.5, Step: 0.01, Default: 0.2,
		Help: "fraction of the cue's bits flipped"}, &m.Flip)
	m.xi = make([]float64, hopMaxN*hopMaxP)
	m.xiT = make([]float64, hopMaxN*hopMaxP)
	m.s, m.cue = make([]float64, hopMaxN), make([]float64, hopMaxN)
	m.M = make([]float64, hopMaxP)
	m.order = make([]int, hopMaxN)
	maxCapP := int(math.Round(hopCapMaxA * hopMaxN))
	m.rec = hopRecall{s: make([]float64, hopMaxN), M: make([]float64, maxCapP), order: make([]int, hopMaxN)}
	m.capXiT = make([]float64, hopMaxN*maxCapP)
	m.info = m.describe()
	m.Reset(1)
	return m
}

func (m *Hopfield) describe() sim.Info {
	return sim.Info{
		ID:       "hopfield",
		Title:    "Hopfield associative memory",
		Summary:  "binary network with Hebbian weights recalls a stored pattern from a corrupted cue",
		DT:       hopDT,
		StepNote: "one asynchronous update of one unit per 1 ms step; a sweep updates all N units once, in a fresh random order",
		Window:   2000, Speed: 200,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "overlap", Label: "overlap m", Help: "agreement of the state with the cued pattern, −1…1"},
			{Key: "stable_fraction", Label: "stable", Help: "fraction of stored patterns recalled with ≤ 1% wrong bits from a clean cue"},
			{Key: "energy", Label: "E/N", Help: "energy per neuron; falls at every flip"},
			{Key: "load", Label: "load P/N", Help: "stored patterns per neuron"},
			{Key: "converged", Label: "settled", Help: "1 once a whole sweep passes without a flip"},
		},
		Signals: []sim.Signal{{Key: "overlap", Label: "overlap m"}, {Key: "energy", Label: "E/N"}},
		Plots: []sim.PlotSpec{
			{Key: "memory", Title: "Cue, state and stored pattern", Kind: sim.PlotGrid},
			{Key: "overlap", Title: "Overlap with the cued pattern", Kind: sim.PlotTrace, Signals: []string{"overlap"},
				YLabel: "m", YMin: -1, YMax: 1},
			{Key: "energy", Title: "Energy per neuron", Kind: sim.PlotTrace, Signals: []string{"energy"}, YLabel: "E/N"},
			{Key: "capacity", Title: "Stable patterns against load P/N (this N)", Kind: sim.PlotXY,
				XLabel: "P/N", YLabel: "stable fraction"},
		},
	}
}

// Info describes the model.
func (m *Hopfield) Info() sim.Info { return m.info }

// Time is the simulated time in ms.
func (m *Hopfield) Time() float64 { return m.t }

// hopDraw fills xi (pattern-major, p×n) with seeded random ±1 and xiT with
// its transpose.
func hopDraw(rng *rand.Rand, n, p int, xi, xiT []float64) {
	for mu := range p {
		for i := range n {
			v := -1.0
			if rng.Uint64()&1 == 1 {
				v = 1
			}
			if xi != nil {
				xi[mu*n+i] = v
			}
			xiT[i*p+mu] = v
		}
	}
}

// Reset draws P patterns for the seed, builds the cue, measures the stable
// fraction and starts the state at the cue.
func (m *Hopfield) Reset(seed uint64) {
	m.n, m.p = int(m.N), int(m.Patterns)
	n, p := m.n, m.p
	m.rng = sim.NewRand(seed)
	hopDraw(m.rng, n, p, m.xi, m.xiT)
	// The cue: pattern 1 with round(flip·N) distinct bits flipped, chosen
	// by a partial Fisher–Yates shuffle.
	for i := range n {
		m.cue[i] = m.xi[i]
		m.order[i] = i
	}
	k := int(math.Round(m.Flip * float64(n)))
	for j := range k {
		r := j + m.rng.IntN(n-j)
		m.order[j], m.order[r] = m.order[r], m.order[j]
		m.cue[m.order[j]] = -m.cue[m.order[j]]
	}
	copy(m.s[:n], m.cue[:n])
	for mu := range p {
		m.M[mu] = 0
		for i := range n {
			m.M[mu] += m.xi[mu*n+i] * m.s[i]
		}
	}
	m.t, m.flips, m.conv = 0, 0, false
	m.shuffle(m.rng, m.order[:n])
	m.pos = 0
	// Stable fraction with its own stream, so it does not shift the run's.
	srng := sim.NewRand(seed ^ 0x5ab1e)
	good := 0
	for mu := range p {
		if hopRecallErrors(n, p, m.xiT, mu, srng, &m.rec) <= int(hopErrFrac*float64(n)) {
			good++
		}
	}
	m.stable = float64(good) / float64(p)
}

// shuffle puts order in a fresh random permutation (Fisher–Yates).
func (m *Hopfield) shuffle(rng *rand.Rand, order []int) {
	for i := len(order) - 1; i > 0; i-- {
		j := rng.IntN(i + 1)
		order[i], order[j] = order[j], order[i]
	}
}

// hopField is h_i = Σ_{j≠i} W_ij s_j from the overlaps M.
func hopField(i, n, p int, xiT, M, s []float64) float64 {
	row := xiT[i*p : i*p+p]
	h := 0.0
	for mu, x := range row {
		h += x * M[mu]
	}
	return (h - float64(p)*s[i]) / float64(n)
}

// hopUpdate sets s_i to sgn(h_i) (unchanged when h_i = 0), keeps M in step
// and reports whether s_i flipped.
func hopUpdate(i, n, p int, xiT, M, s []float64) bool {
	h := hopField(i, n, p, xiT, M, s)
	if h == 0 || (h > 0) == (s[i] > 0) {
		return false
	}
	d := -2 * s[i]
	s[i] = -s[i]
	row := xiT[i*p : i*p+p]
	for mu, x := range row {
		M[mu] += x * d
	}
	return true
}

// hopRecallErrors starts the network of the given patterns (unit-major
// xiT) at pattern mu, runs asynchronous sweeps in random order until a
// sweep makes no flip (or hopMaxSweeps), and returns the number of bits
// that differ from pattern mu.
func hopRecallErrors(n, p int, xiT []float64, mu int, rng *rand.Rand, r *hopRecall) int {
	s, M, order := r.s[:n], r.M[:p], r.order[:n]
	for i := range n {
		s[i] = xiT[i*p+mu]
		order[i] = i
	}
	for nu := range p {
		M[nu] = 0
		for i := range n {
			M[nu] += xiT[i*p+nu] * s[i]
		}
	}
	for range hopMaxSweeps {
		for i := n - 1; i > 0; i-- {
			j := rng.IntN(i + 1)
			order[i], order[j] = order[j], order[i]
		}
		flips := 0
		for _, i := range order {
			if hopUpdate(i, n, p, xiT, M, s) {
				flips++
			}
		}
		if flips == 0 {
			break
		}
	}
	wrong := 0
	for i := range n {
		if s[i] != xiT[i*p+mu] {
			wrong++
		}
	}
	return wrong
}

// Step updates one unit, the next of the sweep's random order.
func (m *Hopfield) Step() {
	n := m.n
	if m.pos == n {
		if m.flips == 0 {
			m.conv = true
		}
		m.flips, m.pos = 0, 0
		m.shuffle(m.rng, m.order[:n])
	}
	if hopUpdate(m.order[m.pos], n, m.p, m.xiT, m.M, m.s) {
		m.flips++
	}
	m.pos++
	m.t += hopDT
}

// Overlap is m = (1/N)·Σ ξ_i^1 s_i, the overlap with the cued pattern.
func (m *Hopfield) Overlap() float64 { return m.M[0] / float64(m.n) }

// Energy is E/N = −½·Σ_ij W_ij s_i s_j / N = −Σ_μ (M_μ² − N) / (2N²).
func (m *Hopfield) Energy() float64 {
	e := 0.0
	for _, v := range m.M[:m.p] {
		e += v*v - float64(m.n)
	}
	return -e / (2 * float64(m.n) * float64(m.n))
}

// Sample records overlap and energy.
func (m *Hopfield) Sample(dst []float64) { dst[0], dst[1] = m.Overlap(), m.Energy() }

// Metrics reports overlap, stable_fraction, energy, load and converged.
func (m *Hopfield) Metrics(dst []float64) {
	conv := 0.0
	if m.conv {
		conv = 1
	}
	dst[0], dst[1], dst[2], dst[3], dst[4] = m.Overlap(), m.stable, m.Energy(), float64(m.p)/float64(m.n), conv
}

// layout is the bitmap shape for n neurons: cols = ⌈√n⌉, rows = ⌈n/cols⌉.
func hopLayout(n int) (rows, cols int) {
	cols = int(math.Ceil(math.Sqrt(float64(n))))
	return (n + cols - 1) / cols, cols
}

// CapacityCurve returns the stable fraction against load P/N for networks
// of the current N (cached per N): for loads 0.02, 0.04, … 0.30, three
// fixed-seed networks each cue 20 of their patterns (all when fewer) and
// count recalls with at most 1% wrong bits.
func (m *Hopfield) CapacityCurve() (load, stable []float64) {
	n := int(m.N)
	if m.capN == n {
		return m.capX, m.capY
	}
	m.capX, m.capY = m.capX[:0], m.capY[:0]
	if m.capRng == nil {
		m.capPCG = rand.NewPCG(0, 0)
		m.capRng = rand.New(m.capPCG)
	}
	lastP := 0
	for k := 1; k <= hopCapPoints; k++ {
		p := max(1, int(math.Round(hopCapMaxA*float64(k)/hopCapPoints*float64(n))))
		if p == lastP {
			continue
		}
		lastP = p
		good, tried := 0, 0
		for seed := range hopCapSeeds {
			sim.Reseed(m.capPCG, uint64(1000*n+seed)) // fixed per N: a property of N, not of the run
			hopDraw(m.capRng, n, p, nil, m.capXiT)
			for mu := range min(p, hopCapTests) {
				tried++
				if hopRecallErrors(n, p, m.capXiT, mu, m.capRng, &m.rec) <= int(hopErrFrac*float64(n)) {
					good++
				}
			}
		}
		m.capX = append(m.capX, float64(p)/float64(n))
		m.capY = append(m.capY, float64(good)/float64(tried))
	}
	m.capN = n
	return m.capX, m.capY
}

// Plot fills the bitmaps (cue, state, cued pattern; +1 bright, −1 dark,
// padding 0) or the capacity curve with this network's point and the
// theoretical limit α_c ≈ 0.138.
func (m *Hopfield) Plot(key string, dst *sim.PlotData) {
	switch key {
	case "memory":
		rows, cols := hopLayout(m.n)
		for g, src := range [][]float64{m.cue[:m.n], m.s[:m.n], m.xi[:m.n]} {
			grid := dst.AddGrid([]string{"cue", "state", "stored pattern 1"}[g], rows, cols)
			grid.Min, grid.Max = -1, 1
			for i := range grid.V {
				grid.V[i] = 0
			}
			copy(grid.V, src)
		}
	case "capacity":
		x, y := m.CapacityCurve()
		c := dst.AddSeries("simulated, this N", false)
		c.X, c.Y = append(c.X, x...), append(c.Y, y...)
		lim := dst.AddSeries("α_c ≈ 0.138", false)
		lim.Add(hopAlphaC, 0)
		lim.Add(hopAlphaC, 1)
		here := dst.AddSeries("this network", true)
		here.Add(float64(m.p)/float64(m.n), m.stable)
		dst.XMin, dst.XMax, dst.YMin, dst.YMax = 0, math.Max(hopCapMaxA, float64(m.p)/float64(m.n)), 0, 1
	}
}
