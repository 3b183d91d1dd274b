package neuron

import (
	"math"

	"github.com/neurotutor/neurotutor/sim"
)

// Values of the dendrite model's "layout" parameter: where group B sits.
const (
	LayoutDistributed = iota // group B on the other branch
	LayoutClustered          // group B beside group A on the same branch
)

// Values of the dendrite model's "branch" parameter: the branch membrane.
const (
	BranchPassive = iota // AMPA synapses on a passive cable
	BranchNMDA           // AMPA + NMDA synapses (Mg²⁺-blocked, sigmoidal in V)
	BranchDCaAP          // AMPA synapses + a dendritic calcium action potential
)

// Fixed morphology and membrane of the dendrite model (µm, Ω·cm², µF/cm², mV, ms).
const (
	dendDT     = 0.05  // ms
	dendN      = 25    // nodes per branch
	dendLen    = 500.0 // µm, branch length
	dendDiam   = 1.0   // µm, branch diameter
	dendSoma   = 20.0  // µm, soma diameter (a sphere)
	dendRm     = 20e3  // Ω·cm², specific membrane resistance
	dendCm     = 1.0   // µF/cm²
	dendEL     = -70.0 // mV
	dendTrial  = 100.0 // ms per trial
	dendVolley = 10.0  // ms into a trial when the active synapses fire

	ampaRise, ampaDecay = 0.5, 2.0  // ms
	nmdaRise, nmdaDecay = 2.0, 50.0 // ms
	nmdaRatio           = 3.0       // peak NMDA / AMPA conductance per synapse
	mgConc              = 1.0       // mM

	// dCaAP (Gidon et al. 2020, ModelDB 254217): threshold, inactivation
	// scale D, logistic rise and fall time constants, fall delay, peak current.
	dcaapVth, dcaapD         = -36.0, 0.3 // mV, dimensionless
	dcaapTauA, dcaapTauB     = 3.0, 0.4   // ms
	dcaapDelay, dcaapRefract = 21.0, 60.0 // ms
	dcaapKRead, dcaapAmp     = 1.0, 400.0 // ms after threshold, pA
)

// trial kinds in the order of the cycle
const (
	trialA = iota
	trialB
	trialAB
	trialNone
)

// Dendrite is a passive soma with two unbranched dendrites, each a cable of
// 25 compartments, receiving two groups of synchronous synapses (A and B),
// with an optional NMDA or dendritic-calcium nonlinearity at the synapses.
//
// Each node k (soma, or a branch compartment) obeys the compartmental cable
// equation (Rall; Dayan & Abbott 2001, §6.3)
//
//	C_k dV_k/dt = −g_L,k (V_k − E_L) − Σ_syn g(t)(V_k − E_syn)
//	              − g_N(t)·B(V_k)(V_k − E_N) + I_dCaAP + Σ_j g_a (V_j − V_k)
//	B(V) = 1 / (1 + [Mg²⁺]/3.57 mM · exp(−0.062 V/mV))        (Jahr & Stevens 1990)
//
// with g_L = πdΔx/R_m and C = πdΔxC_m per compartment, and the axial
// conductance g_a = g_L·(λ/Δx)² set by the length constant
// λ = √(r_m/r_i) = √(R_m d / 4R_i). Steady input at one end of a sealed
// branch of length ℓ decays as cosh((ℓ − x)/λ)/cosh(ℓ/λ), ≈ exp(−x/λ) for
// ℓ ≫ λ. Branch: d = 1 µm, ℓ = 500 µm, Δx = 20 µm, R_m = 20 kΩ·cm²,
// C_m = 1 µF/cm² (τ_m = 20 ms); soma a 20 µm sphere; E_L = −70 mV.
//
// Synapses have double-exponential conductances: AMPA (0.5/2 ms, peak w per
// synapse, E = 0 mV) and, with branch = nmda, NMDA (2/50 ms, peak 1.5·w,
// E = 0 mV, Mg²⁺ block B(V)). With branch = dcaap the synapse site of each
// branch carries the dendritic calcium action potential of Gidon et al.
// (2020) as their published mechanism models it: when V crosses −36 mV it
// injects I = I_max·K·(A − B), A and B logistic functions of time (time
// constants 3 and 0.4 ms, B starting 21 ms after A), and its amplitude
// K = min(1, exp(−(V − V_th)/(D·(V_th − E_L)))), D = 0.3, shrinks with the
// depolarisation: largest at threshold, damped for stronger input. The
// published mechanism reads V at the first integration step above
// threshold; we read it 1 ms after the crossing, so K does not depend on
// the step. Its refractory period is 60 ms (200 ms published) to fit our
// 100 ms trials.
//
// Protocol: trials of 100 ms repeat in the cycle A, B, A+B, none; in each,
// the active groups fire one synchronous volley at 10 ms. Group A sits on
// branch 1 at distance `dist` from the soma; group B at the same distance on
// branch 2 (distributed) or on branch 1 beside A (clustered). The soma is a
// threshold unit: it "fires" in a trial when its peak depolarisation reaches
// θ — the second layer of the two-layer neuron of Poirazi, Brannon & Mel
// (2003). Integration: backward Euler with the voltage-dependent
// conductances taken at the start of the step, solved exactly on the tree
// (Hines 1984 elimination, O(nodes)).
type Dendrite struct {
	sim.Params
	NA, NB float64 // active synapses in groups A and B
	Layout float64 // LayoutDistributed or LayoutClustered
	Branch float64 // BranchPassive, BranchNMDA or BranchDCaAP
	W      float64 // nS, peak AMPA conductance per synapse
	Dist   float64 // µm, synapse distance from the soma
	Lambda float64 // µm, length constant
	Theta  float64 // mV above rest, somatic output threshold

	info sim.Info
	t    float64
	// nodes: 0 is the soma, 1+b·dendN+j is compartment j of branch b
	// (j = 0 nearest the soma, at distance (j+1)Δx).
	v, c, gl, inj  [1 + 2*dendN]float64
	diag, rhs      [1 + 2*dendN]float64
	ga             float64 // nS, axial conductance between neighbours
	site           [2]int  // node of group A, node of group B
	hot            [2]int  // dCaAP node on each branch
	ampa, nmda     [2][2]float64
	dc             [2]dcaap
	trial          int // trial number since reset
	peakSoma       float64
	peakSite       float64
	tSoma, tSite   float64
	last           [4]trialResult // most recent result of each kind
	done           [4]bool
	peakNorm       [2]float64 // normalisers of the AMPA and NMDA waveforms
	decayA, decayN [2]float64 // per-step decay factors (rise, decay)
}

// dcaap is the state of one dendritic calcium action potential zone.
type dcaap struct {
	active bool
	t0     float64 // ms, threshold crossing
	k      float64 // amplitude factor, set dcaapKRead after t0
	kSet   bool
	a, b   float64
}

type trialResult struct {
	soma, site, delay float64 // mV, mV, ms
}

// NewDendrite returns the model with default parameters, reset with seed 1.
func NewDendrite() *Dendrite {
	m := &Dendrite{Params: sim.NewParams("dendrite")}
	m.Bind(sim.Param{Key: "nA", Label: "n_A", Min: 0, Max: 20, Step: 1, Integer: true, Default: 4,
		Help: "synapses active in group A"}, &m.NA)
	m.Bind(sim.Param{Key: "nB", Label: "n_B", Min: 0, Max: 20, Step: 1, Integer: true, Default: 4,
		Help: "synapses active in group B"}, &m.NB)
	m.Bind(sim.Param{Key: "layout", Label: "layout", Choices: []string{"distributed", "clustered"},
		Default: LayoutDistributed, Help: "group B on the other branch, or beside A"}, &m.Layout)
	m.Bind(sim.Param{Key: "branch", Label: "branch", Choices: []string{"passive", "nmda", "dcaap"},
		Default: BranchNMDA, Help: "dendritic membrane: passive, NMDA synapses, or calcium spike"}, &m.Branch)
	m.Bind(sim.Param{Key: "w", Label: "w", Unit: "nS", Min: 0.05, Max: 2, Step: 0.05, Default: 0.25,
		Help: "peak AMPA conductance per synapse"}, &m.W)
	m.Bind(sim.Param{Key: "dist", Label: "distance", Unit: "µm", Min: 20, Max: 500, Step: 20, Default: 300,
		Help: "distance of the synapses from the soma"}, &m.Dist)
	m.Bind(sim.Param{Key: "lambda", Label: "λ", Unit: "µm", Min: 100, Max: 2000, Step: 50, Default: 500,
		Help: "length constant √(r_m/r_i) of the branches"}, &m.Lambda)
	m.Bind(sim.Param{Key: "theta", Label: "θ", Unit: "mV", Min: 1, Max: 40, Step: 0.5, Default: 10,
		Help: "somatic threshold (depolarisation) for an output"}, &m.Theta)
	m.info = m.describe()
	m.Reset(1)
	return m
}

func (m *Dendrite) describe() sim.Info {
	return sim.Info{
		ID:      "dendrite",
		Title:   "Dendritic integration",
		Summary: "soma with two cable dendrites: attenuation, NMDA supralinearity, dCaAP XOR",
		DT:      dendDT, Window: 4 * dendTrial, Speed: 200,
		StepNote: "trials of 100 ms cycle through inputs A, B, A+B, none",
		Params:   m.Specs(),
		Metrics: []sim.Metric{
			{Key: "soma_mv", Label: "soma A+B", Unit: "mV", Help: "peak somatic depolarisation, both groups"},
			{Key: "sum_mv", Label: "soma A + soma B", Unit: "mV", Help: "sum of the peaks for each group alone"},
			{Key: "supralinearity", Label: "supralinearity", Help: "soma_mv / sum_mv (1: linear)"},
			{Key: "branch_mv", Label: "site A", Unit: "mV", Help: "peak depolarisation at group A's site, A alone"},
			{Key: "attenuation", Label: "soma/site", Help: "soma peak / site peak, A alone"},
			{Key: "delay_ms", Label: "delay", Unit: "ms", Help: "soma peak time − site peak time, A alone"},
			{Key: "xor_ok", Label: "XOR", Help: "1 when the soma fires for A and for B but not for A+B or none"},
		},
		Signals: []sim.Signal{
			{Key: "v_site", Label: "site A", Unit: "mV"},
			{Key: "v_soma", Label: "soma", Unit: "mV"},
			{Key: "v_b2", Label: "branch 2", Unit: "mV"},
		},
		Plots: []sim.PlotSpec{
			{Key: "traces", Title: "Site A and soma (trials A, B, A+B, none)", Kind: sim.PlotTrace,
				Signals: []string{"v_site", "v_soma"}, YLabel: "mV"},
			{Key: "branch2", Title: "Branch 2 at the same distance", Kind: sim.PlotTrace,
				Signals: []string{"v_b2"}, YLabel: "mV"},
			{Key: "profile", Title: "Voltage along the neuron (branch 2 ← soma → branch 1)", Kind: sim.PlotXY,
				XLabel: "distance (µm)", YLabel: "mV"},
			{Key: "summation", Title: "Somatic peaks: A, B, A + B expected, A&B measured, θ", Kind: sim.PlotBars, YLabel: "mV"},
		},
	}
}

// Info describes the model.
func (m *Dendrite) Info() sim.Info { return m.info }

// Time is the simulated time in ms.
func (m *Dendrite) Time() float64 { return m.t }

func (m *Dendrite) dx() float64 { return dendLen / dendN }

// node returns the node index of branch b at distance x µm (rounded to the
// nearest compartment).
func (m *Dendrite) node(b int, x float64) int {
	j := int(math.Round(x/m.dx())) - 1
	j = max(0, min(dendN-1, j))
	return 1 + b*dendN + j
}

// Reset sets up the cable for the current parameters and returns to rest at
// t = 0. The model is deterministic; the seed is unused.
func (m *Dendrite) Reset(seed uint64) {
	dx := m.dx()
	area := math.Pi * dendDiam * dx * 1e-8 // cm² per compartment
	gm := area / dendRm * 1e9              // nS
	cm := area * dendCm * 1e6              // pF
	soma := math.Pi * dendSoma * dendSoma * 1e-8
	m.gl[0], m.c[0] = soma/dendRm*1e9+gm, soma*dendCm*1e6+cm // soma + two half compartments
	for b := range 2 {
		for j := range dendN {
			k := 1 + b*dendN + j
			m.gl[k], m.c[k] = gm, cm
			if j == dendN-1 { // sealed end: half a compartment
				m.gl[k], m.c[k] = gm/2, cm/2
			}
		}
	}
	m.ga = gm * (m.Lambda / dx) * (m.Lambda / dx)
	for k := range m.v {
		m.v[k], m.inj[k] = dendEL, 0
	}
	m.site[0] = m.node(0, m.Dist)
	m.site[1] = m.node(1, m.Dist)
	if int(m.Layout) == LayoutClustered {
		m.site[1] = m.site[0]
	}
	m.hot = [2]int{m.node(0, m.Dist), m.node(1, m.Dist)}
	m.ampa, m.nmda = [2][2]float64{}, [2][2]float64{}
	m.dc = [2]dcaap{}
	m.peakNorm[0] = dblExpPeak(ampaRise, ampaDecay)
	m.peakNorm[1] = dblExpPeak(nmdaRise, nmdaDecay)
	m.decayA = [2]float64{math.Exp(-dendDT / ampaRise), math.Exp(-dendDT / ampaDecay)}
	m.decayN = [2]float64{math.Exp(-dendDT / nmdaRise), math.Exp(-dendDT / nmdaDecay)}
	m.t, m.trial = 0, 0
	m.last, m.done = [4]trialResult{}, [4]bool{}
	m.startTrial()
}

// dblExpPeak is the peak of exp(−t/τd) − exp(−t/τr).
func dblExpPeak(tr, td float64) float64 {
	tp := tr * td / (td - tr) * math.Log(td/tr)
	return math.Exp(-tp/td) - math.Exp(-tp/tr)
}

func (m *Dendrite) startTrial() {
	m.peakSoma, m.peakSite, m.tSoma, m.tSite = 0, 0, 0, 0
}

// Step advances one backward-Euler step of dendDT.
func (m *Dendrite) Step() {
	const dt = dendDT
	tin := m.t - float64(m.trial)*dendTrial // time into the trial
	if tin <= dendVolley && tin+dt > dendVolley {
		kind := m.trial % 4
		for g, on := range [2]bool{kind == trialA || kind == trialAB, kind == trialB || kind == trialAB} {
			if !on {
				continue
			}
			n := []float64{m.NA, m.NB}[g]
			a := n * m.W / m.peakNorm[0]
			m.ampa[g][0] += a
			m.ampa[g][1] += a
			if int(m.Branch) == BranchNMDA {
				nm := n * m.W * nmdaRatio / m.peakNorm[1]
				m.nmda[g][0] += nm
				m.nmda[g][1] += nm
			}
		}
	}
	// Assemble diag·V_new − Σ g_a V_neighbour = rhs for each node.
	for k := range m.v {
		m.diag[k] = m.c[k]/dt + m.gl[k]
		m.rhs[k] = m.c[k]/dt*m.v[k] + m.gl[k]*dendEL + m.inj[k]
	}
	for g := range 2 {
		k := m.site[g]
		ga := m.ampa[g][1] - m.ampa[g][0] // nS, E = 0 mV
		gn := (m.nmda[g][1] - m.nmda[g][0]) * mgBlock(m.v[k])
		m.diag[k] += ga + gn
		m.ampa[g][0] *= m.decayA[0]
		m.ampa[g][1] *= m.decayA[1]
		m.nmda[g][0] *= m.decayN[0]
		m.nmda[g][1] *= m.decayN[1]
	}
	if int(m.Branch) == BranchDCaAP {
		for b := range 2 {
			m.rhs[m.hot[b]] += m.dc[b].current(m.t, m.v[m.hot[b]])
		}
	}
	m.solve()
	m.t += dt
	m.track()
}

// mgBlock is the fraction of NMDA conductance not blocked by Mg²⁺ at V mV
// (Jahr & Stevens 1990).
func mgBlock(v float64) float64 {
	return 1 / (1 + mgConc/3.57*math.Exp(-0.062*v))
}

// current advances the dCaAP zone by one step given its voltage v (mV) at
// time t (ms) and returns its current in pA.
func (d *dcaap) current(t, v float64) float64 {
	if d.active && t-d.t0 >= dcaapRefract {
		d.active = false
	}
	if !d.active {
		if v <= dcaapVth {
			return 0
		}
		*d = dcaap{active: true, t0: t, a: 0.001}
	}
	s := t - d.t0
	if !d.kSet && s >= dcaapKRead {
		d.k = math.Min(1, math.Exp(-(v-dcaapVth)/((dcaapVth-dendEL)*dcaapD)))
		d.kSet = true
	}
	// dA/dt = A(1 − A)/τ_A: the logistic, advanced exactly.
	d.a = logisticStep(d.a, dendDT/dcaapTauA)
	if s >= dcaapDelay {
		if d.b == 0 {
			d.b = 0.001
		}
		d.b = logisticStep(d.b, dendDT/dcaapTauB)
	}
	return dcaapAmp * d.k * (d.a - d.b)
}

// logisticStep advances x′ = x(1 − x)/τ by h = dt/τ exactly.
func logisticStep(x, h float64) float64 {
	e := math.Exp(h)
	return x * e / (1 - x + x*e)
}

// solve eliminates each branch from its tip toward the soma, solves the
// soma and substitutes back out (Hines 1984).
func (m *Dendrite) solve() {
	g := m.ga
	for k := 1; k < len(m.v); k++ { // every compartment couples to its parent
		m.diag[k] += g
		if (k-1)%dendN != dendN-1 { // and to its child, except at the tip
			m.diag[k] += g
		}
	}
	m.diag[0] += 2 * g
	d, r := m.diag[:], m.rhs[:]
	for b := range 2 {
		base := 1 + b*dendN
		for j := dendN - 1; j >= 1; j-- {
			k := base + j
			d[k-1] -= g * g / d[k]
			r[k-1] += g * r[k] / d[k]
		}
		d[0] -= g * g / d[base]
		r[0] += g * r[base] / d[base]
	}
	m.v[0] = r[0] / d[0]
	for b := range 2 {
		base := 1 + b*dendN
		parent := m.v[0]
		for j := range dendN {
			k := base + j
			m.v[k] = (r[k] + g*parent) / d[k]
			parent = m.v[k]
		}
	}
}

// track follows the peaks of the current trial and closes it at its end.
func (m *Dendrite) track() {
	tin := m.t - float64(m.trial)*dendTrial
	if s := m.v[0] - dendEL; s > m.peakSoma {
		m.peakSoma, m.tSoma = s, tin
	}
	if s := m.v[m.site[0]] - dendEL; s > m.peakSite {
		m.peakSite, m.tSite = s, tin
	}
	if tin >= dendTrial-1e-9 {
		kind := m.trial % 4
		m.last[kind] = trialResult{soma: m.peakSoma, site: m.peakSite, delay: m.tSoma - m.tSite}
		m.done[kind] = true
		m.trial++
		m.startTrial()
	}
}

// Sample records the site A, soma and branch-2 potentials.
func (m *Dendrite) Sample(dst []float64) {
	dst[0], dst[1], dst[2] = m.v[m.site[0]], m.v[0], m.v[m.node(1, m.Dist)]
}

func (m *Dendrite) fires(kind int) bool { return m.done[kind] && m.last[kind].soma >= m.Theta }

// Metrics reports the summation, attenuation and XOR measures of the most
// recent trial of each kind (0 until it has run).
func (m *Dendrite) Metrics(dst []float64) {
	a, b, ab := m.last[trialA], m.last[trialB], m.last[trialAB]
	dst[0] = ab.soma
	dst[1] = a.soma + b.soma
	dst[2] = 0
	if dst[1] > 0 {
		dst[2] = dst[0] / dst[1]
	}
	dst[3] = a.site
	dst[4] = 0
	if a.site > 0 {
		dst[4] = a.soma / a.site
	}
	dst[5] = a.delay
	dst[6] = 0
	if m.done[trialNone] && m.fires(trialA) && m.fires(trialB) && !m.fires(trialAB) && !m.fires(trialNone) {
		dst[6] = 1
	}
}

// Plot fills the voltage profile and the summation bars.
func (m *Dendrite) Plot(key string, dst *sim.PlotData) {
	switch key {
	case "profile":
		s := dst.AddSeries("V", false)
		for j := dendN - 1; j >= 0; j-- {
			s.Add(-float64(j+1)*m.dx(), m.v[1+dendN+j])
		}
		s.Add(0, m.v[0])
		for j := range dendN {
			s.Add(float64(j+1)*m.dx(), m.v[1+j])
		}
		syn := dst.AddSeries("synapses", true)
		for g := range 2 {
			k := m.site[g]
			x := float64((k-1)%dendN+1) * m.dx()
			if k > dendN {
				x = -x
			}
			syn.Add(x, m.v[k])
		}
		dst.XMin, dst.XMax = -dendLen, dendLen
		dst.YMin, dst.YMax = dendEL-5, 10
	case "summation":
		a, b, ab := m.last[trialA].soma, m.last[trialB].soma, m.last[trialAB].soma
		dst.Bars = append(dst.Bars, a, b, a+b, ab, m.Theta)
		dst.BarLabels = append(dst.BarLabels, "A", "B", "A+B", "A&B", "θ")
		dst.Marked = 3
	}
}
