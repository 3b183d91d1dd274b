package network

import (
	"math"

	"github.com/neurotutor/neurotutor/sim"
)

// brunelStats holds what the metrics and the raster need, gathered after
// the transient (100 ms). rate_hz is the mean rate over all neurons;
// cv_isi the mean over neurons with ≥ 3 spikes of the coefficient of
// variation of their interspike intervals; synchrony is Golomb's χ
// (Golomb 2007, Scholarpedia 2(1):1347) applied to spike counts in 1 ms
// bins: the standard deviation in time of the population activity over
// the root-mean-square of the single neurons' standard deviations — 1 for
// identical spike trains, ≈ 1/√N for independent ones; pop_cv the
// relative swing of the population rate (see PopCV); osc_hz and
// osc_power locate the largest peak of the population rate's spectrum over
// the last 512 ms (see Oscillation).
type brunelStats struct {
	count, countAll     int
	neurons             []brNeuron
	sumM, sumM2         float64
	nV                  int
	binCount            [brBin]int32
	binSum              int32
	popRing             [brOscBins]float64 // 1 ms population counts after the transient
	popN                int                // bins written to popRing
	oscX                [brOscBins]float64 // scratch: windowed counts
	oscP                [brOscBins/2 + 1]float64
	rasterT             []float64
	rasterRow           []int32
	rasterHead, rasterN int
}

// brNeuron is one neuron's spike statistics, together in memory because a
// spike updates all of them.
type brNeuron struct {
	lastSpike      float64 // ms, −1 before the first
	sumISI, sumSq  float64 // ms, ms²: intervals after the transient
	nISI, spikesIn int32   // intervals, and spikes, after the transient
}

func (m *Brunel) resetStats() {
	for i := range m.neurons {
		m.neurons[i] = brNeuron{lastSpike: -1}
	}
	m.count, m.countAll, m.nV, m.sumM, m.sumM2 = 0, 0, 0, 0, 0
	m.binCount, m.binSum = [brBin]int32{}, 0
	m.popN = 0
	m.rasterHead, m.rasterN = 0, 0
}

// record counts the spikes of this step's neurons fired, at time t, and
// closes a 1 ms bin every brBin steps.
func (m *Brunel) record(fired []int32, t float64) {
	stats := t > brTransient
	for _, i := range fired {
		m.spike(int(i), t, stats)
	}
	spikes := int32(len(fired))
	b := m.steps % brBin
	m.binSum += spikes - m.binCount[b]
	m.binCount[b] = spikes
	if stats && b == 0 {
		// A 1 ms bin has closed: its population count enters χ.
		c := float64(m.binSum)
		m.sumM += c
		m.sumM2 += c * c
		m.nV++
		m.popRing[m.popN%brOscBins] = c
		m.popN++
	}
}

// spike records a spike of neuron i at time t.
func (m *Brunel) spike(i int, t float64, stats bool) {
	m.countAll++
	nr := &m.neurons[i]
	if stats {
		m.count++
		nr.spikesIn++
		if last := nr.lastSpike; last > brTransient {
			d := t - last
			nr.nISI++
			nr.sumISI += d
			nr.sumSq += d * d
		}
	}
	nr.lastSpike = t
	row := -1
	switch {
	case i < brRowsE:
		row = i
	case i >= m.nE && i < m.nE+brRowsI:
		row = brRowsE + i - m.nE
	}
	if row < 0 {
		return
	}
	k := (m.rasterHead + m.rasterN) % brRasterCap
	if m.rasterN == brRasterCap {
		m.rasterHead = (m.rasterHead + 1) % brRasterCap
	} else {
		m.rasterN++
	}
	m.rasterT[k], m.rasterRow[k] = t, int32(row)
}

func (m *Brunel) popRate() float64 {
	bins := min(m.steps, brBin)
	if bins == 0 {
		return 0
	}
	return float64(m.binSum) / (float64(m.n) * float64(bins) * brDT) * 1000
}

// Oscillation finds the rhythm of the population rate. It takes the 1 ms
// population counts A(b) of the last n ≤ 512 ms after the transient
// (n ≥ 128, else it reports 0, 0), removes their mean, applies a Hann
// window w(b), and computes the periodogram
//
//	P_k = | Σ_b w(b)·A(b)·e^(−2πi·k·b/n) |²,  f_k = k/n kHz,
//
// smoothed over 2h + 1 neighbouring frequencies (h = n/256, ≈ 10 Hz in
// all). It returns the frequency f of the largest smoothed P_k with
// 5 Hz ≤ f_k ≤ 500 Hz, and that peak over the mean of P_k on the same
// band. For white noise the ratio is the maximum of ≈ 50 independent
// estimates, about 1.5–3; an asynchronous state's spectrum falls with
// frequency, which gives 5–15; a clear rhythm gives > 20. The 1 ms bins
// alias what lies above 500 Hz: the harmonics of the SR state's sharp
// comb fold back below it (at 312 Hz, Brian2's SR rate, the second
// harmonic shows at 375 Hz).
func (m *Brunel) Oscillation() (hz, power float64) {
	n := min(m.popN, brOscBins)
	if n < 128 {
		return 0, 0
	}
	x := m.oscX[:n]
	start := m.popN - n
	mean := 0.0
	for b := range n {
		x[b] = m.popRing[(start+b)%brOscBins]
		mean += x[b]
	}
	mean /= float64(n)
	for b := range n {
		w := 0.5 - 0.5*math.Cos(2*math.Pi*float64(b)/float64(n))
		x[b] = w * (x[b] - mean)
	}
	half := n / 2
	p := m.oscP[:half+1]
	for k := range half + 1 {
		// Σ x_b e^(−iθb) by rotation of a unit phasor.
		c, s := math.Cos(2*math.Pi*float64(k)/float64(n)), -math.Sin(2*math.Pi*float64(k)/float64(n))
		re, im, zr, zi := 0.0, 0.0, 1.0, 0.0
		for _, v := range x {
			re += v * zr
			im += v * zi
			zr, zi = zr*c-zi*s, zr*s+zi*c
		}
		p[k] = re*re + im*im
	}
	lo := int(math.Ceil(5 * float64(n) / 1000))
	h := max(1, n/256)
	var sum, best float64
	bestK := 0
	for k := lo; k <= half; k++ {
		sum += p[k]
		var sm float64
		cnt := 0
		for j := max(lo, k-h); j <= min(half, k+h); j++ {
			sm += p[j]
			cnt++
		}
		if sm /= float64(cnt); sm > best {
			best, bestK = sm, k
		}
	}
	sum /= float64(half - lo + 1)
	if sum <= 0 {
		return 0, 0
	}
	return float64(bestK) * 1000 / float64(n), best / sum
}

// RateHz is the mean rate per neuron after the transient (whole run when it
// lasts 200 ms or less).
func (m *Brunel) RateHz() float64 {
	n := float64(m.n)
	switch {
	case m.t <= 0:
		return 0
	case m.t <= 2*brTransient:
		return float64(m.countAll) / n / m.t * 1000
	}
	return float64(m.count) / n / (m.t - brTransient) * 1000
}

// CV is the mean over neurons with at least three spikes after the
// transient of the CV of their interspike intervals.
func (m *Brunel) CV() float64 {
	var sum float64
	n := 0
	for i := range m.neurons {
		nr := &m.neurons[i]
		k := float64(nr.nISI)
		if k < 2 {
			continue
		}
		mean := nr.sumISI / k
		vr := nr.sumSq/k - mean*mean
		if mean > 0 {
			sum += math.Sqrt(math.Max(vr, 0)) / mean
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// Synchrony is Golomb's χ after the transient, computed on spike counts
// in 1 ms bins: with n_i(b) the count of neuron i in bin b and
// A(b) = Σ_i n_i(b)/N,
//
//	χ² = Var_b[A] / ( (1/N) Σ_i Var_b[n_i] )
//
// A neuron fires at most once per bin (τ_rp = 2 ms), so Var_b[n_i] =
// p_i(1 − p_i) with p_i its fraction of bins holding a spike.
func (m *Brunel) Synchrony() float64 {
	if m.nV < 2 {
		return 0
	}
	k := float64(m.nV)
	n := float64(m.n)
	mean := m.sumM / k / n
	varA := m.sumM2/k/(n*n) - mean*mean
	var vi float64
	for i := range m.neurons {
		p := math.Min(float64(m.neurons[i].spikesIn)/k, 1)
		vi += p * (1 - p)
	}
	vi /= n
	if vi <= 0 {
		return 0
	}
	return math.Sqrt(sim.Clamp(varA/vi, 0, 1))
}

// PopCV is the coefficient of variation in time of the population
// activity after the transient, on 1 ms bins: with A(b) the spike count
// of bin b,
//
//	pop_cv = √Var_b[A] / Mean_b[A]
//
// For N independent Poisson cells at rate ν it is about 1/√(N·ν·1 ms)
// (0.05–0.2 here); it grows with shared swings of the population rate and
// exceeds 1 when the population fires in bursts separated by silence. It
// is χ/√(ν·1 ms) for low rates: where χ asks how much of each cell's
// variability the population shares, pop_cv asks how far the population
// rate itself swings, which stays visible when each cell joins only a few
// of the swings (Brunel's slow synchronous irregular state).
func (m *Brunel) PopCV() float64 {
	if m.nV < 2 || m.sumM <= 0 {
		return 0
	}
	k := float64(m.nV)
	mean := m.sumM / k
	return math.Sqrt(math.Max(m.sumM2/k-mean*mean, 0)) / mean
}

// Plot fills the raster of the last window.
func (m *Brunel) Plot(key string, dst *sim.PlotData) {
	if key != "raster" {
		return
	}
	t0 := math.Max(0, m.t-brWindow)
	for k := range m.rasterN {
		j := (m.rasterHead + k) % brRasterCap
		if m.rasterT[j] >= t0 {
			dst.SpikeT = append(dst.SpikeT, m.rasterT[j])
			dst.SpikeRow = append(dst.SpikeRow, int(m.rasterRow[j]))
		}
	}
	dst.Rows, dst.T0, dst.T1 = brRows, t0, math.Max(m.t, brWindow)
}
