package network

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

const (
	wtaMaxN = 6     // most units the lab offers
	wtaDT   = 0.1   // ms
	wtaRMax = 100.0 // Hz, saturation of the rate nonlinearity
	wtaOn   = 1.0   // Hz, a unit above this rate is active
	wtaTauX = 5.0   // ms, correlation time of input noise
)

// WTA is a winner-take-all circuit of n rate units, each exciting itself and
// inhibiting the others through shared inhibition:
//
//	τ dr_i/dt = −r_i + f(I_i + ξ_i + α·r_i − β·Σ_{j≠i} r_j)
//	f(x) = min(r_max, [x]₊),  r_max = 100 Hz
//
// the linear-threshold network of Hahnloser et al. (2000) with the
// saturation that keeps α ≥ 1 bounded. ξ_i is an Ornstein–Uhlenbeck input
// fluctuation (σ = noise, correlation time 5 ms). Rates start at small
// seeded random values (0–0.1 Hz), so exact ties are broken by the seed.
//
// With α < 1 and no saturation, a lone winner settles at r = I/(1−α), and a
// loser j stays silent when I_j < β·r_winner. Euler steps of 0.1 ms
// (τ ≥ 1 ms).
type WTA struct {
	sim.Params
	N     float64
	I     [wtaMaxN]float64 // Hz
	Alpha float64
	Beta  float64
	Tau   float64 // ms
	Noise float64 // Hz

	info     sim.Info
	t        float64
	r, next  [wtaMaxN]float64
	xi       [wtaMaxN]float64
	rng      *rand.Rand
	decision float64 // ms, when the current sole winner took over; −1 if none
	lastWin  int
}

// NewWTA returns the circuit with default parameters, reset with seed 1.
func NewWTA() *WTA {
	m := &WTA{Params: sim.NewParams("wta")}
	m.Bind(sim.Param{Key: "n", Label: "n", Min: 2, Max: wtaMaxN, Step: 1, Default: 4, Integer: true,
		Help: "number of units"}, &m.N)
	defaults := []float64{10, 12, 9, 11, 8, 7}
	for i := range wtaMaxN {
		k := string(rune('1' + i))
		m.Bind(sim.Param{Key: "I" + k, Label: "I" + string(rune('₁'+i)), Unit: "Hz", Min: 0, Max: 50, ValidMin: 0, ValidMax: 200, Step: 0.1,
			Default: defaults[i], Help: "input to unit " + k, Live: true}, &m.I[i])
	}
	m.Bind(sim.Param{Key: "alpha", Label: "α", Min: 0, Max: 1.5, ValidMin: 0, ValidMax: 3, Step: 0.05, Default: 0.5,
		Help: "self-excitation"}, &m.Alpha)
	m.Bind(sim.Param{Key: "beta", Label: "β", Min: 0, Max: 3, ValidMin: 0, ValidMax: 10, Step: 0.05, Default: 1,
		Help: "shared inhibition from each other unit"}, &m.Beta)
	m.Bind(sim.Param{Key: "tau", Label: "τ", Unit: "ms", Min: 1, Max: 100, ValidMin: 0.5, ValidMax: 1000, Step: 1, Default: 10,
		Help: "rate time constant"}, &m.Tau)
	m.Bind(sim.Param{Key: "noise", Label: "σ", Unit: "Hz", Min: 0, Max: 5, ValidMin: 0, ValidMax: 20, Step: 0.1, Default: 0,
		Help: "input noise (standard deviation)", Live: true}, &m.Noise)
	m.info = m.describe()
	m.Reset(1)
	return m
}

func (m *WTA) describe() sim.Info {
	sig := make([]sim.Signal, wtaMaxN)
	keys := make([]string, wtaMaxN)
	for i := range sig {
		keys[i] = "r" + string(rune('1'+i))
		sig[i] = sim.Signal{Key: keys[i], Label: "r" + string(rune('₁'+i)), Unit: "Hz"}
	}
	return sim.Info{
		ID:      "wta",
		Title:   "Winner-take-all circuit",
		Summary: "rate units with self-excitation and shared inhibition pick the largest input",
		DT:      wtaDT, Window: 300, Speed: 100,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "winner", Label: "winner", Help: "most active unit (1-based); 0 when none is active"},
			{Key: "active", Label: "active units", Help: "units firing above 1 Hz"},
			{Key: "argmax", Label: "argmax I", Help: "unit with the largest input: the computational answer"},
			{Key: "agree", Label: "agrees", Help: "1 when the circuit has one winner and it is the argmax"},
			{Key: "gap", Label: "input gap", Unit: "Hz", Help: "largest input minus the second largest"},
			{Key: "decision_ms", Label: "decided at", Unit: "ms", Help: "when the present sole winner took over; −1 if none", NoneBelowZero: true},
		},
		Signals: sig,
		Plots: []sim.PlotSpec{
			{Key: "inputs", Title: "Inputs I (argmax marked)", Kind: sim.PlotBars, YLabel: "Hz"},
			{Key: "rates", Title: "Rates r (winner marked)", Kind: sim.PlotBars, YLabel: "Hz"},
			{Key: "traces", Title: "Rates over time", Kind: sim.PlotTrace, Signals: keys, YLabel: "Hz"},
		},
	}
}

// Info describes the model.
func (m *WTA) Info() sim.Info { return m.info }

// Time is the simulated time in ms.
func (m *WTA) Time() float64 { return m.t }

func (m *WTA) n() int { return int(m.N) }

// Reset starts every unit at a small seeded random rate.
func (m *WTA) Reset(seed uint64) {
	m.rng = sim.NewRand(seed)
	m.t, m.decision, m.lastWin = 0, -1, 0
	m.r, m.xi = [wtaMaxN]float64{}, [wtaMaxN]float64{}
	for i := range m.n() {
		m.r[i] = 0.1 * m.rng.Float64()
	}
}

// Step advances one Euler step.
func (m *WTA) Step() {
	n := m.n()
	total := 0.0
	for i := range n {
		total += m.r[i]
	}
	a := math.Exp(-wtaDT / wtaTauX)
	for i := range n {
		if m.Noise > 0 {
			m.xi[i] = a*m.xi[i] + m.Noise*math.Sqrt(1-a*a)*m.rng.NormFloat64()
		} else {
			m.xi[i] = 0
		}
		x := m.I[i] + m.xi[i] + m.Alpha*m.r[i] - m.Beta*(total-m.r[i])
		f := math.Min(wtaRMax, math.Max(x, 0))
		m.next[i] = m.r[i] + wtaDT/m.Tau*(f-m.r[i])
	}
	m.r = m.next
	m.t += wtaDT
	w, active := m.winner()
	if active == 1 && w != m.lastWin {
		m.decision = m.t
	}
	if active != 1 {
		m.decision = -1
		w = 0
	}
	m.lastWin = w
}

// winner returns the 1-based index of the most active unit (0 when none is
// active; the lower index on an exact tie) and the number of active units.
func (m *WTA) winner() (int, int) {
	w, active := 0, 0
	for i := range m.n() {
		if m.r[i] > wtaOn {
			active++
			if w == 0 || m.r[i] > m.r[w-1] {
				w = i + 1
			}
		}
	}
	return w, active
}

// argmax returns the 1-based index of the largest input and the gap to the
// second largest, Hz.
func (m *WTA) argmax() (int, float64) {
	best, second := 0, math.Inf(-1)
	for i := 1; i < m.n(); i++ {
		if m.I[i] > m.I[best] {
			best = i
		}
	}
	for i := range m.n() {
		if i != best && m.I[i] > second {
			second = m.I[i]
		}
	}
	return best + 1, m.I[best] - second
}

// SignalActive reports whether the rate signal belongs to one of the n
// units in use.
func (m *WTA) SignalActive(key string) bool {
	return len(key) == 2 && key[0] == 'r' && int(key[1]-'0') <= m.n()
}

// Sample records every rate (units beyond n read 0).
func (m *WTA) Sample(dst []float64) {
	copy(dst, m.r[:])
}

// Metrics reports winner, active, argmax, agree, gap and decision_ms.
func (m *WTA) Metrics(dst []float64) {
	w, active := m.winner()
	am, gap := m.argmax()
	agree := 0.0
	if active == 1 && w == am {
		agree = 1
	}
	dst[0], dst[1], dst[2], dst[3], dst[4], dst[5] = float64(w), float64(active), float64(am), agree, gap, m.decision
}

// Plot fills the input or rate bars.
func (m *WTA) Plot(key string, dst *sim.PlotData) {
	n := m.n()
	var src []float64
	switch key {
	case "inputs":
		src = m.I[:n]
		am, _ := m.argmax()
		dst.Marked = am - 1
	case "rates":
		src = m.r[:n]
		w, _ := m.winner()
		dst.Marked = w - 1
	default:
		return
	}
	for i, v := range src {
		dst.Bars = append(dst.Bars, v)
		dst.BarLabels = append(dst.BarLabels, string(rune('1'+i)))
	}
}
