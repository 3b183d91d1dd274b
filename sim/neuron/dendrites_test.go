package neuron

import (
	"fmt"
	"github.com/neurotutor/neurotutor/sim"
	"math"
	"testing"
)

type kv struct {
	k string
	v float64
}

// runDend runs a fresh dendrite model with the given settings for ms.
func runDend(t testing.TB, ms float64, set ...kv) *Dendrite {
	t.Helper()
	m := NewDendrite()
	for _, s := range set {
		if err := m.Set(s.k, s.v); err != nil {
			t.Fatal(err)
		}
	}
	m.Reset(1)
	for m.Time() < ms-1e-9 {
		m.Step()
	}
	return m
}

func dendMetric(m *Dendrite, key string) float64 { return sim.MetricOf(m, key) }

// steadyInject runs the passive cable with no synapses and a steady current
// (pA) injected at node k until it is at steady state, and returns the model.
func steadyInject(t *testing.T, lambda float64, k int, somaLeak bool) *Dendrite {
	m := NewDendrite()
	m.Set("nA", 0)
	m.Set("nB", 0)
	m.Set("branch", BranchPassive)
	if err := m.Set("lambda", lambda); err != nil {
		t.Fatal(err)
	}
	m.Reset(1)
	if !somaLeak { // keep only the two half compartments at the soma node
		m.gl[0] = m.gl[1]
		m.c[0] = m.c[1]
	}
	m.inj[k] = 10
	for m.Time() < 1000 { // 50 membrane time constants
		m.Step()
	}
	return m
}

// TestDendriteCableSealedEnd compares the steady state of a branch driven
// at its soma end (soma leak removed) with the finite sealed cable:
// V(x)/V(0) = cosh((ℓ − x)/λ) / cosh(ℓ/λ).
func TestDendriteCableSealedEnd(t *testing.T) {
	for _, lambda := range []float64{200, 500, 1000} {
		m := steadyInject(t, lambda, 0, false)
		L := dendLen / lambda
		v0 := m.v[0] - dendEL
		worst := 0.0
		for j := range dendN {
			x := float64(j+1) * m.dx()
			got := (m.v[1+j] - dendEL) / v0
			want := math.Cosh((dendLen-x)/lambda) / math.Cosh(L)
			worst = max(worst, math.Abs(got-want)/want)
		}
		// finite differences on Δx = 20 µm: error ~ (Δx/λ)²/12 relative
		tol := 0.005
		if worst > tol {
			t.Errorf("λ = %g µm: worst relative error %.3g > %g", lambda, worst, tol)
		}
		t.Logf("λ = %g µm: worst relative error vs cosh form %.2g", lambda, worst)
	}
}

// TestDendriteLongCable checks the long-cable limit: with ℓ = 5λ the
// profile from the driven end is exp(−x/λ) (finite-difference error of a
// 20 µm step at λ = 100 µm is ≈ (Δx/λ)²/24 per λ).
func TestDendriteLongCable(t *testing.T) {
	m := steadyInject(t, 100, 0, false)
	v0 := m.v[0] - dendEL
	for _, j := range []int{4, 9} { // x = λ, 2λ
		x := float64(j+1) * m.dx()
		got := (m.v[1+j] - dendEL) / v0
		want := math.Exp(-x / 100)
		if d := math.Abs(got-want) / want; d > 0.01 {
			t.Errorf("x = %g µm: V/V0 = %.5g, exp(−x/λ) = %.5g, relative difference %.3g", x, got, want, d)
		}
	}
}

// TestDendriteAttenuationToSoma injects at the tip of branch 1 and compares
// the profile with the cable loaded at x = 0 by the soma and branch 2:
// V(x) ∝ cosh(x/λ) + ρ·sinh(x/λ), ρ = (G_soma + G∞·tanh(ℓ/λ)) / G∞.
func TestDendriteAttenuationToSoma(t *testing.T) {
	for _, lambda := range []float64{200, 500, 1000, 2000} {
		m := steadyInject(t, lambda, dendN, true)
		L := dendLen / lambda
		gInf := m.ga * m.dx() / lambda // nS, input conductance of a semi-infinite cable
		gSoma := math.Pi * dendSoma * dendSoma * 1e-8 / dendRm * 1e9
		rho := (gSoma + gInf*math.Tanh(L)) / gInf
		prof := func(x float64) float64 { return math.Cosh(x/lambda) + rho*math.Sinh(x/lambda) }
		tip := m.v[dendN] - dendEL
		cases := []struct {
			name string
			got  float64
			want float64
		}{
			{"soma/tip", (m.v[0] - dendEL) / tip, prof(0) / prof(dendLen)},
			{"mid/tip", (m.v[dendN/2] - dendEL) / tip, prof(float64(dendN/2)*m.dx()) / prof(dendLen)},
		}
		for _, c := range cases {
			if d := math.Abs(c.got-c.want) / c.want; d > 0.01 {
				t.Errorf("λ = %g µm, %s: got %.5g, want %.5g, relative difference %.3g", lambda, c.name, c.got, c.want, d)
			}
		}
	}
}

// TestDendritePassiveLinear checks superposition in the passive cable:
// steady responses to two injected currents add exactly.
func TestDendritePassiveLinear(t *testing.T) {
	a := steadyInject(t, 500, 10, true)
	b := steadyInject(t, 500, 1+dendN+20, true)
	ab := steadyInject(t, 500, 10, true)
	ab.inj[1+dendN+20] = 10
	for ab.Time() < 2000 {
		ab.Step()
	}
	for k := range ab.v {
		got := ab.v[k] - dendEL
		want := (a.v[k] - dendEL) + (b.v[k] - dendEL)
		if math.Abs(got-want) > 1e-9 {
			t.Fatalf("node %d: A+B %.10g mV, A %.6g + B %.6g = %.10g", k, got, a.v[k]-dendEL, b.v[k]-dendEL, want)
		}
	}
}

// TestDendriteSummation checks the summation regimes with table cases.
func TestDendriteSummation(t *testing.T) {
	cases := []struct {
		name   string
		set    []kv
		lo, hi float64 // bounds on supralinearity
	}{
		// Conductance synapses: only the small loss of driving force at the soma.
		{"passive, distributed: linear", []kv{{"branch", BranchPassive}, {"layout", LayoutDistributed}}, 0.97, 1.0},
		// Same site: the local depolarisation reduces the driving force.
		{"passive, clustered: sublinear", []kv{{"branch", BranchPassive}, {"layout", LayoutClustered}}, 0.6, 0.9},
		{"NMDA, 2+2 distributed: linear", []kv{{"nA", 2}, {"nB", 2}}, 0.98, 1.05},
		{"NMDA, 4+4 distributed: near-linear", []kv{}, 1.0, 1.2},
		{"NMDA, 4+4 clustered: supralinear", []kv{{"layout", LayoutClustered}}, 1.5, 2.5},
	}
	for _, c := range cases {
		m := runDend(t, 800, c.set...)
		if got := dendMetric(m, "supralinearity"); got < c.lo || got > c.hi {
			t.Errorf("%s: supralinearity %.3g, want in [%g, %g]", c.name, got, c.lo, c.hi)
		}
	}
}

// TestDendriteAttenuationDelay checks that a distal input arrives at the
// soma smaller and later, more so for a shorter length constant.
func TestDendriteAttenuationDelay(t *testing.T) {
	short := runDend(t, 800, kv{"branch", BranchPassive}, kv{"lambda", 200})
	long := runDend(t, 800, kv{"branch", BranchPassive}, kv{"lambda", 1000})
	as, al := dendMetric(short, "attenuation"), dendMetric(long, "attenuation")
	ds, dl := dendMetric(short, "delay_ms"), dendMetric(long, "delay_ms")
	if !(as < al && al < 1 && ds > dl && dl > 0) {
		t.Errorf("attenuation λ=200: %.3g, λ=1000: %.3g; delay %.3g, %.3g ms; want smaller and later for λ = 200", as, al, ds, dl)
	}
}

// TestDendriteXOR checks the dCaAP XOR of Gidon et al. (2020): each group
// alone crosses the dCaAP threshold and drives the soma past θ; together on
// one branch they overshoot the threshold, the dCaAP is damped and the soma
// stays below θ. On separate branches the same inputs compute OR.
func TestDendriteXOR(t *testing.T) {
	base := []kv{{"branch", BranchDCaAP}, {"w", 1}, {"nA", 5}, {"nB", 5}, {"theta", 14}}
	xor := runDend(t, 800, append(base, kv{"layout", LayoutClustered})...)
	if got := dendMetric(xor, "xor_ok"); got != 1 {
		t.Errorf("clustered: xor_ok = %g; soma peaks A %.3g, B %.3g, A+B %.3g, none %.3g mV, θ = 14",
			got, xor.last[trialA].soma, xor.last[trialB].soma, xor.last[trialAB].soma, xor.last[trialNone].soma)
	}
	or := runDend(t, 800, append(base, kv{"layout", LayoutDistributed})...)
	if got := dendMetric(or, "xor_ok"); got != 0 || !or.fires(trialAB) {
		t.Errorf("distributed: xor_ok = %g, A+B fires %v; want OR", got, or.fires(trialAB))
	}
	// Largest at threshold: the response to A alone falls as A grows past
	// the dCaAP threshold, unlike the passive branch.
	prev := math.Inf(1)
	for _, n := range []float64{5, 6, 7} {
		m := runDend(t, 400, kv{"branch", BranchDCaAP}, kv{"w", 1}, kv{"nA", n})
		s := m.last[trialA].soma
		if s >= prev {
			t.Errorf("dCaAP: soma peak for nA = %g is %.3g mV, not below %.3g for fewer synapses", n, s, prev)
		}
		prev = s
	}
}

func TestDendriteDeterministic(t *testing.T) {
	a := runDend(t, 500, kv{"branch", BranchDCaAP}, kv{"w", 2}, kv{"nA", 20}, kv{"nB", 20}, kv{"lambda", 100})
	b := runDend(t, 500, kv{"branch", BranchDCaAP}, kv{"w", 2}, kv{"nA", 20}, kv{"nB", 20}, kv{"lambda", 100})
	if a.v != b.v {
		t.Error("two runs with the same parameters differ")
	}
	for k, v := range a.v {
		if math.IsNaN(v) || v > 200 || v < -100 {
			t.Fatalf("node %d: V = %g mV", k, v)
		}
	}
}

func BenchmarkDendrite(b *testing.B) {
	m := NewDendrite()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		m.Step()
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(dendDT/1000/sec, "x_realtime")
}

func ExampleDendrite() {
	for _, layout := range []float64{LayoutDistributed, LayoutClustered} {
		m := NewDendrite()
		m.Set("layout", layout)
		m.Reset(1)
		for m.Time() < 400 {
			m.Step()
		}
		dst := make([]float64, len(m.Info().Metrics))
		m.Metrics(dst)
		fmt.Printf("%s: A+B %.3g mV, A + B %.3g mV, ratio %.3g\n",
			m.Info().Params[2].Choices[int(layout)], dst[0], dst[1], dst[2])
	}
	// Output:
	// distributed: A+B 11.9 mV, A + B 10.6 mV, ratio 1.13
	// clustered: A+B 17.9 mV, A + B 10.9 mV, ratio 1.63
}
