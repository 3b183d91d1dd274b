package linalg

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// ridge solves (α·I + Σ r rᵀ)·w = Σ r f by Gaussian elimination with
// partial pivoting: the batch answer RLS must reproduce.
func ridge(rs [][]float64, fs []float64, alpha float64) []float64 {
	n := len(rs[0])
	a := make([][]float64, n)
	for i := range a {
		a[i] = make([]float64, n+1)
		a[i][i] = alpha
	}
	for s, r := range rs {
		for i := range n {
			for j := range n {
				a[i][j] += r[i] * r[j]
			}
			a[i][n] += r[i] * fs[s]
		}
	}
	for c := range n {
		p := c
		for i := c + 1; i < n; i++ {
			if math.Abs(a[i][c]) > math.Abs(a[p][c]) {
				p = i
			}
		}
		a[c], a[p] = a[p], a[c]
		for i := c + 1; i < n; i++ {
			f := a[i][c] / a[c][c]
			for j := c; j <= n; j++ {
				a[i][j] -= f * a[c][j]
			}
		}
	}
	w := make([]float64, n)
	for i := n - 1; i >= 0; i-- {
		s := a[i][n]
		for j := i + 1; j < n; j++ {
			s -= a[i][j] * w[j]
		}
		w[i] = s / a[i][i]
	}
	return w
}

// TestRLSMatchesRidge feeds RLS samples one at a time and compares its
// weights with the batch ridge-regression solution after each block, and
// checks the a-posteriori error e₊ = c·e₋ of every update (Sussillo &
// Abbott 2009, eq. 8: e₊ = e₋·(1 − rᵀP(t)r), and 1 − rᵀP(t)r = c).
func TestRLSMatchesRidge(t *testing.T) {
	for _, c := range []struct {
		n     int
		alpha float64
		m     int
	}{{5, 1, 40}, {30, 0.1, 100}, {30, 10, 300}, {80, 1, 200}} {
		rng := rand.New(rand.NewPCG(uint64(c.n), 9))
		wTrue := make([]float64, c.n)
		for i := range wTrue {
			wTrue[i] = rng.NormFloat64()
		}
		m := NewRLS(c.n + 5)
		m.Reset(c.n, c.alpha)
		var rs [][]float64
		var fs []float64
		for s := range c.m {
			r := make([]float64, c.n)
			var f float64
			for i := range r {
				r[i] = math.Tanh(rng.NormFloat64())
				f += wTrue[i] * r[i]
			}
			f += 0.1 * rng.NormFloat64()
			rs, fs = append(rs, r), append(fs, f)
			eMinus := m.Output(r) - f
			m.Update(r, eMinus)
			ePlus := m.Output(r) - f
			if s%7 == 0 || s == c.m-1 {
				want := ridge(rs, fs, c.alpha)
				for i := range want {
					if d := math.Abs(m.W[i] - want[i]); d > 1e-9*(1+math.Abs(want[i])) {
						t.Fatalf("n=%d α=%g after %d samples: w[%d] = %.12g, ridge %.12g (off by %.2g)", c.n, c.alpha, s+1, i, m.W[i], want[i], d)
					}
				}
			}
			if math.Abs(ePlus) > math.Abs(eMinus)+1e-12 || ePlus*eMinus < -1e-24 {
				t.Fatalf("n=%d α=%g sample %d: e₊ = %.6g, e₋ = %.6g: the update must shrink the error without flipping it", c.n, c.alpha, s, ePlus, eMinus)
			}
		}
	}
}

func TestRLSDoesNotAllocate(t *testing.T) {
	m := NewRLS(100)
	m.Reset(100, 1)
	r := make([]float64, 100)
	for i := range r {
		r[i] = math.Sin(float64(i))
	}
	if got := testing.AllocsPerRun(50, func() { m.Update(r, 0.1) }); got > 0 {
		t.Errorf("%.1f allocations per update, want 0", got)
	}
}

func BenchmarkRLSUpdate300(b *testing.B) {
	m := NewRLS(300)
	m.Reset(300, 1)
	r := make([]float64, 300)
	for i := range r {
		r[i] = math.Tanh(math.Sin(float64(i)))
	}
	for b.Loop() {
		m.Update(r, 1e-3)
	}
}

func ExampleRLS() {
	// Fit f = 2·r₀ − r₁ from three samples with ridge penalty α = 0.01: the
	// exact answer is (XᵀX + αI)⁻¹Xᵀf = (6.03, −3)/3.0401.
	m := NewRLS(2)
	m.Reset(2, 0.01)
	for _, r := range [][]float64{{1, 0}, {0, 1}, {1, 1}} {
		f := 2*r[0] - r[1]
		m.Update(r, m.Output(r)-f)
	}
	fmt.Printf("w = (%.4g, %.4g)\n", m.W[0], m.W[1])
	// Output: w = (1.983, -0.9868)
}
