package sim

import "math/rand/v2"

// NewRand returns the seeded random stream a model draws from. The same seed
// gives the same stream on every platform (PCG, math/rand/v2).
func NewRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, pcgStream))
}

// pcgStream is the second seed word of every PCG source the models use.
const pcgStream = 0x9e3779b97f4a7c15

// Reseed restarts src as NewRand(seed)'s source, without allocating: for a
// model that keeps its *rand.PCG and reseeds it on every Reset.
func Reseed(src *rand.PCG, seed uint64) { src.Seed(seed, pcgStream) }
