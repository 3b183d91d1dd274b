package network

import (
	"fmt"
	"math"
	"math/cmplx"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
)

func newWC(t testing.TB, set map[string]float64) *WilsonCowan {
	t.Helper()
	m := NewWilsonCowan()
	for k, v := range set {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(1)
	return m
}

// numJacobian is the Jacobian of the model's right-hand side by central
// differences, per ms.
func numJacobian(m *WilsonCowan, e, i float64) [2][2]float64 {
	const h = 1e-6
	var J [2][2]float64
	dp, dm := make([]float64, 2), make([]float64, 2)
	for col := range 2 {
		yp, ym := []float64{e, i}, []float64{e, i}
		yp[col] += h
		ym[col] -= h
		m.sys.Deriv(0, yp, dp)
		m.sys.Deriv(0, ym, dm)
		for row := range 2 {
			J[row][col] = (dp[row] - dm[row]) / (2 * h)
		}
	}
	return J
}

// eig2 returns the eigenvalue of a 2×2 matrix with the largest real part.
func eig2(J [2][2]float64) complex128 {
	tr := J[0][0] + J[1][1]
	det := J[0][0]*J[1][1] - J[0][1]*J[1][0]
	return complex(tr/2, 0) + cmplx.Sqrt(complex(tr*tr/4-det, 0))
}

// TestWCFixedPointMatchesSimulation solves the steady-state equations and
// compares them with where the simulation settles, for drives on both
// sides of the rhythm.
func TestWCFixedPointMatchesSimulation(t *testing.T) {
	for _, c := range []struct {
		name string
		set  map[string]float64
		tol  float64
	}{
		{"low drive P=0.5", map[string]float64{"P": 0.5}, 1e-7},
		{"high drive P=2.5", map[string]float64{"P": 2.5}, 1e-7},
		{"weak E→I c3=10", map[string]float64{"c3": 10}, 1e-7},
		{"fast inhibition τ_I=5", map[string]float64{"tau_i": 5}, 1e-7},
	} {
		m := newWC(t, c.set)
		for m.Time() < 5000 {
			m.Step()
		}
		fp := m.FixedPoints()
		if fp.n != 1 {
			t.Fatalf("%s: %d fixed points, want 1", c.name, fp.n)
		}
		dy := make([]float64, 2)
		m.sys.Deriv(0, []float64{fp.e[0], fp.i[0]}, dy)
		if r := math.Hypot(dy[0], dy[1]); r > 1e-12 {
			t.Errorf("%s: residual at the fixed point %.3g, want 0", c.name, r)
		}
		for k, want := range []float64{fp.e[0], fp.i[0]} {
			if got := m.y[k]; math.Abs(got-want) > c.tol {
				t.Errorf("%s: %s simulated %.8g, steady state %.8g, diff %.2g", c.name, []string{"E", "I"}[k], got, want, got-want)
			}
		}
		if f := metric(m, "freq_hz"); f != 0 {
			t.Errorf("%s: freq_hz %g at a stable fixed point, want 0", c.name, f)
		}
	}
}

// TestWCJacobian compares the analytic Jacobian with central differences.
func TestWCJacobian(t *testing.T) {
	m := newWC(t, map[string]float64{"P": 1.5, "Q": 0.3, "c4": 5, "tau_i": 17})
	for _, pt := range [][2]float64{{0.1, 0.05}, {0.2, 0.1}, {0.3, 0.35}} {
		a, b, c, d := m.Jacobian(pt[0], pt[1])
		num := numJacobian(m, pt[0], pt[1])
		for k, got := range []float64{a, b, c, d} {
			want := num[k/2][k%2]
			if math.Abs(got-want) > 1e-6*math.Max(1, math.Abs(want)) {
				t.Errorf("(E, I) = %v: J[%d][%d] analytic %.8g, numerical %.8g, diff %.2g", pt, k/2, k%2, got, want, got-want)
			}
		}
	}
}

// oscillatesFrom runs the model from just beside its (single) fixed point
// and reports the frequency and amplitude after ms of simulated time.
func oscillatesFrom(t *testing.T, set map[string]float64, ms float64) (freq, amp float64) {
	t.Helper()
	m := newWC(t, set)
	fp := m.FixedPoints()
	m.y = [2]float64{fp.e[0] + 0.005, fp.i[0]}
	for m.Time() < ms {
		m.Step()
	}
	f, a, _, _, _ := m.Oscillation()
	return f, a
}

// TestWCHopf sweeps the drive P and checks that the network oscillates
// exactly where the fixed point is unstable (largest real part of the
// numerical Jacobian's eigenvalues > 0), then locates the upper Hopf point
// by bisection and checks the rhythm appears just below it at the
// frequency Im λ/2π of the linearisation.
func TestWCHopf(t *testing.T) {
	for P := 1.1; P <= 3.0; P += 0.1 {
		m := newWC(t, map[string]float64{"P": P})
		fp := m.FixedPoints()
		if fp.n != 1 {
			continue // several steady states: stability of one says little
		}
		lam := eig2(numJacobian(m, fp.e[0], fp.i[0]))
		if math.Abs(real(lam))*1000 < 2 {
			continue // too close to the bifurcation to settle in 6 s
		}
		_, amp := oscillatesFrom(t, map[string]float64{"P": P}, 6000)
		if unstable, osc := real(lam) > 0, amp > wcMinAmp; unstable != osc {
			t.Errorf("P=%.2f: Re λ = %.3g 1/s but amplitude %.3g (oscillating %v)", P, real(lam)*1000, amp, osc)
		}
		if got := fp.re[0]; math.Abs(got-real(lam)) > 1e-6 {
			t.Errorf("P=%.2f: model's Re λ %.6g, numerical %.6g", P, got, real(lam))
		}
	}
	// Upper Hopf point: Re λ changes sign between P = 1.5 and P = 2.5.
	reAt := func(P float64) (float64, float64) {
		m := newWC(t, map[string]float64{"P": P})
		fp := m.FixedPoints()
		lam := eig2(numJacobian(m, fp.e[0], fp.i[0]))
		return real(lam), imag(lam)
	}
	lo, hi := 1.5, 2.5
	for range 50 {
		mid := (lo + hi) / 2
		if re, _ := reAt(mid); re > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	pH := (lo + hi) / 2
	_, om := reAt(pH)
	t.Logf("upper Hopf point P_H = %.5f, ω/2π = %.4g Hz", pH, om/(2*math.Pi)*1000)
	for _, c := range []struct {
		dP      float64
		osc     bool
		freqTol float64 // relative, against ω/2π at the Hopf point
	}{{-0.05, true, 0.1}, {-0.02, true, 0.05}, {+0.02, false, 0}, {+0.05, false, 0}} {
		f, amp := oscillatesFrom(t, map[string]float64{"P": pH + c.dP}, 12000)
		if osc := amp > wcMinAmp && f > 0; osc != c.osc {
			t.Errorf("P_H%+.2f: amplitude %.3g, freq %.4g Hz: oscillating %v, want %v", c.dP, amp, f, osc, c.osc)
			continue
		}
		if c.osc {
			want := om / (2 * math.Pi) * 1000
			if math.Abs(f-want) > c.freqTol*want {
				t.Errorf("P_H%+.2f: freq %.4g Hz, linearisation %.4g Hz, diff %.2g", c.dP, f, want, f-want)
			}
		}
	}
}

// TestWCStepConverges checks the RK4 step against a run with steps ten
// times smaller on the limit cycle.
func TestWCStepConverges(t *testing.T) {
	m := newWC(t, nil)
	fine := sim.NewRK4(2)
	y := []float64{0, 0}
	for m.Time() < 300-1e-9 {
		m.Step()
	}
	for k := range 30000 {
		fine.Step(m.sys, float64(k)*0.01, 0.01, y)
	}
	for k := range 2 {
		if d := math.Abs(m.y[k] - y[k]); d > 1e-6 {
			t.Errorf("state %d at 300 ms: dt 0.1 ms %.9g, dt 0.01 ms %.9g, diff %.2g", k, m.y[k], y[k], d)
		}
	}
}

// TestWCRhythms checks the frequencies the lesson quotes.
func TestWCRhythms(t *testing.T) {
	for _, c := range []struct {
		name   string
		set    map[string]float64
		lo, hi float64 // Hz
	}{
		{"classic, τ = 10 ms", nil, 19, 21},
		{"both τ = 5 ms", map[string]float64{"tau_e": 5, "tau_i": 5}, 39, 41},
		{"fast excitation τ_E = 5 ms", map[string]float64{"tau_e": 5}, 13, 15},
		{"slow inhibition τ_I = 20 ms", map[string]float64{"tau_i": 20}, 6, 8},
		{"P = 1.75", map[string]float64{"P": 1.75}, 35, 42},
	} {
		m := newWC(t, c.set)
		for m.Time() < 4000 {
			m.Step()
		}
		if f := metric(m, "freq_hz"); f < c.lo || f > c.hi {
			t.Errorf("%s: freq_hz %.4g, want %g…%g", c.name, f, c.lo, c.hi)
		}
	}
}

// TestWCDampedIsNotARhythm: above the upper Hopf point the high fixed
// point is a stable focus, and the activity rings down into it at the
// focus's frequency, Im λ/2π ≈ 44 Hz. That swing is reported as damped,
// with no frequency, at every time it is still large enough to see. The
// issue that asked for this quoted Re λ = −7.92 1/s at P = 2.20; the model
// has −6.84 1/s at P = 2.2 and −7.92 1/s at P = 2.25, and both are checked.
// A sustained cycle (P = 1.25) is still reported as one.
func TestWCDampedIsNotARhythm(t *testing.T) {
	for _, c := range []struct{ P, re float64 }{{2.2, -6.84}, {2.25, -7.92}} {
		m := newWC(t, map[string]float64{"P": c.P})
		if re := metric(m, "re_lambda"); math.Abs(re-c.re) > 0.005 {
			t.Fatalf("Re λ at P = %g is %.4g 1/s, want %g", c.P, re, c.re)
		}
		seen := false
		for m.Time() < 3000 {
			m.Step()
			if m.steps%1000 != 0 || m.Time() < 300 {
				continue
			}
			f, amp, state, _, _ := m.Oscillation()
			if amp >= wcMinAmp {
				seen = true
				if state != wcRinging || f != 0 {
					t.Errorf("P = %g, t = %.0f ms: swing %.3g reported as state %d at %.3g Hz, want damped (1) with freq_hz 0",
						c.P, m.Time(), amp, state, f)
				}
			}
		}
		if !seen {
			t.Errorf("P = %g: the ringing was never large enough to test", c.P)
		}
		if s := metric(m, "rhythm"); s != wcNone {
			t.Errorf("P = %g: after 3 s rhythm = %g, want 0 (none)", c.P, s)
		}
	}
	m := newWC(t, nil)
	for m.Time() < 2000 {
		m.Step()
	}
	if s, f := metric(m, "rhythm"), metric(m, "freq_hz"); s != wcSustained || math.Abs(f-20) > 1 {
		t.Errorf("P = 1.25: rhythm %g at %.3g Hz, want sustained (2) at 20 Hz", s, f)
	}
}

func BenchmarkWilsonCowan(b *testing.B) {
	m := NewWilsonCowan()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		m.Step()
	}
	b.ReportMetric(wcDT*1e-3/(b.Elapsed().Seconds()/float64(b.N)), "x_realtime")
}

func ExampleWilsonCowan() {
	m := NewWilsonCowan()
	for m.Time() < 3000 {
		m.Step()
	}
	d := make([]float64, len(m.Info().Metrics))
	m.Metrics(d)
	fmt.Printf("freq %.4g Hz, amplitude %.4g, Re λ %.4g 1/s\n", d[0], d[1], d[4])
	// Output: freq 20.02 Hz, amplitude 0.1671, Re λ 11.56 1/s
}
