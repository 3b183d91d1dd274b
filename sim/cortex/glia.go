package cortex

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

// Li–Rinzel constants (Li & Rinzel 1994, J Theor Biol 166:461–473, from
// the De Young–Keizer model): concentrations in µM, rates in 1/s.
const (
	lrC0 = 2.0    // total free Ca²⁺ per cytosolic volume
	lrC1 = 0.185  // ER/cytosol volume ratio
	lrV1 = 6.0    // IP3R channel flux, 1/s
	lrV2 = 0.11   // ER leak, 1/s
	lrV3 = 0.9    // SERCA pump, µM/s
	lrK3 = 0.1    // SERCA affinity
	lrD1 = 0.13   // IP3 dissociation
	lrD2 = 1.049  // Ca²⁺ inactivation dissociation
	lrD3 = 0.9434 // IP3 dissociation
	lrD5 = 0.08234
	lrA2 = 0.2 // 1/(µM·s), inactivation binding
)

// Constants of the simplified tripartite synapse.
const (
	gliaDT     = 1.0     // ms
	gliaTauA   = 1000.0  // ms, astrocytic receptor trace of released glutamate
	gliaKA     = 1.0     // half-activation of IP3 production by the trace
	gliaIb     = 0.1     // µM, resting IP3
	gliaTauI   = 2000.0  // ms, IP3 degradation
	gliaCaThr  = 0.3     // µM, Ca²⁺ threshold of gliotransmitter release
	gliaCaRe   = 0.2     // µM, Ca²⁺ must fall below this before the next release
	gliaTauS   = 10000.0 // ms, decay of presynaptic receptor activation Γ_S
	gliaWindow = 30000.0 // ms
	gliaRaster = 4096    // events kept for the raster
)

// Glia is a tripartite synapse — a presynaptic terminal, its target and an
// astrocyte that listens and answers (Araque et al. 1999) — after De Pittà
// et al. (2011), PLoS Comput Biol 7(12):e1002293, SIMPLIFIED as said below.
//
// Synapse (Tsodyks–Markram short-term plasticity, Tsodyks & Markram 1997,
// with facilitation as in De Pittà et al.): presynaptic spikes, Poisson or
// regular at rate f_in; between spikes
//
//	dx/dt = (1 − x)/τ_d     available resources
//	du/dt = −u/τ_f          utilisation
//
// and at a spike u ← u + U₀(1 − u), then r = u·x is released, x ← x − r.
// Under regular spiking with period T the release settles at
//
//	u* = U₀/(1 − (1 − U₀)e^(−T/τ_f)),  x* = (1 − e^(−T/τ_d))/(1 − (1 − u*)e^(−T/τ_d))
//	r* = u*·x*
//
// so r*/U₀ > 1 means the synapse facilitates at that rate, < 1 depresses.
//
// Astrocyte (simplified): released glutamate builds a receptor trace
// dA/dt = −A/τ_A + Σ r_k δ(t − t_k), τ_A = 1 s, which drives IP3
// production; Ca²⁺ follows the Li–Rinzel model (Li & Rinzel 1994) with
// its standard constants:
//
//	dI/dt = (I_b − I)/τ_I + v_β·A/(A + K_A)          I_b = 0.1 µM, τ_I = 2 s, K_A = 1
//	dC/dt = c₁(v₁ m∞³ n∞³ h³ + v₂)(C_ER − C) − v₃C²/(C² + k₃²),  C_ER = (c₀ − C)/c₁
//	dh/dt = a₂ d₂ (I + d₁)/(I + d₃)·(1 − h) − a₂ C h
//	m∞ = I/(I + d₁),  n∞ = C/(C + d₅)
//
// Gliotransmission (simplified): each upward crossing of C = 0.3 µM (re-armed below 0.2 µM)
// releases gliotransmitter, which activates presynaptic receptors,
// Γ_S ← Γ_S + ζ(1 − Γ_S), decaying with τ_S = 10 s. They set the
// synapse's basal release probability as in De Pittà et al.:
//
//	U₀ = (1 − Γ_S)·U₀* + α·Γ_S
//
// with α = 0 for a release-decreasing and α = 1 for a release-increasing
// astrocyte; "none" leaves U₀ = U₀*. De Pittà et al. model glutamate in the
// cleft, receptor binding, the G-ChI IP3 metabolism and gliotransmitter
// vesicles explicitly; here each of those is one low-pass trace or jump.
//
// Classical RK4 of 1 ms for I, C, h; the STP and the traces decay exactly.
type Glia struct {
	sim.Params
	Rate, Pattern      float64 // Hz; Poisson or regular
	U0, TauD, TauF     float64 // U₀*, ms, ms
	VBeta, Coupling, M float64 // µM/s, ζ, modulation choice

	info sim.Info
	t    float64
	rng  *rand.Rand
	rk   *sim.RK4
	sys  gliaSystem
	y    [3]float64 // I, C, h

	x, u, a, gs float64
	next        float64 // ms, next presynaptic spike
	armed       bool    // C is below the re-arm level
	events      int     // gliotransmitter releases
	lastR       float64 // release of the last spike
	meanR       float64 // running mean release per spike (last ≈ 20 spikes)
	nSpikes     int

	evT   []float64
	evRow []int32
	evN   int
}

type gliaSystem struct{ m *Glia }

// Modulation choices.
const (
	gliaNone     = 0
	gliaDecrease = 1
	gliaIncrease = 2
)

// NewGlia returns the tripartite synapse with a depressing synapse and a
// quiet astrocyte, reset with seed 1.
func NewGlia() *Glia {
	m := &Glia{Params: sim.NewParams("glia")}
	m.Bind(sim.Param{Key: "rate", Label: "f_in", Unit: "Hz", Min: 0, Max: 50, ValidMin: 0, ValidMax: 200, Step: 0.5, Default: 5,
		Help: "presynaptic firing rate"}, &m.Rate)
	m.Bind(sim.Param{Key: "pattern", Label: "spikes", Choices: []string{"poisson", "regular"}, Default: 0,
		Help: "presynaptic spike train"}, &m.Pattern)
	m.Bind(sim.Param{Key: "U0", Label: "U₀*", Min: 0.01, Max: 0.95, Step: 0.01, Default: 0.5,
		Help: "basal release probability without the astrocyte"}, &m.U0)
	m.Bind(sim.Param{Key: "tau_d", Label: "τ_d", Unit: "ms", Min: 10, Max: 2000, Step: 10, Default: 500,
		Help: "recovery of synaptic resources (depression)"}, &m.TauD)
	m.Bind(sim.Param{Key: "tau_f", Label: "τ_f", Unit: "ms", Min: 10, Max: 2000, Step: 10, Default: 1000,
		Help: "decay of utilisation (facilitation)"}, &m.TauF)
	m.Bind(sim.Param{Key: "ip3_rate", Label: "v_β", Unit: "µM/s", Min: 0, Max: 1, Step: 0.01, Default: 0.1,
		Help: "IP3 production per unit of glutamate signal"}, &m.VBeta)
	m.Bind(sim.Param{Key: "coupling", Label: "ζ", Min: 0, Max: 1, Step: 0.05, Default: 0.5,
		Help: "gliotransmitter effect per release event"}, &m.Coupling)
	m.Bind(sim.Param{Key: "modulation", Label: "astrocyte", Choices: []string{"none", "decrease", "increase"},
		Default: gliaDecrease, Help: "what gliotransmitter does to release probability"}, &m.M)
	m.sys = gliaSystem{m}
	m.rk = sim.NewRK4(3)
	m.evT = make([]float64, gliaRaster)
	m.evRow = make([]int32, gliaRaster)
	m.info = m.describe()
	m.Reset(1)
	return m
}

func (m *Glia) describe() sim.Info {
	return sim.Info{
		ID:      "glia",
		Title:   "Astrocyte at a tripartite synapse",
		Summary: "an astrocyte's slow Ca²⁺ signal integrates synaptic release and feeds back on release probability",
		DT:      gliaDT, Window: gliaWindow, Speed: 5000,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "ca_uM", Label: "Ca²⁺", Unit: "µM", Help: "astrocytic Ca²⁺ now"},
			{Key: "release_prob", Label: "U₀", Help: "basal release probability, as the astrocyte has set it"},
			{Key: "gliotransmission", Label: "gliotransmission", Help: "gliotransmitter release events so far"},
			{Key: "mean_release", Label: "release/spike", Help: "mean fraction of resources released per spike (last ≈ 20 spikes)"},
			{Key: "stp_ratio", Label: "r*/U₀", Help: "steady release over first release at f_in: > 1 facilitating, < 1 depressing"},
			{Key: "ip3_uM", Label: "IP3", Unit: "µM", Help: "astrocytic IP3 now"},
		},
		Signals: []sim.Signal{
			{Key: "release_rate", Label: "release rate", Unit: "1/s"},
			{Key: "ip3", Label: "IP3", Unit: "µM"},
			{Key: "ca", Label: "Ca²⁺", Unit: "µM"},
			{Key: "U0_eff", Label: "U₀"},
			{Key: "u", Label: "u"},
		},
		Plots: []sim.PlotSpec{
			{Key: "events", Title: "Presynaptic spikes (top) and gliotransmission (bottom)", Kind: sim.PlotRaster},
			{Key: "astro", Title: "Astrocyte IP3 and Ca²⁺", Kind: sim.PlotTrace, Signals: []string{"ip3", "ca"},
				YLabel: "µM", YMin: 0, YMax: 1.5},
			{Key: "release", Title: "Release probability U₀ and utilisation u", Kind: sim.PlotTrace,
				Signals: []string{"U0_eff", "u"}, YMin: 0, YMax: 1},
			{Key: "drive", Title: "Glutamate release rate (1 s low-pass)", Kind: sim.PlotTrace,
				Signals: []string{"release_rate"}, YLabel: "1/s"},
		},
	}
}

// Info describes the model.
func (m *Glia) Info() sim.Info { return m.info }

// Time is the simulated time in ms.
func (m *Glia) Time() float64 { return m.t }

// Reset starts the synapse fully recovered (x = 1, u = 0) and the astrocyte
// at the Li–Rinzel steady state of resting IP3.
func (m *Glia) Reset(seed uint64) {
	m.rng = sim.NewRand(seed)
	m.t = 0
	c, h := LiRinzelRest(gliaIb)
	m.y = [3]float64{gliaIb, c, h}
	m.x, m.u, m.a, m.gs = 1, 0, 0, 0
	m.armed = c < gliaCaRe
	m.events, m.nSpikes = 0, 0
	m.lastR, m.meanR = 0, 0
	m.evN = 0
	m.next = m.interval()
}

// interval is the time to the next presynaptic spike, ms.
func (m *Glia) interval() float64 {
	if m.Rate <= 0 {
		return math.Inf(1)
	}
	if int(m.Pattern) == 1 {
		return 1000 / m.Rate
	}
	return m.rng.ExpFloat64() * 1000 / m.Rate
}

// U0Eff is the basal release probability set by the astrocyte.
func (m *Glia) U0Eff() float64 {
	switch int(m.M) {
	case gliaDecrease:
		return (1 - m.gs) * m.U0
	case gliaIncrease:
		return (1-m.gs)*m.U0 + m.gs
	}
	return m.U0
}

// LiRinzelRates returns dC/dt and dh/dt in µM/s and 1/s at (I, C, h).
func LiRinzelRates(ip3, c, h float64) (dc, dh float64) {
	c = math.Max(c, 0)
	minf := ip3 / (ip3 + lrD1)
	ninf := c / (c + lrD5)
	cer := (lrC0 - c) / lrC1
	open := minf * ninf * h
	dc = lrC1*(lrV1*open*open*open+lrV2)*(cer-c) - lrV3*c*c/(c*c+lrK3*lrK3)
	dh = lrA2*lrD2*(ip3+lrD1)/(ip3+lrD3)*(1-h) - lrA2*c*h
	return
}

// LiRinzelRest is the steady state (C, h) of the Li–Rinzel model at a fixed
// IP3 concentration: the root of dC/dt on the h-nullcline, by bisection
// (unique for the standard constants).
func LiRinzelRest(ip3 float64) (c, h float64) {
	hOf := func(c float64) float64 {
		q := lrD2 * (ip3 + lrD1) / (ip3 + lrD3)
		return q / (q + c)
	}
	lo, hi := 1e-6, lrC0
	for range 100 {
		mid := (lo + hi) / 2
		if dc, _ := LiRinzelRates(ip3, mid, hOf(mid)); dc > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	c = (lo + hi) / 2
	return c, hOf(c)
}

// Deriv is the astrocyte's right-hand side per ms: I, C, h.
func (s gliaSystem) Deriv(_ float64, y, dy []float64) {
	m := s.m
	ip3 := math.Max(y[0], 0)
	dc, dh := LiRinzelRates(ip3, y[1], y[2])
	prod := m.VBeta * m.a / (m.a + gliaKA) // µM/s
	dy[0] = (gliaIb-y[0])/gliaTauI + prod/1000
	dy[1] = dc / 1000
	dy[2] = dh / 1000
}

// Step advances 1 ms: presynaptic spikes and release, the traces, the
// astrocyte, and gliotransmission.
func (m *Glia) Step() {
	t0 := m.t
	m.t += gliaDT
	// Exact relaxation of x, u, the traces over the step, with spikes at
	// their own times inside it.
	tc := t0
	for m.next <= m.t {
		m.relax(m.next - tc)
		tc = m.next
		m.spike(tc)
		m.next += m.interval()
	}
	m.relax(m.t - tc)
	m.rk.Step(m.sys, t0, gliaDT, m.y[:])
	m.y[1] = sim.Clamp(m.y[1], 0, lrC0)
	m.y[2] = sim.Clamp(m.y[2], 0, 1)
	c := m.y[1]
	switch {
	case m.armed && c >= gliaCaThr:
		m.armed = false
		m.events++
		m.gs += m.Coupling * (1 - m.gs)
		m.event(m.t, 1)
	case !m.armed && c < gliaCaRe:
		m.armed = true
	}
}

// relax lets x, u, A and Γ_S decay for d ms.
func (m *Glia) relax(d float64) {
	if d <= 0 {
		return
	}
	m.x = 1 - (1-m.x)*math.Exp(-d/m.TauD)
	m.u *= math.Exp(-d / m.TauF)
	m.a *= math.Exp(-d / gliaTauA)
	m.gs *= math.Exp(-d / gliaTauS)
}

// spike is a presynaptic spike at time t.
func (m *Glia) spike(t float64) {
	m.u += m.U0Eff() * (1 - m.u)
	r := m.u * m.x
	m.x -= r
	m.a += r
	m.lastR = r
	m.nSpikes++
	k := math.Min(float64(m.nSpikes), 20)
	m.meanR += (r - m.meanR) / k
	m.event(t, 0)
}

func (m *Glia) event(t float64, row int32) {
	k := m.evN % gliaRaster
	m.evT[k], m.evRow[k] = t, row
	m.evN++
}

// SteadyRelease is the closed-form release per spike r* of the synapse
// under regular spiking at f Hz with basal release probability u0.
func SteadyRelease(u0, tauD, tauF, f float64) float64 {
	if f <= 0 {
		return u0
	}
	T := 1000 / f
	ef, ed := math.Exp(-T/tauF), math.Exp(-T/tauD)
	us := u0 / (1 - (1-u0)*ef)
	xs := (1 - ed) / (1 - (1-us)*ed)
	return us * xs
}

// Sample records the release rate, IP3, Ca²⁺, U₀ and u.
func (m *Glia) Sample(dst []float64) {
	dst[0] = m.a / (gliaTauA / 1000)
	dst[1], dst[2] = m.y[0], m.y[1]
	dst[3], dst[4] = m.U0Eff(), m.u
}

// Metrics reports ca_uM, release_prob, gliotransmission, mean_release,
// stp_ratio and ip3_uM.
func (m *Glia) Metrics(dst []float64) {
	u0 := m.U0Eff()
	dst[0], dst[1], dst[2], dst[3] = m.y[1], u0, float64(m.events), m.meanR
	dst[4] = SteadyRelease(u0, m.TauD, m.TauF, m.Rate) / u0
	dst[5] = m.y[0]
}

// Plot fills the raster of presynaptic spikes and gliotransmitter events in
// the last window.
func (m *Glia) Plot(key string, dst *sim.PlotData) {
	if key != "events" {
		return
	}
	t0 := math.Max(0, m.t-gliaWindow)
	for k := max(0, m.evN-gliaRaster); k < m.evN; k++ {
		j := k % gliaRaster
		if m.evT[j] >= t0 {
			dst.SpikeT = append(dst.SpikeT, m.evT[j])
			dst.SpikeRow = append(dst.SpikeRow, int(m.evRow[j]))
		}
	}
	dst.Rows, dst.T0, dst.T1 = 2, t0, math.Max(m.t, gliaWindow)
	dst.RowLabels = append(dst.RowLabels, "pre", "glio")
}
