package sim

import (
	"fmt"
	"math"
	"testing"
)

// decay is dy/dt = −y, with y(t) = y₀·e^{−t}.
type decay struct{}

func (decay) Deriv(_ float64, y, dy []float64) { dy[0] = -y[0] }

// oscillator is y” = −y as a first-order system, with y = cos t.
type oscillator struct{}

func (oscillator) Deriv(_ float64, y, dy []float64) { dy[0], dy[1] = y[1], -y[0] }

// errorAt integrates sys from 0 to 1 with step h and returns the error of
// the first component against want.
func errorAt(step func(System, float64, float64, []float64), sys System, y0 []float64, h, want float64) float64 {
	y := append([]float64(nil), y0...)
	n := int(math.Round(1 / h))
	for i := range n {
		step(sys, float64(i)*h, h, y)
	}
	return math.Abs(y[0] - want)
}

// TestStepperConvergence checks each stepper's global error falls with
// the step at its order: halving h divides the error by 2^order.
func TestStepperConvergence(t *testing.T) {
	for _, c := range []struct {
		name  string
		order float64
		step  func(System, float64, float64, []float64)
		sys   System
		y0    []float64
		want  float64
	}{
		{"rk4 decay", 4, NewRK4(1).Step, decay{}, []float64{1}, math.Exp(-1)},
		{"rk4 oscillator", 4, NewRK4(2).Step, oscillator{}, []float64{1, 0}, math.Cos(1)},
		{"euler decay", 1, NewEuler(1).Step, decay{}, []float64{1}, math.Exp(-1)},
		{"euler oscillator", 1, NewEuler(2).Step, oscillator{}, []float64{1, 0}, math.Cos(1)},
	} {
		e1 := errorAt(c.step, c.sys, c.y0, 0.02, c.want)
		e2 := errorAt(c.step, c.sys, c.y0, 0.01, c.want)
		got := math.Log2(e1 / e2)
		if math.Abs(got-c.order) > 0.1 {
			t.Errorf("%s: observed order %.3f (errors %.3g, %.3g), want %g", c.name, got, e1, e2, c.order)
		}
	}
}

func TestRK4DoesNotAllocate(t *testing.T) {
	s := NewRK4(2)
	y := []float64{1, 0}
	if a := testing.AllocsPerRun(100, func() { s.Step(oscillator{}, 0, 0.01, y) }); a != 0 {
		t.Errorf("%g allocations per step", a)
	}
}

func ExampleRK4() {
	s := NewRK4(1)
	y := []float64{1}
	for i := range 10 {
		s.Step(decay{}, float64(i)*0.1, 0.1, y)
	}
	fmt.Printf("y(1) = %.6g, e^-1 = %.6g\n", y[0], math.Exp(-1))
	// Output: y(1) = 0.36788, e^-1 = 0.367879
}
