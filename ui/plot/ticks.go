package plot

import (
	"math"
	"strconv"
	"strings"

	"github.com/neurotutor/neurotutor/ui/readout"
)

// niceStep returns the smallest step of the form {1, 2, 5}×10^k for which
// [lo, hi] holds at most max multiples of the step. It returns 0 when the
// range is empty or not finite.
func niceStep(lo, hi float64, max int) float64 {
	span := hi - lo
	if !(span > 0) || math.IsInf(span, 0) || max < 1 {
		return 0
	}
	if max < 2 {
		max = 2
	}
	k := math.Floor(math.Log10(span / float64(max)))
	for range 8 {
		p := math.Pow(10, k)
		for _, m := range [...]float64{1, 2, 5} {
			s := m * p
			if tickCount(lo, hi, s) <= max {
				return s
			}
		}
		k++
	}
	return math.Pow(10, k)
}

// tickCount is the number of multiples of step in [lo, hi].
func tickCount(lo, hi, step float64) int {
	a := math.Ceil(lo/step - 1e-9)
	b := math.Floor(hi/step + 1e-9)
	if b < a {
		return 0
	}
	return int(b-a) + 1
}

// niceTicks returns up to max tick values at nice numbers (1, 2, 5 × 10^k)
// inside [lo, hi], ascending, and the step between them. Each value is an
// integer multiple of the step, computed without accumulated error; a value
// within rounding of zero is exactly 0.
func niceTicks(lo, hi float64, max int) (ticks []float64, step float64) {
	step = niceStep(lo, hi, max)
	if step == 0 {
		return nil, 0
	}
	a := math.Ceil(lo/step - 1e-9)
	b := math.Floor(hi/step + 1e-9)
	for i := a; i <= b && len(ticks) < max; i++ {
		v := i * step
		if i == 0 {
			v = 0
		}
		ticks = append(ticks, v)
	}
	return ticks, step
}

// autoTicks is niceTicks for an axis that follows the data: when fewer
// than three ticks fall inside lo…hi, the range grows outward to the
// enclosing multiple of the step on one side, or both if need be (the
// smallest widening that gives three ticks at the same step). It returns
// the ticks, the step and the range.
func autoTicks(lo, hi float64, max int) (ticks []float64, step, lo2, hi2 float64) {
	ticks, step = niceTicks(lo, hi, max)
	if len(ticks) >= 3 || step == 0 {
		return ticks, step, lo, hi
	}
	down := math.Floor(lo/step+1e-9) * step
	up := math.Ceil(hi/step-1e-9) * step
	best := math.Inf(1)
	lo2, hi2 = lo, hi
	for _, r := range [3][2]float64{{lo, up}, {down, hi}, {down, up}} {
		if !(r[0] < r[1]) || !finite(r[1]-r[0]) {
			continue
		}
		t, s := niceTicks(r[0], r[1], max)
		if s == step && len(t) >= 3 && r[1]-r[0] < best {
			best, ticks, lo2, hi2 = r[1]-r[0], t, r[0], r[1]
		}
	}
	return ticks, step, lo2, hi2
}

// fmtTick formats a tick value v on an axis whose ticks are step apart:
// just enough decimals for the step, trailing zeros dropped, thousands as
// "k" and millions as "M" (1.2k), and the Unicode minus sign (−65).
func fmtTick(v, step float64) string {
	if step > 0 && math.Abs(v) < step*1e-6 {
		return "0"
	}
	a := math.Abs(v)
	suffix := ""
	switch {
	case a >= 1e9:
		v, step, suffix = v/1e9, step/1e9, "G"
	case a >= 1e6:
		v, step, suffix = v/1e6, step/1e6, "M"
	case a >= 1e3:
		v, step, suffix = v/1e3, step/1e3, "k"
	}
	dec := 0
	if step > 0 && step < 1 {
		dec = int(math.Ceil(-math.Log10(step) - 1e-9))
		if dec > 12 {
			dec = 12
		}
	}
	s := strconv.FormatFloat(v, 'f', dec, 64)
	return minus(trimZeros(s)) + suffix
}

// fmtNum formats v compactly with three significant digits: −65, 38.2,
// 0.123, 1.23k, 4.5M. NaN prints as "NaN" and infinities as "∞", "−∞".
func fmtNum(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "−∞"
	case v == 0:
		return "0"
	}
	a := math.Abs(v)
	suffix := ""
	switch {
	case a >= 999.5e9:
		return minus(strconv.FormatFloat(v, 'g', 3, 64))
	case a >= 999.5e6:
		v, suffix = v/1e9, "G"
	case a >= 999.5e3:
		v, suffix = v/1e6, "M"
	case a >= 999.5:
		v, suffix = v/1e3, "k"
	}
	s := strconv.FormatFloat(v, 'g', 3, 64)
	if strings.ContainsAny(s, "e") {
		return minus(s)
	}
	return minus(trimZeros(s)) + suffix
}

// signed is fmtNum with an explicit "+" on positive values.
func signed(v float64) string {
	if v > 0 && !math.IsInf(v, 0) {
		return "+" + fmtNum(v)
	}
	return fmtNum(v)
}

// trimZeros drops trailing zeros after a decimal point, and the point.
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// minus replaces ASCII hyphen-minus with the Unicode minus sign and turns
// a negative zero into "0".
func minus(s string) string { return readout.Minus(s) }
