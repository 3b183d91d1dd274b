package network

import (
	"cmp"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"

	"github.com/neurotutor/neurotutor/sim"
)

const (
	swDT       = 10.0 // ms per step: one hop of the spreading wave
	swMaxN     = 1000 // most nodes the lab offers
	swMaxK     = 20   // most neighbours per node
	swReal     = 4    // realisations averaged for the metrics
	swCurveR   = 2    // realisations averaged per point of the curves
	swExactN   = 400  // up to this n every node is a BFS source
	swSources  = 200  // sources sampled above swExactN
	swCurvePts = 14   // log-spaced p from 10⁻⁴ to 1, as in Watts & Strogatz
	swPause    = 5    // hops a finished wave is held before the next starts
)

// SmallWorld is the Watts–Strogatz small-world network (Watts & Strogatz
// 1998, Nature 393:440–442): a ring lattice of n nodes, each joined to its
// k nearest neighbours (k/2 on each side), whose edges are rewired one by
// one with probability p. Lap j = 1…k/2 visits every node i in order and,
// with probability p, moves the far end of the edge (i, i+j) to a node
// drawn uniformly at random, refusing self-loops and duplicate edges. p = 0
// is the lattice, p = 1 a random graph with the same number of edges.
//
// Two numbers describe the graph:
//
//	C = ⟨ e_i / (d_i(d_i − 1)/2) ⟩_i   clustering: the fraction of a node's
//	                                    neighbour pairs that are themselves
//	                                    joined (0 for d_i < 2)
//	L = ⟨ d(i, j) ⟩_{i≠j}              characteristic path length: the mean
//	                                    shortest-path distance in hops
//
// For the lattice C(0) = 3(k − 2)/(4(k − 1)) and, with h = k/2,
// L(0) = 1/(n − 1)·Σ_{δ=1}^{n−1} ⌈min(δ, n − δ)/h⌉ ≈ n/(2k); for a random
// graph C ≈ k/n and L ≈ ln n/ln k. Pairs that no path joins (a rewired
// graph may fall apart for small k) are left out of L. L is exact (a
// breadth-first search from every node) for n ≤ 400; above, it is estimated
// from 200 evenly spaced source nodes.
//
// The metrics average swReal = 4 realisations whose random numbers derive
// from the run's seed; every edge keeps its own random numbers across p
// (common random numbers), so the graphs at two values of p differ only in
// the edges whose draw lies between them. The C(p)/C(0) and L(p)/L(0)
// curves (14 values of p, 2 realisations each) are cached per (n, k, seed).
//
// The model is static; Step animates a spreading wave on realisation 0:
// each 10 ms step the wave advances one hop from a randomly chosen source,
// showing how fast shortcuts carry a signal around the ring.
type SmallWorld struct {
	sim.Params
	N, K, P float64

	info sim.Info
	t    float64
	rng  *rand.Rand // the wave's sources

	n, h  int               // nodes, neighbours per side
	adj   []uint64          // adjacency bit matrix of the current realisation
	edges [][2]int32        // u, v of each edge
	u     [swReal][]float64 // rewiring draw of each edge, per realisation
	key   [swReal][]uint64  // target stream of each edge, per realisation
	off   []int32           // CSR offsets, n+1
	nbr   []int32           // CSR neighbour lists
	deg   []int32           // fill counters while building the CSR
	dist  []int32           // BFS distances
	queue []int32           // BFS queue

	c, l, c0, l0 float64 // averaged over realisations
	shortcuts    int     // edges of realisation 0 longer than the lattice's

	// Realisation 0, kept for the picture and the wave.
	off0, nbr0 []int32
	chord      [][2]int32 // long-range edges of realisation 0

	// The wave.
	src, hop, ecc, wait int
	level               []int32 // nodes at each distance from the source, cumulated
	reach               []int32 // distances from the source
	reached             float64

	seed           uint64 // of the current run
	curveKey       [3]float64
	curveP         [swCurvePts]float64
	curveC, curveL [swCurvePts]float64
}

// NewSmallWorld returns a 200-node ring with k = 6 and p = 0.01, reset with
// seed 1.
func NewSmallWorld() *SmallWorld {
	m := &SmallWorld{Params: sim.NewParams("smallworld")}
	m.Bind(sim.Param{Key: "n", Label: "n", Min: 20, Max: swMaxN, Step: 10, Default: 200, Integer: true,
		Help: "number of nodes on the ring"}, &m.N)
	m.Bind(sim.Param{Key: "k", Label: "k", Min: 2, Max: swMaxK, Step: 2, Default: 6, Integer: true,
		Help: "neighbours per node (even; an odd k counts as k − 1)"}, &m.K)
	m.Bind(sim.Param{Key: "p", Label: "p", Min: 0, Max: 1, Step: 0.0001, Log: true, Default: 0.01,
		Help: "probability that an edge is rewired"}, &m.P)
	for r := range swReal {
		m.u[r] = make([]float64, 0, swMaxN*swMaxK/2)
		m.key[r] = make([]uint64, 0, swMaxN*swMaxK/2)
	}
	m.info = m.describe()
	m.Reset(1)
	return m
}

func (m *SmallWorld) describe() sim.Info {
	return sim.Info{
		ID:       "smallworld",
		Title:    "Small-world networks (Watts–Strogatz)",
		Summary:  "rewire a ring lattice: clustering stays high while paths become short",
		DT:       swDT,
		StepNote: "one hop of the spreading wave per 10 ms step; the graph itself is static",
		Window:   500, Speed: 100,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "clustering_ratio", Label: "C/C₀", Help: "clustering relative to the lattice (p = 0)"},
			{Key: "path_ratio", Label: "L/L₀", Help: "mean path length relative to the lattice"},
			{Key: "clustering", Label: "C", Help: "clustering coefficient"},
			{Key: "path_length", Label: "L", Unit: "hops", Help: "mean shortest-path length"},
			{Key: "shortcuts", Label: "shortcuts", Help: "long-range edges in the drawn network"},
			{Key: "reached", Label: "reached", Help: "fraction of nodes the current wave has reached"},
		},
		Signals: []sim.Signal{{Key: "reached", Label: "reached"}},
		Plots: []sim.PlotSpec{
			{Key: "network", Title: "The ring: shortcuts as chords, the wave as dots", Kind: sim.PlotXY, Square: true},
			{Key: "curves", Title: "C(p)/C(0) and L(p)/L(0)", Kind: sim.PlotXY,
				XLabel: "log₁₀ p", YLabel: "ratio", YMin: 0, YMax: 1.05},
			{Key: "wave", Title: "Spreading wave: fraction reached", Kind: sim.PlotTrace,
				Signals: []string{"reached"}, YLabel: "fraction", YMin: 0, YMax: 1},
		},
	}
}

// Info describes the model.
func (m *SmallWorld) Info() sim.Info { return m.info }

// Time is the simulated time in ms.
func (m *SmallWorld) Time() float64 { return m.t }

// size returns n and k/2 of the current parameters.
func (m *SmallWorld) size() (n, h int) {
	n, h = int(m.N), int(m.K)/2
	return n, min(h, (n-1)/2)
}

// Reset builds the realisations of the current parameters from seed,
// measures them, and starts a wave.
func (m *SmallWorld) Reset(seed uint64) {
	m.t = 0
	n, h := m.size()
	m.n, m.h = n, h
	m.alloc(n, h)
	for r := range swReal {
		m.draw(seed, r)
	}
	m.seed = seed // the curves follow lazily, when first drawn
	m.c0, m.l0 = LatticeClustering(2*h), LatticePathLength(n, h)
	m.c, m.l = m.measure(m.P, swReal, m.sources())
	// Realisation 0 for the picture and the wave.
	m.build(0, m.P)
	m.off0 = append(m.off0[:0], m.off...)
	m.nbr0 = append(m.nbr0[:0], m.nbr...)
	m.chord = m.chord[:0]
	for _, e := range m.edges {
		if d := ringDist(int(e[0]), int(e[1]), n); d > h {
			m.chord = append(m.chord, [2]int32{min(e[0], e[1]), max(e[0], e[1])})
		}
	}
	slices.SortFunc(m.chord, func(a, b [2]int32) int { return cmp.Compare(a[0], b[0]) })
	m.shortcuts = len(m.chord)
	m.rng = sim.NewRand(seed)
	m.startWave()
}

func (m *SmallWorld) alloc(n, h int) {
	if cap(m.adj) < n*((n+63)/64) {
		m.adj = make([]uint64, n*((n+63)/64))
		m.dist = make([]int32, n)
		m.queue = make([]int32, n)
		m.deg = make([]int32, n)
		m.off = make([]int32, n+1)
		m.reach = make([]int32, n)
		m.level = make([]int32, n+1)
	}
	m.adj = m.adj[:n*((n+63)/64)]
	m.dist, m.queue, m.deg, m.reach = m.dist[:n], m.queue[:n], m.deg[:n], m.reach[:n]
	m.off, m.level = m.off[:n+1], m.level[:n+1]
	if cap(m.edges) < n*h {
		m.edges = make([][2]int32, n*h)
		m.nbr = make([]int32, 2*n*h)
	}
	m.edges, m.nbr = m.edges[:n*h], m.nbr[:2*n*h]
}

// draw fills realisation r's random numbers: one uniform draw per edge
// (rewired when below p) and one key for the stream of its new targets.
func (m *SmallWorld) draw(seed uint64, r int) {
	rng := sim.NewRand(seed*0x100000001b3 + uint64(r) + 1)
	e := m.n * m.h
	m.u[r], m.key[r] = m.u[r][:0], m.key[r][:0]
	for range e {
		m.u[r] = append(m.u[r], rng.Float64())
		m.key[r] = append(m.key[r], rng.Uint64())
	}
}

// splitmix is the SplitMix64 output function: the a-th target drawn for an
// edge is splitmix(key + a·γ) mod n.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func (m *SmallWorld) linked(u, v int) bool {
	w := (m.n + 63) / 64
	return m.adj[u*w+v/64]&(1<<(v%64)) != 0
}

func (m *SmallWorld) setLink(u, v int, on bool) {
	w := (m.n + 63) / 64
	if on {
		m.adj[u*w+v/64] |= 1 << (v % 64)
		m.adj[v*w+u/64] |= 1 << (u % 64)
	} else {
		m.adj[u*w+v/64] &^= 1 << (v % 64)
		m.adj[v*w+u/64] &^= 1 << (u % 64)
	}
}

// build rewires realisation r at probability p into edges, adj and the CSR
// lists off/nbr, following Watts & Strogatz's procedure lap by lap.
func (m *SmallWorld) build(r int, p float64) {
	n, h := m.n, m.h
	clear(m.adj)
	for j := 1; j <= h; j++ {
		for i := range n {
			e := (j-1)*n + i
			v := (i + j) % n
			m.edges[e] = [2]int32{int32(i), int32(v)}
			m.setLink(i, v, true)
		}
	}
	full := n - 1
	for e := range m.edges {
		if m.u[r][e] >= p {
			continue
		}
		i, v := int(m.edges[e][0]), int(m.edges[e][1])
		deg := 0
		for _, w := range m.adj[i*((n+63)/64) : (i+1)*((n+63)/64)] {
			deg += bits.OnesCount64(w)
		}
		if deg >= full {
			continue // no free target
		}
		for a := uint64(0); ; a++ {
			t := int(splitmix(m.key[r][e]+a*0x9e3779b97f4a7c15) % uint64(n))
			if t == i || m.linked(i, t) {
				continue
			}
			m.setLink(i, v, false)
			m.setLink(i, t, true)
			m.edges[e][1] = int32(t)
			break
		}
	}
	// CSR.
	clear(m.deg)
	for _, e := range m.edges {
		m.deg[e[0]]++
		m.deg[e[1]]++
	}
	m.off[0] = 0
	for i := range n {
		m.off[i+1] = m.off[i] + m.deg[i]
		m.deg[i] = m.off[i]
	}
	for _, e := range m.edges {
		m.nbr[m.deg[e[0]]] = e[1]
		m.deg[e[0]]++
		m.nbr[m.deg[e[1]]] = e[0]
		m.deg[e[1]]++
	}
}

// sources is the number of BFS sources used for L.
func (m *SmallWorld) sources() int {
	if m.n <= swExactN {
		return m.n
	}
	return swSources
}

// measure returns C and L at p averaged over the first reals realisations,
// L from s evenly spaced sources.
func (m *SmallWorld) measure(p float64, reals, s int) (c, l float64) {
	for r := range reals {
		m.build(r, p)
		c += m.clustering()
		l += m.pathLength(s)
	}
	return c / float64(reals), l / float64(reals)
}

// clustering is C of the graph in off/nbr.
func (m *SmallWorld) clustering() float64 {
	var sum float64
	for i := range m.n {
		ns := m.nbr[m.off[i]:m.off[i+1]]
		d := len(ns)
		if d < 2 {
			continue
		}
		links := 0
		for a := range ns {
			for b := a + 1; b < d; b++ {
				if m.linked(int(ns[a]), int(ns[b])) {
					links++
				}
			}
		}
		sum += float64(links) / float64(d*(d-1)/2)
	}
	return sum / float64(m.n)
}

// bfs fills dist with hop distances from src (−1 where unreachable) in the
// graph off/nbr and returns the number of reached nodes and their summed
// distance.
func bfs(off, nbr []int32, src int, dist, queue []int32) (reached int, sum int64) {
	for i := range dist {
		dist[i] = -1
	}
	dist[src] = 0
	queue[0] = int32(src)
	head, tail := 0, 1
	for head < tail {
		u := queue[head]
		head++
		du := dist[u]
		sum += int64(du)
		for _, v := range nbr[off[u]:off[u+1]] {
			if dist[v] < 0 {
				dist[v] = du + 1
				queue[tail] = v
				tail++
			}
		}
	}
	return tail, sum
}

// pathLength is L of the graph in off/nbr from s evenly spaced sources.
func (m *SmallWorld) pathLength(s int) float64 {
	var sum int64
	var pairs int
	for q := range s {
		src := q * m.n / s
		reached, d := bfs(m.off, m.nbr, src, m.dist, m.queue)
		sum += d
		pairs += reached - 1
	}
	if pairs == 0 {
		return 0
	}
	return float64(sum) / float64(pairs)
}

// ensureCurve computes the C(p)/C(0) and L(p)/L(0) curves for the current
// n, k and seed unless they are cached: a sweep of many rewired graphs,
// done only when the curves plot is first drawn so that building and
// resetting the model stay cheap.
func (m *SmallWorld) ensureCurve() {
	key := [3]float64{float64(m.n), float64(m.h), float64(m.seed)}
	if key != m.curveKey {
		m.curve(m.seed)
		m.curveKey = key
	}
}

// curve computes C(p)/C(0) and L(p)/L(0) at 14 log-spaced p.
func (m *SmallWorld) curve(seed uint64) {
	s := m.sources()
	if m.n > swExactN {
		s = swSources / 2
	}
	c0, l0 := LatticeClustering(2*m.h), LatticePathLength(m.n, m.h)
	for i := range swCurvePts {
		p := math.Pow(10, -4+4*float64(i)/float64(swCurvePts-1))
		c, l := m.measure(p, swCurveR, s)
		m.curveP[i] = p
		m.curveC[i], m.curveL[i] = ratio(c, c0), ratio(l, l0)
	}
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// ringDist is the distance of nodes u and v around a ring of n.
func ringDist(u, v, n int) int {
	d := u - v
	if d < 0 {
		d = -d
	}
	return min(d, n-d)
}

// LatticeClustering is C(0) = 3(k − 2)/(4(k − 1)) of a ring lattice whose
// nodes join their k nearest neighbours (k even, n > 3k/2).
func LatticeClustering(k int) float64 {
	if k < 2 {
		return 0
	}
	return 3 * float64(k-2) / (4 * float64(k-1))
}

// LatticePathLength is L(0) of a ring lattice of n nodes joined to h
// neighbours on each side: the mean over ring offsets δ = 1…n−1 of
// ⌈min(δ, n − δ)/h⌉.
func LatticePathLength(n, h int) float64 {
	if n < 2 || h < 1 {
		return 0
	}
	var s int
	for d := 1; d < n; d++ {
		s += (min(d, n-d) + h - 1) / h
	}
	return float64(s) / float64(n-1)
}

// startWave launches a wave from a random node of realisation 0.
func (m *SmallWorld) startWave() {
	m.src = m.rng.IntN(m.n)
	bfs(m.off0, m.nbr0, m.src, m.reach, m.queue)
	clear(m.level)
	m.ecc = 0
	for _, d := range m.reach {
		if d >= 0 {
			m.level[d]++
			m.ecc = max(m.ecc, int(d))
		}
	}
	for d := 1; d <= m.ecc; d++ {
		m.level[d] += m.level[d-1]
	}
	m.hop, m.wait = 0, 0
	m.reached = float64(m.level[0]) / float64(m.n)
}

// Step advances the wave by one hop; a finished wave is held for 5 hops
// and then a new one starts.
func (m *SmallWorld) Step() {
	m.t += swDT
	if m.hop < m.ecc {
		m.hop++
		m.reached = float64(m.level[m.hop]) / float64(m.n)
		return
	}
	m.wait++
	if m.wait > swPause {
		m.startWave()
	}
}

// Sample records the fraction of nodes reached.
func (m *SmallWorld) Sample(dst []float64) { dst[0] = m.reached }

// Metrics reports clustering_ratio, path_ratio, clustering, path_length,
// shortcuts and reached.
func (m *SmallWorld) Metrics(dst []float64) {
	dst[0], dst[1] = ratio(m.c, m.c0), ratio(m.l, m.l0)
	dst[2], dst[3] = m.c, m.l
	dst[4], dst[5] = float64(m.shortcuts), m.reached
}

// node is the position of node i on the unit circle, node 0 at the top,
// clockwise.
func (m *SmallWorld) node(i int) (x, y float64) {
	a := 2 * math.Pi * float64(i) / float64(m.n)
	return math.Sin(a), math.Cos(a)
}

// Plot fills the network picture (the ring, each long-range edge as a chord
// drawn out and back from its node, the wave's reached nodes and source)
// or the C and L curves with the current p marked.
func (m *SmallWorld) Plot(key string, dst *sim.PlotData) {
	switch key {
	case "network":
		ring := dst.AddSeries("ring + shortcuts", false)
		c := 0 // next chord, sorted by its lower end
		for i := 0; i <= m.n; i++ {
			x, y := m.node(i % m.n)
			ring.Add(x, y)
			for ; i < m.n && c < len(m.chord) && int(m.chord[c][0]) == i; c++ {
				ox, oy := m.node(int(m.chord[c][1]))
				ring.Add(ox, oy)
				ring.Add(x, y)
			}
		}
		wave := dst.AddSeries("reached", true)
		for i, d := range m.reach {
			if d >= 0 && int(d) <= m.hop {
				x, y := m.node(i)
				wave.Add(0.93*x, 0.93*y)
			}
		}
		sx, sy := m.node(m.src)
		dst.AddSeries("source", true).Add(0.93*sx, 0.93*sy)
		dst.XMin, dst.XMax, dst.YMin, dst.YMax = -1.1, 1.1, -1.1, 1.1
	case "curves":
		m.ensureCurve()
		cs := dst.AddSeries("C(p)/C(0)", false)
		ls := dst.AddSeries("L(p)/L(0)", false)
		for i := range swCurvePts {
			x := math.Log10(m.curveP[i])
			cs.Add(x, m.curveC[i])
			ls.Add(x, m.curveL[i])
		}
		now := dst.AddSeries("this p", true)
		x := math.Log10(math.Max(m.P, 1e-4))
		now.Add(x, ratio(m.c, m.c0))
		now.Add(x, ratio(m.l, m.l0))
		dst.XMin, dst.XMax, dst.YMin, dst.YMax = -4, 0, 0, 1.05
	}
}
