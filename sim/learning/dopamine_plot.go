package learning

import (
	"fmt"
	"math"

	"github.com/neurotutor/neurotutor/sim"
)

func (m *Dopamine) describe() sim.Info {
	return sim.Info{
		ID:       "dopamine",
		Title:    "Reward prediction error (TD learning)",
		Summary:  "temporal-difference learning in a conditioning task: the dopamine-like error moves from the reward to the cue",
		DT:       dopDT,
		StepNote: "one 50 ms bin of a 3 s conditioning trial per step; the cue at 500 ms",
		Window:   30 * dopSteps * dopDT, Speed: 15000, // 30 trials, every step kept
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "trials", Label: "trials", Help: "conditioning trials completed"},
			{Key: "delta_cue", Label: "δ at cue", Help: "prediction error at the cue, last trial (in units of the reward)"},
			{Key: "delta_reward", Label: "δ at reward", Help: "prediction error at the reward, last rewarded trial"},
			{Key: "delta_omit", Label: "δ at omission", Help: "prediction error at the reward time, last trial without reward (0 before one)"},
			{Key: "delta_cue_avg", Label: "δ cue, mean", Help: "δ at the cue, mean of the last 10 trials"},
			{Key: "delta_reward_avg", Label: "δ reward, mean", Help: "δ at the reward, mean of the last 10 rewarded trials"},
			{Key: "delta_omit_avg", Label: "δ omission, mean", Help: "δ at the reward time, mean of the last 10 trials without reward (0 before one)"},
			{Key: "v_pred", Label: "predicted r", Help: "value V one bin before the reward: the reward the critic expects (p·r once learnt)"},
			{Key: "transfer_trial", Label: "cue wins at trial", Help: "first rewarded trial whose δ at the cue exceeded its δ at the reward and 0.1·r (0: not yet)"},
			{Key: "bump_max", Label: "bump", Help: "largest δ strictly between cue and reward, over all trials so far"},
			{Key: "spread", Label: "optimist − pessimist", Help: "distributional cells: predicted reward of the most optimistic cell minus the most pessimistic"},
		},
		Signals: []sim.Signal{
			{Key: "delta", Label: "δ (dopamine)"},
			{Key: "value", Label: "V"},
			{Key: "reward", Label: "reward"},
		},
		Plots: []sim.PlotSpec{
			{Key: "trial", Title: "δ in a trial: the first and the latest", Kind: sim.PlotXY,
				XLabel: "time from cue (ms)", YLabel: "δ"},
			{Key: "grid", Title: "δ by trial and time (colour: ±√|δ/r|)", Kind: sim.PlotGrid},
			{Key: "learning", Title: "δ at the cue and at the reward, by trial", Kind: sim.PlotXY,
				XLabel: "trial", YLabel: "δ"},
			{Key: "value", Title: "Value V in the latest trial, and its limit", Kind: sim.PlotXY,
				XLabel: "time from cue (ms)", YLabel: "V"},
			{Key: "dist", Title: "Distributional cells: predicted reward by optimism τ", Kind: sim.PlotXY,
				XLabel: "optimism τ = α⁺/(α⁺ + α⁻)", YLabel: "predicted r"},
			{Key: "trace", Title: "δ over the last 30 trials, as a recording", Kind: sim.PlotTrace,
				Signals: []string{"delta"}},
		},
	}
}

// Sample records this bin's δ, V and delivered reward.
func (m *Dopamine) Sample(dst []float64) {
	dst[0], dst[1], dst[2] = m.delta, m.value, m.rNow
}

// Metrics reports the errors at the cue, reward and omission (last trial
// and windowed means), the prediction, the transfer trial, the largest
// error between cue and reward, and the distributional spread.
func (m *Dopamine) Metrics(dst []float64) {
	dst[0] = float64(m.trials)
	dst[1], dst[2], dst[3] = 0, m.lastRew, m.lastOmit
	if m.trials > 0 {
		dst[1] = m.last[dopCue]
	}
	dst[4], dst[5], dst[6] = m.cueWin.mean(), m.rewWin.mean(), m.omitWin.mean()
	dst[7] = m.Prediction()
	dst[8] = float64(m.transfer)
	dst[9] = m.bumpMax
	if m.bumpMax < 1e-9 {
		dst[9] = 0 // rounding error of a wave that never started (λ = 1)
	}
	dst[10] = m.CellPrediction(dopCells-1) - m.CellPrediction(0)
}

// binMS is the time of bin j from the cue, ms.
func binMS(j int) float64 { return float64(j-dopCue) * dopDT }

// Plot fills the within-trial δ, the heat grid, the learning curve, the
// value profile or the distributional population.
func (m *Dopamine) Plot(key string, dst *sim.PlotData) {
	switch key {
	case "trial":
		m.plotTrial(dst)
	case "grid":
		m.plotGrid(dst)
	case "learning":
		m.plotLearning(dst)
	case "value":
		m.plotValue(dst)
	case "dist":
		m.plotDist(dst)
	}
}

// scale is the plots' unit of δ: the reward size, at least 0.1.
func (m *Dopamine) scale() float64 { return math.Max(m.Reward, 0.1) }

// markEvents adds dotted uprights at the cue and the reward time from lo
// to hi.
func (m *Dopamine) markEvents(dst *sim.PlotData, lo, hi float64) {
	s := dst.AddSeries("cue, reward time", true)
	const n = 12
	for _, x := range [2]float64{0, m.Interval} {
		for i := range n + 1 {
			s.Add(x, lo+(hi-lo)*float64(i)/n)
		}
	}
}

func (m *Dopamine) plotTrial(dst *sim.PlotData) {
	lo, hi := -m.scale(), m.scale()
	series := func(name string, d *[dopSteps]float64, upto int) {
		s := dst.AddSeries(name, false)
		for j := range upto {
			s.Add(binMS(j), d[j])
			lo, hi = math.Min(lo, d[j]), math.Max(hi, d[j])
		}
	}
	if m.trials == 0 {
		series("first trial (running)", &m.cur, m.j)
	} else {
		series("first trial", &m.first, dopSteps)
		series("latest trial", &m.last, dopSteps)
	}
	pad := 0.05 * (hi - lo)
	m.markEvents(dst, lo, hi)
	dst.XMin, dst.XMax = binMS(0), binMS(dopSteps-1)
	dst.YMin, dst.YMax = lo-pad, hi+pad
}

// The heat grid shows at most dopGridRows trials, one row each, and the
// bins from 300 ms before the cue to the trial's end: 28 × 56 cells fill a
// half-block grid of 56 × 14 characters without dropping a bin.
const (
	dopGridRows = 28
	dopGridFrom = dopCue - 6
)

// gridTrials picks the trials the heat grid shows: every stride-th trial
// from first, stride the smallest power of two that fits the trials kept
// into dopGridRows rows, so rows stay put as trials are added.
func (m *Dopamine) gridTrials() (first, stride, rows int) {
	first = max(0, m.trials-dopHist)
	stride = 1
	for dopGridRows*stride < m.trials-first {
		stride *= 2
	}
	first = (first + stride - 1) / stride * stride
	return first, stride, (m.trials - first + stride - 1) / stride
}

func (m *Dopamine) plotGrid(dst *sim.PlotData) {
	first, stride, rows := m.gridTrials()
	every := ""
	if stride > 1 {
		every = fmt.Sprintf(" (every %d%s)", stride, ordinal(stride))
	}
	// The columns run from binMS(dopGridFrom) to binMS(dopSteps−1).
	title := fmt.Sprintf("trials %d–%d%s ↓ · −0.3 to 2.45 s from cue →", first+1, max(first+1, m.trials), every)
	cols := dopSteps - dopGridFrom
	g := dst.AddGrid(title, rows, cols)
	sc := m.scale()
	for r := range rows {
		row := m.hist[(first+r*stride)%dopHist][dopGridFrom:]
		for c, d := range row {
			// Signed square root: the small bump crossing the delay
			// stands out from zero, while ±r stay at the ends.
			g.V[r*cols+c] = math.Copysign(math.Sqrt(math.Min(math.Abs(d)/sc, 1)), d)
		}
	}
	g.Min, g.Max = -1, 1
}

// ordinal is the English suffix of n: "st", "nd", "rd" or "th".
func ordinal(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return "th"
	case n%10 == 1:
		return "st"
	case n%10 == 2:
		return "nd"
	case n%10 == 3:
		return "rd"
	}
	return "th"
}

func (m *Dopamine) plotLearning(dst *sim.PlotData) {
	n0, rb := max(0, m.trials-dopHist), m.rewardBin()
	cue := dst.AddSeries("cue", false)
	for t := n0; t < m.trials; t++ {
		cue.Add(float64(t+1), m.hist[t%dopHist][dopCue])
	}
	rew := dst.AddSeries("reward", false)
	for t := n0; t < m.trials; t++ {
		if m.hGot[t%dopHist] {
			rew.Add(float64(t+1), m.hist[t%dopHist][rb])
		}
	}
	omit := dst.AddSeries("omission", true)
	for t := n0; t < m.trials; t++ {
		if !m.hGot[t%dopHist] {
			omit.Add(float64(t+1), m.hist[t%dopHist][rb])
		}
	}
	x1 := float64(max(m.trials, 10))
	th := dst.AddSeries("converged", true)
	levels := [3]float64{m.CueLimit(), m.Reward * (1 - m.P), -m.P * m.Reward}
	for i, y := range levels {
		if (i == 1 && m.P == 0) || (i == 2 && m.P == 1) {
			continue // never seen: no reward, or no omission
		}
		for k := range 25 {
			th.Add(float64(n0)+(x1-float64(n0))*(float64(k)+0.5)/25, y)
		}
	}
	dst.XMin, dst.XMax = float64(n0), x1
	dst.YMin, dst.YMax = -1.05*m.scale(), 1.05*m.scale()
}

// CueLimit is the converged δ at the cue, γᵏ·p·r.
func (m *Dopamine) CueLimit() float64 {
	return math.Pow(m.Gamma, float64(m.k)) * m.P * m.Reward
}

func (m *Dopamine) plotValue(dst *sim.PlotData) {
	v := dst.AddSeries("V, latest trial", false)
	src, upto := &m.lastV, dopSteps
	if m.trials == 0 {
		src, upto = &m.curV, m.j
	}
	hi := m.scale()
	for j := range upto {
		v.Add(binMS(j), src[j])
		hi = math.Max(hi, src[j])
	}
	th := dst.AddSeries("γ^(k−1−i)·p·r", false)
	pr := m.P * m.Reward
	for j := range dopSteps {
		y := 0.0
		if i := j - dopCue; i >= 0 && i < m.k {
			y = math.Pow(m.Gamma, float64(m.k-1-i)) * pr
		}
		th.Add(binMS(j), y)
	}
	m.markEvents(dst, 0, hi)
	dst.XMin, dst.XMax = binMS(0), binMS(dopSteps-1)
	dst.YMin, dst.YMax = -0.05*hi, 1.05*hi
}

func (m *Dopamine) plotDist(dst *sim.PlotData) {
	cells := dst.AddSeries("cells", true)
	for c := range dopCells {
		cells.Add(optimism(c), m.CellPrediction(c))
	}
	ex := dst.AddSeries("expectile", false)
	for i := range 49 {
		tau := float64(i+1) / 50
		ex.Add(tau, Expectile(tau, m.P, m.Reward))
	}
	mean := dst.AddSeries("mean p·r", false)
	mean.Add(0, m.P*m.Reward)
	mean.Add(1, m.P*m.Reward)
	dst.XMin, dst.XMax = 0, 1
	dst.YMin, dst.YMax = -0.05*m.scale(), 1.05*m.scale()
}
