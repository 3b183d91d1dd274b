package linalg

import (
	"errors"
	"math"
)

// ErrNoConvergence is returned when the QR iteration fails to split off an
// eigenvalue within its iteration budget.
var ErrNoConvergence = errors.New("linalg: QR iteration did not converge")

// Eig computes the eigenvalues of general real n×n matrices. It keeps its
// scratch space, so repeated calls up to the size it was made for do not
// allocate.
type Eig struct {
	h    []float64 // working copy, reduced in place
	u, s []float64 // Householder vector and row sums
}

// NewEig returns an eigenvalue solver for matrices of up to maxN×maxN.
func NewEig(maxN int) *Eig {
	return &Eig{h: make([]float64, maxN*maxN), u: make([]float64, maxN), s: make([]float64, maxN)}
}

// Eigenvalues writes the eigenvalues of the n×n row-major matrix a into
// wr (real parts) and wi (imaginary parts); a is left unchanged. Complex
// eigenvalues come in conjugate pairs, the one with positive imaginary
// part first. The order is otherwise unspecified.
//
// The method is the textbook one (Golub & Van Loan, Matrix Computations,
// 4th ed., 2013, §7.4–7.5): Householder reduction to upper Hessenberg form
// (Algorithm 7.4.2), then implicit Francis double-shift QR steps
// (Algorithm 7.5.1) on the unreduced trailing block, deflating when a
// subdiagonal entry falls below machine precision relative to its
// neighbours, with an exceptional shift after 10 and 20 fruitless steps.
// It costs about 10n³ flops.
func (e *Eig) Eigenvalues(a []float64, n int, wr, wi []float64) error {
	if n*n > len(e.h) || len(a) < n*n || len(wr) < n || len(wi) < n {
		panic("sim: linalg.Eigenvalues: matrix or output larger than the solver")
	}
	h := e.h[:n*n]
	copy(h, a[:n*n])
	e.hessenberg(h, n)
	return francis(h, n, wr, wi)
}

// hessenberg reduces h to upper Hessenberg form in place by Householder
// similarity transforms P = I − β·u·uᵀ, one per column.
func (e *Eig) hessenberg(h []float64, n int) {
	u, s := e.u[:n], e.s[:n]
	for k := 0; k < n-2; k++ {
		var scale float64
		for i := k + 1; i < n; i++ {
			scale += math.Abs(h[i*n+k])
		}
		if scale == 0 {
			continue
		}
		var norm2 float64
		for i := k + 1; i < n; i++ {
			u[i] = h[i*n+k] / scale
			norm2 += u[i] * u[i]
		}
		sigma := math.Copysign(math.Sqrt(norm2), u[k+1])
		u[k+1] += sigma
		beta := 1 / (sigma * u[k+1]) // 2/|u|², since |u|² = 2σ·u₁
		// From the left, rows k+1…n−1: h ← h − β·u·(uᵀh).
		clear(s[k:])
		for i := k + 1; i < n; i++ {
			ui, row := u[i], h[i*n+k:i*n+n]
			for j, v := range row {
				s[k+j] += ui * v
			}
		}
		for i := k + 1; i < n; i++ {
			f, row := beta*u[i], h[i*n+k:i*n+n]
			for j := range row {
				row[j] -= f * s[k+j]
			}
		}
		// From the right, columns k+1…n−1: h ← h − β·(h·u)·uᵀ.
		for i := range n {
			row := h[i*n+k+1 : i*n+n]
			uu := u[k+1 : n]
			var p float64
			for j, v := range row {
				p += v * uu[j]
			}
			p *= beta
			for j := range row {
				row[j] -= p * uu[j]
			}
		}
		h[(k+1)*n+k] = -sigma * scale
		for i := k + 2; i < n; i++ {
			h[i*n+k] = 0
		}
	}
}

// house returns the Householder vector v (with v₀ absorbing the sign) and
// β = 2/|v|² of the reflector that maps (x, y, z) onto the first axis; β is
// 0 when the vector is zero.
func house(x, y, z float64) (v0, v1, v2, beta float64) {
	nrm := math.Sqrt(x*x + y*y + z*z)
	if nrm == 0 {
		return 0, 0, 0, 0
	}
	v0 = x + math.Copysign(nrm, x)
	return v0, y, z, 2 / (v0*v0 + y*y + z*z)
}

// francis finds the eigenvalues of the upper Hessenberg matrix h by
// implicit double-shift QR steps, working only on the active block
// [l, hi]: the blocks above and to the right of it do not change its
// eigenvalues.
func francis(h []float64, n int, wr, wi []float64) error {
	at := func(i, j int) *float64 { return &h[i*n+j] }
	var norm float64
	for i := range n {
		for j := max(i-1, 0); j < n; j++ {
			norm += math.Abs(h[i*n+j])
		}
	}
	const eps = 0x1p-52
	hi, iter := n-1, 0
	for hi >= 0 {
		l := hi
		for ; l > 0; l-- {
			s := math.Abs(*at(l-1, l-1)) + math.Abs(*at(l, l))
			if s == 0 {
				s = norm
			}
			if math.Abs(*at(l, l-1)) <= eps*s {
				*at(l, l-1) = 0
				break
			}
		}
		switch l {
		case hi:
			wr[hi], wi[hi] = *at(hi, hi), 0
			hi, iter = hi-1, 0
			continue
		case hi - 1:
			wr[hi-1], wi[hi-1], wr[hi], wi[hi] = eig2(*at(hi-1, hi-1), *at(hi-1, hi), *at(hi, hi-1), *at(hi, hi))
			hi, iter = hi-2, 0
			continue
		}
		iter++
		if iter > 30 {
			return ErrNoConvergence
		}
		// The two shifts enter only through their sum s and product t.
		var s, t float64
		if iter == 10 || iter == 20 {
			w := math.Abs(*at(hi, hi-1)) + math.Abs(*at(hi-1, hi-2))
			d := 0.75*w + *at(hi, hi)
			s, t = 2*d, d*d+0.4375*w*w
		} else {
			a, b, c, d := *at(hi-1, hi-1), *at(hi-1, hi), *at(hi, hi-1), *at(hi, hi)
			s, t = a+d, a*d-b*c
		}
		// First column of (H − σ₁)(H − σ₂).
		h00, h01, h10, h11, h21 := *at(l, l), *at(l, l+1), *at(l+1, l), *at(l+1, l+1), *at(l+2, l+1)
		x := h00*h00 + h01*h10 - s*h00 + t
		y := h10 * (h00 + h11 - s)
		z := h10 * h21
		for k := l; k <= hi-2; k++ {
			v0, v1, v2, beta := house(x, y, z)
			if beta != 0 {
				for j := max(l, k-1); j <= hi; j++ {
					p := beta * (v0**at(k, j) + v1**at(k+1, j) + v2**at(k+2, j))
					*at(k, j) -= p * v0
					*at(k+1, j) -= p * v1
					*at(k+2, j) -= p * v2
				}
				if k > l { // the bulge left behind is zero in exact arithmetic
					*at(k+1, k-1), *at(k+2, k-1) = 0, 0
				}
				for i := l; i <= min(k+3, hi); i++ {
					p := beta * (v0**at(i, k) + v1**at(i, k+1) + v2**at(i, k+2))
					*at(i, k) -= p * v0
					*at(i, k+1) -= p * v1
					*at(i, k+2) -= p * v2
				}
			}
			x, y = *at(k+1, k), *at(k+2, k)
			if k < hi-2 {
				z = *at(k+3, k)
			}
		}
		v0, v1, _, beta := house(x, y, 0)
		if beta != 0 {
			for j := max(l, hi-2); j <= hi; j++ {
				p := beta * (v0**at(hi-1, j) + v1**at(hi, j))
				*at(hi-1, j) -= p * v0
				*at(hi, j) -= p * v1
			}
			if hi-2 >= l {
				*at(hi, hi-2) = 0
			}
			for i := l; i <= hi; i++ {
				p := beta * (v0**at(i, hi-1) + v1**at(i, hi))
				*at(i, hi-1) -= p * v0
				*at(i, hi) -= p * v1
			}
		}
	}
	return nil
}

// eig2 returns the eigenvalues of [[a, b], [c, d]] as (re₁, im₁, re₂, im₂),
// computed without cancellation; a complex pair has im₁ > 0.
func eig2(a, b, c, d float64) (float64, float64, float64, float64) {
	p := (a - d) / 2
	q := p*p + b*c
	if q < 0 {
		m, w := d+p, math.Sqrt(-q)
		return m, w, m, -w
	}
	z := p + math.Copysign(math.Sqrt(q), p)
	if z == 0 {
		return d, 0, d, 0
	}
	return d + z, 0, d - b*c/z, 0
}
