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
	const transient = 100.0 // ms
	if end <= 0 {
		return 0
	}
	if end <= 2*transient {
		return float64(len(s.T)) / end * 1000
	}
	n := 0
	for _, t := range s.T {
		if t >= transient {
			n++
		}
	}
	return float64(n) / (end - transient) * 1000
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
