package sim

import (
	"fmt"
	"math"
)

// MaxPoissonLambda is the largest mean a PoissonTable accepts: for λ ≤ 25
// the mass of Poisson(λ) beyond its 64 entries is below 2⁻³³
// (P(X > 63) ≈ 5·10⁻¹¹ at λ = 25).
const MaxPoissonLambda = 25.0

const (
	poissonEntries   = 64
	poissonGuideBits = 10 // 1024 guide entries
	poissonGuide     = 1 << poissonGuideBits
	poissonOne       = 1 << 32 // probability 1 in units of 2⁻³²
)

// PoissonTable draws Poisson(λ) counts from 32-bit uniforms by inversion of
// the cumulative distribution F(k) = Σ_{j≤k} e^(−λ) λ^j / j!:
//
//	cdf[k] = round(F(k)·2³²),  Draw(u) = min{ k : u < cdf[k] },  u ∈ [0, 2³²)
//
// so a uniform u takes the value k with probability
// (cdf[k] − cdf[k−1])·2⁻³², which differs from the exact Poisson
// probability by at most 2⁻³². The table ends at the first K with
// 1 − F(K) < 2⁻³³ (at most 64 entries, hence λ ≤ MaxPoissonLambda); its
// last entry is 2³², which folds that remaining tail into K.
//
// The search starts from a guide table of 1024 entries (indexed search,
// Chen & Asau 1974, AIIE Transactions 6(2):163–166): guide[g] is the value
// drawn by the smallest u of the g-th of 1024 equal slices of [0, 2³²), so
// a draw needs more than one comparison only when its slice straddles a
// step of the CDF — at most one slice per value, so with probability below
// K/1024. The loop then almost always exits at once, a branch that is
// predicted well, where a linear search from 0 would branch on every draw's
// value.
//
// A PoissonTable is a fixed-size value: Reset and Draw do not allocate.
type PoissonTable struct {
	lambda float64
	n      int                    // entries in use, 1..64
	cdf    [poissonEntries]uint64 // F(k) in units of 2⁻³²; cdf[n−1] = 2³²
	guide  [poissonGuide]uint8    // first candidate value for u>>22
}

// NewPoissonTable returns the table of Poisson(λ).
func NewPoissonTable(lambda float64) *PoissonTable {
	t := &PoissonTable{}
	t.Reset(lambda)
	return t
}

// Reset rebuilds the table for mean λ. It panics unless
// 0 ≤ λ ≤ MaxPoissonLambda.
func (t *PoissonTable) Reset(lambda float64) {
	if !(lambda >= 0 && lambda <= MaxPoissonLambda) {
		panic(fmt.Sprintf("sim: PoissonTable: λ = %g outside [0, %g]", lambda, MaxPoissonLambda))
	}
	t.lambda = lambda
	p := math.Exp(-lambda) // P(X = k), by p_k = p_(k−1)·λ/k
	f := 0.0
	t.n = poissonEntries
	for k := range poissonEntries {
		if k > 0 {
			p *= lambda / float64(k)
		}
		f += p
		if 1-f < 0x1p-33 || k == poissonEntries-1 {
			t.cdf[k] = poissonOne
			t.n = k + 1
			break
		}
		t.cdf[k] = uint64(math.Round(f * poissonOne))
	}
	for k := t.n; k < poissonEntries; k++ {
		t.cdf[k] = poissonOne
	}
	k := 0
	for g := range poissonGuide {
		u := uint64(g) << (32 - poissonGuideBits)
		for u >= t.cdf[k] {
			k++
		}
		t.guide[g] = uint8(k)
	}
}

// Lambda is the mean the table was built for.
func (t *PoissonTable) Lambda() float64 { return t.lambda }

// Len is the number of table entries: Draw returns values 0 … Len()−1.
func (t *PoissonTable) Len() int { return t.n }

// Prob is the probability with which Draw returns k, a multiple of 2⁻³²
// within 2⁻³² of e^(−λ) λ^k / k! (0 for k ≥ Len()).
func (t *PoissonTable) Prob(k int) float64 {
	if k < 0 || k >= t.n {
		return 0
	}
	lo := uint64(0)
	if k > 0 {
		lo = t.cdf[k-1]
	}
	return float64(t.cdf[k]-lo) * 0x1p-32
}

// Draw returns the Poisson(λ) value of the uniform u: with u uniform on
// [0, 2³²) the result has the table's distribution. One comparison for
// almost every u.
func (t *PoissonTable) Draw(u uint32) int {
	k := int(t.guide[u>>(32-poissonGuideBits)])
	for uint64(u) >= t.cdf[k&(poissonEntries-1)] {
		k++
	}
	return k
}
