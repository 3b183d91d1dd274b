package vision

import "math"

// gaborFitter measures how much an element looks like a simple cell's
// receptive field: the share of its energy that the best-fitting localised
// Gabor function explains,
//
//	R² = ‖P φ‖² / ‖φ‖²,   P = projection onto span{g_even, g_odd}
//	g_even/odd(x, y) = e^(−u²/(2σ_u²) − v²/(2σ_v²))·cos/sin(2π·f·u)
//	u, v = the offsets from (x₀, y₀) across and along the stripes,
//
// so the phase and the amplitude are free. The other parameters come from
// the element itself, then a small search: the orientation and frequency
// f from the peak of its power spectrum (a 2p-point DFT, half-plane, DC
// left out), the centre (x₀, y₀) from the centroid of its energy φ², and
// the envelope from the energy's spread across and along the stripes
// (σ² = 2·variance, which a Gaussian envelope squared gives exactly);
// then σ_u and σ_v are each scaled by 0.7, 1 and 1.4 and f by 0.85, 1 and
// 1.18, and the best of the 27 fits is kept. Each σ is capped at p/5
// (1.6 px for 8-px patches), so the Gabor must be localised: a grating
// across the whole patch scores about 0.45. A random element of 64 pixels
// scores about 0.15, a clean localised Gabor above 0.9.
type gaborFitter struct {
	p        int
	cosT     [2 * spMaxP * spMaxP]float64 // cos(2π·k·x/2p), k < 2p, x < p
	sinT     [2 * spMaxP * spMaxP]float64
	rowRe    [spMaxP * (spMaxP + 1)]float64 // DFT along x: row y, frequency k ≤ p
	rowIm    [spMaxP * (spMaxP + 1)]float64
	env      [spMaxN]float64
	carC     [3][spMaxN]float64 // carriers at the three frequencies
	carS     [3][spMaxN]float64
	u, v     [spMaxN]float64
	fitScale [3]float64
	envScale [3]float64
}

func newGaborFitter() *gaborFitter {
	return &gaborFitter{fitScale: [3]float64{0.85, 1, 1.18}, envScale: [3]float64{0.7, 1, 1.4}}
}

// setSize prepares the DFT tables for p×p elements.
func (g *gaborFitter) setSize(p int) {
	if g.p == p {
		return
	}
	g.p = p
	m := 2 * p
	for k := range m {
		for x := range p {
			a := 2 * math.Pi * float64(k*x) / float64(m)
			g.cosT[k*p+x], g.sinT[k*p+x] = math.Cos(a), math.Sin(a)
		}
	}
}

// peak returns the wave vector (cycles/px) of the largest non-DC
// component of phi's power spectrum on the 2p×2p grid.
func (g *gaborFitter) peak(phi []float64) (fx, fy float64) {
	p, m := g.p, 2*g.p
	for y := range p {
		for k := 0; k <= p; k++ {
			var re, im float64
			for x := range p {
				re += phi[y*p+x] * g.cosT[k*p+x]
				im -= phi[y*p+x] * g.sinT[k*p+x]
			}
			g.rowRe[y*(p+1)+k], g.rowIm[y*(p+1)+k] = re, im
		}
	}
	best := -1.0
	for kx := 0; kx <= p; kx++ {
		for ky := range m {
			if kx == 0 && (ky == 0 || ky > p) { // DC, and the mirrored half of kx = 0
				continue
			}
			var re, im float64
			for y := range p {
				c, s := g.cosT[ky*p+y], g.sinT[ky*p+y]
				r, i := g.rowRe[y*(p+1)+kx], g.rowIm[y*(p+1)+kx]
				re += r*c + i*s // (r + i·j)·e^(−2πj·ky·y/m)
				im += i*c - r*s
			}
			if pw := re*re + im*im; pw > best {
				best = pw
				fy = float64(ky) / float64(m)
				if ky > p {
					fy -= 1
				}
				fx = float64(kx) / float64(m)
			}
		}
	}
	return fx, fy
}

// fit returns R² of the best Gabor for the p×p element phi.
func (g *gaborFitter) fit(phi []float64) float64 {
	p := g.p
	n := p * p
	var e, x0, y0 float64
	for i := range n {
		w := phi[i] * phi[i]
		e += w
		x0 += w * float64(i%p)
		y0 += w * float64(i/p)
	}
	if !(e > 0) {
		return 0
	}
	x0, y0 = x0/e, y0/e
	fx, fy := g.peak(phi)
	f := math.Hypot(fx, fy)
	cu, su := fx/f, fy/f // unit vector across the stripes
	var vu, vv float64
	for i := range n {
		dx, dy := float64(i%p)-x0, float64(i/p)-y0
		g.u[i], g.v[i] = cu*dx+su*dy, -su*dx+cu*dy
		w := phi[i] * phi[i] / e
		vu += w * g.u[i] * g.u[i]
		vv += w * g.v[i] * g.v[i]
	}
	sigU, sigV := math.Sqrt(2*vu)+0.25, math.Sqrt(2*vv)+0.25
	maxSig := float64(p) / 5 // a localised envelope: σ at most a fifth of the patch side
	for j, fs := range g.fitScale {
		k := 2 * math.Pi * f * fs
		for i := range n {
			g.carC[j][i], g.carS[j][i] = math.Cos(k*g.u[i]), math.Sin(k*g.u[i])
		}
	}
	best := 0.0
	for _, a := range g.envScale {
		for _, b := range g.envScale {
			su, sv := math.Min(a*sigU, maxSig), math.Min(b*sigV, maxSig)
			du, dv := 1/(2*su*su), 1/(2*sv*sv)
			for i := range n {
				g.env[i] = math.Exp(-du*g.u[i]*g.u[i] - dv*g.v[i]*g.v[i])
			}
			for j := range g.fitScale {
				if r2 := g.project(phi, j, e); r2 > best {
					best = r2
				}
			}
		}
	}
	return math.Min(best, 1)
}

// project returns ‖P φ‖²/e for the even and odd templates g.env times
// carrier j (e = ‖φ‖²).
func (g *gaborFitter) project(phi []float64, j int, e float64) float64 {
	var cc, ss, cs, cp, sp float64
	for i := range g.p * g.p {
		c, s := g.env[i]*g.carC[j][i], g.env[i]*g.carS[j][i]
		cc += c * c
		ss += s * s
		cs += c * s
		cp += c * phi[i]
		sp += s * phi[i]
	}
	det := cc*ss - cs*cs
	if det <= 1e-9*cc*ss { // the two templates are (nearly) one: project on it
		return math.Max(cp*cp/math.Max(cc, 1e-300), sp*sp/math.Max(ss, 1e-300)) / e
	}
	return (cp*cp*ss - 2*cp*sp*cs + sp*sp*cc) / det / e
}
