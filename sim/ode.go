package sim

// System is a system of ordinary differential equations dy/dt = f(t, y).
// Deriv writes f(t, y) into dy; it must not allocate or keep y or dy.
type System interface {
	Deriv(t float64, y, dy []float64)
}

// RK4 is the classical fourth-order Runge–Kutta stepper with its scratch
// space preallocated, so Step does not allocate.
//
//	k1 = f(t, y)
//	k2 = f(t + h/2, y + h/2·k1)
//	k3 = f(t + h/2, y + h/2·k2)
//	k4 = f(t + h, y + h·k3)
//	y(t+h) = y + h/6·(k1 + 2k2 + 2k3 + k4)
//
// Reference: Press et al., Numerical Recipes, 3rd ed. (2007), §17.1.
type RK4 struct {
	k1, k2, k3, k4, tmp []float64
}

// NewRK4 returns a stepper for systems of dimension n.
func NewRK4(n int) *RK4 {
	return &RK4{
		k1: make([]float64, n), k2: make([]float64, n), k3: make([]float64, n),
		k4: make([]float64, n), tmp: make([]float64, n),
	}
}

// Step advances y in place from t to t+h.
func (s *RK4) Step(sys System, t, h float64, y []float64) {
	sys.Deriv(t, y, s.k1)
	for i := range y {
		s.tmp[i] = y[i] + h/2*s.k1[i]
	}
	sys.Deriv(t+h/2, s.tmp, s.k2)
	for i := range y {
		s.tmp[i] = y[i] + h/2*s.k2[i]
	}
	sys.Deriv(t+h/2, s.tmp, s.k3)
	for i := range y {
		s.tmp[i] = y[i] + h*s.k3[i]
	}
	sys.Deriv(t+h, s.tmp, s.k4)
	for i := range y {
		y[i] += h / 6 * (s.k1[i] + 2*s.k2[i] + 2*s.k3[i] + s.k4[i])
	}
}

// Euler is the forward Euler stepper, y(t+h) = y + h·f(t, y): first order,
// for rate models whose step is already small against their time constants.
type Euler struct {
	k []float64
}

// NewEuler returns a stepper for systems of dimension n.
func NewEuler(n int) *Euler { return &Euler{k: make([]float64, n)} }

// Step advances y in place from t to t+h.
func (s *Euler) Step(sys System, t, h float64, y []float64) {
	sys.Deriv(t, y, s.k)
	for i := range y {
		y[i] += h * s.k[i]
	}
}
