package cortex

import (
	"fmt"
	"math"
	"testing"
	"time"
)

// solve solves the dense system a·x = b (n×n, row-major) by Gaussian
// elimination with partial pivoting; a and b are overwritten.
func solve(a, b []float64, n int) []float64 {
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r*n+c]) > math.Abs(a[p*n+c]) {
				p = r
			}
		}
		for k := range n {
			a[c*n+k], a[p*n+k] = a[p*n+k], a[c*n+k]
		}
		b[c], b[p] = b[p], b[c]
		for r := c + 1; r < n; r++ {
			f := a[r*n+c] / a[c*n+c]
			for k := c; k < n; k++ {
				a[r*n+k] -= f * a[c*n+k]
			}
			b[r] -= f * b[c]
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := b[r]
		for k := r + 1; k < n; k++ {
			s -= a[r*n+k] * x[k]
		}
		x[r] = s / a[r*n+r]
	}
	return x
}

// TestPredictiveSettlesToMAP runs the network to equilibrium and compares
// every cause with the closed-form MAP estimate H⁻¹b of the linear-Gaussian
// model.
func TestPredictiveSettlesToMAP(t *testing.T) {
	cases := []struct {
		name string
		set  map[string]float64
		tol  float64
	}{
		{"frame, defaults", map[string]float64{}, 1e-6},
		{"occluded, strong top-down", map[string]float64{"input": PCOccluded, "pi0": 0.3, "pi1": 10, "pi2": 0.05}, 1e-6},
		{"noisy frame", map[string]float64{"noise": 0.5, "pi0": 0.25, "pi1": 4}, 1e-6},
		{"novel, top-down off", map[string]float64{"input": PCNovel, "topdown": 0}, 1e-6},
		{"plus, fast and precise", map[string]float64{"input": PCPlus, "pi0": 10, "rate": 1}, 1e-6},
	}
	for _, c := range cases {
		m := NewPredictive()
		for k, v := range c.set {
			if err := m.Set(k, v); err != nil {
				t.Fatal(err)
			}
		}
		m.Reset(3)
		for m.Time() < 5000 {
			m.Step()
		}
		h, b := make([]float64, pcN*pcN), make([]float64, pcN)
		m.Hessian(h)
		m.RHS(b)
		want := solve(h, b, pcN)
		for i, got := range m.State() {
			if d := math.Abs(got - want[i]); d > c.tol {
				t.Errorf("%s: r[%d] = %.8g, want MAP %.8g (difference %.2g)", c.name, i, got, want[i], d)
			}
		}
		if m.settled < 0 {
			t.Errorf("%s: never settled", c.name)
		}
	}
}

// TestPredictiveErrorFalls checks that the total error 2F never rises, for
// slow and fast inference and extreme precisions.
func TestPredictiveErrorFalls(t *testing.T) {
	for _, set := range []map[string]float64{
		{}, {"rate": 1, "pi0": 10, "pi1": 10, "pi2": 10}, {"rate": 0.01, "pi0": 0.05}, {"input": PCOccluded, "noise": 1},
	} {
		m := NewPredictive()
		for k, v := range set {
			_ = m.Set(k, v)
		}
		m.Reset(2)
		prev := m.Energy()
		start := prev
		for m.Time() < 1000 {
			m.Step()
			if e := m.Energy(); e > prev*(1+1e-12)+1e-15 {
				t.Fatalf("%v: F rose from %.10g to %.10g at t = %g ms", set, prev, e, m.Time())
			} else {
				prev = e
			}
		}
		if !(prev < start) {
			t.Errorf("%v: F did not fall (%g → %g)", set, start, prev)
		}
	}
}

// TestPredictiveTopDown checks the two effects the lesson describes: top-down
// predictions fill in the occluded side and clean up a noisy frame.
func TestPredictiveTopDown(t *testing.T) {
	run := func(set map[string]float64) []float64 {
		m := NewPredictive()
		for k, v := range set {
			_ = m.Set(k, v)
		}
		m.Reset(1)
		for m.Time() < 500 {
			m.Step()
		}
		d := make([]float64, len(m.Info().Metrics))
		m.Metrics(d)
		return d
	}
	off := run(map[string]float64{"input": PCOccluded, "topdown": 0, "pi0": 0.3, "pi1": 10, "pi2": 0.05})
	on := run(map[string]float64{"input": PCOccluded, "pi0": 0.3, "pi1": 10, "pi2": 0.05})
	if !(on[4] > 0.5 && off[4] < 0.2) {
		t.Errorf("fill-in with top-down %.3g (want > 0.5), without %.3g (want < 0.2)", on[4], off[4])
	}
	noisyOn := run(map[string]float64{"noise": 0.5, "pi0": 0.25, "pi1": 4})
	noisyOff := run(map[string]float64{"noise": 0.5, "pi0": 0.25, "pi1": 4, "topdown": 0})
	if !(noisyOn[3] < 0.1 && noisyOff[3] > noisyOn[3]) {
		t.Errorf("clean_mse with top-down %.3g (want < 0.1), without %.3g", noisyOn[3], noisyOff[3])
	}
}

func TestPredictiveStepDoesNotAllocate(t *testing.T) {
	m := NewPredictive()
	if a := testing.AllocsPerRun(1000, m.Step); a != 0 {
		t.Errorf("Step allocates %g times", a)
	}
}

func BenchmarkPredictive(b *testing.B) {
	m := NewPredictive()
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		m.Step()
	}
	simMS := float64(b.N) * pcDT
	b.ReportMetric(simMS/1000/time.Since(start).Seconds(), "x_realtime")
}

func ExamplePredictive() {
	m := NewPredictive()
	for m.Time() < 300 {
		m.Step()
	}
	d := make([]float64, 6)
	m.Metrics(d)
	fmt.Printf("2F = %.4g, sensory error = %.4g, settled at %.4g ms\n", d[0], d[1], d[5])
	// Output: 2F = 2.18, sensory error = 1.789, settled at 26 ms
}
