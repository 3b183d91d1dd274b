package network

import (
	"math"

	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/linalg"
)

// chaosWindow accumulates the windowed metrics in blocks of 10 ms, keeping
// the last 200 blocks (2 s).
type chaosWindow struct {
	acc         chaosBlockSums // the block being filled
	ring        [chaosBlocks]chaosBlockSums
	head, count int
}

// chaosBlockSums are one block's sums.
type chaosBlockSums struct {
	errSq, fSq, xSq float64 // Σ(z − f)², Σf², Σ⟨x²⟩ over its steps
	lnGrowth        float64 // ln of the tangent vector's growth over the block
	steps           int
}

func (w *chaosWindow) clear() { *w = chaosWindow{} }

// add records one step.
func (w *chaosWindow) add(e, f, xSq float64) {
	w.acc.errSq += e * e
	w.acc.fSq += f * f
	w.acc.xSq += xSq
	w.acc.steps++
}

// close ends the block with the tangent vector's log growth over it.
func (w *chaosWindow) close(lnGrowth float64) {
	w.acc.lnGrowth = lnGrowth
	w.ring[(w.head+w.count)%chaosBlocks] = w.acc
	if w.count < chaosBlocks {
		w.count++
	} else {
		w.head = (w.head + 1) % chaosBlocks
	}
	w.acc = chaosBlockSums{}
}

// sums totals the blocks in the window.
func (w *chaosWindow) sums() chaosBlockSums {
	var s chaosBlockSums
	for k := range w.count {
		b := &w.ring[(w.head+k)%chaosBlocks]
		s.errSq += b.errSq
		s.fSq += b.fSq
		s.xSq += b.xSq
		s.lnGrowth += b.lnGrowth
		s.steps += b.steps
	}
	return s
}

// Windowed returns the metrics of the last 2 s (0 before the first 10 ms):
// the output error relative to the target's RMS, the largest Lyapunov
// exponent (1/s) and the mean ⟨x²⟩.
func (m *Chaos) Windowed() (err, lyapunov, varX float64) {
	s := m.win.sums()
	if s.steps == 0 {
		return 0, 0, 0
	}
	if s.fSq > 0 {
		err = math.Sqrt(s.errSq / s.fSq)
	}
	return err, s.lnGrowth / (float64(s.steps) * chaosDT) * 1000, s.xSq / float64(s.steps)
}

// WNorm is the length of the readout weight vector.
func (m *Chaos) WNorm() float64 {
	var s float64
	for _, w := range m.rls.W {
		s += w * w
	}
	return math.Sqrt(s)
}

// Sample records z, f, four rates and |dw/dt|.
func (m *Chaos) Sample(dst []float64) {
	dst[0], dst[1] = m.z, m.f
	copy(dst[2:2+chaosUnits], m.r[:chaosUnits])
	dst[2+chaosUnits] = m.dw
}

// Metrics reports the windowed error, λ_max and ⟨x²⟩, the mean-field ⟨x²⟩,
// |w|, whether learning runs and the time since it stopped.
func (m *Chaos) Metrics(dst []float64) {
	e, lyap, vx := m.Windowed()
	if !m.dmft.ok || m.dmft.g != m.G {
		m.dmft.g, m.dmft.v, m.dmft.ok = m.G, DMFTVariance(m.G), true
	}
	learning, test := 0.0, 0.0
	if m.learning() {
		learning = 1
	} else if m.updates > 0 {
		test = (m.t - m.lastLrn) / 1000
	}
	dst[0], dst[1], dst[2], dst[3], dst[4], dst[5], dst[6] = e, lyap, vx, m.dmft.v, m.WNorm(), learning, test
}

// DMFTVariance is the variance Δ₀ = ⟨x²⟩ of the chaotic state of an
// infinite network τ dx/dt = −x + g·J·tanh(x) with Jᵢⱼ ~ N(0, 1/N), from
// the dynamic mean-field theory of Sompolinsky, Crisanti & Sommers (1988):
// Δ₀ is the positive root of
//
//	Δ₀²/2 = g²·( ⟨Φ²⟩ − ⟨Φ⟩² ),   Φ(x) = ln cosh x,  x ~ N(0, Δ₀)
//
// (energy conservation of the autocorrelation's "particle" from Δ(0) = Δ₀
// to Δ(∞) = 0). It is 0 for g ≤ 1, grows like g − 1 just above it, and is
// found by bisection with the Gaussian averages by the trapezoid rule.
func DMFTVariance(g float64) float64 {
	if g <= 1 {
		return 0
	}
	excess := func(d float64) float64 { // g²·Var Φ − Δ²/2
		const dz, zMax = 0.05, 10.0
		sd := math.Sqrt(d)
		var w, m1, m2 float64
		for z := -zMax; z <= zMax+dz/2; z += dz {
			p := math.Exp(-z * z / 2)
			y := math.Abs(sd * z)
			phi := y + math.Log1p(math.Exp(-2*y)) - math.Ln2 // ln cosh without overflow
			w += p
			m1 += p * phi
			m2 += p * phi * phi
		}
		m1 /= w
		return g*g*(m2/w-m1*m1) - d*d/2
	}
	lo, hi := 0.0, 1.0
	for excess(hi) > 0 {
		lo, hi = hi, 2*hi
	}
	for range 60 {
		mid := (lo + hi) / 2
		if excess(mid) > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// chaosSpectrum caches the eigenvalues of J for one network (N and seed);
// those of g·J are g times them.
type chaosSpectrum struct {
	n      int
	seed   uint64
	ok     bool
	err    error
	eig    *linalg.Eig
	dense  []float64
	wr, wi []float64
}

// invalidate forgets the eigenvalues unless they belong to this network.
func (s *chaosSpectrum) invalidate(n int, seed uint64) {
	if s.n != n || s.seed != seed {
		s.n, s.seed, s.ok = n, seed, false
	}
}

// Eigenvalues returns the real and imaginary parts of the eigenvalues of
// J (not scaled by g), computing them on first use for this network
// (about 0.1 s at N = 300).
func (m *Chaos) Eigenvalues() (wr, wi []float64, err error) {
	s, n := &m.spec, m.n
	if !s.ok {
		if s.eig == nil {
			s.eig = linalg.NewEig(chaosMaxN)
			s.dense = make([]float64, chaosMaxN*chaosMaxN)
			s.wr, s.wi = make([]float64, chaosMaxN), make([]float64, chaosMaxN)
		}
		a := s.dense[:n*n]
		clear(a)
		for i := range n {
			for q := m.rowStart[i]; q < m.rowStart[i+1]; q++ {
				a[i*n+int(m.col[q])] = m.val[q]
			}
		}
		s.err = s.eig.Eigenvalues(a, n, s.wr, s.wi)
		s.ok = true
	}
	return s.wr[:n], s.wi[:n], s.err
}

// Plot fills the spectrum: the eigenvalues of g·J as points, the circle of
// radius g that the circular law predicts, and the line Re λ = 1 where the
// quiet state x = 0 loses stability.
func (m *Chaos) Plot(key string, dst *sim.PlotData) {
	if key != "spectrum" {
		return
	}
	lim := 1.15 * math.Max(m.G, 1)
	if wr, wi, err := m.Eigenvalues(); err == nil {
		pts := dst.AddSeries("eigenvalues of g·J", true)
		for i := range wr {
			pts.Add(m.G*wr[i], m.G*wi[i])
		}
	}
	circle := dst.AddSeries("radius g", false)
	for k := 0; k <= 96; k++ {
		a := 2 * math.Pi * float64(k) / 96
		circle.Add(m.G*math.Cos(a), m.G*math.Sin(a))
	}
	edge := dst.AddSeries("Re λ = 1", false)
	edge.Add(1, -lim)
	edge.Add(1, lim)
	dst.XMin, dst.XMax, dst.YMin, dst.YMax = -lim, lim, -lim, lim
}
