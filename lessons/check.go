package lessons

// Check follows one challenge over a running model: it is met once all its
// conditions have held without a break for HoldMS of simulated time.
type Check struct {
	Challenge *Challenge
	since     float64 // simulated time the conditions started to hold, ms
	holding   bool
	Solved    bool
}

// NewCheck starts following ch.
func NewCheck(ch *Challenge) *Check { return &Check{Challenge: ch} }

// Restart forgets a partial hold (after a reset or a parameter change),
// keeping Solved.
func (k *Check) Restart() { k.holding = false }

// Update evaluates the conditions at simulated time t (ms) and reports
// whether the challenge has just been met.
func (k *Check) Update(t float64, value func(key string) float64) bool {
	if !k.Challenge.HoldsAll(value) {
		k.holding = false
		return false
	}
	if !k.holding {
		k.holding, k.since = true, t
	}
	if !k.Solved && t-k.since >= k.Challenge.HoldMS {
		k.Solved = true
		return true
	}
	return false
}

// Held is how long the conditions have held so far, in ms (0 when not).
func (k *Check) Held(t float64) float64 {
	if !k.holding {
		return 0
	}
	return t - k.since
}
