package vision

import (
	"math"
	"math/rand/v2"
	"testing"
)

// lassoEnergy is E(a) = ½‖x − Φa‖² + λ‖a‖₁ for a column-major n×k Φ.
func lassoEnergy(phi []float64, n, k int, x, a []float64, lambda float64) float64 {
	e, l1 := 0.0, 0.0
	for i := range n {
		r := x[i]
		for j := range k {
			r -= phi[j*n+i] * a[j]
		}
		e += r * r
	}
	for _, v := range a {
		l1 += math.Abs(v)
	}
	return e/2 + lambda*l1
}

// lassoSetup returns G = ΦᵀΦ, b = Φᵀx and L = λ_max(G) (power iteration to
// convergence).
func lassoSetup(phi []float64, n, k int, x []float64) (g, b []float64, lip float64) {
	g, b = make([]float64, k*k), make([]float64, k)
	for j := range k {
		b[j] = dotVec(phi[j*n:(j+1)*n], x)
		for l := range k {
			g[j*k+l] = dotVec(phi[j*n:(j+1)*n], phi[l*n:(l+1)*n])
		}
	}
	v, tmp := make([]float64, k), make([]float64, k)
	for j := range v {
		v[j] = 1 + float64(j)/float64(k)
	}
	return g, b, powerIteration(g, k, v, tmp, 2000)
}

// runISTA codes x with iters ISTA steps of size 1/lip.
func runISTA(phi []float64, n, k int, x []float64, lambda, lip float64, iters int) []float64 {
	g, b, _ := lassoSetup(phi, n, k, x)
	a, grad := make([]float64, k), make([]float64, k)
	ista(g, k, b, lambda, lip, iters, a, grad, make([]int, k))
	return a
}

// randomOrthonormal returns n orthonormal columns (Gram–Schmidt on Gaussian
// vectors).
func randomOrthonormal(n int, rng *rand.Rand) []float64 {
	q := make([]float64, n*n)
	for j := range n {
		c := q[j*n : (j+1)*n]
		for i := range c {
			c[i] = rng.NormFloat64()
		}
		for l := range j {
			d := dotVec(c, q[l*n:(l+1)*n])
			for i := range c {
				c[i] -= d * q[l*n+i]
			}
		}
		normalize(c)
	}
	return q
}

// TestISTAOrthonormalIsSoftThreshold: with orthonormal Φ the lasso
// decouples, and its solution is the soft threshold of Φᵀx,
//
//	a_j = sign(b_j)·max(|b_j| − λ, 0),   b = Φᵀx.
//
// ISTA with L = 1 reaches it in one step and stays there.
func TestISTAOrthonormalIsSoftThreshold(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const n = 12
	phi := randomOrthonormal(n, rng)
	x := make([]float64, n)
	for i := range x {
		x[i] = 2 * rng.NormFloat64()
	}
	_, b, lip := lassoSetup(phi, n, n, x)
	if math.Abs(lip-1) > 1e-9 {
		t.Fatalf("largest eigenvalue of ΦᵀΦ = %.12g, want 1 for orthonormal Φ", lip)
	}
	for _, lambda := range []float64{0, 0.3, 1, 2.5, 100} {
		for _, iters := range []int{1, 5, 50} {
			a := runISTA(phi, n, n, x, lambda, 1, iters)
			for j := range n {
				want := math.Copysign(math.Max(math.Abs(b[j])-lambda, 0), b[j])
				if d := math.Abs(a[j] - want); d > 1e-12 {
					t.Errorf("λ = %g, %d iterations: a[%d] = %.15g, want %.15g (difference %.3g)", lambda, iters, j, a[j], want, d)
				}
			}
		}
	}
}

// lassoByKKT solves min ½‖x − Φa‖² + λ‖a‖₁ exactly for a small k by trying
// every support S and sign pattern s: a_S = G_SS⁻¹(b_S − λ·s), kept when
// its signs are s and |b_j − (G a)_j| ≤ λ off S (the KKT conditions). Of
// the candidates it returns the one of least energy. Supports of one or
// two elements, as the cases below need.
func lassoByKKT(phi []float64, n, k int, x []float64, lambda float64) []float64 {
	g, b, _ := lassoSetup(phi, n, k, x)
	best, bestE := make([]float64, k), lassoEnergy(phi, n, k, x, make([]float64, k), lambda)
	consider := func(a []float64) {
		for j := range k { // KKT off the support
			if a[j] != 0 {
				continue
			}
			c := b[j]
			for l := range k {
				c -= g[j*k+l] * a[l]
			}
			if math.Abs(c) > lambda+1e-12 {
				return
			}
		}
		if e := lassoEnergy(phi, n, k, x, a, lambda); e < bestE {
			best, bestE = append([]float64(nil), a...), e
		}
	}
	for i := range k {
		for _, s := range []float64{-1, 1} {
			a := make([]float64, k)
			if a[i] = (b[i] - lambda*s) / g[i*k+i]; a[i]*s > 0 {
				consider(a)
			}
		}
		for j := i + 1; j < k; j++ {
			det := g[i*k+i]*g[j*k+j] - g[i*k+j]*g[i*k+j]
			if math.Abs(det) < 1e-12 {
				continue
			}
			for _, si := range []float64{-1, 1} {
				for _, sj := range []float64{-1, 1} {
					ri, rj := b[i]-lambda*si, b[j]-lambda*sj
					a := make([]float64, k)
					a[i] = (g[j*k+j]*ri - g[i*k+j]*rj) / det
					a[j] = (g[i*k+i]*rj - g[i*k+j]*ri) / det
					if a[i]*si > 0 && a[j]*sj > 0 {
						consider(a)
					}
				}
			}
		}
	}
	return best
}

// TestISTAFindsLassoSolution compares ISTA with the exact lasso solution of
// small non-orthogonal problems in the plane: two elements 50° apart, and
// three unit vectors 60° apart (an overcomplete dictionary), at values of
// λ where two, one or no elements are active.
func TestISTAFindsLassoSolution(t *testing.T) {
	unit := func(deg ...float64) []float64 {
		var phi []float64
		for _, d := range deg {
			phi = append(phi, math.Cos(d*math.Pi/180), math.Sin(d*math.Pi/180))
		}
		return phi
	}
	cases := []struct {
		name   string
		phi    []float64
		x      []float64
		lambda float64
		active int
	}{
		{"2 elements, both active", unit(0, 50), []float64{1.2, 0.9}, 0.1, 2},
		{"2 elements, one active", unit(0, 50), []float64{1.2, 0.9}, 1, 1},
		{"2 elements, none active", unit(0, 50), []float64{1.2, 0.9}, 2, 0},
		{"3 elements, x along the 60° one", unit(0, 60, 120), []float64{0.5, 0.8660254037844386}, 0.05, 1},
		{"3 elements, x between two", unit(0, 60, 120), []float64{1.0, 0.3}, 0.05, 2},
		{"3 elements, large λ", unit(0, 60, 120), []float64{1.0, 0.3}, 1.2, 0},
	}
	for _, c := range cases {
		k := len(c.phi) / 2
		want := lassoByKKT(c.phi, 2, k, c.x, c.lambda)
		_, _, lip := lassoSetup(c.phi, 2, k, c.x)
		got := runISTA(c.phi, 2, k, c.x, c.lambda, lip*spSafety, 3000)
		active := 0
		for j := range k {
			if want[j] != 0 {
				active++
			}
			if d := math.Abs(got[j] - want[j]); d > 1e-9 {
				t.Errorf("%s: a[%d] = %.12g, want %.12g (difference %.3g)", c.name, j, got[j], want[j], d)
			}
		}
		if active != c.active {
			t.Errorf("%s: the exact solution %v has %d active elements, the case expects %d", c.name, want, active, c.active)
		}
	}
}

// TestISTAEnergyNeverIncreases checks the descent property of ISTA with a
// step 1/L, L ≥ λ_max(ΦᵀΦ) (Beck & Teboulle 2009, section 2): E falls at
// every iteration on random overcomplete problems, and the run ends lower
// than its first step.
func TestISTAEnergyNeverIncreases(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const n, k = 16, 32
	for trial := range 5 {
		phi := make([]float64, n*k)
		for i := range phi {
			phi[i] = rng.NormFloat64()
		}
		for j := range k {
			normalize(phi[j*n : (j+1)*n])
		}
		x := make([]float64, n)
		for i := range x {
			x[i] = rng.NormFloat64()
		}
		lambda := 0.1 + 0.2*float64(trial)
		_, _, lip := lassoSetup(phi, n, k, x)
		prev := lassoEnergy(phi, n, k, x, make([]float64, k), lambda)
		first := 0.0
		for it := 1; it <= 200; it++ {
			e := lassoEnergy(phi, n, k, x, runISTA(phi, n, k, x, lambda, lip*spSafety, it), lambda)
			if e > prev*(1+1e-12) {
				t.Fatalf("trial %d, λ = %g: E rose from %.12g to %.12g at iteration %d", trial, lambda, prev, e, it)
			}
			if it == 1 {
				first = e
			}
			prev = e
		}
		if !(prev < first) {
			t.Errorf("trial %d: E after 200 iterations %.6g is not below E after 1, %.6g", trial, prev, first)
		}
	}
}

// TestISTAWithoutSparsityReconstructs: at λ = 0 ISTA is gradient descent
// on ½‖x − Φa‖², and a complete dictionary reconstructs any x exactly. The
// dictionary has singular values from 0.5 to 1, so the error shrinks at
// least by (1 − 0.25/1.05) per iteration.
func TestISTAWithoutSparsityReconstructs(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const n = 10
	u, v := randomOrthonormal(n, rng), randomOrthonormal(n, rng)
	phi := make([]float64, n*n) // Φ = U·diag(s)·Vᵀ
	for j := range n {
		for i := range n {
			for l := range n {
				s := 0.5 + 0.5*float64(l)/float64(n-1)
				phi[j*n+i] += u[l*n+i] * s * v[l*n+j]
			}
		}
	}
	x := make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	_, _, lip := lassoSetup(phi, n, n, x)
	prev := math.Inf(1)
	for _, iters := range []int{1, 10, 50, 100, 200} {
		e := 2 * lassoEnergy(phi, n, n, x, runISTA(phi, n, n, x, 0, lip*spSafety, iters), 0) / dotVec(x, x)
		if e >= prev {
			t.Errorf("%d iterations: relative error %.3g did not fall (was %.3g)", iters, e, prev)
		}
		prev = e
	}
	if prev > 1e-12 {
		t.Errorf("relative error after 200 iterations %.3g, want < 1e-12", prev)
	}
}

// TestPowerIteration checks the step's Lipschitz constant against a
// matrix with known eigenvalues.
func TestPowerIteration(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	const k = 8
	q := randomOrthonormal(k, rng)
	g := make([]float64, k*k) // G = Q·diag(1…8)·Qᵀ
	for i := range k {
		for j := range k {
			for l := range k {
				g[i*k+j] += q[l*k+i] * float64(l+1) * q[l*k+j]
			}
		}
	}
	v, tmp := make([]float64, k), make([]float64, k)
	for i := range v {
		v[i] = 1
	}
	if got := powerIteration(g, k, v, tmp, 500); math.Abs(got-8) > 1e-9 {
		t.Errorf("largest eigenvalue %.12g, want 8", got)
	}
}

// TestFFTMatchesDFT checks the radix-2 transform against the definition
// and its inverse against the identity.
func TestFFTMatchesDFT(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const n = 16
	x := make([]complex128, n)
	for i := range x {
		x[i] = complex(rng.NormFloat64(), rng.NormFloat64())
	}
	y := append([]complex128(nil), x...)
	fft(y, false)
	for k := range n {
		var want complex128
		for j := range n {
			a := -2 * math.Pi * float64(j*k) / n
			want += x[j] * complex(math.Cos(a), math.Sin(a))
		}
		if d := abs(y[k] - want); d > 1e-12 {
			t.Errorf("X[%d] = %v, want %v", k, y[k], want)
		}
	}
	fft(y, true)
	for j := range n {
		if d := abs(y[j]/n - x[j]); d > 1e-12 {
			t.Errorf("inverse: x[%d] = %v, want %v", j, y[j]/n, x[j])
		}
	}
}

func abs(c complex128) float64 { return math.Hypot(real(c), imag(c)) }
