package sim

import (
	"math"
	"slices"
	"strconv"
)

// renard10 is one decade of the logarithmic slider: the R″10 series of
// preferred numbers (ISO 3), ten steps a decade, each about 10^0.1 ≈ 1.26
// times the last, rounded to values a person would type.
var renard10 = [...]float64{1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8}

// maxGrid bounds the values a grid lists; a range with more steps than
// this is refused by Bind.
const maxGrid = 100_000

// Grid lists the values the lab's slider stops at, ascending: Min, Min +
// Step, … for a linear parameter (and Max when the steps miss it); for a
// Log parameter, 0 when Min is 0, then the R″10 series (1, 1.2, 1.5, 2,
// 2.5, 3, 4, 5, 6, 8 × 10ᵏ) from Min (or from Step when Min is 0) up to
// Max, with Min and Max themselves; for a choice parameter, each index. A
// value a lesson names should be on the grid, so that the learner can dial
// it; [Param.OnGrid] checks that.
func (p Param) Grid() []float64 {
	if len(p.Choices) > 0 {
		g := make([]float64, len(p.Choices))
		for i := range g {
			g[i] = float64(i)
		}
		return g
	}
	if p.Log {
		return p.logGrid()
	}
	var g []float64
	for k := 0; ; k++ {
		v := tidy(p.Min + float64(k)*p.Step)
		if v > p.Max+p.tol(p.Max) || k > maxGrid {
			break
		}
		g = append(g, math.Min(v, p.Max))
	}
	if last := g[len(g)-1]; p.Max-last > p.tol(p.Max) {
		g = append(g, p.Max)
	}
	return g
}

// logGrid is Grid for a Log parameter.
func (p Param) logGrid() []float64 {
	var g []float64
	lo := p.Min
	if lo <= 0 {
		g = append(g, p.Min)
		lo = p.Step
	}
	g = append(g, lo)
	k := math.Floor(math.Log10(lo))
	for ; len(g) < maxGrid; k++ {
		dec := math.Pow(10, k)
		for _, m := range renard10 {
			v := tidy(m * dec)
			if v > p.Max+p.tol(p.Max) {
				if p.Max-g[len(g)-1] > p.tol(p.Max) {
					g = append(g, p.Max)
				}
				return g
			}
			if v > g[len(g)-1]+p.tol(v) {
				g = append(g, v)
			}
		}
	}
	return g
}

// tidy rounds v to 12 significant digits, so that steps of 0.1 land on
// the decimals a person types (0.3, not 0.30000000000000004).
func tidy(v float64) float64 {
	t, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	if err != nil {
		return v
	}
	return t
}

// tol is how close two values near v must be to count as the same grid
// point: far below any step, above the rounding of decimal arithmetic.
func (p Param) tol(v float64) float64 { return 1e-9 * math.Max(math.Abs(v), p.Step) }

// Next is the value n steps of the lab's slider away from v (n < 0 steps
// down), clamped to the range. From a value between two grid points, as
// one typed exactly, the first step goes to the neighbouring grid point
// in its direction. Choice parameters wrap around.
func (p Param) Next(v float64, n int) float64 {
	g := p.Grid()
	if len(p.Choices) > 0 {
		c := len(g)
		i := int(math.Round(v))
		return g[((i+n)%c+c)%c]
	}
	// lo: the last grid point at or below v.
	lo := max(0, atOrBelow(g, v+p.tol(v))-1)
	on := math.Abs(g[lo]-v) <= p.tol(v)
	j := lo + n
	if n < 0 && !on && g[lo] < v {
		j++ // the first step down lands on g[lo] itself
	}
	return g[min(max(j, 0), len(g)-1)]
}

// atOrBelow is the number of grid values ≤ v.
func atOrBelow(g []float64, v float64) int {
	i, _ := slices.BinarySearchFunc(g, v, func(a, b float64) int {
		if a <= b {
			return -1
		}
		return 1
	})
	return i
}

// OnGrid reports whether v is one of the values the lab's slider stops at.
func (p Param) OnGrid(v float64) bool {
	for _, x := range p.Grid() {
		if math.Abs(x-v) <= p.tol(v) {
			return true
		}
	}
	return false
}
