package linalg

import (
	"cmp"
	"fmt"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"slices"
	"testing"
)

// eigs returns the eigenvalues of a as complex numbers, sorted by real then
// imaginary part.
func eigs(t testing.TB, a []float64, n int) []complex128 {
	t.Helper()
	wr, wi := make([]float64, n), make([]float64, n)
	if err := NewEig(n).Eigenvalues(a, n, wr, wi); err != nil {
		t.Fatal(err)
	}
	return sortC(wr, wi)
}

func sortC(wr, wi []float64) []complex128 {
	z := make([]complex128, len(wr))
	for i := range wr {
		z[i] = complex(wr[i], wi[i])
	}
	slices.SortFunc(z, func(a, b complex128) int {
		if c := cmp.Compare(math.Round(real(a)*1e6), math.Round(real(b)*1e6)); c != 0 {
			return c
		}
		return cmp.Compare(imag(a), imag(b))
	})
	return z
}

// companion returns the companion matrix of the monic polynomial with the
// given roots (conjugate pairs included), whose eigenvalues are those roots.
func companion(roots []complex128) []float64 {
	n := len(roots)
	c := []complex128{1} // coefficients, highest power first
	for _, r := range roots {
		next := make([]complex128, len(c)+1)
		for i, v := range c {
			next[i] += v
			next[i+1] -= v * r
		}
		c = next
	}
	a := make([]float64, n*n)
	for j := range n {
		a[j] = -real(c[j+1])
	}
	for i := 1; i < n; i++ {
		a[i*n+i-1] = 1
	}
	return a
}

// TestEigenvaluesKnown checks matrices whose eigenvalues are known in
// closed form.
func TestEigenvaluesKnown(t *testing.T) {
	pairs := []complex128{complex(2, 3), complex(2, -3), 1i, -1i, -1, complex(-0.25, 0.75), complex(-0.25, -0.75)}
	rot := func(th float64) []float64 { return []float64{math.Cos(th), -math.Sin(th), math.Sin(th), math.Cos(th)} }
	for _, c := range []struct {
		name string
		n    int
		a    []float64
		want []complex128
		tol  float64
	}{
		{"1×1", 1, []float64{-3}, []complex128{-3}, 0},
		{"zero 3×3", 3, make([]float64, 9), []complex128{0, 0, 0}, 0},
		{"rotation by 0.3 rad", 2, rot(0.3), []complex128{cmplx.Rect(1, -0.3), cmplx.Rect(1, 0.3)}, 1e-15},
		{"upper triangular", 4, []float64{4, 1, 2, 3, 0, -2, 5, 1, 0, 0, 7, 9, 0, 0, 0, 0.5},
			[]complex128{-2, 0.5, 4, 7}, 1e-13},
		{"companion, roots 1…6", 6, companion([]complex128{1, 2, 3, 4, 5, 6}), []complex128{1, 2, 3, 4, 5, 6}, 1e-9},
		{"companion, complex roots", 7, companion(pairs), pairs, 1e-11},
	} {
		want := c.want
		got := eigs(t, c.a, c.n)
		wr, wi := make([]float64, len(want)), make([]float64, len(want))
		for i, w := range want {
			wr[i], wi[i] = real(w), imag(w)
		}
		want = sortC(wr, wi)
		for i := range want {
			if d := cmplx.Abs(got[i] - want[i]); d > c.tol {
				t.Errorf("%s: eigenvalue %d = %.12g, want %.12g (off by %.2g)", c.name, i, got[i], want[i], d)
			}
		}
	}
}

// powerTrace returns tr(Aᵏ) for k = 1, 2, 3.
func powerTrace(a []float64, n int) [3]float64 {
	a2 := make([]float64, n*n)
	for i := range n {
		for k := range n {
			for j := range n {
				a2[i*n+j] += a[i*n+k] * a[k*n+j]
			}
		}
	}
	var tr [3]float64
	for i := range n {
		tr[0] += a[i*n+i]
		tr[1] += a2[i*n+i]
		for k := range n {
			tr[2] += a2[i*n+k] * a[k*n+i]
		}
	}
	return tr
}

// TestEigenvaluesTraceIdentities checks random Gaussian matrices against
// the identities Σλᵏ = tr(Aᵏ), k = 1, 2, 3, which hold for any spectrum.
func TestEigenvaluesTraceIdentities(t *testing.T) {
	for _, n := range []int{3, 10, 50, 200} {
		rng := rand.New(rand.NewPCG(uint64(n), 1))
		a := make([]float64, n*n)
		for i := range a {
			a[i] = rng.NormFloat64() / math.Sqrt(float64(n))
		}
		z := eigs(t, a, n)
		want := powerTrace(a, n)
		for k := range 3 {
			var s complex128
			for _, l := range z {
				s += cmplx.Pow(l, complex(float64(k+1), 0))
			}
			// Each λᵏ is O(1) here, so the sums carry about n·ε error.
			tol := 1e-11 * float64(n)
			if d := cmplx.Abs(s - complex(want[k], 0)); d > tol {
				t.Errorf("n=%d: Σλ^%d = %.12g, tr(A^%d) = %.12g (off by %.2g)", n, k+1, s, k+1, want[k], d)
			}
		}
	}
}

// TestEigenvaluesOrthogonal checks a random orthogonal matrix (a product of
// Householder reflections): every eigenvalue lies on the unit circle.
func TestEigenvaluesOrthogonal(t *testing.T) {
	const n = 60
	rng := rand.New(rand.NewPCG(5, 5))
	q := make([]float64, n*n)
	for i := range n {
		q[i*n+i] = 1
	}
	v := make([]float64, n)
	for range n {
		var s float64
		for i := range v {
			v[i] = rng.NormFloat64()
			s += v[i] * v[i]
		}
		for i := range n { // q ← q·(I − 2vvᵀ/|v|²)
			var p float64
			for j := range n {
				p += q[i*n+j] * v[j]
			}
			for j := range n {
				q[i*n+j] -= 2 * p * v[j] / s
			}
		}
	}
	for _, l := range eigs(t, q, n) {
		if d := math.Abs(cmplx.Abs(l) - 1); d > 1e-12 {
			t.Errorf("|λ| = %.15g for λ = %.6g, want 1 (off by %.2g)", cmplx.Abs(l), l, d)
		}
	}
}

func TestEigenvaluesDoesNotAllocate(t *testing.T) {
	const n = 40
	a := make([]float64, n*n)
	for i := range a {
		a[i] = math.Sin(float64(i))
	}
	e, wr, wi := NewEig(n), make([]float64, n), make([]float64, n)
	if got := testing.AllocsPerRun(5, func() { _ = e.Eigenvalues(a, n, wr, wi) }); got > 0 {
		t.Errorf("%.1f allocations per call, want 0", got)
	}
}

func BenchmarkEigenvalues300(b *testing.B) {
	const n = 300
	rng := rand.New(rand.NewPCG(1, 1))
	a := make([]float64, n*n)
	for i := range a {
		a[i] = rng.NormFloat64() / math.Sqrt(n)
	}
	e, wr, wi := NewEig(n), make([]float64, n), make([]float64, n)
	for b.Loop() {
		if err := e.Eigenvalues(a, n, wr, wi); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleEig() {
	// The companion matrix of (x − 1)(x − 2)(x² + 1).
	a := []float64{
		3, -3, 3, -2,
		1, 0, 0, 0,
		0, 1, 0, 0,
		0, 0, 1, 0,
	}
	wr, wi := make([]float64, 4), make([]float64, 4)
	_ = NewEig(4).Eigenvalues(a, 4, wr, wi)
	clean := func(x float64) float64 { return math.Round(x*1e9) / 1e9 } // drop round-off
	for _, z := range sortC(wr, wi) {
		fmt.Printf("%.4g%+.4gi ", clean(real(z))+0, clean(imag(z)))
	}
	fmt.Println()
	// Output: 0-1i 0+1i 1+0i 2+0i
}
