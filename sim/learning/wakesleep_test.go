package learning

import (
	"fmt"
	"math"
	"testing"
	"time"
)

// TestWakeSleepDeltaRules checks one wake-phase and one sleep-phase update
// on a hand-worked case: two hidden units, one top unit, weights chosen so
// that every probability is 0.5 or 0.75.
func TestWakeSleepDeltaRules(t *testing.T) {
	m := NewWakeSleep()
	_ = m.Set("hidden", 2)
	m.Reset(1)
	m.gTop, m.gHid, m.gHidB, m.gVis, m.gVisB = [wsMaxTop]float64{}, [wsMaxH][wsMaxTop]float64{}, [wsMaxH]float64{}, [wsVis][wsMaxH]float64{}, [wsVis]float64{}
	m.rHid, m.rHidB, m.rTop, m.rTopB = [wsMaxH][wsVis]float64{}, [wsMaxH]float64{}, [wsMaxTop][wsMaxH]float64{}, [wsMaxTop]float64{}
	ln3 := math.Log(3) // σ(ln 3) = 0.75
	m.gVis[0][0] = ln3 // pixel 0 ← hidden 0
	m.gHid[1][0] = ln3 // hidden 1 ← top 0
	d := make([]float64, wsVis)
	d[0], d[5] = 1, 1
	y, x := []float64{1, 1}, []float64{1}
	const eps = 0.1
	rec := m.LearnGenerative(eps, d, y, x)
	// Pixel 0: p = σ(ln3·1) = 0.75, d = 1; pixel 5: p = 0.5, d = 1; the
	// other 14 pixels p = 0.5, d = 0. Σ|d − p| = 0.25 + 0.5 + 14·0.5 = 7.75.
	type check struct {
		name      string
		got, want float64
	}
	cases := []check{
		{"Σ|d − p|", rec, 7.75},
		{"G[0][0]", m.gVis[0][0], ln3 + eps*0.25*1},
		{"G[0][1]", m.gVis[0][1], eps * 0.25 * 1},
		{"b[0]", m.gVisB[0], eps * 0.25},
		{"G[5][0]", m.gVis[5][0], eps * 0.5},
		{"G[3][1]", m.gVis[3][1], eps * -0.5},
		{"b[3]", m.gVisB[3], eps * -0.5},
		{"G_hid[1][0]", m.gHid[1][0], ln3 + eps*0.25},
		{"G_hid[0][0]", m.gHid[0][0], eps * 0.5},
		{"b_top", m.gTop[0], eps * 0.5},
	}
	// Sleep-phase rule: with zero recognition weights q = 0.5 everywhere.
	m.LearnRecognition(eps, d, []float64{1, 0}, []float64{0})
	cases = append(cases,
		check{"R[0][0]", m.rHid[0][0], eps * 0.5},
		check{"R[1][5]", m.rHid[1][5], eps * -0.5},
		check{"R[1][1]", m.rHid[1][1], 0},
		check{"c[1]", m.rHidB[1], eps * -0.5},
		check{"R_top[0][0]", m.rTop[0][0], eps * -0.5},
		check{"R_top[0][1]", m.rTop[0][1], 0},
	)
	for _, c := range cases {
		if d := math.Abs(c.got - c.want); d > 1e-12 {
			t.Errorf("%s = %.10g, want %.10g (difference %.2g)", c.name, c.got, c.want, d)
		}
	}
}

// TestChanceValid compares the closed form with a sum over all 2¹⁶ images.
func TestChanceValid(t *testing.T) {
	for _, q := range []float64{0.05, 0.2, 0.5} {
		want := 0.0
		d := make([]float64, wsVis)
		for img := range 1 << wsVis {
			on := 0
			for i := range wsVis {
				d[i] = float64(img >> i & 1)
				on += img >> i & 1
			}
			if ValidBars(d) {
				want += math.Pow(q, float64(on)) * math.Pow(1-q, float64(wsVis-on))
			}
		}
		if got := ChanceValid(q); math.Abs(got-want) > 1e-12 {
			t.Errorf("q = %g: ChanceValid = %.10g, want %.10g", q, got, want)
		}
	}
}

// TestWakeSleepLearns trains with a fixed seed and checks the generative
// model's dreams go from chance to mostly valid bar images, and that the
// data themselves are always valid.
func TestWakeSleepLearns(t *testing.T) {
	m := NewWakeSleep()
	_ = m.Set("hidden", 12)
	_ = m.Set("top", 4)
	m.Reset(1)
	d := make([]float64, wsVis)
	before := 0
	for range 2000 {
		m.drawBars(d)
		if !ValidBars(d) {
			t.Fatalf("data image %v is not a valid bar image", d)
		}
		m.Sleep(d) // the generator does not change during sleep
		if ValidBars(d) {
			before++
		}
	}
	m.Reset(1)
	for m.Time() < 20000 { // 200 000 wake–sleep pairs
		m.Step()
	}
	mt := make([]float64, 4)
	m.Metrics(mt)
	initial := float64(before) / 2000
	if !(mt[0] >= 0.8 && mt[0] > 10*mt[3] && initial < 0.01) {
		t.Errorf("valid dreams: untrained %.3g, after 200 000 steps %.3g (want ≥ 0.8), chance %.3g", initial, mt[0], mt[3])
	}
	if mt[1] > 0.1 {
		t.Errorf("recon_error = %.3g px after training, want ≤ 0.1", mt[1])
	}
}

func TestWakeSleepStepDoesNotAllocate(t *testing.T) {
	m := NewWakeSleep()
	if a := testing.AllocsPerRun(1000, m.Step); a != 0 {
		t.Errorf("Step allocates %g times", a)
	}
}

func BenchmarkWakeSleep(b *testing.B) {
	m := NewWakeSleep()
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		m.Step()
	}
	b.ReportMetric(float64(b.N)*wsDT/1000/time.Since(start).Seconds(), "x_realtime")
}

func ExampleWakeSleep() {
	m := NewWakeSleep()
	for m.Time() < 5000 {
		m.Step()
	}
	d := make([]float64, 4)
	m.Metrics(d)
	fmt.Printf("after %.4g pairs: %.4g of dreams valid (chance %.4g), recon error %.4g px\n", d[2], d[0], d[3], d[1])
	// Output: after 5e+04 pairs: 0.713 of dreams valid (chance 0.02903), recon error 0.1086 px
}
