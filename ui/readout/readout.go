// Package readout writes the numbers the lab shows: metric readouts
// rounded to the metric's precision, parameter values at the precision of
// their slider, and the Unicode minus sign (−) wherever a number is
// negative. Pure functions, no Bubble Tea.
package readout

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/neurotutor/neurotutor/sim"
)

// None is shown for a value that does not exist yet: a decision not made,
// a NaN.
const None = "—"

// Metric writes v, a value of metric m, without its unit: rounded to the
// metric's precision (a value smaller than that reads 0), to three
// significant digits at most but never more decimals than the precision
// has, whole numbers without decimals, a state's name when the metric
// names its values, and None for NaN or, when the metric says so, for a
// negative value.
func Metric(v float64, m sim.Metric) string {
	switch {
	case math.IsNaN(v), m.NoneBelowZero && v < 0:
		return None
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "−∞"
	case len(m.Names) > 0 && v == math.Trunc(v) && v >= 0 && int(v) < len(m.Names):
		return m.Names[int(v)]
	}
	if math.Abs(v) >= 1e6 { // 7.07×10¹¹, not twelve digits
		return Minus(scientific(v))
	}
	res := m.Precision()
	v = math.Round(v/res) * res
	if v == 0 || math.Abs(v) < res/2 {
		return "0"
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return Minus(strconv.FormatFloat(v, 'f', 0, 64))
	}
	dec := decimals(res)
	if whole := int(math.Floor(math.Log10(math.Abs(v)))) + 1; whole > 0 {
		dec = min(dec, max(0, 3-whole))
	} else {
		dec = min(dec, 2-whole+1) // three significant digits
	}
	return Minus(strconv.FormatFloat(v, 'f', dec, 64))
}

// decimals is the number of decimals a resolution res needs: 2 for 0.01.
func decimals(res float64) int {
	if res >= 1 {
		return 0
	}
	return int(math.Ceil(-math.Log10(res) - 1e-9))
}

// Param writes v, a value of parameter p, with its unit: a choice's name;
// a linear slider's value with the decimals of its step (so the column
// does not jump as it moves); a logarithmic one's in its shortest form.
func Param(v float64, p sim.Param) string {
	var s string
	switch {
	case len(p.Choices) > 0:
		return p.Format(v)
	case p.Log:
		s = strconv.FormatFloat(v, 'f', -1, 64)
	default:
		dec := 0
		if p.Step < 1 {
			dec = decimals(p.Step)
		}
		s = strconv.FormatFloat(v, 'f', dec, 64)
	}
	s = Minus(s)
	if p.Unit != "" {
		s += " " + p.Unit
	}
	return s
}

// Minus writes a number's ASCII hyphen-minus as the Unicode minus sign and
// a negative zero as "0".
func Minus(s string) string {
	if rest, ok := strings.CutPrefix(s, "-"); ok && strings.Trim(rest, "0.") == "" {
		return rest // −0, −0.00
	}
	return strings.ReplaceAll(s, "-", "−")
}

// negative matches a hyphen-minus in front of a number, not inside a word.
var negative = regexp.MustCompile(`(^|[^\p{L}\p{N}_])-(\.?\d)`)

// Text gives the negative numbers in running text the Unicode minus sign
// ("a number from −10 to 0.5"), leaving hyphenated words alone.
func Text(s string) string {
	return negative.ReplaceAllString(s, "${1}−${2}")
}

// superscripts are the digits and minus sign of an exponent.
var superscripts = strings.NewReplacer("0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴",
	"5", "⁵", "6", "⁶", "7", "⁷", "8", "⁸", "9", "⁹", "-", "⁻")

// scientific writes v with three significant digits as m×10ⁿ.
func scientific(v float64) string {
	e := int(math.Floor(math.Log10(math.Abs(v))))
	m := v / math.Pow(10, float64(e))
	if math.Abs(m) >= 9.995 { // rounds up to the next power
		m, e = m/10, e+1
	}
	return strconv.FormatFloat(m, 'f', 2, 64) + "×10" + superscripts.Replace(strconv.Itoa(e))
}
