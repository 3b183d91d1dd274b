package network

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

// The codes of the robustness model, the values of its "code" parameter.
const (
	CodeLocalist    = iota // one dedicated unit per stimulus
	CodeDistributed        // dense random binary patterns, half the units on
	CodeSparse             // sparse random binary patterns, a tenth of the units on
)

// Robustness constants.
const (
	robMaxN       = 400
	robMaxK       = 20
	robSparseFrac = 0.1 // fraction of units on in a sparse pattern
	robSweepPts   = 21  // fractions silenced in the sweep, 0 to 1
	robSweepTrial = 300 // trials per point of the sweep
)

// Robustness compares how three population codes survive noise and the loss
// of neurons. K stimuli are each encoded by a binary pattern tₖ over N units
// (active rate 1, silent 0):
//
//	localist:     tₖ = eₖ (unit k alone, a "grandmother cell"; units K…N−1 idle)
//	distributed:  tₖᵢ ~ Bernoulli(1/2)
//	sparse:       tₖᵢ ~ Bernoulli(1/10), at least one unit on
//
// On a trial a stimulus s is drawn uniformly, each working unit responds
// rᵢ = tₛᵢ + σ·ξᵢ with ξᵢ ~ N(0, 1), and a fixed set of round(f·N) randomly
// chosen units is silenced (rᵢ = 0, no noise). A fixed readout that knows
// nothing of the silencing decodes the nearest template,
//
//	ŝ = argmaxₖ (r·tₖ − |tₖ|²/2)  (= argminₖ |r − tₖ|²),
//
// breaking ties uniformly at random. For the localist code without noise a
// stimulus whose unit is silenced is guessed at chance, so with m of the K
// coding units silenced the accuracy is exactly 1 − m/K + (m/K)/K, on
// average (1 − f) + f/K. Distributed codes degrade gracefully: the distance
// between templates falls only in proportion to the units lost (Dayan &
// Abbott 2001, ch. 3; Hinton, McClelland & Rumelhart 1986).
//
// A step is one trial; accuracy is the running fraction correct. All three
// codes are tested on the same stimuli, noise and silenced units.
type Robustness struct {
	sim.Params
	N, K     float64
	Code     float64
	Silenced float64 // fraction of units silenced
	Noise    float64 // σ, in units of the active rate

	info     sim.Info
	t        float64
	n, k     int
	tmpl     [3][]float64 // code × K×N templates
	norm2    [3][]float64 // code × K: |tₖ|²
	dead     []bool       // N
	perm     []int        // scratch permutation
	r        [3][]float64 // last response per code
	correct  [3]int
	trials   int
	last     int // last stimulus
	rng      *rand.Rand
	ties     []int
	sweepKey [3]float64 // n, k, noise the sweep was computed for
	sweepOK  bool
	sweep    [3][robSweepPts]float64
}

// NewRobustness returns the model with default parameters, reset with seed 1.
func NewRobustness() *Robustness {
	m := &Robustness{Params: sim.NewParams("robustness")}
	m.Bind(sim.Param{Key: "n", Label: "N units", Min: 20, Max: robMaxN, Step: 10, Default: 100, Integer: true,
		Help: "number of units in the population"}, &m.N)
	m.Bind(sim.Param{Key: "k", Label: "K stimuli", Min: 2, Max: robMaxK, Step: 1, Default: 10, Integer: true,
		Help: "number of stimuli to tell apart"}, &m.K)
	m.Bind(sim.Param{Key: "code", Label: "code", Choices: []string{"localist", "distributed", "sparse"},
		Default: CodeLocalist, Live: true, Help: "code shown in the response plot and the accuracy metric"}, &m.Code)
	m.Bind(sim.Param{Key: "silenced", Label: "silenced", Min: 0, Max: 1, Step: 0.05, Default: 0,
		Help: "fraction of units silenced (lesioned)"}, &m.Silenced)
	m.Bind(sim.Param{Key: "noise", Label: "noise σ", Min: 0, Max: 2, Step: 0.05, Default: 0.2,
		Help: "response noise, in units of the active rate"}, &m.Noise)
	for c := range 3 {
		m.tmpl[c] = make([]float64, robMaxK*robMaxN)
		m.norm2[c] = make([]float64, robMaxK)
		m.r[c] = make([]float64, robMaxN)
	}
	m.dead = make([]bool, robMaxN)
	m.perm = make([]int, robMaxN)
	m.ties = make([]int, 0, robMaxK)
	m.info = m.describe()
	m.Reset(1)
	return m
}

// Info describes the model.
func (m *Robustness) Info() sim.Info { return m.info }

func (m *Robustness) describe() sim.Info {
	return sim.Info{
		ID:       "robustness",
		Title:    "Robustness of population codes",
		Summary:  "localist versus distributed codes decoded under noise and the loss of units",
		DT:       1,
		StepNote: "one test trial per 1 ms step",
		Window:   2000, Speed: 500,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "accuracy", Label: "accuracy", Help: "fraction correct so far with the chosen code"},
			{Key: "acc_localist", Label: "localist", Help: "fraction correct so far, localist code"},
			{Key: "acc_distributed", Label: "distributed", Help: "fraction correct so far, dense distributed code"},
			{Key: "acc_sparse", Label: "sparse", Help: "fraction correct so far, sparse distributed code"},
			{Key: "chance", Label: "chance", Help: "1/K"},
			{Key: "expected_localist", Label: "localist (theory)",
				Help: "1 − m/K + m/K² for m silenced coding units, exact without noise"},
			{Key: "trials", Label: "trials", Help: "trials so far"},
		},
		Signals: []sim.Signal{
			{Key: "acc_localist", Label: "localist"},
			{Key: "acc_distributed", Label: "distributed"},
			{Key: "acc_sparse", Label: "sparse"},
			{Key: "chance", Label: "chance"},
		},
		Plots: []sim.PlotSpec{
			{Key: "accuracy", Title: "Running accuracy", Kind: sim.PlotTrace,
				Signals: []string{"acc_localist", "acc_distributed", "acc_sparse", "chance"}, YMin: 0, YMax: 1},
			{Key: "sweep", Title: "Accuracy against fraction silenced (300 trials a point)", Kind: sim.PlotXY,
				XLabel: "fraction silenced", YLabel: "accuracy", YMin: 0, YMax: 1},
			{Key: "response", Title: "Response on the last trial, chosen code (silenced units at 0)", Kind: sim.PlotBars},
		},
	}
}

// Reset draws the templates and the silenced units, and clears the counts.
func (m *Robustness) Reset(seed uint64) {
	m.n, m.k = int(m.N), int(m.K)
	m.rng = sim.NewRand(seed)
	m.t, m.trials, m.last = 0, 0, 0
	m.correct = [3]int{}
	m.sweepOK = false
	m.drawTemplates(m.rng)
	m.silence(m.rng, m.Silenced)
	for c := range 3 {
		clear(m.r[c])
	}
}

func (m *Robustness) drawTemplates(rng *rand.Rand) {
	n, k := m.n, m.k
	for c := range 3 {
		clear(m.tmpl[c])
		for s := range k {
			row := m.tmpl[c][s*n : (s+1)*n]
			switch c {
			case CodeLocalist:
				row[s] = 1
			case CodeDistributed:
				for i := range row {
					if rng.Float64() < 0.5 {
						row[i] = 1
					}
				}
			case CodeSparse:
				on := 0
				for i := range row {
					if rng.Float64() < robSparseFrac {
						row[i] = 1
						on++
					}
				}
				if on == 0 {
					row[rng.IntN(n)] = 1
				}
			}
			var q float64
			for _, v := range row {
				q += v * v
			}
			m.norm2[c][s] = q
		}
	}
}

// silence marks round(f·N) randomly chosen units as silenced.
func (m *Robustness) silence(rng *rand.Rand, f float64) {
	n := m.n
	for i := range n {
		m.perm[i] = i
		m.dead[i] = false
	}
	for i := n - 1; i > 0; i-- {
		j := rng.IntN(i + 1)
		m.perm[i], m.perm[j] = m.perm[j], m.perm[i]
	}
	for _, i := range m.perm[:int(math.Round(f*float64(n)))] {
		m.dead[i] = true
	}
}

// SilencedCoding is the number m of the K localist coding units silenced.
func (m *Robustness) SilencedCoding() int {
	c := 0
	for i := range m.k {
		if m.dead[i] {
			c++
		}
	}
	return c
}

// ExpectedLocalist is the exact localist accuracy without noise for the
// silenced set drawn: 1 − m/K + (m/K)·(1/K).
func (m *Robustness) ExpectedLocalist() float64 {
	k := float64(m.k)
	q := float64(m.SilencedCoding()) / k
	return 1 - q + q/k
}

// trial runs one trial of every code with the current silenced set and
// reports whether each decoded correctly.
func (m *Robustness) trial(rng *rand.Rand) (s int, ok [3]bool) {
	n := m.n
	s = rng.IntN(m.k)
	for c := range 3 {
		r := m.r[c][:n]
		t := m.tmpl[c][s*n : (s+1)*n]
		for i := range r {
			if m.dead[i] {
				r[i] = 0
				continue
			}
			r[i] = t[i]
			if m.Noise > 0 {
				r[i] += m.Noise * rng.NormFloat64()
			}
		}
		ok[c] = m.decode(rng, c, r) == s
	}
	return s, ok
}

// decode returns the nearest template to r, ties broken at random.
func (m *Robustness) decode(rng *rand.Rand, c int, r []float64) int {
	n := m.n
	best := math.Inf(-1)
	m.ties = m.ties[:0]
	for k := range m.k {
		t := m.tmpl[c][k*n : (k+1)*n]
		var dot float64
		for i, v := range r {
			dot += v * t[i]
		}
		score := dot - m.norm2[c][k]/2
		switch {
		case score > best:
			best = score
			m.ties = append(m.ties[:0], k)
		case score == best:
			m.ties = append(m.ties, k)
		}
	}
	if len(m.ties) == 1 {
		return m.ties[0]
	}
	return m.ties[rng.IntN(len(m.ties))]
}

// Step runs one test trial.
func (m *Robustness) Step() {
	s, ok := m.trial(m.rng)
	m.last = s
	for c := range 3 {
		if ok[c] {
			m.correct[c]++
		}
	}
	m.trials++
	m.t++
}

// Time is the simulated time in ms (one trial per ms).
func (m *Robustness) Time() float64 { return m.t }

// Accuracy is the running fraction correct of code c (0 before any trial).
func (m *Robustness) Accuracy(c int) float64 {
	if m.trials == 0 {
		return 0
	}
	return float64(m.correct[c]) / float64(m.trials)
}

// Sample records the three running accuracies and chance.
func (m *Robustness) Sample(dst []float64) {
	dst[0], dst[1], dst[2], dst[3] = m.Accuracy(0), m.Accuracy(1), m.Accuracy(2), 1/m.K
}

// Metrics reports the accuracies, chance, the localist theory and the count.
func (m *Robustness) Metrics(dst []float64) {
	dst[0] = m.Accuracy(int(m.Code))
	dst[1], dst[2], dst[3] = m.Accuracy(0), m.Accuracy(1), m.Accuracy(2)
	dst[4], dst[5], dst[6] = 1/m.K, m.ExpectedLocalist(), float64(m.trials)
}

// Plot fills the sweep of accuracy against the fraction silenced (computed
// once per run and noise level, with its own random stream) or the
// response bars.
func (m *Robustness) Plot(key string, dst *sim.PlotData) {
	switch key {
	case "sweep":
		m.computeSweep()
		names := [3]string{"localist", "distributed", "sparse"}
		for c := range 3 {
			s := dst.AddSeries(names[c], false)
			for p := range robSweepPts {
				s.Add(float64(p)/(robSweepPts-1), m.sweep[c][p])
			}
		}
		th := dst.AddSeries("localist theory (1−f)+f/K", false)
		for p := range robSweepPts {
			f := float64(p) / (robSweepPts - 1)
			th.Add(f, (1-f)+f/m.K)
		}
		now := dst.AddSeries("now", true)
		now.Add(m.Silenced, m.Accuracy(int(m.Code)))
		dst.XMin, dst.XMax, dst.YMin, dst.YMax = 0, 1, 0, 1
	case "response":
		c := int(m.Code)
		dst.Bars = append(dst.Bars, m.r[c][:m.n]...)
		dst.Marked = -1
		if c == CodeLocalist {
			dst.Marked = m.last
		}
	}
}

// computeSweep estimates the accuracy of each code at 21 fractions
// silenced, with its own random stream so the running trials are not
// disturbed. It keeps the live templates and restores the silenced set.
func (m *Robustness) computeSweep() {
	key := [3]float64{m.N, m.K, m.Noise}
	if m.sweepOK && key == m.sweepKey && m.n == int(m.N) && m.k == int(m.K) {
		return
	}
	if m.n != int(m.N) || m.k != int(m.K) {
		return // sizes changed without a reset; wait for it
	}
	rng := sim.NewRand(12345)
	saved := make([]bool, m.n)
	copy(saved, m.dead[:m.n])
	savedR := [3][]float64{}
	for c := range 3 {
		savedR[c] = append([]float64(nil), m.r[c][:m.n]...)
	}
	for p := range robSweepPts {
		m.silence(rng, float64(p)/(robSweepPts-1))
		var ok [3]int
		for range robSweepTrial {
			_, o := m.trial(rng)
			for c := range 3 {
				if o[c] {
					ok[c]++
				}
			}
		}
		for c := range 3 {
			m.sweep[c][p] = float64(ok[c]) / robSweepTrial
		}
	}
	copy(m.dead[:m.n], saved)
	for c := range 3 {
		copy(m.r[c], savedR[c])
	}
	m.sweepKey, m.sweepOK = key, true
}
