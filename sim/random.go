package sim

import "math/rand/v2"

// NewRand returns the seeded random stream a model draws from. The same seed
// gives the same stream on every platform (PCG, math/rand/v2).
func NewRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
}
