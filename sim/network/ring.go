package network

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

// Ring-attractor constants.
const (
	ringDT      = 0.5   // ms, Euler step
	ringTau     = 10.0  // ms, rate time constant
	ringI0      = 20.0  // Hz, uniform background input
	ringCueAmp  = 10.0  // Hz, peak modulation of the cue
	ringRMax    = 100.0 // Hz, saturation of the transfer function
	ringCueOn   = 200.0 // ms, cue onset
	ringMaxN    = 256   // largest ring
	ringHistLen = 120   // columns of the activity history
	ringHistMS  = 50.0  // ms per history column
	ringRows    = 64    // rows of the activity history (ring downsampled)
	ringSettle  = 50.0  // ms after cue offset before drift is measured
)

// Ring is a ring-attractor rate network: N neurons with preferred angles
// θᵢ = −π + 2πi/N evenly around a circle, coupled by a cosine profile, driven by
// a uniform background and, for cue_ms after t = 200 ms, a cue centred on
// cue_deg:
//
//	τ drᵢ/dt = −rᵢ + φ(hᵢ) + σ·√τ·ξᵢ(t)
//	hᵢ = (1/N) Σⱼ J(θᵢ − θⱼ)·rⱼ + I₀ + δᵢ + c(t)·cos(θᵢ − θ_cue)
//	J(Δ) = J₀ + J₂·cos Δ
//	φ(h) = min([h]₊, r_max)
//
// with τ = 10 ms, I₀ = 20 Hz, cue amplitude c = 10 Hz, r_max = 100 Hz,
// white noise ξ of intensity σ (Hz) and fixed per-neuron offsets δᵢ drawn
// from N(0, hetero²) (Hz). This is the threshold-linear ring of Ben-Yishai,
// Bar-Or & Sompolinsky (1995, PNAS 92:3844) on the full circle, as used for
// head direction (Zhang 1996, J Neurosci 16:2112) and spatial working
// memory (Compte et al. 2000, Cereb Cortex 10:910).
//
// The uniform state r₀ = I₀/(1 − J₀) (J₀ < 1) is stable against the first
// Fourier mode cos(θ − ψ) as long as J₂/2 < 1: perturbations of that mode
// decay at the rate (1 − J₂/2)/τ. Above the critical J₂ = 2 the uniform
// state breaks into a bump whose position is free — a continuous ring of
// fixed points — so the bump stays where the cue left it and diffuses under
// noise. The recurrent sum is computed exactly in O(N) from the first
// Fourier moments of r. Integration is Euler–Maruyama with a 0.5 ms step.
type Ring struct {
	sim.Params
	J0, J2   float64
	CueDeg   float64 // deg
	CueMS    float64 // ms
	Noise    float64 // Hz
	N        float64
	Hetero   float64 // Hz
	info     sim.Info
	t        float64
	n        int
	r        []float64 // rates, Hz
	cos, sin []float64 // of preferred angles
	delta    []float64 // per-neuron input offsets, Hz
	euler    *sim.Euler
	rng      *rand.Rand
	drive    float64 // cue amplitude now, Hz
	cueCos   float64
	cueSin   float64

	hist     []float64 // ringHistLen × ringRows, column-major ring buffer
	histHead int
	histN    int
	histAcc  int // steps accumulated into the current column
}

// NewRing returns the ring attractor with default parameters, reset with
// seed 1.
func NewRing() *Ring {
	m := &Ring{Params: sim.NewParams("ring")}
	m.Bind(sim.Param{Key: "j0", Label: "J₀", Min: -10, Max: 0.5, Step: 0.1, Default: -1,
		Help: "uniform coupling (negative: global inhibition)"}, &m.J0)
	m.Bind(sim.Param{Key: "j2", Label: "J₂", Min: 0, Max: 6, Step: 0.05, Default: 3,
		Help: "cosine coupling: excitation between similar angles (critical value 2)"}, &m.J2)
	m.Bind(sim.Param{Key: "cue_deg", Label: "cue θ", Unit: "deg", Min: -180, Max: 180, Step: 5, Default: 0,
		Help: "direction of the cue"}, &m.CueDeg)
	m.Bind(sim.Param{Key: "cue_ms", Label: "cue duration", Unit: "ms", Min: 0, Max: 2000, ValidMin: 0, ValidMax: 10000, Step: 50, Default: 300,
		Help: "how long the cue lasts, from t = 200 ms"}, &m.CueMS)
	m.Bind(sim.Param{Key: "noise", Label: "noise σ", Unit: "Hz", Min: 0, Max: 10, ValidMin: 0, ValidMax: 50, Step: 0.25, Default: 1,
		Help: "white-noise intensity on each rate"}, &m.Noise)
	m.Bind(sim.Param{Key: "n", Label: "N", Min: 16, Max: ringMaxN, Step: 16, Default: 64, Integer: true,
		Help: "number of neurons on the ring"}, &m.N)
	m.Bind(sim.Param{Key: "hetero", Label: "heterogeneity", Unit: "Hz", Min: 0, Max: 2, Step: 0.05, Default: 0,
		Help: "spread of fixed per-neuron input offsets"}, &m.Hetero)
	m.r = make([]float64, ringMaxN)
	m.cos = make([]float64, ringMaxN)
	m.sin = make([]float64, ringMaxN)
	m.delta = make([]float64, ringMaxN)
	m.hist = make([]float64, ringHistLen*ringRows)
	m.euler = sim.NewEuler(ringMaxN)
	m.info = m.describe()
	m.Reset(1)
	return m
}

// Info describes the model.
func (m *Ring) Info() sim.Info { return m.info }

func (m *Ring) describe() sim.Info {
	return sim.Info{
		ID:      "ring",
		Title:   "Ring attractor",
		Summary: "rate network with cosine coupling that holds a bump of activity after its cue is gone",
		DT:      ringDT, Window: 6000, Speed: 1500,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "bump_deg", Label: "bump θ", Unit: "deg", Help: "population-vector direction of the activity"},
			{Key: "drift_deg", Label: "drift", Unit: "deg", Help: "bump θ − cue θ, from 50 ms after cue offset (0 before)"},
			{Key: "bump_amp", Label: "bump amplitude", Unit: "Hz", Help: "first Fourier amplitude of the rates, 2|⟨r e^{iθ}⟩|"},
			{Key: "mean_rate", Label: "mean rate", Unit: "Hz", Help: "population mean rate"},
			{Key: "cue_on", Label: "cue on", Help: "1 while the cue is on"},
			{Key: "delay_ms", Label: "delay", Unit: "ms", Help: "time since the cue ended (0 until then)"},
		},
		Signals: []sim.Signal{
			{Key: "bump_deg", Label: "bump θ", Unit: "deg"},
			{Key: "cue_deg", Label: "cue θ", Unit: "deg"},
			{Key: "bump_amp", Label: "bump amplitude", Unit: "Hz"},
			{Key: "mean_rate", Label: "mean rate", Unit: "Hz"},
		},
		Plots: []sim.PlotSpec{
			{Key: "activity", Title: "Activity around the ring over time (rows: θ from −180° to 180°)", Kind: sim.PlotGrid},
			{Key: "position", Title: "Bump position", Kind: sim.PlotTrace, Signals: []string{"bump_deg", "cue_deg"},
				YLabel: "deg", YMin: -180, YMax: 180},
			{Key: "amplitude", Title: "Bump amplitude and mean rate", Kind: sim.PlotTrace,
				Signals: []string{"bump_amp", "mean_rate"}, YLabel: "Hz"},
			{Key: "rates", Title: "Rates now (by preferred angle)", Kind: sim.PlotBars, YLabel: "Hz"},
		},
	}
}

// CriticalJ2 is the coupling above which the uniform state of the
// threshold-linear ring loses stability to a bump: a perturbation
// a·cos(θ − ψ) grows at rate (φ′·J₂/2 − 1)/τ with slope φ′ = 1.
func CriticalJ2() float64 { return 2 }

// Reset returns to time zero with every rate at the uniform state, draws
// the per-neuron offsets, and clears the history.
func (m *Ring) Reset(seed uint64) {
	m.n = int(m.N)
	m.rng = sim.NewRand(seed)
	m.t = 0
	r0 := ringI0 / (1 - m.J0)
	r0 = sim.Clamp(r0, 0, ringRMax)
	for i := range m.n {
		th := -math.Pi + 2*math.Pi*float64(i)/float64(m.n)
		m.cos[i], m.sin[i] = math.Cos(th), math.Sin(th)
		m.r[i] = r0
		m.delta[i] = m.Hetero * m.rng.NormFloat64()
	}
	c := m.CueDeg * math.Pi / 180
	m.cueCos, m.cueSin = math.Cos(c), math.Sin(c)
	m.drive = 0
	clear(m.hist)
	m.histHead, m.histN, m.histAcc = 0, 0, 0
}

// Time is the simulated time in ms.
func (m *Ring) Time() float64 { return m.t }

// Deriv is the deterministic part of the rate equation, dr/dt in Hz/ms.
func (m *Ring) Deriv(_ float64, y, dy []float64) {
	n := len(y)
	var s0, sc, ss float64
	for j, r := range y {
		s0 += r
		sc += r * m.cos[j]
		ss += r * m.sin[j]
	}
	inv := 1 / float64(n)
	s0, sc, ss = s0*inv, sc*inv, ss*inv
	for i := range y {
		h := m.J0*s0 + m.J2*(sc*m.cos[i]+ss*m.sin[i]) + ringI0 + m.delta[i] +
			m.drive*(m.cos[i]*m.cueCos+m.sin[i]*m.cueSin)
		dy[i] = (-y[i] + sim.Clamp(h, 0, ringRMax)) / ringTau
	}
}

// cueOn reports whether the cue is on at time t (ms).
func (m *Ring) cueOn(t float64) bool { return t >= ringCueOn && t < ringCueOn+m.CueMS }

// Step advances one Euler–Maruyama step of 0.5 ms.
func (m *Ring) Step() {
	m.drive = 0
	if m.cueOn(m.t) {
		m.drive = ringCueAmp
	}
	y := m.r[:m.n]
	m.euler.Step(m, m.t, ringDT, y)
	if m.Noise > 0 {
		a := m.Noise * math.Sqrt(ringDT/ringTau)
		for i := range y {
			y[i] += a * m.rng.NormFloat64()
		}
	}
	m.t += ringDT
	m.record()
}

// record accumulates the rates into the history, one column per 50 ms,
// each row the mean over its share of the ring.
func (m *Ring) record() {
	if m.histAcc == 0 {
		if m.histN < ringHistLen {
			m.histN++
		} else {
			m.histHead = (m.histHead + 1) % ringHistLen
		}
		col := (m.histHead + m.histN - 1) % ringHistLen
		clear(m.hist[col*ringRows : (col+1)*ringRows])
	}
	col := (m.histHead + m.histN - 1) % ringHistLen
	per := int(ringHistMS / ringDT)
	dst := m.hist[col*ringRows : (col+1)*ringRows]
	rows := min(ringRows, m.n)
	w := float64(rows) / float64(m.n) / float64(per)
	for i := range m.n {
		dst[i*rows/m.n] += m.r[i] * w
	}
	m.histAcc = (m.histAcc + 1) % per
}

// Bump returns the population-vector direction (deg) and the first Fourier
// amplitude 2|⟨r e^{iθ}⟩| (Hz) of the rates now.
func (m *Ring) Bump() (deg, amp float64) {
	var sc, ss float64
	for i := range m.n {
		sc += m.r[i] * m.cos[i]
		ss += m.r[i] * m.sin[i]
	}
	sc /= float64(m.n)
	ss /= float64(m.n)
	return math.Atan2(ss, sc) * 180 / math.Pi, 2 * math.Hypot(sc, ss)
}

// MeanRate is the population mean rate, Hz.
func (m *Ring) MeanRate() float64 {
	var s float64
	for _, r := range m.r[:m.n] {
		s += r
	}
	return s / float64(m.n)
}

// Drift is the wrapped difference bump θ − cue θ in deg, measured from
// 50 ms after the cue ends (0 before).
func (m *Ring) Drift() float64 {
	if m.t < ringCueOn+m.CueMS+ringSettle {
		return 0
	}
	deg, _ := m.Bump()
	return ringWrapDeg(deg - m.CueDeg)
}

// ringWrapDeg wraps an angle to (−180°, 180°].
func ringWrapDeg(d float64) float64 {
	d = math.Mod(d, 360)
	if d > 180 {
		d -= 360
	} else if d <= -180 {
		d += 360
	}
	return d
}

// Sample records bump θ, cue θ, amplitude and mean rate.
func (m *Ring) Sample(dst []float64) {
	deg, amp := m.Bump()
	dst[0], dst[1], dst[2], dst[3] = deg, m.CueDeg, amp, m.MeanRate()
}

// Metrics reports bump θ, drift, amplitude, mean rate and whether the cue
// is on.
func (m *Ring) Metrics(dst []float64) {
	deg, amp := m.Bump()
	on := 0.0
	if m.cueOn(m.t) {
		on = 1
	}
	dst[0], dst[1], dst[2], dst[3], dst[4] = deg, m.Drift(), amp, m.MeanRate(), on
	dst[5] = max(0, m.t-ringCueOn-m.CueMS)
}

// Plot fills the activity history (rows: angle, columns: time) or the bars
// of the rates now.
func (m *Ring) Plot(key string, dst *sim.PlotData) {
	switch key {
	case "activity":
		rows := min(ringRows, m.n)
		g := dst.AddGrid("rate (Hz), 50 ms per column", rows, ringHistLen)
		clear(g.V)
		for c := range m.histN {
			src := m.hist[((m.histHead+c)%ringHistLen)*ringRows:]
			off := ringHistLen - m.histN + c
			for r := range rows {
				g.V[r*ringHistLen+off] = src[r]
			}
		}
		g.Min = 0
	case "rates":
		for i := range m.n {
			dst.Bars = append(dst.Bars, m.r[i])
		}
		deg, _ := m.Bump()
		k := int(math.Round((deg+180)/360*float64(m.n))) % m.n
		dst.Marked = k
	}
}
