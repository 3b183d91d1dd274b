package sim

import "math"

// SpikeTrain records spike times (ms) of one neuron. Its storage is kept
// across Clear, so a run that fires no more than the previous one does not
// allocate.
type SpikeTrain struct {
	T []float64
}

// Clear forgets all spikes, keeping capacity.
func (s *SpikeTrain) Clear() { s.T = s.T[:0] }

// Add records a spike at time t (ms).
func (s *SpikeTrain) Add(t float64) { s.T = append(s.T, t) }

// Count is the number of spikes.
func (s *SpikeTrain) Count() int { return len(s.T) }

// RateHz is the firing rate of a run that has lasted `end` ms, with the
// project's definition for single-neuron models: the spike count after the
// first 100 ms divided by the remaining time, or the count over the whole
// run when it lasts 200 ms or less. It is 0 for an empty run.
func (s *SpikeTrain) RateHz(end float64) float64 {
	late := 0
	for _, t := range s.T {
		if t >= rateTransient {
			late++
		}
	}
	return rateHz(len(s.T), late, end)
}

// rateTransient is the start of a run that single-neuron rates leave out, ms.
const rateTransient = 100.0

// rateHz is the single-neuron rate of a run of `end` ms with n spikes, late
// of them at or after the transient.
func rateHz(n, late int, end float64) float64 {
	switch {
	case end <= 0:
		return 0
	case end <= 2*rateTransient:
		return float64(n) / end * 1000
	}
	return float64(late) / (end - rateTransient) * 1000
}

// SpikeStats accumulates the single-neuron spike metrics without storing
// spike times: the count, the count after the transient (so RateHz equals
// SpikeTrain.RateHz), and Welford's running mean and sum of squares of the
// interspike intervals (so CV equals CVISI). It never allocates.
type SpikeStats struct {
	n, late     int
	first, last float64             // ms
	isiMean     float64             // ms
	isiM2       float64             // ms²
	recent      [steadyISIs]float64 // the last intervals, a ring, ms
}

// steadyISIs is the number of recent intervals SteadyRateHz averages.
const steadyISIs = 16

// Reset forgets every spike.
func (s *SpikeStats) Reset() { *s = SpikeStats{} }

// Add records a spike at time t (ms), not earlier than the last.
func (s *SpikeStats) Add(t float64) {
	if s.n == 0 {
		s.first = t
	} else {
		isi := t - s.last
		k := float64(s.n) // intervals so far, including this one
		d := isi - s.isiMean
		s.isiMean += d / k
		s.isiM2 += d * (isi - s.isiMean)
		s.recent[(s.n-1)%steadyISIs] = isi
	}
	s.n++
	if t >= rateTransient {
		s.late++
	}
	s.last = t
}

// Count is the number of spikes.
func (s *SpikeStats) Count() int { return s.n }

// MeanISI is the mean interspike interval, ms; 0 with fewer than two
// spikes.
func (s *SpikeStats) MeanISI() float64 {
	if s.n < 2 {
		return 0
	}
	return (s.last - s.first) / float64(s.n-1)
}

// RateHz is the single-neuron rate of a run that has lasted `end` ms, as
// SpikeTrain.RateHz defines it.
func (s *SpikeStats) RateHz(end float64) float64 { return rateHz(s.n, s.late, end) }

// SteadyRateHz is the rate the neuron fires at now, at time `now` (ms):
// 1000 over the mean of its last 16 interspike intervals (fewer at the
// start), or over the time since its last spike when that is longer, so
// the rate falls as soon as firing stops; 0 before two spikes. Unlike
// RateHz it does not step at every spike: for regular firing it is the
// exact rate from the second spike on, the thing a challenge's condition
// should hold on.
func (s *SpikeStats) SteadyRateHz(now float64) float64 {
	if s.n < 2 {
		return 0
	}
	sum := 0.0
	for _, v := range s.recent { // slots not yet filled are 0
		sum += v
	}
	mean := sum / float64(min(s.n-1, steadyISIs))
	if open := now - s.last; open > mean {
		mean = open
	}
	if mean <= 0 {
		return 0
	}
	return 1000 / mean
}

// CV is the coefficient of variation of the interspike intervals
// (population standard deviation over mean); 0 with fewer than three
// spikes. A spread at the level of rounding error (below 1e-12) reads 0.
func (s *SpikeStats) CV() float64 {
	if s.n < 3 || s.isiMean <= 0 {
		return 0
	}
	cv := math.Sqrt(math.Max(s.isiM2, 0)/float64(s.n-1)) / s.isiMean
	if cv < 1e-12 {
		return 0
	}
	return cv
}

// CV is the coefficient of variation of the inter-spike intervals
// (standard deviation over mean, population form); 0 with fewer than three
// spikes.
func (s *SpikeTrain) CV() float64 { return CVISI(s.T) }

// CVISI is the coefficient of variation of the intervals between the sorted
// spike times t; 0 with fewer than three spikes.
func CVISI(t []float64) float64 {
	if len(t) < 3 {
		return 0
	}
	n := float64(len(t) - 1)
	mean := (t[len(t)-1] - t[0]) / n
	if mean <= 0 {
		return 0
	}
	var ss float64
	for i := 1; i < len(t); i++ {
		d := t[i] - t[i-1] - mean
		ss += d * d
	}
	return math.Sqrt(ss/n) / mean
}

// Crossing detects upward crossings of a threshold, the spike criterion for
// conductance-based models (0 mV).
type Crossing struct {
	Threshold float64
	above     bool
}

// Reset forgets the previous value's side, taking v as the start.
func (c *Crossing) Reset(v float64) { c.above = v >= c.Threshold }

// Update reports whether v has just crossed the threshold upwards.
func (c *Crossing) Update(v float64) bool {
	up := v >= c.Threshold && !c.above
	c.above = v >= c.Threshold
	return up
}
