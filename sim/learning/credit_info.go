package learning

import "github.com/neurotutor/neurotutor/sim"

// learners names the credit model's three networks, in index order.
var learners = [3]string{"BP", "FA", "NP"}

func (m *Credit) describe() sim.Info {
	return sim.Info{
		ID:       "credit",
		Title:    "Credit assignment without backprop",
		Summary:  "one classifier trained side by side by backprop, feedback alignment and node perturbation",
		DT:       fbDT,
		StepNote: "one training example per 1 ms step; test accuracy measured every 200 examples",
		Window:   50000, Speed: 2500,
		Params: m.Specs(),
		Metrics: []sim.Metric{
			{Key: "acc_bp", Label: "BP", Unit: "%", Help: "backprop's latest accuracy on 500 held-out examples (chance 20%)"},
			{Key: "acc_fa", Label: "FA", Unit: "%", Help: "feedback alignment's latest held-out accuracy"},
			{Key: "acc_np", Label: "NP", Unit: "%", Help: "node perturbation's latest held-out accuracy"},
			{Key: "bp_avg", Label: "BP avg", Unit: "%", Help: "backprop's held-out accuracy averaged over the last 1000 examples (5 measurements)"},
			{Key: "fa_avg", Label: "FA avg", Unit: "%", Help: "feedback alignment's held-out accuracy averaged over the last 1000 examples"},
			{Key: "np_avg", Label: "NP avg", Unit: "%", Help: "node perturbation's held-out accuracy averaged over the last 1000 examples"},
			{Key: "angle_fa", Label: "∠FA", Unit: "deg", Help: "running mean angle between FA's hidden update and the true gradient"},
			{Key: "angle_np", Label: "∠NP", Unit: "deg", Help: "running mean angle between NP's hidden update and the true gradient"},
			{Key: "np_gap", Label: "BP−NP", Unit: "%", Help: "how far NP trails BP, averaged over the last 1000 examples (percentage points)"},
			{Key: "examples", Label: "examples", Help: "training examples seen so far (by each learner)"},
		},
		Signals: []sim.Signal{
			{Key: "bp_avg", Label: "BP", Unit: "%"},
			{Key: "fa_avg", Label: "FA", Unit: "%", Dash: sim.DashLong},
			{Key: "np_avg", Label: "NP", Unit: "%", Dash: sim.DashShort},
			{Key: "angle_fa", Label: "∠ FA", Unit: "deg", Dash: sim.DashLong},
			{Key: "angle_np", Label: "∠ NP", Unit: "deg", Dash: sim.DashShort},
		},
		Plots: []sim.PlotSpec{
			{Key: "accuracy", Title: "Accuracy, last 1000 examples", Kind: sim.PlotTrace,
				Signals: []string{"bp_avg", "fa_avg", "np_avg"}, XLabel: "examples", YLabel: "%", YMin: 20, YMax: 100},
			{Key: "angle", Title: "Update vs true gradient (90° = no help)", Kind: sim.PlotTrace,
				Signals: []string{"angle_fa", "angle_np"}, XLabel: "examples", YLabel: "deg", YMin: 0, YMax: 120},
			{Key: "now", Title: "Accuracy over the last 1000 examples", Kind: sim.PlotBars, YLabel: "%"},
		},
	}
}

// shown reports whether learner i is on show.
func (m *Credit) shown(i int) bool {
	switch int(m.Show) {
	case ShowBPFA:
		return i != crNP
	case ShowBPNP:
		return i != crFA
	case ShowFANP:
		return i != crBP
	}
	return true
}

// SignalActive leaves out the signals of the learners not on show.
func (m *Credit) SignalActive(key string) bool {
	switch key {
	case "acc_bp", "bp_avg":
		return m.shown(crBP)
	case "acc_fa", "fa_avg", "angle_fa":
		return m.shown(crFA)
	case "acc_np", "np_avg", "angle_np":
		return m.shown(crNP)
	}
	return true
}

// MetricActive leaves out the metrics of the learners not on show.
func (m *Credit) MetricActive(key string) bool {
	if key == "np_gap" {
		return m.shown(crBP) && m.shown(crNP)
	}
	return m.SignalActive(key)
}

// Sample records the three windowed accuracies and the two angles.
func (m *Credit) Sample(dst []float64) {
	for i := range 3 {
		dst[i] = m.windowed(i)
	}
	dst[3], dst[4] = m.angle[crFA], m.angle[crNP]
}

// Metrics reports the accuracies, their windowed means, the angles and
// the examples seen.
func (m *Credit) Metrics(dst []float64) {
	dst[0], dst[1], dst[2] = m.acc[crBP], m.acc[crFA], m.acc[crNP]
	for i := range 3 {
		dst[3+i] = m.windowed(i)
	}
	dst[6], dst[7] = m.angle[crFA], m.angle[crNP]
	dst[8] = dst[3] - dst[5]
	dst[9] = float64(m.step)
}

// Plot fills the bars of the windowed accuracies of the learners on show.
func (m *Credit) Plot(key string, dst *sim.PlotData) {
	if key != "now" {
		return
	}
	for i, name := range learners {
		if m.shown(i) {
			dst.Bars = append(dst.Bars, m.windowed(i))
			dst.BarLabels = append(dst.BarLabels, name)
		}
	}
	dst.BarMax = 100
}
