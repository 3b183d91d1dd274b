package sweep

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/network"
	"github.com/neurotutor/neurotutor/sim/neuron"
)

func hh() sim.Model { return neuron.NewHH() }

// TestHHFICurve checks the sweep reproduces the f–I values the hh lesson
// quotes: silence at 6.2 µA/cm², about 52 Hz at 6.3, 69 Hz at 10, 99 Hz at 30.
func TestHHFICurve(t *testing.T) {
	res, err := Run(context.Background(), Spec{New: hh, Param: "I", Values: []float64{6.2, 6.3, 10, 30},
		Seeds: []uint64{1}, Duration: 1000}, nil)
	if err != nil {
		t.Fatal(err)
	}
	k := res.MetricIndex("rate_hz")
	for i, want := range []float64{0, 52, 69, 99} {
		got := res.Stat(i, k).Mean
		if math.Abs(got-want) > 1 {
			t.Errorf("I = %g: rate %.2f Hz, want %g ± 1", res.Values[i], got, want)
		}
	}
}

func TestPoints(t *testing.T) {
	I := sim.Param{Key: "I", Min: 0, Max: 10, ValidMin: 0, ValidMax: 10, Step: 0.1}
	n := sim.Param{Key: "n", Min: 2, Max: 6, ValidMin: 2, ValidMax: 6, Step: 1, Integer: true}
	for _, c := range []struct {
		p    sim.Param
		a, b float64
		k    int
		want []float64
		err  string
	}{
		{I, 0, 1, 11, []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1}, ""},
		{I, 5, 5, 1, []float64{5}, ""},
		{n, 2, 6, 9, []float64{2, 3, 4, 5, 6}, ""},
		{I, 0, 11, 3, nil, "to 11 is not allowed for I: a number from 0 to 10"},
		{I, 3, 1, 3, nil, "from 3 is above to 1"},
		{I, 1, 1, 3, nil, "need a range"},
		{I, 0, 1, 0, nil, "at least 1"},
	} {
		got, err := Points(c.p, c.a, c.b, c.k)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("Points(%s, %g, %g, %d): error %v, want %q", c.p.Key, c.a, c.b, c.k, err, c.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("Points(%s, %g, %g, %d) = %v, %v; want %v", c.p.Key, c.a, c.b, c.k, got, err, c.want)
		}
	}
}

// TestSeedsAndDeterminism: a noisy model gives a spread across seeds, the
// same spec gives the same numbers, and one seed has no spread.
func TestSeedsAndDeterminism(t *testing.T) {
	spec := Spec{New: func() sim.Model { return network.NewWTA() }, Settings: []Setting{{"noise", 2}},
		Param: "beta", Values: []float64{0.2, 1}, Seeds: []uint64{1, 2, 3, 4}, Duration: 300}
	a, err := Run(context.Background(), spec, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Run(context.Background(), spec, nil)
	k := a.MetricIndex("gap")
	for i := range a.Values {
		if a.Stat(i, k) != b.Stat(i, k) {
			t.Errorf("point %d differs between two sweeps: %+v vs %+v", i, a.Stat(i, k), b.Stat(i, k))
		}
	}
	spread := false
	for i := range a.Values {
		for k := range a.Metrics {
			st := a.Stat(i, k)
			if st.SD < 0 || st.Min > st.Mean || st.Max < st.Mean {
				t.Errorf("point %d metric %s: inconsistent %+v", i, a.Metrics[k].Key, st)
			}
			spread = spread || st.SD > 0
		}
	}
	if !spread {
		t.Error("a noisy model shows no spread across four seeds")
	}
	spec.Seeds = spec.Seeds[:1]
	one, _ := Run(context.Background(), spec, nil)
	if st := one.Stat(0, 0); st.SD != 0 || st.Min != st.Max {
		t.Errorf("one seed has a spread: %+v", st)
	}
}

func TestProgressAndCancel(t *testing.T) {
	var seen []int
	_, err := Run(context.Background(), Spec{New: hh, Param: "I", Values: []float64{1, 2, 3}, Seeds: []uint64{1}, Duration: 10},
		func(done, total int) {
			if total != 3 {
				t.Errorf("total %d, want 3", total)
			}
			seen = append(seen, done)
		})
	if err != nil || !slices.Equal(seen, []int{1, 2, 3}) {
		t.Errorf("progress %v, err %v", seen, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err = Run(ctx, Spec{New: hh, Param: "I", Values: []float64{1, 2, 3, 4, 5, 6, 7, 8}, Seeds: []uint64{1}, Duration: 2000},
		func(int, int) { calls++; cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled sweep returned %v", err)
	}
	if calls >= 8 {
		t.Errorf("a cancelled sweep ran all %d points", calls)
	}
}

func TestBadSpec(t *testing.T) {
	_, err := Run(context.Background(), Spec{New: hh, Param: "J", Values: []float64{1}, Seeds: []uint64{1}, Duration: 1}, nil)
	var pe *sim.ParamError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), `no parameter "J"`) {
		t.Errorf("unknown parameter: %v", err)
	}
	_, err = Run(context.Background(), Spec{New: hh, Param: "I", Settings: []Setting{{"gK", 500}}, Values: []float64{1}, Seeds: []uint64{1}, Duration: 1}, nil)
	if !errors.As(err, &pe) {
		t.Errorf("out-of-range setting: %v", err)
	}
}
