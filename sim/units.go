package sim

import "strings"

// resolutions is the finest difference worth reading in each unit the
// models use: a tenth of a millisecond, a hundredth of a millivolt or of a
// hertz. Values are rounded to it for display, and an automatic plot axis
// spans at least a hundred of it.
var resolutions = map[string]float64{
	"Hz": 0.01, "mV": 0.01, "ms": 0.1, "s": 0.001,
	"deg": 0.1, "°": 0.1, "%": 0.01, "px": 0.01, "px/s": 0.1, "hops": 0.01,
	"µM": 0.001, "µM/s": 0.001, "nA": 0.001, "µA/cm²": 0.01, "mS/cm²": 0.01,
	"nS": 0.001, "MΩ": 0.01, "µm": 0.1, "1/s": 0.01, "1/ms": 0.001,
}

// dimensionless is the resolution of a quantity without a unit: ratios,
// fractions, correlations and activities read to three decimals.
const dimensionless = 0.001

// Resolution is the finest difference worth showing for a quantity in
// unit: a known unit's own (0.01 for Hz and mV, 0.1 for ms and degrees),
// else 0.001. A unit may be written inside a label, "rate (Hz)".
func Resolution(unit string) float64 {
	if r, ok := resolutions[unit]; ok {
		return r
	}
	if _, in, ok := strings.Cut(unit, "("); ok {
		if u, _, ok := strings.Cut(in, ")"); ok {
			if r, ok := resolutions[strings.TrimSpace(u)]; ok {
				return r
			}
		}
	}
	return dimensionless
}

// Precision is the resolution the metric is shown at: its own when it
// declares one, else its unit's (see [Resolution]).
func (m Metric) Precision() float64 {
	if m.Resolution > 0 {
		return m.Resolution
	}
	return Resolution(m.Unit)
}
