package sim

import (
	"math"
	"testing"
)

// TestSpikeStatsMatchTrain checks the streaming statistics agree with
// SpikeTrain's RateHz and CV on the same spike times.
func TestSpikeStatsMatchTrain(t *testing.T) {
	rng := NewRand(4)
	var st SpikeStats
	var tr SpikeTrain
	tt := 0.0
	for range 500 {
		tt += 1 + 30*rng.ExpFloat64()
		st.Add(tt)
		tr.Add(tt)
	}
	for _, end := range []float64{150, tt + 5} {
		if a, b := st.RateHz(end), tr.RateHz(end); math.Abs(a-b) > 1e-12*b {
			t.Errorf("rate at %g ms: %g, train %g", end, a, b)
		}
	}
	if a, b := st.CV(), tr.CV(); math.Abs(a-b) > 1e-10 {
		t.Errorf("cv %g, train %g", a, b)
	}
	if got, want := st.MeanISI(), (tt-tr.T[0])/499; math.Abs(got-want) > 1e-9 {
		t.Errorf("mean ISI %g, want %g", got, want)
	}
}

// TestRateDefinition checks the project's single-neuron rate: the whole
// count over runs of 200 ms or less, else the count after 100 ms over the
// remaining time.
func TestRateDefinition(t *testing.T) {
	tr := SpikeTrain{T: []float64{10, 50, 120, 180, 250, 900}}
	for _, c := range []struct{ end, want float64 }{
		{0, 0}, {150, 3 / 0.15}, {200, 4 / 0.2}, {1000, 4 / 0.9},
	} {
		n := 0
		for _, x := range tr.T {
			if x <= c.end {
				n++
			}
		}
		sub := SpikeTrain{T: tr.T[:n]}
		if got := sub.RateHz(c.end); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("end %g ms: rate %g Hz, want %g Hz", c.end, got, c.want)
		}
	}
}

// TestCrossing checks upward threshold crossings are counted once.
func TestCrossing(t *testing.T) {
	c := Crossing{Threshold: 0}
	c.Reset(-65)
	n := 0
	for _, v := range []float64{-60, -10, 5, 30, 10, -5, -70, 1, 2, -1} {
		if c.Update(v) {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d crossings, want 2", n)
	}
}

// TestSteadyRate: regular firing every 48.3 ms reads 20.70 Hz from the
// second spike on, without the run's cumulative rate stepping at each
// spike; an irregular train reads the mean of its last 16 intervals; the
// rate falls once firing stops.
func TestSteadyRate(t *testing.T) {
	var st SpikeStats
	if r := st.SteadyRateHz(100); r != 0 {
		t.Errorf("no spikes: %g Hz, want 0", r)
	}
	const isi = 48.3
	for k := range 40 {
		tt := 30 + float64(k)*isi
		st.Add(tt)
		if k == 0 {
			continue
		}
		for _, now := range []float64{tt, tt + isi/2, tt + isi - 0.1} {
			if r := st.SteadyRateHz(now); math.Abs(r-1000/isi) > 1e-9 {
				t.Fatalf("spike %d, t = %.1f ms: %.6g Hz, want %.6g", k, now, r, 1000/isi)
			}
		}
	}
	last := 30 + 39*isi
	if r := st.SteadyRateHz(last + 200); math.Abs(r-5) > 1e-9 {
		t.Errorf("200 ms after the last spike: %.4g Hz, want 5 (1000/200)", r)
	}
	var irr SpikeStats
	tt, rng := 0.0, NewRand(3)
	var isis []float64
	for range 50 {
		d := 10 + 40*rng.Float64()
		tt += d
		irr.Add(tt)
		isis = append(isis, d)
	}
	sum := 0.0
	for _, d := range isis[len(isis)-16:] {
		sum += d
	}
	if r, want := irr.SteadyRateHz(tt), 1000/(sum/16); math.Abs(r-want) > 1e-9 {
		t.Errorf("irregular train: %.6g Hz, want %.6g (mean of the last 16 intervals)", r, want)
	}
}
