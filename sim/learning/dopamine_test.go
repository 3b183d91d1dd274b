package learning

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
)

func newDopamine(t testing.TB, set map[string]float64) *Dopamine {
	t.Helper()
	m := NewDopamine()
	for k, v := range set {
		if err := m.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(1)
	return m
}

// runTrials steps m through n whole trials.
func runTrials(m *Dopamine, n int) {
	for range n * dopSteps {
		m.Step()
	}
}

// TestDopamineFirstTrials checks the TD(λ) arithmetic of the first two
// trials against the closed form. Trial 1 predicts nothing, so δ is r at
// the reward and 0 elsewhere, and it leaves wᵢ = α·r·(γλ)^(k−1−i). Trial 2
// then has
//
//	δ(cue) = γ·w₀ = α·r·γᵏ·λ^(k−1)
//	δ(cue + i) = γ·wᵢ − wᵢ₋₁ = α·r·γ^(k−i)·λ^(k−1−i)·(1 − λ),  0 < i < k
//	δ(reward) = r − w_(k−1) = r·(1 − α)
func TestDopamineFirstTrials(t *testing.T) {
	cases := []struct{ alpha, gamma, lambda, interval, r float64 }{
		{0.2, 0.98, 0, 1000, 1},
		{0.5, 0.9, 0.5, 500, 2},
		{0.1, 1, 0.9, 2000, 1},
		{0.3, 0.95, 1, 250, 0.5},
	}
	for _, c := range cases {
		name := fmt.Sprintf("α=%g γ=%g λ=%g interval=%g r=%g", c.alpha, c.gamma, c.lambda, c.interval, c.r)
		m := newDopamine(t, map[string]float64{"alpha": c.alpha, "gamma": c.gamma, "lambda": c.lambda,
			"interval": c.interval, "reward": c.r})
		k := int(c.interval / dopDT)
		rb := dopCue + k
		runTrials(m, 1)
		for j, d := range m.last {
			want := 0.0
			if j == rb {
				want = c.r
			}
			if d != want {
				t.Errorf("%s: trial 1, bin %d: δ = %g, want %g", name, j, d, want)
			}
		}
		runTrials(m, 1)
		for j, d := range m.last {
			var want float64
			switch i := j - dopCue; {
			case i == 0:
				want = c.alpha * c.r * math.Pow(c.gamma, float64(k)) * math.Pow(c.lambda, float64(k-1))
			case i > 0 && i < k:
				want = c.alpha * c.r * math.Pow(c.gamma, float64(k-i)) * math.Pow(c.lambda, float64(k-1-i)) * (1 - c.lambda)
			case i == k:
				want = c.r * (1 - c.alpha)
			}
			if math.Abs(d-want) > 1e-12 {
				t.Errorf("%s: trial 2, bin %d: δ = %.15g, want %.15g (diff %.2g)", name, j, d, want, d-want)
			}
		}
	}
}

// TestDopamineConverged checks the learnt state for a reward that always
// comes: V(cue + i) = γ^(k−1−i)·r before the reward and 0 after, δ at the
// cue γᵏ·r, and no error anywhere else.
func TestDopamineConverged(t *testing.T) {
	cases := []struct {
		alpha, gamma, lambda, interval, r float64
		trials                            int
	}{
		{0.5, 0.98, 0, 1000, 1, 600},
		{0.2, 0.98, 0.9, 1000, 1, 600},
		{0.2, 1, 1, 2000, 1, 400},
		{1, 0.9, 0, 250, 2, 100},
		{0.3, 0.99, 0.5, 2000, 0.5, 1500},
	}
	for _, c := range cases {
		name := fmt.Sprintf("α=%g γ=%g λ=%g interval=%g r=%g", c.alpha, c.gamma, c.lambda, c.interval, c.r)
		m := newDopamine(t, map[string]float64{"alpha": c.alpha, "gamma": c.gamma, "lambda": c.lambda,
			"interval": c.interval, "reward": c.r})
		runTrials(m, c.trials)
		k := int(c.interval / dopDT)
		for j := range dopSteps {
			var wantV, wantD float64
			i := j - dopCue
			if i >= 0 && i < k {
				wantV = math.Pow(c.gamma, float64(k-1-i)) * c.r
			}
			if i == 0 {
				wantD = math.Pow(c.gamma, float64(k)) * c.r
			}
			if d := math.Abs(m.lastV[j] - wantV); d > 1e-6 {
				t.Errorf("%s: V at bin %d = %.8g, want %.8g (diff %.2g)", name, j, m.lastV[j], wantV, d)
			}
			if d := math.Abs(m.last[j] - wantD); d > 1e-6 {
				t.Errorf("%s: δ at bin %d = %.8g, want %.8g (diff %.2g)", name, j, m.last[j], wantD, d)
			}
		}
		if got, want := sim.MetricOf(m, "delta_cue"), m.CueLimit(); math.Abs(got-want) > 1e-6 {
			t.Errorf("%s: delta_cue = %.8g, want CueLimit %.8g", name, got, want)
		}
	}
}

// TestDopamineRewardProbability checks the mean errors when the reward
// comes with probability p (Fiorillo, Tobler & Schultz 2003): γᵏ·p·r at the
// cue, r·(1 − p) at a delivered reward and −p·r at an omitted one, with p
// the reward rate the run saw.
func TestDopamineRewardProbability(t *testing.T) {
	for _, p := range []float64{0.25, 0.5, 0.75} {
		m := newDopamine(t, map[string]float64{"alpha": 0.05, "lambda": 0.9, "p_reward": p, "reward": 1.5})
		runTrials(m, 500)
		var cue, rew, omit float64
		var nCue, nRew, nOmit int
		for range 4000 {
			runTrials(m, 1)
			cue += m.last[dopCue]
			nCue++
			if m.rewarded {
				rew += m.last[m.rewardBin()]
				nRew++
			} else {
				omit += m.last[m.rewardBin()]
				nOmit++
			}
		}
		pSeen := float64(nRew) / float64(nCue)
		cases := []struct {
			what      string
			got, want float64
		}{
			{"δ at the cue", cue / float64(nCue), m.CueLimit() * pSeen / p},
			{"δ at a reward", rew / float64(nRew), 1.5 * (1 - pSeen)},
			{"δ at an omission", omit / float64(nOmit), -1.5 * pSeen},
		}
		for _, c := range cases {
			t.Logf("p = %g (%.4g seen): mean %s %.4g, theory %.4g", p, pSeen, c.what, c.got, c.want)
			if d := math.Abs(c.got - c.want); d > 0.02 {
				t.Errorf("p = %g (%.4g seen): mean %s = %.4g, want %.4g (diff %.2g)", p, pSeen, c.what, c.got, c.want, d)
			}
		}
	}
}

// TestDopamineExpectiles checks the distributional cells (Dabney et al.
// 2020): each cell's prediction averages to the τ-expectile of the reward,
// at the reward rate this run actually saw (the cells all see the same
// draws, so they share its sampling error).
func TestDopamineExpectiles(t *testing.T) {
	for _, p := range []float64{0.5, 0.2, 1} {
		m := newDopamine(t, map[string]float64{"alpha": 0.02, "lambda": 0.9, "p_reward": p})
		runTrials(m, 1000)
		var mean [dopCells]float64
		var got float64 // rewarded trials, to compare with the reward rate seen
		const n = 3000
		for range n {
			runTrials(m, 1)
			for c := range dopCells {
				mean[c] += m.CellPrediction(c) / n
			}
			if m.rewarded {
				got++
			}
		}
		pSeen := got / n
		for c := range dopCells {
			want := Expectile(optimism(c), pSeen, 1)
			t.Logf("p = %g (%.4g seen), τ = %.3g: mean prediction %.4g, expectile %.4g", p, pSeen, optimism(c), mean[c], want)
			if d := math.Abs(mean[c] - want); d > 0.015 {
				t.Errorf("p = %g (%.4g seen), cell τ = %.3g: mean prediction %.4g, want expectile %.4g (diff %.2g)",
					p, pSeen, optimism(c), mean[c], want, d)
			}
			if c > 0 && mean[c] < mean[c-1] {
				t.Errorf("p = %g: cell %d predicts less (%.4g) than the less optimistic cell %d (%.4g)", p, c, mean[c], c-1, mean[c-1])
			}
		}
	}
	if got := Expectile(0.5, 0.3, 2); math.Abs(got-0.6) > 1e-15 {
		t.Errorf("the ½-expectile is the mean: got %g, want 0.6", got)
	}
}

// TestDopamineTracesKeepRewardResponse reproduces the contrast of Pan et
// al. (2005): with TD(0) the error at the reward has gone before any
// appears at the cue (it travels back through the delay as a bump), while
// with an eligibility trace (λ = 0.9) the cue response grows while the
// reward response is still large, with no bump in between.
func TestDopamineTracesKeepRewardResponse(t *testing.T) {
	// Largest reward response seen in a trial whose cue response is ≥ 0.1.
	rewardWhenCueAppears := func(lambda float64) (rew, bump float64) {
		m := newDopamine(t, map[string]float64{"alpha": 0.2, "lambda": lambda})
		for range 400 {
			runTrials(m, 1)
			if m.last[dopCue] >= 0.1 {
				return m.last[m.rewardBin()], m.bumpMax
			}
		}
		t.Fatalf("λ = %g: no cue response ≥ 0.1 in 400 trials", lambda)
		return 0, 0
	}
	if rew, bump := rewardWhenCueAppears(0); rew > 0.01 || bump < 0.3 {
		t.Errorf("TD(0): when the cue response reaches 0.1 the reward response is %.3g (want ≤ 0.01) and the bump between reached %.3g (want ≥ 0.3)", rew, bump)
	}
	if rew, bump := rewardWhenCueAppears(0.9); rew < 0.3 || bump > 0.05 {
		t.Errorf("TD(λ = 0.9): when the cue response reaches 0.1 the reward response is %.3g (want ≥ 0.3) and the bump reached %.3g (want ≤ 0.05)", rew, bump)
	}
}

// TestDopamineExtinction trains with a sure reward, then withholds it:
// the first omission dips by the whole prediction, −r, at the expected
// time, and the cue response fades as the prediction is unlearnt.
func TestDopamineExtinction(t *testing.T) {
	m := newDopamine(t, map[string]float64{"alpha": 0.3, "lambda": 0.9})
	runTrials(m, 200)
	if err := m.Set("p_reward", 0); err != nil {
		t.Fatal(err)
	}
	runTrials(m, 1)
	if d := sim.MetricOf(m, "delta_omit"); math.Abs(d+1) > 1e-6 {
		t.Errorf("first omission: δ = %.6g, want −1", d)
	}
	runTrials(m, 100)
	if d := sim.MetricOf(m, "delta_cue"); d > 0.01 {
		t.Errorf("after 100 unrewarded trials δ at the cue is %.3g, want < 0.01", d)
	}
}

// TestDopamineRewardTime checks the reward signal arrives `interval` ms
// after the cue at 500 ms, and only on rewarded trials.
func TestDopamineRewardTime(t *testing.T) {
	for _, interval := range []float64{250, 1000, 2000} {
		m := newDopamine(t, map[string]float64{"interval": interval, "reward": 0.7})
		run := sim.NewRun(m, 0, 1)
		run.Reset(1)
		run.Advance(dopSteps * dopDT)
		var s sim.Series
		run.Trace("reward", &s)
		for i, r := range s.Y {
			want := 0.0
			if s.X[i] == 500+interval+dopDT { // sampled after the bin's step
				want = 0.7
			}
			if r != want {
				t.Errorf("interval %g ms: reward at %g ms = %g, want %g", interval, s.X[i], r, want)
			}
		}
	}
	m := newDopamine(t, map[string]float64{"p_reward": 0})
	runTrials(m, 20)
	if got := sim.MetricOf(m, "delta_omit_avg"); got != 0 {
		t.Errorf("p = 0: nothing is ever predicted, yet δ at omissions averages %g", got)
	}
}

// TestDopamineStableAtExtremes runs long at the corners of the parameter
// ranges: every weight stays finite and within a few times the reward.
func TestDopamineStableAtExtremes(t *testing.T) {
	for _, set := range []map[string]float64{
		{"alpha": 1, "lambda": 1, "gamma": 1, "interval": 2000, "p_reward": 0.5, "reward": 2},
		{"alpha": 1, "lambda": 1, "gamma": 0.8, "interval": 250, "p_reward": 0.5, "reward": 2},
		{"alpha": 1, "lambda": 0, "gamma": 1, "interval": 2000, "p_reward": 0.05, "reward": 2},
		{"alpha": 0.01, "lambda": 0.5, "gamma": 1, "interval": 250, "p_reward": 1, "reward": 0},
	} {
		m := newDopamine(t, set)
		runTrials(m, 500)
		for i := range dopFeat {
			if v := m.w[i]; math.IsNaN(v) || math.Abs(v) > 3*2 {
				t.Fatalf("%v: critic weight %d = %g", set, i, v)
			}
			for c := range dopCells {
				if v := m.wc[c][i]; math.IsNaN(v) || math.Abs(v) > 3*2 {
					t.Fatalf("%v: cell %d weight %d = %g", set, c, i, v)
				}
			}
		}
	}
}

func TestDopaminePlots(t *testing.T) {
	m := newDopamine(t, map[string]float64{"p_reward": 0.5})
	var d sim.PlotData
	m.Plot("grid", &d)
	if len(d.Grids) != 1 || d.Grids[0].Rows != 0 {
		t.Fatalf("before any trial the grid has %d grids, %v", len(d.Grids), d.Grids)
	}
	// Every trial while they fit, then every 2nd, 4th… from trial 1, then
	// the last dopHist trials.
	for _, c := range []struct{ trials, first, stride, rows int }{
		{1, 0, 1, 1}, {28, 0, 1, 28}, {29, 0, 2, 15}, {75, 0, 4, 19}, {448, 0, 16, 28}, {449, 0, 32, 15},
		{700, 128, 32, 18},
	} {
		runTrials(m, c.trials-m.Trials())
		first, stride, rows := m.gridTrials()
		if first != c.first || stride != c.stride || rows != c.rows {
			t.Errorf("after %d trials the grid shows %d rows, every %d from trial %d; want %d rows, every %d from %d",
				c.trials, rows, stride, first+1, c.rows, c.stride, c.first+1)
		}
		d.Reset()
		m.Plot("grid", &d)
		g := d.Grids[0]
		// The reward column: δ = 1 − V ≥ 0 in a rewarded trial, −V ≤ 0 in
		// an omitted one, drawn as ±√|δ|.
		last := (first + (rows-1)*stride) % dopHist
		dRew := m.hist[last][m.rewardBin()]
		cell := math.Copysign(math.Sqrt(math.Abs(dRew)), dRew)
		if got := g.V[(rows-1)*g.Cols+m.rewardBin()-dopGridFrom]; g.Rows != rows || g.Cols != dopSteps-dopGridFrom || got != cell {
			t.Errorf("after %d trials: grid %d×%d (%q), last row's reward cell %g; want %d rows and %g", c.trials,
				g.Rows, g.Cols, g.Title, got, rows, cell)
		}
		d.Reset()
		m.Plot("learning", &d)
		want := min(c.trials, dopHist)
		if n := len(d.Series[0].X); n != want {
			t.Errorf("after %d trials the learning curve has %d cue points, want %d", c.trials, n, want)
		}
		if nr, no := len(d.Series[1].X), len(d.Series[2].X); nr+no != want {
			t.Errorf("after %d trials the learning curve has %d rewarded and %d omitted trials, want %d in all", c.trials, nr, no, want)
		}
	}
}

func TestDopamineStepDoesNotAllocate(t *testing.T) {
	m := newDopamine(t, map[string]float64{"lambda": 0.9, "p_reward": 0.5})
	if a := testing.AllocsPerRun(10000, m.Step); a != 0 {
		t.Errorf("%g allocations per step, want 0", a)
	}
}

func BenchmarkDopamineStep(b *testing.B) {
	for _, lambda := range []float64{0, 0.9} {
		b.Run(fmt.Sprint("lambda=", lambda), func(b *testing.B) {
			m := newDopamine(b, map[string]float64{"lambda": lambda})
			b.ReportAllocs()
			for b.Loop() {
				m.Step()
			}
			ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			b.ReportMetric(dopDT*1e6/ns, "x_realtime")
		})
	}
}

func ExampleDopamine() {
	m := NewDopamine() // α = 0.2, γ = 0.98 per 50 ms, λ = 0, reward 1 s after the cue
	for _, n := range []int{1, 20, 400} {
		runTrials(m, n-m.Trials())
		fmt.Printf("trial %d: δ at cue %.4g, δ at reward %.4g\n", n,
			sim.MetricOf(m, "delta_cue"), math.Round(sim.MetricOf(m, "delta_reward")*1e6)/1e6)
	}
	fmt.Printf("γ^20 = %.4g\n", math.Pow(0.98, 20))
	// Output:
	// trial 1: δ at cue 0, δ at reward 1
	// trial 20: δ at cue 0, δ at reward 0.01441
	// trial 400: δ at cue 0.6676, δ at reward 0
	// γ^20 = 0.6676
}
