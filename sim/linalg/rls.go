package linalg

import "math"

// RLS is recursive least squares for a linear readout z = wᵀr: after each
// sample (r, f) it moves w to the ridge-regression solution of every
// sample so far,
//
//	w = (α·I + Σ r rᵀ)⁻¹ · Σ r f
//
// by the rank-one updates (Haykin, Adaptive Filter Theory, 4th ed., 2002;
// in the FORCE form of Sussillo & Abbott 2009, Neuron 63:544, eqs. 4–6)
//
//	k = P·r,   c = 1/(1 + rᵀk)
//	P ← P − c·k·kᵀ,   P(0) = I/α
//	w ← w − e₋·c·k,   e₋ = wᵀr − f  (the error before the update)
//
// P, the running inverse of the regularised correlation matrix, is
// symmetric and stored as its upper triangle, packed by rows, which halves
// its memory and the work of the update. No step allocates.
type RLS struct {
	W []float64 // readout weights; len is the current size
	n int
	p []float64 // packed upper triangle of P
	k []float64
}

// NewRLS returns an RLS for readouts of up to maxN inputs.
func NewRLS(maxN int) *RLS {
	return &RLS{W: make([]float64, 0, maxN), p: make([]float64, maxN*(maxN+1)/2), k: make([]float64, maxN)}
}

// Reset starts over with n inputs: w = 0, P = I/α. α > 0 is the ridge
// penalty; 1/α is the step size of the first updates.
func (m *RLS) Reset(n int, alpha float64) {
	if n > cap(m.W) || !(alpha > 0) {
		panic("sim: linalg.RLS.Reset: size above capacity or α not positive")
	}
	m.n = n
	m.W = m.W[:n]
	clear(m.W)
	p := m.p[:n*(n+1)/2]
	clear(p)
	for i, off := 0, 0; i < n; i++ {
		p[off] = 1 / alpha
		off += n - i
	}
}

// Update takes one sample: inputs r and the error e = wᵀr − f of the
// current weights on it. It updates P and w and returns |Δw|, the size of
// the weight change.
func (m *RLS) Update(r []float64, e float64) float64 {
	n := m.n
	r, k := r[:n], m.k[:n]
	clear(k)
	// k = P·r, reading each packed entry once for both halves of P. Four
	// partial sums break the chain of dependent additions.
	off := 0
	for i := range n {
		row := m.p[off : off+n-i]
		off += n - i
		ri, rest := r[i], row[1:]
		rr, kk := r[i+1:], k[i+1:]
		rr, kk = rr[:len(rest)], kk[:len(rest)]
		var s0, s1, s2, s3 float64
		q := 0
		for ; q+4 <= len(rest); q += 4 {
			x, y, z := rest[q:q+4:q+4], rr[q:q+4:q+4], kk[q:q+4:q+4]
			s0 += x[0] * y[0]
			s1 += x[1] * y[1]
			s2 += x[2] * y[2]
			s3 += x[3] * y[3]
			z[0] += x[0] * ri
			z[1] += x[1] * ri
			z[2] += x[2] * ri
			z[3] += x[3] * ri
		}
		for ; q < len(rest); q++ {
			s0 += rest[q] * rr[q]
			kk[q] += rest[q] * ri
		}
		k[i] += row[0]*ri + (s0 + s1) + (s2 + s3)
	}
	var rk float64
	for i, v := range k {
		rk += r[i] * v
	}
	c := 1 / (1 + rk)
	for i, off := 0, 0; i < n; i++ {
		kk := k[i:n]
		row := m.p[off : off+len(kk)]
		off += len(kk)
		f := c * k[i]
		for q, kv := range kk {
			row[q] -= f * kv
		}
	}
	var dw float64
	f := e * c
	for i, v := range k {
		m.W[i] -= f * v
		dw += v * v
	}
	return math.Abs(f) * math.Sqrt(dw)
}

// Output is wᵀr for the current weights.
func (m *RLS) Output(r []float64) float64 {
	var z float64
	for i, w := range m.W {
		z += w * r[i]
	}
	return z
}
