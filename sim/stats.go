package sim

import "math"

// MeanVar returns the mean and the unbiased sample variance of x (variance 0
// for fewer than two values).
func MeanVar(x []float64) (mean, variance float64) {
	if len(x) == 0 {
		return 0, 0
	}
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	if len(x) < 2 {
		return mean, 0
	}
	for _, v := range x {
		variance += (v - mean) * (v - mean)
	}
	return mean, variance / float64(len(x)-1)
}

// Fano is the Fano factor of spike counts, variance over mean; 0 when the
// mean is 0.
func Fano(counts []float64) float64 {
	m, v := MeanVar(counts)
	if m == 0 {
		return 0
	}
	return v / m
}

// Rectify is [x]₊ = max(x, 0).
func Rectify(x float64) float64 { return math.Max(x, 0) }

// Clamp limits x to [lo, hi].
func Clamp(x, lo, hi float64) float64 { return math.Min(math.Max(x, lo), hi) }
