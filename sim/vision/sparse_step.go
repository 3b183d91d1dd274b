package vision

import (
	"math"

	"github.com/neurotutor/neurotutor/sim"
)

// Step codes one patch and accumulates its learning signal; every 100
// patches it updates the dictionary, every 1000 it refits the Gabors.
func (m *Sparse) Step() {
	m.drawPatch()
	m.infer()
	n, k := m.n, m.k
	copy(m.r[:n], m.x[:n])
	l0 := 0
	for j := range k {
		if aj := m.a[j]; aj != 0 {
			l0++
			for i, v := range m.col(j) {
				m.r[i] -= aj * v
			}
		}
	}
	var rr, xx float64
	for i := range n {
		rr += m.r[i] * m.r[i]
		xx += m.x[i] * m.x[i]
	}
	for j := range k {
		if aj := m.a[j]; aj != 0 {
			d := m.dphi[j*n : (j+1)*n]
			for i := range n {
				d[i] += aj * m.r[i]
			}
		}
	}
	m.record(rr, xx, float64(l0))
	m.patches++
	if m.patches%spBatch == 0 {
		m.learn()
	}
	if m.patches%spRefit == 0 {
		m.fitAll()
	}
	m.t = float64(m.patches) * spDT
}

// drawPatch copies a p×p patch from a uniform random place into x.
func (m *Sparse) drawPatch() {
	p := m.p
	x0, y0 := m.rng.IntN(leafSide-p+1), m.rng.IntN(leafSide-p+1)
	for y := range p {
		copy(m.x[y*p:(y+1)*p], m.img.px[(y0+y)*leafSide+x0:])
	}
}

// infer sets a to Iters steps of ISTA on E(a) = ½‖x − Φa‖² + λ‖a‖₁ from 0.
func (m *Sparse) infer() {
	n, k := m.n, m.k
	for j := range k {
		m.b[j] = dotVec(m.col(j), m.x[:n])
	}
	ista(m.gram[:k*k], k, m.b[:k], m.Lambda, m.lip, int(m.Iters), m.a[:k], m.grad[:k], m.act[:k])
}

func dotVec(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// ista runs iters steps of iterative soft thresholding for the lasso
// min ½‖x − Φa‖² + λ‖a‖₁, given G = ΦᵀΦ (k×k), b = Φᵀx and a step 1/L
// with L ≥ the largest eigenvalue of G, starting from a = 0. grad (k) and
// act (k) are scratch. Only the active units inhibit, so a sparse code is
// cheap; their rows of G are applied four at a time.
func ista(g []float64, k int, b []float64, lambda, lip float64, iters int, a, grad []float64, act []int) {
	a, grad, b = a[:k], grad[:k], b[:k]
	clear(a)
	th, step := lambda/lip, 1/lip
	n := 0 // active units, listed in act[:n]
	for range iters {
		copy(grad, b)
		i := 0
		for ; i+4 <= n; i += 4 {
			j0, j1, j2, j3 := act[i], act[i+1], act[i+2], act[i+3]
			a0, a1, a2, a3 := a[j0], a[j1], a[j2], a[j3]
			r0, r1, r2, r3 := g[j0*k:j0*k+k], g[j1*k:j1*k+k], g[j2*k:j2*k+k], g[j3*k:j3*k+k]
			for j := range grad {
				grad[j] -= a0*r0[j] + a1*r1[j] + a2*r2[j] + a3*r3[j]
			}
		}
		for ; i < n; i++ {
			l := act[i]
			al, row := a[l], g[l*k:l*k+k]
			for j := range grad {
				grad[j] -= al * row[j]
			}
		}
		n = 0
		for j, aj := range a {
			u := aj + step*grad[j]
			switch {
			case u > th:
				a[j] = u - th
			case u < -th:
				a[j] = u + th
			default:
				a[j] = 0
				continue
			}
			act[n] = j
			n++
		}
	}
}

// learn applies the batch's update, renormalises the columns and refreshes
// ΦᵀΦ and L.
func (m *Sparse) learn() {
	n := m.n
	for j := range m.k {
		c, d := m.col(j), m.dphi[j*n:(j+1)*n]
		for i := range n {
			c[i] += m.Eta * d[i]
			d[i] = 0
		}
		normalize(c)
	}
	m.updateGram(spPower)
}

// fitAll refits a Gabor to every element.
func (m *Sparse) fitAll() {
	m.fit.setSize(m.p)
	good, sum := 0, 0.0
	for j := range m.k {
		r2 := m.fit.fit(m.col(j))
		m.fits[j] = r2
		sum += r2
		if r2 >= spGabor {
			good++
		}
	}
	m.gFrac, m.gMean = float64(good)/float64(m.k), sum/float64(m.k)
}

// record adds one patch to the running averages.
func (m *Sparse) record(rr, xx, l0 float64) {
	if m.nRec == spRecent {
		m.sumNum -= m.errNum[m.head]
		m.sumDen -= m.errDen[m.head]
		m.sumL0 -= m.l0[m.head]
	} else {
		m.nRec++
	}
	m.errNum[m.head], m.errDen[m.head], m.l0[m.head] = rr, xx, l0
	m.sumNum += rr
	m.sumDen += xx
	m.sumL0 += l0
	m.head = (m.head + 1) % spRecent
}

// ReconError is Σ‖x − Φa‖²/Σ‖x‖² over the last 1000 patches (1 before
// any patch).
func (m *Sparse) ReconError() float64 {
	if m.nRec == 0 || !(m.sumDen > 0) {
		return 1
	}
	return math.Max(m.sumNum, 0) / m.sumDen
}

// Active is the mean number of non-zero coefficients per patch over the
// last 1000 patches.
func (m *Sparse) Active() float64 {
	if m.nRec == 0 {
		return 0
	}
	return math.Max(m.sumL0, 0) / float64(m.nRec)
}

// GaborFraction is the fraction of elements a Gabor fits with R² ≥ 0.6, at
// the last fit (the start of the run or the last multiple of 1000 patches).
func (m *Sparse) GaborFraction() float64 { return m.gFrac }

// Sample records the reconstruction error, the Gabor-like fraction and the
// active count.
func (m *Sparse) Sample(dst []float64) {
	dst[0], dst[1], dst[2] = m.ReconError(), m.gFrac, m.Active()
}

// Metrics reports recon_err, active, gabor_frac, fit_r2 and patches.
func (m *Sparse) Metrics(dst []float64) {
	dst[0], dst[1], dst[2], dst[3], dst[4] = m.ReconError(), m.Active(), m.gFrac, m.gMean, float64(m.patches)
}

// Plot fills the dictionary gallery, the last patch with its
// reconstruction and residual, or its code.
func (m *Sparse) Plot(key string, dst *sim.PlotData) {
	n, p := m.n, m.p
	switch key {
	case "dictionary":
		for j := range m.k {
			g := dst.AddGrid("", p, p)
			copy(g.V, m.col(j))
			lim := 1e-12
			for _, v := range g.V {
				lim = math.Max(lim, math.Abs(v))
			}
			g.Min, g.Max = -lim, lim
		}
	case "patch":
		lim := 1e-12
		for i := range n {
			lim = math.Max(lim, math.Abs(m.x[i]))
		}
		for _, title := range [3]string{"patch x", "reconstruction", "residual"} {
			g := dst.AddGrid(title, p, p)
			for i := range n {
				switch title {
				case "patch x":
					g.V[i] = m.x[i]
				case "reconstruction":
					g.V[i] = m.x[i] - m.r[i]
				default:
					g.V[i] = m.r[i]
				}
			}
			g.Min, g.Max = -lim, lim
		}
	case "code":
		for j := range m.k {
			dst.Bars = append(dst.Bars, m.a[j])
		}
	}
}
