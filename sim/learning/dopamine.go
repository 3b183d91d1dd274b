package learning

import (
	"math"
	"math/rand/v2"

	"github.com/neurotutor/neurotutor/sim"
)

const (
	dopDT    = 50.0 // ms, one time bin of the trial
	dopSteps = 60   // bins per trial: 3000 ms
	dopCue   = 10   // bin of the cue: 500 ms into the trial
	dopFeat  = dopSteps - dopCue
	dopCells = 7   // cells of the distributional population
	dopWin   = 10  // trials averaged by the windowed metrics
	dopHist  = 600 // trials kept for the learning curve and the heat grid
)

// Dopamine is temporal-difference learning of reward prediction in a
// Pavlovian conditioning task, the model of midbrain dopamine neurons of
// Montague, Dayan & Sejnowski (1996, J Neurosci 16:1936–1947) and Schultz,
// Dayan & Montague (1997, Science 275:1593–1599).
//
// Each 3 s trial is 60 bins of 50 ms. A cue comes on at 500 ms; a reward
// of size r follows `interval` ms later with probability p. The cue is
// represented as a complete serial compound (a tapped delay line): the
// feature x_i(t) is 1 in the i-th bin after the cue and 0 otherwise, so
// each bin after the cue has its own weight, and nothing before the cue
// predicts it. The value, the prediction error and the learning rule are
//
//	V(t) = Σᵢ wᵢ·xᵢ(t)
//	δ(t) = r(t) + γ·V(t) − V(t−1)
//	eᵢ(t) = γλ·eᵢ(t−1) + xᵢ(t)          (eligibility trace, reset each trial)
//	Δwᵢ = α·δ(t)·eᵢ(t−1)
//
// δ is the dopamine signal. Written as r(t) + γV(t+1) − V(t), with V(t)
// counting the reward at t, it is the same signal one bin earlier; here it
// sits in the bin of the event that causes it. λ = 0 is the TD(0) rule of
// those papers, λ > 0 TD(λ) (Sutton 1988, Machine Learning 3:9–44), whose
// trace makes the rule a three-factor rule: presynaptic activity leaves a
// decaying eligibility that a later δ turns into a weight change.
//
// For a deterministic reward k bins after the cue, learning converges to
// V(cue + i) = γ^(k−1−i)·r for i < k and 0 from the reward on, so δ at the
// cue tends to γᵏ·r and δ at the reward to 0. With reward probability p the
// values are expectations: δ at the cue → γᵏ·p·r, at a delivered reward
// → r·(1−p), at an omitted one → −p·r (Fiorillo, Tobler & Schultz 2003,
// Science 299:1898–1902 found this scaling in dopamine neurons).
//
// A population of seven further critics follows Dabney et al. (2020,
// Nature 577:671–675): cell c = 1…7 has optimism τ = c/8 and learns from
// its own error δ_c = r + γV_c(t) − V_c(t−1), through the same traces, at
// the rate α⁺ = α·τ/m when δ_c > 0 and α⁻ = α·(1 − τ)/m when δ_c < 0,
// m = max(τ, 1 − τ) (so τ = α⁺/(α⁺ + α⁻), and no rate exceeds α, which
// keeps the chain of predictions stable). Its prediction just before the
// reward converges to the τ-expectile of the reward, τp·r / (τp + (1 −
// τ)(1 − p)) for this all-or-none reward; τ = ½ is the mean p·r.
type Dopamine struct {
	sim.Params
	Alpha    float64 // learning rate α
	Gamma    float64 // discount γ per 50 ms bin
	Lambda   float64 // eligibility-trace decay λ
	Interval float64 // ms from the cue to the reward
	P        float64 // reward probability
	Reward   float64 // reward size r

	info sim.Info
	step int64
	rng  *rand.Rand

	k        int // bins from the cue to the reward
	j        int // bin within the current trial
	trials   int // trials completed
	rewarded bool
	w, e     [dopFeat]float64
	eLo, eHi int // e is zero outside eLo…eHi−1
	vPrev    float64
	wc       [dopCells][dopFeat]float64
	vPrevC   [dopCells]float64

	delta, value, rNow float64 // this bin's δ, V and reward
	cur, curV          [dopSteps]float64
	first, last, lastV [dopSteps]float64

	// δ through each of the last dopHist trials, and whether the trial
	// was rewarded: rings indexed by trial number mod dopHist.
	hist [dopHist][dopSteps]float64
	hGot [dopHist]bool

	cueWin, rewWin, omitWin window
	lastRew, lastOmit       float64
	transfer                int
	bumpMax                 float64
}

// window is a running mean over the last dopWin values pushed.
type window struct {
	v    [dopWin]float64
	n, i int
}

func (w *window) push(x float64) {
	w.v[w.i] = x
	w.i = (w.i + 1) % dopWin
	w.n = min(w.n+1, dopWin)
}

func (w *window) mean() float64 {
	if w.n == 0 {
		return 0
	}
	var s float64
	for i := range w.n {
		s += w.v[i]
	}
	return s / float64(w.n)
}

// NewDopamine returns the model with default parameters, reset with seed 1.
func NewDopamine() *Dopamine {
	m := &Dopamine{Params: sim.NewParams("dopamine")}
	m.Bind(sim.Param{Key: "alpha", Label: "α", Min: 0.01, Max: 1, Step: 0.01, Default: 0.2, Live: true,
		Help: "learning rate per prediction error"}, &m.Alpha)
	m.Bind(sim.Param{Key: "gamma", Label: "γ", Min: 0.8, Max: 1, Step: 0.005, Default: 0.98, Live: true,
		Help: "discount per 50 ms bin"}, &m.Gamma)
	m.Bind(sim.Param{Key: "lambda", Label: "λ", Min: 0, Max: 1, Step: 0.05, Default: 0, Live: true,
		Help: "eligibility-trace decay per bin (0: TD(0); 1: the trace lasts the trial)"}, &m.Lambda)
	m.Bind(sim.Param{Key: "interval", Label: "cue→reward", Unit: "ms", Min: 250, Max: 2000, Step: 50, Default: 1000,
		Help: "time from the cue to the reward"}, &m.Interval)
	m.Bind(sim.Param{Key: "p_reward", Label: "p(reward)", Min: 0, Max: 1, Step: 0.05, Default: 1, Live: true,
		Help: "probability that a trial's reward is delivered (the rest are omitted)"}, &m.P)
	m.Bind(sim.Param{Key: "reward", Label: "r", Min: 0, Max: 2, Step: 0.1, Default: 1, Live: true,
		Help: "reward size (1: one drop of juice)"}, &m.Reward)
	m.info = m.describe()
	m.Reset(1)
	return m
}

// Info describes the model.
func (m *Dopamine) Info() sim.Info { return m.info }

// Reset returns to the first trial with every weight at zero: nothing is
// predicted yet.
func (m *Dopamine) Reset(seed uint64) {
	m.rng = sim.NewRand(seed)
	m.step, m.j, m.trials = 0, 0, 0
	m.k = int(math.Round(m.Interval / dopDT))
	m.w, m.e, m.wc = [dopFeat]float64{}, [dopFeat]float64{}, [dopCells][dopFeat]float64{}
	m.eLo, m.eHi, m.vPrev, m.vPrevC = 0, 0, 0, [dopCells]float64{}
	m.delta, m.value, m.rNow = 0, 0, 0
	m.cur, m.curV = [dopSteps]float64{}, [dopSteps]float64{}
	m.first, m.last, m.lastV = [dopSteps]float64{}, [dopSteps]float64{}, [dopSteps]float64{}
	m.cueWin, m.rewWin, m.omitWin = window{}, window{}, window{}
	m.lastRew, m.lastOmit, m.transfer, m.bumpMax = 0, 0, 0, 0
}

// Time is the simulated time in ms.
func (m *Dopamine) Time() float64 { return float64(m.step) * dopDT }

// Trials is the number of trials completed.
func (m *Dopamine) Trials() int { return m.trials }

// rewardBin is the bin of the reward within a trial.
func (m *Dopamine) rewardBin() int { return dopCue + m.k }

// optimism is the asymmetry τ_c of distributional cell c.
func optimism(c int) float64 { return float64(c+1) / (dopCells + 1) }

// Step advances one 50 ms bin: the TD error of this bin, the weight change
// it gates through the eligibility traces, and the end-of-trial records.
func (m *Dopamine) Step() {
	if m.j == 0 {
		m.rewarded = m.rng.Float64() < m.P
	}
	f := m.j - dopCue // active feature, or < 0 before the cue
	var v float64
	if f >= 0 {
		v = m.w[f]
	}
	m.rNow = 0
	if m.j == m.rewardBin() && m.rewarded {
		m.rNow = m.Reward
	}
	m.delta = m.rNow + m.Gamma*v - m.vPrev
	m.learn(f)
	m.updateTraces(f)
	m.vPrev, m.value = v, v
	m.cur[m.j], m.curV[m.j] = m.delta, v
	m.step++
	m.j++
	if m.j == dopSteps {
		m.endTrial()
		m.j = 0
	}
}

// updateTraces decays the eligibility traces by γλ and marks the active
// feature f; at a trial's first bin (after the transition out of the
// previous trial has been learnt) the traces start afresh.
func (m *Dopamine) updateTraces(f int) {
	if gl := m.Gamma * m.Lambda; m.j == 0 || gl == 0 {
		clear(m.e[m.eLo:m.eHi])
		m.eLo = m.eHi
		if m.j == 0 {
			m.eLo, m.eHi = 0, 0
		}
	} else {
		for i := m.eLo; i < m.eHi; i++ {
			m.e[i] *= gl
		}
	}
	if f >= 0 {
		m.e[f]++
		m.eLo, m.eHi = min(m.eLo, f), f+1
	}
}

// learn applies Δw = α·δ·e to the critic and each distributional cell's
// own asymmetric update. The active feature f has no eligibility yet, so
// V(t) is unchanged by the update.
func (m *Dopamine) learn(f int) {
	lo := m.eLo
	if a := m.Alpha * m.delta; a != 0 {
		for i := lo; i < m.eHi; i++ {
			m.w[i] += a * m.e[i]
		}
	}
	for c := range dopCells {
		var v float64
		if f >= 0 {
			v = m.wc[c][f]
		}
		d := m.rNow + m.Gamma*v - m.vPrevC[c]
		m.vPrevC[c] = v
		tau := optimism(c)
		a := m.Alpha * tau / math.Max(tau, 1-tau) * d
		if d < 0 {
			a = m.Alpha * (1 - tau) / math.Max(tau, 1-tau) * d
		}
		if a == 0 {
			continue
		}
		for i := lo; i < m.eHi; i++ {
			m.wc[c][i] += a * m.e[i]
		}
	}
}

// endTrial records the trial that just finished.
func (m *Dopamine) endTrial() {
	rb := m.rewardBin()
	dCue, dRew := m.cur[dopCue], m.cur[rb]
	m.cueWin.push(dCue)
	if m.rewarded {
		m.rewWin.push(dRew)
		m.lastRew = dRew
		if m.transfer == 0 && dCue > dRew && dCue >= 0.1*m.Reward {
			m.transfer = m.trials + 1
		}
	} else {
		m.omitWin.push(dRew)
		m.lastOmit = dRew
	}
	for j := dopCue + 1; j < rb; j++ {
		m.bumpMax = math.Max(m.bumpMax, m.cur[j])
	}
	if m.trials == 0 {
		m.first = m.cur
	}
	m.last, m.lastV = m.cur, m.curV
	m.hist[m.trials%dopHist], m.hGot[m.trials%dopHist] = m.cur, m.rewarded
	m.trials++
}

// Expectile is the τ-expectile of a reward r delivered with probability p:
// the prediction a cell with optimism τ converges to.
func Expectile(tau, p, r float64) float64 {
	d := tau*p + (1-tau)*(1-p)
	if d == 0 {
		return 0
	}
	return tau * p * r / d
}

// CellPrediction is distributional cell c's prediction of the reward, its
// value in the bin just before the reward.
func (m *Dopamine) CellPrediction(c int) float64 { return m.wc[c][m.k-1] }

// Prediction is the critic's value in the bin just before the reward: the
// reward it expects, p·r once learnt.
func (m *Dopamine) Prediction() float64 { return m.w[m.k-1] }
